"""Labels whose changing numbers do not make their neighbours move.

A label's width follows its text, so a value that ticks from "1,341,235.54" to "1,341,235.5" to
"1,341,236.12" lays out its parent again at every change: in the status bar, the whole bar moves and
repaints, a few times a second. A steady label only ever grows (to the widest text it has shown) until it is
told to start over.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def set_steady_text(label: QLabel, text: str) -> None:
    """``label.setText(text)``, its minimum width raised to fit (never lowered: see :func:`release_width`)."""
    if label.text() == text:
        return
    label.setText(text)
    width = label.sizeHint().width()
    if width > label.minimumWidth():
        label.setMinimumWidth(width)


def release_width(label: QLabel) -> None:
    """Let ``label`` shrink to its text again (its values were cleared, or their kind changed)."""
    label.setMinimumWidth(0)
