"""The coin-weight wire: envelopes, error codes, the numbers the doc sends as strings."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from enum import IntEnum
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse


class Code(IntEnum):
    """Error codes shared by every endpoint (the per-endpoint 1..5 of the user and secret APIs live there)."""

    OK = 0
    PARAMETERS = 400
    AUTHENTICATION = 403
    NOT_FOUND = 404
    CONFLICT = 409
    WRONG_OWNER = 500
    NOT_RUNNABLE = 501
    ORDER_NOT_UPDATABLE = 1000
    UNKNOWN_SYMBOL = 1001
    BAD_PRICE = 1002
    BAD_QUANTITY = 1003
    QUANTITY_BELOW_MIN = 1004
    QUANTITY_ABOVE_MAX = 1005
    INSUFFICIENT_BALANCE = 1006
    ORDER_NOT_FOUND = 1007
    ORDER_NOT_ACTIVE = 1008
    NO_LIQUIDITY = 1009
    BAD_ORDER_TYPE = 1010


AUTH_FAILURE_MESSAGE = "Authentication Failure"
WRONG_OWNER_MESSAGE = "Unexpected Error (wrong owner)"


class ApiError(Exception):
    """A refusal the handler wrapper turns into the documented error body (``success: false``)."""

    def __init__(self, code: int, message: str, data: Any = None, http_status: int = 200) -> None:
        super().__init__(message)
        self.code = int(code)
        self.message = message
        self.data = data
        self.http_status = http_status


def ok(data: Any = None, *, with_message: bool = True) -> JSONResponse:
    """The general ok envelope; the user endpoints' examples have no ``errorMsg`` (``with_message=False``)."""
    body: dict[str, Any] = {"success": True, "errorCode": 0}
    if with_message:
        body["errorMsg"] = "ok"
    body["data"] = data
    return JSONResponse(body)


def error_response(error: ApiError) -> JSONResponse:
    body = {"success": False, "errorCode": error.code, "errorMsg": error.message, "data": error.data}
    return JSONResponse(body, status_code=error.http_status)


def auth_failure(detail: str = "") -> ApiError:
    message = f"{AUTH_FAILURE_MESSAGE}: {detail}" if detail else AUTH_FAILURE_MESSAGE
    return ApiError(Code.AUTHENTICATION, message, http_status=403)


def wrong_owner() -> ApiError:
    return ApiError(Code.WRONG_OWNER, WRONG_OWNER_MESSAGE)


def parameters_error(message: str, code: int = Code.PARAMETERS) -> ApiError:
    return ApiError(code, f"Parameters error: {message}")


# --- request bodies -----------------------------------------------------------------------------------------


async def json_object(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError) as exc:
        raise parameters_error("the body is not JSON") from exc
    if not isinstance(body, dict):
        raise parameters_error("the body must be a JSON object")
    return body


def text_field(body: dict[str, Any], name: str, *, required: bool = True, code: int = Code.PARAMETERS) -> str:
    """A non-empty string field (numbers are accepted and turned into their text: ``"owner": 2``)."""
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise parameters_error(f"{name} is required", code)
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise parameters_error(f"{name} must be a string", code)
    return str(value).strip()


def decimal_of(value: Any, name: str, code: int = Code.PARAMETERS) -> Decimal:
    """A finite decimal from a JSON number or a numeric string (the doc sends both)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise parameters_error(f"{name} must be a number", code)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise parameters_error(f"{name} must be a number, not {value!r}", code) from exc
    if not number.is_finite():
        raise parameters_error(f"{name} must be a finite number", code)
    return number


def int_of(value: Any, name: str, code: int = Code.PARAMETERS) -> int:
    number = decimal_of(value, name, code)
    if number != number.to_integral_value():
        raise parameters_error(f"{name} must be a whole number", code)
    return int(number)


def bool_of(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise parameters_error(f"{name} must be true or false")


# --- numbers out --------------------------------------------------------------------------------------------


def fixed(value: Decimal, decimals: int) -> str:
    """``value`` with exactly ``decimals`` places, no exponent: ``fixed(Decimal(10), 3) == "10.000"``."""
    return format(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN), "f")


def plain(value: Decimal) -> str:
    """``value`` without trailing zeros or exponent: ``"100000"``, ``"1.5"``, ``"0"``."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def millis(epoch_seconds: float) -> int:
    return round(epoch_seconds * 1000)
