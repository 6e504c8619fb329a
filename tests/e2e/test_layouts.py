"""The professional and simple layouts against the live simulator: slots from the exchange, edits saved there
(or rolled back), one-key switching, and the same layout again from the profile."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.panels import builtin_panels
from app.viewmodels.layouts_quotes import QuotesViewModel
from app.viewmodels.layouts_slots import SlotViewModel
from app.viewmodels.order_book import OrderBookViewModel
from services.domain import InstrumentId, LayoutKind, OrderStatus, Side
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from widgets.panels.quote_tile import QuotesPanel
from widgets.panels.slots import SlotPanel

PROFILE = "layouts"


def slot(window, position: int) -> tuple[SlotPanel, SlotViewModel]:
    panel = window.dock(f"slot_{position}").widget()
    view_model = panel.findChild(SlotViewModel)
    assert isinstance(panel, SlotPanel) and view_model is not None
    return panel, view_model


def book_of(panel: SlotPanel) -> OrderBookViewModel:
    view_model = panel.book().findChild(OrderBookViewModel)
    assert view_model is not None
    return view_model


async def venue_layout(core, kind: LayoutKind) -> tuple[InstrumentId | None, ...]:
    return (await core.session("coinweight").adapter.layout(kind)).slots


async def press(window, key: Qt.Key) -> None:
    """A shortcut as the user types it (application shortcuts need the window active)."""
    window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    await asyncio.sleep(0)


async def test_professional_and_simple_layouts_come_from_the_exchange_and_the_profile(
    trading_shell, live_simulator, tmp_path
):
    shell = trading_shell(builtin_panels(), name=PROFILE)
    window, core = shell.window, core_of(shell)
    await core.session("coinweight").login("demo", "demo")
    await press(window, Qt.Key.Key_1)
    assert window.current_layout() == "professional"
    assert window.action("layout.professional").isChecked()
    assert all(window.dock(f"slot_{n}").isVisible() for n in (1, 2, 3))
    assert window.dock("market_watch").isVisible() and window.dock("orders").isVisible()
    assert not window.dock("quotes").isVisible()

    before = await venue_layout(core, LayoutKind.PROFESSIONAL)
    await wait_until(lambda: tuple(slot(window, n)[1].instrument for n in (1, 2, 3)) == before)
    for position, colour in ((1, "red"), (2, "green"), (3, "blue")):
        panel, view_model = slot(window, position)
        assert view_model.link_colour == colour
        assert book_of(panel).instrument == before[position - 1]  # the slot's book follows its colour
        assert panel.picker.current() == (before[position - 1].market, before[position - 1].symbol)

    # change slot 2: shown at once, kept by the exchange
    panel2, slot2 = slot(window, 2)
    choice = next(
        i for i in core.session("coinweight").instruments if i not in before and i.symbol == "ETH-USDT"
    )
    panel2.picker.pick(choice.market, choice.symbol)
    assert slot2.instrument == choice and book_of(panel2).instrument == choice
    for _ in range(50):
        if (await venue_layout(core, LayoutKind.PROFESSIONAL))[1] == choice:
            break
        await asyncio.sleep(0.05)
    assert (await venue_layout(core, LayoutKind.PROFESSIONAL))[1] == choice

    # a refused change goes back, with a message
    live_simulator.context.faults.add(path="/professional/custom/.*/update$", error_rate=1.0, times=1)
    refused = next(i for i in core.session("coinweight").instruments if i not in (*before, choice))
    panel2.picker.pick(refused.market, refused.symbol)
    assert slot2.instrument == refused  # optimistic
    await wait_until(lambda: slot2.instrument == choice)
    assert "did not save" in panel2.message_text()
    assert panel2.picker.current() == (choice.market, choice.symbol)
    assert (await venue_layout(core, LayoutKind.PROFESSIONAL))[1] == choice

    await wait_until(
        lambda: all(book_of(slot(window, n)[0]).panel.ladder.rows() for n in (1, 2, 3)), timeout=8
    )
    await wait_until(lambda: all(slot(window, n)[0].last_label.text() for n in (1, 2, 3)), timeout=8)
    window.grab().save(str(tmp_path / "professional.png"))

    # Ctrl+2: the simple layout, 12 tiles with live quotes
    await press(window, Qt.Key.Key_2)
    assert window.current_layout() == "simple" and window.action("layout.simple").isChecked()
    quotes = window.dock("quotes").widget()
    assert isinstance(quotes, QuotesPanel) and quotes.isVisible()
    assert not window.dock("slot_1").isVisible()
    simple = await venue_layout(core, LayoutKind.SIMPLE)
    quotes_vm = quotes.findChild(QuotesViewModel)
    assert quotes_vm.slots() == simple and len(quotes.tiles) == 12
    assert [tile.instrument() for tile in quotes.tiles] == [(i.market, i.symbol) for i in simple]
    await wait_until(
        lambda: all(tile.bid() is not None and tile.ask() is not None for tile in quotes.tiles), 8
    )
    window.grab().save(str(tmp_path / "simple.png"))

    # Ctrl+1 back, and the switch is undoable like any layout change
    await press(window, Qt.Key.Key_1)
    assert window.current_layout() == "professional" and window.dock("slot_2").isVisible()
    assert window.undo_layout_change()
    assert window.current_layout() == "simple" and window.dock("quotes").isVisible()
    await press(window, Qt.Key.Key_1)
    assert window.current_layout() == "professional"
    await core.session("coinweight").logout()
    window.close()  # saves the profile

    # a new window from the same profile: the same layout and slots
    again = trading_shell(builtin_panels(), name=PROFILE)
    assert again.window.current_layout() == "professional"
    assert all(again.window.dock(f"slot_{n}").isVisible() for n in (1, 2, 3))
    assert not again.window.dock("quotes").isVisible()
    core2 = core_of(again)
    await core2.session("coinweight").login("demo", "demo")
    await wait_until(lambda: slot(again.window, 2)[1].instrument == choice)
    assert slot(again.window, 1)[1].instrument == before[0]
    # leave the shared demo user's layout as it was
    core2.session("coinweight")
    await core2.session("coinweight").adapter.set_layout_slot(LayoutKind.PROFESSIONAL, 2, before[1])
    await core2.session("coinweight").logout()


async def test_a_tile_trades_only_when_its_quick_order_is_confirmed(trading_shell):
    shell = trading_shell(builtin_panels(), name="tiles")
    window, core = shell.window, core_of(shell)
    session = core.session("coinweight")
    await session.login("demo", "demo")
    window.action("layout.simple").trigger()
    quotes = window.dock("quotes").widget()
    quotes_vm = quotes.findChild(QuotesViewModel)
    tile = quotes.tile(1)
    await wait_until(lambda: tile.ask() is not None and tile.bid() is not None, timeout=8)
    instrument = quotes_vm.slots()[0]
    info = session.instruments[instrument]
    known = {key for key, _order in core.orders.orders()}

    ask = tile.ask()
    tile.buy_button.click()
    popover = quotes_vm.popover()
    assert popover is not None and popover.side == "buy"
    assert (popover.price_field.value(), popover.quantity_field.value()) == (ask, info.min_qty)
    popover.quantity_field.setValue(info.min_qty / 10)  # under the minimum: refused on the spot
    popover.confirm_button.click()
    assert quotes_vm.popover() is popover and "at least" in popover.quantity_field.errorText()
    assert {key for key, _order in core.orders.orders()} == known  # nothing sent yet

    far = (tile.bid() * 8 / 10).quantize(info.price_step)  # well under the market: it will not fill
    popover.quantity_field.setValue(info.min_qty)
    popover.price_field.setValue(far)
    popover.confirm_button.click()
    await wait_until(lambda: quotes_vm.popover() is None)  # closed once the exchange took the order
    [(key, order)] = [(k, o) for k, o in core.orders.orders() if k not in known]
    assert (order.instrument, order.side, order.price, order.quantity) == (
        instrument,
        Side.BUY,
        far,
        info.min_qty,
    )
    await wait_until(lambda: bool(core.orders.get(key).order_id))
    assert await core.order_entry.cancel(core.orders.get(key))
    await wait_until(lambda: core.orders.get(key).status is OrderStatus.CANCELED, timeout=8)
    await session.logout()
