"""The coin-weight session: login, instruments, and the feeds that fill the stores (orders, money, quotes)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import httpx

from services.coinweight.adapter import CoinWeightVenue
from services.coinweight.client import CoinWeightClient
from services.domain import Order, OrderType, TimeInForce
from services.http import Timeouts
from services.marketdata.feed import CryptoMarketData
from services.protocols import (
    ApiKeyManager,
    BookSource,
    Capabilities,
    ExchangeWorkspace,
    MarketDataFeed,
    Modifiable,
    StrategyHost,
    VenueRules,
)
from services.tasks import loop_running
from services.trading.session import TradingStores, VenueSessionBase

BALANCE_INTERVAL = 10.0
"""s between balance polls while no order changes (money moved in or out from elsewhere shows this late);
any order the order feed sees change asks for the balances at once (placed, filled or cancelled orders are
what moves them), so a fill's balances come a poll sooner than with a fixed 2 s poll, and idle costs less."""
SUMMARY_INTERVAL = 3.0


class CoinWeightVenueSession(VenueSessionBase):
    """Owns the coin-weight adapter and the crypto market-data feed of its counterparties."""

    venue = "coinweight"
    rules = VenueRules(
        order_types=(OrderType.MARKET, OrderType.LIMIT),
        time_in_force=(TimeInForce.GTC,),
        modifiable=frozenset({Modifiable.PRICE, Modifiable.QUANTITY}),
        one_click=True,
        cancel_all=True,
    )
    capabilities = Capabilities(
        order_book=BookSource.POLLED,
        ticks=True,
        bars=True,
        account_summary=True,
    )

    def __init__(
        self,
        base_url: str,
        market_data: Mapping[str, str],
        stores: TradingStores,
        *,
        poll_interval: float = 1.0,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__(stores)
        self.adapter = CoinWeightVenue(
            CoinWeightClient.create(
                base_url, transport=transport, timeouts=timeouts, on_latency=self.latency.emit
            ),
            poll_interval=poll_interval,
        )
        self._market_data = CryptoMarketData(
            dict(market_data), poll_interval=poll_interval, transport=transport
        )
        self._quote_task: asyncio.Task[None] | None = None
        self._balances_due = asyncio.Event()

    @property
    def trading(self) -> CoinWeightVenue:
        return self.adapter

    @property
    def market_data(self) -> MarketDataFeed:
        return self._market_data

    @property
    def strategy_host(self) -> StrategyHost:
        return self.adapter

    @property
    def workspace(self) -> ExchangeWorkspace:
        return self.adapter

    @property
    def api_key_manager(self) -> ApiKeyManager:
        return self.adapter

    async def _login(self, login: str, password: str) -> None:
        await self.adapter.connect(login, password)
        self._set_instruments(await self.adapter.instruments())

    async def _logout(self) -> None:
        await self.adapter.disconnect()

    def _start_feeds(self) -> None:
        self.follow("orders", self.adapter.order_updates, self._order_changed)
        self.poll("balances", self._refresh_balances, BALANCE_INTERVAL, wake=self._balances_due)
        self.poll("account", self._refresh_summary, SUMMARY_INTERVAL)

    def _order_changed(self, order: Order) -> None:
        self.stores.orders.upsert(order)
        self._balances_due.set()

    async def _refresh_balances(self) -> None:
        self.stores.accounts.set_balances(self.venue, await self.adapter.balances())

    async def _refresh_summary(self) -> None:
        summary = await self.adapter.account_summary()
        if summary is not None:
            self.stores.accounts.set_summary(summary)

    def _sync_quotes(self) -> None:
        """One poller over the union of what the panels show, restarted when that union changes."""
        if self._quote_task is not None:
            self._quote_task.cancel()
            self._quote_task = None
        instruments = sorted(self.subscribed(), key=str)
        if not instruments or not self.connected or not loop_running():
            return  # (no loop: the app is shutting down, panels unsubscribe as their windows go)
        self._quote_task = self.follow(
            "quotes", lambda: self._market_data.quotes(instruments), self._put_quote
        )

    async def aclose(self) -> None:
        await super().aclose()
        await self.adapter.aclose()
        await self._market_data.aclose()
