"""The order ticket at the widget level: a real shell and trading core, fake venue sessions (no network).

The fake venues record every order that reaches them: "nothing sent" is asserted on that record.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.i18n import DEFAULT_LANGUAGE, install_translator
from app.profiles import ProfileStore
from app.trading.bridge import QtTrading
from app.trading.install import SERVICE_NAME
from app.viewmodels.order_ticket import create_order_ticket, create_order_ticket_panel
from app.workspace import PanelSpec, WorkspaceRegistry
from services.domain import (
    Balance,
    ConnectionState,
    Instrument,
    InstrumentId,
    Order,
    OrderAction,
    OrderRequest,
    OrderStatus,
    OrderType,
    Quote,
    Side,
    TimeInForce,
    TradingAccount,
)
from services.errors import RejectedInput, TransportError, VenueError
from services.retry import Backoff
from services.trading.chp import ChpVenueSession
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.core import TradingCore
from services.trading.session import TradingStores, VenueSessionBase
from tests.conftest import wait_until
from widgets.panels.order_ticket import OrderTicketView

BTC = InstrumentId("coinweight", "binance", "BTC-USDT")
ETH = InstrumentId("coinweight", "huobi", "ETH-USDT")
ETH_BINANCE = InstrumentId("coinweight", "binance", "ETH-USDT")
LKOH = InstrumentId("chp", "MOEX", "LKOH")
SBER = InstrumentId("chp", "MOEX", "SBER")
PORTFOLIOS = ("ST1-MO-01", "ST1-MO-02")
Area = Qt.DockWidgetArea

CRYPTO = (
    Instrument(BTC, "BTC", "USDT", Decimal("0.01"), Decimal("0.0001"), Decimal("0.001"), Decimal("9000")),
    Instrument(ETH, "ETH", "USDT", Decimal("0.01"), Decimal("0.0001"), Decimal("0.0001"), Decimal("9000")),
    Instrument(ETH_BINANCE, "ETH", "USDT", Decimal("0.01"), Decimal("0.0001"), Decimal("0.0001")),
)
STOCKS = (
    Instrument(LKOH, "LKOH", "RUB", Decimal("0.5"), Decimal(1), Decimal(1), Decimal(100000)),
    Instrument(SBER, "SBER", "RUB", Decimal("0.01"), Decimal(10), Decimal(10), Decimal(1000000), Decimal(10)),
)


class FakeVenue:
    """Records what reaches it; ``hold`` keeps place_order waiting; ``refuse`` raises instead of placing."""

    def __init__(self, venue: str) -> None:
        self.venue = venue
        self.placed: list[OrderRequest] = []
        self.hold: asyncio.Event | None = None
        self.refuse: Exception | None = None
        self.lose_answer = False  # the order is placed, its answer lost
        self.canceled: list[Order] = []
        self.modified: list[tuple[str, Decimal | None, Decimal | None]] = []
        self.history: list[Order] = []
        self.history_calls: list[tuple] = []

    async def place_order(self, request: OrderRequest) -> Order:
        await self._answer()
        self.placed.append(request)
        if self.lose_answer:
            raise TransportError(self.venue, "read timeout", outcome_unknown=True)
        return self.order_of(request)

    async def find_order(self, client_id: str, placed_after) -> Order | None:
        return next((self.order_of(r) for r in self.placed if r.client_id == client_id), None)

    async def cancel_order(self, order: Order) -> None:
        await self._answer()
        self.canceled.append(order)

    async def modify_order(self, order: Order, price=None, quantity=None) -> Order:
        await self._answer()
        self.modified.append((order.order_id, price, quantity))
        return replace(order, price=price or order.price, quantity=quantity or order.quantity)

    async def order_history(self, start, end, page: int = 0, page_size: int | None = None) -> list[Order]:
        await self._answer()
        self.history_calls.append((start, end, page))
        self.page_size = size = page_size or 100
        return self.history[page * size : (page + 1) * size]

    async def _answer(self) -> None:
        if self.hold is not None:
            await self.hold.wait()
        if self.refuse is not None:
            raise self.refuse

    def order_of(self, request: OrderRequest) -> Order:
        return Order(
            order_id=str(self.placed.index(request) + 1),
            instrument=request.instrument,
            side=request.side,
            type=request.type,
            quantity=request.quantity,
            status=OrderStatus.NEW,
            price=request.price,
            stop_price=request.stop_price,
            client_id=request.client_id,
            action=request.action,
            account=request.account,
        )


class FakeCryptoVenue(FakeVenue):
    """coin-weight has cancel-all per counterparty and a page size for its history."""

    def __init__(self, venue: str) -> None:
        super().__init__(venue)
        self.page_size = 50
        self.cancel_all_calls: list[list[str]] = []

    async def cancel_all(self, counterparties) -> list[str]:
        await self._answer()
        self.cancel_all_calls.append(list(counterparties))
        return list(counterparties)


class FakeSession(VenueSessionBase):
    """A logged-in session with the rules of the real venue of the same name, over a FakeVenue."""

    def __init__(self, stores: TradingStores, venue: str, instruments, *, portfolios=()) -> None:
        super().__init__(stores)
        real = CoinWeightVenueSession if venue == "coinweight" else ChpVenueSession
        self.venue, self.rules, self.capabilities = venue, real.rules, real.capabilities
        self.adapter = FakeCryptoVenue(venue) if venue == "coinweight" else FakeVenue(venue)
        self._instruments = {i.id: i for i in instruments}
        self._accounts = [TradingAccount(name) for name in portfolios]
        self.quote_owners: dict[object, list[InstrumentId]] = {}
        self._set_state(ConnectionState.CONNECTED)

    @property
    def trading(self):
        return self.adapter

    @property
    def accounts(self) -> list[TradingAccount]:
        return list(self._accounts)

    def subscribe_quotes(self, owner, instruments) -> None:
        self.quote_owners[owner] = list(instruments)

    def unsubscribe_quotes(self, owner) -> None:
        self.quote_owners.pop(owner, None)


def ticket_registry() -> WorkspaceRegistry:
    registry = WorkspaceRegistry()
    registry.register(
        PanelSpec("order_ticket", "Order ticket", create_order_ticket_panel, Area.RightDockWidgetArea)
    )
    return registry


ticket_registry.__test__ = False


@pytest.fixture
def fake_core_shell(make_shell):
    """``make(registry, **settings)`` -> (shell, core) with a crypto and a broker fake session."""

    def make(registry: WorkspaceRegistry | None = None, name: str = "trader"):
        core = QtTrading(TradingCore())
        core.add_session(FakeSession(core.core.stores, "coinweight", CRYPTO))
        core.add_session(FakeSession(core.core.stores, "chp", STOCKS, portfolios=PORTFOLIOS))

        def prepare(ctx) -> None:
            ctx.services.register(SERVICE_NAME, core)

        shell = make_shell(name, registry or ticket_registry(), prepare=prepare)
        stop_saving_with_the_window(shell)
        return shell, core

    return make


def stop_saving_with_the_window(shell) -> None:
    """The shell's debounced profile save must not fire once pytest-qt has deleted its window."""

    def stop(*_args) -> None:
        for timer in shell.findChildren(QTimer):
            timer.stop()

    shell.window.destroyed.connect(stop)


def ticket_of(shell) -> OrderTicketView:
    return shell.window.dock("order_ticket").widget()


def placed(core: QtTrading, venue: str = "coinweight") -> list[OrderRequest]:
    return core.session(venue).adapter.placed


def type_into(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)


def enter(ticket: OrderTicketView) -> None:
    QTest.keyClick(ticket.quantity.input, Qt.Key.Key_Return)


@pytest.fixture
def ticket(fake_core_shell):
    shell, core = fake_core_shell()
    view = ticket_of(shell)
    assert view.spec() is not None and view.spec().symbol == "BTC-USDT"
    return view, core, shell


def test_an_off_precision_price_is_kept_refused_live_and_nothing_is_sent(ticket):
    view, core, _shell = ticket
    type_into(view.price.input, "65000.123")
    type_into(view.quantity.input, "0.01")
    assert view.price.input.text() == "65000.123"  # nothing typed is cut silently
    assert view.field_error("price") == "At most 2 decimals (step 0.01)"
    assert not view.submit_button.isEnabled()
    assert view.reason_label.text() == "Price: At most 2 decimals (step 0.01)"
    enter(view)
    assert view.confirm_dialog is None
    assert placed(core) == []

    QTest.keyClick(view.price.input, Qt.Key.Key_Backspace)  # fixing the value clears the refusal at once
    assert view.field_error("price") == ""
    assert view.submit_button.isEnabled() and view.reason_label.text() == ""


def test_a_quantity_below_the_minimum_or_above_the_maximum_is_refused(ticket):
    view, core, _shell = ticket
    type_into(view.price.input, "65000")
    type_into(view.quantity.input, "0.0005")
    assert view.field_error("quantity") == "Must be at least 0.001"
    enter(view)
    type_into(view.quantity.input, "9000.5")
    assert view.field_error("quantity") == "Must be at most 9000"
    enter(view)
    assert view.confirm_dialog is None
    assert placed(core) == []


def test_empty_fields_say_what_is_missing_and_nothing_is_sent(ticket):
    view, core, _shell = ticket
    enter(view)
    assert view.field_error("price") == "Enter a price"
    assert view.field_error("quantity") == "Enter a quantity"
    view.set_order_type("market")  # a market order needs no price
    assert view.field_error("price") == ""
    enter(view)
    assert view.field_error("quantity") == "Enter a quantity"
    assert view.confirm_dialog is None and placed(core) == []


def test_escape_clears_the_entries_and_their_messages(ticket):
    view, _core, _shell = ticket
    type_into(view.price.input, "65000")
    type_into(view.quantity.input, "0.0005")
    assert view.field_error("quantity")
    QTest.keyClick(view.quantity.input, Qt.Key.Key_Escape)
    assert view.price.input.text() == "" and view.quantity.input.text() == ""
    assert view.field_error("quantity") == ""


def test_f2_and_f3_choose_the_side_and_go_to_the_quantity(ticket):
    view, _core, _shell = ticket
    view.price.input.setFocus()
    QTest.keyClick(view.price.input, Qt.Key.Key_F3)
    assert view.side() == "sell"
    assert view.submit_button.text() == "Sell BTC-USDT"
    assert view.submit_button.property("role") == "sell"
    QTest.keyClick(view.price.input, Qt.Key.Key_F2)
    assert view.side() == "buy"
    assert view.quantity.input.hasFocus()


def test_the_window_keys_go_to_the_ticket_focused_last(ticket, qtbot):
    view, _core, shell = ticket
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.price.input.setFocus()
    qtbot.waitUntil(view.price.input.hasFocus)
    window.menuBar().setFocus()  # focus leaves the ticket
    qtbot.waitUntil(lambda: not view.price.input.hasFocus())
    QTest.keyClick(window.menuBar(), Qt.Key.Key_F3)
    assert view.side() == "sell"
    QTest.keyClick(window.menuBar(), Qt.Key.Key_F2)
    assert view.side() == "buy"


async def test_confirmation_is_on_by_default_and_dont_ask_again_is_kept_in_the_profile(ticket, profile_root):
    view, core, shell = ticket
    assert shell.ctx.profile.confirm_orders["place"] is True
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.01")
    enter(view)
    dialog = view.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Buy 0.01 BTC of BTC-USDT" in dialog.text_label.text()
    assert "60000" in dialog.text_label.text() and "binance" in dialog.text_label.text()
    assert placed(core) == []  # nothing before the user says yes
    dialog.dont_ask.setChecked(True)
    dialog.accept_button.click()
    await wait_until(lambda: len(placed(core)) == 1)
    request = placed(core)[0]
    assert (request.instrument, request.side, request.type) == (BTC, Side.BUY, OrderType.LIMIT)
    assert (request.price, request.quantity) == (Decimal("60000.00"), Decimal("0.0100"))
    assert request.time_in_force is TimeInForce.GTC and request.action is None
    await wait_until(lambda: not view.is_busy())
    assert view.outcome()[0] == "info" and "working" in view.outcome()[1]

    assert shell.save_now()
    assert ProfileStore(profile_root, "trader").load().profile.confirm_orders["place"] is False
    enter(view)  # no dialog any more; a new client id
    await wait_until(lambda: len(placed(core)) == 2)
    assert view.confirm_dialog is None
    assert placed(core)[1].client_id != request.client_id

    view.menu_button.menu().aboutToShow.emit()
    assert not view.confirm_action.isChecked()
    view.confirm_action.trigger()  # the ticket's menu turns it back on
    assert shell.ctx.profile.confirm_orders["place"] is True
    await wait_until(lambda: not view.is_busy())
    enter(view)
    assert view.confirm_dialog is not None
    view.confirm_dialog.cancel_button.click()
    await asyncio.sleep(0.05)
    assert len(placed(core)) == 2


async def test_while_an_order_is_in_flight_the_ticket_cannot_send_again(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    venue = core.session("coinweight").adapter
    venue.hold = asyncio.Event()
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.01")
    enter(view)
    await wait_until(view.is_busy)
    assert not view.submit_button.isEnabled() and view.submit_button.text() == "Sending\u2026"
    assert view.outcome() == ("pending", "Sending\u2026")
    enter(view)
    view.submit_button.click()
    venue.hold.set()
    await wait_until(lambda: not view.is_busy())
    assert len(venue.placed) == 1
    assert view.submit_button.isEnabled() and view.submit_button.text() == "Buy BTC-USDT"


async def test_the_venues_refusals_are_shown_in_red_or_under_their_field(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    venue = core.session("coinweight").adapter
    venue.refuse = VenueError("coinweight", 1006, "insufficient USDT on binance")
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "100")
    enter(view)
    await wait_until(lambda: view.outcome()[0] == "error")
    assert "insufficient USDT on binance" in view.outcome()[1]
    assert view.outcome_label.styleSheet() == "color: #f0524f;"

    venue.refuse = RejectedInput("quantity", "the maximum is 50")
    await wait_until(lambda: not view.is_busy())
    enter(view)
    await wait_until(lambda: view.field_error("quantity") == "the maximum is 50")
    assert view.outcome() == ("", "")


async def test_a_venues_refusal_is_shown_under_its_field_in_the_users_language(ticket, qapp):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    core.session("coinweight").adapter.refuse = RejectedInput(
        "quantity", "the maximum is {maximum}", maximum=Decimal("50")
    )
    install_translator(qapp, "ru")
    try:
        type_into(view.price.input, "60000")
        type_into(view.quantity.input, "100")
        enter(view)
        await wait_until(lambda: bool(view.field_error("quantity")))
        assert view.field_error("quantity") == "не больше 50"
    finally:
        install_translator(qapp, DEFAULT_LANGUAGE)


def test_notional_available_and_percent_of_the_balance(ticket):
    view, core, _shell = ticket
    core.accounts.set_balances(
        "coinweight",
        [
            Balance("coinweight", "binance", "USDT", Decimal("10000"), Decimal("2000")),
            Balance("coinweight", "binance", "BTC", Decimal("2"), Decimal(0)),
        ],
    )
    assert view.available_label.text() == "8,000.00 USDT"
    type_into(view.price.input, "40000")
    view.percent_buttons[50].click()  # 4000 USDT / 40000
    assert view.quantity.input.text() == "0.1000"
    assert view.notional_label.text() == "4,000.00 USDT"
    view.set_side("sell")
    assert view.available_label.text() == "2.0000 BTC"
    view.percent_buttons[25].click()
    assert view.quantity.input.text() == "0.5000"

    view.set_order_type("market")  # notional at the touch
    core.quotes.put(Quote(BTC, bid=Decimal("39990"), ask=Decimal("40010")))
    core.flush_now()
    assert view.notional_label.text() == "\u2248 19,995.00 USDT"
    subscribed = core.session("coinweight").quote_owners
    assert list(subscribed.values()) == [[BTC]]


def test_a_hidden_ticket_follows_no_quote_and_shows_the_last_one_when_shown(ticket):
    view, core, shell = ticket
    dock = shell.window.dock("order_ticket")
    subscribed = core.session("coinweight").quote_owners
    assert list(subscribed.values()) == [[BTC]]
    dock.hide()  # closed: its quotes are not polled
    assert subscribed == {}
    core.links.publish("red", ETH)  # the instrument changes meanwhile: still nothing polled
    assert subscribed == {}
    dock.show()
    assert list(subscribed.values()) == [[ETH]]

    view.set_order_type("market")
    type_into(view.quantity.input, "0.5")
    dock.hide()
    core.quotes.put(Quote(ETH, bid=Decimal("1999"), ask=Decimal("2001")))  # a quote polled for others
    core.flush_now()
    dock.show()
    assert view.notional_label.text() == "\u2248 1,000.50 USDT"  # the last quote known, at once


def test_the_ticket_follows_its_link_colour_and_prefill(ticket):
    view, core, shell = ticket
    assert view.link_button.colour() == "red"
    core.links.publish("red", ETH)
    assert view.spec().symbol == "ETH-USDT" and view.market_combo.currentText() == "huobi"
    core.links.publish("blue", BTC)  # another colour: not ours
    assert view.spec().symbol == "ETH-USDT"
    view.set_order_type("market")
    core.links.prefill("red", BTC, Side.SELL, Decimal("61000.5"))
    assert view.spec().symbol == "BTC-USDT"
    assert (view.side(), view.order_type(), view.price.input.text()) == ("sell", "limit", "61000.50")
    assert shell.ctx.profile.panels["order_ticket"]["ticket"]["instrument"]["symbol"] == "BTC-USDT"

    view.symbol_combo.setEditText("eth-usdt")  # typed: the counterparty's list, case-insensitive
    view.symbol_combo.lineEdit().editingFinished.emit()
    assert core.links.current("red") == ETH_BINANCE and view.market_combo.currentText() == "binance"
    view.symbol_combo.setEditText("NOPE")
    view.symbol_combo.lineEdit().editingFinished.emit()
    assert view.field_error("symbol") == "NOPE is not traded on binance"


async def test_broker_mode_with_actions_types_validity_portfolio_and_lots(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    view.market_combo.setCurrentIndex(view.market_combo.findData("chp|MOEX"))
    view.market_combo.activated.emit(view.market_combo.currentIndex())
    assert view.is_broker() and view.spec().symbol == "LKOH"
    assert view.market_combo.currentText() == "CHP \u00b7 MOEX"
    assert all(view.side_buttons[a].isVisibleTo(view) for a in ("buy", "sell", "short", "cover"))
    assert [view.type_combo.itemData(i) for i in range(view.type_combo.count())] == [
        "market", "limit", "stop", "stop_limit"]
    assert [view.account_combo.itemText(i) for i in range(view.account_combo.count())] == list(PORTFOLIOS)

    view.set_order_type("stop_limit")
    assert view.price.isEnabled() and view.stop.isEnabled()
    type_into(view.price.input, "7000.3")  # LKOH steps by 0.5
    assert view.field_error("price") == "Must be a multiple of 0.5"
    type_into(view.quantity.input, "2")
    enter(view)
    assert view.field_error("stop") == "Enter a stop price"
    assert placed(core, "chp") == []

    view.set_order_type("stop")
    assert not view.price.isEnabled() and view.stop.isEnabled()
    type_into(view.stop.input, "6900.5")
    view.set_side("short")
    view.validity_combo.setCurrentIndex(view.validity_combo.findData("day"))
    view.account_combo.setCurrentIndex(1)
    enter(view)
    await wait_until(lambda: len(placed(core, "chp")) == 1)
    request = placed(core, "chp")[0]
    assert (request.instrument, request.action, request.side) == (LKOH, OrderAction.SHORT, Side.SELL)
    assert (request.type, request.stop_price, request.price) == (OrderType.STOP, Decimal("6900.5"), None)
    assert (request.time_in_force, request.account, request.quantity) == (TimeInForce.DAY, PORTFOLIOS[1], 2)


def test_broker_quantities_in_lots_or_shares(ticket):
    view, _core, _shell = ticket
    view.market_combo.setCurrentIndex(view.market_combo.findData("chp|MOEX"))
    view.market_combo.activated.emit(view.market_combo.currentIndex())
    view.symbol_combo.setEditText("SBER")
    view.symbol_combo.lineEdit().editingFinished.emit()
    assert view.lot_label.text() == "1 lot = 10 shares"
    type_into(view.quantity.input, "25")
    assert view.field_error("quantity") == "Must be a multiple of 10"
    type_into(view.quantity.input, "30")
    view.unit_combo.setCurrentIndex(view.unit_combo.findData("lots"))
    assert view.quantity.input.text() == "3" and view.quantity_value() == Decimal(30)
    type_into(view.quantity.input, "0")
    assert view.field_error("quantity") == "Must be at least 1"


async def test_a_lost_answer_shows_unknown_then_the_order_the_venue_has(ticket):
    view, core, shell = ticket
    shell.ctx.profile.confirm_orders["place"] = False
    core.order_entry.reconcile = Backoff(first=0.3)
    venue = core.session("coinweight").adapter
    venue.lose_answer = True
    type_into(view.price.input, "60000")
    type_into(view.quantity.input, "0.01")
    enter(view)
    await wait_until(lambda: view.outcome()[0] == "warning")
    assert view.outcome()[1] == "Unknown \u2014 checking with the venue\u2026"
    assert view.is_busy()  # no second order while the first one is unknown
    await wait_until(lambda: view.outcome()[0] == "info")
    assert view.outcome()[1].startswith("The venue has the order")
    assert not view.is_busy() and len(venue.placed) == 1


async def test_the_factory_makes_a_ticket_for_a_slot_from_the_app_context(ticket, profile_root):
    docked, core, shell = ticket
    slot = create_order_ticket(shell.ctx, instrument=ETH, link_colour="blue")
    slot.show()
    assert (slot.spec().symbol, slot.market_combo.currentText(), slot.link_button.colour()) == (
        "ETH-USDT", "huobi", "blue")
    core.links.publish("blue", BTC)
    assert slot.spec().symbol == "BTC-USDT"
    type_into(slot.price.input, "60000")
    type_into(slot.quantity.input, "0.01")
    QTest.keyClick(slot.quantity.input, Qt.Key.Key_Return)
    slot.confirm_dialog.dont_ask.setChecked(True)
    slot.confirm_dialog.accept_button.click()
    await wait_until(lambda: len(placed(core)) == 1)
    assert ProfileStore(profile_root, "trader").load().profile.confirm_orders["place"] is False
    type_into(docked.price.input, "60000")  # every ticket follows the choice
    type_into(docked.quantity.input, "0.01")
    enter(docked)
    assert docked.confirm_dialog is None
    await wait_until(lambda: len(placed(core)) == 2)
    slot.close()
    slot.deleteLater()
