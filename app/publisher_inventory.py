"""The publisher console's inventory tabs: funds and their items, moving items to an account with an invoice,
and the documents and transactions lists (see :mod:`services.aggregion.publisher`).

Owned by :class:`app.publisher_console.PublisherConsole`, which hands it its dialog, its desk and its way of
running work (busy line, refusals in the distributor's words, field errors). Each tab loads when it is
shown and after every change it causes. What was typed is checked before anything is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QObject

from app.service_texts import rejected_text
from services.aggregion.publisher import (
    DOCUMENT_ORDER,
    FundForm,
    ItemsForm,
    MoveForm,
    PublisherDesk,
)
from services.aggregion.schemas import (
    CatalogEntry,
    Document,
    Fund,
    GroupedItems,
    GroupedQty,
    IdAccount,
    Transaction,
    format_date,
)
from services.errors import RejectedInput
from widgets.dialogs.publisher import PublisherDialog

Work = Callable[[], Coroutine[Any, Any, None]]
Runner = Callable[[str, Work], None]  # (busy text, work): runs it in the console's way
DOCUMENT_SORT = {2: "status", 3: "owner", 4: "contragent"}  # column -> the doc's order field
assert set(DOCUMENT_SORT.values()) <= set(DOCUMENT_ORDER)


def _end_of(day: QDate) -> datetime:
    return datetime(day.year(), day.month(), day.day(), 23, 59, 59, tzinfo=UTC)


def _name(value: object) -> str:
    if isinstance(value, IdAccount):
        return value.name or value.id or ""
    if isinstance(value, Fund):
        return value.name
    return str(value or "")


class PublisherInventory(QObject):
    def __init__(
        self,
        desk: PublisherDesk,
        dialog: Callable[[], PublisherDialog | None],
        run: Runner,
        entries: Callable[[], Sequence[CatalogEntry]],
        lang: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self._dialog = dialog
        self._run = run
        self._entries = entries
        self._lang = lang
        self.funds: list[Fund] = []
        self.groups: list[tuple[str, GroupedQty]] = []  # (catalog id, group) per row of the items table
        self._fund_loads = 0

    def attach(self, dialog: PublisherDialog) -> None:
        page = dialog.funds_page
        page.fundSelected.connect(self._on_fund)
        page.createFundRequested.connect(self._on_create_fund)
        page.createItemsRequested.connect(self._on_create_items)
        page.moveRequested.connect(self._on_move)
        dialog.documents.sortRequested.connect(lambda _c, _d: self.load_documents())
        dialog.documents.refreshRequested.connect(self.load_documents)
        dialog.transactions.sortRequested.connect(lambda _c, _d: self.load_transactions())
        dialog.transactions.refreshRequested.connect(self.load_transactions)

    def show(self, tab: str) -> None:
        """A tab came to the front: load what it shows."""
        if tab == "funds":
            self.load_funds()
        elif tab == "documents":
            self.load_documents()
        elif tab == "transactions":
            self.load_transactions()

    def _live(self) -> PublisherDialog | None:
        dialog = self._dialog()
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def _title(self, catalog: object) -> str:
        if isinstance(catalog, CatalogEntry):
            return catalog.title_in(self._lang())
        entry = next((e for e in self._entries() if e.id == catalog), None)
        return entry.title_in(self._lang()) if entry is not None else str(catalog)

    def _fund(self) -> Fund | None:
        dialog = self._live()
        row = dialog.funds_page.selectedFund() if dialog is not None else -1
        return self.funds[row] if 0 <= row < len(self.funds) else None

    # --- funds and items

    def load_funds(self, select_id: str | None = None) -> None:
        async def work() -> None:
            await self._load_funds(select_id)

        self._run(self.tr("Loading funds\u2026"), work)

    async def _load_funds(self, select_id: str | None = None) -> None:
        self.funds = await self.desk.funds()
        dialog = self._live()
        if dialog is None:
            return
        page = dialog.funds_page
        page.setEntries([entry.title_in(self._lang()) for entry in self._entries()])
        default = self.desk.default_fund
        select = next((i for i, f in enumerate(self.funds) if f.id == select_id), -1)
        if select < 0 and page.selectedFund() < 0:
            select = next((i for i, f in enumerate(self.funds) if f.id == default), -1)
        page.setFunds([(fund.name, fund.id == default) for fund in self.funds], select)
        await self._load_items()

    def _on_fund(self, _row: int) -> None:
        self._run(self.tr("Loading the fund's items\u2026"), self._load_items)

    async def _load_items(self) -> None:
        fund = self._fund()
        self._fund_loads += 1
        load = self._fund_loads
        rows: list[GroupedItems] = await self.desk.fund_items(fund.id) if fund is not None else []
        dialog = self._live()
        if dialog is None or load != self._fund_loads:
            return
        # one row per entry and expiry (what a move names); the venue also splits by creation date
        merged: dict[tuple[str, datetime | None], tuple[object, GroupedQty]] = {}
        for row in rows:
            catalog_id = row.catalog.id if isinstance(row.catalog, CatalogEntry) else row.catalog
            for group in row.items:
                key = (catalog_id, group.expiration_date)
                if key in merged:
                    earlier = merged[key][1]
                    group = GroupedQty(
                        creation_date=min(earlier.creation_date, group.creation_date),
                        expiration_date=group.expiration_date,
                        qty=earlier.qty + group.qty,
                    )
                merged[key] = (row.catalog, group)
        self.groups = [(catalog_id, group) for (catalog_id, _expiry), (_c, group) in merged.items()]
        shown: list[tuple[str, str, str, str]] = []
        for catalog, group in merged.values():
            expires = format_date(group.expiration_date)[:10] if group.expiration_date else "\u2014"
            shown.append(
                (self._title(catalog), format_date(group.creation_date)[:10], expires, str(group.qty))
            )
        if fund is None:
            title = self.tr("Choose a fund to see its items.")
        elif not shown:
            title = self.tr("\u201c{fund}\u201d holds no items.").format(fund=fund.name)
        else:
            title = self.tr("Items in \u201c{fund}\u201d:").format(fund=fund.name)
        dialog.funds_page.setItems(title, shown)

    def _rejects(self, check: Callable[[], object]) -> bool:
        dialog = self._live()
        if dialog is None:
            return True
        dialog.clearErrors()
        try:
            check()
        except RejectedInput as exc:
            dialog.showFieldError(exc.field, rejected_text(exc))
            return True
        return False

    def _on_create_fund(self, name: str) -> None:
        form = FundForm(name)
        if self._rejects(lambda: form.checked([fund.name for fund in self.funds])):
            return

        async def work() -> None:
            fund = await self.desk.create_fund(form)
            dialog = self._live()
            if dialog is not None:
                dialog.funds_page.fund_name_edit.clear()
            await self._load_funds(fund.id)
            if dialog is not None:
                dialog.showMessage(self.tr("Fund \u201c{name}\u201d created.").format(name=fund.name))

        self._run(self.tr("Creating the fund\u2026"), work)

    def _entry_id(self, index: int) -> str:
        entries = self._entries()
        return entries[index].id if 0 <= index < len(entries) else ""

    def _on_create_items(self, entry: int, qty: str, until: QDate) -> None:
        fund = self._fund()
        form = ItemsForm(self._entry_id(entry), fund.id if fund else "", qty, _end_of(until))
        if self._rejects(form.checked):
            return

        async def work() -> None:
            made = await self.desk.create_items(form)
            await self._load_items()
            dialog = self._live()
            if dialog is not None and fund is not None:
                dialog.showMessage(
                    self.tr("{count} item(s) of \u201c{title}\u201d created in \u201c{fund}\u201d.").format(
                        count=len(made), title=self._title(form.catalog_id), fund=fund.name
                    )
                )

        self._run(self.tr("Creating items\u2026"), work)

    def _on_move(self, values: dict[str, Any]) -> None:
        fund = self._fund()
        row = int(values.get("group", -1))
        group = None
        if 0 <= row < len(self.groups):
            catalog_id, found = self.groups[row]
            group = (catalog_id, found.expiration_date, found.qty)
        until = values.get("until")
        form = MoveForm(
            account=str(values.get("account", "")),
            qty=str(values.get("qty", "")),
            invoice=str(values.get("invoice", "")),
            note=str(values.get("note", "")),
            create=bool(values.get("create")),
            fund_id=fund.id if fund else "",
            group=group,
            catalog_id=self._entry_id(int(values.get("entry", -1))),
            until=_end_of(until) if isinstance(until, QDate) else None,
        )
        if self._rejects(form.checked):
            return

        async def work() -> None:
            await self.desk.move_to_account(form)
            await self._load_items()
            dialog = self._live()
            if dialog is not None:
                dialog.showMessage(
                    self.tr(
                        "Moved to account {account} with invoice {invoice}: see it under Documents."
                    ).format(account=form.account.strip(), invoice=form.invoice.strip())
                )

        self._run(self.tr("Moving items\u2026"), work)

    # --- documents and transactions

    def load_documents(self) -> None:
        dialog = self._live()
        if dialog is None:
            return
        sort = dialog.documents.sortOrder()
        order = None
        if sort is not None and sort[0] in DOCUMENT_SORT:
            order = ("-" if sort[1] else "") + DOCUMENT_SORT[sort[0]]
        dialog.documents.setLoading(self.tr("Loading documents\u2026"))

        async def work() -> None:
            try:
                documents = await self.desk.documents(order)
            finally:
                live = self._live()
                if live is not None:
                    live.documents.showPage(live.documents.page())
            live = self._live()
            if live is not None:
                live.documents.setRows([self._document_row(d) for d in documents])

        self._run(self.tr("Loading documents\u2026"), work)

    def _document_row(self, document: Document) -> tuple[str, ...]:
        kinds = {
            "invoice": self.tr("invoice"),
            "order": self.tr("order"),
            "displacement": self.tr("displacement"),
        }
        statuses = {"new": self.tr("new"), "accepted": self.tr("accepted")}
        contents = "; ".join(
            f"{self._title(line.catalog)} \u00d7{line.qty}"
            + (self.tr(" ({days} days)").format(days=line.license_period) if line.license_period else "")
            for line in document.squad
        )
        options = "; ".join(f"{option.key}: {option.value}" for option in document.options)
        return (
            str(document.number),
            kinds.get(document.type, document.type),
            statuses.get(document.status, document.status),
            _name(document.owner),
            _name(document.contragent),
            contents,
            options,
        )

    def load_transactions(self) -> None:
        dialog = self._live()
        if dialog is None:
            return
        sort = dialog.transactions.sortOrder()
        order = "date" if sort is not None and not sort[1] else "-date"  # newest first until asked
        dialog.transactions.setLoading(self.tr("Loading transactions\u2026"))

        async def work() -> None:
            try:
                transactions = await self.desk.transactions(order)
            finally:
                live = self._live()
                if live is not None:
                    live.transactions.showPage(live.transactions.page())
            live = self._live()
            if live is not None:
                live.transactions.setRows([self._transaction_row(t) for t in transactions])

        self._run(self.tr("Loading transactions\u2026"), work)

    def _transaction_row(self, transaction: Transaction) -> tuple[str, ...]:
        document = transaction.document
        if isinstance(document, Document):
            invoice = next((o.value for o in document.options if o.key == "invoice"), "")
            described = f"{document.type} {document.number}" + (f" ({invoice})" if invoice else "")
        else:
            described = str(document)
        return (
            format_date(transaction.date)[:19].replace("T", " "),
            _name(transaction.sender),
            _name(transaction.receiver),
            described,
            _name(transaction.old_fund) or "\u2014",
            _name(transaction.new_fund),
            str(len(transaction.items)),
        )
