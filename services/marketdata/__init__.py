"""Quotes, depth, trades and bars of coin-weight counterparties, in the Binance public REST format.

The names below load on first use (PEP 562): the simulator's child needs the wire models only, not the
client's httpx stack."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.marketdata.client import Klines, MarketDataClient, SymbolMap
    from services.marketdata.feed import CryptoMarketData

__all__ = ["CryptoMarketData", "Klines", "MarketDataClient", "SymbolMap"]

_HOMES = {"Klines": "client", "MarketDataClient": "client", "SymbolMap": "client", "CryptoMarketData": "feed"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
