"""The back office (dxRegister) through the real windows against a simulator of its own over loopback:
Venue -> Back office..., log in as demo, deposit to the demo trader's CHP portfolio and see its cash rise in
the Portfolio panel, revoke the trade permission and see the next CHP order refused at the ticket in the
venue's words; bad input in a dialog is told at the field and sends nothing; the dxRegister light shows the
session and its last /ping.

A simulator of its own: the test takes the demo trader's trade permission away (the session-wide one is
shared by other tests).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.context import AppContext
from app.panels import builtin_panels
from app.trading.install import install_trading
from app.venues import demo
from services.domain import InstrumentId
from services.dxregister import DxRegisterClient
from services.simulator.server import EmbeddedSimulator
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_order_ticket import choose, send_by_keyboard, touch
from tests.gui.test_order_ticket import stop_saving_with_the_window, type_into
from widgets.back_office.accounts import AccountsView
from widgets.back_office.form import FormDialog
from widgets.back_office.window import BackOfficeWindow
from widgets.common.status import LightState
from widgets.panels.order_ticket import on_grid

PORTFOLIO = "ST100001-MO-01"
ACCOUNT = f"ITI/{PORTFOLIO}"
SBER = InstrumentId("chp", "MOEX", "SBER")


@pytest.fixture(scope="module")
def own_simulator():
    with EmbeddedSimulator(seed=5) as simulator:
        yield simulator


@pytest.fixture
async def desk(make_shell, own_simulator):
    """The real shell (portfolio, ticket, journal) on ``own_simulator``, logged in to CHP as demo."""

    def prepare(ctx: AppContext) -> None:
        ctx.venues = demo(own_simulator.base_url, "demo")
        install_trading(ctx, poll_interval=0.25)

    registry = builtin_panels().subset(("journal", "order_ticket", "portfolio", "accounts"))
    shell = make_shell("desk", registry, prepare=prepare)
    stop_saving_with_the_window(shell)
    shell.window.resize(1300, 800)
    core = core_of(shell)
    await core.session("chp").login("demo", "demo")
    yield shell, core
    if shell.back_office is not None:
        await shell.back_office.back_office.aclose()
    await core.aclose()


async def open_back_office(shell) -> BackOfficeWindow:
    """Venue -> Back office..., and the login dialog it opens (demo / default / demo filled in for the demo
    simulator only when it is the embedded one: here typed)."""
    action = shell.window.findChild(QAction, "action.venue.back_office")
    assert action is not None and action.text() == "Back office\u2026"
    action.trigger()
    window = shell.back_office.window
    assert isinstance(window, BackOfficeWindow) and window.isVisible()
    dialog = shell.back_office.login_dialog
    assert isinstance(dialog, FormDialog) and dialog.isVisible()
    dialog.set_value("login", "")
    dialog.ok_button.click()  # nothing typed: told at the field, nothing sent
    assert dialog.field_error("login") == "Enter your login."
    assert shell.back_office.back_office.session.state.value == "disconnected"
    type_into(dialog.inputs["login"], "demo")
    dialog.set_value("domain", "default")
    type_into(dialog.inputs["password"], "demo")
    dialog.ok_button.click()
    await wait_until(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10)
    return window


async def test_deposit_shows_in_the_portfolio_and_a_revoked_permission_refuses_the_next_order(desk):
    shell, core = desk
    light = shell.indicators["dxregister"]
    assert light.state is LightState.DISCONNECTED
    window = await open_back_office(shell)
    await wait_until(lambda: light.state is LightState.CONNECTED and light.latency_ms is not None, timeout=5)
    assert "demo@default" in light.toolTip() or "demo@default" in window.session_label.text()

    accounts = window.show_panel("accounts")
    assert isinstance(accounts, AccountsView)
    await wait_until(lambda: accounts.model.record_by_id(ACCOUNT) is not None, timeout=10)
    accounts.table.selectRow(
        accounts.table.proxy.mapFromSource(accounts.model.index(accounts.model.row_of(ACCOUNT), 0)).row()
    )
    await wait_until(lambda: accounts.transfer_buttons["deposit"].isEnabled())
    assert accounts.permission_text() == "default/demo"

    # the account's categories: put it in Commissions: VIP
    accounts.category_button.click()
    dialog = shell.back_office.accounts.dialog
    group = dialog.inputs["group"]
    await wait_until(lambda: group.findData("Commissions\tVIP") >= 0, timeout=10)
    dialog.set_value("group", "Commissions\tVIP")
    dialog.ok_button.click()
    await wait_until(lambda: "Commissions: VIP" in accounts.facts["categories"].text(), timeout=10)

    portfolio = shell.window.dock("portfolio").widget()
    trader_accounts = shell.window.dock("accounts").widget()  # the trader's Accounts panel, by the portfolio
    await wait_until(lambda: trader_accounts.model.record_by_id(ACCOUNT) is not None, timeout=10)
    balance_before = trader_accounts.model.record_by_id(ACCOUNT).balance
    await wait_until(lambda: core.accounts.available("chp", PORTFOLIO, "RUB") is not None, timeout=10)
    cash_before = core.accounts.available("chp", PORTFOLIO, "RUB").total

    # bad input: a message at the field, nothing sent
    accounts.transfer_buttons["deposit"].click()
    dialog = shell.back_office.accounts.dialog
    assert isinstance(dialog, FormDialog) and dialog.isVisible()
    type_into(dialog.inputs["amount"], "-5")
    dialog.set_value("currency", "USD")
    dialog.ok_button.click()
    assert dialog.field_error("amount") == "The amount must be more than zero."
    assert dialog.field_error("currency") == "The account holds RUB only."
    type_into(dialog.inputs["amount"], "ten")
    dialog.ok_button.click()
    assert dialog.field_error("amount") == "Enter an amount, e.g. 10000.00."
    assert shell.back_office.accounts.transfers == {}
    assert core.accounts.available("chp", PORTFOLIO, "RUB").total == cash_before

    # 10,000 RUB in: the Portfolio panel's money rises by it
    type_into(dialog.inputs["amount"], "10000")
    dialog.set_value("currency", "RUB")
    type_into(dialog.inputs["description"], "e2e deposit")
    dialog.ok_button.click()
    await wait_until(lambda: not dialog.isVisible(), timeout=10)
    assert len(shell.back_office.accounts.transfers) == 1
    await wait_until(
        lambda: core.accounts.available("chp", PORTFOLIO, "RUB").total == cash_before + 10000, timeout=10
    )
    shown = f"{(cash_before + 10000).quantize(Decimal('0.01')):,}"
    await wait_until(lambda: shown in portfolio.summary.text(), timeout=5)
    await wait_until(lambda: accounts.history.rowCount() == 1, timeout=5)
    await wait_until(
        lambda: trader_accounts.model.record_by_id(ACCOUNT).balance == balance_before + 10000, timeout=5
    )

    # the transfer edited by its id: only the difference moves; too big a withdrawal is refused at the field
    transfer_id = next(iter(shell.back_office.accounts.transfers))
    accounts.editTransferRequested.emit(transfer_id)
    dialog = shell.back_office.accounts.dialog
    assert dialog.values()["amount"] == "10000"
    type_into(dialog.inputs["amount"], "12000")
    dialog.ok_button.click()
    await wait_until(lambda: not dialog.isVisible(), timeout=10)
    assert list(shell.back_office.accounts.transfers) == [transfer_id]
    assert accounts.history.record_by_id(transfer_id).amount == 12000
    await wait_until(  # in the CHP portfolio too (a transfer right after the login is not lost to its resync)
        lambda: core.accounts.available("chp", PORTFOLIO, "RUB").total == cash_before + 12000, timeout=10
    )
    await wait_until(lambda: accounts.model.record_by_id(ACCOUNT).balance == cash_before + 12000, timeout=10)
    accounts.transfer_buttons["withdrawal"].click()
    dialog = shell.back_office.accounts.dialog
    type_into(dialog.inputs["amount"], "999999999")
    dialog.ok_button.click()
    assert dialog.field_error("amount").startswith("More than the balance (")
    dialog.reject()

    # revoke the trade permission (confirmed, naming the user and the account)
    accounts.revoke_button.click()
    box = window.findChild(QMessageBox, "confirmBox")
    assert box is not None and "default/demo" in box.text() and ACCOUNT in box.text()
    box.findChild(QPushButton, "confirmYes").click()
    await wait_until(lambda: "may no longer trade" in accounts.message_text(), timeout=10)

    # the next order on that portfolio is refused by the venue, in its words, at the ticket
    ticket = shell.window.dock("order_ticket").widget()
    await choose(ticket, "chp|MOEX", "SBER")
    index = ticket.account_combo.findText(PORTFOLIO)
    assert index >= 0
    ticket.account_combo.setCurrentIndex(index)
    ticket.set_order_type("limit")
    bid, _ask = await touch(core, SBER)
    price = on_grid(bid * Decimal("0.8"), ticket.spec().price_step)
    await send_by_keyboard(ticket, f"{price}", "10")
    await wait_until(lambda: ticket.outcome()[0] in ("info", "error"), timeout=10)
    level, text = ticket.outcome()
    assert level == "error", text
    assert "has no trade permission on this account" in text, text


async def test_clients_notifications_import_and_sessions(desk, tmp_path, own_simulator):
    shell, _core = desk
    window = await open_back_office(shell)
    office = shell.back_office

    # clients: create (bad input first: at the field, nothing sent), search, disable (confirmed)
    clients = window.show_panel("clients")
    await wait_until(lambda: clients.model.record_by_id("default/trader2") is not None, timeout=10)
    known = clients.model.rowCount()
    clients.buttons["clientCreate"].click()
    dialog = office.clients.dialog
    type_into(dialog.inputs["login"], "new one")
    type_into(dialog.inputs["email"], "nope")
    dialog.ok_button.click()
    assert dialog.field_error("login") == "Letters, digits and _ . @ - only."
    assert dialog.field_error("email") == "Not an e-mail address (name@example.com)."
    assert dialog.field_error("password") == "At least 4 characters."
    assert not dialog.is_busy() and dialog.isVisible()  # nothing sent
    clients.refreshRequested.emit()
    await wait_until(lambda: clients.status_label.text() == f"{known} clients", timeout=10)
    type_into(dialog.inputs["login"], "newbie")
    type_into(dialog.inputs["full_name"], "New Bie")
    type_into(dialog.inputs["email"], "newbie@example.com")
    type_into(dialog.inputs["password"], "secret1")
    type_into(dialog.inputs["account"], "NEWBIE-USD-01")
    dialog.ok_button.click()
    await wait_until(lambda: clients.model.record_by_id("default/newbie") is not None, timeout=10)
    assert not dialog.isVisible()
    type_into(clients.search, "bie")
    assert clients.visible_keys() == ["default/newbie"]
    clients.select("default/newbie")

    # a second account for the new client, a group, and market data the venue does not know
    clients.buttons["clientAccount"].click()
    dialog = office.clients.dialog
    type_into(dialog.inputs["account"], "NEWBIE-EUR-01")
    dialog.set_value("currency", "eu")
    dialog.ok_button.click()
    assert dialog.field_error("currency") == "A three-letter currency code, e.g. USD."
    dialog.set_value("currency", "EUR")
    dialog.ok_button.click()
    await wait_until(
        lambda: "NEWBIE-EUR-01" in clients.model.record_by_id("default/newbie").accounts, timeout=10
    )
    assert clients.status_label.text() == "Account ITI/NEWBIE-EUR-01 opened for default/newbie."
    clients.select("default/newbie")
    clients.buttons["clientGroups"].click()
    dialog = office.clients.dialog
    dialog.set_value("group", "default@vip")
    dialog.ok_button.click()
    await wait_until(lambda: "default@vip" in clients.model.record_by_id("default/newbie").groups, timeout=10)
    clients.select("default/newbie")
    clients.buttons["clientMarketData"].click()
    dialog = office.clients.dialog
    dialog.ok_button.click()
    assert dialog.field_error("account_id") == "The client's dxFeed account id."
    assert dialog.field_error("feeds") == "Name at least one feed."
    type_into(dialog.inputs["account_id"], "DXF-404")
    type_into(dialog.inputs["feeds"], "NYSE")
    dialog.ok_button.click()
    await wait_until(
        lambda: "[30007]" in dialog.message_text(), timeout=10
    )  # the venue's refusal, in the dialog
    dialog.reject()

    clients.select("default/newbie")
    clients.buttons["clientDisable"].click()
    box = window.findChild(QMessageBox, "confirmBox")
    assert "New Bie (default/newbie)" in box.text()
    box.findChild(QPushButton, "confirmYes").click()
    await wait_until(lambda: clients.model.record_by_id("default/newbie").status == "DISABLED", timeout=10)

    # notifications: the limits at the field, then sent and its delivery per recipient
    panel = window.show_panel("notifications")
    panel.compose_button.click()
    dialog = office.notifications.dialog
    type_into(dialog.inputs["subject"], "x" * 256)
    dialog.ok_button.click()
    assert dialog.field_error("subject") == "At most 255 characters (256 now)."
    assert dialog.field_error("recipients") == "Name at least one recipient, or send to all."
    assert dialog.field_error("message") == "Write the message."
    assert office.notifications.sent == {}
    picker = dialog.inputs["recipients_picker"]  # the recipients picker lists the clients
    await wait_until(lambda: picker.findData("default/trader2") >= 0, timeout=10)
    picker.activated.emit(picker.findData("default/trader2"))
    assert dialog.values()["recipients"] == "default/trader2" and dialog.field_error("recipients") == ""
    dialog.inputs["recipients"].setText(dialog.inputs["recipients"].text() + ", default/demo")
    type_into(dialog.inputs["subject"], "Maintenance")
    dialog.inputs["message"].setPlainText("The platform restarts at 22:00 UTC.")
    dialog.ok_button.click()
    await wait_until(lambda: panel.delivery.rowCount() == 2, timeout=10)
    recipients = {panel.delivery.record(r).recipient: panel.delivery.record(r) for r in range(2)}
    assert set(recipients) == {"default/trader2", "default/demo"}
    assert recipients["default/trader2"].read == "not yet"
    reader = DxRegisterClient.create(f"{own_simulator.base_url}/dxweb/rest")  # trader2 logs in: it is read
    await reader.login("trader2", "default", "demo")
    await reader.aclose()
    panel.delivery_button.click()
    await wait_until(lambda: panel.delivery.record_by_id("default/trader2").read != "not yet", timeout=10)
    assert panel.delivery.record_by_id("default/demo").read == "not yet"
    panel.expiration_button.click()  # the expiration: in the past is refused at the field, then changed
    dialog = office.notifications.dialog
    dialog.set_value("expiration", "2001-01-01 00:00")
    dialog.ok_button.click()
    assert dialog.field_error("expiration") == "The expiration must be in the future."
    dialog.set_value("expiration", "2099-01-01 00:00")
    dialog.ok_button.click()
    await wait_until(lambda: "now expires 2099-01-01 00:00 UTC" in panel.status.text(), timeout=10)

    # transaction import: one good row, one bad (unknown symbol), one the file itself gets wrong
    path = tmp_path / "transactions.csv"
    path.write_text(
        "transactionId,action,accountCode,symbol,quantity,activityType,costBasis\n"
        f"S9:A1,CREATE,{PORTFOLIO},RUB,250,DEPOSIT,\n"
        f"S9:A2,CREATE,{PORTFOLIO},NOPE,1,,-1\n"
        f"S9:A3,CREATE,{PORTFOLIO},RUB,lots,,\n",
        encoding="utf-8",
    )
    imports = window.show_panel("import")
    office.imports.import_file(str(path))
    await wait_until(lambda: imports.model.rowCount() == 3, timeout=10)
    rows = {imports.model.record(r).transaction_id: imports.model.record(r) for r in range(3)}
    assert rows["S9:A1"].outcome == "created" and not rows["S9:A1"].error_text
    assert rows["S9:A2"].outcome == "failed" and rows["S9:A2"].error_code == "SYMBOL_NOT_FOUND"
    assert rows["S9:A3"].outcome == "not sent" and "quantity" in rows["S9:A3"].error_text
    assert imports.summary.text() == "transactions.csv: 1 imported, 2 failed."

    # sessions: check a password, an SSO token made and inspected, a logout confirmed by name
    sessions = window.show_panel("sessions")
    sessions.buttons["sessionsCheck"].click()
    assert sessions.field_error("login") == "Enter the user's login."
    sessions.set_value("login", "trader2")
    sessions.inputs["password"].setText("wrong")
    sessions.buttons["sessionsCheck"].click()
    await wait_until(lambda: sessions.result.text() not in ("", "Asking the venue\u2026"), timeout=10)
    assert "[30016]" in sessions.result.text()
    sessions.buttons["sessionsGenerate"].click()
    await wait_until(lambda: sessions.value("token") != "", timeout=10)
    sessions.buttons["sessionsInfo"].click()
    await wait_until(lambda: sessions.result.text().startswith("default/trader2"), timeout=10)
    sessions.buttons["logoutByLogin"].click()
    box = window.findChild(QMessageBox, "confirmBox")
    assert "default/trader2" in box.text()
    box.findChild(QPushButton, "confirmYes").click()
    await wait_until(lambda: "session(s) closed" in sessions.result.text(), timeout=10)

    reference = window.show_panel("reference")
    await wait_until(lambda: reference.tree.topLevelItemCount() == 2, timeout=10)

    # the window keeps its own arrangement: a panel closed stays closed when it opens again
    window.docks["reference"].close()
    window.close()
    saved = shell.ctx.profile.panel_settings("back_office_window")
    assert saved["state"] and saved["geometry"]
    await wait_until(lambda: not shiboken6.isValid(window), timeout=5)
    again = office.open()
    assert again is not window and again.isVisible()
    assert not again.docks["reference"].isVisible() and again.docks["accounts"].isVisible()

    # logging out greys the dxRegister light; a click on it asks for the login again
    again.logout_button.click()
    light = shell.indicators["dxregister"]
    await wait_until(lambda: light.state is LightState.DISCONNECTED, timeout=10)
    assert light.latency_ms is None and "Click to log in" in light.toolTip()
    light.clicked.emit("dxregister")
    dialog = office.login_dialog
    assert dialog is not None and dialog.isVisible()

    # a plain client (no back-office rights) is told so by the venue, where the lists are
    dialog.set_value("login", "trader2")
    dialog.set_value("password", "wrong")
    dialog.ok_button.click()
    await wait_until(lambda: "[30016]" in dialog.message_text(), timeout=10)
    assert light.state is LightState.FAILED
    dialog.set_value("password", "demo")
    dialog.ok_button.click()
    await wait_until(lambda: light.state is LightState.CONNECTED, timeout=10)
    accounts = again.show_panel("accounts")
    await wait_until(lambda: "[20020]" in accounts.message_text(), timeout=10)
    assert accounts.message_text().startswith("Could not load the accounts: ")
