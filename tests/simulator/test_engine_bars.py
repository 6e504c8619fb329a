"""Bars and market data of the engine: deterministic history, aggregation, alignment, the live bar, speed."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from decimal import Decimal as D

import numpy as np
import pytest

from services.simulator.engine.catalog import COUNTERPARTIES, crypto_instruments, moex_instruments
from services.simulator.engine.types import BarArrays, SimOrderType, SimSide
from tests.simulator.test_engine_support import BTC, GAZP, START, frozen_engine, funded

YEAR = 365 * 86400


def same(a: BarArrays, b: BarArrays) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("time", "open", "high", "low", "close",
                                                                         "volume"))


def aggregate(bars: BarArrays, size: int) -> list[tuple]:
    """OHLCV of consecutive groups of ``size`` bars."""
    return [
        (bars.open[i], bars.high[i:i + size].max(), bars.low[i:i + size].min(), bars.close[i + size - 1],
         round(float(bars.volume[i:i + size].sum()), 8))
        for i in range(0, len(bars), size)
    ]


def rows(bars: BarArrays) -> list[tuple]:
    return [(o, h, lo, c, round(float(v), 8)) for o, h, lo, c, v in
            zip(bars.open, bars.high, bars.low, bars.close, bars.volume, strict=True)]


def test_catalog_has_the_required_instruments():
    crypto = crypto_instruments()
    for market in COUNTERPARTIES:
        symbols = {s.symbol for s in crypto if s.market == market}
        assert len(symbols) >= 20
        assert {"BTC-USDT", "ETH-BTC", "EOS-ETH", "XRP-BTC", "DOGE-USDT"} <= symbols
    moex = {s.symbol: s for s in moex_instruments()}
    assert len(moex) >= 15
    assert (moex["GAZP"].price_step, moex["GAZP"].lot_size) == (D("0.01"), D(10))
    assert (moex["VTBR"].price_step, moex["VTBR"].lot_size) == (D("0.000005"), D(10000))
    assert (moex["LKOH"].price_step, moex["LKOH"].lot_size) == (D("0.5"), D(1))
    assert all(s.allow_short and s.quote == "RUB" and s.market == "MOEX" for s in moex.values())


def test_same_seed_same_bars_and_other_seeds_differ():
    a, _ = frozen_engine(seed=11)
    b, _ = frozen_engine(seed=11)
    c, _ = frozen_engine(seed=12)
    b.bars(BTC, 86400, limit=300)  # a different request order must not change anything
    for interval, start in ((60, START - YEAR), (300, START - 40 * 86400), (86400, None), ("1M", None)):
        first, second = (e.bars(BTC, interval, start=start, limit=1000) for e in (a, b))
        assert same(first, second)
    assert not np.array_equal(a.bars(BTC, 60, limit=100).close, c.bars(BTC, 60, limit=100).close)


def test_a_year_of_minute_bars_is_there():
    engine, _ = frozen_engine()
    start = START - YEAR
    bars = engine.bars(BTC, 60, start=start, limit=1000)
    assert len(bars) == 1000
    assert bars.time[0] == -(-start // 60) * 60
    assert np.all(np.diff(bars.time) == 60)
    assert np.all(bars.low <= np.minimum(bars.open, bars.close))
    assert np.all(bars.high >= np.maximum(bars.open, bars.close))
    assert np.all(bars.open[1:] == bars.close[:-1])
    assert np.all(bars.volume > 0)
    ticks = bars.close / 0.01
    assert np.allclose(ticks, np.round(ticks))
    assert bars.close.min() > 20000 and bars.close.max() < 200000


@pytest.mark.parametrize(("interval", "size"), [(300, 5), (3600, 60), (14400, 240)])
def test_intervals_aggregate_minute_bars(interval, size):
    engine, _ = frozen_engine()
    start = int(START - 20 * 86400) // interval * interval
    coarse = engine.bars(BTC, interval, start=start, limit=12)
    fine = engine.bars(BTC, 60, start=start, limit=12 * size)
    assert coarse.time[0] == start and len(coarse) == 12
    assert rows(coarse) == aggregate(fine, size)


def test_daily_weekly_and_monthly_bars_align_and_aggregate():
    engine, _ = frozen_engine()
    days = engine.bars(BTC, 86400, limit=1000)
    assert np.all(days.time % 86400 == 0) and days.time[0] == calendar.timegm((2024, 1, 1, 0, 0, 0))
    hours = engine.bars(BTC, 3600, start=int(days.time[-10]), limit=48)
    assert rows(engine.bars(BTC, 86400, start=int(days.time[-10]), limit=2)) == aggregate(hours, 24)
    weeks = engine.bars(BTC, 604800, limit=20)
    assert all(datetime.fromtimestamp(t, UTC).weekday() == 0 for t in weeks.time)
    months = engine.bars(BTC, "1M", limit=1000)
    opened = [datetime.fromtimestamp(t, UTC) for t in months.time]
    assert opened[0] == datetime(2024, 1, 1, tzinfo=UTC)
    assert all((d.day, d.hour, d.minute) == (1, 0, 0) for d in opened)
    ends = [*months.time[1:], 2**62]
    month_days = [(days.time >= months.time[i]) & (days.time < ends[i]) for i in range(len(months))]
    for i, mask in enumerate(month_days):
        chunk = days.open[mask], days.high[mask], days.low[mask], days.close[mask], days.volume[mask]
        assert (months.open[i], months.high[i], months.low[i], months.close[i]) == (
            chunk[0][0], chunk[1].max(), chunk[2].min(), chunk[3][-1])
        assert months.volume[i] == pytest.approx(chunk[4].sum())


def test_range_queries_respect_start_end_and_limit():
    engine, _ = frozen_engine()
    start, end = START - 3 * 3600, START - 3600
    bars = engine.bars(BTC, 60, start=start, end=end, limit=1000)
    assert len(bars) == 120 and bars.time[0] >= start and bars.time[-1] < end
    assert len(engine.bars(BTC, 60, end=end, limit=7)) == 7
    assert engine.bars(BTC, 60, end=end, limit=7).time[-1] == end - 60
    assert len(engine.bars(BTC, 60, start=START + 3600)) == 0  # nothing from the future
    assert engine.bars(BTC, 60, limit=1).time[-1] == int(START) // 60 * 60


def test_counterparties_track_one_underlying_with_a_small_basis():
    engine, _ = frozen_engine()
    closes = [engine.bars(f"{m}:BTC-USDT", 3600, limit=500).close for m in COUNTERPARTIES]
    for other in closes[1:]:
        assert not np.array_equal(closes[0], other)
        assert np.max(np.abs(other / closes[0] - 1)) < 0.01
    gazp = engine.bars(GAZP, 86400, limit=500).close
    assert gazp.min() > 50 and gazp.max() < 400


def test_the_live_bar_follows_the_clock_and_shows_user_fills():
    engine, clock = frozen_engine()
    funded(engine, "alice", USDT="10000000")
    before = engine.bars(BTC, 60, limit=1)
    asks = engine.depth(BTC, 10).asks
    size = sum(s for _, s in asks[:6])
    order = engine.submit("alice", BTC, SimSide.BUY, SimOrderType.MARKET, size)
    after = engine.bars(BTC, 60, limit=1)
    assert after.time[0] == before.time[0]
    assert after.high[0] == max(before.high[0], float(asks[5][0]))
    assert after.close[0] == float(engine.top(BTC).last) == float(asks[5][0])
    assert after.volume[0] == pytest.approx(before.volume[0] + float(order.filled))
    hour = engine.bars(BTC, 3600, limit=1)
    assert hour.high[0] >= float(asks[5][0])
    clock.advance_by(120)
    engine.advance()
    finished = engine.bars(BTC, 60, start=float(before.time[0]), limit=1)
    assert finished.high[0] >= float(asks[5][0])
    assert engine.bars(BTC, 60, limit=1).time[0] == before.time[0] + 120


def test_live_price_moves_along_the_minute_bars():
    engine, clock = frozen_engine()
    seen = []
    for _ in range(180):
        clock.advance_by(1)
        seen.append(float(engine.top(BTC).last))
    bars = engine.bars(BTC, 60, limit=4)
    assert len(set(seen)) > 20
    assert min(seen) >= bars.low.min() and max(seen) <= bars.high.max()
    top = engine.top(BTC)
    assert top.bid < top.ask and top.bid <= top.last <= top.ask
    prints = engine.trades(BTC, limit=50)
    assert len(prints) == 50 and [p.trade_id for p in prints] == sorted(p.trade_id for p in prints)
    assert engine.trades(BTC, after_id=prints[-2].trade_id) == [prints[-1]]


def test_stats_24h():
    engine, _ = frozen_engine()
    stats = engine.stats_24h(BTC)
    day = engine.bars(BTC, 60, start=START - 86400 + 60, limit=1440)
    assert stats.last == engine.top(BTC).last
    assert float(stats.high) == day.high.max() and float(stats.low) == day.low.min()
    assert float(stats.volume) == pytest.approx(day.volume.sum())
    assert stats.change == stats.last - stats.open


def test_bars_asked_again_are_the_same_bars():
    """A second request (served from the engine's caches) gives what the first computed, for every interval.
    How fast that is, is measured by the benchmarks, not asserted here."""
    engine, _ = frozen_engine()
    for interval in (60, 300, 900, 3600, 14400, 86400, 604800, "1M"):
        first = engine.bars("huobi:ETH-USDT", interval, limit=1000)
        again = engine.bars("huobi:ETH-USDT", interval, limit=1000)
        assert len(first) > 0
        for column in ("time", "open", "high", "low", "close", "volume"):
            assert np.array_equal(getattr(first, column), getattr(again, column))
