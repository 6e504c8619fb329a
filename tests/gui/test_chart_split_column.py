"""SplitColumn reads like the one array its pieces make, and reads a piece in place when it can."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.chart.split_column import SplitColumn

# a sorted column (as time is) cut into pieces, some of them empty
PIECES = st.lists(st.lists(st.integers(-50, 50), max_size=12), min_size=1, max_size=5).map(
    lambda pieces: np.split(np.sort(np.concatenate([np.array(p, np.int64) for p in pieces])),
                            np.cumsum([len(p) for p in pieces])[:-1])
)


@settings(max_examples=80, deadline=None)
@given(parts=PIECES, data=st.data())
def test_reads_match_the_concatenated_array(parts: list[np.ndarray], data: st.DataObject) -> None:
    column, whole = SplitColumn(parts), np.concatenate(parts)
    n = len(whole)
    assert len(column) == n
    np.testing.assert_array_equal(np.asarray(column), whole)
    start, stop = data.draw(st.integers(-n - 3, n + 3)), data.draw(st.integers(-n - 3, n + 3))
    step = data.draw(st.sampled_from([None, 1, 2, 3, -1, -2]))
    np.testing.assert_array_equal(column[start:stop:step], whole[start:stop:step])
    if n:
        i = data.draw(st.integers(-n, n - 1))
        assert column[i] == whole[i]
        picks = np.array(data.draw(st.lists(st.integers(-n, n - 1), max_size=20)), np.int64)
        np.testing.assert_array_equal(column[picks], whole[picks])
    values = np.array(data.draw(st.lists(st.integers(-60, 60), max_size=10)), np.int64)
    for side in ("left", "right"):
        np.testing.assert_array_equal(column.searchsorted(values, side), whole.searchsorted(values, side))


def test_out_of_range_reads_raise_like_numpy() -> None:
    column = SplitColumn([np.arange(3), np.arange(3, 5)])
    for key in (5, -6, np.array([0, 5]), np.array([-6])):
        with pytest.raises(IndexError):
            column[key]


def test_a_slice_inside_one_piece_is_a_view_of_it() -> None:
    body, tail = np.arange(100.0), np.arange(100.0, 103.0)
    column = SplitColumn([body, tail])
    assert np.shares_memory(column[10:90], body)
    assert np.shares_memory(column[-2:], tail)
    np.testing.assert_array_equal(column[98:102], [98.0, 99.0, 100.0, 101.0])
