"""CryptoMarketData and MarketDataClient against the simulator's market-data API, in-process."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime, timedelta

import httpx
import numpy as np
import pytest

from services.domain import Bar, BarInterval, InstrumentId
from services.errors import RejectedInput, VenueError
from services.marketdata import CryptoMarketData
from services.protocols import MarketDataFeed
from services.simulator.context import SimulatorContext
from services.simulator.engine.types import BarArrays
from tests.services.marketdata.simulated import COUNTERPARTY, KEY, SYMBOL, base_url, frozen_context, transport

BTC = InstrumentId("coinweight", COUNTERPARTY, SYMBOL)


class CountingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return await self.inner.handle_async_request(request)

    def count(self, endpoint: str) -> int:
        return sum(path.endswith(f"/api/v3/{endpoint}") for path in self.paths)


@pytest.fixture
def ctx() -> SimulatorContext:
    return frozen_context()


@pytest.fixture
def wire(ctx: SimulatorContext) -> CountingTransport:
    return CountingTransport(transport(ctx))


@pytest.fixture
async def feed(ctx: SimulatorContext, wire: CountingTransport) -> AsyncIterator[CryptoMarketData]:
    markets = sorted({spec.market for spec in ctx.engine.instruments() if spec.symbol == SYMBOL})
    feed = CryptoMarketData({m: base_url(m) for m in markets}, poll_interval=0.01, transport=wire)
    yield feed
    await feed.aclose()


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


async def collect(iterator: AsyncIterator[object], into: list[object]) -> None:
    async for item in iterator:
        into.append(item)


def assert_same_bars(bars: Sequence[Bar], engine: BarArrays) -> None:
    assert [int(b.time.timestamp()) for b in bars] == engine.time.tolist()
    for name in ("open", "high", "low", "close", "volume"):
        expected = getattr(engine, name).tolist()
        assert [float(getattr(b, name)) for b in bars] == pytest.approx(expected, rel=1e-12)


def test_is_a_market_data_feed(feed: CryptoMarketData) -> None:
    assert isinstance(feed, MarketDataFeed)


async def test_instruments_are_the_engine_instruments(feed: CryptoMarketData, ctx: SimulatorContext) -> None:
    specs = {s.symbol: s for s in ctx.engine.instruments(COUNTERPARTY)}
    instruments = {i.id.symbol: i for i in await feed.instruments(COUNTERPARTY)}
    assert set(instruments) == set(specs)
    btc, spec = instruments[SYMBOL], specs[SYMBOL]
    assert (btc.base, btc.quote) == (spec.base, spec.quote)
    assert (btc.price_step, btc.min_qty, btc.max_qty) == (spec.price_step, spec.min_qty, spec.max_qty)


async def test_bars_page_backwards_contiguous_without_duplicates(
    feed: CryptoMarketData, ctx: SimulatorContext, wire: CountingTransport
) -> None:
    newest = await feed.bars(BTC, BarInterval.M1, None, 2_500)
    assert wire.count("klines") == 3
    times = [b.time for b in newest]
    assert len(times) == 2_500
    assert all(b - a == timedelta(minutes=1) for a, b in itertools.pairwise(times))
    now = ctx.clock.now()
    assert times[-1] == datetime.fromtimestamp(now - now % 60, UTC)  # the bar in progress is included
    older = await feed.bars(BTC, BarInterval.M1, newest[0].time, 1_200)
    assert len(older) == 1_200
    assert older[-1].time + timedelta(minutes=1) == newest[0].time
    assert all(b.time - a.time == timedelta(minutes=1) for a, b in itertools.pairwise(older))


async def test_bars_are_the_engine_bars(feed: CryptoMarketData, ctx: SimulatorContext) -> None:
    bars = await feed.bars(BTC, BarInterval.H1, None, 48)
    engine = ctx.engine.bars(KEY, 3600, limit=48)
    assert_same_bars(bars, engine)


@pytest.mark.parametrize("end", [None, datetime(2024, 6, 12, 9, 37, 30, tzinfo=UTC)])
async def test_ten_minute_bars_are_pairs_of_five_minute_klines(
    feed: CryptoMarketData, ctx: SimulatorContext, wire: CountingTransport, end: datetime | None
) -> None:
    bars = await feed.bars(BTC, BarInterval.M10, end, 30)
    assert len(bars) == 30
    before = None if end is None else end.timestamp()
    engine = ctx.engine.bars(KEY, 600, end=before, limit=30)  # the engine's own ten-minute bars
    assert end is None or bars[-1].time == datetime(2024, 6, 12, 9, 30, tzinfo=UTC)
    assert_same_bars(bars, engine)
    assert wire.count("klines") == 1  # 61 five-minute klines, one request


@pytest.mark.parametrize("interval", [BarInterval.M10, BarInterval.H4])
async def test_bar_arrays_equal_the_decimal_bars(feed: CryptoMarketData, interval: BarInterval) -> None:
    bars = await feed.bars(BTC, interval, None, 120)
    arrays = await feed.bar_arrays(BTC, interval, None, 120)
    assert len(arrays) == len(bars) == 120
    np.testing.assert_array_equal(arrays.time, [int(b.time.timestamp()) for b in bars])
    for name in ("open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(arrays, name), [float(getattr(b, name)) for b in bars])


async def test_weeks_open_on_monday_and_months_on_the_first(feed: CryptoMarketData) -> None:
    weeks = await feed.bars(BTC, BarInterval.W1, None, 10)
    months = await feed.bars(BTC, BarInterval.MN1, None, 4)
    assert [w.time.weekday() for w in weeks] == [0] * 10
    assert [(m.time.day, m.time.hour) for m in months] == [(1, 0)] * 4
    assert [m.time.month for m in months] == [3, 4, 5, 6]


async def test_order_book_is_the_engine_depth(feed: CryptoMarketData, ctx: SimulatorContext) -> None:
    book = await feed.order_book(BTC, depth=10)
    depth = ctx.engine.depth(KEY, 10)
    assert [(lv.price, lv.size) for lv in book.bids] == depth.bids
    assert [(lv.price, lv.size) for lv in book.asks] == depth.asks
    assert len(book.bids) == 10 and book.bids[0].price < book.asks[0].price


async def test_the_book_ticker_a_client_sees_is_the_engine_top(feed: CryptoMarketData, ctx: SimulatorContext):
    [quote] = await feed.client(COUNTERPARTY).quotes([SYMBOL])
    top = ctx.engine.top(KEY)
    assert (quote.bid, quote.bid_size) == (top.bid, top.bid_size)
    assert (quote.ask, quote.ask_size) == (top.ask, top.ask_size)
    assert quote.last == ctx.engine.stats_24h(KEY).last


async def test_quotes_yield_only_changes(
    feed: CryptoMarketData, ctx: SimulatorContext, wire: CountingTransport
) -> None:
    instruments = [InstrumentId("coinweight", cp, SYMBOL) for cp in feed.counterparties]
    got: list[object] = []
    task = asyncio.create_task(collect(feed.quotes(instruments), got))
    try:
        await wait_until(lambda: len(got) == len(instruments))
        polls = wire.count("ticker/bookTicker")
        await wait_until(lambda: wire.count("ticker/bookTicker") >= polls + 5 * len(instruments))
        assert len(got) == len(instruments)  # the market stood still: nothing new
        first = {q.instrument: q for q in got}
        assert set(first) == set(instruments)

        ctx.clock.advance_by(120)
        await wait_until(lambda: len(got) > len(instruments))
        moved = got[len(instruments):]
        for quote in moved:
            before = first[quote.instrument]
            assert (quote.bid, quote.ask, quote.last) != (before.bid, before.ask, before.last)
            top = ctx.engine.top(f"{quote.instrument.market}:{SYMBOL}")
            assert (quote.bid, quote.ask) == (top.bid, top.ask)
    finally:
        task.cancel()


async def test_ticks_yield_each_print_once(feed: CryptoMarketData, ctx: SimulatorContext) -> None:
    got: list[object] = []
    task = asyncio.create_task(collect(feed.ticks(BTC), got))
    try:
        await wait_until(lambda: len(got) > 0)
        await asyncio.sleep(0.05)  # several polls of an unchanged market
        backfill = len(got)
        assert backfill <= feed.trades_limit
        ctx.clock.advance_by(30)
        await wait_until(lambda: len(got) > backfill)
        await asyncio.sleep(0.05)
        ids = [int(t.trade_id) for t in got]
        assert ids == sorted(set(ids))  # increasing: no print twice, none out of order
        newest = ctx.engine.trades(KEY, limit=1)[0]
        assert ids[-1] == newest.trade_id
    finally:
        task.cancel()


async def test_a_trades_poll_asks_for_few_prints_and_misses_none(
    ctx: SimulatorContext, wire: CountingTransport
) -> None:
    limits: list[int] = []
    inner = wire.handle_async_request

    async def noting(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/api/v3/trades"):
            limits.append(int(request.url.params["limit"]))
        return await inner(request)

    wire.handle_async_request = noting  # type: ignore[method-assign]
    feed = CryptoMarketData({COUNTERPARTY: base_url(COUNTERPARTY)}, poll_interval=0.01, trades_limit=500,
                            transport=wire)
    got: list[object] = []
    task = asyncio.create_task(collect(feed.ticks(BTC), got))
    try:
        await wait_until(lambda: len(limits) >= 5)  # the backfill, then polls of a market standing still
        assert limits[0] == 500 and max(limits[1:]) < 50  # a few rows parsed a poll, not the backfill's 500
        first_new = ctx.engine.trades(KEY, limit=1)[0].trade_id + 1
        small = limits[-1]
        ctx.clock.advance_by(30)  # a burst of prints between two polls: more than a small poll brings
        newest = ctx.engine.trades(KEY, limit=1)[0].trade_id
        assert newest - first_new + 1 > small
        await wait_until(lambda: int(got[-1].trade_id) == newest)
        ids = [int(t.trade_id) for t in got]
        burst = [t.trade_id for t in ctx.engine.trades(KEY, limit=500) if t.trade_id >= first_new]
        assert ids[ids.index(first_new):] == burst  # every print of the burst, once, in order
        assert 500 in limits[5:]  # asked for again with the full limit
    finally:
        task.cancel()
        await feed.aclose()


async def test_unknown_symbol_is_a_venue_error(feed: CryptoMarketData) -> None:
    with pytest.raises(VenueError) as caught:
        await feed.order_book(InstrumentId("coinweight", COUNTERPARTY, "NOPE-USDT"))
    assert (caught.value.code, caught.value.venue) == (-1121, f"marketdata:{COUNTERPARTY}")


async def test_instruments_of_another_venue_or_counterparty_are_refused(feed: CryptoMarketData) -> None:
    with pytest.raises(RejectedInput):
        await feed.bars(InstrumentId("chp", "MOEX", "GAZP"), BarInterval.D1, None, 10)
    with pytest.raises(RejectedInput):
        await feed.order_book(InstrumentId("coinweight", "nowhere", SYMBOL))


async def test_a_refusal_ends_the_quote_stream(feed: CryptoMarketData) -> None:
    stream = feed.quotes([InstrumentId("coinweight", COUNTERPARTY, "NOPE-USDT")])
    with pytest.raises(VenueError):
        await anext(stream)



async def test_the_24_hour_ticker_is_polled_less_often_than_the_book_ticker(
    ctx: SimulatorContext, wire: CountingTransport
) -> None:
    feed = CryptoMarketData({COUNTERPARTY: base_url(COUNTERPARTY)}, poll_interval=0.01, stats_every=3,
                            transport=wire)
    got: list[object] = []
    task = asyncio.create_task(collect(feed.quotes([BTC]), got))
    try:
        await wait_until(lambda: wire.count("ticker/bookTicker") >= 9)
        books, stats = wire.count("ticker/bookTicker"), wire.count("ticker/24hr")
        assert 3 <= stats <= books // 3 + 1
        [quote] = got  # the market stood still: the first quote, with the 24-hour figures
        assert quote.last == ctx.engine.stats_24h(KEY).last
        ctx.clock.advance_by(120)  # the same stream: bid and ask at once, the last price within 3 polls
        await wait_until(lambda: getattr(got[-1], "last", None) == ctx.engine.stats_24h(KEY).last)
        assert (got[-1].bid, got[-1].ask) == (ctx.engine.top(KEY).bid, ctx.engine.top(KEY).ask)
    finally:
        task.cancel()
        await feed.aclose()
