"""Shared helpers of the engine tests (no tests here): a frozen clock and funded accounts."""

from __future__ import annotations

from decimal import Decimal

from services.simulator.engine import SimClock
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.market import MarketEngine
from services.simulator.engine.types import AccountConfig

START = 1763700000.0  # 2025-11-21 04:40 UTC
BTC = "binance:BTC-USDT"
GAZP = "MOEX:GAZP"


def frozen_engine(seed: int = 7, start: float = START) -> tuple[MarketEngine, SimClock]:
    clock = SimClock(speed=0, start=start)
    return default_engine(seed, clock), clock


def funded(engine: MarketEngine, account: str, *, allow_short: bool = False, fee_rate: str = "0.001",
           **assets: str) -> str:
    engine.open_account(AccountConfig(account, allow_short=allow_short, fee_rate=Decimal(fee_rate)))
    for asset, amount in assets.items():
        engine.deposit(account, asset, Decimal(amount))
    return account
