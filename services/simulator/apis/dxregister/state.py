"""What the dxRegister simulator keeps: users, brokers, categories, groups, accounts (money in the engine),
transfers, notifications, imported transactions, sessions and SSO tokens."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from services.dxregister.schemas import (
    Account,
    AccountStatus,
    AccountTier,
    Broker,
    Client,
    ClientNotification,
    ClientType,
    Transaction,
)
from services.simulator.apis.dxregister.wire import Code, refuse
from services.simulator.context import SimulatorContext
from services.simulator.engine.types import AccountConfig, OrderRejected
from services.simulator.permissions import TradePermissions, trade_permissions, trader_id

VENUE_ID = "dxregister"
SESSION_LIFETIME = 1800.0  # seconds (the doc's example: a 30-minute session)
SSO_LIFETIME_MS = 300_000  # an SSO token's default lifetime
SSO_MAX_LIFETIME_MS = 86_400_000
REGISTER_ADMIN = "REGISTER_ADMIN"  # every /api/... operation
LOGIN_ON_BEHALF = "LOGIN_ON_BEHALF"  # /login and /generateToken for another user, logout of others
OPERATOR_PERMISSIONS = frozenset({REGISTER_ADMIN, LOGIN_ON_BEHALF})
NOT_TRADABLE = {
    AccountStatus.NO_TRADING: "the account's status is NO_TRADING",
    AccountStatus.TERMINATED: "the account is terminated",
    AccountStatus.EXPIRED: "the account has expired",
}

UserKey = tuple[str, str]  # (domain, login)
AccountKey = tuple[str, str]  # (clearingCode, accountCode)


@dataclass
class DxUser:
    user_id: int
    password: str
    client: Client  # the wire record without password, accounts and groups (those are computed)
    permissions: frozenset[str] = frozenset()
    system: bool = False  # the platform's own user: no login, no logout
    version: int = 1

    @property
    def key(self) -> UserKey:
        return (self.client.domain or "", self.client.login)

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    def may(self, permission: str) -> bool:
        return permission in self.permissions


@dataclass
class DxAccount:
    record: Account  # without balance (the engine holds the money)
    engine_account: str
    owner: UserKey | None

    @property
    def key(self) -> AccountKey:
        return (self.record.clearing_code or "", self.record.account_code)


@dataclass
class TransferRecord:
    transfer_id: str
    kind: str  # deposit | withdrawal | adjustment
    account: AccountKey
    currency: str
    amount: Decimal  # as sent (withdrawals positive)
    description: str | None
    created: float
    edits: int = 0

    @property
    def effect(self) -> Decimal:
        """What the transfer did to the balance."""
        return -self.amount if self.kind == "withdrawal" else self.amount


@dataclass
class Delivery:
    read_time: int | None = None  # epoch ms
    acknowledgment_time: int | None = None


@dataclass
class NotificationRecord:
    notification_id: str
    notification: ClientNotification
    deliveries: dict[UserKey, Delivery]
    created: float


@dataclass
class ImportedTransaction:
    transaction: Transaction
    account: AccountKey
    cash: Decimal  # money it moved
    position: tuple[str, Decimal] | None  # (engine asset, quantity) it moved


@dataclass
class DxSession:
    token: str
    user: UserKey
    lifetime: float  # seconds, as given at login
    expires: float

    def alive(self, now: float) -> bool:
        return now < self.expires


@dataclass
class SsoToken:
    token: str
    user: UserKey
    expires_ms: int
    serial: int


# What a paper account keeps across restarts: everything but the sessions, SSO tokens and listeners.
PAPER_FIELDS = (
    "users", "brokers", "clearing_codes", "categories", "groups", "members", "accounts", "account_traders",
    "transfers", "notifications", "transactions", "market_data", "suspended_feeds", "next_id",
)


@dataclass
class DxState:
    ctx: SimulatorContext
    session_lifetime: float = SESSION_LIFETIME
    users: dict[UserKey, DxUser] = field(default_factory=dict)
    brokers: dict[str, Broker] = field(default_factory=dict)
    clearing_codes: dict[str, str] = field(default_factory=dict)  # broker code -> its clearing code
    categories: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # broker -> category -> values
    groups: dict[UserKey, list[str]] = field(default_factory=dict)  # (domain, name) -> ancestors
    members: dict[UserKey, list[str]] = field(default_factory=dict)  # group -> 'domain@login' members
    accounts: dict[AccountKey, DxAccount] = field(default_factory=dict)
    account_traders: dict[AccountKey, set[UserKey]] = field(default_factory=dict)
    transfers: dict[str, TransferRecord] = field(default_factory=dict)  # every transfer ever, by id
    notifications: dict[str, NotificationRecord] = field(default_factory=dict)
    transactions: dict[str, ImportedTransaction] = field(default_factory=dict)
    sessions: dict[str, DxSession] = field(default_factory=dict)
    sso_tokens: dict[str, SsoToken] = field(default_factory=dict)
    market_data: dict[str, dict[str, str]] = field(default_factory=dict)  # DxFeed account -> feed -> end date
    suspended_feeds: set[str] = field(default_factory=set)  # DxFeed accounts suspended
    money_listeners: list[Callable[[str], None]] = field(
        default_factory=list
    )  # engine account whose money moved
    next_id: int = 1

    # ------------------------------------------------------------------------------------------ basics
    def now(self) -> float:
        return self.ctx.clock.now()

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def new_id(self, prefix: str, taken: Collection[str] = ()) -> str:
        """``<prefix><n>``, never one of ``taken`` (ids callers chose themselves)."""
        while True:
            self.next_id += 1
            if f"{prefix}{self.next_id}" not in taken:
                return f"{prefix}{self.next_id}"

    @property
    def permissions(self) -> TradePermissions:
        return trade_permissions(self.ctx)

    # ------------------------------------------------------------------------------------------ users
    def user(self, domain: str, login: str, code: Code = Code.CLIENT_NOT_FOUND) -> DxUser:
        user = self.users.get((domain, login))
        if user is None:
            raise refuse(404, code, f"{login}@{domain}")
        return user

    def user_by_id(self, user_id: int) -> DxUser | None:
        return next((u for u in self.users.values() if u.user_id == user_id), None)

    def add_user(self, client: Client, password: str, permissions: frozenset[str] = frozenset()) -> DxUser:
        user_id = max((u.user_id for u in self.users.values()), default=0) + 1
        stored = client.model_copy(update={"password": None, "accounts": None, "groups": None})
        user = DxUser(user_id, password, stored, permissions)
        self.users[user.key] = user
        return user

    def groups_of(self, key: UserKey) -> list[str]:
        member = f"{key[0]}@{key[1]}"
        return [f"{d}@{n}" for (d, n), members in self.members.items() if member in members]

    def client_view(self, user: DxUser) -> Client:
        accounts = [self.account_view(a) for a in self.accounts.values() if a.owner == user.key]
        return user.client.model_copy(update={"accounts": accounts, "groups": self.groups_of(user.key)})

    def is_client(self, user: DxUser) -> bool:
        return not user.system and user.client.type in (None, ClientType.CLIENT)

    # ------------------------------------------------------------------------------------------ accounts
    def account(self, clearing_code: str, account_code: str) -> DxAccount:
        account = self.accounts.get((clearing_code, account_code))
        if account is None:
            raise refuse(404, Code.ACCOUNT_NOT_FOUND, f"{clearing_code}/{account_code}")
        return account

    def balance(self, account: DxAccount) -> Decimal:
        engine = self.ctx.engine
        if not engine.has_account(account.engine_account):
            return Decimal(0)
        return engine.holding(account.engine_account, account.record.currency).total

    def withdrawable(self, account: DxAccount) -> Decimal:
        return self.ctx.engine.holding(account.engine_account, account.record.currency).available

    def account_view(self, account: DxAccount) -> Account:
        return account.record.model_copy(update={"balance": self.balance(account)})

    def open_account(
        self, record: Account, owner: UserKey | None, engine_account: str | None = None
    ) -> DxAccount:
        """Registers the account (its money in ``engine_account``, made if new) and its governance."""
        engine_account = engine_account or f"dx:{record.clearing_code}:{record.account_code}"
        engine = self.ctx.engine
        opening = record.balance or Decimal(0)
        if not engine.has_account(engine_account):
            engine.open_account(AccountConfig(engine_account, allow_short=True))
            if opening > 0:
                engine.deposit(engine_account, record.currency, opening)
        account = DxAccount(record.model_copy(update={"balance": None}), engine_account, owner)
        self.accounts[account.key] = account
        self.account_traders[account.key] = set()
        self.permissions.govern(engine_account)
        self.sync_status(account)
        return account

    def expire_accounts(self) -> None:
        """DEMO accounts past their ``expirationDate`` become EXPIRED (checked before every request)."""
        now = self.now()
        for account in self.accounts.values():
            record = account.record
            if (
                record.expiration_date is not None
                and record.expiration_date.timestamp() <= now
                and record.account_type in (None, AccountTier.DEMO)
                and record.status not in (AccountStatus.EXPIRED, AccountStatus.TERMINATED)
            ):
                account.record = record.model_copy(update={"status": AccountStatus.EXPIRED})
                self.sync_status(account)

    def move_money(self, account: DxAccount, amount: Decimal) -> None:
        """Credits (``amount`` > 0) or debits the account: the engine's street account is the bank."""
        engine = self.ctx.engine
        try:
            if amount > 0:
                engine.deposit(account.engine_account, account.record.currency, amount)
            elif amount < 0:
                engine.withdraw(account.engine_account, account.record.currency, -amount)
        except OrderRejected as exc:
            raise refuse(422, Code.INSUFFICIENT_FUNDS, exc.message) from None
        self.money_moved(account.engine_account)

    def money_moved(self, engine_account: str) -> None:
        """Tells the trading venues (the engine emits no event for a deposit) that a balance changed."""
        for listener in self.money_listeners:
            listener(engine_account)

    def sync_status(self, account: DxAccount) -> None:
        status = account.record.status or AccountStatus.FULL_TRADING
        self.permissions.block(account.engine_account, NOT_TRADABLE.get(status))

    def grant(self, account: DxAccount, user: UserKey) -> None:
        self.account_traders[account.key].add(user)
        self.permissions.grant(account.engine_account, trader_id(user[1], user[0]))

    def revoke(self, account: DxAccount, user: UserKey) -> None:
        self.account_traders[account.key].discard(user)
        self.permissions.revoke(account.engine_account, trader_id(user[1], user[0]))

    # ------------------------------------------------------------------------------------------ sessions
    def open_session(self, user: DxUser) -> DxSession:
        now = self.now()
        session = DxSession(
            secrets.token_urlsafe(24), user.key, self.session_lifetime, now + self.session_lifetime
        )
        self.sessions[session.token] = session
        user.client = user.client.model_copy(update={"last_login": _utc(now)})
        return session

    def live_session(self, token: str) -> DxSession | None:
        session = self.sessions.get(token)
        if session is None:
            return None
        if not session.alive(self.now()):
            del self.sessions[token]
            return None
        return session

    def end_sessions(self, user: UserKey) -> int:
        tokens = [t for t, s in self.sessions.items() if s.user == user]
        for token in tokens:
            del self.sessions[token]
        return len(tokens)

    def live_sso(self, token: str) -> SsoToken | None:
        sso = self.sso_tokens.get(token)
        if sso is None or sso.expires_ms <= self.now_ms():
            return None
        return sso

    def issue_sso(self, user: UserKey, lifetime_ms: int = SSO_LIFETIME_MS) -> SsoToken:
        lifetime_ms = max(1, min(lifetime_ms, SSO_MAX_LIFETIME_MS))
        serial = len(self.sso_tokens) + 1
        sso = SsoToken(secrets.token_urlsafe(24), user, self.now_ms() + lifetime_ms, serial)
        self.sso_tokens[sso.token] = sso
        return sso

    # ------------------------------------------------------------------------------------------ notifications
    def deliver_notifications(self, user: UserKey) -> None:
        """The recipient's platform shows the live notifications at login: their ``readTime`` is set."""
        now = self.now()
        for record in self.notifications.values():
            delivery = record.deliveries.get(user)
            live = record.notification.expiration_date.timestamp() > now
            if delivery is not None and delivery.read_time is None and live:
                delivery.read_time = self.now_ms()

    def acknowledge(self, notification_id: str, user: UserKey) -> None:
        """What the recipient's platform reports when the trader confirms (read first if it was not)."""
        delivery = self.notifications[notification_id].deliveries[user]
        delivery.read_time = delivery.read_time or self.now_ms()
        delivery.acknowledgment_time = self.now_ms()


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)
