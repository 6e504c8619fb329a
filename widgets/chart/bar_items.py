"""Candles and volume bars: overlays that draw only the visible bars, decimated to the pixel grid."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from .bar_series import BarSeries, BarSlice
from .colors import ChartColors
from .painting import DeviceMap, LineBatch, RectBatch
from .view_overlay import ViewOverlay

#: below this many pixels per bar, candles are drawn as a single high-low line
BODY_MIN_PX = 3.0
#: body width as a fraction of the bar pitch; the rest is the gap between candles
BODY_FRACTION = 0.8


def body_width(bar_px: float) -> int:
    """Odd body width in pixels so the 1 px wick sits in its middle."""
    w = max(1, int(bar_px * BODY_FRACTION))
    return w - 1 if w % 2 == 0 and w > 1 else w


class BarSeriesItem(ViewOverlay):
    """Base: finds the visible bars and the pyramid level for the current zoom, subclasses draw them."""

    def __init__(self, view: pg.ViewBox, series: BarSeries, colors: ChartColors) -> None:
        super().__init__(view, z=0)
        self._series = series
        self._colors = colors
        self._lines = LineBatch()
        self._rects = RectBatch()
        #: primitives (lines + rects) drawn by the last frame, and frames painted so far
        self.primitive_count = 0
        self.frames_painted = 0

    def set_colors(self, colors: ChartColors) -> None:
        self._colors = colors
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        self.frames_painted += 1
        self.primitive_count = 0
        first, last = self.visible_bars(len(self._series))
        if last < first:
            return
        dmap, _ = self.begin_paint(painter)
        bar_px = abs(dmap.sx)
        level = 0 if bar_px >= 0.5 else math.ceil(math.log2(0.5 / bar_px))
        bars = self._series.slice(first, last, level)
        self.primitive_count = self._draw(painter, dmap, bars, bar_px)

    def _draw(self, painter, dmap: DeviceMap, bars: BarSlice, bar_px: float) -> int:
        raise NotImplementedError


class CandleItem(BarSeriesItem):
    """Candles: up and down bodies as filled rects, wicks as lines; one draw call per colour and kind."""

    def _draw(self, painter, dmap: DeviceMap, bars: BarSlice, bar_px: float) -> int:
        cx = dmap.px(bars.x)
        y_high, y_low = dmap.py(bars.high), dmap.py(bars.low)
        y_low = np.maximum(y_low, y_high + 1)  # a flat bar still shows one pixel
        bodies = bars.level == 0 and bar_px >= BODY_MIN_PX
        if bodies:
            assert bars.open is not None and bars.close is not None  # given at level 0
            y_open, y_close = dmap.py(bars.open), dmap.py(bars.close)
            top = np.minimum(y_open, y_close)
            height = np.maximum(np.abs(y_open - y_close), 1)
            width = body_width(bar_px)
        drawn = 0
        for mask, color in ((bars.up, self._colors.up), (~bars.up, self._colors.down)):
            x = cx[mask]
            drawn += self._lines.draw(painter, color, x, y_high[mask], x, y_low[mask])
            if bodies:
                drawn += self._rects.draw(
                    painter, color, x - width // 2, top[mask], np.full(len(x), width), height[mask]
                )
        return drawn


class VolumeItem(BarSeriesItem):
    """Volume bars under the candles, coloured like their candle and drawn with the same pitch."""

    def _draw(self, painter, dmap: DeviceMap, bars: BarSlice, bar_px: float) -> int:
        cx = dmap.px(bars.x)
        y_vol = dmap.py(bars.volume)
        y_zero = float(dmap.py(0.0))
        drawn = 0
        for mask, up in ((bars.up, True), (~bars.up, False)):
            x, y = cx[mask], y_vol[mask]
            color = self._colors.volume(up)
            if bars.level == 0 and bar_px >= BODY_MIN_PX:
                width = body_width(bar_px)
                widths = np.full(len(x), width)
                drawn += self._rects.draw(painter, color, x - width // 2, y, widths, y_zero - y)
            else:
                drawn += self._lines.draw(painter, color, x, y, x, np.full(len(x), y_zero))
        return drawn
