"""Simulated market-data servers in the Binance public REST format (spot ``/api/v3``), one per counterparty.

Mount ONCE at ``/md``: the routes are ``/{counterparty}/api/v3/...``, so the base URL of a counterparty is
``<server>/md/<counterparty>`` (e.g. ``http://127.0.0.1:8765/md/binance``) and a client appends the Binance
paths to it exactly as it would to ``https://api.binance.com``. A counterparty is an engine market
(``binance:BTC-USDT`` is ``BTCUSDT`` at ``/md/binance``); every answer comes from the shared engine after
``ctx.engine.advance()``, so the book a user sees is the book the coin-weight API fills orders against.

Wire shapes (services/marketdata/schemas.py builds and parses them; numbers are strings with eight decimals,
times epoch milliseconds):

- ``GET /api/v3/ping`` -> ``{}``
- ``GET /api/v3/time`` -> ``{"serverTime": 1718000000000}`` (the simulator clock)
- ``GET /api/v3/exchangeInfo[?symbol=BTCUSDT | ?symbols=["BTCUSDT","ETHUSDT"]]`` ->
  ``{"timezone": "UTC", "serverTime", "rateLimits": [...], "exchangeFilters": [], "symbols": [{"symbol":
  "BTCUSDT", "status": "TRADING", "baseAsset": "BTC", "baseAssetPrecision": 8, "quoteAsset": "USDT",
  "quotePrecision": 8, "quoteAssetPrecision": 8, "orderTypes": ["LIMIT", "MARKET"],
  "isSpotTradingAllowed": true, "isMarginTradingAllowed": false, "filters": [{"filterType": "PRICE_FILTER",
  "minPrice", "maxPrice", "tickSize"}, {"filterType": "LOT_SIZE", "minQty", "maxQty", "stepSize"}],
  "permissions": ["SPOT"]}]}``. The wire symbol is base + quote of the engine instrument.
- ``GET /api/v3/klines?symbol&interval[&startTime][&endTime][&limit=500, max 1000]`` -> rows
  ``[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteAssetVolume", trades,
  "takerBuyBaseAssetVolume", "takerBuyQuoteAssetVolume", "0"]``, oldest first, open times in
  [startTime, endTime]; with only endTime the newest ``limit`` up to it, with startTime the first ``limit``
  from it, with neither the newest ``limit`` (the bar in progress included). closeTime = next openTime - 1.
  The engine's bar history has no trade counts nor taker split: ``trades`` is 0, the taker volumes are
  ``"0.00000000"`` and ``quoteAssetVolume`` is volume x (high + low + close) / 3.
- ``GET /api/v3/depth?symbol[&limit=100, max 5000]`` -> ``{"lastUpdateId", "bids": [["price", "qty"], ...],
  "asks": [...]}``, best first. ``lastUpdateId`` is the engine time of the snapshot in milliseconds: it grows
  whenever the book may have changed.
- ``GET /api/v3/ticker/bookTicker[?symbol | ?symbols]`` -> ``{"symbol", "bidPrice", "bidQty", "askPrice",
  "askQty"}`` (one symbol) or a list of them (several or all); an empty side is ``"0.00000000"``.
- ``GET /api/v3/ticker/24hr[?symbol | ?symbols]`` -> the FULL Binance object (``priceChange``,
  ``priceChangePercent`` with three decimals, ``weightedAvgPrice``, ``prevClosePrice``, ``lastPrice``,
  ``lastQty``, ``bidPrice``, ``bidQty``, ``askPrice``, ``askQty``, ``openPrice``, ``highPrice``, ``lowPrice``,
  ``volume``, ``quoteVolume``, ``openTime``, ``closeTime``, ``firstId``, ``lastId``, ``count``) or a list of
  them. The window is the 24 hours up to now; ``prevClosePrice`` is the window's open;
  ``firstId``/``lastId``/``count`` cover the prints the engine still holds (its newest ``_WINDOW_PRINTS``),
  -1/-1/0 when none fall in the window. ``type=MINI`` is not served (always FULL).
- ``GET /api/v3/trades?symbol[&limit=500, max 1000]`` -> ``[{"id", "price", "qty", "quoteQty", "time",
  "isBuyerMaker", "isBestMatch": true}]``, oldest first; ``isBuyerMaker``: the seller took liquidity.

Errors are Binance's: HTTP 400 ``{"code": -1121, "msg": "Invalid symbol."}``; -1102 a mandatory parameter
missing, -1100 illegal characters (symbol not ``^[A-Z0-9-_.]{1,20}$``, a number not an integer), -1120 invalid
interval, -1130 limit out of range, -1128 ``symbol`` and ``symbols`` together. An unknown counterparty is
HTTP 404 ``{"code": -1000, "msg": "Unknown counterparty 'x'."}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from services.marketdata.schemas import (
    API,
    BAD_INTERVAL,
    BAD_PARAM_COMBINATION,
    BAD_SYMBOL,
    DEPTH_DEFAULT_LIMIT,
    DEPTH_MAX_LIMIT,
    ILLEGAL_CHARS,
    INVALID_PARAMETER,
    INVALID_SYMBOL_MSG,
    KLINE_INTERVALS,
    KLINES_DEFAULT_LIMIT,
    KLINES_MAX_LIMIT,
    MANDATORY_PARAM,
    TRADES_DEFAULT_LIMIT,
    TRADES_MAX_LIMIT,
    UNKNOWN,
    BookTicker,
    Depth,
    ExchangeInfo,
    LotSizeFilter,
    PriceFilter,
    ServerTime,
    SymbolInfo,
    Ticker24h,
    Trade,
    format_number,
)
from services.simulator.context import SimulatorContext
from services.simulator.engine.types import InstrumentSpec, SimSide

MONTH = "1M"
ENGINE_INTERVALS: dict[str, int | str] = {
    "1m": 60, "3m": 180, "5m": 300, "15m": 900, "30m": 1800, "1h": 3600, "2h": 7200, "4h": 14400,
    "6h": 21600, "8h": 28800, "12h": 43200, "1d": 86400, "3d": 259200, "1w": 604800, MONTH: MONTH,
}  # fmt: skip
assert set(ENGINE_INTERVALS) == set(KLINE_INTERVALS)

DAY_MS = 86_400_000
_WINDOW_PRINTS = 1000
_SYMBOL = re.compile(r"^[A-Z0-9\-_.]{1,20}$")
_INTEGER = re.compile(r"^[0-9]{1,20}$")
_MAX_PRICE = Decimal("1000000000")
_RATE_LIMITS = [
    {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
    {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5, "limit": 61000},
]


class BinanceError(Exception):
    def __init__(self, code: int, msg: str, status: int = 400) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.status = status


async def _error_response(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BinanceError)
    return JSONResponse({"code": exc.code, "msg": exc.msg}, status_code=exc.status)


def wire_symbol(spec: InstrumentSpec) -> str:
    return f"{spec.base}{spec.quote}"


def _missing(name: str) -> BinanceError:
    return BinanceError(
        MANDATORY_PARAM, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."
    )


def _illegal(name: str, legal: re.Pattern[str]) -> BinanceError:
    return BinanceError(
        ILLEGAL_CHARS, f"Illegal characters found in parameter '{name}'; legal range is '{legal.pattern}'."
    )


def _integer(params: QueryParams, name: str) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    if not _INTEGER.match(raw):
        raise _illegal(name, _INTEGER)
    return int(raw)


def _limit(params: QueryParams, default: int, maximum: int) -> int:
    limit = _integer(params, "limit")
    if limit is None:
        return default
    if not 1 <= limit <= maximum:
        raise BinanceError(INVALID_PARAMETER, "Data sent for parameter 'limit' is not valid.")
    return limit


def _lookup(symbols: dict[str, InstrumentSpec], raw: str | None, name: str = "symbol") -> InstrumentSpec:
    if not raw:
        raise _missing(name)
    if not _SYMBOL.match(raw):
        raise _illegal(name, _SYMBOL)
    spec = symbols.get(raw)
    if spec is None:
        raise BinanceError(BAD_SYMBOL, INVALID_SYMBOL_MSG)
    return spec


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _month_after(open_ms: int) -> int:
    t = datetime.fromtimestamp(open_ms / 1000, UTC)
    year, month = (t.year + 1, 1) if t.month == 12 else (t.year, t.month + 1)
    return _ms(t.replace(year=year, month=month, day=1).timestamp())


class _MarketDataApi:
    def __init__(self, ctx: SimulatorContext) -> None:
        self.ctx = ctx
        self.engine = ctx.engine

    # --- request plumbing -----------------------------------------------------------------------------------
    def _symbols_of(self, request: Request) -> dict[str, InstrumentSpec]:
        """The counterparty's instruments by wire symbol, the engine advanced to now."""
        counterparty = request.path_params["counterparty"]
        self.engine.advance()
        specs = self.engine.instruments(counterparty)
        if not specs:
            raise BinanceError(UNKNOWN, f"Unknown counterparty '{counterparty}'.", status=404)
        return {wire_symbol(s): s for s in specs}

    def _one(self, request: Request) -> InstrumentSpec:
        """The instrument named by ``symbol``."""
        return _lookup(self._symbols_of(request), request.query_params.get("symbol"))

    def _selection(self, request: Request) -> tuple[list[InstrumentSpec], bool]:
        """(instruments, single) from ``symbol`` (single), ``symbols`` (JSON array) or neither (all)."""
        symbols = self._symbols_of(request)
        params = request.query_params
        if "symbol" in params and "symbols" in params:
            raise BinanceError(BAD_PARAM_COMBINATION, "Combination of optional parameters invalid.")
        if "symbol" in params:
            return [_lookup(symbols, params["symbol"])], True
        if "symbols" not in params:
            return list(symbols.values()), False
        try:
            names = json.loads(params["symbols"])
        except ValueError:
            names = None
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise _missing("symbols")
        return [_lookup(symbols, name, "symbols") for name in names], False

    def _answer_each(self, request: Request, build: Callable[[InstrumentSpec], Any]) -> JSONResponse:
        specs, single = self._selection(request)
        items = [build(spec).wire() for spec in specs]
        return JSONResponse(items[0] if single else items)

    def _now_ms(self) -> int:
        return _ms(self.ctx.clock.now())

    # --- endpoints ------------------------------------------------------------------------------------------
    async def ping(self, request: Request) -> JSONResponse:
        self._symbols_of(request)
        return JSONResponse({})

    async def time(self, request: Request) -> JSONResponse:
        self._symbols_of(request)
        return JSONResponse(ServerTime(server_time=self._now_ms()).wire())

    async def exchange_info(self, request: Request) -> JSONResponse:
        specs, _ = self._selection(request)
        info = ExchangeInfo(
            server_time=self._now_ms(),
            rate_limits=_RATE_LIMITS,
            symbols=[self._symbol_info(spec) for spec in specs],
        )
        return JSONResponse(info.wire())

    @staticmethod
    def _symbol_info(spec: InstrumentSpec) -> SymbolInfo:
        price = PriceFilter(min_price=spec.price_step, max_price=_MAX_PRICE, tick_size=spec.price_step)
        step = max(spec.qty_step, spec.lot_size)
        lot = LotSizeFilter(min_qty=spec.min_qty, max_qty=spec.max_qty, step_size=step)
        return SymbolInfo(
            symbol=wire_symbol(spec),
            base_asset=spec.base,
            quote_asset=spec.quote,
            order_types=["LIMIT", "MARKET"],
            filters=[price.wire(), lot.wire()],
            permissions=["SPOT"],
        )

    async def klines(self, request: Request) -> JSONResponse:
        spec = self._one(request)
        params = request.query_params
        interval = params.get("interval")
        if not interval:
            raise _missing("interval")
        if interval not in ENGINE_INTERVALS:
            raise BinanceError(BAD_INTERVAL, "Invalid interval.")
        start, end = _integer(params, "startTime"), _integer(params, "endTime")
        limit = _limit(params, KLINES_DEFAULT_LIMIT, KLINES_MAX_LIMIT)
        engine_interval = ENGINE_INTERVALS[interval]
        if start is not None and end is not None and start > end:
            return JSONResponse([])
        if start is not None:
            bars = self.engine.bars(spec.key, engine_interval, start=start / 1000, limit=limit)
        elif end is not None:
            bars = self.engine.bars(spec.key, engine_interval, end=(end + 1) / 1000, limit=limit)
        else:
            bars = self.engine.bars(spec.key, engine_interval, limit=limit)
        rows = []
        columns = (bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume)
        for t, o, h, low, c, v in zip(*(column.tolist() for column in columns), strict=True):
            open_ms = int(t) * 1000
            if end is not None and open_ms > end:
                break
            if isinstance(engine_interval, str):  # a calendar month
                next_open = _month_after(open_ms)
            else:
                next_open = open_ms + engine_interval * 1000
            prices = [format_number(x) for x in (o, h, low, c, v)]
            quote_volume = format_number(v * (h + low + c) / 3)
            rows.append([open_ms, *prices, next_open - 1, quote_volume, 0, "0.00000000", "0.00000000", "0"])
        return JSONResponse(rows)

    async def depth(self, request: Request) -> JSONResponse:
        spec = self._one(request)
        levels = _limit(request.query_params, DEPTH_DEFAULT_LIMIT, DEPTH_MAX_LIMIT)
        snapshot = self.engine.depth(spec.key, levels)
        depth = Depth(last_update_id=_ms(snapshot.time), bids=snapshot.bids, asks=snapshot.asks)
        return JSONResponse(depth.wire())

    async def trades(self, request: Request) -> JSONResponse:
        spec = self._one(request)
        limit = _limit(request.query_params, TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT)
        prints = self.engine.trades(spec.key, limit=limit)
        return JSONResponse([
            Trade(
                id=p.trade_id,
                price=p.price,
                qty=p.quantity,
                quote_qty=p.price * p.quantity,
                time=_ms(p.time),
                is_buyer_maker=p.aggressor is SimSide.SELL,
            ).wire()
            for p in prints
        ])

    async def book_ticker(self, request: Request) -> JSONResponse:
        return self._answer_each(request, self._book_ticker)

    def _book_ticker(self, spec: InstrumentSpec) -> BookTicker:
        top = self.engine.top(spec.key)
        return BookTicker(
            symbol=wire_symbol(spec),
            bid_price=top.bid or Decimal(0),
            bid_qty=top.bid_size if top.bid else Decimal(0),
            ask_price=top.ask or Decimal(0),
            ask_qty=top.ask_size if top.ask else Decimal(0),
        )

    async def ticker_24h(self, request: Request) -> JSONResponse:
        return self._answer_each(request, self._ticker_24h)

    def _ticker_24h(self, spec: InstrumentSpec) -> Ticker24h:
        book = self._book_ticker(spec)
        stats = self.engine.stats_24h(spec.key)
        now = self._now_ms()
        prints = self.engine.trades(spec.key, limit=_WINDOW_PRINTS)
        window = [p for p in prints if _ms(p.time) > now - DAY_MS]
        return Ticker24h(
            symbol=book.symbol,
            price_change=stats.change,
            price_change_percent=stats.change_pct,
            weighted_avg_price=stats.quote_volume / stats.volume if stats.volume else stats.last,
            prev_close_price=stats.open,
            last_price=stats.last,
            last_qty=prints[-1].quantity if prints else Decimal(0),
            bid_price=book.bid_price,
            bid_qty=book.bid_qty,
            ask_price=book.ask_price,
            ask_qty=book.ask_qty,
            open_price=stats.open,
            high_price=stats.high,
            low_price=stats.low,
            volume=stats.volume,
            quote_volume=stats.quote_volume,
            open_time=now - DAY_MS,
            close_time=now,
            first_id=window[0].trade_id if window else -1,
            last_id=window[-1].trade_id if window else -1,
            count=len(window),
        )


def create_app(ctx: SimulatorContext) -> Starlette:
    """The market-data servers of every counterparty; mount at ``/md`` (see the module docstring)."""
    api = _MarketDataApi(ctx)
    endpoints = {
        "ping": api.ping,
        "time": api.time,
        "exchangeInfo": api.exchange_info,
        "klines": api.klines,
        "depth": api.depth,
        "trades": api.trades,
        "ticker/bookTicker": api.book_ticker,
        "ticker/24hr": api.ticker_24h,
    }
    routes = [
        Route(f"/{{counterparty}}{API}/{path}", handler, methods=["GET"])
        for path, handler in endpoints.items()
    ]
    return Starlette(routes=routes, exception_handlers={BinanceError: _error_response})
