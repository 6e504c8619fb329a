"""A one-line hint across the top of a window (what to do first), closed for good with its button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class HintBar(QWidget):
    dismissed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hintBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.setSpacing(8)
        self.label = QLabel(text, self)
        self.label.setObjectName("hintText")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("hintClose")
        self.close_button.setText(self.tr("Got it"))
        self.close_button.setToolTip(self.tr("Hide this hint for good"))
        self.close_button.clicked.connect(self._dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def text(self) -> str:
        return self.label.text()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
