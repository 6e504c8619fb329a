"""The Strategy manager (RAMM.STORE) in the real shell against the live simulator over loopback.

Log in through company discovery from the window's login dialog; link the demo trader's strategy to the demo
CHP portfolio; a market buy of 10 SBER from the order ticket becomes a signal with Lot +10 and every active
follower's SBER position becomes 10 x its factor; pausing a follower (confirmed) closes its positions. Bad
input in the create form is told at the fields and sends nothing; a manager without the right gets the
venue's access_denied in the form.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from app.panels import builtin_panels
from app.ramm_session import LINK_SETTINGS, install_ramm, load_link, ramm
from app.shell import Shell
from app.trading.install import install_trading
from app.venues import demo
from services.domain import ConnectionState, InstrumentId
from services.ramm.copy_trading import Delivery
from services.ramm.enums import AccountStatus, AccountType
from services.ramm.search import Query
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_order_ticket import choose, confirm_by_keyboard, parts, touch
from tests.gui.test_order_ticket import type_into
from widgets.common.status import LightState
from widgets.strategy_manager.forms import RammLoginDialog, StrategyForm
from widgets.strategy_manager.window import StrategyManagerWindow

SBER = InstrumentId("chp", "MOEX", "SBER")
PORTFOLIO = "ST100001-MO-01"
DEMO_STRATEGY = 1  # owned by the demo trader (client "demo")


@pytest.fixture
def ramm_shell(make_shell, live_simulator):
    def make() -> Shell:
        def prepare(ctx: AppContext) -> None:
            ctx.venues = demo(live_simulator.base_url, "demo")
            install_trading(ctx, poll_interval=0.25)
            install_ramm(ctx, heartbeat_interval=1.0)

        return make_shell("trader", builtin_panels(), prepare=prepare)

    return make


async def open_manager(shell: Shell) -> StrategyManagerWindow:
    action = shell.window.findChild(QAction, "action.venue.ramm.manager")
    assert action is not None
    action.trigger()
    assert shell.strategy_manager is not None and shell.strategy_manager.window is not None
    return shell.strategy_manager.window


async def log_in(window: StrategyManagerWindow, login: str = "demo") -> None:
    await wait_until(lambda: window.findChild(RammLoginDialog) is not None)
    dialog = window.findChild(RammLoginDialog)
    dialog.edits["login"].setText(login)
    dialog.edits["password"].setText("demo")
    dialog.buttons.accepted.emit()  # Enter: the login's companies
    await wait_until(lambda: dialog.company_combo.count() >= 1, message="no companies discovered")
    assert "(demo)" in dialog.company_combo.itemText(0)
    dialog.buttons.accepted.emit()  # Enter again: into the chosen company
    await wait_until(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10)


async def close_ramm(shell: Shell) -> None:
    services = ramm(shell.ctx)
    if services is not None:
        services.copy.unlink()
        await services.aclose()
    await core_of(shell).session("chp").logout()  # the CHP session and its feeds end with the test
    await asyncio.sleep(0.3)  # the feeds' last cancellations (Feed._cancel_keys) finish on this loop


async def test_copy_trading_from_the_terminal(ramm_shell) -> None:
    shell = ramm_shell()
    core = core_of(shell)
    services = ramm(shell.ctx)
    assert services is not None
    light = shell.indicators["ramm"]
    assert light.state is LightState.DISCONNECTED
    window = await open_manager(shell)
    try:
        await log_in(window)
        session = services.session
        assert session.state is ConnectionState.CONNECTED and session.company is not None
        assert session.company.URL.endswith("/ramm/dc1")  # the company's access server
        assert light.state is LightState.CONNECTED
        chp = core.session("chp")
        await chp.login("demo", "demo")
        await wait_until(lambda: any(a.name == PORTFOLIO for a in chp.accounts))
        await wait_until(lambda: window.strategies.model.row_of(DEMO_STRATEGY) is not None, timeout=10)
        window.strategies.select(DEMO_STRATEGY)
        copy_view = window.copy_trading
        await wait_until(
            lambda: copy_view.link_button.isEnabled(), timeout=10, message="strategy not linkable"
        )
        assert window.strategy_detail.curve.getData()[0] is not None
        copy_view.account_combo.setCurrentText(PORTFOLIO)
        copy_view.link_button.click()
        copy = services.copy
        await wait_until(lambda: copy.link is not None and copy.signals and copy.signals[0].sync)
        await wait_until(lambda: copy.signals[0].delivery is Delivery.SENT, message=str(copy.signals[:1]))
        assert PORTFOLIO in copy_view.link_label.text()
        kept = load_link(shell.ctx.profile.panel_settings(LINK_SETTINGS))  # the link survives a restart
        assert kept is not None and (kept.strategy_id, kept.account) == (DEMO_STRATEGY, PORTFOLIO)

        client = session.client
        accounts = (await client.accounts_search(Query({"StrategyID": DEMO_STRATEGY}))).rows
        followers = {
            a.ID: a.Factor
            for a in accounts
            if a.Type != AccountType.REAL_SECURITY and a.Status == AccountStatus.ACTIVE
        }
        assert followers

        # buy 10 SBER by hand: the order ticket of the main window, market, in the linked portfolio
        ticket, _orders = parts(shell)
        await choose(ticket, "chp|MOEX", "SBER")
        ticket.unit_combo.setCurrentIndex(ticket.unit_combo.findData("shares"))
        ticket.account_combo.setCurrentText(PORTFOLIO)
        ticket.set_order_type("market")
        await touch(core, SBER)
        type_into(ticket.quantity.input, "10")
        await confirm_by_keyboard(ticket)
        await wait_until(lambda: ticket.outcome()[0] in ("info", "error"), timeout=10)
        assert ticket.outcome()[0] == "info", ticket.outcome()[1]

        def sent_lot_10() -> bool:
            return any(
                r.symbol == "SBER" and r.lot == 10 and r.delivery is Delivery.SENT and not r.sync
                for r in copy.signals
            )

        await wait_until(sent_lot_10, timeout=10, message=str(copy.signals))
        shown = [copy_view.signals.record(i) for i in range(copy_view.signals.rowCount())]
        assert any(r["symbol"] == "SBER" and r["lot"] == "+10" for r in shown), shown
        assert len([r for r in copy.signals if r.symbol == "SBER" and not r.sync]) == 1  # sent once

        async def sber_of(account_id: int) -> Decimal:
            page = await client.positions_search(Query({"AccountID": account_id, "Symbol": "SBER"}))
            return sum((p.VolumeOpen or Decimal(0) for p in page.rows), Decimal(0))

        for account_id, factor in followers.items():
            assert await sber_of(account_id) == (Decimal(10) * (factor or 0)).quantize(Decimal("0.01"))
        await wait_until(lambda: copy_view.positions.rowCount() > 0, message="followers' positions not shown")

        # pause one follower from the Accounts list: confirmed, its positions are closed
        follower = next(iter(followers))
        window.show_dock("accounts")
        window.accounts.search_edit.setText(str(DEMO_STRATEGY))
        window.accounts.search_edit.returnPressed.emit()
        await wait_until(lambda: window.accounts.model.row_of(follower) is not None, timeout=10)
        window.accounts.select(follower)
        await wait_until(lambda: window.account_detail.positions.rowCount() > 0, timeout=10)
        window.pause_button.click()
        await wait_until(lambda: window.findChild(QMessageBox, "confirmBox") is not None)
        box = window.findChild(QMessageBox, "confirmBox")
        assert "closed at market" in box.text() and "SBER" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await wait_until(lambda: window.account_detail.positions.rowCount() == 0, timeout=10)
        assert await sber_of(follower) == 0
        paused = await client.accounts_get(follower)
        assert paused.Status == AccountStatus.PAUSE
        await client.accounts_resume(follower)  # leave the shared book as it was
    finally:
        await close_ramm(shell)
        if shiboken6.isValid(window):
            window.close()
        QApplication.processEvents()


async def test_bad_input_is_told_at_the_field_and_a_missing_right_where_clicked(ramm_shell) -> None:
    shell = ramm_shell()
    services = ramm(shell.ctx)
    assert services is not None
    window = await open_manager(shell)
    try:
        await log_in(window, "viewer")
        client = services.session.client
        before = (await client.strategies_search()).pagination.TotalRecords
        window.new_strategy_button.click()
        form = window.findChild(StrategyForm)
        assert form is not None
        for field, text in {
            "ClientID": "x",
            "WalletID": "",
            "Name": "n" * 51,
            "Money": "-5",
            "FeeRate": "2",
            "Protection": "1",
            "Target": "0",
            "CommissionRate": "-1",
        }.items():
            form.edits[field].setText(text)
        form.buttons.accepted.emit()
        for field in form.edits:
            assert form.errors[field].isVisible() and form.errors[field].text(), field
        assert not form.busy
        # valid input from a manager without strategies.add: the venue's access_denied in the form
        for field, text in {
            "ClientID": "1",
            "WalletID": "1",
            "Name": "Tessera e2e",
            "Money": "100",
            "FeeRate": "0.2",
            "Protection": "0.5",
            "Target": "",
            "CommissionRate": "",
        }.items():
            form.edits[field].setText(text)
        form.buttons.accepted.emit()
        await wait_until(lambda: form.message_label.isVisible(), timeout=10)
        assert "access_denied" in form.message_label.text() or "right" in form.message_label.text()
        assert (await client.strategies_search()).pagination.TotalRecords == before
        form.reject()
        window.close()  # the window's own arrangement is kept in the profile
        assert shell.ctx.profile.panel_settings("strategy_manager").get("layout")
    finally:
        await close_ramm(shell)
        if shiboken6.isValid(window):
            window.close()
        QApplication.processEvents()
