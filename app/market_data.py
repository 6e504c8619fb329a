"""Market data of any instrument the trading core knows, whatever its venue: bars as arrays, prints, the
instrument's definition and the catalogue of every logged-in venue.

Every session (:class:`services.protocols.VenueSession`) serves ``market_data`` (the crypto feed of
coin-weight, the CHP adapter for stocks) and ``instruments`` ({InstrumentId: Instrument}); it has ticks
only where its ``capabilities.ticks`` says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.trading.bridge import QtTrading
from services.domain import BarArrays, BarInterval, Instrument, InstrumentId, Tick
from services.errors import RejectedInput
from services.protocols import MarketDataFeed
from services.retry import Backoff, follow_stream

log = logging.getLogger("tessera.marketdata")

MAX_RETRY_S = 30.0


def feed_of(core: QtTrading, instrument: InstrumentId) -> MarketDataFeed:
    """The market data of ``instrument``'s venue; RejectedInput when that venue is not logged in."""
    session = core.sessions.get(instrument.venue)
    if session is None or not session.connected:
        message = QCoreApplication.translate("ChartFeeds", "Not connected to {venue}")
        raise RejectedInput("instrument", message.format(venue=instrument.venue))
    return session.market_data


async def bar_arrays(
    core: QtTrading, instrument: InstrumentId, interval: BarInterval, end: datetime | None, count: int
) -> BarArrays:
    """Up to ``count`` bars opened before ``end`` (None: up to now), oldest first."""
    return await feed_of(core, instrument).bar_arrays(instrument, interval, end, count)


def has_ticks(core: QtTrading, instrument: InstrumentId) -> bool:
    session = core.sessions.get(instrument.venue)
    return session is not None and session.capabilities.ticks


async def follow_ticks(core: QtTrading, instrument: InstrumentId, on_tick: Callable[[Tick], None]) -> None:
    """Hands every print of ``instrument`` to ``on_tick`` until cancelled. A failed stream is reopened
    (backing off); returns at once when the venue is not logged in or has no prints."""
    session = core.sessions.get(instrument.venue)
    if session is None or not session.connected or not session.capabilities.ticks:
        return

    def failed(exc: Exception, delay: float) -> None:
        log.info("prints of %s interrupted (%s); again in %.0f s", instrument, exc, delay)

    await follow_stream(
        lambda: session.ticks(instrument),
        on_tick,
        backoff=Backoff(first=1.0, longest=MAX_RETRY_S),
        on_error=failed,
    )


def instrument_of(core: QtTrading, instrument: InstrumentId) -> Instrument | None:
    return core.instrument(instrument)


def price_decimals(core: QtTrading, instrument: InstrumentId, default: int = 2) -> int:
    known = instrument_of(core, instrument)
    return default if known is None else known.price_decimals


def catalogue(core: QtTrading) -> list[Instrument]:
    """Every instrument of the logged-in sessions, by venue then symbol."""
    return sorted(core.instruments().values(), key=lambda i: (i.id.venue, i.id.symbol, i.id.market))
