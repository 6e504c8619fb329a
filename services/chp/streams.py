"""CHP's polled event queues as async iterators.

The server queues events per token for what was registered with Listen*; Update*/Add*/Set* drain them for
every registered symbol (or portfolio) at once. A :class:`Feed` therefore owns one queue kind for the whole
session: it keeps a reference count per symbol (Listen* on the first watcher, Cancel* after the last), polls
its drain calls at ``PollRate.fastest`` while events come and backs off to ``PollRate.slowest`` when idle, and
hands each row to the watchers of its symbol. When a drain fails in transport or the token is refused, the
session recovers (Auth/Reconnection, the state callback hears DEGRADED) and the feed registers its symbols
again in the new generation. A failure the session cannot recover from reaches every watcher: streams raise
it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncGenerator, Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from services.chp.client import ChpClient, failure_codes
from services.chp.schemas import (
    BidAskRow,
    ErrorCode,
    OrderRow,
    OwnTradeRow,
    PortfolioStateRow,
    PositionRow,
    QuoteRow,
    TickRow,
)
from services.chp.session import ChpConnection, SessionClosed
from services.errors import AuthError, TransportError, VenueError

log = logging.getLogger("tessera.chp")

RowT = TypeVar("RowT")
Drain = Callable[[], Awaitable[Sequence[Any]]]
PortfolioEvent = OrderRow | OwnTradeRow | PositionRow | PortfolioStateRow


@dataclass(frozen=True, slots=True)
class PollRate:
    fastest: float = 0.1  # seconds between drains while events come
    slowest: float = 1.0  # ... after a run of empty drains
    factor: float = 2.0

    def next(self, interval: float, got_rows: bool) -> float:
        return self.fastest if got_rows else min(max(interval, self.fastest) * self.factor, self.slowest)


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        self.error = error


class Watch(Generic[RowT]):
    """A registration with a feed; :meth:`close` ends it (Cancel* for symbols nobody else watches)."""

    def __init__(self, feed: Feed[RowT], keys: frozenset[str], on_row: Callable[[RowT], None],
                 on_error: Callable[[Exception], None]) -> None:
        self.feed = feed
        self.keys = keys
        self.on_row = on_row
        self.on_error = on_error
        self.closed = False

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.feed._unwatch(self)


class Feed(Generic[RowT]):
    def __init__(self, session: ChpConnection, name: str, *, listen: Callable[[str], Awaitable[Any]],
                 cancel: Callable[[str], Awaitable[Any]], drains: Sequence[Drain], key: Callable[[RowT], str],
                 rate: PollRate | None = None, keep_latest: bool = False) -> None:
        self.session = session
        self.name = name
        self.rate = rate or PollRate()
        self._listen = listen
        self._cancel = cancel
        self._drains = drains
        self._key = key
        self._watches: list[Watch[RowT]] = []
        self._refs: Counter[str] = Counter()
        self._listened: dict[str, int] = {}  # key -> session generation it was registered in
        self._lock = asyncio.Lock()  # Listen*/Cancel* one at a time
        self._task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._cycles = 0  # complete drain rounds so far
        self._in_cycle = False
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []
        # a state feed (quotes, books) keeps each key's rows of its latest drain for watchers that join later:
        # the server sends a symbol again only when it changes
        self._latest: dict[str, list[RowT]] | None = {} if keep_latest else None
        # called when a drain's answer was lost after it left: the rows it took from the server are gone
        self.on_lost: Callable[[], None] | None = None

    # ------------------------------------------------------------------------------------------ watching
    async def watch(self, keys: Collection[str], on_row: Callable[[RowT], None],
                    on_error: Callable[[Exception], None]) -> Watch[RowT]:
        """Registers ``keys`` (Listen* for those not yet registered, recovering the session first if need be;
        a refusal is raised here) and starts polling; rows of those keys go to ``on_row``, a failure that ends
        the feed to ``on_error``."""
        watch = Watch(self, frozenset(keys), on_row, on_error)
        self._refs.update(watch.keys)
        try:
            while True:
                generation = self.session.generation
                try:
                    await self._listen_missing(watch.keys)
                    break
                except (AuthError, TransportError) as exc:  # the session was lost: the symbol was not refused
                    await self.session.recover(generation, exc)
        except BaseException:
            self._refs.subtract(watch.keys)
            self._drop_unreferenced(watch.keys)
            raise
        self._watches.append(watch)
        latest = self._latest or {}
        for key in watch.keys:
            for row in latest.get(key, []):
                on_row(row)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=f"chp-{self.name}")
        return watch

    async def stream(self, keys: Collection[str]) -> AsyncGenerator[RowT, None]:
        """The rows of ``keys`` as they come; closing the iterator (or cancelling its task) unsubscribes."""
        queue: asyncio.Queue[RowT | _Failed] = asyncio.Queue()
        watch = await self.watch(keys, queue.put_nowait, lambda error: queue.put_nowait(_Failed(error)))
        try:
            while True:
                item = await queue.get()
                if isinstance(item, _Failed):
                    raise item.error
                yield item
        finally:
            watch.close()

    def _unwatch(self, watch: Watch[RowT]) -> None:
        if watch in self._watches:
            self._watches.remove(watch)
        self._refs.subtract(watch.keys)
        gone = self._drop_unreferenced(watch.keys)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # finalized after its loop closed: the session is gone anyway
            return
        if gone:
            task = loop.create_task(self._cancel_keys(gone))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    def _drop_unreferenced(self, keys: Collection[str]) -> list[str]:
        gone = [k for k in keys if self._refs[k] <= 0]
        for k in gone:
            del self._refs[k]
            if self._latest is not None:
                self._latest.pop(k, None)
        return gone

    async def _cancel_keys(self, keys: list[str]) -> None:
        async with self._lock:
            for key in keys:
                if self._refs[key] > 0 or self._listened.pop(key, None) is None:
                    continue
                try:
                    await self._cancel(key)
                except (TransportError, VenueError) as exc:  # the session may be gone: nothing left to cancel
                    log.debug("chp %s: cancel %s failed: %s", self.name, key, exc)

    async def _listen_missing(self, keys: Collection[str]) -> None:
        async with self._lock:
            generation = self.session.generation
            for key in keys:
                if self._listened.get(key) == generation or self._refs[key] <= 0:
                    continue
                try:
                    await self._listen(key)
                except VenueError as exc:
                    if isinstance(exc, AuthError) or ErrorCode.ALREADY_SUBSCRIBED not in failure_codes(exc):
                        raise
                self._listened[key] = generation

    # ------------------------------------------------------------------------------------------ polling
    def poke(self) -> None:
        """Drain now instead of after the current pause."""
        self._wake.set()

    async def sync(self, timeout: float = 10.0) -> None:
        """Waits until a full drain round that started after this call has been handed out (no-op when nothing
        is watched). Raises TransportError when none completes within ``timeout``."""
        if not self._watches:
            return
        target = self._cycles + (2 if self._in_cycle else 1)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((target, future))
        self.poke()
        try:
            async with asyncio.timeout(timeout):  # (wait_for may swallow a cancel on 3.11)
                await asyncio.shield(future)
        except TimeoutError:
            raise TransportError(
                "chp", "no {name} update in {seconds} s", name=self.name, seconds=f"{timeout:g}"
            ) from None
        finally:
            if (target, future) in self._waiters:
                self._waiters.remove((target, future))

    async def close(self) -> None:
        """Stops polling (the session is going away): every watcher hears SessionClosed, so streams end."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for task in list(self._background):
            task.cancel()
        self._fail(SessionClosed())

    async def _run(self) -> None:
        interval = self.rate.fastest
        while self._watches:
            generation = self.session.generation
            got_rows = False
            self._in_cycle = True
            try:
                await self._listen_missing(list(self._refs))
                for drain in self._drains:
                    rows = await drain()
                    got_rows = got_rows or bool(rows)
                    self._dispatch(rows)
                self.session.healthy()
                self._cycle_done()
            except (AuthError, TransportError) as exc:
                self._in_cycle = False
                if isinstance(exc, TransportError) and exc.outcome_unknown and self.on_lost is not None:
                    self.on_lost()
                try:
                    await self.session.recover(generation, exc)
                except (TransportError, VenueError) as fatal:
                    self._fail(fatal)
                    return
                continue
            except VenueError as exc:  # refused, session intact: say so, keep polling
                self.session.report(exc)
                got_rows = False
            finally:
                self._in_cycle = False
            interval = self.rate.next(interval, got_rows)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await self._wake.wait()

    def _dispatch(self, rows: Sequence[RowT]) -> None:
        if self._latest is not None:
            fresh: dict[str, list[RowT]] = {}
            for row in rows:
                fresh.setdefault(self._key(row), []).append(row)
            self._latest.update((k, v) for k, v in fresh.items() if k in self._refs)
        for row in rows:
            key = self._key(row)
            for watch in list(self._watches):
                if key in watch.keys:
                    try:
                        watch.on_row(row)
                    except Exception:  # one broken consumer must not starve the others
                        log.exception("chp %s: a consumer failed on a row", self.name)

    def _cycle_done(self) -> None:
        self._cycles += 1
        for target, future in list(self._waiters):
            if target <= self._cycles and not future.done():
                future.set_result(None)

    def _fail(self, error: Exception) -> None:
        for watch in list(self._watches):
            watch.on_error(error)
        for _target, future in self._waiters:
            if not future.done():
                future.set_exception(error)
        self._waiters.clear()
        self._listened.clear()


@dataclass(frozen=True, slots=True)
class ChpFeeds:
    """The four event queues of a session."""

    quotes: Feed[QuoteRow]
    ticks: Feed[TickRow]
    bid_asks: Feed[BidAskRow]
    portfolio: Feed[PortfolioEvent]  # AddTrade, UpdateOrder, UpdatePosition, SetPortfolio (in that order)

    @classmethod
    def create(cls, client: ChpClient, session: ChpConnection, rate: PollRate | None = None) -> ChpFeeds:
        def symbol(row: QuoteRow | TickRow | BidAskRow) -> str:
            return row.symbol

        def portfolio(row: PortfolioEvent) -> str:
            return row.portfolio

        return cls(
            quotes=Feed(session, "quotes", listen=client.listen_quotes, cancel=client.cancel_quotes,
                        drains=[client.update_quote], key=symbol, rate=rate, keep_latest=True),
            ticks=Feed(session, "ticks", listen=client.listen_ticks, cancel=client.cancel_ticks,
                       drains=[client.add_tick], key=symbol, rate=rate),
            bid_asks=Feed(session, "bid-asks", listen=client.listen_bid_asks, cancel=client.cancel_bid_asks,
                          drains=[client.update_bid_ask], key=symbol, rate=rate, keep_latest=True),
            portfolio=Feed(session, "portfolio", listen=client.listen_portfolio,
                           cancel=client.cancel_portfolio, key=portfolio, rate=rate,
                           drains=[client.add_trade, client.update_order, client.update_position,
                                   client.set_portfolio]),
        )

    def all(self) -> tuple[Feed[Any], ...]:
        return (self.quotes, self.ticks, self.bid_asks, self.portfolio)

    async def close(self) -> None:
        for feed in self.all():
            await feed.close()
