"""The order ticket is never stuck without saying why (issue 12, points 2-4).

A property test types random keystroke sequences into the real ticket (fields, symbol, side, type, Tab, Enter,
Esc, percent buttons, balances, instruments, the venue going away and back) and checks after every step that
either the order is sendable (Buy is enabled and pressing it opens the confirmation) or the reason is shown
under Buy. Focused tests pin each case the issue lists. The fake venues of ``test_order_ticket`` record what
reaches them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from services.domain import Balance, ConnectionState, OrderStatus
from services.errors import RejectedInput
from tests.conftest import wait_until
from tests.gui import test_order_ticket as base
from tests.gui.test_order_ticket import BTC, ETH, LKOH, enter, placed, type_into
from widgets.panels.order_ticket import OrderTicketView

pytestmark = pytest.mark.gui

fake_core_shell = base.fake_core_shell  # the fixtures of the ticket's own tests: a shell over fake venues
ticket = base.ticket


def buy_position(view: OrderTicketView) -> int:
    return view.submit_button.mapTo(view, view.submit_button.rect().topLeft()).y()


def set_balances(core, usdt: str, btc: str = "2") -> None:
    core.accounts.set_balances(
        "coinweight",
        [
            Balance("coinweight", "binance", "USDT", Decimal(usdt), Decimal(0)),
            Balance("coinweight", "binance", "BTC", Decimal(btc), Decimal(0)),
        ],
    )


def set_live(core, venue: str, live: bool) -> None:
    core.session(venue)._set_state(ConnectionState.CONNECTED if live else ConnectionState.DISCONNECTED)


# --- focused cases ------------------------------------------------------------------------------------------


def test_minus_one_stays_minus_one_and_is_refused_at_the_field(ticket):
    view, core, _shell = ticket
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "-1")
    assert view.quantity.input.text() == "-1"  # never silently 1
    assert view.field_error("quantity") == "Must be at least 0.001"
    assert not view.submit_button.isEnabled()
    assert view.reason_label.text() == "Quantity: Must be at least 0.001"
    enter(view)
    assert view.confirm_dialog is None and placed(core) == []


async def test_trailing_zeros_beyond_the_precision_are_no_error_and_go_on_the_grid(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    type_into(view.price.input, "60000.500")
    type_into(view.quantity.input, "0.010")
    assert view.field_error("price") == "" and view.submit_button.isEnabled()
    enter(view)
    await wait_until(lambda: len(placed(core)) == 1)
    assert str(placed(core)[0].price) == "60000.50"  # written at the instrument's precision


def test_a_letter_is_refused_with_a_word_about_letters_not_decimals(ticket):
    view, _core, _shell = ticket
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.5x")
    assert view.quantity.input.text() == "0.5"
    assert view.quantity.notice() == "Only digits and one decimal point"
    assert "decimal" not in view.field_error("quantity")  # the value itself is fine ...
    assert view.submit_button.isEnabled() and view.reason_label.text() == ""  # ... and can be sent
    QTest.keyClicks(view.quantity.input, "1")
    assert view.quantity.notice() == ""  # gone at the next keystroke


def test_hint_lines_never_move_the_buy_button(ticket):
    view, _core, shell = ticket
    shell.window.resize(1440, 900)
    before = buy_position(view)
    type_into(view.price.input, "60000.123")
    type_into(view.quantity.input, "0.00001")
    view.set_field_error("symbol", "XYZ is not traded on binance")
    assert view.field_error("price") and view.field_error("quantity")
    assert buy_position(view) == before
    view.clear()
    view.set_field_error("symbol", "")
    assert buy_position(view) == before


def test_a_market_order_shows_no_stale_price(ticket):
    view, _core, _shell = ticket
    type_into(view.price.input, "60000")
    view.set_order_type("market")
    assert view.price.input.text() == "" and not view.price.isEnabled()
    assert view.price.input.placeholderText() == "at market"
    type_into(view.quantity.input, "0.01")
    assert view.submit_button.isEnabled()


def test_an_order_beyond_the_balance_is_refused_before_sending(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    set_balances(core, usdt="8000", btc="2")
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "1")
    reason = "Not enough USDT: the order needs 60,000.00, 8,000.00 available"
    assert view.reason_label.text() == reason and not view.submit_button.isEnabled()
    enter(view)
    assert placed(core) == []
    view.set_side("sell")  # 1 BTC of 2: fine
    assert view.submit_button.isEnabled()
    type_into(view.quantity.input, "3")
    assert view.reason_label.text() == "Not enough BTC: the order needs 3.0000, 2.0000 available"
    view.set_side("buy")
    type_into(view.quantity.input, "0.1")  # 6,000 USDT of 8,000
    assert view.submit_button.isEnabled() and view.reason_label.text() == ""


async def test_with_no_balance_known_the_venue_judges(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    core.links.publish("red", ETH)  # no balance on huobi
    type_into(view.price.input, "3000")
    type_into(view.quantity.input, "1000")
    assert view.available_label.text() == "\u2014"
    assert view.submit_button.isEnabled()
    enter(view)
    await wait_until(lambda: len(placed(core)) == 1)


async def test_the_outcome_follows_the_order_once_it_is_canceled(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.01")
    enter(view)
    await wait_until(lambda: "working" in view.outcome()[1])
    _key, order = next((k, o) for k, o in core.orders.orders() if o.client_id == placed(core)[0].client_id)
    core.orders.upsert(replace(order, status=OrderStatus.CANCELED))
    core.flush_now()
    level, text = view.outcome()
    assert "working" not in text and "canceled" in text
    assert level == "pending"  # grey: nothing to act on


async def test_a_not_connected_refusal_clears_once_logged_back_in(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    venue = core.session("coinweight").adapter
    venue.refuse = RejectedInput("venue", "Not connected to coinweight")
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.01")
    enter(view)
    await wait_until(lambda: view.outcome() == ("error", "Not connected to coinweight"))
    set_live(core, "coinweight", False)
    set_live(core, "coinweight", True)
    assert view.outcome() == ("", "")


def test_a_logged_out_venue_greys_the_ticket_and_says_why(ticket):
    view, core, _shell = ticket
    set_balances(core, usdt="8000")
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.01")
    assert view.available_label.text() == "8,000.00 USDT"
    set_live(core, "coinweight", False)
    assert view.not_live_banner.isVisible()
    assert view.not_live_banner.text() == "Not live: coin-weight logged out"
    assert view.available_label.text() == "\u2014"  # no stale balance
    assert not view.submit_button.isEnabled()
    assert view.reason_label.text() == "Not live: coin-weight logged out"
    enter(view)
    assert view.confirm_dialog is None and placed(core) == []
    set_live(core, "coinweight", True)
    assert not view.not_live_banner.isVisible()
    assert view.available_label.text() == "8,000.00 USDT"
    assert view.submit_button.isEnabled()


# --- the property -------------------------------------------------------------------------------------------

FIELDS = ("price", "stop", "quantity")
KEYS = (
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_F2,
    Qt.Key.Key_F3,
)
steps = st.one_of(
    st.tuples(st.just("type"), st.sampled_from(FIELDS), st.text(alphabet="0123456789.,-e ", max_size=7)),
    st.tuples(st.just("key"), st.sampled_from(FIELDS), st.sampled_from(KEYS)),
    st.tuples(st.just("side"), st.sampled_from(("buy", "sell", "short", "cover"))),
    st.tuples(st.just("kind"), st.integers(0, 3)),
    st.tuples(st.just("percent"), st.sampled_from((25, 50, 75, 100))),
    st.tuples(st.just("balance"), st.sampled_from(("0", "50", "8000", "10000000"))),
    st.tuples(st.just("instrument"), st.sampled_from((BTC, ETH, LKOH))),
    st.tuples(st.just("symbol"), st.sampled_from(("BTC-USDT", "eth-usdt", "XYZ", "SBER", ""))),
    st.tuples(st.just("live"), st.booleans()),
    st.tuples(
        st.just("buy"),
    ),
)


def play(view: OrderTicketView, core, step: tuple) -> None:
    kind = step[0]
    if kind == "type":
        field = getattr(view, step[1]).input
        if field.isEnabled():
            field.setFocus()
            QTest.keyClicks(field, step[2])
    elif kind == "key":
        field = getattr(view, step[1]).input
        if field.isEnabled():
            field.setFocus()
            QTest.keyClick(field, step[2])
    elif kind == "side":
        button = view.side_buttons[step[1]]
        if button.isVisible():
            button.click()
    elif kind == "kind":
        view.type_combo.setCurrentIndex(min(step[1], view.type_combo.count() - 1))
    elif kind == "percent":
        if view.percent_buttons[step[1]].isVisible():
            view.percent_buttons[step[1]].click()
    elif kind == "balance":
        set_balances(core, usdt=step[1])
    elif kind == "instrument":
        core.links.publish("red", step[1])
    elif kind == "symbol":  # typed in the symbol box, then Enter
        edit = view.symbol_combo.lineEdit()
        edit.setFocus()
        edit.selectAll()
        QTest.keyClicks(edit, step[1])
        QTest.keyClick(edit, Qt.Key.Key_Return)
    elif kind == "live":
        set_live(core, "coinweight", step[1])
    else:
        view.submit_button.click()
    close_confirmation(view)


def close_confirmation(view: OrderTicketView) -> None:
    if view.confirm_dialog is not None:
        view.confirm_dialog.reject()


def assert_sendable_or_says_why(view: OrderTicketView, history: list) -> None:
    reason = view.blocker()
    if reason:
        assert not view.submit_button.isEnabled(), history
        assert view.reason_label.isVisibleTo(view) and view.reason_label.text() == reason, history
        return
    assert view.submit_button.isEnabled(), history
    view.submit_button.click()  # pressing it would send: the confirmation asks first
    assert view.confirm_dialog is not None and view.confirm_dialog.isVisible(), (history, view.outcome())
    close_confirmation(view)


def test_after_any_keystrokes_the_ticket_is_sendable_or_says_why(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = True  # nothing is ever sent: the confirmation is declined

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(steps, max_size=12))
    def check(sequence: list) -> None:
        set_live(core, "coinweight", True)
        core.links.publish("red", BTC)
        view.set_side("buy")
        view.set_order_type("limit")
        view.clear()
        core.accounts.set_balances("coinweight", [])
        history: list = []
        for step in sequence:
            history.append(step)
            play(view, core, step)
            assert_sendable_or_says_why(view, history)

    check()
    assert placed(core) == [] and placed(core, "chp") == []
