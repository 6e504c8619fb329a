"""A venue session for view-model tests: no network, its state and instruments set by the test."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from services.domain import ConnectionState, Instrument, InstrumentId, OrderType, TimeInForce
from services.protocols import BookSource, Capabilities, VenueRules
from services.trading.session import TradingStores, VenueSessionBase


class StubSession(VenueSessionBase):
    rules = VenueRules(order_types=(OrderType.LIMIT,), time_in_force=(TimeInForce.GTC,))
    capabilities = Capabilities(order_book=BookSource.NONE)

    def __init__(
        self, stores: TradingStores, venue: str = "coinweight", instruments: Iterable[Instrument] = ()
    ) -> None:
        super().__init__(stores)
        self.venue = venue
        self.login_name = "demo"
        self._instruments = {i.id: i for i in instruments}
        self._state = ConnectionState.CONNECTED

    @property
    def subscriptions(self) -> dict[object, frozenset[InstrumentId]]:
        return self._quote_subscribers

    def set_state(self, state: ConnectionState, detail: str = "") -> None:
        self._set_state(state, detail)

    def subscribe_quotes(self, owner: object, instruments: Sequence[InstrumentId]) -> None:
        self._quote_subscribers[owner] = frozenset(instruments)

    async def _login(self, login: str, password: str) -> None:
        return None

    async def _logout(self) -> None:
        return None

    def _start_feeds(self) -> None:
        return None

    async def resync(self) -> None:
        return None  # no venue behind the stub
