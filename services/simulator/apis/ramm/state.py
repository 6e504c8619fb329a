"""What the RAMM simulator remembers (``ctx.venue_state["ramm"]``): the records behind every answer.

Times are epoch seconds of the simulated clock; money is Decimal in USD (the only wallet asset).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from services.ramm.enums import AccountStatus, AccountType, CopyStrategyStatus

ZERO = Decimal(0)


@dataclass
class CompanyRec:
    id: int
    name: str
    dc: str  # the access server's path segment on the simulator ("dc1")
    demo: bool
    parent_id: int | None = None
    url: str | None = None  # set by companies.add/company.set; None: built from the request and ``dc``
    status: int = 1


@dataclass
class ManagerRec:
    id: int
    company_id: int
    login: str
    password: str
    first_name: str = ""
    last_name: str = ""
    mobile: str = ""
    comment: str = ""
    status: int = 1
    tag: int = 0
    rights: dict[int, set[str]] = field(default_factory=dict)  # company id -> method names
    rights_updated: float = 0.0


@dataclass
class SessionRec:
    token: str
    manager_id: int
    company_id: int
    dc: str
    created: float
    last_activity: float
    expiration_minutes: int
    rights_seen: float  # DTRightsLastUpdate as of the session's last session.getMethods


@dataclass
class ClientSessionRec:
    """A session of the client API (an investor's own, opened with login and password or a manager's OTP)."""

    token: str
    client_id: int
    wallet_id: int
    last_activity: float
    expiration_minutes: int = 60


@dataclass
class CustomerRec:
    """A RAMM client (investor or trader)."""

    id: int
    company_id: int
    login: str
    password: str
    registered: float
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    mobile: str = ""
    language: str = "en"
    country: str = ""
    tag: int = 0
    comment: str = ""
    test: bool = False
    enabled: bool = True
    external_reference: str = ""
    execution_server: str = ""
    execution_account: str = ""
    precision_volume: int = 2
    default_stream_id: int = 1
    default_hedge: Decimal = Decimal(1)


@dataclass
class WalletRec:
    id: int
    client_id: int
    created: float
    asset: str = "USD"
    balance: Decimal = ZERO
    bonus: Decimal = ZERO
    status: int = 1


@dataclass
class TransferRec:
    id: int
    wallet_id: int
    dt: float
    type: int
    amount: Decimal
    external_id: int = 0
    comment_client: str = ""
    comment_company: str = ""
    execution_server: str = ""
    execution_account: str = ""


@dataclass
class StrategyRec:
    id: int
    company_id: int
    client_id: int
    wallet_id: int
    name: str
    created: float
    money: Decimal  # the trader's initial investment (the base of the yield)
    accounting: int = 1
    fee_rate: Decimal = ZERO
    commission_rate: Decimal = ZERO  # USD per 1M USD turnover
    partner_share: Decimal = ZERO
    protection: Decimal | None = None
    target: Decimal | None = None
    status: int = CopyStrategyStatus.ACTIVE
    closed: float | None = None
    external_server: str = ""
    external_account: str = ""
    execution_tags: str = ""
    need_sync: bool = False
    trader_account_id: int = 0


@dataclass
class PositionRec:
    id: int
    account_id: int
    symbol: str
    volume: Decimal  # signed: long > 0, short < 0
    price_open: Decimal
    opened: float


@dataclass
class AccountRec:
    id: int
    client_id: int
    wallet_id: int
    strategy_id: int
    created: float
    type: int = AccountType.REAL_INTERNAL
    factor: Decimal = Decimal(1)
    abook: Decimal = Decimal(1)
    stream_id: int = 1
    balance: Decimal = ZERO
    bonus: Decimal = ZERO
    profit_base: Decimal = ZERO
    status: int = AccountStatus.ACTIVE
    closed: float | None = None
    protection: Decimal | None = None
    protection_equity: Decimal = ZERO
    target: Decimal | None = None
    target_equity: Decimal | None = None
    protection_reached: float | None = None
    target_reached: float | None = None
    fee_total: Decimal = ZERO
    positions: dict[str, PositionRec] = field(default_factory=dict)  # by symbol (netting)
    history: list[tuple[float, Decimal]] = field(default_factory=list)  # (day end, equity)

    @property
    def is_security(self) -> bool:
        return self.type == AccountType.REAL_SECURITY


@dataclass
class DealRec:
    id: int
    account_id: int
    strategy_id: int
    dt: float
    type: int
    symbol: str
    volume: Decimal  # unsigned
    price: Decimal
    entry: int = 0
    volume_a: Decimal = ZERO
    profit: Decimal = ZERO
    commission: Decimal = ZERO
    turnover_usd: Decimal = ZERO
    signal_id: int = 0
    command_id: int = 0
    fill_request_id: int = 0
    stream_id: int = 1
    symbol_id: int = 0
    comment: str = ""


@dataclass
class FillRequestRec:
    id: int
    stream_id: int
    symbol: str
    volume: Decimal  # signed
    dt: float
    processed: float | None = None
    last_fill: float | None = None


@dataclass
class FillRec:
    id: int
    fill_request_id: int
    symbol: str
    price: Decimal
    volume_filled: Decimal
    dt: float
    volume_rejected: Decimal = ZERO
    commission: Decimal = ZERO
    ticket: str = ""


@dataclass
class SignalRec:
    id: int
    strategy_id: int
    dt: float
    symbol: str
    trader_lot: Decimal
    trader_equity: Decimal
    status: int = 0
    symbols_sync: str = ""
    ticket: str = ""
    comment: str = ""
    processed: float | None = None


# What a paper account keeps across restarts: every record but the sessions and one-time passwords.
PAPER_FIELDS = (
    "companies", "managers", "settings", "clients", "wallets", "transfers", "strategies", "accounts", "deals",
    "fill_requests", "fills", "signals", "equity", "counters",
)


@dataclass
class RammState:
    companies: dict[int, CompanyRec] = field(default_factory=dict)
    managers: dict[int, ManagerRec] = field(default_factory=dict)
    sessions: dict[str, SessionRec] = field(default_factory=dict)
    settings: dict[tuple[int, str], str] = field(default_factory=dict)  # (manager id, key) -> settings
    clients: dict[int, CustomerRec] = field(default_factory=dict)
    wallets: dict[int, WalletRec] = field(default_factory=dict)
    transfers: dict[int, TransferRec] = field(default_factory=dict)
    strategies: dict[int, StrategyRec] = field(default_factory=dict)
    accounts: dict[int, AccountRec] = field(default_factory=dict)
    deals: dict[int, DealRec] = field(default_factory=dict)
    fill_requests: dict[int, FillRequestRec] = field(default_factory=dict)
    fills: dict[int, FillRec] = field(default_factory=dict)
    signals: dict[int, SignalRec] = field(default_factory=dict)
    equity: list[tuple[int, float, Decimal, Decimal, Decimal]] = field(
        default_factory=list
    )  # company.getEquity history: (company, day end, equity, balance, wallets balance)
    counters: dict[str, int] = field(default_factory=dict)
    otps: dict[int, str] = field(default_factory=dict)
    client_sessions: dict[str, ClientSessionRec] = field(default_factory=dict)  # the client API's

    def next_id(self, kind: str) -> int:
        value = self.counters.get(kind, 0) + 1
        self.counters[kind] = value
        return value
