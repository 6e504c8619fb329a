"""The exchange API keys a venue holds per counterparty: list (secrets masked as the venue returns them), add,
delete after a non-blocking confirmation. Venue errors are shown in the dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.common.record_table import Column, RecordTableModel, RecordTableView


class ApiKeysDialog(QDialog):
    addRequested = Signal(str, str, str)  # counterparty, api key, secret key
    deleteRequested = Signal(str)  # counterparty (the user confirmed)

    def __init__(self, venue_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("apiKeysDialog")
        self.setWindowTitle(self.tr("{venue} API keys").format(venue=venue_name))
        self.resize(520, 380)
        self.confirmation: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)

        self.model = RecordTableModel(
            [
                Column("counterparty", self.tr("Counterparty")),
                Column("api_key", self.tr("API key")),
                Column("secret", self.tr("Secret key")),
            ],
            key="counterparty",
            parent=self,
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("apiKeysTable")
        self.table.setSelectionMode(RecordTableView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.empty_label = QLabel(self.tr("No API keys yet."), self)
        self.empty_label.setObjectName("mutedLabel")
        row.addWidget(self.empty_label, 1)
        self.delete_button = QPushButton(self.tr("Delete\u2026"), self)
        self.delete_button.setObjectName("apiKeyDelete")
        self.delete_button.clicked.connect(self.confirm_delete)
        row.addWidget(self.delete_button)
        layout.addLayout(row)

        add_box = QGroupBox(self.tr("Add a key"), self)
        form = QFormLayout(add_box)
        self.counterparty_combo = QComboBox(add_box)
        self.counterparty_combo.setObjectName("apiKeyCounterparty")
        form.addRow(self.tr("Counterparty"), self.counterparty_combo)
        self.api_key_edit = QLineEdit(add_box)
        self.api_key_edit.setObjectName("apiKeyEdit")
        form.addRow(self.tr("API key"), self.api_key_edit)
        self.secret_edit = QLineEdit(add_box)
        self.secret_edit.setObjectName("apiSecretEdit")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Secret key"), self.secret_edit)
        self.add_button = QPushButton(self.tr("Add"), add_box)
        self.add_button.setObjectName("apiKeyAdd")
        self.add_button.clicked.connect(self._on_add)
        form.addRow("", self.add_button)
        for edit in (self.api_key_edit, self.secret_edit):
            edit.textChanged.connect(lambda _text: self._update_buttons())
            edit.returnPressed.connect(self._on_add)
        layout.addWidget(add_box)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._busy = False
        self._update_buttons()

    # --- what the view-model sets
    def setCounterparties(self, counterparties: Sequence[str]) -> None:
        current = self.counterparty_combo.currentText()
        self.counterparty_combo.clear()
        self.counterparty_combo.addItems(list(counterparties))
        if current in counterparties:
            self.counterparty_combo.setCurrentText(current)

    def setKeys(self, keys: Sequence[tuple[str, str, str]]) -> None:
        """(counterparty, api key, masked secret) per key the venue holds."""
        self.model.reset(
            {"counterparty": cp, "api_key": api_key, "secret": secret} for cp, api_key, secret in keys
        )
        self.empty_label.setVisible(not keys)
        self._update_buttons()

    def isBusy(self) -> bool:
        return self._busy

    def setBusy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def showError(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def errorText(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def clearForm(self) -> None:
        self.api_key_edit.clear()
        self.secret_edit.clear()

    # --- user actions
    def confirm_delete(self) -> QMessageBox | None:
        """Ask (without blocking) before deleting the selected key; Yes emits ``deleteRequested``."""
        selected = self.table.selected_ids()
        if not selected or self._busy:
            return None
        counterparty = str(selected[0])
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete API key"),
            self.tr("Delete the API key for {counterparty}? The venue forgets the secret.").format(
                counterparty=counterparty
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(
            lambda button: self.deleteRequested.emit(counterparty) if button is yes else None
        )
        self.confirmation = box
        box.open()
        return box

    def _on_add(self) -> None:
        if not self.add_button.isEnabled():
            return
        self.showError("")
        self.addRequested.emit(
            self.counterparty_combo.currentText(), self.api_key_edit.text().strip(), self.secret_edit.text()
        )

    def _update_buttons(self) -> None:
        ready = bool(self.api_key_edit.text().strip() and self.secret_edit.text())
        self.add_button.setEnabled(ready and not self._busy and self.counterparty_combo.count() > 0)
        self.delete_button.setEnabled(bool(self.table.selected_ids()) and not self._busy)
