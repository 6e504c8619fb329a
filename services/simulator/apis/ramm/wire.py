"""The RAMM manager wire in the simulator: errors, request fields, dates and numbers out."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from starlette.responses import JSONResponse, Response

# Detailed code -> HTTP status (the notes leave the pairing open except invalid_input -> 400).
STATUS_OF = {
    "invalid_input": 400,
    "unauthorized": 401,
    "bad_credentials": 401,
    "login_blocked": 403,
    "access_denied": 403,
    "forbidden": 403,
    "not_found": 404,
    "incorrect_method": 404,
    "invalid_status": 422,
}


class RammApiError(Exception):
    """A refusal: ``{"error": {"code", "message"}}`` with the code's HTTP status."""

    def __init__(self, code: str, message: str, http_status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.http_status = http_status or STATUS_OF.get(code, 400)


def error_response(error: RammApiError) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": error.code, "message": error.message}}, status_code=error.http_status
    )


def no_body() -> Response:
    """The answer of a method documented without a response body: HTTP 200, empty."""
    return Response(status_code=200)


def invalid(field: str, why: str = "") -> RammApiError:
    """The doc's message shape: ``invalid input in field 'ID'`` (a reason may follow)."""
    return RammApiError("invalid_input", f"invalid input in field '{field}'" + (f": {why}" if why else ""))


def not_found(field: str, value: object) -> RammApiError:
    return RammApiError(
        "invalid_input", f"invalid input in field '{field}': {value} not found", http_status=404
    )


def invalid_status(why: str) -> RammApiError:
    return RammApiError("invalid_status", why)


# --- request fields -----------------------------------------------------------------------------------------


def int_field(
    body: dict[str, Any], name: str, *, required: bool = True, default: int | None = None
) -> int | None:
    value = body.get(name)
    if value is None:
        if required:
            raise invalid(name, "required")
        return default
    if isinstance(value, bool):
        raise invalid(name, "must be a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise invalid(name, "must be a whole number")


def need_int(body: dict[str, Any], name: str) -> int:
    value = int_field(body, name)
    assert value is not None
    return value


def dec_field(body: dict[str, Any], name: str, *, required: bool = True) -> Decimal | None:
    value = body.get(name)
    if value is None:
        if required:
            raise invalid(name, "required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise invalid(name, "must be a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise invalid(name, "must be a number") from exc
    if not number.is_finite():
        raise invalid(name, "must be a finite number")
    return number


def need_dec(body: dict[str, Any], name: str) -> Decimal:
    value = dec_field(body, name)
    assert value is not None
    return value


def str_field(
    body: dict[str, Any], name: str, *, required: bool = False, max_len: int | None = None
) -> str | None:
    value = body.get(name)
    if value is None:
        if required:
            raise invalid(name, "required")
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise invalid(name, "must be a string")
    if required and not value.strip():
        raise invalid(name, "required")
    if max_len is not None and len(value) > max_len:
        raise invalid(name, f"at most {max_len} characters")
    return value


def need_str(body: dict[str, Any], name: str, *, max_len: int | None = None) -> str:
    value = str_field(body, name, required=True, max_len=max_len)
    assert value is not None
    return value


def bool_field(body: dict[str, Any], name: str) -> bool | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    raise invalid(name, "must be true or false")


def places(value: Decimal, name: str, decimals: int) -> Decimal:
    """``value`` if it has at most ``decimals`` places (the DB's checks), else invalid_input."""
    if value != value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):
        raise invalid(name, f"at most {decimals} decimal places")
    return value


# --- dates and numbers out ----------------------------------------------------------------------------------


def stamp(epoch: float | None) -> str | None:
    """``2018-11-23T11:59:12.493``: UTC, milliseconds, no zone (as every example)."""
    if epoch is None:
        return None
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def parse_stamp(value: Any, field: str) -> float:
    """A documented date (``T`` or space, seconds and milliseconds optional) as epoch seconds (UTC)."""
    if not isinstance(value, str):
        raise invalid(field, "must be a date string")
    text = value.strip().replace(" ", "T")
    for shape in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, shape).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    raise invalid(field, "not a date")


def num(value: Decimal, decimals: int = 2) -> float | int:
    """A real as a JSON number rounded to ``decimals`` places (integers stay integers)."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)
