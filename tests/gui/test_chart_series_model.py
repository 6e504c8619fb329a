"""BarSeries against a naive model (plain copied arrays): after any sequence of set / prepend / append /
update_last, every query gives exactly the same answer, and the arrays given to ``set`` are never written."""

from __future__ import annotations

from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.chart import bar_series
from widgets.chart.bar_series import BarSeries

SPARE = 16  # the stored levels' minimum spare room during these tests, so that bursts run past it
CHUNK = 40  # history pages start a chunk of their own beyond this, so that columns come in many pieces
COLUMNS = ("time", "open", "high", "low", "close", "volume")


class NaiveSeries:
    """What BarSeries must answer, computed the obvious way from whole copied arrays."""

    def __init__(self) -> None:
        self.cols = [np.empty(0, np.int64)] + [np.empty(0) for _ in range(5)]

    def __len__(self) -> int:
        return len(self.cols[0])

    def set(self, *cols: np.ndarray) -> None:
        self.cols = [np.array(c, copy=True) for c in cols]

    def prepend(self, *cols: np.ndarray) -> int:
        keep = cols[0] < self.cols[0][0] if len(self) else np.ones(len(cols[0]), bool)
        self.cols = [np.concatenate((new[keep], old)) for new, old in zip(cols, self.cols, strict=True)]
        return int(keep.sum())

    def append(self, *bar: float) -> None:
        self.cols = [np.append(c, v).astype(c.dtype) for c, v in zip(self.cols, bar, strict=True)]

    def update_last(self, *values: float) -> None:
        for c, v in zip(self.cols[1:], values, strict=True):
            c[-1] = v

    def extrema(self, first: int, last: int) -> tuple[float, float, float]:
        first, last = max(first, 0), min(last, len(self) - 1)
        if last < first:
            return np.nan, np.nan, np.nan
        sl = slice(first, last + 1)
        return float(self.cols[3][sl].min()), float(self.cols[2][sl].max()), float(self.cols[5][sl].max())

    def buckets(self, first: int, last: int, level: int) -> dict[str, np.ndarray]:
        """x (centre), low, high, volume and up of each bucket of 2**level bars touching first..last."""
        _, open_, high, low, close, volume = self.cols
        first, last, size, n = max(first, 0), min(last, len(self) - 1), 1 << level, len(self)
        starts = range(first // size * size, last + 1, size)
        if level == 0:  # the bars themselves
            sl = slice(first, last + 1)
            x = np.arange(first, last + 1, dtype=np.float64)
            up = close[sl] >= open_[sl]
            return {"x": x, "low": low[sl], "high": high[sl], "volume": volume[sl], "up": up,
                    "open": open_[sl], "close": close[sl]}
        rows = [(s, min(s + size, n)) for s in starts]
        return {
            "x": np.array([(a + b - 1) / 2 for a, b in rows]),
            "low": np.array([low[a:b].min() for a, b in rows]),
            "high": np.array([high[a:b].max() for a, b in rows]),
            "volume": np.array([volume[a:b].max() for a, b in rows]),
            "up": np.array([close[b - 1] >= open_[a] for a, b in rows]),
            "open": None,
            "close": None,
        }


def bars(rng: np.random.Generator, n: int, first_time: int) -> list[np.ndarray]:
    """Integer-valued prices so that equal highs, lows and open == close (ties) are common."""
    open_ = rng.integers(90, 110, n).astype(np.float64)
    close = rng.integers(90, 110, n).astype(np.float64)
    high = np.maximum(open_, close) + rng.integers(0, 5, n)
    low = np.minimum(open_, close) - rng.integers(0, 5, n)
    volume = rng.integers(0, 50, n).astype(np.float64)
    return [first_time + np.arange(n, dtype=np.int64) * 60, open_, high, low, close, volume]


def live_values(rng: np.random.Generator) -> tuple[float, ...]:
    o, c = float(rng.integers(80, 120)), float(rng.integers(80, 120))
    wick_up, wick_down, volume = (float(v) for v in rng.integers(0, 8, 3))
    return o, max(o, c) + wick_up, min(o, c) - wick_down, c, volume * 7


def apply(op: str, size: int, rng: np.random.Generator, series: BarSeries, model: NaiveSeries,
          given_arrays: list[tuple[list[np.ndarray], list[np.ndarray]]]) -> None:
    n = len(model)
    last_time = int(model.cols[0][-1]) if n else 1_000_000
    if op == "set":
        cols = bars(rng, size, 1_000_000)
        given_arrays.append((cols, [c.copy() for c in cols]))
        series.set(*cols)
        model.set(*cols)
    elif op == "prepend":  # pages may overlap what is loaded: those bars are dropped
        first_time = int(model.cols[0][0]) if n else 1_000_000
        page = bars(rng, size, first_time - 60 * int(rng.integers(0, size + 3)))
        assert series.prepend(*page) == model.prepend(*page)
    elif op == "update_last" and n:
        values = live_values(rng)
        series.update_last(*values)
        model.update_last(*values)
    elif op in ("append", "burst"):  # a burst runs past the spare room of the stored levels
        for k in range(1 if op == "append" else SPARE + size // 4):
            bar = (last_time + 60 * (k + 1), *live_values(rng))
            series.append(*bar)
            model.append(*bar)


def assert_same_answers(series: BarSeries, model: NaiveSeries, rng: np.random.Generator) -> None:
    n = len(model)
    assert len(series) == n
    for name, expected in zip(COLUMNS, model.cols, strict=True):
        column = getattr(series, name)
        np.testing.assert_array_equal(np.asarray(column), expected)
        if n:  # the cheap reads the chart does: one bar, a slice, a gather of bucket ends
            i = int(rng.integers(-n, n))
            assert column[i] == expected[i]
            a, b = sorted(int(x) for x in rng.integers(-n - 2, n + 2, 2))
            np.testing.assert_array_equal(column[a:b], expected[a:b])
            step = int(rng.integers(1, 9))
            np.testing.assert_array_equal(column[a:b:step], expected[a:b:step])
            picks = rng.integers(-n, n, 7)
            np.testing.assert_array_equal(column[picks], expected[picks])
    times = np.concatenate((model.cols[0], model.cols[0] - 1, model.cols[0] + 59, [-1, 10**12])) if n else []
    np.testing.assert_array_equal(
        series.index_at_or_before(np.asarray(times, np.int64)),
        np.searchsorted(model.cols[0], np.asarray(times, np.int64), side="right") - 1,
    )
    if not n:
        assert series.max_level == 0
        return
    assert len(series.slice(0, n - 1, series.max_level).x) == 1  # the coarsest level is one bucket
    ranges = [(0, n - 1), (-5, n + 5), (n - 1, n - 1)]
    for _ in range(3):
        first = int(rng.integers(0, n))
        ranges.append((first, int(rng.integers(first, n))))
    for first, last in ranges:
        for budget in (1, 8, 2048):
            low, high, volume = model.extrema(first, last)
            assert series.price_range(first, last, budget) == (low, high)
            assert series.volume_max(first, last, budget) == volume
        for level in range(series.max_level + 2):
            got = series.slice(first, last, level)
            level = min(level, series.max_level)
            assert got.level == level
            for field, expected in model.buckets(first, last, level).items():
                if expected is None:
                    assert getattr(got, field) is None
                else:
                    np.testing.assert_array_equal(getattr(got, field), expected, strict=True, err_msg=field)
    assert np.isnan(series.price_range(n, n + 3)).all()  # no bars in the range


OPS = st.lists(
    st.tuples(st.sampled_from(["set", "prepend", "append", "update_last", "burst"]), st.integers(0, 300)),
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(ops=OPS, seed=st.integers(0, 2**16))
def test_every_query_matches_a_naive_model_after_any_writes(ops: list[tuple[str, int]], seed: int) -> None:
    rng = np.random.default_rng(seed)
    series, model = BarSeries(), NaiveSeries()
    given_arrays: list[tuple[list[np.ndarray], list[np.ndarray]]] = []
    with mock.patch.multiple(bar_series, _MIN_SPARE=SPARE, _CHUNK_BARS=CHUNK):
        for op, size in [("set", int(rng.integers(0, 200))), *ops]:
            apply(op, size, rng, series, model, given_arrays)
            assert len(series) == len(model)
    assert_same_answers(series, model, rng)
    for adopted, original in given_arrays:  # the arrays given to set() are never written
        for a, b in zip(adopted, original, strict=True):
            np.testing.assert_array_equal(a, b)
