"""The account summary in the status bar: a venue's AccountSummary from the AccountStore, while logged in."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.trading.bridge import QtTrading
from widgets.common.account_summary import AccountSummaryWidget


class AccountSummaryViewModel(QObject):
    def __init__(
        self, widget: AccountSummaryWidget, core: QtTrading, venue: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or widget)
        self.widget = widget
        self.accounts = core.accounts
        self.session = core.sessions[venue]
        core.summaryChanged.connect(self._on_summary)
        core.sessionStateChanged.connect(self._on_state)
        self.refresh()

    def refresh(self) -> None:
        summary = self.accounts.summary(self.session.venue) if self.session.connected else None
        if summary is None:
            self.widget.clear()
            return
        self.widget.setSummary(
            summary.currency,
            summary.estimated_value,
            summary.available_value,
            summary.on_orders,
            summary.change_pct,
        )

    def _on_summary(self, venue: str) -> None:
        if venue == self.session.venue:
            self.refresh()

    def _on_state(self, venue: str, *_args: object) -> None:
        if venue == self.session.venue:
            self.refresh()
