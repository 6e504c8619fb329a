"""Text for prices, volumes and bar times (axis labels, readout, line tags)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from widgets.common.numbers import localized

from .time_ticks import DAY, TickKind, TimeTick


def format_price(value: float, decimals: int) -> str:
    return localized(f"{value:.{decimals}f}")


_VOLUME_SCALES = (
    (1e9, QT_TRANSLATE_NOOP("ChartFormat", "B")),  # billions
    (1e6, QT_TRANSLATE_NOOP("ChartFormat", "M")),  # millions
    (1e3, QT_TRANSLATE_NOOP("ChartFormat", "K")),  # thousands
)


def format_volume(value: float) -> str:
    """Compact volume: 950, 12.3K, 4.56M, 7.8B."""
    magnitude = float(f"{abs(value):.3g}")  # rounded first: 999,500 is "1M", not "1e+03K"
    for scale, suffix in _VOLUME_SCALES:
        if magnitude >= scale:
            text = localized(f"{value / scale:.3g}")
            return text + QCoreApplication.translate("ChartFormat", str(suffix))
    return localized(f"{value:.4g}")


def utc_datetime(local_seconds: int) -> dt.datetime:
    """A naive datetime for epoch seconds that already include the display offset."""
    return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=int(local_seconds))


def format_bar_time(local_seconds: int, bar_seconds: float) -> str:
    """Readout time of a bar: the date, plus the time of day for intraday bars."""
    moment = utc_datetime(local_seconds)
    return moment.strftime("%Y-%m-%d" if bar_seconds >= DAY else "%Y-%m-%d %H:%M")


def format_tick(tick: TimeTick, locale: QLocale) -> str:
    """Axis label: the coarsest part of the date that changed at this tick."""
    moment = utc_datetime(tick.local_time)
    short = QLocale.FormatType.ShortFormat
    if tick.kind == TickKind.YEAR:
        return str(moment.year)
    if tick.kind == TickKind.MONTH:
        return locale.standaloneMonthName(moment.month, short)
    if tick.kind == TickKind.DAY:
        return f"{moment.day} {locale.monthName(moment.month, short)}"
    return moment.strftime("%H:%M")
