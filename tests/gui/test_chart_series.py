"""BarSeries: the min/max pyramid must agree with brute force through every kind of write."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.chart.bar_series import STORED_FROM_LEVEL, BarSeries


def random_bars(n: int, seed: int = 0, start: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    close = 100 + np.cumsum(rng.normal(0, 1, n))
    open_ = close + rng.normal(0, 0.5, n)
    high = np.maximum(open_, close) + rng.random(n)
    low = np.minimum(open_, close) - rng.random(n)
    return np.arange(start, start + n, dtype=np.int64) * 60, open_, high, low, close, rng.random(n) * 1000


def assert_matches_brute_force(series: BarSeries, first: int, last: int) -> None:
    sl = slice(first, last + 1)
    assert series.price_range(first, last, budget=8) == (series.low[sl].min(), series.high[sl].max())
    assert series.volume_max(first, last, budget=8) == series.volume[sl].max()
    for level in range(series.max_level + 1):
        bars = series.slice(first, last, level)
        size = 1 << level
        for k, centre in enumerate(bars.x):
            start = (first >> level << level) + k * size
            stop = min(start + size, len(series))
            assert centre == (start + stop - 1) / 2
            assert bars.low[k] == series.low[start:stop].min()
            assert bars.high[k] == series.high[start:stop].max()
            assert bars.volume[k] == series.volume[start:stop].max()
            assert bars.up[k] == (series.close[stop - 1] >= series.open[start])


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 300),
    writes=st.lists(st.sampled_from(["append", "update", "prepend"]), max_size=40),
    seed=st.integers(0, 2**16),
)
def test_pyramid_matches_brute_force_after_writes(n: int, writes: list[str], seed: int) -> None:
    rng = np.random.default_rng(seed)
    series = BarSeries()
    series.set(*random_bars(n, seed, start=10_000))
    for write in writes:
        price = float(rng.normal(100, 10))
        if write == "append":
            series.append(
                int(series.time[-1]) + 60,
                price,
                price + rng.random() * 50,
                price - rng.random() * 50,
                price,
                float(rng.random() * 5000),
            )
        elif write == "update":
            series.update_last(
                price, price + rng.random() * 50, price - rng.random() * 50, price, float(rng.random() * 5000)
            )
        else:
            series.prepend(
                *random_bars(int(rng.integers(1, 40)), seed + 1, start=int(series.time[0]) // 60 - 40)
            )
    count = len(series)
    for _ in range(5):
        first = int(rng.integers(0, count))
        assert_matches_brute_force(series, first, int(rng.integers(first, count)))


def test_set_adopts_arrays_and_live_writes_never_copy_them() -> None:
    """A trader's first tick on a huge chart must not copy every column (it froze the window for seconds)."""
    bars = random_bars(1 << 20)
    original = [column.copy() for column in bars]
    series = BarSeries()
    series.set(*bars)
    assert np.shares_memory(series.slice(0, 99, 0).close, bars[4])
    tracemalloc.start()
    try:
        series.update_last(1.0, 2.0, 0.5, 1.5, 10.0)
        series.append(int(bars[0][-1]) + 60, 1.5, 3.0, 1.0, 2.5, 20.0)
        series.update_last(1.5, 3.5, 1.0, 3.0, 30.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # a small tail, not a copy of 6 columns of a million bars (48 MB)
    assert np.shares_memory(series.slice(0, 99, 0).close, bars[4])
    for column, before in zip(bars, original, strict=True):
        np.testing.assert_array_equal(column, before)  # the caller's data is never written
    assert (series.close[-2], series.close[-1], len(series)) == (1.5, 3.0, (1 << 20) + 1)
    low, high = original[3][:-1].min(), original[2][:-1].max()  # the last bar was replaced by the tick
    assert series.price_range(0, len(series) - 1) == (min(low, 0.5, 1.0), max(high, 2.0, 3.5))


def test_a_history_page_is_added_without_copying_the_bars_loaded() -> None:
    bars = random_bars(1 << 20, start=10_000)
    series = BarSeries()
    series.set(*bars)
    page = random_bars(1000, seed=1, start=9_000)
    tracemalloc.start()
    try:
        assert series.prepend(*page) == 1000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20  # the page and the bucket starts, not 6 columns of a million bars (48 MB)
    assert np.shares_memory(series.slice(1000, 1099, 0).close, bars[4])
    assert series.close[999] == page[4][-1] and series.close[1000] == bars[4][0]
    assert series.price_range(0, len(series) - 1) == (
        min(page[3].min(), bars[3].min()),
        max(page[2].max(), bars[2].max()),
    )


def test_full_range_query_reads_a_bounded_number_of_values() -> None:
    series = BarSeries()
    series.set(*random_bars(1 << 20))
    bars = series.slice(0, len(series) - 1, level=10)
    assert len(bars.x) == 1 << 10
    assert series.max_level >= 20
    assert STORED_FROM_LEVEL <= 10


def test_mismatched_lengths_are_rejected() -> None:
    time, open_, high, low, close, volume = random_bars(10)
    with pytest.raises(ValueError):
        BarSeries().set(time, open_[:9], high, low, close, volume)


def test_update_on_empty_series_raises() -> None:
    with pytest.raises(IndexError):
        BarSeries().update_last(1, 1, 1, 1, 1)


def test_index_of_a_timestamp_is_the_bar_that_contains_it() -> None:
    series = BarSeries()
    series.set(*random_bars(10))  # bars open at 0, 60, 120, ...
    np.testing.assert_array_equal(
        series.index_at_or_before(np.array([-1, 0, 59, 60, 10_000])), [-1, 0, 0, 1, 9]
    )
