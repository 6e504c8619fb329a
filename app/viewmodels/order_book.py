"""Order book (DOM ladder) view-model: the book of one instrument, the user's orders on it, clicks to trade.

Depth comes from the session's ``order_books(instrument, depth)``: pushed where the venue pushes its book
(``capabilities.order_book`` is PUSHED: CHP subscribes once, ListenBidAsks, and cancels when the panel lets
go), polled snapshots where it only polls, absent (said in the panel) where it has none. The stream runs only
while the panel is shown and the venue is logged in; books arriving faster than the screen refreshes are
coalesced (the latest wins, once per frame). One-click is offered where the venue's rules allow it.

Clicks: with one-click trading off (the default) a click in the bid/ask column asks the order tickets of the
panel's link colour to take the side and price (``LinkHub.prefill``); a click on the price column sends the
price only. With one-click on, the bid/ask click places a limit order at once through ``OrderEntry.submit``
with the quantity of the panel's box, and a click on one of the user's order markers cancels those orders
(off: it selects them; Delete cancels the selection).

Panel settings: ``link`` (colour or null), ``instrument`` ({venue, market, symbol}), ``one_click`` (bool),
``quantities`` ({"venue:market:symbol": "0.01"}: the last good quantity per instrument).
"""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal, InvalidOperation

from pydantic import Field
from PySide6.QtCore import QCoreApplication

from app.service_texts import error_text, message_text, rejected_text
from app.trading.bridge import QtTrading
from app.trading.frames import FrameCoalescer
from app.viewmodels.base import InstrumentRef, LinkedSettings, PanelViewModel
from app.viewmodels.liveness import not_live_reason
from app.workspace import PanelContext
from services.domain import InstrumentId, OrderBook, OrderRequest, OrderType, Side
from services.errors import RejectedInput, TransportError
from services.protocols import BookSource, VenueSession
from services.retry import Backoff, follow_stream
from services.tasks import spawn
from services.trading.links import LINK_COLOURS, instrument_key
from services.trading.order_entry import new_client_id
from widgets.panels.order_book import OrderBookPanel
from widgets.panels.order_book_ladder import LadderOrder

log = logging.getLogger("tessera.order_book")

BOOK_DEPTH = 20
RETRY_MIN, RETRY_MAX = 0.5, 10.0  # s: back-off after a failed poll


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderBook", text)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _decimals(values: list[Decimal]) -> int:
    return max((_places(value) for value in values), default=2)


def _quantity(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except InvalidOperation:
        return None


class OrderBookSettings(LinkedSettings):
    one_click: bool = False
    quantities: dict[str, str] = Field(default_factory=dict)  # "venue:market:symbol" -> the last good one


class OrderBookViewModel(PanelViewModel[OrderBookSettings]):
    Settings = OrderBookSettings
    panel: OrderBookPanel

    def __init__(
        self,
        context: PanelContext,
        panel: OrderBookPanel,
        *,
        core: QtTrading | None = None,
        embedded: bool = False,
        link_colour: str | None = None,
        instrument: InstrumentId | None = None,
    ) -> None:
        """``embedded``: the book of a layout slot, which follows the slot's ``link_colour`` and starts on
        the slot's ``instrument`` instead of the saved ones."""
        super().__init__(context, panel, core=core)
        if embedded:
            self.settings.link = link_colour
        else:
            instrument = None if self.settings.instrument is None else self.settings.instrument.id()
        self._instrument: InstrumentId | None = None
        self._visible = False
        self._task: asyncio.Task[None] | None = None
        self._streaming: InstrumentId | None = None
        self._latest: OrderBook | None = None
        self._formatted = False  # the panel knows the instrument's decimals
        self._frames = FrameCoalescer(lambda _keys: self._show_book(), self)
        self._sent: set[str] = set()  # client ids of the orders this panel placed

        panel.set_link_colour(self.link_colour)
        panel.set_one_click(self.settings.one_click)
        panel.linkColourChanged.connect(self._on_colour_chosen)
        panel.instrumentPicked.connect(self._on_instrument_picked)
        panel.oneClickToggled.connect(self._on_one_click)
        panel.quantityEdited.connect(self._on_quantity_edited)
        panel.visibilityChanged.connect(self._on_visibility)
        ladder = panel.ladder
        ladder.buyClicked.connect(lambda price: self._on_side_clicked(Side.BUY, price))
        ladder.sellClicked.connect(lambda price: self._on_side_clicked(Side.SELL, price))
        ladder.priceClicked.connect(self._on_price_clicked)
        ladder.ordersClicked.connect(self._on_orders_clicked)
        ladder.cancelRequested.connect(self._cancel)
        self.core.ordersChanged.connect(self._show_orders)
        self.core.orderOutcome.connect(self._on_outcome)
        self._show_instruments()
        self.set_instrument(instrument or self.core.links.current(self.link_colour))

    # --- public
    @property
    def instrument(self) -> InstrumentId | None:
        return self._instrument

    @property
    def one_click(self) -> bool:
        return self.panel.is_one_click()

    def set_instrument(self, instrument: InstrumentId | None) -> None:
        if instrument == self._instrument and instrument is not None:
            return
        self._instrument = instrument
        self._latest = None
        if instrument is None:
            self.panel.set_instrument(None, None)
        else:
            self.panel.set_instrument(instrument.market, instrument.symbol)
            self.settings.instrument = InstrumentRef.of(instrument)
            self.save_settings()
        self._apply_format()
        self._show_orders()
        self._update_stream()

    # --- the book stream
    def _stop_stream(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._streaming = None

    def _update_stream(self) -> None:
        instrument = self._instrument
        session = None if instrument is None else self.core.sessions.get(instrument.venue)
        wanted = instrument if self._visible and session is not None and session.connected else None
        reason = "" if instrument is None else not_live_reason(self.core, instrument.venue)
        if wanted is None:
            self.panel.set_live(False, reason)
        if wanted == self._streaming:
            return
        self._stop_stream()
        self.panel.set_live(False, reason)  # until the first book of the new stream
        if instrument is not None and wanted is None and self._visible:
            self.panel.set_state_text(tr("Not connected to {venue}").format(venue=instrument.venue))
        if wanted is None:
            return
        assert session is not None  # wanted is set only for a logged-in session
        if session.capabilities.order_book is BookSource.NONE:
            self.panel.set_state_text(tr("No order book for {instrument}").format(instrument=wanted))
            return
        self._streaming = wanted
        self._task = self.spawn(self._follow(wanted, session), f"order book {wanted}")

    async def _follow(self, instrument: InstrumentId, session: VenueSession) -> None:
        def failed(exc: Exception, _delay: float) -> None:
            if isinstance(exc, TransportError):
                message = tr("No data ({error}); retrying\u2026").format(error=message_text(exc))
            else:
                message = tr("The book is not available: {error}").format(error=error_text(exc))
            log.warning("order book of %s: %s", instrument, message)
            self.panel.set_live(False, message)
            self.panel.set_state_text(message)

        def show(book: OrderBook) -> None:
            self._latest = book
            self._frames.mark([instrument])

        await follow_stream(
            lambda: session.order_books(instrument, BOOK_DEPTH),
            show,
            backoff=Backoff(first=RETRY_MIN, longest=RETRY_MAX),
            on_error=failed,
        )

    def _show_book(self) -> None:
        book = self._latest
        if book is None or book.instrument != self._instrument or self._streaming != book.instrument:
            return
        self.panel.set_live(True)
        if not self._formatted:  # an instrument the sessions do not describe: decimals from its prices
            prices = [level.price for level in (*book.bids, *book.asks)]
            sizes = [level.size for level in (*book.bids, *book.asks)]
            self.panel.ladder.set_format(_decimals(prices), _decimals(sizes), None)
        self.panel.set_book(
            [(level.price, level.size) for level in book.bids],
            [(level.price, level.size) for level in book.asks],
        )

    # --- the user's orders
    def _show_orders(self, _keys: object = None) -> None:
        instrument = self._instrument
        self.panel.set_orders(
            []
            if instrument is None
            else [
                LadderOrder(key, order.side.value, order.price, order.remaining)
                for key, order in self.core.orders.orders(active=True)
                if order.instrument == instrument and order.price is not None
            ]
        )

    # --- clicks
    def _on_side_clicked(self, side: Side, price: Decimal) -> None:
        instrument = self._instrument
        if instrument is None:
            return
        session = self.core.sessions.get(instrument.venue)
        if not self.one_click or (session is not None and not session.rules.one_click):
            self._prefill(instrument, side, price)
            return
        problem = self.panel.quantity_problem()
        quantity = self.panel.quantity()
        if problem or quantity is None:
            self.panel.show_quantity_error(problem)
            return
        # the order outlives the panel: the core's task, not the panel's
        spawn(self._place(instrument, side, price, quantity), name="one-click order")

    def _on_price_clicked(self, price: Decimal) -> None:
        if self._instrument is not None:
            self._prefill(self._instrument, None, price)

    def _prefill(self, instrument: InstrumentId, side: Side | None, price: Decimal) -> None:
        colour = self.link_colour
        if colour is None:
            self.panel.show_message(
                tr("Link the panel to a colour to send the price to an order ticket"), "warning"
            )
            return
        self.core.links.prefill(colour, instrument, side, price)

    def _on_orders_clicked(self, keys: list[str]) -> None:
        if self.one_click:
            self._cancel(keys)
        else:
            self.panel.ladder.select_orders(keys)

    async def _place(self, instrument: InstrumentId, side: Side, price: Decimal, quantity: Decimal) -> None:
        request = OrderRequest(
            instrument=instrument,
            side=side,
            type=OrderType.LIMIT,
            quantity=quantity,
            client_id=new_client_id(),
            price=price,
        )
        self._sent.add(request.client_id)
        try:
            await self.core.order_entry.submit(request)
        except RejectedInput as exc:
            if exc.field == "quantity":
                self.panel.show_quantity_error(rejected_text(exc))
            else:
                self.panel.show_message(rejected_text(exc), "error")

    def _cancel(self, keys: list[str]) -> None:
        orders = [order for key in keys if (order := self.core.orders.get(key)) is not None]
        for order in orders:
            if order.order_id and order.status.is_active:
                spawn(self.core.order_entry.cancel(order), name=f"cancel {order.order_id}")

    def _on_outcome(self, client_id: str, level: str, message: str) -> None:
        if client_id in self._sent:
            self.panel.show_message(message, level)

    # --- panel and session events
    def _on_colour_chosen(self, colour: str | None) -> None:
        self.settings.link = colour
        self.save_settings()
        followed = self.core.links.current(colour)
        if followed is not None:
            self.set_instrument(followed)
        elif self._instrument is not None:
            self.core.links.publish(colour, self._instrument)

    def on_linked_instrument(self, instrument: InstrumentId) -> None:
        self.set_instrument(instrument)

    def _on_instrument_picked(self, market: str, symbol: str) -> None:
        chosen = next((i for i in self.core.instruments() if (i.market, i.symbol) == (market, symbol)), None)
        if chosen is None:
            return
        self.set_instrument(chosen)
        self.core.links.publish(self.link_colour, chosen)

    def _on_one_click(self, on: bool) -> None:
        self.settings.one_click = on
        self.save_settings()
        if on:
            self.panel.show_message(
                tr("One-click trading is on: a click in Bid/Ask sends an order."), "warning"
            )

    def _on_quantity_edited(self, quantity: Decimal | None) -> None:
        if self._instrument is None or quantity is None or self.panel.quantity_problem():
            return
        self.settings.quantities = {
            **self.settings.quantities,
            instrument_key(self._instrument): f"{quantity:f}",
        }
        self.save_settings()

    def _on_visibility(self, visible: bool) -> None:
        self._visible = visible
        self._update_stream()

    def on_session_changed(self, venue: str) -> None:
        self._show_instruments()
        self._apply_format()
        self._update_stream()

    def _show_instruments(self) -> None:
        self.panel.set_instruments((i.market, i.symbol) for i in self.core.instruments())

    def _apply_format(self) -> None:
        """Decimals, tick and quantity limits of the instrument, and the quantity to start with."""
        instrument = self._instrument
        info = None if instrument is None else self.core.instruments().get(instrument)
        self._formatted = info is not None
        if instrument is None or info is None:
            return
        self.panel.set_format(
            info.price_decimals, info.qty_decimals, info.price_step, info.qty_step, info.min_qty, info.max_qty
        )
        saved = _quantity(self.settings.quantities.get(instrument_key(instrument)))
        self.panel.set_quantity(info.min_qty if saved is None else saved)


def create_order_book_panel(context: PanelContext) -> OrderBookPanel:
    """The registered "Order book" panel: its link colour and symbol are remembered in the profile."""
    panel = OrderBookPanel(LINK_COLOURS)
    OrderBookViewModel(context, panel)
    return panel


def create_embedded_order_book(
    context: PanelContext, *, link_colour: str | None, instrument: InstrumentId | None
) -> OrderBookPanel:
    """The order book of a layout slot (``context``: over the slot's book settings): the slot's header shows
    the link colour and symbol, so the book's own are hidden."""
    panel = OrderBookPanel(LINK_COLOURS, embedded=True)
    OrderBookViewModel(context, panel, embedded=True, link_colour=link_colour, instrument=instrument)
    return panel
