"""Time-axis ticks for x = bar index: calendar boundaries, gaps for closed markets, bounded spacing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from PySide6.QtCore import QLocale

from widgets.chart.formatting import format_tick, format_volume
from widgets.chart.time_ticks import DAY, TickKind, time_ticks

MONDAY = int(dt.datetime(2024, 3, 4, tzinfo=dt.UTC).timestamp())


def session_minutes(days: int, open_hour: int = 10, minutes: int = 525) -> np.ndarray:
    """1-minute bars of a market open ``minutes`` a day from ``open_hour`` UTC (nights are gaps)."""
    day_starts = MONDAY + np.arange(days, dtype=np.int64) * DAY + open_hour * 3600
    return (day_starts[:, None] + np.arange(minutes, dtype=np.int64) * 60).ravel()


def utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def test_intraday_ticks_sit_on_round_minutes_and_keep_their_distance() -> None:
    times = session_minutes(3)
    ticks = time_ticks(times, 0, 99, px_per_bar=12.8, min_gap_px=90)
    assert len(ticks) >= 5
    gaps = np.diff([t.index for t in ticks])
    assert gaps.min() * 12.8 >= 90
    assert all(utc(t.local_time).minute % 10 == 0 for t in ticks)
    assert all(t.kind == TickKind.TIME for t in ticks)


def test_the_first_bar_of_a_session_is_labelled_with_its_date() -> None:
    times = session_minutes(3)
    first_of_day2 = 525
    ticks = time_ticks(times, first_of_day2 - 200, first_of_day2 + 200, px_per_bar=3.0, min_gap_px=90)
    day_ticks = [t for t in ticks if t.kind == TickKind.DAY]
    assert [t.index for t in day_ticks] == [first_of_day2]  # the night leaves no gap on the axis
    assert format_tick(day_ticks[0], QLocale(QLocale.Language.English)) == "5 Mar"


def test_daily_bars_label_months_and_years_never_times() -> None:
    days = MONDAY + np.arange(800, dtype=np.int64) * DAY
    ticks = time_ticks(days, 0, 799, px_per_bar=1.5, min_gap_px=90)
    assert ticks and all(t.kind >= TickKind.MONTH for t in ticks)
    assert all(utc(t.local_time).day == 1 for t in ticks)
    years = [t for t in ticks if t.kind == TickKind.YEAR]
    assert [utc(t.local_time).year for t in years] == [2025, 2026]
    assert format_tick(years[0], QLocale(QLocale.Language.English)) == "2025"


def test_work_is_bounded_for_a_million_bars() -> None:
    times = session_minutes(1905)  # ~1,000,000 bars
    ticks = time_ticks(times, 0, len(times) - 1, px_per_bar=1200 / len(times), min_gap_px=90)
    assert 3 <= len(ticks) <= 1200 / 90 + 1
    indices = [t.index for t in ticks]
    assert indices == sorted(indices)


def test_utc_offset_moves_the_boundaries() -> None:
    times = session_minutes(2, open_hour=22, minutes=240)  # 22:00-02:00 UTC crosses midnight
    midnight_utc = next(t for t in time_ticks(times, 0, 239, 10.0) if t.kind == TickKind.DAY)
    assert utc(int(times[midnight_utc.index])).hour == 0
    shifted = time_ticks(times, 0, 239, 10.0, utc_offset=3 * 3600)  # 22:00 UTC is 01:00 at UTC+3
    assert all(t.kind != TickKind.DAY or t.index == 0 for t in shifted)


def test_degenerate_inputs_give_no_ticks() -> None:
    times = session_minutes(1)
    assert time_ticks(times, 5, 5, 10.0) == []
    assert time_ticks(times[:1], 0, 0, 10.0) == []
    assert time_ticks(times, 0, 100, 0.0) == []


@pytest.mark.parametrize(
    ("volume", "text"),
    [(950, "950"), (12_345, "12.3K"), (999_500, "1M"), (999_499, "999K"), (4_560_000, "4.56M"),
     (999.96, "1K")],
)
def test_a_volume_is_abbreviated_without_exponents(qapp, volume, text):
    assert format_volume(volume) == text
