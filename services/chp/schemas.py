"""The CHP_Rest (ITI Capital / SmartCOM bridge) wire format, as /work/shared/api-notes/chp-rest.md gives it.

Every call is ``POST /{Controller}/{Action}`` with a JSON body that carries ``token``; every answer is the
envelope ``{method, result, data}`` or, on failure, ``{method, result: false, reason: "Error #N", additional,
dataParam, dataError | errorData}``. Numbers are JSON numbers (floats); they are read into ``Decimal`` through
their shortest repr. Response times carry no zone and are taken as UTC.

Values no trader could see are refused while parsing (:mod:`services.wire_numbers`): non-finite or absurdly
large numbers, negative prices and quantities (positions and own trades are signed), row counts and book
depths beyond any real list. Quote ``size``/``bidSize``/``askSize`` and ``volume`` are ints per the notes;
ints and floats are both read.

The notes leave the order states, the rows of UpdateOrder / UpdatePosition / AddTrade / SetPortfolio /
GetMyPortfolioData and the error-code list undocumented: the shapes below follow the SmartCOM3 events of the
same names (the simulator's module docstring is the reference for them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from enum import IntEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from services.rows import skip_bad_rows
from services.wire_numbers import Amount, Decimals, RowCount, SaneDecimal


class BarInterval(IntEnum):
    M1 = 1
    M5 = 2
    M10 = 3
    M15 = 4
    M30 = 5
    H1 = 6
    H2 = 7
    H4 = 8
    DAY = 9
    WEEK = 10
    MONTH = 11
    QUARTER = 12
    YEAR = 13


class Action(IntEnum):
    BUY = 1
    SELL = 2
    SHORT = 3  # open a short position
    COVER = 4  # close a short position


class OrderType(IntEnum):
    MARKET = 1
    LIMIT = 2
    STOP = 3
    STOP_LIMIT = 4


class Validity(IntEnum):
    DAY = 1
    GTC = 2  # good till canceled, at most 30 days


class PortfolioStatus(IntEnum):
    BROKER = 0
    TRUSTED_MANAGEMENT = 1
    READ_ONLY = 2
    BLOCKED = 3
    RESTRICTED = 4
    AUTO_RESTRICTED = 5
    ORDER_NOT_SIGNED = 6


class PortfolioDataMode(IntEnum):
    """``mode`` of HistoricalData/GetMyPortfolioData."""

    ACTIVE = 1
    ALL = 2


class OrderState(IntEnum):
    """``state`` of an order row: not in the notes; SmartCOM3's StOrder_State values (a designed choice)."""

    CONTRAGENT_REJECT = -1
    SUBMITTED = 0
    PENDING = 1  # a stop order waiting for its trigger
    OPEN = 2
    EXPIRED = 3
    CANCEL = 4
    FILLED = 5
    PARTIAL = 6
    CONTRAGENT_CANCEL = 7
    SYSTEM_REJECT = 8
    SYSTEM_CANCEL = 9


class ErrorCode(IntEnum):
    """``N`` of ``reason: "Error #N"``. #2, #3, #12 and #20 were observed; the rest is the simulator's
    design."""

    BAD_REQUEST = 1  # a field missing or of the wrong type
    ALREADY_AUTHORISED = 2  # nested under #3
    CONNECT_FAILED = 3  # Auth/* failed; the cause is nested
    BAD_CREDENTIALS = 4  # nested under #3
    BAD_TOKEN = 5  # the token is unknown or expired: connect again (Auth/Reconnection)
    BAD_SERVER_TOKEN = 6  # nested under #3
    REQUEST_FAILED = 11  # a read failed; the cause is nested
    SUBSCRIBE_FAILED = 12  # Listen* failed; the cause is nested
    UNSUBSCRIBE_FAILED = 13  # Cancel* failed; the cause is nested
    ALREADY_SUBSCRIBED = 20
    UNKNOWN_SYMBOL = 21
    UNKNOWN_PORTFOLIO = 22
    NOT_SUBSCRIBED = 23
    ORDER_REJECTED = 30  # Order/Place refused; the cause is nested
    BAD_AMOUNT = 32
    BAD_PRICE = 33
    BAD_TYPE = 34
    INSUFFICIENT_FUNDS = 35
    NO_LIQUIDITY = 36
    UNKNOWN_ORDER = 37
    NOT_MODIFIABLE = 38
    MOVE_FAILED = 40
    CANCEL_FAILED = 41


AUTH_FAILURES = frozenset({ErrorCode.BAD_TOKEN, ErrorCode.BAD_CREDENTIALS, ErrorCode.BAD_SERVER_TOKEN})

# ------------------------------------------------------------------------------------------------ field types
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"  # response times
SINCE_FORMAT = "%Y-%m-%dT%H:%M:%S.000"  # request times (`since`, `from`), as in the docs' examples


def _utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:  # an offset that pushes the time out of datetime's range (year 1 or 9999)
        raise ValueError("time out of range") from None


def _text(value: Any) -> Any:
    return "" if value is None else str(value) if isinstance(value, int | float) else value


WireTime = Annotated[datetime, AfterValidator(_utc)]
Text = Annotated[str, BeforeValidator(_text)]  # ids and names: numbers and null accepted
Cookie = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]  # the server keeps cookies as int32
MAX_BOOK_LEVELS = 1000
BookLevels = Annotated[int, Field(ge=0, le=MAX_BOOK_LEVELS)]  # UpdateBidAsk Row / NRows


def _rows_of(model: type[BaseModel], what: str) -> BeforeValidator:
    """A nested row list read row by row: a bad row is dropped (and logged once), not the whole answer."""
    return skip_bad_rows(model.model_validate, "chp", what)


def format_since(moment: datetime) -> str:
    """A request time as the docs write it (``2020-10-10T10:10:10.000``), in UTC."""
    return _utc(moment).strftime(SINCE_FORMAT)


class Row(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True, defer_build=True)


# ------------------------------------------------------------------------------------------------ envelope
class Cause(Row):
    """One nested cause of a failure (``dataError`` items lack ``message``)."""

    method: Text = ""
    reason: Text = ""
    message: Text = ""
    additional: Text = ""


class Failure(Row):
    method: Text = ""
    reason: Text = ""
    additional: Text = ""
    data_param: list[Any] = Field(default_factory=list, alias="dataParam")
    data_error: list[Cause] = Field(default_factory=list, alias="dataError")
    error_data: list[Cause] = Field(default_factory=list, alias="errorData")

    @property
    def causes(self) -> list[Cause]:
        return [*self.data_error, *self.error_data]


def error_number(reason: str) -> int | None:
    """``7`` for ``"Error #7"``; None when the reason is not of that form."""
    head, sep, number = reason.partition("#")
    number = number.strip()
    plain = number.isascii() and number.isdigit() and len(number) <= 9
    return int(number) if sep and plain and head.strip().lower() == "error" else None


# ------------------------------------------------------------------------------------------------ Auth
class ConnectInfo(Row):
    """Auth/Connected, Reconnection, Disconnected ``data`` row. The echoed password is deliberately not
    kept."""

    token: Text = ""
    work: int | None = None
    exchange: int | None = None
    login: str = ""


class Description(Row):
    """Listen* / Cancel* ``data`` row."""

    description: str = ""


# ------------------------------------------------------------------------------------------------ Instruments
class SymbolRow(Row):
    row: RowCount = 0
    nrows: RowCount = 0
    symbol: str
    short_name: str = ""
    long_name: str = ""
    type: str = ""
    decimals: Decimals = 0
    lot_size: Amount = Decimal(1)
    punkt: SaneDecimal | None = None
    step: Amount
    sec_ext_id: Any = None
    sec_exch_name: Text = ""
    expiry_date: str | None = Field(default=None, alias="expiryDate")
    days_before_expiry: int | None = None
    strike: SaneDecimal | None = None


class BarRow(Row):
    row: RowCount = 0
    nrows: RowCount = 0
    symbol: str
    interval: int
    datetime: WireTime
    open: Amount
    high: Amount
    low: Amount
    close: Amount
    volume: Amount
    open_int: SaneDecimal | None = Field(default=None, alias="openInt")


class TradeRow(Row):
    """Instruments/GetTrades row (mixed casing as printed in the notes)."""

    row: RowCount = 0
    nrows: RowCount = 0
    symbol: str
    datetime: WireTime = Field(alias="DateTime")
    price: Amount = Field(alias="Price")
    volume: Amount
    trade_no: Text = Field(default="", alias="tradeNo")
    action: int | None = Field(default=None, alias="Action")


class QuoteRow(Row):
    """Instruments/UpdateQuote row."""

    symbol: str
    datetime: WireTime | None = None
    open: Amount | None = None
    high: Amount | None = None
    low: Amount | None = None
    close: Amount | None = None
    last: Amount | None = None
    volume: Amount | None = None
    size: Amount | None = None
    bid: Amount | None = None
    ask: Amount | None = None
    bid_size: Amount | None = Field(default=None, alias="bidSize")
    ask_size: Amount | None = Field(default=None, alias="askSize")
    open_int: Amount | None = Field(default=None, alias="open_Int")
    go_buy: Amount | None = Field(default=None, alias="go_Buy")
    go_sell: Amount | None = Field(default=None, alias="go_Sell")
    go_base: Amount | None = Field(default=None, alias="go_Base")
    go_base_backed: Amount | None = Field(default=None, alias="go_Base_Backed")
    high_limit: Amount | None = Field(default=None, alias="high_Limit")
    low_limit: Amount | None = Field(default=None, alias="low_Limit")
    trading_status: int | None = Field(default=None, alias="trading_Status")
    volat: Amount | None = None
    theor_price: Amount | None = Field(default=None, alias="theor_Price")
    step_price: Amount | None = Field(default=None, alias="step_Price")


class TickRow(Row):
    """Instruments/AddTick row. ``Action`` is the aggressor's order action (1 buy, 2 sell)."""

    symbol: str = Field(alias="Symbol")
    datetime: WireTime = Field(alias="DateTime")
    price: Amount = Field(alias="Price")
    volume: Amount = Field(alias="Volume")
    trade_no: Text = Field(default="", alias="TradeNo")
    action: int | None = Field(default=None, alias="Action")


class BidAskRow(Row):
    """Instruments/UpdateBidAsk row: level ``Row`` of ``NRows`` of one symbol's book (0 = best)."""

    symbol: str = Field(alias="Symbol")
    row: BookLevels = Field(alias="Row")
    nrows: BookLevels = Field(alias="NRows")
    bid: Amount = Field(alias="Bid")
    bid_size: Amount = Field(alias="BidSize")
    ask: Amount = Field(alias="Ask")
    ask_size: Amount = Field(alias="AskSize")


# ----------------------------------------------------------------------------------------- AccountInformation
class PortfolioRow(Row):
    row: RowCount = 0
    nrows: RowCount = 0
    name: str = Field(alias="portfolioName")
    exchange: Text = Field(default="", alias="portfolioExch")
    status: PortfolioStatus = Field(default=PortfolioStatus.BROKER, alias="portfolioStatus")


class OrderRow(Row):
    """AccountInformation/UpdateOrder row (SmartCOM UpdateOrder)."""

    portfolio: str
    symbol: str
    state: int
    action: Action
    type: OrderType
    validity: Validity
    price: Amount
    amount: Amount
    stop: Amount
    filled: Amount
    datetime: WireTime
    order_id: Text = Field(alias="orderid")
    order_no: Text = Field(default="", alias="orderno")
    status_mask: int = 0
    cookie: Cookie


class PositionRow(Row):
    """AccountInformation/UpdatePosition row; ``amount`` is signed (negative: short)."""

    portfolio: str
    symbol: str
    avprice: Amount
    amount: SaneDecimal
    planned: SaneDecimal


class OwnTradeRow(Row):
    """AccountInformation/AddTrade row; ``amount`` is signed (negative: a sale)."""

    portfolio: str
    symbol: str
    order_id: Text = Field(alias="orderid")
    price: Amount
    amount: SaneDecimal
    datetime: WireTime
    trade_no: Text = Field(alias="tradeno")


class PortfolioStateRow(Row):
    """AccountInformation/SetPortfolio row: ``saldo`` the money balance, ``cash`` the part not held by
    orders."""

    portfolio: str
    cash: SaneDecimal
    leverage: Amount = Decimal(1)
    comission: SaneDecimal = Decimal(0)
    saldo: SaneDecimal


# --------------------------------------------------------------------------------------------- HistoricalData
class MyOrderRow(Row):
    row: RowCount = 0
    nrows: RowCount = 0
    portfolio: str
    symbol: str
    state: int
    action: Action
    type: OrderType
    validity: Validity
    price: Amount
    amount: Amount
    stop: Amount
    filled: Amount
    datetime: WireTime
    order_id: Text = Field(alias="id")
    order_no: Text = Field(default="", alias="no")
    cookie: Cookie


class MyTradeRow(Row):
    row: RowCount = 0
    nrows: RowCount = 0
    portfolio: str
    symbol: str
    datetime: WireTime
    price: Amount
    volume: Amount
    trade_no: Text = Field(alias="tradeno")
    buysell: int  # 1 buy, 2 sell
    order_no: Text = Field(alias="orderno")


class MyClosedPositionRow(Row):
    row: RowCount = 0
    nrows: RowCount = 0
    portfolio: str
    symbol: str
    amount: SaneDecimal
    price_buy: Amount
    price_sell: Amount
    postime: WireTime
    order_open: Text = ""
    order_close: Text = ""


class MyPortfolioData(Row):
    """The one ``data`` row of HistoricalData/GetMyPortfolioData: the legacy SetMy* row lists by name."""

    orders: Annotated[list[MyOrderRow], _rows_of(MyOrderRow, "SetMyOrder")] = Field(
        default_factory=list, alias="SetMyOrder"
    )
    trades: Annotated[list[MyTradeRow], _rows_of(MyTradeRow, "SetMyTrade")] = Field(
        default_factory=list, alias="SetMyTrade"
    )
    closed_positions: Annotated[list[MyClosedPositionRow], _rows_of(MyClosedPositionRow, "SetMyClosePos")] = (
        Field(default_factory=list, alias="SetMyClosePos")
    )


# ------------------------------------------------------------------------------------------------ Order
class PlaceResult(Row):
    cookie: Cookie = Field(alias="Cookie")
    order_id: Text = Field(default="", alias="Orderid")
    reason: str = ""


class OrderActionResult(Row):
    """Order/Move and Order/Cancel row (``OrderId`` here, ``Orderid`` in Place: as the notes print them)."""

    order_id: Text = Field(alias="OrderId")
    result: bool = Field(alias="Result")
