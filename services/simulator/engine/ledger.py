"""Balances in Decimal: totals and holds per (account, asset). Assets only ever move between accounts."""

from __future__ import annotations

from collections import defaultdict
from decimal import Context, Decimal

from services.simulator.engine.types import Holding

EXACT = Context(prec=60)  # wide enough that no sum of quantised amounts is ever rounded
_ZERO = Decimal(0)


def _tidy(value: Decimal) -> Decimal:
    """Zero without an exponent ("0", not "0E-8")."""
    return value if value else _ZERO


class Ledger:
    def __init__(self) -> None:
        self._total: dict[str, defaultdict[str, Decimal]] = {}
        self._held: dict[str, defaultdict[str, Decimal]] = {}

    def open(self, account: str) -> None:
        if account not in self._total:
            self._total[account] = defaultdict(Decimal)
            self._held[account] = defaultdict(Decimal)

    def has(self, account: str) -> bool:
        return account in self._total

    def transfer(self, source: str, target: str, asset: str, amount: Decimal) -> None:
        if amount == 0 or source == target:
            return
        self._total[source][asset] = _tidy(EXACT.subtract(self._total[source][asset], amount))
        self._total[target][asset] = _tidy(EXACT.add(self._total[target][asset], amount))

    def hold(self, account: str, asset: str, amount: Decimal) -> None:
        self._held[account][asset] = _tidy(EXACT.add(self._held[account][asset], amount))

    def release(self, account: str, asset: str, amount: Decimal) -> None:
        self._held[account][asset] = _tidy(EXACT.subtract(self._held[account][asset], amount))

    def holding(self, account: str, asset: str) -> Holding:
        return Holding(self._total[account].get(asset, _ZERO), self._held[account].get(asset, _ZERO))

    def holdings(self, account: str) -> dict[str, Holding]:
        assets = set(self._total[account]) | set(self._held[account])
        return {asset: self.holding(account, asset) for asset in sorted(assets)}

    def asset_total(self, asset: str) -> Decimal:
        total = _ZERO
        for balances in self._total.values():
            total = EXACT.add(total, balances.get(asset, _ZERO))
        return total

    def assets(self) -> set[str]:
        return {asset for balances in self._total.values() for asset in balances}

    def export(self) -> tuple[dict[str, dict[str, Decimal]], dict[str, dict[str, Decimal]]]:
        """(totals, holds) per account and asset, without the zeros."""
        return ({a: {k: v for k, v in b.items() if v} for a, b in self._total.items()},
                {a: {k: v for k, v in b.items() if v} for a, b in self._held.items()})

    def load(self, totals: dict[str, dict[str, Decimal]], held: dict[str, dict[str, Decimal]]) -> None:
        for account in set(totals) | set(held):
            self.open(account)
            self._total[account].update(totals.get(account, {}))
            self._held[account].update(held.get(account, {}))
