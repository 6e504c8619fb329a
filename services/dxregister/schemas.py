"""dxRegister / dxWeb (DXtrade back office) wire models, as ``api-docs/dxregister-api.txt`` defines them.

Python names are snake_case, wire names camelCase (aliases; build a body with :func:`to_wire`). Every
documented model is here; a field the doc types ``number (double)`` is a ``Decimal`` that goes back as a JSON
number (:data:`Amount`), ``string (date-time)`` an aware UTC ``datetime`` written ``yyyy-MM-ddTHH:mm:ss.SSSZ``
(:data:`DxDateTime`), ``string (date)`` a ``date`` (``yyyy-MM-dd``).

Doc gaps filled here (the simulator makes the same choices):

- The Client model's e-mail row has lost its name in the doc: the field is ``email``.
- ``recipients`` of the Client notification model and ``recipient`` of a delivery status have no schema: they
  are Broker notification recipients ``{domain, login}``. ``readTime``/``acknowledgmentTime`` are epoch ms.
- The deposit/withdrawal/adjustment answers have no schema: the transfer model, with ``transferId`` set.
- "Disable user and terminate accounts model" has no definition: :class:`DisableUserRequest` keeps whatever
  fields it is given (none is required).
- The error body is ``{errorCode, errorMessage, errorId?, errorDetails?[]}`` (:class:`DxError`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel

# --- value types --------------------------------------------------------------------------------------------

DATE_TIME_FORMAT = "yyyy-MM-ddTHH:mm:ss.SSSZ"


def format_date_time(moment: datetime) -> str:
    """``2024-03-01T12:00:00.250Z``: UTC, milliseconds, ``Z`` (a naive datetime is taken as UTC)."""
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_date_time(value: object) -> datetime:
    """An aware UTC datetime from ``yyyy-MM-ddTHH:mm:ss.SSSZ`` (any ISO 8601 form with or without a zone)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"not a date-time ({DATE_TIME_FORMAT}): {value!r}") from None
    else:
        raise ValueError(f"expected a date-time string, got {type(value).__name__}")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_amount(value: object) -> Decimal:
    """A finite Decimal from a JSON number (or numeric text); booleans are refused."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | str):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        raise ValueError(f"expected a number, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def amount_to_json(value: Decimal) -> int | float:
    """The JSON number of an amount: whole amounts as integers, others as doubles (the doc's type)."""
    return int(value) if value == value.to_integral_value() else float(value)


DxDateTime = Annotated[
    datetime, BeforeValidator(parse_date_time), PlainSerializer(format_date_time, when_used="json")
]
Amount = Annotated[Decimal, BeforeValidator(to_amount), PlainSerializer(amount_to_json, when_used="json")]


class DxWireModel(BaseModel):
    """Unknown fields are ignored (the venue may add some); wire names are the camelCase aliases."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", defer_build=True
    )


def to_wire(model: BaseModel) -> dict[str, Any]:
    """A request body: wire names, ``None`` left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


# --- enums --------------------------------------------------------------------------------------------------


class AccountRole(StrEnum):
    """Account ``type``."""

    CLIENT = "CLIENT"
    OFFSET = "OFFSET"
    REFERENCE = "REFERENCE"


class AccountStatus(StrEnum):
    FULL_TRADING = "FULL_TRADING"
    CLOSE_ONLY = "CLOSE_ONLY"
    NO_TRADING = "NO_TRADING"
    TERMINATED = "TERMINATED"
    EXPIRED = "EXPIRED"


class AccountCashType(StrEnum):
    MARGIN = "MARGIN"
    CASH = "CASH"


class AccountTier(StrEnum):
    """Account ``accountType``."""

    DEMO = "DEMO"
    CHALLENGE = "CHALLENGE"
    LIVE = "LIVE"


class AccountAccess(StrEnum):
    """``accountAccess`` query parameter: the owner's permission on a new account (TRADE by default)."""

    VIEW_ONLY = "VIEW_ONLY"
    TRADE = "TRADE"


class BrokerType(StrEnum):
    TRADING_FIRM = "TRADING_FIRM"
    EXEC_BROKER = "EXEC_BROKER"
    SUP_BROKER = "SUP_BROKER"
    OMNIBUS = "OMNIBUS"


class ClientType(StrEnum):
    CLIENT = "CLIENT"
    OTHER = "OTHER"


class ClientStatus(StrEnum):
    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"
    DISABLED = "DISABLED"


class NotificationAudience(StrEnum):
    """``sendToAll`` of a client notification."""

    ALL = "ALL"
    LIVE = "LIVE"
    DEMO = "DEMO"


class NotificationPriority(StrEnum):
    LOW = "LOW"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


class ActivityType(StrEnum):
    DIVIDEND = "DIVIDEND"
    DEPOSIT = "DEPOSIT"
    WITHDRAWAL = "WITHDRAWAL"
    COMMISSION = "COMMISSION"
    EXPIRATION = "EXPIRATION"
    DELISTING = "DELISTING"
    SPIN_OFF = "SPIN_OFF"
    RENAME = "RENAME"
    M_AND_A = "M_AND_A"
    SPLIT = "SPLIT"
    REBATE = "REBATE"
    EXERCISE = "EXERCISE"
    POSITION_UPDATE = "POSITION_UPDATE"
    ADJUSTMENT = "ADJUSTMENT"
    TRADE = "TRADE"
    SERVICE_CHARGE = "SERVICE_CHARGE"
    FINANCING = "FINANCING"
    ASSIGNMENT = "ASSIGNMENT"
    OVERNIGHT_SHORT_FEE = "OVERNIGHT_SHORT_FEE"
    MARGIN_INTEREST = "MARGIN_INTEREST"
    BOOK_TRADE = "BOOK_TRADE"
    CORPORATE_ACTION = "CORPORATE_ACTION"


class TransactionAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"


class ImportErrorCode(StrEnum):
    """``errorCode`` of a failed transaction."""

    INCORRECT_QUANTITY = "INCORRECT_QUANTITY"
    ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND"
    SYMBOL_NOT_FOUND = "SYMBOL_NOT_FOUND"
    CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY = "CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY"
    NON_CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY = "NON_CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY"
    ACTION_TYPE_IS_MISSED = "ACTION_TYPE_IS_MISSED"
    ACTION_TYPE_IS_NOT_SUPPORTED_FOR_INSTRUMENT_TYPE = "ACTION_TYPE_IS_NOT_SUPPORTED_FOR_INSTRUMENT_TYPE"
    ONLY_DELETE_AND_UPDATE_FOR_TRADE = "ONLY_DELETE_AND_UPDATE_FOR_TRADE"
    COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION = "COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION"
    INCORRECT_COST_BASIS = "INCORRECT_COST_BASIS"
    COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN = "COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN"
    TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE = "TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE"
    MULTILEG_TRANSACTION_CAN_NOT_BE_UPDATED = "MULTILEG_TRANSACTION_CAN_NOT_BE_UPDATED"
    EMPTY_TRANSACTION_ID = "EMPTY_TRANSACTION_ID"
    DUPLICATE_TRANSACTION_ID = "DUPLICATE_TRANSACTION_ID"
    INCORRECT_TRANSACTION_ID = "INCORRECT_TRANSACTION_ID"
    COLUMN_CANNOT_BE_UPDATED_FOR_TRADE = "COLUMN_CANNOT_BE_UPDATED_FOR_TRADE"
    MISMATCH_TRANSACTION_TYPE = "MISMATCH_TRANSACTION_TYPE"
    ACCOUNT_NUMBER_CANNOT_BE_UPDATED = "ACCOUNT_NUMBER_CANNOT_BE_UPDATED"
    UNEXPECTED_ERROR = "UNEXPECTED_ERROR"
    INCORRECT_CASH_EFFECT = "INCORRECT_CASH_EFFECT"
    INCORRECT_PRICE = "INCORRECT_PRICE"
    INCORRECT_COMMISSION_VALUE = "INCORRECT_COMMISSION_VALUE"
    MISMATCH_TRADE_TYPE = "MISMATCH_TRADE_TYPE"


# --- errors -------------------------------------------------------------------------------------------------


class DxError(DxWireModel):
    """The doc's "Error description" (extended by ``errorDetails``; dxWeb adds ``errorId``)."""

    error_code: int
    error_message: str
    error_id: str | None = None
    error_details: list[str] | None = None


# --- accounts -----------------------------------------------------------------------------------------------


class AccountGroup(DxWireModel):
    """An account's membership in one group of a category (``{category, value}``)."""

    category: str
    value: str


class Account(DxWireModel):
    clearing_code: str | None = None
    account_code: str
    broker_code: str | None = None
    type: AccountRole | None = None
    status: AccountStatus | None = None
    account_cash_type: AccountCashType | None = None
    expiration_date: DxDateTime | None = None
    account_type: AccountTier | None = None
    currency: str
    balance: Amount | None = None
    credit: Amount | None = None
    equity_options_level: int | None = None
    categories: list[AccountGroup] | None = None
    futures_options_level: int | None = None
    allowed_instruments: list[str] | None = None
    alpaca_omnibus_sub_account_id: str | None = None
    self_deposit_balance_allowed: bool | None = None
    pdt_account: bool | None = None


class AccountUpdate(DxWireModel):
    expiration_date: DxDateTime | None = None
    status: AccountStatus | None = None
    credit: Amount | None = None
    equity_options_level: int | None = None
    is_pdt_account: bool | None = None
    futures_options_level: int | None = None
    allowed_instruments: list[str] | None = None
    alpaca_omnibus_sub_account_id: str | None = None
    self_deposit_balance_allowed: bool | None = None


class CashTransfer(DxWireModel):
    """The fields the Deposit, Withdrawal and Adjustment models share (identical in the doc)."""

    currency: str
    amount: Amount
    description: str | None = None
    transfer_id: str | None = None


class Deposit(CashTransfer):
    """Deposit model: ``amount`` > 0."""


class Withdrawal(CashTransfer):
    """Withdrawal model: ``amount`` > 0, at most the withdrawable amount."""


class Adjustment(CashTransfer):
    """Adjustment model: ``amount`` of either sign (a negative one at most the withdrawable amount)."""


# --- brokers and categories ---------------------------------------------------------------------------------


class Broker(DxWireModel):
    name: str
    broker_code: str
    namespace: str
    parent_broker_code: str | None = None
    country_code: str | None = None
    type: BrokerType | None = None
    description: str | None = None
    client_principal_group: str | None = None
    dealer_principal_group: str | None = None


class CategoryValue(DxWireModel):
    value: str


class Category(DxWireModel):
    category: str
    values: list[CategoryValue] | None = None


class AccountGroupRename(DxWireModel):
    """The doc's "Rename account group"."""

    category: str | None = None
    old_value: str | None = None
    new_value: str | None = None


# --- clients ------------------------------------------------------------------------------------------------


class ClientLocation(DxWireModel):
    """LocationModel."""

    country_code: str | None = None
    zip_code: str | None = None
    address: str | None = None


class IdentityDocument(DxWireModel):
    """DocumentModel."""

    type: str | None = None
    series: str | None = None
    number: str | None = None
    issued_by: str | None = None
    issued_date: date | None = None


class ClientGroup(DxWireModel):
    """Client group model: ``clients`` as ``domain@login``, ``ancestors`` as ``domain@name``."""

    domain: str | None = None
    name: str | None = None
    clients: list[str] | None = None
    ancestors: list[str] | None = None


class Client(DxWireModel):
    domain: str | None = None
    login: str
    accounts: list[Account] | None = None
    full_name: str | None = None
    email: str | None = None
    broker_code: str | None = None
    type: ClientType | None = None
    status: ClientStatus | None = None
    password: str | None = None
    password_expiry: int | None = None
    password_reset: bool | None = None
    created_date_time: DxDateTime | None = None
    last_login: DxDateTime | None = None
    groups: list[str] | None = None
    birth_place: str | None = None
    birth_date: date | None = None
    citizenship: str | None = None
    phone: str | None = None
    insurance_number: str | None = None
    company: str | None = None
    contract_date: date | None = None
    location: ClientLocation | None = None
    document: IdentityDocument | None = None
    comments: str | None = None
    dx_feed_account_id: str | None = None


class ClientUpdate(DxWireModel):
    full_name: str | None = None
    email: str | None = None
    password: str | None = None
    password_expiry: int | None = None
    password_reset: bool | None = None
    status: ClientStatus | None = None
    groups_added: list[ClientGroup] | None = None
    groups_removed: list[ClientGroup] | None = None
    birth_place: str | None = None
    birth_date: date | None = None
    citizenship: str | None = None
    phone: str | None = None
    insurance_number: str | None = None
    company: str | None = None
    contract_date: date | None = None
    location: ClientLocation | None = None
    document: IdentityDocument | None = None
    comments: str | None = None
    dx_feed_account_id: str | None = None


class DisableUserRequest(DxWireModel):
    """The undefined "Disable user and terminate accounts model": any fields pass through."""

    model_config = ConfigDict(extra="allow")


class SubscriptionItem(DxWireModel):
    feed_name: str
    end_date: str | None = None  # the doc types it as a plain string


class DxFeedAccountSuspension(DxWireModel):
    account_id: str


class DxFeedSubscriptions(DxWireModel):
    """The doc's "DxFeed subscriptions update model"."""

    account_id: str
    subscriptions: list[SubscriptionItem]


# --- client notifications -----------------------------------------------------------------------------------


class NotificationRecipient(DxWireModel):
    """The doc's "Broker notification recipient"."""

    domain: str
    login: str


class ClientNotification(DxWireModel):
    recipients: list[NotificationRecipient] | None = None
    send_to_all: NotificationAudience | None = None
    priority: NotificationPriority
    subject: str
    message: str
    expiration_date: DxDateTime
    must_acknowledge: bool


class DeliveryStatus(DxWireModel):
    """Delivery status for a recipient: times in epoch ms, absent until read / acknowledged."""

    recipient: NotificationRecipient | None = None
    read_time: int | None = None
    acknowledgment_time: int | None = None


class NotificationDelivery(DxWireModel):
    """The doc's "Notification delivery information per recipients"."""

    notification_id: str | None = None
    statuses: list[DeliveryStatus] | None = None


# --- transaction import -------------------------------------------------------------------------------------


class Commission(DxWireModel):
    quantity: Amount
    type: str | None = None


class Transaction(DxWireModel):
    account_code: str
    quantity: Amount
    symbol: str
    timestamp: DxDateTime | None = None
    cost_basis: Amount | None = None
    cash_effect: Amount | None = None
    activity_type: ActivityType | None = None
    transaction_id: str
    action: TransactionAction
    transaction_description: str | None = None
    commissions: list[Commission] | None = None
    fees: list[Commission] | None = None
    taxes: list[Commission] | None = None
    clearing_code: str | None = None
    calculate_cash_effect: bool | None = None


class FailedTransaction(DxWireModel):
    transaction_id: str
    error_code: ImportErrorCode
    error_text: str


class TransactionImportResult(DxWireModel):
    """The doc's "Transactions import result"."""

    created_transactions: list[str]
    updated_transactions: list[str]
    deleted_transactions: list[str]
    failed_transactions: list[FailedTransaction]


# --- dxWeb: sessions and SSO tokens -------------------------------------------------------------------------


class DxLoginRequest(DxWireModel):
    """Login request model (``appKey`` optional)."""

    username: str | None = None
    domain: str | None = None
    password: str | None = None
    app_key: str | None = None


class LoginResult(DxWireModel):
    """``timeout``: the session's lifetime in milliseconds (after /ping: what is left of it)."""

    session_token: str | None = None
    timeout: int | None = None


class SsoTokenRequest(DxWireModel):
    """Token request model: ``tokenDuration`` in milliseconds."""

    dx_core_session_token: str | None = None
    token_duration: int | None = None
    token_origin: str | None = None


class SsoTokenInfo(DxWireModel):
    """SSOTokenInfo: ``expirationTime`` in epoch milliseconds."""

    expiration_time: int | None = None
    user_name: str | None = None
    user_domain: str | None = None
    user_id: int | None = None
    serial_number: int | None = None
