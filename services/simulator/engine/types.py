"""Public value types of the simulator's market engine (the contract the venue APIs program against).

The engine keys every instrument by ``market:symbol`` (``binance:BTC-USDT``, ``MOEX:GAZP``): one order book,
one price process and one bar history per key. Quantities and prices are ``Decimal`` in orders, fills and
balances; bar history is float64 numpy (already rounded to the instrument's price step) because it is bulk
data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from services.domain import (
    BarArrays,  # noqa: F401  (re-exported: the engine's bars API returns it)
    decimals_of,
)


class SimSide(StrEnum):
    BUY = "buy"
    SELL = "sell"


class SimOrderType(StrEnum):
    MARKET = "market"
    LIMIT = "limit"
    STOP = "stop"  # becomes a market order when the last price reaches stop_price
    STOP_LIMIT = "stop_limit"  # becomes a limit order at price when the last price reaches stop_price


class SimTif(StrEnum):
    GTC = "gtc"
    DAY = "day"  # expires at the end of the instrument's session day (UTC midnight for 24/7 markets)
    IOC = "ioc"


class SimOrderState(StrEnum):
    PENDING_TRIGGER = "pending_trigger"  # stop / stop-limit waiting for its stop price
    NEW = "new"  # resting, nothing filled
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    CANCELED = "canceled"  # canceled with nothing filled
    PARTIALLY_CANCELED = "partially_canceled"  # canceled after a partial fill
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def is_active(self) -> bool:
        return self in (SimOrderState.PENDING_TRIGGER, SimOrderState.NEW, SimOrderState.PARTIALLY_FILLED)


@dataclass(frozen=True, slots=True)
class InstrumentSpec:
    market: str  # counterparty or exchange board: "binance", "huobi", "okcoin", "MOEX"
    symbol: str  # "BTC-USDT", "GAZP"
    base: str  # asset bought: "BTC"; for a stock its ticker "GAZP"
    quote: str  # asset paid: "USDT", "RUB"
    price_step: Decimal  # tick size
    qty_step: Decimal  # quantity precision
    min_qty: Decimal
    max_qty: Decimal
    lot_size: Decimal  # quantity must be a multiple of it (crypto: qty_step; 10 for stocks in lots of 10)
    start_price: Decimal  # the level the price process is anchored to (it mean-reverts slowly around it)
    volatility: float  # annualised volatility, e.g. 0.6 for BTC, 0.3 for a stock
    description: str = ""
    allow_short: bool = False  # stocks on margin may be sold short
    daily_turnover: float = 0.0  # typical quote amount traded per day (sizes volume and book); 0: a default

    @property
    def key(self) -> str:
        return f"{self.market}:{self.symbol}"

    @property
    def price_decimals(self) -> int:
        return decimals_of(self.price_step)

    @property
    def qty_decimals(self) -> int:
        return decimals_of(self.qty_step)


@dataclass(frozen=True, slots=True)
class Holding:
    total: Decimal
    held: Decimal  # reserved by open orders

    @property
    def available(self) -> Decimal:
        return self.total - self.held


@dataclass(slots=True)
class SimOrder:
    order_id: str  # engine-wide unique, increasing ("1", "2", ...)
    account: str
    key: str  # instrument key
    side: SimSide
    type: SimOrderType
    quantity: Decimal
    price: Decimal | None
    stop_price: Decimal | None
    tif: SimTif
    client_id: str  # caller's id (CHP cookie, coin-weight has none); "" if none
    tag: str  # free text for the caller (e.g. the strategy that placed it)
    created: float  # simulated epoch seconds
    updated: float
    state: SimOrderState = SimOrderState.NEW
    filled: Decimal = Decimal(0)
    filled_value: Decimal = Decimal(0)  # sum(price * qty) of fills
    reason: str = ""  # why rejected / expired

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.filled

    @property
    def average_price(self) -> Decimal | None:
        return (self.filled_value / self.filled) if self.filled else None


@dataclass(frozen=True, slots=True)
class SimFill:
    fill_id: str
    order_id: str
    account: str
    key: str
    side: SimSide
    price: Decimal
    quantity: Decimal
    fee: Decimal
    fee_asset: str
    time: float
    liquidity: str  # "maker" | "taker"


@dataclass(frozen=True, slots=True)
class TradePrint:
    trade_id: int  # increasing per instrument
    key: str
    time: float
    price: Decimal
    quantity: Decimal
    aggressor: SimSide  # side of the taker


@dataclass(frozen=True, slots=True)
class TopOfBook:
    key: str
    bid: Decimal | None
    bid_size: Decimal
    ask: Decimal | None
    ask_size: Decimal
    last: Decimal
    time: float


@dataclass(frozen=True, slots=True)
class DepthSnapshot:
    key: str
    bids: list[tuple[Decimal, Decimal]]  # (price, size), best first; user orders aggregated in
    asks: list[tuple[Decimal, Decimal]]
    time: float


@dataclass(frozen=True, slots=True)
class Stats24h:
    key: str
    open: Decimal
    high: Decimal
    low: Decimal
    last: Decimal
    volume: Decimal  # base units
    quote_volume: Decimal
    change: Decimal
    change_pct: Decimal  # percent, e.g. Decimal("-1.25")


class OrderRejected(Exception):
    """The engine refused an order or an action on one. ``code`` is one of REJECT_CODES."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


REJECT_CODES = (
    "unknown_instrument",
    "unknown_account",
    "unknown_order",
    "bad_quantity",  # not a multiple of qty_step / lot_size, below min_qty, above max_qty, <= 0
    "bad_price",  # missing, <= 0 or not a multiple of price_step
    "bad_type",  # a price/stop missing or present for the order type
    "insufficient_balance",
    "not_modifiable",  # order not active, or (venue rule) already partially filled
    "no_liquidity",  # market order with an empty opposite side
)


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """An order changed (accepted, triggered, filled in part or whole, canceled, modified, expired,
    rejected)."""

    order: SimOrder  # a snapshot copy


@dataclass(frozen=True, slots=True)
class FillEvent:
    fill: SimFill


@dataclass(frozen=True, slots=True)
class TradeEvent:
    trade: TradePrint


EngineEvent = OrderEvent | FillEvent | TradeEvent


@dataclass(slots=True)
class AccountConfig:
    account: str
    allow_short: bool = False  # broker margin accounts may hold negative stock positions
    fee_rate: Decimal = field(default_factory=lambda: Decimal("0.001"))
