"""Wiring of the trading core into the app: one TradingCore per app, a session per configured venue."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from app.trading.bridge import QtTrading
from services.chp.streams import PollRate
from services.errors import TransportError, VenueError
from services.protocols import VenueSession
from services.trading.chp import ChpVenueSession
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.core import TradingCore

if TYPE_CHECKING:
    from app.context import AppContext

SERVICE_NAME = "trading"

log = logging.getLogger("tessera.trading")


def install_trading(ctx: AppContext, *, poll_interval: float = 1.0) -> QtTrading:
    """Create the trading core and its (logged out) venue sessions; register it in ``ctx.services``."""
    core = TradingCore()
    if ctx.venues is not None:
        core.add_session(
            CoinWeightVenueSession(
                ctx.venues.coinweight, ctx.venues.market_data, core.stores, poll_interval=poll_interval
            )
        )
        # CHP's events are drained: at most 4 times a second while they come (the screen shows them once a
        # frame anyway), backing off to every 2 s when idle (four portfolio drains a time; 1 s was 4 req/s).
        rate = PollRate(fastest=0.25, slowest=2 * poll_interval)
        core.add_session(
            ChpVenueSession(ctx.venues.chp, ctx.venues.chp_server_token, core.stores, rate=rate)
        )
    trading = QtTrading(core)
    ctx.services.register(SERVICE_NAME, trading)
    return trading


def trading(ctx: AppContext) -> QtTrading:
    """The app's trading core (what panel factories call to reach it)."""
    return ctx.services.get(SERVICE_NAME, QtTrading)


async def log_in_all(core: QtTrading, login: str, password: str) -> None:
    """Log in to every session with the same user (the demo user of the embedded simulator).

    A failure is logged and shown in the session's indicator; the user can log in again from the Venue menu.
    """
    async def log_in(session: VenueSession) -> None:
        try:
            await session.login(login, password)
        except (VenueError, TransportError) as exc:
            log.warning("login to %s failed: %s", session.venue, exc)

    await asyncio.gather(*(log_in(session) for session in core.sessions.values()))  # in parallel
