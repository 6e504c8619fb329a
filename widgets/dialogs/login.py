"""Log in to one venue: login, masked password, "Remember me"; errors stay in the dialog.

The dialog is a view. Enter (or "Log in") emits ``loginRequested``; it does not close: the view-model calls
``finish()`` when the venue accepted the credentials, or ``showError()`` when it did not. While ``busy`` the
fields and buttons are disabled, Enter and Esc do nothing (no double submit, no dialog vanishing under a
request in flight).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class LoginDialog(QDialog):
    loginRequested = Signal(str, str, bool)  # login, password, remember
    loginEdited = Signal(str)  # the user finished editing the login (a remembered password may exist)

    def __init__(self, venue_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to {venue}").format(venue=venue_name))
        self.setMinimumWidth(340)
        self._busy = False
        self._remember_available = True

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("loginMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.venue_label = QLabel(venue_name, self)
        self.venue_label.setObjectName("loginVenue")
        font = self.venue_label.font()
        font.setBold(True)
        self.venue_label.setFont(font)
        form.addRow(self.tr("Venue"), self.venue_label)
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("loginName")
        self.login_edit.editingFinished.connect(lambda: self.loginEdited.emit(self.login_edit.text().strip()))
        form.addRow(self.tr("Login"), self.login_edit)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password"), self.password_edit)
        self.remember_box = QCheckBox(self.tr("Remember me"), self)
        self.remember_box.setObjectName("loginRemember")
        form.addRow("", self.remember_box)
        layout.addLayout(form)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.busy_label = QLabel(self.tr("Logging in\u2026"), self)
        self.busy_label.setObjectName("mutedLabel")
        self.busy_label.hide()
        layout.addWidget(self.busy_label)

        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- what the view-model sets
    def setCredentials(self, login: str, password: str) -> None:
        self.login_edit.setText(login)
        self.password_edit.setText(password)
        (self.password_edit if login else self.login_edit).setFocus()

    def setRemember(self, remember: bool) -> None:
        self.remember_box.setChecked(remember)

    def setRememberAvailable(self, available: bool, reason: str | None = None) -> None:
        """Without a keyring the box is disabled; its tooltip says why."""
        self._remember_available = available
        self.remember_box.setEnabled(available and not self._busy)
        if not available:
            self.remember_box.setChecked(False)
        self.remember_box.setToolTip(
            (reason or "") if not available else self.tr("Keep the password in the system keyring")
        )

    def setMessage(self, text: str) -> None:
        """A notice above the fields (e.g. why a new login is needed)."""
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def showError(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        if text:
            self.password_edit.setFocus()
            self.password_edit.selectAll()

    def errorText(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def isBusy(self) -> bool:
        return self._busy

    def setBusy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.login_edit, self.password_edit, self.login_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.remember_box.setEnabled(not busy and self._remember_available)
        self.busy_label.setVisible(busy)
        if busy:
            self.error_label.hide()

    def finish(self) -> None:
        """The venue accepted the login: close."""
        self._busy = False
        super().accept()

    # --- QDialog
    def accept(self) -> None:
        if self._busy:
            return
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not login:
            self.showError(self.tr("Enter your login."))
            self.login_edit.setFocus()
            return
        if not password:
            self.showError(self.tr("Enter your password."))
            return
        self.loginRequested.emit(login, password, self.remember_box.isChecked())

    def reject(self) -> None:
        if not self._busy:
            super().reject()
