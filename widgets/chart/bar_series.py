"""OHLCV bars in numpy columns, with a min/max pyramid for decimated drawing and range queries.

Level ``k`` of the pyramid holds, for each run of ``2**k`` consecutive bars, the lowest low, the highest
high and the largest volume.  Levels from ``STORED_FROM_LEVEL`` up are stored (built once in O(n) by
``set``/``prepend``, patched in O(log n) by ``append``/``update_last``); finer ones are reduced on the fly
from at most ``2**STORED_FROM_LEVEL`` bars per bucket.  So a frame that shows every bar reads about one
bucket per pixel, and "min/max over bars i..j" costs O(budget), whatever the number of bars.

Memory: ``set`` adopts the caller's arrays without copying them when they already are contiguous int64 /
float64 (the caller must not modify them afterwards); the first ``update_last``/``append`` copies them
into owned buffers with room to grow.  The stored pyramid adds 3/8 of a column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

STORED_FROM_LEVEL = 4  # 16-bar buckets: coarser levels are stored
_MIN_SPARE = 1024
_PRICE_COLUMNS = ("open", "high", "low", "close", "volume")


@dataclass(frozen=True)
class BarSlice:
    """Buckets of ``2**level`` bars, ready to draw.

    ``x`` is each bucket's centre in bar-index units; ``up`` tells whether the bucket closed at or above
    where it opened.  ``open``/``close`` are only given at level 0 (single bars).
    """

    x: np.ndarray
    open: np.ndarray | None
    close: np.ndarray | None
    low: np.ndarray
    high: np.ndarray
    volume: np.ndarray
    up: np.ndarray
    level: int


class BarSeries:
    """Columnar OHLCV store; indices are bar numbers, 0 = oldest loaded bar."""

    def __init__(self) -> None:
        self._n = 0
        self._owned = False  # buffers are ours (writable, with spare capacity) rather than the caller's
        self._time = np.empty(0, np.int64)
        self._cols: dict[str, np.ndarray] = {name: np.empty(0) for name in _PRICE_COLUMNS}
        # _levels[i] = (low_min, high_max, volume_max) for buckets of 2**(STORED_FROM_LEVEL + i) bars
        self._levels: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        #: bumped whenever bars are added or replaced (not by update_last): lets views memoize per data set
        self.revision = 0

    # --- read access ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    @property
    def time(self) -> np.ndarray:
        return self._time[: self._n]

    @property
    def open(self) -> np.ndarray:
        return self._cols["open"][: self._n]

    @property
    def high(self) -> np.ndarray:
        return self._cols["high"][: self._n]

    @property
    def low(self) -> np.ndarray:
        return self._cols["low"][: self._n]

    @property
    def close(self) -> np.ndarray:
        return self._cols["close"][: self._n]

    @property
    def volume(self) -> np.ndarray:
        return self._cols["volume"][: self._n]

    @property
    def max_level(self) -> int:
        """The coarsest pyramid level available."""
        return STORED_FROM_LEVEL + len(self._levels) - 1 if self._levels else 0

    # --- writes ----------------------------------------------------------------------------------
    def set(self, time, open_, high, low, close, volume) -> None:
        """Replace all bars (oldest first), adopting the arrays when no conversion is needed."""
        cols = _as_columns(time, open_, high, low, close, volume)
        self._time, self._cols = cols[0], dict(zip(_PRICE_COLUMNS, cols[1:], strict=True))
        self._n, self._owned = len(cols[0]), False
        self._bars_replaced()

    def prepend(self, time, open_, high, low, close, volume) -> int:
        """Insert older bars before index 0; returns how many were added (indices shift by that).

        Bars not older than the current first bar (a page that overlaps what is loaded) are dropped.
        """
        cols = _as_columns(time, open_, high, low, close, volume)
        if self._n:
            older = cols[0] < self._time[0]
            if not older.all():
                cols = [c[older] for c in cols]
        added = len(cols[0])
        if added:
            merged = [np.concatenate((new, old)) for new, old in zip(cols, self._columns(), strict=True)]
            self._take_ownership(merged)
        return added

    def append(self, time: int, open_: float, high: float, low: float, close: float, volume: float) -> None:
        if not self._owned or self._n == len(self._time):
            self._take_ownership(self._columns())
        self._n += 1
        self.revision += 1
        self._time[self._n - 1] = time
        self._write_last(open_, high, low, close, volume)

    def update_last(self, open_: float, high: float, low: float, close: float, volume: float) -> None:
        if self._n == 0:
            raise IndexError("update_last on an empty series")
        if not self._owned:
            self._take_ownership(self._columns())
        self._write_last(open_, high, low, close, volume)

    # --- queries ---------------------------------------------------------------------------------
    def index_at_or_before(self, times: np.ndarray) -> np.ndarray:
        """Index of the bar that contains each timestamp (the last bar opened at or before it)."""
        return np.searchsorted(self.time, times, side="right") - 1

    def price_range(self, first: int, last: int, budget: int = 2048) -> tuple[float, float]:
        """(min low, max high) over bars first..last inclusive, reading O(budget) values."""
        low, high, _ = self._range_extrema(first, last, budget)
        return low, high

    def volume_max(self, first: int, last: int, budget: int = 2048) -> float:
        return self._range_extrema(first, last, budget)[2]

    def slice(self, first: int, last: int, level: int) -> BarSlice:
        """Buckets of ``2**level`` bars covering bars first..last inclusive (clamped to the data)."""
        first, last = max(first, 0), min(last, self._n - 1)
        level = min(level, self.max_level)
        if level == 0:
            sl = slice(first, last + 1)
            o, c = self.open[sl], self.close[sl]
            return BarSlice(
                np.arange(first, last + 1, dtype=np.float64),
                o,
                c,
                self.low[sl],
                self.high[sl],
                self.volume[sl],
                c >= o,
                0,
            )
        size = 1 << level
        starts = np.arange(first >> level, (last >> level) + 1, dtype=np.int64) * size
        ends = np.minimum(starts + size, self._n) - 1
        if level < STORED_FROM_LEVEL:
            sl = slice(int(starts[0]), int(ends[-1]) + 1)
            offsets = starts - starts[0]
            lows = np.minimum.reduceat(self.low[sl], offsets)
            highs = np.maximum.reduceat(self.high[sl], offsets)
            vols = np.maximum.reduceat(self.volume[sl], offsets)
        else:
            j = slice(int(starts[0] >> level), int(starts[-1] >> level) + 1)
            lows, highs, vols = (a[j] for a in self._levels[level - STORED_FROM_LEVEL])
        up = self.close[ends] >= self.open[starts]
        return BarSlice((starts + ends) * 0.5, None, None, lows, highs, vols, up, level)

    # --- internals -------------------------------------------------------------------------------
    def _columns(self) -> list[np.ndarray]:
        return [self.time, self.open, self.high, self.low, self.close, self.volume]

    def _take_ownership(self, cols: list[np.ndarray]) -> None:
        """Copy ``cols`` into our own buffers with spare room for appends, then rebuild the pyramid."""
        n = len(cols[0])
        capacity = n + max(n // 8, _MIN_SPARE)
        buffers: list[np.ndarray] = [np.empty(capacity, np.int64)] + [
            np.empty(capacity) for _ in _PRICE_COLUMNS
        ]
        for buf, src in zip(buffers, cols, strict=True):
            buf[:n] = src
        self._time, self._cols = buffers[0], dict(zip(_PRICE_COLUMNS, buffers[1:], strict=True))
        self._n, self._owned = n, True
        self._bars_replaced()

    def _bars_replaced(self) -> None:
        self.revision += 1
        self._build_levels()

    def _build_levels(self) -> None:
        """Stored levels sized for the buffer capacity, filled for the bars present."""
        self._levels = []
        capacity, n = len(self._time), self._n
        size = -(-capacity // (1 << STORED_FROM_LEVEL))
        if size == 0:
            return
        level = (np.empty(size), np.empty(size), np.empty(size))
        bucket = 1 << STORED_FROM_LEVEL
        whole = n // bucket
        for src, dst, reduce in zip(
            self._extreme_columns(), level, (np.minimum, np.maximum, np.maximum), strict=True
        ):
            reduce.reduce(src[: whole * bucket].reshape(whole, bucket), axis=1, out=dst[:whole])
            if n > whole * bucket:
                dst[whole] = reduce.reduce(src[whole * bucket : n])
        self._levels.append(level)
        filled = -(-n // bucket)
        while size > 1:
            size = (size + 1) // 2
            below, level = level, (np.empty(size), np.empty(size), np.empty(size))
            for src, dst, reduce in zip(below, level, (np.minimum, np.maximum, np.maximum), strict=True):
                _pairwise(src, dst, filled, reduce)
            self._levels.append(level)
            filled = (filled + 1) // 2

    def _extreme_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self._cols["low"], self._cols["high"], self._cols["volume"]

    def _write_last(self, open_: float, high: float, low: float, close: float, volume: float) -> None:
        i, cols = self._n - 1, self._cols
        cols["open"][i], cols["high"][i], cols["low"][i] = open_, high, low
        cols["close"][i], cols["volume"][i] = close, volume
        if not self._levels:
            return
        j = i >> STORED_FROM_LEVEL
        bucket = slice(j << STORED_FROM_LEVEL, i + 1)
        low_col, high_col, vol_col = self._extreme_columns()
        lo, hi, vol = low_col[bucket].min(), high_col[bucket].max(), vol_col[bucket].max()
        filled = j + 1
        below = self._levels[0]
        below[0][j], below[1][j], below[2][j] = lo, hi, vol
        for level in self._levels[1:]:
            sibling = j ^ 1
            if sibling < filled:
                lo, hi = min(lo, below[0][sibling]), max(hi, below[1][sibling])
                vol = max(vol, below[2][sibling])
            j, filled = j >> 1, (filled + 1) // 2
            level[0][j], level[1][j], level[2][j] = lo, hi, vol
            below = level

    def _range_extrema(self, first: int, last: int, budget: int) -> tuple[float, float, float]:
        first, last = max(first, 0), min(last, self._n - 1)
        if last < first:
            return np.nan, np.nan, np.nan
        level = min(int(np.log2(max((last - first + 1) / budget, 1.0))), self.max_level)
        if level < STORED_FROM_LEVEL:
            return _extrema(self.low, self.high, self.volume, slice(first, last + 1))
        size = 1 << level
        j0 = -(-first // size)  # first whole bucket
        j1 = (last + 1) // size  # one past the last whole bucket
        if j1 <= j0:
            return _extrema(self.low, self.high, self.volume, slice(first, last + 1))
        lows, highs, vols = self._levels[level - STORED_FROM_LEVEL]
        parts = [_extrema(lows, highs, vols, slice(j0, j1))]
        for edge in (slice(first, j0 * size), slice(j1 * size, last + 1)):
            if edge.stop > edge.start:
                parts.append(_extrema(self.low, self.high, self.volume, edge))
        return min(p[0] for p in parts), max(p[1] for p in parts), max(p[2] for p in parts)


def _extrema(low: np.ndarray, high: np.ndarray, volume: np.ndarray, sl: slice) -> tuple[float, float, float]:
    return float(low[sl].min()), float(high[sl].max()), float(volume[sl].max())


def _pairwise(src: np.ndarray, dst: np.ndarray, filled: int, reduce) -> None:
    """dst[j] = reduce(src[2j], src[2j+1]) over the first ``filled`` values of src (odd tail: alone)."""
    whole = filled // 2
    reduce(src[0 : 2 * whole : 2], src[1 : 2 * whole : 2], out=dst[:whole])
    if filled % 2:
        dst[whole] = src[filled - 1]


def _as_columns(time, open_, high, low, close, volume) -> list[np.ndarray]:
    cols = [np.ascontiguousarray(time, np.int64)]
    cols += [np.ascontiguousarray(a, np.float64) for a in (open_, high, low, close, volume)]
    if any(c.ndim != 1 or len(c) != len(cols[0]) for c in cols):
        raise ValueError("time, open, high, low, close and volume must be 1-d arrays of the same length")
    return cols
