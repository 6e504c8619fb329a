"""MarketDataClient against Binance-style answers (httpx.MockTransport): parsing, mapping, errors, paging."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import numpy as np
import pytest

from services.domain import BookLevel, InstrumentId, Side
from services.errors import RejectedInput, TransportError, VenueError
from services.marketdata.client import Klines, MarketDataClient, from_ms
from services.rows import ONCE
from tests.services.marketdata import binance_samples as samples

Handler = Callable[[httpx.Request], httpx.Response]


class FakeBinance:
    """Answers by path; records every request."""

    def __init__(self, **answers: object) -> None:
        self.answers: dict[str, object] = {"exchangeInfo": samples.EXCHANGE_INFO, **answers}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers[request.url.path.removeprefix("/api/v3/")]
        if callable(answer):
            return answer(request)
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer)

    def sent(self, endpoint: str) -> list[httpx.QueryParams]:
        return [r.url.params for r in self.requests if r.url.path == f"/api/v3/{endpoint}"]


@pytest.fixture
def fake() -> FakeBinance:
    return FakeBinance(
        klines=samples.KLINES_1H,
        depth=samples.DEPTH,
        trades=samples.TRADES,
        time=samples.SERVER_TIME,
        ping={},
    )


@pytest.fixture
async def client(fake: FakeBinance):
    client = MarketDataClient("binance", "https://api.binance.com", transport=httpx.MockTransport(fake))
    yield client
    await client.aclose()


BTC = InstrumentId("coinweight", "binance", "BTC-USDT")


async def test_symbols_map_through_exchange_info_base_and_quote(client: MarketDataClient) -> None:
    symbols = await client.symbol_map()
    assert symbols.to_wire("BTC-USDT") == "BTCUSDT"
    assert symbols.to_wire("1000SATS-USDT") == "1000SATSUSDT"
    assert symbols.from_wire("ETHBTC") == "ETH-BTC"
    assert symbols.from_wire("XRPUSDT") is None
    assert sorted(symbols.symbols()) == ["1000SATS-USDT", "BTC-USDT", "ETH-BTC"]


async def test_exchange_info_is_fetched_once(client: MarketDataClient, fake: FakeBinance) -> None:
    await client.klines("BTC-USDT", "1h")
    await client.depth("BTC-USDT")
    assert len(fake.sent("exchangeInfo")) == 1


async def test_instruments_take_steps_and_limits_from_filters(client: MarketDataClient) -> None:
    by_symbol = {i.id.symbol: i for i in await client.instruments()}
    btc = by_symbol["BTC-USDT"]
    assert btc.id == BTC
    assert (btc.base, btc.quote) == ("BTC", "USDT")
    assert btc.price_step == Decimal("0.01") and btc.price_decimals == 2
    assert btc.qty_step == Decimal("0.00001") and btc.qty_decimals == 5
    assert btc.min_qty == Decimal("0.00001") and btc.max_qty == Decimal("9000")
    sats = by_symbol["1000SATS-USDT"]
    assert sats.base == "1000SATS" and sats.price_decimals == 8 and sats.qty_decimals == 0


async def test_klines_parse_real_rows(client: MarketDataClient, fake: FakeBinance) -> None:
    bars = await client.klines("BTC-USDT", "1h", limit=3)
    assert fake.sent("klines")[-1] == httpx.QueryParams({"symbol": "BTCUSDT", "interval": "1h", "limit": "3"})
    assert [b.time for b in bars] == [datetime(2024, 6, 13, h, tzinfo=UTC) for h in (13, 14, 15)]
    first = bars[0]
    assert (first.open, first.high, first.low, first.close, first.volume) == (
        Decimal("66980.01"), Decimal("67052.35"), Decimal("66834"), Decimal("66914"), Decimal("640.73123"),
    )


async def test_klines_send_start_and_end_in_milliseconds(client: MarketDataClient, fake: FakeBinance) -> None:
    start = datetime(2024, 6, 13, 13, tzinfo=UTC)
    end = datetime(2024, 6, 13, 15, 0, 0, 500_000, tzinfo=UTC)
    await client.klines("BTC-USDT", "1h", start=start, end=end)
    params = fake.sent("klines")[-1]
    assert params["startTime"] == "1718283600000"
    assert params["endTime"] == "1718290800500"
    assert "limit" not in params


async def test_klines_arrays_equal_the_decimal_path(client: MarketDataClient) -> None:
    bars = await client.klines("BTC-USDT", "1h")
    arrays = await client.klines_arrays("BTC-USDT", "1h")
    assert len(arrays) == len(bars) == 3
    assert arrays.time.dtype == np.int64
    assert arrays.close.dtype == np.float64 and arrays.close.flags.c_contiguous
    np.testing.assert_array_equal(arrays.time, [int(b.time.timestamp()) for b in bars])
    for name in ("open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(arrays, name), [float(getattr(b, name)) for b in bars])


async def test_unknown_interval_is_refused_before_sending(client: MarketDataClient, fake: FakeBinance):
    with pytest.raises(RejectedInput) as caught:
        await client.klines("BTC-USDT", "10m")
    assert caught.value.field == "interval"
    assert fake.sent("klines") == []


async def test_depth_keeps_levels_best_first(client: MarketDataClient, fake: FakeBinance) -> None:
    book = await client.depth("BTC-USDT", limit=5)
    assert fake.sent("depth")[-1] == httpx.QueryParams({"symbol": "BTCUSDT", "limit": "5"})
    assert book.instrument == BTC
    assert book.bids[0] == BookLevel(Decimal("67012.00"), Decimal("3.21451"))
    assert [level.price for level in book.bids] == sorted((level.price for level in book.bids), reverse=True)
    assert [level.price for level in book.asks] == [Decimal("67012.01"), Decimal("67012.02")]


async def test_quotes_join_book_ticker_and_24h_ticker(client: MarketDataClient, fake: FakeBinance) -> None:
    fake.answers["ticker/bookTicker"] = [samples.BOOK_TICKER_BTC, samples.BOOK_TICKER_ETH]
    fake.answers["ticker/24hr"] = [samples.TICKER_24H_BTC, samples.TICKER_24H_ETH]
    quotes = {q.instrument.symbol: q for q in await client.quotes(["BTC-USDT", "ETH-BTC"])}
    for endpoint in ("ticker/bookTicker", "ticker/24hr"):
        assert json.loads(fake.sent(endpoint)[-1]["symbols"]) == ["BTCUSDT", "ETHBTC"]
    btc = quotes["BTC-USDT"]
    assert btc.instrument == BTC
    assert (btc.bid, btc.bid_size, btc.ask, btc.ask_size) == (
        Decimal("67012"), Decimal("3.21451"), Decimal("67012.01"), Decimal("1.80218"),
    )
    assert btc.last == Decimal("67012.01")
    assert btc.change_pct_24h == Decimal("-0.621")
    assert btc.volume_24h == Decimal("25613.60125")
    assert btc.time == datetime(2024, 6, 13, 16, 0, 0, 123_000, tzinfo=UTC)
    assert quotes["ETH-BTC"].ask == Decimal("0.05225")


async def test_one_symbol_is_asked_as_symbol_and_answered_as_an_object(
    client: MarketDataClient, fake: FakeBinance
) -> None:
    fake.answers["ticker/bookTicker"] = samples.BOOK_TICKER_BTC
    fake.answers["ticker/24hr"] = samples.TICKER_24H_BTC
    tickers = await client.tickers_24h(["BTC-USDT"])
    assert fake.sent("ticker/24hr")[-1] == httpx.QueryParams({"symbol": "BTCUSDT"})
    assert tickers["BTC-USDT"].count == 1179902
    assert tickers["BTC-USDT"].weighted_avg_price == Decimal("67264.69583870")
    assert [q.last for q in await client.quotes(["BTC-USDT"])] == [Decimal("67012.01")]


async def test_all_tickers_skip_symbols_the_app_does_not_know(client: MarketDataClient, fake: FakeBinance):
    listed_later = {**samples.BOOK_TICKER_BTC, "symbol": "NEWCOINUSDT"}
    fake.answers["ticker/bookTicker"] = [samples.BOOK_TICKER_BTC, listed_later]
    books = await client.book_tickers()
    assert "symbol" not in fake.sent("ticker/bookTicker")[-1]
    assert "symbols" not in fake.sent("ticker/bookTicker")[-1]
    assert list(books) == ["BTC-USDT"]


async def test_an_empty_book_side_is_none(client: MarketDataClient, fake: FakeBinance) -> None:
    no_bids = {**samples.BOOK_TICKER_BTC, "bidPrice": "0.00000000", "bidQty": "0.00000000"}
    fake.answers["ticker/bookTicker"] = no_bids
    fake.answers["ticker/24hr"] = samples.TICKER_24H_BTC
    [quote] = await client.quotes(["BTC-USDT"])
    assert quote.bid is None and quote.bid_size is None
    assert quote.ask == Decimal("67012.01")


async def test_trades_become_ticks_with_the_aggressor(client: MarketDataClient) -> None:
    ticks = await client.trades("BTC-USDT", limit=2)
    assert [t.trade_id for t in ticks] == ["3639602910", "3639602911"]
    assert ticks[0].aggressor is Side.SELL  # buyer was the maker: the seller hit the bid
    assert ticks[1].aggressor is Side.BUY
    assert ticks[1].price == Decimal("67012.01") and ticks[1].size == Decimal("0.00152")
    assert ticks[0].time == datetime(2024, 6, 13, 15, 59, 59, 871_000, tzinfo=UTC)


async def test_server_time_and_ping(client: MarketDataClient) -> None:
    assert await client.server_time() == datetime(2024, 6, 13, 16, 0, 0, 123_000, tzinfo=UTC)
    assert await client.ping() >= 0


async def test_invalid_symbol_from_the_server_is_a_venue_error(client: MarketDataClient, fake: FakeBinance):
    fake.answers["klines"] = httpx.Response(400, json=samples.INVALID_SYMBOL)
    with pytest.raises(VenueError) as caught:
        await client.klines("BTC-USDT", "1m")
    error = caught.value
    assert (error.venue, error.code, error.message, error.http_status) == (
        "marketdata:binance", -1121, "Invalid symbol.", 400,
    )


async def test_a_symbol_the_server_does_not_list_is_refused_before_sending(
    client: MarketDataClient, fake: FakeBinance
) -> None:
    with pytest.raises(VenueError) as caught:
        await client.depth("DOGE-EUR")
    assert caught.value.code == -1121
    assert fake.sent("depth") == []


async def test_rate_limit_refusal_keeps_code_and_status(client: MarketDataClient, fake: FakeBinance) -> None:
    fake.answers["trades"] = httpx.Response(429, json=samples.TOO_MUCH_WEIGHT)
    with pytest.raises(VenueError) as caught:
        await client.trades("BTC-USDT")
    assert (caught.value.code, caught.value.http_status) == (-1003, 429)
    assert "request weight" in str(caught.value)


async def test_an_error_without_a_binance_body(client: MarketDataClient, fake: FakeBinance) -> None:
    fake.answers["depth"] = httpx.Response(502, text="<html>Bad Gateway</html>")
    with pytest.raises(VenueError) as caught:
        await client.depth("BTC-USDT")
    assert caught.value.code is None and caught.value.http_status == 502
    assert "502" in caught.value.message


async def test_klines_that_are_not_a_list_are_unreadable(client: MarketDataClient, fake: FakeBinance):
    fake.answers["klines"] = {"code": 0}
    with pytest.raises(TransportError):
        await client.klines("BTC-USDT", "1h")


GOOD_KLINE = [1718283600000, "1", "2", "0.5", "1.5", "10", 1718287199999]


@pytest.mark.parametrize(
    "bad",
    [
        [1718283600000, "66980.01"],  # row too short
        ["1718283600000", "1", "1", "1", "1", "1", 1718287199999],  # time as a string
        [1718283600000, "abc", "1", "1", "1", "1", 1718287199999],  # garbage number
        [1718283600000, "1e400", "1", "1", "1", "1", 1718287199999],  # absurd price
        [1718283600000, "-1", "1", "1", "1", "1", 1718287199999],  # negative price
        [10**20, "1", "1", "1", "1", "1", 10**20],  # time out of range
    ],
)
async def test_a_bad_kline_row_is_dropped_and_logged_once(
    client: MarketDataClient, fake: FakeBinance, bad: list[object], caplog: pytest.LogCaptureFixture
) -> None:
    ONCE.forget()
    fake.answers["klines"] = [bad, GOOD_KLINE, bad]
    with caplog.at_level(logging.WARNING, logger="tessera.rows"):
        bars = await client.klines("BTC-USDT", "1h")
        arrays = await client.klines_arrays("BTC-USDT", "1h")
    assert [b.close for b in bars] == [Decimal("1.5")]
    assert list(arrays.close) == [1.5]
    assert len([r for r in caplog.records if r.name == "tessera.rows"]) == 1


# --- paging backwards ------------------------------------------------------------------------------------

MINUTE_MS = 60_000
HISTORY_START = 1_700_000_040_000  # a minute boundary
HISTORY_BARS = 2_345


def synthetic_klines(request: httpx.Request) -> httpx.Response:
    """Binance semantics over HISTORY_BARS one-minute bars: open times in [startTime, endTime], limit <= 1000,
    newest ``limit`` when only endTime is given."""
    params = request.url.params
    limit = int(params.get("limit", 500))
    assert 1 <= limit <= 1000
    opens = [HISTORY_START + i * MINUTE_MS for i in range(HISTORY_BARS)]
    if "endTime" in params:
        opens = [t for t in opens if t <= int(params["endTime"])]
    opens = opens[-limit:]
    rows = [[t, "1.00000000", "2.00000000", "0.50000000", str(1 + t % 7), "3.00000000", t + MINUTE_MS - 1,
             "3.00000000", 1, "0", "0", "0"] for t in opens]  # fmt: skip
    return httpx.Response(200, json=rows)


async def test_paging_backwards_gives_contiguous_bars_without_duplicates(
    client: MarketDataClient, fake: FakeBinance
) -> None:
    fake.answers["klines"] = synthetic_klines
    klines = await client.kline_rows_before("BTC-USDT", "1m", None, 2_200)
    opens = [row[0] for row in klines.rows]
    assert len(opens) == 2_200
    assert opens[-1] == HISTORY_START + (HISTORY_BARS - 1) * MINUTE_MS
    assert all(b - a == MINUTE_MS for a, b in itertools.pairwise(opens))
    assert [int(p["limit"]) for p in fake.sent("klines")] == [1000, 1000, 200]


async def test_paging_stops_where_history_ends(client: MarketDataClient, fake: FakeBinance) -> None:
    fake.answers["klines"] = synthetic_klines
    end = datetime.fromtimestamp((HISTORY_START + 1_500 * MINUTE_MS) / 1000, UTC)
    klines = await client.kline_rows_before("BTC-USDT", "1m", end, 5_000)
    opens = [row[0] for row in klines.rows]
    assert opens == [HISTORY_START + i * MINUTE_MS for i in range(1_500)]  # all before ``end``, none twice


def test_no_rows_make_empty_arrays() -> None:
    arrays = Klines("test", []).arrays()
    assert len(arrays) == 0
    assert arrays.time.dtype == np.int64 and arrays.volume.dtype == np.float64


def test_aggregation_drops_a_leading_partial_bar_and_merges_pairs() -> None:
    five = 300_000
    base = 1_718_283_600_000  # a ten-minute boundary
    rows = [
        [base - five, "9", "9", "9", "9", "1", 0],  # 2nd half of a 10m bar whose 1st half was not fetched
        [base, "10", "12", "9.5", "11", "1.5", 0],
        [base + five, "11", "13", "10", "12.5", "2.25", 0],
        [base + 2 * five, "12.5", "12.6", "12", "12.1", "1", 0],  # the bar in progress: one half so far
    ]
    bars = Klines("test", rows).aggregated(600).bars()
    assert [b.time for b in bars] == [from_ms(base), from_ms(base + 2 * five)]
    assert (bars[0].open, bars[0].high, bars[0].low, bars[0].close, bars[0].volume) == (
        Decimal("10"), Decimal("13"), Decimal("9.5"), Decimal("12.5"), Decimal("3.75"),
    )
    assert bars[1].open == Decimal("12.5") and bars[1].close == Decimal("12.1")
