"""What the app depends on. Each venue's ``adapter.py`` implements the protocols that fit it.

Streams are async iterators: a venue that pushes is read as it pushes; a venue that only polls is polled by
its adapter at a configurable rate. Callers cancel the iterating task to unsubscribe.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from services.domain import (
    AccountSummary,
    Balance,
    Bar,
    BarInterval,
    ConnectionState,
    Fill,
    Instrument,
    InstrumentId,
    Notification,
    Order,
    OrderBook,
    OrderRequest,
    Position,
    Quote,
    StrategySpec,
    StrategyStatus,
    Tick,
)


@runtime_checkable
class VenueSession(Protocol):
    """Login/logout and liveness of one venue connection."""

    venue: str

    @property
    def state(self) -> ConnectionState: ...

    async def connect(self, login: str, secret: str) -> None: ...

    async def disconnect(self) -> None: ...

    async def ping(self) -> float:
        """One round trip; returns its latency in seconds."""
        ...


@runtime_checkable
class TradingVenue(Protocol):
    venue: str

    async def instruments(self) -> Sequence[Instrument]: ...

    async def place_order(self, request: OrderRequest) -> Order:
        """Sends once. Raises TransportError(outcome_unknown=True) when the answer is lost: see find_order."""
        ...

    async def cancel_order(self, order: Order) -> None: ...

    async def modify_order(self, order: Order, price: object = None, quantity: object = None) -> Order: ...

    async def active_orders(self) -> Sequence[Order]: ...

    async def order_history(self, start: datetime, end: datetime, page: int = 0) -> Sequence[Order]: ...

    async def find_order(self, client_id: str, placed_after: datetime) -> Order | None:
        """Reconciliation after an unknown outcome: the order the venue holds for ``client_id``, or None."""
        ...

    async def balances(self) -> Sequence[Balance]: ...

    async def positions(self) -> Sequence[Position]: ...

    async def account_summary(self) -> AccountSummary | None: ...

    def fills(self) -> AsyncIterator[Fill]: ...

    def order_updates(self) -> AsyncIterator[Order]: ...


@runtime_checkable
class MarketDataFeed(Protocol):
    async def bars(
        self, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
    ) -> Sequence[Bar]:
        """Up to ``count`` bars ending before ``end`` (None: up to now), oldest first."""
        ...

    async def order_book(self, instrument: InstrumentId, depth: int = 20) -> OrderBook: ...

    def quotes(self, instruments: Sequence[InstrumentId]) -> AsyncIterator[Quote]: ...

    def ticks(self, instrument: InstrumentId) -> AsyncIterator[Tick]: ...


@runtime_checkable
class StrategyHost(Protocol):
    async def templates(self) -> Sequence[StrategySpec]: ...

    async def strategies(self) -> Sequence[StrategySpec]: ...

    async def save(self, spec: StrategySpec) -> StrategySpec: ...

    async def delete(self, spec: StrategySpec) -> None: ...

    async def start(self, spec: StrategySpec) -> None: ...

    async def stop(self, spec: StrategySpec, cancel_orders: bool) -> None: ...

    async def status(self, spec: StrategySpec) -> StrategyStatus: ...


@runtime_checkable
class NotificationSource(Protocol):
    def notifications(self) -> AsyncIterator[Notification]: ...
