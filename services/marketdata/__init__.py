"""Quotes, depth, trades and bars of coin-weight counterparties, in the Binance public REST format."""

from services.marketdata.client import Klines, MarketDataClient, SymbolMap
from services.marketdata.feed import CryptoMarketData

__all__ = ["CryptoMarketData", "Klines", "MarketDataClient", "SymbolMap"]
