"""RAMM.STORE manager API (copy trading): wire models (schemas, enums, filters), client and searches.

``RammClient`` and ``Query`` load on first use (PEP 562): the simulator's child needs the wire models only,
not the client's httpx stack."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.ramm.client import RammClient
    from services.ramm.search import Query

__all__ = ["Query", "RammClient"]

_HOMES = {"RammClient": "client", "Query": "search"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
