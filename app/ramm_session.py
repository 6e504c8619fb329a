"""The app's RAMM.STORE session and copy trading (one per app), registered in ``ctx.services``.

Both are Qt-free (``services/ramm/session.py``, ``services/ramm/copy_trading.py``); this module only makes
them and keeps the copy-trading link in the profile (``panels["copy_trading"]``) so it survives a restart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.trading.install import SERVICE_NAME as TRADING_SERVICE
from app.trading.install import trading
from services.errors import RejectedInput, TransportError, VenueError
from services.ramm.copy_trading import CopyLink, CopyTrader
from services.ramm.session import RammSession
from services.trading.core import TradingCore
from services.trading.stores import PositionStore

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger("tessera.ramm")

SERVICE_NAME = "ramm"
LINK_SETTINGS = "copy_trading"


@dataclass
class RammServices:
    session: RammSession
    copy: CopyTrader

    async def aclose(self) -> None:
        self.copy.close()
        await self.session.aclose()


def install_ramm(ctx: AppContext, *, heartbeat_interval: float = 30.0) -> RammServices | None:
    """The RAMM session (logged out) and copy trading over the trading core's positions."""
    if ctx.venues is None or SERVICE_NAME in ctx.services:
        return None
    session = RammSession(ctx.venues.ramm, heartbeat_interval=heartbeat_interval)
    if TRADING_SERVICE in ctx.services:
        core = trading(ctx).core
        copy = CopyTrader(
            session,
            core.stores.positions,
            lambda venue: _connected(core, venue),
            balances=core.stores.accounts,
            spot=lambda venue: _spot(core, venue),
        )
        for venue, venue_session in core.sessions.items():
            venue_session.logged_in.connect(lambda v=venue: copy.venue_connected(v))
    else:
        copy = CopyTrader(session, PositionStore(), lambda venue: False)
    saved = load_link(ctx.profile.panel_settings(LINK_SETTINGS))
    if saved is not None:
        copy.restore(saved)
    services = RammServices(session, copy)
    ctx.services.register(SERVICE_NAME, services)
    return services


def _spot(core: TradingCore, venue: str) -> bool:
    """A venue whose account holds balances, not positions (coin-weight): its coins are the positions."""
    session = core.sessions.get(venue)
    return session is not None and not session.capabilities.positions


def _connected(core: TradingCore, venue: str) -> bool:
    session = core.sessions.get(venue)
    return session is not None and session.connected


async def log_in_ramm(services: RammServices, login: str, password: str) -> None:
    """The demo's RAMM login (the demo company); a failure shows in the RAMM light."""
    try:
        await services.session.login(login, password)
    except (VenueError, TransportError, RejectedInput) as exc:
        log.warning("RAMM login failed: %s", exc)


def ramm(ctx: AppContext) -> RammServices | None:
    return ctx.services.get(SERVICE_NAME, RammServices) if SERVICE_NAME in ctx.services else None


def save_link(settings: dict[str, Any], link: CopyLink | None) -> None:
    settings.clear()
    if link is not None:
        settings.update(
            strategy_id=link.strategy_id,
            strategy_name=link.strategy_name,
            venue=link.venue,
            account=link.account,
            baseline={k: str(v) for k, v in link.baseline.items()},
        )


def load_link(settings: dict[str, Any]) -> CopyLink | None:
    try:
        return CopyLink(
            int(settings["strategy_id"]),
            str(settings["strategy_name"]),
            str(settings["venue"]),
            str(settings["account"]),
            {str(k): Decimal(str(v)) for k, v in dict(settings.get("baseline", {})).items()},
        )
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None
