"""Order ticket view: one form for a crypto spot venue and for a stock broker.

Crypto mode: counterparty, symbol, Buy/Sell, Limit/Market, price and quantity on the instrument's grid,
percent-of-available buttons. Broker mode adds Short/Cover, Stop and Stop limit, Day/GTC, a portfolio, a stop
price, and quantities in shares or lots. The view checks what it can check alone (empty fields, the price and
quantity grid, min/max) live, and shows each problem under its field; it emits ``submitRequested`` only with
values that pass, after the confirmation dialog when that is on. Nothing typed is cut: a digit beyond the
instrument's precision or a minus sign gets in and its field says what is wrong with it.

The ticket is never stuck without saying why: whenever it would not send, the Buy/Sell button is disabled and
the line under it gives the reason (:meth:`OrderTicketView.blocker`): a field to fill or correct, an order in
flight, funds the view-model found short (:meth:`set_funds_problem`), or data that is not live
(:meth:`set_not_live`, also the banner at the top). Hint lines keep their place, so the button never moves
under the cursor as the user types.

Keys while the ticket has focus: Enter submits (in the symbol: takes the symbol), Esc clears the entries, F2
buy, F3 sell. F2/F3 are also actions of the main window (:class:`TicketShortcuts`) that go to the ticket
focused last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.decimal_input import DecimalField
from widgets.common.link_colour import LinkColourButton
from widgets.common.not_live import NotLiveBanner, grey_out
from widgets.common.numbers import localized
from widgets.panels.order_ticket_confirm import OrderConfirmDialog
from widgets.panels.order_ticket_shortcuts import TICKET_PROPERTY, TicketShortcuts

ACTIONS = ("buy", "sell", "short", "cover")
BUYING = frozenset({"buy", "cover"})
CRYPTO_TYPES = ("limit", "market")
BROKER_TYPES = ("market", "limit", "stop", "stop_limit")
PRICED = frozenset({"limit", "stop_limit"})
STOPPED = frozenset({"stop", "stop_limit"})
PERCENTS = (25, 50, 75, 100)
OUTCOME_COLOURS = {"pending": GREY, "info": GREEN, "warning": AMBER, "error": RED}

_CONTEXT = "OrderTicketView"
ACTION_TITLES = {
    "buy": QT_TRANSLATE_NOOP("OrderTicketView", "Buy"),
    "sell": QT_TRANSLATE_NOOP("OrderTicketView", "Sell"),
    "short": QT_TRANSLATE_NOOP("OrderTicketView", "Short"),
    "cover": QT_TRANSLATE_NOOP("OrderTicketView", "Cover"),
}
TYPE_TITLES = {
    "limit": QT_TRANSLATE_NOOP("OrderTicketView", "Limit"),
    "market": QT_TRANSLATE_NOOP("OrderTicketView", "Market"),
    "stop": QT_TRANSLATE_NOOP("OrderTicketView", "Stop"),
    "stop_limit": QT_TRANSLATE_NOOP("OrderTicketView", "Stop limit"),
}
VALIDITY_TITLES = {
    "day": QT_TRANSLATE_NOOP("OrderTicketView", "Day"),
    "gtc": QT_TRANSLATE_NOOP("OrderTicketView", "GTC"),
}


def _tr(text: object) -> str:
    """``text`` (a str marked with ``QT_TRANSLATE_NOOP``, which the stubs type as ``object``), translated."""
    return QCoreApplication.translate(_CONTEXT, str(text))


def action_title(action: str) -> str:
    """Buy, Sell, Short or Cover, translated."""
    return _tr(ACTION_TITLES.get(action, action))


def type_title(kind: str) -> str:
    """Limit, Market, Stop or Stop limit, translated."""
    return _tr(TYPE_TITLES.get(kind, kind))


def decimals_of(step: Decimal) -> int:
    return max(0, -int(step.normalize().as_tuple().exponent))


def on_grid(value: Decimal, step: Decimal, rounding: str = ROUND_FLOOR) -> Decimal:
    """``value`` moved onto the grid of ``step`` (down by default), at the step's precision."""
    return ((value / step).to_integral_value(rounding=rounding) * step).quantize(step)


@dataclass(frozen=True)
class TicketSpec:
    """The instrument as the ticket needs it (plain values; quantities in the instrument's units)."""

    symbol: str
    base: str
    quote: str
    price_step: Decimal
    qty_step: Decimal
    min_qty: Decimal
    max_qty: Decimal | None = None
    lot_size: Decimal = Decimal(1)


@dataclass(frozen=True)
class TicketValues:
    """What the user asked for; ``quantity`` in the instrument's units (shares, even when typed in lots)."""

    action: str  # ACTIONS
    order_type: str  # CRYPTO_TYPES / BROKER_TYPES
    quantity: Decimal
    price: Decimal | None = None
    stop: Decimal | None = None
    time_in_force: str = "gtc"
    account: str = ""


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class OrderTicketView(QWidget):
    marketChosen = Signal(str)  # market key (as given to set_markets)
    symbolChosen = Signal(str)  # symbol text as typed or picked
    inputsChanged = Signal()  # side, type, price, quantity, validity or account changed
    percentRequested = Signal(int)  # percent of the available balance
    submitRequested = Signal(object)  # TicketValues
    confirmChanged = Signal(bool)  # the user's choice: ask before sending

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderTicket")
        self.setProperty(TICKET_PROPERTY, True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._spec: TicketSpec | None = None
        self._broker = False
        self._busy = False
        self._confirm_source: Callable[[], bool] = lambda: True
        self._outcome_level = ""
        self._funds_problem = ""
        self._not_live = ""
        self.confirm_dialog: OrderConfirmDialog | None = None
        self._build()
        self.inputsChanged.connect(self._update_submit)
        self._apply_mode()
        self._paint_sides()

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 6, 8, 6)
        root.setSpacing(6)
        self.not_live_banner = NotLiveBanner(self)
        root.addWidget(self.not_live_banner)
        root.addLayout(self._build_header())
        self.symbol_error = QLabel(self)
        self.symbol_error.setObjectName("fieldError")
        self.symbol_error.setWordWrap(True)
        policy = self.symbol_error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # its line stays: the form does not jump when it shows
        self.symbol_error.setSizePolicy(policy)
        self.symbol_error.hide()
        root.addWidget(self.symbol_error)
        root.addLayout(self._build_sides())
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(8)
        self.form.setVerticalSpacing(4)
        self._build_form()
        root.addLayout(self.form)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("ticketSubmit")
        self.submit_button.setMinimumHeight(34)
        self.submit_button.setToolTip(self.tr("Send the order (Enter)"))
        self.submit_button.clicked.connect(self.submit)
        root.addWidget(self.submit_button)
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("ticketReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(f"color: {GREY};")
        root.addWidget(self.reason_label)
        self.outcome_label = QLabel(self)
        self.outcome_label.setObjectName("ticketOutcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.outcome_label)
        root.addStretch(1)
        self.setTabOrder(self.market_combo, self.symbol_combo)
        self.setTabOrder(self.symbol_combo, self.type_combo)
        self.setTabOrder(self.type_combo, self.validity_combo)
        self.setTabOrder(self.validity_combo, self.account_combo)
        self.setTabOrder(self.account_combo, self.price.input)
        self.setTabOrder(self.price.input, self.stop.input)
        self.setTabOrder(self.stop.input, self.quantity.input)
        self.setTabOrder(self.quantity.input, self.unit_combo)
        self.setTabOrder(self.unit_combo, self.submit_button)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.market_combo = QComboBox(self)
        self.market_combo.setObjectName("ticketMarket")
        self.market_combo.setToolTip(self.tr("Counterparty or market"))
        self.market_combo.activated.connect(
            lambda index: self.marketChosen.emit(self.market_combo.itemData(index))
        )
        self.symbol_combo = QComboBox(self)
        self.symbol_combo.setObjectName("ticketSymbol")
        self.symbol_combo.setEditable(True)
        symbol_edit = self.symbol_combo.lineEdit()
        assert symbol_edit is not None  # an editable combo box has its line edit
        self.symbol_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        symbol_edit.setPlaceholderText(self.tr("Symbol"))
        completer = QCompleter(self.symbol_combo.model(), self.symbol_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.symbol_combo.setCompleter(completer)
        self.symbol_combo.activated.connect(lambda _index: self._symbol_entered())
        symbol_edit.editingFinished.connect(self._symbol_entered)
        self.link_button = LinkColourButton(parent=self)
        self.link_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu_button = QToolButton(self)
        self.menu_button.setObjectName("ticketMenu")
        self.menu_button.setText("\u22ee")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        self.confirm_action = menu.addAction(self.tr("Confirm orders before sending"))
        self.confirm_action.setCheckable(True)
        self.confirm_action.setChecked(True)
        self.confirm_action.toggled.connect(self.confirmChanged)
        menu.aboutToShow.connect(self._show_confirm_choice)
        self.menu_button.setMenu(menu)
        row.addWidget(self.market_combo, 2)
        row.addWidget(self.symbol_combo, 3)
        row.addWidget(self.link_button)
        row.addWidget(self.menu_button)
        return row

    def _build_sides(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.side_group = QButtonGroup(self)
        self.side_group.setExclusive(True)
        self.side_buttons: dict[str, QPushButton] = {}
        for number, action in enumerate(ACTIONS):
            button = QPushButton(_tr(ACTION_TITLES[action]), self)
            button.setObjectName(f"side_{action}")
            button.setCheckable(True)
            button.setMinimumHeight(32)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.side_group.addButton(button, number)
            self.side_buttons[action] = button
            row.addWidget(button)
        self.side_buttons["buy"].setToolTip(self.tr("Buy (F2)"))
        self.side_buttons["sell"].setToolTip(self.tr("Sell (F3)"))
        self.side_buttons["buy"].setChecked(True)
        self.side_group.idToggled.connect(self._on_side_toggled)
        return row

    def _build_form(self) -> None:
        type_row = QWidget(self)
        type_layout = QHBoxLayout(type_row)
        type_layout.setContentsMargins(0, 0, 0, 0)
        self.type_combo = QComboBox(type_row)
        self.type_combo.setObjectName("ticketType")
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        self.validity_combo = QComboBox(type_row)
        self.validity_combo.setObjectName("ticketValidity")
        self.validity_combo.setToolTip(self.tr("Day: today only; GTC: until canceled"))
        for key in ("day", "gtc"):
            self.validity_combo.addItem(_tr(VALIDITY_TITLES[key]), key)
        self.validity_combo.currentIndexChanged.connect(lambda _i: self.inputsChanged.emit())
        type_layout.addWidget(self.type_combo, 1)
        type_layout.addWidget(self.validity_combo, 1)
        self.form.addRow(self.tr("Type"), type_row)

        self.account_combo = QComboBox(self)
        self.account_combo.setObjectName("ticketAccount")
        self.account_combo.currentIndexChanged.connect(lambda _i: self.inputsChanged.emit())
        self.form.addRow(self.tr("Portfolio"), self.account_combo)

        self.price, self.price_unit, self.price_row = self._decimal_row("ticketPrice")
        self.form.addRow(self.tr("Price"), self.price_row)
        self.stop, self.stop_unit, self.stop_row = self._decimal_row("ticketStop")
        self.form.addRow(self.tr("Stop"), self.stop_row)
        self.quantity, self.quantity_unit, self.quantity_row = self._decimal_row("ticketQuantity")
        self.unit_combo = QComboBox(self.quantity_row)
        self.unit_combo.setObjectName("ticketUnits")
        self.unit_combo.addItem(self.tr("shares"), "shares")
        self.unit_combo.addItem(self.tr("lots"), "lots")
        self.unit_combo.currentIndexChanged.connect(self._on_units_changed)
        quantity_layout = self.quantity_row.layout()
        assert isinstance(quantity_layout, QHBoxLayout)  # made by _decimal_row
        quantity_layout.addWidget(self.unit_combo, 0, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(self.tr("Quantity"), self.quantity_row)
        self.lot_label = QLabel(self)
        self.lot_label.setObjectName("mutedLabel")
        self.form.addRow("", self.lot_label)

        self.percent_row = QWidget(self)
        percents = QHBoxLayout(self.percent_row)
        percents.setContentsMargins(0, 0, 0, 0)
        percents.setSpacing(3)
        self.percent_buttons: dict[int, QToolButton] = {}
        for percent in PERCENTS:
            button = QToolButton(self.percent_row)
            button.setText(f"{percent}%")
            button.setObjectName(f"percent_{percent}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolTip(self.tr("{percent}% of what is available").format(percent=percent))
            button.clicked.connect(lambda _checked=False, p=percent: self.percentRequested.emit(p))
            percents.addWidget(button)
            self.percent_buttons[percent] = button
        self.form.addRow("", self.percent_row)

        self.notional_label = QLabel(self)
        self.notional_label.setObjectName("ticketNotional")
        self.notional_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(self.tr("Notional"), self.notional_label)
        self.available_label = QLabel(self)
        self.available_label.setObjectName("ticketAvailable")
        self.available_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(self.tr("Available"), self.available_label)

    def _decimal_row(self, name: str) -> tuple[DecimalField, QLabel, QWidget]:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        field = DecimalField(parent=row, steady=True)
        field.setObjectName(name)
        field.input.valueChanged.connect(lambda _value: self.inputsChanged.emit())
        field.input.problemChanged.connect(lambda _problem: self._update_submit())
        unit = QLabel(row)
        unit.setObjectName("mutedLabel")
        unit.setMinimumWidth(40)
        unit.setFixedHeight(field.input.sizeHint().height())  # level with the entry, not with its message
        unit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(field, 1)
        layout.addWidget(unit, 0, Qt.AlignmentFlag.AlignTop)
        return field, unit, row

    # --- what the view-model sets -----------------------------------------------------------------

    def set_markets(self, markets: list[tuple[str, str]], current: str | None) -> None:
        """``markets``: (key, title); ``current`` the key to show."""
        self.market_combo.blockSignals(True)
        self.market_combo.clear()
        for key, title in markets:
            self.market_combo.addItem(title, key)
        self.market_combo.setCurrentIndex(max(0, self.market_combo.findData(current)))
        self.market_combo.blockSignals(False)

    def set_symbols(self, symbols: list[str], current: str) -> None:
        self.symbol_combo.blockSignals(True)
        self.symbol_combo.clear()
        self.symbol_combo.addItems(symbols)
        index = self.symbol_combo.findText(current)
        self.symbol_combo.setCurrentIndex(index)
        self.symbol_combo.setEditText(current)
        self.symbol_combo.blockSignals(False)

    def set_spec(self, spec: TicketSpec | None, *, broker: bool) -> None:
        """Show the instrument ``spec`` (None: none chosen); entries are cleared when it changes."""
        changed = spec != self._spec or broker != self._broker
        self._spec, self._broker = spec, broker
        if changed:
            self._apply_mode()
            self.clear()
            self._update_submit()
        self.set_field_error("symbol", "")

    def spec(self) -> TicketSpec | None:
        return self._spec

    def is_broker(self) -> bool:
        return self._broker

    def set_accounts(self, accounts: list[str]) -> None:
        current = self.account_combo.currentText()
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        self.account_combo.addItems(accounts)
        self.account_combo.setCurrentIndex(max(0, self.account_combo.findText(current)))
        self.account_combo.blockSignals(False)
        self.inputsChanged.emit()

    def account(self) -> str:
        return self.account_combo.currentText() if self._broker else ""

    def side(self) -> str:
        return ACTIONS[self.side_group.checkedId()]

    def set_side(self, action: str) -> None:
        if action in self._actions():
            self.side_buttons[action].setChecked(True)

    def order_type(self) -> str:
        return self.type_combo.currentData() or "limit"

    def set_order_type(self, kind: str) -> None:
        index = self.type_combo.findData(kind)
        if index >= 0:
            self.type_combo.setCurrentIndex(index)

    def set_price(self, price: Decimal | None) -> None:
        self._put(self.price, price, self._spec.price_step if self._spec else None)

    def price_value(self) -> Decimal | None:
        """The limit price entered (None for a type without one, or while empty)."""
        return self.price.value() if self.order_type() in PRICED else None

    def set_quantity(self, quantity: Decimal | None) -> None:
        """``quantity`` in the instrument's units (shown in lots when the ticket counts in lots)."""
        if quantity is not None and self._in_lots():
            quantity = quantity / self._lot()
        self._put(self.quantity, quantity, self.quantity.input.step())

    def quantity_value(self) -> Decimal | None:
        """The quantity in the instrument's units, or None while it is empty."""
        value = self.quantity.value()
        if value is None:
            return None
        return value * self._lot() if self._in_lots() else value

    def set_notional(self, text: str) -> None:
        self.notional_label.setText(text)

    def set_available(self, text: str) -> None:
        self.available_label.setText(text)

    def set_funds_problem(self, text: str) -> None:
        """Why the order is beyond what is available ("" when it is not, or when nobody knows): the ticket
        will not send it and says so. The venue stays the judge of what it does send."""
        if text != self._funds_problem:
            self._funds_problem = text
            self._update_submit()

    def set_not_live(self, reason: str) -> None:
        """Why the ticket's venue is not live ("" when it is): the banner says it, the figures are greyed
        and nothing is sent."""
        if reason == self._not_live:
            return
        self._not_live = reason
        self.not_live_banner.set_reason(reason)
        for label in (self.available_label, self.notional_label):
            grey_out(label, bool(reason))
        self._update_submit()

    def not_live(self) -> str:
        return self._not_live

    def blocker(self) -> str:
        """Why the ticket would not send now, in the user's words ("" when it would)."""
        if self._busy:
            return self.tr("Waiting for the venue's answer to the last order")
        if self._not_live:
            return self.tr("Not live: {reason}").format(reason=self._not_live)
        if self._spec is None:
            return self.field_error("symbol") or self.tr("Choose a symbol")
        kind = self.order_type()
        for name, needed, title, empty in (
            ("price", kind in PRICED, self.tr("Price"), self.tr("Enter a price")),
            ("stop", kind in STOPPED, self.tr("Stop"), self.tr("Enter a stop price")),
            ("quantity", True, self.tr("Quantity"), self.tr("Enter a quantity")),
        ):
            if not needed:
                continue
            field = self._fields()[name]
            if field.value() is None:
                return empty
            if field.errorText():
                return f"{title}: {field.errorText()}"
        if self._broker and not self.account():
            return self.tr("Choose a portfolio")
        return self._funds_problem

    def set_busy(self, busy: bool) -> None:
        """While an order is in flight the ticket cannot send another one."""
        self._busy = busy
        self._update_submit()

    def is_busy(self) -> bool:
        return self._busy

    def show_outcome(self, level: str, text: str) -> None:
        """``level``: pending, info, warning or error (errors in red)."""
        self._outcome_level = level if text else ""
        self.outcome_label.setText(text)
        self.outcome_label.setToolTip(text)
        colour = OUTCOME_COLOURS.get(level, GREY)
        self.outcome_label.setStyleSheet(f"color: {colour};" if text else "")

    def outcome(self) -> tuple[str, str]:
        return self._outcome_level, self.outcome_label.text()

    def set_field_error(self, field: str, message: str) -> None:
        """A message under ``field`` (price, stop, quantity, symbol); other fields go to the outcome line."""
        if field == "symbol":
            self.symbol_error.setText(message)
            self.symbol_error.setVisible(bool(message))
        elif (target := self._fields().get(field)) is not None:
            target.setError(message)
            if message:
                target.input.setFocus()
        elif message:
            self.show_outcome("error", message)
        self._update_submit()

    def field_error(self, field: str) -> str:
        if field == "symbol":
            return self.symbol_error.text() if self.symbol_error.isVisibleTo(self) else ""
        return self._fields()[field].errorText()

    def set_confirm_source(self, source: Callable[[], bool]) -> None:
        """Where "ask before sending" is read, each time (the choice is shared by every ticket)."""
        self._confirm_source = source

    def confirms(self) -> bool:
        return self._confirm_source()

    # --- user commands ----------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the entries; send (after the confirmation, when on) only if every one passes."""
        if self._busy or (self.confirm_dialog is not None and self.confirm_dialog.isVisible()):
            return
        values = self._collect()
        if values is None or self.blocker():
            return
        if self.confirms():
            self._ask(values)
        else:
            self.submitRequested.emit(values)

    def clear(self) -> None:
        """Empty the price, stop and quantity entries and their messages (Esc)."""
        for field in self._fields().values():
            field.setValue(None)
            field.setError("")
        self.set_field_error("symbol", "")
        if not self._busy:
            self.show_outcome("", "")

    def describe(self, values: TicketValues) -> str:
        """The order in words, for the confirmation."""
        spec = self._spec
        assert spec is not None
        units = spec.base if not self._broker else self.tr("shares")
        lines = [
            self.tr("{action} {quantity} {units} of {symbol}").format(
                action=_tr(ACTION_TITLES[values.action]),
                quantity=f"{values.quantity:f}",
                units=units,
                symbol=spec.symbol,
            )
        ]
        kind = _tr(TYPE_TITLES[values.order_type])
        if values.order_type == "market":
            lines.append(self.tr("{kind}, at the best price available").format(kind=kind))
        elif values.order_type == "limit":
            lines.append(
                self.tr("{kind} at {price} {quote}").format(kind=kind, price=values.price, quote=spec.quote)
            )
        elif values.order_type == "stop":
            lines.append(
                self.tr("{kind}: market order when the price reaches {stop} {quote}").format(
                    kind=kind, stop=values.stop, quote=spec.quote
                )
            )
        else:
            lines.append(
                self.tr("{kind}: limit {price} when the price reaches {stop} {quote}").format(
                    kind=kind, price=values.price, stop=values.stop, quote=spec.quote
                )
            )
        where = self.market_combo.currentText()
        if self._broker:
            where = f"{where} \u00b7 {values.account} \u00b7 {_tr(VALIDITY_TITLES[values.time_in_force])}"
        lines.append(where)
        if self.notional_label.text():
            lines.append(self.tr("Notional: {notional}").format(notional=self.notional_label.text()))
        return "\n".join(lines)

    # --- keys -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        TicketShortcuts.attach(self)

    _KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_F2, Qt.Key.Key_F3)

    def event(self, event: QEvent) -> bool:
        # F2/F3 are window shortcuts too: inside the ticket they belong to this ticket
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_F2, Qt.Key.Key_F3)
            and not event.modifiers()
        ):
            event.accept()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:  # "Buy BTC-USDT" is made here, not a catalogue text
            self._update_submit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or key not in self._KEYS:
            super().keyPressEvent(event)
            return
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.symbol_combo.isAncestorOf(self.focusWidget()):
            self._next_entry().setFocus()  # Enter in the symbol takes it; orders are sent from the entries
        elif enter:
            self.submit()
        elif key == Qt.Key.Key_Escape:
            self.clear()
        else:
            self.choose_side("buy" if key == Qt.Key.Key_F2 else "sell")
        event.accept()

    def choose_side(self, action: str) -> None:
        """F2/F3: take the side and go to the quantity."""
        self.set_side(action)
        self.quantity.input.setFocus()
        self.quantity.input.selectAll()

    # --- internals --------------------------------------------------------------------------------

    def _next_entry(self) -> QWidget:
        return self.price.input if self.price.isEnabled() else self.quantity.input

    def _actions(self) -> tuple[str, ...]:
        return ACTIONS if self._broker else ACTIONS[:2]

    def _fields(self) -> dict[str, DecimalField]:
        return {"price": self.price, "stop": self.stop, "quantity": self.quantity}

    def _lot(self) -> Decimal:
        return self._spec.lot_size if self._spec is not None else Decimal(1)

    def _in_lots(self) -> bool:
        return self._broker and self.unit_combo.currentData() == "lots"

    @staticmethod
    def _put(field: DecimalField, value: Decimal | None, step: Decimal | None) -> None:
        """Show ``value`` with the step's decimals; never rounded (off the grid, the field says so)."""
        field.setError("")
        if value is None or step is None:
            field.setValue(None)
            return
        shown = value.quantize(Decimal(1).scaleb(-decimals_of(step)))
        field.input.setText(localized(f"{shown if shown == value else value.normalize():f}"))

    def _apply_mode(self) -> None:
        broker = self._broker
        for action in ("short", "cover"):
            self.side_buttons[action].setVisible(broker)
        if self.side() not in self._actions():
            self.side_buttons["buy"].setChecked(True)
        kinds = BROKER_TYPES if broker else CRYPTO_TYPES
        current = self.order_type()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        for kind in kinds:
            self.type_combo.addItem(_tr(TYPE_TITLES[kind]), kind)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(current)))
        self.type_combo.blockSignals(False)
        self.validity_combo.setVisible(broker)
        self.form.setRowVisible(self.account_combo, broker)
        self.form.setRowVisible(self.stop_row, broker)
        self.form.setRowVisible(self.lot_label, broker)
        self.form.setRowVisible(self.percent_row, not broker)
        self.unit_combo.setVisible(broker)
        self.quantity_unit.setVisible(not broker)
        spec = self._spec
        if spec is not None:
            for field in (self.price, self.stop):
                field.input.setDecimals(decimals_of(spec.price_step))
                field.input.setStep(spec.price_step)
                field.input.setRange(spec.price_step, None)
            self.price_unit.setText(spec.quote)
            self.stop_unit.setText(spec.quote)
            self.quantity_unit.setText(spec.base)
            lot = f"{spec.lot_size.normalize():f}"
            self.lot_label.setText(self.tr("1 lot = {lot} shares").format(lot=lot))
        self._configure_quantity()
        self._on_type_changed()

    def _configure_quantity(self) -> None:
        spec = self._spec
        if spec is None:
            return
        field = self.quantity.input
        if self._in_lots():
            lot = spec.lot_size
            field.setDecimals(0)
            field.setStep(Decimal(1))
            top = None if spec.max_qty is None else on_grid(spec.max_qty / lot, Decimal(1))
            field.setRange(on_grid(spec.min_qty / lot, Decimal(1), ROUND_CEILING), top)
        else:
            field.setDecimals(decimals_of(spec.qty_step))
            field.setStep(spec.qty_step)
            field.setRange(spec.min_qty, spec.max_qty)

    def _on_units_changed(self, _index: int) -> None:
        shares = self.quantity.value()  # typed in the previous unit
        if shares is not None and not self._in_lots():
            shares *= self._lot()
        self._configure_quantity()
        self.set_quantity(shares)
        self.inputsChanged.emit()

    def _on_type_changed(self, _index: int = 0) -> None:
        kind = self.order_type()
        self.price.setEnabled(kind in PRICED)
        self.price.input.setPlaceholderText("" if kind in PRICED else self.tr("at market"))
        self.stop.setEnabled(kind in STOPPED)
        for name, needed in (("price", kind in PRICED), ("stop", kind in STOPPED)):
            if not needed:  # a greyed price would read as the price the order goes at: none is shown
                self._fields()[name].setError("")
                self._fields()[name].setValue(None)
        self.inputsChanged.emit()

    def _on_side_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._paint_sides()
            self.inputsChanged.emit()

    def _paint_sides(self) -> None:
        """The chosen side in its colour (buy green, sell red), the others plain; the submit button too."""
        for action, button in self.side_buttons.items():
            button.setProperty("role", ("buy" if action in BUYING else "sell") if button.isChecked() else "")
            _repolish(button)
        self._update_submit()

    def _update_submit(self) -> None:
        action = self.side()
        symbol = self._spec.symbol if self._spec is not None else ""
        if self._busy:
            self.submit_button.setText(self.tr("Sending\u2026"))
        else:
            self.submit_button.setText(f"{_tr(ACTION_TITLES[action])} {symbol}".strip())
        reason = self.blocker()
        self.submit_button.setEnabled(not reason)
        grey_out(self.submit_button, bool(reason))  # the side's colour alone would look clickable
        self.reason_label.setText(reason)
        self.submit_button.setToolTip(reason or self.tr("Send the order (Enter)"))
        role = "buy" if action in BUYING else "sell"
        if self.submit_button.property("role") != role:
            self.submit_button.setProperty("role", role)
            _repolish(self.submit_button)

    def _symbol_entered(self) -> None:
        text = self.symbol_combo.currentText().strip()
        if text and (self._spec is None or text != self._spec.symbol):
            self.symbolChosen.emit(text)

    def _show_confirm_choice(self) -> None:
        self.confirm_action.blockSignals(True)
        self.confirm_action.setChecked(self.confirms())
        self.confirm_action.blockSignals(False)

    def _collect(self) -> TicketValues | None:
        """The entries as values, or None after showing what is missing or wrong under each field."""
        if self._spec is None:
            self.set_field_error("symbol", self.tr("Choose a symbol"))
            return None
        kind = self.order_type()
        required = (
            ("price", kind in PRICED, self.tr("Enter a price")),
            ("stop", kind in STOPPED, self.tr("Enter a stop price")),
            ("quantity", True, self.tr("Enter a quantity")),
        )
        first_bad: DecimalField | None = None
        for name, needed, empty in required:
            field = self._fields()[name]
            if not needed:
                continue
            if field.value() is None:
                field.setError(empty)
            if field.errorText() and first_bad is None:
                first_bad = field
        if first_bad is not None:
            first_bad.input.setFocus()
            return None
        if self._broker and not self.account():
            self.show_outcome("error", self.tr("Choose a portfolio"))
            return None
        quantity = self.quantity_value()
        assert quantity is not None
        return TicketValues(
            action=self.side(),
            order_type=kind,
            quantity=quantity,
            price=self.price.value() if kind in PRICED else None,
            stop=self.stop.value() if kind in STOPPED else None,
            time_in_force=self.validity_combo.currentData() if self._broker else "gtc",
            account=self.account(),
        )

    def _ask(self, values: TicketValues) -> None:
        dialog = OrderConfirmDialog(
            self.tr("Confirm order"),
            self.describe(values),
            self.tr("Send"),
            self,
            role="buy" if values.action in BUYING else "sell",
        )
        dialog.accepted.connect(lambda: self._confirmed(dialog, values))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.confirm_dialog = dialog
        dialog.open()

    def _confirmed(self, dialog: OrderConfirmDialog, values: TicketValues) -> None:
        if dialog.dont_ask_again():
            self.confirmChanged.emit(False)
        if not self._busy:
            self.submitRequested.emit(values)

    def _dialog_closed(self, dialog: OrderConfirmDialog) -> None:
        if self.confirm_dialog is dialog:
            self.confirm_dialog = None
        dialog.deleteLater()
