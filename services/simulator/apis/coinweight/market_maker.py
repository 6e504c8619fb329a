"""SingleMarketMaker and VolumeMarketMaker: real trading on the engine, as asyncio tasks on the server loop.

Every symbol entry becomes a :class:`Quoter`: each ``replaceDelay`` simulated seconds (± ``delayVar`` for the
VolumeMarketMaker) it cancels its orders on the instrument and places a fresh ladder in the owner's account on
the strategy's exchange, every order tagged ``cw-strategy:<id>``:

* centre: ``middlePrice``, or (0) the market mid. A SingleMarketMaker re-centres only when the market has left
  the ``toleranceVar`` band (a fraction of the centre) and then moves by ``middlePriceStep`` (price units; 0 =
  jump to the market); a VolumeMarketMaker takes the mid at every requote.
* ladder (SingleMarketMaker): ``orderNumber`` levels per side of ``side`` (Both/Bid/Ask); level ``i`` sits at
  ``centre ∓ (centre * spreadPct / 2 + i * priceStep)`` (``spreadPct`` is a fraction: 0.04 = 4 % between the
  best bid and best ask of the ladder). A VolumeMarketMaker quotes one bid and one ask at the centre itself,
  so the market trades through it (that is the volume it makes).
* noise: price ± uniform ``priceVar`` (price units), quantity ``orderQty`` ± uniform ``qtyVar``; prices
  rounded away from the centre to the tick, quantities down to the step and into [quantityMin, quantityMax].
  A ladder never crosses itself: a price at or through its own other side moves one tick clear of it.
* budgets: bids together commit at most ``margin2`` of ``currency2`` (the quote), asks at most ``margin1`` of
  ``currency1`` (the base); the legacy ``currency``/``margin`` pair budgets the side that spends that
  currency. Inner levels are placed first, so a tight budget keeps the best prices. The balance limits too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Decimal
from typing import Any

from services.simulator.apis.coinweight.venue import COUNTERPARTIES, CoinweightSim
from services.simulator.apis.coinweight.wire import decimal_of, int_of, parameters_error
from services.simulator.engine import InstrumentSpec, OrderRejected, SimOrderType, SimSide

log = logging.getLogger("tessera.simulator.coinweight.strategies")

SINGLE = "SingleMarketMaker"
VOLUME = "VolumeMarketMaker"
_SIDES = {"Both": (SimSide.BUY, SimSide.SELL), "Bid": (SimSide.BUY,), "Ask": (SimSide.SELL,)}
MAX_ORDER_NUMBER = 50
MIN_DELAY = 0.1  # simulated seconds between two requotes, whatever the parameters say
POLL_SECONDS = 0.1  # real seconds between looks at the clock (an advance_by jump is seen this fast)


def strategy_tag(strategy_id: str) -> str:
    return f"cw-strategy:{strategy_id}"


@dataclass(frozen=True)
class QuoteParams:
    spec: InstrumentSpec
    sides: tuple[SimSide, ...]
    order_number: int
    spread_pct: Decimal
    price_step: Decimal
    price_var: Decimal
    order_qty: Decimal
    qty_var: Decimal
    middle_price: Decimal  # 0: the market mid
    replace_delay: float
    delay_var: float
    middle_price_step: Decimal
    tolerance_var: Decimal
    margin_base: Decimal | None  # None: no budget but the balance
    margin_quote: Decimal | None
    stepwise_centre: bool  # SingleMarketMaker re-centring; a VolumeMarketMaker follows the mid at once


def quote_params(venue: CoinweightSim, strategy: dict[str, Any]) -> list[QuoteParams]:
    """The runnable parameters of a validated market-maker strategy (400 if an entry cannot run)."""
    kind, exchange = strategy["strategyType"], strategy["exchange"]
    params = [
        _entry_params(venue, kind, exchange, entry, f"symbols[{i}]")
        for i, entry in enumerate(strategy["symbols"])
    ]
    keys = [p.spec.key for p in params]
    if len(set(keys)) != len(keys):
        raise parameters_error("a strategy quotes each symbol once")
    return params


def _entry_params(
    venue: CoinweightSim, kind: str, exchange: str, entry: dict[str, Any], where: str
) -> QuoteParams:
    def number(name: str, default: str) -> Decimal:
        return decimal_of(entry.get(name, default), f"{where}.{name}")

    symbol = str(entry.get("symbol") or entry.get("name") or "")
    spec = venue.instrument(exchange, symbol)
    single = kind == SINGLE
    order_number = int_of(entry.get("orderNumber", 1), f"{where}.orderNumber") if single else 1
    if not 1 <= order_number <= MAX_ORDER_NUMBER:
        raise parameters_error(f"{where}.orderNumber must be 1 to {MAX_ORDER_NUMBER}")
    order_qty = number("orderQty", "0")
    if order_qty <= 0:
        raise parameters_error(f"{where}.orderQty must be greater than 0")
    margin_base, margin_quote = _budgets(spec, entry, where)
    return QuoteParams(
        spec=spec,
        sides=_SIDES[entry.get("side", "Both")] if single else _SIDES["Both"],
        order_number=order_number,
        spread_pct=number("spreadPct", "0") if single else Decimal(0),
        price_step=number("priceStep", "0") if single else Decimal(0),
        price_var=number("priceVar", "0"),
        order_qty=order_qty,
        qty_var=number("qtyVar", "0"),
        middle_price=number("middlePrice", "0"),
        replace_delay=max(MIN_DELAY, float(number("replaceDelay", "1" if single else "60"))),
        delay_var=0.0 if single else float(number("delayVar", "0")),
        middle_price_step=number("middlePriceStep", "0") if single else Decimal(0),
        tolerance_var=number("toleranceVar", "0") if single else Decimal(0),
        margin_base=margin_base,
        margin_quote=margin_quote,
        stepwise_centre=single,
    )


def _budgets(
    spec: InstrumentSpec, entry: dict[str, Any], where: str
) -> tuple[Decimal | None, Decimal | None]:
    budgets: dict[str, Decimal] = {}
    for currency_field, margin_field in (
        ("currency1", "margin1"),
        ("currency2", "margin2"),
        ("currency", "margin"),
    ):
        if margin_field in entry:
            default = {"margin1": spec.base, "margin2": spec.quote}.get(margin_field, "")
            currency = str(entry.get(currency_field, default))
            if currency not in (spec.base, spec.quote):
                raise parameters_error(
                    f"{where}.{currency_field} {currency!r} is not a currency of {spec.symbol}"
                )
            budgets[currency] = decimal_of(entry[margin_field], f"{where}.{margin_field}")
    return budgets.get(spec.base), budgets.get(spec.quote)


class Quoter:
    """One symbol entry of a running strategy: its ladder on one instrument, replaced on schedule."""

    def __init__(
        self, venue: CoinweightSim, account: str, tag: str, params: QuoteParams, rng: random.Random
    ) -> None:
        self.venue = venue
        self.account = account
        self.tag = tag
        self.params = params
        self.rng = rng
        self.centre: Decimal | None = None
        self.next_due = 0.0

    def requote(self, now: float) -> None:
        engine, spec = self.venue.engine, self.params.spec
        for order in engine.orders(self.account, active=True, key=spec.key):
            if order.tag == self.tag:
                with contextlib.suppress(OrderRejected):
                    engine.cancel(order.order_id)
        centre = self._recentre()
        if centre is not None and centre > 0:
            self._place_ladder(centre)
        self.next_due = now + self._delay()

    def _recentre(self) -> Decimal | None:
        p = self.params
        if p.middle_price > 0:
            return p.middle_price
        top = self.venue.engine.top(p.spec.key)
        market = (top.bid + top.ask) / 2 if top.bid is not None and top.ask is not None else top.last
        if self.centre is None or not p.stepwise_centre:
            self.centre = market
        elif abs(market - self.centre) > self.centre * p.tolerance_var:
            step = p.middle_price_step
            if step <= 0 or abs(market - self.centre) <= step:
                self.centre = market
            else:
                self.centre += step if market > self.centre else -step
        return self.centre

    def _place_ladder(self, centre: Decimal) -> None:
        p, spec = self.params, self.params.spec
        spend = {SimSide.BUY: Decimal(0), SimSide.SELL: Decimal(0)}
        budget = {SimSide.BUY: p.margin_quote, SimSide.SELL: p.margin_base}
        inside: dict[SimSide, Decimal] = {}  # the ladder's own best bid and ask so far
        for level in range(p.order_number):
            for side in p.sides:
                price = self._level_price(centre, side, level, inside)
                quantity = self._quantity()
                cost = quantity * price if side is SimSide.BUY else quantity
                limit = budget[side]
                if price <= 0 or (limit is not None and spend[side] + cost > limit):
                    continue
                try:
                    self.venue.engine.submit(
                        self.account, spec.key, side, SimOrderType.LIMIT, quantity, price, tag=self.tag
                    )
                except OrderRejected as rejected:  # e.g. the balance ran out: the next requote tries again
                    log.debug("%s on %s: %s", self.tag, spec.key, rejected)
                    continue
                spend[side] += cost
                best = max if side is SimSide.BUY else min
                inside[side] = best(inside.get(side, price), price)

    def _level_price(
        self, centre: Decimal, side: SimSide, level: int, inside: dict[SimSide, Decimal]
    ) -> Decimal:
        """The price of ``level`` on ``side``, on the tick, never crossing the ladder's own other side."""
        p, tick = self.params, self.params.spec.price_step
        offset = centre * p.spread_pct / 2 + level * p.price_step
        buying = side is SimSide.BUY
        raw = (centre - offset if buying else centre + offset) + self._noise(p.price_var)
        price = (raw / tick).to_integral_value(ROUND_FLOOR if buying else ROUND_CEILING) * tick
        other = inside.get(SimSide.SELL if buying else SimSide.BUY)
        if other is None:
            return price
        return min(price, other - tick) if buying else max(price, other + tick)

    def _quantity(self) -> Decimal:
        p, spec = self.params, self.params.spec
        raw = p.order_qty + self._noise(p.qty_var)
        quantity = (raw / spec.qty_step).to_integral_value(ROUND_DOWN) * spec.qty_step
        return min(max(quantity, spec.min_qty), spec.max_qty)

    def _noise(self, amplitude: Decimal) -> Decimal:
        return amplitude * Decimal(repr(self.rng.uniform(-1.0, 1.0))) if amplitude else Decimal(0)

    def _delay(self) -> float:
        p = self.params
        return max(MIN_DELAY, p.replace_delay + self.rng.uniform(-p.delay_var, p.delay_var))


class StrategyRunner:
    """A started strategy: its quoters, and the task that requotes them on the simulated clock."""

    def __init__(
        self, venue: CoinweightSim, uid: int, strategy_id: str, exchange: str, params: list[QuoteParams]
    ) -> None:
        self.venue = venue
        self.uid = uid
        self.strategy_id = strategy_id
        rng = random.Random(f"{venue.ctx.seed}:{uid}:{strategy_id}")
        account = venue.account(uid, exchange)
        self.quoters = [Quoter(venue, account, strategy_tag(strategy_id), p, rng) for p in params]
        self.task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def start(self) -> None:
        """Quote at once (the orders are on the book when /strategy/start answers), then keep requoting."""
        now = self.venue.now()
        for quoter in self.quoters:
            quoter.requote(now)
        name = f"coinweight-strategy-{self.uid}-{self.strategy_id}"
        self.task = asyncio.get_running_loop().create_task(self._run(), name=name)

    def halt(self) -> asyncio.Task[None] | None:
        """Stop requoting (the orders stay); the task to await, if one was running."""
        task, self.task = self.task, None
        if task is None or task.done():
            return None
        task.cancel()
        return task

    async def _run(self) -> None:
        try:
            while True:
                await self._sleep_until(min(q.next_due for q in self.quoters))
                self.venue.sync()
                now = self.venue.now()
                for quoter in self.quoters:
                    if quoter.next_due <= now:
                        quoter.requote(now)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("strategy %s of user %s failed and stopped", self.strategy_id, self.uid)

    async def _sleep_until(self, due: float) -> None:
        clock = self.venue.clock
        while (left := due - clock.now()) > 0:
            await asyncio.sleep(min(left / clock.speed, POLL_SECONDS) if clock.speed > 0 else POLL_SECONDS)


def cancel_strategy_orders(venue: CoinweightSim, uid: int, strategy_id: str) -> int:
    """Cancel the user's open orders a strategy placed (on any counterparty); how many were canceled."""
    tag, canceled = strategy_tag(strategy_id), 0
    for counterparty in COUNTERPARTIES:
        for order in venue.engine.orders(venue.account(uid, counterparty), active=True):
            if order.tag == tag:
                with contextlib.suppress(OrderRejected):
                    venue.engine.cancel(order.order_id)
                    canceled += 1
    return canceled
