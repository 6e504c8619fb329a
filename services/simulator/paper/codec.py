"""Tagged JSON for the simulator's state: what ``json`` cannot carry is written as a one-key object.

=========================  ==============================================================================
value                      JSON
=========================  ==============================================================================
None, bool, int, float,    as is
str, list, deque
dict with str keys         an object (unless a key starts with ``$``)
other dict                 ``{"$map": [[key, value], ...]}``
Decimal                    ``{"$dec": "1.25"}``
bytes                      ``{"$bytes": "<base64>"}``
tuple / set / frozenset    ``{"$tuple": [...]}`` / ``{"$set": [...]}`` / ``{"$frozenset": [...]}``
datetime                   ``{"$datetime": "<ISO 8601>"}``
enum member                ``{"$enum": "module:Class", "value": ...}``
dataclass instance         ``{"$data": "module:Class", "fields": {...}}`` (every field, ``init`` or not)
pydantic model             ``{"$model": "module:Class", "json": <model_dump(mode="json", by_alias=True)>}``
=========================  ==============================================================================

Only classes of the ``services`` package are named and rebuilt, so a document can make nothing else. Anything
else (a task, a function, a key object) raises ``TypeError`` when encoded: the venues keep such things out of
what they persist. A document that does not decode raises ``ValueError``.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import importlib
import json
from collections import deque
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ValidationError

TRUSTED_PACKAGE = "services"


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def loads(text: str) -> Any:
    try:
        return decode(json.loads(text))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"not a state document: {exc}") from exc


def encode(value: Any) -> Any:
    if value is None or (isinstance(value, bool | int | float | str) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, list | deque):
        return [encode(item) for item in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, set | frozenset):
        items = sorted((encode(item) for item in value), key=_order)
        return {"$frozenset" if isinstance(value, frozenset) else "$set": items}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"$map": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, enum.Enum):
        return {"$enum": _name_of(type(value)), "value": encode(value.value)}
    if isinstance(value, BaseModel):
        return {"$model": _name_of(type(value)), "json": value.model_dump(mode="json", by_alias=True)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "$data": _name_of(type(value)),
            "fields": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    raise TypeError(f"a {type(value).__name__} cannot be kept in the paper account")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) >= 1 and all(isinstance(key, str) for key in value):
        tag = next((key for key in value if key.startswith("$")), None)
        if tag is not None:
            return _decode_tagged(tag, value)
    return {key: decode(item) for key, item in value.items()}


def _decode_tagged(tag: str, value: dict[str, Any]) -> Any:
    body = value[tag]
    try:
        match tag:
            case "$dec":
                return Decimal(body)
            case "$bytes":
                return base64.b64decode(body.encode("ascii"), validate=True)
            case "$tuple":
                return tuple(decode(item) for item in body)
            case "$set":
                return {decode(item) for item in body}
            case "$frozenset":
                return frozenset(decode(item) for item in body)
            case "$map":
                return {decode(key): decode(item) for key, item in body}
            case "$datetime":
                return datetime.fromisoformat(body)
            case "$enum":
                return _class(body, enum.Enum)(decode(value["value"]))
            case "$model":
                return _class(body, BaseModel).model_validate(value["json"])
            case "$data":
                return _dataclass(body, value["fields"])
    except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError, ValidationError) as exc:
        raise ValueError(f"bad {tag} value: {exc}") from exc
    raise ValueError(f"unknown tag {tag}")


def _dataclass(name: str, raw: dict[str, Any]) -> Any:
    found = _class(name, object)
    if not dataclasses.is_dataclass(found):
        raise ValueError(f"{name} is not a dataclass")
    cls: Any = found
    values = {key: decode(item) for key, item in raw.items()}
    fields = dataclasses.fields(cls)
    instance = cls(**{f.name: values[f.name] for f in fields if f.init and f.name in values})
    for f in fields:
        if not f.init and f.name in values:
            object.__setattr__(instance, f.name, values[f.name])  # frozen classes too
    return instance


def _name_of(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _class(name: str, kind: type) -> Any:
    module_name, _, qualname = str(name).partition(":")
    if module_name != TRUSTED_PACKAGE and not module_name.startswith(TRUSTED_PACKAGE + "."):
        raise ValueError(f"{name} is not a class of the {TRUSTED_PACKAGE} package")
    try:
        found: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"unknown class {name}") from exc
    if not isinstance(found, type) or not issubclass(found, kind):
        raise ValueError(f"{name} is not a {kind.__name__}")
    return found


def _order(item: Any) -> str:
    return json.dumps(item, sort_keys=True)
