"""Accounts (the trader's): the user's accounts at the broker's back office with their balances, next to the
portfolio; a line says where the figures come from or why there are none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from widgets.common.numbers import localized
from widgets.common.panel_layout import panel_with_toolbar
from widgets.common.record_table import NUMERIC, Column, RecordTableModel, RecordTableView


@dataclass(frozen=True, slots=True)
class TraderAccountRow:
    key: str  # "clearing/account"
    account: str
    currency: str
    balance: Decimal | None
    credit: Decimal | None
    status: str
    account_type: str


def _amount(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:,.2f}")


class AccountsPanel(QWidget):
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPanel")
        layout, bar, row = panel_with_toolbar(self)
        self.refresh_button = QPushButton(self.tr("Refresh"), bar)
        self.refresh_button.setObjectName("accountsPanelRefresh")
        self.refresh_button.clicked.connect(self.refreshRequested)
        row.addWidget(self.refresh_button)
        self.status = QLabel(bar)
        self.status.setObjectName("accountsPanelStatus")
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        layout.addWidget(bar)
        self.model = RecordTableModel(
            [
                Column("account", self.tr("Account")),
                Column("currency", self.tr("Currency")),
                Column("balance", self.tr("Balance"), format=_amount, align=NUMERIC),
                Column("credit", self.tr("Credit"), format=_amount, align=NUMERIC),
                Column("status", self.tr("Status")),
                Column("account_type", self.tr("Type")),
            ],
            key="key",
            parent=self,
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("accountsPanelTable")
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: Iterable[TraderAccountRow]) -> None:
        rows = list(rows)
        keep = {row.key for row in rows}
        self.model.remove([key for key in self.model.ids() if key not in keep])
        self.model.upsert(rows)
        self.table.resizeColumnsToContents()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
