"""The seeded price process of one instrument: a pure function of (seed, instrument, time).

Layers, coarse to fine, each generated from counter-based randomness so any day can be produced on its own:

* a daily path per *underlying* (the symbol, so ``BTC-USDT`` on every counterparty shares it): log-price
  deviation with GARCH(1,1) volatility, rare jumps and slow mean reversion to 0 (the level stays near
  ``start_price`` over years), generated sequentially from ``EPOCH`` in chunks of days;
* a daily basis per instrument key (small AR(1) in log price), so counterparties differ a little;
* per day a block of 1440 one-minute bars: a random walk with clustered volatility and jumps, bridged so it
  ends exactly on the day's close; high/low/volume from the same block's randomness;
* within a minute, a point per second: piecewise linear through open -> high/low -> low/high -> close with a
  little hashed noise, so the live price passes through every minute's high and low.

Prices are integer ticks (multiples of the price step) and volumes integer units of ``qty_step``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from services.simulator.engine.noise import block_rng, name_hash, uniforms
from services.simulator.engine.types import InstrumentSpec

EPOCH = 1704067200  # 2024-01-01T00:00:00Z: the first day of generated history
DAY = 86400
MINUTES_PER_DAY = 1440
_CHUNK_DAYS = 512
_VOL_STEP = 10  # minutes per point of the intraday log-volatility process


@dataclass(slots=True)
class MinuteBlock:
    """One UTC day of one-minute bars (arrays of 1440)."""

    open: np.ndarray  # int64 ticks
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray  # int64 units of qty_step


class LruCache:
    """A bounded least-recently-used cache (generated blocks, summaries)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[object, object] = OrderedDict()

    def get(self, key: object) -> object | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: object, item: object) -> None:
        self._items[key] = item
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def _ar1(shocks: np.ndarray, phi: float) -> np.ndarray:
    """y[i] = phi * y[i-1] + sqrt(1 - phi^2) * shocks[i] along the last axis, with y[0] = shocks[0]."""
    n = shocks.shape[-1]
    powers = phi ** np.arange(n)
    scaled = shocks * np.sqrt(1 - phi * phi)
    scaled[..., 0] = shocks[..., 0]
    return np.cumsum(scaled / powers, axis=-1) * powers


class UnderlyingPath:
    """Daily log-price deviation of one underlying (end-of-day values) and its daily volatility."""

    ALPHA, BETA = 0.07, 0.90
    KAPPA = 1.0 / 150  # mean reversion per day: the level wanders for months, stays realistic for years
    JUMP_PROB, JUMP_SCALE = 0.015, 4.0

    def __init__(self, seed: int, symbol: str, volatility: float) -> None:
        self._seed = seed
        self._stream = name_hash("underlying", symbol, volatility)
        self._sigma_long = volatility / math.sqrt(365)
        self._omega = self._sigma_long**2 * (1 - self.ALPHA - self.BETA)
        self.deviation = np.zeros(0)
        self.sigma = np.zeros(0)
        self._state = (0.0, self._sigma_long**2, 0.0)  # deviation, variance, last shock

    def ensure(self, day: int) -> None:
        while self.deviation.shape[0] <= day:
            self._extend()

    def _extend(self) -> None:
        chunk = self.deviation.shape[0] // _CHUNK_DAYS
        rng = block_rng(self._seed, self._stream, chunk)
        z = rng.standard_normal(_CHUNK_DAYS)
        jumps = np.where(rng.random(_CHUNK_DAYS) < self.JUMP_PROB, rng.standard_normal(_CHUNK_DAYS), 0.0)
        jumps *= self.JUMP_SCALE * self._sigma_long
        deviation = np.empty(_CHUNK_DAYS)
        sigma = np.empty(_CHUNK_DAYS)
        x, var, shock = self._state
        keep = 1.0 - self.KAPPA
        for i in range(_CHUNK_DAYS):
            var = self._omega + self.ALPHA * shock * shock + self.BETA * var
            s = math.sqrt(var)
            shock = s * float(z[i])
            x = x * keep + shock + float(jumps[i])
            deviation[i] = x
            sigma[i] = s
        self._state = (x, var, shock)
        self.deviation = np.concatenate([self.deviation, deviation])
        self.sigma = np.concatenate([self.sigma, sigma])


class BasisPath:
    """Daily log basis of one instrument key against its underlying (AR(1), a few basis points)."""

    PHI = 0.9

    def __init__(self, seed: int, key: str, scale: float) -> None:
        self._seed = seed
        self._stream = name_hash("basis", key)
        self._scale = scale
        self.values = np.zeros(0)

    def ensure(self, day: int) -> None:
        while self.values.shape[0] <= day:
            chunk = self.values.shape[0] // _CHUNK_DAYS
            shocks = block_rng(self._seed, self._stream, chunk).standard_normal(_CHUNK_DAYS)
            values = _ar1(shocks, self.PHI) * self._scale
            self.values = np.concatenate([self.values, values])


class PriceProcess:
    """Minute blocks and per-second points of one instrument."""

    BASIS_SCALE = 0.0008  # daily basis standard deviation in log price
    INTRADAY_BASIS_SCALE = 0.0003
    JUMP_THRESHOLD = 3.4  # a minute whose shock is this extreme (about once a day) is a jump...
    JUMP_FACTOR = 2.5  # ...this many times larger

    def __init__(self, spec: InstrumentSpec, seed: int, underlying: UnderlyingPath, cache: LruCache) -> None:
        self.spec = spec
        self._seed = seed
        self._underlying = underlying
        self._basis = BasisPath(seed, spec.key, self.BASIS_SCALE)
        self._cache = cache
        self._stream = name_hash("instrument", spec.key)
        self._second_stream = name_hash("seconds", spec.key)
        self._underlying_stream = name_hash("underlying-minutes", spec.symbol, spec.volatility)
        self._step = float(spec.price_step)
        self._start = float(spec.start_price)
        self.start_ticks = max(1, round(self._start / self._step))
        turnover = spec.daily_turnover or 5e6  # quote units per day
        self._minute_units = max(1.0, turnover / MINUTES_PER_DAY / self._start / float(spec.qty_step))

    # --- days -----------------------------------------------------------------------------------------------
    def _day_log(self, day: int) -> float:
        if day < 0:
            return 0.0
        self._underlying.ensure(day)
        self._basis.ensure(day)
        return float(self._underlying.deviation[day] + self._basis.values[day])

    def day_close_ticks(self, day: int) -> int:
        """The close of UTC day ``day`` (days since EPOCH); day -1 is the start price."""
        if day < 0:
            return self.start_ticks
        return max(1, round(self._start * math.exp(self._day_log(day)) / self._step))

    def minute_block(self, day: int) -> MinuteBlock:
        return self.minute_blocks([day])[0]

    def minute_blocks(self, days: list[int], cache: bool = True) -> list[MinuteBlock]:
        """The minute blocks of ``days``; with ``cache=False`` new ones are not kept (bulk scans)."""
        if days and min(days) < 0:
            raise ValueError(f"no history before the epoch (day {min(days)})")
        found = {day: self._cache.get((self.spec.key, self._seed, day)) for day in days}
        missing = [day for day, block in found.items() if block is None]
        if missing:
            for day, block in zip(missing, self._generate(missing), strict=True):
                found[day] = block
                if cache:
                    self._cache.put((self.spec.key, self._seed, day), block)
        return [found[day] for day in days]  # type: ignore[misc]  # all filled above

    def _generate(self, days: list[int]) -> list[MinuteBlock]:
        """Minute blocks of several days at once (the randomness is per day, the arithmetic batched)."""
        n, k, coarse_n = MINUTES_PER_DAY, len(days), MINUTES_PER_DAY // _VOL_STEP + 1
        z = np.empty((k, n))
        vol_shocks = np.empty((k, coarse_n))
        basis_shocks = np.empty((k, coarse_n))
        extensions = np.empty((k, 2, n))
        for i, day in enumerate(days):
            shared = block_rng(self._seed, self._underlying_stream, day)
            shared.standard_normal(out=z[i])
            shared.standard_normal(out=vol_shocks[i])
            own = block_rng(self._seed, self._stream, day)
            own.standard_normal(out=basis_shocks[i])
            own.standard_exponential(out=extensions[i])
        high_ext, low_ext = extensions[:, 0], extensions[:, 1]
        day_array = np.asarray(days)
        u0 = np.array([self._day_log(day - 1) for day in days])[:, None]
        u1 = np.array([self._day_log(day) for day in days])[:, None]
        sigma_min = (self._underlying.sigma[day_array] / math.sqrt(n))[:, None]
        frac = np.arange(1, n + 1) / n

        mult = _coarse_to_minutes(np.exp(0.5 * _ar1(vol_shocks, 0.92) - 0.125))
        jumps = np.where(np.abs(z) > self.JUMP_THRESHOLD, self.JUMP_FACTOR, 1.0)  # shared by every market
        returns = sigma_min * mult * z * jumps
        walk = np.cumsum(returns, axis=1)
        path = u0 + walk - frac * (walk[:, -1:] - (u1 - u0))
        basis = _coarse_to_minutes(_ar1(basis_shocks, 0.9)) * self.INTRADAY_BASIS_SCALE
        path += basis - frac * basis[:, -1:] - (1 - frac) * basis[:, :1]

        close = np.maximum(1, np.rint(self._start * np.exp(path) / self._step)).astype(np.int64)
        close[:, -1] = [self.day_close_ticks(day) for day in days]
        open_ = np.empty((k, n), dtype=np.int64)
        open_[:, 0] = [self.day_close_ticks(day - 1) for day in days]
        open_[:, 1:] = close[:, :-1]
        top = np.maximum(open_, close)
        bottom = np.minimum(open_, close)
        ext = sigma_min * mult * 0.5
        high = top + np.rint(top * ext * high_ext).astype(np.int64)
        low = np.maximum(1, bottom - np.rint(bottom * ext * low_ext).astype(np.int64))
        activity = (0.4 + 0.3 * (high_ext + low_ext)) * (0.5 + 0.5 * mult) * (1 + 0.5 * np.abs(z))
        volume = np.maximum(1, np.rint(self._minute_units * 0.6 * activity)).astype(np.int64)
        return [MinuteBlock(open_[i], high[i], low[i], close[i], volume[i]) for i in range(k)]

    # --- seconds --------------------------------------------------------------------------------------------
    def minute_rows(self, first_minute: int, count: int) -> MinuteBlock:
        """``count`` consecutive minute bars from absolute minute ``first_minute`` (epoch minutes)."""
        epoch_minute = EPOCH // 60
        start = first_minute - epoch_minute
        parts: list[MinuteBlock] = []
        index = start
        while index < start + count:
            day, offset = divmod(index, MINUTES_PER_DAY)
            take = min(MINUTES_PER_DAY - offset, start + count - index)
            block = self.minute_block(day)
            parts.append(MinuteBlock(*(a[offset:offset + take] for a in _fields(block))))
            index += take
        if len(parts) == 1:
            return parts[0]
        return MinuteBlock(*(np.concatenate(arrays) for arrays in zip(*map(_fields, parts), strict=True)))

    def seconds(self, t_from: int, t_to: int) -> np.ndarray:
        """Price ticks at each integer second in [t_from, t_to)."""
        if t_to <= t_from:
            return np.zeros(0, dtype=np.int64)
        first_minute = t_from // 60
        count = (t_to - 1) // 60 - first_minute + 1
        rows = self.minute_rows(first_minute, count)
        minutes = np.arange(first_minute, first_minute + count)
        u_first = uniforms(self._second_stream, minutes * 3)
        u_second = uniforms(self._second_stream, minutes * 3 + 1)
        high_first = uniforms(self._second_stream, minutes * 3 + 2) < 0.5
        a1 = (3 + np.floor(u_first * 26)).astype(np.int64)[:, None]
        a2 = (32 + np.floor(u_second * 26)).astype(np.int64)[:, None]
        x1 = np.where(high_first, rows.high, rows.low).astype(np.float64)[:, None]
        x2 = np.where(high_first, rows.low, rows.high).astype(np.float64)[:, None]
        o = rows.open.astype(np.float64)[:, None]
        c = rows.close.astype(np.float64)[:, None]
        s = np.arange(60)[None, :]
        path = np.where(
            s <= a1,
            o + (x1 - o) * s / a1,
            np.where(s <= a2, x1 + (x2 - x1) * (s - a1) / (a2 - a1), x2 + (c - x2) * (s - a2) / (60 - a2)),
        )
        times = first_minute * 60 + np.arange(count * 60)
        noise = (uniforms(self._second_stream ^ 0x5EC0, times) - 0.5).reshape(count, 60)
        span = (rows.high - rows.low).astype(np.float64)[:, None]
        path = path + noise * 0.15 * span
        path = np.clip(np.rint(path), rows.low[:, None], rows.high[:, None]).astype(np.int64)
        path[:, 0] = rows.open
        anchors = np.zeros((count, 60), dtype=bool)
        np.put_along_axis(anchors, a1, True, axis=1)
        np.put_along_axis(anchors, a2, True, axis=1)
        path = np.where(anchors & (s == a1), x1.astype(np.int64), path)
        path = np.where(anchors & (s == a2), x2.astype(np.int64), path)
        flat = path.reshape(-1)
        return flat[t_from - first_minute * 60:t_to - first_minute * 60]

    def at(self, t: int) -> int:
        return int(self.seconds(t, t + 1)[0])


def _coarse_to_minutes(points: np.ndarray) -> np.ndarray:
    """Linear interpolation of (days, 145) points every _VOL_STEP minutes to (days, 1440) minutes."""
    weight = np.arange(_VOL_STEP) / _VOL_STEP
    left, right = points[:, :-1, None], points[:, 1:, None]
    return (left + (right - left) * weight).reshape(points.shape[0], MINUTES_PER_DAY)


def _fields(block: MinuteBlock) -> tuple[np.ndarray, ...]:
    return (block.open, block.high, block.low, block.close, block.volume)
