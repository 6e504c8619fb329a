"""The simulated RAMM API in-process for tests: the whole simulator app behind httpx.ASGITransport."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from services.simulator.app import build_app
from services.simulator.context import SimulatorContext
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.clock import SimClock

MAIN_URL = "http://sim.test/ramm/api/manager/"
START = 1_790_000_000.0  # a fixed moment (2026-09): the seeded book is the same on every run


class RecordingTransport(httpx.AsyncBaseTransport):
    """ASGITransport that remembers the manager-API method of every request."""

    def __init__(self, app: object, seen: set[str]) -> None:
        self._inner = httpx.ASGITransport(app=app)  # type: ignore[arg-type]  # a Starlette app
        self._seen = seen

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._seen.add(request.url.path.rsplit("/", 1)[-1])
        return await self._inner.handle_async_request(request)


@dataclass
class SimHandle:
    ctx: SimulatorContext
    app: object
    seen: set[str] = field(default_factory=set)

    def transport(self) -> httpx.AsyncBaseTransport:
        return RecordingTransport(self.app, self.seen)


def make_sim(seed: int = 11, speed: float = 0.0) -> SimHandle:
    """A frozen clock (speed 0) unless asked: tests move it with ``ctx.clock.advance_by``."""
    clock = SimClock(speed=speed, start=START)
    ctx = SimulatorContext(engine=default_engine(seed, clock), clock=clock, seed=seed)
    return SimHandle(ctx, build_app(ctx))
