"""A one-line text that asks for no minimum width.

A ``QLabel`` is at least as wide as its text, so a long status line or a chart's OHLCV readout made its dock
(and the column of docks it sits in) that wide. :class:`ElidedLabel` takes the width its layout gives it and
elides the text to it (the whole text is its tooltip then). Inside, a ``QLabel`` of fixed size paints it:
Qt passes a label's every ``setText`` up to the main window's layout unless the label's size is fixed, so a
text that ticks lays nothing out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QWidget):
    """``asks_for_text``: its size hint is its text's width (a layout gives it that room when there is
    some; each new text lays its row out again), else nothing (a ticking text given a stretch)."""

    def __init__(self, parent: QWidget | None = None, *, asks_for_text: bool = False) -> None:
        super().__init__(parent)
        self._asks_for_text = asks_for_text
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._text = ""
        self.label = QLabel(self)
        self.label.setFixedSize(0, self.label.sizeHint().height())

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._show_text()
        if self._asks_for_text:
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        wide = self.label.fontMetrics().horizontalAdvance(self._text) + 2 if self._asks_for_text else 0
        return QSize(wide, self.label.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.label.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setFixedSize(self.width(), self.label.height())
        self.label.move(0, (self.height() - self.label.height()) // 2)
        self._show_text()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # another line height
            self.label.setFixedSize(self.width(), self.label.sizeHint().height())
            self.updateGeometry()

    def _show_text(self) -> None:
        metrics = self.label.fontMetrics()
        shown = metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        if shown != self.label.text():
            self.label.setText(shown)
            self.setToolTip("" if shown == self._text else self._text)
