"""The Strategies panel in the real shell against the live simulator: a SingleMarketMaker made from the
venue's template trades for real (its orders at the venue and in the OrderStore), Stop cancels them, Leave
keeps them; an Arbitrage start shows the venue's refusal."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.panels import builtin_panels
from app.viewmodels.strategies import StrategiesViewModel
from services.domain import InstrumentId, Order, Side, StrategySpec, StrategyStatus
from tests.conftest import wait_until
from tests.e2e.conftest import core_of

ETH_USDT = InstrumentId("coinweight", "binance", "ETH-USDT")
SCREENSHOT = "strategies.png"  # under the test's tmp_path
# Small and far from the market: 2 levels a side of 0.01 ETH, 2 % and more from the mid, requoted each minute
MARKET_MAKER = {
    ("symbols", 0, "orderNumber"): "2",
    ("symbols", 0, "spreadPct"): "4",
    ("symbols", 0, "orderQty"): "0.01",
    ("symbols", 0, "qtyVar"): "0",
    ("symbols", 0, "priceStep"): "5",
    ("symbols", 0, "priceVar"): "0",
    ("symbols", 0, "middlePriceStep"): "1",
    ("symbols", 0, "replaceDelay"): "60",
    ("symbols", 0, "margin1"): "1",
    ("symbols", 0, "margin2"): "500",
}


@pytest.fixture
async def opened(trading_shell):
    """The shell logged in to coin-weight with the Strategies panel raised. Each test logs out at its end:
    pytest-qt closes the window before async fixtures are torn down, outside the running loop, and panels
    that re-subscribe when hidden must not find the session logged in then."""
    shell = trading_shell(builtin_panels())
    shell.window.resize(1600, 1300)
    core = core_of(shell)
    session = core.session("coinweight")
    await session.login("demo", "demo")
    dock = shell.window.dock("strategies")
    dock.show()
    dock.raise_()
    shell.window.resizeDocks([dock], [460], Qt.Orientation.Vertical)
    panel = dock.widget()
    vm = panel.findChild(StrategiesViewModel)
    assert vm is not None
    await wait_until(lambda: vm.loaded, timeout=10)
    return shell, core, session, panel, vm


def ours(orders: list[Order], before: set[str]) -> list[Order]:
    return [o for o in orders if o.instrument == ETH_USDT and o.order_id not in before]


async def test_market_maker_from_template_start_stop_and_leave(opened, tmp_path):
    shell, core, session, panel, vm = opened
    adapter = session.adapter
    name = f"e2e mm {uuid.uuid4().hex[:6]}"
    before = {o.order_id for o in await adapter.active_orders()}
    strategy_id = ""
    left: list[Order] = []
    try:
        panel.new_button.click()
        await wait_until(lambda: panel.new_dialog is not None, timeout=5)
        dialog = panel.new_dialog
        dialog.name_edit.setText(name)
        assert dialog.set_symbol("binance", "ETH-USDT")
        dialog.ok_button().click()
        form = panel.form
        assert form.heading.text() == name
        for path, text in MARKET_MAKER.items():
            form.editor(path).setText(text)
        assert form.is_valid(), form.problems()
        form.save_button.click()
        await wait_until(lambda: panel.current_strategy() is not None, timeout=5)
        strategy_id = panel.current_strategy()
        saved = next(s for s in await adapter.strategies() if s.strategy_id == strategy_id)
        entry = saved.params["symbols"][0]
        assert (saved.name, entry["symbol"], entry["currency1"], entry["currency2"]) == (
            name,
            "ETH-USDT",
            "ETH",
            "USDT",
        )
        assert entry["spreadPct"] == Decimal("0.04") and entry["orderNumber"] == 2

        # Start: Starting at once, then Running, and the ladder is at the venue and in the store
        panel.start_button.click()
        assert vm.row(strategy_id).state is StrategyStatus.STARTING
        assert not panel.start_button.isEnabled()
        await wait_until(lambda: vm.row(strategy_id).state is StrategyStatus.RUNNING, timeout=10)
        assert panel.stop_button.isEnabled() and panel.leave_button.isEnabled()
        ladder = ours(list(await adapter.active_orders()), before)
        assert len(ladder) == 4
        assert {o.side for o in ladder} == {Side.BUY, Side.SELL}
        assert all(o.quantity == Decimal("0.0100") for o in ladder)
        ids = {o.order_id for o in ladder}
        await wait_until(lambda: ids <= _active_in_store(core), timeout=10)
        await wait_until(lambda: vm.row(strategy_id).orders >= 4, timeout=5)
        await wait_until(lambda: panel.form.heading.text() == name)
        assert shell.window.grab().save(str(tmp_path / SCREENSHOT))

        # Stop (cancel): Stopped, and the orders are gone at the venue and in the store
        panel.stop_button.click()
        assert vm.row(strategy_id).state is StrategyStatus.STOPPING
        await wait_until(lambda: vm.row(strategy_id).state is StrategyStatus.STOPPED, timeout=10)
        assert not ids & {o.order_id for o in await adapter.active_orders()}
        await wait_until(lambda: not ids & _active_in_store(core), timeout=10)

        # Start again, then Leave: Stopped, and the new orders stay on the book
        panel.start_button.click()
        await wait_until(lambda: vm.row(strategy_id).state is StrategyStatus.RUNNING, timeout=10)
        left = ours(list(await adapter.active_orders()), before | ids)
        assert len(left) == 4
        panel.leave_button.click()
        await wait_until(lambda: vm.row(strategy_id).state is StrategyStatus.STOPPED, timeout=10)
        still = {o.order_id for o in await adapter.active_orders()}
        assert {o.order_id for o in left} <= still
        await wait_until(lambda: {o.order_id for o in left} <= _active_in_store(core), timeout=10)
        assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled()
    finally:
        for order in left:
            await adapter.cancel_order(order)
        if strategy_id:
            await adapter.delete(next(s for s in await adapter.strategies() if s.strategy_id == strategy_id))
        await session.logout()


async def test_starting_an_arbitrage_shows_the_venues_refusal(opened, tmp_path):
    shell, _core, session, panel, vm = opened
    adapter = session.adapter
    arbitrage = await adapter.save(
        StrategySpec(
            name=f"e2e arb {uuid.uuid4().hex[:6]}",
            strategy_type="Arbitrage",
            venue="coinweight",
            exchange="binance",
            params={
                "symbols": [
                    {
                        "name": "ETH-USDT",
                        "symbol": "ETH-USDT",
                        "expiredSeconds": 30,
                        "margins": [
                            {
                                "currency1": "ETH",
                                "margin1": 1,
                                "currency2": "USDT",
                                "margin2": 1000,
                                "counterParty": "binance",
                            },
                            {
                                "currency1": "ETH",
                                "margin1": 1,
                                "currency2": "USDT",
                                "margin2": 1000,
                                "counterParty": "huobi",
                            },
                        ],
                        "exchange1": "binance",
                        "exchange2": "huobi",
                        "buySpread": 0.002,
                        "sellSpread": 0.002,
                        "maxOrderQty": 0.5,
                    }
                ]
            },
        )
    )
    try:
        await wait_until(lambda: vm.row(arbitrage.strategy_id) is not None, timeout=5)
        panel.select_strategy(arbitrage.strategy_id)
        assert "Arbitrage" in panel.form.subheading.text()
        assert panel.form.editor(("symbols", 0, "margins", 1, "counterParty")).currentData() == "huobi"

        panel.start_button.click()

        await wait_until(lambda: "cannot run in the simulator" in panel.error_text(), timeout=5)
        assert arbitrage.name in panel.error_text()
        assert vm.row(arbitrage.strategy_id).state is StrategyStatus.STOPPED
        assert panel.start_button.isEnabled()
        assert shell.window.grab().save(str(tmp_path / "strategies-refusal.png"))
    finally:
        await adapter.delete(arbitrage)
        await session.logout()


def _active_in_store(core) -> set[str]:
    return {order.order_id for _key, order in core.orders.orders(active=True, venue="coinweight")}
