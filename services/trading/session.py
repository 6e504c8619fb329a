"""The lifecycle every venue session shares: login, background feeds, relogin, quote subscriptions.

:class:`VenueSessionBase` implements :class:`services.protocols.VenueSession` up to what differs per venue
(``_login``, ``_logout``, ``_start_feeds``, the adapters). Its feeds are tasks that live as long as the login:
each one follows a stream or polls a round through :mod:`services.retry`, so a failure backs off and turns
the light amber, a success turns it green again, an :class:`AuthError` asks the user to log in again, and any
other failure (a row no parser foresaw) is logged and the feed goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from psygnal import Signal

from services.domain import (
    ConnectionState,
    Instrument,
    InstrumentId,
    Order,
    OrderBook,
    Quote,
    Tick,
    TradingAccount,
)
from services.errors import AuthError, TransportError, VenueError
from services.protocols import (
    ApiKeyManager,
    BookSource,
    Capabilities,
    ExchangeWorkspace,
    MarketDataFeed,
    StrategyHost,
    TradingVenue,
    VenueRules,
)
from services.retry import Backoff, follow_stream, poll_forever
from services.tasks import spawn
from services.trading.stores import AccountStore, FillStore, OrderStore, PositionStore, QuoteStore

log = logging.getLogger("tessera.sessions")
T = TypeVar("T")

RELOGIN_MESSAGE = "{venue} ended the session: please log in again."
# s between snapshots of a venue whose book is only polled: twice a second (4.5 requests a second before, for
# a panel that repaints what a trader reads at a glance; a venue that pushes its book is not polled).
BOOK_POLL_INTERVAL = 0.5
STOP_RETRY_S = 0.2
# A failing feed is asked again after 1 s, then more slowly, but never more than 5 s apart: data of a venue
# that recovers is live again within seconds
FEED_BACKOFF = Backoff(first=1.0, longest=5.0)


class TradingStores:
    """The stores a session feeds (one set per trading core)."""

    def __init__(self) -> None:
        self.orders = OrderStore()
        self.quotes = QuoteStore()
        self.accounts = AccountStore()
        self.positions = PositionStore()
        self.fills = FillStore()


class VenueSessionBase:
    """A venue connection as the trading core runs it. Subclasses set ``venue``, ``rules``, ``capabilities``
    and implement ``_login``, ``_logout``, ``_start_feeds`` and the ``trading``/``market_data`` adapters."""

    state_changed = Signal(object, str)  # ConnectionState, detail
    latency = Signal(float)  # seconds of the last round trip
    logged_in = Signal()
    logged_out = Signal()
    relogin_required = Signal(str)  # English template with {venue}; the app translates it
    instruments_loaded = Signal()
    accounts_changed = Signal()

    venue: str = ""
    rules: VenueRules
    capabilities: Capabilities

    def __init__(self, stores: TradingStores, *, feed_backoff: Backoff = FEED_BACKOFF) -> None:
        self.stores = stores
        self.feed_backoff = feed_backoff
        self.login_name = ""
        self._state = ConnectionState.DISCONNECTED
        self._tasks: list[asyncio.Task[Any]] = []
        self._instruments: dict[InstrumentId, Instrument] = {}
        self._quote_subscribers: dict[object, frozenset[InstrumentId]] = {}

    # --- what the app reads ---------------------------------------------------------------------------------
    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def connected(self) -> bool:
        return self._state in (ConnectionState.CONNECTED, ConnectionState.DEGRADED)

    @property
    def instruments(self) -> Mapping[InstrumentId, Instrument]:
        return self._instruments

    @property
    def accounts(self) -> Sequence[TradingAccount]:
        return ()

    @property
    def trading(self) -> TradingVenue:
        raise NotImplementedError

    @property
    def market_data(self) -> MarketDataFeed:
        raise NotImplementedError

    @property
    def strategy_host(self) -> StrategyHost | None:
        return None

    @property
    def workspace(self) -> ExchangeWorkspace | None:
        return None

    @property
    def api_key_manager(self) -> ApiKeyManager | None:
        return None

    def _set_instruments(self, instruments: Iterable[Instrument]) -> None:
        self._instruments = {i.id: i for i in instruments}
        self.instruments_loaded.emit()

    def _set_state(self, state: ConnectionState, detail: str = "") -> None:
        self._state = state
        self.state_changed.emit(state, detail)

    # --- lifecycle ------------------------------------------------------------------------------------------
    async def login(self, login: str, password: str) -> None:
        """Raises AuthError / VenueError / TransportError with a message for the login dialog."""
        await self.logout()
        self._set_state(ConnectionState.CONNECTING)
        try:
            await self._login(login, password)
        except AuthError as exc:
            self._set_state(ConnectionState.FAILED, exc.message)
            raise
        except (VenueError, TransportError) as exc:
            self._set_state(ConnectionState.DISCONNECTED, str(exc))
            raise
        self.login_name = login
        self._set_state(ConnectionState.CONNECTED)
        self._start_feeds()
        self._sync_quotes()
        self.logged_in.emit()
        self.run(self.resync(), "resync")  # ends with the login, like the feeds

    async def resync(self) -> None:
        """After a (re)connect the venue is the truth: its active orders, money and positions replace what
        the stores kept. An order still shown as working that the venue no longer lists (the venue restarted,
        or it ended while nobody was listening) is marked so; orders in flight (pending, unknown) are left to
        order entry."""
        known = self.stores.orders.working(self.venue)  # orders placed from now on are not judged here
        try:
            # Each read is taken in as soon as it is answered: a venue that pushes money, positions or order
            # changes (CHP) may push newer figures while a later read is awaited, and an older snapshot must
            # not replace them.
            active = await self.trading.active_orders()
            orders = self.stores.orders
            orders.retire_missing(known, {o.order_id for o in active})
            # an order the feeds have meanwhile seen end never comes back to life
            orders.upsert_many(o for o in active if not _ended(orders.find(self.venue, o.order_id)))
            self.stores.accounts.set_balances(self.venue, await self.trading.balances())
            if self.capabilities.positions:
                self.stores.positions.set_positions(self.venue, await self.trading.positions())
        except (VenueError, TransportError) as exc:
            log.warning("%s: the account was not re-read after connecting: %s", self.venue, exc)

    async def logout(self) -> None:
        was_connected = self.connected
        await self._stop_feeds()
        if was_connected:
            with contextlib.suppress(VenueError, TransportError):
                await self._logout()
            self._set_state(ConnectionState.DISCONNECTED)
            self._forget_account()
            self.logged_out.emit()

    async def aclose(self) -> None:
        await self.logout()

    def _forget_account(self) -> None:
        """What the session told of the account goes with it (its orders stay, as the user last saw them)."""
        self.stores.accounts.clear(self.venue)
        self.stores.positions.clear(self.venue)
        self.stores.fills.clear(self.venue)

    # --- feeds ----------------------------------------------------------------------------------------------
    def run(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """A feed that lives as long as the login; an auth failure in it asks for a new login."""
        task = spawn(self._guarded(coro, name), name=f"{self.venue} {name}")
        task.add_done_callback(lambda _task: coro.close())  # a feed cancelled before it began never ran
        self._tasks.append(task)
        return task

    def follow(
        self, name: str, open_stream: Callable[[], AsyncIterator[T]], on_item: Callable[[T], object]
    ) -> asyncio.Task[Any]:
        """Follow ``open_stream()`` for as long as the login lasts, reopening it after a failure."""
        return self.run(
            follow_stream(
                open_stream,
                on_item,
                backoff=self.feed_backoff,
                on_error=lambda exc, delay: self._feed_failed(name, exc, delay),
                on_success=self._feed_ok,
            ),
            name,
        )

    def poll(
        self,
        name: str,
        round_: Callable[[], Awaitable[object]],
        interval: float,
        *,
        wake: asyncio.Event | None = None,
    ) -> asyncio.Task[Any]:
        """``await round_()`` every ``interval`` s for as long as the login lasts (and at once after ``wake``
        is set)."""
        return self.run(
            poll_forever(
                round_,
                interval,
                backoff=self.feed_backoff,
                on_error=lambda exc, delay: self._feed_failed(name, exc, delay),
                on_success=self._feed_ok,
                wake=wake,
            ),
            name,
        )

    def _feed_failed(self, name: str, exc: Exception, delay: float) -> None:
        if isinstance(exc, AuthError):
            raise exc
        if isinstance(exc, TransportError):
            self.note_transport(exc)
            log.warning("%s %s: %s (next try in %.1f s)", self.venue, name, exc, delay)
        elif isinstance(exc, VenueError):
            self.note_transport(None)  # the venue answered: the connection is fine
            log.warning("%s %s refused: %s", self.venue, name, exc)
        else:
            log.error("%s %s: unexpected failure; the feed goes on", self.venue, name, exc_info=exc)

    def _feed_ok(self) -> None:
        self.note_transport(None)

    async def _guarded(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        try:
            await coro
        except AuthError as exc:
            log.warning("%s: session refused while %s: %s", self.venue, name, exc)
            self.session_lost(exc.message)

    def session_lost(self, detail: str) -> None:
        """The venue refused the session: the light turns red, the user is asked to log in again."""
        self._set_state(ConnectionState.FAILED, detail)
        self.relogin_required.emit(RELOGIN_MESSAGE)
        spawn(self._stop_feeds(), name=f"{self.venue} stop feeds")

    async def _stop_feeds(self) -> None:
        """Cancels until every feed has ended: Python 3.11's ``asyncio.wait_for`` swallows a cancel that
        arrives as its inner future completes, and awaiting such a task once would hang the logout."""
        current = asyncio.current_task()
        tasks, self._tasks = [t for t in self._tasks if t is not current], []
        while running := [task for task in tasks if not task.done()]:
            for task in running:
                task.cancel()
            await asyncio.wait(running, timeout=STOP_RETRY_S)

    def note_transport(self, exc: TransportError | None) -> None:
        """Feeds call this after each round: a transport failure turns the light amber, success green."""
        if exc is not None and self._state is ConnectionState.CONNECTED:
            self._set_state(ConnectionState.DEGRADED, str(exc))
        elif exc is None and self._state is ConnectionState.DEGRADED:
            self._set_state(ConnectionState.CONNECTED)

    # --- order books and ticks ------------------------------------------------------------------------------
    def order_books(self, instrument: InstrumentId, depth: int) -> AsyncIterator[OrderBook]:
        """A venue whose book is polled: snapshots every ``BOOK_POLL_INTERVAL`` s, yielded when they change.
        A venue that pushes its book overrides this."""
        if self.capabilities.order_book is BookSource.NONE:
            raise NotImplementedError(f"{self.venue} has no order book")
        return _polled_books(self.market_data.order_book, instrument, depth, BOOK_POLL_INTERVAL)

    def ticks(self, instrument: InstrumentId) -> AsyncIterator[Tick]:
        return self.market_data.ticks(instrument)

    # --- quotes: one feed over the union of what the panels show --------------------------------------------
    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        wanted = frozenset(i for i in instruments if i.venue == self.venue)
        if self._quote_subscribers.get(owner) == wanted:
            return
        self._quote_subscribers[owner] = wanted
        self._sync_quotes()

    def unsubscribe_quotes(self, owner: object) -> None:
        if self._quote_subscribers.pop(owner, None) is not None:
            self._sync_quotes()

    def subscribed(self) -> frozenset[InstrumentId]:
        return frozenset().union(*self._quote_subscribers.values())

    def _sync_quotes(self) -> None:
        """Start, change or end the quote feeds to follow :meth:`subscribed` (while logged in)."""

    def _put_quote(self, quote: Quote) -> None:
        self.stores.quotes.put(quote)

    # --- per venue ------------------------------------------------------------------------------------------
    async def _login(self, login: str, password: str) -> None:
        raise NotImplementedError

    async def _logout(self) -> None:
        raise NotImplementedError

    def _start_feeds(self) -> None:
        raise NotImplementedError


def _ended(order: Order | None) -> bool:
    return order is not None and order.status.is_final


async def _polled_books(
    fetch: Callable[[InstrumentId, int], Awaitable[OrderBook]],
    instrument: InstrumentId,
    depth: int,
    interval: float,
) -> AsyncIterator[OrderBook]:
    """``fetch`` every ``interval`` seconds; yields a book only when its levels changed."""
    shown: tuple[object, object] | None = None
    while True:
        book = await fetch(instrument, depth)
        if (book.bids, book.asks) != shown:
            shown = (book.bids, book.asks)
            yield book
        await asyncio.sleep(interval)
