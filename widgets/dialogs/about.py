"""Help -> About Tessera: the product and this device's licence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class AboutDialog(QDialog):
    def __init__(self, version: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Tessera"))
        self.setMinimumWidth(380)  # the licence line wraps into a paragraph, not a column of words
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Tessera {version}").format(version=version), self)
        title.setStyleSheet("font-weight: bold; font-size: 16px;")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("A trading terminal."), self))
        self.licence_label = QLabel(self)
        self.licence_label.setObjectName("licence")
        self.licence_label.setWordWrap(True)
        self.licence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.licence_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def setLicence(self, text: str) -> None:
        self.licence_label.setText(text)

    def licenceText(self) -> str:
        return self.licence_label.text()
