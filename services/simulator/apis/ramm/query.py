"""The ``*.search`` convention in the simulator: Filter, Pagination, OrderBy over rendered rows.

Rows are the wire dicts a method answers; a :class:`SearchSpec` says which filter fields a method takes and
how
each one matches (equality, substring, date/number range, list membership, the ``Test`` 0/1/2 filter, free
text ``Value``), which fields it can be ordered by, and how its answer is shaped (the array's key, whether
``MaxPerPage`` is printed, the accounts.search variant that puts the order in ``Pagination``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from services.simulator.apis.ramm.wire import invalid, parse_stamp, stamp

MAX_PER_PAGE = 100
Row = dict[str, Any]
Matcher = Callable[[Row, Any], bool]


def _eq(column: str) -> Matcher:
    return lambda row, value: (
        row.get(column) == value
        or (
            isinstance(value, int | float)
            and isinstance(row.get(column), bool)
            and bool(value) == row.get(column)
        )
    )


def _sub(column: str) -> Matcher:
    return lambda row, value: str(value).lower() in str(row.get(column) or "").lower()


def _date(column: str, lower: bool) -> Matcher:
    def match(row: Row, value: Any) -> bool:
        bound = stamp(parse_stamp(value, column))
        cell = row.get(column)
        if cell is None:
            return False
        return bool(cell >= bound) if lower else bool(cell < bound)

    return match


def _number(column: str, lower: bool) -> Matcher:
    def match(row: Row, value: Any) -> bool:
        cell = row.get(column)
        if cell is None:
            return False
        return bool(cell >= value) if lower else bool(cell <= value)

    return match


def _member(column: str) -> Matcher:
    return lambda row, value: isinstance(value, list) and row.get(column) in value


def _test(column: str) -> Matcher:
    """0 real, 1 test, 2 all (a bool ``true``/``false`` is taken as 1/0)."""
    return lambda row, value: int(value) == 2 or int(bool(row.get(column))) == int(value)


def _closed(column: str) -> Matcher:
    return lambda row, value: (row.get(column) is not None) == bool(value)


def _text(*columns: str) -> Matcher:
    return lambda row, value: any(str(value).lower() in str(row.get(c) or "").lower() for c in columns)


EQ, SUB, DATE_FROM, DATE_TO, NUM_FROM, NUM_TO, MEMBER, TEST, CLOSED = (
    "eq",
    "sub",
    "date_from",
    "date_to",
    "num_from",
    "num_to",
    "in",
    "test",
    "closed",
)
_KINDS: dict[str, Callable[[str], Matcher]] = {
    EQ: _eq,
    SUB: _sub,
    DATE_FROM: lambda c: _date(c, True),
    DATE_TO: lambda c: _date(c, False),
    NUM_FROM: lambda c: _number(c, True),
    NUM_TO: lambda c: _number(c, False),
    MEMBER: _member,
    TEST: _test,
    CLOSED: _closed,
}


@dataclass(frozen=True)
class SearchSpec:
    key: str  # the answer's array: "Clients"
    filters: dict[str, tuple[str, str]]  # filter field -> (kind, row column)
    order_fields: tuple[str, ...]
    text_columns: tuple[str, ...] = ()  # what ``Value`` searches, if the method has it
    max_per_page_shown: bool = True
    order_in_pagination: bool = False  # the accounts.search example
    order_columns: dict[str, str] = field(default_factory=dict)  # order field -> row column when they differ


def search(spec: SearchSpec, body: dict[str, Any], rows: Iterable[Row]) -> dict[str, Any]:
    filter_ = _section(body, "Filter")
    paging = _section(body, "Pagination")
    order = _section(body, "OrderBy")
    matchers: list[tuple[Matcher, Any]] = []
    for name, value in filter_.items():
        if value is None:
            continue
        if name == "Value" and spec.text_columns:
            matchers.append((_text(*spec.text_columns), value))
            continue
        if name not in spec.filters:
            raise invalid(f"Filter.{name}", "not a filter of this method")
        kind, column = spec.filters[name]
        if kind in (NUM_FROM, NUM_TO, TEST) and (
            (isinstance(value, bool) and kind != TEST) or not isinstance(value, int | float)
        ):
            raise invalid(f"Filter.{name}", "must be a number")
        if kind in (DATE_FROM, DATE_TO):
            parse_stamp(value, f"Filter.{name}")
        matchers.append((_KINDS[kind](column), value))
    page = _positive(paging.get("CurrentPage", 1), "Pagination.CurrentPage")
    per_page = min(_positive(paging.get("PerPage", MAX_PER_PAGE), "Pagination.PerPage"), MAX_PER_PAGE)
    order_field = order.get("Field", spec.order_fields[0])
    direction = order.get("Direction", "Asc")
    if order_field not in spec.order_fields:
        raise invalid("OrderBy.Field", f"one of {', '.join(spec.order_fields)}")
    if direction not in ("Asc", "Desc"):
        raise invalid("OrderBy.Direction", "Asc or Desc")
    selected = [row for row in rows if all(match(row, value) for match, value in matchers)]
    column = spec.order_columns.get(order_field, order_field)
    selected.sort(key=lambda row: _sort_key(row.get(column)), reverse=direction == "Desc")
    total = len(selected)
    pagination: dict[str, Any] = {
        "TotalRecords": total,
        "TotalPages": math.ceil(total / per_page),
        "CurrentPage": page,
        "PerPage": per_page,
    }
    if spec.max_per_page_shown:
        pagination["MaxPerPage"] = MAX_PER_PAGE
    answer: dict[str, Any] = {"Filter": filter_, "Pagination": pagination}
    if spec.order_in_pagination:
        pagination["OrderByField"] = order_field
        pagination["OrderDirection"] = direction
    else:
        answer["OrderBy"] = {"Field": order_field, "Direction": direction}
    answer[spec.key] = [
        {k: v for k, v in row.items() if not k.startswith("_")}
        for row in selected[(page - 1) * per_page : page * per_page]
    ]
    return answer


def _section(body: dict[str, Any], name: str) -> dict[str, Any]:
    value = body.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise invalid(name, "must be an object")
    return value


def _positive(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise invalid(name, "must be a whole number from 1")
    return value


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, bool | int | float):
        return (1, float(value))
    return (2, str(value))
