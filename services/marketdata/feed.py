"""CryptoMarketData: the MarketDataFeed of coin-weight instruments, a Binance-format server per counterparty.

coin-weight has no market-data endpoints; each counterparty (``binance``, ``huobi``, ...) has a market-data
base URL (the embedded simulator serves them at ``<server>/md/<counterparty>``). The format only polls, so
``quotes()`` and ``ticks()`` poll at ``poll_interval`` and yield only what changed since the last poll: a slow
consumer never meets a backlog, each poll replaces the previous state. A transport failure while polling is
logged and the next poll tries again; a refusal (VenueError) ends the iterator.

Bars: Binance has no 10-minute klines, so ``BarInterval.M10`` is aggregated here from 5-minute klines (two per
bar, aligned to the epoch like every intraday interval). ``W1`` is ``1w``, ``MN1`` is ``1M`` (calendar month).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime

import httpx

from services.domain import Bar, BarArrays, BarInterval, Instrument, InstrumentId, OrderBook, Quote, Tick
from services.errors import RejectedInput, TransportError
from services.http import Timeouts
from services.marketdata.client import COINWEIGHT, Klines, MarketDataClient, from_ms, to_ms
from services.marketdata.schemas import DEPTH_DEFAULT_LIMIT, Ticker24h

log = logging.getLogger("tessera.marketdata")

WIRE_INTERVALS: dict[BarInterval, tuple[str, int]] = {
    BarInterval.M1: ("1m", 1),
    BarInterval.M5: ("5m", 1),
    BarInterval.M10: ("5m", 2),  # aggregated client-side
    BarInterval.M15: ("15m", 1),
    BarInterval.M30: ("30m", 1),
    BarInterval.H1: ("1h", 1),
    BarInterval.H2: ("2h", 1),
    BarInterval.H4: ("4h", 1),
    BarInterval.D1: ("1d", 1),
    BarInterval.W1: ("1w", 1),
    BarInterval.MN1: ("1M", 1),
}
"""Each chart interval as (wire interval, wire bars per chart bar)."""


STATS_EVERY = 3
"""Quote polls per 24-hour ticker poll: Binance weighs ``ticker/24hr`` of many symbols far above
``bookTicker``, and it was half the idle requests of a counterparty. Last price, change and volume may lag the
bid and ask by up to this many poll intervals."""


TRADES_SPARE = 10
"""Prints a trades poll asks for beyond twice what the last poll brought."""


def _quote_content(quote: Quote) -> tuple[object, ...]:
    """What a quote shows; its time alone changing is not news."""
    q = quote
    return (q.bid, q.ask, q.last, q.bid_size, q.ask_size, q.change_pct_24h, q.volume_24h)


class CryptoMarketData:
    """MarketDataFeed for ``InstrumentId(venue="coinweight", market=<counterparty>, symbol="BTC-USDT")``."""

    venue = COINWEIGHT

    def __init__(
        self,
        base_urls: Mapping[str, str],
        *,
        poll_interval: float = 1.0,
        stats_every: int = STATS_EVERY,
        trades_limit: int = 100,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        """``base_urls``: {counterparty: base URL}; ``trades_limit``: prints asked per ``ticks()`` poll (the
        first poll yields them as backfill; more prints than that between two polls are skipped);
        ``stats_every``: the 24-hour ticker is asked every that many quote polls (the book ticker: each)."""
        self.poll_interval = poll_interval
        self.stats_every = max(1, stats_every)
        self.trades_limit = trades_limit
        self._clients = {
            cp: MarketDataClient(cp, url, transport=transport, timeouts=timeouts)
            for cp, url in base_urls.items()
        }

    @property
    def counterparties(self) -> list[str]:
        return list(self._clients)

    def client(self, counterparty: str) -> MarketDataClient:
        try:
            return self._clients[counterparty]
        except KeyError:
            raise RejectedInput(
                "instrument", "no market-data server set for {counterparty!r}", counterparty=counterparty
            ) from None

    def _client_for(self, instrument: InstrumentId) -> MarketDataClient:
        if instrument.venue != COINWEIGHT:
            raise RejectedInput(
                "instrument",
                "{instrument} is not a {venue} instrument",
                instrument=instrument,
                venue=COINWEIGHT,
            )
        return self.client(instrument.market)

    async def aclose(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self._clients.values()))

    async def instruments(self, counterparty: str) -> list[Instrument]:
        return await self.client(counterparty).instruments()

    # --- MarketDataFeed -------------------------------------------------------------------------------------
    async def bars(
        self, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
    ) -> Sequence[Bar]:
        """Up to ``count`` bars opened before ``end`` (None: up to now), oldest first."""
        return (await self._history(instrument, interval, end, count)).bars()

    async def bar_arrays(
        self, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
    ) -> BarArrays:
        """:meth:`bars` as numpy arrays for the chart (time int64 epoch seconds; o, h, l, c, v float64)."""
        return (await self._history(instrument, interval, end, count)).arrays()

    async def _history(
        self, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
    ) -> Klines:
        client = self._client_for(instrument)
        wire_interval, per_bar = WIRE_INTERVALS[interval]
        if per_bar == 1:
            return await client.kline_rows_before(instrument.symbol, wire_interval, end, count)
        if end is not None:  # a bar opened before ``end`` comes whole, as with every other interval
            width = interval.seconds * 1000
            end = from_ms(-(-to_ms(end) // width) * width)
        wire_count = count * per_bar + per_bar - 1  # enough for ``count`` whole bars however the rows align
        rows = await client.kline_rows_before(instrument.symbol, wire_interval, end, wire_count)
        return rows.aggregated(interval.seconds).last(count)

    async def order_book(self, instrument: InstrumentId, depth: int = 20) -> OrderBook:
        return await self._client_for(instrument).depth(instrument.symbol, depth or DEPTH_DEFAULT_LIMIT)

    async def quotes(self, instruments: Sequence[InstrumentId]) -> AsyncIterator[Quote]:
        """Polls the book ticker (bid, ask) of every instrument each ``poll_interval`` and its 24-hour ticker
        (last, change, volume) every ``stats_every``-th poll: one or two requests per counterparty."""
        by_counterparty: dict[str, list[str]] = {}
        for instrument in instruments:
            self._client_for(instrument)
            by_counterparty.setdefault(instrument.market, []).append(instrument.symbol)
        shown: dict[InstrumentId, tuple[object, ...]] = {}
        stats: dict[str, Mapping[str, Ticker24h]] = {}  # by counterparty: the last 24-hour tickers
        for poll in itertools.count():
            fresh = poll % self.stats_every == 0
            results = await asyncio.gather(
                *(self._poll_quotes(cp, symbols, stats, fresh) for cp, symbols in by_counterparty.items()),
                return_exceptions=True,
            )
            for result in results:
                for quote in self._survived(result):
                    content = _quote_content(quote)
                    if shown.get(quote.instrument) != content:
                        shown[quote.instrument] = content
                        yield quote
            await asyncio.sleep(self.poll_interval)

    async def _poll_quotes(
        self, counterparty: str, symbols: list[str], stats: dict[str, Mapping[str, Ticker24h]], fresh: bool
    ) -> list[Quote]:
        client = self.client(counterparty)
        if fresh or counterparty not in stats:
            books, stats[counterparty] = await asyncio.gather(
                client.book_tickers(symbols), client.tickers_24h(symbols)
            )
        else:
            books = await client.book_tickers(symbols)
        return client.joined_quotes(books, stats[counterparty])

    async def ticks(self, instrument: InstrumentId) -> AsyncIterator[Tick]:
        """The newest ``trades_limit`` prints first, then every new print, oldest first.

        After the first poll each asks for a few more prints than the last one brought (:data:`TRADES_SPARE`),
        not ``trades_limit``: every row asked for is parsed, and 100 a second for the few that are new was
        most of what a tape or a live chart cost at idle. When every print a poll got is new, more may lie
        before them: the poll is made again at once with ``trades_limit``."""
        client = self._client_for(instrument)
        last_id: int | None = None
        limit = self.trades_limit
        while True:
            try:
                ticks = await client.trades(instrument.symbol, limit)
            except TransportError as exc:
                log.warning("trades of %s not polled: %s", instrument, exc)
                ticks = []
            known = last_id  # None: this poll is the backfill
            fresh = 0 if known is None else sum(1 for tick in ticks if int(tick.trade_id) > known)
            if known is not None and ticks and fresh == len(ticks) and limit < self.trades_limit:
                limit = self.trades_limit  # every print is new: ask again for all those a poll may bring
                continue
            limit = min(self.trades_limit, 2 * fresh + TRADES_SPARE)
            for tick in ticks:
                trade_id = int(tick.trade_id)
                if last_id is None or trade_id > last_id:
                    last_id = trade_id
                    yield tick
            await asyncio.sleep(self.poll_interval)

    @staticmethod
    def _survived(result: list[Quote] | BaseException) -> list[Quote]:
        if isinstance(result, TransportError):
            log.warning("quotes not polled: %s", result)
            return []
        if isinstance(result, BaseException):
            raise result
        return result
