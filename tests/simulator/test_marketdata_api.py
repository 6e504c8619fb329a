"""The simulator's Binance-format market-data API on the wire: paths, shapes, string numbers, errors."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from services.simulator.context import SimulatorContext
from services.simulator.engine.types import AccountConfig, SimOrderType, SimSide
from tests.services.marketdata.simulated import COUNTERPARTY, KEY, base_url, frozen_context, transport

Http = httpx.AsyncClient
WIRE_NUMBER = re.compile(r"^-?\d+\.\d{8}$")
TICKER_24H_KEYS = {
    "symbol", "priceChange", "priceChangePercent", "weightedAvgPrice", "prevClosePrice", "lastPrice",
    "lastQty", "bidPrice", "bidQty", "askPrice", "askQty", "openPrice", "highPrice", "lowPrice", "volume",
    "quoteVolume", "openTime", "closeTime", "firstId", "lastId", "count",
}  # fmt: skip


def wire_number(value: object) -> Decimal:
    assert isinstance(value, str) and WIRE_NUMBER.match(value), value
    return Decimal(value)


@pytest.fixture
def ctx() -> SimulatorContext:
    return frozen_context()


@pytest.fixture
async def http(ctx: SimulatorContext) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=transport(ctx), base_url=base_url()) as client:
        yield client


async def get(http: httpx.AsyncClient, endpoint: str, **params: object) -> object:
    response = await http.get(f"/api/v3/{endpoint}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


async def test_ping_and_server_time(http: httpx.AsyncClient, ctx: SimulatorContext) -> None:
    assert await get(http, "ping") == {}
    assert await get(http, "time") == {"serverTime": round(ctx.clock.now() * 1000)}


async def test_exchange_info_lists_the_counterparty_instruments(http: Http, ctx: SimulatorContext) -> None:
    info = await get(http, "exchangeInfo")
    assert info["timezone"] == "UTC" and info["exchangeFilters"] == []
    specs = {s.base + s.quote: s for s in ctx.engine.instruments(COUNTERPARTY)}
    assert {s["symbol"] for s in info["symbols"]} == set(specs)
    for symbol in info["symbols"]:
        spec = specs[symbol["symbol"]]
        assert (symbol["baseAsset"], symbol["quoteAsset"]) == (spec.base, spec.quote)
        assert symbol["status"] == "TRADING"
        filters = {f["filterType"]: f for f in symbol["filters"]}
        assert wire_number(filters["PRICE_FILTER"]["tickSize"]) == spec.price_step
        assert wire_number(filters["LOT_SIZE"]["minQty"]) == spec.min_qty
        assert wire_number(filters["LOT_SIZE"]["maxQty"]) == spec.max_qty
        assert wire_number(filters["LOT_SIZE"]["stepSize"]) == spec.qty_step


async def test_exchange_info_of_chosen_symbols(http: httpx.AsyncClient) -> None:
    one = await get(http, "exchangeInfo", symbol="BTCUSDT")
    assert [s["symbol"] for s in one["symbols"]] == ["BTCUSDT"]
    two = await get(http, "exchangeInfo", symbols='["ETHUSDT","BTCUSDT"]')
    assert [s["symbol"] for s in two["symbols"]] == ["ETHUSDT", "BTCUSDT"]


async def test_kline_rows_have_the_binance_layout(http: httpx.AsyncClient, ctx: SimulatorContext) -> None:
    rows = await get(http, "klines", symbol="BTCUSDT", interval="15m")
    assert len(rows) == 500  # the default limit
    for row in rows:
        assert len(row) == 12
        open_time, o, h, low, c, v, close_time, quote_volume, trades, taker_base, taker_quote, ignore = row
        assert isinstance(open_time, int) and isinstance(close_time, int) and isinstance(trades, int)
        assert close_time == open_time + 15 * 60_000 - 1
        o, h, low, c, v = (wire_number(x) for x in (o, h, low, c, v))
        assert low <= min(o, c) <= max(o, c) <= h and v >= 0
        assert wire_number(quote_volume) >= 0 and wire_number(taker_base) == wire_number(taker_quote) == 0
        assert ignore == "0"
    assert [r[0] for r in rows] == list(range(rows[0][0], rows[-1][0] + 1, 15 * 60_000))
    now_ms = round(ctx.clock.now() * 1000)
    assert rows[-1][0] <= now_ms <= rows[-1][6]  # the bar in progress comes last


async def test_klines_window_follows_binance(http: httpx.AsyncClient) -> None:
    newest = await get(http, "klines", symbol="BTCUSDT", interval="1h", limit=10)
    assert len(newest) == 10
    anchor = newest[3][0]
    up_to = await get(http, "klines", symbol="BTCUSDT", interval="1h", endTime=anchor, limit=3)
    assert [r[0] for r in up_to] == [r[0] for r in newest[1:4]]  # endTime includes the bar opening at it
    since = await get(http, "klines", symbol="BTCUSDT", interval="1h", startTime=anchor + 1, limit=2)
    assert [r[0] for r in since] == [r[0] for r in newest[4:6]]
    hourly = {"symbol": "BTCUSDT", "interval": "1h"}
    between = await get(http, "klines", **hourly, startTime=anchor, endTime=newest[5][0])
    assert [r[0] for r in between] == [r[0] for r in newest[3:6]]
    assert await get(http, "klines", **hourly, startTime=anchor, endTime=anchor - 1) == []
    assert up_to == newest[1:4]


async def test_month_klines_close_at_the_end_of_the_month(http: httpx.AsyncClient) -> None:
    rows = await get(http, "klines", symbol="BTCUSDT", interval="1M", limit=3)
    opens = [datetime.fromtimestamp(r[0] / 1000, UTC) for r in rows]
    assert [(t.month, t.day) for t in opens] == [(4, 1), (5, 1), (6, 1)]
    assert rows[0][6] == rows[1][0] - 1  # April closes at the last millisecond of April 30
    assert datetime.fromtimestamp((rows[2][6] + 1) / 1000, UTC) == datetime(2024, 7, 1, tzinfo=UTC)


async def test_depth_is_the_engine_book(http: httpx.AsyncClient, ctx: SimulatorContext) -> None:
    depth = await get(http, "depth", symbol="BTCUSDT", limit=5)
    assert set(depth) == {"lastUpdateId", "bids", "asks"}
    assert isinstance(depth["lastUpdateId"], int)
    book = ctx.engine.depth(KEY, 5)
    assert [(wire_number(p), wire_number(q)) for p, q in depth["bids"]] == book.bids
    assert [(wire_number(p), wire_number(q)) for p, q in depth["asks"]] == book.asks
    assert len(depth["bids"]) == len(depth["asks"]) == 5
    assert len((await get(http, "depth", symbol="BTCUSDT"))["bids"]) > 5  # default 100


async def test_book_ticker_is_the_engine_top_of_book(http: httpx.AsyncClient, ctx: SimulatorContext) -> None:
    ticker = await get(http, "ticker/bookTicker", symbol="BTCUSDT")
    top = ctx.engine.top(KEY)
    assert ticker["symbol"] == "BTCUSDT"
    assert [wire_number(ticker[k]) for k in ("bidPrice", "bidQty", "askPrice", "askQty")] == [
        top.bid, top.bid_size, top.ask, top.ask_size,
    ]  # fmt: skip
    ctx.clock.advance_by(600)
    moved = await get(http, "ticker/bookTicker", symbol="BTCUSDT")
    assert moved != ticker
    assert wire_number(moved["bidPrice"]) == ctx.engine.top(KEY).bid


async def test_book_tickers_of_several_or_all(http: httpx.AsyncClient, ctx: SimulatorContext) -> None:
    every = await get(http, "ticker/bookTicker")
    assert isinstance(every, list)
    assert {t["symbol"] for t in every} == {s.base + s.quote for s in ctx.engine.instruments(COUNTERPARTY)}
    two = await get(http, "ticker/bookTicker", symbols='["ETHUSDT","BTCUSDT"]')
    assert [t["symbol"] for t in two] == ["ETHUSDT", "BTCUSDT"]


async def test_24hr_ticker_is_the_full_binance_object(http: httpx.AsyncClient, ctx: SimulatorContext) -> None:
    ticker = await get(http, "ticker/24hr", symbol="BTCUSDT")
    assert set(ticker) == TICKER_24H_KEYS
    stats, top = ctx.engine.stats_24h(KEY), ctx.engine.top(KEY)
    assert wire_number(ticker["lastPrice"]) == stats.last
    assert wire_number(ticker["openPrice"]) == stats.open
    assert wire_number(ticker["highPrice"]) == stats.high and wire_number(ticker["lowPrice"]) == stats.low
    assert wire_number(ticker["priceChange"]) == stats.change
    assert re.match(r"^-?\d+\.\d{3}$", ticker["priceChangePercent"])
    assert Decimal(ticker["priceChangePercent"]) == stats.change_pct.quantize(Decimal("0.001"))
    assert (wire_number(ticker["bidPrice"]), wire_number(ticker["askPrice"])) == (top.bid, top.ask)
    assert ticker["closeTime"] - ticker["openTime"] == 86_400_000
    assert ticker["closeTime"] == round(ctx.clock.now() * 1000)
    assert ticker["count"] == 0 or ticker["lastId"] - ticker["firstId"] + 1 >= ticker["count"] > 0
    every = await get(http, "ticker/24hr")
    assert isinstance(every, list) and all(set(t) == TICKER_24H_KEYS for t in every)


async def test_trades_and_a_user_fill_at_the_price_shown(http: Http, ctx: SimulatorContext) -> None:
    prints = await get(http, "trades", symbol="BTCUSDT", limit=20)
    assert len(prints) <= 20
    for p in prints:
        assert set(p) == {"id", "price", "qty", "quoteQty", "time", "isBuyerMaker", "isBestMatch"}
        assert isinstance(p["isBuyerMaker"], bool) and p["isBestMatch"] is True
        assert wire_number(p["quoteQty"]) == (wire_number(p["price"]) * wire_number(p["qty"])).quantize(
            Decimal("0.00000001")
        )
    assert [p["id"] for p in prints] == sorted(p["id"] for p in prints)

    shown = await get(http, "ticker/bookTicker", symbol="BTCUSDT")
    engine, spec = ctx.engine, ctx.engine.instrument(KEY)
    engine.open_account(AccountConfig("md-test"))
    engine.deposit("md-test", spec.quote, Decimal(10_000_000))
    engine.submit("md-test", KEY, SimSide.BUY, SimOrderType.MARKET, spec.min_qty)
    [last] = await get(http, "trades", symbol="BTCUSDT", limit=1)
    assert wire_number(last["price"]) == wire_number(shown["askPrice"])
    assert wire_number(last["qty"]) == spec.min_qty
    assert last["isBuyerMaker"] is False  # the buyer took the ask


@pytest.mark.parametrize(
    ("endpoint", "params", "code"),
    [
        ("klines", {"symbol": "NOPEUSDT", "interval": "1m"}, -1121),
        ("depth", {"symbol": "NOPEUSDT"}, -1121),
        ("ticker/bookTicker", {"symbol": "NOPEUSDT"}, -1121),
        ("ticker/24hr", {"symbols": '["BTCUSDT","NOPEUSDT"]'}, -1121),
        ("trades", {"symbol": "BTC-USDT"}, -1121),  # coin-weight spelling is not a wire symbol
        ("trades", {"symbol": "btcusdt"}, -1100),
        ("klines", {"interval": "1m"}, -1102),
        ("klines", {"symbol": "BTCUSDT"}, -1102),
        ("klines", {"symbol": "BTCUSDT", "interval": "10m"}, -1120),
        ("klines", {"symbol": "BTCUSDT", "interval": "1m", "limit": "1001"}, -1130),
        ("klines", {"symbol": "BTCUSDT", "interval": "1m", "limit": "abc"}, -1100),
        ("klines", {"symbol": "BTCUSDT", "interval": "1m", "endTime": "-5"}, -1100),
        ("depth", {"symbol": "BTCUSDT", "limit": "5001"}, -1130),
        ("ticker/bookTicker", {"symbol": "BTCUSDT", "symbols": '["BTCUSDT"]'}, -1128),
        ("ticker/bookTicker", {"symbols": "BTCUSDT"}, -1102),
    ],
)
async def test_errors_are_binance_errors(http: Http, endpoint: str, params: dict, code: int) -> None:
    response = await http.get(f"/api/v3/{endpoint}", params=params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "msg"} and body["code"] == code and body["msg"]
    if code == -1121:
        assert body["msg"] == "Invalid symbol."


async def test_unknown_counterparty_is_not_found(ctx: SimulatorContext) -> None:
    async with httpx.AsyncClient(transport=transport(ctx), base_url=base_url("nowhere")) as http:
        response = await http.get("/api/v3/ping")
    assert response.status_code == 404
    assert response.json()["code"] == -1000
