"""The Back office window's view-models (dxRegister): login, Accounts, Clients.

Each one is a child of its view (its tasks end with it), calls the client through the app's one
:class:`~services.dxregister.backoffice.BackOfficeSession` and never blocks the UI thread. Input is checked
before anything is sent (a message at the field); a venue refusal is shown where the user clicked, in the
venue's words.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.back_office_session import QtBackOffice
from app.service_texts import error_text, message_text, rejected_text
from services.domain import ConnectionState
from services.dxregister.client import DxRegisterClient, PendingTransfer, TransferKind
from services.dxregister.schemas import (
    Account,
    AccountTier,
    Client,
    ClientUpdate,
    DxFeedSubscriptions,
    SubscriptionItem,
)
from services.errors import RejectedInput, TesseraError, TransportError, VenueError
from services.tasks import spawn
from widgets.back_office.accounts import AccountRow, AccountsView, TransferRow
from widgets.back_office.clients import ClientRow, ClientsView
from widgets.back_office.form import FormDialog, FormField, ask
from widgets.common.numbers import localized, parse_decimal
from widgets.common.plural import plural

log = logging.getLogger("tessera.backoffice")

CURRENCY = re.compile(r"^[A-Z]{3}$")
LOGIN = re.compile(r"^[A-Za-z0-9_.@-]+$")
AMOUNT_DECIMALS = 8


def venue_words(exc: Exception) -> str:
    """The venue's own message (with its code), or what went wrong on the way."""
    if isinstance(exc, VenueError):
        code = f" [{exc.code}]" if exc.code not in (None, "", 0) else ""
        return f"{message_text(exc)}{code}"
    if isinstance(exc, TransportError):
        return message_text(exc)
    return error_text(exc)


def enum_text(value: object) -> str:
    if value is None:
        return ""
    return str(getattr(value, "value", value))


class WindowViewModel(QObject):
    """Base: a child of ``view`` whose tasks are cancelled when the view goes."""

    def __init__(self, view: QWidget, back_office: QtBackOffice) -> None:
        super().__init__(view)
        self.view = view
        self.back_office = back_office
        self._tasks: set[asyncio.Task[Any]] = set()
        tasks = self._tasks
        view.destroyed.connect(lambda *_: [task.cancel() for task in list(tasks)])

    @property
    def client(self) -> DxRegisterClient:
        return self.back_office.session.client

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = spawn(coro, name=f"back office: {name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def follow_session(self) -> None:
        """Load now if logged in, and again at every (re)login (``on_session_state``)."""
        self.back_office.stateChanged.connect(self.on_session_state)  # bound: dropped with the view
        if self.back_office.session.connected:
            self.refresh()

    def on_session_state(self, state: ConnectionState, _detail: str) -> None:
        if state is ConnectionState.CONNECTED:
            self.refresh()

    def refresh(self) -> None:
        """Load what the section shows (sections that follow the session override this)."""


# --- login -------------------------------------------------------------------------------------------------


class BackOfficeLoginViewModel(WindowViewModel):
    """The back office's login dialog: login, domain, password (checked at the field), then ``/login``."""

    succeeded = Signal(str)

    def __init__(self, dialog: FormDialog, back_office: QtBackOffice) -> None:
        super().__init__(dialog, back_office)
        self.dialog = dialog
        dialog.submitted.connect(self._on_submit)

    @staticmethod
    def fields(login: str, password: str, domain: str) -> list[FormField]:
        def tr(text: str) -> str:
            return QCoreApplication.translate("BackOfficeLoginViewModel", text)

        return [
            FormField("login", tr("Login"), value=login),
            FormField("domain", tr("Domain"), value=domain),
            FormField("password", tr("Password"), kind="password", value=password),
        ]

    def _on_submit(self, values: dict[str, str]) -> None:
        login, domain, password = values["login"].strip(), values["domain"].strip(), values["password"]
        bad = False
        if not login:
            self.dialog.set_field_error("login", self.tr("Enter your login."))
            bad = True
        if not domain:
            self.dialog.set_field_error("domain", self.tr("Enter the domain (e.g. default)."))
            bad = True
        if not password:
            self.dialog.set_field_error("password", self.tr("Enter your password."))
            bad = True
        if bad:
            return
        self.dialog.set_busy(True)
        self.dialog.show_message(self.tr("Logging in\u2026"), error=False)
        self.spawn(self._login(login, password, domain), "login")

    async def _login(self, login: str, password: str, domain: str) -> None:
        try:
            await self.back_office.session.login(login, password, domain)
        except (TesseraError, TransportError) as exc:
            self.dialog.set_busy(False)
            self.dialog.show_message(venue_words(exc))
            return
        self.dialog.set_busy(False)
        self.succeeded.emit(login)
        self.dialog.finish()


# --- accounts ----------------------------------------------------------------------------------------------


@dataclass
class MadeTransfer:
    pending: PendingTransfer
    time: datetime


def account_key(account: Account) -> str:
    return f"{account.clearing_code or ''}/{account.account_code}"


def account_row(account: Account) -> AccountRow:
    return AccountRow(
        key=account_key(account),
        clearing_code=account.clearing_code or "",
        account_code=account.account_code,
        status=enum_text(account.status),
        account_type=enum_text(account.account_type),
        currency=account.currency,
        balance=account.balance,
        credit=account.credit,
        categories=", ".join(f"{g.category}: {g.value}" for g in account.categories or []),
    )


class AccountsViewModel(WindowViewModel):
    """The accounts list and the chosen account's detail, transfers and trade permissions."""

    def __init__(self, view: AccountsView, back_office: QtBackOffice) -> None:
        super().__init__(view, back_office)
        self.view: AccountsView = view
        self.accounts: dict[str, Account] = {}
        self.owners: dict[str, str] = {}  # account key -> "domain/login"
        self.transfers: dict[str, MadeTransfer] = {}
        self.current: str | None = None
        self.dialog: FormDialog | None = None
        self._loading: asyncio.Task[Any] | None = None
        self._again = False
        view.refreshRequested.connect(self.refresh)
        view.accountChosen.connect(self._on_chosen)
        view.transferRequested.connect(self.open_transfer)
        view.editTransferRequested.connect(self.edit_transfer)
        view.permissionRequested.connect(self._on_permission)
        view.categoryRequested.connect(self.open_category)
        back_office.moneyMoved.connect(self._on_money)  # bound methods: dropped with the view
        back_office.accountsChanged.connect(self.refresh)
        self.follow_session()

    def _on_money(self, _clearing_code: str, _account_code: str) -> None:
        self.refresh()

    def on_session_state(self, state: ConnectionState, _detail: str) -> None:
        if state is ConnectionState.CONNECTED:
            self.refresh()
        elif not self.back_office.session.connected:
            self.view.set_rows([])
            self.view.set_account(None)

    # --- loading
    def refresh(self) -> None:
        if not self.back_office.session.connected:
            return
        if self._loading is not None and not self._loading.done():
            self._again = True  # once more when this load is over: what changed meanwhile
            return
        self.view.set_loading(self.tr("Loading accounts\u2026"))
        self._loading = self.spawn(self._load(), "accounts")

    async def _load(self) -> None:
        try:
            accounts, clients = await asyncio.gather(self.client.accounts(), self.client.clients())
        except (TesseraError, TransportError) as exc:
            self.view.set_loading("")
            self.view.show_message(
                self.tr("Could not load the accounts: {error}").format(error=venue_words(exc)), True
            )
            return
        self.accounts = {account_key(a): a for a in accounts}
        self.owners = {
            account_key(a): f"{c.domain or ''}/{c.login}" for c in clients for a in c.accounts or []
        }
        self.view.set_rows(account_row(a) for a in accounts)
        self.view.set_loading("")
        self.view.status_label.setText(plural(self.tr("%n account(s)", "", len(accounts)), len(accounts)))
        self._show_current()
        if self._again:
            self._again = False
            self._loading = self.spawn(self._load(), "accounts")

    def _on_chosen(self, key: object) -> None:
        self.current = None if key is None else str(key)
        if self.current is not None:
            self.view.set_permission_user(self.owners.get(self.current, ""))
            self.view.set_permission_error("")
            self.view.show_message("")
        self._show_current()

    def _show_current(self) -> None:
        account = self.accounts.get(self.current or "")
        self.view.set_account(None if account is None else account_row(account))
        self.view.set_history(
            TransferRow(
                transfer_id=made.pending.transfer_id,
                account=f"{made.pending.clearing_code}/{made.pending.account_code}",
                kind=self._kind_title(made.pending.kind),
                amount=made.pending.transfer.amount,
                currency=made.pending.transfer.currency,
                description=made.pending.transfer.description or "",
                time=made.time,
            )
            for made in self.transfers.values()
            if f"{made.pending.clearing_code}/{made.pending.account_code}" == self.current
        )

    def _kind_title(self, kind: str) -> str:
        return {
            "deposit": self.tr("Deposit"),
            "withdrawal": self.tr("Withdrawal"),
            "adjustment": self.tr("Adjustment"),
        }.get(kind, kind)

    # --- transfers
    def open_transfer(self, kind: str, editing: MadeTransfer | None = None) -> FormDialog | None:
        account = self.accounts.get(self.current or "")
        if account is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        title = self._kind_title(kind)
        amount = "" if editing is None else f"{editing.pending.transfer.amount}"
        description = "" if editing is None else editing.pending.transfer.description or ""
        dialog = FormDialog(
            self.tr("{kind} \u2014 {account}").format(kind=title, account=account_key(account)),
            [
                FormField("amount", self.tr("Amount"), value=amount, placeholder="10000.00"),
                FormField("currency", self.tr("Currency"), value=account.currency, max_length=3),
                FormField("description", self.tr("Description"), value=description, max_length=255),
            ],
            self.tr("Send") if editing is None else self.tr("Change"),
            self.view,
        )
        dialog.setObjectName(f"transferDialog.{kind}")
        dialog.inputs["currency"].setEnabled(editing is None)
        state: dict[str, Any] = {"pending": None if editing is None else editing.pending}
        dialog.submitted.connect(
            lambda values: self._on_transfer(dialog, kind, account, values, state, editing)
        )
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_transfer(self, transfer_id: str) -> FormDialog | None:
        made = self.transfers.get(transfer_id)
        if made is None:
            return None
        return self.open_transfer(made.pending.kind, made)

    def _check_transfer(
        self, dialog: FormDialog, kind: str, account: Account, values: dict[str, str]
    ) -> tuple[Decimal, str] | None:
        amount = parse_decimal(values["amount"])  # the locale's separator or "."; grouping ignored
        currency = values["currency"].strip().upper()
        ok = True
        if amount is None or not amount.is_finite():
            dialog.set_field_error("amount", self.tr("Enter an amount, e.g. 10000.00."))
            ok = False
        elif kind != "adjustment" and amount <= 0:
            dialog.set_field_error("amount", self.tr("The amount must be more than zero."))
            ok = False
        elif kind == "adjustment" and amount == 0:
            dialog.set_field_error("amount", self.tr("An adjustment cannot be zero (negative takes money)."))
            ok = False
        elif -amount.as_tuple().exponent > AMOUNT_DECIMALS:  # type: ignore[operator]  # finite: int exponent
            dialog.set_field_error(
                "amount", plural(self.tr("At most %n decimal(s).", "", AMOUNT_DECIMALS), AMOUNT_DECIMALS)
            )
            ok = False
        elif kind == "withdrawal" and account.balance is not None and amount > account.balance:
            dialog.set_field_error(
                "amount",
                self.tr("More than the balance ({balance} {currency}).").format(
                    balance=localized(f"{account.balance:,.2f}"), currency=account.currency
                ),
            )
            ok = False
        if not CURRENCY.match(currency):
            dialog.set_field_error("currency", self.tr("A three-letter currency code, e.g. RUB."))
            ok = False
        elif currency != account.currency:
            dialog.set_field_error(
                "currency", self.tr("The account holds {currency} only.").format(currency=account.currency)
            )
            ok = False
        if not ok or amount is None:
            return None
        return amount, currency

    def _on_transfer(
        self,
        dialog: FormDialog,
        kind: str,
        account: Account,
        values: dict[str, str],
        state: dict[str, Any],
        editing: MadeTransfer | None,
    ) -> None:
        checked = self._check_transfer(dialog, kind, account, values)
        if checked is None:
            return
        amount, currency = checked
        description = values["description"].strip() or None
        pending: PendingTransfer | None = state["pending"]
        if (
            pending is None
            or pending.transfer.amount != amount
            or (pending.transfer.description or None) != description
        ):
            try:
                fresh = DxRegisterClient.prepare_transfer(
                    cast(TransferKind, kind),
                    account.clearing_code or "",
                    account.account_code,
                    currency,
                    amount,
                    description,
                )
            except RejectedInput as exc:
                field = exc.field if exc.field in dialog.inputs else "amount"
                dialog.set_field_error(field, rejected_text(exc))
                return
            if pending is not None:  # an edit (or a retry with new values) keeps the transfer's id
                fresh = PendingTransfer(
                    fresh.kind,
                    fresh.clearing_code,
                    fresh.account_code,
                    fresh.transfer.model_copy(update={"transfer_id": pending.transfer_id}),
                )
            pending = fresh
            state["pending"] = pending
        dialog.set_busy(True)
        dialog.show_message(self.tr("Sending\u2026"), error=False)
        self.spawn(self._send(dialog, pending), f"{kind} {pending.transfer_id}")

    async def _send(self, dialog: FormDialog, pending: PendingTransfer) -> None:
        try:
            await self.back_office.session.send_transfer(pending)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            again = isinstance(exc, TransportError) and exc.outcome_unknown
            text = venue_words(exc)
            if again:
                text += " " + self.tr("Press Send again: the same transfer is asked for, never a second one.")
            dialog.show_message(text)
            return
        self.transfers[pending.transfer_id] = MadeTransfer(pending, datetime.now(UTC))
        dialog.set_busy(False)
        dialog.finish()
        self.view.show_message(
            self.tr("{kind} of {amount} {currency} done.").format(
                kind=self._kind_title(pending.kind),
                amount=localized(f"{pending.transfer.amount:,f}"),
                currency=pending.transfer.currency,
            )
        )
        self._show_current()

    # --- categories
    def open_category(self) -> FormDialog | None:
        account = self.accounts.get(self.current or "")
        if account is None:
            return None
        current = {g.category: g.value for g in account.categories or []}
        dialog = FormDialog(
            self.tr("Categories of {account}").format(account=account_key(account)),
            [
                FormField("group", self.tr("Group"), kind="choice"),
                FormField(
                    "action",
                    self.tr("Action"),
                    kind="choice",
                    choices=[
                        ("set", self.tr("Put the account in this group")),
                        ("remove", self.tr("Take the account out of this category")),
                    ],
                ),
            ],
            self.tr("Apply"),
            self.view,
        )
        dialog.setObjectName("accountDialog.category")
        dialog.submitted.connect(lambda values: self._on_category(dialog, account, current, values))
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        self.spawn(self._categories(dialog, account, current), "categories")
        return dialog

    async def _categories(self, dialog: FormDialog, account: Account, current: dict[str, str]) -> None:
        try:
            categories = await self.client.broker_categories(account.broker_code or "")
        except (TesseraError, TransportError) as exc:
            dialog.show_message(venue_words(exc))
            return
        choices = [
            (
                f"{c.category}\t{v.value}",
                f"{c.category}: {v.value}" + ("  \u2713" if current.get(c.category) == v.value else ""),
            )
            for c in categories
            for v in c.values or []
        ]
        dialog.set_choices("group", choices)

    def _on_category(
        self, dialog: FormDialog, account: Account, current: dict[str, str], values: dict[str, str]
    ) -> None:
        category, _tab, value = values["group"].partition("\t")
        if not category:
            dialog.set_field_error("group", self.tr("Choose a group."))
            return
        remove = values["action"] == "remove"
        if remove and category not in current:
            dialog.set_field_error("group", self.tr("The account is in no group of {c}.").format(c=category))
            return
        if not remove and current.get(category) == value:
            dialog.set_field_error("group", self.tr("The account is in this group already."))
            return
        dialog.set_busy(True)
        self.spawn(self._category(dialog, account, category, None if remove else value), "category")

    async def _category(self, dialog: FormDialog, account: Account, category: str, value: str | None) -> None:
        clearing, code = account.clearing_code or "", account.account_code
        try:
            if value is None:
                await self.client.delete_account_category(clearing, code, category)
            else:
                await self.client.set_account_category(clearing, code, category, value)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        self.view.show_message(
            self.tr("Categories of {account} changed.").format(account=account_key(account))
        )
        self.refresh()

    # --- trade permissions
    def _on_permission(self, add: bool, who: str) -> None:
        account = self.accounts.get(self.current or "")
        if account is None:
            return
        domain, _slash, login = who.partition("/")
        if not who or not _slash or not domain.strip() or not LOGIN.match(login.strip()):
            self.view.set_permission_error(self.tr("Write the user as domain/login, e.g. default/demo."))
            return
        domain, login = domain.strip(), login.strip()
        if add:
            self.spawn(self._permission(account, True, domain, login), "grant")
            return
        ask(
            self.view,
            self.tr("Revoke the trade permission"),
            self.tr(
                "Revoke {user}'s permission to trade on account {account}? Their next order on it "
                "will be refused."
            ).format(user=f"{domain}/{login}", account=account_key(account)),
            self.tr("Revoke"),
            lambda: self.spawn(self._permission(account, False, domain, login), "revoke"),
        )

    async def _permission(self, account: Account, add: bool, domain: str, login: str) -> None:
        clearing, code = account.clearing_code or "", account.account_code
        try:
            if add:
                await self.client.add_trade_permission(clearing, code, domain, login)
            else:
                await self.client.remove_trade_permission(clearing, code, domain, login)
        except (TesseraError, TransportError) as exc:
            self.view.set_permission_error(venue_words(exc))
            return
        text = (
            self.tr("{user} may trade on {account}.")
            if add
            else self.tr("{user} may no longer trade on {account}.")
        )
        self.view.show_message(text.format(user=f"{domain}/{login}", account=account_key(account)))


# --- clients -----------------------------------------------------------------------------------------------


def client_key(client: Client) -> str:
    return f"{client.domain or ''}/{client.login}"


def client_row(client: Client) -> ClientRow:
    return ClientRow(
        key=client_key(client),
        domain=client.domain or "",
        login=client.login,
        full_name=client.full_name or "",
        email=client.email or "",
        type=enum_text(client.type),
        status=enum_text(client.status),
        accounts=", ".join(a.account_code for a in client.accounts or []),
        groups=", ".join(client.groups or []),
    )


class ClientsViewModel(WindowViewModel):
    """The clients list; create, edit, disable and terminate."""

    def __init__(self, view: ClientsView, back_office: QtBackOffice) -> None:
        super().__init__(view, back_office)
        self.view: ClientsView = view
        self.clients: dict[str, Client] = {}
        self.dialog: FormDialog | None = None
        view.refreshRequested.connect(self.refresh)
        view.createRequested.connect(self.open_create)
        view.editRequested.connect(self.open_edit)
        view.disableRequested.connect(self.confirm_disable)
        view.accountRequested.connect(self.open_account)
        view.groupsRequested.connect(self.open_groups)
        view.marketDataRequested.connect(self.open_market_data)
        self.groups: list[str] = []  # "domain@name"
        self.follow_session()

    def refresh(self) -> None:
        if self.back_office.session.connected:
            self.view.set_status(self.tr("Loading clients\u2026"))
            self.spawn(self._load(), "clients")

    async def _load(self, said: str = "") -> None:
        """Load the clients; the status line then says ``said`` (else how many there are)."""
        try:
            clients = await self.client.clients()
            self.groups = [f"{g.domain}@{g.name}" for g in await self.client.client_groups()]
        except (TesseraError, TransportError) as exc:
            self.view.set_status(
                self.tr("Could not load the clients: {error}").format(error=venue_words(exc)), True
            )
            return
        self.clients = {client_key(c): c for c in clients}
        self.view.set_rows(client_row(c) for c in clients)
        self.view.set_status(said or plural(self.tr("%n client(s)", "", len(clients)), len(clients)))

    # --- create / edit
    def open_create(self) -> FormDialog:
        dialog = FormDialog(
            self.tr("New client"),
            [
                FormField("login", self.tr("Login")),
                FormField("domain", self.tr("Domain"), value=self.back_office.session.domain),
                FormField("full_name", self.tr("Full name")),
                FormField("email", self.tr("E-mail")),
                FormField("password", self.tr("Password"), kind="password"),
                FormField(
                    "account", self.tr("Account code"), placeholder=self.tr("optional, e.g. NEW-USD-01")
                ),
                FormField("currency", self.tr("Account currency"), value="USD", max_length=3),
            ],
            self.tr("Create"),
            self.view,
        )
        dialog.setObjectName("clientDialog.create")
        dialog.submitted.connect(lambda values: self._on_create(dialog, values))
        self._show(dialog)
        return dialog

    def open_edit(self, key: str) -> FormDialog | None:
        client = self.clients.get(key)
        if client is None:
            return None
        dialog = FormDialog(
            self.tr("Edit {client}").format(client=key),
            [
                FormField("full_name", self.tr("Full name"), value=client.full_name or ""),
                FormField("email", self.tr("E-mail"), value=client.email or ""),
            ],
            self.tr("Save"),
            self.view,
        )
        dialog.setObjectName("clientDialog.edit")
        self.spawn(
            self._version(client), "version"
        )  # the version being edited: a change meanwhile is refused
        dialog.submitted.connect(lambda values: self._on_edit(dialog, client, values))
        self._show(dialog)
        return dialog

    def _show(self, dialog: FormDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()

    def _check_email(self, dialog: FormDialog, email: str) -> bool:
        if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
            dialog.set_field_error("email", self.tr("Not an e-mail address (name@example.com)."))
            return False
        return True

    def _on_create(self, dialog: FormDialog, values: dict[str, str]) -> None:
        login, domain = values["login"].strip(), values["domain"].strip()
        account, currency = values["account"].strip(), values["currency"].strip().upper()
        ok = self._check_email(dialog, values["email"].strip())
        if not login:
            dialog.set_field_error("login", self.tr("Enter the new client's login."))
            ok = False
        elif not LOGIN.match(login):
            dialog.set_field_error("login", self.tr("Letters, digits and _ . @ - only."))
            ok = False
        elif f"{domain}/{login}" in self.clients:
            dialog.set_field_error("login", self.tr("{login} already exists.").format(login=login))
            ok = False
        if not domain:
            dialog.set_field_error("domain", self.tr("Enter the domain (e.g. default)."))
            ok = False
        if len(values["password"]) < 4:
            dialog.set_field_error("password", self.tr("At least 4 characters."))
            ok = False
        if account and not CURRENCY.match(currency):
            dialog.set_field_error("currency", self.tr("A three-letter currency code, e.g. USD."))
            ok = False
        if not ok:
            return
        client = Client(
            domain=domain,
            login=login,
            full_name=values["full_name"].strip() or None,
            email=values["email"].strip() or None,
            password=values["password"],
            accounts=[Account(account_code=account, currency=currency)] if account else None,
        )
        dialog.set_busy(True)
        self.spawn(self._create(dialog, client), f"create {login}")

    async def _create(self, dialog: FormDialog, client: Client) -> None:
        try:
            made = await self.client.create_client(client)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        await self._load(self.tr("Client {client} created.").format(client=client_key(made)))
        self.view.select(client_key(made))

    async def _version(self, client: Client) -> None:
        with contextlib.suppress(TesseraError, TransportError):  # without it the edit reads it itself
            await self.client.client(client.domain or "", client.login)

    def _on_edit(self, dialog: FormDialog, client: Client, values: dict[str, str]) -> None:
        if not self._check_email(dialog, values["email"].strip()):
            return
        update = ClientUpdate(
            full_name=values["full_name"].strip() or None, email=values["email"].strip() or None
        )
        dialog.set_busy(True)
        self.spawn(self._edit(dialog, client, update), f"edit {client.login}")

    async def _edit(self, dialog: FormDialog, client: Client, update: ClientUpdate) -> None:
        domain = client.domain or ""
        try:
            etag = self.client.etag_of(domain, client.login)
            if etag is None:
                await self.client.client(domain, client.login)
                etag = self.client.etag_of(domain, client.login)
            await self.client.update_client(domain, client.login, update, if_match=etag)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        await self._load(self.tr("Client {client} saved.").format(client=client_key(client)))

    # --- disable and terminate
    def confirm_disable(self, key: str) -> None:
        client = self.clients.get(key)
        if client is None:
            return
        name = f"{client.full_name} ({key})" if client.full_name else key
        ask(
            self.view,
            self.tr("Disable and terminate"),
            self.tr(
                "Disable {client} and terminate all their accounts? They are logged out and cannot trade "
                "on them again."
            ).format(client=name),
            self.tr("Disable and terminate"),
            lambda: self.spawn(self._disable(client), f"disable {key}"),
        )

    async def _disable(self, client: Client) -> None:
        try:
            await self.client.disable_client(client.domain or "", client.login)
        except (TesseraError, TransportError) as exc:
            self.view.set_status(venue_words(exc), error=True)
            return
        self.back_office.session.tell_accounts_changed()
        await self._load(
            self.tr("{client} disabled; their accounts are terminated.").format(client=client_key(client))
        )

    # --- a new account
    def open_account(self, key: str) -> FormDialog | None:
        client = self.clients.get(key)
        if client is None:
            return None
        dialog = FormDialog(
            self.tr("New account for {client}").format(client=key),
            [
                FormField("account", self.tr("Account code"), placeholder="NEW-USD-02"),
                FormField("currency", self.tr("Currency"), value="USD", max_length=3),
                FormField(
                    "tier",
                    self.tr("Type"),
                    kind="choice",
                    value=AccountTier.DEMO.value,
                    choices=[
                        (AccountTier.DEMO.value, self.tr("Demo")),
                        (AccountTier.LIVE.value, self.tr("Live")),
                    ],
                ),
            ],
            self.tr("Open"),
            self.view,
        )
        dialog.setObjectName("clientDialog.account")
        dialog.submitted.connect(lambda values: self._on_account(dialog, client, values))
        self._show(dialog)
        return dialog

    def _on_account(self, dialog: FormDialog, client: Client, values: dict[str, str]) -> None:
        code, currency = values["account"].strip(), values["currency"].strip().upper()
        ok = True
        if not code or not LOGIN.match(code):
            dialog.set_field_error("account", self.tr("An account code: letters, digits and _ . @ - only."))
            ok = False
        if not CURRENCY.match(currency):
            dialog.set_field_error("currency", self.tr("A three-letter currency code, e.g. USD."))
            ok = False
        if not ok:
            return
        account = Account(account_code=code, currency=currency, account_type=AccountTier(values["tier"]))
        dialog.set_busy(True)
        self.spawn(self._account(dialog, client, account), f"account {code}")

    async def _account(self, dialog: FormDialog, client: Client, account: Account) -> None:
        try:
            made = await self.client.create_account(client.domain or "", client.login, account)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        self.back_office.session.tell_accounts_changed()  # the account lists load again
        await self._load(
            self.tr("Account {account} opened for {client}.").format(
                account=account_key(made), client=client_key(client)
            )
        )

    # --- group membership
    def open_groups(self, key: str) -> FormDialog | None:
        client = self.clients.get(key)
        if client is None:
            return None
        member = set(client.groups or [])
        dialog = FormDialog(
            self.tr("Groups of {client}").format(client=key),
            [
                FormField(
                    "group",
                    self.tr("Group"),
                    kind="choice",
                    choices=[(g, g + ("  \u2713" if g in member else "")) for g in self.groups],
                ),
                FormField(
                    "action",
                    self.tr("Action"),
                    kind="choice",
                    choices=[
                        ("add", self.tr("Add to the group")),
                        ("remove", self.tr("Remove from the group")),
                    ],
                ),
            ],
            self.tr("Apply"),
            self.view,
        )
        dialog.setObjectName("clientDialog.groups")
        dialog.submitted.connect(lambda values: self._on_groups(dialog, client, values))
        self._show(dialog)
        return dialog

    def _on_groups(self, dialog: FormDialog, client: Client, values: dict[str, str]) -> None:
        group, add = values["group"], values["action"] == "add"
        if not group:
            dialog.set_field_error("group", self.tr("Choose a group."))
            return
        if add == (group in (client.groups or [])):
            text = self.tr("Already in {group}.") if add else self.tr("Not in {group}.")
            dialog.set_field_error("group", text.format(group=group))
            return
        dialog.set_busy(True)
        self.spawn(self._groups(dialog, client, group, add), "groups")

    async def _groups(self, dialog: FormDialog, client: Client, group: str, add: bool) -> None:
        group_domain, _at, name = group.partition("@")
        domain = client.domain or ""
        try:
            await self.client.client(domain, client.login)  # its version now: the If-Match of the change
            if add:
                await self.client.add_client_to_group(domain, client.login, group_domain, name)
            else:
                await self.client.remove_client_from_group(domain, client.login, group_domain, name)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        said = self.tr("{client} added to {group}.") if add else self.tr("{client} removed from {group}.")
        await self._load(said.format(client=client_key(client), group=group))

    # --- market data
    def open_market_data(self, key: str) -> FormDialog | None:
        client = self.clients.get(key)
        if client is None:
            return None
        dialog = FormDialog(
            self.tr("Market data of {client}").format(client=key),
            [
                FormField("account_id", self.tr("dxFeed account"), value=client.dx_feed_account_id or ""),
                FormField(
                    "action",
                    self.tr("Action"),
                    kind="choice",
                    choices=[
                        ("activate", self.tr("Activate subscriptions")),
                        ("cancel", self.tr("Cancel subscriptions")),
                        ("suspend", self.tr("Suspend the account")),
                    ],
                ),
                FormField(
                    "feeds", self.tr("Feeds"), placeholder=self.tr("comma separated, e.g. NYSE, NASDAQ")
                ),
                FormField("end_date", self.tr("Until"), placeholder=self.tr("optional, e.g. 2026-12-31")),
            ],
            self.tr("Apply"),
            self.view,
        )
        dialog.setObjectName("clientDialog.marketData")
        dialog.submitted.connect(lambda values: self._on_market_data(dialog, values))
        self._show(dialog)
        return dialog

    def _on_market_data(self, dialog: FormDialog, values: dict[str, str]) -> None:
        account_id, action = values["account_id"].strip(), values["action"]
        feeds = [f.strip() for f in values["feeds"].split(",") if f.strip()]
        end = values["end_date"].strip() or None
        ok = True
        if not account_id:
            dialog.set_field_error("account_id", self.tr("The client's dxFeed account id."))
            ok = False
        if action != "suspend" and not feeds:
            dialog.set_field_error("feeds", self.tr("Name at least one feed."))
            ok = False
        if end is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", end):
            dialog.set_field_error("end_date", self.tr("A date as YYYY-MM-DD, or empty."))
            ok = False
        if not ok:
            return
        client = self.client
        if action == "suspend":
            call = client.suspend_market_data_account(account_id)
        else:
            subscriptions = DxFeedSubscriptions(
                account_id=account_id,
                subscriptions=[SubscriptionItem(feed_name=f, end_date=end) for f in feeds],
            )
            call = (client.activate_market_data if action == "activate" else client.cancel_market_data)(
                subscriptions
            )
        dialog.set_busy(True)
        self.spawn(self._market_data(dialog, call), f"market data {action}")

    async def _market_data(self, dialog: FormDialog, call: Coroutine[Any, Any, str]) -> None:
        try:
            answer = await call
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        self.view.set_status(
            self.tr("Market data: the venue answered {answer}.").format(answer=answer.strip())
        )
