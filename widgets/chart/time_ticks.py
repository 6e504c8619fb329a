"""Where to put time labels on an axis whose x is the bar index (no gaps for closed markets).

A tick goes on the first bar of each calendar period (5 minutes, an hour, a day, a month, ...), with the
period chosen so labels stay at least ``min_gap_px`` apart.  Work is bounded by the pixel width, not the
number of bars: at most ~2048 of the visible times are sampled and each boundary found there is then
located exactly with a binary search.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from .split_column import SplitColumn

DAY = 86_400
WEEK = 7 * DAY
_MONDAY_SHIFT = 3 * DAY  # the epoch was a Thursday
_SECOND_UNITS = (60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, DAY, 2 * DAY, WEEK)
_MONTH_UNITS = (1, 2, 3, 6, 12, 24, 60, 120)
_MONTH_SECONDS = 30.44 * DAY


class TickKind(IntEnum):
    """What changed at a tick, from the finest to the coarsest; the label shows that part."""

    TIME = 0
    DAY = 1
    MONTH = 2
    YEAR = 3


@dataclass(frozen=True)
class TimeTick:
    index: int
    local_time: int  # epoch seconds shifted by the display offset
    kind: TickKind


def time_ticks(
    times: np.ndarray | SplitColumn,
    first: int,
    last: int,
    px_per_bar: float,
    min_gap_px: float = 90.0,
    utc_offset: int = 0,
) -> list[TimeTick]:
    """Ticks on bars first..last (inclusive, clamped) of the sorted epoch-second column ``times``."""
    first, last = max(first, 0), min(last, len(times) - 1)
    if last <= first or px_per_bar <= 0:
        return []
    min_gap_bars = min_gap_px / px_per_bar
    stride = max(1, int((last - first) / 2048))
    sample = times[first : last + 1 : stride] + utc_offset
    if len(sample) < 2:
        return []
    bar_seconds = float(np.median(np.diff(sample))) / stride
    months, seconds = _pick_unit(bar_seconds * min_gap_bars)
    keys = _period_keys(sample, months, seconds)
    changes = np.flatnonzero(np.diff(keys)) + 1
    starts = _period_starts(keys[changes], months, seconds) - utc_offset
    indices = np.unique(times.searchsorted(starts, side="left"))
    indices = indices[(indices >= max(first, 1)) & (indices <= last)]
    kinds = _kinds(times, indices, utc_offset)
    if months:  # the label shows what changed, at least the unit the ticks are spaced by
        kinds = np.maximum(kinds, TickKind.MONTH)
    elif max(seconds, bar_seconds) >= DAY:
        kinds = np.maximum(kinds, TickKind.DAY)
    kept: list[tuple[int, int]] = []
    for index, kind in zip(indices.tolist(), kinds.tolist(), strict=True):
        # too close to the previous tick: keep whichever marks the bigger change
        while kept and index - kept[-1][0] < min_gap_bars and kind > kept[-1][1]:
            kept.pop()
        if not kept or index - kept[-1][0] >= min_gap_bars:
            kept.append((index, kind))
    return [TimeTick(i, int(times[i]) + utc_offset, TickKind(k)) for i, k in kept]


def _pick_unit(min_seconds: float) -> tuple[int, int]:
    """(months, seconds) of the smallest period at least ``min_seconds`` long; one of the two is 0."""
    for unit in _SECOND_UNITS:
        if unit >= min_seconds:
            return 0, unit
    for months in _MONTH_UNITS:
        if months * _MONTH_SECONDS >= min_seconds:
            return months, 0
    return _MONTH_UNITS[-1], 0


def _month_number(local: np.ndarray) -> np.ndarray:
    return local.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)


def _period_keys(local: np.ndarray, months: int, seconds: int) -> np.ndarray:
    if months:
        return _month_number(local) // months
    if seconds == WEEK:
        return (local + _MONDAY_SHIFT) // WEEK
    return local // seconds


def _period_starts(keys: np.ndarray, months: int, seconds: int) -> np.ndarray:
    if months:
        return (keys * months).astype("datetime64[M]").astype("datetime64[s]").astype(np.int64)
    if seconds == WEEK:
        return keys * WEEK - _MONDAY_SHIFT
    return keys * seconds


def _kinds(times: np.ndarray | SplitColumn, indices: np.ndarray, utc_offset: int) -> np.ndarray:
    """For each bar index (>= 1), the coarsest calendar part that differs from the previous bar."""
    cur, prev = times[indices] + utc_offset, times[indices - 1] + utc_offset
    month_cur, month_prev = _month_number(cur), _month_number(prev)
    kinds = np.full(len(indices), int(TickKind.TIME))
    kinds[cur // DAY != prev // DAY] = TickKind.DAY
    kinds[month_cur != month_prev] = TickKind.MONTH
    kinds[month_cur // 12 != month_prev // 12] = TickKind.YEAR
    return kinds
