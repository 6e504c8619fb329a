"""Sort keys of a table column as one numpy array: a sort is one ``argsort``, an insert a ``searchsorted``.

A column sorts as numbers (int, float, Decimal: as float), as times (datetime: as its timestamp) or, for
anything else or a mix, as text. None sorts first (-inf, or "" for text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import numpy as np

NUMBER, TIME, TEXT = "number", "time", "text"


class KeyKindMismatch(Exception):
    """A value is not of the kind its column sorts as (the column is sorted again, as text)."""


def kind_of(values: Sequence[Any]) -> str:
    """The kind of the first value that is not None."""
    for value in values:
        if value is None:
            continue
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, Enum):
            return NUMBER
        if isinstance(value, datetime):
            return TIME
        return TEXT
    return NUMBER


def key_of(kind: str, value: Any) -> float | str:
    """The key of one value; KeyKindMismatch when it is not of ``kind``."""
    if kind == TEXT:
        return "" if value is None else str(value)
    if value is None:
        return -np.inf
    if kind == NUMBER and isinstance(value, (int, float, Decimal)) and not isinstance(value, Enum):
        return float(value)
    if kind == TIME and isinstance(value, datetime):
        return value.timestamp()
    raise KeyKindMismatch(value)


def key_array(kind: str, values: Sequence[Any]) -> np.ndarray:
    """The keys of ``values`` (KeyKindMismatch when one is not of ``kind``)."""
    types = set(map(type, values))
    types.discard(type(None))
    if kind == NUMBER and all(_is_number(t) for t in types):
        return np.array([-np.inf if value is None else value for value in values], dtype=np.float64)
    if kind == TEXT and types <= {str}:
        return np.array(["" if value is None else value for value in values], dtype=str)
    keys = [key_of(kind, value) for value in values]
    return np.array(keys, dtype=str if kind == TEXT else np.float64)


def _is_number(kind: type) -> bool:
    return issubclass(kind, (int, float, Decimal)) and not issubclass(kind, Enum)


def fit(keys: np.ndarray, key: float | str) -> np.ndarray:
    """``keys``, widened when the text ``key`` is longer than its strings can hold."""
    if isinstance(key, str) and keys.dtype.kind == "U" and len(key) > keys.dtype.itemsize // 4:
        return keys.astype(f"<U{len(key)}")
    return keys
