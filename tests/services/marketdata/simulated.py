"""The simulator's market-data API in-process (no socket), mounted at ``/md`` as the server mounts it."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from services.simulator.apis.marketdata import create_app
from services.simulator.context import SimulatorContext
from services.simulator.engine import SimClock
from services.simulator.engine.catalog import default_engine

START = 1_718_294_400.0  # 2024-06-13T16:00:00Z
SERVER = "http://sim"
COUNTERPARTY = "binance"
SYMBOL = "BTC-USDT"
KEY = f"{COUNTERPARTY}:{SYMBOL}"


def frozen_context(seed: int = 7, start: float = START) -> SimulatorContext:
    """An engine on a stopped clock: the market moves only when a test calls ``clock.advance_by``."""
    clock = SimClock(speed=0, start=start)
    return SimulatorContext(engine=default_engine(seed, clock), clock=clock, seed=seed)


def transport(ctx: SimulatorContext) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=Starlette(routes=[Mount("/md", app=create_app(ctx))]))


def base_url(counterparty: str = COUNTERPARTY) -> str:
    return f"{SERVER}/md/{counterparty}"
