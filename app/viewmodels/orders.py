"""The Orders panel's view-model: the OrderStore's active orders, cancel / cancel all / modify through
OrderEntry, and the venues' order history.

Active: every order the store has whose status is active, plus those sent but not answered (UNKNOWN); rows
change as the store reports (once per frame). Changes in place follow the venue's rules before anything is
sent: coin-weight changes only limit orders with nothing filled yet; the venue's refusal is shown and the row
keeps the order's own values. "Cancel all" uses the adapter's ``cancel_all(counterparties)`` where there is
one (always with the chosen counterparties: coin-weight cancels EVERYTHING for an empty list), otherwise
cancels the venue's active orders one by one. History pages through
``adapter.order_history(start, end, page, page_size)`` (the page size the user chose): page 0 on Load, the
next page each time the user scrolls to the end of the list. Work sent to the venue ends with the panel.

Confirmations follow ``profile.confirm_orders`` (``modify`` on, ``cancel`` off by default); "Don't ask again"
turns the kind off there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from app.market_data import instrument_of
from app.profiles import Profile
from app.service_texts import error_text, rejected_text
from app.trading.bridge import QtTrading, status_text
from app.venues import VENUE_NAMES
from app.viewmodels.base import PanelSettings, PanelViewModel
from app.workspace import PanelContext
from services.domain import Order, OrderStatus, OrderType
from services.errors import RejectedInput, TransportError, VenueError
from widgets.common.numbers import localized
from widgets.common.plural import plural
from widgets.panels.orders import OrdersPanel
from widgets.panels.orders_table import OrderRow

CRYPTO_VENUE = "coinweight"
STATES = {
    OrderStatus.PENDING: "pending",
    OrderStatus.UNKNOWN: "pending",
    OrderStatus.NEW: "working",
    OrderStatus.PARTIALLY_FILLED: "partial",
    OrderStatus.FILLED: "filled",
    OrderStatus.CANCELING: "canceled",
    OrderStatus.CANCELED: "canceled",
    OrderStatus.PARTIALLY_CANCELED: "canceled",
    OrderStatus.EXPIRED: "canceled",
    OrderStatus.REJECTED: "rejected",
}


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A translated text of the Orders panel; with ``n``, its plural form (lupdate reads ``tr(..., "", n)``
    as a plural message, which ``QCoreApplication.translate(..., n)`` it does not)."""
    return QCoreApplication.translate("Orders", text, disambiguation, n)


def shows_as_active(order: Order) -> bool:
    return order.status.is_active or order.status is OrderStatus.UNKNOWN


NOTHING: frozenset[str] = frozenset()
PRICE_AND_QUANTITY, STOP, PRICE = frozenset({"price", "quantity"}), frozenset({"stop"}), frozenset({"price"})


def editable_columns(order: Order) -> frozenset[str]:
    """What may be changed in place (whether the venue takes it is checked when the user commits)."""
    if not order.order_id or order.status not in (OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED):
        return NOTHING
    if order.instrument.venue == CRYPTO_VENUE:
        return PRICE_AND_QUANTITY if order.type is OrderType.LIMIT else NOTHING
    if order.type is OrderType.STOP:
        return STOP
    return PRICE if order.type.has_price else NOTHING


def modify_refusal(order: Order | None) -> str:
    """Why ``order`` cannot be changed now ("" when it can be sent)."""
    if order is None or not order.status.is_active:
        return tr("The order is no longer active")
    if not order.order_id:
        return tr("The order is still being sent: wait for the venue's answer")
    unfilled = not order.filled_quantity and order.status is OrderStatus.NEW
    if order.instrument.venue == CRYPTO_VENUE and not unfilled:
        return tr("coin-weight changes only orders with nothing filled yet: cancel it and place a new one")
    return ""


def describe(order: Order) -> str:
    side = QCoreApplication.translate("OrderEntry", order.side.value.upper())  # marked in trading/bridge.py
    return f"{side} {localized(f'{order.quantity:f}')} {order.instrument}"


@contextlib.contextmanager
def outcomes_of(core: QtTrading, client_id: str) -> Iterator[list[str]]:
    """The messages order entry gives about ``client_id`` while the block runs (translated)."""
    said: list[str] = []

    def collect(about: str, _level: str, message: str) -> None:
        if about == client_id:
            said.append(message)

    core.orderOutcome.connect(collect)
    try:
        yield said
    finally:
        core.orderOutcome.disconnect(collect)


class OrdersViewModel(PanelViewModel[PanelSettings]):
    """Active orders, their cancel and change, cancel all, and the history (see the module docstring)."""

    panel: OrdersPanel

    def __init__(self, context: PanelContext, panel: OrdersPanel, *, core: QtTrading | None = None) -> None:
        super().__init__(context, panel, core=core)
        self.profile: Profile = context.app.profile
        self._history_request = 0
        self._status_texts: dict[OrderStatus, str] = {}
        self._status_locale = ""
        panel.cancelRequested.connect(self._on_cancel)
        panel.editRequested.connect(self._on_edit)
        panel.cancelAllClicked.connect(self._on_cancel_all_clicked)
        panel.cancelAllConfirmed.connect(self._on_cancel_all_confirmed)
        panel.historyRequested.connect(self._on_history)
        self.core.ordersChanged.connect(self._on_orders_changed)
        panel.active.upsert(
            self.row(key, order) for key, order in self.core.orders.orders() if shows_as_active(order)
        )
        self._refresh_venues()

    def row(self, key: str, order: Order) -> OrderRow:
        instrument = instrument_of(self.core, order.instrument)
        venue = order.instrument.venue
        return OrderRow(
            key=key,
            order_id=order.order_id,
            time=order.created or order.updated,
            venue=VENUE_NAMES.get(venue, venue),
            account=order.instrument.market if venue == CRYPTO_VENUE else order.account,
            instrument=order.instrument.symbol,
            side=(order.action or order.side).value,
            type=order.type.value,
            quantity=order.quantity,
            filled=order.filled_quantity,
            status=self._status_text(order.status),
            state=STATES[order.status],
            price=order.price,
            stop=order.stop_price,
            average=order.average_fill_price,
            price_step=None if instrument is None else instrument.price_step,
            qty_step=None if instrument is None else instrument.qty_step,
            editable=editable_columns(order),
            message=order.message,
        )

    def _status_text(self, status: OrderStatus) -> str:
        """Translated once per status and language: 100,000 rows ask for it."""
        locale = QLocale().name()  # set with the language (app/i18n.py), also on a live switch
        if locale != self._status_locale:
            self._status_texts.clear()
            self._status_locale = locale
        text = self._status_texts.get(status)
        if text is None:
            text = self._status_texts[status] = status_text(status)
        return text

    # --- active -----------------------------------------------------------------------------------

    def _on_orders_changed(self, keys: list[str]) -> None:
        rows, gone = [], []
        for key in keys:
            order = self.core.orders.get(key)
            if order is not None and shows_as_active(order):
                rows.append(self.row(key, order))
            else:
                gone.append(key)
        self.panel.active.remove(gone)
        self.panel.active.upsert(rows)

    def _confirm(self, kind: str, title: str, text: str, accept: str, go: Callable[[], object]) -> None:
        """Run ``go`` after the user's yes (when ``confirm_orders[kind]``), else at once."""
        if not self.profile.confirm_orders.get(kind, True):
            go()
            return

        def accepted(dont_ask_again: bool) -> None:
            if dont_ask_again:
                self.profile.confirm_orders[kind] = False
                self.save_settings()  # has the profile saved
            go()

        self.panel.ask(title, text, accept, accepted)

    def _on_cancel(self, keys: list[str]) -> None:
        orders = [order for key in keys if (order := self.core.orders.get(key)) is not None]
        sendable = [order for order in orders if order.order_id and order.status.is_active]
        if not sendable:
            self.panel.show_message("warning", tr("Nothing to cancel: wait for the venue's answer first"))
            return
        text = "\n".join(describe(order) for order in sendable)
        self._confirm(
            "cancel",
            tr("Cancel orders"),
            tr("Cancel these orders?\n{orders}").format(orders=text),
            tr("Cancel orders"),
            lambda: self.spawn(self._cancel(sendable), "cancel orders"),
        )

    async def _cancel(self, orders: list[Order]) -> None:
        self.panel.show_message("pending", tr("Canceling\u2026"))
        done, refused = 0, []
        for order in orders:
            with outcomes_of(self.core, order.client_id) as said:
                if await self.core.order_entry.cancel(order):
                    done += 1
                else:
                    refused.append(said[-1] if said else tr("Cancel failed"))
        if refused:
            self.panel.show_message("error", "; ".join(refused))
        else:
            text = plural(
                tr("The venue took the cancel of %n order(s)", "", done),
                done,
            )
            self.panel.show_message("info", text)

    def _on_edit(self, key: str, column: str, value: Decimal) -> None:
        order = self.core.orders.get(key)
        refusal = modify_refusal(order)
        if refusal or order is None:
            self.panel.show_message("error", refusal)
            return
        old = {"price": order.price, "stop": order.stop_price, "quantity": order.quantity}[column]
        names = {"price": tr("price"), "stop": tr("stop price"), "quantity": tr("quantity")}
        text = tr("Change the {what} of {order} from {old} to {new}?").format(
            what=names[column], order=describe(order), old=old, new=value
        )

        def go() -> None:
            self.panel.set_pending_edit(key, column, value)
            self.spawn(self._modify(key, order, column, value), "modify order")

        self._confirm("modify", tr("Change order"), text, tr("Change"), go)

    async def _modify(self, key: str, order: Order, column: str, value: Decimal) -> None:
        self.panel.show_message("pending", tr("Changing\u2026"))
        price, quantity = (None, value) if column == "quantity" else (value, None)
        try:
            with outcomes_of(self.core, order.client_id) as said:
                changed = await self.core.order_entry.modify(order, price=price, quantity=quantity)
        except RejectedInput as exc:
            changed, said = None, [rejected_text(exc)]
        self.panel.set_pending_edit(key, column, None)
        if changed is None:
            reason = said[-1] if said else tr("the venue did not answer")
            self.panel.show_message("error", tr("Not changed: {reason}").format(reason=reason))
        else:
            self.panel.show_message("info", tr("Changed: {order}").format(order=said[-1] if said else ""))

    # --- cancel all -------------------------------------------------------------------------------

    def _on_cancel_all_clicked(self) -> None:
        active = [order for _key, order in self.core.orders.orders(active=True)]
        options: list[tuple[str, str, int]] = []
        for venue in sorted(self.core.trading_venues()):
            mine = [order for order in active if order.instrument.venue == venue]
            session = self.core.sessions[venue]
            if session.rules.cancel_all:
                markets = {i.market for i in session.instruments}
                markets |= {order.instrument.market for order in mine}
                for market in sorted(markets):
                    count = sum(order.instrument.market == market for order in mine)
                    options.append((f"{venue}|{market}", market, count))
            else:
                options.append((f"{venue}|", VENUE_NAMES.get(venue, venue), len(mine)))
        if not options:
            self.panel.show_message("warning", tr("Not connected to any venue"))
            return
        self.panel.open_cancel_all(options)

    def _on_cancel_all_confirmed(self, keys: list[str]) -> None:
        chosen: dict[str, list[str]] = {}
        for key in keys:
            venue, _, market = key.partition("|")
            chosen.setdefault(venue, [])
            if market:
                chosen[venue].append(market)
        if chosen:
            self.spawn(self._cancel_all(chosen), "cancel all")

    async def _cancel_all(self, chosen: dict[str, list[str]]) -> None:
        self.panel.show_message("pending", tr("Canceling\u2026"))
        said, failed = [], False
        for venue, markets in chosen.items():
            adapter = self.core.trading_venues().get(venue)
            title = VENUE_NAMES.get(venue, venue)
            try:
                if adapter is None:
                    raise TransportError(venue, tr("not connected"))
                if markets:  # never an empty list: that cancels every counterparty
                    canceled = await adapter.cancel_all(markets)
                    said.append(
                        tr("{venue}: canceling all on {markets}").format(
                            venue=title, markets=", ".join(canceled or markets)
                        )
                    )
                else:
                    orders = [o for _k, o in self.core.orders.orders(active=True, venue=venue) if o.order_id]
                    done = [await self.core.order_entry.cancel(order) for order in orders]
                    failed |= not all(done)
                    taken = sum(done)
                    said.append(
                        plural(
                            tr("{venue}: %n cancel(s) taken", "", taken),
                            taken,
                        ).format(venue=title)
                    )
            except (VenueError, TransportError) as exc:
                failed = True
                said.append(error_text(exc))
        self.panel.show_message("error" if failed else "info", "; ".join(said))

    # --- history ----------------------------------------------------------------------------------

    def on_session_changed(self, venue: str) -> None:
        self._refresh_venues()  # the history lists the logged-in venues

    def _refresh_venues(self) -> None:
        venues = sorted(self.core.trading_venues())
        self.panel.set_history_venues([(venue, VENUE_NAMES.get(venue, venue)) for venue in venues])

    def _on_history(self, venue: str, start: int, end: int, page: int, page_size: int) -> None:
        if venue not in self.core.trading_venues():
            title = VENUE_NAMES.get(venue, venue)
            self.panel.set_history_error(tr("Not connected to {venue}").format(venue=title))
            return
        self._history_request += 1
        self.panel.set_history_loading(True)
        span = (datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC))
        self.spawn(self._load_history(self._history_request, venue, span, page, page_size), "order history")

    async def _load_history(
        self, request: int, venue: str, span: tuple[datetime, datetime], page: int, size: int
    ) -> None:
        adapter = self.core.trading_venues()[venue]
        try:
            orders = await adapter.order_history(*span, page, size)
        except (VenueError, TransportError) as exc:
            if request == self._history_request:
                self.panel.set_history_loading(False)
                self.panel.set_history_error(error_text(exc))
            return
        if request != self._history_request:
            return  # the user asked for another page meanwhile
        self.panel.set_history_loading(False)
        rows = [self.row(f"{venue}:{order.order_id}", order) for order in orders]
        self.panel.set_history(rows, page, bool(orders) and len(orders) >= size)


def create_orders_panel(context: PanelContext) -> OrdersPanel:
    panel = OrdersPanel()
    OrdersViewModel(context, panel)
    return panel
