"""Server-side list queries: ``filter=field(value,sign)``, ``textsearch``, ``order``, ``extend``, Range.

Syntax chosen where the doc is silent: every ``filter`` parameter is one condition and they are ANDed;
``extend`` and ``order`` take one field per parameter or several comma-separated; ``order=-field`` sorts
descending. A field path goes through objects and lists (``tags`` matches if any tag matches;
``title`` alone matches any language; ``options.key``/``options.value`` match any option's name/value).
Numbers and dates compare as numbers/ISO text; ``regex`` is a Python ``re.search``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from services.simulator.apis.aggregion.state import Record
from services.simulator.apis.aggregion.wire import DsRefusal, answer, bad_request

SIGNS = frozenset({"equals", "notequals", "greater", "less", "regex", "in"})
_FILTER = re.compile(r"^\s*([A-Za-z_][\w.{}]*)\((.*),\s*([a-z]+)\s*\)\s*$", re.DOTALL)
_RANGE = re.compile(r"^\s*items\s*=\s*(\d+)\s*-\s*(\d*)\s*$")


@dataclass(frozen=True, slots=True)
class Condition:
    path: str
    value: Any
    sign: str


def parse_filter(text: str) -> Condition:
    match = _FILTER.match(text)
    if match is None:
        raise bad_request(f"filter must be field(value,sign), not {text!r}", "bad_filter")
    path, literal, sign = match.groups()
    if sign not in SIGNS:
        raise bad_request(f"unknown filter sign {sign!r} (one of {', '.join(sorted(SIGNS))})", "bad_filter")
    try:
        value = json.loads(literal)
    except (ValueError, RecursionError) as exc:
        raise bad_request(
            f"filter value must be a JSON string, bool or array: {literal!r}", "bad_filter"
        ) from exc
    if sign == "in" and not isinstance(value, list):
        raise bad_request("the 'in' sign needs an array value", "bad_filter")
    if sign == "regex":
        try:
            re.compile(str(value))
        except re.error as exc:
            raise bad_request(f"not a regular expression: {value!r}", "bad_filter") from exc
    return Condition(path, value, sign)


def leaves(value: Any, path: Sequence[str]) -> list[Any]:
    """Every value at ``path`` under ``value``, through lists; a dict at the end gives its values."""
    if isinstance(value, list):
        return [leaf for element in value for leaf in leaves(element, path)]
    if not path:
        return list(value.values()) if isinstance(value, dict) else [value]
    if not isinstance(value, dict):
        return []
    head, rest = path[0], path[1:]
    if head in value:
        return leaves(value[head], rest)
    if head == "key" and not rest:
        return list(value)  # options.key on an options object: its names
    if head == "value" and not rest:
        return list(value.values())
    return []


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _same(leaf: Any, wanted: Any) -> bool:
    if isinstance(leaf, bool) or isinstance(wanted, bool):
        return leaf is wanted or str(leaf).lower() == str(wanted).lower()
    return str(leaf) == str(wanted)


def _compare(leaf: Any, wanted: Any) -> int:
    a, b = _number(leaf), _number(wanted)
    if a is not None and b is not None:
        return (a > b) - (a < b)
    sa, sb = str(leaf), str(wanted)
    return (sa > sb) - (sa < sb)


def matches(record: Record, condition: Condition) -> bool:
    found = leaves(record, condition.path.split("."))
    sign, wanted = condition.sign, condition.value
    if sign == "equals":
        return any(_same(leaf, wanted) for leaf in found)
    if sign == "notequals":
        return not any(_same(leaf, wanted) for leaf in found)
    if sign == "in":
        return any(_same(leaf, w) for leaf in found for w in wanted)
    if sign == "regex":
        pattern = re.compile(str(wanted))
        return any(pattern.search(str(leaf)) for leaf in found if leaf is not None)
    if sign == "greater":
        return any(leaf is not None and _compare(leaf, wanted) > 0 for leaf in found)
    return any(leaf is not None and _compare(leaf, wanted) < 0 for leaf in found)


def _field_allowed(path: str, allowed: Iterable[str]) -> bool:
    """``title.ru_RU`` is allowed by ``title.{lang}``; ``options.language`` by ``options.key``."""
    for pattern in allowed:
        if path == pattern:
            return True
        head, _, tail = pattern.partition(".")
        if tail in ("{lang}", "key", "value") and path.startswith(head + ".") and path.count(".") == 1:
            return True
    return False


def _params(request: Request, name: str) -> list[str]:
    return [
        part.strip()
        for value in request.query_params.getlist(name)
        for part in value.split(",")
        if part.strip()
    ]


@dataclass(frozen=True, slots=True)
class ListRules:
    """What a list endpoint allows (from the doc's per-resource lists)."""

    filters: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    extend: tuple[str, ...] = ()
    search: tuple[str, ...] = ()  # the fields textsearch looks in


def select(request: Request, rows: Iterable[Record], rules: ListRules) -> list[Record]:
    """The rows that pass every filter and the textsearch, in the requested order (copies)."""
    conditions = [parse_filter(text) for text in request.query_params.getlist("filter")]
    for condition in conditions:
        if not _field_allowed(condition.path, rules.filters):
            raise bad_request(f"cannot filter on {condition.path!r} here", "bad_filter")
    picked = [row for row in rows if all(matches(row, c) for c in conditions)]
    text = request.query_params.get("textsearch", "").strip().lower()
    if text:
        picked = [
            row
            for row in picked
            if any(
                text in str(leaf).lower() for path in rules.search for leaf in leaves(row, path.split("."))
            )
        ]
    for field in reversed(_params(request, "order")):
        descending = field.startswith("-")
        path = field.lstrip("-+")
        if not _field_allowed(path, rules.order):
            raise bad_request(f"cannot order by {path!r} here", "bad_order")
        keyed = [(next(iter(leaves(row, path.split("."))), None), row) for row in picked]
        present = sorted(
            ((k, r) for k, r in keyed if k is not None), key=lambda kr: _sort_key(kr[0]), reverse=descending
        )
        picked = [r for _, r in present] + [r for k, r in keyed if k is None]
    return [copy.deepcopy(row) for row in picked]


def _sort_key(value: Any) -> tuple[int, Any]:
    number = _number(value)
    return (0, number) if number is not None else (1, str(value).lower())


Resolver = Callable[[str, Any, Record], Any]
"""``(field, current value, parent record) -> replacement`` for one ``extend`` step."""


def extend_fields(request: Request, rules: ListRules) -> list[str]:
    fields = _params(request, "extend")
    for field in fields:
        if field not in rules.extend:
            raise bad_request(
                f"cannot extend {field!r} here (allowed: {', '.join(rules.extend)})", "bad_extend"
            )
    return fields


def expand(record: Record, path: Sequence[str], resolve: Resolver) -> None:
    """Replace, in place, the ref at ``path`` (``["item", "catalog"]``) by the referenced object."""
    head, rest = path[0], path[1:]
    current = record.get(head)
    if not rest or not isinstance(current, dict | list):
        replacement = resolve(head, current, record)
        if replacement is not None:
            record[head] = current = replacement
    if not rest:
        return
    for element in current if isinstance(current, list) else [current]:
        if isinstance(element, dict):
            expand(element, rest, resolve)


def extended(rows: list[Record], fields: Sequence[str], resolve: Resolver) -> list[Record]:
    for row in rows:
        for field in fields:
            expand(row, field.split("."), resolve)
    return rows


def ranged(request: Request, rows: list[Record]) -> Response:
    """``Range: items=a-b`` -> 206 with ``Content-Range: items a-b/total``; no Range -> 200 and every row."""
    header = request.headers.get("range")
    total = len(rows)
    if not header:
        return answer(rows, headers={"Accept-Ranges": "items"})
    match = _RANGE.match(header)
    if match is None:
        raise DsRefusal(416, "bad_range", "Range must be items=<first>-<last> (from 0, inclusive)")
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else total - 1
    if last < first:
        raise DsRefusal(416, "bad_range", "Range must be items=<first>-<last> (from 0, inclusive)")
    if first >= total:
        if total == 0 and first == 0:
            return answer([], 206, {"Content-Range": "items */0", "Accept-Ranges": "items"})
        raise DsRefusal(416, "range_not_satisfiable", f"the list has {total} entries")
    last = min(last, total - 1)
    return answer(
        rows[first : last + 1],
        206,
        {"Content-Range": f"items {first}-{last}/{total}", "Accept-Ranges": "items"},
    )


def listed(request: Request, rows: Iterable[Record], rules: ListRules, resolve: Resolver) -> list[Record]:
    """``select`` then ``extend``: what a list GET answers."""
    return extended(select(request, rows, rules), extend_fields(request, rules), resolve)


def one(request: Request, row: Record, rules: ListRules, resolve: Resolver) -> Record:
    """A single object, with the ``extend`` fields of its list."""
    return extended([copy.deepcopy(row)], extend_fields(request, rules), resolve)[0]
