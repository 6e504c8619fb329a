"""The CHP simulator in-process: a frozen clock the tests advance, the fault middleware, a VenueHttp onto
it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from services.http import VenueHttp
from services.simulator.apis.chp import create_app
from services.simulator.apis.chp.state import ChpState
from services.simulator.context import SimulatorContext
from services.simulator.engine import SimClock
from services.simulator.engine.catalog import default_engine
from services.simulator.faults import FaultMiddleware

START = datetime(2025, 3, 4, 10, 0, tzinfo=UTC).timestamp()  # a Tuesday morning
PORTFOLIO = "ST100001-MO-01"
SECOND_PORTFOLIO = "ST100001-MO-02"


@dataclass
class Sim:
    ctx: SimulatorContext
    clock: SimClock
    state: ChpState
    app: FaultMiddleware

    def http(self, **options: object) -> VenueHttp:
        return VenueHttp("chp", "http://chp.test", transport=httpx.ASGITransport(app=self.app), **options)

    def advance(self, seconds: float) -> None:
        self.clock.advance_by(seconds)
        self.ctx.engine.advance()


def make_sim(seed: int = 11) -> Sim:
    clock = SimClock(speed=0, start=START)
    ctx = SimulatorContext(engine=default_engine(seed, clock), clock=clock, seed=seed)
    root = Starlette(routes=[Mount("/", app=create_app(ctx))])
    return Sim(ctx, clock, ctx.venue_state["chp"], FaultMiddleware(root, ctx.faults))
