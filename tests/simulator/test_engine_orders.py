"""Orders in the market engine: holds, matching, the street, stops, expiry, modify, validation, events."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from services.simulator.engine import FEE_ACCOUNT, STREET_ACCOUNT
from services.simulator.engine.types import (
    FillEvent,
    Holding,
    InstrumentSpec,
    OrderEvent,
    OrderRejected,
    SimOrderState,
    SimOrderType,
    SimSide,
    SimTif,
    TradeEvent,
)
from tests.simulator.test_engine_support import BTC, GAZP, frozen_engine, funded

BUY, SELL = SimSide.BUY, SimSide.SELL
LIMIT, MARKET = SimOrderType.LIMIT, SimOrderType.MARKET
STOP, STOP_LIMIT = SimOrderType.STOP, SimOrderType.STOP_LIMIT


@pytest.fixture
def market():
    engine, clock = frozen_engine()
    funded(engine, "alice", USDT="1000000", BTC="10")
    funded(engine, "bob", USDT="1000000", BTC="10")
    return engine, clock


def advance_until(engine, clock, order_id: str, done, step: float = 30, limit: float = 3 * 86400):
    waited = 0.0
    while not done(engine.order(order_id)) and waited < limit:
        clock.advance_by(step)
        engine.advance()
        waited += step
    return engine.order(order_id)


def triggered(order) -> bool:
    return order.state is not SimOrderState.PENDING_TRIGGER


def test_resting_limit_holds_quote_and_cancel_releases_it(market):
    engine, _ = market
    price = engine.top(BTC).bid - D("20.01")
    order = engine.submit("alice", BTC, BUY, LIMIT, D("0.5"), price=price)
    assert order.state is SimOrderState.NEW
    hold = price * D("0.5") * D("1.001")
    assert engine.holding("alice", "USDT").held == hold.quantize(D("0.00000001"))
    assert (price, D("0.5")) in engine.depth(BTC, 50).bids
    canceled = engine.cancel(order.order_id)
    assert canceled.state is SimOrderState.CANCELED
    assert engine.holding("alice", "USDT") == Holding(D("1000000"), D(0))
    assert all(p != price for p, _ in engine.depth(BTC, 50).bids)
    with pytest.raises(OrderRejected) as rejected:
        engine.cancel(order.order_id)
    assert rejected.value.code == "not_modifiable"


def test_market_buy_fills_at_the_ask_and_moves_balances(market):
    engine, _ = market
    top = engine.top(BTC)
    order = engine.submit("alice", BTC, BUY, MARKET, D("0.1"))
    assert order.state is SimOrderState.FILLED and order.filled == D("0.1")
    [fill] = engine.fills("alice")
    assert fill.price == top.ask and fill.liquidity == "taker"
    assert fill.fee == (top.ask * D("0.1") * D("0.001")).quantize(D("0.00000001"))
    assert engine.holding("alice", "BTC").total == D("10.1")
    assert engine.holding("alice", "USDT").total == D("1000000") - top.ask * D("0.1") - fill.fee
    assert engine.holding(FEE_ACCOUNT, "USDT").total == fill.fee
    assert engine.asset_total("USDT") == 0
    assert engine.top(BTC).last == top.ask


def test_marketable_limit_crosses_the_levels_then_rests(market):
    engine, _ = market
    asks = engine.depth(BTC, 3).asks
    first_size = asks[0][1]
    limit = asks[0][0]
    order = engine.submit("alice", BTC, BUY, LIMIT, first_size + D("1"), price=limit)
    assert order.state is SimOrderState.PARTIALLY_FILLED
    assert order.filled == first_size and order.remaining == D("1")
    depth = engine.depth(BTC, 5)
    assert depth.bids[0] == (limit, D("1"))
    assert depth.asks[0][0] > limit
    assert engine.holding("alice", "USDT").held == (limit * D("1") * D("1.001")).quantize(D("0.00000001"))


def test_users_trade_with_each_other_first_at_a_price(market):
    engine, _ = market
    ask = engine.top(BTC).ask
    maker = engine.submit("alice", BTC, SELL, LIMIT, D("2"), price=ask)  # joins the street's best ask
    assert maker.state is SimOrderState.NEW
    taker = engine.submit("bob", BTC, BUY, LIMIT, D("0.5"), price=ask)
    assert taker.state is SimOrderState.FILLED and taker.average_price == ask
    assert engine.order(maker.order_id).state is SimOrderState.PARTIALLY_FILLED
    [maker_fill] = engine.fills("alice")
    assert maker_fill.liquidity == "maker" and maker_fill.quantity == D("0.5")
    assert engine.holding("alice", "BTC") == Holding(D("9.5"), D("1.5"))
    fees = engine.holding(FEE_ACCOUNT, "USDT").total
    assert fees == 2 * (ask * D("0.5") * D("0.001")).quantize(D("0.00000001"))


def test_the_street_fills_a_resting_limit_when_the_price_moves_through(market):
    engine, clock = market
    price = (engine.top(BTC).bid * D("0.995")).quantize(D("0.01"))
    order = engine.submit("alice", BTC, BUY, LIMIT, D("0.01"), price=price)
    filled = advance_until(engine, clock, order.order_id, lambda o: o.state is SimOrderState.FILLED)
    assert filled.state is SimOrderState.FILLED
    assert filled.average_price == price
    assert engine.fills("alice")[-1].liquidity == "maker"
    assert engine.holding("alice", "BTC").total == D("10.01")
    assert engine.asset_total("BTC") == 0 and engine.asset_total("USDT") == 0


def test_stop_sell_triggers_when_the_last_falls_to_it(market):
    engine, clock = market
    stop = (engine.top(BTC).last * D("0.995")).quantize(D("0.01"))
    order = engine.submit("alice", BTC, SELL, STOP, D("0.2"), stop_price=stop)
    assert order.state is SimOrderState.PENDING_TRIGGER
    assert engine.holding("alice", "BTC").held == D("0.2")
    done = advance_until(engine, clock, order.order_id, lambda o: not o.state.is_active)
    assert done.state is SimOrderState.FILLED
    assert done.average_price <= stop + D("50")  # sold into the bids right after the last touched the stop
    assert engine.holding("alice", "BTC") == Holding(D("9.8"), D(0))


def test_stop_limit_buy_becomes_a_limit_when_the_last_rises_to_it(market):
    engine, clock = market
    last = engine.top(BTC).last
    stop = (last * D("1.004")).quantize(D("0.01"))
    limit = stop + D("500")
    order = engine.submit("alice", BTC, BUY, STOP_LIMIT, D("0.05"), price=limit, stop_price=stop)
    assert order.state is SimOrderState.PENDING_TRIGGER
    done = advance_until(engine, clock, order.order_id, triggered)
    assert done.state is SimOrderState.FILLED
    assert stop - D("100") <= done.average_price <= limit


def test_a_stop_already_crossed_triggers_at_once(market):
    engine, _ = market
    last = engine.top(BTC).last
    order = engine.submit("alice", BTC, BUY, STOP, D("0.01"), stop_price=last - D("100"))
    assert order.state is SimOrderState.FILLED


def test_day_orders_expire_at_utc_midnight_and_gtc_orders_stay(market):
    engine, clock = market
    far = (engine.top(BTC).bid * D("0.5")).quantize(D("0.01"))
    day = engine.submit("alice", BTC, BUY, LIMIT, D("0.1"), price=far, tif=SimTif.DAY)
    gtc = engine.submit("alice", BTC, BUY, LIMIT, D("0.1"), price=far)
    midnight = (int(clock.now()) // 86400 + 1) * 86400
    clock.advance_by(midnight - clock.now() - 1)
    engine.advance()
    assert engine.order(day.order_id).state is SimOrderState.NEW
    clock.advance_by(2)
    engine.advance()
    expired = engine.order(day.order_id)
    assert expired.state is SimOrderState.EXPIRED and expired.updated == midnight
    assert engine.order(gtc.order_id).state is SimOrderState.NEW
    assert engine.holding("alice", "USDT").held == (far * D("0.1") * D("1.001")).quantize(D("0.00000001"))


def test_a_long_clock_jump_with_working_orders_is_cheap(market):
    engine, clock = market
    far = (engine.top(BTC).bid * D("0.2")).quantize(D("0.01"))
    order = engine.submit("alice", BTC, BUY, LIMIT, D("0.1"), price=far)
    before = engine.top(BTC).last
    clock.advance_by(60 * 86400)  # how long this takes is for the benchmarks, not asserted here
    engine.advance()
    assert engine.order(order.order_id).state is SimOrderState.NEW
    assert engine.top(BTC).last != before
    assert engine.trades(BTC, limit=1)[0].time == clock.now()


def test_ioc_fills_what_crosses_and_cancels_the_rest(market):
    engine, _ = market
    ask, size = engine.depth(BTC, 1).asks[0]
    order = engine.submit("alice", BTC, BUY, LIMIT, size + D("1"), price=ask, tif=SimTif.IOC)
    assert order.state is SimOrderState.PARTIALLY_CANCELED and order.filled == size
    assert engine.holding("alice", "USDT").held == 0


def test_modify_keeps_priority_when_shrinking_and_loses_it_when_repriced(market):
    engine, _ = market
    ask = engine.top(BTC).ask
    first = engine.submit("alice", BTC, SELL, LIMIT, D("1"), price=ask)
    second = engine.submit("alice", BTC, SELL, LIMIT, D("1"), price=ask)
    engine.modify(first.order_id, quantity=D("0.5"))
    engine.submit("bob", BTC, BUY, LIMIT, D("0.1"), price=ask)
    assert engine.order(first.order_id).filled == D("0.1")
    engine.modify(first.order_id, price=ask + D("1"))
    engine.modify(first.order_id, price=ask)
    engine.submit("bob", BTC, BUY, LIMIT, D("0.1"), price=ask)
    assert engine.order(second.order_id).filled == D("0.1")
    assert engine.order(first.order_id).filled == D("0.1")
    assert engine.holding("alice", "BTC").held == D("0.4") + D("0.9")


def test_modify_refuses_a_partially_filled_order_when_asked(market):
    engine, _ = market
    ask = engine.top(BTC).ask
    order = engine.submit("alice", BTC, SELL, LIMIT, D("1"), price=ask)
    engine.submit("bob", BTC, BUY, LIMIT, D("0.1"), price=ask)
    with pytest.raises(OrderRejected) as rejected:
        engine.modify(order.order_id, price=ask + D("1"), only_unfilled=True)
    assert rejected.value.code == "not_modifiable"
    moved = engine.modify(order.order_id, price=ask + D("1"))
    assert moved.price == ask + D("1") and moved.state is SimOrderState.PARTIALLY_FILLED


def test_modify_to_a_marketable_price_trades(market):
    engine, _ = market
    bid = engine.top(BTC).bid
    order = engine.submit("alice", BTC, BUY, LIMIT, D("0.01"), price=(bid * D("0.9")).quantize(D("0.01")))
    modified = engine.modify(order.order_id, price=engine.top(BTC).ask)
    assert modified.state is SimOrderState.FILLED


def test_validation_messages():
    engine, _ = frozen_engine()
    funded(engine, "alice", USDT="1000")
    engine.add_instrument(InstrumentSpec(
        "test", "ABC-USDT", "ABC", "USDT", price_step=D("0.01"), qty_step=D("0.00001"), min_qty=D("0.001"),
        max_qty=D("100"), lot_size=D("0.00001"), start_price=D("12.5"), volatility=0.5,
    ))
    cases = [
        (dict(type=LIMIT, quantity=D("0.00001"), price=D("12")), "bad_quantity",
         "quantity 0.00001 is below the minimum 0.001"),
        (dict(type=LIMIT, quantity=D("1"), price=D("1.234")), "bad_price",
         "price 1.234 is not a multiple of the tick 0.01"),
        (dict(type=LIMIT, quantity=D("0.0010001"), price=D("12")), "bad_quantity",
         "quantity 0.0010001 is not a multiple of the step 0.00001"),
        (dict(type=LIMIT, quantity=D("101"), price=D("12")), "bad_quantity",
         "quantity 101 is above the maximum 100"),
        (dict(type=LIMIT, quantity=D("1")), "bad_type", "a limit order needs a price"),
        (dict(type=MARKET, quantity=D("1"), price=D("12")), "bad_type", "a market order takes no price"),
        (dict(type=STOP, quantity=D("1")), "bad_type", "a stop order needs a stop price"),
        (dict(type=LIMIT, quantity=D("90"), price=D("12")), "insufficient_balance",
         "insufficient USDT: 1081.08 needed, 1000 available"),
    ]
    for kwargs, code, message in cases:
        with pytest.raises(OrderRejected) as rejected:
            engine.submit("alice", "test:ABC-USDT", BUY, **kwargs)
        assert (rejected.value.code, rejected.value.message) == (code, message)
    with pytest.raises(OrderRejected) as rejected:
        engine.submit("nobody", "test:ABC-USDT", BUY, MARKET, D("1"))
    assert rejected.value.code == "unknown_account"
    with pytest.raises(OrderRejected) as rejected:
        engine.submit("alice", "nowhere:X", BUY, MARKET, D("1"))
    assert rejected.value.code == "unknown_instrument"
    assert engine.orders("alice") == []


def test_lot_sizes_and_short_selling_on_a_margin_account():
    engine, _ = frozen_engine()
    funded(engine, "broker", allow_short=True, RUB="100000")
    funded(engine, "cash", RUB="100000")
    with pytest.raises(OrderRejected) as rejected:
        engine.submit("broker", GAZP, SELL, MARKET, D("15"))
    assert rejected.value.message == "quantity 15 is not a multiple of the lot 10"
    with pytest.raises(OrderRejected) as rejected:
        engine.submit("cash", GAZP, SELL, MARKET, D("10"))
    assert rejected.value.code == "insufficient_balance"
    sold = engine.submit("broker", GAZP, SELL, MARKET, D("100"))
    assert sold.state is SimOrderState.FILLED
    assert engine.holding("broker", "GAZP").total == D("-100")
    assert engine.holding("broker", "RUB").total > D("100000")
    assert engine.asset_total("GAZP") == 0 and engine.asset_total("RUB") == 0


def test_deposit_and_withdraw_move_from_and_to_the_street():
    engine, _ = frozen_engine()
    funded(engine, "alice", USDT="500")
    engine.withdraw("alice", "USDT", D("200"))
    assert engine.holding("alice", "USDT").total == D("300")
    assert engine.holding(STREET_ACCOUNT, "USDT").total == D("-300")
    with pytest.raises(OrderRejected) as rejected:
        engine.withdraw("alice", "USDT", D("301"))
    assert rejected.value.code == "insufficient_balance"


def test_listeners_get_snapshots_of_orders_fills_and_trades(market):
    engine, _ = market
    engine.top(BTC)  # the street's prints so far are announced on first use
    events = []
    unsubscribe = engine.subscribe(events.append)
    order = engine.submit("alice", BTC, BUY, MARKET, D("0.1"))
    kinds = [type(e) for e in events]
    assert kinds[0] is OrderEvent and events[0].order.state is SimOrderState.NEW
    assert TradeEvent in kinds and FillEvent in kinds
    assert [e for e in events if isinstance(e, OrderEvent)][-1].order.state is SimOrderState.FILLED
    assert events[0].order is not engine.order(order.order_id)
    unsubscribe()
    count = len(events)
    engine.submit("alice", BTC, BUY, MARKET, D("0.1"))
    assert len(events) == count


def test_orders_lookups(market):
    engine, _ = market
    far = (engine.top(BTC).bid * D("0.5")).quantize(D("0.01"))
    resting = engine.submit("alice", BTC, BUY, LIMIT, D("0.1"), price=far, client_id="c-1")
    engine.submit("alice", BTC, BUY, MARKET, D("0.1"), client_id="c-2")
    assert engine.find_by_client_id("alice", "c-1").order_id == resting.order_id
    assert engine.find_by_client_id("alice", "nope") is None
    assert [o.order_id for o in engine.orders("alice", active=True)] == [resting.order_id]
    assert len(engine.orders("alice", active=False)) == 1
    assert engine.orders("alice", key="huobi:BTC-USDT") == []
    with pytest.raises(OrderRejected) as rejected:
        engine.order("999")
    assert rejected.value.code == "unknown_order"
