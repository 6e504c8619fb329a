"""The DOM ladder: one row per price, ``buy orders | bid size | price | ask size | sell orders``.

Rows are built from plain values (:func:`build_rows`): the book's levels, the user's working orders at their
prices, and the empty ticks between them when there are few enough (inside the spread always, so the user
can click to improve the market). Prices run from high (asks) to low (bids); the view keeps the spread in the
middle until the user scrolls, and ``centre()`` (key C) brings it back.

Clicks (left button): the bid or buy-orders column asks to buy at the row's price, the ask or sell-orders
column to sell, the price column only names the price; a click on an order marker names those orders instead.
Delete (or Backspace) asks to cancel the selected orders. The view never acts itself: it emits signals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import IntEnum

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.common.colors import AMBER, GREEN, RED
from widgets.common.numbers import localized

FILL_LIMIT = 400  # at most this many ticks between the outermost levels are shown as rows
SCROLL_ROWS = 3  # rows per wheel notch

Level = tuple[Decimal, Decimal]  # (price, size)


class Column(IntEnum):
    BUY_ORDERS = 0
    BID = 1
    PRICE = 2
    ASK = 3
    SELL_ORDERS = 4


_WIDTHS = (0.17, 0.21, 0.24, 0.21, 0.17)  # share of the width per column


@dataclass(frozen=True, slots=True)
class LadderOrder:
    """One working order of the user: ``side`` is ``"buy"`` or ``"sell"``; ``quantity`` what is left."""

    key: str
    side: str
    price: Decimal
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class LadderRow:
    price: Decimal
    bid: Decimal | None = None
    ask: Decimal | None = None
    buy_orders: tuple[LadderOrder, ...] = ()
    sell_orders: tuple[LadderOrder, ...] = ()

    def orders(self, column: Column) -> tuple[LadderOrder, ...]:
        if column is Column.BUY_ORDERS:
            return self.buy_orders
        if column is Column.SELL_ORDERS:
            return self.sell_orders
        return ()


def build_rows(
    bids: Sequence[Level],
    asks: Sequence[Level],
    orders: Iterable[LadderOrder] = (),
    tick: Decimal | None = None,
    fill_limit: int = FILL_LIMIT,
) -> list[LadderRow]:
    """The ladder's rows, highest price first (see the module docstring)."""
    bid_at = {price: size for price, size in bids if size > 0}
    ask_at = {price: size for price, size in asks if size > 0}
    prices: set[Decimal] = set(bid_at) | set(ask_at)
    buys: dict[Decimal, list[LadderOrder]] = {}
    sells: dict[Decimal, list[LadderOrder]] = {}
    for order in orders:
        (buys if order.side == "buy" else sells).setdefault(order.price, []).append(order)
        prices.add(order.price)
    if tick is not None and tick > 0 and (bid_at or ask_at):
        spans = [(min(bid_at.keys() | ask_at.keys()), max(bid_at.keys() | ask_at.keys()))]  # the whole book
        if bid_at and ask_at:
            spans.append((max(bid_at), min(ask_at)))  # the spread: filled whenever the book is not
        for low, high in spans:
            if 0 < _ticks(low, high, tick) <= fill_limit:
                prices.update(_tick_range(low, high, tick))
    return [
        LadderRow(
            price,
            bid_at.get(price),
            ask_at.get(price),
            tuple(buys.get(price, ())),
            tuple(sells.get(price, ())),
        )
        for price in sorted(prices, reverse=True)
    ]


def _ticks(low: Decimal, high: Decimal, tick: Decimal) -> int:
    return int((high - low) / tick)


def _tick_range(low: Decimal, high: Decimal, tick: Decimal) -> list[Decimal]:
    """Every price on the tick grid strictly between ``low`` and ``high``."""
    first = int((low / tick).to_integral_value()) + 1
    last = int((high / tick).to_integral_value())
    return [tick * n for n in range(first, last)]


def decimal_text(value: Decimal, decimals: int) -> str:
    try:
        return localized(f"{value.quantize(Decimal(1).scaleb(-decimals)):f}")
    except InvalidOperation:  # more digits than the context holds: show it as it is
        return localized(f"{value:f}")


def centre_index(rows: Sequence[LadderRow]) -> int:
    """The row index the spread sits at: halfway between the best ask and the best bid rows."""
    best_ask = max((i for i, row in enumerate(rows) if row.ask is not None), default=None)
    best_bid = min((i for i, row in enumerate(rows) if row.bid is not None), default=None)
    if best_ask is None and best_bid is None:
        return len(rows) // 2
    if best_ask is None:
        return best_bid or 0
    if best_bid is None:
        return best_ask + 1
    return (best_ask + best_bid + 1) // 2


class LadderView(QWidget):
    buyClicked = Signal(object)  # Decimal price
    sellClicked = Signal(object)  # Decimal price
    priceClicked = Signal(object)  # Decimal price
    ordersClicked = Signal(list)  # [order key] at the clicked marker
    cancelRequested = Signal(list)  # [order key] selected when Delete was pressed
    centred = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderBookLadder")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._rows: list[LadderRow] = []
        self._bids: list[Level] = []
        self._asks: list[Level] = []
        self._orders: list[LadderOrder] = []
        self._tick: Decimal | None = None
        self._price_decimals = 2
        self._size_decimals = 4
        self._offset = 0  # index of the top row relative to the centre row, when not centred
        self._centred = True
        self._selected: frozenset[str] = frozenset()
        self._hover: tuple[int, Column] | None = None
        self._one_click = False
        self._max_size = Decimal(0)
        self._best_bid: Decimal | None = None
        self._best_ask: Decimal | None = None

    # --- data
    def set_format(self, price_decimals: int, size_decimals: int, tick: Decimal | None) -> None:
        self._price_decimals = price_decimals
        self._size_decimals = size_decimals
        self._tick = tick
        self._rebuild()

    def set_book(self, bids: Sequence[Level], asks: Sequence[Level]) -> None:
        self._bids = list(bids)
        self._asks = list(asks)
        self._rebuild()

    def set_orders(self, orders: Iterable[LadderOrder]) -> None:
        self._orders = list(orders)
        keys = {order.key for order in self._orders}
        self._selected = frozenset(k for k in self._selected if k in keys)
        self._rebuild()

    def clear(self) -> None:
        self._bids, self._asks, self._orders = [], [], []
        self._selected = frozenset()
        self.centre()
        self._rebuild()

    def rows(self) -> list[LadderRow]:
        return list(self._rows)

    # --- state
    def set_one_click(self, on: bool) -> None:
        self._one_click = on
        self.update()

    def selected_orders(self) -> list[str]:
        return sorted(self._selected)

    def select_orders(self, keys: Iterable[str]) -> None:
        self._selected = frozenset(keys)
        self.update()

    def centre(self) -> None:
        self._centred = True
        self.update()
        self.centred.emit()

    def is_centred(self) -> bool:
        return self._centred

    def scroll_rows(self, rows: int) -> None:
        """Move the view ``rows`` rows down (negative: up), leaving the centred mode."""
        self._offset = self._top() - centre_index(self._rows) + rows
        self._centred = False
        self.update()

    # --- geometry (public so tests and tools can click a cell)
    def row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def visible_row_count(self) -> int:
        return max(1, (self.height() - self.row_height()) // self.row_height())

    def first_visible_row(self) -> int:
        return self._top()

    def cell_rect(self, price: Decimal, column: Column) -> QRect | None:
        """Where the cell of ``price`` in ``column`` is drawn, or None when that row is not on screen."""
        for index, row in enumerate(self._rows):
            if row.price == price:
                line = index - self._top()
                if 0 <= line < self.visible_row_count():
                    left, width = self._column_span(column)
                    return QRect(left, self.row_height() * (line + 1), width, self.row_height())
                return None
        return None

    def sizeHint(self) -> QSize:
        return QSize(300, 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.row_height() * 6)

    # --- events
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        hit = self._hit(event.position())
        if hit is None:
            return
        row, column = hit
        orders = row.orders(column)
        if orders:
            self.ordersClicked.emit([order.key for order in orders])
        elif column in (Column.BUY_ORDERS, Column.BID):
            self.buyClicked.emit(row.price)
        elif column in (Column.SELL_ORDERS, Column.ASK):
            self.sellClicked.emit(row.price)
        else:
            self.priceClicked.emit(row.price)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        line = self._line_at(event.position().y())
        column = self._column_at(event.position().x())
        hover = None if line is None or column is None else (line, column)
        if hover != self._hover:
            self._hover = hover
            self.update()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() // 120
        if notches:
            self.scroll_rows(-notches * SCROLL_ROWS)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_C and not event.modifiers():
            self.centre()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected:
            self.cancelRequested.emit(sorted(self._selected))
        elif key == Qt.Key.Key_PageUp:
            self.scroll_rows(-self.visible_row_count() // 2)
        elif key == Qt.Key.Key_PageDown:
            self.scroll_rows(self.visible_row_count() // 2)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_header(painter, palette)
        top = self._top()
        height = self.row_height()
        for line in range(self.visible_row_count()):
            index = top + line
            if 0 <= index < len(self._rows):
                self._paint_row(
                    painter,
                    palette,
                    self._rows[index],
                    line,
                    QRect(0, height * (line + 1), self.width(), height),
                )
        if self._one_click:
            painter.setPen(QPen(QColor(AMBER), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    # --- internals
    def _rebuild(self) -> None:
        self._rows = build_rows(self._bids, self._asks, self._orders, self._tick)
        self._max_size = max([size for _, size in [*self._bids, *self._asks]], default=Decimal(0))
        self._best_bid = max((row.price for row in self._rows if row.bid is not None), default=None)
        self._best_ask = min((row.price for row in self._rows if row.ask is not None), default=None)
        self.update()

    def _top(self) -> int:
        centre = centre_index(self._rows)
        offset = -(self.visible_row_count() // 2) if self._centred else self._offset
        limit = max(0, len(self._rows) - 1)
        return min(max(centre + offset, -(self.visible_row_count() - 1)), limit)

    def _column_span(self, column: Column) -> tuple[int, int]:
        width = self.width()
        edges: list[float] = [0]
        for share in _WIDTHS:
            edges.append(edges[-1] + share)
        left = round(edges[column] * width)
        right = width if column is Column.SELL_ORDERS else round(edges[column + 1] * width)
        return left, right - left

    def _column_at(self, x: float) -> Column | None:
        for column in Column:
            left, width = self._column_span(column)
            if left <= x < left + width:
                return column
        return None

    def _line_at(self, y: float) -> int | None:
        line = int(y // self.row_height()) - 1
        return line if 0 <= line < self.visible_row_count() else None

    def _hit(self, pos: QPointF) -> tuple[LadderRow, Column] | None:
        line, column = self._line_at(pos.y()), self._column_at(pos.x())
        if line is None or column is None:
            return None
        index = self._top() + line
        if not 0 <= index < len(self._rows):
            return None
        return self._rows[index], column

    def _paint_header(self, painter: QPainter, palette: QPalette) -> None:
        height = self.row_height()
        painter.fillRect(0, 0, self.width(), height, palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setFont(self.font())
        titles = (self.tr("Buy"), self.tr("Bid"), self.tr("Price"), self.tr("Ask"), self.tr("Sell"))
        for column, title in zip(Column, titles, strict=True):
            left, width = self._column_span(column)
            painter.drawText(QRect(left, 0, width, height), Qt.AlignmentFlag.AlignCenter, title)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, height - 1, self.width(), height - 1)

    def _paint_row(
        self, painter: QPainter, palette: QPalette, row: LadderRow, line: int, rect: QRect
    ) -> None:
        buy, sell = QColor(GREEN), QColor(RED)
        text = palette.color(QPalette.ColorRole.Text)
        price_left, price_width = self._column_span(Column.PRICE)
        shade = sell if row.ask is not None else buy if row.bid is not None else None
        if shade is not None:
            tint = QColor(shade)
            tint.setAlpha(22)
            painter.fillRect(QRect(price_left, rect.top(), price_width, rect.height()), tint)
        for column, size, colour in ((Column.BID, row.bid, buy), (Column.ASK, row.ask, sell)):
            if size is None:
                continue
            left, width = self._column_span(column)
            bar = QColor(colour)
            bar.setAlpha(45)
            share = float(size / self._max_size) if self._max_size else 0.0
            length = max(1, round((width - 2) * min(1.0, share)))
            x = left + width - 1 - length if column is Column.BID else left + 1
            painter.fillRect(QRect(x, rect.top() + 2, length, rect.height() - 3), bar)
            painter.setPen(text)
            painter.setFont(self.font())
            painter.drawText(
                QRect(left + 4, rect.top(), width - 8, rect.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                decimal_text(size, self._size_decimals),
            )
        best = row.price in (self._best_bid, self._best_ask)
        painter.setFont(self._bold_font() if best else self.font())
        painter.setPen(shade if shade is not None else palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRect(price_left, rect.top(), price_width, rect.height()),
            Qt.AlignmentFlag.AlignCenter,
            decimal_text(row.price, self._price_decimals),
        )
        for column, colour in ((Column.BUY_ORDERS, buy), (Column.SELL_ORDERS, sell)):
            orders = row.orders(column)
            if orders:
                self._paint_marker(painter, orders, column, colour, rect)
        if self._hover is not None and self._hover[0] == line:
            left, width = self._column_span(self._hover[1])
            outline = QColor(AMBER) if self._one_click and self._hover[1] != Column.PRICE else QColor(text)
            outline.setAlpha(200 if self._one_click else 90)
            painter.setPen(QPen(outline, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRect(left, rect.top(), width - 1, rect.height() - 1))
        grid = palette.color(QPalette.ColorRole.AlternateBase)
        painter.setPen(grid)
        painter.drawLine(0, rect.bottom(), self.width(), rect.bottom())

    def _paint_marker(
        self, painter: QPainter, orders: Sequence[LadderOrder], column: Column, colour: QColor, rect: QRect
    ) -> None:
        left, width = self._column_span(column)
        box = QRectF(left + 3, rect.top() + 2, width - 6, rect.height() - 4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        selected = any(order.key in self._selected for order in orders)
        painter.setPen(QPen(QColor(AMBER), 2) if selected else Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(self._bold_font())
        total = sum((order.quantity for order in orders), Decimal(0))
        label = decimal_text(total, self._size_decimals)
        if len(orders) > 1:
            label = f"{label} ×{len(orders)}"
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font
