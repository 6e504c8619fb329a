"""The Aggregion simulator's wire: refusals, JSON answers, the caller (token + ``X-Account``), bodies."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.aggregion.schemas import format_date
from services.simulator.apis.aggregion.state import AggregionState, Record, parse_date

Handler = Callable[[Request], Awaitable[Response]]


class DsRefusal(Exception):
    """Answered as ``{"code": <slug>, "message": <sentence>}`` with ``status`` (the doc has no error body)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def bad_request(message: str, code: str = "bad_request") -> DsRefusal:
    return DsRefusal(400, code, message)


def unauthorized(message: str = "authorization required") -> DsRefusal:
    return DsRefusal(401, "unauthorized", message)


def forbidden(message: str) -> DsRefusal:
    return DsRefusal(403, "forbidden", message)


def not_found(what: str) -> DsRefusal:
    return DsRefusal(404, "not_found", f"{what} not found")


def conflict(message: str, code: str = "conflict") -> DsRefusal:
    return DsRefusal(409, code, message)


def refusal_response(refusal: DsRefusal) -> JSONResponse:
    return JSONResponse({"code": refusal.code, "message": refusal.message}, status_code=refusal.status)


def answer(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    if status == 204:
        return Response(status_code=204)
    return JSONResponse(body, status_code=status, headers=headers)


def guarded(handler: Handler) -> Handler:
    """Refusals raised anywhere in ``handler`` become their JSON answer."""

    @functools.wraps(handler)
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except DsRefusal as refusal:
            return refusal_response(refusal)

    return run


# --- the caller ---------------------------------------------------------------------------------------------


def bearer_user(state: AggregionState, request: Request) -> str:
    """The user of ``Authorization: Bearer <token>`` (401 if missing, unknown or expired)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("send Authorization: Bearer <token> (a token of the ID service)")
    grant = state.tokens.get(token.strip())
    if grant is None:
        raise unauthorized("unknown token")
    if grant.expires <= state.now():
        raise unauthorized("the token has expired; refresh it")
    return grant.user


@dataclass(frozen=True, slots=True)
class Caller:
    user: str
    account: str


def caller(state: AggregionState, request: Request) -> Caller:
    """The user and the ``X-Account`` they act for (400 without it, 403 if it is not one of theirs)."""
    user = bearer_user(state, request)
    account = request.headers.get("x-account", "").strip()
    if not account:
        raise bad_request("the X-Account header is required", "account_required")
    if account not in state.accounts:
        raise forbidden(f"account {account} does not exist")
    if user not in state.members(account):
        raise forbidden(f"account {account} is not available to this user")
    return Caller(user, account)


# --- bodies -------------------------------------------------------------------------------------------------


async def body_object(request: Request, *, optional: bool = False) -> Record:
    raw = await request.body()
    if not raw.strip() and optional:
        return {}
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise bad_request("the body is not JSON") from exc
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object")
    return body


def text_of(body: Record, name: str, *, required: bool = True) -> str:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise bad_request(f"{name} is required")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise bad_request(f"{name} must be a string")
    return str(value)


def int_of(body: Record, name: str, *, default: int | None = None, minimum: int = 0) -> int:
    value = body.get(name, default)
    if value is None:
        raise bad_request(f"{name} is required")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise bad_request(f"{name} must be a whole number")
    try:
        number = int(value)
    except ValueError as exc:
        raise bad_request(f"{name} must be a whole number") from exc
    if number < minimum:
        raise bad_request(f"{name} must be at least {minimum}")
    return number


def date_of(body: Record, name: str, *, required: bool = True) -> str | None:
    """A date field, normalised to the wire's ``...sss Z`` text."""
    value = body.get(name)
    if value is None:
        if required:
            raise bad_request(f"{name} is required")
        return None
    moment = parse_date(value)
    if moment is None:
        raise bad_request(f"{name} must be an ISO-8601 date, not {value!r}")
    return format_date(moment)


def str_list(body: Record, name: str) -> list[str]:
    value = body.get(name)
    if not isinstance(value, list) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value
    ):
        raise bad_request(f"{name} must be a list of ids")
    return [str(v) for v in value]


def object_list(body: Record, name: str) -> list[Record]:
    value = body.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise bad_request(f"{name} must be a non-empty list of objects")
    return value


def pick(collection: dict[str, Record], record_id: str, what: str) -> Record:
    record = collection.get(record_id)
    if record is None:
        raise not_found(f"{what} {record_id}")
    return record
