"""The unified trading domain: one vocabulary for every venue.

Money, prices and quantities are ``Decimal``; a venue's wire format (strings, floats, enums) is mapped to and
from these types in its ``adapter.py``. Times are timezone-aware UTC ``datetime``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum, StrEnum

import numpy as np


def utc_now() -> datetime:
    return datetime.now(UTC)


class Side(StrEnum):
    BUY = "buy"
    SELL = "sell"

    @property
    def opposite(self) -> Side:
        return Side.SELL if self is Side.BUY else Side.BUY


class OrderAction(StrEnum):
    """What a broker order does to the position (CHP's Action); crypto venues use only BUY and SELL."""

    BUY = "buy"
    SELL = "sell"
    SHORT = "short"
    COVER = "cover"

    @property
    def side(self) -> Side:
        return Side.BUY if self in (OrderAction.BUY, OrderAction.COVER) else Side.SELL


class OrderType(StrEnum):
    MARKET = "market"
    LIMIT = "limit"
    STOP = "stop"
    STOP_LIMIT = "stop_limit"

    @property
    def has_price(self) -> bool:
        return self in (OrderType.LIMIT, OrderType.STOP_LIMIT)

    @property
    def has_stop(self) -> bool:
        return self in (OrderType.STOP, OrderType.STOP_LIMIT)


class TimeInForce(StrEnum):
    DAY = "day"
    GTC = "gtc"
    IOC = "ioc"


class OrderStatus(StrEnum):
    """Lifecycle of an order as the terminal shows it.

    ``PENDING``: sent, no answer yet. ``UNKNOWN``: the answer was lost (timeout, dropped connection); the app
    reconciles it from the venue and never resends.
    """

    PENDING = "pending"
    UNKNOWN = "unknown"
    NEW = "new"
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    CANCELING = "canceling"
    CANCELED = "canceled"
    PARTIALLY_CANCELED = "partially_canceled"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def is_active(self) -> bool:
        return self in (
            OrderStatus.PENDING,
            OrderStatus.NEW,
            OrderStatus.PARTIALLY_FILLED,
            OrderStatus.CANCELING,
        )

    @property
    def is_final(self) -> bool:
        return self in (
            OrderStatus.FILLED,
            OrderStatus.CANCELED,
            OrderStatus.PARTIALLY_CANCELED,
            OrderStatus.REJECTED,
            OrderStatus.EXPIRED,
        )


class BarInterval(Enum):
    """Chart intervals; the value is the nominal length in seconds (a month counts as 30 days)."""

    M1 = 60
    M5 = 300
    M10 = 600
    M15 = 900
    M30 = 1800
    H1 = 3600
    H2 = 7200
    H4 = 14400
    D1 = 86400
    W1 = 604800
    MN1 = 2592000

    @property
    def seconds(self) -> int:
        return self.value

    @property
    def label(self) -> str:
        return _INTERVAL_LABELS[self]


_INTERVAL_LABELS = {
    BarInterval.M1: "1m",
    BarInterval.M5: "5m",
    BarInterval.M10: "10m",
    BarInterval.M15: "15m",
    BarInterval.M30: "30m",
    BarInterval.H1: "1h",
    BarInterval.H2: "2h",
    BarInterval.H4: "4h",
    BarInterval.D1: "D",
    BarInterval.W1: "W",
    BarInterval.MN1: "M",
}


class ConnectionState(StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    DEGRADED = "degraded"  # transport failing, reconnecting; state kept
    FAILED = "failed"  # gave up or refused (e.g. bad credentials)


def decimals_of(step: Decimal) -> int:
    """How many decimals a multiple of ``step`` needs (0 for a whole step, or a step that is not finite)."""
    exponent = step.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True)
class InstrumentId:
    """``venue`` is Tessera's venue id (``coinweight``, ``chp``); ``market`` the counterparty or board."""

    venue: str
    market: str
    symbol: str

    def __str__(self) -> str:
        return f"{self.symbol}@{self.market}" if self.market else self.symbol


@dataclass(frozen=True, slots=True)
class Instrument:
    id: InstrumentId
    base: str
    quote: str
    price_step: Decimal
    qty_step: Decimal
    min_qty: Decimal
    max_qty: Decimal | None = None
    lot_size: Decimal = Decimal(1)
    description: str = ""
    category: str = ""

    @property
    def price_decimals(self) -> int:
        return decimals_of(self.price_step)

    @property
    def qty_decimals(self) -> int:
        return decimals_of(self.qty_step)


@dataclass(frozen=True, slots=True)
class Quote:
    instrument: InstrumentId
    bid: Decimal | None
    ask: Decimal | None
    last: Decimal | None = None
    bid_size: Decimal | None = None
    ask_size: Decimal | None = None
    change_pct_24h: Decimal | None = None
    volume_24h: Decimal | None = None
    time: datetime = field(default_factory=utc_now)


@dataclass(frozen=True, slots=True)
class BookLevel:
    price: Decimal
    size: Decimal


@dataclass(frozen=True, slots=True)
class OrderBook:
    instrument: InstrumentId
    bids: tuple[BookLevel, ...]  # best first
    asks: tuple[BookLevel, ...]  # best first
    time: datetime = field(default_factory=utc_now)


@dataclass(frozen=True, slots=True)
class Bar:
    time: datetime  # open time, UTC
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal


@dataclass(frozen=True, slots=True)
class BarArrays:
    """Bars in bulk, as parallel arrays oldest first: ``time`` int64 open time (epoch s), the rest float64.

    History for a chart moves as arrays, never as one object per bar.
    """

    time: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray

    def __len__(self) -> int:
        return int(self.time.shape[0])

    @classmethod
    def of(cls, bars: Sequence[Bar]) -> BarArrays:
        """``bars`` (oldest first) as arrays."""
        n = len(bars)
        time = np.fromiter((int(b.time.timestamp()) for b in bars), np.int64, n)
        columns = np.array([(b.open, b.high, b.low, b.close, b.volume) for b in bars], np.float64)
        columns = columns.reshape(n, 5).T.copy()
        return cls(time, columns[0], columns[1], columns[2], columns[3], columns[4])


@dataclass(frozen=True, slots=True)
class Tick:
    """One trade print (time and sales)."""

    instrument: InstrumentId
    time: datetime
    price: Decimal
    size: Decimal
    aggressor: Side | None = None
    trade_id: str = ""


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """What the user asked for. ``client_id`` is unique per order and is how an unknown outcome is found."""

    instrument: InstrumentId
    side: Side
    type: OrderType
    quantity: Decimal
    client_id: str
    price: Decimal | None = None
    stop_price: Decimal | None = None
    time_in_force: TimeInForce = TimeInForce.GTC
    action: OrderAction | None = None
    account: str = ""


@dataclass(frozen=True, slots=True)
class Order:
    order_id: str
    instrument: InstrumentId
    side: Side
    type: OrderType
    quantity: Decimal
    status: OrderStatus
    price: Decimal | None = None
    stop_price: Decimal | None = None
    filled_quantity: Decimal = Decimal(0)
    average_fill_price: Decimal | None = None
    client_id: str = ""
    time_in_force: TimeInForce = TimeInForce.GTC
    action: OrderAction | None = None
    account: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    message: str = ""

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.filled_quantity


@dataclass(frozen=True, slots=True)
class Fill:
    order_id: str
    instrument: InstrumentId
    side: Side
    price: Decimal
    quantity: Decimal
    time: datetime
    fee: Decimal = Decimal(0)
    fee_asset: str = ""
    trade_id: str = ""
    account: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    account: str
    instrument: InstrumentId
    quantity: Decimal  # signed: negative is short
    average_price: Decimal
    market_price: Decimal | None = None

    @property
    def unrealized_pnl(self) -> Decimal | None:
        if self.market_price is None:
            return None
        return (self.market_price - self.average_price) * self.quantity


@dataclass(frozen=True, slots=True)
class Balance:
    venue: str
    account: str  # counterparty on a crypto venue, portfolio on a broker
    asset: str
    total: Decimal
    used: Decimal  # held by open orders

    @property
    def available(self) -> Decimal:
        return self.total - self.used


class TradingAccountStatus(StrEnum):
    """What the venue lets the user do with a trading account (a broker's portfolio)."""

    TRADING = "trading"
    TRUST_MANAGED = "trust_managed"
    READ_ONLY = "read_only"
    BLOCKED = "blocked"
    RESTRICTED = "restricted"
    AUTO_RESTRICTED = "auto_restricted"
    ORDERS_NOT_SIGNED = "orders_not_signed"


@dataclass(frozen=True, slots=True)
class TradingAccount:
    """An account orders may name (a broker's portfolio)."""

    name: str
    status: TradingAccountStatus = TradingAccountStatus.TRADING


@dataclass(frozen=True, slots=True)
class AccountSummary:
    venue: str
    currency: str
    estimated_value: Decimal
    available_value: Decimal
    on_orders: Decimal
    change_pct: Decimal | None = None


class StrategyStatus(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class StrategySpec:
    """A strategy as the user configures it; ``params`` holds the per-type fields as the venue names them."""

    name: str
    strategy_type: str
    venue: str
    exchange: str
    params: dict = field(default_factory=dict)
    strategy_id: str = ""
    status: StrategyStatus = StrategyStatus.STOPPED


@dataclass(frozen=True, slots=True)
class Notification:
    venue: str
    notification_id: str
    time: datetime
    title: str
    body: str = ""
    severity: str = "info"


class LayoutKind(StrEnum):
    """The two quote layouts a venue may keep for the user (coin-weight's /layout)."""

    PROFESSIONAL = "professional"  # 3 slots: an instrument with its chart, book and ticket
    SIMPLE = "simple"  # 12 quote tiles

    @property
    def slot_count(self) -> int:
        return 3 if self is LayoutKind.PROFESSIONAL else 12


@dataclass(frozen=True, slots=True)
class Layout:
    """``slots[i]`` is the instrument at position ``i + 1``; None where the venue has none."""

    kind: LayoutKind
    slots: tuple[InstrumentId | None, ...]


@dataclass(frozen=True, slots=True)
class MarketTab:
    """A market category (a market-watch tab) and the instruments in it."""

    name: str
    instruments: tuple[InstrumentId, ...]
    favourites: frozenset[InstrumentId] = frozenset()


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """An exchange API key the venue holds for a counterparty; the secret comes back masked (``k****k``)."""

    counterparty: str
    api_key: str = field(repr=False)
    masked_secret: str = field(repr=False)
