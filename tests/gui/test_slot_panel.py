"""A professional layout slot with fake venue sessions: its book and ticket follow the slot's colour and keep
their settings in the slot's own (``book`` and ``ticket``), across a change of colour and a new window."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from PySide6.QtCore import Qt

from app.viewmodels.layouts_slots import SlotViewModel, create_slot_panel
from app.viewmodels.order_book import OrderBookViewModel
from app.workspace import PanelSpec, WorkspaceRegistry
from services.domain import Quote
from tests.gui.test_order_ticket import LKOH, SBER, fake_core_shell  # noqa: F401 (fixture)
from widgets.panels.order_book import OrderBookPanel
from widgets.panels.order_ticket import OrderTicketView
from widgets.panels.slots import SlotPanel


def slot_registry() -> WorkspaceRegistry:
    registry = WorkspaceRegistry()
    registry.register(
        PanelSpec(
            "slot_2", "Slot 2", partial(create_slot_panel, position=2), Qt.DockWidgetArea.RightDockWidgetArea
        )
    )
    return registry


def parts(shell) -> tuple[SlotPanel, SlotViewModel, OrderBookPanel, OrderTicketView]:
    panel = shell.window.dock("slot_2").widget()
    assert isinstance(panel, SlotPanel)
    slot, book, ticket = panel.findChild(SlotViewModel), panel.book(), panel.ticket()
    assert slot is not None and isinstance(book, OrderBookPanel) and isinstance(ticket, OrderTicketView)
    return panel, slot, book, ticket


def book_instrument(book: OrderBookPanel):
    view_model = book.findChild(OrderBookViewModel)
    assert view_model is not None
    return view_model.instrument


async def test_the_book_and_ticket_of_a_slot_keep_their_settings_in_the_slots(fake_core_shell):  # noqa: F811
    shell, core = fake_core_shell(slot_registry(), name="slots")
    panel, slot, book, ticket = parts(shell)
    assert slot.link_colour == "green" and panel.link_button.colour() == "green"  # slot 2's default
    core.links.publish("green", LKOH)  # another venue's instrument: shown through the colour
    assert slot.instrument == LKOH and book_instrument(book) == LKOH and ticket.spec().symbol == "LKOH"
    book.one_click_button.click()
    saved = shell.profile.panels["slot_2"]
    assert saved["link"] == "green" and saved["book"]["one_click"] is True
    assert saved["ticket"]["instrument"]["symbol"] == "LKOH"

    panel.link_button.choose("blue")  # a new book and ticket, on the same sections
    panel, slot, book, ticket = parts(shell)
    assert slot.link_colour == "blue" and ticket.link_button.colour() == "blue"
    assert book.is_one_click() and book_instrument(book) == LKOH
    core.links.publish("green", SBER)  # the old colour: not the slot's any more
    assert slot.instrument == LKOH and ticket.spec().symbol == "LKOH"
    core.links.publish("blue", SBER)
    assert slot.instrument == SBER and book_instrument(book) == SBER and ticket.spec().symbol == "SBER"
    book.one_click_button.click()
    saved = shell.profile.panels["slot_2"]
    assert saved["link"] == "blue" and saved["book"]["one_click"] is False
    assert saved["ticket"]["instrument"]["symbol"] == "SBER"
    book.one_click_button.click()
    assert shell.save_now()

    again, _core = fake_core_shell(slot_registry(), name="slots")
    panel, slot, book, _ticket = parts(again)
    assert slot.link_colour == "blue" and panel.link_button.colour() == "blue"
    assert book.is_one_click()


async def test_a_hidden_slot_shows_no_quote_and_the_last_one_when_shown(fake_core_shell):  # noqa: F811
    shell, core = fake_core_shell(slot_registry(), name="slots")
    panel, slot, _book, _ticket = parts(shell)
    core.links.publish("green", LKOH)
    assert core.session("chp").quote_owners.get(slot) == [LKOH]
    dock = shell.window.dock("slot_2")
    dock.hide()
    assert slot not in core.session("chp").quote_owners
    core.quotes.put(Quote(LKOH, bid=None, ask=None, last=Decimal("7000.5"), change_pct_24h=Decimal("1.5")))
    core.flush_now()
    assert panel.last_label.text() == ""  # nothing is drawn while hidden
    dock.show()
    assert panel.last_label.text() == "7000.5" and "1.5" in panel.change_label.text()
