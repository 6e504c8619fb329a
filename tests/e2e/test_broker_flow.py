"""The broker scenario in the real main window: a limit buy placed from the order book, its line on the chart
dragged to move the order at the venue, then canceled from the Orders panel."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.panels import builtin_panels
from app.viewmodels.order_book import OrderBookViewModel
from services.domain import OrderStatus, Side
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_chart_panel import GAZP, answer, drag, has_line, show
from tests.e2e.test_order_book import click
from tests.e2e.test_orders import focus
from widgets.panels.order_book_ladder import Column


async def test_book_buy_then_move_by_chart_line_then_cancel_in_the_blotter(trading_shell):
    shell = trading_shell(builtin_panels(), name="broker")
    window, core = shell.window, core_of(shell)
    chp = core.session("chp")
    await chp.login("demo", "demo")
    chart_panel = window.dock("chart").widget()
    book = window.dock("order_book").widget()
    book_vm = book.findChild(OrderBookViewModel)
    ladder = book.ladder

    await show(chart_panel, GAZP, "1h")  # picking GAZP in the chart moves the book of the same colour too
    await wait_until(lambda: book_vm.instrument == GAZP and any(r.bid for r in ladder.rows()), timeout=10)

    # a limit buy from the order book: one-click on, a click in the bid column far below the market
    book.one_click_button.click()
    book.set_quantity(Decimal(10))  # one lot of GAZP
    before = {key for key, _order in core.orders.orders()}
    deepest = min(row.price for row in ladder.rows() if row.bid is not None)
    click(ladder, deepest, Column.BID)

    def placed():
        return [(k, o) for k, o in core.orders.orders() if k not in before and o.instrument == GAZP]

    await wait_until(lambda: any(o.order_id for _k, o in placed()), timeout=10)
    [(key, order)] = placed()
    assert (order.side, order.price, order.quantity) == (Side.BUY, deepest, Decimal(10))

    # its line on the chart; dragged and confirmed, the venue moves the order
    chart = chart_panel.chart
    await wait_until(lambda: has_line(chart, order.order_id), timeout=5)
    target = deepest - 10 * chp.instruments[GAZP].price_step
    drag(chart, order.order_id, float(target))
    await answer(chart_panel, QMessageBox.StandardButton.Yes)

    async def price_at_venue() -> Decimal | None:
        working = await chp.adapter.active_orders()
        return next((o.price for o in working if o.order_id == order.order_id), None)

    for _ in range(100):
        if await price_at_venue() == target:
            break
        await asyncio.sleep(0.1)
    assert await price_at_venue() == target

    # canceled from the Orders panel
    panel = window.dock("orders").widget()
    window.set_panel_visible("orders", True)
    window.dock("orders").raise_()
    await wait_until(lambda: key in panel.active.ids(), timeout=5)
    table = panel.active_table
    await focus(shell, table)
    table.selectRow(table.view_index(key, "time").row())
    QTest.keyClick(table, Qt.Key.Key_Delete)
    await wait_until(lambda: core.orders.get(key).status is OrderStatus.CANCELED, timeout=10)
    assert await price_at_venue() is None
    await chp.logout()
