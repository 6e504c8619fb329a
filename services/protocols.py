"""The venue contract: what the trading core and the app may ask of a venue, as types and data.

Two levels. A venue's ``adapter.py`` implements the wire-level protocols that fit it
(:class:`VenueConnection`, :class:`TradingVenue`, :class:`MarketDataFeed`, :class:`StrategyHost`, ...). The
trading core wraps each adapter in a :class:`VenueSession` (``services/trading``), which is all the app
sees: its :class:`VenueRules` and :class:`Capabilities` are plain data, and a capability a venue lacks is
``None`` or ``False`` there — never found out by probing attributes.

Streams are async iterators: a venue that pushes is read as it pushes; a venue that only polls is polled by
its adapter at a configurable rate. Callers cancel the iterating task to unsubscribe.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from psygnal import SignalInstance

from services.domain import (
    AccountSummary,
    ApiKeyInfo,
    Balance,
    Bar,
    BarArrays,
    BarInterval,
    ConnectionState,
    Fill,
    Instrument,
    InstrumentId,
    Layout,
    LayoutKind,
    MarketTab,
    Notification,
    Order,
    OrderAction,
    OrderBook,
    OrderRequest,
    OrderType,
    Position,
    Quote,
    StrategySpec,
    StrategyStatus,
    Tick,
    TimeInForce,
    TradingAccount,
)


class BookSource(StrEnum):
    """How a venue delivers its order book."""

    PUSHED = "pushed"  # the venue sends changes; follow ``VenueSession.order_books``
    POLLED = "polled"  # snapshots only; ``VenueSession.order_books`` polls them
    NONE = "none"


class Modifiable(StrEnum):
    PRICE = "price"
    QUANTITY = "quantity"


@dataclass(frozen=True, slots=True)
class VenueRules:
    """What an order on the venue may say. Lot and step rules are per instrument (:class:`Instrument`)."""

    order_types: tuple[OrderType, ...]
    time_in_force: tuple[TimeInForce, ...]
    actions: tuple[OrderAction, ...] = ()  # () = plain buy/sell; a broker adds short/cover
    modifiable: frozenset[Modifiable] = frozenset()
    one_click: bool = True  # whether a click in the order book may send an order at once
    broker: bool = False  # orders name an account (a portfolio); the ticket shows the broker form
    cancel_all: bool = False  # one call cancels every order (of some markets)


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a venue session streams beyond orders; what is False here is shown as absent by the panels.
    (Services that come as objects — strategies, an exchange workspace, API keys — are ``None`` on the
    session where the venue lacks them.)"""

    order_book: BookSource
    ticks: bool = False  # time and sales
    bars: bool = False
    positions: bool = False  # pushed to the PositionStore
    fills: bool = False  # the venue reports fills of its own (else they are derived from orders)
    account_summary: bool = False


@runtime_checkable
class VenueConnection(Protocol):
    """Login/logout and liveness of one venue connection (what an adapter offers)."""

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

    async def cancel_order(self, order: Order) -> Order | None:
        """Cancels at the venue; the order as the venue's answer tells it (None: the answer does not say)."""
        ...

    async def modify_order(self, order: Order, price: object = None, quantity: object = None) -> Order: ...

    async def active_orders(self) -> Sequence[Order]: ...

    async def order_history(
        self, start: datetime, end: datetime, page: int = 0, page_size: int | None = None
    ) -> Sequence[Order]:
        """One page (newest first) of the orders that ended between ``start`` and ``end``."""
        ...

    async def cancel_all(self, counterparties: Sequence[str]) -> list[str]:
        """Every order on ``counterparties`` (never empty) canceled in one call, where
        ``VenueRules.cancel_all`` says the venue can; returns the counterparties canceled."""
        ...

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

    async def bar_arrays(
        self, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
    ) -> BarArrays:
        """:meth:`bars` as arrays (what a chart loads)."""
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


@runtime_checkable
class ExchangeWorkspace(Protocol):
    """Favourites, market tabs and quote layouts that a venue keeps for the user."""

    async def market_tabs(self, *, custom: bool = True) -> list[MarketTab]: ...

    async def favourites(self) -> list[InstrumentId]: ...

    async def add_favourite(self, instrument: InstrumentId) -> None: ...

    async def remove_favourite(self, instrument: InstrumentId) -> None: ...

    async def layout(self, kind: LayoutKind, *, default: bool = False) -> Layout: ...

    async def set_layout_slot(self, kind: LayoutKind, position: int, instrument: InstrumentId) -> None: ...


@runtime_checkable
class ApiKeyManager(Protocol):
    """Exchange API keys a venue holds for the user's counterparties."""

    async def api_keys(self) -> list[ApiKeyInfo]: ...

    async def add_api_key(self, counterparty: str, api_key: str, secret_key: str) -> None: ...

    async def delete_api_key(self, counterparty: str) -> None: ...


@runtime_checkable
class VenueSession(Protocol):
    """One venue as the trading core runs it and the app sees it: login state, instruments, feeds, rules.

    Events (psygnal signals, plain Python): ``state_changed(ConnectionState, detail)``, ``logged_in()``,
    ``logged_out()``, ``relogin_required(message)``, ``instruments_loaded()``, ``accounts_changed()``,
    ``latency(seconds)``.
    """

    venue: str
    rules: VenueRules
    capabilities: Capabilities
    login_name: str

    state_changed: SignalInstance
    logged_in: SignalInstance
    logged_out: SignalInstance
    relogin_required: SignalInstance
    instruments_loaded: SignalInstance
    accounts_changed: SignalInstance
    latency: SignalInstance

    @property
    def state(self) -> ConnectionState: ...

    @property
    def connected(self) -> bool: ...

    @property
    def instruments(self) -> Mapping[InstrumentId, Instrument]: ...

    @property
    def accounts(self) -> Sequence[TradingAccount]:
        """The accounts orders may name (a broker's portfolios); empty where orders name none."""
        ...

    @property
    def trading(self) -> TradingVenue: ...

    @property
    def market_data(self) -> MarketDataFeed: ...

    @property
    def strategy_host(self) -> StrategyHost | None: ...

    @property
    def workspace(self) -> ExchangeWorkspace | None: ...

    @property
    def api_key_manager(self) -> ApiKeyManager | None: ...

    async def login(self, login: str, password: str) -> None: ...

    async def logout(self) -> None: ...

    async def aclose(self) -> None: ...

    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        """``owner`` wants quotes of ``instruments`` (those of this venue); replaces what it asked before."""
        ...

    def unsubscribe_quotes(self, owner: object) -> None: ...

    def order_books(self, instrument: InstrumentId, depth: int) -> AsyncIterator[OrderBook]:
        """The book of ``instrument`` as it changes (pushed, or polled snapshots that changed)."""
        ...

    def ticks(self, instrument: InstrumentId) -> AsyncIterator[Tick]: ...

    def poll(self, name: str, round_: Callable[[], Awaitable[object]], interval: float) -> asyncio.Task[Any]:
        """Run ``round_`` every ``interval`` s for as long as the login lasts (a failure backs off, a refused
        session asks for a new login)."""
        ...

