"""TradingCore: the one object that holds the stores, the venue sessions, order entry and the link hub."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject

from app.trading.links import LinkHub
from app.trading.order_entry import OrderEntry
from app.trading.sessions import VenueSessionModel
from app.trading.stores import AccountStore, OrderStore, QuoteStore
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
