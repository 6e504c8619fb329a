"""Grid lines at the axes' tick positions (pyqtgraph's own axis grid costs tens of ms per frame)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from .axes import grid_values
from .painting import LineBatch
from .view_overlay import ViewOverlay


class GridItem(ViewOverlay):
    def __init__(
        self,
        view: pg.ViewBox,
        x_axis: pg.AxisItem,
        y_axis: pg.AxisItem,
        color: QColor,
        separator: bool = False,
    ) -> None:
        """``separator``: also draw the view's top edge (the line between two stacked panes)."""
        super().__init__(view, z=-10)
        self._separator = separator
        self._x_axis, self._y_axis = x_axis, y_axis
        self._color = color
        self._lines = LineBatch()

    def set_color(self, color: QColor) -> None:
        self._color = color
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        (x0, x1), (y0, y1) = self._view.viewRange()
        xs, ys = grid_values(self._x_axis, x0, x1), grid_values(self._y_axis, y0, y1)
        dmap, rect = self.begin_paint(painter)
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        px, py = dmap.px(xs), dmap.py(ys)
        if self._separator:
            py = np.append(py, top)
        x0s = np.concatenate((px, np.full(len(py), left)))
        y0s = np.concatenate((np.full(len(px), top), py))
        x1s = np.concatenate((px, np.full(len(py), right)))
        y1s = np.concatenate((np.full(len(px), bottom), py))
        self._lines.draw(painter, self._color, x0s, y0s, x1s, y1s)
