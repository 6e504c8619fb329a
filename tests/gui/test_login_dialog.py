"""The login dialog as a view: Enter submits without closing, busy blocks a second submit and Esc, errors stay
in the dialog, the password is masked, "Remember me" is disabled without a keyring."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from widgets.dialogs.login import LoginDialog


@pytest.fixture
def dialog(qtbot) -> LoginDialog:
    dialog = LoginDialog("coin-weight")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_asks_to_log_in_and_the_dialog_stays_open(qtbot, dialog):
    requests = []
    dialog.loginRequested.connect(lambda *args: requests.append(args))
    qtbot.keyClicks(dialog.login_edit, "alice")
    qtbot.keyClicks(dialog.password_edit, "pa55")
    dialog.remember_box.setChecked(True)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert requests == [("alice", "pa55", True)]
    assert dialog.isVisible()
    assert dialog.venue_label.text() == "coin-weight"


def test_the_password_is_masked(dialog):
    assert dialog.password_edit.echoMode() is QLineEdit.EchoMode.Password


def test_missing_fields_are_explained_and_nothing_is_sent(qtbot, dialog):
    requests = []
    dialog.loginRequested.connect(lambda *args: requests.append(args))
    qtbot.keyClicks(dialog.login_edit, "alice")
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert requests == []
    assert dialog.errorText() == "Enter your password."


def test_busy_disables_the_buttons_and_ignores_enter_and_escape(qtbot, dialog):
    requests = []
    dialog.loginRequested.connect(lambda *args: requests.append(args))
    dialog.setCredentials("alice", "pa55")
    dialog.setBusy(True)
    assert not dialog.login_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.busy_label.isVisibleTo(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert requests == [] and dialog.isVisible()
    dialog.setBusy(False)
    dialog.showError("Password error")
    assert dialog.errorText() == "Password error"
    assert dialog.login_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_finish_closes_as_accepted(dialog):
    dialog.finish()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_without_a_keyring_remember_me_is_disabled_and_says_why(dialog):
    dialog.setRemember(True)
    dialog.setRememberAvailable(False, "No system keyring is available")
    assert not dialog.remember_box.isEnabled()
    assert not dialog.remember_box.isChecked()
    assert dialog.remember_box.toolTip() == "No system keyring is available"
    dialog.setBusy(True)
    dialog.setBusy(False)
    assert not dialog.remember_box.isEnabled()  # busy ending does not re-enable it


def test_a_message_shows_above_the_fields(dialog):
    dialog.setMessage("coinweight ended the session: please log in again.")
    assert dialog.message_label.isVisibleTo(dialog)
    dialog.setMessage("")
    assert not dialog.message_label.isVisibleTo(dialog)
