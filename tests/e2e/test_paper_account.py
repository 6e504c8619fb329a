"""The paper account across a restart, with real windows (issue 12, point 6): a working and a filled order
sent from the ticket, a star in the market watch, a strategy made in the Strategies panel; the app closed and
started again with the same profile (the simulator on the same state file) shows them all as they were;
Venue → Reset paper account… starts over.

The simulator here is the test's own (the shared ``live_simulator`` stays in memory), its paper account in the
profile's folder as the app puts it (``app.demo.paper_state_path``)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton

from app.demo import demo_setup, paper_state_path
from app.panels import builtin_panels
from app.profiles import ProfileStore
from app.shell import Shell
from app.trading.install import install_trading
from app.venues import demo
from app.viewmodels.market_watch import instrument_key
from app.viewmodels.strategies import StrategiesViewModel
from services.domain import InstrumentId, OrderStatus
from services.simulator.server import EmbeddedSimulator
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_market_watch import click_star, panel_of, venue_has
from tests.e2e.test_order_ticket import choose, confirm_by_keyboard, send_by_keyboard, sent_by_ticket, touch
from tests.e2e.test_strategies import MARKET_MAKER
from tests.gui.test_order_ticket import stop_saving_with_the_window, type_into

PROFILE = "paper-trader"
BTC = InstrumentId("coinweight", "binance", "BTC-USDT")
STARRED = InstrumentId("coinweight", "okcoin", "ETH-BTC")
PANELS = ("order_ticket", "orders", "market_watch", "favourites", "strategies")


async def start_simulator(path: Path) -> EmbeddedSimulator:
    simulator = EmbeddedSimulator(seed=11, speed=1.0, state_path=path)
    await asyncio.to_thread(simulator.start)
    return simulator


def open_app(make_shell: Callable[..., Shell], simulator: EmbeddedSimulator) -> Shell:
    """The app's window on ``simulator`` with the profile PROFILE (as ``app.__main__`` makes it)."""

    def prepare(ctx) -> None:
        ctx.venues = demo(simulator.base_url, "demo")
        ctx.demo = demo_setup(simulator)
        install_trading(ctx, poll_interval=0.25)

    shell = make_shell(PROFILE, builtin_panels().subset(PANELS), prepare=prepare)
    stop_saving_with_the_window(shell)
    shell.window.resize(1600, 1200)
    return shell


async def strategies_of(shell: Shell) -> StrategiesViewModel:
    dock = shell.window.dock("strategies")
    dock.show()
    dock.raise_()
    vm = dock.widget().findChild(StrategiesViewModel)
    assert vm is not None
    await wait_until(lambda: vm.loaded, timeout=10)
    return vm


def strategy_names(vm: StrategiesViewModel) -> set[str]:
    model = vm.model
    return {model.record(row).name for row in range(model.rowCount())}


def order_ids(model) -> set[str]:
    return {model.record(row).order_id for row in range(model.rowCount())}


async def test_the_paper_account_survives_a_restart_and_a_reset_starts_over(make_shell, profile_root, qapp):
    qapp.setQuitOnLastWindowClosed(False)  # the first window closes before the second opens, as in a restart
    path = paper_state_path(ProfileStore(profile_root, PROFILE))
    simulator = await start_simulator(path)
    shell = open_app(make_shell, simulator)
    core = core_of(shell)
    try:
        await core.session("coinweight").login("demo", "demo")
        ticket, orders = shell.window.dock("order_ticket").widget(), shell.window.dock("orders").widget()
        await choose(ticket, "coinweight|binance", "BTC-USDT")
        bid, _ask = await touch(core, BTC)
        far = (bid * Decimal("0.6")).quantize(Decimal("0.01"))
        await send_by_keyboard(ticket, str(far), "0.001")  # a working order
        await wait_until(lambda: (s := sent_by_ticket(core, BTC, far)) is not None and s[1].order_id,
                         timeout=10)
        working = sent_by_ticket(core, BTC, far)[1].order_id
        ticket.set_order_type("market")
        type_into(ticket.quantity.input, "0.002")
        await confirm_by_keyboard(ticket)  # a filled one
        await wait_until(lambda: (s := sent_by_ticket(core, BTC, None)) is not None
                         and s[1].status is OrderStatus.FILLED, timeout=10)
        filled = sent_by_ticket(core, BTC, None)[1].order_id

        watch = panel_of(shell, "market_watch")
        key = instrument_key(STARRED)
        await wait_until(lambda: watch.row(key) is not None, timeout=10)
        assert not watch.row(key).favourite
        click_star(watch, key)
        await venue_has(core.session("coinweight"), STARRED, True)

        vm = await strategies_of(shell)
        name = f"kept {uuid.uuid4().hex[:6]}"
        strategies = vm.panel
        strategies.new_button.click()
        await wait_until(lambda: strategies.new_dialog is not None, timeout=5)
        strategies.new_dialog.name_edit.setText(name)
        assert strategies.new_dialog.set_symbol("binance", "ETH-USDT")
        strategies.new_dialog.ok_button().click()
        for field, text in MARKET_MAKER.items():
            strategies.form.editor(field).setText(text)
        strategies.form.save_button.click()
        await wait_until(lambda: name in strategy_names(vm), timeout=10)
        # the opening 2 BTC and what the market order bought, once the balance poll has seen the fill
        await wait_until(lambda: (b := core.accounts.available("coinweight", "binance", "BTC")) is not None
                         and b.total > Decimal(2), timeout=10)
        btc = core.accounts.available("coinweight", "binance", "BTC").total

        # close the app, start it again with the same profile
        await core.aclose()
        shell.window.close()
        await asyncio.to_thread(simulator.stop)
        simulator = await start_simulator(path)
        shell = open_app(make_shell, simulator)
        core = core_of(shell)
        await core.session("coinweight").login("demo", "demo")
        orders = shell.window.dock("orders").widget()
        await wait_until(lambda: working in order_ids(orders.active), timeout=10)
        orders.tabs.setCurrentIndex(1)  # History
        await wait_until(lambda: filled in order_ids(orders.history), timeout=10)
        watch = panel_of(shell, "market_watch")
        await wait_until(lambda: (row := watch.row(key)) is not None and row.favourite, timeout=10)
        assert panel_of(shell, "favourites").row(key) is not None
        vm = await strategies_of(shell)
        await wait_until(lambda: name in strategy_names(vm), timeout=10)
        await wait_until(lambda: (b := core.accounts.available("coinweight", "binance", "BTC")) is not None
                         and b.total == btc, timeout=10)

        # Venue -> Reset paper account...: asked with the profile's name, then everything starts over
        reset = shell.paper_reset
        assert reset is not None and reset.action.text() == "Reset paper account\u2026"
        reset.action.trigger()
        box = reset.confirmation
        assert isinstance(box, QMessageBox) and box.isVisible() and PROFILE in box.text()
        box.findChild(QPushButton, "paper.reset.yes").click()
        await wait_until(lambda: reset.task is not None and reset.task.done(), timeout=20)
        reset.task.result()
        await wait_until(lambda: core.session("coinweight").connected, timeout=10)
        await wait_until(lambda: (b := core.accounts.available("coinweight", "binance", "BTC")) is not None
                         and b.total == Decimal(2), timeout=10)
        assert working not in order_ids(orders.active)
        assert not (await core.session("coinweight").adapter.active_orders())
        favourites = panel_of(shell, "favourites")
        await wait_until(lambda: (row := watch.row(key)) is not None and not row.favourite, timeout=10)
        assert favourites.row(key) is None
        assert STARRED not in await core.session("coinweight").adapter.favourites()
        await wait_until(lambda: name not in strategy_names(vm), timeout=10)
    finally:
        await core.aclose()
        await asyncio.to_thread(simulator.stop)
        qapp.setQuitOnLastWindowClosed(True)
