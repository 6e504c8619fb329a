"""Order entry against a scripted venue, without Qt or network: the never-twice guard holds whatever arrives
first, and a venue that cannot be reached is never taken to mean "not placed"."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from services.domain import InstrumentId, Order, OrderRequest, OrderStatus, OrderType, Side
from services.errors import RejectedInput, TransportError
from services.retry import Backoff
from services.trading.order_entry import Level, OrderEntry, OrderOutcome, new_client_id
from services.trading.stores import OrderStore, client_key

BTC = InstrumentId("coinweight", "binance", "BTC-USDT")
FAST = Backoff(first=0.01, longest=0.02)


class ScriptedVenue:
    """``place_order`` runs ``before_answer`` (an update arriving first), then answers or loses the answer;
    ``find_order`` answers from ``lookups`` (an exception is raised, an order or None returned)."""

    def __init__(self) -> None:
        self.placed: list[OrderRequest] = []
        self.before_answer: Callable[[Order], None] = lambda _order: None
        self.lose_answer = False
        self.lookups: list[object] = []

    async def place_order(self, request: OrderRequest) -> Order:
        self.placed.append(request)
        order = Order(str(len(self.placed)), request.instrument, request.side, request.type, request.quantity,
                      OrderStatus.NEW, price=request.price)
        self.before_answer(order)
        if self.lose_answer:
            raise TransportError("coinweight", "read timeout", outcome_unknown=True)
        return order

    async def find_order(self, client_id: str, placed_after: datetime) -> Order | None:
        answer = self.lookups.pop(0) if self.lookups else None
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[return-value]  # the script holds orders or None


def request() -> OrderRequest:
    return OrderRequest(BTC, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price=Decimal(100))


def entry(venue: ScriptedVenue, store: OrderStore, window: float = 0.05) -> OrderEntry:
    return OrderEntry(store, lambda: {"coinweight": venue}, reconcile=FAST,  # type: ignore[dict-item]  # a script
                      reconcile_window=window)


async def test_an_update_that_arrives_before_the_answer_cannot_open_the_door_to_a_second_send():
    store, venue = OrderStore(), ScriptedVenue()
    venue.before_answer = store.upsert  # the order poller sees the venue's row (no client id) first
    sent = request()
    placed = await entry(venue, store).submit(sent)
    assert placed is not None and [key for key, _ in store.orders()] == [client_key(sent.client_id)]
    with pytest.raises(RejectedInput):
        await entry(venue, store).submit(sent)
    assert len(venue.placed) == 1


async def test_an_unreachable_venue_keeps_the_order_unknown_until_it_answers():
    store, venue = OrderStore(), ScriptedVenue()
    venue.lose_answer = True
    venue.lookups = [TransportError("coinweight", "cannot connect")] * 12  # far past the window
    said: list[OrderOutcome] = []
    orders = entry(venue, store)
    orders.outcome.connect(said.append)
    sent = request()
    task = asyncio.create_task(orders.submit(sent))
    while venue.lookups:
        await asyncio.sleep(0.01)
        assert store.get(client_key(sent.client_id)).status is OrderStatus.UNKNOWN
    venue.lookups = [replace(venue_order(sent), status=OrderStatus.NEW)]  # reachable again: it has it
    found = await asyncio.wait_for(task, 2)
    assert found is not None and found.status is OrderStatus.NEW
    assert not any("not placed" in outcome.text() for outcome in said)
    assert any(o.level is Level.WARNING and "cannot be reached" in o.text() for o in said)


async def test_only_a_venue_that_keeps_answering_no_such_order_makes_it_not_placed():
    store, venue = OrderStore(), ScriptedVenue()
    venue.lose_answer = True
    sent = request()
    lost = await asyncio.wait_for(entry(venue, store).submit(sent), 2)
    assert lost is not None and lost.status is OrderStatus.REJECTED and "not placed" in lost.message


async def test_one_no_such_order_is_not_believed_even_after_the_window():
    """The first lookup comes after the window has passed, says "no such order", and a late request then
    arrives: the second lookup finds it, so the order is not reported as not placed."""
    store, venue = OrderStore(), ScriptedVenue()
    venue.lose_answer = True
    sent = request()
    venue.lookups = [None, venue_order(sent)]
    orders = OrderEntry(store, lambda: {"coinweight": venue},  # type: ignore[dict-item]  # a script
                        reconcile=Backoff(first=0.06, longest=0.06), reconcile_window=0.05)
    found = await asyncio.wait_for(orders.submit(sent), 2)
    assert found is not None and found.status is OrderStatus.NEW and found.order_id == "1"


def venue_order(sent: OrderRequest) -> Order:
    return Order("1", sent.instrument, sent.side, sent.type, sent.quantity, OrderStatus.NEW, price=sent.price)


async def test_a_cancel_while_the_venue_is_not_connected_is_told_not_raised():
    store = OrderStore()
    orders = OrderEntry(store, lambda: {}, reconcile=FAST)
    said: list[OrderOutcome] = []
    orders.outcome.connect(said.append)
    working = venue_order(request())
    assert await orders.cancel(working) is False
    assert said and said[0].level is Level.ERROR and "Not connected to coinweight" in said[0].text()
