"""Routes of the dxRegister simulator: handlers get the state and the request; refusals become answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.dxregister.state import DxState
from services.simulator.apis.dxregister.wire import DxApiError

Handler = Callable[[DxState, Request], Awaitable[Response]]


def build_routes(state: DxState, table: Sequence[tuple[str, str, Handler]]) -> list[Route]:
    """``(verb, path, handler)`` rows as Starlette routes."""

    def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            state.ctx.engine.advance()
            state.expire_accounts()
            try:
                return await handler(state, request)
            except DxApiError as refusal:
                return refusal.response()

        return run

    return [Route(path, endpoint(handler), methods=[verb]) for verb, path, handler in table]


def path_text(request: Request, name: str) -> str:
    return str(request.path_params[name])
