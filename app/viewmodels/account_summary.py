"""The account summary in the status bar: each logged-in venue's AccountSummary from the AccountStore, one
total per currency (summaries in the same currency are added; different currencies are never mixed)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.trading.bridge import QtTrading
from services.domain import AccountSummary
from widgets.common.account_summary import AccountSummaryWidget, CurrencyTotal


def currency_totals(summaries: Sequence[AccountSummary]) -> list[CurrencyTotal]:
    """Summaries added up per currency, in the order their currencies first appear."""
    totals: dict[str, CurrencyTotal] = {}
    for summary in summaries:
        before = totals.get(summary.currency)
        if before is None:
            totals[summary.currency] = CurrencyTotal(
                summary.currency,
                summary.estimated_value,
                summary.available_value,
                summary.on_orders,
                summary.change_pct,
            )
        else:
            totals[summary.currency] = CurrencyTotal(
                summary.currency,
                before.estimated + summary.estimated_value,
                before.available + summary.available_value,
                before.on_orders + summary.on_orders,
                None,  # a change of two accounts is not the change of either
            )
    return list(totals.values())


class AccountSummaryViewModel(QObject):
    def __init__(
        self,
        widget: AccountSummaryWidget,
        core: QtTrading,
        venues: Sequence[str],
        parent: QObject | None = None,
    ) -> None:
        """``venues``: whose summaries are shown, in this order (e.g. the exchange's, then the broker's)."""
        super().__init__(parent or widget)
        self.widget = widget
        self.accounts = core.accounts
        self.sessions = [core.sessions[venue] for venue in venues if venue in core.sessions]
        core.summaryChanged.connect(self._on_venue)
        core.sessionStateChanged.connect(self._on_venue)
        self.refresh()

    def refresh(self) -> None:
        summaries = [
            summary
            for session in self.sessions
            if session.connected and (summary := self.accounts.summary(session.venue)) is not None
        ]
        self.widget.setTotals(currency_totals(summaries))

    def _on_venue(self, venue: str, *_args: object) -> None:
        if any(session.venue == venue for session in self.sessions):
            self.refresh()
