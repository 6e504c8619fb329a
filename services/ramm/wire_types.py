"""Value types of the RAMM.STORE manager wire: decimals, the documented date strings, lenient enums.

Dates: every example is an ISO-8601-like string without a time zone, ``"2018-11-23T11:59:12.493"``; some drop
the milliseconds (``"2018-11-23T11:54:00"``), the signals filter uses a space (``"2018-12-30 00:00:00.000"``)
and the trading API even drops the seconds (``"2018-12-11 08:22"``). All of these are read. The zone is not
documented, so a :class:`~datetime.datetime` read from the wire stays naive (venue time); one sent goes out as
``YYYY-MM-DDTHH:MM:SS.fff`` (an aware one is first converted to UTC).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

_STAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(?:Z|[+-]00:?00)?$"
)


def to_decimal(value: object) -> Decimal:
    """A finite Decimal from a JSON number, a numeric string or a Decimal (``bool`` is refused)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value[:40]!r}") from None
    else:
        raise ValueError(f"expected a number, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def json_number(value: Decimal) -> int | float:
    """The JSON number of a Decimal: ``10`` stays an integer, ``0.25`` becomes a float."""
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)


def parse_stamp(value: object) -> datetime:
    """A wire date (see the module docstring) as a naive datetime; a datetime passes through."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    match = _STAMP.match(value.strip())
    if match is None:
        raise ValueError(f"not a date: {value[:40]!r}")
    year, month, day, hour, minute, second, fraction = match.groups()
    micro = int((fraction or "0").ljust(6, "0")[:6])
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro
        )
    except ValueError as exc:
        raise ValueError(f"not a date: {value[:40]!r} ({exc})") from None


def format_stamp(moment: datetime) -> str:
    """``2018-11-23T11:59:12.493``: the documented shape (aware datetimes are converted to UTC first)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def _id_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Money = Annotated[Decimal, BeforeValidator(to_decimal), PlainSerializer(json_number, when_used="json")]
"""A real the doc sends as a JSON number (numeric strings are read too: ``company.getEquity`` types some)."""

Stamp = Annotated[datetime, BeforeValidator(parse_stamp), PlainSerializer(format_stamp, when_used="json")]
"""A documented date string (naive: the venue's zone is not documented)."""

IdText = Annotated[str, BeforeValidator(_id_text)]
"""A value the tables type as a number and the examples as a string (``ExecutionAccount``, ``Ticket``)."""


def lenient(enum: type[IntEnum]) -> Any:
    """``enum`` where the value is known, the plain int otherwise: a new venue status never breaks a read."""

    def coerce(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool | IntEnum):
            try:
                return enum(value)
            except ValueError:
                return value
        return value

    return Annotated[enum | int, BeforeValidator(coerce)]
