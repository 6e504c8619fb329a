"""Crosshair: a vertical line on the hovered bar, a horizontal line at the cursor, value tags at the edges."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen

from .painting import draw_tag, tag_box
from .view_overlay import ViewOverlay


class CrosshairItem(ViewOverlay):
    def __init__(
        self,
        view: pg.ViewBox,
        color: QColor,
        y_text: Callable[[float], str],
        x_text: Callable[[int], str] | None = None,
    ) -> None:
        super().__init__(view, z=20)
        self._color = QColor(color)
        self._y_text, self._x_text = y_text, x_text
        self.index: int | None = None
        self.y: float | None = None

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        self.update()

    def set_cursor(self, index: int | None, y: float | None) -> None:
        """Show the vertical line on bar ``index`` and the horizontal one at ``y`` (None hides a line)."""
        if (index, y) != (self.index, self.y):
            self.index, self.y = index, y
            self.update()

    def paint(self, painter, option, widget=None) -> None:
        if self.index is None and self.y is None:
            return
        dmap, rect = self.begin_paint(painter)
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        painter.setPen(QPen(self._color, 1, Qt.PenStyle.DashLine))
        if self.index is not None:
            x = float(dmap.px(self.index))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        if self.y is not None:
            y = float(dmap.py(self.y))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            text = self._y_text(self.y)
            box = tag_box(painter, text, 0, y)
            draw_tag(painter, text, self._color, box.translated(round(right - 2 - box.width()), 0))
        if self.index is not None and self._x_text is not None:
            text = self._x_text(self.index)
            box = tag_box(painter, text, 0, 0)
            # centred on the line, kept inside the view, resting on its bottom edge
            box_left = min(max(float(dmap.px(self.index)) - box.width() / 2, left), right - box.width())
            box_top = bottom - box.bottom() - 1
            draw_tag(painter, text, self._color, box.translated(round(box_left), round(box_top)))
