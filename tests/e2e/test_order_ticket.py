"""The order ticket end to end: the real shell and trading core against the live simulator over loopback.

The demo user is shared by every test of the session: each test uses prices far from the market (or a size
the balance cannot pay), finds its own order by its client id, and cancels what it leaves open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.panels import builtin_panels
from app.trading.bridge import QtTrading
from app.trading.install import SERVICE_NAME
from app.venues import demo
from app.workspace import WorkspaceRegistry
from services.domain import InstrumentId, Order, OrderStatus
from services.http import Timeouts
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.core import TradingCore
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.gui.test_order_ticket import stop_saving_with_the_window, type_into
from widgets.panels.order_ticket import OrderTicketView, on_grid
from widgets.panels.orders import OrdersPanel

BTC = InstrumentId("coinweight", "binance", "BTC-USDT")
READ_TIMEOUT = 0.8  # s: the impatient session gives up on an answer this late


def trading_registry() -> WorkspaceRegistry:
    """The journal, the order ticket and the orders panel, as the app registers them."""
    return builtin_panels().subset(("journal", "order_ticket", "orders"))


trading_registry.__test__ = False


@pytest.fixture
async def trader(trading_shell):
    """(shell, core) logged in to coin-weight.

    Tests log out themselves (``await core.aclose()``) at their end: pytest-qt deletes the window before
    fixtures are torn down, and other panels' slots must not hear the logout after that.
    """
    shell = trading_shell(trading_registry())
    stop_saving_with_the_window(shell)
    shell.window.resize(1300, 760)
    core = core_of(shell)
    await core.session("coinweight").login("demo", "demo")
    yield shell, core
    await core.aclose()  # a test that failed before its own logout


@pytest.fixture
async def impatient_trader(make_shell, live_simulator):
    """(shell, core) whose coin-weight session waits only READ_TIMEOUT for an answer."""

    def prepare(ctx) -> None:
        ctx.venues = demo(live_simulator.base_url, "demo")
        core = QtTrading(TradingCore())
        core.add_session(
            CoinWeightVenueSession(
                ctx.venues.coinweight, ctx.venues.market_data, core.core.stores,
                poll_interval=0.25, timeouts=Timeouts(read=READ_TIMEOUT),
            )
        )
        ctx.services.register(SERVICE_NAME, core)

    shell = make_shell("impatient", trading_registry(), prepare=prepare)
    stop_saving_with_the_window(shell)
    core = core_of(shell)
    await core.session("coinweight").login("demo", "demo")
    yield shell, core
    live_simulator.context.faults.clear()
    await core.aclose()  # a test that failed before its own logout


def parts(shell) -> tuple[OrderTicketView, OrdersPanel]:
    return shell.window.dock("order_ticket").widget(), shell.window.dock("orders").widget()


async def choose(ticket: OrderTicketView, market_key: str, symbol: str) -> None:
    """Pick the market in its combo and type the symbol, as a user does."""
    await wait_until(lambda: ticket.market_combo.findData(market_key) >= 0, timeout=10)
    ticket.market_combo.setCurrentIndex(ticket.market_combo.findData(market_key))
    ticket.market_combo.activated.emit(ticket.market_combo.currentIndex())
    type_into(ticket.symbol_combo.lineEdit(), symbol)
    QTest.keyClick(ticket.symbol_combo.lineEdit(), Qt.Key.Key_Return)
    await wait_until(lambda: ticket.spec() is not None and ticket.spec().symbol == symbol)
    assert ticket.market_combo.currentData() == market_key


async def touch(core: QtTrading, instrument: InstrumentId) -> tuple[Decimal, Decimal]:
    """The live bid and ask (the ticket subscribed to them)."""
    await wait_until(lambda: (q := core.quotes.get(instrument)) is not None and q.bid and q.ask, timeout=10)
    quote = core.quotes.get(instrument)
    return quote.bid, quote.ask


async def send_by_keyboard(ticket: OrderTicketView, price: str | None, quantity: str) -> None:
    """Type the price and quantity, Enter, and Enter again in the confirmation."""
    if price is not None:
        type_into(ticket.price.input, price)
    type_into(ticket.quantity.input, quantity)
    await confirm_by_keyboard(ticket)


async def confirm_by_keyboard(ticket: OrderTicketView) -> None:
    QTest.keyClick(ticket.quantity.input, Qt.Key.Key_Return)
    await wait_until(lambda: ticket.confirm_dialog is not None and ticket.confirm_dialog.isVisible())
    QTest.keyClick(ticket.confirm_dialog, Qt.Key.Key_Return)


def sent_by_ticket(
    core: QtTrading, instrument: InstrumentId, price: Decimal | None
) -> tuple[str, Order] | None:
    """The newest order the terminal placed (keyed by its client id) on ``instrument`` at ``price``."""
    mine = [
        (key, order) for key, order in core.orders.orders()
        if key.startswith("client:") and order.instrument == instrument and order.price == price
    ]
    return max(mine, key=lambda item: item[1].created) if mine else None


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 8.0) -> None:
    """Await ``check()`` (which asks the venue) becoming true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the venue never got there")
        await asyncio.sleep(0.1)


async def at_venue(core: QtTrading, order_id: str) -> Order | None:
    adapter = core.session("coinweight").adapter
    return next((o for o in await adapter.active_orders() if o.order_id == order_id), None)


async def test_a_marketable_order_fills_and_the_balances_change(trader):
    shell, core = trader
    ticket, _panel = parts(shell)
    await choose(ticket, "coinweight|binance", "BTC-USDT")
    await wait_until(lambda: core.accounts.available("coinweight", "binance", "USDT") is not None)
    btc_before = core.accounts.available("coinweight", "binance", "BTC").total
    usdt_before = core.accounts.available("coinweight", "binance", "USDT").total
    ticket.set_order_type("market")
    await touch(core, BTC)
    type_into(ticket.quantity.input, "0.001")
    await wait_until(lambda: ticket.notional_label.text().startswith("\u2248 "))  # at the ask
    await confirm_by_keyboard(ticket)
    await wait_until(lambda: ticket.outcome()[0] == "info", timeout=10)
    key, _order = sent_by_ticket(core, BTC, None)
    await wait_until(lambda: core.orders.get(key).status is OrderStatus.FILLED, timeout=10)
    await wait_until(
        lambda: core.accounts.available("coinweight", "binance", "BTC").total > btc_before, timeout=10
    )
    assert core.accounts.available("coinweight", "binance", "USDT").total < usdt_before
    assert core.orders.get(key).filled_quantity == Decimal("0.001")
    await core.aclose()


async def test_a_venue_rejection_is_shown_in_the_ticket(trader):
    shell, core = trader
    ticket, _panel = parts(shell)
    await choose(ticket, "coinweight|binance", "BTC-USDT")
    bid, _ask = await touch(core, BTC)
    price = on_grid(bid * Decimal("0.95"), Decimal("0.01"))
    await wait_until(lambda: core.accounts.available("coinweight", "binance", "USDT") is not None)
    type_into(ticket.price.input, f"{price}")
    type_into(ticket.quantity.input, "8000")  # within quantityMax, far beyond the balance: not sent
    assert ticket.reason_label.text().startswith("Not enough USDT: the order needs ")
    assert not ticket.submit_button.isEnabled()
    QTest.keyClick(ticket.quantity.input, Qt.Key.Key_Return)
    assert ticket.confirm_dialog is None and sent_by_ticket(core, BTC, price) is None

    ticket.percent_buttons[100].click()  # all of it: the venue's fee on top is more than there is
    await confirm_by_keyboard(ticket)
    await wait_until(lambda: ticket.outcome()[0] == "error", timeout=10)
    _level, text = ticket.outcome()
    assert "insufficient" in text and "[1006]" in text
    assert ticket.outcome_label.styleSheet() == "color: #f0524f;"
    _key, order = sent_by_ticket(core, BTC, price)
    assert order.status is OrderStatus.REJECTED and order.order_id == ""
    await core.aclose()


async def test_a_lost_answer_is_reconciled_and_exactly_one_order_is_placed(impatient_trader, live_simulator):
    shell, core = impatient_trader
    ticket, panel = parts(shell)
    await choose(ticket, "coinweight|binance", "BTC-USDT")
    bid, _ask = await touch(core, BTC)
    price = on_grid(bid * Decimal("0.5"), Decimal("0.01"))
    live_simulator.context.faults.add(path="/exp/v2/order/create$", latency_after=READ_TIMEOUT * 3, times=1)
    await send_by_keyboard(ticket, f"{price}", "0.0013")
    await wait_until(lambda: ticket.outcome()[0] == "warning", timeout=5)
    assert ticket.outcome()[1] == "Unknown \u2014 checking with the venue\u2026"
    assert ticket.is_busy() and not ticket.submit_button.isEnabled()
    key, order = sent_by_ticket(core, BTC, price)
    assert order.status is OrderStatus.UNKNOWN
    await wait_until(lambda: key in panel.active.ids())  # shown (italic) while unknown
    await wait_until(lambda: ticket.outcome()[0] == "info", timeout=15)
    assert ticket.outcome()[1].startswith("The venue has the order")
    found = core.orders.get(key)
    assert found.status is OrderStatus.NEW and found.order_id
    assert not ticket.is_busy()
    adapter = core.session("coinweight").adapter
    same = [
        o for o in await adapter.active_orders()
        if o.instrument == BTC and o.price == price and o.quantity == Decimal("0.0013")
    ]
    assert [o.order_id for o in same] == [found.order_id]  # exactly one order at the venue
    assert await core.order_entry.cancel(found)
    await core.aclose()
