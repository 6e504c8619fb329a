"""TradingCore: the one object that holds the stores, the venue sessions, order entry and the link hub.

Plain asyncio, no Qt: a script can log in, trade and read the stores with it (see ``tests/trading``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.domain import Instrument, InstrumentId
from services.protocols import TradingVenue, VenueSession
from services.trading.links import LinkHub
from services.trading.order_entry import OrderEntry
from services.trading.session import TradingStores


class TradingCore:
    def __init__(self) -> None:
        self.stores = TradingStores()
        self.orders = self.stores.orders
        self.quotes = self.stores.quotes
        self.accounts = self.stores.accounts
        self.positions = self.stores.positions
        self.fills = self.stores.fills
        self.links = LinkHub()
        self.sessions: dict[str, VenueSession] = {}
        self.order_entry = OrderEntry(self.orders, self.trading_venues)

    def add_session(self, session: VenueSession) -> None:
        if session.venue in self.sessions:
            raise ValueError(f"a {session.venue} session exists already")
        self.sessions[session.venue] = session

    def session(self, venue: str) -> VenueSession:
        return self.sessions[venue]

    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        """``owner`` wants quotes of ``instruments`` of any venue: each session takes its own."""
        instruments = list(instruments)
        for session in self.sessions.values():
            session.subscribe_quotes(owner, instruments)

    def unsubscribe_quotes(self, owner: object) -> None:
        for session in self.sessions.values():
            session.unsubscribe_quotes(owner)

    def instrument(self, instrument_id: InstrumentId) -> Instrument | None:
        """The instrument's spec from its venue's session, once that session has loaded it."""
        session = self.sessions.get(instrument_id.venue)
        return None if session is None else session.instruments.get(instrument_id)

    def instruments(self) -> dict[InstrumentId, Instrument]:
        """Every instrument the sessions have loaded (what a symbol picker offers)."""
        return {i: spec for s in self.sessions.values() for i, spec in s.instruments.items()}

    def trading_venues(self) -> Mapping[str, TradingVenue]:
        """The adapters of the sessions that are logged in (orders go only to those)."""
        return {venue: session.trading for venue, session in self.sessions.items() if session.connected}

    async def aclose(self) -> None:
        for session in list(self.sessions.values()):
            await session.aclose()
