"""The CHP (ITI Capital stock broker) session: login, instruments, portfolios, and the feeds that fill the
stores.

The adapter (:class:`services.chp.adapter.ChpVenue`) owns the connection state machine: it recovers a lost
session with Auth/Reconnection (backing off) and restores every subscription itself. Its state callback is
therefore the truth for the status light: DEGRADED (amber) while it reconnects, CONNECTED (green) again
after; the feeds here never change the light on their own (``note_transport`` is a no-op).

What flows where, all pushed by the venue's event queues: orders (UpdateOrder) into the OrderStore; fills
(own trades) into the FillStore; positions (UpdatePosition) into the PositionStore; money (SetPortfolio) into
the AccountStore as one RUB balance per portfolio, with the summary valued once, by the adapter's
:meth:`~services.chp.adapter.ChpVenue.summary` at the latest quotes; quotes of what the panels ask for
(``subscribe_quotes``) into the QuoteStore, one ListenQuotes per instrument; order books from one
ListenBidAsks per shown book (:meth:`order_books`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from decimal import Decimal
from functools import partial

import httpx

from services.chp.adapter import ChpVenue
from services.chp.schemas import PortfolioStatus
from services.chp.streams import PollRate
from services.domain import (
    ConnectionState,
    InstrumentId,
    OrderAction,
    OrderBook,
    OrderStatus,
    OrderType,
    TimeInForce,
    TradingAccount,
    TradingAccountStatus,
)
from services.http import Timeouts, VenueHttp
from services.protocols import BookSource, Capabilities, MarketDataFeed, Modifiable, VenueRules
from services.retry import Backoff
from services.trading.session import TradingStores, VenueSessionBase

_ACCOUNT_STATUS = {
    PortfolioStatus.BROKER: TradingAccountStatus.TRADING,
    PortfolioStatus.TRUSTED_MANAGEMENT: TradingAccountStatus.TRUST_MANAGED,
    PortfolioStatus.READ_ONLY: TradingAccountStatus.READ_ONLY,
    PortfolioStatus.BLOCKED: TradingAccountStatus.BLOCKED,
    PortfolioStatus.RESTRICTED: TradingAccountStatus.RESTRICTED,
    PortfolioStatus.AUTO_RESTRICTED: TradingAccountStatus.AUTO_RESTRICTED,
    PortfolioStatus.ORDER_NOT_SIGNED: TradingAccountStatus.ORDERS_NOT_SIGNED,
}


class ChpVenueSession(VenueSessionBase):
    """Owns the CHP adapter (also the stocks' MarketDataFeed) and feeds what it reports into the stores."""

    venue = "chp"
    rules = VenueRules(
        order_types=(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP, OrderType.STOP_LIMIT),
        time_in_force=(TimeInForce.DAY, TimeInForce.GTC, TimeInForce.IOC),
        actions=(OrderAction.BUY, OrderAction.SELL, OrderAction.SHORT, OrderAction.COVER),
        modifiable=frozenset({Modifiable.PRICE}),
        one_click=True,
        broker=True,
    )
    capabilities = Capabilities(
        order_book=BookSource.PUSHED, ticks=True, bars=True, positions=True, fills=True, account_summary=True
    )

    def __init__(
        self,
        base_url: str,
        server_token: str,
        stores: TradingStores,
        *,
        rate: PollRate | None = None,
        backoff: Backoff | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__(stores)
        self._http = VenueHttp(
            self.venue, base_url, transport=transport, timeouts=timeouts, on_latency=self.latency.emit
        )
        self.adapter = ChpVenue(
            self._http,
            server_token,
            rate=rate,
            backoff=backoff,
            on_state=self._on_state,
            on_account=self._push_account,
        )
        self._quote_tasks: dict[InstrumentId, asyncio.Task[None]] = {}
        stores.orders.changed.connect(self._settle_cancels)
        stores.quotes.changed.connect(self._revalue)

    @property
    def trading(self) -> ChpVenue:
        return self.adapter

    @property
    def market_data(self) -> MarketDataFeed:
        return self.adapter

    @property
    def accounts(self) -> Sequence[TradingAccount]:
        """The user's portfolios (GetPortfolioList at login)."""
        return [TradingAccount(row.name, _ACCOUNT_STATUS[row.status]) for row in self.adapter.portfolios]

    def order_books(self, instrument: InstrumentId, depth: int) -> AsyncIterator[OrderBook]:
        """Pushed: one ListenBidAsks while the book is followed, CancelBidAsks when it is let go."""
        return self.adapter.order_books(instrument, depth)

    # --- session lifecycle ----------------------------------------------------------------------------------
    async def _login(self, login: str, password: str) -> None:
        await self.adapter.connect(login, password)
        try:
            instruments = await self.adapter.instruments()
            await self._load_past_fills()
        except BaseException:
            await self.adapter.disconnect()
            raise
        self._set_instruments(instruments)
        self.accounts_changed.emit()

    async def _load_past_fills(self) -> None:
        """The portfolios' trades so far (GetMyPortfolioData), for the charts' fill markers."""
        for row in self.adapter.portfolios:
            data = await self.adapter.client.get_my_portfolio_data(row.name)
            self.stores.fills.add(self.adapter.symbols.my_fill(trade) for trade in data.trades)

    async def _logout(self) -> None:
        self._quote_tasks.clear()  # their tasks are among the feeds, already stopped
        await self.adapter.disconnect()
        await asyncio.sleep(0)  # the feeds' cancelled unsubscriptions end now, not when the loop is gone

    def _start_feeds(self) -> None:
        self.follow("orders", self.adapter.order_updates, self.stores.orders.upsert)
        self.follow("fills", self.adapter.fills, lambda fill: self.stores.fills.add([fill]))
        # the orders known at login, and those the events changed before the stream started
        self.stores.orders.upsert_many(self.adapter.book.orders.values())
        self._push_account()

    async def _stop_feeds(self) -> None:
        self._quote_tasks.clear()
        await super()._stop_feeds()

    async def aclose(self) -> None:
        await super().aclose()
        await self._http.aclose()

    def note_transport(self, exc: object) -> None:
        """The adapter's state machine drives the light (see the module docstring)."""

    def _on_state(self, state: ConnectionState, error: Exception | None) -> None:
        """The adapter's connection state, once logged in (login and logout set theirs themselves)."""
        if not self.connected or state is self.state:
            return
        if state is ConnectionState.CONNECTED:
            self._set_state(state)
        elif state is ConnectionState.DEGRADED:
            self._set_state(state, f"reconnecting: {error}" if error else "")
        elif state is ConnectionState.FAILED:  # the credentials were refused while reconnecting
            self.session_lost(str(error or ""))

    # --- money and positions, as the portfolio events push them ---------------------------------------------
    def _push_account(self) -> None:
        if not self.connected:
            return
        book = self.adapter.book
        self.stores.accounts.set_balances(self.venue, list(book.balances.values()))
        self.stores.positions.set_positions(self.venue, book.positions.values())
        self._revalue()

    def _revalue(self, instruments: list[InstrumentId] | None = None) -> None:
        """The account summary at the latest quotes (the one valuation: :meth:`ChpVenue.summary`)."""
        if not self.connected or not self.adapter.book.balances:
            return
        held = {p.instrument for p in self.adapter.book.positions.values()}
        if instruments is not None and held.isdisjoint(instruments):
            return
        self.stores.accounts.set_summary(self.adapter.summary(self._last_price))

    def _last_price(self, instrument: InstrumentId) -> Decimal | None:
        quote = self.stores.quotes.get(instrument)
        return None if quote is None else quote.last

    def _settle_cancels(self, keys: list[str]) -> None:
        """OrderEntry marks an order CANCELING once the venue took the cancel, but Order/Cancel here returns
        after the portfolio drain that already reported the order canceled: the book's final state wins."""
        for key in keys:
            order = self.stores.orders.get(key)
            if (
                order is None
                or order.instrument.venue != self.venue
                or order.status is not OrderStatus.CANCELING
            ):
                continue
            known = self.adapter.book.orders.get(order.order_id)
            if known is not None and known.status.is_final:
                self.stores.orders.upsert(known)

    # --- quotes: one stream per instrument over the union of what the panels show ---------------------------
    def _sync_quotes(self) -> None:
        """A stream per wanted instrument (the adapter polls all of them in one UpdateQuote): instruments
        added start theirs (ListenQuotes), instruments dropped end theirs (CancelQuotes)."""
        wanted = self.subscribed() if self.connected else frozenset()
        self._tasks = [task for task in self._tasks if not task.done()]
        for instrument in set(self._quote_tasks) - wanted:
            self._quote_tasks.pop(instrument).cancel()
        for instrument in sorted(wanted - set(self._quote_tasks), key=str):
            self._quote_tasks[instrument] = self.follow(
                f"quotes {instrument}", partial(self.adapter.quotes, [instrument]), self._put_quote
            )
