"""coin-weight exchange API v2: the wire format exactly as documented.

Field names are snake_case in Python and camelCase on the wire (aliases); build a request body with
:func:`to_wire`. Numbers the doc sends as strings (order prices and quantities, balances) stay ``str`` here
(validated as decimal text) and are read as ``Decimal`` through properties (``Order.price_value``); numbers it
sends as JSON numbers (symbol limits) are ``Decimal`` here and go back as JSON numbers.

Strategy items (see ``api-notes/coinweight-strategies.md``): numbers arrive as JSON numbers or as strings, so
every numeric field accepts both, holds a ``Decimal``, and goes back in the type the documented example uses
(:data:`Num` as a JSON number, :data:`NumText` as a string). Every strategy model keeps fields it does not
know (``extra="allow"``), and an item of an unknown type, or one that does not fit its type's model, is read
as :class:`GenericStrategyItem`, so saving an item never drops what the venue sent.

Doc quirks taken as they are:

- ``/test-auth`` answers ``{uid, group}`` without the envelope on success (the 403 failure is enveloped);
  ``/order/cancel-all`` answers ``{owner, canceledCounterParty}`` without the envelope; ``/user/totp/new``
  shows a bare ``{bind, hashKey, qrCodeText}``. The client accepts these bare (and enveloped, for totp/new).
- ``/user/login`` and ``/user/signup`` envelopes have no ``errorMsg``; the Strategy API envelope says
  ``error_code`` and ``seq_no`` (snake_case): :class:`Envelope` reads both spellings.
- ``uid`` is a number in the login answer and a string in ``/user/{uid}/info``: ids are read as ``str``.
- ``item/create`` and ``item/delete`` answer ``{"<id>": item}``: :class:`StrategyItemsById`.
- ``/config/strategy/custom/{uid}/items`` shows a SingleMarketMaker symbol in an older shape
  (``currency``/``strategy``/``margin``): :class:`LegacyMarketMakerSymbol`.
- ``estimatedValue`` and ``netUnitValue`` carry a unit (``"10.0027 USDT"``): :func:`amount_and_unit`.

Values no trader could see are refused while parsing (:mod:`services.wire_numbers`): every number must be
finite and at most 1e15 in size, order prices and quantities not negative, times within ``datetime``'s range,
``priceDecimal``/``quantityDecimal`` at most 18. Lists inside answers (the symbols of a counterparty, the
items of a market category, the orders of a page) are read row by row: a bad row is dropped and logged once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    RootModel,
    TypeAdapter,
)
from pydantic.alias_generators import to_camel

from services.errors import VenueError
from services.rows import skip_bad_rows
from services.wire_numbers import Decimals, EpochMillis, check_magnitude, check_not_negative

VENUE = "coinweight"

# --- value types --------------------------------------------------------------------------------------------


def to_decimal(value: object) -> Decimal:
    """A finite Decimal from a JSON number, a numeric string or a Decimal (``bool`` is refused)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise ValueError(f"expected a number, got {type(value).__name__}")
    return check_magnitude(number)


def _decimal_text(value: object) -> str:
    """Decimal text kept as sent; a number (or Decimal) becomes its plain decimal text."""
    if isinstance(value, str):
        to_decimal(value)
        return value
    return format(to_decimal(value), "f")


def _amount_text(value: object) -> str:
    """Decimal text of a price or quantity: as :func:`_decimal_text`, and not negative."""
    text = _decimal_text(value)
    check_not_negative(to_decimal(text))
    return text


def _id_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _json_number(value: Decimal) -> int | float:
    return int(value) if value.as_tuple().exponent >= 0 else float(value)  # type: ignore[operator]  # finite here


def _plain_text(value: Decimal) -> str:
    return format(value, "f")


DecimalText = Annotated[str, BeforeValidator(_decimal_text)]
"""A number the doc sends as a string (``"0.00123"``); read it with :func:`to_decimal`."""

AmountText = Annotated[str, BeforeValidator(_amount_text)]
"""A price or quantity the doc sends as a string: :data:`DecimalText`, not negative."""

Num = Annotated[Decimal, BeforeValidator(to_decimal), PlainSerializer(_json_number, when_used="json")]
"""A number the doc sends as a JSON number: ``10`` goes back as ``10``, ``60.0`` as ``60.0``."""

NumText = Annotated[Decimal, BeforeValidator(to_decimal), PlainSerializer(_plain_text, when_used="json")]
"""A number the doc sends as a string (JSON numbers accepted)."""

Id = Annotated[str, BeforeValidator(_id_text)]
"""An id the doc sends sometimes as a number, sometimes as a string."""


def _split_amount(text: str) -> tuple[Decimal, str]:
    amount, _, unit = text.strip().partition(" ")
    return to_decimal(amount), unit.strip()


def amount_and_unit(text: str) -> tuple[Decimal, str]:
    """``"10.0027 USDT"`` -> ``(Decimal("10.0027"), "USDT")``, ``"82.0000"`` -> unit ``""``; text without a
    readable amount is a VenueError."""
    try:
        return _split_amount(text)
    except (ValueError, AttributeError) as exc:
        raise VenueError(VENUE, None, "unreadable amount {text!r}", fields={"text": str(text)[:40]}) from exc


def _amount_with_unit(text: str) -> str:
    _split_amount(text)
    return text


AmountWithUnit = Annotated[str, AfterValidator(_amount_with_unit)]
"""``"10.0027 USDT"`` or ``"82.0000"``: checked to read with :func:`amount_and_unit`."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def from_millis(millis: int) -> datetime:
    """The UTC time of epoch milliseconds; out of ``datetime``'s range is a VenueError."""
    try:
        return datetime.fromtimestamp(millis / 1000, UTC)
    except (OverflowError, ValueError, OSError, TypeError) as exc:
        raise VenueError(
            VENUE, None, "time out of range ({millis} ms)", fields={"millis": str(millis)[:30]}
        ) from exc


def to_millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class WireModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, defer_build=True)


def to_wire(model: BaseModel) -> dict[str, Any]:
    """The JSON body (or query parameters) of a request model: wire names, ``None`` left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


# --- envelope -----------------------------------------------------------------------------------------------

DataT = TypeVar("DataT")


class Envelope(WireModel, Generic[DataT]):
    """``{success, errorCode, errorMsg, data}``, and the Strategy API's ``seq_no``/``error_code`` spelling."""

    success: bool
    error_code: int | str = Field(
        0, validation_alias=AliasChoices("errorCode", "error_code"), serialization_alias="errorCode"
    )
    error_msg: str | None = Field(
        None, validation_alias=AliasChoices("errorMsg", "error_msg"), serialization_alias="errorMsg"
    )
    seq_no: int | None = Field(None, alias="seq_no")
    data: DataT | None = None


# --- orders -------------------------------------------------------------------------------------------------


class OrderType(StrEnum):
    LIMIT = "LIMIT"
    MARKET = "MARKET"


class Side(StrEnum):
    BID = "BID"  # buy
    ASK = "ASK"  # sell


class ExecutionType(StrEnum):
    EXECUTION_REJECTED = "EXECUTION_REJECTED"
    EXECUTION_ACK = "EXECUTION_ACK"
    EXECUTION_PARTIAL_FILLED = "EXECUTION_PARTIAL_FILLED"
    EXECUTION_FILLED = "EXECUTION_FILLED"
    EXECUTION_CANCELING = "EXECUTION_CANCELING"
    EXECUTION_CANCELED = "EXECUTION_CANCELED"
    EXECUTION_PARTIAL_CANCELED = "EXECUTION_PARTIAL_CANCELED"


class Order(WireModel):
    """The documented Order Model."""

    street_order_id: Id
    order_type: OrderType
    symbol: str
    side: Side
    owner: Id
    counter_party: str
    price: AmountText
    quantity: AmountText
    filled_price: AmountText
    filled_quantity: AmountText
    execution_type: ExecutionType
    create_time: EpochMillis
    processed_time: EpochMillis

    @property
    def price_value(self) -> Decimal:
        return to_decimal(self.price)

    @property
    def quantity_value(self) -> Decimal:
        return to_decimal(self.quantity)

    @property
    def filled_price_value(self) -> Decimal:
        return to_decimal(self.filled_price)

    @property
    def filled_quantity_value(self) -> Decimal:
        return to_decimal(self.filled_quantity)

    @property
    def created_at(self) -> datetime:
        return from_millis(self.create_time)

    @property
    def processed_at(self) -> datetime:
        return from_millis(self.processed_time)


class OrderCreateRequest(WireModel):
    """``/order/create``; ``price`` is left out of a MARKET order."""

    order_type: OrderType
    symbol: str
    side: Side
    owner: Id
    counter_party: str
    price: DecimalText | None = None
    quantity: DecimalText


class OrderCancelRequest(WireModel):
    street_order_id: Id
    owner: Id
    counter_party: str


class OrderUpdateRequest(OrderCancelRequest):
    """``/order/update``: only an unfilled order, only its price and quantity."""

    price: DecimalText
    quantity: DecimalText


class CancelAllRequest(WireModel):
    owner: Id
    selected_counter_party: list[str] = Field(default_factory=list)  # empty: every counterparty


class CancelAllResult(WireModel):
    """``/order/cancel-all`` answers this without the envelope."""

    owner: Id
    canceled_counter_party: list[str]


class ActiveOrdersQuery(WireModel):
    owner: Id


class InactiveOrdersQuery(WireModel):
    owner: Id
    start_time: int | None = None  # epoch ms; the venue's default: now - 24 h
    end_time: int | None = None  # default: now
    page_index: int | None = None  # default 0
    page_size: int | None = None  # default 10


class OrderPage(WireModel):
    total_page: int
    content: Annotated[list[Order], skip_bad_rows(Order.model_validate, VENUE, "/order/inactive")]


# --- config: symbols, markets, favourites, layouts ----------------------------------------------------------


class SymbolInfo(WireModel):
    name: str
    base: str
    quote: str
    price_decimal: Decimals  # price precision: 10**-priceDecimal
    quantity_decimal: Decimals
    quantity_min: Num
    quantity_max: Num


class CounterPartySymbols(WireModel):
    counter_party: str
    symbols: Annotated[list[SymbolInfo], skip_bad_rows(SymbolInfo.model_validate, VENUE, "/config/symbols")]


class MarketRef(WireModel):
    """A symbol on a counterparty: the favourite add/delete request."""

    counter_party: str
    symbol: str


class MarketItem(MarketRef):
    favorite: bool = False


class MarketCategory(WireModel):
    category: str  # the tab name
    items: Annotated[list[MarketItem], skip_bad_rows(MarketItem.model_validate, VENUE, "market items")]


class LayoutSlot(WireModel):
    """One slot of the professional (1..3) or simple (1..12) layout; also the slot update request."""

    position: int
    counter_party: str
    symbol: str


# --- users --------------------------------------------------------------------------------------------------


class AuthCheck(WireModel):
    """``/test-auth`` (answered without the envelope)."""

    uid: Id
    group: str


class LoginRequest(WireModel):
    user_name: str
    password: str = Field(repr=False)


class SignupRequest(WireModel):
    email: str
    phone: str
    user_name: str
    password: str = Field(repr=False)


class UserSession(WireModel):
    """The login and signup answers (signup has no ``email``)."""

    uid: Id
    user_name: str
    group: str
    email: str | None = None
    auth_token: str = Field(repr=False)


class UserInfo(WireModel):
    uid: Id
    google_auth_enabled: bool = False
    group: str
    user_name: str
    phone: str | None = None
    email: str | None = None
    avatar: str | None = None
    estimated_value: AmountWithUnit  # "10.0027 USDT"
    available_value: AmountWithUnit  # "82.0000"
    net_unit_value: AmountWithUnit  # "10.0027 USDT"
    on_orders: AmountWithUnit  # "12.000"
    change_percentage: Num

    @property
    def estimated_amount(self) -> tuple[Decimal, str]:
        return amount_and_unit(self.estimated_value)

    @property
    def available_amount(self) -> tuple[Decimal, str]:
        return amount_and_unit(self.available_value)

    @property
    def net_unit_amount(self) -> tuple[Decimal, str]:
        return amount_and_unit(self.net_unit_value)

    @property
    def on_orders_amount(self) -> tuple[Decimal, str]:
        return amount_and_unit(self.on_orders)


class CurrencyPosition(WireModel):
    """One row of ``/user/{uid}/position``: a currency held on a counterparty."""

    counter_party: str
    currency: str
    total_amount: DecimalText
    used_amount: DecimalText
    available_amount: DecimalText

    @property
    def total(self) -> Decimal:
        return to_decimal(self.total_amount)

    @property
    def used(self) -> Decimal:
        return to_decimal(self.used_amount)

    @property
    def available(self) -> Decimal:
        return to_decimal(self.available_amount)


class PasswordChangeRequest(WireModel):
    uid: int
    old_password: str = Field(repr=False)
    new_password: str = Field(repr=False)


class PhoneVerifyRequest(WireModel):
    uid: int
    phone: str
    country_code: str  # "+86"


class PhoneBindRequest(PhoneVerifyRequest):
    verification_code: str


class TotpSecret(WireModel):
    """``/user/totp/new``."""

    bind: bool
    hash_key: str = Field(repr=False)
    qr_code_text: str = Field(repr=False)  # the client draws the QR code from it


class TotpBindRequest(WireModel):
    """The doc titles this body "response"; it is what ``/user/totp/bind`` is sent."""

    uid: int
    auth_code: str = Field(repr=False)  # from the authenticator app


# --- API keys -----------------------------------------------------------------------------------------------


class ApiKeyRef(WireModel):
    """``/secret/delete``."""

    counter_party: str
    owner: Id


class ApiKey(ApiKeyRef):
    """A row of ``/secret/{owner}`` (``secretKey`` masked: ``"k****k"``) and the ``/secret/add`` request."""

    api_key: str
    secret_key: str = Field(repr=False)


# --- strategies ---------------------------------------------------------------------------------------------


class StrategyModel(WireModel):
    model_config = ConfigDict(extra="allow")


class StrategyMargin(StrategyModel):
    """A per-counterparty margin of Arbitrage and AutoSpreadingValue."""

    currency1: str
    margin1: Num
    currency2: str
    margin2: Num
    counter_party: str


class SingleMarketMakerSymbol(StrategyModel):
    name: str
    symbol: str
    side: str  # Both | Bid | Ask
    currency1: str
    margin1: Num
    currency2: str
    margin2: Num
    order_number: int
    spread_pct: Num
    order_qty: Num
    qty_var: Num
    price_step: Num
    price_var: Num
    middle_price: Num
    replace_delay: Num
    middle_price_step: Num
    tolerance_var: Num


class LegacyMarketMakerSymbol(StrategyModel):
    """The older SingleMarketMaker symbol of the custom-items and ``/strategy/*`` examples."""

    name: str
    currency: str
    strategy: str
    margin: Num
    order_number: int
    spread_pct: Num
    order_qty: Num
    qty_var: Num
    price_step: Num
    price_var: Num


class VolumeMarketMakerSymbol(StrategyModel):
    name: str
    symbol: str
    currency1: str
    margin1: Num
    currency2: str
    margin2: Num
    order_qty: Num
    qty_var: Num
    price_var: Num
    middle_price: Num
    replace_delay: Num
    delay_var: Num


class ArbitrageSymbol(StrategyModel):
    name: str | None = None
    symbol: str | None = None
    expired_seconds: Num
    margins: list[StrategyMargin]
    exchange1: str
    exchange2: str
    buy_spread: Num
    sell_spread: Num
    max_order_qty: Num


class TriangularSymbol(StrategyModel):
    name: str
    counter_party: str
    currency1: str
    currency2: str
    currency3: str
    margin1: NumText
    margin2: NumText
    margin3: NumText
    expired_seconds: Num
    max_order_size: Num
    parent_index: int
    symbol1: str
    symbol2: str
    symbol3: str
    threshold_pct: Num


class AutoSpreadingSymbol(StrategyModel):
    """What AutoSpreadingPct and AutoSpreadingValue share."""

    name: str
    symbol: str
    side: str  # e.g. "Ask"
    maker_ccy1: str
    maker_ccy2: str
    maker_exchange: str
    watched_exchange: str
    max_order_size: NumText
    parent_index: int
    price_var: NumText
    quantity_var: NumText


class AutoSpreadingPctSymbol(AutoSpreadingSymbol):
    maker_margin1: NumText
    maker_margin2: NumText
    spread_pct: NumText


class AutoSpreadingValueSymbol(AutoSpreadingSymbol):
    margins: list[StrategyMargin]
    spread_value: NumText
    quote_exchange: str | None = None  # the "autospreadingvquote" variant


class SpeedOrderSymbol(StrategyModel):
    name: str
    symbol: str
    side: str | None = None
    currency1: str | None = None
    margin1: Num | None = None
    currency2: str | None = None
    margin2: Num | None = None
    base_price: Num
    price_step: Num
    price_var: Num
    order_num: int
    order_qty: Num
    qty_var: Num


class StrategyItemBase(StrategyModel):
    """What every strategy item has. ``id`` is absent from templates and from the create request."""

    id: Id | None = None
    name: str
    exchange: str
    owner: str | None = None
    strategy_type: str
    b_cancel: bool | None = None  # in stop requests, and in some templates


class SingleMarketMakerItem(StrategyItemBase):
    strategy_type: Literal["SingleMarketMaker"]
    symbols: list[SingleMarketMakerSymbol | LegacyMarketMakerSymbol]


class VolumeMarketMakerItem(StrategyItemBase):
    strategy_type: Literal["VolumeMarketMaker"]
    symbols: list[VolumeMarketMakerSymbol]


class ArbitrageItem(StrategyItemBase):
    strategy_type: Literal["Arbitrage"]
    symbols: list[ArbitrageSymbol]


class TriangularItem(StrategyItemBase):
    strategy_type: Literal["Triangular"]
    symbols: list[TriangularSymbol]


class AutoSpreadingPctItem(StrategyItemBase):
    strategy_type: Literal["AutoSpreadingPct"]
    symbols: list[AutoSpreadingPctSymbol]


class AutoSpreadingValueItem(StrategyItemBase):
    strategy_type: Literal["AutoSpreadingValue"]
    symbols: list[AutoSpreadingValueSymbol]


class SpeedOrderItem(StrategyItemBase):
    strategy_type: Literal["SpeedOrder"]
    symbols: list[SpeedOrderSymbol]


class GenericStrategyItem(StrategyItemBase):
    """An item of a type not modelled here (or not fitting its model): every field is kept as sent."""

    symbols: list[dict[str, Any]] = Field(default_factory=list)


STRATEGY_TYPES: dict[str, type[StrategyItemBase]] = {
    "SingleMarketMaker": SingleMarketMakerItem,
    "VolumeMarketMaker": VolumeMarketMakerItem,
    "Arbitrage": ArbitrageItem,
    "Triangular": TriangularItem,
    "AutoSpreadingPct": AutoSpreadingPctItem,
    "AutoSpreadingValue": AutoSpreadingValueItem,
    "SpeedOrder": SpeedOrderItem,
}

KnownStrategyItem = Annotated[
    SingleMarketMakerItem
    | VolumeMarketMakerItem
    | ArbitrageItem
    | TriangularItem
    | AutoSpreadingPctItem
    | AutoSpreadingValueItem
    | SpeedOrderItem,
    Field(discriminator="strategy_type"),
]

StrategyItem = Annotated[KnownStrategyItem | GenericStrategyItem, Field(union_mode="left_to_right")]
"""A strategy item of its type's model, or :class:`GenericStrategyItem`."""

_STRATEGY_ITEM: TypeAdapter[StrategyItemBase] = TypeAdapter(StrategyItem, config=ConfigDict(defer_build=True))


def parse_strategy_item(data: object) -> StrategyItemBase:
    """A strategy item (a dict from the wire, or built from a spec) read into its type's model."""
    return _STRATEGY_ITEM.validate_python(data)


class StrategyTemplate(WireModel):
    """A row of ``/config/strategy/default/items``: the type name and its default item."""

    name: str
    default: StrategyItem


RootT = TypeVar("RootT")


class DeferredRootModel(RootModel[RootT]):
    """A RootModel built on first use, as the wire models are (``RootModel[X]`` builds X at import)."""

    model_config = ConfigDict(defer_build=True)


class StrategyItemsById(DeferredRootModel[dict[str, StrategyItem]]):
    """The ``item/create`` and ``item/delete`` answers: ``{"<id>": item}``."""

    def items_with_ids(self) -> list[StrategyItemBase]:
        return [item.model_copy(update={"id": key}) for key, item in self.root.items()]


class StrategyItemRef(WireModel):
    """The ``item/delete`` request: ``{"id": "1"}``."""

    id: Id


class StrategyRunRequest(WireModel):
    """``/strategy/start`` and ``/strategy/stop`` (stop: ``strategy.bCancel`` true cancels, false leaves)."""

    userid: Id
    strategy: StrategyItem


class StrategyState(WireModel):
    id: Id
    status: str  # "running" | "stopped"


class StrategyRunResult(WireModel):
    strategy: StrategyState


class StrategyStatusList(WireModel):
    status: Annotated[
        list[StrategyState], skip_bad_rows(StrategyState.model_validate, VENUE, "/strategy/status")
    ]
