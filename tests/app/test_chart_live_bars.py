"""LiveBars (app.live_bars): how prints and the venue's refreshed bars become chart updates.

Pure logic, no venue: it lives with the chart tests because it is the chart's live edge."""

from __future__ import annotations

import calendar

from app.live_bars import LiveBar, LiveBars, bar_open
from services.domain import BarInterval

T0 = 1_700_000_040  # 2023-11-14 22:14:00 UTC, a minute boundary


def test_bar_open_aligns_to_the_epoch_mondays_and_calendar_months():
    assert bar_open(T0 + 59, BarInterval.M1) == T0
    assert bar_open(T0 + 59, BarInterval.H1) == T0 - 14 * 60
    assert bar_open(T0, BarInterval.W1) == calendar.timegm((2023, 11, 13, 0, 0, 0))  # a Monday
    assert bar_open(T0, BarInterval.MN1) == calendar.timegm((2023, 11, 1, 0, 0, 0))


def test_prints_move_the_last_bar_and_open_new_ones():
    live = LiveBars(BarInterval.M1, LiveBar(T0, 10.0, 11.0, 9.0, 10.5, 100.0))
    assert live.add_print(T0 - 1, 50.0, 1.0) is False  # older than the last bar: ignored
    assert live.add_print(T0 + 5, 12.0, 2.0) is False
    assert live.add_print(T0 + 6, 8.5, 3.0) is False
    assert live.take() == [("update", LiveBar(T0, 10.0, 12.0, 8.5, 8.5, 105.0))]
    assert live.take() == []
    assert live.add_print(T0 + 61, 9.0, 1.0) is True  # a new minute: time to ask the venue again
    assert live.add_print(T0 + 125, 9.5, 1.0) is True
    assert live.take() == [
        ("append", LiveBar(T0 + 60, 9.0, 9.0, 9.0, 9.0, 1.0)),
        ("append", LiveBar(T0 + 120, 9.5, 9.5, 9.5, 9.5, 1.0)),
    ]


def test_the_venues_bars_replace_what_prints_made_of_them():
    live = LiveBars(BarInterval.M1, LiveBar(T0, 10.0, 11.0, 9.0, 10.5, 100.0))
    live.add_print(T0 + 61, 9.0, 1.0)  # opened the next bar before the chart heard of it
    venue = [LiveBar(T0, 10.0, 11.5, 8.0, 9.1, 180.0), LiveBar(T0 + 60, 9.1, 9.2, 9.0, 9.0, 40.0)]
    live.refreshed(venue)
    assert live.take() == [("update", venue[0]), ("append", venue[1])]
    live.add_print(T0 + 70, 9.3, 2.0)  # prints after a refresh add to the venue's volume
    live.refreshed([venue[0]])  # a bar the chart has moved past is not touched any more
    assert live.take() == [("update", LiveBar(T0 + 60, 9.1, 9.3, 9.0, 9.3, 42.0))]


def test_a_refresh_that_changes_nothing_redraws_nothing():
    live = LiveBars(BarInterval.M1, LiveBar(T0, 10.0, 11.0, 9.0, 10.5, 100.0))
    live.add_print(T0 + 5, 10.6, 1.0)
    assert live.take() == [("update", LiveBar(T0, 10.0, 11.0, 9.0, 10.6, 101.0))]
    live.refreshed([LiveBar(T0 - 60, 9.0, 10.0, 8.0, 10.0, 50.0), LiveBar(T0, 10.0, 11.0, 9.0, 10.6, 101.0)])
    assert live.take() == []  # the venue says what the chart shows already
    live.refreshed([LiveBar(T0, 10.0, 11.0, 9.0, 10.6, 104.0)])
    assert live.take() == [("update", LiveBar(T0, 10.0, 11.0, 9.0, 10.6, 104.0))]


def test_an_empty_chart_starts_with_the_first_print():
    live = LiveBars(BarInterval.H1, None)
    assert live.add_print(T0, 5.0, 1.0) is False
    assert live.take() == [("append", LiveBar(bar_open(T0, BarInterval.H1), 5.0, 5.0, 5.0, 5.0, 1.0))]
