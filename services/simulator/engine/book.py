"""Order book pieces: the street's synthetic liquidity around the price, and the users' resting orders.

Synthetic liquidity (owned by STREET_ACCOUNT) is a function of the reference price and the second: the best
bid and ask sit a few ticks apart around the price, deeper levels lie on a fixed grid (``spacing`` ticks
apart, so a level keeps its place and size while the price moves), sizes are hashed from (price, side, half-
minute) and grow with depth. What users take from a level stays taken for ``REPLENISH`` seconds.
"""

from __future__ import annotations

import bisect
import math
from decimal import Decimal

import numpy as np

from services.simulator.engine.noise import mix, name_hash, uniform, uniforms
from services.simulator.engine.types import InstrumentSpec, SimOrder, SimSide

Level = tuple[int, Decimal]  # (price in ticks, size)


class SyntheticLiquidity:
    MAX_LEVELS = 50  # the street's whole depth per side
    REPLENISH = 5  # seconds a taken level stays (partly) empty
    SPREAD_PERIOD = 5  # seconds the spread stays the same
    GRID_FRACTION = 0.00008  # distance between deeper levels, as a fraction of the start price

    def __init__(self, spec: InstrumentSpec, seed: int) -> None:
        self._stream = name_hash("book", spec.key, seed)
        step = float(spec.price_step)
        self.spacing = max(1, round(float(spec.start_price) * self.GRID_FRACTION / step))
        self.unit = max(spec.qty_step, spec.lot_size)
        self._min_units = max(1, math.ceil(spec.min_qty / self.unit))
        turnover = spec.daily_turnover or 5e6
        level_notional = turnover / 3000
        self._level_units = max(float(self._min_units), level_notional / float(spec.start_price * self.unit))
        self._taken: dict[tuple[SimSide, int], tuple[Decimal, int]] = {}

    # --- the inside market ----------------------------------------------------------------------------------
    def _spread(self, second: int) -> int:
        return 1 + int(uniform(self._stream, second // self.SPREAD_PERIOD) * 3)

    def inside(self, ref: int, second: int) -> tuple[int, int]:
        """(best bid, best ask) in ticks around the reference price ``ref``."""
        spread = self._spread(second)
        bid = max(1, ref - spread // 2)
        return bid, bid + spread

    def inside_many(self, refs: np.ndarray, seconds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        spread = 1 + (uniforms(self._stream, seconds // self.SPREAD_PERIOD) * 3).astype(np.int64)
        bids = np.maximum(1, refs - spread // 2)
        return bids, bids + spread

    # --- levels ---------------------------------------------------------------------------------------------
    def levels(self, side: SimSide, ref: int, second: int, count: int = MAX_LEVELS) -> list[Level]:
        """The street's levels on ``side`` (BUY = bids), best first, what users took already subtracted."""
        bid, ask = self.inside(ref, second)
        prices = [bid if side is SimSide.BUY else ask]
        if side is SimSide.BUY:
            grid = (bid // self.spacing) * self.spacing
            grid = grid - self.spacing if grid == bid else grid
            prices += [p for p in range(grid, grid - self.spacing * (count - 1), -self.spacing) if p > 0]
        else:
            grid = -(-ask // self.spacing) * self.spacing
            grid = grid + self.spacing if grid == ask else grid
            prices += list(range(grid, grid + self.spacing * (count - 1), self.spacing))
        result = []
        epoch = second // 30
        for depth, price in enumerate(prices[:count]):
            size = self._size(side, price, depth, epoch) - self._taken_at(side, price, second)
            if size > 0:
                result.append((price, size))
        return result

    def _size(self, side: SimSide, price: int, depth: int, epoch: int) -> Decimal:
        u = uniform(self._stream ^ (1 if side is SimSide.BUY else 2), mix(price, epoch))
        units = max(self._min_units, round(self._level_units * (0.3 + 1.4 * u) * (1 + 0.12 * depth)))
        return self.unit * units

    def _taken_at(self, side: SimSide, price: int, second: int) -> Decimal:
        taken = self._taken.get((side, price))
        if taken is None or second - taken[1] >= self.REPLENISH:
            return Decimal(0)
        return taken[0]

    def take(self, side: SimSide, price: int, quantity: Decimal, second: int) -> None:
        """Users traded ``quantity`` against the street's level."""
        if len(self._taken) > 10_000:
            self._taken = {k: v for k, v in self._taken.items() if second - v[1] < self.REPLENISH}
        self._taken[(side, price)] = (self._taken_at(side, price, second) + quantity, second)


class UserBook:
    """Resting user orders in price-time priority (bids: highest first, asks: lowest first)."""

    def __init__(self) -> None:
        self.bids: list[SimOrder] = []
        self.asks: list[SimOrder] = []
        self._keys: dict[str, tuple[Decimal, int]] = {}

    def side(self, side: SimSide) -> list[SimOrder]:
        return self.bids if side is SimSide.BUY else self.asks

    def add(self, order: SimOrder, sequence: int) -> None:
        assert order.price is not None
        key = (-order.price if order.side is SimSide.BUY else order.price, sequence)
        self._keys[order.order_id] = key
        orders = self.side(order.side)
        index = bisect.bisect_right([self._keys[o.order_id] for o in orders], key)
        orders.insert(index, order)

    def remove(self, order: SimOrder) -> bool:
        if self._keys.pop(order.order_id, None) is None:
            return False
        orders = self.side(order.side)
        del orders[next(i for i, o in enumerate(orders) if o is order)]
        return True

    def best(self, side: SimSide) -> SimOrder | None:
        orders = self.side(side)
        return orders[0] if orders else None
