"""The newest bar of a chart kept live: prints move it between refreshes of the venue's own last bars.

High, low and close follow every print at once (taking a print twice changes nothing). Volume is the
venue's figure as of the last refresh plus the prints since, so a print both in a refresh and in the stream
counts twice until the next refresh (every few seconds) replaces it. A print in a later interval opens a new
bar; a print older than the newest bar is ignored.

What changed is collected until :meth:`LiveBars.take` hands it to the chart: bars to append (``append``) and
the chart's last bar to overwrite (``update``), so a frame timer can apply a burst of prints in one go.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from services.domain import BarArrays, BarInterval

WEEK_OFFSET = 4 * 86400  # 1970-01-01 was a Thursday; weeks open on Mondays (as the venues' weekly bars)


def bar_open(epoch: int, interval: BarInterval) -> int:
    """Open time (epoch s, UTC) of the ``interval`` bar that contains ``epoch``."""
    if interval is BarInterval.MN1:
        day = datetime.fromtimestamp(epoch, UTC)
        return calendar.timegm((day.year, day.month, 1, 0, 0, 0))
    offset = WEEK_OFFSET if interval is BarInterval.W1 else 0
    return (epoch - offset) // interval.seconds * interval.seconds + offset


@dataclass(frozen=True, slots=True)
class LiveBar:
    time: int  # open, epoch s
    open: float
    high: float
    low: float
    close: float
    volume: float

    def values(self) -> tuple[float, float, float, float, float]:
        return self.open, self.high, self.low, self.close, self.volume


def last_bars(arrays: BarArrays, count: int) -> list[LiveBar]:
    """The newest ``count`` bars of ``arrays``, oldest first."""
    n = len(arrays)
    return [
        LiveBar(
            int(arrays.time[i]),
            float(arrays.open[i]),
            float(arrays.high[i]),
            float(arrays.low[i]),
            float(arrays.close[i]),
            float(arrays.volume[i]),
        )
        for i in range(max(0, n - count), n)
    ]


class LiveBars:
    def __init__(self, interval: BarInterval, last: LiveBar | None) -> None:
        self.interval = interval
        self.current = last  # the newest bar known
        self._shown = last.time if last is not None else None  # time of the chart's last bar
        self._touched: dict[int, LiveBar] = {}  # bars changed since the last take(), by time

    def add_print(self, epoch: float, price: float, size: float) -> bool:
        """Takes one print in; True when it opened a new bar (time to refresh from the venue)."""
        opens = bar_open(int(epoch), self.interval)
        bar = self.current
        if bar is not None and opens < bar.time:
            return False
        if bar is None or opens > bar.time:
            self._set(LiveBar(opens, price, price, price, price, size))
            return bar is not None
        self._set(
            replace(
                bar, high=max(bar.high, price), low=min(bar.low, price), close=price, volume=bar.volume + size
            )
        )
        return False

    def refreshed(self, bars: list[LiveBar]) -> None:
        """The venue's newest bars (oldest first) replace what prints made of them."""
        for bar in bars:
            current = self.current
            if current is None or bar.time > current.time:
                self._set(bar)
            elif bar.time == current.time:
                if bar != current:  # the same bar again is no change: the chart is not redrawn for it
                    self._set(bar)
            elif bar.time == self._shown:  # the bar before the current one, still the chart's last
                self._touched[bar.time] = bar

    def take(self) -> list[tuple[str, LiveBar]]:
        """What to do to the chart, in order: ("append", bar) or ("update", bar) of its last bar."""
        changes: list[tuple[str, LiveBar]] = []
        for time in sorted(self._touched):
            bar = self._touched[time]
            if self._shown is not None and time < self._shown:
                continue
            changes.append(("update" if time == self._shown else "append", bar))
            self._shown = time
        self._touched.clear()
        return changes

    def _set(self, bar: LiveBar) -> None:
        self.current = bar
        self._touched[bar.time] = bar
