"""The Strategy manager window (RAMM.STORE): its own main window of dockable lists and details.

A view. Its docks: Strategies, Strategy (detail: yield chart, symbol shares, followers), Accounts, Account
(statement, positions, deals), Copy trading (the link of a strategy to a trading account, the signals sent
and the followers' positions), Clients, Wallets, Transfers, Signals. The lists are :class:`PagedList`s; the
view-model feeds them page by page. ``snapshot()`` / ``restore(state)`` keep the arrangement (the window's
own saved layout). ``confirm(text, on_yes)`` asks before a destructive action (a message box, Yes/No).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

import pyqtgraph as pg
from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.common.record_table import NUMERIC, Column, RecordTableModel, RecordTableView
from widgets.strategy_manager.paged_list import PagedList, fit_columns

ERROR_STYLE = "color: #d9534f;"


def _num(value: object) -> str:
    return "" if value is None else f"{value}"


def _money(value: object) -> str:
    """An amount with thousands separators and 2 decimals (``12,345.60``)."""
    try:
        return f"{Decimal(str(value)):,.2f}" if value is not None else ""
    except InvalidOperation:
        return _num(value)


def _dt(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else _num(value)


ALL = ("*",)  # every column sorts (each is an OrderBy field of its search, per the notes)
ALL_BUT_EQUITY = ("*", "-Equity")  # strategies.search cannot order by the equity (it reads strategies.get)


def col(key: str, title: str, numeric: bool = False, fmt: Callable[[object], str] | None = None) -> Column:
    return Column(key, title, format=fmt, align=NUMERIC if numeric else Column.align)


def _message_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def fit_on_reset(view: RecordTableView) -> None:
    """The view's columns fit what they show each time its model is filled anew."""
    view.model().modelReset.connect(lambda: fit_columns(view))


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class StrategyDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strategyDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self.tr("Select a strategy."), self)
        self.title.setObjectName("strategyDetail.title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.message_label = _message_label(self, "strategyDetail.message")
        layout.addWidget(self.message_label)
        self.plot = pg.PlotWidget(self, axisItems={"bottom": pg.DateAxisItem()})
        self.plot.setObjectName("strategyDetail.chart")
        self.plot.setMinimumHeight(120)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self._label_plot()
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#4aa3df", width=2))
        layout.addWidget(self.plot, 1)
        self.shares = QLabel(self)
        self.shares.setObjectName("strategyDetail.shares")
        self.shares.setWordWrap(True)
        layout.addWidget(self.shares)
        layout.addWidget(QLabel(self.tr("Follower accounts"), self))
        self.followers = RecordTableModel(
            [
                col("ID", self.tr("Account")),
                col("ClientID", self.tr("Client")),
                col("Factor", self.tr("Factor"), True, _num),
                col("ABook", self.tr("A-book"), True, _num),
                col("status", self.tr("Status")),
                col("Equity", self.tr("Equity"), True, _num),
            ],
            key="ID",
            parent=self,
        )
        self.followers_view = RecordTableView(self.followers, self)
        fit_on_reset(self.followers_view)
        self.followers_view.setObjectName("strategyDetail.followers")
        layout.addWidget(self.followers_view, 1)
        self.followers_view.setMinimumHeight(110)

    def _label_plot(self) -> None:
        self.plot.setLabel("left", self.tr("Yield, %"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:  # the plot's axis label is no Qt widget text
            self._label_plot()

    def setChart(self, points: Sequence[tuple[float, float]]) -> None:
        self.curve.setData([p[0] for p in points], [p[1] for p in points])


class AccountDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self.tr("Select an account."), self)
        self.title.setObjectName("accountDetail.title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.message_label = _message_label(self, "accountDetail.message")
        layout.addWidget(self.message_label)
        self.statement = QLabel(self)
        self.statement.setObjectName("accountDetail.statement")
        self.statement.setWordWrap(True)
        layout.addWidget(self.statement)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.positions = RecordTableModel(
            [
                col("ID", self.tr("Position")),
                col("Symbol", self.tr("Symbol")),
                col("VolumeOpen", self.tr("Volume"), True, _num),
                col("PriceOpen", self.tr("Open price"), True, _num),
                col("Profit", self.tr("Profit"), True, _num),
            ],
            key="ID",
            parent=self,
        )
        self.positions_view = RecordTableView(self.positions, self)
        fit_on_reset(self.positions_view)
        self.positions_view.setObjectName("accountDetail.positions")
        split.addWidget(self.positions_view)
        self.deals = RecordTableModel(
            [
                col("ID", self.tr("Deal")),
                col("DT", self.tr("Time"), fmt=_dt),
                col("Symbol", self.tr("Symbol")),
                col("type", self.tr("Type")),
                col("Volume", self.tr("Volume"), True, _num),
                col("Price", self.tr("Price"), True, _num),
                col("Profit", self.tr("Profit"), True, _num),
            ],
            key="ID",
            parent=self,
        )
        self.deals_view = RecordTableView(self.deals, self)
        fit_on_reset(self.deals_view)
        self.deals_view.setObjectName("accountDetail.deals")
        split.addWidget(self.deals_view)
        layout.addWidget(split, 1)


class CopyTradingView(QWidget):
    linkRequested = Signal(str, str)  # the trading account: venue, account (a CHP portfolio, coin-weight)
    unlinkRequested = Signal()
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyTrading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        self.strategy_label = QLabel(self.tr("Select a strategy you own in the Strategies list."), self)
        self.strategy_label.setObjectName("copyTrading.strategy")
        self.strategy_label.setWordWrap(True)
        form.addRow(self.tr("Strategy"), self.strategy_label)
        self.account_combo = QComboBox(self)
        self.account_combo.setObjectName("copyTrading.account")
        self.account_combo.setPlaceholderText(
            self.tr("log in to CHP or coin-weight: their accounts can be linked")
        )
        form.addRow(self.tr("Trading account"), self.account_combo)
        self.link_label = QLabel(self.tr("Not linked."), self)
        self.link_label.setObjectName("copyTrading.link")
        self.link_label.setWordWrap(True)
        form.addRow(self.tr("Link"), self.link_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Link"), self)
        self.link_button.setObjectName("copyTrading.linkButton")
        self.link_button.clicked.connect(self._link)
        self.unlink_button = QPushButton(self.tr("Unlink"), self)
        self.unlink_button.setObjectName("copyTrading.unlinkButton")
        self.unlink_button.clicked.connect(self.unlinkRequested)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("copyTrading.refresh")
        self.refresh_button.clicked.connect(self.refreshRequested)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        self.message_label = _message_label(self, "copyTrading.message")
        layout.addWidget(self.message_label)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.signals = RecordTableModel(
            [
                col("ticket", self.tr("Ticket")),
                col("symbol", self.tr("Symbol")),
                col("lot", self.tr("Lot"), True),
                col("delivery", self.tr("Sent")),
                col("signal_id", self.tr("Signal")),
                col("status", self.tr("Status")),
                col("message", self.tr("Message")),
            ],
            key="ticket",
            parent=self,
        )
        self.signals_view = RecordTableView(self.signals, self, sortable=False)
        fit_on_reset(self.signals_view)
        self.signals_view.setObjectName("copyTrading.signals")
        split.addWidget(self.signals_view)
        self.positions = RecordTableModel(
            [
                col("AccountID", self.tr("Account")),
                col("Symbol", self.tr("Symbol")),
                col("VolumeOpen", self.tr("Volume"), True, _num),
                col("PriceOpen", self.tr("Open price"), True, _num),
                col("Profit", self.tr("Profit"), True, _num),
            ],
            key="ID",
            parent=self,
        )
        self.positions_view = RecordTableView(self.positions, self)
        fit_on_reset(self.positions_view)
        self.positions_view.setObjectName("copyTrading.positions")
        split.addWidget(self.positions_view)
        layout.addWidget(split, 1)

    def setAccounts(self, accounts: Sequence[tuple[str, str, str]]) -> None:
        """The accounts that can be linked: (venue, account, shown text)."""
        combo = self.account_combo
        shown = [(str(combo.itemData(i)), combo.itemText(i)) for i in range(combo.count())]
        if shown == [(self.account_key(v, a), text) for v, a, text in accounts]:
            return  # unchanged: an open list is left alone
        current = self.account_combo.currentData()
        self.account_combo.clear()
        for venue, account, text in accounts:
            self.account_combo.addItem(text, self.account_key(venue, account))
        index = self.account_combo.findData(current)
        if index >= 0:
            self.account_combo.setCurrentIndex(index)

    @staticmethod
    def account_key(venue: str, account: str) -> str:
        return f"{venue}|{account}"

    def select_account(self, venue: str, account: str) -> bool:
        index = self.account_combo.findData(self.account_key(venue, account))
        if index >= 0:
            self.account_combo.setCurrentIndex(index)
        return index >= 0

    def _link(self) -> None:
        venue, _sep, account = str(self.account_combo.currentData() or "").partition("|")
        self.linkRequested.emit(venue, account)


class SessionsView(QWidget):
    """The company's manager sessions (sessions.search): log another manager out."""

    refreshRequested = Signal()
    logoutRequested = Signal(str)  # login

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("sessions.refresh")
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.logout_button = QPushButton(self.tr("Log out\u2026"), self)
        self.logout_button.setObjectName("sessions.logout")
        self.logout_button.clicked.connect(self._logout)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message_label = _message_label(self, "sessions.message")
        layout.addWidget(self.message_label)
        self.model = RecordTableModel(
            [
                col("Login", self.tr("Login")),
                col("ManagerID", self.tr("Manager")),
                col("CompanyID", self.tr("Company")),
                col("DTCreated", self.tr("Since"), fmt=_dt),
                col("DTLastActivity", self.tr("Last activity"), fmt=_dt),
                col("ExpirationMinutes", self.tr("Expires after, min"), True),
            ],
            key="key",
            parent=self,
        )
        self.view = RecordTableView(self.model, self)
        fit_on_reset(self.view)
        self.view.setObjectName("sessions.table")
        layout.addWidget(self.view, 1)

    def _logout(self) -> None:
        ids = self.view.selected_ids()
        record = self.model.record_by_id(ids[0]) if ids else None
        self.logoutRequested.emit("" if record is None else str(record.get("Login") or ""))


class StrategyManagerWindow(QMainWindow):
    closing = Signal()
    layoutChanged = Signal()
    loginRequested = Signal()
    logoutRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("strategyManager")
        self.setWindowTitle(self.tr("Strategy manager \u2014 RAMM"))
        self.resize(1200, 800)
        self.setDockNestingEnabled(True)
        self.session_label = QLabel(self)
        self.session_label.setObjectName("strategyManager.session")
        self.login_button = QPushButton(self.tr("Log in\u2026"), self)
        self.login_button.setObjectName("strategyManager.login")
        self.login_button.clicked.connect(self.loginRequested)
        self.logout_button = QPushButton(self.tr("Log out"), self)
        self.logout_button.setObjectName("strategyManager.logout")
        self.logout_button.clicked.connect(self.logoutRequested)
        self.statusBar().addWidget(self.session_label, 1)
        self.statusBar().addPermanentWidget(self.login_button)
        self.statusBar().addPermanentWidget(self.logout_button)
        placeholder = QWidget(self)
        placeholder.setMaximumSize(0, 0)
        self.setCentralWidget(placeholder)
        tr = self.tr

        self.strategies = PagedList(
            "strategies",
            [
                col("ID", tr("ID")),
                col("Name", tr("Name")),
                col("status", tr("Status")),
                col("Yield", tr("Yield, %"), True, _num),
                col("Equity", tr("Equity, USD"), True, _money),
                col("UnitPrice", tr("Unit price"), True, _num),
                col("Accounts", tr("Followers"), True),
                col("TraderLogin", tr("Trader")),
            ],
            sortable=ALL_BUT_EQUITY,
            search_hint=tr("Name contains\u2026 (Enter)"),
        )
        self.new_strategy_button = self._tool(self.strategies, "strategies.new", tr("New\u2026"))
        self.rename_button = self._tool(self.strategies, "strategies.rename", tr("Rename\u2026"))
        self.close_strategy_button = self._tool(self.strategies, "strategies.close", tr("Close\u2026"))
        self.strategy_detail = StrategyDetail()
        self.accounts = PagedList(
            "accounts",
            [
                col("ID", tr("ID")),
                col("StrategyID", tr("Strategy")),
                col("ClientID", tr("Client")),
                col("type", tr("Type")),
                col("Factor", tr("Factor"), True, _num),
                col("status", tr("Status")),
                col("state", tr("State")),
                col("Balance", tr("Balance"), True, _num),
                col("Equity", tr("Equity"), True, _num),
            ],
            sortable=ALL,
            search_hint=tr("Strategy ID (Enter)"),
        )
        self.open_account_button = self._tool(self.accounts, "accounts.open", tr("Open\u2026"))
        self.pause_button = self._tool(self.accounts, "accounts.pause", tr("Pause\u2026"))
        self.resume_button = self._tool(self.accounts, "accounts.resume", tr("Resume\u2026"))
        self.close_account_button = self._tool(self.accounts, "accounts.close", tr("Close\u2026"))
        self.abook_button = self._tool(self.accounts, "accounts.abook", tr("A-book\u2026"))
        self.account_detail = AccountDetail()
        self.copy_trading = CopyTradingView()
        self.clients = PagedList(
            "clients",
            [
                col("ID", tr("ID")),
                col("Login", tr("Login")),
                col("FirstName", tr("First name")),
                col("LastName", tr("Last name")),
                col("Email", tr("E-mail")),
                col("ActiveAccountsCount", tr("Active accounts"), True),
                col("TotalFunds", tr("Total funds"), True, _num),
            ],
            sortable=ALL,
            search_hint=tr("Login, name, e-mail\u2026 (Enter)"),
        )
        self.new_client_button = self._tool(self.clients, "clients.new", tr("New\u2026"))
        self.wallets = PagedList(
            "wallets",
            [
                col("ID", tr("ID")),
                col("ClientID", tr("Client")),
                col("Balance", tr("Balance"), True, _num),
                col("Bonus", tr("Bonus"), True, _num),
                col("DTCreated", tr("Created"), fmt=_dt),
            ],
            sortable=ALL,
            search_hint=tr("Client ID (Enter)"),
        )
        self.transfers = PagedList(
            "transfers",
            [
                col("ID", tr("ID")),
                col("WalletID", tr("Wallet")),
                col("type", tr("Type")),
                col("Amount", tr("Amount"), True, _num),
                col("DT", tr("Time"), fmt=_dt),
                col("CommentClient", tr("Comment")),
            ],
            sortable=ALL,
            search_hint=tr("Wallet ID (Enter)"),
        )
        self.new_transfer_button = self._tool(self.transfers, "transfers.new", tr("New\u2026"))
        self.signals = PagedList(
            "signals",
            [
                col("ID", tr("ID")),
                col("StrategyID", tr("Strategy")),
                col("DT", tr("Time"), fmt=_dt),
                col("Symbol", tr("Symbol")),
                col("TraderLot", tr("Lot"), True, _num),
                col("status", tr("Status")),
                col("Ticket", tr("Ticket")),
            ],
            sortable=ALL,
            search_hint=tr("Strategy ID (Enter)"),
        )
        self.client_stats = PagedList(
            "clientStats",
            [
                col("IDClient", tr("Client")),
                col("Login", tr("Login")),
                col("AccountsActive", tr("Active accounts"), True),
                col("AccountsEquity", tr("Equity"), True, _num),
                col("AccountsPastProfit", tr("Past profit"), True, _num),
                col("StrategiesActive", tr("Strategies"), True),
                col("WalletsTotalBalance", tr("Wallets"), True, _num),
                col("PositionsCount", tr("Positions"), True),
            ],
            sortable=ALL,
            key="IDClient",
            search_hint=tr("Login contains\u2026 (Enter)"),
        )
        self.fills = PagedList(
            "fills",
            [
                col("ID", tr("ID")),
                col("FillRequestID", tr("Request")),
                col("Symbol", tr("Symbol")),
                col("VolumeFilled", tr("Volume"), True, _num),
                col("Price", tr("Price"), True, _num),
                col("DT", tr("Time"), fmt=_dt),
            ],
            sortable=ALL,
            search_hint=tr("Symbol (Enter; otherwise the last 30 days)"),
        )
        self.fill_requests = PagedList(
            "fillRequests",
            [
                col("ID", tr("ID")),
                col("StreamID", tr("Stream")),
                col("Symbol", tr("Symbol")),
                col("Volume", tr("Volume"), True, _num),
                col("DT", tr("Time"), fmt=_dt),
            ],
            sortable=ALL,
            search_hint=tr("Symbol (Enter)"),
        )
        self.assets = PagedList(
            "assets",
            [
                col("ID", tr("ID")),
                col("Name", tr("Name")),
                col("type", tr("Type")),
                col("Precision", tr("Digits")),
            ],
            sortable=ALL,
            search_hint=tr("Name contains\u2026 (Enter)"),
        )
        self.symbols = PagedList(
            "symbols",
            [
                col("ID", tr("ID")),
                col("Name", tr("Symbol")),
                col("FullName", tr("Name")),
                col("AssetBaseName", tr("Base")),
                col("AssetQuoteName", tr("Quote")),
                col("Enabled", tr("Enabled")),
            ],
            sortable=ALL,
            search_hint=tr("Ticker contains\u2026 (Enter)"),
        )
        self.managers = PagedList(
            "managers",
            [
                col("ID", tr("ID")),
                col("Login", tr("Login")),
                col("FirstName", tr("First name")),
                col("LastName", tr("Last name")),
                col("status", tr("Status")),
                col("Comment", tr("Comment")),
            ],
            sortable=ALL,
            search_hint=tr("Login, name\u2026 (Enter)"),
        )
        self.rights_button = self._tool(self.managers, "managers.rights", tr("Rights\u2026"))
        self.companies = PagedList(
            "companies",
            [
                col("ID", tr("ID")),
                col("Name", tr("Name")),
                col("ParentCompanyName", tr("Parent")),
                col("Demo", tr("Demo")),
                col("URL", tr("Access server")),
            ],
            sortable=ALL,
            search_hint=tr("Name contains\u2026 (Enter)"),
        )
        self.sessions = SessionsView()
        self.manager_rights = QLabel(self.tr("Select a manager to see their rights."))
        self.manager_rights.setObjectName("managers.rights")
        self.manager_rights.setWordWrap(True)
        self.manager_rights.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.managers.main_layout.addWidget(self.manager_rights)
        self.docks: dict[str, QDockWidget] = {}
        left, right, bottom = (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self._dock("strategies", tr("Strategies"), self.strategies, left)
        self._dock("strategy", tr("Strategy"), self.strategy_detail, right)
        self._dock("accounts", tr("Accounts"), self.accounts, left)
        self._dock("account", tr("Account"), self.account_detail, right)
        self._dock("copy", tr("Copy trading"), self.copy_trading, bottom)
        self._dock("clients", tr("Clients"), self.clients, bottom)
        self._dock("wallets", tr("Wallets"), self.wallets, bottom)
        self._dock("transfers", tr("Transfers"), self.transfers, bottom)
        self._dock("signals", tr("Signals"), self.signals, bottom)
        extra = {
            "clientStats": (tr("Client statistics"), self.client_stats),
            "fills": (tr("Fills"), self.fills),
            "fillRequests": (tr("Fill requests"), self.fill_requests),
            "assets": (tr("Assets"), self.assets),
            "symbols": (tr("Symbols"), self.symbols),
            "managers": (tr("Managers"), self.managers),
            "companies": (tr("Companies"), self.companies),
            "sessions": (tr("Sessions"), self.sessions),
        }
        for name, (title, widget) in extra.items():
            self._dock(name, title, widget, bottom)
        self.tabifyDockWidget(self.docks["strategies"], self.docks["accounts"])
        self.tabifyDockWidget(self.docks["strategy"], self.docks["account"])
        for name in ("clients", "wallets", "transfers", "signals", *extra):
            self.tabifyDockWidget(self.docks["copy"], self.docks[name])
        self.docks["strategies"].raise_()
        self.docks["strategy"].raise_()
        self.docks["copy"].raise_()
        self.resizeDocks([self.docks["strategies"], self.docks["copy"]], [480, 320], Qt.Orientation.Vertical)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock.{name}")
        dock.setWidget(widget)
        dock.dockLocationChanged.connect(lambda _area: self.layoutChanged.emit())
        dock.topLevelChanged.connect(lambda _floating: self.layoutChanged.emit())
        self.addDockWidget(area, dock)
        self.docks[name] = dock

    def _tool(self, page: PagedList, name: str, text: str) -> QPushButton:
        button = QPushButton(text, page)
        button.setObjectName(name)
        page.toolbar.addWidget(button)
        return button

    def show_dock(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    # --- setters
    def setSession(self, text: str, logged_in: bool) -> None:
        self.session_label.setText(text)
        self.login_button.setVisible(not logged_in)
        self.logout_button.setVisible(logged_in)

    def confirm(self, title: str, text: str, on_yes: Callable[[], object]) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("confirmBox")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                on_yes()

        box.finished.connect(done)
        box.open()
        return box

    # --- layout
    def snapshot(self) -> bytes:
        return bytes(self.saveGeometry().data()) + b"\x00SPLIT\x00" + bytes(self.saveState().data())

    def restore(self, blob: bytes) -> bool:
        geometry, sep, state = blob.partition(b"\x00SPLIT\x00")
        if not sep:
            return False
        self.restoreGeometry(QByteArray(geometry))
        return bool(self.restoreState(QByteArray(state)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
