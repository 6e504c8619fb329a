"""Stores coalesce per frame and keep one row per order; link groups broadcast per colour."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.trading.links import LinkHub
from app.trading.stores import OrderStore
from services.domain import InstrumentId, Order, OrderStatus, OrderType, Side

BTC = InstrumentId("coinweight", "binance", "BTC-USDT")


def _order(**fields) -> Order:
    base = Order("", BTC, Side.BUY, OrderType.LIMIT, Decimal(1), OrderStatus.PENDING, price=Decimal(100))
    return replace(base, **fields)


def test_changes_between_frames_are_told_once(qtbot):
    store = OrderStore()
    with qtbot.waitSignal(store.ordersChanged, timeout=1000) as signal:
        store.upsert(_order(client_id="a"))
        store.upsert(_order(client_id="a", status=OrderStatus.UNKNOWN))
        store.upsert(_order(client_id="b"))
    assert signal.args == [["client:a", "client:b"]]
    assert store.get("client:a").status is OrderStatus.UNKNOWN


def test_a_venue_row_found_to_be_ours_merges_into_ours(qtbot):
    store = OrderStore()
    store.upsert(_order(client_id="c1", status=OrderStatus.UNKNOWN))
    venue_key = store.upsert(_order(order_id="77", status=OrderStatus.NEW))  # the poller saw it first
    assert venue_key == "venue:coinweight:77"
    merged = store.upsert(_order(order_id="77", client_id="c1", status=OrderStatus.NEW))
    assert merged == "client:c1"
    assert store.get(venue_key) is None
    assert [key for key, _ in store.orders()] == ["client:c1"]
    later = store.upsert(_order(order_id="77", status=OrderStatus.FILLED))  # updates without the client id
    assert later == "client:c1" and store.get(later).client_id == "c1"
    store.flush_now()


def test_links_broadcast_to_their_colour_only(qtbot):
    hub = LinkHub()
    seen: list[tuple[str, InstrumentId]] = []
    hub.instrumentChanged.connect(lambda colour, instrument: seen.append((colour, instrument)))
    hub.publish("red", BTC)
    hub.publish("red", BTC)  # no news
    hub.publish(None, BTC)  # unlinked
    assert seen == [("red", BTC)]
    assert hub.current("red") == BTC and hub.current("blue") is None
    with pytest.raises(ValueError):
        hub.publish("purple", BTC)
