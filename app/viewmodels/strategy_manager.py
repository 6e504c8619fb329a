"""The Strategy manager's view-model: RAMM lists page by page, details, forms and copy trading.

Every list asks one page of its ``*.search`` at a time (the search convention: Filter from the search
field, Pagination, OrderBy from a clicked header); nothing loads everything. A venue refusal is shown where
the user clicked (the list's or the form's message line, in the venue's words). Forms are checked here
before anything is sent; a field the venue refuses (``invalid input in field 'X'``) gets the message at
that field. Destructive actions ask first and say what happens to the positions.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer

from app.service_texts import message_text, rejected_text
from app.viewmodels.ramm_fields import EMAIL, LANGUAGE, MOBILE, FieldChecks
from services.domain import ConnectionState
from services.errors import RejectedInput, TransportError, VenueError
from services.ramm import schemas as s
from services.ramm.client import RammClient
from services.ramm.copy_trading import CopyTrader, PublishedSignal
from services.ramm.enums import (
    AccountState,
    AccountStatus,
    AccountType,
    AssetType,
    CopyStrategyStatus,
    DealType,
    ManagerStatus,
    SignalStatus,
    SortDirection,
    TransferType,
)
from services.ramm.search import Query
from services.ramm.session import RammSession
from services.tasks import loop_running, spawn
from widgets.common.plural import plural
from widgets.strategy_manager.forms import (
    ABookForm,
    ClientForm,
    FieldForm,
    FollowerForm,
    RammLoginDialog,
    RenameForm,
    RightsForm,
    StrategyForm,
    TransferForm,
)
from widgets.strategy_manager.paged_list import PagedList
from widgets.strategy_manager.window import StrategyManagerWindow, show_message

PER_PAGE = 50
CHECK_NAME_DELAY_MS = 300
EQUITY_READS_AT_ONCE = 8
FIELD_IN_MESSAGE = re.compile(r"field '([A-Za-z.]+)'")


def venue_words(exc: Exception) -> str:
    """A refusal as the venue put it (its code when the message does not say it)."""
    if isinstance(exc, VenueError):
        code, message = str(exc.code or ""), message_text(exc)
        return message if not code or code in exc.message else f"{message} ({code})"
    if isinstance(exc, RejectedInput):
        return rejected_text(exc)
    return message_text(exc)


def refused(form: FieldForm, exc: Exception) -> None:
    """A refusal of a form's request: at the field the venue names (``invalid input in field 'X'``), else
    on the form's message line (``access_denied`` and the like: where the user clicked)."""
    form.setBusy(False)
    field = FIELD_IN_MESSAGE.search(exc.message) if isinstance(exc, VenueError) else None
    if field is not None and field.group(1) in form.edits:
        form.setFieldError(field.group(1), venue_words(exc))
    else:
        form.showMessage(venue_words(exc))


def _showing(form: FieldForm | None) -> bool:
    """An open form (one closed a moment ago may still wait for its deletion)."""
    return form is not None and shiboken6.isValid(form) and form.isVisible()


def _shown(value: Any) -> str:
    """A value the venue may leave out: a dash when it did."""
    return "\u2014" if value is None else f"{value}"
# Words of the RAMM enums (_enum_name) and of a signal's delivery, marked for lupdate; a test checks the list.
RAMM_WORDS = (
    QT_TRANSLATE_NOOP("ramm", "not activated"),
    QT_TRANSLATE_NOOP("ramm", "active"),
    QT_TRANSLATE_NOOP("ramm", "paused"),
    QT_TRANSLATE_NOOP("ramm", "disabled"),
    QT_TRANSLATE_NOOP("ramm", "closed"),
    QT_TRANSLATE_NOOP("ramm", "fund"),
    QT_TRANSLATE_NOOP("ramm", "withdraw"),
    QT_TRANSLATE_NOOP("ramm", "bonus fund"),
    QT_TRANSLATE_NOOP("ramm", "bonus withdraw"),
    QT_TRANSLATE_NOOP("ramm", "to account"),
    QT_TRANSLATE_NOOP("ramm", "from account"),
    QT_TRANSLATE_NOOP("ramm", "fee"),
    QT_TRANSLATE_NOOP("ramm", "commission"),
    QT_TRANSLATE_NOOP("ramm", "partners"),
    QT_TRANSLATE_NOOP("ramm", "new"),
    QT_TRANSLATE_NOOP("ramm", "ok"),
    QT_TRANSLATE_NOOP("ramm", "reject"),
    QT_TRANSLATE_NOOP("ramm", "error"),
    QT_TRANSLATE_NOOP("ramm", "currency"),
    QT_TRANSLATE_NOOP("ramm", "metal"),
    QT_TRANSLATE_NOOP("ramm", "share"),
    QT_TRANSLATE_NOOP("ramm", "cryptocurrency"),
    QT_TRANSLATE_NOOP("ramm", "disabled temporarily"),
    QT_TRANSLATE_NOOP("ramm", "disabled hidden"),
    QT_TRANSLATE_NOOP("ramm", "deleted"),
    QT_TRANSLATE_NOOP("ramm", "real security"),
    QT_TRANSLATE_NOOP("ramm", "virtual master"),
    QT_TRANSLATE_NOOP("ramm", "real internal"),
    QT_TRANSLATE_NOOP("ramm", "real external"),
    QT_TRANSLATE_NOOP("ramm", "margin call"),
    QT_TRANSLATE_NOOP("ramm", "protection target"),
    QT_TRANSLATE_NOOP("ramm", "pause"),
    QT_TRANSLATE_NOOP("ramm", "unused"),
    QT_TRANSLATE_NOOP("ramm", "active no positions"),
    QT_TRANSLATE_NOOP("ramm", "active with positions"),
    QT_TRANSLATE_NOOP("ramm", "margin call with positions"),
    QT_TRANSLATE_NOOP("ramm", "margin call no positions"),
    QT_TRANSLATE_NOOP("ramm", "protection with positions"),
    QT_TRANSLATE_NOOP("ramm", "protection no positions"),
    QT_TRANSLATE_NOOP("ramm", "target with positions"),
    QT_TRANSLATE_NOOP("ramm", "target no positions"),
    QT_TRANSLATE_NOOP("ramm", "pause with positions"),
    QT_TRANSLATE_NOOP("ramm", "pause no positions"),
    QT_TRANSLATE_NOOP("ramm", "disabled with positions"),
    QT_TRANSLATE_NOOP("ramm", "disabled no positions"),
    QT_TRANSLATE_NOOP("ramm", "closed with positions"),
    QT_TRANSLATE_NOOP("ramm", "closed no positions"),
    QT_TRANSLATE_NOOP("ramm", "buy"),
    QT_TRANSLATE_NOOP("ramm", "sell"),
    QT_TRANSLATE_NOOP("ramm", "balance"),
    QT_TRANSLATE_NOOP("ramm", "credit"),
    QT_TRANSLATE_NOOP("ramm", "additional charge"),
    QT_TRANSLATE_NOOP("ramm", "correction"),
    QT_TRANSLATE_NOOP("ramm", "bonus"),
    QT_TRANSLATE_NOOP("ramm", "dividend"),
    QT_TRANSLATE_NOOP("ramm", "interest"),
    QT_TRANSLATE_NOOP("ramm", "cancelled buy"),
    QT_TRANSLATE_NOOP("ramm", "cancelled sell"),
    QT_TRANSLATE_NOOP("ramm", "periodical commission"),
    QT_TRANSLATE_NOOP("ramm", "zero total order"),
    QT_TRANSLATE_NOOP("ramm", "sending"),
    QT_TRANSLATE_NOOP("ramm", "sent"),
    QT_TRANSLATE_NOOP("ramm", "unknown"),
    QT_TRANSLATE_NOOP("ramm", "not delivered"),
    QT_TRANSLATE_NOOP("ramm", "refused"),
)


def _enum_name(kind: Any, value: Any) -> str:
    """A venue enum's value as words (translated when the catalogue has them)."""
    if value is None:
        return ""
    try:
        words = str(kind(int(value)).name).replace("_", " ").lower()
    except ValueError:
        return str(value)
    return QCoreApplication.translate("ramm", words)


def _record(row: Any, **extra: Any) -> dict[str, Any]:
    data = row.model_dump() if hasattr(row, "model_dump") else dict(row)
    data.update(extra)
    return data


class ListController(QObject):
    """One :class:`PagedList` over one ``*.search``."""

    def __init__(
        self,
        owner: StrategyManagerViewModel,
        view: PagedList,
        search: Callable[[RammClient, Query], Awaitable[s.SearchPage[Any]]],
        filter_of: Callable[[str], dict[str, Any] | None],
        record: Callable[[Any], dict[str, Any]] = _record,
        default_order: tuple[str, SortDirection] | None = None,
        key: str = "ID",
        details: Callable[[RammClient, list[Any]], Awaitable[dict[Any, dict[str, Any]]]] | None = None,
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.view = view
        self._search = search
        self._filter_of = filter_of
        self._record = record
        self.text = ""
        self.per_page = PER_PAGE
        self.page = 1
        self.order = default_order
        self.rows: dict[Any, Any] = {}
        self.key = key
        self._details = details  # fields the search lacks, read per row of the page shown
        self._generation = 0
        self.loaded = asyncio.Event()
        view.searchRequested.connect(self._on_search)
        view.pageRequested.connect(self._on_page)
        view.sortRequested.connect(self._on_sort)

    def reload(self, page: int | None = None) -> None:
        if page is not None:
            self.page = page
        self.owner.spawn(self._load())

    def _on_search(self, text: str) -> None:
        self.text = text
        self.reload(1)

    def _on_page(self, page: int) -> None:
        self.reload(max(1, page))

    def _on_sort(self, field: str, descending: bool) -> None:
        self.order = (field, SortDirection.DESC if descending else SortDirection.ASC)
        self.reload(1)

    async def _load(self) -> None:
        if not self.owner.ramm.connected:
            return
        try:
            filter_ = self._filter_of(self.text)
        except ValueError as exc:
            self.view.showMessage(str(exc))
            return
        query = Query(filter=filter_, page=self.page, per_page=self.per_page)
        if self.order is not None:
            query = Query(filter_, self.page, self.per_page, self.order[0], self.order[1])
        self.view.setBusy(True)
        self._generation += 1
        generation = self._generation
        try:
            page = await self._search(self.owner.ramm.client, query)
        except (VenueError, TransportError) as exc:
            self.view.setBusy(False)
            self.view.showMessage(venue_words(exc))
            return
        self.view.showMessage("")
        self.rows = {getattr(row, self.key): row for row in page.rows}
        info = page.pagination
        self.view.setPage(
            info.CurrentPage, info.TotalPages, info.TotalRecords, [self._record(r) for r in page.rows]
        )
        self.loaded.set()
        if self._details is not None and page.rows:
            extra = await self._details(self.owner.ramm.client, list(page.rows))
            if generation == self._generation and self.owner._alive():
                records = [self._record(r) for r in page.rows if getattr(r, self.key) in extra]
                self.view.model.upsert([{**r, **extra[r[self.key]]} for r in records])


def _id_filter(field: str, what: str) -> Callable[[str], dict[str, Any] | None]:
    def parse(text: str) -> dict[str, Any] | None:
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"{what} is a number.")
        return {field: int(text)}

    return parse


async def _strategy_equities(
    client: RammClient, rows: list[s.StrategySearchRow]
) -> dict[Any, dict[str, Any]]:
    """Each strategy's absolute equity (``strategies.get`` Equity, the total of all investments): the search
    rows have only the unit price. Read for the page shown, a few at a time; a failed read stays blank."""
    limit = asyncio.Semaphore(EQUITY_READS_AT_ONCE)

    async def one(row: s.StrategySearchRow) -> tuple[int, Any]:
        async with limit:
            try:
                return row.ID, (await client.strategies_get(row.ID)).Equity
            except (VenueError, TransportError):
                return row.ID, None

    found = await asyncio.gather(*(one(row) for row in rows))
    return {strategy_id: {"Equity": equity} for strategy_id, equity in found if equity is not None}


def _fills_filter(text: str) -> dict[str, Any]:
    """A symbol, or the last 30 days (without one the venue allows at most a month)."""
    if text:
        return {"Symbol": text.upper()}
    now = datetime.now(UTC).replace(tzinfo=None)
    return {"DTProcessedFrom": now - timedelta(days=30), "DTProcessedTo": now + timedelta(hours=1)}


class StrategyManagerViewModel(QObject):
    def __init__(
        self,
        window: StrategyManagerWindow,
        ramm: RammSession,
        copy: CopyTrader,
        trading_accounts: Callable[[], list[tuple[str, str]]],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ramm = ramm
        self.copy = copy
        self.trading_accounts = trading_accounts
        self._tasks: set[asyncio.Task[Any]] = set()
        self.strategy: s.StrategyInfo | None = None
        self.account: s.AccountRow | None = None
        self.login_dialog: RammLoginDialog | None = None
        self.form: StrategyForm | None = None
        self.rename_form: RenameForm | None = None
        self.abook_form: ABookForm | None = None
        self.follower_form: FollowerForm | None = None
        self.client_form: ClientForm | None = None
        self.rights_form: RightsForm | None = None
        self._name_timer = QTimer(self)
        self._name_timer.setSingleShot(True)
        self._name_timer.setInterval(CHECK_NAME_DELAY_MS)
        self._name_timer.timeout.connect(self._check_name)
        w = window
        self.strategies = ListController(
            self,
            w.strategies,
            lambda c, q: c.strategies_search(q),
            lambda text: {"Name": text} if text else None,
            lambda r: _record(r, status=_enum_name(CopyStrategyStatus, r.Status)),
            details=_strategy_equities,
        )
        self.accounts = ListController(
            self,
            w.accounts,
            lambda c, q: c.accounts_search(q),
            _id_filter("StrategyID", self.tr("The strategy ID")),
            self._account_record,
        )
        self.clients = ListController(
            self, w.clients, lambda c, q: c.clients_search(q), lambda t: {"Value": t} if t else None
        )
        self.wallets = ListController(
            self,
            w.wallets,
            lambda c, q: c.wallets_search(q),
            _id_filter("ClientID", self.tr("The client ID")),
        )
        self.transfers = ListController(
            self,
            w.transfers,
            lambda c, q: c.wallet_transfers_search(q),
            _id_filter("WalletID", self.tr("The wallet ID")),
            lambda r: _record(r, type=_enum_name(TransferType, r.Type)),
            ("ID", SortDirection.DESC),
        )
        self.signals = ListController(
            self,
            w.signals,
            lambda c, q: c.signals_search(q),
            _id_filter("StrategyID", self.tr("The strategy ID")),
            lambda r: _record(r, status=_enum_name(SignalStatus, r.Status)),
            ("ID", SortDirection.DESC),
        )
        self.lists = [
            self.strategies,
            self.accounts,
            self.clients,
            self.wallets,
            self.transfers,
            self.signals,
        ]
        self.client_stats = ListController(
            self,
            w.client_stats,
            lambda c, q: c.clients_search_statistic(q),
            lambda t: {"Login": t} if t else None,
            key="IDClient",
        )
        self.fills = ListController(
            self,
            w.fills,
            lambda c, q: c.fills_search(q),
            _fills_filter,
            default_order=("ID", SortDirection.DESC),
        )
        self.fill_requests = ListController(
            self,
            w.fill_requests,
            lambda c, q: c.fill_requests_search(q),
            lambda t: {"Symbol": t.upper()} if t else None,
            default_order=("ID", SortDirection.DESC),
        )
        self.assets = ListController(
            self,
            w.assets,
            lambda c, q: c.assets_search(q),
            lambda t: {"Name": t} if t else None,
            lambda r: _record(r, type=_enum_name(AssetType, r.Type)),
        )
        self.symbols = ListController(
            self, w.symbols, lambda c, q: c.symbols_search(q), lambda t: {"Name": t.upper()} if t else None
        )
        self.managers = ListController(
            self,
            w.managers,
            lambda c, q: c.managers_search(q),
            lambda t: {"Value": t} if t else None,
            lambda r: _record(r, status=_enum_name(ManagerStatus, r.Status)),
        )
        self.companies = ListController(
            self, w.companies, lambda c, q: c.companies_search(q), lambda t: {"Name": t} if t else None
        )
        self.lists += [
            self.client_stats,
            self.fills,
            self.fill_requests,
            self.assets,
            self.symbols,
            self.managers,
            self.companies,
        ]
        w.strategies.currentChanged.connect(self._on_strategy)
        w.accounts.currentChanged.connect(self._on_account)
        w.new_strategy_button.clicked.connect(self.open_create)
        w.rename_button.clicked.connect(self.open_rename)
        w.close_strategy_button.clicked.connect(self.ask_close_strategy)
        w.pause_button.clicked.connect(lambda: self.ask_account_command("pause"))
        w.resume_button.clicked.connect(lambda: self.ask_account_command("resume"))
        w.close_account_button.clicked.connect(lambda: self.ask_account_command("close"))
        w.abook_button.clicked.connect(self.open_abook)
        w.open_account_button.clicked.connect(self.open_follower)
        w.new_transfer_button.clicked.connect(self.open_transfer)
        w.managers.currentChanged.connect(self._on_manager)
        w.new_client_button.clicked.connect(self.open_client)
        w.rights_button.clicked.connect(self.open_rights)
        w.sessions.refreshRequested.connect(lambda: self.spawn(self._load_sessions()))
        w.sessions.logoutRequested.connect(self.ask_session_logout)
        w.copy_trading.linkRequested.connect(self.link)
        w.copy_trading.unlinkRequested.connect(self.unlink)
        w.copy_trading.refreshRequested.connect(self.refresh_copy)
        w.loginRequested.connect(self.open_login)
        w.logoutRequested.connect(lambda: self.spawn(self.ramm.logout()))
        window.destroyed.connect(lambda *_args, vm=self: vm._cancel_all())
        ramm.state_changed.connect(self._on_state)
        ramm.rights_changed.connect(self._on_rights)
        copy.changed.connect(self._show_copy)
        self._on_state(ramm.state, ramm.detail)
        self._show_copy()

    # --- tasks
    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = spawn(coro, name="strategy manager")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _cancel_all(self, *_args: object) -> None:
        self.ramm.state_changed.disconnect(self._on_state)
        self.ramm.rights_changed.disconnect(self._on_rights)
        self.copy.changed.disconnect(self._show_copy)
        for task in list(self._tasks):
            task.cancel()

    def _alive(self) -> bool:
        return shiboken6.isValid(self.window)

    # --- session
    def _on_state(self, state: ConnectionState, detail: str) -> None:
        if not self._alive():
            return
        connected = state in (ConnectionState.CONNECTED, ConnectionState.DEGRADED)
        if connected:
            company = self.ramm.company.Name if self.ramm.company is not None else ""
            text = self.tr("Logged in as {login} to {company}.").format(
                login=self.ramm.login_name, company=company
            )
        elif state is ConnectionState.CONNECTING:
            text = self.tr("Logging in\u2026")
        else:
            text = self.tr("Not logged in to RAMM.") + (f" {detail}" if detail else "")
        self.window.setSession(text, connected)
        self._show_trading_accounts()
        if state is ConnectionState.CONNECTED and not self.strategies.loaded.is_set():
            self.reload_all()

    def _on_rights(self, rights: frozenset[str]) -> None:
        if self._alive():
            self.window.statusBar().showMessage(
                plural(
                    self.tr(
                        "Your RAMM rights changed (%n method(s)); the lists are read again.", "", len(rights)
                    ),
                    len(rights),
                ),
                10000,
            )
            self.reload_all()

    def reload_all(self) -> None:
        for controller in self.lists:
            controller.reload(1)
        self.spawn(self._load_sessions())

    def open_login(self) -> RammLoginDialog:
        if _showing(self.login_dialog):
            assert self.login_dialog is not None
            self.login_dialog.raise_()
            return self.login_dialog
        dialog = RammLoginDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.companiesRequested.connect(lambda login, pw: self.spawn(self._discover(dialog, login, pw)))
        dialog.loginRequested.connect(lambda login, pw, cid: self.spawn(self._log_in(dialog, login, pw, cid)))
        self.login_dialog = dialog
        dialog.open()
        return dialog

    async def _discover(self, dialog: RammLoginDialog, login: str, password: str) -> None:
        dialog.setBusy(True)
        try:
            companies = await self.ramm.companies(login, password)
        except (VenueError, TransportError) as exc:
            dialog.setBusy(False)
            dialog.showMessage(venue_words(exc))
            return
        dialog.setBusy(False)
        dialog.showMessage("" if companies else self.tr("This login has no company to enter."))
        dialog.setCompanies(
            [(c.ID, f"{c.Name or c.ID}" + (self.tr(" (demo)") if c.Demo else "")) for c in companies]
        )

    async def _log_in(self, dialog: RammLoginDialog, login: str, password: str, company: int) -> None:
        dialog.setBusy(True)
        try:
            await self.ramm.login(login, password, company)
        except (VenueError, TransportError) as exc:
            dialog.setBusy(False)
            dialog.showMessage(venue_words(exc))
            return
        dialog.finish()

    # --- strategies
    def _on_strategy(self, strategy_id: object) -> None:
        if isinstance(strategy_id, int):
            self.window.show_dock("strategy")
            self.spawn(self._load_strategy(strategy_id))

    async def _load_strategy(self, strategy_id: int) -> None:
        detail = self.window.strategy_detail
        client = self.ramm.client
        try:
            info = await client.strategies_get(strategy_id)
            followers = await client.accounts_search(Query({"StrategyID": strategy_id}, per_page=PER_PAGE))
        except (VenueError, TransportError) as exc:
            show_message(detail.message_label, venue_words(exc))
            return
        show_message(detail.message_label, "")
        self.strategy = info
        detail.title.setText(
            self.tr(
                "<b>{name}</b> (#{id}) \u00b7 {status} \u00b7 trader {trader}<br>"
                "Equity {equity} USD \u00b7 yield {yld} % \u00b7 {followers} followers \u00b7 "
                "performance fee {fee} %"
            ).format(
                name=info.Name,
                id=info.ID,
                status=_enum_name(CopyStrategyStatus, info.Status),
                trader=info.TraderLogin or "",
                equity=f"{info.Equity:,.2f}" if info.Equity is not None else "\u2014",
                yld=info.Yield if info.Yield is not None else "\u2014",
                followers=info.Accounts or 0,
                fee=f"{(info.Fee * 100).normalize():f}" if info.Fee is not None else "\u2014",
            )
        )
        points = [
            (p.DT.timestamp() if p.DT is not None else float(i), float(p.Yield or 0))
            for i, p in enumerate(info.Chart)
        ]
        detail.setChart(points)
        detail.followers.reset(
            [self._account_record(a) for a in followers.rows if a.Type != AccountType.REAL_SECURITY]
        )
        owned = self._owned(info)
        copy = self.window.copy_trading
        if owned:
            copy.strategy_label.setText(self.tr("{name} (#{id}), yours").format(name=info.Name, id=info.ID))
        else:
            copy.strategy_label.setText(
                self.tr(
                    "{name} (#{id}) is traded by {trader}; only your own strategies can be linked."
                ).format(name=info.Name, id=info.ID, trader=info.TraderLogin or "?")
            )
        self._show_trading_accounts()
        copy.link_button.setEnabled(owned and self.copy.link is None)
        try:
            shares = await client.strategysymbolstat_get(strategy_id)
        except (VenueError, TransportError) as exc:
            detail.shares.setText(venue_words(exc))
            return
        detail.shares.setText(
            self.tr("Symbols: {shares}").format(
                shares=", ".join(f"{x.Symbol} {x.Share}" for x in shares) or self.tr("none")
            )
        )

    def _owned(self, info: s.StrategySearchRow) -> bool:
        return bool(info.TraderLogin) and info.TraderLogin == self.ramm.login_name

    def open_create(self) -> StrategyForm:
        if _showing(self.form):
            assert self.form is not None
            self.form.raise_()
            return self.form
        form = StrategyForm(self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.nameEdited.connect(lambda _text: self._name_timer.start())
        form.submitted.connect(lambda values: self._create(form, values))
        self.form = form
        form.open()
        return form

    def _check_name(self) -> None:
        form = self.form
        if form is None or not shiboken6.isValid(form):
            return
        name = form.values()["Name"]
        if not name or len(name) > 50:
            form.setFieldError("Name", self._name_problem(name))
            return
        self.spawn(self._ask_name(form, name))

    async def _ask_name(self, form: StrategyForm, name: str) -> None:
        try:
            free = await self.ramm.client.strategies_check_name(name)
        except (VenueError, TransportError) as exc:
            if shiboken6.isValid(form):
                form.setFieldNote("Name", venue_words(exc), ok=False)
            return
        if not shiboken6.isValid(form) or form.values()["Name"] != name:
            return
        if free:
            form.setFieldNote("Name", self.tr("The name is free."), ok=True)
        else:
            form.setFieldNote("Name", self.tr("A strategy with this name exists."), ok=False)

    def _name_problem(self, name: str) -> str:
        checks = FieldChecks({"Name": name})
        checks.name("Name")
        return checks.errors.get("Name", "")

    def validate_strategy(self, values: dict[str, str]) -> tuple[dict[str, str], s.StrategyDraft | None]:
        checks = FieldChecks(values)
        client_id = checks.positive_int("ClientID")
        wallet_id = checks.positive_int("WalletID")
        name = checks.name("Name")
        money = checks.money("Money")
        fee = checks.share("FeeRate", places=2, one_allowed=True)
        protection = checks.share("Protection", places=3, one_allowed=False)
        target = checks.target("Target")
        commission = checks.number("CommissionRate", required=False)
        if commission is not None and commission < 0:
            checks.fail("CommissionRate", self.tr("Must not be negative."))
        if checks.errors or client_id is None or wallet_id is None or money is None or name is None:
            return checks.errors, None
        draft = s.StrategyDraft(
            WalletID=wallet_id,
            ClientID=client_id,
            Name=name,
            Money=money,
            FeeRate=fee,
            Protection=protection,
            Target=target,
            CommissionRate=commission,
        )
        return {}, draft

    def _create(self, form: StrategyForm, values: dict[str, str]) -> None:
        errors, draft = self.validate_strategy(values)
        form.showMessage("")
        form.setFieldErrors(errors)
        if draft is None:
            return
        self.spawn(self._add_strategy(form, draft))

    async def _add_strategy(self, form: StrategyForm, draft: s.StrategyDraft) -> None:
        form.setBusy(True)
        try:
            strategy_id = await self.ramm.client.strategies_add(draft)
        except (VenueError, TransportError) as exc:
            refused(form, exc)
            return
        form.finish()
        self.window.statusBar().showMessage(
            self.tr("Strategy \u201c{name}\u201d created (#{id}).").format(name=draft.Name, id=strategy_id),
            8000,
        )
        self.strategies.reload()

    def open_rename(self) -> RenameForm | None:
        info = self.strategy
        if info is None:
            self.window.strategies.showMessage(self.tr("Select the strategy to rename."))
            return None
        form = RenameForm(info.Name or "", self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda values: self._rename(form, info.ID, values["Name"]))
        self.rename_form = form
        form.open()
        return form

    def _rename(self, form: RenameForm, strategy_id: int, name: str) -> None:
        problem = self._name_problem(name)
        form.setFieldError("Name", problem)
        if not problem:
            self.spawn(self._set_name(form, strategy_id, name))

    async def _set_name(self, form: RenameForm, strategy_id: int, name: str) -> None:
        form.setBusy(True)
        try:
            await self.ramm.client.strategies_set(strategy_id, name)
        except (VenueError, TransportError) as exc:
            form.setBusy(False)
            form.setFieldError("Name", venue_words(exc))
            return
        form.finish()
        self.strategies.reload()
        self.spawn(self._load_strategy(strategy_id))

    def ask_close_strategy(self) -> None:
        info = self.strategy
        if info is None:
            self.window.strategies.showMessage(self.tr("Select the strategy to close."))
            return
        text = self.tr(
            "Close strategy \u201c{name}\u201d (#{id})?\n\nEvery account following it ({n}) is closed: their "
            "positions are closed at market, the performance fee is charged and the rest goes back to the "
            "wallets. This cannot be undone."
        ).format(name=info.Name, id=info.ID, n=info.Accounts or 0)
        self.window.confirm(
            self.tr("Close strategy"),
            text,
            lambda: self.spawn(self._command(self.window.strategies, "close", info.ID)),
        )

    async def _command(self, where: PagedList, what: str, target: int) -> None:
        client = self.ramm.client
        calls: dict[str, Callable[[int], Awaitable[int]]] = {
            "close": client.strategies_close,
            "pause": client.accounts_pause,
            "resume": client.accounts_resume,
            "close_account": client.accounts_close,
        }
        try:
            await calls[what](target)
        except (VenueError, TransportError) as exc:
            where.showMessage(venue_words(exc))
            return
        where.showMessage("")
        self.strategies.reload()
        self.accounts.reload()
        if self.account is not None and target == self.account.ID:
            self.spawn(self._load_account(target))
        if self.strategy is not None:
            self.spawn(self._load_strategy(self.strategy.ID))

    # --- accounts
    def _account_record(self, row: s.AccountRow) -> dict[str, Any]:
        return _record(
            row,
            type=_enum_name(AccountType, row.Type),
            status=_enum_name(AccountStatus, row.Status),
            state=_enum_name(AccountState, row.State),
        )

    def _on_account(self, account_id: object) -> None:
        if isinstance(account_id, int):
            self.window.show_dock("account")
            row = self.accounts.rows.get(account_id)
            self.account = row
            self.spawn(self._load_account(account_id))

    async def _load_account(self, account_id: int) -> None:
        detail = self.window.account_detail
        client = self.ramm.client
        try:
            statement = await client.accounts_get_statement(account_id)
            positions = await client.positions_search(Query({"AccountID": account_id}, per_page=PER_PAGE))
            deals = await client.deals_search(
                Query(
                    {"AccountID": account_id}, per_page=PER_PAGE, order_by="ID", direction=SortDirection.DESC
                )
            )
        except (VenueError, TransportError) as exc:
            show_message(detail.message_label, venue_words(exc))
            return
        show_message(detail.message_label, "")
        detail.title.setText(
            self.tr("<b>Account #{id}</b> \u00b7 strategy {strategy} \u00b7 {state}").format(
                id=account_id,
                strategy=statement.StrategyName or statement.IDStrategy or "",
                state=_enum_name(AccountState, statement.State),
            )
        )
        detail.statement.setText(
            self.tr(
                "Factor {factor} \u00b7 A-book {abook} \u00b7 protection {protection} \u00b7 target {target}"
            ).format(
                factor=_shown(statement.Factor),
                abook=_shown(statement.ABook),
                protection=_shown(statement.Protection),
                target=_shown(statement.Target),
            )
        )
        detail.positions.reset([_record(p) for p in positions.rows])
        detail.deals.reset([_record(d, type=_enum_name(DealType, d.Type)) for d in deals.rows])

    def ask_account_command(self, what: str) -> None:
        row = self.account
        where = self.window.accounts
        if row is None:
            where.showMessage(self.tr("Select an account first."))
            return
        self.spawn(self._confirm_account_command(what, row))

    async def _confirm_account_command(self, what: str, row: s.AccountRow) -> None:
        where = self.window.accounts
        try:
            positions = await self.ramm.client.positions_search(
                Query({"AccountID": row.ID}, per_page=PER_PAGE)
            )
        except (VenueError, TransportError) as exc:
            where.showMessage(venue_words(exc))
            return
        held = ", ".join(f"{p.Symbol} {p.VolumeOpen}" for p in positions.rows) or self.tr("none")
        count = positions.pagination.TotalRecords
        if what == "pause":
            title = self.tr("Pause account")
            text = self.tr(
                "Pause account #{id}?\n\nIts %n open position(s) ({held}) are closed at market now, and it "
                "stops copying the strategy until resumed.",
                "",
                count,
            )
        elif what == "resume":
            title = self.tr("Resume account")
            text = self.tr(
                "Resume account #{id}?\n\nThe strategy's current positions are opened at market in it, times "
                "its factor, and it copies the strategy again. (It holds %n position(s) now: {held}.)",
                "",
                count,
            )
        else:
            title = self.tr("Close account")
            text = self.tr(
                "Close account #{id}?\n\nIts %n open position(s) ({held}) are closed at market, the "
                "performance fee is charged and the rest goes back to the wallet. This cannot be undone.",
                "",
                count,
            )
        command = "close_account" if what == "close" else what
        self.window.confirm(
            title,
            plural(text, count).format(id=row.ID, held=held),
            lambda: self.spawn(self._command(where, command, row.ID)),
        )

    def open_abook(self) -> None:
        row = self.account
        if row is None:
            self.window.accounts.showMessage(self.tr("Select an account first."))
            return
        self.spawn(self._open_abook(row))

    async def _open_abook(self, row: s.AccountRow) -> ABookForm | None:
        try:
            info = await self.ramm.client.accounts_get(row.ID)
        except (VenueError, TransportError) as exc:
            self.window.accounts.showMessage(venue_words(exc))
            return None
        streams = [(x.StreamID, x.Name or str(x.StreamID)) for x in info.AvailableStreams]
        current = "" if info.ABook is None else f"{info.ABook.normalize():f}"
        form = ABookForm(row.ID, current, streams, info.StreamID, self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda values: self._set_abook(form, row.ID, values))
        self.abook_form = form
        form.open()
        return form

    def _set_abook(self, form: ABookForm, account_id: int, values: dict[str, str]) -> None:
        checks = FieldChecks(values)
        share = checks.share("ABook", places=2, one_allowed=True, required=True)
        form.setFieldErrors(checks.errors)
        if share is None:
            return
        stream = int(values["StreamID"]) if values.get("StreamID") else None
        self.spawn(self._send_abook(form, s.AccountUpdate(ID=account_id, ABook=share, StreamID=stream)))

    async def _send_abook(self, form: ABookForm, change: s.AccountUpdate) -> None:
        form.setBusy(True)
        try:
            await self.ramm.client.accounts_set(change)
        except (VenueError, TransportError) as exc:
            form.setBusy(False)
            form.setFieldError("ABook", venue_words(exc))
            return
        form.finish()
        self.accounts.reload()

    def open_follower(self) -> FollowerForm:
        """A follower account on the selected strategy (or any): opened for the client through the client
        API with a one-time password (the manager API has no method for it)."""
        strategy = self.strategy
        form = FollowerForm("" if strategy is None else str(strategy.ID), self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda values: self._follower(form, values))
        self.follower_form = form
        form.open()
        return form

    def validate_follower(
        self, values: dict[str, str]
    ) -> tuple[dict[str, str], tuple[int, s.FollowerDraft] | None]:
        checks = FieldChecks(values)
        strategy_id = checks.positive_int("StrategyID")
        client_id = checks.positive_int("ClientID")
        money = checks.money("Money")
        factor = checks.factor("Factor")
        protection = checks.share("Protection", places=3, one_allowed=False)
        target = checks.target("Target")
        if checks.errors or None in (strategy_id, client_id, money, factor):
            return checks.errors, None
        assert strategy_id is not None and client_id is not None and money is not None and factor is not None
        draft = s.FollowerDraft(
            StrategyID=strategy_id, Factor=factor, Money=money, Protection=protection, Target=target
        )
        return {}, (client_id, draft)

    def _follower(self, form: FollowerForm, values: dict[str, str]) -> None:
        errors, request = self.validate_follower(values)
        form.showMessage("")
        form.setFieldErrors(errors)
        if request is not None:
            self.spawn(self._send_follower(form, *request))

    async def _send_follower(self, form: FollowerForm, client_id: int, draft: s.FollowerDraft) -> None:
        form.setBusy(True)
        try:
            opened = await self.ramm.open_follower(client_id, draft)
        except (VenueError, TransportError) as exc:
            refused(form, exc)
            return
        form.finish()
        self.window.statusBar().showMessage(
            self.tr("Account #{id} opened: client {client} follows strategy #{strategy}.").format(
                id=opened.AccountID, client=client_id, strategy=draft.StrategyID
            ),
            8000,
        )
        self.accounts.reload()
        self.strategies.reload()
        if self.strategy is not None and draft.StrategyID == self.strategy.ID:
            self.spawn(self._load_strategy(draft.StrategyID))

    # --- wallets
    def open_transfer(self) -> TransferForm:
        wallet = self.window.wallets.current_id()
        form = TransferForm("" if wallet is None else str(wallet), self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda values: self._transfer(form, values))
        form.open()
        return form

    def validate_transfer(
        self, values: dict[str, str]
    ) -> tuple[dict[str, str], s.WalletTransferDraft | None]:
        checks = FieldChecks(values)
        wallet = checks.positive_int("WalletID")
        amount = checks.money("Amount")
        if checks.errors or wallet is None or amount is None:
            return checks.errors, None
        draft = s.WalletTransferDraft(
            WalletID=wallet,
            Type=int(values["Type"]),
            Amount=amount,
            ExternalTransferID=int(time.time() * 1000) % 2_000_000_000,
            CommentClient=values.get("CommentClient") or None,
            CommentCompany=values.get("CommentCompany") or None,
        )
        return {}, draft

    def _transfer(self, form: TransferForm, values: dict[str, str]) -> None:
        errors, draft = self.validate_transfer(values)
        form.showMessage("")
        form.setFieldErrors(errors)
        if draft is not None:
            self.spawn(self._send_transfer(form, draft))

    async def _send_transfer(self, form: TransferForm, draft: s.WalletTransferDraft) -> None:
        form.setBusy(True)
        try:
            await self.ramm.client.wallet_transfers_add(draft)
        except TransportError as exc:
            if not exc.outcome_unknown or not await self._transfer_arrived(draft):
                form.setBusy(False)
                form.showMessage(venue_words(exc))
                return
        except VenueError as exc:
            refused(form, exc)
            return
        form.finish()
        self.transfers.reload()
        self.wallets.reload()

    async def _transfer_arrived(self, draft: s.WalletTransferDraft) -> bool:
        """A lost answer: the transfer is looked up by its ExternalTransferID (never sent twice)."""
        query = Query({"WalletID": draft.WalletID}, per_page=20, order_by="ID", direction=SortDirection.DESC)
        try:
            page = await self.ramm.client.wallet_transfers_search(query)
        except (VenueError, TransportError):
            return False
        return any(row.ExternalTransferID == draft.ExternalTransferID for row in page.rows)

    # --- clients
    def open_client(self) -> ClientForm:
        form = ClientForm(self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda values: self._client(form, values))
        self.client_form = form
        form.open()
        return form

    def validate_client(self, values: dict[str, str]) -> tuple[dict[str, str], s.ClientDraft | None]:
        checks = FieldChecks(values)
        login = checks.required("Login", max_len=64)
        password = checks.required("Password")
        email = checks.optional("Email", EMAIL, self.tr("An e-mail address, e.g. name@example.com."))
        mobile = checks.optional("Mobile", MOBILE, self.tr("A phone number: + and digits."))
        language = checks.optional("Language", LANGUAGE, self.tr("Two letters (ISO 639-1), e.g. en."))
        if checks.errors or login is None or password is None:
            return checks.errors, None
        draft = s.ClientDraft(
            Login=login,
            Password=password,
            FirstName=checks.text("FirstName") or None,
            LastName=checks.text("LastName") or None,
            Email=email,
            Mobile=mobile,
            Language=language.lower() if language else None,
        )
        return {}, draft

    def _client(self, form: ClientForm, values: dict[str, str]) -> None:
        errors, draft = self.validate_client(values)
        form.showMessage("")
        form.setFieldErrors(errors)
        if draft is not None:
            self.spawn(self._add_client(form, draft))

    async def _add_client(self, form: ClientForm, draft: s.ClientDraft) -> None:
        form.setBusy(True)
        try:
            created = await self.ramm.client.clients_add_with_wallet(draft)
        except (VenueError, TransportError) as exc:
            refused(form, exc)
            return
        form.finish()
        self.window.statusBar().showMessage(
            self.tr("Client {login} added (#{id}) with wallet #{wallet}.").format(
                login=draft.Login, id=created.Client.ID, wallet=created.Wallet.ID
            ),
            8000,
        )
        self.clients.reload()
        self.wallets.reload()

    # --- managers and sessions
    def open_rights(self) -> None:
        manager_id = self.window.managers.current_id()
        if not isinstance(manager_id, int):
            self.window.managers.showMessage(self.tr("Select the manager whose rights to set."))
            return
        self.spawn(self._open_rights(manager_id))

    async def _open_rights(self, manager_id: int) -> RightsForm | None:
        company = self.ramm.company.ID if self.ramm.company is not None else 0
        try:
            held = await self.ramm.client.managers_get_methods(manager_id, company)
        except (VenueError, TransportError) as exc:
            self.window.managers.showMessage(venue_words(exc))
            return None
        row = self.managers.rows.get(manager_id)
        name = (row.Login if row is not None else None) or f"#{manager_id}"
        grantable = sorted(m for m in self.ramm.rights if not m.startswith("session."))
        form = RightsForm(name, grantable, held, self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda _values: self._set_rights(form, manager_id))
        self.rights_form = form
        form.open()
        return form

    def _set_rights(self, form: RightsForm, manager_id: int) -> None:
        self.spawn(self._send_rights(form, manager_id, form.checked()))

    async def _send_rights(self, form: RightsForm, manager_id: int, methods: list[str]) -> None:
        form.setBusy(True)
        try:
            await self.ramm.client.managers_set_methods(manager_id, methods)
        except (VenueError, TransportError) as exc:
            refused(form, exc)
            return
        form.finish()
        await self._load_rights(manager_id)

    def _on_manager(self, manager_id: object) -> None:
        if isinstance(manager_id, int):
            self.spawn(self._load_rights(manager_id))

    async def _load_rights(self, manager_id: int) -> None:
        label = self.window.manager_rights
        company = self.ramm.company.ID if self.ramm.company is not None else 0
        try:
            methods = await self.ramm.client.managers_get_methods(manager_id, company)
        except (VenueError, TransportError) as exc:
            label.setText(venue_words(exc))
            return
        label.setText(
            self.tr("Rights of manager #{id} ({n}): {methods}").format(
                id=manager_id, n=len(methods), methods=", ".join(sorted(methods)) or self.tr("none")
            )
        )

    async def _load_sessions(self) -> None:
        view = self.window.sessions
        if not self.ramm.connected:
            return
        try:
            sessions = await self.ramm.client.sessions_search()
        except (VenueError, TransportError) as exc:
            show_message(view.message_label, venue_words(exc))
            return
        show_message(view.message_label, "")
        view.model.reset(
            [_record(x, key=f"{x.Login}|{x.DTCreated}|{i}", Token=None) for i, x in enumerate(sessions)]
        )

    def ask_session_logout(self, login: str) -> None:
        view = self.window.sessions
        if not login:
            show_message(view.message_label, self.tr("Select the session to end."))
            return
        text = self.tr(
            "Log {login} out?\n\nEvery session of this manager ends; they have to log in again."
        ).format(login=login)
        self.window.confirm(self.tr("End session"), text, lambda: self.spawn(self._session_logout(login)))

    async def _session_logout(self, login: str) -> None:
        view = self.window.sessions
        try:
            await self.ramm.client.sessions_logout(login)
        except (VenueError, TransportError) as exc:
            show_message(view.message_label, venue_words(exc))
            return
        await self._load_sessions()

    # --- copy trading
    def _venue_name(self, venue: str) -> str:
        names = {"chp": self.tr("CHP"), "coinweight": self.tr("Coin-weight")}
        return names.get(venue, venue)

    def refresh_trading_accounts(self) -> None:
        """A trading venue's accounts changed (logged in, out, new balances): the accounts to link again."""
        if self._alive():
            self._show_trading_accounts()

    def _show_trading_accounts(self) -> None:
        self.window.copy_trading.setAccounts(
            [
                (venue, account, f"{self._venue_name(venue)} \u00b7 {account}")
                for venue, account in self.trading_accounts()
            ]
        )

    def link(self, venue: str, account: str) -> None:
        info = self.strategy
        where = self.window.copy_trading
        if info is None or not self._owned(info):
            show_message(
                where.message_label, self.tr("Select a strategy you own in the Strategies list first.")
            )
            return
        if not venue or not account:
            show_message(
                where.message_label,
                self.tr("Log in to CHP or coin-weight first: their accounts are the ones to link."),
            )
            return
        show_message(where.message_label, "")
        self.spawn(self.copy.link_to(info.ID, info.Name or str(info.ID), venue, account))

    def unlink(self) -> None:
        self.copy.unlink()

    def refresh_copy(self) -> None:
        self.spawn(self._refresh_copy())

    async def _refresh_copy(self) -> None:
        link = self.copy.link
        if link is None or not self.ramm.connected:
            return
        where = self.window.copy_trading
        try:
            await self.copy.refresh_statuses()
            page = await self.ramm.client.positions_search(
                Query({"StrategyID": link.strategy_id}, per_page=PER_PAGE, order_by="AccountID")
            )
        except (VenueError, TransportError) as exc:
            show_message(where.message_label, venue_words(exc))
            return
        where.positions.reset([_record(p) for p in page.rows])

    def _show_copy(self) -> None:
        if not self._alive():
            return
        view = self.window.copy_trading
        link = self.copy.link
        if link is None:
            view.link_label.setText(self.tr("Not linked."))
        else:
            view.link_label.setText(
                self.tr(
                    "{name} (#{id}) follows {venue} {account}: each change of its net positions is a signal."
                ).format(
                    name=link.strategy_name,
                    id=link.strategy_id,
                    venue=self._venue_name(link.venue),
                    account=link.account,
                )
            )
        view.unlink_button.setEnabled(link is not None)
        view.link_button.setEnabled(link is None and self.strategy is not None and self._owned(self.strategy))
        view.signals.reset([self._signal_record(r) for r in self.copy.signals])
        if loop_running() and any(r.signal_id is not None or r.sync for r in self.copy.signals[:1]):
            self.refresh_copy()

    def _signal_symbol(self, record: PublishedSignal) -> str:
        if not record.sync:
            return record.symbol
        held = record.symbol if record.symbol != "-" else self.tr("all flat")
        return self.tr("sync: {symbols}").format(symbols=held)

    def _signal_record(self, record: PublishedSignal) -> dict[str, Any]:
        lot = ("+" if record.lot > 0 else "") + f"{record.lot.normalize():f}"
        return {
            "ticket": record.ticket,
            "symbol": self._signal_symbol(record),
            "lot": "" if record.sync else lot,
            "delivery": QCoreApplication.translate("ramm", record.delivery.value),
            "signal_id": record.signal_id,
            "status": _enum_name(SignalStatus, record.status),
            "message": record.message,
        }
