"""RammVenue: the simulator's state, book and clock, and the lookups every method handler shares."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from services.simulator.apis.ramm.book import CopyBook
from services.simulator.apis.ramm.instruments import Instruments
from services.simulator.apis.ramm.seed import seed_book
from services.simulator.apis.ramm.state import (
    AccountRec,
    CompanyRec,
    CustomerRec,
    ManagerRec,
    RammState,
    SessionRec,
    StrategyRec,
    WalletRec,
)
from services.simulator.apis.ramm.wire import need_int, not_found
from services.simulator.context import SimulatorContext

VENUE_ID = "ramm"
V = TypeVar("V")


class RammVenue:
    def __init__(self, ctx: SimulatorContext) -> None:
        self.ctx = ctx
        existing = ctx.venue_state.get(VENUE_ID)
        if isinstance(existing, tuple):
            self.state, self.book = existing
        else:
            self.state = RammState()
            self.book = CopyBook(self.state, Instruments(ctx.engine))
            seed_book(self.book, ctx.seed, ctx.clock.now())
            ctx.venue_state[VENUE_ID] = (self.state, self.book)

    @property
    def instruments(self) -> Instruments:
        return self.book.instruments

    def now(self) -> float:
        return self.ctx.clock.now()

    def expired(self, session: SessionRec) -> bool:
        return self.now() - session.last_activity > session.expiration_minutes * 60

    def live_sessions(self) -> list[SessionRec]:
        """The sessions still alive; expired ones are forgotten on the way."""
        for token in [t for t, session in self.state.sessions.items() if self.expired(session)]:
            del self.state.sessions[token]
        return list(self.state.sessions.values())

    def company_url(self, company: CompanyRec, root: str) -> str:
        """The access server's absolute URL: as set, or ``{root}/{dc}`` on this simulator."""
        return company.url or f"{root}/{company.dc}"


@dataclass
class Call:
    """One method call: the caller's session (None for session.login), the body, where it came in."""

    venue: RammVenue
    body: dict[str, Any]
    session: SessionRec | None
    root: str  # the venue's absolute root URL (``http://127.0.0.1:N/ramm``)
    dc: str | None  # the access server's segment, None on the main domain

    @property
    def state(self) -> RammState:
        return self.venue.state

    @property
    def book(self) -> CopyBook:
        return self.venue.book

    @property
    def me(self) -> SessionRec:
        assert self.session is not None
        return self.session

    @property
    def company_id(self) -> int:
        return self.me.company_id

    def manager(self) -> ManagerRec:
        return self.state.managers[self.me.manager_id]

    def now(self) -> float:
        return self.venue.now()

    # --- lookups in the session's company (another company's records are "not found") ---------------

    def _find(self, table: dict[int, V], field: str, company_of: Callable[[V], int]) -> V:
        key = need_int(self.body, field)
        record = table.get(key)
        if record is None or company_of(record) != self.company_id:
            raise not_found(field, key)
        return record

    def client(self, field: str = "ID") -> CustomerRec:
        return self._find(self.state.clients, field, lambda c: c.company_id)

    def wallet(self, field: str = "ID") -> WalletRec:
        return self._find(self.state.wallets, field, lambda w: self.state.clients[w.client_id].company_id)

    def strategy(self, field: str = "ID") -> StrategyRec:
        return self._find(self.state.strategies, field, lambda s: s.company_id)

    def account(self, field: str = "ID") -> AccountRec:
        return self._find(
            self.state.accounts, field, lambda a: self.state.strategies[a.strategy_id].company_id
        )

    def company_of_account(self, account: AccountRec) -> int:
        return self.state.strategies[account.strategy_id].company_id

    def company(self, field: str = "ID") -> CompanyRec:
        key = need_int(self.body, field)
        company = self.state.companies.get(key)
        if company is None or key not in self.visible_companies():
            raise not_found(field, key)
        return company

    def visible_companies(self) -> set[int]:
        """The session's company and its descendants."""
        seen = {self.company_id}
        grew = True
        while grew:
            more = {c.id for c in self.state.companies.values() if c.parent_id in seen} - seen
            seen |= more
            grew = bool(more)
        return seen


Handler = Callable[[Call], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Registers a handler for one documented method."""

    def register(handler: Handler) -> Handler:
        if name in HANDLERS:
            raise ValueError(f"two handlers for {name}")
        HANDLERS[name] = handler
        return handler

    return register
