"""The simulated dxRegister wire: error codes and bodies, request bodies read as the client's models."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import IntEnum
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from services.dxregister.schemas import to_wire

M = TypeVar("M", bound=BaseModel)


class Code(IntEnum):
    """``errorCode`` values: the doc's own, then the simulator's for failures the doc gives no code."""

    UNKNOWN = 10001
    REQUIRED_FIELD_EMPTY = 20001
    WRONG_ACCOUNT_TYPE = 20008
    OWNER_NOT_FOUND = 20014
    ACCESS_DENIED = 20020
    INVALID_JSON = 20022
    RECIPIENT_NOT_FOUND = 20027
    SUBJECT_TOO_LONG = 20028
    MESSAGE_TOO_LONG = 20029
    EXPIRATION_IN_PAST = 20030
    ACCOUNT_NOT_FOUND = 30007
    FIELD_NOT_UPDATABLE = 30014
    MESSAGE_NOT_FOUND = 30019
    BAD_RECIPIENTS = 30020
    # the simulator's own (documented in the package docstring)
    CLIENT_NOT_FOUND = 30001
    BROKER_NOT_FOUND = 30002
    CATEGORY_NOT_FOUND = 30003
    GROUP_NOT_FOUND = 30004
    CLIENT_EXISTS = 30005
    ACCOUNT_EXISTS = 30006
    CURRENCY_MISMATCH = 30008
    INSUFFICIENT_FUNDS = 30009
    TRANSFER_ID_CONFLICT = 30010
    VERSION_MISMATCH = 30011
    BAD_AMOUNT = 30012
    CATEGORY_VALUE_EXISTS = 30013
    ACCOUNT_TERMINATED = 30015
    AUTHENTICATION_FAILED = 30016
    AUTHENTICATION_REQUIRED = 30017
    BROKER_MISMATCH = 30018
    ALREADY_DISABLED = 30021
    NO_SUCH_PERMISSION = 30022
    SESSION_NOT_FOUND = 30023


MESSAGES: dict[Code, str] = {
    Code.UNKNOWN: "Unknown error",
    Code.REQUIRED_FIELD_EMPTY: "Some of the required field is empty",
    Code.WRONG_ACCOUNT_TYPE: "Wrong account type",
    Code.OWNER_NOT_FOUND: "Specified owner is not found or not a client",
    Code.ACCESS_DENIED: "Access denied",
    Code.INVALID_JSON: "Invalid json message format",
    Code.RECIPIENT_NOT_FOUND: "Specified recipient is not found",
    Code.SUBJECT_TOO_LONG: "Subject field exceeds text limit",
    Code.MESSAGE_TOO_LONG: "Message field exceeds text limit",
    Code.EXPIRATION_IN_PAST: "Expiration time in the past",
    Code.ACCOUNT_NOT_FOUND: "Specified account is not found",
    Code.FIELD_NOT_UPDATABLE: "Field cannot be updated",
    Code.MESSAGE_NOT_FOUND: "Specified message is not found",
    Code.BAD_RECIPIENTS: "Bad recipients format",
    Code.CLIENT_NOT_FOUND: "Specified client is not found",
    Code.BROKER_NOT_FOUND: "Specified broker is not found",
    Code.CATEGORY_NOT_FOUND: "Specified category is not found",
    Code.GROUP_NOT_FOUND: "Specified group is not found",
    Code.CLIENT_EXISTS: "Client already exists",
    Code.ACCOUNT_EXISTS: "Account already exists",
    Code.CURRENCY_MISMATCH: "Transfer currency differs from the account currency",
    Code.INSUFFICIENT_FUNDS: "Amount exceeds the withdrawable amount",
    Code.TRANSFER_ID_CONFLICT: "Transfer id is already used by another transfer",
    Code.VERSION_MISMATCH: "Version of the subject does not match If-Match",
    Code.BAD_AMOUNT: "Amount is not valid",
    Code.CATEGORY_VALUE_EXISTS: "Account group already exists",
    Code.ACCOUNT_TERMINATED: "Account is terminated",
    Code.AUTHENTICATION_FAILED: "Authentication failed",
    Code.AUTHENTICATION_REQUIRED: "Authentication required",
    Code.BROKER_MISMATCH: "Broker code differs from the broker of the account owner",
    Code.ALREADY_DISABLED: "Client is already disabled",
    Code.NO_SUCH_PERMISSION: "Trade permission does not exist",
    Code.SESSION_NOT_FOUND: "Session is not found or expired",
}


class DxApiError(Exception):
    """A refusal: HTTP ``status`` with the error body, or no body at all when ``code`` is None."""

    def __init__(
        self, status: int, code: Code | None, detail: str = "", details: list[str] | None = None
    ) -> None:
        self.status = status
        self.code = code
        self.detail = detail
        self.details = details
        super().__init__(f"HTTP {status} {code!r} {detail}")

    def response(self) -> Response:
        if self.code is None:
            return Response(status_code=self.status)
        message = MESSAGES[self.code] + (f": {self.detail}" if self.detail else "")
        body: dict[str, Any] = {"errorCode": int(self.code), "errorMessage": message}
        if self.details:
            body["errorDetails"] = self.details
        return JSONResponse(body, status_code=self.status)


def refuse(status: int, code: Code | None, detail: str = "") -> DxApiError:
    return DxApiError(status, code, detail)


def ok_json(
    value: BaseModel | Sequence[BaseModel], status: int = 200, etag: str | None = None
) -> JSONResponse:
    body = to_wire(value) if isinstance(value, BaseModel) else [to_wire(item) for item in value]
    headers = {"ETag": etag} if etag else None
    return JSONResponse(body, status_code=status, headers=headers)


def ok_text(text: str) -> PlainTextResponse:
    return PlainTextResponse(text)


def no_content(etag: str | None = None) -> Response:
    return Response(status_code=204, headers={"ETag": etag} if etag else None)


async def json_body(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (ValueError, RecursionError):
        raise refuse(400, Code.INVALID_JSON, "body is not JSON") from None


def read_model(model: type[M], data: Any, status: int = 400) -> M:
    """``data`` as ``model``; a required field missing or null is 20001, any other misfit 20022."""
    if not isinstance(data, dict):
        raise refuse(status, Code.INVALID_JSON, "a JSON object is expected")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = exc.errors()
        fields = [".".join(str(p) for p in problem["loc"]) for problem in problems]
        missing = any(problem["type"] == "missing" or problem.get("input", 0) is None for problem in problems)
        error = DxApiError(
            status, Code.REQUIRED_FIELD_EMPTY if missing else Code.INVALID_JSON, ", ".join(fields)
        )
        error.details = [
            f"{field}: {problem['msg']}" for field, problem in zip(fields, problems, strict=True)
        ]
        raise error from None


async def body_model(request: Request, model: type[M]) -> M:
    return read_model(model, await json_body(request))


async def form_fields(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (read here: Starlette's form parser needs an extra
    package); a non-UTF-8 body is 400."""
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise refuse(400, None) from None
    return dict(parse_qsl(text, keep_blank_values=True))


def required(fields: dict[str, str], *names: str) -> list[str]:
    """The values of ``names``; a missing or empty one answers 400 without a body (as the doc says)."""
    values = [fields.get(name, "").strip() for name in names]
    if not all(values):
        raise refuse(400, None)
    return values
