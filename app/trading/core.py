"""TradingCore: the one object that holds the stores, the venue sessions, order entry and the link hub."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject

from app.trading.links import LinkHub
from app.trading.order_entry import OrderEntry
from app.trading.sessions import VenueSessionModel
from app.trading.stores import AccountStore, OrderStore, QuoteStore
from services.domain import Instrument, InstrumentId
from services.protocols import TradingVenue


class TradingCore(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.orders = OrderStore(self)
        self.quotes = QuoteStore(self)
        self.accounts = AccountStore(self)
        self.links = LinkHub(self)
        self.sessions: dict[str, VenueSessionModel] = {}
        self.order_entry = OrderEntry(self.orders, self.trading_venues, parent=self)

    def add_session(self, session: VenueSessionModel) -> None:
        if session.venue in self.sessions:
            raise ValueError(f"a {session.venue} session exists already")
        self.sessions[session.venue] = session

    def session(self, venue: str) -> VenueSessionModel:
        return self.sessions[venue]

    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        """``owner`` wants quotes of ``instruments`` of any venue: each session takes its own."""
        instruments = list(instruments)
        for session in self.sessions.values():
            session.subscribe_quotes(owner, instruments)  # type: ignore[attr-defined]

    def unsubscribe_quotes(self, owner: object) -> None:
        for session in self.sessions.values():
            session.unsubscribe_quotes(owner)  # type: ignore[attr-defined]

    def instrument(self, instrument_id: InstrumentId) -> Instrument | None:
        """The instrument's spec from its venue's session, once that session has loaded it."""
        session = self.sessions.get(instrument_id.venue)
        return None if session is None else session.instruments.get(instrument_id)  # type: ignore[attr-defined]

    def trading_venues(self) -> Mapping[str, TradingVenue]:
        """The adapters of the sessions that are logged in (orders go only to those)."""
        return {
            venue: session.adapter  # type: ignore[attr-defined]
            for venue, session in self.sessions.items()
            if session.connected and hasattr(session, "adapter")
        }

    async def aclose(self) -> None:
        for session in list(self.sessions.values()):
            await session.aclose()
