"""Property tests of the engine: after any sequence of orders, cancels, modifies and clock jumps the book is
not crossed, fills add up to what orders report, holds are consistent and no asset is created or destroyed."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.simulator.engine.types import REJECT_CODES, OrderRejected, SimOrderType, SimSide, SimTif
from tests.simulator.test_engine_support import BTC, GAZP, frozen_engine, funded

KEYS = (BTC, GAZP)
ACCOUNTS = ("cash-1", "cash-2", "margin")
# (price tick, ticks per unit of price offset, quantity unit) per instrument
SCALES = {BTC: (D("0.01"), 200, D("0.01")), GAZP: (D("0.01"), 1, D("10"))}

quantities = st.one_of(st.integers(1, 50), st.integers(500, 2000))  # in units of SCALES
offsets = st.one_of(st.integers(-3, 3), st.integers(-40, 40))  # price offsets from the last price
submits = st.tuples(
    st.just("submit"),
    st.sampled_from(ACCOUNTS),
    st.sampled_from(KEYS),
    st.sampled_from(list(SimSide)),
    st.sampled_from(list(SimOrderType)),
    quantities,
    offsets,  # limit price
    offsets,  # stop price
    st.sampled_from(list(SimTif)),
)
cancels = st.tuples(st.just("cancel"), st.integers(0, 1000))
modifies = st.tuples(st.just("modify"), st.integers(0, 1000), offsets, quantities)
advances = st.tuples(st.just("advance"), st.sampled_from([0, 1, 3, 20, 300, 3600, 50000]))
any_action = st.one_of(submits, submits, cancels, modifies, advances, advances)
actions = st.lists(any_action, min_size=10, max_size=40)


def new_market():
    engine, clock = frozen_engine(seed=3)
    for account in ACCOUNTS:
        funded(engine, account, allow_short=account == "margin",
               USDT="3000000", BTC="60", RUB="60000000", GAZP="200000")
    return engine, clock


def offset_price(engine, key: str, offset: int) -> D:
    tick, ticks_per_unit, _ = SCALES[key]
    return max(tick, engine.top(key).last + tick * ticks_per_unit * offset)


def apply(engine, clock, action) -> None:
    kind = action[0]
    if kind == "advance":
        clock.advance_by(action[1])
        engine.advance()
        return
    orders = [o for account in ACCOUNTS for o in engine.orders(account)]
    try:
        if kind == "submit":
            _, account, key, side, type_, units, offset, stop_offset, tif = action
            priced = type_ in (SimOrderType.LIMIT, SimOrderType.STOP_LIMIT)
            stopped = type_ in (SimOrderType.STOP, SimOrderType.STOP_LIMIT)
            engine.submit(account, key, side, type_, SCALES[key][2] * units,
                          price=offset_price(engine, key, offset) if priced else None,
                          stop_price=offset_price(engine, key, stop_offset) if stopped else None, tif=tif)
        elif kind == "cancel" and orders:
            engine.cancel(orders[action[1] % len(orders)].order_id)
        elif kind == "modify" and orders:
            order = orders[action[1] % len(orders)]
            priced = order.type in (SimOrderType.LIMIT, SimOrderType.STOP_LIMIT)
            engine.modify(order.order_id, quantity=SCALES[order.key][2] * action[3],
                          price=offset_price(engine, order.key, action[2]) if priced else None)
    except OrderRejected as rejected:
        assert rejected.code in REJECT_CODES


def check_invariants(engine) -> None:
    for key in KEYS:
        depth = engine.depth(key, 60)
        if depth.bids and depth.asks:
            assert depth.bids[0][0] < depth.asks[0][0], f"crossed book in {key}"
        assert all(a[0] > b[0] for a, b in zip(depth.bids, depth.bids[1:], strict=False))
        assert all(a[0] < b[0] for a, b in zip(depth.asks, depth.asks[1:], strict=False))
    for asset in engine.assets():
        assert engine.asset_total(asset) == 0, f"{asset} not conserved"
    for account in ACCOUNTS:
        filled, value = defaultdict(D), defaultdict(D)
        for fill in engine.fills(account):
            filled[fill.order_id] += fill.quantity
            value[fill.order_id] += fill.price * fill.quantity
        active = False
        for order in engine.orders(account):
            assert D(0) <= order.filled <= order.quantity
            assert order.filled == filled[order.order_id] and order.filled_value == value[order.order_id]
            if order.state.is_active:
                active = True
                assert order.remaining > 0
        for asset, holding in engine.holdings(account).items():
            assert holding.held >= 0
            if not active:
                assert holding.held == 0, f"{account} holds {asset} with no working order"
            if account != "margin":
                assert holding.total >= 0 and holding.available >= 0, f"{account} overdrew {asset}"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions)
def test_random_trading_keeps_the_invariants(sequence):
    engine, clock = new_market()
    for action in sequence:
        apply(engine, clock, action)
        check_invariants(engine)
