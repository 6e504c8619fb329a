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
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.trading.bridge import QtTrading
from app.trading.frames import FrameCoalescer
from app.trading.install import trading
from app.workspace import PanelContext
from services.domain import Instrument, InstrumentId, OrderBook, OrderRequest, OrderType, Side
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
DEFAULT_LINK = "red"

def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderBook", text)


def _decimals(values: list[Decimal]) -> int:
    return max((max(0, -value.normalize().as_tuple().exponent) for value in values), default=2)


def instrument_from_settings(value: Any) -> InstrumentId | None:
    if isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("venue", "market", "symbol")):
        return InstrumentId(value["venue"], value["market"], value["symbol"])
    return None


def instrument_to_settings(instrument: InstrumentId) -> dict[str, str]:
    return {"venue": instrument.venue, "market": instrument.market, "symbol": instrument.symbol}


def known_instruments(core: QtTrading) -> dict[InstrumentId, Instrument]:
    """Every instrument the sessions have loaded (what a symbol picker offers)."""
    return core.instruments()


class OrderBookViewModel(QObject):
    def __init__(
        self,
        core: QtTrading,
        panel: OrderBookPanel,
        settings: dict[str, Any],
        settings_changed: Callable[[], None],
        *,
        instrument: InstrumentId | None,
        link_colour: str | None,
    ) -> None:
        super().__init__(panel)
        self.core = core
        self.panel = panel
        self.settings = settings
        self._settings_changed = settings_changed
        self._colour = link_colour
        self._instrument: InstrumentId | None = None
        self._visible = False
        self._task: asyncio.Task[None] | None = None
        self._streaming: InstrumentId | None = None
        self._latest: OrderBook | None = None
        self._formatted = False  # the panel knows the instrument's decimals
        self._frames = FrameCoalescer(lambda _keys: self._show_book(), self)
        self._sent: set[str] = set()  # client ids of the orders this panel placed

        panel.set_link_colour(link_colour)
        panel.set_one_click(bool(settings.get("one_click", False)))
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
        core.instrumentLinked.connect(self._on_link)
        core.ordersChanged.connect(self._show_orders)
        core.orderOutcome.connect(self._on_outcome)
        core.sessionChanged.connect(self._on_session)
        self._show_instruments()
        self.set_instrument(instrument or core.links.current(link_colour))

    # --- public
    @property
    def instrument(self) -> InstrumentId | None:
        return self._instrument

    @property
    def link_colour(self) -> str | None:
        return self._colour

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
            self.settings["instrument"] = instrument_to_settings(instrument)
            self._settings_changed()
        self._apply_format()
        self._show_orders()
        self._update_stream()

    def stop(self) -> None:
        """Stop following the book (the panel is going away)."""
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._streaming = None

    # --- the book stream
    def _update_stream(self) -> None:
        instrument = self._instrument
        session = None if instrument is None else self.core.sessions.get(instrument.venue)
        wanted = instrument if self._visible and session is not None and session.connected else None
        if wanted == self._streaming:
            return
        self.stop()
        if instrument is not None and wanted is None and self._visible:
            self.panel.set_state_text(_tr("Not connected to {venue}").format(venue=instrument.venue))
        if wanted is None:
            return
        assert session is not None  # wanted is set only for a logged-in session
        if session.capabilities.order_book is BookSource.NONE:
            self.panel.set_state_text(_tr("No order book for {instrument}").format(instrument=wanted))
            return
        self._streaming = wanted
        self._task = spawn(self._follow(wanted, session), name=f"order book {wanted}")

    async def _follow(self, instrument: InstrumentId, session: VenueSession) -> None:
        def failed(exc: Exception, _delay: float) -> None:
            if isinstance(exc, TransportError):
                message = _tr("No data ({error}); retrying\u2026").format(error=exc.message)
            else:
                message = _tr("The book is not available: {error}").format(error=exc)
            log.warning("order book of %s: %s", instrument, message)
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
        if book is None or book.instrument != self._instrument:
            return
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
        spawn(self._place(instrument, side, price, quantity), name="one-click order")

    def _on_price_clicked(self, price: Decimal) -> None:
        if self._instrument is not None:
            self._prefill(self._instrument, None, price)

    def _prefill(self, instrument: InstrumentId, side: Side | None, price: Decimal) -> None:
        if self._colour is None:
            self.panel.show_message(
                _tr("Link the panel to a colour to send the price to an order ticket"), "warning"
            )
            return
        self.core.links.prefill(self._colour, instrument, side, price)

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
                self.panel.show_quantity_error(exc.message)
            else:
                self.panel.show_message(exc.message, "error")

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
        self._colour = colour
        self.settings["link"] = colour
        self._settings_changed()
        followed = self.core.links.current(colour)
        if followed is not None:
            self.set_instrument(followed)
        elif self._instrument is not None:
            self.core.links.publish(colour, self._instrument)

    def _on_link(self, colour: str, instrument: InstrumentId) -> None:
        if colour == self._colour:
            self.set_instrument(instrument)

    def _on_instrument_picked(self, market: str, symbol: str) -> None:
        chosen = next(
            (i for i in known_instruments(self.core) if (i.market, i.symbol) == (market, symbol)), None
        )
        if chosen is None:
            return
        self.set_instrument(chosen)
        self.core.links.publish(self._colour, chosen)

    def _on_one_click(self, on: bool) -> None:
        self.settings["one_click"] = on
        self._settings_changed()
        if on:
            self.panel.show_message(
                _tr("One-click trading is on: a click in Bid/Ask sends an order."), "warning"
            )

    def _on_quantity_edited(self, quantity: Decimal | None) -> None:
        if self._instrument is None or quantity is None or self.panel.quantity_problem():
            return
        self.settings.setdefault("quantities", {})[instrument_key(self._instrument)] = f"{quantity:f}"
        self._settings_changed()

    def _on_visibility(self, visible: bool) -> None:
        self._visible = visible
        self._update_stream()

    def _on_session(self) -> None:
        self._show_instruments()
        self._apply_format()
        self._update_stream()

    def _show_instruments(self) -> None:
        self.panel.set_instruments((i.market, i.symbol) for i in known_instruments(self.core))

    def _apply_format(self) -> None:
        """Decimals, tick and quantity limits of the instrument, and the quantity to start with."""
        instrument = self._instrument
        info = None if instrument is None else known_instruments(self.core).get(instrument)
        self._formatted = info is not None
        if instrument is None or info is None:
            return
        self.panel.set_format(
            info.price_decimals, info.qty_decimals, info.price_step, info.qty_step, info.min_qty, info.max_qty
        )
        saved = self.settings.get("quantities", {}).get(instrument_key(instrument))
        self.panel.set_quantity(Decimal(saved) if isinstance(saved, str) else info.min_qty)


def create_order_book(
    app_ctx: AppContext,
    *,
    instrument: InstrumentId | None = None,
    link_colour: str | None = None,
    settings: dict[str, Any] | None = None,
    settings_changed: Callable[[], None] | None = None,
    embedded: bool = False,
) -> QWidget:
    """An order book panel. ``settings`` (a dict the caller persists; ``settings_changed`` after a change)
    keeps the one-click switch and quantities; ``embedded`` hides the link colour and symbol (a slot shows
    them)."""
    panel = OrderBookPanel(LINK_COLOURS, embedded=embedded)
    OrderBookViewModel(
        trading(app_ctx),
        panel,
        {} if settings is None else settings,
        settings_changed or (lambda: None),
        instrument=instrument,
        link_colour=link_colour,
    )
    return panel


def create_order_book_panel(context: PanelContext) -> QWidget:
    """The registered "Order book" panel: its link colour and symbol are remembered in the profile."""
    settings = context.settings
    colour = settings.get("link", DEFAULT_LINK)
    return create_order_book(
        context.app,
        instrument=instrument_from_settings(settings.get("instrument")),
        link_colour=colour if colour in LINK_COLOURS else None,
        settings=settings,
        settings_changed=context.settings_changed,
    )
