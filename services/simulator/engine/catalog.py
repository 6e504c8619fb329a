"""The simulator's instruments: crypto pairs on three counterparties and MOEX stocks, with realistic levels.

A pair has one underlying price path on every counterparty (the same symbol and volatility), each with its own
small basis; counterparties differ in precision here and there and in turnover, as real exchanges do.
"""

from __future__ import annotations

from decimal import Decimal

from services.simulator.engine.clock import SimClock
from services.simulator.engine.market import MarketEngine
from services.simulator.engine.types import InstrumentSpec

COUNTERPARTIES = ("binance", "huobi", "okcoin")
MOEX = "MOEX"

# symbol: (start price, price step, quantity step, min quantity, max quantity, annual volatility,
#          turnover per day in USD)
_CRYPTO: dict[str, tuple[str, str, str, str, str, float, float]] = {
    "BTC-USDT": ("65000", "0.01", "0.00001", "0.00001", "9000", 0.55, 1.5e9),
    "ETH-USDT": ("3200", "0.01", "0.0001", "0.0001", "9000", 0.70, 8e8),
    "ETH-BTC": ("0.04923", "0.00001", "0.0001", "0.0001", "100000", 0.45, 3e7),
    "EOS-USDT": ("0.75", "0.0001", "0.1", "0.1", "9000000", 0.90, 2e7),
    "EOS-ETH": ("0.0002340", "0.0000001", "0.01", "0.01", "9000000", 0.80, 1e6),
    "EOS-BTC": ("0.00001154", "0.00000001", "0.01", "0.01", "9000000", 0.80, 1.5e6),
    "LTC-USDT": ("85", "0.01", "0.001", "0.001", "90000", 0.75, 6e7),
    "LTC-BTC": ("0.001308", "0.000001", "0.001", "0.001", "90000", 0.60, 4e6),
    "XRP-USDT": ("0.55", "0.0001", "1", "1", "9000000", 0.85, 2e8),
    "XRP-BTC": ("0.00000846", "0.00000001", "1", "1", "9000000", 0.70, 5e6),
    "BCH-USDT": ("380", "0.1", "0.001", "0.001", "90000", 0.80, 4e7),
    "ETC-USDT": ("22", "0.01", "0.01", "0.01", "900000", 0.85, 2e7),
    "ADA-USDT": ("0.45", "0.0001", "0.1", "0.1", "9000000", 0.85, 6e7),
    "DOT-USDT": ("6.5", "0.001", "0.01", "0.01", "900000", 0.85, 4e7),
    "TRX-USDT": ("0.12", "0.00001", "0.1", "0.1", "90000000", 0.60, 3e7),
    "LINK-USDT": ("14.5", "0.01", "0.01", "0.01", "900000", 0.85, 5e7),
    "BNB-USDT": ("580", "0.1", "0.001", "0.001", "90000", 0.60, 1e8),
    "SOL-USDT": ("150", "0.01", "0.001", "0.001", "90000", 0.90, 4e8),
    "DOGE-USDT": ("0.14", "0.00001", "1", "1", "90000000", 1.00, 2e8),
    "XLM-USDT": ("0.11", "0.00001", "0.1", "0.1", "90000000", 0.75, 2e7),
    "ATOM-USDT": ("8.5", "0.001", "0.01", "0.01", "900000", 0.85, 2e7),
    "AVAX-USDT": ("35", "0.01", "0.01", "0.01", "900000", 0.95, 6e7),
    "UNI-USDT": ("9.5", "0.001", "0.01", "0.01", "900000", 0.90, 2e7),
}

# Counterparty quirks: share of the turnover, and pairs quoted with a coarser tick (x10) there.
_TURNOVER_SHARE = {"binance": 1.0, "huobi": 0.35, "okcoin": 0.12}
_COARSE_TICKS = {"okcoin": {"BTC-USDT", "ETH-USDT", "BNB-USDT"}, "huobi": {"BCH-USDT"}}

# ticker: (start price in RUB, price step, lot size, annual volatility, RUB turnover/day, name)
_MOEX: dict[str, tuple[str, str, int, float, float, str]] = {
    "GAZP": ("130.50", "0.01", 10, 0.30, 6e9, "Gazprom"),
    "SBER": ("270.10", "0.01", 10, 0.28, 2e10, "Sberbank"),
    "LKOH": ("7000", "0.5", 1, 0.27, 7e9, "LUKOIL"),
    "GMKN": ("125.40", "0.02", 10, 0.30, 2e9, "Nornickel"),
    "ROSN": ("450.05", "0.05", 1, 0.30, 2e9, "Rosneft"),
    "VTBR": ("0.024500", "0.000005", 10000, 0.35, 3e9, "VTB Bank"),
    "MGNT": ("5500", "0.5", 1, 0.30, 1e9, "Magnit"),
    "NVTK": ("1100.0", "0.2", 1, 0.32, 1.5e9, "Novatek"),
    "YNDX": ("3500.0", "0.2", 1, 0.40, 4e9, "Yandex"),
    "MTSS": ("230.00", "0.05", 10, 0.25, 6e8, "MTS"),
    "ALRS": ("70.00", "0.01", 10, 0.30, 6e8, "ALROSA"),
    "CHMF": ("1300.0", "0.2", 1, 0.32, 1e9, "Severstal"),
    "TATN": ("650.0", "0.1", 1, 0.30, 1.5e9, "Tatneft"),
    "SNGS": ("29.000", "0.005", 100, 0.28, 1e9, "Surgutneftegas"),
    "AFLT": ("55.00", "0.02", 10, 0.40, 1.2e9, "Aeroflot"),
    "PLZL": ("12000", "0.5", 1, 0.33, 1.5e9, "Polyus"),
    "MOEX": ("200.00", "0.01", 10, 0.30, 8e8, "Moscow Exchange"),
    "NLMK": ("170.00", "0.02", 10, 0.32, 6e8, "NLMK"),
    "PHOR": ("6500", "1", 1, 0.25, 3e8, "PhosAgro"),
}


def crypto_instruments() -> list[InstrumentSpec]:
    specs = []
    for market in COUNTERPARTIES:
        for symbol, (price, tick, step, min_qty, max_qty, vol, turnover) in _CRYPTO.items():
            base, quote = symbol.split("-")
            price_step = Decimal(tick) * (10 if symbol in _COARSE_TICKS.get(market, ()) else 1)
            specs.append(InstrumentSpec(
                market=market, symbol=symbol, base=base, quote=quote, price_step=price_step,
                qty_step=Decimal(step), min_qty=Decimal(min_qty), max_qty=Decimal(max_qty),
                lot_size=Decimal(step),
                start_price=Decimal(price).quantize(price_step), volatility=vol,
                description=f"{base}/{quote} on {market}",
                daily_turnover=turnover * _TURNOVER_SHARE[market] * _quote_per_usd(quote),
            ))
    return specs


def _quote_per_usd(quote: str) -> float:
    usd = {"USDT": 1.0, "BTC": 1 / 65000, "ETH": 1 / 3200}
    return usd[quote]


def moex_instruments() -> list[InstrumentSpec]:
    return [
        InstrumentSpec(
            market=MOEX, symbol=ticker, base=ticker, quote="RUB", price_step=Decimal(tick),
            qty_step=Decimal(1),
            min_qty=Decimal(lot), max_qty=Decimal(lot * 100_000), lot_size=Decimal(lot),
            start_price=Decimal(price), volatility=vol, description=name, allow_short=True,
            daily_turnover=turnover,
        )
        for ticker, (price, tick, lot, vol, turnover, name) in _MOEX.items()
    ]


def default_engine(seed: int = 1, clock: SimClock | None = None) -> MarketEngine:
    engine = MarketEngine(seed, clock)
    for spec in crypto_instruments() + moex_instruments():
        engine.add_instrument(spec)
    return engine
