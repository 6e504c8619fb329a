"""ChpVenue on the simulated CHP_Rest: instruments, bars, live data, the order lifecycle, reconciliation,
states."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from services.chp.adapter import ChpVenue
from services.chp.streams import PollRate
from services.domain import (
    BarInterval,
    ConnectionState,
    InstrumentId,
    Order,
    OrderAction,
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    TimeInForce,
)
from services.errors import RejectedInput, TransportError
from services.protocols import MarketDataFeed, TradingVenue, VenueConnection
from services.retry import Backoff
from tests.services.chp.simulated import PORTFOLIO, SECOND_PORTFOLIO, START, Sim

GAZP = InstrumentId("chp", "MOEX", "GAZP")
SBER = InstrumentId("chp", "MOEX", "SBER")


@asynccontextmanager
async def open_venue(sim: Sim) -> AsyncIterator[tuple[ChpVenue, list[ConnectionState]]]:
    """A connected venue for the length of one test body (qasync runs a loop's leftover callbacks without a
    running loop after each run_until_complete, so the venue's polling must not outlive the test body)."""
    states: list[ConnectionState] = []
    http = sim.http()
    chp = ChpVenue(
        http,
        "demo",
        rate=PollRate(fastest=0.01, slowest=0.05),
        backoff=Backoff(0.01, 0.05),
        on_state=lambda state, error: states.append(state),
        sync_timeout=5,
    )
    await chp.connect("demo", "demo")
    try:
        yield chp, states
    finally:
        await chp.disconnect()
        await http.aclose()


def request(
    client_id: str,
    type: OrderType = OrderType.LIMIT,
    side: Side = Side.BUY,
    quantity: int = 10,
    price: str | None = None,
    stop: str | None = None,
    account: str = SECOND_PORTFOLIO,
    **extra: object,
) -> OrderRequest:
    return OrderRequest(
        GAZP,
        side,
        type,
        Decimal(quantity),
        client_id,
        price=Decimal(price) if price else None,
        stop_price=Decimal(stop) if stop else None,
        account=account,
        **extra,
    )  # type: ignore[arg-type]


async def until(updates: AsyncIterator[Order], wanted: OrderStatus, timeout: float = 5.0) -> Order:
    async def find() -> Order:
        async for order in updates:
            if order.status is wanted:
                return order
        raise AssertionError("stream ended")

    return await asyncio.wait_for(find(), timeout)


async def test_implements_the_protocols_and_lists_instruments(sim: Sim) -> None:
    async with open_venue(sim) as (chp, states):
        assert (
            isinstance(chp, TradingVenue)
            and isinstance(chp, MarketDataFeed)
            and isinstance(chp, VenueConnection)
        )
        assert states == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
        instruments = {i.id.symbol: i for i in await chp.instruments()}
        gazp = instruments["GAZP"]
        assert gazp.id == GAZP and gazp.quote == "RUB" and gazp.description == "Gazprom"
        assert (gazp.lot_size, gazp.qty_step, gazp.min_qty, gazp.price_step) == (10, 10, 10, Decimal("0.01"))
        assert [p.name for p in chp.portfolios] == [PORTFOLIO, SECOND_PORTFOLIO]
        assert await chp.ping() >= 0


async def test_bars_end_before_end_oldest_first(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        end = datetime.fromtimestamp(START, UTC) - timedelta(hours=3)
        bars = await chp.bars(GAZP, BarInterval.H1, end, 5)
        assert [b.time for b in bars] == [end - timedelta(hours=h) for h in (5, 4, 3, 2, 1)]
        latest = await chp.bars(GAZP, BarInterval.M5, None, 4)
        assert len(latest) == 4 and latest[-1].time <= datetime.fromtimestamp(START, UTC) < latest[
            -1
        ].time + timedelta(minutes=5)
        assert await chp.bars(GAZP, BarInterval.D1, None, 0) == []


async def test_quotes_ticks_and_book(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        quotes = chp.quotes([GAZP, SBER])
        seen = {(await asyncio.wait_for(anext(quotes), 5)).instrument for _ in range(2)}
        assert seen == {GAZP, SBER}
        await quotes.aclose()
        book = await chp.order_book(GAZP, depth=5)
        await asyncio.sleep(0.05)  # the CancelQuotes / CancelBidAsks calls run in the background
        session = sim.state.sessions[chp.client.token]
        assert session.quotes == {} and session.bid_asks == {}  # closing a stream unsubscribes
        assert book.instrument == GAZP and 0 < len(book.bids) <= 5 and len(book.asks) > 0
        assert book.bids[0].price < book.asks[0].price
        assert [level.price for level in book.bids] == sorted(
            (level.price for level in book.bids), reverse=True
        )
        ticks = chp.ticks(GAZP)
        first = asyncio.ensure_future(anext(ticks))
        await asyncio.sleep(0.05)
        sim.advance(30)
        tick = await asyncio.wait_for(first, 5)
        assert tick.instrument == GAZP and tick.price > 0 and tick.aggressor in (Side.BUY, Side.SELL)
        await ticks.aclose()


async def test_limit_buy_lifecycle_move_and_cancel(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        updates = chp.order_updates()
        watching = asyncio.ensure_future(until(updates, OrderStatus.CANCELED))
        await asyncio.sleep(0)
        order = await chp.place_order(request("ticket-1", price="100.00", time_in_force=TimeInForce.GTC))
        assert (
            order.status is OrderStatus.NEW
            and order.client_id == "ticket-1"
            and order.price == Decimal("100.00")
        )
        assert order.account == SECOND_PORTFOLIO and order.action is OrderAction.BUY
        assert [o.order_id for o in await chp.active_orders()] == [order.order_id]
        money = {b.account: b for b in await chp.balances()}[SECOND_PORTFOLIO]
        assert money.used > 0 and money.total == Decimal(250_000)

        moved = await chp.modify_order(order, price=Decimal("99.50"))
        assert moved.price == Decimal("99.50") and moved.order_id == order.order_id
        with pytest.raises(RejectedInput):
            await chp.modify_order(moved, price=Decimal("99"), quantity=Decimal(20))

        await chp.cancel_order(moved)
        canceled = await watching
        assert canceled.order_id == order.order_id and canceled.client_id == "ticket-1"
        assert await chp.active_orders() == []
        await updates.aclose()


async def test_market_order_fills_into_positions_and_balances(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        fills = chp.fills()
        first_fill = asyncio.ensure_future(anext(fills))
        await asyncio.sleep(0)
        order = await chp.place_order(request("ticket-2", type=OrderType.MARKET, quantity=30))
        assert order.status is OrderStatus.FILLED and order.filled_quantity == 30
        assert order.average_fill_price is not None and order.average_fill_price > 0
        fill = await asyncio.wait_for(first_fill, 5)
        assert fill.order_id == order.order_id and fill.side is Side.BUY and fill.account == SECOND_PORTFOLIO
        positions = {(p.account, p.instrument.symbol): p for p in await chp.positions()}
        assert positions[(SECOND_PORTFOLIO, "GAZP")].quantity == 30
        assert positions[(PORTFOLIO, "SBER")].quantity == 100  # the opening position of portfolio 01
        money = {b.account: b for b in await chp.balances()}[SECOND_PORTFOLIO]
        assert money.total < Decimal(250_000) - 30 * order.average_fill_price + 1
        summary = await chp.account_summary()
        assert (
            summary is not None
            and summary.currency == "RUB"
            and summary.estimated_value > Decimal(1_250_000) * Decimal("0.9")
        )
        await fills.aclose()


async def test_short_then_cover(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        short = await chp.place_order(
            request("s-1", type=OrderType.MARKET, side=Side.SELL, quantity=20, action=OrderAction.SHORT)
        )
        assert short.status is OrderStatus.FILLED and short.action is OrderAction.SHORT
        positions = {(p.account, p.instrument.symbol): p.quantity for p in await chp.positions()}
        assert positions[(SECOND_PORTFOLIO, "GAZP")] == -20
        await chp.place_order(request("s-2", type=OrderType.MARKET, quantity=20, action=OrderAction.COVER))
        positions = {(p.account, p.instrument.symbol): p.quantity for p in await chp.positions()}
        assert (SECOND_PORTFOLIO, "GAZP") not in positions


async def test_stop_order_is_moved_by_its_stop(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        stop = await chp.place_order(
            request("st-1", type=OrderType.STOP, side=Side.SELL, stop="50.00", account=PORTFOLIO)
        )
        assert stop.status is OrderStatus.NEW and stop.stop_price == Decimal("50.00") and stop.price is None
        moved = await chp.modify_order(stop, price=Decimal("60.00"))
        assert moved.stop_price == Decimal("60.00")
        await chp.cancel_order(moved)


async def test_lost_place_answer_is_found_by_its_cookie(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        sim.ctx.faults.add(path="/Order/Place$", drop_after=True, times=1)
        placed_after = datetime.fromtimestamp(START, UTC)
        with pytest.raises(TransportError) as lost:
            await chp.place_order(request("ticket-lost", type=OrderType.MARKET))
        assert lost.value.outcome_unknown
        found = await chp.find_order("ticket-lost", placed_after)
        assert found is not None and found.status is OrderStatus.FILLED and found.client_id == "ticket-lost"
        account = "chp:demo:" + SECOND_PORTFOLIO
        assert len(sim.ctx.engine.orders(account)) == 1  # placed exactly once
        assert await chp.find_order("never-sent", placed_after) is None


async def test_history_lists_the_session_orders(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        order = await chp.place_order(request("h-1", type=OrderType.MARKET))
        start = datetime.fromtimestamp(START, UTC) - timedelta(minutes=1)
        history = await chp.order_history(start, start + timedelta(hours=1))
        assert [o.order_id for o in history] == [order.order_id] and history[0].status is OrderStatus.FILLED


async def test_rejected_inputs(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        with pytest.raises(RejectedInput) as ioc:
            await chp.place_order(request("x-1", time_in_force=TimeInForce.IOC, price="100"))
        assert ioc.value.field == "time_in_force"
        with pytest.raises(RejectedInput) as mismatch:
            await chp.place_order(request("x-2", price="100", action=OrderAction.SHORT))
        assert mismatch.value.field == "action"
        with pytest.raises(RejectedInput):
            await chp.place_order(request("x-3", account="ST000000-MO-09", price="100"))
        with pytest.raises(RejectedInput):
            await chp.bars(InstrumentId("coinweight", "binance", "BTC-USDT"), BarInterval.H1, None, 5)


async def test_connection_states_through_expiry_and_disconnect(sim: Sim) -> None:
    async with open_venue(sim) as (chp, states):
        sim.state.expire()
        for _ in range(200):
            if states[-1] is ConnectionState.CONNECTED and ConnectionState.DEGRADED in states:
                break
            await asyncio.sleep(0.01)
        assert states[-2:] == [ConnectionState.DEGRADED, ConnectionState.CONNECTED]
        assert chp.state is ConnectionState.CONNECTED
        order = await chp.place_order(request("after-reconnect", type=OrderType.MARKET))
        assert order.status is OrderStatus.FILLED  # the portfolio subscription was restored
        await chp.disconnect()
        assert states[-1] is ConnectionState.DISCONNECTED and not sim.state.sessions


async def test_an_order_after_the_token_expired_is_placed_once_on_a_renewed_session(sim: Sim) -> None:
    async with open_venue(sim) as (chp, _):
        calls: list[str] = []
        send = chp.client.call

        async def recording(path: str, *args: object, **kwargs: object) -> list[object]:
            calls.append(path)
            return await send(path, *args, **kwargs)  # type: ignore[arg-type]

        chp.client.call = recording  # type: ignore[method-assign]
        sim.state.expire()  # Order/Place is refused with Error #5: nothing was done, so it is sent again
        order = await chp.place_order(request("late", type=OrderType.MARKET))
        assert [c for c in calls if c.startswith(("Order", "Auth"))] == ["Order/Place", "Auth/Reconnection",
                                                                         "Order/Place"]
        assert order.status is OrderStatus.FILLED
        assert len(sim.ctx.engine.orders("chp:demo:" + SECOND_PORTFOLIO)) == 1
        assert chp.client.token in sim.state.sessions
