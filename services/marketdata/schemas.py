"""The Binance public REST market-data format (spot ``/api/v3``), exactly as the wire carries it.

Numbers are strings on the wire (``"65432.10000000"``, eight decimals like Binance; ``priceChangePercent``
has three); times are epoch milliseconds; ids and counts are integers. Errors are
``{"code": -1121, "msg": "Invalid symbol."}`` with an HTTP 4xx status. Symbols have no separator
(``BTCUSDT``); ``exchangeInfo`` says which base and quote asset a symbol trades.

The models parse leniently (a number sent as a JSON number is accepted too) and serialize exactly: the
simulator builds its answers from these same models, so client and server share one definition of each shape.

A kline (bar) is not an object but an array of twelve positions, see :data:`KLINE_FIELDS`.

Values no trader could see are refused while parsing (:mod:`services.wire_numbers`): numbers must be finite,
not negative and at most 1e15; times within ``datetime``'s range; precisions at most 18 places. The symbols
of ``exchangeInfo`` are read one by one: a bad one is dropped and logged once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainSerializer, TypeAdapter, model_validator
from pydantic.alias_generators import to_camel

from services.rows import skip_bad_rows
from services.wire_numbers import Decimals, EpochMillis, check_magnitude, check_not_negative

API = "/api/v3"
VENUE = "marketdata"

KLINE_INTERVALS = (
    "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M",
)
"""Every interval ``/api/v3/klines`` accepts (case-sensitive: ``1m`` is a minute, ``1M`` a month)."""

KLINE_FIELDS = (
    "openTime",  # int, ms
    "open",  # str
    "high",  # str
    "low",  # str
    "close",  # str
    "volume",  # str, base asset
    "closeTime",  # int, ms: openTime + interval - 1
    "quoteAssetVolume",  # str
    "numberOfTrades",  # int
    "takerBuyBaseAssetVolume",  # str
    "takerBuyQuoteAssetVolume",  # str
    "ignore",  # str, always "0"
)
"""Positions in one kline row: ``[1499040000000, "0.01634790", "0.80000000", ..., 1499644799999, ...]``."""

OPEN_TIME, OPEN, HIGH, LOW, CLOSE, VOLUME, CLOSE_TIME = range(7)
"""Indexes of the kline positions the client reads."""

KLINES_DEFAULT_LIMIT, KLINES_MAX_LIMIT = 500, 1000
DEPTH_DEFAULT_LIMIT, DEPTH_MAX_LIMIT = 100, 5000
TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT = 500, 1000

# Error codes of the Binance spot API that a market-data request can meet.
ILLEGAL_CHARS = -1100
MANDATORY_PARAM = -1102
BAD_INTERVAL = -1120
BAD_SYMBOL = -1121
BAD_PARAM_COMBINATION = -1128
INVALID_PARAMETER = -1130
UNKNOWN = -1000

INVALID_SYMBOL_MSG = "Invalid symbol."


def format_number(value: Decimal | float, decimals: int = 8) -> str:
    """A wire number: fixed point, ``decimals`` places (Binance pads prices and quantities to eight)."""
    return f"{value:.{decimals}f}"


WireDecimal = Annotated[
    Decimal,
    AfterValidator(check_magnitude),
    AfterValidator(check_not_negative),
    PlainSerializer(format_number, return_type=str, when_used="json"),
]
"""A price, quantity or volume (never negative)."""
WireSignedDecimal = Annotated[
    Decimal,
    AfterValidator(check_magnitude),
    PlainSerializer(format_number, return_type=str, when_used="json"),
]
"""A change, which may be negative."""
WirePercent = Annotated[
    Decimal,
    AfterValidator(check_magnitude),
    PlainSerializer(lambda v: format_number(v, 3), return_type=str, when_used="json"),
]


class WireModel(BaseModel):
    """camelCase on the wire, snake_case in Python; unknown wire fields are ignored (venues add some)."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        frozen=True,
        extra="ignore",
        defer_build=True,
    )

    def wire(self) -> dict[str, Any]:
        """The JSON object as the venue sends it."""
        return self.model_dump(mode="json")


class ApiError(WireModel):
    code: int
    msg: str


class ServerTime(WireModel):
    server_time: EpochMillis


class PriceFilter(WireModel):
    filter_type: str = "PRICE_FILTER"
    min_price: WireDecimal
    max_price: WireDecimal
    tick_size: WireDecimal


class LotSizeFilter(WireModel):
    filter_type: str = "LOT_SIZE"
    min_qty: WireDecimal
    max_qty: WireDecimal
    step_size: WireDecimal


class SymbolInfo(WireModel):
    symbol: str
    status: str = "TRADING"
    base_asset: str
    base_asset_precision: Decimals = 8
    quote_asset: str
    quote_precision: Decimals = 8
    quote_asset_precision: Decimals = 8
    order_types: list[str] = []
    is_spot_trading_allowed: bool = True
    is_margin_trading_allowed: bool = False
    filters: list[dict[str, Any]] = []  # heterogeneous, told apart by "filterType"
    permissions: list[str] = []

    def _filter(self, filter_type: str) -> dict[str, Any] | None:
        return next((f for f in self.filters if f.get("filterType") == filter_type), None)

    @property
    def price_filter(self) -> PriceFilter | None:
        raw = self._filter("PRICE_FILTER")
        return None if raw is None else PriceFilter.model_validate(raw)

    @property
    def lot_size(self) -> LotSizeFilter | None:
        raw = self._filter("LOT_SIZE")
        return None if raw is None else LotSizeFilter.model_validate(raw)

    @model_validator(mode="after")
    def _filters_read(self) -> SymbolInfo:
        """The filters the client reads must read: a bad one fails the symbol while parsing, not later."""
        _ = self.price_filter, self.lot_size
        return self


class ExchangeInfo(WireModel):
    timezone: str = "UTC"
    server_time: EpochMillis
    rate_limits: list[dict[str, Any]] = []
    exchange_filters: list[dict[str, Any]] = []
    symbols: Annotated[list[SymbolInfo], skip_bad_rows(SymbolInfo.model_validate, VENUE, "exchangeInfo")]


class Depth(WireModel):
    last_update_id: int
    bids: list[tuple[WireDecimal, WireDecimal]]  # [price, quantity], best first
    asks: list[tuple[WireDecimal, WireDecimal]]


class BookTicker(WireModel):
    """Best bid and ask; an empty side is sent as price and quantity ``"0.00000000"``."""

    symbol: str
    bid_price: WireDecimal
    bid_qty: WireDecimal
    ask_price: WireDecimal
    ask_qty: WireDecimal


class Ticker24h(WireModel):
    """The rolling 24-hour window ending at ``close_time`` (the ``type=FULL`` shape)."""

    symbol: str
    price_change: WireSignedDecimal
    price_change_percent: WirePercent
    weighted_avg_price: WireDecimal
    prev_close_price: WireDecimal
    last_price: WireDecimal
    last_qty: WireDecimal
    bid_price: WireDecimal
    bid_qty: WireDecimal
    ask_price: WireDecimal
    ask_qty: WireDecimal
    open_price: WireDecimal
    high_price: WireDecimal
    low_price: WireDecimal
    volume: WireDecimal
    quote_volume: WireDecimal
    open_time: EpochMillis
    close_time: EpochMillis
    first_id: int  # -1 when there was no trade in the window
    last_id: int
    count: int


class Trade(WireModel):
    id: int
    price: WireDecimal
    qty: WireDecimal
    quote_qty: WireDecimal
    time: EpochMillis
    is_buyer_maker: bool  # True: the seller took liquidity
    is_best_match: bool = True


_DEFERRED = ConfigDict(defer_build=True)  # built on first use, not at import
BOOK_TICKERS = TypeAdapter(list[BookTicker], config=_DEFERRED)
TICKERS_24H = TypeAdapter(list[Ticker24h], config=_DEFERRED)
TRADES = TypeAdapter(list[Trade], config=_DEFERRED)
KLINE_ROWS = TypeAdapter(list[list[Any]], config=_DEFERRED)
