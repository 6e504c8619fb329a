"""Logged out of coin-weight, frozen data looks frozen (issue 12, point 4): slot 1's order book and ticket say
"Not live: coin-weight logged out" at their top, the book is greyed, the ticket hides the balance and will not
send; logging back in makes them live again. Against the live simulator: its logout is what ends the data."""

from __future__ import annotations

from app.panels import builtin_panels
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from widgets.common.not_live import is_greyed
from widgets.panels.order_book import OrderBookPanel
from widgets.panels.order_ticket import OrderTicketView
from widgets.panels.slots import SlotPanel


async def test_logging_out_greys_the_book_and_stops_the_ticket_with_the_reason(trading_shell):
    shell = trading_shell(builtin_panels(), name="frozen")
    window, core = shell.window, core_of(shell)
    session = core.session("coinweight")
    await session.login("demo", "demo")
    window.action("layout.professional").trigger()
    slot1 = window.dock("slot_1").widget()
    assert isinstance(slot1, SlotPanel)
    book, ticket = slot1.book(), slot1.ticket()
    assert isinstance(book, OrderBookPanel) and isinstance(ticket, OrderTicketView)
    await wait_until(lambda: book.is_live() and ticket.available_label.text() not in ("", "\u2014"), 10)
    assert not book.not_live_banner.isVisible() and not ticket.not_live_banner.isVisible()

    await session.logout()
    await wait_until(lambda: not book.is_live())
    assert book.not_live_banner.text() == "Not live: coin-weight logged out" and is_greyed(book.ladder)
    assert ticket.not_live_banner.isVisible()
    assert ticket.not_live_banner.text() == "Not live: coin-weight logged out"
    assert ticket.available_label.text() == "\u2014"
    assert not ticket.submit_button.isEnabled()
    assert ticket.reason_label.text() == "Not live: coin-weight logged out"

    await session.login("demo", "demo")
    await wait_until(lambda: book.is_live(), timeout=10)
    assert not book.not_live_banner.isVisible() and not ticket.not_live_banner.isVisible()
    await wait_until(lambda: ticket.available_label.text() != "\u2014", timeout=10)
    await core.aclose()
