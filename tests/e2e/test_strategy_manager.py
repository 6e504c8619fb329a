"""The Strategy manager (RAMM.STORE) in the real shell against the live simulator over loopback, as a user.

Log in through company discovery from the window's login dialog; create a strategy in the window's create
form; open two follower accounts on it from Accounts → Open…; link it to the demo CHP portfolio; a market buy
of 10 SBER from the main window's order ticket becomes a signal with Lot +10 and each follower's SBER
position becomes 10 x its factor (shown in the Copy trading dock); pausing a follower (confirmed) closes its
positions. Then a manager without the right (``viewer``) logs in from the window and gets the venue's
access_denied in the form where they clicked. (Bad input in every form: tests/gui/test_strategy_manager.py.)
"""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal
from typing import Any, TypeVar

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
from services.ramm.enums import AccountStatus
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_order_ticket import choose, confirm_by_keyboard, parts, touch
from tests.gui.test_order_ticket import type_into
from widgets.common.record_table import RecordTableModel
from widgets.common.status import LightState
from widgets.strategy_manager.forms import FieldForm, FollowerForm, RammLoginDialog, StrategyForm
from widgets.strategy_manager.window import StrategyManagerWindow

SBER = InstrumentId("chp", "MOEX", "SBER")
PORTFOLIO = "ST100001-MO-01"
TRADER = 1  # client "demo" (the demo trader) and its wallet
FOLLOWERS = {7: Decimal(2), 8: Decimal("0.5")}  # client -> factor of the follower accounts opened here


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
    await wait_until(lambda: any(d.isVisible() for d in window.findChildren(RammLoginDialog)))
    dialog = shown_form(window, RammLoginDialog)
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


FormT = TypeVar("FormT", bound=FieldForm)


def records(model: RecordTableModel) -> list[dict[str, Any]]:
    return [dict(model.record(row) or {}) for row in range(model.rowCount())]


def shown_form(window: StrategyManagerWindow, kind: type[FormT]) -> FormT:
    """The form of ``kind`` on screen (one closed earlier may wait for its deferred deletion)."""
    form = next((f for f in window.findChildren(kind) if f.isVisible()), None)
    assert form is not None, kind
    return form


def fill(form: FieldForm, values: dict[str, str]) -> None:
    for field, text in values.items():
        form.edits[field].setText(text)
    form.buttons.accepted.emit()  # Enter


async def closed(form: FieldForm) -> None:
    await wait_until(lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=10)


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

        # create a strategy in the window's form (the demo trader's, money from its wallet)
        await wait_until(lambda: window.strategies.model.rowCount() > 0, timeout=10)
        window.new_strategy_button.click()
        form = shown_form(window, StrategyForm)
        name = f"E2E {uuid.uuid4().hex[:8]}"
        fill(form, {"ClientID": str(TRADER), "WalletID": str(TRADER), "Name": name, "Money": "5000"})
        await closed(form)
        strategies = window.strategies
        await wait_until(lambda: any(r["Name"] == name for r in records(strategies.model)))
        strategy_id = next(r["ID"] for r in records(strategies.model) if r["Name"] == name)
        strategies.select(strategy_id)
        copy_view = window.copy_trading
        await wait_until(lambda: copy_view.link_button.isEnabled(), timeout=10, message="not linkable")

        # it has no followers yet: open two from Accounts -> Open... (money from each client's wallet)
        for client_id, factor in FOLLOWERS.items():
            window.show_dock("accounts")
            window.open_account_button.click()
            follower_form = shown_form(window, FollowerForm)
            assert follower_form.edits["StrategyID"].text() == str(strategy_id)  # the selected strategy
            fill(follower_form, {"ClientID": str(client_id), "Money": "1000", "Factor": f"{factor}"})
            await closed(follower_form)
        followers = window.strategy_detail.followers
        await wait_until(lambda: followers.rowCount() == len(FOLLOWERS), timeout=10)
        factors = {r["ID"]: Decimal(str(r["Factor"])) for r in records(followers)}
        assert sorted(factors.values()) == sorted(FOLLOWERS.values())

        # link it to the demo CHP portfolio
        assert copy_view.select_account("chp", PORTFOLIO), copy_view.account_combo.count()
        copy_view.link_button.click()
        copy = services.copy
        await wait_until(lambda: copy.link is not None and copy.signals and copy.signals[0].sync)
        await wait_until(lambda: copy.signals[0].delivery is Delivery.SENT, message=str(copy.signals[:1]))
        assert PORTFOLIO in copy_view.link_label.text() and name in copy_view.link_label.text()
        kept = load_link(shell.ctx.profile.panel_settings(LINK_SETTINGS))  # the link survives a restart
        assert kept is not None and (kept.strategy_id, kept.account) == (strategy_id, PORTFOLIO)

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

        def shown_signals() -> list[dict[str, object]]:
            return records(copy_view.signals)

        def signal_shown() -> bool:
            return any(
                r["symbol"] == "SBER" and r["lot"] == "+10" and r["signal_id"] for r in shown_signals()
            )

        await wait_until(signal_shown, timeout=10, message=str(copy.signals))
        assert len([r for r in copy.signals if r.symbol == "SBER" and not r.sync]) == 1  # sent once

        # every follower's SBER position is 10 x its factor, shown in the Copy trading dock
        def sber_shown() -> dict[int, Decimal]:
            rows = records(copy_view.positions)
            return {
                r["AccountID"]: Decimal(str(r["VolumeOpen"])) for r in rows if r and r["Symbol"] == "SBER"
            }

        expected = {account: (10 * factor).quantize(Decimal("0.01")) for account, factor in factors.items()}
        await wait_until(
            lambda: all(sber_shown().get(a) == v for a, v in expected.items()),
            timeout=10,
            message=f"{sber_shown()} != {expected}",
        )

        # pause one follower from the Accounts list: confirmed, its positions are closed
        follower = min(factors)
        window.show_dock("accounts")
        window.accounts.search_edit.setText(str(strategy_id))
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
        await wait_until(
            lambda: window.accounts.model.record_by_id(follower)["Status"] == AccountStatus.PAUSE, timeout=10
        )
        copy_view.refresh_button.click()
        others = {a: v for a, v in expected.items() if a != follower}
        await wait_until(lambda: follower not in sber_shown() and others.items() <= sber_shown().items())

        # a manager without the right: log in as viewer from the window, create -> access_denied in the form
        services.copy.unlink()
        window.logout_button.click()
        await wait_until(lambda: window.login_button.isVisible(), timeout=10)
        window.login_button.click()
        await log_in(window, "viewer")
        before = (await services.session.client.strategies_search()).pagination.TotalRecords
        window.new_strategy_button.click()
        form = shown_form(window, StrategyForm)
        fill(form, {"ClientID": str(TRADER), "WalletID": str(TRADER), "Name": f"{name}b", "Money": "100"})
        await wait_until(lambda: form.message_label.isVisible(), timeout=10)
        assert "access_denied" in form.message_label.text()
        assert form.isVisible() and not form.busy  # still there to correct or cancel
        assert (await services.session.client.strategies_search()).pagination.TotalRecords == before
        form.reject()
        window.close()  # the window's own arrangement is kept in the profile
        assert shell.ctx.profile.panel_settings("strategy_manager").get("layout")
    finally:
        await close_ramm(shell)
        if shiboken6.isValid(window):
            window.close()
        QApplication.processEvents()
