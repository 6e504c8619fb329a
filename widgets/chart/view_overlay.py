"""Base for chart items that live directly on a ViewBox and paint in device pixels.

Unlike items added with ``ViewBox.addItem`` (children of its scaled child group), an overlay is a child of
the ViewBox itself: its bounding rect is the view's pixel rect, so it never needs data bounds, never takes
part in pyqtgraph's auto-range, and is clipped to the view.  The view -> pixel map comes from the view's
child transform at paint time.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from .painting import DeviceMap, begin_device_paint

_EPS = 1e-6  # range arithmetic leaves float dust: a bar needs more than this much of itself in view


def visible_bars(x0: float, x1: float, count: int) -> tuple[int, int]:
    """Bars (first, last) with some part inside the view range x0..x1, clamped to 0..count-1."""
    return max(0, math.floor(x0 - 0.5 + _EPS) + 1), min(count - 1, math.ceil(x1 + 0.5 - _EPS) - 1)


class ViewOverlay(pg.GraphicsObject):
    def __init__(self, view: pg.ViewBox, z: float) -> None:
        super().__init__(view)
        self._view = view
        self.setZValue(z)
        view.sigResized.connect(self._on_view_resized)
        view.sigRangeChanged.connect(self._on_view_range_changed)

    def boundingRect(self) -> QRectF:
        return self._view.rect()

    def begin_paint(self, painter: QPainter) -> tuple[DeviceMap, QRectF]:
        """Switch ``painter`` to device pixels; returns the (bar index, price) -> pixel map and the view's
        rect in device pixels."""
        device_rect = painter.transform().mapRect(self._view.rect())
        painter.setTransform(self._view.childTransform() * painter.transform())
        return begin_device_paint(painter), device_rect

    def visible_bars(self, count: int) -> tuple[int, int]:
        """First and last bar index (clamped to 0..count-1) that the view shows: bar i spans i +- 0.5."""
        (x0, x1), _ = self._view.viewRange()
        return visible_bars(x0, x1, count)

    def _on_view_resized(self) -> None:
        self.prepareGeometryChange()

    def _on_view_range_changed(self, *_args) -> None:
        self.update()
