"""The back office's other panels: Notifications (compose, sent ones with per-recipient delivery, change
expiration), Transaction import (a file's rows: imported and failed with their errors), Sessions (check a
login, log a user out, SSO tokens) and Reference (brokers, their categories, client groups)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.back_office.form import ERROR_STYLE
from widgets.common.record_table import Column, RecordTableModel, RecordTableView


def _status(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _say(label: QLabel, text: str, error: bool) -> None:
    label.setText(text)
    label.setStyleSheet(ERROR_STYLE if error else "")


def _button(parent: QWidget, name: str, text: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    return button


# --- notifications -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentRow:
    notification_id: str
    subject: str
    audience: str
    priority: str
    expiration: str
    sent: str


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    recipient: str
    read: str
    acknowledged: str


class NotificationsView(QWidget):
    composeRequested = Signal()
    notificationChosen = Signal(object)  # id or None
    deliveryRequested = Signal()
    expirationRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeNotifications")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.compose_button = _button(self, "notificationCompose", self.tr("Compose\u2026"))
        self.compose_button.clicked.connect(self.composeRequested)
        self.delivery_button = _button(self, "notificationDelivery", self.tr("Refresh delivery"))
        self.delivery_button.clicked.connect(self.deliveryRequested)
        self.expiration_button = _button(self, "notificationExpiration", self.tr("Change expiration\u2026"))
        self.expiration_button.clicked.connect(self.expirationRequested)
        for button in (self.compose_button, self.delivery_button, self.expiration_button):
            bar.addWidget(button)
        bar.addStretch(1)
        root.addLayout(bar)
        self.status = _status(self, "notificationsStatus")
        root.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.sent = RecordTableModel(
            [
                Column("notification_id", self.tr("Id")),
                Column("subject", self.tr("Subject")),
                Column("audience", self.tr("To")),
                Column("priority", self.tr("Priority")),
                Column("sent", self.tr("Sent")),
                Column("expiration", self.tr("Expires")),
            ],
            key="notification_id",
            parent=self,
        )
        self.sent_table = RecordTableView(self.sent, self)
        self.sent_table.setObjectName("notificationsSent")
        self.sent_table.currentRecordChanged.connect(self.notificationChosen)
        splitter.addWidget(self.sent_table)
        self.delivery = RecordTableModel(
            [
                Column("recipient", self.tr("Recipient")),
                Column("read", self.tr("Read")),
                Column("acknowledged", self.tr("Acknowledged")),
            ],
            key="recipient",
            parent=self,
        )
        self.delivery_table = RecordTableView(self.delivery, self)
        self.delivery_table.setObjectName("notificationDeliveryTable")
        splitter.addWidget(self.delivery_table)
        root.addWidget(splitter, 1)
        self.set_chosen(False)

    def add_sent(self, row: SentRow) -> None:
        self.sent.upsert([row])
        self.sent_table.resizeColumnsToContents()

    def select_sent(self, notification_id: str) -> None:
        row = self.sent.row_of(notification_id)
        if row is not None:
            self.sent_table.selectRow(self.sent_table.proxy.mapFromSource(self.sent.index(row, 0)).row())

    def set_delivery(self, rows: Iterable[DeliveryRow]) -> None:
        self.delivery.reset(rows)
        self.delivery_table.resizeColumnsToContents()

    def set_chosen(self, chosen: bool) -> None:
        self.delivery_button.setEnabled(chosen)
        self.expiration_button.setEnabled(chosen)

    def set_status(self, text: str, error: bool = False) -> None:
        _say(self.status, text, error)


# --- transaction import ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRow:
    key: str  # line number + id
    line: str
    transaction_id: str
    outcome: str  # translated: created / updated / deleted / failed / not sent
    error_code: str
    error_text: str


class ImportView(QWidget):
    fileRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeImport")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.file_button = _button(self, "importFile", self.tr("Import a file\u2026"))
        self.file_button.setToolTip(
            self.tr(
                "CSV with a header (accountCode, quantity, symbol, transactionId, action, …) or a JSON array"
            )
        )
        self.file_button.clicked.connect(self.fileRequested)
        bar.addWidget(self.file_button)
        self.summary = _status(self, "importSummary")
        bar.addWidget(self.summary, 1)
        root.addLayout(bar)
        self.model = RecordTableModel(
            [
                Column("line", self.tr("Line")),
                Column("transaction_id", self.tr("Transaction")),
                Column("outcome", self.tr("Outcome"), color=lambda r: "#f0524f" if r.error_text else None),
                Column("error_code", self.tr("Error")),
                Column("error_text", self.tr("Reason")),
            ],
            key="key",
            parent=self,
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("importResults")
        root.addWidget(self.table, 1)

    def set_busy(self, busy: bool) -> None:
        self.file_button.setEnabled(not busy)

    def set_rows(self, rows: Iterable[ImportRow]) -> None:
        self.model.reset(rows)
        self.table.resizeColumnsToContents()

    def set_summary(self, text: str, error: bool = False) -> None:
        _say(self.summary, text, error)


# --- sessions ----------------------------------------------------------------------------------------------


class SessionsView(QWidget):
    """One user (login, domain) and what to do about them; each action's answer in the result line."""

    checkRequested = Signal()
    logoutRequested = Signal(str)  # id | login | token
    generateRequested = Signal()
    ssoRequested = Signal()
    infoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeSessions")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for name, label, placeholder in (
            ("login", self.tr("Login"), "trader2"),
            ("domain", self.tr("Domain"), "default"),
            ("password", self.tr("Password or token"), ""),
            ("user_id", self.tr("User id"), "3"),
            ("token", self.tr("Token"), ""),
            ("duration", self.tr("SSO token lifetime, s"), "300"),
        ):
            edit = QLineEdit(self)
            edit.setObjectName(f"sessions.{name}")
            edit.setPlaceholderText(placeholder)
            if name in ("password", "token"):  # secrets stay masked; a token is copied with its button
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textEdited.connect(lambda _t, n=name: self.set_field_error(n, ""))
            error = QLabel(self)
            error.setObjectName(f"sessions.error.{name}")
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(label, column)
            self.inputs[name], self.errors[name] = edit, error
        self.inputs["domain"].setText("default")
        root.addLayout(form)
        actions = QGroupBox(self.tr("Actions"), self)
        grid = QVBoxLayout(actions)
        rows = (
            (
                ("sessionsCheck", self.tr("Check login"), self.checkRequested.emit),
                ("sessionsGenerate", self.tr("Generate SSO token"), self.generateRequested.emit),
                ("sessionsSso", self.tr("SSO token for my session"), self.ssoRequested.emit),
                ("sessionsInfo", self.tr("Inspect token"), self.infoRequested.emit),
            ),
            (
                ("logoutById", self.tr("Log out by id\u2026"), lambda: self.logoutRequested.emit("id")),
                (
                    "logoutByLogin",
                    self.tr("Log out by login\u2026"),
                    lambda: self.logoutRequested.emit("login"),
                ),
                (
                    "logoutByToken",
                    self.tr("Log out by token\u2026"),
                    lambda: self.logoutRequested.emit("token"),
                ),
            ),
        )
        self.buttons: dict[str, QPushButton] = {}
        for row in rows:
            line = QHBoxLayout()
            for name, text, slot in row:
                button = _button(actions, name, text)
                button.clicked.connect(lambda _checked=False, s=slot: s())
                line.addWidget(button)
                self.buttons[name] = button
            grid.addLayout(line)
        root.addWidget(actions)
        copy = _button(self, "sessionsCopyToken", self.tr("Copy the token"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.inputs["token"].text()))
        self.buttons["sessionsCopyToken"] = copy
        root.addWidget(copy)
        self.result = _status(self, "sessionsResult")
        root.addWidget(self.result)
        root.addStretch(1)

    def value(self, name: str) -> str:
        return self.inputs[name].text().strip()

    def set_value(self, name: str, text: str) -> None:
        self.inputs[name].setText(text)

    def set_field_error(self, name: str, text: str) -> None:
        self.errors[name].setText(text)
        self.errors[name].setVisible(bool(text))

    def field_error(self, name: str) -> str:
        return self.errors[name].text()

    def set_result(self, text: str, error: bool = False) -> None:
        _say(self.result, text, error)


# --- brokers, categories, groups ---------------------------------------------------------------------------


class ReferenceView(QWidget):
    refreshRequested = Signal()
    addCategoryRequested = Signal(str, str, str)  # broker, category, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeReference")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.refresh_button = _button(self, "referenceRefresh", self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refreshRequested)
        bar.addWidget(self.refresh_button)
        self.broker_combo = QComboBox(self)
        self.broker_combo.setObjectName("referenceBroker")
        self.category_edit = QLineEdit(self)
        self.category_edit.setObjectName("referenceCategory")
        self.category_edit.setPlaceholderText(self.tr("Category"))
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("referenceValue")
        self.value_edit.setPlaceholderText(self.tr("New value"))
        self.add_button = _button(self, "referenceAdd", self.tr("Add value"))
        self.add_button.clicked.connect(
            lambda: self.addCategoryRequested.emit(
                str(self.broker_combo.currentData() or ""),
                self.category_edit.text().strip(),
                self.value_edit.text().strip(),
            )
        )
        for widget in (self.broker_combo, self.category_edit, self.value_edit, self.add_button):
            bar.addWidget(widget)
        root.addLayout(bar)
        self.status = _status(self, "referenceStatus")
        root.addWidget(self.status)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("referenceTree")
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Details")])
        root.addWidget(self.tree, 1)

    def set_tree(self, sections: Iterable[tuple[str, Iterable[tuple[str, str, Iterable[str]]]]]) -> None:
        """(section title, [(name, details, [child texts])])."""
        self.tree.clear()
        for title, items in sections:
            top = QTreeWidgetItem(self.tree, [title, ""])
            for name, details, children in items:
                item = QTreeWidgetItem(top, [name, details])
                for child in children:
                    QTreeWidgetItem(item, [child, ""])
            top.setExpanded(True)
        self.tree.resizeColumnToContents(0)

    def set_brokers(self, codes: Iterable[str]) -> None:
        current = self.broker_combo.currentData()
        self.broker_combo.clear()
        for code in codes:
            self.broker_combo.addItem(code, code)
        index = self.broker_combo.findData(current)
        if index >= 0:
            self.broker_combo.setCurrentIndex(index)

    def set_status(self, text: str, error: bool = False) -> None:
        _say(self.status, text, error)
