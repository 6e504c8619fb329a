"""The dxRegister simulator in-process (with the CHP simulator at the root, as in the real server), a frozen
clock the tests advance, and clients onto it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from services.dxregister import DxRegisterClient
from services.simulator.apis import chp as chp_api
from services.simulator.apis import dxregister as dx_api
from services.simulator.apis.dxregister.state import DxState
from services.simulator.context import SimulatorContext
from services.simulator.engine import SimClock
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.types import Holding
from services.simulator.faults import FaultMiddleware

START = datetime(2025, 3, 4, 10, 0, tzinfo=UTC).timestamp()
BASE_URL = "http://sim.test/dxweb/rest"
CLEARING = "ITI"
PORTFOLIO = "ST100001-MO-01"
SECOND_PORTFOLIO = "ST100001-MO-02"
TRADER2_ACCOUNT = "TR2-USD-01"


@dataclass
class DxSim:
    ctx: SimulatorContext
    clock: SimClock
    state: DxState
    app: FaultMiddleware

    def transport(self) -> httpx.ASGITransport:
        return httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]  # FaultMiddleware types scope loosely

    def client(self) -> DxRegisterClient:
        return DxRegisterClient.create(BASE_URL, transport=self.transport())

    async def operator(self) -> DxRegisterClient:
        """A client logged in as the demo operator."""
        client = self.client()
        await client.login("demo", "default", "demo")
        return client

    def advance(self, seconds: float) -> None:
        self.clock.advance_by(seconds)
        self.ctx.engine.advance()

    def cash(self, portfolio: str = PORTFOLIO, login: str = "demo") -> Holding:
        return self.ctx.engine.holding(f"chp:{login}:{portfolio}", "RUB")


def make_sim(seed: int = 11, speed: float = 0.0) -> DxSim:
    clock = SimClock(speed=speed, start=START)
    ctx = SimulatorContext(engine=default_engine(seed, clock), clock=clock, seed=seed)
    root = Starlette(
        routes=[Mount("/dxweb/rest", app=dx_api.create_app(ctx)), Mount("", app=chp_api.create_app(ctx))]
    )
    return DxSim(ctx, clock, ctx.venue_state["dxregister"], FaultMiddleware(root, ctx.faults))
