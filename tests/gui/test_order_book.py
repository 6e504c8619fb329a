"""The DOM ladder and its panel: rows, clicks, one-click switch, quantity checks (no network)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.context import AppContext, AppSettings
from app.credentials import CredentialStore
from app.journal import JournalHandler
from app.profiles import Profile, ProfileStore
from app.trading.install import install_trading
from app.viewmodels.order_book import OrderBookViewModel, create_order_book_panel
from app.workspace import PanelContext, PanelSpec, WorkspaceRegistry
from services.domain import InstrumentId, Side
from tests.app.memory_keyring import MemoryKeyring
from widgets.panels.order_book import OrderBookPanel
from widgets.panels.order_book_ladder import Column, LadderOrder, LadderView, build_rows, centre_index

ETH_BTC = InstrumentId("coinweight", "binance", "ETH-BTC")
BIDS = [(D("0.05402"), D("1.7")), (D("0.05400"), D("1.4")), (D("0.05395"), D("5.2"))]
ASKS = [(D("0.05404"), D("1.75")), (D("0.05405"), D("4.5")), (D("0.05409"), D("3.2"))]


def test_rows_run_from_the_highest_ask_to_the_lowest_bid_with_the_gaps_filled():
    rows = build_rows(BIDS, ASKS, tick=D("0.00001"))
    prices = [row.price for row in rows]
    assert prices == sorted(prices, reverse=True)
    assert prices[0] == D("0.05409") and prices[-1] == D("0.05395")
    assert len(prices) == 15  # every tick from 0.05395 to 0.05409
    by_price = {row.price: row for row in rows}
    assert by_price[D("0.05403")].bid is None and by_price[D("0.05403")].ask is None  # inside the spread
    assert by_price[D("0.05404")].ask == D("1.75") and by_price[D("0.05402")].bid == D("1.7")
    assert centre_index(rows) == prices.index(D("0.05403"))


def test_a_sparse_book_shows_its_levels_the_spread_and_the_users_far_orders():
    far = LadderOrder("client:a", "buy", D("0.02"), D("0.5"))
    rows = build_rows(BIDS, ASKS, [far], tick=D("0.00001"), fill_limit=5)
    prices = [row.price for row in rows]
    assert D("0.05403") in prices  # the spread is always filled
    assert D("0.05396") not in prices  # the book is too wide to fill
    assert prices[-1] == D("0.02") and rows[-1].buy_orders == (far,)


@pytest.fixture
def ladder(qtbot) -> LadderView:
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(320, 500)
    view.set_format(5, 4, D("0.00001"))
    view.set_book(BIDS, ASKS)
    view.set_orders([LadderOrder("client:b", "sell", D("0.05409"), D("0.25"))])
    view.show()
    qtbot.waitExposed(view)
    return view


def _click(view: LadderView, price: D, column: Column) -> None:
    rect = view.cell_rect(price, column)
    assert rect is not None, f"{price} is not on screen"
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicks_say_buy_in_the_bid_column_sell_in_the_ask_column_and_price_in_between(qtbot, ladder):
    got: list[tuple[str, object]] = []
    ladder.buyClicked.connect(lambda p: got.append(("buy", p)))
    ladder.sellClicked.connect(lambda p: got.append(("sell", p)))
    ladder.priceClicked.connect(lambda p: got.append(("price", p)))
    ladder.ordersClicked.connect(lambda keys: got.append(("orders", keys)))

    _click(ladder, D("0.05400"), Column.BID)
    _click(ladder, D("0.05405"), Column.ASK)
    _click(ladder, D("0.05403"), Column.PRICE)
    _click(ladder, D("0.05403"), Column.BUY_ORDERS)  # an empty orders cell is the bid side too
    _click(ladder, D("0.05409"), Column.SELL_ORDERS)  # the user's order marker

    assert got == [
        ("buy", D("0.05400")),
        ("sell", D("0.05405")),
        ("price", D("0.05403")),
        ("buy", D("0.05403")),
        ("orders", ["client:b"]),
    ]


def test_the_view_stays_on_the_spread_until_scrolled_and_c_centres_it(qtbot, ladder):
    centre = centre_index(ladder.rows())
    assert ladder.first_visible_row() == centre - ladder.visible_row_count() // 2
    ladder.scroll_rows(-3)
    assert not ladder.is_centred()
    ladder.set_book([(p - D("0.00002"), s) for p, s in BIDS], ASKS)  # the book moves; the view stays put
    assert not ladder.is_centred()
    ladder.setFocus()
    QTest.keyClick(ladder, Qt.Key.Key_C)
    assert ladder.is_centred()
    assert ladder.first_visible_row() == centre_index(ladder.rows()) - ladder.visible_row_count() // 2


def test_delete_asks_to_cancel_the_selected_orders(qtbot, ladder):
    asked: list[list[str]] = []
    ladder.cancelRequested.connect(asked.append)
    ladder.setFocus()
    QTest.keyClick(ladder, Qt.Key.Key_Delete)
    assert asked == []  # nothing selected
    ladder.select_orders(["client:b"])
    QTest.keyClick(ladder, Qt.Key.Key_Delete)
    assert asked == [["client:b"]]


# --- the panel with its view-model (a trading core without venues)


@pytest.fixture
def app_ctx(tmp_path) -> AppContext:
    store = ProfileStore(tmp_path / "profiles", "dom")
    ctx = AppContext(
        settings=AppSettings(profile_name="dom", data_dir=tmp_path),
        profiles=store,
        profile=Profile(),
        credentials=CredentialStore(backend=MemoryKeyring()),
        journal=JournalHandler(),
    )
    install_trading(ctx)
    return ctx


def _book_panel(qtbot, app_ctx) -> tuple[OrderBookPanel, OrderBookViewModel]:
    instrument = {"venue": "coinweight", "market": "binance", "symbol": "ETH-BTC"}  # ETH_BTC
    settings = {"link": "green", "instrument": instrument}
    panel = create_order_book_panel(PanelContext(app_ctx, "order_book", settings, lambda: None))
    assert isinstance(panel, OrderBookPanel)
    qtbot.addWidget(panel)
    panel.resize(340, 520)
    panel.set_format(5, 4, D("0.00001"), D("0.0001"), D("0.001"), D("100"))
    panel.set_book(BIDS, ASKS)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_live(True)  # no venue here: the book above stands for a live one
    view_model = panel.findChild(OrderBookViewModel)
    assert view_model is not None
    return panel, view_model


def test_one_click_is_off_by_default_and_a_bid_click_prefills_the_ticket_of_the_colour(qtbot, app_ctx):
    panel, view_model = _book_panel(qtbot, app_ctx)
    prefills: list[tuple] = []
    view_model.core.prefillRequested.connect(lambda *args: prefills.append(args))
    assert not panel.is_one_click() and not panel.banner.isVisible()

    _click(panel.ladder, D("0.05400"), Column.BID)
    _click(panel.ladder, D("0.05405"), Column.ASK)
    _click(panel.ladder, D("0.05403"), Column.PRICE)

    assert prefills == [
        ("green", ETH_BTC, Side.BUY, D("0.05400")),
        ("green", ETH_BTC, Side.SELL, D("0.05405")),
        ("green", ETH_BTC, None, D("0.05403")),
    ]


def test_one_click_with_a_bad_quantity_sends_nothing_and_says_why(qtbot, app_ctx):
    panel, view_model = _book_panel(qtbot, app_ctx)
    prefills: list[tuple] = []
    view_model.core.prefillRequested.connect(lambda *args: prefills.append(args))
    panel.one_click_button.click()
    assert panel.is_one_click() and panel.banner.isVisible()

    panel.quantity_input.setText("0.0005")  # under the minimum 0.001
    assert "at least" in panel.quantity_error_text()
    _click(panel.ladder, D("0.05400"), Column.BID)
    panel.quantity_input.setText("")
    _click(panel.ladder, D("0.05405"), Column.ASK)

    assert panel.quantity_error_text() == "Enter the quantity to trade"
    assert prefills == [] and view_model.core.orders.orders() == []
    QTest.keyClicks(panel.quantity_input, "200")  # typing replaces the complaint; 200 is over the maximum
    assert "at most" in panel.quantity_error_text()


def test_a_click_on_an_order_marker_selects_it_while_one_click_is_off(qtbot, app_ctx):
    panel, _view_model = _book_panel(qtbot, app_ctx)
    panel.set_orders([LadderOrder("client:c", "buy", D("0.05395"), D("0.5"))])
    _click(panel.ladder, D("0.05395"), Column.BUY_ORDERS)
    assert panel.ladder.selected_orders() == ["client:c"]


def test_the_one_click_switch_is_remembered_in_the_panel_settings(qtbot, make_shell, app_ctx):
    registry = WorkspaceRegistry()
    registry.register(
        PanelSpec("order_book", "Order book", create_order_book_panel, Qt.DockWidgetArea.RightDockWidgetArea)
    )

    def prepare(ctx: AppContext) -> None:
        install_trading(ctx)

    shell = make_shell("dom", registry, prepare=prepare)
    panel = shell.window.dock("order_book").widget()
    assert isinstance(panel, OrderBookPanel) and not panel.is_one_click()
    panel.one_click_button.click()
    assert shell.profile.panels["order_book"]["one_click"] is True
    shell.window.close()  # saves the profile

    again = make_shell("dom", registry, prepare=prepare)
    panel = again.window.dock("order_book").widget()
    assert panel.is_one_click() and panel.banner.isVisible()
