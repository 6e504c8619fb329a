"""Who is calling: ``Authorization: DXAPI <sessionToken>`` or ``Basic base64(login@domain:password)``."""

from __future__ import annotations

import base64
import binascii
import secrets

from starlette.requests import Request

from services.dxregister.schemas import ClientStatus
from services.simulator.apis.dxregister.state import REGISTER_ADMIN, DxState, DxUser
from services.simulator.apis.dxregister.wire import Code, refuse


def check_password(state: DxState, domain: str, login: str, password: str) -> DxUser | None:
    """The user when the password is right and the user may log in (not disabled, not the system user)."""
    user = state.users.get((domain, login))
    if user is None or user.system or user.client.status is ClientStatus.DISABLED:
        return None
    if not secrets.compare_digest(user.password.encode(), password.encode()):
        return None
    return user


def optional_caller(state: DxState, request: Request) -> DxUser | None:
    """The authenticated caller, None without an Authorization header; bad credentials answer 401."""
    header = request.headers.get("authorization", "").strip()
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.upper() == "DXAPI":
        session = state.live_session(value)
        user = state.users.get(session.user) if session is not None else None
        if user is None:
            raise refuse(401, Code.AUTHENTICATION_REQUIRED, "session token unknown or expired")
        return user
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise refuse(401, Code.AUTHENTICATION_FAILED, "malformed Basic credentials") from None
        identity, _, password = decoded.partition(":")
        login, _, domain = identity.rpartition("@")
        user = check_password(state, domain, login, password) if login else None
        if user is None:
            raise refuse(401, Code.AUTHENTICATION_FAILED)
        return user
    raise refuse(401, Code.AUTHENTICATION_REQUIRED, f"unknown scheme {scheme!r}")


def caller(state: DxState, request: Request) -> DxUser:
    user = optional_caller(state, request)
    if user is None:
        raise refuse(401, Code.AUTHENTICATION_REQUIRED)
    return user


def operator(state: DxState, request: Request, denied_status: int = 403) -> DxUser:
    """The caller, who must hold the back-office permission (else Access denied, 20020)."""
    user = caller(state, request)
    if not user.may(REGISTER_ADMIN):
        raise refuse(denied_status, Code.ACCESS_DENIED, f"{user.client.login}@{user.client.domain}")
    return user
