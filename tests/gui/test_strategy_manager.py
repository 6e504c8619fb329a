"""The Strategy manager window and its view-model over the in-process RAMM simulator (no network): login
through company discovery, paging, the name checked as it is typed, create / rename, a refusal shown where
the user clicked, the window's own layout kept."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.viewmodels.strategy_manager import StrategyManagerViewModel
from services.domain import ConnectionState
from services.errors import AuthError
from services.ramm.copy_trading import CopyTrader
from services.ramm.enums import SortDirection
from services.ramm.search import Query
from services.ramm.session import RammSession
from services.trading.stores import PositionStore
from tests.conftest import wait_until
from tests.services.ramm.sim_support import SimHandle, make_sim
from widgets.strategy_manager.forms import RammLoginDialog, StrategyForm
from widgets.strategy_manager.window import StrategyManagerWindow


@pytest.fixture
def sim() -> SimHandle:
    return make_sim()


@pytest.fixture(scope="module")
def unchanged_sim() -> SimHandle:
    """One simulator for the tests that send nothing (seeding the book takes a while)."""
    return make_sim()


@pytest.fixture
async def manager(qtbot, sim) -> AsyncIterator[tuple[StrategyManagerWindow, StrategyManagerViewModel]]:
    async for made in _manager(qtbot, sim):
        yield made


@pytest.fixture
async def manager_of_unchanged(
    qtbot, unchanged_sim
) -> AsyncIterator[tuple[StrategyManagerWindow, StrategyManagerViewModel]]:
    async for made in _manager(qtbot, unchanged_sim):
        yield made


async def _manager(
    qtbot, sim: SimHandle
) -> AsyncIterator[tuple[StrategyManagerWindow, StrategyManagerViewModel]]:
    session = RammSession("http://sim.test/ramm", transport=sim.transport(), heartbeat_interval=3600)
    copy = CopyTrader(session, PositionStore())
    window = StrategyManagerWindow()
    qtbot.addWidget(window)
    view_model = StrategyManagerViewModel(
        window, session, copy, lambda: [("chp", "ST100001-MO-01"), ("coinweight", "binance")]
    )
    window.show()
    try:
        yield window, view_model
    finally:
        copy.close()
        await session.aclose()


async def log_in(window: StrategyManagerWindow, view_model: StrategyManagerViewModel, login: str) -> None:
    dialog = view_model.open_login()
    assert isinstance(dialog, RammLoginDialog)
    dialog.buttons.accepted.emit()  # nothing typed: told at the fields, nothing sent
    assert dialog.errors["login"].isVisible() and dialog.company_combo.count() == 0
    dialog.edits["login"].setText(login)
    dialog.edits["password"].setText("demo")
    dialog.buttons.accepted.emit()
    await wait_until(lambda: dialog.company_combo.count() > 0)
    dialog.buttons.accepted.emit()
    await wait_until(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert view_model.ramm.state is ConnectionState.CONNECTED


async def test_a_wrong_password_is_told_in_the_dialog(manager) -> None:
    _window, view_model = manager
    dialog = view_model.open_login()
    dialog.edits["login"].setText("demo")
    dialog.edits["password"].setText("nope")
    dialog.buttons.accepted.emit()
    await wait_until(lambda: dialog.message_label.isVisible())
    assert dialog.message_label.text() and dialog.company_combo.count() == 0


async def test_lists_page_through_the_search(manager) -> None:
    window, view_model = manager
    view_model.clients.per_page = 5
    await log_in(window, view_model, "demo")
    clients = window.clients
    await wait_until(lambda: clients.model.rowCount() > 0)
    await wait_until(lambda: clients.model.rowCount() == 5 and "Page 1 of 4" in clients.page_label.text())
    assert clients.next_button.isEnabled() and not clients.prev_button.isEnabled()
    first = clients.model.ids()
    clients.next_button.click()
    await wait_until(lambda: "Page 2 of 4" in clients.page_label.text())
    assert set(clients.model.ids()).isdisjoint(first)
    clients.search_edit.setText("demo")
    clients.search_edit.returnPressed.emit()
    await wait_until(lambda: "Page 1 of 1" in clients.page_label.text())
    accounts = window.accounts
    window.show_dock("accounts")
    accounts.search_edit.setText("abc")  # a strategy ID is a number: told at the list, nothing sent
    accounts.search_edit.returnPressed.emit()
    await wait_until(lambda: accounts.message_label.isVisible())
    assert "number" in accounts.message_label.text()


async def test_create_checks_the_name_as_typed_and_the_fields_before_sending(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    await wait_until(lambda: window.strategies.model.rowCount() == 5)
    form = view_model.open_create()
    assert isinstance(form, StrategyForm)
    form.edits["Name"].setText("Demo Blue Chips")
    form.nameEdited.emit("Demo Blue Chips")
    await wait_until(lambda: "exists" in form.errors["Name"].text(), timeout=3)
    form.edits["Name"].setText("Fresh Idea")
    form.nameEdited.emit("Fresh Idea")
    await wait_until(lambda: "free" in form.errors["Name"].text(), timeout=3)
    form.edits["ClientID"].setText("1")
    form.edits["WalletID"].setText("1")
    form.edits["Money"].setText("1000.001")  # 3 decimals: told at the field
    form.buttons.accepted.emit()
    assert "decimals" in form.errors["Money"].text() and not form.busy
    form.edits["Money"].setText("1000")
    form.edits["FeeRate"].setText("0.2")
    form.buttons.accepted.emit()
    await wait_until(lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=5)
    await wait_until(lambda: window.strategies.model.rowCount() == 6)
    new_id = max(window.strategies.model.ids())
    window.strategies.select(new_id)
    await wait_until(lambda: view_model.strategy is not None and new_id == view_model.strategy.ID)
    rename = view_model.open_rename()
    assert rename is not None
    rename.edits["Name"].setText("Renamed Idea")
    rename.buttons.accepted.emit()
    await wait_until(lambda: view_model.strategy is not None and view_model.strategy.Name == "Renamed Idea")


async def test_a_venue_refusal_on_a_field_is_shown_at_that_field(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    form = view_model.open_create()
    for field, text in {"ClientID": "1", "WalletID": "2", "Name": "Other Wallet", "Money": "10"}.items():
        form.edits[field].setText(text)
    form.buttons.accepted.emit()  # wallet 2 is not client 1's: the venue says so at WalletID
    await wait_until(lambda: form.errors["WalletID"].isVisible(), timeout=5)
    assert "WalletID" in form.errors["WalletID"].text()


async def test_a_missing_right_is_shown_where_the_user_clicked(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "viewer")
    accounts = window.accounts
    window.show_dock("accounts")
    await wait_until(lambda: accounts.model.rowCount() > 0)
    account_id = next(i for i in accounts.model.ids() if accounts.model.record_by_id(i)["Type"] == 2)
    accounts.select(account_id)
    await wait_until(lambda: view_model.account is not None)
    window.pause_button.click()

    await wait_until(lambda: window.findChild(QMessageBox, "confirmBox") is not None)
    box = window.findChild(QMessageBox, "confirmBox")
    assert f"#{account_id}" in box.text() and "closed at market" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    await wait_until(lambda: accounts.message_label.isVisible())
    assert "access_denied" in accounts.message_label.text() or "right" in accounts.message_label.text()


async def test_the_window_keeps_its_own_layout(manager) -> None:
    window, _view_model = manager
    window.docks["signals"].setFloating(True)
    blob = window.snapshot()
    other = StrategyManagerWindow()
    try:
        assert other.restore(blob)
        assert other.docks["signals"].isFloating()
        assert not other.restore(b"garbage")
    finally:
        other.deleteLater()


async def test_a_transfer_is_checked_at_the_fields_then_added(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    window.show_dock("transfers")
    await wait_until(lambda: window.transfers.model.rowCount() > 0)
    form = view_model.open_transfer()
    form.edits["WalletID"].setText("w1")
    form.edits["Amount"].setText("0")
    form.buttons.accepted.emit()
    assert form.errors["WalletID"].isVisible() and form.errors["Amount"].isVisible() and not form.busy
    form.edits["WalletID"].setText("1")
    form.edits["Amount"].setText("12.345")
    form.buttons.accepted.emit()
    assert "decimals" in form.errors["Amount"].text()
    form.edits["Amount"].setText("250")
    form.edits["CommentClient"].setText("top-up")
    form.buttons.accepted.emit()
    await wait_until(lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=5)
    page = await view_model.ramm.client.wallet_transfers_search(Query({"WalletID": 1}))
    assert any(row.CommentClient == "top-up" and row.Amount == 250 for row in page.rows)


async def test_the_a_book_share_is_checked_then_set(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    window.show_dock("accounts")
    await wait_until(lambda: window.accounts.model.rowCount() > 0)
    account_id = next(
        i for i in window.accounts.model.ids() if window.accounts.model.record_by_id(i)["Type"] == 2
    )
    window.accounts.select(account_id)
    await wait_until(lambda: view_model.account is not None)
    view_model.open_abook()
    await wait_until(lambda: view_model.abook_form is not None)
    form = view_model.abook_form
    assert form.stream_combo.count() >= 1
    form.edits["ABook"].setText("1.5")
    form.buttons.accepted.emit()
    assert form.errors["ABook"].isVisible() and not form.busy
    form.edits["ABook"].setText("0.25")
    form.buttons.accepted.emit()
    await wait_until(lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=5)
    assert (await view_model.ramm.client.accounts_get(account_id)).ABook == Decimal("0.25")


async def test_every_list_loads_its_first_page_after_login(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    for controller in view_model.lists:
        await wait_until(lambda c=controller: c.loaded.is_set() or c.view.message_label.text(), timeout=5)
        assert not controller.view.message_label.text(), (
            controller.view.objectName(),
            controller.view.message_label.text(),
        )
        assert "Page" in controller.view.page_label.text()
    assert window.client_stats.model.rowCount() > 0 and window.symbols.model.rowCount() > 0


async def test_manager_rights_and_another_managers_session_logged_out(manager, sim) -> None:
    window, view_model = manager
    other = RammSession("http://sim.test/ramm", transport=sim.transport(), heartbeat_interval=3600)
    try:
        await other.login("viewer", "demo")
        await log_in(window, view_model, "demo")
        window.show_dock("managers")
        await wait_until(lambda: window.managers.model.rowCount() >= 2)
        window.managers.select(2)
        await wait_until(lambda: "#2" in window.manager_rights.text())
        assert "strategies.search" in window.manager_rights.text()
        window.show_dock("sessions")
        sessions = window.sessions
        await wait_until(lambda: sessions.model.rowCount() >= 2)
        key = next(i for i in sessions.model.ids() if sessions.model.record_by_id(i)["Login"] == "viewer")
        sessions.view.selectRow(sessions.model.row_of(key))
        sessions.logout_button.click()
        await wait_until(lambda: window.findChild(QMessageBox, "confirmBox") is not None)
        box = window.findChild(QMessageBox, "confirmBox")
        assert "viewer" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await wait_until(
            lambda: all(sessions.model.record_by_id(i)["Login"] != "viewer" for i in sessions.model.ids())
        )
        with pytest.raises(AuthError):
            await other.beat()
    finally:
        await other.aclose()


async def test_the_ramm_light_follows_the_session_and_tells_changed_rights(qtbot, sim) -> None:
    from app.connections import RammIndicator
    from services.ramm import RammClient
    from tests.services.ramm.sim_support import MAIN_URL
    from widgets.common.status import ConnectionIndicator, LightState

    indicator = ConnectionIndicator("ramm", "RAMM")
    qtbot.addWidget(indicator)
    session = RammSession("http://sim.test/ramm", transport=sim.transport(), heartbeat_interval=3600)
    try:
        RammIndicator(session, indicator)
        assert indicator.state is LightState.DISCONNECTED and "Click to log in" in indicator.toolTip()
        await session.login("viewer", "demo")
        assert indicator.state is LightState.CONNECTED and "viewer" in indicator.toolTip()
        async with RammClient.create(MAIN_URL, transport=sim.transport()) as main:
            admin = await main.open_company("demo", "demo", company_id=1)
            async with admin:
                await admin.managers_set_methods(2, [*session.rights, "strategies.add"])
        await session.beat()
        assert "Rights re-read" in indicator.toolTip()
        sim.ctx.clock.advance_by(3600)  # the session expires
        with pytest.raises(AuthError):
            await session.beat()
    finally:
        await session.aclose()


# --- bad input in every form: a message at the field, nothing sent -----------------------------------------

VALID = {
    "create": {
        "ClientID": "1",
        "WalletID": "1",
        "Name": "Valid Name",
        "Money": "100",
        "FeeRate": "0.2",
        "Protection": "0.5",
        "Target": "1",
        "CommissionRate": "10",
    },
    "rename": {"Name": "Valid Name"},
    "follower": {
        "StrategyID": "1",
        "ClientID": "7",
        "Money": "100",
        "Factor": "1",
        "Protection": "0.5",
        "Target": "1",
    },
    "abook": {"ABook": "0.5"},
    "transfer": {"WalletID": "1", "Amount": "10"},
    "login": {"login": "demo", "password": "demo"},
    "client": {
        "Login": "new.client",
        "Password": "secret",
        "FirstName": "Nina",
        "LastName": "New",
        "Email": "nina@example.com",
        "Mobile": "+7 900 123-45-67",
        "Language": "en",
    },
}
BAD_INPUT = [
    ("login", "login", ""),
    ("login", "password", ""),
    ("create", "ClientID", "x"),
    ("create", "ClientID", ""),
    ("create", "WalletID", "0"),
    ("create", "Name", ""),
    ("create", "Name", "n" * 51),
    ("create", "Money", "-5"),
    ("create", "Money", "1.001"),
    ("create", "FeeRate", "2"),
    ("create", "FeeRate", "0.123"),
    ("create", "Protection", "1"),
    ("create", "Target", "0"),
    ("create", "CommissionRate", "-1"),
    ("rename", "Name", ""),
    ("rename", "Name", "n" * 51),
    ("follower", "StrategyID", "abc"),
    ("follower", "ClientID", ""),
    ("follower", "Money", "0"),
    ("follower", "Money", "lots"),
    ("follower", "Factor", "0"),
    ("follower", "Factor", "0.001"),
    ("follower", "Factor", "1000.5"),
    ("follower", "Protection", "1.5"),
    ("follower", "Target", "-1"),
    ("abook", "ABook", "1.5"),
    ("abook", "ABook", "half"),
    ("abook", "ABook", "0.125"),
    ("abook", "ABook", ""),
    ("transfer", "WalletID", "w1"),
    ("transfer", "Amount", "0"),
    ("transfer", "Amount", "12.345"),
    ("transfer", "Amount", "NaN"),
    ("client", "Login", ""),
    ("client", "Login", "x" * 65),
    ("client", "Password", ""),
    ("client", "Email", "nina.example.com"),
    ("client", "Mobile", "call me"),
    ("client", "Language", "eng"),
]


async def _open_form(kind: str, window: StrategyManagerWindow, view_model: StrategyManagerViewModel) -> Any:
    if kind == "login":
        return view_model.open_login()
    await log_in(window, view_model, "demo")
    if kind == "create":
        return view_model.open_create()
    if kind == "transfer":
        return view_model.open_transfer()
    if kind == "client":
        return view_model.open_client()
    if kind in ("rename", "follower"):
        await wait_until(lambda: window.strategies.model.row_of(1) is not None)
        window.strategies.select(1)
        await wait_until(lambda: view_model.strategy is not None)
        return view_model.open_rename() if kind == "rename" else view_model.open_follower()
    window.show_dock("accounts")
    await wait_until(lambda: window.accounts.model.rowCount() > 0)
    follower = next(
        i for i in window.accounts.model.ids() if window.accounts.model.record_by_id(i)["Type"] == 2
    )
    window.accounts.select(follower)
    await wait_until(lambda: view_model.account is not None)
    view_model.open_abook()
    await wait_until(lambda: view_model.abook_form is not None)
    return view_model.abook_form


@pytest.mark.parametrize("kind", list(VALID))
async def test_bad_input_in_every_form_is_told_at_the_field_and_sends_nothing(
    manager_of_unchanged, unchanged_sim, monkeypatch, kind: str
) -> None:
    window, view_model = manager_of_unchanged
    form = await _open_form(kind, window, view_model)
    spawned: list[str] = []
    original = view_model.spawn

    def spawn(coro: Any) -> Any:
        spawned.append(coro.__qualname__)
        return original(coro)

    monkeypatch.setattr(view_model, "spawn", spawn)
    requests_before = set(unchanged_sim.seen)
    for field, text in [(f, t) for k, f, t in BAD_INPUT if k == kind]:
        for name, value in {**VALID[kind], field: text}.items():
            form.edits[name].setText(value)
        form.buttons.accepted.emit()  # Enter
        case = f"{field}={text!r}: {form.errors[field].text()!r}"
        assert form.errors[field].isVisible() and form.errors[field].text(), case
        assert [f for f in form.edits if form.errors[f].isVisible()] == [field], case  # only that one
        assert spawned == [] and not form.busy and form.isVisible(), case  # nothing sent, open to correct
    assert set(unchanged_sim.seen) == requests_before


async def test_actions_without_a_selection_are_told_where_clicked(manager_of_unchanged) -> None:
    window, view_model = manager_of_unchanged
    await log_in(window, view_model, "demo")
    copy_view = window.copy_trading
    copy_view.link_button.setEnabled(True)  # even if clicked: no strategy of one's own selected
    copy_view.link_button.click()
    assert copy_view.message_label.isVisible() and "strategy" in copy_view.message_label.text()
    window.rename_button.click()
    assert window.strategies.message_label.isVisible()
    window.show_dock("accounts")
    for button in (
        window.pause_button,
        window.resume_button,
        window.close_account_button,
        window.abook_button,
    ):
        window.accounts.showMessage("")
        button.click()
        assert "Select an account" in window.accounts.message_label.text(), button.objectName()
    window.show_dock("managers")
    window.rights_button.click()
    assert window.managers.message_label.isVisible()
    window.show_dock("sessions")
    window.sessions.logout_button.click()
    assert window.sessions.message_label.isVisible()
    assert window.findChild(QMessageBox, "confirmBox") is None  # nothing asked, nothing sent


async def test_strategies_show_their_equity_and_the_lists_sort_by_documented_fields(
    manager_of_unchanged,
) -> None:
    window, view_model = manager_of_unchanged
    await log_in(window, view_model, "demo")
    strategies = window.strategies
    await wait_until(lambda: strategies.model.rowCount() > 0)
    equity = (await view_model.ramm.client.strategies_get(1)).Equity
    assert equity is not None and equity > 0
    column = next(i for i, c in enumerate(strategies.model._columns) if c.key == "Equity")
    shown = lambda: strategies.model.data(strategies.model.index(strategies.model.row_of(1), column))  # noqa: E731
    await wait_until(lambda: shown() == f"{equity:,.2f}", message=f"{shown()!r} != {equity}")
    assert "Equity" not in strategies._sortable  # strategies.search cannot order by it (notes §4)
    for controller in view_model.lists:
        view = controller.view
        controller.per_page = 3  # the order is the point here, not the rows
        for col in view.model._columns:
            every = controller in (view_model.strategies, view_model.accounts)
            if col.key not in view._sortable or not (every or col.key.islower()):
                continue  # elsewhere only the columns shown as words (their field is named otherwise)
            controller.order = (view._sortable[col.key], SortDirection.DESC)
            await controller._load()
            where = f"{view.objectName()}.{col.key}"
            assert not view.message_label.isVisible(), (where, view.message_label.text())
    header = strategies.view.horizontalHeader()  # a click on a header asks the search in that order
    header.sectionClicked.emit(next(i for i, c in enumerate(strategies.model._columns) if c.key == "status"))
    assert view_model.strategies.order == ("Status", SortDirection.DESC)


async def test_a_strategy_links_to_the_coin_weight_account_too(manager_of_unchanged, monkeypatch) -> None:
    window, view_model = manager_of_unchanged
    await log_in(window, view_model, "demo")
    linked: list[tuple[int, str, str]] = []

    async def link_to(strategy_id: int, _name: str, venue: str, account: str) -> None:
        linked.append((strategy_id, venue, account))  # the publisher itself: test_session_copy_trading

    monkeypatch.setattr(view_model.copy, "link_to", link_to)
    await wait_until(lambda: window.strategies.model.row_of(1) is not None)
    window.strategies.select(1)  # the demo trader's own strategy
    copy_view = window.copy_trading
    await wait_until(lambda: copy_view.link_button.isEnabled())
    texts = [copy_view.account_combo.itemText(i) for i in range(copy_view.account_combo.count())]
    assert texts == ["CHP \u00b7 ST100001-MO-01", "Coin-weight \u00b7 binance"]
    assert copy_view.select_account("coinweight", "binance")
    copy_view.link_button.click()
    await wait_until(lambda: bool(linked))
    assert linked == [(1, "coinweight", "binance")]


async def test_a_managers_rights_are_set_from_those_one_holds(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    window.show_dock("managers")
    await wait_until(lambda: window.managers.model.row_of(2) is not None)
    window.managers.select(2)  # viewer: read rights only
    window.rights_button.click()
    said = window.managers.message_label
    await wait_until(
        lambda: (view_model.rights_form is not None and view_model.rights_form.isVisible()) or said.text(),
        timeout=15,
    )
    assert said.text() == ""  # a refusal or a lost selection would be said here
    form = view_model.rights_form
    assert form is not None
    items = {form.rights.item(i).text(): form.rights.item(i) for i in range(form.rights.count())}
    assert items["strategies.search"].checkState() == Qt.CheckState.Checked
    assert items["strategies.add"].checkState() == Qt.CheckState.Unchecked
    items["strategies.add"].setCheckState(Qt.CheckState.Checked)
    form.buttons.accepted.emit()
    await wait_until(lambda: not shiboken6.isValid(form) or not form.isVisible())
    await wait_until(lambda: "strategies.add" in window.manager_rights.text())
    assert "strategies.add" in await view_model.ramm.client.managers_get_methods(2, 1)


async def test_a_client_is_added_with_a_wallet(manager) -> None:
    window, view_model = manager
    await log_in(window, view_model, "demo")
    form = view_model.open_client()
    assert form.edits["Password"].echoMode() == form.edits["Password"].EchoMode.Password  # masked
    for name, value in VALID["client"].items():
        form.edits[name].setText(value)
    form.buttons.accepted.emit()
    await wait_until(lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=5)
    page = await view_model.ramm.client.clients_search(Query({"Login": "new.client"}))
    assert [(c.Login, c.Email) for c in page.rows] == [("new.client", "nina@example.com")]
    assert "new.client" in window.statusBar().currentMessage()
