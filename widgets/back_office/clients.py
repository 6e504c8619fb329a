"""Clients (back office): a searchable, sortable list; create, edit, disable and terminate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from widgets.back_office.form import ERROR_STYLE
from widgets.common.record_table import Column, RecordTableModel, RecordTableView


@dataclass(frozen=True, slots=True)
class ClientRow:
    key: str  # "domain/login"
    domain: str
    login: str
    full_name: str
    email: str
    type: str
    status: str
    accounts: str
    groups: str


class ClientsView(QWidget):
    refreshRequested = Signal()
    createRequested = Signal()
    editRequested = Signal(str)  # key
    disableRequested = Signal(str)  # key
    accountRequested = Signal(str)  # key: open an account for the client
    groupsRequested = Signal(str)  # key: group membership
    marketDataRequested = Signal(str)  # key: market-data subscriptions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeClients")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("clientsSearch")
        self.search.setPlaceholderText(self.tr("Search login, name, e-mail\u2026"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        buttons = (
            ("clientsRefresh", self.tr("Refresh"), self.refreshRequested.emit),
            ("clientCreate", self.tr("New client\u2026"), self.createRequested.emit),
            ("clientEdit", self.tr("Edit\u2026"), self._edit),
            ("clientAccount", self.tr("New account\u2026"), lambda: self._with_client(self.accountRequested)),
            ("clientGroups", self.tr("Groups\u2026"), lambda: self._with_client(self.groupsRequested)),
            (
                "clientMarketData",
                self.tr("Market data\u2026"),
                lambda: self._with_client(self.marketDataRequested),
            ),
            ("clientDisable", self.tr("Disable and terminate\u2026"), self._disable),
        )
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in buttons:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[name] = button
        root.addLayout(bar)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("clientsStatus")
        self.status_label.setWordWrap(True)
        root.addWidget(self.status_label)
        self.model = RecordTableModel(
            [
                Column("login", self.tr("Login")),
                Column("domain", self.tr("Domain")),
                Column("full_name", self.tr("Name")),
                Column("email", self.tr("E-mail")),
                Column("type", self.tr("Type")),
                Column("status", self.tr("Status")),
                Column("accounts", self.tr("Accounts")),
                Column("groups", self.tr("Groups")),
            ],
            key="key",
            parent=self,
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("clientsTable")
        self.table.proxy.setFilterKeyColumn(-1)
        self.table.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.table.recordActivated.connect(lambda key: self.editRequested.emit(str(key)))
        root.addWidget(self.table, 1)

    def set_rows(self, rows: Iterable[ClientRow]) -> None:
        rows = list(rows)
        keep = {row.key for row in rows}
        self.model.remove([key for key in self.model.ids() if key not in keep])
        self.model.upsert(rows)
        self.table.resizeColumnsToContents()

    def visible_keys(self) -> list[str]:
        return [str(self.table.id_at(row)) for row in range(self.table.proxy.rowCount())]

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row is None:
            return
        index = self.table.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())

    def current_key(self) -> str | None:
        ids = self.table.selected_ids()
        return str(ids[0]) if ids else None

    def set_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")

    def _edit(self) -> None:
        key = self.current_key()
        if key is None:
            self.set_status(self.tr("Choose a client to edit."), error=True)
            return
        self.editRequested.emit(key)

    def _with_client(self, signal: SignalInstance) -> None:
        key = self.current_key()
        if key is None:
            self.set_status(self.tr("Choose a client first."), error=True)
            return
        signal.emit(key)

    def _disable(self) -> None:
        key = self.current_key()
        if key is None:
            self.set_status(self.tr("Choose a client to disable."), error=True)
            return
        self.disableRequested.emit(key)
