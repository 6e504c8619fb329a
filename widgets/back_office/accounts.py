"""Accounts (back office): the list, and the chosen account's detail — balances, categories, trade
permissions (add / remove a user's), deposit / withdrawal / adjustment, and the transfers made from here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.back_office.form import ERROR_STYLE
from widgets.common.numbers import localized
from widgets.common.record_table import NUMERIC, Column, RecordTableModel, RecordTableView


@dataclass(frozen=True, slots=True)
class AccountRow:
    key: str  # "clearing/account"
    clearing_code: str
    account_code: str
    status: str
    account_type: str
    currency: str
    balance: Decimal | None
    credit: Decimal | None
    categories: str


@dataclass(frozen=True, slots=True)
class TransferRow:
    transfer_id: str
    account: str  # "clearing/account"
    kind: str  # translated
    amount: Decimal
    currency: str
    description: str
    time: datetime


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:,.2f}")


class AccountsView(QWidget):
    refreshRequested = Signal()
    accountChosen = Signal(object)  # key or None
    transferRequested = Signal(str)  # deposit | withdrawal | adjustment
    editTransferRequested = Signal(str)  # transfer id
    permissionRequested = Signal(bool, str)  # add?, "domain/login" as typed
    categoryRequested = Signal()  # put the account in a category's group, or take it out

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeAccounts")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("accountsRefresh")
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("accountsStatus")
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status_label, 1)
        root.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = RecordTableModel(
            [
                Column("clearing_code", self.tr("Clearing")),
                Column("account_code", self.tr("Account")),
                Column("status", self.tr("Status")),
                Column("account_type", self.tr("Type")),
                Column("currency", self.tr("Currency")),
                Column("balance", self.tr("Balance"), format=amount_text, align=NUMERIC),
                Column("credit", self.tr("Credit"), format=amount_text, align=NUMERIC),
            ],
            key="key",
            parent=self,
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("accountsTable")
        self.table.currentRecordChanged.connect(self.accountChosen)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        root.addWidget(splitter, 1)
        self.set_account(None)

    def _build_detail(self) -> QWidget:
        detail = QWidget(self)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(detail)
        self.title.setObjectName("accountTitle")
        column.addWidget(self.title)
        facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for name, label in (
            ("status", self.tr("Status")),
            ("balance", self.tr("Balance")),
            ("credit", self.tr("Credit")),
            ("categories", self.tr("Categories")),
        ):
            value = QLabel(detail)
            value.setObjectName(f"account.{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(label, value)
            self.facts[name] = value
        column.addLayout(facts)
        money = QHBoxLayout()
        self.transfer_buttons: dict[str, QPushButton] = {}
        for kind, text in (
            ("deposit", self.tr("Deposit\u2026")),
            ("withdrawal", self.tr("Withdrawal\u2026")),
            ("adjustment", self.tr("Adjustment\u2026")),
        ):
            button = QPushButton(text, detail)
            button.setObjectName(f"transfer.{kind}")
            button.clicked.connect(lambda _checked=False, k=kind: self.transferRequested.emit(k))
            money.addWidget(button)
            self.transfer_buttons[kind] = button
        self.category_button = QPushButton(self.tr("Category\u2026"), detail)
        self.category_button.setObjectName("accountCategory")
        self.category_button.clicked.connect(self.categoryRequested)
        money.addWidget(self.category_button)
        column.addLayout(money)
        permissions = QGroupBox(self.tr("Trade permission"), detail)
        rows = QVBoxLayout(permissions)
        line = QHBoxLayout()
        self.permission_user = QLineEdit(permissions)
        self.permission_user.setObjectName("permissionUser")
        self.permission_user.setPlaceholderText(self.tr("domain/login, e.g. default/demo"))
        self.permission_user.textEdited.connect(lambda _t: self.set_permission_error(""))
        self.permission_user.returnPressed.connect(
            lambda: self.permissionRequested.emit(True, self.permission_text())
        )
        self.grant_button = QPushButton(self.tr("Grant"), permissions)
        self.grant_button.setObjectName("permissionGrant")
        self.grant_button.clicked.connect(lambda: self.permissionRequested.emit(True, self.permission_text()))
        self.revoke_button = QPushButton(self.tr("Revoke\u2026"), permissions)
        self.revoke_button.setObjectName("permissionRevoke")
        self.revoke_button.clicked.connect(
            lambda: self.permissionRequested.emit(False, self.permission_text())
        )
        line.addWidget(self.permission_user, 1)
        line.addWidget(self.grant_button)
        line.addWidget(self.revoke_button)
        rows.addLayout(line)
        self.permission_error = QLabel(permissions)
        self.permission_error.setObjectName("permissionError")
        self.permission_error.setWordWrap(True)
        self.permission_error.hide()
        rows.addWidget(self.permission_error)
        column.addWidget(permissions)
        self.message = QLabel(detail)
        self.message.setObjectName("accountMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.message)
        column.addWidget(QLabel(self.tr("Transfers made here"), detail))
        self.history = RecordTableModel(
            [
                Column("time", self.tr("Time"), format=lambda t: "" if t is None else t.strftime("%H:%M:%S")),
                Column("kind", self.tr("Kind")),
                Column("amount", self.tr("Amount"), format=amount_text, align=NUMERIC),
                Column("currency", self.tr("Currency")),
                Column("description", self.tr("Description")),
                Column("transfer_id", self.tr("Id")),
            ],
            key="transfer_id",
            parent=self,
        )
        self.history_table = RecordTableView(self.history, detail)
        self.history_table.setObjectName("transferHistory")
        self.history_table.recordActivated.connect(lambda key: self.editTransferRequested.emit(str(key)))
        column.addWidget(self.history_table, 1)
        self.edit_button = QPushButton(self.tr("Edit transfer\u2026"), detail)
        self.edit_button.setObjectName("transferEdit")
        self.edit_button.clicked.connect(self._edit_selected)
        column.addWidget(self.edit_button)
        return detail

    # --- setters
    def set_rows(self, rows: Iterable[AccountRow]) -> None:
        rows = list(rows)
        keep = {row.key for row in rows}
        self.model.remove([key for key in self.model.ids() if key not in keep])
        self.model.upsert(rows)
        self.table.resizeColumnsToContents()

    def set_loading(self, text: str) -> None:
        self.status_label.setText(text)
        self.refresh_button.setEnabled(not text)

    def set_account(self, row: AccountRow | None) -> None:
        """The detail of ``row`` (None: nothing chosen)."""
        chosen = row is not None
        for widget in (
            *self.transfer_buttons.values(),
            self.category_button,
            self.grant_button,
            self.revoke_button,
            self.permission_user,
        ):
            widget.setEnabled(chosen)
        if row is None:
            self.title.setText(self.tr("Choose an account"))
            for label in self.facts.values():
                label.setText("")
            return
        self.title.setText(
            f"<b>{row.clearing_code}/{row.account_code}</b> \u2014 {row.account_type} {row.currency}"
        )
        self.facts["status"].setText(row.status)
        self.facts["balance"].setText(f"{amount_text(row.balance)} {row.currency}")
        self.facts["credit"].setText(f"{amount_text(row.credit)} {row.currency}")
        self.facts["categories"].setText(row.categories)

    def set_history(self, rows: Iterable[TransferRow]) -> None:
        self.history.reset(rows)

    def permission_text(self) -> str:
        return self.permission_user.text().strip()

    def set_permission_user(self, text: str) -> None:
        self.permission_user.setText(text)

    def set_permission_error(self, text: str) -> None:
        self.permission_error.setText(text)
        self.permission_error.setStyleSheet(ERROR_STYLE)
        self.permission_error.setVisible(bool(text))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def message_text(self) -> str:
        return self.message.text()

    def _edit_selected(self) -> None:
        ids = self.history_table.selected_ids()
        if ids:
            self.editTransferRequested.emit(str(ids[0]))
