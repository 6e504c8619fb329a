"""What of the engine a paper account keeps across restarts (see ``MarketEngine.snapshot`` / ``restore``).

The price path, the street's book and the bar history are functions of (seed, instrument, time) and are not
kept. Kept: accounts and balances, every order and fill, the holds and time priority of working orders, the
id counters, and per followed instrument where its path had got to, its last trade, its next print id and the
users' trades in its bars. Orders and fills are kept in chunks of ``CHUNK`` ids so a save rewrites only the
chunks that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from services.simulator.engine.types import AccountConfig

CHUNK = 500  # orders (or fills) per kept chunk: ids 1..500 are chunk 0


def chunk_of(item_id: str) -> int:
    return (int(item_id) - 1) // CHUNK


@dataclass
class InstrumentMark:
    second: int  # the path was followed up to here
    last_ticks: int
    last_time: float
    next_trade_id: int
    overlay: dict[int, list[int]] = field(default_factory=dict)  # users' trades in the bars (bars.py)


@dataclass
class EngineCore:
    """Everything but the orders and fills themselves."""

    accounts: list[AccountConfig]
    totals: dict[str, dict[str, Decimal]]
    held: dict[str, dict[str, Decimal]]
    holds: dict[str, Decimal]  # working order id -> hold not yet used
    sequence: dict[str, int]  # working order id -> time priority
    next_order: int
    next_fill: int
    next_sequence: int
    instruments: dict[str, InstrumentMark]
