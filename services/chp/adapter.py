"""``ChpVenue``: the ITI Capital stock broker (CHP_Rest) as a TradingVenue, MarketDataFeed and
VenueConnection.

Instruments are ``InstrumentId(venue="chp", market=<sec_exch_name or "MOEX">, symbol)``; the account of an
order, position or balance is the portfolio name. Everything live (quotes, ticks, books, orders, fills,
positions, money) comes from the session's polled event queues (:mod:`services.chp.streams`); reads of orders,
positions and balances are answered from :class:`~services.chp.portfolio.PortfolioBook` after one fresh drain.
Orders carry a unique cookie and are reconciled by it (UpdateOrder events, then GetMyPortfolioData);
Order/Place is never resent.

Connection states (callback ``on_state(state, error)``): CONNECTED at Auth/Connected, DEGRADED while a
transport failure or a refused token is being recovered by Auth/Reconnection (exponential backoff), CONNECTED
again with every subscription restored and the portfolio caught up from GetMyPortfolioData, FAILED when the
credentials are refused, DISCONNECTED at Auth/Disconnected.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from services.chp.client import ChpClient, Cookies, failure_codes
from services.chp.convert import (
    ACTIONS,
    CURRENCY,
    VENUE,
    WIRE_TYPES,
    BookBuilder,
    Symbols,
    bar,
    wire_action,
    wire_interval,
    wire_validity,
)
from services.chp.portfolio import Change, PortfolioBook
from services.chp.schemas import (
    ErrorCode,
    MyPortfolioData,
    PortfolioDataMode,
    PortfolioRow,
    PortfolioStateRow,
    PositionRow,
)
from services.chp.session import ChpConnection, StateCallback
from services.chp.streams import ChpFeeds, PollRate, PortfolioEvent, Watch
from services.domain import (
    AccountSummary,
    Balance,
    Bar,
    BarArrays,
    BarInterval,
    ConnectionState,
    Fill,
    Instrument,
    InstrumentId,
    Order,
    OrderBook,
    OrderRequest,
    OrderStatus,
    Position,
    Quote,
    Tick,
    utc_now,
)
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.http import VenueHttp
from services.retry import Backoff

log = logging.getLogger("tessera.chp")
T = TypeVar("T")
HISTORY_PAGE = 100
FIRST_BOOK_TIMEOUT = 10.0
# After Order/Move or a market order's Order/Place answered: how long the call waits for the portfolio
# drain that shows the new price or the fill. A limit order's Place and a Cancel do not wait: their answer
# settles the outcome, and the order feed (poked at once) tells the rest, so a slow drain never holds the
# user up.
AFTER_ACTION_SYNC_S = 1.0
CATCH_UP_BACKOFF = Backoff(first=0.5, longest=5.0)


class ChpVenue:
    venue = VENUE

    def __init__(self, http: VenueHttp, server_token: str, *, rate: PollRate | None = None,
                 backoff: Backoff | None = None, on_state: StateCallback | None = None,
                 on_account: Callable[[], None] | None = None,
                 sync_timeout: float = 10.0, cookies: Cookies | None = None) -> None:
        self.client = ChpClient(http, cookies)
        self.session = ChpConnection(self.client, server_token, on_state=self._state_changed, backoff=backoff)
        self.feeds = ChpFeeds.create(self.client, self.session, rate)
        self.on_state = on_state
        self.on_account = on_account  # called when a portfolio event changed money or positions
        self.sync_timeout = sync_timeout
        self.symbols = Symbols()
        self.book = PortfolioBook(self.symbols)
        self.portfolios: list[PortfolioRow] = []
        self._portfolio_watch: Watch[PortfolioEvent] | None = None
        self._order_queues: set[asyncio.Queue[Order]] = set()
        self._fill_queues: set[asyncio.Queue[Fill]] = set()
        self._background: set[asyncio.Task[None]] = set()
        self._degraded = False
        self._placed_in: dict[str, str] = {}  # client id -> the portfolio its order was placed in
        self._catching_up: asyncio.Task[None] | None = None
        self._catch_up_again = False
        self.feeds.portfolio.on_lost = self._request_catch_up

    # ------------------------------------------------------------------------------------------ session
    @property
    def state(self) -> ConnectionState:
        return self.session.state

    async def connect(self, login: str, secret: str) -> None:
        """Auth/Connected, then the instrument and portfolio lists, and every portfolio watched."""
        await self.session.open(login, secret)
        self.book.reset()
        try:
            self.symbols.rows = {row.symbol: row for row in await self.client.get_symbols()}
            self.portfolios = await self.client.get_portfolio_list()
            for row in self.portfolios:
                self.book.catch_up(await self.client.get_my_portfolio_data(row.name), report=False)
            self._portfolio_watch = await self.feeds.portfolio.watch(
                [row.name for row in self.portfolios], self._portfolio_event, self._portfolio_failed)
        except BaseException:
            await self.disconnect()
            raise

    async def disconnect(self) -> None:
        if self._portfolio_watch is not None:
            self._portfolio_watch.close()
            self._portfolio_watch = None
        await self.feeds.close()
        for task in list(self._background):
            task.cancel()
        await self.session.close()

    async def ping(self) -> float:
        started = time.perf_counter()
        await self._authorised(self.client.get_portfolio_list)
        return time.perf_counter() - started

    def _state_changed(self, state: ConnectionState, error: Exception | None) -> None:
        if state is ConnectionState.DEGRADED:
            self._degraded = True
        elif state is ConnectionState.CONNECTED and self._degraded:
            self._degraded = False
            self._request_catch_up()  # events drained into a lost answer are found again
        if self.on_state is not None:
            self.on_state(state, error)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _request_catch_up(self) -> None:
        """Portfolio events may have been lost (a drain's answer, a session): read the portfolios' history.
        One catch-up at a time; a request while one runs makes it run once more after."""
        if self._catching_up is not None and not self._catching_up.done():
            self._catch_up_again = True
            return
        task = asyncio.get_running_loop().create_task(self._catch_up_until_current())
        self._catching_up = task
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _catch_up_until_current(self) -> None:
        while True:
            self._catch_up_again = False
            await self._catch_up()
            if not self._catch_up_again:
                return

    async def _catch_up(self) -> None:
        """What the events lost with a failed drain would have said, from GetMyPortfolioData of every
        portfolio; asked again (backing off) until every portfolio has answered."""
        pending = [row.name for row in self.portfolios]
        for delay in CATCH_UP_BACKOFF.delays():
            for portfolio in list(pending):
                try:
                    await self._history(portfolio)
                    pending.remove(portfolio)
                except (TransportError, VenueError) as exc:
                    log.warning("chp: catching up %s failed: %s (again in %.1f s)", portfolio, exc, delay)
            if not pending:
                return
            await asyncio.sleep(delay)

    # --------------------------------------------------------------------------------------- portfolio events
    def _portfolio_event(self, event: PortfolioEvent) -> None:
        self._publish(self.book.apply(event))
        if isinstance(event, PositionRow | PortfolioStateRow) and self.on_account is not None:
            self.on_account()

    def _portfolio_failed(self, error: Exception) -> None:
        log.warning("chp: portfolio events stopped: %s", error)

    def _publish(self, changes: Sequence[Change]) -> None:
        for change in changes:
            queues = self._order_queues if isinstance(change, Order) else self._fill_queues
            for queue in queues:
                queue.put_nowait(change)  # type: ignore[arg-type]  # the queue set matches the change's type

    async def _authorised(self, call: Callable[[], Awaitable[T]]) -> T:
        """Runs ``call``; when the token was refused (it expired, the server restarted), recovers the session
        and runs it once more: a refused token means the server did nothing, so even an order may be
        resent."""
        generation = self.session.generation
        try:
            return await call()
        except AuthError as exc:
            if ErrorCode.BAD_TOKEN not in failure_codes(exc):
                raise
            await self.session.recover(generation, exc)
            return await call()

    async def _history(self, portfolio: str) -> MyPortfolioData:
        """GetMyPortfolioData (all orders) of ``portfolio``, taken into the book; changes go to the
        streams."""
        data = await self._authorised(
            lambda: self.client.get_my_portfolio_data(portfolio, PortfolioDataMode.ALL))
        self._publish(self.book.catch_up(data, report=True))
        return data

    async def _fresh(self, timeout: float | None = None) -> None:
        """One portfolio drain after now, so reads see what the server knows."""
        await self.feeds.portfolio.sync(self.sync_timeout if timeout is None else timeout)

    def _portfolio(self, account: str) -> str:
        if account:
            if account not in {row.name for row in self.portfolios}:
                raise RejectedInput("account", "unknown portfolio {account}", account=account)
            return account
        if not self.portfolios:
            raise RejectedInput("account", "no portfolio (not connected?)")
        return self.portfolios[0].name

    # ------------------------------------------------------------------------------------------ TradingVenue
    async def instruments(self) -> Sequence[Instrument]:
        if not self.symbols.rows:
            self.symbols.rows = {row.symbol: row for row in await self._authorised(self.client.get_symbols)}
        return [self.symbols.instrument(row) for row in self.symbols.rows.values()]

    async def place_order(self, request: OrderRequest) -> Order:
        _check_instrument(request.instrument)
        portfolio = self._portfolio(request.account)
        kind = WIRE_TYPES[request.type]
        if request.type.has_price and request.price is None:
            raise RejectedInput("price", "a limit price is required")
        if request.type.has_stop and request.stop_price is None:
            raise RejectedInput("stop_price", "a stop price is required")
        cookie = self._cookie(request.client_id)
        self._placed_in[request.client_id] = portfolio
        action = wire_action(request.action, request.side)
        result = await self._authorised(lambda: self.client.place_order(
            portfolio, request.instrument.symbol, action, kind,
            request.quantity, validity=wire_validity(request.time_in_force), price=request.price,
            stop=request.stop_price, cookie=cookie,
        ))
        if request.type.has_price:  # a limit order rests: the order feed, poked now, tells what follows
            self.feeds.portfolio.poke()
        else:  # a market order fills at once: the answer the user waits for is the fill, so wait for it
            with contextlib.suppress(TransportError):
                await self._fresh(AFTER_ACTION_SYNC_S)
        known = self.book.orders.get(result.order_id) or self.book.order_by_cookie(cookie)
        if known is not None:
            return known
        return Order(order_id=result.order_id, instrument=request.instrument, side=request.side,
                     type=request.type, quantity=request.quantity, status=OrderStatus.NEW,
                     price=request.price, stop_price=request.stop_price, client_id=request.client_id,
                     time_in_force=request.time_in_force, action=ACTIONS[action], account=portfolio,
                     created=utc_now())

    def _cookie(self, client_id: str) -> int:
        """The cookie of an order: the client id itself when it is a 31-bit number, else a fresh one."""
        if client_id.isdigit() and 0 < int(client_id) < Cookies.LIMIT:
            return int(client_id)
        cookie = self.client.cookies.next()
        self.book.remember_client_id(cookie, client_id)
        return cookie

    async def cancel_order(self, order: Order) -> Order | None:
        portfolio = order.account or self._portfolio("")
        result = await self._authorised(
            lambda: self.client.cancel_order(portfolio, order.instrument.symbol, order.order_id))
        if not result.result:
            raise VenueError(VENUE, None, "order {id} was not canceled", fields={"id": order.order_id})
        self.feeds.portfolio.poke()
        return None  # Order/Cancel answers only true/false: the book's own update says how it ended

    async def modify_order(self, order: Order, price: object = None, quantity: object = None) -> Order:
        """Order/Move re-prices an order (for a stop order waiting for its trigger: moves the stop). CHP
        cannot change an order's amount."""
        if quantity is not None and Decimal(str(quantity)) != order.quantity:
            raise RejectedInput("quantity", "CHP can only move an order's price")
        if price is None:
            raise RejectedInput("price", "a new price is required")
        portfolio, target = order.account or self._portfolio(""), Decimal(str(price))
        result = await self._authorised(
            lambda: self.client.move_order(portfolio, order.instrument.symbol, order.order_id, target))
        if not result.result:
            raise VenueError(VENUE, None, "order {id} was not moved", fields={"id": order.order_id})
        with contextlib.suppress(TransportError):
            await self._fresh(AFTER_ACTION_SYNC_S)
        return self.book.orders.get(order.order_id, order)

    async def active_orders(self) -> Sequence[Order]:
        await self._fresh()
        return [o for o in self.book.orders.values() if o.status.is_active]

    async def order_history(self, start: datetime, end: datetime, page: int = 0,
                            page_size: int | None = None) -> Sequence[Order]:
        page_size = page_size or HISTORY_PAGE
        orders: list[Order] = []
        for row in self.portfolios:
            data = await self._history(row.name)
            orders.extend(self.book.orders[o.order_id] for o in data.orders if start <= o.datetime < end)
        orders.sort(key=lambda o: o.updated or start, reverse=True)
        return orders[page * page_size:(page + 1) * page_size]

    async def cancel_all(self, counterparties: Sequence[str]) -> list[str]:
        """CHP has no call that cancels every order (``VenueRules.cancel_all`` is False)."""
        raise RejectedInput("order", "CHP cancels orders one by one")

    async def find_order(self, client_id: str, placed_after: datetime) -> Order | None:
        """By cookie (unique per order, so ``placed_after`` is not needed): in the UpdateOrder events
        already drained first, then in GetMyPortfolioData of the portfolio it was placed in (of every
        portfolio, if not ours), asked directly rather than after waiting for a drain."""
        cookies = self.book.cookies_of(client_id)
        for cookie in cookies:
            if (order := self.book.order_by_cookie(cookie)) is not None:
                return order
        placed_in = self._placed_in.get(client_id)
        for portfolio in [placed_in] if placed_in else [row.name for row in self.portfolios]:
            await self._history(portfolio)
        return next((o for c in cookies if (o := self.book.order_by_cookie(c)) is not None), None)

    async def balances(self) -> Sequence[Balance]:
        await self._fresh()
        return list(self.book.balances.values())

    async def positions(self) -> Sequence[Position]:
        await self._fresh()
        return [p for p in self.book.positions.values() if p.quantity != 0]

    async def account_summary(self) -> AccountSummary | None:
        await self._fresh()
        return self.summary() if self.book.balances else None

    def summary(self, last_price: Callable[[InstrumentId], Decimal | None] = lambda _i: None
                ) -> AccountSummary:
        """Money and holdings as the book has them, each position at ``last_price`` (a live quote), else at
        the venue's market price, else at its average price: the one valuation of a CHP account."""
        money = sum((b.total for b in self.book.balances.values()), Decimal(0))
        on_orders = sum((b.used for b in self.book.balances.values()), Decimal(0))
        holdings = Decimal(0)
        for p in self.book.positions.values():
            holdings += p.quantity * (last_price(p.instrument) or p.market_price or p.average_price)
        return AccountSummary(venue=VENUE, currency=CURRENCY, estimated_value=money + holdings,
                              available_value=money - on_orders, on_orders=on_orders)

    def fills(self) -> AsyncIterator[Fill]:
        return _drain_queue(self._fill_queues)

    def order_updates(self) -> AsyncIterator[Order]:
        return _drain_queue(self._order_queues)

    # ----------------------------------------------------------------------------------------- MarketDataFeed
    async def bars(self, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
                   ) -> Sequence[Bar]:
        """GetBars with a positive count (walks back from ``since``). ``since`` is ``end`` less a millisecond
        (bars open before ``end``), or a day ahead for "up to now" so a server clock ahead of ours loses
        nothing."""
        _check_instrument(instrument)
        if count <= 0:
            return []
        since = end - timedelta(milliseconds=1) if end is not None else utc_now() + timedelta(days=1)
        rows = await self._authorised(
            lambda: self.client.get_bars(instrument.symbol, wire_interval(interval), since, count))
        bars = sorted((bar(row) for row in rows), key=lambda b: b.time)
        if end is not None:
            bars = [b for b in bars if b.time < end]
        return bars[-count:]

    async def bar_arrays(self, instrument: InstrumentId, interval: BarInterval, end: datetime | None,
                         count: int) -> BarArrays:
        return BarArrays.of(await self.bars(instrument, interval, end, count))

    async def order_book(self, instrument: InstrumentId, depth: int = 20) -> OrderBook:
        stream = self.order_books(instrument, depth)
        try:
            return await asyncio.wait_for(anext(stream), FIRST_BOOK_TIMEOUT)
        except TimeoutError:
            raise TransportError(VENUE, "no order book for {symbol}", symbol=instrument.symbol) from None
        finally:
            await stream.aclose()

    async def order_books(self, instrument: InstrumentId, depth: int = 20) -> AsyncGenerator[OrderBook, None]:
        _check_instrument(instrument)
        builder = BookBuilder(self.symbols)
        async with contextlib.aclosing(self.feeds.bid_asks.stream([instrument.symbol])) as rows:
            async for row in rows:
                book = builder.add(row)
                if book is not None:
                    yield OrderBook(book.instrument, book.bids[:depth], book.asks[:depth], book.time)

    async def quotes(self, instruments: Sequence[InstrumentId]) -> AsyncIterator[Quote]:
        for instrument in instruments:
            _check_instrument(instrument)
        async with contextlib.aclosing(self.feeds.quotes.stream([i.symbol for i in instruments])) as rows:
            async for row in rows:
                yield self.symbols.quote(row)

    async def ticks(self, instrument: InstrumentId) -> AsyncIterator[Tick]:
        _check_instrument(instrument)
        async with contextlib.aclosing(self.feeds.ticks.stream([instrument.symbol])) as rows:
            async for row in rows:
                yield self.symbols.tick(row)


def _check_instrument(instrument: InstrumentId) -> None:
    if instrument.venue != VENUE:
        raise RejectedInput("instrument", "{instrument} is not a CHP instrument", instrument=instrument)


async def _drain_queue(queues: set[asyncio.Queue[T]]) -> AsyncIterator[T]:
    queue: asyncio.Queue[T] = asyncio.Queue()
    queues.add(queue)
    try:
        while True:
            yield await queue.get()
    finally:
        queues.discard(queue)

