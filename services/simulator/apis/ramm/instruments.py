"""The RAMM simulator's symbols and assets, priced from the shared market engine.

Symbols are the engine's MOEX stocks (``SBER``, quoted in RUB) and its binance pairs against USDT
(``ETHUSDT``,
the MT-style name of ``binance:ETH-USDT``). Money is USD: USDT counts 1:1, RUB at a fixed ``USD_RUB``.
Live prices are the engine's touch (ask for a buy, bid for a sell); while :meth:`Instruments.as_of` is in
force (seeding the history) they are the engine's hourly bar opens at that time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from services.ramm.enums import AssetType
from services.simulator.engine import MarketEngine
from services.simulator.engine.catalog import MOEX

USD_RUB = Decimal(90)
USD_ASSET_ID = 840  # wallets and accounts are USD only
HOUR = 3600
HISTORY_WINDOW = 45 * 86400  # seconds of hourly prices fetched at once for past moments

# (ID, Type, Name, Precision): ISO numeric ids for currencies, as the doc's examples (840 USD, 978 EUR).
_CURRENCIES = (
    (USD_ASSET_ID, AssetType.CURRENCY, "USD", 2),
    (643, AssetType.CURRENCY, "RUB", 2),
    (978, AssetType.CURRENCY, "EUR", 2),
)
_SHARE_IDS = 2000
_CRYPTO_IDS = 3000


@dataclass(frozen=True, slots=True)
class SymbolSpec:
    id: int
    name: str  # "SBER", "ETHUSDT"
    key: str  # the engine's instrument key
    full_name: str
    base_id: int
    base: str
    quote_id: int
    quote: str
    price_decimals: int

    @property
    def usd_per_quote(self) -> Decimal:
        """ProfitCalcQuote: USD per unit of the quote currency."""
        return Decimal(1) / USD_RUB if self.quote == "RUB" else Decimal(1)


@dataclass(frozen=True, slots=True)
class AssetSpec:
    id: int
    type: int
    name: str
    precision: int


class Instruments:
    def __init__(self, engine: MarketEngine) -> None:
        self.engine = engine
        self.assets: dict[int, AssetSpec] = {i: AssetSpec(i, int(t), n, p) for i, t, n, p in _CURRENCIES}
        self.symbols: dict[int, SymbolSpec] = {}
        self.by_name: dict[str, SymbolSpec] = {}
        self._as_of: float | None = None
        self._hourly: dict[str, dict[int, Decimal]] = {}
        asset_ids = {a.name: a.id for a in self.assets.values()}
        moex = engine.instruments(MOEX)
        crypto = [s for s in engine.instruments("binance") if s.quote == "USDT"]
        for spec in moex + crypto:
            for asset in (spec.base, spec.quote):
                if asset not in asset_ids:
                    share = spec.market == MOEX
                    kind, first = (
                        (AssetType.SHARE, _SHARE_IDS) if share else (AssetType.CRYPTOCURRENCY, _CRYPTO_IDS)
                    )
                    asset_id = first + sum(1 for a in self.assets.values() if a.type == kind) + 1
                    self.assets[asset_id] = AssetSpec(asset_id, int(kind), asset, 0 if share else 8)
                    asset_ids[asset] = asset_id
            name = spec.symbol.replace("-", "")
            symbol = SymbolSpec(
                id=len(self.symbols) + 1,
                name=name,
                key=spec.key,
                full_name=spec.description or name,
                base_id=asset_ids[spec.base],
                base=spec.base,
                quote_id=asset_ids[spec.quote],
                quote=spec.quote,
                price_decimals=spec.price_decimals,
            )
            self.symbols[symbol.id] = symbol
            self.by_name[name] = symbol

    def get(self, name: str) -> SymbolSpec | None:
        return self.by_name.get(name)

    @contextlib.contextmanager
    def as_of(self, moment: float) -> Iterator[None]:
        """Prices at a past ``moment`` (hourly bar opens) while inside."""
        previous, self._as_of = self._as_of, moment
        try:
            yield
        finally:
            self._as_of = previous

    def price(self, symbol: SymbolSpec, buy: bool) -> Decimal:
        """What a buy (the ask) or a sell (the bid) trades at now, or at the ``as_of`` moment."""
        if self._as_of is not None:
            return self._past(symbol, self._as_of)
        top = self.engine.top(symbol.key)
        quote = top.ask if buy else top.bid
        return quote if quote is not None else top.last

    def mark(self, symbol: SymbolSpec, volume: Decimal) -> Decimal:
        """The price a position of signed ``volume`` would close at."""
        return self.price(symbol, buy=volume < 0)

    def _past(self, symbol: SymbolSpec, moment: float) -> Decimal:
        hour = int(moment) // HOUR * HOUR
        table = self._hourly.setdefault(symbol.key, {})
        if hour not in table:  # one fetch covers the whole history window up to the clock's now
            last = int(self.engine.clock.now()) // HOUR * HOUR
            first = min(hour, last - HISTORY_WINDOW)
            bars = self.engine.bars(symbol.key, HOUR, start=first, end=max(hour, last) + HOUR, limit=5000)
            step = self.engine.instrument(symbol.key).price_step
            for t, price in zip(bars.time.tolist(), bars.open.tolist(), strict=True):
                table[int(t)] = (Decimal(repr(price)) / step).to_integral_value() * step
            if hour not in table:
                table[hour] = self.engine.top(symbol.key).last
        return table[hour]
