"""``create_app``: the coin-weight v2 Starlette app (routes relative to the mount prefix ``/exp/v2``)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from services.simulator.apis.coinweight import apikeys, markets, orders, strategies, strategy_items, users
from services.simulator.apis.coinweight.venue import CoinweightSim
from services.simulator.apis.coinweight.wire import ApiError, error_response
from services.simulator.context import SimulatorContext


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and wrong verbs answer in the error envelope too (errorCode = the HTTP status)."""
    assert isinstance(exc, HTTPException)
    return error_response(ApiError(exc.status_code, exc.detail, http_status=exc.status_code))


def create_app(ctx: SimulatorContext) -> Starlette:
    """The app over ``ctx``; its state lives in ``ctx.venue_state["coinweight"]`` (reused if already there).

    ``app.state.coinweight`` is the :class:`CoinweightSim`; ``await app.state.coinweight.shutdown()`` stops
    the strategy tasks. The app's lifespan does that too, but Starlette does not run the lifespan of a mounted
    app: a parent app enters ``app.router.lifespan_context(app)`` in its own lifespan or calls ``shutdown()``.
    """
    venue = CoinweightSim(ctx)
    users.ensure_demo_user(venue)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        strategies.resume(venue)  # those a restored paper account had running
        yield
        await venue.shutdown()

    routes = [
        *users.routes(venue),
        *markets.routes(venue),
        *strategy_items.routes(venue),
        *orders.routes(venue),
        *apikeys.routes(venue),
        *strategies.routes(venue),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error}, lifespan=lifespan)
    app.state.coinweight = venue
    return app
