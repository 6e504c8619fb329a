"""Horizontal price lines: working orders (draggable), the position's average price, the last price."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen

from .formatting import format_price
from .painting import draw_tag, tag_box
from .view_overlay import ViewOverlay

#: half height, in pixels, of the band around a draggable line that picks it up
GRAB_PX = 5


def snap_to_tick(price: float, decimals: int) -> float:
    """Nearest multiple of the tick 10**-decimals."""
    return round(price, decimals)


class LevelLineItem(ViewOverlay):
    """A line across the view at ``price`` with a tag at the right edge ("label  price")."""

    #: (order_id, new_price) when the user releases a dragged line somewhere else
    moveFinished = Signal(str, float)

    def __init__(
        self,
        view: pg.ViewBox,
        color: QColor,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        order_id: str = "",
        z: float = 5,
    ) -> None:
        super().__init__(view, z=z)
        self.order_id = order_id
        self.price: float | None = None
        self.label = ""
        self.decimals = 2
        self._color = QColor(color)
        self._style = style
        self._drag_start: float | None = None
        self._hovered = False

    @property
    def draggable(self) -> bool:
        return bool(self.order_id)

    @property
    def dragging(self) -> bool:
        return self._drag_start is not None

    def set_level(self, price: float | None, label: str, decimals: int, color: QColor | None = None) -> None:
        self.price, self.label, self.decimals = price, label, decimals
        if color is not None:
            self._color = QColor(color)
        self.update()  # shape() (the grab band) follows the price; the bounding rect stays the view

    def line_y(self) -> float:
        """The line's y in the view's pixel coordinates (the item's own coordinates)."""
        return self._view.childTransform().map(QPointF(0.0, self.price or 0.0)).y()

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.draggable and self.price is not None:
            path.addRect(QRectF(0.0, self.line_y() - GRAB_PX, self._view.width(), 2 * GRAB_PX))
        return path

    def paint(self, painter, option, widget=None) -> None:
        if self.price is None:
            return
        dmap, rect = self.begin_paint(painter)
        y = float(dmap.py(self.price))
        pen = QPen(self._color, 2 if (self._hovered or self.dragging) else 1, self._style)
        painter.setPen(pen)
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        text = format_price(self.price, self.decimals)
        if self.label:
            text = f"{self.label}  {text}"
        box = tag_box(painter, text, 0, y)
        draw_tag(painter, text, self._color, box.translated(round(rect.right() - 2 - box.width()), 0))

    # --- interaction (pyqtgraph scene events) ------------------------------------------------------
    def hoverEvent(self, ev) -> None:
        hovered = (not ev.isExit()) and self.draggable and ev.acceptDrags(Qt.MouseButton.LeftButton)
        if hovered != self._hovered:
            self._hovered = hovered
            if hovered:
                self.setCursor(Qt.CursorShape.SizeVerCursor)
            else:
                self.unsetCursor()
            self.update()

    def mouseDragEvent(self, ev) -> None:
        if not self.draggable or self.price is None or ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        if ev.isStart():
            self.begin_drag()
        if not self.dragging:  # cancelled by the owner mid-drag
            return
        self.drag_to(self._view.mapToView(ev.pos()).y())
        if ev.isFinish():
            self.finish_drag()

    def begin_drag(self) -> None:
        self._drag_start = self.price
        self.update()

    def drag_to(self, price: float) -> None:
        """Move the line while dragging, snapped to the tick."""
        self.set_level(snap_to_tick(price, self.decimals), self.label, self.decimals)

    def cancel_drag(self) -> None:
        """Forget a drag in progress (the owner re-set the line): the release will not emit."""
        self._drag_start = None
        self.update()

    def finish_drag(self) -> None:
        start, self._drag_start = self._drag_start, None
        self.update()
        if self.price is not None and start is not None and self.price != start:
            self.moveFinished.emit(self.order_id, self.price)
