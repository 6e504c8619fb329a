"""dxRegister / dxWeb, the DXtrade back office: wire models, the REST client and the session keep-alive.

The client names load on first use (PEP 562): the simulator's child needs the wire models only, not the
client's httpx stack."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.dxregister.client import DxRegisterClient, PendingTransfer
    from services.dxregister.session import SessionKeepAlive

__all__ = ["DxRegisterClient", "PendingTransfer", "SessionKeepAlive"]

_HOMES = {"DxRegisterClient": "client", "PendingTransfer": "client", "SessionKeepAlive": "session"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
