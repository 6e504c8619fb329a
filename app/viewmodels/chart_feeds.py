"""Market data of any instrument the trading core knows, whatever its venue: bars as arrays, prints, the
instrument's definition and the catalogue of every logged-in venue.

A session that serves market data has ``market_data`` (a :class:`services.protocols.MarketDataFeed`: the
crypto feed of coin-weight, the CHP adapter for stocks) and ``instruments`` ({InstrumentId: Instrument}).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime

import numpy as np
from PySide6.QtCore import QCoreApplication

from app.trading.core import TradingCore
from services.domain import Bar, BarArrays, BarInterval, Instrument, InstrumentId, Tick
from services.errors import RejectedInput, TesseraError
from services.protocols import MarketDataFeed

log = logging.getLogger("tessera.marketdata")

MAX_RETRY_S = 30.0


def feed_of(core: TradingCore, instrument: InstrumentId) -> MarketDataFeed:
    """The market data of ``instrument``'s venue; RejectedInput when that venue is not logged in."""
    session = core.sessions.get(instrument.venue)
    feed = getattr(session, "market_data", None)
    if session is None or feed is None or not session.connected:
        message = QCoreApplication.translate("ChartFeeds", "Not connected to {venue}")
        raise RejectedInput("instrument", message.format(venue=instrument.venue))
    return feed


async def bar_arrays(
    core: TradingCore, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
) -> BarArrays:
    """Up to ``count`` bars opened before ``end`` (None: up to now), oldest first."""
    feed = feed_of(core, instrument)
    arrays = getattr(feed, "bar_arrays", None)
    if arrays is not None:
        return await arrays(instrument, interval, end, count)
    return arrays_of(await feed.bars(instrument, interval, end, count))


def arrays_of(bars: Sequence[Bar]) -> BarArrays:
    n = len(bars)
    time = np.fromiter((int(b.time.timestamp()) for b in bars), np.int64, n)
    columns = np.array([(b.open, b.high, b.low, b.close, b.volume) for b in bars], np.float64).reshape(n, 5)
    columns = columns.T.copy()
    return BarArrays(time, columns[0], columns[1], columns[2], columns[3], columns[4])


def ticks(core: TradingCore, instrument: InstrumentId) -> AsyncIterator[Tick]:
    return feed_of(core, instrument).ticks(instrument)


async def follow_ticks(core: TradingCore, instrument: InstrumentId, on_tick: Callable[[Tick], None]) -> None:
    """Hands every print of ``instrument`` to ``on_tick`` until cancelled. A failed stream is reopened
    (backing off up to ``MAX_RETRY_S``); returns when the venue is no longer logged in."""
    delay = 1.0
    while True:
        try:
            async for tick in ticks(core, instrument):
                on_tick(tick)
                delay = 1.0
        except RejectedInput:
            return
        except TesseraError as exc:
            log.info("prints of %s interrupted (%s); again in %.0f s", instrument, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_S)


def instrument_of(core: TradingCore, instrument: InstrumentId) -> Instrument | None:
    session = core.sessions.get(instrument.venue)
    return getattr(session, "instruments", {}).get(instrument)


def price_decimals(core: TradingCore, instrument: InstrumentId, default: int = 2) -> int:
    known = instrument_of(core, instrument)
    return default if known is None else known.price_decimals


def catalogue(core: TradingCore) -> list[Instrument]:
    """Every instrument of the logged-in sessions, by venue then symbol."""
    found = [i for s in core.sessions.values() for i in getattr(s, "instruments", {}).values()]
    return sorted(found, key=lambda i: (i.id.venue, i.id.symbol, i.id.market))
