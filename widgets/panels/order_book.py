"""Order book panel: the DOM ladder with its tool row (link colour, symbol, quantity, one-click, centre).

One-click trading is a switch on the tool row. While it is on, the panel shows a warning strip and the ladder
an amber frame: a click in the bid or ask column then places an order at once (the view-model does it; this
view only says what was clicked). The quantity box checks the instrument's step and limits as the user types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from widgets.common.colors import AMBER, GREEN, RED, set_style_sheet
from widgets.common.decimal_input import DecimalInput
from widgets.common.link_colour import LinkColourButton
from widgets.common.not_live import NotLiveBanner, grey_out
from widgets.common.panel_layout import panel_with_toolbar
from widgets.panels.order_book_ladder import LadderOrder, LadderView, Level, decimal_text
from widgets.panels.slots_picker import InstrumentMenuButton

MESSAGE_MS = 6000
WARNING_STYLE = f"background: {AMBER}; color: #1b1300; font-weight: 600;"  # one-click is on
_LEVEL_COLOURS = {"success": GREEN, "warning": AMBER, "error": RED}  # info: the normal colour


class OrderBookPanel(QWidget):
    linkColourChanged = Signal(object)  # str | None
    instrumentPicked = Signal(str, str)  # market, symbol
    oneClickToggled = Signal(bool)
    quantityEdited = Signal(object)  # Decimal | None, when the user finishes editing
    visibilityChanged = Signal(bool)  # the view-model polls the book only while the panel is shown

    def __init__(
        self, link_colours: Sequence[str], *, embedded: bool = False, parent: QWidget | None = None
    ) -> None:
        """``embedded``: inside a layout slot, whose header already shows the link colour and symbol."""
        super().__init__(parent)
        self.setObjectName("orderBookPanel")
        layout, bar, row = panel_with_toolbar(self)
        self.link_button = LinkColourButton(link_colours, bar)
        self.link_button.colourChanged.connect(self.linkColourChanged)
        self.picker = InstrumentMenuButton(bar)
        self.picker.instrumentPicked.connect(self.instrumentPicked)
        self.link_button.setVisible(not embedded)
        self.picker.setVisible(not embedded)
        row.addWidget(self.link_button)
        row.addWidget(self.picker)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Qty"), bar))
        self.quantity_input = DecimalInput(parent=bar)
        self.quantity_input.setObjectName("orderBookQuantity")
        self.quantity_input.setFixedWidth(86)
        self.quantity_input.setToolTip(self.tr("Quantity of the orders a click places"))
        self.quantity_input.editingFinished.connect(lambda: self.quantityEdited.emit(self.quantity()))
        self.quantity_input.problemChanged.connect(lambda _p: self._show_quantity_problem())
        self.quantity_input.textEdited.connect(lambda _t: self._clear_quantity_error())
        row.addWidget(self.quantity_input)
        self.one_click_button = QToolButton(bar)
        self.one_click_button.setObjectName("oneClickButton")
        self.one_click_button.setText(self.tr("1-click"))
        self.one_click_button.setCheckable(True)
        self.one_click_button.setToolTip(
            self.tr("One-click trading: a click in the Bid or Ask column sends the order at once")
        )
        self.one_click_button.toggled.connect(self._on_one_click)
        row.addWidget(self.one_click_button)
        self.centre_button = QToolButton(bar)
        self.centre_button.setObjectName("centreButton")
        self.centre_button.setText(self.tr("Centre"))
        self.centre_button.setToolTip(self.tr("Centre the ladder on the spread (C)"))
        row.addWidget(self.centre_button)
        layout.addWidget(bar)
        self.not_live_banner = NotLiveBanner(self)
        layout.insertWidget(0, self.not_live_banner)

        self.banner = QLabel(
            self.tr("\u26a0 ONE-CLICK TRADING IS ON \u2014 a click in Bid/Ask sends an order")
        )
        self.banner.setObjectName("oneClickBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(f"QLabel#oneClickBanner {{ {WARNING_STYLE} padding: 2px; }}")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.quantity_error = QLabel(self)
        self.quantity_error.setObjectName("fieldError")
        self.quantity_error.setContentsMargins(6, 0, 6, 0)
        self.quantity_error.hide()
        layout.addWidget(self.quantity_error)

        self.ladder = LadderView(self)
        self.centre_button.clicked.connect(self.ladder.centre)
        layout.addWidget(self.ladder, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("mutedLabel")
        self.status_label.setContentsMargins(6, 1, 6, 1)
        layout.addWidget(self.status_label)
        self._external_quantity_error = ""
        self._state_text = ""
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self._show_state)
        self._price_decimals = 2
        centre = QShortcut(QKeySequence(Qt.Key.Key_C), self)
        centre.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        centre.activated.connect(self.ladder.centre)

    # --- what to show
    def set_link_colour(self, colour: str | None) -> None:
        self.link_button.setColour(colour)

    def set_instruments(self, instruments: Iterable[tuple[str, str]]) -> None:
        self.picker.set_instruments(instruments)

    def set_instrument(self, market: str | None, symbol: str | None) -> None:
        self.picker.set_current(market, symbol)
        self.ladder.clear()
        self.set_state_text("" if symbol else self.tr("No instrument: pick one or link the panel"))

    def set_format(
        self,
        price_decimals: int,
        quantity_decimals: int,
        tick: Decimal | None,
        quantity_step: Decimal,
        minimum: Decimal | None,
        maximum: Decimal | None,
    ) -> None:
        self._price_decimals = price_decimals
        self.ladder.set_format(price_decimals, quantity_decimals, tick)
        self.quantity_input.setRange(minimum, maximum)
        self.quantity_input.setStep(quantity_step)
        self.quantity_input.setDecimals(quantity_decimals)

    def set_book(self, bids: Sequence[Level], asks: Sequence[Level]) -> None:
        self.ladder.set_book(bids, asks)
        if bids and asks:
            spread = decimal_text(asks[0][0] - bids[0][0], self._price_decimals)
            self.set_state_text(self.tr("Spread {spread}").format(spread=spread))
        else:
            self.set_state_text(self.tr("The book is empty on one side"))

    def set_live(self, live: bool, reason: str = "") -> None:
        """A book that is not live (logged out, no data) is greyed and takes no clicks: nobody trades on
        it. ``reason`` (why it is not live, e.g. "coin-weight logged out") is said at the top of the panel."""
        self.not_live_banner.set_reason("" if live else reason)
        self.ladder.setEnabled(live)
        grey_out(self.ladder, not live)

    def is_live(self) -> bool:
        return self.ladder.isEnabled()

    def set_orders(self, orders: Iterable[LadderOrder]) -> None:
        self.ladder.set_orders(orders)

    def set_state_text(self, text: str) -> None:
        """The lasting status (spread, no data ...); a message shown meanwhile stays until it times out."""
        self._state_text = text
        if not self._message_timer.isActive():
            self._show_state()

    def show_message(self, text: str, level: str = "info") -> None:
        """A message for a few seconds (``level``: info, success, warning, error)."""
        colour = _LEVEL_COLOURS.get(level)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.status_label.setText(text)
        self._message_timer.start()

    def status_text(self) -> str:
        return self.status_label.text()

    # --- one-click and quantity
    def set_one_click(self, on: bool) -> None:
        """Show the switch in this state (no signal)."""
        self.one_click_button.blockSignals(True)
        self.one_click_button.setChecked(on)
        self.one_click_button.blockSignals(False)
        self._show_one_click(on)

    def is_one_click(self) -> bool:
        return self.one_click_button.isChecked()

    def set_quantity(self, quantity: Decimal | None) -> None:
        self.quantity_input.setValue(quantity)

    def quantity(self) -> Decimal | None:
        return self.quantity_input.value()

    def quantity_problem(self) -> str:
        """Why the quantity cannot be used ("" when it can)."""
        if self.quantity() is None:
            return self.tr("Enter the quantity to trade")
        return self.quantity_input.problem()

    def show_quantity_error(self, message: str) -> None:
        self._external_quantity_error = message
        self._show_quantity_problem()

    def quantity_error_text(self) -> str:
        return self.quantity_error.text() if self.quantity_error.isVisibleTo(self) else ""

    # --- events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    # --- internals
    def _on_one_click(self, on: bool) -> None:
        self._show_one_click(on)
        self.oneClickToggled.emit(on)

    def _show_one_click(self, on: bool) -> None:
        self.banner.setVisible(on)
        self.ladder.set_one_click(on)
        self.one_click_button.setStyleSheet(f"QToolButton#oneClickButton {{ {WARNING_STYLE} }}" if on else "")

    def _show_quantity_problem(self) -> None:
        message = self._external_quantity_error or self.quantity_input.problem()
        self.quantity_error.setText(message)
        self.quantity_error.setVisible(bool(message))

    def _clear_quantity_error(self) -> None:
        if self._external_quantity_error:
            self._external_quantity_error = ""
            self._show_quantity_problem()

    def _show_state(self) -> None:
        set_style_sheet(self.status_label, "")  # set again, even the same, it re-polishes
        self.status_label.setText(self._state_text)
