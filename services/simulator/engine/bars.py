"""Bars of any interval for one instrument: deterministic history aggregated from one-minute bars, plus
live trading.

Rows are built at a *base* resolution (minute, hour or day) and then bucketed into the requested interval.
Hour and day rows of completed days are cached (hours in a bounded LRU shared by all instruments, days for
good: five integers per day), so a request for 1000 daily bars does not regenerate 1.4 million minutes
twice. The unit that contains "now" is aggregated from finer rows up to now, so no bar ever shows the
future. User trades are kept as a per-minute overlay (high/low extension, extra volume) and folded into
every resolution.

Alignment: intervals are multiples of 60 s counted from the Unix epoch, except weeks (604800), which open on
Monday 00:00 UTC as on Binance; ``"1M"`` bars open on the first of each calendar month (UTC). No bar opens
before ``EPOCH``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from services.simulator.engine.prices import DAY, EPOCH, MINUTES_PER_DAY, LruCache, MinuteBlock, PriceProcess
from services.simulator.engine.types import BarArrays

WEEK = 7 * DAY
_WEEK_OFFSET = 4 * DAY  # 1970-01-01 was a Thursday; weeks open on Mondays
MONTH = "1M"


@dataclass(slots=True)
class Rows:
    """Parallel int64 arrays: open time (s), OHLC in ticks, volume in qty steps."""

    time: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray

    @classmethod
    def empty(cls) -> Rows:
        return cls(*(np.zeros(0, dtype=np.int64) for _ in range(6)))

    @classmethod
    def concat(cls, parts: list[Rows]) -> Rows:
        parts = [p for p in parts if p.time.shape[0]]
        if not parts:
            return cls.empty()
        if len(parts) == 1:
            return parts[0]
        return cls(*(np.concatenate(arrays) for arrays in zip(*(p.columns() for p in parts), strict=True)))

    def columns(self) -> tuple[np.ndarray, ...]:
        return (self.time, self.open, self.high, self.low, self.close, self.volume)

    def slice(self, start: int, stop: int) -> Rows:
        return Rows(*(a[start:stop] for a in self.columns()))

    def aggregate(self, bucket: np.ndarray, opens: np.ndarray) -> Rows:
        """Group consecutive rows by ``bucket`` (non-decreasing indices into ``opens``)."""
        if not self.time.shape[0]:
            return Rows.empty()
        starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
        ends = np.r_[starts[1:], bucket.shape[0]] - 1
        return Rows(
            opens[bucket[starts]].astype(np.int64),
            self.open[starts],
            np.maximum.reduceat(self.high, starts),
            np.minimum.reduceat(self.low, starts),
            self.close[ends],
            np.add.reduceat(self.volume, starts),
        )

    def fold(self) -> Rows:
        """All rows as one row (opened at the first row's time)."""
        return self.aggregate(np.zeros(self.time.shape[0], dtype=np.int64), self.time[:1])


@dataclass(slots=True)
class LiveMinute:
    """What the live market knows about the current minute beyond the deterministic path."""

    now: int  # current simulated second
    last_ticks: int  # the last trade's price
    last_time: float


def _month_start(t: int) -> int:
    moment = datetime.fromtimestamp(t, UTC)
    return calendar.timegm((moment.year, moment.month, 1, 0, 0, 0))


def _add_months(t: int, months: int) -> int:
    moment = datetime.fromtimestamp(t, UTC)
    index = moment.year * 12 + moment.month - 1 + months
    return calendar.timegm((index // 12, index % 12 + 1, 1, 0, 0, 0))


class BarHistory:
    """Bars of one instrument (see the module docstring)."""

    OVERLAY_LIMIT = 200_000  # minutes with user trades remembered
    BATCH_DAYS = 64  # days generated at once for day rows

    def __init__(self, process: PriceProcess, hour_cache: LruCache) -> None:
        self.process = process
        self._hours = hour_cache
        self._day_rows = np.zeros((0, 5), dtype=np.int64)
        self._day_known = np.zeros(0, dtype=bool)
        self._overlay: dict[int, list[int]] = {}  # epoch minute -> [high, low, extra volume]
        spec = process.spec
        self._step = float(spec.price_step)
        self._qty_step = float(spec.qty_step)
        self._price_decimals = spec.price_decimals
        self._qty_decimals = spec.qty_decimals

    @property
    def overlay(self) -> dict[int, list[int]]:
        """The minutes with users' trades (a paper account keeps them across restarts)."""
        return self._overlay

    # --- live trades ----------------------------------------------------------------------------------------
    def record_trade(self, t: float, ticks: int, units: int) -> None:
        """A user trade: extends the minute's high/low and adds its volume."""
        minute = int(t // 60)
        entry = self._overlay.get(minute)
        if entry is None:
            if len(self._overlay) >= self.OVERLAY_LIMIT:
                self._overlay.pop(next(iter(self._overlay)))
            self._overlay[minute] = [ticks, ticks, units]
        else:
            entry[0] = max(entry[0], ticks)
            entry[1] = min(entry[1], ticks)
            entry[2] += units

    def _apply_overlay(self, rows: Rows, base: int) -> None:
        if not self._overlay or not rows.time.shape[0]:
            return
        first, stop = int(rows.time[0]), int(rows.time[-1]) + base
        for minute, (high, low, units) in self._overlay.items():
            t = minute * 60
            if first <= t < stop:
                i = (t - first) // base
                rows.high[i] = max(rows.high[i], high)
                rows.low[i] = min(rows.low[i], low)
                rows.volume[i] += units

    # --- rows at a base resolution --------------------------------------------------------------------------
    def rows(self, base: int, t0: int, t1: int, live: LiveMinute) -> Rows:
        """Rows of ``base`` seconds (60, 3600 or 86400) opening in [t0, t1) and not after now; t0 aligned."""
        t0 = max(t0, EPOCH)
        now_unit = live.now - live.now % base
        t1 = min(t1, now_unit + base)
        if t1 <= t0:
            return Rows.empty()
        complete_end = min(t1, now_unit)
        parts = []
        if complete_end > t0:
            complete = self._complete(base, t0, complete_end)
            self._apply_overlay(complete, base)
            parts.append(complete)
        if t0 <= now_unit < t1:
            parts.append(self._partial_minute(live) if base == 60 else self._partial(base, now_unit, live))
        return Rows.concat(parts)

    def _partial(self, base: int, unit: int, live: LiveMinute) -> Rows:
        finer = 3600 if base == DAY else 60
        return self.rows(finer, unit, unit + base, live).fold()

    def _partial_minute(self, live: LiveMinute) -> Rows:
        minute_start = live.now - live.now % 60
        points = self.process.seconds(minute_start, live.now + 1)
        full = self.process.minute_rows(minute_start // 60, 1)
        elapsed = live.now - minute_start + 1
        high, low, close = int(points.max()), int(points.min()), int(points[-1])
        if live.last_time >= minute_start:
            close = live.last_ticks
        volume = int(full.volume[0]) * elapsed // 60
        values = (minute_start, points[0], high, low, close, volume)
        rows = Rows(*(np.array([v], dtype=np.int64) for v in values))
        self._apply_overlay(rows, 60)
        rows.high[0] = max(rows.high[0], close)
        rows.low[0] = min(rows.low[0], close)
        return rows

    def _complete(self, base: int, t0: int, t1: int) -> Rows:
        if base == 60:
            count = (t1 - t0) // 60
            block = self.process.minute_rows(t0 // 60, count)
            times = np.arange(t0, t1, 60, dtype=np.int64)
            return Rows(times, block.open.copy(), block.high.copy(), block.low.copy(), block.close.copy(),
                        block.volume.copy())
        if base == 3600:
            first_day, last_day = (t0 - EPOCH) // DAY, (t1 - 1 - EPOCH) // DAY
            hours = Rows.concat(self._hour_rows(list(range(first_day, last_day + 1))))
            skip = (t0 - (EPOCH + first_day * DAY)) // 3600
            return hours.slice(skip, skip + (t1 - t0) // 3600)
        first_day, last_day = (t0 - EPOCH) // DAY, (t1 - EPOCH) // DAY
        rows = self._days(first_day, last_day)
        times = EPOCH + np.arange(first_day, last_day, dtype=np.int64) * DAY
        return Rows(times, *(rows[:, i].copy() for i in range(5)))

    def _hour_rows(self, days: list[int]) -> list[Rows]:
        found = {day: self._hours.get(("hours", self.process.spec.key, day)) for day in days}
        missing = [day for day, rows in found.items() if rows is None]
        for chunk in range(0, len(missing), self.BATCH_DAYS):
            batch = missing[chunk:chunk + self.BATCH_DAYS]
            blocks = self.process.minute_blocks(batch, cache=len(batch) == 1)
            for day, block in zip(batch, blocks, strict=True):
                found[day] = self._summarise(day, block)
        return [found[day] for day in days]  # type: ignore[misc]  # all filled above

    def _days(self, first: int, last: int) -> np.ndarray:
        """Day rows (open, high, low, close, volume) for days [first, last)."""
        if self._day_known.shape[0] < last:
            grow = last - self._day_known.shape[0]
            self._day_rows = np.concatenate([self._day_rows, np.zeros((grow, 5), dtype=np.int64)])
            self._day_known = np.concatenate([self._day_known, np.zeros(grow, dtype=bool)])
        missing = [int(day) for day in np.flatnonzero(~self._day_known[first:last]) + first]
        for chunk in range(0, len(missing), self.BATCH_DAYS):
            days = missing[chunk:chunk + self.BATCH_DAYS]
            for day, block in zip(days, self.process.minute_blocks(days, cache=False), strict=True):
                self._summarise(day, block)
        return self._day_rows[first:last]

    def _summarise(self, day: int, block: MinuteBlock) -> Rows:
        """Cache the hour rows and the day row of a completed day."""
        shape = (24, MINUTES_PER_DAY // 24)
        hours = Rows(
            EPOCH + day * DAY + np.arange(24, dtype=np.int64) * 3600,
            block.open.reshape(shape)[:, 0].copy(),
            block.high.reshape(shape).max(axis=1),
            block.low.reshape(shape).min(axis=1),
            block.close.reshape(shape)[:, -1].copy(),
            block.volume.reshape(shape).sum(axis=1),
        )
        self._hours.put(("hours", self.process.spec.key, day), hours)
        if day < self._day_known.shape[0]:
            self._day_rows[day] = (hours.open[0], hours.high.max(), hours.low.min(), hours.close[-1],
                                   hours.volume.sum())
            self._day_known[day] = True
        return hours

    # --- bars -----------------------------------------------------------------------------------------------
    def bars(self, interval: int | str, start: float | None, end: float | None, limit: int,
             live: LiveMinute) -> BarArrays:
        if limit <= 0:
            return self._to_arrays(Rows.empty())
        if interval == MONTH:
            return self._to_arrays(self._month_bars(start, end, limit, live))
        if not isinstance(interval, int) or interval % 60 or not 60 <= interval <= WEEK:
            raise ValueError(f"unsupported bar interval {interval!r}: 60..604800 seconds (multiples of 60) "
                             "or '1M'")
        offset = _WEEK_OFFSET if interval % WEEK == 0 else 0
        base = DAY if interval % DAY == 0 else 3600 if interval % 3600 == 0 else 60

        def floor(t: float) -> int:
            return int((t - offset) // interval) * interval + offset

        def ceil(t: float) -> int:
            return -int((offset - t) // interval) * interval + offset

        lowest, highest = ceil(EPOCH), floor(live.now)
        if end is not None:
            highest = min(highest, floor(end) if end != floor(end) else floor(end) - interval)
        if start is not None:
            first = max(lowest, ceil(start))
            last = min(highest, first + (limit - 1) * interval)
        else:
            last = highest
            first = max(lowest, last - (limit - 1) * interval)
        if last < first:
            return self._to_arrays(Rows.empty())
        rows = self.rows(base, first, last + interval, live)
        opens = np.arange(first, last + interval, interval, dtype=np.int64)
        return self._to_arrays(rows.aggregate((rows.time - first) // interval, opens))

    def _month_bars(self, start: float | None, end: float | None, limit: int, live: LiveMinute) -> Rows:
        lowest, highest = _month_start(EPOCH), _month_start(live.now)
        if end is not None:
            month = _month_start(int(end))
            highest = min(highest, month if month < end else _add_months(month, -1))
        if start is not None:
            month = _month_start(int(start))
            first = max(lowest, month if month >= start else _add_months(month, 1))
            opens = [first]
            while len(opens) < limit and _add_months(opens[-1], 1) <= highest:
                opens.append(_add_months(opens[-1], 1))
        else:
            opens = [highest]
            while len(opens) < limit and _add_months(opens[0], -1) >= lowest:
                opens.insert(0, _add_months(opens[0], -1))
        if opens[-1] > highest or opens[0] < lowest:
            return Rows.empty()
        month_opens = np.array(opens, dtype=np.int64)
        rows = self.rows(DAY, opens[0], _add_months(opens[-1], 1), live)
        bucket = np.searchsorted(month_opens, rows.time, side="right") - 1
        return rows.aggregate(bucket, month_opens)

    def _to_arrays(self, rows: Rows) -> BarArrays:
        def prices(ticks: np.ndarray) -> np.ndarray:
            return np.round(ticks * self._step, self._price_decimals)

        return BarArrays(
            rows.time.astype(np.int64),
            prices(rows.open),
            prices(rows.high),
            prices(rows.low),
            prices(rows.close),
            np.round(rows.volume * self._qty_step, self._qty_decimals),
        )
