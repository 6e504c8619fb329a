"""Stores tell each change and keep one row per order; link groups broadcast per colour. No Qt here."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from decimal import Decimal

import pytest

from services.domain import InstrumentId, Order, OrderStatus, OrderType, Side
from services.trading.links import LinkHub
from services.trading.stores import OrderStore

BTC = InstrumentId("coinweight", "binance", "BTC-USDT")


def _order(**fields) -> Order:
    base = Order("", BTC, Side.BUY, OrderType.LIMIT, Decimal(1), OrderStatus.PENDING, price=Decimal(100))
    return replace(base, **fields)


def test_every_change_is_told_with_its_key():
    store = OrderStore()
    told: list[list[str]] = []
    store.changed.connect(told.append)
    store.upsert(_order(client_id="a"))
    store.upsert(_order(client_id="a", status=OrderStatus.UNKNOWN))
    store.upsert(_order(client_id="a", status=OrderStatus.UNKNOWN))  # no news: not told
    store.upsert(_order(client_id="b"))
    assert told == [["client:a"], ["client:a"], ["client:b"]]
    assert store.get("client:a").status is OrderStatus.UNKNOWN


def test_a_venue_row_found_to_be_ours_merges_into_ours():
    store = OrderStore()
    told: list[list[str]] = []
    store.changed.connect(told.append)
    store.upsert(_order(client_id="c1", status=OrderStatus.UNKNOWN))
    venue_key = store.upsert(_order(order_id="77", status=OrderStatus.NEW))  # the poller saw it first
    assert venue_key == "venue:coinweight:77"
    merged = store.upsert(_order(order_id="77", client_id="c1", status=OrderStatus.NEW))
    assert merged == "client:c1"
    assert store.get(venue_key) is None
    assert [key for key, _ in store.orders()] == ["client:c1"]
    later = store.upsert(_order(order_id="77", status=OrderStatus.FILLED))  # updates without the client id
    assert later == "client:c1" and store.get(later).client_id == "c1"
    assert ["venue:coinweight:77", "client:c1"] in told  # the venue's row is reported gone as it merges


def test_links_broadcast_to_their_colour_only():
    hub = LinkHub()
    seen: list[tuple[str, InstrumentId]] = []
    hub.instrument_changed.connect(lambda colour, instrument: seen.append((colour, instrument)))
    hub.publish("red", BTC)
    hub.publish("red", BTC)  # no news
    hub.publish(None, BTC)  # unlinked
    assert seen == [("red", BTC)]
    assert hub.current("red") == BTC and hub.current("blue") is None
    with pytest.raises(ValueError):
        hub.publish("purple", BTC)


def test_the_trading_core_imports_without_qt():
    code = (
        "import sys; import services.trading.core, services.trading.chp, services.trading.coinweight; "
        "qt = [m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'qasync')]; "
        "sys.exit(1 if qt else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_an_order_the_venue_ended_is_never_revived_by_an_older_word():
    store = OrderStore()
    store.upsert(_order(order_id="9", client_id="c9", status=OrderStatus.NEW))
    store.upsert(_order(order_id="9", client_id="c9", status=OrderStatus.CANCELED))
    told: list[list[str]] = []
    store.changed.connect(told.append)
    store.upsert(_order(order_id="9", status=OrderStatus.NEW))  # a poll that left before the cancel
    assert store.get("client:c9").status is OrderStatus.CANCELED and told == []
    store.upsert(_order(order_id="9", status=OrderStatus.PARTIALLY_CANCELED, filled_quantity=Decimal("0.5")))
    assert store.get("client:c9").status is OrderStatus.PARTIALLY_CANCELED  # a final word still lands


def test_an_order_only_guessed_lost_comes_back_when_the_venue_shows_it():
    store = OrderStore()
    store.upsert(_order(client_id="c8", status=OrderStatus.REJECTED, message="not found at the venue"))
    store.upsert(_order(order_id="8", client_id="c8", status=OrderStatus.NEW))
    assert store.get("client:c8").status is OrderStatus.NEW


def test_an_order_ended_only_because_the_venue_stopped_listing_it_comes_back_when_listed():
    store = OrderStore()
    store.upsert(_order(order_id="7", client_id="c7", status=OrderStatus.NEW))
    store.retire_missing(["client:c7"], active_ids=set())  # the venue's list left it out
    assert store.get("client:c7").status is OrderStatus.EXPIRED
    store.upsert(_order(order_id="7", status=OrderStatus.NEW))  # it was working after all
    assert store.get("client:c7").status is OrderStatus.NEW
