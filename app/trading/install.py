"""Wiring of the trading core into the app: one TradingCore per app, a session per configured venue."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.trading.chp import ChpSession
from app.trading.coinweight import CoinWeightSession
from app.trading.core import TradingCore

if TYPE_CHECKING:
    from app.context import AppContext

SERVICE_NAME = "trading"

log = logging.getLogger("tessera.trading")


def install_trading(ctx: AppContext, *, poll_interval: float = 1.0) -> TradingCore:
    """Create the trading core and its (logged out) venue sessions; register it in ``ctx.services``."""
    core = TradingCore()
    if ctx.venues is not None:
        core.add_session(
            CoinWeightSession(
                ctx.venues.coinweight,
                dict(ctx.venues.market_data),
                core.orders,
                core.quotes,
                core.accounts,
                poll_interval=poll_interval,
                parent=core,
            )
        )
        core.add_session(
            ChpSession(
                ctx.venues.chp,
                ctx.venues.chp_server_token,
                core.orders,
                core.quotes,
                core.accounts,
                poll_interval=poll_interval,
                parent=core,
            )
        )
    ctx.services.register(SERVICE_NAME, core)
    return core


def trading(ctx: AppContext) -> TradingCore:
    """The app's trading core (what panel factories call to reach it)."""
    return ctx.services.get(SERVICE_NAME, TradingCore)


async def log_in_demo(core: TradingCore) -> None:
    """On the embedded simulator every venue has the demo user: log in to each session with it.

    A failure is logged and shown in the session's indicator; the user can log in again from the Venue menu.
    """
    from services.errors import TransportError, VenueError
    from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD

    for session in core.sessions.values():
        try:
            await session.login(DEMO_LOGIN, DEMO_PASSWORD)
        except (VenueError, TransportError) as exc:
            log.warning("demo login to %s failed: %s", session.venue, exc)
