"""Texts that change all the time without laying out the window again.

Qt passes a label's ``updateGeometry`` (every ``setText`` calls it) up through every layout to the main
window, whether or not a size changed: a status-bar value or the chart's readout ticking a few times a second
laid out the main window as often, and each time it repainted docks and the status bar. Qt stops that walk
at a widget of fixed size, so:

- :func:`set_steady_text` keeps a label at a fixed size that only grows (to the widest text it has shown),
  until :func:`release_width`;
- :class:`PaintedText` is a line of text that paints itself and keeps room for the widest text it has shown
  (for the chart's readout, whose length changes with every bar under the mouse).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

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


class PaintedText(QWidget):
    """One line of text, painted: a new text repaints this widget only. It keeps room for the widest text it
    has shown (its layout is asked again only when a text needs more), so it never shrinks under the mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._color: QColor | None = None
        self._room = 0
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str, color: QColor | None = None) -> None:
        if (text, color) == (self._text, self._color):
            return
        self._text, self._color = text, color
        width = self.fontMetrics().horizontalAdvance(text)
        if width > self._room:
            self._room = width
            self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._room, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # room measured in the new font
            self._room = self.fontMetrics().horizontalAdvance(self._text)
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self._color if self._color is not None else self.palette().windowText().color())
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
