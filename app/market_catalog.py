"""The user's market tabs and favourites, as the venue that keeps them (``VenueSession.workspace``) has them:
one catalog per app, shared by every panel that shows stars."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.service_texts import error_text
from app.trading.bridge import QtTrading
from app.trading.install import SERVICE_NAME as TRADING_SERVICE
from app.trading.install import trading
from services.domain import InstrumentId, MarketTab
from services.errors import TransportError, VenueError
from services.protocols import ExchangeWorkspace, VenueSession
from services.tasks import spawn

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger("tessera.market_watch")

CATALOG_SERVICE = "market_catalog"


class MarketCatalog(QObject):
    """The user's market tabs and favourites at coin-weight, shared by every panel that shows stars."""

    changed = Signal()
    message = Signal(str)  # something the user should read (a refused star, markets not loaded)

    def __init__(self, core: QtTrading, session: VenueSession, workspace: ExchangeWorkspace) -> None:
        super().__init__(core)
        self.session = session
        self.workspace = workspace
        self.tabs: list[MarketTab] = []
        self._favourites: list[InstrumentId] = []
        self._generation: dict[InstrumentId, int] = {}  # per instrument: the latest change asked for
        core.loggedIn.connect(self._on_logged_in)
        core.loggedOut.connect(self._on_logged_out)
        if session.connected:
            self._on_logged_in(session.venue)

    def favourites(self) -> list[InstrumentId]:
        return list(self._favourites)

    def is_favourite(self, instrument: InstrumentId) -> bool:
        return instrument in self._favourites

    def clear(self) -> None:
        self.tabs, self._favourites = [], []
        self.changed.emit()

    async def reload(self) -> None:
        try:
            tabs = await self.workspace.market_tabs()
            favourites = await self.workspace.favourites()
        except (VenueError, TransportError) as exc:
            log.warning("markets of %s not loaded: %s", self.session.venue, exc)
            reason = error_text(exc)
            self.message.emit(self.tr("The markets could not be loaded: {reason}").format(reason=reason))
            return
        self.tabs, self._favourites = tabs, favourites
        self.changed.emit()

    def set_favourite(self, instrument: InstrumentId, favourite: bool) -> None:
        """Star or unstar now; the venue is told in the background (a refusal puts the star back)."""
        if self.is_favourite(instrument) == favourite or not self.session.connected:
            return
        self._apply(instrument, favourite)
        generation = self._generation.get(instrument, 0) + 1
        self._generation[instrument] = generation
        spawn(self._send(instrument, favourite, generation), name=f"favourite {instrument}")

    async def _send(self, instrument: InstrumentId, favourite: bool, generation: int) -> None:
        try:
            if favourite:
                await self.workspace.add_favourite(instrument)
            else:
                await self.workspace.remove_favourite(instrument)
        except (VenueError, TransportError) as exc:
            if self._generation.get(instrument) == generation:  # no newer change of this star since
                self._apply(instrument, not favourite)
            text = (
                self.tr("{symbol} ({exchange}) was not added to the favourites: {reason}")
                if favourite
                else self.tr("{symbol} ({exchange}) was not removed from the favourites: {reason}")
            )
            log.warning("favourite %s %s refused: %s", "add" if favourite else "delete", instrument, exc)
            self.message.emit(
                text.format(symbol=instrument.symbol, exchange=instrument.market, reason=error_text(exc))
            )
            if isinstance(exc, TransportError) and exc.outcome_unknown:
                await self._read_back_favourites()

    async def _read_back_favourites(self) -> None:
        try:
            favourites = await self.workspace.favourites()
        except (VenueError, TransportError) as exc:
            log.warning("favourites of %s not read back: %s", self.session.venue, exc)
            return
        if favourites != self._favourites:
            self._favourites = favourites
            self.changed.emit()

    def _apply(self, instrument: InstrumentId, favourite: bool) -> None:
        if favourite and instrument not in self._favourites:
            self._favourites.append(instrument)
        elif not favourite and instrument in self._favourites:
            self._favourites.remove(instrument)
        else:
            return
        self.changed.emit()

    def _on_logged_in(self, venue: str) -> None:
        if venue == self.session.venue:
            spawn(self.reload(), name="market catalog")

    def _on_logged_out(self, venue: str) -> None:
        if venue == self.session.venue:
            self.clear()


def market_catalog(ctx: AppContext) -> MarketCatalog | None:
    """The app's catalog (made on first use); None without a venue that keeps a workspace."""
    if CATALOG_SERVICE in ctx.services:
        return ctx.services.get(CATALOG_SERVICE, MarketCatalog)
    if TRADING_SERVICE not in ctx.services:
        return None
    core = trading(ctx)
    session = next((s for s in core.sessions.values() if s.workspace is not None), None)
    workspace = None if session is None else session.workspace
    if session is None or workspace is None:
        return None
    catalog = MarketCatalog(core, session, workspace)
    ctx.services.register(CATALOG_SERVICE, catalog)
    return catalog
