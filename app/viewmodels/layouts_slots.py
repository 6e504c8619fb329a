"""The slots of the professional layout: one panel per slot, its instrument from the exchange's layout.

A slot's header shows its instrument (with a symbol picker), last price and 24-hour change; under it the
slot's order book and order ticket follow the slot's link colour (slot 1 red, 2 green, 3 blue unless the user
chose another). The slot publishes its instrument to that colour, so the book, the ticket and any other panel
of the colour show it. Picking a symbol in the header, or in another panel of the slot's colour, puts it in
the slot at the exchange (``VenueLayouts.set_slot``: optimistic, rolled back with a message when refused).
Instruments of other venues can be shown through the link colour but are not saved in the exchange's layout.

Panel settings: ``link`` (colour or null), ``book`` (the order book's settings), ``ticket`` (the ticket's).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from PySide6.QtWidgets import QWidget

from app.trading.bridge import QtTrading
from app.venue_layouts import VENUE, venue_layouts
from app.viewmodels.base import InstrumentRef, LinkedSettings, PanelViewModel
from app.viewmodels.order_book import create_embedded_order_book
from app.viewmodels.order_ticket import create_order_ticket
from app.workspace import PanelContext
from services.domain import InstrumentId, LayoutKind
from services.trading.links import LINK_COLOURS
from widgets.panels.slots import SlotPanel

KIND = LayoutKind.PROFESSIONAL
DEFAULT_COLOURS = ("red", "green", "blue")


def slot_panel_id(position: int) -> str:
    return f"slot_{position}"


class SlotSettings(LinkedSettings):
    """The slot's link colour and the settings of its book and ticket. The embedded panels write into
    ``book`` and ``ticket`` in place and save through the slot."""

    instrument: InstrumentRef | None = Field(default=None, exclude=True)  # the exchange keeps it
    book: dict[str, Any] = Field(default_factory=dict)
    ticket: dict[str, Any] = Field(default_factory=dict)


class SlotViewModel(PanelViewModel[SlotSettings]):
    Settings = SlotSettings
    panel: SlotPanel

    def __init__(self, context: PanelContext, panel: SlotPanel, *, core: QtTrading | None = None) -> None:
        super().__init__(context, panel, core=core)
        self.position = panel.position
        self.layouts = venue_layouts(context.app)
        if "link" not in self.settings.model_fields_set:
            self.settings.link = DEFAULT_COLOURS[self.position - 1]
        self._instrument: InstrumentId | None = None
        self._visible = False
        panel.set_link_colour(self.link_colour)
        panel.instrumentPicked.connect(self._on_picked)
        panel.linkColourChanged.connect(self._on_colour_chosen)
        panel.visibilityChanged.connect(self._on_visibility)
        self.layouts.slotsChanged.connect(self._on_slots)
        self.layouts.refused.connect(self._on_refused)
        self.core.quotesChanged.connect(self._on_quotes)
        self._build_body()
        self._show_instruments()
        self._on_slots(KIND)

    @property
    def instrument(self) -> InstrumentId | None:
        return self._instrument

    # --- the slot's instrument
    def _on_slots(self, kind: LayoutKind) -> None:
        if kind is not KIND or not self.layouts.loaded(KIND):
            return
        instrument = self.layouts.slots(KIND)[self.position - 1]
        if instrument is not None and instrument != self._instrument:
            self._show(instrument)

    def _show(self, instrument: InstrumentId) -> None:
        self._instrument = instrument
        self.panel.set_instrument(instrument.market, instrument.symbol)
        colour = self.link_colour
        if colour is None:  # unlinked: the book and ticket are told directly
            self._build_body()
        else:
            self.core.links.publish(colour, instrument)
        self._subscribe()
        self._on_quotes([instrument])

    def _on_picked(self, market: str, symbol: str) -> None:
        self.layouts.set_slot(KIND, self.position, InstrumentId(VENUE, market, symbol))

    def on_linked_instrument(self, instrument: InstrumentId) -> None:
        if instrument == self._instrument:
            return
        if instrument.venue == VENUE:
            self.layouts.set_slot(KIND, self.position, instrument)
        else:  # another venue's instrument: shown by the colour's panels, not kept by the exchange
            self._show(instrument)

    def _on_refused(self, kind: LayoutKind, position: int, message: str) -> None:
        if kind is KIND and position == self.position:
            self.panel.show_message(message, "error")

    # --- link colour, book and ticket
    def _on_colour_chosen(self, colour: str | None) -> None:
        self.settings.link = colour
        self.save_settings()
        self._build_body()
        if colour is not None and self._instrument is not None:
            self.core.links.publish(colour, self._instrument)

    def _build_body(self) -> None:
        book = create_embedded_order_book(
            self._embedded(self.settings.book), link_colour=self.link_colour, instrument=self._instrument
        )
        ticket = create_order_ticket(
            self._embedded(self.settings.ticket), instrument=self._instrument, link_colour=self.link_colour
        )
        self.panel.set_body(book, ticket)

    def _embedded(self, settings: dict[str, Any]) -> PanelContext:
        """The context of the book or ticket: its section of the slot's settings, saved with the slot's."""
        return PanelContext(self.context.app, self.context.panel_id, settings, self.save_settings)

    # --- header: symbols and quote
    def on_session_changed(self, venue: str) -> None:
        self._show_instruments()

    def _show_instruments(self) -> None:
        session = self.layouts.session
        instruments = [] if session is None else list(session.instruments)
        self.panel.set_instruments((i.market, i.symbol) for i in instruments)

    def _on_visibility(self, visible: bool) -> None:
        self._visible = visible
        self._subscribe()
        if visible and self._instrument is not None:
            self._on_quotes([self._instrument])  # the last quote known (none is shown while hidden)

    def _subscribe(self) -> None:
        for venue, session in self.core.sessions.items():
            if self._visible and self._instrument is not None and self._instrument.venue == venue:
                session.subscribe_quotes(self, [self._instrument])
            else:
                session.unsubscribe_quotes(self)

    def _on_quotes(self, instruments: list[InstrumentId]) -> None:
        instrument = self._instrument
        if not self._visible or instrument is None or instrument not in instruments:
            return
        quote = self.core.quotes.get(instrument)
        info = self.core.instrument(instrument)
        decimals = info.price_decimals if info is not None else 2
        self.panel.set_quote(
            None if quote is None else quote.last, None if quote is None else quote.change_pct_24h, decimals
        )


def create_slot_panel(context: PanelContext, position: int) -> QWidget:
    panel = SlotPanel(position, LINK_COLOURS)
    SlotViewModel(context, panel)
    return panel
