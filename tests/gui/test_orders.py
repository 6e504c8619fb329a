"""The Orders panel at the widget level: a real shell and trading core, fake venue sessions (no network)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from app.viewmodels.journal import create_journal_panel
from app.viewmodels.orders import create_orders_panel
from app.workspace import PanelSpec, WorkspaceRegistry
from services.domain import Order, OrderAction, OrderStatus, OrderType, Side, utc_now
from services.errors import VenueError
from tests.conftest import wait_until
from tests.gui.test_order_ticket import BTC, ETH, LKOH, PORTFOLIOS, fake_core_shell  # noqa: F401 (fixture)
from widgets.common.decimal_input import DecimalInput
from widgets.common.record_table import RECORD_ID_ROLE
from widgets.panels.order_ticket_confirm import OrderConfirmDialog
from widgets.panels.orders import PAGE_SIZES, CancelAllDialog, OrdersPanel
from widgets.panels.orders_table import AMBER, BLUE, ITALIC_ROLE


def orders_registry() -> WorkspaceRegistry:
    registry = WorkspaceRegistry()
    registry.register(PanelSpec("journal", "Journal", create_journal_panel))
    registry.register(PanelSpec("orders", "Orders", create_orders_panel, tab_with="journal"))
    return registry


orders_registry.__test__ = False


@pytest.fixture
def orders(fake_core_shell):  # noqa: F811
    shell, core = fake_core_shell(orders_registry())
    panel = shell.window.dock("orders").widget()
    assert isinstance(panel, OrdersPanel)
    return panel, core, shell


def an_order(number: int, status: OrderStatus = OrderStatus.NEW, instrument=BTC, **fields) -> Order:
    values = dict(
        order_id=str(number),
        instrument=instrument,
        side=Side.BUY,
        type=OrderType.LIMIT,
        quantity=Decimal("0.5"),
        status=status,
        price=Decimal("60000"),
        client_id=f"c{number}",
        created=utc_now(),
    )
    values.update(fields)
    return Order(**values)


def put(core, *orders: Order) -> None:
    core.orders.upsert_many(orders)
    core.flush_now()


def cell(panel: OrdersPanel, key: str, column: str, role=Qt.ItemDataRole.DisplayRole):
    model = panel.active
    return model.index(model.row_of(key), model.column_of(column)).data(role)


def italic(panel: OrdersPanel, key: str, column: str) -> bool:
    return cell(panel, key, column, ITALIC_ROLE)


async def show_orders(shell, width: int, height: int) -> None:
    shell.window.resize(width, height)
    shell.window.show()
    shell.window.dock("orders").raise_()  # its tab in front: a panel behind another tab is hidden
    await wait_until(shell.window.dock("orders").widget().isVisible)


async def focus_the_table(panel: OrdersPanel, shell) -> None:
    shell.window.dock("orders").raise_()  # its tab in front: a panel behind another tab is hidden
    await wait_until(panel.isVisible)
    shell.window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is shell.window)
    panel.active_table.setFocus()
    await wait_until(panel.active_table.hasFocus)


def test_active_orders_live_from_the_store_with_status_colours(orders):
    panel, core, _shell = orders
    working = an_order(1)
    partial = an_order(2, OrderStatus.PARTIALLY_FILLED, filled_quantity=Decimal("0.2"),
                       average_fill_price=Decimal("59990.5"))
    unknown = an_order(3, OrderStatus.UNKNOWN, order_id="")
    filled = an_order(4, OrderStatus.FILLED)
    stop = an_order(5, instrument=LKOH, type=OrderType.STOP, price=None, stop_price=Decimal("6900.5"),
                    quantity=Decimal(3), side=Side.SELL, action=OrderAction.SHORT, account=PORTFOLIOS[0])
    put(core, working, partial, unknown, filled, stop)

    assert sorted(panel.active.ids()) == ["client:c1", "client:c2", "client:c3", "client:c5"]
    assert panel.active_count.text() == "4 active"
    assert [cell(panel, "client:c1", c) for c in ("venue", "account", "instrument", "side", "type")] == [
        "coin-weight", "binance", "BTC-USDT", "Buy", "Limit"]
    assert [cell(panel, "client:c1", c) for c in ("price", "quantity", "status")] == [
        "60,000.00", "0.5000", "working"]
    assert [cell(panel, "client:c2", c) for c in ("filled", "average", "status")] == [
        "0.2000", "59,990.50", "partially filled"]
    assert [cell(panel, "client:c5", c) for c in ("venue", "account", "side", "type", "stop", "price")] == [
        "CHP", PORTFOLIOS[0], "Short", "Stop", "6,900.5", ""]
    colour = Qt.ItemDataRole.ForegroundRole
    assert cell(panel, "client:c1", "status", colour).name() == BLUE
    assert cell(panel, "client:c2", "status", colour).name() == AMBER.lower()
    assert italic(panel, "client:c3", "status") and not italic(panel, "client:c1", "status")
    option = QStyleOptionViewItem()
    table = panel.active_table
    table.itemDelegate().initStyleOption(option, table.view_index("client:c3", "status"))
    assert option.font.italic() and option.font.pointSizeF() == table.font().pointSizeF()
    assert cell(panel, "client:c3", "status") == "unknown (checking)"

    put(core, replace(working, status=OrderStatus.FILLED, filled_quantity=Decimal("0.5")))
    assert "client:c1" not in panel.active.ids()
    assert panel.active_count.text() == "3 active"


def test_each_cell_is_painted_as_the_model_says_it(orders):
    """The table's delegate paints a cell from one call (the blotter's speed at 100,000 orders): what it
    paints is the model's text, colour and italics, in the view's sorted order, a pending edit included."""
    panel, core, _shell = orders
    put(core, an_order(1), an_order(2, OrderStatus.PARTIALLY_FILLED, filled_quantity=Decimal("0.2")),
        an_order(3, OrderStatus.UNKNOWN, order_id=""), an_order(4, side=Side.SELL, price=Decimal("61000")))
    panel.active.set_pending_edit("client:c4", "price", Decimal("61500"))
    table = panel.active_table
    table.sortByColumn(panel.active.column_of("price"), Qt.SortOrder.AscendingOrder)
    view = table.model()
    seen = set()
    for row in range(view.rowCount()):
        for column in range(view.columnCount()):
            index = view.index(row, column)
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            table.itemDelegate().initStyleOption(option, index)
            assert option.text == index.data(), (row, column)
            colour = index.data(Qt.ItemDataRole.ForegroundRole)
            if colour is not None:
                assert option.palette.text().color() == colour, (row, column)
            assert option.font.italic() == bool(index.data(ITALIC_ROLE)), (row, column)
            seen.add((index.data(RECORD_ID_ROLE), option.text, option.font.italic()))
    assert ("client:c4", "61,500.00", True) in seen and ("client:c3", "unknown (checking)", True) in seen
    assert ("client:c1", "Buy", False) in seen and ("client:c4", "Sell", False) in seen


async def test_delete_cancels_the_selected_order_with_the_venues_answer(orders):
    panel, core, shell = orders
    venue = core.session("coinweight").adapter
    put(core, an_order(1), an_order(3, OrderStatus.UNKNOWN, order_id=""))
    await focus_the_table(panel, shell)
    panel.active_table.selectRow(panel.active_table.view_index("client:c3", "time").row())
    QTest.keyClick(panel.active_table, Qt.Key.Key_Delete)
    assert panel.message() == "Nothing to cancel: wait for the venue's answer first"

    panel.active_table.selectRow(panel.active_table.view_index("client:c1", "time").row())
    QTest.keyClick(panel.active_table, Qt.Key.Key_Delete)
    await wait_until(lambda: panel.message() == "The venue took the cancel of 1 order")
    assert [o.order_id for o in venue.canceled] == ["1"]
    core.flush_now()
    assert cell(panel, "client:c1", "status") == "canceling"

    venue.refuse = VenueError("coinweight", 1008, "the order is already inactive")
    panel.cancel_button.click()
    await wait_until(lambda: "already inactive" in panel.message())
    assert panel.message_label.styleSheet() == "color: #f0524f;"


async def test_a_price_changed_in_place_is_sent_after_the_confirmation(orders):
    panel, core, shell = orders
    venue = core.session("coinweight").adapter
    put(core, an_order(1))
    table = panel.active_table
    await focus_the_table(panel, shell)
    table.edit(table.view_index("client:c1", "price"))
    editor = table.findChild(DecimalInput, "orderCellEditor")
    assert editor is not None and editor.text() == "60000"
    editor.selectAll()
    QTest.keyClicks(editor, "61000.5")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    await wait_until(lambda: panel.dialog is not None)
    dialog = panel.dialog
    assert isinstance(dialog, OrderConfirmDialog)
    assert dialog.text_label.text() == "Change the price of BUY 0.5 BTC-USDT@binance from 60000 to 61000.5?"
    assert venue.modified == []
    venue.hold = asyncio.Event()
    dialog.accept_button.click()
    await wait_until(lambda: panel.message() == "Changing\u2026")
    assert cell(panel, "client:c1", "price") == "61,000.50" and italic(panel, "client:c1", "price")
    venue.hold.set()
    await wait_until(lambda: venue.modified == [("1", Decimal("61000.5"), None)])
    await wait_until(lambda: panel.message().startswith("Changed"))
    core.flush_now()
    assert cell(panel, "client:c1", "price") == "61,000.50" and not italic(panel, "client:c1", "price")


async def test_a_refused_change_puts_the_old_value_back_and_says_why(orders):
    panel, core, shell = orders
    shell.ctx.profile.confirm_orders["modify"] = False
    venue = core.session("coinweight").adapter
    venue.refuse = VenueError("coinweight", 1000, "cannot update the order")
    put(core, an_order(1))
    panel.active.setData(panel.active.index(0, panel.active.column_of("quantity")), Decimal("0.6"))
    await wait_until(lambda: panel.message().startswith("Not changed"))
    assert "cannot update the order" in panel.message()
    assert cell(panel, "client:c1", "quantity") == "0.5000" and not italic(panel, "client:c1", "quantity")


def test_coin_weight_changes_only_unfilled_orders_and_says_so_instead_of_sending(orders):
    panel, core, _shell = orders
    put(core, an_order(2, OrderStatus.PARTIALLY_FILLED, filled_quantity=Decimal("0.1")))
    panel.active.setData(panel.active.index(0, panel.active.column_of("price")), Decimal("59000"))
    assert panel.message().startswith("coin-weight changes only orders with nothing filled yet")
    assert panel.dialog is None
    assert core.session("coinweight").adapter.modified == []


def test_dont_ask_again_for_changes_is_kept_in_the_profile(orders):
    panel, core, shell = orders
    put(core, an_order(1))
    panel.active.setData(panel.active.index(0, panel.active.column_of("price")), Decimal("59000"))
    dialog = panel.dialog
    assert isinstance(dialog, OrderConfirmDialog)
    dialog.dont_ask.setChecked(True)
    dialog.cancel_button.click()  # "no" keeps asking
    assert shell.ctx.profile.confirm_orders["modify"] is True


async def test_cancel_all_on_the_chosen_counterparties_only(orders):
    panel, core, _shell = orders
    crypto, broker = core.session("coinweight").adapter, core.session("chp").adapter
    chp_order = an_order(7, instrument=LKOH, quantity=Decimal(1), account=PORTFOLIOS[0])
    put(core, an_order(1), an_order(2, instrument=ETH), chp_order)
    panel.cancel_all_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, CancelAllDialog)
    assert list(dialog.boxes) == ["chp|", "coinweight|binance", "coinweight|huobi"]
    assert dialog.boxes["coinweight|binance"].text() == "binance (1 active)"
    for box in dialog.boxes.values():
        box.setChecked(False)
    assert not dialog.accept_button.isEnabled()  # nothing ticked: nothing can be sent (an empty list = all)
    dialog.boxes["coinweight|binance"].setChecked(True)
    dialog.boxes["chp|"].setChecked(True)
    dialog.accept_button.click()
    await wait_until(lambda: "CHP" in panel.message())
    assert crypto.cancel_all_calls == [["binance"]]
    assert [o.order_id for o in broker.canceled] == ["7"]
    assert panel.message() == "CHP: 1 cancel taken; coin-weight: canceling all on binance"


async def test_history_fetches_older_pages_as_the_user_scrolls_with_a_loading_indicator(orders):
    panel, core, shell = orders
    await show_orders(shell, 1000, 500)
    venue = core.session("coinweight").adapter
    now = utc_now()
    venue.history = [
        an_order(n, OrderStatus.CANCELED, created=now - timedelta(minutes=n)) for n in range(60)
    ]
    assert [panel.venue_combo.itemText(i) for i in range(panel.venue_combo.count())] == ["CHP", "coin-weight"]
    panel.venue_combo.setCurrentIndex(panel.venue_combo.findData("coinweight"))
    panel.page_size_combo.setCurrentIndex(PAGE_SIZES.index(25))
    venue.hold = asyncio.Event()
    panel.tabs.setCurrentIndex(1)  # opening the tab loads the first page
    await wait_until(panel.is_history_loading)
    assert not panel.load_button.isEnabled()
    venue.hold.set()
    bar = panel.history_table.verticalScrollBar()
    # pages come until the view is full
    await wait_until(lambda: not panel.is_history_loading() and bar.maximum() > 0)
    assert venue.page_size == 25
    start, end, page = venue.history_calls[0]
    assert page == 0 and timedelta(hours=24) <= end - start <= timedelta(hours=24, minutes=2)
    assert end >= now
    status = panel.history.index(0, panel.history.column_of("status"))
    assert status.data() == "canceled"
    loaded = panel.history.rowCount()
    assert loaded in (25, 50) and panel.has_more_history()
    assert panel.history_count.text() == f"{loaded} orders \u2026"
    await asyncio.sleep(0.05)
    assert len(venue.history_calls) == loaded // 25  # the view is full: nothing more until the user scrolls

    while panel.has_more_history():
        bar.setValue(bar.maximum())  # to the end: the next 25, added below
        await wait_until(lambda n=loaded: panel.history.rowCount() > n or not panel.has_more_history())
        await wait_until(lambda: not panel.is_history_loading())
        loaded = panel.history.rowCount()
    assert loaded == 60
    assert [call[2] for call in venue.history_calls] == [0, 1, 2]
    assert panel.history_count.text() == "60 orders"
    ids = {panel.history.index(row, 0).data(RECORD_ID_ROLE) for row in range(60)}
    assert len(ids) == 60  # every order once
    bar.setValue(0)
    bar.setValue(bar.maximum())  # all listed: scrolling asks for nothing more
    await asyncio.sleep(0.05)
    assert len(venue.history_calls) == 3

    panel.load_button.click()  # Load starts the range over
    await wait_until(lambda: not panel.is_history_loading() and bar.maximum() > 0)
    pages = [call[2] for call in venue.history_calls[3:]]
    assert pages in ([0], [0, 1]) and panel.history.rowCount() == 25 * len(pages)


async def test_history_fills_a_tall_view_without_scrolling(orders):
    panel, core, shell = orders
    await show_orders(shell, 1200, 1000)
    venue = core.session("coinweight").adapter
    now = utc_now()
    venue.history = [an_order(n, OrderStatus.FILLED, created=now - timedelta(minutes=n)) for n in range(30)]
    panel.venue_combo.setCurrentIndex(panel.venue_combo.findData("coinweight"))
    panel.page_size_combo.setCurrentIndex(PAGE_SIZES.index(10))
    panel.tabs.setCurrentIndex(1)
    await wait_until(lambda: panel.history.rowCount() >= 10 and not panel.is_history_loading())
    bar = panel.history_table.verticalScrollBar()
    # pages come until the view scrolls (or the range is exhausted): never a view with room and more to fetch
    await wait_until(lambda: bar.maximum() > 0 or not panel.has_more_history())
    assert len(venue.history_calls) == panel.history.rowCount() // 10 + (0 if panel.has_more_history() else 1)


async def test_a_history_page_in_flight_ends_with_the_panel(orders):
    panel, core, _shell = orders
    venue = core.session("coinweight").adapter
    venue.hold = asyncio.Event()
    panel.venue_combo.setCurrentIndex(panel.venue_combo.findData("coinweight"))
    panel.tabs.setCurrentIndex(1)  # opening the tab loads the first page
    await wait_until(panel.is_history_loading)
    loop = asyncio.get_running_loop()
    failures: list[dict] = []
    loop.set_exception_handler(lambda _loop, context: failures.append(context))
    try:
        shiboken6.delete(panel)
        venue.hold.set()  # the answer comes after the panel went: nothing may touch it
        await asyncio.sleep(0.1)
        assert venue.history_calls == [] and failures == []
    finally:
        loop.set_exception_handler(None)
