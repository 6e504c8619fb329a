"""The CHP (ITI Capital stock broker) session in the app: login, instruments, portfolios, and the feeds that
fill the stores.

The adapter (:class:`services.chp.adapter.ChpVenue`) owns the connection state machine: it recovers a lost
session with Auth/Reconnection (backing off) and restores every subscription itself. Its state callback is
therefore the truth for the status light: DEGRADED (amber) while it reconnects, CONNECTED (green) again
after; the pollers here never change the light on their own (``note_transport`` is a no-op).

What flows where: orders (UpdateOrder events and GetMyPortfolioData) into the OrderStore under venue
``chp``; money of each portfolio (SetPortfolio) into the AccountStore as one RUB balance per portfolio plus a
summary; quotes of what the panels ask for (``subscribe_quotes``) into the QuoteStore; positions and the
user's fills are kept here (``positions``, ``fills_of``) with their own change signals.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from decimal import Decimal

import httpx
from PySide6.QtCore import QObject, Signal

from app.tasks import spawn
from app.trading.sessions import VenueSessionModel, resilient, resilient_stream
from app.trading.stores import AccountStore, OrderStore, QuoteStore
from services.chp.adapter import ChpVenue
from services.chp.convert import CURRENCY
from services.chp.schemas import PortfolioRow
from services.chp.session import Backoff
from services.chp.streams import PollRate
from services.domain import (
    AccountSummary,
    Balance,
    ConnectionState,
    Fill,
    Instrument,
    InstrumentId,
    OrderStatus,
    Position,
)
from services.errors import TransportError
from services.http import Timeouts, VenueHttp

log = logging.getLogger("tessera.chp")

ACCOUNT_INTERVAL = 1.0  # s between reads of money and positions (answered from the event book)
MAX_FILLS = 5000  # the newest fills kept for the charts' markers
STOP_RETRY_S = 0.2


class ChpSession(VenueSessionModel):
    """Owns the CHP adapter (also the stocks' MarketDataFeed: ``market_data``) and what it reports."""

    instrumentsLoaded = Signal()
    portfoliosChanged = Signal()
    positionsChanged = Signal()
    fillsChanged = Signal(list)  # [InstrumentId] whose fills changed

    venue = "chp"

    def __init__(
        self,
        base_url: str,
        server_token: str,
        orders: OrderStore,
        quotes: QuoteStore,
        accounts: AccountStore,
        *,
        poll_interval: float = ACCOUNT_INTERVAL,
        rate: PollRate | None = None,
        backoff: Backoff | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._http = VenueHttp(
            self.venue, base_url, transport=transport, timeouts=timeouts, on_latency=self.latencyMeasured.emit
        )
        self.adapter = ChpVenue(self._http, server_token, rate=rate, backoff=backoff, on_state=self._on_state)
        self.market_data = self.adapter  # ChpVenue is the stocks' MarketDataFeed too
        self.poll_interval = poll_interval
        self.orders = orders
        self.quotes = quotes
        self.accounts = accounts
        self.instruments: dict[InstrumentId, Instrument] = {}
        self._positions: dict[tuple[str, InstrumentId], Position] = {}
        self._fills: dict[InstrumentId, dict[str, Fill]] = {}  # instrument -> trade id -> fill
        self._quote_subscribers: dict[object, frozenset[InstrumentId]] = {}
        self._quote_tasks: dict[InstrumentId, asyncio.Task] = {}
        orders.ordersChanged.connect(self._settle_cancels)

    # --- what the panels read -------------------------------------------------------------------------------

    @property
    def portfolios(self) -> list[PortfolioRow]:
        """The user's portfolios (GetPortfolioList at login: name, exchange, status)."""
        return list(self.adapter.portfolios)

    def positions(self, portfolio: str | None = None) -> list[Position]:
        """Open positions (of ``portfolio``, or of all), without market prices (see the QuoteStore)."""
        return [p for (account, _), p in self._positions.items() if portfolio in (None, account)]

    def fills_of(self, instrument: InstrumentId) -> list[Fill]:
        """The user's fills of ``instrument`` known to this session, oldest first."""
        return sorted(self._fills.get(instrument, {}).values(), key=lambda f: f.time)

    # --- session lifecycle ----------------------------------------------------------------------------------

    async def _login(self, login: str, password: str) -> None:
        await self.adapter.connect(login, password)
        try:
            self.instruments = {i.id: i for i in await self.adapter.instruments()}
            await self._load_past_fills()
        except BaseException:
            await self.adapter.disconnect()
            raise
        self.instrumentsLoaded.emit()
        self.portfoliosChanged.emit()

    async def _load_past_fills(self) -> None:
        """The portfolios' trades so far (GetMyPortfolioData), for the charts' fill markers."""
        for row in self.adapter.portfolios:
            data = await self.adapter.client.get_my_portfolio_data(row.name)
            self._add_fills(self.adapter.symbols.my_fill(trade) for trade in data.trades)

    async def _logout(self) -> None:
        await self.adapter.disconnect()
        await asyncio.sleep(0)  # the feeds' cancelled unsubscriptions end now, not when the loop is gone

    def _start_pollers(self) -> None:
        self.run(resilient_stream(self, "orders", self.adapter.order_updates, self.orders.upsert), "orders")
        self.run(resilient_stream(self, "fills", self.adapter.fills, lambda f: self._add_fills([f])), "fills")
        self.run(resilient(self, "account", self._refresh_account, self.poll_interval), "account")
        # the orders known at login, and those the events changed before the stream started
        self.orders.upsert_many(self.adapter.book.orders.values())
        self._sync_quote_tasks()

    async def _stop_pollers(self) -> None:
        """Cancels until every poller has ended: Python 3.11's ``asyncio.wait_for`` (the adapter's drains
        and syncs) swallows a cancel that arrives as its inner future completes, and awaiting such a task
        would hang the logout."""
        self._quote_tasks.clear()  # their tasks are among the pollers
        current = asyncio.current_task()
        running = [task for task in self._tasks if task is not current]
        while running := [task for task in running if not task.done()]:
            for task in running:
                task.cancel()
            await asyncio.wait(running, timeout=STOP_RETRY_S)
        await super()._stop_pollers()

    async def logout(self) -> None:
        """Ends the session; what it told of the account (positions, fills) goes with it."""
        await super().logout()
        instruments = list(self._fills)
        self._positions.clear()
        self._fills.clear()
        self.positionsChanged.emit()
        if instruments:
            self.fillsChanged.emit(instruments)

    async def aclose(self) -> None:
        await super().aclose()
        await self._http.aclose()

    def note_transport(self, exc: TransportError | None) -> None:
        """The adapter's state machine drives the light (see the module docstring)."""

    def _on_state(self, state: ConnectionState, error: Exception | None) -> None:
        """The adapter's connection state, once logged in (login and logout set theirs themselves)."""
        if not self.connected or state is self.state:
            return
        if state is ConnectionState.CONNECTED:
            self._set_state(state)
        elif state is ConnectionState.DEGRADED:
            self._set_state(state, self.tr("reconnecting: {error}").format(error=error) if error else "")
        elif state is ConnectionState.FAILED:  # the credentials were refused while reconnecting
            self._set_state(state, str(error or ""))
            self.reloginRequired.emit(self.tr("CHP ended the session: please log in again."))
            spawn(self._stop_pollers(), name="chp stop pollers")

    # --- money, positions, fills ----------------------------------------------------------------------------

    async def _refresh_account(self) -> None:
        """Money and positions as the adapter's book has them (its portfolio feed keeps it current; asking
        the adapter would wait for one more drain each time); the summary values positions at market."""
        book = self.adapter.book
        balances = list(book.balances.values())
        self.accounts.set_balances(self.venue, balances)
        positions = {(p.account, p.instrument): p for p in book.positions.values() if p.quantity != 0}
        if positions != self._positions:
            self._positions = positions
            self.positionsChanged.emit()
        if balances:
            self.accounts.set_summary(self._summary(balances))

    def _summary(self, balances: list[Balance]) -> AccountSummary:
        money = sum((b.total for b in balances), Decimal(0))
        on_orders = sum((b.used for b in balances), Decimal(0))
        holdings = Decimal(0)
        for position in self._positions.values():
            quote = self.quotes.get(position.instrument)
            price = quote.last if quote is not None and quote.last is not None else position.average_price
            holdings += position.quantity * price
        return AccountSummary(
            venue=self.venue,
            currency=CURRENCY,
            estimated_value=money + holdings,
            available_value=money - on_orders,
            on_orders=on_orders,
        )

    def _settle_cancels(self, keys: list[str]) -> None:
        """OrderEntry marks an order CANCELING once the venue took the cancel, but Order/Cancel here returns
        after the portfolio drain that already reported the order canceled: the book's final state wins."""
        for key in keys:
            order = self.orders.get(key)
            if (
                order is None
                or order.instrument.venue != self.venue
                or order.status is not OrderStatus.CANCELING
            ):
                continue
            known = self.adapter.book.orders.get(order.order_id)
            if known is not None and known.status.is_final:
                self.orders.upsert(known)

    def _add_fills(self, fills: Iterable[Fill]) -> None:
        changed: dict[InstrumentId, None] = {}
        for fill in fills:
            known = self._fills.setdefault(fill.instrument, {})
            if fill.trade_id not in known:
                known[fill.trade_id] = fill
                changed[fill.instrument] = None
                if len(known) > MAX_FILLS:
                    del known[min(known, key=lambda k: known[k].time)]
        if changed:
            self.fillsChanged.emit(list(changed))

    # --- quotes: one stream per instrument over the union of what the panels show ---------------------------

    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        """``owner`` (a view-model) wants quotes of ``instruments``; replaces what it asked for before."""
        wanted = frozenset(i for i in instruments if i.venue == self.venue)
        if self._quote_subscribers.get(owner) == wanted:
            return
        self._quote_subscribers[owner] = wanted
        self._sync_quote_tasks()

    def unsubscribe_quotes(self, owner: object) -> None:
        if self._quote_subscribers.pop(owner, None) is not None:
            self._sync_quote_tasks()

    def subscribed(self) -> frozenset[InstrumentId]:
        return frozenset().union(*self._quote_subscribers.values())

    def _sync_quote_tasks(self) -> None:
        """A stream per wanted instrument (the adapter polls all of them in one UpdateQuote): instruments
        added start theirs (ListenQuotes), instruments dropped end theirs (CancelQuotes)."""
        wanted = self.subscribed() if self.connected else frozenset()
        self._tasks = [task for task in self._tasks if not task.done()]
        for instrument in set(self._quote_tasks) - wanted:
            self._quote_tasks.pop(instrument).cancel()
        for instrument in sorted(wanted - set(self._quote_tasks), key=str):
            self._quote_tasks[instrument] = self.run(
                resilient_stream(
                    self,
                    f"quotes {instrument}",
                    lambda i=instrument: self.adapter.quotes([i]),
                    self.quotes.put,
                ),
                f"quotes {instrument}",
            )
