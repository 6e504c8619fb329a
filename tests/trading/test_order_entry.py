"""Order safety against the real simulator, without Qt: sent once, an unknown outcome reconciled, never
duplicated."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from services.domain import InstrumentId, OrderRequest, OrderStatus, OrderType, Side
from services.errors import RejectedInput
from services.http import Timeouts
from services.retry import Backoff
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.order_entry import OrderEntry, new_client_id
from services.trading.session import TradingStores

ETH = InstrumentId("coinweight", "binance", "ETH-USDT")


@pytest.fixture
async def session(live_simulator):
    base = live_simulator.base_url
    cw = CoinWeightVenueSession(
        f"{base}/exp/v2",
        {"binance": f"{base}/md/binance"},
        TradingStores(),
        poll_interval=0.2,
        timeouts=Timeouts(connect=2, read=0.5, write=2, pool=2),
    )
    await cw.login("demo", "demo")
    yield cw
    live_simulator.context.faults.clear()
    await cw.aclose()


def _entry(session: CoinWeightVenueSession) -> OrderEntry:
    return OrderEntry(
        session.stores.orders,
        lambda: {"coinweight": session.adapter},
        reconcile=Backoff(first=0.3, longest=1.0),
        reconcile_window=1.5,
    )


async def _far_bid(session: CoinWeightVenueSession, depth: str) -> Decimal:
    """A bid ``depth`` below the best, distinct per test: the simulator is shared, and the venue matches an
    order whose answer was lost by its terms, so an identical order another test placed moments ago would be
    taken for it."""
    book = await session.market_data.order_book(ETH, 5)
    return (book.bids[0].price * (1 - Decimal(depth))).quantize(Decimal("0.01"))


async def test_a_late_answer_is_reconciled_without_a_second_order(session, live_simulator):
    entry = _entry(session)
    outcomes: list[tuple[str, str]] = []
    entry.outcome.connect(lambda outcome: outcomes.append((outcome.level, outcome.text())))
    price = await _far_bid(session, "0.23")
    before = {o.order_id for o in await session.adapter.active_orders()}
    live_simulator.context.faults.add(path="/exp/v2/order/create$", latency_after=1.5, times=1)

    request = OrderRequest(ETH, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price=price)
    order = await entry.submit(request)

    assert order is not None and order.status is OrderStatus.NEW and order.order_id
    assert outcomes[0][0] == "warning"  # first the user is told the answer is missing...
    assert outcomes[-1][0] == "info"  # ...then what the venue has
    mine = [o for o in await session.adapter.active_orders() if o.order_id not in before]
    assert [o.order_id for o in mine] == [order.order_id]  # exactly one order reached the venue
    assert session.stores.orders.get(f"client:{request.client_id}").status is OrderStatus.NEW
    await entry.cancel(order)


async def test_a_request_dropped_before_the_venue_is_reported_not_placed(session, live_simulator):
    entry = _entry(session)
    live_simulator.context.faults.add(path="/exp/v2/order/create$", drop_before=True, times=1)
    price = await _far_bid(session, "0.24")
    request = OrderRequest(ETH, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price=price)
    order = await entry.submit(request)
    assert order is not None and order.status is OrderStatus.REJECTED
    assert "not placed" in order.message


async def test_the_same_order_is_never_sent_twice(session):
    entry = _entry(session)
    price = await _far_bid(session, "0.25")
    request = OrderRequest(ETH, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price=price)
    first = await entry.submit(request)
    with pytest.raises(RejectedInput):
        await entry.submit(request)
    await entry.cancel(first)
    await asyncio.sleep(0)


async def test_bad_input_is_refused_before_sending(session):
    entry = _entry(session)
    request = OrderRequest(
        ETH, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price=Decimal("100.001")
    )
    with pytest.raises(RejectedInput) as refused:
        await entry.submit(request)
    assert refused.value.field == "price"
    assert session.stores.orders.get(f"client:{request.client_id}") is None
