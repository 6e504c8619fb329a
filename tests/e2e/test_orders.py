"""The Orders panel end to end, with orders placed from the ticket: the live simulator over loopback."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from services.domain import InstrumentId, OrderRequest, OrderStatus, OrderType, Side
from services.trading.order_entry import new_client_id
from tests.conftest import wait_until
from tests.e2e.test_order_ticket import (  # noqa: F401 (fixtures)
    BTC,
    at_venue,
    choose,
    eventually,
    parts,
    send_by_keyboard,
    sent_by_ticket,
    touch,
    trader,
)
from widgets.common.decimal_input import DecimalInput
from widgets.panels.order_ticket import on_grid
from widgets.panels.order_ticket_confirm import OrderConfirmDialog
from widgets.panels.orders import CancelAllDialog

SCREENSHOT = "ticket_orders.png"  # under the test's tmp_path


async def focus(shell, widget) -> None:
    shell.window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is shell.window)
    widget.setFocus()
    await wait_until(widget.hasFocus)


async def test_place_by_keyboard_change_the_price_in_place_cancel_then_find_it_in_history(trader, tmp_path):  # noqa: F811
    shell, core = trader
    ticket, panel = parts(shell)
    await choose(ticket, "coinweight|binance", "BTC-USDT")
    bid, _ask = await touch(core, BTC)
    price = on_grid(bid * Decimal("0.6"), Decimal("0.01"))
    await send_by_keyboard(ticket, f"{price}", "0.0021")
    await wait_until(lambda: ticket.outcome()[0] == "info", timeout=10)
    assert ticket.outcome()[1].endswith("working")
    key, order = sent_by_ticket(core, BTC, price)
    await wait_until(lambda: key in panel.active.ids())
    assert order.order_id and (await at_venue(core, order.order_id)).price == price

    table = panel.active_table
    await focus(shell, table)
    table.edit(table.view_index(key, "price"))
    editor = table.findChild(DecimalInput, "orderCellEditor")
    new_price = price + Decimal("1.5")
    editor.selectAll()
    QTest.keyClicks(editor, f"{new_price}")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    await wait_until(lambda: isinstance(panel.dialog, OrderConfirmDialog))
    panel.dialog.accept_button.click()
    await eventually(lambda: _price_at_venue_is(core, order.order_id, new_price))
    await wait_until(lambda: panel.message().startswith("Changed"), timeout=5)
    model = panel.active
    await wait_until(lambda: model.cell_text(model.record_by_id(key), "price") == f"{new_price:,.2f}")
    shell.window.dock("orders").raise_()
    await wait_until(panel.active_table.isVisible)
    shell.window.grab().save(str(tmp_path / SCREENSHOT))

    await focus(shell, table)
    table.selectRow(table.view_index(key, "time").row())
    QTest.keyClick(table, Qt.Key.Key_Delete)
    await wait_until(lambda: panel.message() == "The venue took the cancel of 1 order", timeout=5)
    await wait_until(lambda: key not in panel.active.ids(), timeout=10)
    assert core.orders.get(key).status is OrderStatus.CANCELED

    panel.tabs.setCurrentIndex(1)
    panel.load_button.click()
    await wait_until(lambda: order.order_id in _history_ids(panel), timeout=10)
    assert not panel.is_history_loading()
    await core.aclose()


def _history_ids(panel) -> list[str]:
    return [panel.history.record(row).order_id for row in range(panel.history.rowCount())]


async def _price_at_venue_is(core, order_id: str, price: Decimal) -> bool:
    found = await at_venue(core, order_id)
    return found is not None and found.price == price


async def test_cancel_all_on_the_chosen_counterparty_only(trader):  # noqa: F811
    shell, core = trader
    _ticket, panel = parts(shell)
    placed = {}
    for market in ("okcoin", "huobi"):
        instrument = InstrumentId("coinweight", market, "BTC-USDT")
        request = OrderRequest(instrument, Side.BUY, OrderType.LIMIT, Decimal("0.0017"), new_client_id(),
                               price=Decimal(20000))
        placed[market] = await core.order_entry.submit(request)
        assert placed[market].status is OrderStatus.NEW
    keys = {market: f"client:{order.client_id}" for market, order in placed.items()}
    await wait_until(lambda: all(key in panel.active.ids() for key in keys.values()))

    panel.cancel_all_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, CancelAllDialog)
    assert {"coinweight|binance", "coinweight|huobi", "coinweight|okcoin"} <= set(dialog.boxes)
    for option, box in dialog.boxes.items():
        box.setChecked(option == "coinweight|okcoin")
    dialog.accept_button.click()
    await wait_until(lambda: "canceling all on okcoin" in panel.message(), timeout=5)
    await wait_until(lambda: keys["okcoin"] not in panel.active.ids(), timeout=10)
    assert core.orders.get(keys["okcoin"]).status is OrderStatus.CANCELED
    assert await at_venue(core, placed["huobi"].order_id) is not None  # huobi was not chosen
    assert core.orders.get(keys["huobi"]).status is OrderStatus.NEW
    assert await core.order_entry.cancel(placed["huobi"])
    await core.aclose()


async def test_a_broker_order_in_lots_from_the_ticket_to_the_blotter_and_canceled(trader):  # noqa: F811
    shell, core = trader
    ticket, panel = parts(shell)
    await core.session("chp").login("demo", "demo")
    sber = InstrumentId("chp", "MOEX", "SBER")
    await choose(ticket, "chp|MOEX", "SBER")
    assert ticket.is_broker() and ticket.lot_label.text() == "1 lot = 10 shares"
    ticket.unit_combo.setCurrentIndex(ticket.unit_combo.findData("lots"))
    ticket.set_order_type("limit")
    bid, _ask = await touch(core, sber)
    price = on_grid(bid * Decimal("0.8"), ticket.spec().price_step)
    await send_by_keyboard(ticket, f"{price}", "2")
    await wait_until(lambda: ticket.outcome()[0] in ("info", "error"), timeout=10)
    assert ticket.outcome()[0] == "info", ticket.outcome()[1]
    key, order = sent_by_ticket(core, sber, price)
    assert order.quantity == 20 and order.account == ticket.account()
    await wait_until(lambda: key in panel.active.ids(), timeout=5)
    model = panel.active
    assert [model.cell_text(model.record_by_id(key), c) for c in ("venue", "account", "quantity")] == [
        "CHP", order.account, "20"]

    table = panel.active_table
    await focus(shell, table)
    table.selectRow(table.view_index(key, "time").row())
    QTest.keyClick(table, Qt.Key.Key_Delete)
    await wait_until(lambda: key not in panel.active.ids(), timeout=10)
    assert core.orders.get(key).status is OrderStatus.CANCELED
    await core.aclose()
