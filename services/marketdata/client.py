"""Async client of one server speaking the Binance public REST market-data format (one counterparty).

Callers name instruments by coin-weight symbol (``BTC-USDT``); :class:`SymbolMap`, built from the server's
``exchangeInfo`` base and quote assets, is the one place that maps them to and from wire symbols
(``BTCUSDT``). Answers come back as the unified domain types (``Decimal`` money) under
``InstrumentId(venue="coinweight", market=<counterparty>, symbol=...)``; klines also come as numpy arrays for
the chart, without a Python object per bar (:meth:`Klines.arrays`).

Nothing but a project error leaves a method: list answers (klines, tickers, trades) are read row by row
(:func:`services.rows.parse_rows`), a bad row dropped and logged once per kind; anything else unreadable is a
:class:`TransportError`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import httpx
import numpy as np

from services.domain import (
    Bar,
    BarArrays,
    BookLevel,
    Instrument,
    InstrumentId,
    OrderBook,
    Quote,
    Side,
    Tick,
    utc_now,
)
from services.errors import RejectedInput, TransportError, VenueError
from services.http import Timeouts, VenueHttp, parse_json
from services.marketdata.schemas import (
    API,
    BAD_SYMBOL,
    CLOSE,
    CLOSE_TIME,
    HIGH,
    INVALID_SYMBOL_MSG,
    KLINE_INTERVALS,
    KLINE_ROWS,
    KLINES_MAX_LIMIT,
    LOW,
    OPEN,
    OPEN_TIME,
    VOLUME,
    ApiError,
    BookTicker,
    Depth,
    ExchangeInfo,
    ServerTime,
    SymbolInfo,
    Ticker24h,
    Trade,
)
from services.rows import PARSE_FAILURES, parse_rows, problem_of
from services.wire_numbers import MAX_EPOCH_MS, check_magnitude, check_not_negative

COINWEIGHT = "coinweight"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
T = TypeVar("T")
Ticker = TypeVar("Ticker", BookTicker, Ticker24h)


def to_ms(t: datetime) -> int:
    """Epoch milliseconds of ``t`` (a naive datetime is taken as UTC)."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return (t - _EPOCH) // _MS


def from_ms(ms: int) -> datetime:
    """The UTC time of epoch milliseconds; ValueError out of ``datetime``'s range."""
    try:
        return _EPOCH + ms * _MS
    except OverflowError:
        raise ValueError(f"time out of range: {str(ms)[:30]} ms") from None


def kline_row(row: Any) -> Sequence[Any]:
    """``row`` if it is a kline the client can read: ``[openTime, open, high, low, close, volume, closeTime,
    ...]`` with times in range and the five numbers readable, finite, not negative; else ValueError."""
    if not isinstance(row, list) or len(row) <= CLOSE_TIME:
        raise ValueError("a kline row is not [openTime, open, ..., closeTime]")
    for index in (OPEN_TIME, CLOSE_TIME):
        moment = row[index]
        if isinstance(moment, bool) or not isinstance(moment, int) or not 0 <= moment <= MAX_EPOCH_MS:
            raise ValueError("a kline time is not epoch milliseconds")
    for value in row[OPEN : VOLUME + 1]:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError("a kline price is not a number")
        check_not_negative(check_magnitude(Decimal(value if isinstance(value, str) else repr(value))))
    return row


def coinweight_symbol(base: str, quote: str) -> str:
    """coin-weight names a pair ``BASE-QUOTE`` (``/config/symbols``: name, base, quote)."""
    return f"{base}-{quote}"


class SymbolMap:
    """coin-weight symbols <-> wire symbols of one server, from ``exchangeInfo`` (no string splitting)."""

    def __init__(self, symbols: Iterable[SymbolInfo]) -> None:
        self._info = {coinweight_symbol(s.base_asset, s.quote_asset): s for s in symbols}
        self._from_wire = {s.symbol: cw for cw, s in self._info.items()}

    def to_wire(self, symbol: str) -> str:
        """The wire symbol of coin-weight ``symbol``; KeyError if the server does not list it."""
        return self._info[symbol].symbol

    def from_wire(self, wire: str) -> str | None:
        return self._from_wire.get(wire)

    def info(self, symbol: str) -> SymbolInfo:
        return self._info[symbol]

    def symbols(self) -> list[str]:
        return list(self._info)

    def __contains__(self, symbol: object) -> bool:
        return symbol in self._info


@dataclass(frozen=True, slots=True)
class Klines:
    """Kline rows as the wire sent them (oldest first), converted on demand: :meth:`bars` or :meth:`arrays`.

    Only the first seven positions are read (open time to close time), so rows built by :meth:`aggregated`
    carry just those.
    """

    venue: str
    rows: Sequence[Sequence[Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def bars(self) -> list[Bar]:
        with _unreadable(self.venue):
            return [
                Bar(
                    time=from_ms(r[OPEN_TIME]),
                    open=Decimal(r[OPEN]),
                    high=Decimal(r[HIGH]),
                    low=Decimal(r[LOW]),
                    close=Decimal(r[CLOSE]),
                    volume=Decimal(r[VOLUME]),
                )
                for r in self.rows
            ]

    def arrays(self) -> BarArrays:
        n = len(self.rows)
        with _unreadable(self.venue):
            time = np.fromiter((r[OPEN_TIME] for r in self.rows), dtype=np.int64, count=n) // 1000
            columns = np.array([r[OPEN : VOLUME + 1] for r in self.rows], dtype=np.float64).reshape(n, 5)
        columns = columns.T.copy()  # one contiguous row per column
        return BarArrays(time, columns[0], columns[1], columns[2], columns[3], columns[4])

    def last(self, count: int) -> Klines:
        return Klines(self.venue, self.rows[-count:] if count > 0 else [])

    def aggregated(self, seconds: int) -> Klines:
        """Rows merged into bars of ``seconds`` aligned to the epoch (10m bars from 5m rows).

        A leading group that lacks its first rows (older than what was fetched) is dropped: it would be a bar
        with a wrong open. The newest group may be the bar still in progress.
        """
        width = seconds * 1000
        groups: dict[int, list[Sequence[Any]]] = {}
        for row in self.rows:
            groups.setdefault(row[OPEN_TIME] // width * width, []).append(row)
        merged: list[list[Any]] = []
        with _unreadable(self.venue):
            for start, rows in groups.items():
                if not merged and rows[0][OPEN_TIME] != start:
                    continue
                merged.append([
                    start,
                    rows[0][OPEN],
                    str(max(Decimal(r[HIGH]) for r in rows)),
                    str(min(Decimal(r[LOW]) for r in rows)),
                    rows[-1][CLOSE],
                    str(sum(Decimal(r[VOLUME]) for r in rows)),
                    start + width - 1,
                ])
        return Klines(self.venue, merged)


@contextmanager
def _unreadable(venue: str) -> Iterator[None]:
    """Garbage where the wire promises numbers is an unreadable answer, like a body that is not JSON."""
    try:
        yield
    except PARSE_FAILURES as exc:
        raise TransportError(venue, "unreadable answer ({problem})", problem=problem_of(exc)[1]) from exc


class MarketDataClient:
    """One method per endpoint of a Binance-format market-data server; ``venue`` is ``marketdata:<cp>``.

    Errors: a refusal (HTTP 4xx/5xx) is a :class:`VenueError` carrying the wire's ``code`` and ``msg``
    (``-1121 Invalid symbol.``); a symbol the server's ``exchangeInfo`` does not list is refused the same way
    before anything is sent. No answer or an unreadable one is a :class:`TransportError`.
    """

    def __init__(
        self,
        counterparty: str,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        read_retries: int = 2,
    ) -> None:
        self.counterparty = counterparty
        self.venue = f"marketdata:{counterparty}"
        self.http = VenueHttp(
            self.venue, base_url, transport=transport, timeouts=timeouts, read_retries=read_retries
        )
        self._symbols: SymbolMap | None = None
        self._symbols_lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self.http.aclose()

    # --- plumbing -------------------------------------------------------------------------------------------
    async def _get(self, endpoint: str, params: Mapping[str, Any] | None = None) -> Any:
        response = await self.http.request("GET", f"{API}/{endpoint}", params=params)
        if not response.is_success:
            raise self._refusal(response)
        return parse_json(self.venue, response)

    def _refusal(self, response: httpx.Response) -> VenueError:
        try:
            error = ApiError.model_validate(parse_json(self.venue, response))
        except (ValueError, TransportError):  # not JSON, or JSON without code/msg
            reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            return VenueError(self.venue, None, reason, http_status=response.status_code)
        return VenueError(self.venue, error.code, error.msg, http_status=response.status_code)

    def _parse(self, parse: Callable[[Any], T], data: Any) -> T:
        with _unreadable(self.venue):
            return parse(data)

    def instrument_id(self, symbol: str) -> InstrumentId:
        return InstrumentId(COINWEIGHT, self.counterparty, symbol)

    async def _wire(self, symbol: str) -> str:
        smap = await self.symbol_map()
        try:
            return smap.to_wire(symbol)
        except KeyError:
            raise VenueError(self.venue, BAD_SYMBOL, INVALID_SYMBOL_MSG, details=symbol) from None

    async def _symbols_params(self, symbols: Sequence[str] | None) -> dict[str, str]:
        """``symbol=X`` for one, ``symbols=["X","Y"]`` for several, nothing for all."""
        if symbols is None:
            return {}
        wire = [await self._wire(s) for s in symbols]
        if len(wire) == 1:
            return {"symbol": wire[0]}
        return {"symbols": json.dumps(wire, separators=(",", ":"))}

    # --- general endpoints ----------------------------------------------------------------------------------
    async def ping(self) -> float:
        """``GET /api/v3/ping``; the round trip in seconds."""
        await self._get("ping")
        return self.http.last_latency or 0.0

    async def server_time(self) -> datetime:
        data = await self._get("time")
        return self._parse(lambda d: from_ms(ServerTime.model_validate(d).server_time), data)

    async def exchange_info(self) -> ExchangeInfo:
        """Every symbol the server lists (``GET /api/v3/exchangeInfo`` without filters)."""
        return self._parse(ExchangeInfo.model_validate, await self._get("exchangeInfo"))

    async def symbol_map(self, refresh: bool = False) -> SymbolMap:
        """The server's symbols, fetched once and kept (``refresh`` fetches them again)."""
        async with self._symbols_lock:
            if self._symbols is None or refresh:
                self._symbols = SymbolMap((await self.exchange_info()).symbols)
            return self._symbols

    async def instruments(self) -> list[Instrument]:
        smap = await self.symbol_map()
        symbols = smap.symbols()
        return parse_rows(symbols, lambda s: self._instrument(s, smap.info(s)), self.venue, "instruments")

    def _instrument(self, symbol: str, info: SymbolInfo) -> Instrument:
        price, lot = info.price_filter, info.lot_size
        smallest = Decimal(1).scaleb(-info.base_asset_precision)
        return Instrument(
            id=self.instrument_id(symbol),
            base=info.base_asset,
            quote=info.quote_asset,
            price_step=price.tick_size if price else Decimal(1).scaleb(-info.quote_precision),
            qty_step=lot.step_size if lot else smallest,
            min_qty=lot.min_qty if lot else smallest,
            max_qty=lot.max_qty if lot else None,
        )

    # --- klines ---------------------------------------------------------------------------------------------
    async def kline_rows(
        self,
        symbol: str,
        interval: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
    ) -> Klines:
        """One ``GET /api/v3/klines``, with the wire's meaning: bars whose open time is in [start, end];
        with neither, the newest ``limit`` (server default 500, at most 1000); with only ``end``, the newest
        ``limit`` up to it; with ``start``, the first ``limit`` from it."""
        start_ms = None if start is None else to_ms(start)
        return await self._klines(symbol, interval, start_ms, None if end is None else to_ms(end), limit)

    async def _klines(
        self, symbol: str, interval: str, start_ms: int | None, end_ms: int | None, limit: int | None
    ) -> Klines:
        if interval not in KLINE_INTERVALS:
            raise RejectedInput("interval", "unknown kline interval {interval!r}", interval=interval)
        params = {
            "symbol": await self._wire(symbol),
            "interval": interval,
            "startTime": start_ms,
            "endTime": end_ms,
            "limit": limit,
        }
        rows = self._parse(KLINE_ROWS.validate_python, await self._get("klines", params))
        return Klines(self.venue, parse_rows(rows, kline_row, self.venue, "klines"))

    async def kline_rows_before(self, symbol: str, interval: str, end: datetime | None, count: int) -> Klines:
        """Up to ``count`` bars opened before ``end`` (None: up to now, current bar included), oldest first.

        Pages backwards through history ``KLINES_MAX_LIMIT`` bars at a time; stops early where history ends.
        """
        pages: list[Sequence[Sequence[Any]]] = []
        got = 0
        end_ms = None if end is None else to_ms(end) - 1
        while got < count:
            limit = min(KLINES_MAX_LIMIT, count - got)
            page = (await self._klines(symbol, interval, None, end_ms, limit)).rows
            if end_ms is not None:  # a server that ignored endTime must not give us duplicates
                page = [r for r in page if r[OPEN_TIME] <= end_ms]
            page = page[-limit:]
            if not page:
                break
            pages.append(page)
            got += len(page)
            if len(page) < limit:
                break
            end_ms = page[0][OPEN_TIME] - 1
        return Klines(self.venue, [row for page in reversed(pages) for row in page])

    async def klines(
        self,
        symbol: str,
        interval: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
    ) -> list[Bar]:
        """:meth:`kline_rows` as domain bars."""
        return (await self.kline_rows(symbol, interval, start=start, end=end, limit=limit)).bars()

    async def klines_arrays(
        self,
        symbol: str,
        interval: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
    ) -> BarArrays:
        """:meth:`kline_rows` as numpy arrays for the chart (time in epoch seconds)."""
        return (await self.kline_rows(symbol, interval, start=start, end=end, limit=limit)).arrays()

    # --- book, tickers, trades ------------------------------------------------------------------------------
    async def depth(self, symbol: str, limit: int | None = None) -> OrderBook:
        """``GET /api/v3/depth``: the best ``limit`` levels per side (server default 100)."""
        params = {"symbol": await self._wire(symbol), "limit": limit}
        depth = self._parse(Depth.model_validate, await self._get("depth", params))
        return OrderBook(
            instrument=self.instrument_id(symbol),
            bids=tuple(BookLevel(price, size) for price, size in depth.bids),
            asks=tuple(BookLevel(price, size) for price, size in depth.asks),
        )

    async def book_tickers(self, symbols: Sequence[str] | None = None) -> dict[str, BookTicker]:
        """``GET /api/v3/ticker/bookTicker`` for ``symbols`` (None: all), keyed by coin-weight symbol."""
        return await self._per_symbol("ticker/bookTicker", BookTicker.model_validate, symbols)

    async def tickers_24h(self, symbols: Sequence[str] | None = None) -> dict[str, Ticker24h]:
        """``GET /api/v3/ticker/24hr`` for ``symbols`` (None: all), keyed by coin-weight symbol."""
        return await self._per_symbol("ticker/24hr", Ticker24h.model_validate, symbols)

    async def _per_symbol(
        self, endpoint: str, parse_one: Callable[[Any], Ticker], symbols: Sequence[str] | None
    ) -> dict[str, Ticker]:
        if symbols is not None and not symbols:
            return {}
        data = await self._get(endpoint, await self._symbols_params(symbols))
        items = parse_rows(data if isinstance(data, list) else [data], parse_one, self.venue, endpoint)
        smap = await self.symbol_map()
        # a symbol listed after our exchangeInfo was fetched is unknown to the app anyway: left out
        return {symbol: item for item in items if (symbol := smap.from_wire(item.symbol)) is not None}

    async def quotes(self, symbols: Sequence[str] | None = None) -> list[Quote]:
        """Book ticker (bid/ask) joined with the 24-hour ticker (last, change, volume), one request each."""
        books, stats = await asyncio.gather(self.book_tickers(symbols), self.tickers_24h(symbols))
        return self.joined_quotes(books, stats)

    def joined_quotes(self, books: Mapping[str, BookTicker], stats: Mapping[str, Ticker24h]) -> list[Quote]:
        """Quotes of book tickers joined with 24-hour tickers fetched before (by symbol)."""
        return [self._quote(symbol, book, stats.get(symbol)) for symbol, book in books.items()]

    def _quote(self, symbol: str, book: BookTicker, stats: Ticker24h | None) -> Quote:
        return Quote(
            instrument=self.instrument_id(symbol),
            bid=book.bid_price or None,
            ask=book.ask_price or None,
            bid_size=book.bid_qty if book.bid_price else None,
            ask_size=book.ask_qty if book.ask_price else None,
            last=stats.last_price if stats else None,
            change_pct_24h=stats.price_change_percent if stats else None,
            volume_24h=stats.volume if stats else None,
            time=from_ms(stats.close_time) if stats else utc_now(),
        )

    async def trades(self, symbol: str, limit: int | None = None) -> list[Tick]:
        """``GET /api/v3/trades``: the newest ``limit`` prints (server default 500), oldest first."""
        params = {"symbol": await self._wire(symbol), "limit": limit}
        data = await self._get("trades", params)
        rows = data if isinstance(data, list) else [data]
        trades = parse_rows(rows, Trade.model_validate, self.venue, "trades")
        instrument = self.instrument_id(symbol)
        return [
            Tick(
                instrument=instrument,
                time=from_ms(t.time),
                price=t.price,
                size=t.qty,
                aggressor=Side.SELL if t.is_buyer_maker else Side.BUY,
                trade_id=str(t.id),
            )
            for t in trades
        ]

