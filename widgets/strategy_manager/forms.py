"""The Strategy manager's dialogs: log in through company discovery, create a strategy, rename one.

Views only. Each field has its own message line (``setFieldError(field, text)``); Enter submits, Esc
closes; while ``busy`` nothing can be submitted twice. The view-model validates and decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #d9534f;"
OK_STYLE = "color: #3c9a5f;"


class FieldForm(QDialog):
    """A form whose rows each have an edit and a message line under it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self._busy = False
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_field(self, field: str, label: str, hint: str = "", password: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"field.{field}")
        edit.setPlaceholderText(hint)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textEdited.connect(lambda _text, f=field: self.setFieldError(f, ""))
        error = QLabel(self)
        error.setObjectName(f"error.{field}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(edit)
        box.addWidget(error)
        self.form.addRow(label, box)
        self.edits[field] = edit
        self.errors[field] = error
        return edit

    # --- setters
    def values(self) -> dict[str, str]:
        return {field: edit.text().strip() for field, edit in self.edits.items()}

    def setFieldError(self, field: str, text: str) -> None:
        label = self.errors.get(field)
        if label is None:
            self.showMessage(text)
            return
        label.setStyleSheet(ERROR_STYLE)
        label.setText(text)
        label.setVisible(bool(text))
        if text:
            self.edits[field].setFocus()

    def setFieldNote(self, field: str, text: str, ok: bool) -> None:
        label = self.errors[field]
        label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        label.setText(text)
        label.setVisible(bool(text))

    def setFieldErrors(self, errors: Mapping[str, str]) -> None:
        for field in self.errors:
            self.setFieldError(field, errors.get(field, ""))
        first = next((f for f in self.edits if errors.get(f)), None)
        if first is not None:
            self.edits[first].setFocus()

    def showMessage(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def setBusy(self, busy: bool) -> None:
        self._busy = busy
        for edit in self.edits.values():
            edit.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def finish(self) -> None:
        self._busy = False
        self.accept()

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _submit(self) -> None:
        if not self._busy:
            self.submitted.emit(self.values())

    submitted = Signal(dict)


class RammLoginDialog(FieldForm):
    """Login and password; the first Enter finds the login's companies, the next one enters the chosen one."""

    companiesRequested = Signal(str, str)  # login, password
    loginRequested = Signal(str, str, int)  # login, password, company id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Log in to RAMM"), parent)
        self.setObjectName("rammLoginDialog")
        self.add_field("login", self.tr("Login"))
        self.add_field("password", self.tr("Password"), password=True)
        self.company_combo = QComboBox(self)
        self.company_combo.setObjectName("field.company")
        self.company_combo.setEnabled(False)
        self.company_combo.setPlaceholderText(self.tr("found after the login is checked"))
        self.form.addRow(self.tr("Company"), self.company_combo)
        self.edits["login"].textEdited.connect(self._forget_companies)
        self.edits["password"].textEdited.connect(self._forget_companies)

    def setCompanies(self, companies: list[tuple[int, str]]) -> None:
        self.company_combo.clear()
        for company_id, name in companies:
            self.company_combo.addItem(name, company_id)
        self.company_combo.setEnabled(bool(companies))
        if companies:
            self.company_combo.setCurrentIndex(0)
            self.company_combo.setFocus()

    def _forget_companies(self) -> None:
        self.company_combo.clear()
        self.company_combo.setEnabled(False)

    def _submit(self) -> None:
        if self._busy:
            return
        values = self.values()
        missing = {f: self.tr("Required.") for f in ("login", "password") if not values[f]}
        self.setFieldErrors(missing)
        if missing:
            return
        if self.company_combo.count() == 0:
            self.companiesRequested.emit(values["login"], values["password"])
        else:
            self.loginRequested.emit(
                values["login"], values["password"], int(self.company_combo.currentData())
            )


class StrategyForm(FieldForm):
    """Create a strategy (strategies.add): the documented constraints are told at each field."""

    nameEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New strategy"), parent)
        self.setObjectName("strategyForm")
        self.add_field("ClientID", self.tr("Client ID"), self.tr("the trader (a client of the company)"))
        self.add_field("WalletID", self.tr("Wallet ID"), self.tr("a wallet of that client"))
        name = self.add_field("Name", self.tr("Name"), self.tr("up to 50 characters, unique"))
        name.textEdited.connect(self.nameEdited)
        self.add_field("Money", self.tr("Money, USD"), self.tr("> 0, 2 decimals, from the wallet"))
        self.add_field("FeeRate", self.tr("Performance fee"), self.tr("0 to 1, 2 decimals (0.2 = 20 %)"))
        self.add_field("Protection", self.tr("Protection"), self.tr("0 to 1 (1 excluded), 3 decimals"))
        self.add_field("Target", self.tr("Target"), self.tr("> 0 or empty"))
        self.add_field("CommissionRate", self.tr("Commission"), self.tr("USD per 1M USD turnover, >= 0"))


class RenameForm(FieldForm):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Rename strategy"), parent)
        self.setObjectName("renameForm")
        edit = self.add_field("Name", self.tr("Name"), self.tr("up to 50 characters, unique"))
        edit.setText(current)
        edit.selectAll()


class TransferForm(FieldForm):
    """Add a wallet transfer (walletTransfers.add): wallet, type, amount, comments."""

    TYPES = (0, 1, 2, 3)  # the types a manager may add: fund, withdraw, bonus fund, bonus withdraw

    def __init__(self, wallet_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New transfer"), parent)
        self.setObjectName("transferForm")
        self.add_field("WalletID", self.tr("Wallet ID"), self.tr("the wallet to move money in or out of"))
        self.edits["WalletID"].setText(wallet_id)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("field.Type")
        names = (self.tr("Fund"), self.tr("Withdraw"), self.tr("Bonus fund"), self.tr("Bonus withdraw"))
        for kind, name in zip(self.TYPES, names, strict=True):
            self.type_combo.addItem(name, kind)
        self.form.insertRow(1, self.tr("Type"), self.type_combo)
        self.add_field("Amount", self.tr("Amount, USD"), self.tr("> 0, 2 decimals"))
        self.add_field("CommentClient", self.tr("Comment to the client"))
        self.add_field("CommentCompany", self.tr("Comment for the company"))

    def values(self) -> dict[str, str]:
        values = super().values()
        values["Type"] = str(self.type_combo.currentData())
        return values


class ABookForm(FieldForm):
    """Set an account's A-book share and stream (accounts.set)."""

    def __init__(
        self,
        account_id: int,
        current: str,
        streams: Sequence[tuple[int, str]] = (),
        stream: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("A-book and stream of account #{id}").format(id=account_id), parent)
        self.setObjectName("abookForm")
        edit = self.add_field("ABook", self.tr("A-book share"), self.tr("0 to 1 (1 = all to the liquidity)"))
        edit.setText(current)
        edit.selectAll()
        self.stream_combo = QComboBox(self)
        self.stream_combo.setObjectName("field.StreamID")
        self.stream_combo.addItem(self.tr("(unchanged)"), None)
        for stream_id, name in streams:
            self.stream_combo.addItem(f"{name} (#{stream_id})", stream_id)
        if stream is not None and self.stream_combo.findData(stream) >= 0:
            self.stream_combo.setCurrentIndex(self.stream_combo.findData(stream))
        self.form.addRow(self.tr("Stream"), self.stream_combo)

    def values(self) -> dict[str, str]:
        values = super().values()
        stream = self.stream_combo.currentData()
        values["StreamID"] = "" if stream is None else str(stream)
        return values


class FollowerForm(FieldForm):
    """Open a follower account on a strategy for a client (its money comes from the client's wallet)."""

    def __init__(self, strategy_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New follower account"), parent)
        self.setObjectName("followerForm")
        note = QLabel(
            self.tr(
                "Opens an account for the client that copies the strategy: the money is taken from the "
                "client's wallet, and the strategy's open positions are opened in it at market, times the "
                "factor."
            ),
            self,
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.add_field("StrategyID", self.tr("Strategy ID"), self.tr("the strategy to follow"))
        self.edits["StrategyID"].setText(strategy_id)
        self.add_field("ClientID", self.tr("Client ID"), self.tr("the investor (a client of the company)"))
        self.add_field("Money", self.tr("Money, USD"), self.tr("> 0, 2 decimals, from the client's wallet"))
        self.add_field("Factor", self.tr("Factor"), self.tr("0.01 to 1000 (or -1000 to -0.01), 2 decimals"))
        self.add_field("Protection", self.tr("Protection"), self.tr("0 to 1 (1 excluded), or empty"))
        self.add_field("Target", self.tr("Target"), self.tr("> 0, 3 decimals, or empty"))


class ClientForm(FieldForm):
    """A new client of the company with a USD wallet (clients.addWithWallet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New client"), parent)
        self.setObjectName("clientForm")
        self.add_field("Login", self.tr("Login"), self.tr("up to 64 characters, unique"))
        self.add_field("Password", self.tr("Password"), self.tr("the client's first password"), password=True)
        self.add_field("FirstName", self.tr("First name"))
        self.add_field("LastName", self.tr("Last name"))
        self.add_field("Email", self.tr("E-mail"), self.tr("name@example.com"))
        self.add_field("Mobile", self.tr("Mobile"), self.tr("+ and digits, e.g. +79001234567"))
        self.add_field("Language", self.tr("Language"), self.tr("two letters (ISO 639-1), e.g. en"))


class RightsForm(FieldForm):
    """A manager's method rights (managers.setMethods): only the rights the caller holds can be granted."""

    def __init__(
        self,
        manager: str,
        grantable: Sequence[str],
        held: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Rights of {manager}").format(manager=manager), parent)
        self.setObjectName("rightsForm")
        self.rights = QListWidget(self)
        self.rights.setObjectName("field.Methods")
        self.rights.setMinimumHeight(320)
        for method in sorted(set(grantable) | set(held)):
            item = QListWidgetItem(method, self.rights)
            item.setCheckState(Qt.CheckState.Checked if method in held else Qt.CheckState.Unchecked)
            if method not in grantable:  # held, but not the caller's to grant or take
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("You do not hold this right yourself."))
        self.form.addRow(self.tr("Methods"), self.rights)

    def checked(self) -> list[str]:
        return [
            self.rights.item(row).text()
            for row in range(self.rights.count())
            if self.rights.item(row).checkState() == Qt.CheckState.Checked
        ]

    def setBusy(self, busy: bool) -> None:
        super().setBusy(busy)
        self.rights.setEnabled(not busy)
