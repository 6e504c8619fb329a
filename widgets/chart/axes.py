"""Axis items: prices with the instrument's decimals, compact volumes, and bar-index -> time labels.

Each axis computes its ticks once per (range, length) and the chart's grid reuses the same values.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale

from .bar_series import BarSeries
from .formatting import format_price, format_tick, format_volume
from .time_ticks import time_ticks

PRICE_TICK_GAP_PX = 48
VOLUME_TICK_GAP_PX = 28
TIME_TICK_GAP_PX = 90


def nice_ticks(low: float, high: float, max_count: int, min_step: float = 0.0) -> tuple[float, list[float]]:
    """(step, values): round multiples of 1, 2 or 5 x 10**k inside [low, high], at most ~max_count."""
    span = high - low
    if not (math.isfinite(span) and span > 0) or max_count < 1:
        return 0.0, []
    raw = max(span / max_count, min_step)
    base = 10.0 ** math.floor(math.log10(raw))
    step = next(m * base for m in (1, 2, 5, 10) if m * base >= raw * (1 - 1e-9))
    start = math.ceil(low / step)
    values = [k * step for k in range(start, math.floor(high / step) + 1)]
    return step, values


class _MemoAxis(pg.AxisItem):
    """Axis whose ticks come from ``_compute`` and are memoized per (range, length, data revision)."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation, maxTickLength=0)
        self.enableAutoSIPrefix(False)
        self.setStyle(autoExpandTextSpace=False, autoReduceTextSpace=False, tickTextOffset=6)
        self._memo_key: tuple | None = None
        self._memo: tuple[float, list[float], dict[float, str]] = (0.0, [], {})

    def ticks(self, low: float, high: float) -> tuple[float, list[float], dict[float, str]]:
        """(step, values, labels) for a view range; the grid asks with the same range as the axis."""
        length = self._view_length()
        key = (low, high, length, self._revision())
        if key != self._memo_key:
            self._memo_key, self._memo = key, self._compute(low, high, length)
        return self._memo

    def invalidate(self) -> None:
        self._memo_key = None
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):
        step, values, _ = self.ticks(minVal, maxVal)
        return [(step, values)] if values else []

    def tickStrings(self, values, scale, spacing):
        labels = self._memo[2]
        return [labels.get(v, "") for v in values]

    def _view_length(self) -> float:
        view = self.linkedView()
        if view is None:
            return 0.0
        return view.width() if self.orientation in ("top", "bottom") else view.height()

    def _revision(self) -> int:
        return 0

    def _compute(self, low: float, high: float, length: float) -> tuple[float, list[float], dict[float, str]]:
        raise NotImplementedError


class PriceAxisItem(_MemoAxis):
    def __init__(self, orientation: str = "right") -> None:
        super().__init__(orientation)
        self._decimals = 2

    def set_decimals(self, decimals: int) -> None:
        self._decimals = decimals
        self.invalidate()

    def _revision(self) -> int:
        return self._decimals

    def _compute(self, low, high, length):
        step, values = nice_ticks(low, high, max(1, int(length / PRICE_TICK_GAP_PX)), 10.0**-self._decimals)
        return step, values, {v: format_price(v, self._decimals) for v in values}


class VolumeAxisItem(_MemoAxis):
    def _compute(self, low, high, length):
        step, values = nice_ticks(max(low, 0.0), high, max(1, int(length / VOLUME_TICK_GAP_PX)), 1e-12)
        values = [v for v in values if v > 0]  # the zero line needs no label
        return step, values, {v: format_volume(v) for v in values}


class TimeAxisItem(_MemoAxis):
    """Bottom axis for x = bar index: labels come from the series' time column."""

    def __init__(self, series: BarSeries) -> None:
        super().__init__("bottom")
        self._series = series
        self._utc_offset = 0

    def set_utc_offset(self, seconds: int) -> None:
        self._utc_offset = seconds
        self.invalidate()

    def _revision(self) -> int:
        return self._series.revision * 100_003 + self._utc_offset

    def _compute(self, low, high, length):
        if len(self._series) < 2 or length <= 0 or high <= low:
            return 1.0, [], {}
        ticks = time_ticks(
            self._series.time,
            math.ceil(low),
            math.floor(high),
            length / (high - low),
            TIME_TICK_GAP_PX,
            self._utc_offset,
        )
        locale = QLocale()
        labels = {float(t.index): format_tick(t, locale) for t in ticks}
        return 1.0, list(labels), labels


def grid_values(axis: _MemoAxis, low: float, high: float) -> np.ndarray:
    """The tick positions ``axis`` labels for this range, for the grid lines."""
    return np.asarray(axis.ticks(low, high)[1], dtype=np.float64)
