"""The user's fills as triangles on their bar: buys point up from below the price, sells down from above."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QPainterPath, QPolygonF

from .bar_series import BarSeries
from .colors import ChartColors
from .view_overlay import ViewOverlay

HALF_WIDTH_PX = 6
HEIGHT_PX = 10


class FillMarkersItem(ViewOverlay):
    def __init__(self, view: pg.ViewBox, series: BarSeries, colors: ChartColors) -> None:
        super().__init__(view, z=6)
        self._series = series
        self._colors = colors
        self._times = np.empty(0, np.int64)
        self._prices = np.empty(0)
        self._buy = np.empty(0, bool)
        self._index = np.empty(0, np.int64)
        #: markers drawn by the last frame (after merging those that fall on the same pixel)
        self.drawn_count = 0

    def set_colors(self, colors: ChartColors) -> None:
        self._colors = colors
        self.update()

    @property
    def count(self) -> int:
        return len(self._times)

    def set_fills(self, fills: list[tuple[int, float, str]]) -> None:
        self._times = np.array([f[0] for f in fills], np.int64)
        self._prices = np.array([f[1] for f in fills], np.float64)
        self._buy = np.array([f[2].lower() == "buy" for f in fills], bool)
        self.data_changed()

    def data_changed(self) -> None:
        """Re-locate the fills on the bars (after the series changed)."""
        if len(self._series):
            self._index = self._series.index_at_or_before(self._times)
        else:
            self._index = np.full(len(self._times), -1, np.int64)
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        self.drawn_count = 0
        first, last = self.visible_bars(len(self._series))
        shown = (self._index >= first) & (self._index <= last)
        if not shown.any():
            return
        dmap, _ = self.begin_paint(painter)
        x, y = dmap.px(self._index[shown]), dmap.py(self._prices[shown])
        buy = self._buy[shown]
        painter.setPen(pg.mkPen(None))
        for side_mask, direction, color in ((buy, -1, self._colors.up), (~buy, 1, self._colors.down)):
            # one marker per pixel position: bounded by the pixels, not by the number of fills
            points = np.unique(np.stack((x[side_mask], y[side_mask]), axis=1), axis=0)
            path = QPainterPath()
            for px, py in points.tolist():
                base = py - direction * HEIGHT_PX  # direction -1: tip at the price, base below it
                path.addPolygon(
                    QPolygonF(
                        [
                            QPointF(px, py),
                            QPointF(px - HALF_WIDTH_PX, base),
                            QPointF(px + HALF_WIDTH_PX, base),
                        ]
                    )
                )
            painter.fillPath(path, QBrush(color))
            self.drawn_count += len(points)
