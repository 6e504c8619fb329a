"""Drawing in device pixels from numpy arrays.

Chart items paint with the painter's transform reset to identity: coordinates are mapped to whole pixels
in numpy (crisp, evenly sized candles at any zoom) and handed to QPainter as one contiguous array of
QLineF/QRectF per colour (``drawLines``/``drawRects`` of a pointer + count, no Python object per primitive).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

# pyqtgraph's own items draw through this helper; it owns the PySide-version specific pointer wrapping.
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QTransform


class DeviceMap:
    """Affine map from view (bar index, price) to device pixels, taken from the painter at paint time."""

    __slots__ = ("dx", "dy", "sx", "sy")

    def __init__(self, transform: QTransform) -> None:
        self.sx, self.sy = transform.m11(), transform.m22()
        self.dx, self.dy = transform.m31(), transform.m32()

    def px(self, x: np.ndarray | float) -> np.ndarray:
        return np.rint(np.multiply(x, self.sx) + self.dx)

    def py(self, y: np.ndarray | float) -> np.ndarray:
        return np.rint(np.multiply(y, self.sy) + self.dy)


def begin_device_paint(painter: QPainter) -> DeviceMap:
    """Capture the view->device map, then switch the painter to raw, aliased device pixels."""
    dmap = DeviceMap(painter.transform())
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    return dmap


def solid_pen(color: QColor) -> QPen:
    """A 1-pixel pen (the painter is in device pixels)."""
    pen = QPen(color)
    pen.setWidth(1)
    return pen


class LineBatch:
    """A reusable array of QLineF drawn with one call."""

    def __init__(self) -> None:
        self._array = PrimitiveArray(QLineF, 4)

    def draw(self, painter: QPainter, color: QColor, x0, y0, x1, y1) -> int:
        n = len(x0)
        if n == 0:
            return 0
        self._array.resize(n)
        buf = self._array.ndarray()
        buf[:, 0], buf[:, 1], buf[:, 2], buf[:, 3] = x0, y0, x1, y1
        painter.setPen(solid_pen(color))
        painter.drawLines(*self._array.drawargs())
        return n


class RectBatch:
    """A reusable array of filled QRectF drawn with one call."""

    def __init__(self) -> None:
        self._array = PrimitiveArray(QRectF, 4)

    def draw(self, painter: QPainter, color: QColor, left, top, width, height) -> int:
        n = len(left)
        if n == 0:
            return 0
        self._array.resize(n)
        buf = self._array.ndarray()
        buf[:, 0], buf[:, 1], buf[:, 2], buf[:, 3] = left, top, width, height
        painter.setPen(pg.mkPen(None))
        painter.setBrush(QBrush(color))
        painter.drawRects(*self._array.drawargs())
        return n


def contrasting_text(fill: QColor) -> QColor:
    return QColor("#000000") if fill.lightnessF() > 0.6 else QColor("#ffffff")


def tag_box(painter: QPainter, text: str, left: float, center_y: float) -> QRectF:
    """The box a tag with ``text`` takes at ``left``, vertically centred on ``center_y``."""
    metrics = QFontMetrics(painter.font())
    width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
    return QRectF(round(left), round(center_y - height / 2), width, height)


def draw_tag(painter: QPainter, text: str, fill: QColor, box: QRectF) -> None:
    """A filled label box with ``text`` in a colour that reads on ``fill``."""
    painter.fillRect(box, fill)
    painter.setPen(contrasting_text(fill))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
