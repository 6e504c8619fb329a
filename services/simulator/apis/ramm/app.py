"""``create_app``: the RAMM manager API Starlette app (routes relative to the mount prefix ``/ramm``)."""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

# The method modules register their handlers on import.
from services.simulator.apis.ramm import (  # noqa: F401
    client_methods,
    record_methods,
    session_methods,
    strategy_methods,
)
from services.simulator.apis.ramm.client_api import CLIENT_API_PATH, client_error_response, serve_client_api
from services.simulator.apis.ramm.rights import SESSION_METHODS, URL_ALIASES
from services.simulator.apis.ramm.state import SessionRec
from services.simulator.apis.ramm.venue import HANDLERS, Call, RammVenue
from services.simulator.apis.ramm.wire import RammApiError, error_response, invalid, no_body
from services.simulator.context import SimulatorContext

log = logging.getLogger("tessera.simulator.ramm")
API_PATH = "/api/manager/v1/{method}"


def create_app(ctx: SimulatorContext) -> Starlette:
    """The app over ``ctx``; state lives in ``ctx.venue_state["ramm"]`` (seeded on first use, then reused)."""
    venue = RammVenue(ctx)

    async def endpoint(request: Request) -> Response:
        try:
            return await _serve(venue, request)
        except RammApiError as error:
            return error_response(error)
        except Exception:  # a simulator bug must still answer in the venue's error shape
            log.exception("ramm %s failed", request.url.path)
            return JSONResponse(
                {"error": {"code": "internal_error", "message": "internal error"}}, status_code=500
            )

    async def client_endpoint(request: Request) -> Response:
        """The client API's few methods a manager uses to open a follower account (client_api.py)."""
        try:
            return await serve_client_api(venue, request, await _body(request))
        except RammApiError as error:
            return client_error_response(error)

    routes = [
        Route(CLIENT_API_PATH, client_endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route(API_PATH, endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/{dc}" + API_PATH, endpoint, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _unrouted})
    app.state.ramm = venue
    return app


async def _unrouted(request: Request, exc: Exception) -> Response:
    """A path outside the manager API answers in the venue's error shape too."""
    assert isinstance(exc, HTTPException)
    return error_response(
        RammApiError("incorrect_method", f"no such path {request.url.path!r}", exc.status_code)
    )


async def _serve(venue: RammVenue, request: Request) -> Response:
    if request.method != "POST":
        raise RammApiError("incorrect_method", "every method is called with POST", http_status=405)
    name = request.path_params["method"]
    dc: str | None = request.path_params.get("dc")
    if dc is not None and dc not in {c.dc for c in venue.state.companies.values()}:
        raise RammApiError("not_found", f"no access server {dc!r} here", http_status=404)
    canonical = URL_ALIASES.get(name, name)
    handler = HANDLERS.get(canonical)
    if handler is None:
        raise RammApiError("incorrect_method", f"no method {name!r}")
    body = await _body(request)
    session = None if canonical == "session.login" else _authorise(venue, request, dc, canonical)
    root = _root(request, dc)
    result = await handler(Call(venue, body, session, root, dc))
    return no_body() if result is None else JSONResponse(result)


def _root(request: Request, dc: str | None) -> str:
    """The absolute URL of the mount (``http://127.0.0.1:N/ramm``): company URLs are built on it."""
    path = request.url.path
    prefix = path[: path.rfind(API_PATH.split("{")[0])]
    if dc is not None:
        prefix = prefix[: -len(dc) - 1]
    return f"{request.url.scheme}://{request.url.netloc}{prefix}"


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid("body", "not JSON") from exc
    if not isinstance(body, dict):
        raise invalid("body", "must be a JSON object")
    return body


def _authorise(venue: RammVenue, request: Request, dc: str | None, method: str) -> SessionRec:
    """The live session of the ``Token`` header on this access server, with the right for ``method``."""
    state = venue.state
    token = request.headers.get("Token", "")
    session = state.sessions.get(token)
    if session is not None and venue.expired(session):
        del state.sessions[token]
        session = None
    if session is None or session.dc != dc:
        raise RammApiError("unauthorized", "the session token is missing, unknown or expired")
    manager = state.managers[session.manager_id]
    if method not in SESSION_METHODS and method not in manager.rights.get(session.company_id, set()):
        raise RammApiError("access_denied", f"the session has no right for {method}")
    session.last_activity = venue.now()
    return session
