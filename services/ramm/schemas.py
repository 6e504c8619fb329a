"""RAMM.STORE manager API: the wire format (api-notes/ramm-manager.md §3-4).

Attributes carry the wire names as they are (PascalCase), so a model dumps to the documented body with
:func:`to_wire`. Reals are :data:`Money` (Decimal, sent back as JSON numbers), dates :data:`Stamp` (naive
datetimes, see :mod:`.wire_types`). The doc never marks a response field as required: apart from the ids a
row is named by, every field is optional, and fields the notes do not list are kept (``extra="allow"``).

Doc quirks taken as they are: ``wallets.get`` prints ``DT`` for ``DTCreated`` and ``walletTransfers.get``
``IDWallet`` for ``WalletID`` (both read); ``deals.get``/``positions.get`` answer ``DealID``/``PositionID``;
the signal examples print ``DTLastFill`` for ``DTProcessed`` (both read); ``managers.get`` has a string
``Tag`` where search/set have an int (read as text); ``ExecutionAccount`` and ``Fill.Ticket`` are numbers in
the tables and strings in the examples (read as text); ``clients.get`` ``AvailableStreams`` is a list or a
single object (read as a list); the search answers' ``OrderBy.Direction`` may be spelt ``OrderDirection``, and
the accounts.search example puts ``OrderByField``/``OrderDirection`` in ``Pagination`` (all read by
:class:`SearchPage`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field

from services.ramm import wire_types as wt
from services.ramm.enums import (
    AccountingSystem,
    AccountState,
    AccountStatus,
    AccountType,
    AssetType,
    ClientStatus,
    CopyStrategyStatus,
    DealEntry,
    DealType,
    ManagerStatus,
    SignalStatus,
    SortDirection,
    TransferType,
    UpdateImportance,
    WalletStatus,
)
from services.ramm.wire_types import IdText, Money, Stamp, lenient

# Enum fields read the known values as the enum and anything new as a plain int (see wire_types.lenient).
if TYPE_CHECKING:
    AccountingValue = AccountingSystem | int
    AccountStateValue = AccountState | int
    AccountStatusValue = AccountStatus | int
    AccountTypeValue = AccountType | int
    AssetTypeValue = AssetType | int
    ClientStatusValue = ClientStatus | int
    DealEntryValue = DealEntry | int
    DealTypeValue = DealType | int
    ManagerStatusValue = ManagerStatus | int
    SignalStatusValue = SignalStatus | int
    StrategyStatusValue = CopyStrategyStatus | int
    TransferTypeValue = TransferType | int
    UpdateImportanceValue = UpdateImportance | int
    WalletStatusValue = WalletStatus | int
else:
    AccountingValue = lenient(AccountingSystem)
    AccountStateValue = lenient(AccountState)
    AccountStatusValue = lenient(AccountStatus)
    AccountTypeValue = lenient(AccountType)
    AssetTypeValue = lenient(AssetType)
    ClientStatusValue = lenient(ClientStatus)
    DealEntryValue = lenient(DealEntry)
    DealTypeValue = lenient(DealType)
    ManagerStatusValue = lenient(ManagerStatus)
    SignalStatusValue = lenient(SignalStatus)
    StrategyStatusValue = lenient(CopyStrategyStatus)
    TransferTypeValue = lenient(TransferType)
    UpdateImportanceValue = lenient(UpdateImportance)
    WalletStatusValue = lenient(WalletStatus)


class RammModel(BaseModel):
    """Wire names as attribute names; unknown fields kept."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


class RammRequest(BaseModel):
    """A request body: only the documented fields, ``None`` left out by :func:`to_wire`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


def to_wire(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, dict) else value


# --- errors -------------------------------------------------------------------------------------------------


class ErrorDetail(RammModel):
    code: IdText | None = Field(None, validation_alias=AliasChoices("code", "Code"))
    message: str | None = Field(None, validation_alias=AliasChoices("message", "Message"))


class ErrorBody(RammModel):
    """``{"error": {"code", "message"}}`` (manager doc) or ``{"Error": {"Code", "Message"}}`` (client doc)."""

    error: ErrorDetail = Field(validation_alias=AliasChoices("error", "Error"))


# --- session, profile, managers -----------------------------------------------------------------------------


class SessionLoginRequest(RammRequest):
    Login: str
    Password: str
    CompanyID: int | None = None  # absent: the main domain answers the company list
    ExpirationMinutes: int | None = None


class CompanyChoice(RammModel):
    """A company the login may enter; ``URL`` is its access server."""

    ID: int
    Name: str | None = None
    Demo: bool | None = None
    URL: str


class CompanyList(RammModel):
    Companies: list[CompanyChoice]


class ManagerSession(RammModel):
    Token: str | None = None  # sessions.search is said to leave it out
    Login: str | None = None
    ManagerID: int | None = None
    CompanyID: int | None = None
    DTCreated: Stamp | None = None
    DTLastActivity: Stamp | None = None
    DTRightsLastUpdate: Stamp | None = None
    ExpirationMinutes: int | None = None
    Demo: bool | None = None


class MethodList(RammModel):
    Methods: list[str]


class Heartbeat(RammModel):
    DTRightsLastUpdate: Stamp | None = None
    UpdateImportance: UpdateImportanceValue = 0

    @property
    def rights_changed(self) -> bool:
        """True when the owner should re-read its rights (``session.getMethods``): importance >= 3."""
        return int(self.UpdateImportance) >= UpdateImportance.IMPORTANT


class SessionList(RammModel):
    Sessions: list[ManagerSession]


class ManagerProfile(RammModel):
    ID: int | None = None
    Login: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None


class ProfileUpdate(RammRequest):
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None


class ManagerDraft(RammRequest):
    Login: str
    Password: str
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Comment: str | None = None


class ManagerCreated(RammModel):
    ID: int
    Login: str | None = None
    Password: str | None = None


class ManagerRow(RammModel):
    ID: int
    Login: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Comment: str | None = None
    Status: ManagerStatusValue | None = None
    Tag: int | None = None


class CompanyRef(RammModel):
    ID: int
    Name: str | None = None
    Demo: bool | None = None


class ManagerInfo(RammModel):
    ID: int
    Login: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Comment: str | None = None
    Tag: IdText | None = None
    Company: CompanyRef | None = None


class ManagerUpdate(RammRequest):
    ID: int
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Comment: str | None = None
    Tag: int | None = None


class MethodRight(RammModel):
    Method: str


# --- companies ----------------------------------------------------------------------------------------------


class CompanyRow(RammModel):
    ID: int
    ParentID: int | None = None
    ParentCompanyName: str | None = None
    Name: str | None = None
    URL: str | None = None
    Demo: bool | None = None
    Status: int | None = None  # CompanyStatus; 3 and above are error states


class CompanyParent(RammModel):
    ID: int | None = None
    Name: str | None = None


class CompanyInfo(RammModel):
    ID: int
    Name: str | None = None
    URL: str | None = None
    Demo: bool | None = None
    Status: int | None = None
    Parent: CompanyParent | None = None


class CompanyCreated(RammModel):
    CompanyID: int


class EquityPoint(RammModel):
    IDCompany: int | None = None
    DT: Stamp
    Equity: Money | None = None
    Balance: Money | None = None
    WalletsBalance: Money | None = None


# --- clients ------------------------------------------------------------------------------------------------


class ClientDraft(RammRequest):
    Login: str
    Password: str
    FirstName: str | None = None
    LastName: str | None = None
    Email: str | None = None
    Mobile: str | None = None
    Tag: int | None = None
    Test: bool | None = None
    Language: str | None = None
    Comment: str | None = None
    Country: str | None = None
    ExternalPartnerReference: str | None = None
    ExecutionServerName: str | None = None
    ExecutionAccount: str | None = None
    PrecisionVolume: int | None = None


class ClientRef(RammModel):
    ID: int
    Login: str | None = None
    Password: str | None = None


class WalletRef(RammModel):
    ID: int
    AssetID: int | None = None
    AssetName: str | None = None


class ClientCreated(RammModel):
    Client: ClientRef
    Wallet: WalletRef


class ClientRow(RammModel):
    ID: int
    Login: str | None = None
    Email: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: IdText | None = None
    Language: str | None = None
    Status: ClientStatusValue | None = None
    Tag: int | None = None
    Comment: str | None = None
    Test: bool | None = None
    Enabled: bool | None = None
    ActiveAccountsCount: int | None = None
    ActiveAccountsTotalBalance: Money | None = None
    ActiveAccountsTotalEquity: Money | None = None
    ActiveAccountsTotalPositionsCount: int | None = None
    ClosedAccountsCount: int | None = None
    ActiveStrategiesCount: int | None = None
    ClosedStrategiesCount: int | None = None
    WalletsTotalBalance: Money | None = None
    TotalFunds: Money | None = None


class StreamRef(RammModel):
    StreamID: int
    Name: str | None = None


class ClientStatistic(RammModel):
    GrossBalance: Money | None = None
    NetBalance: Money | None = None
    Equity: Money | None = None
    NetEquity: Money | None = None
    ActiveAccounts: Money | None = None
    ClosedAccounts: Money | None = None
    ActiveStrategies: Money | None = None
    ClosedStrategies: Money | None = None
    ClientFundsTotalIn: Money | None = None
    ClientFundsTotalOut: Money | None = None
    ClientFundsDelta: Money | None = None
    ClientBonusDelta: Money | None = None
    GrossProfit: Money | None = None
    NetProfit: Money | None = None
    GrossSwap: Money | None = None
    CommissionBroker: Money | None = None
    CommissionTrader: Money | None = None
    FeeCharged: Money | None = None
    FeeReceived: Money | None = None
    CommissionReceived: Money | None = None
    Volume: Money | None = None
    NetFloatingProfit: Money | None = None


class ClientInfo(RammModel):
    ID: int
    IDCompany: int | None = None
    IDReferralToken: int | None = None
    RegisteredDate: Stamp | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: IdText | None = None
    Login: str | None = None
    Comment: str | None = None
    Language: str | None = None
    IDLanguage: int | None = None
    Status: ClientStatusValue | None = None
    Tag: int | None = None
    Country: str | None = None
    Email: str | None = None
    Enabled: bool | None = None
    ExternalPartnerReference: str | None = None
    ReferralRebate: Money | None = None
    Test: bool | None = None
    StrategyDefaultStreamID: int | None = None
    StrategyDefaultHedge: Money | None = None
    StrategyDefaultStreamName: str | None = None
    AvailableStreams: Annotated[list[StreamRef], BeforeValidator(_one_or_many)] = Field(default_factory=list)
    Statistic: ClientStatistic | None = None


class ClientUpdate(RammRequest):
    ID: int
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Login: str | None = None
    Comment: str | None = None
    Tag: int | None = None
    Country: str | None = None
    Email: str | None = None
    Language: str | None = None
    Enabled: bool | None = None
    ExternalPartnerReference: str | None = None
    StrategyDefaultStreamID: int | None = None
    StrategyDefaultHedge: Money | None = None


class Charge(RammModel):
    ExecutionAccount: IdText | None = None
    ID: int
    Charges: Money | None = None


class ChargeList(RammModel):
    Charges: list[Charge]


class ClientStatRow(RammModel):
    IDClient: int
    IDCompany: int | None = None
    Test: int | None = None
    AccountsBalance: Money | None = None
    AccountsEquity: Money | None = None
    AccountsProfitCurrentIntervalGross: Money | None = None
    AccountsProfitPositionsGross: Money | None = None
    AccountsPastProfit: Money | None = None
    AccountsFeeCharged: Money | None = None
    AccountsFeePaid: Money | None = None
    AccountsCommissionPaid: Money | None = None
    AccountsActive: int | None = None
    AccountsClosed: int | None = None
    StrategiesActive: int | None = None
    StrategiesClosed: int | None = None
    StrategiesFeeReceived: Money | None = None
    StrategiesFeeDue: Money | None = None
    StrategiesCommissionReceived: Money | None = None
    StrategiesCommissionDue: Money | None = None
    WalletTransfersTotalIn: Money | None = None
    WalletTransfersTotalOut: Money | None = None
    WalletTransfersTotalDelta: Money | None = None
    Swap: Money | None = None
    DealsVolume: Money | None = None
    WalletsTotalBalance: Money | None = None
    PositionsCount: int | None = None
    Login: str | None = None


class OneTimePassword(RammModel):
    OTP: str


# --- wallets ------------------------------------------------------------------------------------------------


class WalletRow(RammModel):
    ID: int
    ClientID: int | None = None
    Asset: str | None = None
    DTCreated: Stamp | None = Field(None, validation_alias=AliasChoices("DTCreated", "DT"))
    Balance: Money | None = None
    Bonus: Money | None = None
    Status: WalletStatusValue | None = None
    Invested: Money | None = None
    Margin: Money | None = None
    IntervalPnL: Money | None = None
    Test: bool | None = None


class WalletTransferDraft(RammRequest):
    WalletID: int
    Type: int
    Amount: Money
    ExecutionServerName: str | None = None
    ExecutionAccount: str | None = None
    ExternalTransferID: int | None = None
    CommentClient: str | None = None
    CommentCompany: str | None = None


class WalletTransferCreated(RammModel):
    WalletTransferID: int


class WalletTransferRow(RammModel):
    ID: int
    WalletID: int | None = Field(None, validation_alias=AliasChoices("WalletID", "IDWallet"))
    ExternalTransferID: int | None = None
    DT: Stamp | None = None
    Type: TransferTypeValue | None = None
    Amount: Money | None = None
    CommentClient: str | None = None
    CommentCompany: str | None = None
    Test: int | None = None


class Reward(RammModel):
    ExecutionAccount: IdText | None = None
    ID: int
    Amount: Money | None = None


class RewardList(RammModel):
    Transactions: list[Reward]


# --- strategies ---------------------------------------------------------------------------------------------


class YieldSet(RammModel):
    current: Money | None = None
    day: Money | None = None
    week: Money | None = None
    month: Money | None = None
    quarter: Money | None = None


class ChartPoint(RammModel):
    Yield: Money | None = None
    DT: Stamp | None = None


class StrategySearchRow(RammModel):
    ID: int
    AccountingSystem: AccountingValue | None = None
    ClientID: int | None = None
    WalletID: int | None = None
    TradingCoreID: int | None = None
    Name: str | None = None
    DTCreated: Stamp | None = None
    DTClosed: Stamp | None = None
    DTStat: Stamp | None = None
    DTStamp: Stamp | None = None
    Commission: Money | None = None
    Fee: Money | None = None
    PartnerShare: Money | None = None
    Yield: Money | None = None
    Yields: YieldSet | None = None
    Accounts: int | None = None
    Status: StrategyStatusValue | None = None
    Symbols: str | None = None
    UnitPrice: Money | None = None
    Leverage: Money | None = None
    MonthlyYield: Money | None = None
    TraderLogin: str | None = None
    ExternalServer: str | None = None
    ExternalAccount: str | None = None
    Chart: list[ChartPoint] = Field(default_factory=list)


class StrategyInfo(StrategySearchRow):
    """``strategies.get``: the row (without ClientID/Yields) plus the trader and company."""

    CompanyID: int | None = None
    TraderID: int | None = None
    Demo: bool | None = None
    Equity: Money | None = None
    TraderLastName: str | None = None
    TraderFirstName: str | None = None
    CompanyName: str | None = None


class StrategyDraft(RammRequest):
    WalletID: int
    ClientID: int
    Name: str
    Money: wt.Money
    AccountSpecAssetID: int | None = 840
    FeeRate: wt.Money | None = None  # wt.: the field Money hides the type here
    Protection: wt.Money | None = None
    Target: wt.Money | None = None
    CommissionRate: wt.Money | None = None
    ExternalServer: str | None = None
    ExternalAccount: str | None = None
    ExecutionTags: str | None = None
    AccountingSystem: int | None = None


class IdRef(RammModel):
    ID: int


class StrategyCreated(RammModel):
    Strategy: IdRef


class NameAvailability(RammModel):
    StrategyNameAvailable: bool


class SymbolShare(RammModel):
    Symbol: str
    Share: Money | None = None


class StrategySymbolStat(RammModel):
    StrategySymbolStat: list[SymbolShare]


class CommandRef(RammModel):
    CommandID: int


# --- accounts -----------------------------------------------------------------------------------------------


class AccountRow(RammModel):
    ID: int
    ClientID: int | None = None
    WalletID: int | None = None
    StrategyID: int | None = None
    AccountingSystem: AccountingValue | None = None
    TradingCoreID: int | None = None
    DTCreated: Stamp | None = None
    DTClosed: Stamp | None = None
    AssetName: str | None = None
    AccountSpecAssetID: int | None = None
    LiquidityID: int | None = None
    StreamID: int | None = None
    StreamName: str | None = None
    PartnerID: int | None = None
    CommandCloseID: int | None = None
    TradingIntervalCurrentID: int | None = None
    Type: AccountTypeValue | None = None
    ABook: Money | None = None
    Balance: Money | None = None
    Factor: Money | None = None
    Equity: Money | None = None
    ProfitBase: Money | None = None
    Bonus: Money | None = None
    Margin: Money | None = None
    Status: AccountStatusValue | None = None
    State: AccountStateValue | None = None
    MCReached: Stamp | None = None
    Protection: wt.Money | None = None
    ProtectionEquity: Money | None = None
    ProtectionReached: Stamp | None = None
    Target: wt.Money | None = None
    TargetEquity: Money | None = None
    TargetReached: Stamp | None = None
    Precision: int | None = None
    IsSecurity: int | None = None
    Test: int | None = None


class AccountInfo(AccountRow):
    """``accounts.get``: creation date is ``DT``; plus money and fee details."""

    DT: Stamp | None = None
    CompanyID: int | None = None
    SuccessFee: Money | None = None
    FeeTotal: Money | None = None
    AccountMinBalance: Money | None = None
    AvailableToWithdraw: Money | None = None
    ProfitCurrentIntervalGross: Money | None = None
    ProfitCurrentIntervalNet: Money | None = None
    ProfitPositions: Money | None = None
    FeeRate: wt.Money | None = None  # wt.: the field Money hides the type here
    DrawdownIn: Money | None = None
    PositionsCount: int | None = None
    AvailableStreams: Annotated[list[StreamRef], BeforeValidator(_one_or_many)] = Field(default_factory=list)


class AccountUpdate(RammRequest):
    ID: int
    ABook: Money | None = None
    StreamID: int | None = None


class AccountCommands(RammModel):
    ABookCommandID: int | None = None
    CommandStreamID: int | None = None


class Statement(RammModel):
    IDStrategy: int | None = None
    StrategyName: str | None = None
    AccountingSystem: AccountingValue | None = None
    Commission: Money | None = None
    Fee: Money | None = None
    IDAccount: int
    DT: Stamp | None = None
    ABook: Money | None = None
    Type: AccountTypeValue | None = None
    DTStamp: Stamp | None = None
    AccountAssetName: str | None = None
    LeverageMax: int | None = None
    MCLevel: int | None = None
    State: AccountStateValue | None = None
    Factor: Money | None = None
    Target: wt.Money | None = None
    Protection: wt.Money | None = None
    TargetEquity: Money | None = None
    ProtectionEquity: Money | None = None


# --- deals, positions, fills, fill requests, signals --------------------------------------------------------


class DealFields(RammModel):
    """What a deal row and ``deals.get`` share."""

    StrategyID: int | None = None
    AccountingSystem: AccountingValue | None = None
    AccountID: int | None = None
    SignalID: int | None = None
    CommandID: int | None = None
    SOID: int | None = None
    SymbolSpecID: int | None = None
    StreamID: int | None = None
    FillRequestID: int | None = None
    DT: Stamp | None = None
    Type: DealTypeValue | None = None
    Symbol: str | None = None
    Volume: Money | None = None
    VolumeA: Money | None = None
    Price: Money | None = None
    Commission: Money | None = None
    Entry: DealEntryValue | None = None
    Profit: Money | None = None
    Swap: Money | None = None
    TotalProfit: Money | None = None
    DealToID: int | None = None
    Netting: int | None = None
    PrecisionPrice: int | None = None
    PrecisionVolume: int | None = None
    TurnoverUSD: Money | None = None


class DealRow(DealFields):
    ID: int
    AccountType: AccountTypeValue | None = None
    ClientID: int | None = None
    WalletID: int | None = None
    ClientLogin: str | None = None
    ClientEmail: str | None = None
    Test: int | None = None
    StrategyTags: str | None = None


class DealInfo(DealFields):
    DealID: int
    CommissionLiquidity: Money | None = None
    CommissionBroker: Money | None = None
    CommissionTrader: Money | None = None
    CommissionPartner: Money | None = None
    Comment: str | None = None
    Tag: int | None = None


class PositionFields(RammModel):
    AccountingSystem: AccountingValue | None = None
    Ticket: IdText | None = None
    AccountID: int | None = None
    SymbolSpecID: int | None = None
    Symbol: str | None = None
    VolumeRequestLong: Money | None = None
    VolumeRequestShort: Money | None = None
    VolumeOpen: Money | None = None
    VolumeRejected: Money | None = None
    PriceOpen: Money | None = None
    Swap: Money | None = None
    SwapDT: Stamp | None = None
    MarginRequestLong: Money | None = None
    MarginRequestShort: Money | None = None
    MarginOpen: Money | None = None
    MarginLongTotal: Money | None = None
    MarginShortTotal: Money | None = None
    MarginTotal: Money | None = None
    Profit: Money | None = None
    TotalProfit: Money | None = None
    ProfitCalcQuote: Money | None = None
    ClientID: int | None = None
    WalletID: int | None = None
    PrecisionPrice: int | None = None
    PrecisionVolume: int | None = None


class OpenPositionRow(PositionFields):
    ID: int
    StrategyID: int | None = None
    StrategyName: str | None = None
    TraderID: int | None = None
    TraderLogin: str | None = None
    Test: int | None = None


class PositionInfo(PositionFields):
    PositionID: int


class FillRow(RammModel):
    ID: int
    FillRequestID: int | None = None
    Symbol: str | None = None
    Price: Money | None = None
    VolumeFilled: Money | None = None
    VolumeRejected: Money | None = None
    CommissionFill: Money | None = None
    Ticket: IdText | None = None
    DT: Stamp | None = None
    DTExecuted: Stamp | None = None  # the liquidity provider's own time zone
    DTProcessed: Stamp | None = None
    Test: int | None = None


class FillRequestRow(RammModel):
    ID: int
    StreamID: int | None = None
    Symbol: str | None = None
    Volume: Money | None = None
    DT: Stamp | None = None
    DTProcessed: Stamp | None = None
    DTLastFill: Stamp | None = None
    Test: int | None = None


class SignalRow(RammModel):
    ID: int
    StrategyID: int | None = None
    DT: Stamp | None = None
    Symbol: str | None = None
    TraderLot: Money | None = None
    TraderEquity: Money | None = None
    SymbolsSync: str | None = None
    Status: SignalStatusValue | None = None
    Ticket: IdText | None = None
    Comment: str | None = None
    DTProcessed: Stamp | None = Field(None, validation_alias=AliasChoices("DTProcessed", "DTLastFill"))


# --- assets, symbols, streams, trading ----------------------------------------------------------------------


class AssetRow(RammModel):
    ID: int
    Type: AssetTypeValue | None = None
    Name: str | None = None
    Precision: int | None = None


class TradingSymbolRow(RammModel):
    ID: int
    IDAssetBase: int | None = None
    AssetBaseName: str | None = None
    IDAssetQuote: int | None = None
    AssetQuoteName: str | None = None
    Name: str | None = None
    FullName: str | None = None
    Enabled: bool | None = None


class StreamRow(RammModel):
    IDStream: int
    Name: str | None = None


class TradingStrategy(RammModel):
    ID: int
    Status: StrategyStatusValue | None = None
    NeedSync: bool | None = None
    ExternalAccount: str | None = None
    ExternalServer: str | None = None

    @property
    def sync_needed(self) -> bool:
        """The doc's rule: a sync is due when the strategy is active and flags NeedSync."""
        return self.Status == CopyStrategyStatus.ACTIVE and bool(self.NeedSync)


class TradingStrategyList(RammModel):
    Strategies: list[TradingStrategy]


class SignalDraft(RammRequest):
    StrategyID: int
    Symbol: str
    Lot: Money
    Equity: Money | None = None
    Ticket: str | None = None
    Comment: str | None = None


class SignalCreated(RammModel):
    SignalID: int


class SyncItem(RammRequest):
    Symbol: str
    Lot: Money
    Equity: Money | None = None


class SyncDraft(RammRequest):
    StrategyID: int
    Signals: list[SyncItem]
    SoftSync: bool | None = None
    Ticket: str | None = None
    Comment: str | None = None


# --- search envelope ----------------------------------------------------------------------------------------


class PagingRequest(RammRequest):
    CurrentPage: int = 1
    PerPage: int = 100


class SortRequest(RammRequest):
    Field: str
    Direction: SortDirection = SortDirection.ASC


class SearchRequest(RammRequest):
    Filter: dict[str, Any] | None = None
    Pagination: PagingRequest | None = None
    OrderBy: SortRequest | None = None


class PageInfo(RammModel):
    TotalRecords: int = 0
    TotalPages: int = 0
    CurrentPage: int = 1
    PerPage: int = 0
    MaxPerPage: int | None = None
    OrderByField: str | None = None  # accounts.search puts the order here
    OrderDirection: str | None = None


class OrderInfo(RammModel):
    # Direction before Field: the attribute ``Field`` would hide pydantic's Field below it.
    Direction: str | None = Field(None, validation_alias=AliasChoices("Direction", "OrderDirection"))
    Field: str | None = None


RowT = TypeVar("RowT", bound=BaseModel)


class SearchPage(BaseModel, Generic[RowT]):
    """One page of a ``*.search`` answer: the echoed filter, paging, order and the rows."""

    model_config = ConfigDict(defer_build=True)

    filter: dict[str, Any] = Field(default_factory=dict)
    pagination: PageInfo
    order_by: OrderInfo | None = None
    rows: list[RowT] = Field(default_factory=list)

    @property
    def has_next(self) -> bool:
        return self.pagination.CurrentPage < self.pagination.TotalPages


def dump_filter(filter_: BaseModel | dict[str, Any] | None) -> dict[str, Any] | None:
    """A search filter for the wire: a model's wire dump, or a dict with dates and decimals made JSON."""
    if filter_ is None:
        return None
    if isinstance(filter_, BaseModel):
        return to_wire(filter_)
    return {key: _json_value(value) for key, value in filter_.items() if value is not None}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return wt.format_stamp(value)
    if isinstance(value, Decimal):
        return wt.json_number(value)
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    return value


# --- the client API (rammstore/api client.md): what a manager needs to open a follower account --------------


class InvestorLoginRequest(RammRequest):
    """Client API ``session.login``: login and password, or a manager's one-time password instead."""

    Login: str | None = None
    Password: str | None = None
    OTP: str | None = None
    ExpirationMinutes: int | None = None


class InvestorSessionInfo(RammModel):
    Token: str
    WalletID: int | None = None
    DTLastActivity: Stamp | None = None
    ExpirationMinutes: int | None = None


class InvestorClient(RammModel):
    ID: int | None = None
    Login: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Language: str | None = None


class InvestorLogin(RammModel):
    Session: InvestorSessionInfo
    Client: InvestorClient | None = None
    Wallets: list[WalletRow] = Field(default_factory=list)


class FollowerDraft(RammRequest):
    """Client API ``accounts.add``: invest ``Money`` from the session's wallet into a strategy."""

    StrategyID: int
    Factor: wt.Money
    Money: wt.Money
    Protection: wt.Money | None = None
    Target: wt.Money | None = None


class FollowerOpened(RammModel):
    AccountID: int
    CommandBalanceID: int | None = None
