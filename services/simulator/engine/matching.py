"""Order lifecycle: holds, price-time matching against users and the street, stops, expiry, settlement.

Settlement of a trade of ``qty`` at ``price`` (amount = price * qty) moves ``qty`` base from seller to buyer
and ``amount`` quote from buyer to seller; each *user* side pays ``fee_rate * amount`` (rounded to 1e-8,
maker and taker alike) in quote to FEE_ACCOUNT; the street pays no fee. Holds are bookkeeping only (``held``
of an asset): a buy holds price * qty + fee in quote (a market buy: the cost of walking the book now; a stop
buy: the stop price plus 5 %), a sell holds the base; each fill uses up hold and the rest is released when
the order ends. Accounts with ``allow_short`` skip the balance checks of buys (margin) and, on instruments
with ``allow_short``, of sells (short positions); their holds are still shown.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from services.simulator.engine.instrument import LiveInstrument
from services.simulator.engine.ledger import EXACT, Ledger
from services.simulator.engine.types import (
    AccountConfig,
    EngineEvent,
    FillEvent,
    OrderEvent,
    OrderRejected,
    SimFill,
    SimOrder,
    SimOrderState,
    SimOrderType,
    SimSide,
    SimTif,
    TradeEvent,
)
from services.simulator.engine.validation import (
    PRICED,
    STOPPED,
    check_order,
    check_price,
    check_quantity,
    show,
)

FEE_ACCOUNT = "__fees__"
STREET_ACCOUNT = "__street__"  # owner of the synthetic liquidity; may go negative, so the sums are conserved
FEE_QUANTUM = Decimal("0.00000001")
STOP_BUY_MARGIN = Decimal("1.05")
DAY_SECONDS = 86400
_ZERO = Decimal(0)
_SCAN_CHUNK = 3600  # seconds of path examined at once when looking for the next event


@dataclass(frozen=True, slots=True)
class _Watch:
    """Ticks and times that matter to an instrument's working user orders (None: nothing there)."""

    bid: int | None  # best resting user bid
    ask: int | None  # best resting user ask
    buy_stop: int | None  # lowest buy stop
    sell_stop: int | None  # highest sell stop
    expiry: int | None  # earliest end of a DAY order


def fee_for(amount: Decimal, rate: Decimal) -> Decimal:
    return EXACT.multiply(amount, rate).quantize(FEE_QUANTUM, rounding=ROUND_HALF_UP)


def expiry_of(order: SimOrder) -> int:
    """A DAY order ends at the UTC midnight after it was placed."""
    return (int(order.created) // DAY_SECONDS + 1) * DAY_SECONDS


class Exchange:
    def __init__(self, ledger: Ledger, emit: Callable[[EngineEvent], None]) -> None:
        self.ledger = ledger
        self._emit = emit
        self.accounts: dict[str, AccountConfig] = {}
        self.orders: dict[str, SimOrder] = {}
        self.account_orders: dict[str, list[SimOrder]] = {}
        self.account_fills: dict[str, list[SimFill]] = {}
        self.fills: list[SimFill] = []  # every fill, by id ("1" is the first)
        self._holds: dict[str, Decimal] = {}  # order id -> hold not yet used
        self._sequence: dict[str, int] = {}  # order id -> time priority
        self._working: dict[str, dict[str, SimOrder]] = {}  # instrument key -> active orders
        self._next_order = 1
        self._next_fill = 1
        self._next_sequence = 1

    # --- accounts -------------------------------------------------------------------------------------------
    def open_account(self, config: AccountConfig) -> None:
        if config.account not in self.accounts:
            self.accounts[config.account] = config
            self.account_orders[config.account] = []
            self.account_fills[config.account] = []
        self.ledger.open(config.account)

    def working_keys(self) -> list[str]:
        return [key for key, orders in self._working.items() if orders]

    # --- a paper account's restart (engine/snapshot.py) ----------------------------------------------------
    def export(self) -> tuple[dict[str, Decimal], dict[str, int], tuple[int, int, int]]:
        """The working orders' holds and time priorities, and the id counters."""
        working = {order_id for orders in self._working.values() for order_id in orders}
        return ({k: v for k, v in self._holds.items() if k in working},
                {k: v for k, v in self._sequence.items() if k in working},
                (self._next_order, self._next_fill, self._next_sequence))

    def load(self, holds: dict[str, Decimal], sequence: dict[str, int], counters: tuple[int, int, int],
             orders: list[SimOrder], fills: list[SimFill]) -> list[SimOrder]:
        """Takes back kept orders and fills (accounts opened first); returns the working orders, which the
        caller puts back on their instruments with :meth:`rest`."""
        self._next_order, self._next_fill, self._next_sequence = counters
        self._holds.update(holds)
        self._sequence.update(sequence)
        working = []
        for order in sorted(orders, key=lambda o: int(o.order_id)):
            self.orders[order.order_id] = order
            self.account_orders.setdefault(order.account, []).append(order)
            if order.state.is_active:
                working.append(order)
        for fill in sorted(fills, key=lambda f: int(f.fill_id)):
            self.fills.append(fill)
            self.account_fills.setdefault(fill.account, []).append(fill)
        return working

    @property
    def issued_orders(self) -> int:
        return self._next_order - 1

    def rest(self, inst: LiveInstrument, order: SimOrder) -> None:
        """A kept working order back on its instrument: waiting for its stop, or on the book."""
        self._working.setdefault(inst.key, {})[order.order_id] = order
        if order.state is SimOrderState.PENDING_TRIGGER:
            inst.stops.append(order)
        else:
            if order.order_id not in self._sequence:
                self._sequence[order.order_id] = self._take_sequence()
            inst.book.add(order, self._sequence[order.order_id])

    # --- submit ---------------------------------------------------------------------------------------------
    def submit(self, inst: LiveInstrument, now: float, account: str, side: SimSide, type: SimOrderType,
               quantity: Decimal, price: Decimal | None, stop_price: Decimal | None, tif: SimTif,
               client_id: str, tag: str) -> SimOrder:
        if account not in self.accounts:
            raise OrderRejected("unknown_account", f"account {account!r} does not exist")
        check_order(inst.spec, type, quantity, price, stop_price)
        order = SimOrder(str(self._next_order), account, inst.key, side, type, quantity, price, stop_price,
                         tif, client_id, tag, now, now)
        if type in STOPPED:
            order.state = SimOrderState.PENDING_TRIGGER
        hold = self._hold_needed(inst, order)
        self._check_funds(inst, order, hold, _ZERO)
        self._next_order += 1
        self.orders[order.order_id] = order
        self.account_orders[account].append(order)
        self._working.setdefault(inst.key, {})[order.order_id] = order
        self._sequence[order.order_id] = self._take_sequence()
        self._set_hold(inst, order, hold)
        self._announce(order)
        if type in STOPPED:
            inst.stops.append(order)
        else:
            self._execute(inst, order, now)
        self._check_stops(inst, now)
        return order

    def _take_sequence(self) -> int:
        self._next_sequence += 1
        return self._next_sequence

    # --- holds ----------------------------------------------------------------------------------------------
    def _hold_asset(self, inst: LiveInstrument, order: SimOrder) -> str:
        return inst.spec.quote if order.side is SimSide.BUY else inst.spec.base

    def _hold_needed(self, inst: LiveInstrument, order: SimOrder) -> Decimal:
        """The hold for the order's remaining quantity at its limit (or stop) price, or for a market order
        at the prices it would get now."""
        if order.type is SimOrderType.MARKET:
            return self._market_hold(inst, order)
        if order.side is SimSide.SELL:
            return order.remaining
        if order.type is SimOrderType.STOP:
            price = EXACT.multiply(order.stop_price, STOP_BUY_MARGIN)  # type: ignore[arg-type]  # a stop has its stop price
        else:
            price = order.price  # type: ignore[assignment]  # a priced order
        amount = EXACT.multiply(price, order.remaining)
        return EXACT.add(amount, fee_for(amount, self.accounts[order.account].fee_rate))

    def _market_hold(self, inst: LiveInstrument, order: SimOrder) -> Decimal:
        """What a market order would use walking the book now; rejects when the other side is empty."""
        available = inst.liquidity(order.side)
        if not available:
            raise OrderRejected("no_liquidity", f"no {'asks' if order.side is SimSide.BUY else 'bids'} "
                                                f"in {inst.key} for a market order")
        if order.side is SimSide.SELL:
            return order.remaining
        rate = self.accounts[order.account].fee_rate
        left, total = order.remaining, _ZERO
        for ticks, size, _ in available:
            take = min(left, size)
            amount = EXACT.multiply(inst.price(ticks), take)
            total = EXACT.add(total, EXACT.add(amount, fee_for(amount, rate)))
            left -= take
            if not left:
                break
        return total

    def _exempt(self, inst: LiveInstrument, order: SimOrder) -> bool:
        config = self.accounts[order.account]
        if order.side is SimSide.BUY:
            return config.allow_short
        return config.allow_short and inst.spec.allow_short

    def _check_funds(self, inst: LiveInstrument, order: SimOrder, needed: Decimal, freed: Decimal) -> None:
        if self._exempt(inst, order):
            return
        asset = self._hold_asset(inst, order)
        available = EXACT.add(self.ledger.holding(order.account, asset).available, freed)
        if needed > available:
            raise OrderRejected("insufficient_balance",
                                f"insufficient {asset}: {show(needed)} needed, {show(available)} available")

    def _set_hold(self, inst: LiveInstrument, order: SimOrder, amount: Decimal) -> None:
        self._release(inst, order)
        self._holds[order.order_id] = amount
        self.ledger.hold(order.account, self._hold_asset(inst, order), amount)

    def _release(self, inst: LiveInstrument, order: SimOrder) -> None:
        amount = self._holds.pop(order.order_id, _ZERO)
        if amount:
            self.ledger.release(order.account, self._hold_asset(inst, order), amount)

    def _use_hold(self, inst: LiveInstrument, order: SimOrder, amount: Decimal) -> None:
        left = self._holds.get(order.order_id, _ZERO)
        used = min(left, amount)
        if used:
            self._holds[order.order_id] = EXACT.subtract(left, used)
            self.ledger.release(order.account, self._hold_asset(inst, order), used)

    # --- matching -------------------------------------------------------------------------------------------
    def _execute(self, inst: LiveInstrument, order: SimOrder, now: float) -> None:
        """Match an active market/limit order (or a triggered stop) now; rest, cancel or end the rest."""
        limit = inst.ticks(order.price) if order.type in PRICED else None  # type: ignore[arg-type]  # PRICED: has a price
        buy = order.side is SimSide.BUY
        for ticks, size, maker in inst.liquidity(order.side):
            if not order.remaining:
                break
            if limit is not None and (ticks > limit if buy else ticks < limit):
                break
            quantity = min(order.remaining, size if maker is None else maker.remaining)
            if not quantity:
                continue
            if maker is None:
                inst.street.take(SimSide.SELL if buy else SimSide.BUY, ticks, quantity, inst.second)
            self._trade(inst, now, ticks, quantity, taker=order, maker=maker)
        if not order.state.is_active:
            return
        if order.type in (SimOrderType.MARKET, SimOrderType.STOP) or order.tif is SimTif.IOC:
            self._finish(inst, order, now, self._canceled_state(order), "the unfilled rest was canceled")
        else:
            inst.book.add(order, self._sequence[order.order_id])

    def _trade(self, inst: LiveInstrument, now: float, ticks: int, quantity: Decimal, *,
               taker: SimOrder | None, maker: SimOrder | None) -> None:
        """Settle one trade; ``None`` stands for the street on that side."""
        if taker is not None:
            aggressor = taker.side
        else:  # the street takes a resting user order
            aggressor = SimSide.SELL if maker.side is SimSide.BUY else SimSide.BUY  # type: ignore[union-attr]  # one side is a user
        buyer, seller = (taker, maker) if aggressor is SimSide.BUY else (maker, taker)
        price = inst.price(ticks)
        amount = EXACT.multiply(price, quantity)
        spec = inst.spec
        ledger = self.ledger
        buyer_account = buyer.account if buyer else STREET_ACCOUNT
        seller_account = seller.account if seller else STREET_ACCOUNT
        buyer_fee = fee_for(amount, self.accounts[buyer.account].fee_rate) if buyer else _ZERO
        seller_fee = fee_for(amount, self.accounts[seller.account].fee_rate) if seller else _ZERO
        ledger.transfer(seller_account, buyer_account, spec.base, quantity)
        ledger.transfer(buyer_account, seller_account, spec.quote, amount)
        ledger.transfer(buyer_account, FEE_ACCOUNT, spec.quote, buyer_fee)
        ledger.transfer(seller_account, FEE_ACCOUNT, spec.quote, seller_fee)

        trade = inst.add_print(now, ticks, quantity, aggressor)
        inst.history.record_trade(now, ticks, int(quantity / spec.qty_step))
        self._emit(TradeEvent(trade))
        for order, fee in ((taker, buyer_fee if taker is buyer else seller_fee),
                           (maker, buyer_fee if maker is buyer else seller_fee)):
            if order is None:
                continue
            self._use_hold(inst, order, EXACT.add(amount, fee) if order.side is SimSide.BUY else quantity)
            order.filled += quantity
            order.filled_value = EXACT.add(order.filled_value, amount)
            order.updated = now
            fill = SimFill(str(self._next_fill), order.order_id, order.account, inst.key, order.side, price,
                           quantity, fee, spec.quote, now, "taker" if order is taker else "maker")
            self._next_fill += 1
            self.account_fills[order.account].append(fill)
            self.fills.append(fill)
            self._emit(FillEvent(fill))
            if order.remaining:
                order.state = SimOrderState.PARTIALLY_FILLED
                self._announce(order)
            else:
                self._finish(inst, order, now, SimOrderState.FILLED, "")

    @staticmethod
    def _canceled_state(order: SimOrder) -> SimOrderState:
        return SimOrderState.PARTIALLY_CANCELED if order.filled else SimOrderState.CANCELED

    def _finish(self, inst: LiveInstrument, order: SimOrder, now: float, state: SimOrderState,
                reason: str) -> None:
        inst.book.remove(order)
        inst.stops = [o for o in inst.stops if o is not order]
        self._release(inst, order)
        self._working.get(inst.key, {}).pop(order.order_id, None)
        order.state = state
        order.reason = reason
        order.updated = now
        self._announce(order)

    def _announce(self, order: SimOrder) -> None:
        self._emit(OrderEvent(copy.copy(order)))

    # --- stops ----------------------------------------------------------------------------------------------
    def _check_stops(self, inst: LiveInstrument, now: float) -> None:
        while True:
            last = inst.last_ticks
            triggered = next((o for o in inst.stops if self._crossed(inst, o, last)), None)
            if triggered is None:
                return
            inst.stops = [o for o in inst.stops if o is not triggered]
            self._trigger(inst, triggered, now)

    @staticmethod
    def _crossed(inst: LiveInstrument, order: SimOrder, last: int) -> bool:
        stop = inst.ticks(order.stop_price)  # type: ignore[arg-type]  # a stop has its stop price
        return last >= stop if order.side is SimSide.BUY else last <= stop

    def _trigger(self, inst: LiveInstrument, order: SimOrder, now: float) -> None:
        order.state = SimOrderState.NEW
        order.updated = now
        if order.type is SimOrderType.STOP:
            try:
                hold = self._market_hold(inst, order)
                self._check_funds(inst, order, hold, self._holds.get(order.order_id, _ZERO))
            except OrderRejected as rejected:
                self._finish(inst, order, now, SimOrderState.REJECTED, f"stop triggered: {rejected.message}")
                return
            self._set_hold(inst, order, hold)
        self._announce(order)
        self._execute(inst, order, now)

    # --- cancel / modify / expire ---------------------------------------------------------------------------
    def cancel(self, inst: LiveInstrument, order: SimOrder, now: float) -> None:
        if not order.state.is_active:
            raise OrderRejected("not_modifiable", f"order {order.order_id} is {order.state.value}")
        self._finish(inst, order, now, self._canceled_state(order), "canceled")

    def modify(self, inst: LiveInstrument, order: SimOrder, now: float, price: Decimal | None,
               quantity: Decimal | None, stop_price: Decimal | None, only_unfilled: bool) -> None:
        if not order.state.is_active:
            raise OrderRejected("not_modifiable", f"order {order.order_id} is {order.state.value}")
        if only_unfilled and order.filled:
            raise OrderRejected("not_modifiable", f"order {order.order_id} is partially filled")
        spec = inst.spec
        if price is not None:
            if order.type not in PRICED:
                raise OrderRejected("bad_type", f"a {order.type.value} order takes no price")
            check_price(spec, price)
        if stop_price is not None:
            if order.state is not SimOrderState.PENDING_TRIGGER:
                raise OrderRejected("bad_type", f"order {order.order_id} has no stop waiting to trigger")
            check_price(spec, stop_price, "stop price")
        if quantity is not None:
            check_quantity(spec, quantity)
            if quantity <= order.filled:
                raise OrderRejected("bad_quantity", f"quantity {show(quantity)} is not above the "
                                                    f"filled {show(order.filled)}")
        new_price = order.price if price is None else price
        new_quantity = order.quantity if quantity is None else quantity
        new_stop = order.stop_price if stop_price is None else stop_price
        if (new_price, new_quantity, new_stop) == (order.price, order.quantity, order.stop_price):
            return
        loses_priority = new_price != order.price or new_quantity > order.quantity
        old = (order.price, order.quantity, order.stop_price)
        order.price, order.quantity, order.stop_price = new_price, new_quantity, new_stop
        hold = self._hold_needed(inst, order)
        try:
            self._check_funds(inst, order, hold, self._holds.get(order.order_id, _ZERO))
        except OrderRejected:
            order.price, order.quantity, order.stop_price = old
            raise
        self._set_hold(inst, order, hold)
        order.updated = now
        if loses_priority:
            self._sequence[order.order_id] = self._take_sequence()
        self._announce(order)
        if order.state is SimOrderState.PENDING_TRIGGER:
            self._check_stops(inst, now)
        elif inst.book.remove(order):
            self._execute(inst, order, now)
            self._check_stops(inst, now)

    # --- time -----------------------------------------------------------------------------------------------
    def advance(self, inst: LiveInstrument, target: int) -> None:
        """Follow the path up to second ``target``, stopping at each second where something happens to users'
        orders (the street reaches a resting limit, a stop price is touched, a DAY order's day ends). Minutes
        whose range cannot reach any user order are skipped whole, so long jumps of the clock stay cheap."""
        t = inst.second + 1
        while t <= target:
            watch = self._watch(inst)
            start = self._first_candidate_minute(inst, watch, t, target)
            if start > t:
                first = max(t, start - inst.PRINT_TAIL)
                self._publish(inst.follow(first, start, inst.process.seconds(first, start)))
                t = start
                continue
            end = min(target + 1, t + _SCAN_CHUNK)
            points = inst.process.seconds(t, end)
            at = self._first_event(inst, watch, t, points)
            if at is None:
                self._publish(inst.follow(t, end, points))
                t = end
                continue
            self._publish(inst.follow(t, t + at + 1, points[:at + 1]))
            self._on_second(inst, t + at)
            t += at + 1

    def _publish(self, prints: list) -> None:
        for trade in prints:
            self._emit(TradeEvent(trade))

    def _watch(self, inst: LiveInstrument) -> _Watch | None:
        """The price and time thresholds at which something happens to the instrument's user orders."""
        working = self._working.get(inst.key)
        if not working:
            return None
        best_bid, best_ask = inst.book.best(SimSide.BUY), inst.book.best(SimSide.SELL)
        stops = [(o.side, inst.ticks(o.stop_price)) for o in inst.stops if o.stop_price is not None]
        buy_stops = [ticks for side, ticks in stops if side is SimSide.BUY]
        sell_stops = [ticks for side, ticks in stops if side is SimSide.SELL]
        expiries = [expiry_of(o) for o in working.values() if o.tif is SimTif.DAY]
        return _Watch(
            inst.ticks(best_bid.price) if best_bid else None,  # type: ignore[arg-type]  # booked: priced
            inst.ticks(best_ask.price) if best_ask else None,  # type: ignore[arg-type]  # booked: priced
            min(buy_stops) if buy_stops else None,
            max(sell_stops) if sell_stops else None,
            min(expiries) if expiries else None,
        )

    @staticmethod
    def _first_candidate_minute(inst: LiveInstrument, watch: _Watch | None, t: int, target: int) -> int:
        """The first second >= t of a minute whose range may reach a threshold (target + 1 if none)."""
        if watch is None:
            return target + 1
        first_minute = t // 60
        rows = inst.process.minute_rows(first_minute, target // 60 - first_minute + 1)
        mask = np.zeros(rows.low.shape[0], dtype=bool)
        if watch.bid is not None:
            mask |= rows.low + 1 <= watch.bid  # the street's ask is at least a tick above the path
        if watch.ask is not None:
            mask |= rows.high >= watch.ask
        if watch.buy_stop is not None:
            mask |= rows.high >= watch.buy_stop
        if watch.sell_stop is not None:
            mask |= rows.low <= watch.sell_stop
        if watch.expiry is not None:
            mask |= (first_minute + np.arange(mask.shape[0]) + 1) * 60 > watch.expiry
        hits = np.flatnonzero(mask)
        return max(t, (first_minute + int(hits[0])) * 60) if hits.shape[0] else target + 1

    @staticmethod
    def _first_event(inst: LiveInstrument, watch: _Watch | None, t: int, points: np.ndarray) -> int | None:
        """The index of the first second of ``points`` (prices from second t) where a threshold is reached."""
        if watch is None:
            return None
        seconds = np.arange(t, t + points.shape[0])
        mask = np.zeros(points.shape[0], dtype=bool)
        if watch.bid is not None or watch.ask is not None:
            bids, asks = inst.street.inside_many(points, seconds)
            if watch.bid is not None:
                mask |= asks <= watch.bid
            if watch.ask is not None:
                mask |= bids >= watch.ask
        if watch.buy_stop is not None:
            mask |= points >= watch.buy_stop
        if watch.sell_stop is not None:
            mask |= points <= watch.sell_stop
        if watch.expiry is not None:
            mask |= seconds >= watch.expiry
        hits = np.flatnonzero(mask)
        return int(hits[0]) if hits.shape[0] else None

    def _on_second(self, inst: LiveInstrument, second: int) -> None:
        now = float(second)
        for order in list(self._working.get(inst.key, {}).values()):
            if order.tif is SimTif.DAY and expiry_of(order) <= second:
                self._finish(inst, order, now, SimOrderState.EXPIRED, "the order's day ended")
        for side in (SimSide.BUY, SimSide.SELL):
            self._street_takes(inst, side, now)
        self._check_stops(inst, now)

    def _street_takes(self, inst: LiveInstrument, side: SimSide, now: float) -> None:
        """The street trades against resting user orders on ``side`` that its quotes have reached, at their
        limit prices, as much as its crossing levels hold."""
        street_side = SimSide.SELL if side is SimSide.BUY else SimSide.BUY
        for order in list(inst.book.side(side)):
            limit = inst.ticks(order.price)  # type: ignore[arg-type]  # booked: priced
            crossing = [(p, size) for p, size in inst.street.levels(street_side, inst.ref, inst.second)
                        if (p <= limit if side is SimSide.BUY else p >= limit)]
            if not crossing:
                return
            for p, size in crossing:
                quantity = min(order.remaining, size)
                inst.street.take(street_side, p, quantity, inst.second)
                self._trade(inst, now, limit, quantity, taker=None, maker=order)
                if not order.remaining:
                    break
