"""Who may trade on which engine account: a registry the simulated venues share (Qt-free, no HTTP).

The back office (the dxRegister simulator) governs accounts: it registers an engine account with the traders
allowed to trade on it and a block reason when the account's status forbids trading. A trading venue (the CHP
simulator's Order/Place) asks :meth:`TradePermissions.denial` before it takes an order. Accounts nobody
registered are not governed: every order on them passes.

Traders are named ``<domain>/<login>``; a CHP login ``X`` is the back office's user ``X`` in domain
``default`` (:func:`trader_id`). Lives in ``ctx.venue_state["trade_permissions"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.simulator.context import SimulatorContext

STATE_KEY = "trade_permissions"
DEFAULT_DOMAIN = "default"


def trader_id(login: str, domain: str = DEFAULT_DOMAIN) -> str:
    return f"{domain}/{login}"


@dataclass
class GovernedAccount:
    traders: set[str] = field(default_factory=set)
    blocked: str | None = None  # why no one may trade (account status), or None


class TradePermissions:
    PAPER_FIELDS = ("_accounts",)  # what a paper account keeps across restarts

    def __init__(self) -> None:
        self._accounts: dict[str, GovernedAccount] = {}

    def govern(self, account: str) -> GovernedAccount:
        """The entry of ``account``, registering it (with no trader yet) if needed."""
        return self._accounts.setdefault(account, GovernedAccount())

    def governs(self, account: str) -> bool:
        return account in self._accounts

    def grant(self, account: str, trader: str) -> None:
        self.govern(account).traders.add(trader)

    def revoke(self, account: str, trader: str) -> None:
        self.govern(account).traders.discard(trader)

    def allows(self, account: str, trader: str) -> bool:
        return self.denial(account, trader) is None

    def block(self, account: str, reason: str | None) -> None:
        """Forbid (``reason``) or allow again (``None``) all trading on ``account``."""
        self.govern(account).blocked = reason

    def denial(self, account: str, trader: str) -> str | None:
        """Why ``trader`` may not trade on ``account`` (a readable sentence), or None when it may."""
        entry = self._accounts.get(account)
        if entry is None:
            return None
        if entry.blocked:
            return entry.blocked
        if trader not in entry.traders:
            return f"{trader} has no trade permission on this account (removed in the back office)"
        return None


def trade_permissions(ctx: SimulatorContext) -> TradePermissions:
    """The simulator's registry, made on first use."""
    registry = ctx.venue_state.get(STATE_KEY)
    if not isinstance(registry, TradePermissions):
        registry = ctx.venue_state[STATE_KEY] = TradePermissions()
    return registry
