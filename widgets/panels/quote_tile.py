"""Quote tiles of the simple layout: one tile per slot (symbol, counterparty, bid, ask, last, change), with
Sell (at the bid) and Buy (at the ask) buttons, laid out in a grid that reflows with the panel's width.

A tile says what the user did: picked another symbol, clicked Buy or Sell (the view-model opens the
:class:`~widgets.panels.quote_tile_order.QuickOrderPopover`), or clicked the tile itself (its instrument goes
to the panel's link colour). Quotes that are not live are greyed under the panel's "Not live: ..." banner and
their Buy and Sell are off: nobody trades on a frozen price.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from widgets.common.colors import AMBER, GREY, RED, set_style_sheet
from widgets.common.link_colour import LinkColourButton
from widgets.common.not_live import NotLiveBanner, grey_out
from widgets.common.panel_layout import panel_with_toolbar
from widgets.panels.order_book_ladder import decimal_text
from widgets.panels.slots import change_text
from widgets.panels.slots_picker import InstrumentMenuButton

TILE_WIDTH = 228  # px a tile needs; the grid has as many columns as fit
MESSAGE_MS = 6000


class QuoteTile(QFrame):
    instrumentPicked = Signal(int, str, str)  # position, market, symbol
    tradeClicked = Signal(int, str)  # position, "buy" | "sell"
    activated = Signal(int)  # position: the tile itself was clicked

    def __init__(self, position: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = position
        self.setObjectName("quoteTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#quoteTile { border: 1px solid palette(midlight); border-radius: 4px; }"
            "QLabel#tileLast { font-size: 11pt; font-weight: 600; }"
            "QPushButton#tileTrade { font-size: 10pt; padding: 4px 6px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(4)
        self.picker = InstrumentMenuButton(self)
        self.picker.setAutoRaise(True)
        self.picker.instrumentPicked.connect(lambda m, s: self.instrumentPicked.emit(self.position, m, s))
        top.addWidget(self.picker, 1)
        self.change_label = QLabel(self)
        self.change_label.setObjectName("tileChange")
        top.addWidget(self.change_label)
        layout.addLayout(top)
        self.last_label = QLabel(self)
        self.last_label.setObjectName("tileLast")
        self.last_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.last_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.sell_button = self._trade_button("sell")
        self.buy_button = self._trade_button("buy")
        buttons.addWidget(self.sell_button)
        buttons.addWidget(self.buy_button)
        layout.addLayout(buttons)
        self.spread_label = QLabel(self)
        self.spread_label.setObjectName("mutedLabel")
        self.spread_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.spread_label)
        self._bid: Decimal | None = None
        self._ask: Decimal | None = None
        self._live = True
        self.set_quote(None, None, None, None, 2)

    def set_live(self, live: bool) -> None:
        """A tile whose quote is frozen is greyed and cannot trade."""
        self._live = live
        grey_out(self, not live)
        self._enable_trading()

    def is_live(self) -> bool:
        return self._live

    def _enable_trading(self) -> None:
        enabled = self._live and self.picker.current() is not None
        self.sell_button.setEnabled(enabled)
        self.buy_button.setEnabled(enabled)

    def _trade_button(self, side: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("tileTrade")
        button.setProperty("role", side)
        button.setMinimumHeight(42)
        button.clicked.connect(lambda: self.tradeClicked.emit(self.position, side))
        return button

    def set_instruments(self, instruments: Iterable[tuple[str, str]]) -> None:
        self.picker.set_instruments(instruments)

    def set_instrument(self, market: str | None, symbol: str | None) -> None:
        self.picker.set_current(market, symbol)
        self.set_quote(None, None, None, None, 2)

    def instrument(self) -> tuple[str, str] | None:
        return self.picker.current()

    def set_quote(
        self,
        bid: Decimal | None,
        ask: Decimal | None,
        last: Decimal | None,
        change_pct: Decimal | None,
        decimals: int,
    ) -> None:
        def text(value: Decimal | None) -> str:
            return "\u2014" if value is None else decimal_text(value, decimals)

        self._bid, self._ask = bid, ask
        self.sell_button.setText(self.tr("SELL\n{price}").format(price=text(bid)))
        self.buy_button.setText(self.tr("BUY\n{price}").format(price=text(ask)))
        self.last_label.setText(text(last))
        change, colour = change_text(change_pct)
        self.change_label.setText(change)
        set_style_sheet(self.change_label, f"color: {colour};")
        spread = "" if bid is None or ask is None else decimal_text(ask - bid, decimals)
        self.spread_label.setText(self.tr("spread {spread}").format(spread=spread) if spread else "")
        self._enable_trading()

    def bid(self) -> Decimal | None:
        return self._bid

    def ask(self) -> Decimal | None:
        return self._ask

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.position)
        super().mousePressEvent(event)


class QuotesPanel(QWidget):
    """The grid of :class:`QuoteTile` (one per slot of the simple layout) with a link colour and a status."""

    linkColourChanged = Signal(object)  # str | None
    visibilityChanged = Signal(bool)

    def __init__(self, count: int, link_colours: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quotesPanel")
        layout, bar, row = panel_with_toolbar(self)
        self.not_live_banner = NotLiveBanner(self)
        layout.addWidget(self.not_live_banner)
        self.link_button = LinkColourButton(link_colours, bar)
        self.link_button.colourChanged.connect(self.linkColourChanged)
        row.addWidget(self.link_button)
        hint = QLabel(self.tr("Buy and Sell open a quick order to confirm; a click on a tile links it"), bar)
        hint.setWordWrap(True)  # a narrow panel (or a longer language) wraps the hint rather than cutting it
        row.addWidget(hint, 1)
        layout.addWidget(bar)
        self.tiles = [QuoteTile(position, self) for position in range(1, count + 1)]
        grid_host = QWidget(self)
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.grid.setSpacing(6)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("mutedLabel")
        self.status_label.setContentsMargins(6, 1, 6, 1)
        layout.addWidget(self.status_label)
        self._columns = 0
        self._reflow(4)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(lambda: self.status_label.setText(""))

    def set_not_live(self, reason: str) -> None:
        """Why the quotes are frozen ("" once they are live): the banner says it, the tiles are greyed."""
        self.not_live_banner.set_reason(reason)
        for tile in self.tiles:
            tile.set_live(not reason)

    def tile(self, position: int) -> QuoteTile:
        return self.tiles[position - 1]

    def set_link_colour(self, colour: str | None) -> None:
        self.link_button.setColour(colour)

    def set_instruments(self, instruments: Iterable[tuple[str, str]]) -> None:
        choices = list(instruments)
        for tile in self.tiles:
            tile.set_instruments(choices)

    def show_message(self, text: str, level: str = "info") -> None:
        colour = {"warning": AMBER, "error": RED}.get(level, GREY)
        self.status_label.setStyleSheet(f"color: {colour};")
        self.status_label.setText(text)
        self._message_timer.start()

    def status_text(self) -> str:
        return self.status_label.text()

    def popup_point(self, position: int, side: str) -> QPoint:
        """Where a tile's quick order opens: under the button that opened it."""
        tile = self.tile(position)
        button = tile.buy_button if side == "buy" else tile.sell_button
        return button.mapToGlobal(QPoint(0, button.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(max(1, (event.size().width() - 12) // TILE_WIDTH))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def _reflow(self, columns: int) -> None:
        columns = min(columns, len(self.tiles))
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(-(-len(self.tiles) // columns), 1)  # tiles keep their height, at the top
