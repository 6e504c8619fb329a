"""The live state of one instrument: where its price path has got to, its book, its trade prints and its
bars."""

from __future__ import annotations

from collections import deque
from decimal import Decimal

import numpy as np

from services.simulator.engine.bars import BarHistory, LiveMinute
from services.simulator.engine.book import SyntheticLiquidity, UserBook
from services.simulator.engine.noise import name_hash, uniforms
from services.simulator.engine.prices import PriceProcess
from services.simulator.engine.types import DepthSnapshot, InstrumentSpec, SimOrder, SimSide, TradePrint

# (price in ticks, size, the resting user order or None for the street)
Liquidity = tuple[int, Decimal, SimOrder | None]


class LiveInstrument:
    PRINT_TAIL = 600  # at most this many seconds of synthetic prints are produced per step (time jumps)
    MAX_PRINTS = 5000

    def __init__(self, spec: InstrumentSpec, process: PriceProcess, history: BarHistory,
                 street: SyntheticLiquidity, second: int) -> None:
        self.spec = spec
        self.key = spec.key
        self.process = process
        self.history = history
        self.street = street
        self.book = UserBook()
        self.stops: list[SimOrder] = []
        self.trades: deque[TradePrint] = deque(maxlen=self.MAX_PRINTS)
        self.next_trade_id = 1
        self._print_stream = name_hash("prints", spec.key)
        self._print_units = max(1.0, (spec.daily_turnover or 5e6) / 86400 / float(spec.start_price)
                                / float(street.unit))
        self.second = second  # the path has been followed up to this second
        self.ref = process.at(second)  # the path's price there: the street quotes around it
        self.last_ticks = self.ref
        self.last_time = float(second)

    # --- prices ---------------------------------------------------------------------------------------------
    def ticks(self, price: Decimal) -> int:
        return int((price / self.spec.price_step).to_integral_value())

    def price(self, ticks: int) -> Decimal:
        return self.spec.price_step * ticks

    @property
    def last(self) -> Decimal:
        return self.price(self.last_ticks)

    def live_minute(self) -> LiveMinute:
        return LiveMinute(self.second, self.last_ticks, self.last_time)

    # --- the path -------------------------------------------------------------------------------------------
    def follow(self, t_from: int, t_to: int, points: np.ndarray) -> list[TradePrint]:
        """Move along the path over seconds [t_from, t_to) (``points`` are its prices): one street print per
        second, only the last PRINT_TAIL seconds of a longer stretch."""
        if t_to <= t_from:
            return []
        first = max(t_from, t_to - self.PRINT_TAIL)
        points = points[first - t_from:]
        seconds = np.arange(first, t_to)
        u = uniforms(self._print_stream, seconds)
        units = np.maximum(1, np.rint(self._print_units * (0.1 + 1.8 * u))).astype(np.int64)
        previous = np.r_[self.last_ticks, points[:-1]]
        buys = (points > previous) | ((points == previous) & (u < 0.5))
        prints = [
            self.add_print(float(t), int(p), self.street.unit * int(n), SimSide.BUY if b else SimSide.SELL)
            for t, p, n, b in zip(seconds, points, units, buys, strict=True)
        ]
        self.second = t_to - 1
        self.ref = int(points[-1])
        return prints

    def add_print(self, time: float, ticks: int, quantity: Decimal, aggressor: SimSide) -> TradePrint:
        trade = TradePrint(self.next_trade_id, self.key, time, self.price(ticks), quantity, aggressor)
        self.next_trade_id += 1
        self.trades.append(trade)
        self.last_ticks = ticks
        self.last_time = time
        return trade

    # --- the book -------------------------------------------------------------------------------------------
    def liquidity(self, taker: SimSide) -> list[Liquidity]:
        """What a ``taker`` order can trade against, best first (users before the street at a price)."""
        book_side = SimSide.SELL if taker is SimSide.BUY else SimSide.BUY
        levels: list[tuple[int, Decimal, SimOrder | None]] = [
            (self.ticks(o.price), o.remaining, o)  # type: ignore[arg-type]  # resting orders are priced
            for o in self.book.side(book_side)
        ]
        levels += [(p, size, None) for p, size in self.street.levels(book_side, self.ref, self.second)]
        sign = 1 if taker is SimSide.BUY else -1
        return sorted(levels, key=lambda item: (sign * item[0], item[2] is None))

    def depth(self, levels: int, time: float) -> DepthSnapshot:
        bids, asks = self._side(SimSide.BUY, levels), self._side(SimSide.SELL, levels)
        return DepthSnapshot(self.key, bids, asks, time)

    def _side(self, side: SimSide, levels: int) -> list[tuple[Decimal, Decimal]]:
        """Users' orders and the street's levels aggregated by price, best first."""
        sizes: dict[int, Decimal] = {}
        for order in self.book.side(side):
            p = self.ticks(order.price)  # type: ignore[arg-type]  # booked: priced
            sizes[p] = sizes.get(p, Decimal(0)) + order.remaining
        for p, size in self.street.levels(side, self.ref, self.second):
            sizes[p] = sizes.get(p, Decimal(0)) + size
        ordered = sorted(sizes, reverse=side is SimSide.BUY)[:levels]
        return [(self.price(p), sizes[p]) for p in ordered]
