"""Positions and balances: a row per account (counterparty) and currency (total, used, available, estimated
value) and a total line; "Hide zero" leaves out currencies with nothing in them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from widgets.common.numbers import localized
from widgets.common.panel_layout import panel_with_toolbar
from widgets.common.record_table import NUMERIC, Column, RecordTableModel, RecordTableView
from widgets.common.table_columns import size_columns


@dataclass(frozen=True, slots=True)
class BalanceRow:
    key: str  # "venue:account:currency"
    account: str  # the counterparty on a crypto venue, the portfolio at a broker
    currency: str
    total: Decimal  # rounded to the currency's decimals
    used: Decimal
    available: Decimal
    value: Decimal | None = None  # in the valuation currency; None: no price for it


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:,f}")


class BalancesPanel(QWidget):
    hideZeroChanged = Signal(bool)
    shownChanged = Signal(bool)

    def __init__(self, value_currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balancesPanel")
        self.value_currency = value_currency
        layout, bar, row = panel_with_toolbar(self)
        self.hide_zero_box = QCheckBox(self.tr("Hide zero"), bar)
        self.hide_zero_box.setObjectName("hideZero")
        self.hide_zero_box.setToolTip(self.tr("Leave out currencies with a total of zero"))
        self.hide_zero_box.toggled.connect(self.hideZeroChanged)
        row.addWidget(self.hide_zero_box)
        row.addStretch(1)
        self.total_label = QLabel(bar)
        self.total_label.setObjectName("balancesTotal")
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.total_label)
        layout.addWidget(bar)

        self.model = RecordTableModel(
            [
                Column("account", self.tr("Account")),
                Column("currency", self.tr("Currency")),
                Column("total", self.tr("Total"), format=amount_text, align=NUMERIC),
                Column("used", self.tr("In orders"), format=amount_text, align=NUMERIC),
                Column("available", self.tr("Available"), format=amount_text, align=NUMERIC),
                Column(
                    "value",
                    self.tr("Value, {currency}").format(currency=value_currency),
                    format=amount_text,
                    align=NUMERIC,
                    tooltip=lambda r: None if r.value is not None else self.tr("No price for this currency"),
                ),
            ],
            key="key",
            parent=self,
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("balancesTable")
        size_columns(self.table, {0: "binance", 1: "USDT"}, stretch=range(2, 6))
        layout.addWidget(self.table, 1)
        self.setTotal(None)

    def setRows(self, rows: Iterable[BalanceRow]) -> None:
        """Exactly these rows: changed ones update in place, new ones are added, missing ones removed."""
        rows = list(rows)
        keep = {row.key for row in rows}
        self.model.remove([key for key in self.model.ids() if key not in keep])
        self.model.upsert(rows)

    def row(self, key: str) -> BalanceRow | None:
        return self.model.record_by_id(key)

    def setHideZero(self, hide: bool) -> None:
        self.hide_zero_box.setChecked(hide)

    def setTotal(self, total: Decimal | None, unpriced: int = 0) -> None:
        """The sum of the values; ``unpriced`` currencies have no price and are not in it."""
        if total is None:
            self.total_label.setText(self.tr("Total: \u2014"))
            return
        text = self.tr("Total \u2248 {total} {currency}").format(
            total=amount_text(total), currency=self.value_currency
        )
        if unpriced:
            text += " " + self.tr("(%n without a price)", "", unpriced)
        self.total_label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shownChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.shownChanged.emit(False)
