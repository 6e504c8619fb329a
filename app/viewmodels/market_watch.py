"""Market watch and Favourites: the user's market categories at coin-weight, live quotes, favourite stars.

:class:`MarketCatalog` (one per app, ``market_catalog(ctx)``) holds the user's tabs and favourites, loaded at
each login. A star is changed at once (optimistic) and sent to the venue; if the venue refuses, the star is
put back and ``message`` says why (the venue access shows it as a toast and in the status bar). After an
unknown outcome (the answer was lost) the favourites are read back from the venue.

:class:`MarketWatchViewModel` binds one panel: the instruments of the selected tab (or the favourites), their
quotes from the QuoteStore, subscribed only while the panel is shown; a row activated (double click / Enter)
is published to the panel's link colour. Prices are rounded to the instrument's price decimals.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from decimal import Decimal

from pydantic import Field, field_validator
from PySide6.QtCore import QCoreApplication, QTimer

from app.market_catalog import MarketCatalog, market_catalog
from app.trading.bridge import QtTrading
from app.venues import VENUE_NAMES
from app.viewmodels.base import DEFAULT_LINK, PanelSettings, PanelViewModel
from app.viewmodels.liveness import not_live_reason
from app.workspace import PanelContext
from services.domain import InstrumentId, MarketTab, Quote
from services.trading.links import LINK_COLOURS
from widgets.panels.market_watch import MarketRow, MarketWatchPanel

log = logging.getLogger("tessera.market_watch")

HIDDEN_MS = 100  # rows out of view are rebuilt at most this often while quotes keep coming...
QUIET_MS = 40  # ... and at once when none came for this long
QUOTE_SLICE_S = 0.0005  # UI time per loop turn spent building them
BUDGET_S = 0.008  # ... and in a row of turns: past it, the rest waits PAUSE_MS (the loop paints, acts)
PAUSE_MS = 8


def instrument_key(instrument: InstrumentId) -> str:
    return f"{instrument.market}:{instrument.symbol}"


def _to(value: Decimal | None, quantum: Decimal | None) -> Decimal | None:
    return value if value is None or quantum is None else value.quantize(quantum)


class _RowState:
    """What an instrument's next row needs besides its quote: its key, price rounding (1E-decimals, None
    until its spec is loaded), last price shown and which way it last moved."""

    __slots__ = ("key", "last", "quantum", "tick")

    def __init__(self, key: str) -> None:
        self.key = key
        self.quantum: Decimal | None = None
        self.last: Decimal | None = None
        self.tick = 0


class MarketWatchSettings(PanelSettings):
    """A row activated is published to ``link``; ``tab`` is the tab last chosen (never one in Favourites)."""

    link: str | None = DEFAULT_LINK  # an explicit null: the user unlinked the panel
    tab: str | None = Field(default=None, exclude_if=lambda tab: tab is None)

    @field_validator("link", mode="before")
    @classmethod
    def _known_colour(cls, value: object) -> object:
        return value if value is None or value in LINK_COLOURS else DEFAULT_LINK


class MarketWatchViewModel(PanelViewModel[MarketWatchSettings]):
    Settings = MarketWatchSettings
    panel: MarketWatchPanel

    def __init__(
        self,
        context: PanelContext,
        panel: MarketWatchPanel,
        *,
        catalog: MarketCatalog,
        favourites_only: bool = False,
        core: QtTrading | None = None,
    ) -> None:
        """``catalog``: the app's (``market_catalog``); ``favourites_only``: the Favourites panel."""
        super().__init__(context, panel, core=core)
        self.catalog = catalog
        self.session = catalog.session
        self.quotes = self.core.quotes
        self.links = self.core.links
        # the broker's instruments (a venue with positions) make a tab of their own
        self.stocks = next((s for s in self.core.sessions.values() if s.rules.broker), None)
        self.favourites_only = favourites_only
        self._shown: list[InstrumentId] = []
        self._by_key: dict[str, InstrumentId] = {}
        self._shown_set: frozenset[InstrumentId] = frozenset()
        self._rows: dict[InstrumentId, _RowState] = {}  # per instrument quoted: what its next row needs
        self._dirty: OrderedDict[InstrumentId, None] = OrderedDict()  # quoted, row not built yet
        self._favourites: frozenset[InstrumentId] = frozenset()  # the catalog's, asked for every row built
        self._more_quotes = QTimer(self)  # the rows out of view: their next slice, or their next pass
        self._more_quotes.setSingleShot(True)
        self._quiet = QTimer(self)  # no quote for QUIET_MS: the rows out of view are brought up to date
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._on_quiet)
        self._budget = BUDGET_S  # what the rows out of view may still take of the UI thread before a pause
        self._quoted = False  # a frame of quotes came since the last pause
        self._in_pass = False  # a pass over the rows out of view is under way
        self._pass_began = 0.0  # when the last one began (perf_counter)
        self._more_quotes.timeout.connect(self._apply_quotes)
        self._visible = False
        panel.setLinkColour(self.link_colour)
        panel.tabChanged.connect(self._on_tab)
        panel.favouriteToggled.connect(self._on_star)
        panel.instrumentActivated.connect(self._on_activated)
        panel.linkColourChanged.connect(self._on_link_colour)
        panel.shownChanged.connect(self._on_shown)
        catalog.changed.connect(self._refresh)
        self.core.quotesChanged.connect(self._on_quotes)
        self.core.sessionStateChanged.connect(self._on_session_state)
        self._refresh()

    @property
    def link_colour(self) -> str | None:
        """The colour a row activated is published to (the panel follows none: it shows no one instrument)."""
        return self.settings.link

    # --- panel requests
    def _on_tab(self, name: str) -> None:
        self.settings.tab = name
        self.save_settings()
        self._show(self._wanted(), reset=True)

    def _on_star(self, key: str, favourite: bool) -> None:
        instrument = self._by_key.get(key)
        if instrument is None:
            return
        if instrument.venue != self.session.venue:  # favourites live at their venue: a stock has none there
            self.panel.updateRows([self._row(instrument)])
            self.catalog.message.emit(
                self.tr("Favourites are kept by {venue}; {symbol} cannot be starred.").format(
                    venue=VENUE_NAMES.get(self.session.venue, self.session.venue), symbol=instrument.symbol
                )
            )
            return
        self.catalog.set_favourite(instrument, favourite)

    def _on_activated(self, key: str) -> None:
        instrument = self._by_key.get(key)
        if instrument is not None:
            self.links.publish(self.link_colour, instrument)

    def _on_link_colour(self, colour: str | None) -> None:
        self.settings.link = colour
        self.save_settings()

    def _on_session_state(self, venue: str, *_args: object) -> None:
        self._show_liveness()
        if venue == self.session.venue:
            self._update_placeholder()
        elif self.stocks is not None and venue == self.stocks.venue:
            self._refresh()

    def on_session_changed(self, venue: str) -> None:
        """The broker's instruments make a tab of their own while logged in."""
        if self.stocks is not None and venue == self.stocks.venue:
            self._refresh()

    def _on_shown(self, visible: bool) -> None:
        self._visible = visible
        self._subscribe()

    # --- catalog and quotes
    def _refresh(self) -> None:
        self._favourites = frozenset(self.catalog.favourites())
        reset = False
        if not self.favourites_only:
            names = [tab.name for tab in self._tabs()]
            if self.panel.tabs() != names:
                wanted = self.settings.tab
                self.panel.setTabs(names, wanted if wanted in names else (names[0] if names else None))
                reset = True
        self._show(self._wanted(), reset=reset)

    def _wanted(self) -> list[InstrumentId]:
        if self.favourites_only:
            return self.catalog.favourites()
        current = self.panel.currentTab()
        tab = next((tab for tab in self._tabs() if tab.name == current), None)
        return list(tab.instruments) if tab is not None else []

    def _tabs(self) -> list[MarketTab]:
        """The exchange's categories, then the broker's stocks while that session is logged in."""
        tabs = list(self.catalog.tabs)
        if self.stocks is not None and self.stocks.connected and self.stocks.instruments:
            stocks = tuple(sorted(self.stocks.instruments, key=lambda i: i.symbol))
            tabs.append(MarketTab(self.tr("Stocks"), stocks))
        return tabs

    def _show(self, instruments: list[InstrumentId], *, reset: bool = False) -> None:
        gone = [instrument_key(i) for i in self._shown if i not in instruments]
        self._shown = instruments
        self._by_key = {instrument_key(i): i for i in instruments}
        self._shown_set = frozenset(instruments)
        self._dirty.clear()  # every row shown is built below
        for state in self._rows.values():
            state.quantum = None  # specs may have been (re)loaded since
        rows = [self._row(i) for i in instruments]
        if reset:
            self.panel.setRows(rows)
        else:
            self.panel.removeRows(gone)
            self.panel.updateRows(rows)
        self._update_placeholder()
        self._show_liveness()
        self._subscribe()

    def _show_liveness(self) -> None:
        """Rows of a venue that is not connected show frozen quotes: the panel says so and greys them."""
        venues = sorted({i.venue for i in self._shown})
        self.panel.setNotLive("; ".join(filter(None, (not_live_reason(self.core, v) for v in venues))))

    def _subscribe(self) -> None:
        if self._visible and self._shown:
            self.core.subscribe_quotes(self, self._shown)
        else:
            self.core.unsubscribe_quotes(self)

    def _on_quotes(self, instruments: list[InstrumentId]) -> None:
        """A frame of quotes: the rows in view at once (one update of the table); the rows out of view in a
        pass of slices ``HIDDEN_MS`` after the last pass began (at once when the quotes stop), each built
        once with its instrument's last quote however often it was quoted meanwhile: out of view, they
        repaint nothing, and with 2,000 instruments quoted every frame, rebuilding them all every frame
        would hold the loop for tens of ms and take most of a core."""
        shown, dirty = self._shown_set, self._dirty
        for instrument in instruments:
            if instrument in shown:
                dirty[instrument] = None
        if not dirty:
            return
        self._budget = BUDGET_S
        self._quoted = True
        self._quiet.start()
        rows: list[MarketRow] = []
        by_key = self._by_key
        for key in self.panel.keysInView():
            in_view = by_key.get(key)
            if in_view is not None and in_view in dirty:
                del dirty[in_view]
                rows.append(self._row(in_view))
        if rows:
            self.panel.updateRows(rows)
        if dirty and not self._more_quotes.isActive():  # (a pass under way goes on as it was)
            wait = HIDDEN_MS - 1000 * (time.perf_counter() - self._pass_began)
            self._more_quotes.start(max(0, round(wait)))

    def _on_quiet(self) -> None:
        if self._dirty:
            self._more_quotes.start(0)

    def _apply_quotes(self) -> None:
        """A slice of the pass over the rows out of view: ``QUOTE_SLICE_S`` of them, the next on the next
        turn; after ``BUDGET_S`` of slices, a pause while quotes keep coming."""
        dirty = self._dirty
        start = time.perf_counter()
        if not self._in_pass:
            self._in_pass, self._pass_began = True, start
        rows: list[MarketRow] = []
        deadline = start + QUOTE_SLICE_S
        while dirty:
            rows.append(self._row(dirty.popitem(last=False)[0]))
            if len(rows) % 16 == 0 and time.perf_counter() >= deadline:
                break
        if rows:
            self.panel.updateRows(rows)
        self._budget -= time.perf_counter() - start
        if not dirty:
            self._in_pass = False
        elif self._budget > 0:  # the next slice on the next turn
            self._more_quotes.start(0)
        else:  # past the budget: after a pause while quotes keep coming (none once they stop)
            self._budget = BUDGET_S
            self._more_quotes.start(PAUSE_MS if self._quoted else 0)
            self._quoted = False

    def _row(self, instrument: InstrumentId) -> MarketRow:
        """The instrument's row from its last quote (prices rounded to its decimals), built for every quote
        shown: what it needs besides the quote is kept per instrument, found with one lookup."""
        quote = self.quotes.get(instrument) or Quote(instrument, None, None)
        state = self._rows.get(instrument)
        if state is None:
            state = self._rows[instrument] = _RowState(instrument_key(instrument))
        quantum = state.quantum
        if quantum is None:
            spec = self.core.instrument(instrument)
            if spec is not None:  # (not loaded yet: asked again next time)
                quantum = state.quantum = Decimal(1).scaleb(-spec.price_decimals)
        last = _to(quote.last, quantum)
        if last is not None and state.last is not None and last != state.last:
            state.tick = 1 if last > state.last else -1  # which way the last price last moved
        if last is not None:
            state.last = last
        return MarketRow(
            key=state.key,
            counterparty=instrument.market,
            symbol=instrument.symbol,
            favourite=instrument in self._favourites,
            bid=_to(quote.bid, quantum),
            ask=_to(quote.ask, quantum),
            last=last,
            change_pct=quote.change_pct_24h,
            volume=quote.volume_24h,
            tick=state.tick if last is not None else 0,
        )

    def _update_placeholder(self) -> None:
        venue = VENUE_NAMES.get(self.session.venue, self.session.venue)
        if not self.session.connected:
            text = self.tr("Log in to {venue} to see its markets.").format(venue=venue)
        elif self.favourites_only:
            text = self.tr("No favourites yet: click \u2606 next to a symbol in the market watch.")
        else:
            text = self.tr("Loading the markets\u2026")
        self.panel.setPlaceholder(text)


def _create(context: PanelContext, favourites_only: bool) -> MarketWatchPanel:
    panel = MarketWatchPanel(tabbed=not favourites_only, link_colours=LINK_COLOURS)
    catalog = market_catalog(context.app)
    if catalog is None:
        panel.setPlaceholder(
            QCoreApplication.translate("MarketWatchViewModel", "No crypto venue is configured.")
        )
        return panel
    MarketWatchViewModel(context, panel, catalog=catalog, favourites_only=favourites_only)
    return panel


def create_market_watch_panel(context: PanelContext) -> MarketWatchPanel:
    return _create(context, favourites_only=False)


def create_favourites_panel(context: PanelContext) -> MarketWatchPanel:
    return _create(context, favourites_only=True)
