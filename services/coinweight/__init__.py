"""coin-weight exchange API v2: wire schemas, the REST client, and the adapter onto services.protocols."""

from services.coinweight.adapter import ApiKeyInfo, CoinWeightVenue, Layout, LayoutKind, MarketTab
from services.coinweight.client import DEFAULT_BASE_URL, VENUE, CoinWeightClient, bearer_auth

__all__ = [
    "DEFAULT_BASE_URL",
    "VENUE",
    "ApiKeyInfo",
    "CoinWeightClient",
    "CoinWeightVenue",
    "Layout",
    "LayoutKind",
    "MarketTab",
    "bearer_auth",
]
