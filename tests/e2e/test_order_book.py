"""The DOM ladder of slot 1 against the live simulator: live depth, a price click prefills the slot's ticket,
one-click buy far from the market places an order and a click on its marker cancels it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.panels import builtin_panels
from app.viewmodels.order_book import OrderBookViewModel
from services.domain import OrderStatus, Side
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from widgets.panels.order_book import OrderBookPanel
from widgets.panels.order_book_ladder import Column, LadderView
from widgets.panels.slots import SlotPanel


def show_row(ladder: LadderView, index: int) -> None:
    """Scroll so that row ``index`` is on screen, a few rows above the bottom."""
    ladder.scroll_rows(index - ladder.first_visible_row() - ladder.visible_row_count() + 3)


def click(ladder: LadderView, price, column: Column) -> None:
    index = next(i for i, row in enumerate(ladder.rows()) if row.price == price)
    show_row(ladder, index)
    rect = ladder.cell_rect(price, column)
    assert rect is not None
    QTest.mouseClick(ladder, Qt.MouseButton.LeftButton, pos=rect.center())


async def test_the_ladder_prefills_the_ticket_and_trades_with_one_click(trading_shell, tmp_path):
    shell = trading_shell(builtin_panels(), name="dom")
    window, core = shell.window, core_of(shell)
    session = core.session("coinweight")
    await session.login("demo", "demo")
    window.action("layout.professional").trigger()
    slot1 = window.dock("slot_1").widget()
    assert isinstance(slot1, SlotPanel)
    book = slot1.book()
    assert isinstance(book, OrderBookPanel)
    book_vm = book.findChild(OrderBookViewModel)
    ladder = book.ladder
    await wait_until(lambda: book_vm.instrument is not None and any(r.bid for r in ladder.rows()), timeout=8)
    instrument = book_vm.instrument
    info = session.instruments[instrument]
    assert not book.is_one_click()

    # one-click off: an ask click prefills the slot's ticket (same colour) with sell and the price; a price
    # click the price only; nothing is sent
    ticket = slot1.ticket()
    known = len(core.orders.orders())
    best_ask = min(row.price for row in ladder.rows() if row.ask is not None)
    best_bid = max(row.price for row in ladder.rows() if row.bid is not None)
    click(ladder, best_ask, Column.ASK)
    await wait_until(lambda: (ticket.side(), ticket.price_value()) == ("sell", best_ask))
    click(ladder, best_bid, Column.PRICE)
    await wait_until(lambda: ticket.price_value() == best_bid)
    assert ticket.side() == "sell"
    assert len(core.orders.orders()) == known

    # one-click on: a click on the deepest bid buys the minimum quantity there at once
    book.one_click_button.click()
    assert book.is_one_click() and book.banner.isVisible()
    book.set_quantity(info.min_qty)
    before = {key for key, _order in core.orders.orders()}
    deepest = min(row.price for row in ladder.rows() if row.bid is not None)
    assert deepest < best_bid
    click(ladder, deepest, Column.BID)

    def placed():
        return [
            (key, order)
            for key, order in core.orders.orders()
            if key not in before and order.instrument == instrument
        ]

    await wait_until(lambda: any(order.order_id for _key, order in placed()))
    [(key, order)] = placed()
    assert (order.side, order.price, order.quantity) == (Side.BUY, deepest, info.min_qty)
    await wait_until(lambda: any(o.key == key for row in ladder.rows() for o in row.buy_orders))
    window.grab().save(str(tmp_path / "order_book_one_click.png"))

    # a click on its marker cancels it
    click(ladder, deepest, Column.BUY_ORDERS)
    await wait_until(lambda: core.orders.get(key).status.is_final, timeout=8)
    assert core.orders.get(key).status in (
        OrderStatus.CANCELED,
        OrderStatus.FILLED,
    )  # filled: the market fell
    await session.logout()
