"""Aggregion DS (licences and Tessera's add-on catalog) and its ID service: client, wire models, licences.

The names below load on first use (PEP 562): the simulator's child needs the schemas and licences only, not
the client's httpx stack, and boots sooner without it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.aggregion.client import AggregionClient, AggregionUrls
    from services.aggregion.device import DeviceIdentity, device_identity
    from services.aggregion.licence import LicenceCheck, LicenceStatus, verify_licence

__all__ = [
    "AggregionClient",
    "AggregionUrls",
    "DeviceIdentity",
    "LicenceCheck",
    "LicenceStatus",
    "device_identity",
    "verify_licence",
]

_HOMES = {
    "AggregionClient": "client",
    "AggregionUrls": "client",
    "DeviceIdentity": "device",
    "device_identity": "device",
    "LicenceCheck": "licence",
    "LicenceStatus": "licence",
    "verify_licence": "licence",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
