"""The publisher console through its window, against the in-process simulator (no sockets): funds and items,
moving items to an account with an invoice, leasing to a group, the documents and transactions lists
(paged, sortable where the distributor sorts, a loading line), and bad input in every publisher and licence
form: a message at the field, and nothing sent."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from app.publisher_console import PublisherConsole
from services.aggregion.client import AggregionClient, AggregionUrls
from services.aggregion.publisher import KINDS, PLATFORMS, PublisherDesk
from services.simulator.apis.aggregion import create_app
from services.simulator.apis.aggregion.state import AggregionState
from services.simulator.context import SimulatorContext
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.clock import SimClock
from tests.conftest import wait_until
from widgets.dialogs.licence import LicenceDialog
from widgets.dialogs.publisher import PublisherDialog
from widgets.main_window import MainWindow

ROOT = "http://sim.test"  # the Aggregion app alone (the whole simulator is slow to build)


class Recorder(httpx.AsyncBaseTransport):
    """The simulator in process; every request that is not a GET is noted (what was *sent*)."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.writes: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET":
            self.writes.append(f"{request.method} {request.url.path}")
        return await self.inner.handle_async_request(request)


@dataclass
class Console:
    console: PublisherConsole
    dialog: PublisherDialog
    state: AggregionState
    sent: Recorder

    def account(self, name: str) -> str:
        return next(a["id"] for a in self.state.accounts.values() if a["name"] == name)


@pytest.fixture
async def publisher(qtbot) -> AsyncIterator[Console]:
    clock = SimClock(speed=1.0)
    ctx = SimulatorContext(engine=default_engine(3, clock), clock=clock, seed=3)
    app = create_app(ctx)
    recorder = Recorder(app)
    window = MainWindow()
    qtbot.addWidget(window)
    menu = QMenu(window)
    context: Any = SimpleNamespace(profile=SimpleNamespace(language="en"))  # all the console reads of it
    console = PublisherConsole(window, context, ROOT, menu, "demo")
    await console.client.aclose()
    console.client = AggregionClient.create(
        AggregionUrls.under(ROOT), client_secret="demo", transport=recorder
    )
    console.desk = console.inventory.desk = PublisherDesk(console.client)
    dialog = console.open()
    QTest.keyClicks(dialog.login_edit, "publisher")
    QTest.keyClicks(dialog.password_edit, "demo")
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: dialog.table.rowCount() == 7 and not dialog.isBusy(), timeout=10)
    recorder.writes.clear()  # the sign-in's own POSTs
    try:
        yield Console(console, dialog, ctx.venue_state["aggregion"], recorder)
    finally:
        dialog.close()
        await console.aclose()


def titles(table) -> list[str]:
    return [table.item(r, 0).text() for r in range(table.rowCount())]


async def settle(console: Console) -> None:
    await wait_until(lambda: not console.dialog.isBusy(), timeout=10)


async def show_funds(c: Console) -> None:
    c.dialog.showTab("funds")
    await wait_until(lambda: c.dialog.funds_page.items.rowCount() > 0 and not c.dialog.isBusy(), timeout=10)


async def test_funds_items_and_a_move_with_an_invoice(publisher: Console):
    c, page = publisher, publisher.dialog.funds_page
    await show_funds(c)
    assert page.items_title.text().startswith("Items in")
    assert "Tessera Pro" in titles(page.items)

    page.fund_name_edit.setText("Resellers")
    QTest.mouseClick(page.create_fund_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "Resellers" in titles(page.funds) and not c.dialog.isBusy(), timeout=10)
    assert titles(page.funds)[page.selectedFund()] == "Resellers"  # the new fund is selected
    await wait_until(lambda: "holds no items" in page.items_title.text(), timeout=10)

    page.entry_combo.setCurrentText("Tessera Pro")
    page.qty_edit.setText("4")
    QTest.mouseClick(page.create_items_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: page.items.rowCount() == 1 and not c.dialog.isBusy(), timeout=10)
    assert [page.items.item(0, c_).text() for c_ in (0, 3)] == ["Tessera Pro", "4"]
    assert c.sent.writes[-1].endswith("/items/multi")

    page.items.selectRow(0)
    page.account_edit.setText(c.account("Demo trader"))
    page.move_qty_edit.setText("3")
    page.invoice_edit.setText("INV-42")
    page.note_edit.setText("reseller batch")
    QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "INV-42" in c.dialog.messageText() and not c.dialog.isBusy(), timeout=10)
    assert c.sent.writes[-1].endswith("/items/moveToAccount")
    await wait_until(lambda: page.items.rowCount() == 1 and page.items.item(0, 3).text() == "1", timeout=10)

    page.move_source.setChecked(True)  # new items, made and moved at once
    page.move_qty_edit.setText("2")
    page.invoice_edit.setText("INV-43")
    QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "INV-43" in c.dialog.messageText() and not c.dialog.isBusy(), timeout=10)
    assert c.sent.writes[-1].endswith("/items/createAndMoveToAccount")
    invoices = sorted(
        (d for d in c.state.documents.values() if d["type"] == "invoice"), key=lambda d: d["number"]
    )
    assert [{o["key"]: o["value"] for o in d["options"]} for d in invoices[-2:]] == [
        {"invoice": "INV-42", "note": "reseller batch"},
        {"invoice": "INV-43", "note": "reseller batch"},
    ]
    assert [d["contragent"] for d in invoices[-2:]] == [c.account("Demo trader")] * 2


async def test_lease_an_entry_to_a_group(publisher: Console):
    c, dialog = publisher, publisher.dialog
    group_id, group = next(iter(c.state.groups.items()))
    dialog.table.selectRow(3)
    await settle(c)
    before = len(c.state.leases)
    dialog.lease_to_combo.setCurrentIndex(1)
    assert "group ids" in dialog.users_edit.placeholderText()
    await wait_until(lambda: group_id in dialog.groups_label.text(), timeout=10)  # the account's groups
    assert "Tessera beta testers" in dialog.groups_label.text()
    dialog.users_edit.setText(group_id)
    QTest.mouseClick(dialog.lease_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "leased to 1 user" in dialog.messageText() and not dialog.isBusy(), timeout=10)
    assert c.sent.writes[-1].endswith("/items/createLeasesForGroups")
    made = list(c.state.leases.values())[before:]
    assert [lease["user"] for lease in made] == group["members"]
    assert dialog.leases.rowCount() >= 1


async def test_documents_and_transactions_are_paged_and_sorted_by_the_distributor(publisher: Console):
    c, documents = publisher, publisher.dialog.documents
    labs = c.account("Tessera Labs")
    demo = c.account("Demo trader")
    for n in range(23):  # 23 invoices to the demo trader
        c.state.documents[f"d{n:023x}"] = {
            "id": f"d{n:023x}",
            "owner": labs,
            "contragent": demo,
            "number": 100 + n,
            "type": "invoice",
            "options": [{"key": "invoice", "value": f"INV-{n}"}],
            "squad": [],
            "status": "accepted" if n % 2 else "new",
        }
    c.dialog.showTab("documents")
    await wait_until(lambda: documents.table.rowCount() == 20 and not c.dialog.isBusy(), timeout=10)
    status = documents.status_label.text()
    assert status.startswith("Rows 1\u201320 of ") and "page 1 of 2" in status
    assert documents.table.item(0, 0).text() == "122"  # newest first
    assert not documents.previous_button.isEnabled() and documents.next_button.isEnabled()
    QTest.mouseClick(documents.next_button, Qt.MouseButton.LeftButton)
    assert documents.table.rowCount() == 3 and "page 2 of 2" in documents.status_label.text()

    header = documents.table.horizontalHeader()
    header.sectionClicked.emit(1)  # Type: the distributor does not sort by it: nothing asked
    assert documents.sortOrder() is None and not c.dialog.isBusy()
    header.sectionClicked.emit(2)  # Status, ascending: the venue's order
    assert documents.status_label.text() == "Loading documents\u2026"
    await wait_until(lambda: not c.dialog.isBusy() and documents.page() == 0, timeout=10)
    column = [documents.table.item(r, 2).text() for r in range(documents.table.rowCount())]
    assert column == sorted(column) and column[0] == "accepted"
    header.sectionClicked.emit(2)  # again: descending
    await wait_until(lambda: not c.dialog.isBusy() and documents.table.item(0, 2).text() == "new", timeout=10)
    assert documents.sortOrder() == (2, True)

    await show_funds(c)
    page = c.dialog.funds_page
    page.items.selectRow(0)
    page.account_edit.setText(demo)
    page.invoice_edit.setText("INV-T")
    QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "INV-T" in c.dialog.messageText() and not c.dialog.isBusy(), timeout=10)
    transactions = c.dialog.transactions
    c.dialog.showTab("transactions")
    await wait_until(lambda: transactions.table.rowCount() >= 1 and not c.dialog.isBusy(), timeout=10)
    row = [transactions.table.item(0, col).text() for col in range(transactions.table.columnCount())]
    assert row[1:3] == ["Tessera Labs", "Demo trader"] and "(INV-T)" in row[3] and row[6] == "1"
    assert "Rows 1\u2013" in transactions.status_label.text()


# --- bad input in every form: a message at the field, nothing sent ----------------------------------------


def _entry_form(bad: str) -> Callable[[Console], str]:
    def fill(c: Console) -> str:
        QTest.mouseClick(c.dialog.new_button, Qt.MouseButton.LeftButton)
        c.dialog.title_edit.setText("A title")
        c.dialog.description_edit.setPlainText("A description.")
        if bad == "title":
            c.dialog.title_edit.setText("  ")
        elif bad == "description":
            c.dialog.description_edit.setPlainText("")
        elif bad == "tags":
            c.dialog.tags_edit.setText("Bad Tag!")
        elif bad == "platforms":
            for box in c.dialog.platform_boxes.values():
                box.setChecked(False)
        elif bad == "maxKeys":
            c.dialog.max_keys_edit.setText("0")
        QTest.mouseClick(c.dialog.save_button, Qt.MouseButton.LeftButton)
        return bad

    return fill


def _upload(version: str, file: str, field: str) -> Callable[[Console], str]:
    def fill(c: Console) -> str:
        c.dialog.table.selectRow(0)
        c.dialog.version_edit.setText(version)
        c.dialog.file_edit.setText(file)
        QTest.mouseClick(c.dialog.upload_button, Qt.MouseButton.LeftButton)
        return field

    return fill


def _lease(ids: str, groups: bool, days: int = 30) -> Callable[[Console], str]:
    def fill(c: Console) -> str:
        c.dialog.table.selectRow(0)
        c.dialog.lease_to_combo.setCurrentIndex(1 if groups else 0)
        c.dialog.users_edit.setText(ids)
        c.dialog.until_edit.setDate(QDate.currentDate().addDays(days))
        QTest.mouseClick(c.dialog.lease_button, Qt.MouseButton.LeftButton)
        return "until" if days < 0 else "users"

    return fill


def _fund(name: str) -> Callable[[Console], str]:
    def fill(c: Console) -> str:
        c.dialog.funds_page.fund_name_edit.setText(name)
        QTest.mouseClick(c.dialog.funds_page.create_fund_button, Qt.MouseButton.LeftButton)
        return "fundName"

    return fill


def _items(qty: str, days: int, field: str) -> Callable[[Console], str]:
    def fill(c: Console) -> str:
        c.dialog.funds_page.qty_edit.setText(qty)
        c.dialog.funds_page.until_edit.setDate(QDate.currentDate().addDays(days))
        QTest.mouseClick(c.dialog.funds_page.create_items_button, Qt.MouseButton.LeftButton)
        return field

    return fill


def _move(field: str, **values: Any) -> Callable[[Console], str]:
    def fill(c: Console) -> str:
        page = c.dialog.funds_page
        if values.get("select", True):
            page.items.selectRow(0)
        else:
            page.items.clearSelection()
        page.move_source.setChecked(bool(values.get("create", False)))
        page.account_edit.setText(values.get("account", c.account("Demo trader")))
        page.move_qty_edit.setText(values.get("qty", "1"))
        page.invoice_edit.setText(values.get("invoice", "INV-1"))
        page.note_edit.setText(values.get("note", ""))
        if "days" in values:
            page.until_edit.setDate(QDate.currentDate().addDays(values["days"]))
        QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
        return field

    return fill


PUBLISHER_FORMS = {
    "entry: no title": _entry_form("title"),
    "entry: no description": _entry_form("description"),
    "entry: bad tag": _entry_form("tags"),
    "entry: no platform": _entry_form("platforms"),
    "entry: zero seats": _entry_form("maxKeys"),
    "version: not a version": _upload("v1", "/dev/null", "version"),
    "version: no file": _upload("2.0.0", "", "file"),
    "version: unreadable file": _upload("2.0.0", "/nonexistent/pack.json", "file"),
    "version: already uploaded": _upload("1.0.0", __file__, "version"),
    "lease: no user": _lease("", groups=False),
    "lease: not a user id": _lease("demo", groups=False),
    "lease: in the past": _lease("a" * 24, groups=False, days=-2),
    "lease: not a group id": _lease("beta", groups=True),
    "lease: a stranger's group": _lease("0" * 24, groups=True),
    "fund: no name": _fund("   "),
    "fund: name taken": _fund(""),  # the default fund's name, filled in by the test
    "items: not a number": _items("some", 30, "itemsQty"),
    "items: too many": _items("5000", 30, "itemsQty"),
    "items: expired": _items("1", -3, "itemsUntil"),
    "move: no account": _move("moveAccount", account=""),
    "move: not an account id": _move("moveAccount", account="Demo trader"),
    "move: nothing selected": _move("moveItems", select=False),
    "move: more than the fund holds": _move("moveQty", qty="999"),
    "move: no invoice number": _move("invoice", invoice=" "),
    "move: note too long": _move("note", note="x" * 501),
    "move: new items already expired": _move("itemsUntil", create=True, days=-1),
}


@pytest.mark.parametrize("form", ["entry", "version", "lease", "fund", "items", "move"])
async def test_bad_input_in_every_publisher_form_is_told_at_the_field_and_sends_nothing(publisher, form):
    """Each form walks its bad inputs: every one gets its message under its field, and no request that
    changes anything leaves Tessera (reads, e.g. of the existing versions, may)."""
    c = publisher
    if form in ("fund", "items", "move"):
        await show_funds(c)
    cases = [case for case in PUBLISHER_FORMS if case.startswith(form + ":")]
    assert cases
    for case in cases:
        if case == "fund: name taken":  # the default fund's name
            field = _fund(titles(c.dialog.funds_page.funds)[0])(c)
        else:
            field = PUBLISHER_FORMS[case](c)
        await wait_until(
            lambda f=field: c.dialog.errorText(f) != "" and not c.dialog.isBusy(), timeout=10, message=case
        )
        assert c.sent.writes == [], (case, c.sent.writes)
        assert c.dialog.messageText() == "", case  # told at the field, not as the distributor's refusal


@pytest.mark.parametrize("window", ["licence", "publisher"])
@pytest.mark.parametrize(
    ("login", "password", "field", "message"),
    [
        ("", "", "login", "Enter your Aggregion login."),
        ("demo", "", "password", "Enter your password."),
    ],
)
def test_bad_input_in_the_sign_in_forms_is_told_at_the_field(qtbot, window, login, password, field, message):
    dialog = LicenceDialog() if window == "licence" else PublisherDialog(PLATFORMS, KINDS)
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[tuple[str, str]] = []
    dialog.signInRequested.connect(lambda *args: sent.append(args))
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.errorText(field) == message and sent == []
