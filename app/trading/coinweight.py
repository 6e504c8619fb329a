"""The coin-weight session in the app: login, instruments, and the pollers that feed the stores."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from app.tasks import loop_running
from app.trading.sessions import VenueSessionModel, resilient, resilient_stream
from app.trading.stores import AccountStore, OrderStore, QuoteStore
from services.coinweight.adapter import CoinWeightVenue
from services.coinweight.client import CoinWeightClient
from services.domain import Instrument, InstrumentId
from services.http import Timeouts
from services.marketdata.feed import CryptoMarketData

log = logging.getLogger("tessera.coinweight")

BALANCE_INTERVAL = 2.0
SUMMARY_INTERVAL = 3.0


class CoinWeightSession(VenueSessionModel):
    """Owns the coin-weight adapter and the crypto market-data feed of its counterparties."""

    instrumentsLoaded = Signal()

    venue = "coinweight"

    def __init__(
        self,
        base_url: str,
        market_data: dict[str, str],
        orders: OrderStore,
        quotes: QuoteStore,
        accounts: AccountStore,
        *,
        poll_interval: float = 1.0,
        transport=None,
        timeouts: Timeouts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.adapter = CoinWeightVenue(
            CoinWeightClient.create(
                base_url, transport=transport, timeouts=timeouts, on_latency=self.latencyMeasured.emit
            ),
            poll_interval=poll_interval,
        )
        self.market_data = CryptoMarketData(market_data, poll_interval=poll_interval, transport=transport)
        self.orders = orders
        self.quotes = quotes
        self.accounts = accounts
        self.instruments: dict[InstrumentId, Instrument] = {}
        self._quote_subscribers: dict[object, frozenset[InstrumentId]] = {}
        self._quote_task: asyncio.Task | None = None

    async def _login(self, login: str, password: str) -> None:
        await self.adapter.connect(login, password)
        self.instruments = {i.id: i for i in await self.adapter.instruments()}
        self.instrumentsLoaded.emit()

    async def _logout(self) -> None:
        await self.adapter.disconnect()

    def _start_pollers(self) -> None:
        self.run(resilient_stream(self, "orders", self.adapter.order_updates, self.orders.upsert), "orders")
        self.run(resilient(self, "balances", self._refresh_balances, BALANCE_INTERVAL), "balances")
        self.run(resilient(self, "account", self._refresh_summary, SUMMARY_INTERVAL), "account")
        self._restart_quotes()

    async def _refresh_balances(self) -> None:
        self.accounts.set_balances(self.venue, await self.adapter.balances())

    async def _refresh_summary(self) -> None:
        summary = await self.adapter.account_summary()
        if summary is not None:
            self.accounts.set_summary(summary)

    # --- quotes: one poller over the union of what the panels show -----------------------------------------

    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        """``owner`` (a view-model) wants quotes of ``instruments``; replaces what it asked for before."""
        wanted = frozenset(i for i in instruments if i.venue == self.venue)
        if self._quote_subscribers.get(owner) == wanted:
            return
        self._quote_subscribers[owner] = wanted
        self._restart_quotes()

    def unsubscribe_quotes(self, owner: object) -> None:
        if self._quote_subscribers.pop(owner, None) is not None:
            self._restart_quotes()

    def subscribed(self) -> frozenset[InstrumentId]:
        return (
            frozenset().union(*self._quote_subscribers.values()) if self._quote_subscribers else frozenset()
        )

    def _restart_quotes(self) -> None:
        if self._quote_task is not None:
            self._quote_task.cancel()
            self._quote_task = None
        instruments = sorted(self.subscribed(), key=str)
        if not instruments or not self.connected or not loop_running():
            return  # (no loop: the app is shutting down, panels unsubscribe as their windows go)
        self._quote_task = self.run(
            resilient_stream(self, "quotes", lambda: self.market_data.quotes(instruments), self.quotes.put),
            "quotes",
        )

    async def aclose(self) -> None:
        await super().aclose()
        await self.adapter.aclose()
        await self.market_data.aclose()
