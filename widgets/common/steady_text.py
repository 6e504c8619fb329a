"""Texts that change all the time without laying out the window again.

Qt passes a label's ``updateGeometry`` (every ``setText`` calls it) up through every layout to the main
window, whether or not a size changed: a status-bar value ticking a few times a second laid out the main
window as often, and each time it repainted docks and the status bar. Qt stops that walk at a widget of
fixed size, so :func:`set_steady_text` keeps a label at a fixed size that only grows (to the widest text it
has shown), until :func:`release_width`.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

UNBOUNDED = 16_777_215  # QWIDGETSIZE_MAX


def set_steady_text(label: QLabel, text: str) -> None:
    """``label.setText(text)`` at a fixed size that fits it: it grows for a wider text, never shrinks."""
    if label.text() == text and label.minimumSize() == label.maximumSize():
        return
    label.setText(text)
    hint = label.sizeHint()
    size = QSize(max(hint.width(), label.minimumWidth()), hint.height())
    if label.minimumSize() != size or label.maximumSize() != size:
        label.setFixedSize(size)


def release_width(label: QLabel) -> None:
    """Let ``label`` follow its text again (its values were cleared, or their kind changed)."""
    label.setMinimumSize(0, 0)
    label.setMaximumSize(UNBOUNDED, UNBOUNDED)
