"""Row-by-row parsing of venue lists: one bad row is dropped (and logged once per kind), not the whole list.

A list answer (orders, quotes, bars, ticks, balances) or a stream poll carries many independent rows; a
venue bug in one of them must not blind the trader to the others. :func:`parse_row` turns any parsing failure
of one row into a :class:`VenueError` whose ``code`` names the *kind* of problem (the same for every row that
fails the same way); :func:`parse_rows` keeps the good rows and logs each kind once (logger
``tessera.rows``), so a venue that sends a thousand broken quotes a second fills no log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from decimal import DecimalException
from typing import Any, TypeVar

from pydantic import BeforeValidator, ValidationError

from services.errors import TesseraError, TransportError, VenueError

log = logging.getLogger("tessera.rows")

T = TypeVar("T")

PARSE_FAILURES: tuple[type[Exception], ...] = (
    ValidationError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    ArithmeticError,  # OverflowError, ZeroDivisionError, decimal.InvalidOperation
    DecimalException,
    OSError,  # datetime.fromtimestamp out of the platform's range
    RecursionError,
    MemoryError,
)
"""What parsing a hostile value can raise besides a project error."""

_ROW_FAILURES: tuple[type[Exception], ...] = (TesseraError, *PARSE_FAILURES)


class OnceLog:
    """Remembers which problems were logged; each distinct one is logged once (up to ``limit`` of them)."""

    def __init__(self, logger: logging.Logger = log, limit: int = 1000) -> None:
        self.logger = logger
        self.limit = limit
        self._seen: set[tuple[str, str, str]] = set()
        self._lock = threading.Lock()

    def warn(self, venue: str, what: str, error: TesseraError) -> bool:
        """Logs ``error`` unless its kind was logged before for ``venue`` and ``what``; True if logged."""
        kind = (venue, what, str(getattr(error, "code", "") or error))
        with self._lock:
            if kind in self._seen or len(self._seen) >= self.limit:
                return False
            self._seen.add(kind)
        self.logger.warning("%s: a row of %s was skipped: %s", venue, what, error)
        return True

    def forget(self) -> None:
        with self._lock:
            self._seen.clear()


ONCE = OnceLog()
"""The process-wide memory of logged row problems (tests may ``forget`` it)."""


def problem_of(exc: BaseException) -> tuple[str, str]:
    """(kind, readable text) of a parsing failure; the kind leaves out the values so equal problems match."""
    if isinstance(exc, ValidationError):
        first = exc.errors(include_url=False, include_input=False)[0] if exc.error_count() else None
        if first is None:
            return "invalid", "invalid row"
        where = ".".join(str(part) for part in first["loc"]) or "row"
        return f"{where}:{first['type']}", f"{where}: {first['msg']}"
    if isinstance(exc, TransportError | VenueError):
        return str(getattr(exc, "code", None) or exc.message), exc.message
    if isinstance(exc, RecursionError):
        return "RecursionError", "nested too deep"
    return type(exc).__name__, f"{type(exc).__name__}: {str(exc)[:200]}"


BAD_ROW = "bad row:"
"""The start of the ``code`` of a :func:`row_error`; the rest names the kind of problem."""


def row_error(venue: str, what: str, exc: BaseException) -> VenueError:
    """The VenueError of a row of ``what`` that failed to parse with ``exc``."""
    kind, text = problem_of(exc)
    return VenueError(
        venue,
        f"{BAD_ROW}{kind}",
        "unreadable row in {what}: {problem}",
        fields={"what": what, "problem": text},
    )


def is_row_error(error: BaseException) -> bool:
    """True for an error made by :func:`row_error` (a row that did not parse, not a refusal)."""
    return isinstance(error, VenueError) and isinstance(error.code, str) and error.code.startswith(BAD_ROW)


def parse_row(item: Any, parse_one: Callable[[Any], T], venue: str, what: str) -> T:
    """``parse_one(item)``, or a :class:`VenueError` (from :func:`row_error`) whatever went wrong."""
    try:
        return parse_one(item)
    except VenueError as exc:
        if is_row_error(exc):
            raise
        raise row_error(venue, what, exc) from exc
    except _ROW_FAILURES as exc:
        raise row_error(venue, what, exc) from exc


def parse_rows(
    items: Iterable[Any],
    parse_one: Callable[[Any], T],
    venue: str,
    what: str,
    *,
    once: OnceLog = ONCE,
) -> list[T]:
    """The rows of ``items`` that ``parse_one`` reads; the others are dropped, each kind of problem logged
    once."""
    good: list[T] = []
    for item in items:
        try:
            good.append(parse_row(item, parse_one, venue, what))
        except VenueError as exc:
            once.warn(venue, what, exc)
    return good


def skip_bad_rows(parse_one: Callable[[Any], Any], venue: str, what: str) -> BeforeValidator:
    """For a pydantic list field (``Annotated[list[Row], skip_bad_rows(Row.model_validate, ...)]``): the
    list is read with :func:`parse_rows`, so its bad rows are dropped instead of failing the whole model."""

    def good_rows(value: Any) -> Any:
        return parse_rows(value, parse_one, venue, what) if isinstance(value, list) else value

    return BeforeValidator(good_rows)
