"""Help -> Licence...: sign in to Aggregion, this device's key, the user's leases, bind / unbind.

A view: it emits what the user asked for and shows what it is told. Bad input is shown under its field and
nothing is emitted; a refusal from the distributor is shown under the leases (where the user clicked).
Unbinding asks first, naming the product.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setProperty("role", "fieldError")
    label.setStyleSheet("color: #e05555;")
    label.setWordWrap(True)
    label.hide()
    return label


class LicenceDialog(QDialog):
    signInRequested = Signal(str, str)
    bindRequested = Signal(int)
    unbindRequested = Signal(int)
    refreshRequested = Signal()

    COLUMNS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licenceDialog")
        self.setWindowTitle(self.tr("Licence"))
        self.resize(640, 460)
        layout = QVBoxLayout(self)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("licenceState")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)

        self.sign_in_box = QGroupBox(self.tr("Sign in to Aggregion"), self)
        form = QFormLayout(self.sign_in_box)
        self.login_edit = QLineEdit(self.sign_in_box)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit(self.sign_in_box)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_error = _error_label(self.sign_in_box, "loginError")
        self.password_error = _error_label(self.sign_in_box, "passwordError")
        login_column = QVBoxLayout()
        login_column.addWidget(self.login_edit)
        login_column.addWidget(self.login_error)
        password_column = QVBoxLayout()
        password_column.addWidget(self.password_edit)
        password_column.addWidget(self.password_error)
        form.addRow(self.tr("Login:"), login_column)
        form.addRow(self.tr("Password:"), password_column)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self.sign_in_box)
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.sign_in_error = _error_label(self.sign_in_box, "signInError")
        form.addRow(self.sign_in_button)
        form.addRow(self.sign_in_error)
        layout.addWidget(self.sign_in_box)

        self.device_label = QLabel(self)
        self.device_label.setObjectName("deviceKey")
        self.device_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.device_label)

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("leases")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("From"), self.tr("Until"), self.tr("Seats"), self.tr("This device")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.bind_button = QPushButton(self.tr("Use on this device"), self)
        self.bind_button.setObjectName("bind")
        self.bind_button.clicked.connect(self._on_bind)
        self.unbind_button = QPushButton(self.tr("Free this device's seat\u2026"), self)
        self.unbind_button.setObjectName("unbind")
        self.unbind_button.clicked.connect(self._on_unbind)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refreshRequested.emit)
        for button in (self.bind_button, self.unbind_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress")
        buttons.addWidget(self.progress_label)
        layout.addLayout(buttons)
        self.action_error = _error_label(self, "actionError")
        layout.addWidget(self.action_error)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        self._seated: list[bool] = []
        self._titles: list[str] = []
        self._busy = False
        self.confirmation: QMessageBox | None = None
        self.setSignedIn(False)

    # --- setters

    def setCredentials(self, login: str, password: str) -> None:
        self.login_edit.setText(login)
        self.password_edit.setText(password)

    def setSignedIn(self, signed_in: bool, who: str = "") -> None:
        self.sign_in_box.setVisible(not signed_in)
        self.table.setEnabled(signed_in)
        self.refresh_button.setEnabled(signed_in)
        if signed_in:
            self.sign_in_box.setTitle(self.tr("Signed in as {login}").format(login=who))
        self._update_buttons()

    def setStatus(self, text: str, ok: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("font-weight: bold;" + ("" if ok else " color: #e0a040;"))

    def setDevice(self, text: str) -> None:
        self.device_label.setText(text)

    def setLeases(self, rows: Sequence[tuple[str, str, str, str, bool]]) -> None:
        """``(product, from, until, seats, on this device)`` per lease."""
        self.table.setRowCount(len(rows))
        self._seated = [row[4] for row in rows]
        self._titles = [row[0] for row in rows]
        for r, (title, begin, until, seats, here) in enumerate(rows):
            here_text = self.tr("yes") if here else ""
            for c, text in enumerate((title, begin, until, seats, here_text)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self._update_buttons()

    def showFieldError(self, field: str, text: str) -> None:
        labels = {"login": self.login_error, "password": self.password_error}
        label = labels.get(field, self.sign_in_error)
        label.setText(text)
        label.setVisible(bool(text))
        if field in labels:
            (self.login_edit if field == "login" else self.password_edit).setFocus()

    def showError(self, text: str) -> None:
        target = self.action_error if not self.sign_in_box.isVisibleTo(self) else self.sign_in_error
        target.setText(text)
        target.setVisible(bool(text))

    def errorText(self, field: str = "action") -> str:
        label = {
            "login": self.login_error,
            "password": self.password_error,
            "signIn": self.sign_in_error,
        }.get(field, self.action_error)
        return label.text() if label.isVisibleTo(self) else ""

    def setBusy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress_label.setText(text if busy else "")
        self.sign_in_button.setEnabled(not busy)
        self._update_buttons()

    def isBusy(self) -> bool:
        return self._busy

    # --- internals

    def _clear_errors(self) -> None:
        for label in (self.login_error, self.password_error, self.sign_in_error, self.action_error):
            label.clear()
            label.hide()

    def _on_sign_in(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not login:
            self.showFieldError("login", self.tr("Enter your Aggregion login."))
            return
        if not password:
            self.showFieldError("password", self.tr("Enter your password."))
            return
        self.signInRequested.emit(login, password)

    def _row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _on_bind(self) -> None:
        row = self._row()
        if row < 0 or self._busy:
            return
        self._clear_errors()
        self.bindRequested.emit(row)

    def _on_unbind(self) -> None:
        row = self._row()
        if row < 0 or self._busy:
            return
        self._clear_errors()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Free the seat"),
            self.tr(
                "Free this device's seat of \u201c{title}\u201d? Tessera falls back to its free mode "
                "here until a lease is bound again."
            ).format(title=self._titles[row]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("confirmUnbind")
        box.buttonClicked.connect(
            lambda button, r=row, b=box: self._on_confirmed(b.standardButton(button), r)
        )
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    def _on_confirmed(self, button: QMessageBox.StandardButton, row: int) -> None:
        if button == QMessageBox.StandardButton.Yes:
            self.unbindRequested.emit(row)

    def _update_buttons(self) -> None:
        row = self._row()
        usable = not self._busy and self.table.isEnabled() and row >= 0
        self.bind_button.setEnabled(usable and not self._seated[row])
        self.unbind_button.setEnabled(usable and self._seated[row])
