"""The "are you sure?" dialog of order actions (place, modify, cancel), with "Don't ask again".

It is always opened with ``open()`` (window-modal, never ``exec()``); the caller connects ``accepted``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class OrderConfirmDialog(QDialog):
    def __init__(
        self,
        title: str,
        text: str,
        accept_text: str,
        parent: QWidget,
        *,
        role: str = "",  # "buy" / "sell": colours the accept button like the order's side
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderConfirmDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("confirmText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        self.dont_ask = QCheckBox(self.tr("Don't ask again"), self)
        self.dont_ask.setToolTip(self.tr("You can turn the confirmation back on in the order ticket's menu"))
        layout.addWidget(self.dont_ask)
        self.buttons = QDialogButtonBox(self)
        self.accept_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setDefault(True)
        if role:
            self.accept_button.setProperty("role", role)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def dont_ask_again(self) -> bool:
        return self.dont_ask.isChecked()
