"""The simple layout's "Quotes" panel: the exchange's 12 slots as quote tiles.

Each tile shows its slot's instrument (from ``VenueLayouts``) with live bid, ask, last and 24-hour change
(``subscribe_quotes`` while the panel is shown). Its symbol picker puts another instrument in the slot at the
exchange (optimistic, rolled back with a message when refused). A click on a tile sends its instrument to the
panel's link colour. Buy and Sell open a quick-order popover prefilled with the touch price (the ask to buy,
the bid to sell) and the instrument's minimum quantity; the limit order is sent through ``OrderEntry.submit``
only when the user confirms it there.

Panel settings: ``link`` (colour or null; default none, so browsing tiles changes no other panel).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from app.service_texts import rejected_text
from app.trading.bridge import QtTrading
from app.venue_layouts import VENUE, venue_layouts
from app.viewmodels.base import InstrumentRef, LinkedSettings, PanelViewModel
from app.viewmodels.liveness import not_live_reason
from app.workspace import PanelContext
from services.domain import Instrument, InstrumentId, LayoutKind, OrderRequest, OrderStatus, OrderType, Side
from services.errors import RejectedInput
from services.tasks import spawn
from services.trading.links import LINK_COLOURS
from services.trading.order_entry import new_client_id
from widgets.panels.quote_tile import QuotesPanel
from widgets.panels.quote_tile_order import QuickOrderPopover

KIND = LayoutKind.SIMPLE


def tr(text: str) -> str:
    return QCoreApplication.translate("QuotesPanel", text)


class QuotesSettings(LinkedSettings):
    link: str | None = None  # unlinked unless the user links it: browsing tiles changes no other panel
    # not kept: the tiles show the exchange's slots
    instrument: InstrumentRef | None = Field(default=None, exclude=True)


class QuotesViewModel(PanelViewModel[QuotesSettings]):
    Settings = QuotesSettings
    panel: QuotesPanel

    def __init__(self, context: PanelContext, panel: QuotesPanel, *, core: QtTrading | None = None) -> None:
        super().__init__(context, panel, core=core)
        self.layouts = venue_layouts(context.app)
        self._visible = False
        self._popover: QuickOrderPopover | None = None
        self._pending: dict[str, QuickOrderPopover] = {}  # client id -> the popover that sent it
        panel.set_link_colour(self.link_colour)
        panel.linkColourChanged.connect(self._on_colour_chosen)
        panel.visibilityChanged.connect(self._on_visibility)
        for tile in panel.tiles:
            tile.instrumentPicked.connect(self._on_picked)
            tile.tradeClicked.connect(self._on_trade)
            tile.activated.connect(self._on_activated)
        self.layouts.slotsChanged.connect(self._on_slots)
        self.layouts.refused.connect(self._on_refused)
        self.core.quotesChanged.connect(self._on_quotes)
        self.core.orderOutcome.connect(self._on_outcome)
        self.core.sessionStateChanged.connect(lambda _venue, _state, _detail: self._show_liveness())
        self._show_instruments()
        self._on_slots(KIND)
        self._show_liveness()

    def slots(self) -> tuple[InstrumentId | None, ...]:
        return self.layouts.slots(KIND)

    # --- slots and quotes
    def _on_slots(self, kind: LayoutKind) -> None:
        if kind is not KIND:
            return
        for tile, instrument in zip(self.panel.tiles, self.slots(), strict=True):
            current = None if instrument is None else (instrument.market, instrument.symbol)
            if tile.instrument() != current:
                tile.set_instrument(*(current or (None, None)))
        self._subscribe()
        self._on_quotes([i for i in self.slots() if i is not None])

    def _on_quotes(self, instruments: list[InstrumentId]) -> None:
        if not self._visible:  # the tiles are brought up to date when shown
            return
        changed = set(instruments)
        for tile, instrument in zip(self.panel.tiles, self.slots(), strict=True):
            if instrument is None or instrument not in changed:
                continue
            quote = self.core.quotes.get(instrument)
            if quote is not None:
                tile.set_quote(
                    quote.bid, quote.ask, quote.last, quote.change_pct_24h, self._decimals(instrument)
                )

    def _subscribe(self) -> None:
        session = self.layouts.session
        if session is None:
            return
        shown = [i for i in self.slots() if i is not None]
        if self._visible and shown:
            session.subscribe_quotes(self, shown)
        else:
            session.unsubscribe_quotes(self)

    def _on_visibility(self, visible: bool) -> None:
        self._visible = visible
        self._subscribe()
        if visible:
            self._on_quotes([i for i in self.slots() if i is not None])  # the last quotes known

    def on_session_changed(self, venue: str) -> None:
        self._show_instruments()
        self._show_liveness()

    def _show_liveness(self) -> None:
        """The tiles show the quotes of the layouts' venue: frozen while it is not connected."""
        self.panel.set_not_live(not_live_reason(self.core, VENUE))

    def _show_instruments(self) -> None:
        session = self.layouts.session
        self.panel.set_instruments(
            [] if session is None else [(i.market, i.symbol) for i in session.instruments]
        )

    def _decimals(self, instrument: InstrumentId) -> int:
        info = self._info(instrument)
        return 2 if info is None else info.price_decimals

    def _info(self, instrument: InstrumentId) -> Instrument | None:
        session = self.layouts.session
        return None if session is None else session.instruments.get(instrument)

    # --- the user's acts
    def _on_picked(self, position: int, market: str, symbol: str) -> None:
        self.layouts.set_slot(KIND, position, InstrumentId(VENUE, market, symbol))

    def _on_refused(self, kind: LayoutKind, position: int, message: str) -> None:
        if kind is KIND:
            self.panel.show_message(message, "error")

    def _on_activated(self, position: int) -> None:
        instrument = self.slots()[position - 1]
        if instrument is not None:
            self.core.links.publish(self.link_colour, instrument)

    def _on_colour_chosen(self, colour: str | None) -> None:
        self.settings.link = colour
        self.save_settings()

    def _on_trade(self, position: int, side: str) -> None:
        instrument = self.slots()[position - 1]
        info = None if instrument is None else self._info(instrument)
        if instrument is None or info is None:
            self.panel.show_message(tr("Log in to coin-weight to trade"), "warning")
            return
        tile = self.panel.tile(position)
        price = tile.ask() if side == "buy" else tile.bid()
        if self._popover is not None and isValid(self._popover):
            self._popover.close()
        popover = QuickOrderPopover(
            side,
            f"{instrument.symbol} \u00b7 {instrument.market}",
            price,
            info.price_decimals,
            info.price_step,
            info.min_qty,
            info.qty_decimals,
            info.qty_step,
            info.min_qty,
            info.max_qty,
            self.panel,
        )
        popover.confirmed.connect(
            lambda side_, quantity, limit: self._confirmed(popover, instrument, side_, quantity, limit)
        )
        self._popover = popover
        popover.open_at(self.panel.popup_point(position, side))

    def popover(self) -> QuickOrderPopover | None:
        """The quick order open now (None when closed)."""
        popover = self._popover
        return popover if popover is not None and isValid(popover) and popover.isVisible() else None

    def _confirmed(
        self,
        popover: QuickOrderPopover,
        instrument: InstrumentId,
        side: str,
        quantity: Decimal,
        price: Decimal,
    ) -> None:
        request = OrderRequest(
            instrument=instrument,
            side=Side(side),
            type=OrderType.LIMIT,
            quantity=quantity,
            client_id=new_client_id(),
            price=price,
        )
        popover.set_busy(True)
        self._pending[request.client_id] = popover
        # the order outlives the panel: the core's task, not the panel's
        spawn(self._submit(popover, request), name="quick order")

    async def _submit(self, popover: QuickOrderPopover, request: OrderRequest) -> None:
        try:
            order = await self.core.order_entry.submit(request)
        except RejectedInput as exc:
            if isValid(popover):
                popover.set_busy(False)
                popover.show_error(exc.field, rejected_text(exc))
            return
        finally:
            self._pending.pop(request.client_id, None)
        if not isValid(popover):
            return
        if order is not None and order.status is OrderStatus.REJECTED:
            popover.set_busy(False)
            popover.show_error("", order.message or tr("The order was rejected"))
        else:
            popover.close()

    def _on_outcome(self, client_id: str, level: str, message: str) -> None:
        if client_id in self._pending:
            self.panel.show_message(message, level)


def create_quotes_panel(context: PanelContext) -> QWidget:
    panel = QuotesPanel(KIND.slot_count, LINK_COLOURS)
    QuotesViewModel(context, panel)
    return panel
