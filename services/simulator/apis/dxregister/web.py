"""dxWeb services: login, ping (session extension), credential checks, SSO tokens, logout."""

from __future__ import annotations

import math

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.dxregister.schemas import (
    ClientStatus,
    DxLoginRequest,
    LoginResult,
    SsoTokenInfo,
    SsoTokenRequest,
)
from services.simulator.apis.dxregister.auth import caller, check_password, optional_caller
from services.simulator.apis.dxregister.routing import build_routes
from services.simulator.apis.dxregister.state import LOGIN_ON_BEHALF, DxState, DxUser
from services.simulator.apis.dxregister.wire import (
    Code,
    body_model,
    form_fields,
    ok_json,
    ok_text,
    refuse,
    required,
)


def _ms(seconds: float) -> int:
    return max(0, math.floor(seconds * 1000))


async def login(state: DxState, request: Request) -> Response:
    """With a password: that user's session. Without one: a session on behalf of ``username``, for a caller
    (Authorization) holding LOGIN_ON_BEHALF."""
    body = await body_model(request, DxLoginRequest)
    if not body.username or not body.domain:
        raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "username, domain")
    if body.password is not None:
        user = check_password(state, body.domain, body.username, body.password)
        if user is None:
            raise refuse(403, Code.AUTHENTICATION_FAILED)
    else:
        actor = optional_caller(state, request)
        if actor is None:
            raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "password")
        if not actor.may(LOGIN_ON_BEHALF):
            raise refuse(403, Code.ACCESS_DENIED, "LOGIN_ON_BEHALF is required")
        target = state.users.get((body.domain, body.username))
        if target is None or target.system or target.client.status is ClientStatus.DISABLED:
            raise refuse(403, Code.AUTHENTICATION_FAILED, f"{body.username}@{body.domain}")
        user = target
    session = state.open_session(user)
    state.deliver_notifications(user.key)
    return ok_json(LoginResult(session_token=session.token, timeout=_ms(session.lifetime)))


async def ping(state: DxState, request: Request) -> Response:
    """Past half its lifetime, a session is extended by half the original lifetime; the answer's
    ``timeout`` is what is left (ms). An unknown or expired session: 403 without a body."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    session = state.live_session(token.strip()) if scheme.upper() == "DXAPI" else None
    if session is None:
        raise refuse(403, None)
    now = state.now()
    if session.expires - now < session.lifetime / 2:
        session.expires += session.lifetime / 2
    return ok_json(LoginResult(session_token=session.token, timeout=_ms(session.expires - now)))


def _check(state: DxState, fields: dict[str, str]) -> Response:
    login, domain = required(fields, "login", "domain")
    password, token = fields.get("password"), fields.get("token")
    if not password and not token:
        raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "password or token")
    if password:
        ok = check_password(state, domain, login, password) is not None
    else:
        sso = state.live_sso(token or "")
        ok = sso is not None and sso.user == (domain, login)
    if not ok:
        raise refuse(500, Code.AUTHENTICATION_FAILED, f"{login}@{domain}")
    return Response(status_code=200)


async def check_login_get(state: DxState, request: Request) -> Response:
    return _check(state, dict(request.query_params))


async def check_login_post(state: DxState, request: Request) -> Response:
    return _check(state, await form_fields(request))


def _generate(state: DxState, request: Request, fields: dict[str, str]) -> Response:
    actor = caller(state, request)
    login, domain = required(fields, "login", "domain")
    target = state.users.get((domain, login))
    if target is None or target.system:  # the doc lists no 404 here: its failures are 500 with a code
        raise refuse(500, Code.CLIENT_NOT_FOUND, f"{login}@{domain}")
    if target.key != actor.key and not actor.may(LOGIN_ON_BEHALF):
        raise refuse(403, None)
    return ok_text(state.issue_sso(target.key).token)


async def generate_token_get(state: DxState, request: Request) -> Response:
    return _generate(state, request, dict(request.query_params))


async def generate_token_post(state: DxState, request: Request) -> Response:
    return _generate(state, request, await form_fields(request))


async def sso_token(state: DxState, request: Request) -> Response:
    body = await body_model(request, SsoTokenRequest)
    if not body.dx_core_session_token:
        raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "dxCoreSessionToken")
    session = state.live_session(body.dx_core_session_token)
    if session is None:
        raise refuse(500, Code.SESSION_NOT_FOUND)
    if body.token_duration is not None and body.token_duration <= 0:
        raise refuse(400, Code.INVALID_JSON, "tokenDuration")
    sso = state.issue_sso(session.user, *([body.token_duration] if body.token_duration else []))
    return ok_text(sso.token)


async def sso_token_info(state: DxState, request: Request) -> Response:
    [token] = required(await form_fields(request), "token")
    sso = state.live_sso(token)
    if sso is None:
        raise refuse(400, None)
    user = state.users.get(sso.user)
    return ok_json(
        SsoTokenInfo(
            expiration_time=sso.expires_ms,
            user_name=sso.user[1],
            user_domain=sso.user[0],
            user_id=user.user_id if user else None,
            serial_number=sso.serial,
        )
    )


def _logout(state: DxState, actor: DxUser | None, target: DxUser | None) -> Response:
    if target is None:
        raise refuse(404, None)
    if target.system:
        raise refuse(403, None)
    if actor is not None and actor.key != target.key and not actor.may(LOGIN_ON_BEHALF):
        raise refuse(403, Code.ACCESS_DENIED, "LOGIN_ON_BEHALF is required to log out another user")
    ended = state.end_sessions(target.key)
    return ok_text(f"{ended} session(s) closed")


async def logout_by_id(state: DxState, request: Request) -> Response:
    [text] = required(await form_fields(request), "userId")
    try:
        user_id = int(text)
    except ValueError:
        raise refuse(400, None) from None
    return _logout(state, caller(state, request), state.user_by_id(user_id))


async def logout_by_login(state: DxState, request: Request) -> Response:
    login, domain = required(await form_fields(request), "login", "domain")
    return _logout(state, caller(state, request), state.users.get((domain, login)))


async def logout_by_token(state: DxState, request: Request) -> Response:
    """The token (a session or SSO token of that user) is the authority."""
    login, domain, token = required(await form_fields(request), "login", "domain", "token")
    target = state.users.get((domain, login))
    session, sso = state.live_session(token), state.live_sso(token)
    owner = session.user if session else sso.user if sso else None
    if target is not None and not target.system and owner != target.key:
        raise refuse(403, Code.ACCESS_DENIED, "the token does not belong to that user")
    return _logout(state, None, target)


def routes(state: DxState) -> list[Route]:
    return build_routes(
        state,
        [
            ("POST", "/login", login),
            ("POST", "/ping", ping),
            ("GET", "/checkLogin", check_login_get),
            ("POST", "/checkLogin", check_login_post),
            ("GET", "/generateToken", generate_token_get),
            ("POST", "/generateToken", generate_token_post),
            ("POST", "/getSSOToken", sso_token),
            ("POST", "/getSSOTokenInfo", sso_token_info),
            ("POST", "/logoutUserById", logout_by_id),
            ("POST", "/logoutUserByLogin", logout_by_login),
            ("POST", "/logoutUserByToken", logout_by_token),
        ],
    )
