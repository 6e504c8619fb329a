"""The simulator's ASGI app: every venue API mounted under its own prefix, plus the ``/_sim`` control routes.

| venue | mount | base URL a client uses |
| --- | --- | --- |
| coin-weight v2 | ``/exp/v2`` | ``<server>/exp/v2`` |
| crypto market data (Binance format) | ``/md`` | ``<server>/md/<counterparty>`` |
| dxRegister | ``/dxweb/rest`` | ``<server>/dxweb/rest`` |
| RAMM.STORE manager | ``/ramm`` | ``<server>/ramm`` |
| Aggregion DS | ``/aggregion`` | ``<server>/aggregion`` |
| ITI CHP_Rest | ``/`` (last, its paths are ``/{Controller}/{Action}``) | ``<server>`` |

State: each venue keeps its own in ``ctx.venue_state``; with ``ctx.keeper`` (a paper account,
services/simulator/paper) the lifespan runs its saving and every request but GETs and control routes is told
to it by the venue that served it.

Control (not part of any venue): ``GET /_sim/health``; ``GET|POST|DELETE /_sim/faults`` (list, add a FaultRule
from a JSON body, clear); ``GET|POST /_sim/clock`` (``{"speed": x}`` and/or ``{"advance": seconds}``).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator
from dataclasses import fields

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from services.simulator.context import SimulatorContext, StateKeeper
from services.simulator.faults import FaultMiddleware, FaultRule
from services.simulator.served import VENUE_MOUNTS, available_venues

log = logging.getLogger("tessera.simulator")

ADVANCE_PERIOD = 0.1  # seconds between background engine advances (resting orders, stops, expiries)


def build_app(ctx: SimulatorContext) -> Starlette:
    sub_apps: list[Starlette] = []
    venue_routes: list[BaseRoute] = []
    for venue, prefix, module_name in VENUE_MOUNTS:
        if venue not in available_venues():
            continue
        sub = importlib.import_module(module_name).create_app(ctx)
        sub_apps.append(sub)
        venue_routes.append(Mount(prefix, app=sub, name=venue))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if ctx.keeper is not None:  # entered first, left last: its last save sees every venue stopped
                await stack.enter_async_context(ctx.keeper.running())
            for sub in sub_apps:  # mounted apps' lifespans are not run by Starlette itself
                await stack.enter_async_context(sub.router.lifespan_context(sub))
            ticker = asyncio.create_task(_advance_forever(ctx), name="engine-advance")
            try:
                yield
            finally:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker

    routes: list[BaseRoute] = [*_control_routes(ctx), *venue_routes]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(FaultMiddleware, plan=ctx.faults)
    if ctx.keeper is not None:
        app.add_middleware(_TellKeeper, keeper=ctx.keeper)
    return app


class _TellKeeper:
    """Tells the state keeper which venue served a request, for every request but reads (GET) and the control
    routes."""

    def __init__(self, app: ASGIApp, keeper: StateKeeper) -> None:
        self.app = app
        self.keeper = keeper

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] == "GET" or path.startswith("/_sim/"):
            return
        self.keeper.touched(next((venue for venue, prefix, _module in VENUE_MOUNTS
                                  if path == prefix or path.startswith(prefix + "/")), ""))


async def _advance_forever(ctx: SimulatorContext) -> None:
    while True:
        try:
            ctx.engine.advance()
        except Exception:  # a broken tick must not stop the market; it is logged and the next one tries again
            log.exception("engine advance failed")
        await asyncio.sleep(ADVANCE_PERIOD)


def _control_routes(ctx: SimulatorContext) -> list[BaseRoute]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "status": "ok",
                "seed": ctx.seed,
                "time": ctx.clock.now(),
                "speed": ctx.clock.speed,
                "venues": available_venues(),
            }
        )

    async def faults(request: Request) -> JSONResponse:
        if request.method == "POST":
            body = await request.json()
            allowed = {f.name for f in fields(FaultRule)} - {"rule_id"}
            unknown = set(body) - allowed
            if unknown:
                return JSONResponse({"error": f"unknown fault fields: {sorted(unknown)}"}, status_code=400)
            rule = ctx.faults.add(**body)
            return JSONResponse({"rule_id": rule.rule_id})
        if request.method == "DELETE":
            ctx.faults.clear()
        return JSONResponse(ctx.faults.describe())

    async def clock(request: Request) -> JSONResponse:
        if request.method == "POST":
            body = await request.json()
            if "speed" in body:
                ctx.clock.set_speed(float(body["speed"]))
            if "advance" in body:
                ctx.clock.advance_by(float(body["advance"]))
            ctx.engine.advance()
        return JSONResponse({"time": ctx.clock.now(), "speed": ctx.clock.speed})

    return [
        Route("/_sim/health", health, methods=["GET"]),
        Route("/_sim/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route("/_sim/clock", clock, methods=["GET", "POST"]),
    ]


def create_context(seed: int = 1, speed: float = 1.0, start: float | None = None) -> SimulatorContext:
    from services.simulator.engine import SimClock
    from services.simulator.engine.catalog import default_engine

    clock = SimClock(speed=speed, start=start)
    return SimulatorContext(engine=default_engine(seed, clock), clock=clock, seed=seed)
