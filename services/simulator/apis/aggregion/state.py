"""What the Aggregion simulator remembers (``ctx.venue_state["aggregion"]``).

DS objects are kept as wire-shaped dicts (``{"id", "owner", ...}``, dates as ISO text with ms and ``Z``,
which sort as they compare), so listing, filtering and ``extend`` work on them generically.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.aggregion.schemas import format_date
from services.simulator.apis.aggregion.demo_key import demo_signing_key
from services.simulator.context import SimulatorContext

Record = dict[str, Any]

TOKEN_LIFETIME = 3600  # seconds of the simulated clock
REFRESH_LIFETIME = 30 * 24 * 3600
CODE_LIFETIME = 120
SESSION_LIFETIME = 24 * 3600


@dataclass
class StoredResource:
    """A file in the simulated storage. Readable by members of ``owner``, by ``readers``, by users with an
    active lease on ``catalog`` (bundle files), or by anyone if ``public`` (covers)."""

    id: str
    owner: str
    name: str
    content: bytes
    content_type: str = "application/octet-stream"
    readers: set[str] = field(default_factory=set)
    catalog: str | None = None
    public: bool = False


@dataclass
class Grant:
    user: str
    expires: float
    client_id: str = ""


# What a paper account keeps across restarts: every record and stored file, the OAuth grants (a refresh token
# the terminal keeps still works); not the login sessions and one-time codes. Keys and ids follow the seed.
PAPER_FIELDS = (
    "counter", "users", "logins", "accounts", "groups", "applications", "tokens", "refresh_tokens", "catalog",
    "bundles", "funds", "items", "leases", "keys", "documents", "transactions", "resources", "lease_sn",
    "document_number", "key_number",
)


@dataclass
class AggregionState:
    ctx: SimulatorContext
    signing_key: Ed25519PrivateKey
    id_prefix: str
    counter: int = 0
    # ID service
    users: dict[str, Record] = field(default_factory=dict)  # id -> {id, nickname, info, registrationDate}
    logins: dict[str, tuple[str, str]] = field(default_factory=dict)  # login -> (user id, password)
    accounts: dict[str, Record] = field(default_factory=dict)
    groups: dict[str, Record] = field(default_factory=dict)
    applications: dict[str, tuple[str, str]] = field(default_factory=dict)  # clientId -> (secret, name)
    sessions: dict[str, Grant] = field(default_factory=dict)
    codes: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, Grant] = field(default_factory=dict)
    refresh_tokens: dict[str, Grant] = field(default_factory=dict)
    # DS
    catalog: dict[str, Record] = field(default_factory=dict)
    bundles: dict[str, Record] = field(default_factory=dict)
    funds: dict[str, Record] = field(default_factory=dict)
    items: dict[str, Record] = field(default_factory=dict)
    leases: dict[str, Record] = field(default_factory=dict)
    keys: dict[str, Record] = field(default_factory=dict)
    documents: dict[str, Record] = field(default_factory=dict)
    transactions: dict[str, Record] = field(default_factory=dict)
    resources: dict[str, StoredResource] = field(default_factory=dict)
    lease_sn: int = 0
    document_number: int = 0
    key_number: int = 1_000_000_000

    @classmethod
    def create(cls, ctx: SimulatorContext) -> AggregionState:
        prefix = hashlib.sha256(f"aggregion:{ctx.seed}".encode()).hexdigest()[:8]
        return cls(ctx=ctx, signing_key=demo_signing_key(), id_prefix=prefix)

    def new_id(self) -> str:
        """A 24-hex ObjectId-like id, deterministic for a seed."""
        self.counter += 1
        return f"{self.id_prefix}{self.counter:016x}"

    @staticmethod
    def secret(kind: str) -> str:
        """An opaque random token (sessions, codes, tokens): ``<kind>.<64 hex>``."""
        return f"{kind}.{secrets.token_hex(32)}"

    def now(self) -> float:
        return self.ctx.clock.now()

    def now_text(self, offset: float = 0.0) -> str:
        return date_text(self.now() + offset)

    def next_key_number(self) -> str:
        self.key_number += 1
        return str(self.key_number)

    def next_lease_sn(self) -> int:
        self.lease_sn += 1
        return self.lease_sn

    def next_document_number(self) -> int:
        self.document_number += 1
        return self.document_number

    def members(self, account_id: str) -> set[str]:
        account = self.accounts.get(account_id)
        if account is None:
            return set()
        return {str(account["owner"]), *(str(a) for a in account.get("admins", []))}

    def user_accounts(self, user_id: str) -> list[Record]:
        return [a for a in self.accounts.values() if user_id in self.members(a["id"])]

    def store(self, owner: str, name: str, content: bytes, content_type: str, **extra: Any) -> StoredResource:
        resource = StoredResource(self.new_id(), owner, name, content, content_type, **extra)
        self.resources[resource.id] = resource
        return resource


def date_text(epoch_seconds: float) -> str:
    return format_date(datetime.fromtimestamp(epoch_seconds, UTC))


def parse_date(text: Any) -> datetime | None:
    """An ISO date from a request (``Z`` or an offset); None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def get_state(ctx: SimulatorContext) -> AggregionState:
    state = ctx.venue_state.get("aggregion")
    if not isinstance(state, AggregionState):
        state = AggregionState.create(ctx)
        ctx.venue_state["aggregion"] = state
    return state
