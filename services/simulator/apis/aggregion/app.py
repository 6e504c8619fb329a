"""``create_app``: DS at ``/api``, ID at ``/id/api``, storage at ``/storage/api``."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount

from services.simulator.apis.aggregion import catalog, id_service, inventory, licensing, storage
from services.simulator.apis.aggregion.seed import seed
from services.simulator.apis.aggregion.state import get_state
from services.simulator.apis.aggregion.wire import DsRefusal, refusal_response
from services.simulator.context import SimulatorContext


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and wrong verbs answer in the refusal shape too."""
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return refusal_response(DsRefusal(exc.status_code, code, str(exc.detail)))


def create_app(ctx: SimulatorContext) -> Starlette:
    """The app over ``ctx``; its state lives in ``ctx.venue_state["aggregion"]`` (seeded on first use)."""
    state = get_state(ctx)
    if not state.users:
        seed(state)
    ds = [*catalog.routes(state), *inventory.routes(state), *licensing.routes(state)]
    app = Starlette(
        routes=[
            Mount("/api", routes=ds),
            Mount("/id/api", routes=id_service.routes(state)),
            Mount("/storage/api", routes=storage.routes(state)),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    app.state.aggregion = state
    return app
