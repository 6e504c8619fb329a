"""Logging in through the login dialog against the live simulator: Venue menu, Enter, errors in the dialog,
"Remember me" in the (in-memory) keyring, demo prefill, busy state, a refused session, the status light."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from app.demo import demo_setup
from app.shell import Shell
from services.domain import ConnectionState
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.gui.conftest import test_registry
from widgets.common.status import LightState as Light
from widgets.dialogs.login import LoginDialog

VENUE = "coinweight"
SECRET = "not-the-demo-pw-7f3a"


def open_from_menu(shell: Shell) -> LoginDialog:
    action = shell.window.findChild(QAction, f"action.venue.{VENUE}.login")
    assert action is not None and action.isEnabled()
    action.trigger()
    dialog = shell.venue_access.login_dialog(VENUE)
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_and_enter(dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login_edit.clear()
    dialog.password_edit.clear()
    QTest.keyClicks(dialog.login_edit, login)
    QTest.keyClicks(dialog.password_edit, password)
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def keyring(shell: Shell) -> dict:
    return shell.ctx.credentials.backend.passwords


@pytest.fixture
def shell(trading_shell) -> Shell:
    return trading_shell(test_registry())


async def test_log_in_through_the_dialog_and_out_from_the_menu(shell):
    session = core_of(shell).session(VENUE)
    dialog = open_from_menu(shell)
    assert dialog.login_edit.text() == "" and dialog.password_edit.text() == ""  # not the simulator: no demo
    type_and_enter(dialog, "demo", "demo")
    assert dialog.isBusy() and not dialog.login_button.isEnabled()
    await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    await wait_until(lambda: shell.venue_access.login_dialog(VENUE) is None)
    assert shell.indicators[VENUE].state is Light.CONNECTED
    assert "Logged in as demo" in shell.indicators[VENUE].toolTip()
    assert shell.ctx.profile.panels["venue_login"][VENUE] == "demo"
    assert keyring(shell) == {}  # "Remember me" was not ticked
    logout = shell.window.findChild(QAction, f"action.venue.{VENUE}.logout")
    assert logout.isEnabled()
    logout.trigger()
    await wait_until(lambda: session.state is ConnectionState.DISCONNECTED)
    assert not logout.isEnabled()
    assert shell.indicators[VENUE].state is Light.DISCONNECTED


async def test_a_wrong_password_is_shown_in_the_dialog_and_nothing_is_stored(shell, caplog):
    caplog.set_level(logging.DEBUG)
    session = core_of(shell).session(VENUE)
    dialog = open_from_menu(shell)
    dialog.remember_box.setChecked(True)
    type_and_enter(dialog, "demo", SECRET)
    await wait_until(lambda: not dialog.isBusy())
    assert dialog.errorText() == "Password error"
    assert dialog.isVisible() and shell.venue_access.login_dialog(VENUE) is dialog
    assert session.state is ConnectionState.FAILED
    assert shell.indicators[VENUE].state is Light.FAILED
    assert keyring(shell) == {}
    assert (
        "venue_login" not in shell.ctx.profile.panels or VENUE not in shell.ctx.profile.panels["venue_login"]
    )
    assert SECRET not in caplog.text  # the password is never logged
    type_and_enter(dialog, "demo", "demo")  # the dialog is still usable
    await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    assert keyring(shell) == {("Tessera", "coinweight:demo"): "demo"}
    await session.logout()


async def test_remember_me_stores_in_the_keyring_and_the_next_dialog_is_prefilled(shell):
    session = core_of(shell).session(VENUE)
    dialog = open_from_menu(shell)
    assert dialog.remember_box.isEnabled()
    dialog.remember_box.setChecked(True)
    type_and_enter(dialog, "demo", "demo")
    await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    assert keyring(shell) == {("Tessera", "coinweight:demo"): "demo"}
    await session.logout()
    await wait_until(lambda: shell.venue_access.login_dialog(VENUE) is None)
    again = open_from_menu(shell)
    assert again is not dialog
    assert (again.login_edit.text(), again.password_edit.text()) == ("demo", "demo")
    assert again.remember_box.isChecked()
    again.remember_box.setChecked(False)  # unticking forgets the stored password
    QTest.keyClick(again.password_edit, Qt.Key.Key_Return)
    await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    assert keyring(shell) == {}
    await session.logout()


async def test_on_the_simulator_the_demo_credentials_are_prefilled(shell, live_simulator):
    shell.ctx.demo = demo_setup(live_simulator)
    dialog = open_from_menu(shell)
    assert (dialog.login_edit.text(), dialog.password_edit.text()) == ("demo", "demo")
    dialog.reject()


async def test_an_unreachable_venue_is_explained_in_the_dialog(shell, live_simulator):
    session = core_of(shell).session(VENUE)
    rule = live_simulator.context.faults.add(path="/user/login$", drop_before=True, times=1)
    try:
        dialog = open_from_menu(shell)
        type_and_enter(dialog, "demo", "demo")
        await wait_until(lambda: not dialog.isBusy())
    finally:
        live_simulator.context.faults.remove(rule.rule_id)
    assert dialog.errorText().startswith("coin-weight cannot be reached")
    assert dialog.isVisible()
    assert session.state is ConnectionState.DISCONNECTED


async def test_while_logging_in_enter_and_escape_do_nothing(shell, live_simulator):
    session = core_of(shell).session(VENUE)
    rule = live_simulator.context.faults.add(path="/user/login$", latency_before=0.5, times=1)
    try:
        dialog = open_from_menu(shell)
        submitted = []
        dialog.loginRequested.connect(lambda *args: submitted.append(args))
        type_and_enter(dialog, "demo", "demo")
        assert dialog.isBusy()
        QTest.keyClick(dialog, Qt.Key.Key_Return)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert len(submitted) == 1 and dialog.isVisible()
        assert not dialog.cancel_button.isEnabled()
        await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    finally:
        live_simulator.context.faults.remove(rule.rule_id)
    await session.logout()


async def test_a_refused_session_opens_the_dialog_with_its_message(shell):
    session = core_of(shell).session(VENUE)
    await session.login("demo", "demo")
    session.adapter.client.set_token("expired-or-foreign")  # the venue now answers 403 to every poll
    await wait_until(lambda: shell.venue_access.login_dialog(VENUE) is not None)
    dialog = shell.venue_access.login_dialog(VENUE)
    assert "ended the session" in dialog.message_label.text()
    await wait_until(lambda: session.state is ConnectionState.FAILED)
    type_and_enter(dialog, "demo", "demo")
    await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    await session.logout()


async def test_a_session_with_a_remembered_password_logs_in_again_by_itself(shell):
    session = core_of(shell).session(VENUE)
    assert shell.ctx.credentials.set(VENUE, "demo", "demo")  # "Remember me" was ticked at an earlier login
    await session.login("demo", "demo")
    states: list[ConnectionState] = []
    session.state_changed.connect(lambda state, _detail: states.append(state))
    session.adapter.client.set_token("expired-or-foreign")  # the venue now answers 403 to every poll
    await wait_until(lambda: ConnectionState.FAILED in states, timeout=10)
    await wait_until(lambda: session.state is ConnectionState.CONNECTED, timeout=10)
    assert shell.venue_access.login_dialog(VENUE) is None  # nobody had to type anything
    await wait_until(lambda: any("logged in again" in t.label.text() for t in shell.window.toasts.toasts()))
    await session.logout()


async def test_a_click_on_a_grey_or_red_light_opens_the_dialog(shell):
    session = core_of(shell).session(VENUE)
    indicator = shell.indicators[VENUE]
    await session.login("demo", "demo")
    QTest.mouseClick(indicator, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert shell.venue_access.login_dialog(VENUE) is None  # green: nothing to do
    await session.logout()
    assert indicator.state is Light.DISCONNECTED
    QTest.mouseClick(indicator, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    dialog = shell.venue_access.login_dialog(VENUE)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


async def test_venues_with_a_session_are_not_probed(shell):
    assert VENUE not in shell.probe.venues()
    assert "ramm" in shell.probe.venues()
    assert "dxregister" not in shell.probe.venues()  # the back office's light is its session (issue 9)
