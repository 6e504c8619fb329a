"""Bounds on the numbers a venue sends: what a trader could ever see, and nothing the code after parsing
cannot compute with.

A venue answer with a price of ``1e400``, a precision of a million decimals or a time in the year 300 000 is
not data but a fault; refusing it while parsing (a pydantic ``ValueError``, which the clients turn into a
project error) keeps ``Decimal`` overflow, ``datetime`` range errors and ``[None] * n`` out of the code that
uses the parsed value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

MAX_MAGNITUDE = Decimal("1e15")
"""No price, quantity, balance or volume a trader sees is larger (a quadrillion)."""

MAX_EPOCH_MS = 253_402_300_799_999
"""9999-12-31T23:59:59.999Z, the last instant ``datetime`` holds."""

MAX_DECIMALS = 18
"""Most decimal places a venue gives a price or quantity (wei-like precision)."""

MAX_PLACES = 100
"""Most decimal places a wire number may be written with (``0.1000…`` padding included)."""

MAX_ROWS = 1_000_000
"""Largest row number or row count a venue's list can carry (``row``/``nrows``, book depth)."""


def check_magnitude(value: Decimal) -> Decimal:
    """``value`` if finite and at most :data:`MAX_MAGNITUDE` in size, else ValueError (a readable one)."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"number out of range: {value:.3e}")
    if value.as_tuple().exponent < -MAX_PLACES:  # type: ignore[operator]  # finite: the exponent is an int
        raise ValueError(f"too many decimal places: {value:.3e}")
    return value


def check_not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(f"negative where only zero or more makes sense: {value}")
    return value


SaneDecimal = Annotated[Decimal, AfterValidator(check_magnitude)]
"""A Decimal a trader could see: finite, at most :data:`MAX_MAGNITUDE` in size."""

Amount = Annotated[Decimal, AfterValidator(check_magnitude), AfterValidator(check_not_negative)]
"""A price, quantity or volume: finite, not negative, at most :data:`MAX_MAGNITUDE`."""

EpochMillis = Annotated[int, Field(ge=0, le=MAX_EPOCH_MS)]
"""Epoch milliseconds ``datetime`` can hold (1970 to 9999)."""

Decimals = Annotated[int, Field(ge=0, le=MAX_DECIMALS)]
"""A count of decimal places (precision)."""

RowCount = Annotated[int, Field(ge=0, le=MAX_ROWS)]
"""A row number or a row count."""
