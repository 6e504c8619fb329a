"""The market watch view: formatted rows, stars, activation, filter, tabs, link colour, placeholder."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from widgets.common.colors import AMBER, GREEN, RED
from widgets.common.link_colour import LinkColourButton
from widgets.panels.market_watch import STAR, STAR_OFF, MarketRow, MarketWatchPanel

ETH_BTC = MarketRow(
    key="binance:ETH-BTC",
    counterparty="binance",
    symbol="ETH-BTC",
    bid=Decimal("0.05120"),
    ask=Decimal("0.05125"),
    last=Decimal("0.05123"),
    change_pct=Decimal("-1.234"),
    volume=Decimal("1821464.58"),
    tick=1,
)
BTC_USDT = MarketRow(
    key="huobi:BTC-USDT",
    counterparty="huobi",
    symbol="BTC-USDT",
    favourite=True,
    bid=Decimal("64000.10"),
    ask=Decimal("64000.20"),
    last=Decimal("64000.10"),
    change_pct=Decimal("2.5"),
    volume=Decimal("950"),
)


@pytest.fixture
def panel(qtbot) -> MarketWatchPanel:
    panel = MarketWatchPanel(link_colours=("red", "green", "blue", "yellow"))
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.setRows([ETH_BTC, BTC_USDT])
    return panel


def cell(panel: MarketWatchPanel, key: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    row = panel.model.row_of(key)
    return panel.model.index(row, column).data(role)


def view_index(panel: MarketWatchPanel, key: str, column: int):
    return panel.table.proxy.mapFromSource(panel.model.index(panel.model.row_of(key), column))


def test_numbers_keep_the_instrument_decimals_and_signs_are_coloured(panel):
    p = panel
    assert cell(p, "binance:ETH-BTC", p.BID_COLUMN) == "0.05120"  # trailing zero kept: the price's decimals
    assert cell(p, "huobi:BTC-USDT", p.ASK_COLUMN) == "64,000.20"
    assert cell(p, "binance:ETH-BTC", p.CHANGE_COLUMN) == "-1.23%"
    assert cell(p, "huobi:BTC-USDT", p.CHANGE_COLUMN) == "+2.50%"
    assert cell(p, "binance:ETH-BTC", p.CHANGE_COLUMN, Qt.ItemDataRole.ForegroundRole) == QColor(RED)
    assert cell(p, "huobi:BTC-USDT", p.CHANGE_COLUMN, Qt.ItemDataRole.ForegroundRole) == QColor(GREEN)
    assert cell(p, "binance:ETH-BTC", p.LAST_COLUMN, Qt.ItemDataRole.ForegroundRole) == QColor(GREEN)  # up
    assert cell(p, "binance:ETH-BTC", p.VOLUME_COLUMN) == "1.82M"
    alignment = cell(p, "binance:ETH-BTC", p.BID_COLUMN, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_a_click_on_the_star_or_space_asks_to_toggle_the_favourite(qtbot, panel):
    toggled = []
    panel.favouriteToggled.connect(lambda key, on: toggled.append((key, on)))
    assert cell(panel, "binance:ETH-BTC", 0) == STAR_OFF
    assert cell(panel, "huobi:BTC-USDT", 0) == STAR
    assert cell(panel, "huobi:BTC-USDT", 0, Qt.ItemDataRole.ForegroundRole) == QColor(AMBER)
    index = view_index(panel, "binance:ETH-BTC", 0)
    qtbot.mouseClick(
        panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center()
    )
    panel.table.setCurrentIndex(view_index(panel, "huobi:BTC-USDT", 2))
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert toggled == [("binance:ETH-BTC", True), ("huobi:BTC-USDT", False)]


def test_a_click_elsewhere_in_the_row_does_not_toggle(qtbot, panel):
    toggled = []
    panel.favouriteToggled.connect(lambda key, on: toggled.append(key))
    index = view_index(panel, "binance:ETH-BTC", 2)
    qtbot.mouseClick(
        panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center()
    )
    assert toggled == []


def test_a_single_click_picks_the_instrument_and_double_click_and_enter_still_do(qtbot, panel):
    activated = []
    panel.instrumentActivated.connect(activated.append)
    symbol = view_index(panel, "huobi:BTC-USDT", panel.SYMBOL_COLUMN)
    assert "click" in panel.table.model().data(symbol, Qt.ItemDataRole.ToolTipRole)  # the hint
    centre = panel.table.visualRect(symbol).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert activated == ["huobi:BTC-USDT"]  # one click links, as in every terminal
    price = panel.table.visualRect(view_index(panel, "binance:ETH-BTC", panel.LAST_COLUMN)).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=price)  # a real double click
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=price)  # starts with a press
    assert activated[1:] and set(activated[1:]) == {"binance:ETH-BTC"}
    activated.clear()
    panel.table.setCurrentIndex(view_index(panel, "huobi:BTC-USDT", panel.SYMBOL_COLUMN))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert activated == ["huobi:BTC-USDT"]


def test_a_click_on_the_star_does_not_pick_the_instrument(qtbot, panel):
    activated = []
    panel.instrumentActivated.connect(activated.append)
    star = panel.table.visualRect(view_index(panel, "huobi:BTC-USDT", panel.STAR_COLUMN)).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=star)
    assert activated == []


def test_the_filter_matches_symbol_or_counterparty(qtbot, panel):
    qtbot.keyClicks(panel.filter_edit, "usdt")
    assert panel.visibleKeys() == ["huobi:BTC-USDT"]
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "BINANCE")
    assert panel.visibleKeys() == ["binance:ETH-BTC"]
    panel.filter_edit.clear()
    assert len(panel.visibleKeys()) == 2


def test_updates_change_rows_in_place(panel):
    panel.updateRows([MarketRow("binance:ETH-BTC", "binance", "ETH-BTC", bid=Decimal("0.05130"))])
    assert cell(panel, "binance:ETH-BTC", panel.BID_COLUMN) == "0.05130"
    assert panel.model.rowCount() == 2
    panel.removeRows(["binance:ETH-BTC"])
    assert panel.model.ids() == ["huobi:BTC-USDT"]


def test_tabs_are_replaced_without_a_signal_and_picking_one_is_reported(qtbot, panel):
    picked = []
    panel.tabChanged.connect(picked.append)
    panel.setTabs(["BTC", "ETH", "USDT"], current="ETH")
    assert panel.tabs() == ["BTC", "ETH", "USDT"] and panel.currentTab() == "ETH"
    assert picked == []
    panel.selectTab("USDT")
    assert picked == ["USDT"]


def test_the_placeholder_shows_only_without_rows(panel):
    panel.setPlaceholder("Log in to coin-weight to see its markets.")
    assert panel.stack.currentWidget() is panel.table
    panel.setRows([])
    assert panel.stack.currentWidget() is panel.placeholder
    assert panel.placeholder.text() == "Log in to coin-weight to see its markets."


def test_the_link_colour_selector_reports_the_users_choice(qtbot, panel):
    chosen = []
    panel.linkColourChanged.connect(chosen.append)
    panel.setLinkColour("blue")
    assert panel.link_button.colour() == "blue" and chosen == []
    panel.link_button.choose("green")
    panel.link_button.choose(None)
    assert chosen == ["green", None]
    assert "Not linked" in panel.link_button.toolTip()


def test_an_unknown_link_colour_counts_as_none(qtbot):
    button = LinkColourButton(("red",))
    qtbot.addWidget(button)
    button.setColour("purple")
    assert button.colour() is None


def test_favourites_panel_has_no_tabs(qtbot):
    panel = MarketWatchPanel(tabbed=False)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.tab_bar.isVisible()
    assert panel.objectName() == "favouritesPanel"


def test_showing_and_hiding_is_reported(qtbot):
    panel = MarketWatchPanel()
    qtbot.addWidget(panel)
    shown = []
    panel.shownChanged.connect(shown.append)
    panel.show()
    panel.hide()
    assert shown == [True, False]


def test_prices_are_painted_whole_however_narrow_the_panel_and_the_volume_goes_first(qtbot, panel):
    from tests.gui.painted_text import painted_text

    wide = MarketRow(
        key="okcoin:EOS-BTC", counterparty="okcoin", symbol="EOS-BTC",
        bid=Decimal("0.00001767"), ask=Decimal("0.00001770"), last=Decimal("0.00001769"),
    )
    panel.updateRows([wide])
    panel.fitColumns()
    seen = []
    for width in (700, 420, 360, 320):
        panel.resize(width, 300)
        qtbot.waitUntil(lambda w=width: panel.table.viewport().width() <= w)
        cells = [view_index(panel, str(key), column)
                 for key in panel.model.ids() for column in (panel.SYMBOL_COLUMN, *panel.PRICE_COLUMNS)]
        # the columns are fitted to the new width as the resize settles (not necessarily in the same event)
        qtbot.waitUntil(lambda c=cells: all(
            panel.table.viewport().rect().contains(panel.table.visualRect(index)) for index in c))
        seen.append((panel.columnShown(panel.CHANGE_COLUMN), panel.columnShown(panel.VOLUME_COLUMN)))
        for index in cells:
            assert painted_text(panel.table, index) == index.data(), (width, index.column())
    assert seen[0] == (True, True) and seen[-1] == (False, False)
    assert (True, False) in seen or seen[1] == (False, False)  # never the volume without the change


def test_tabs_that_do_not_fit_scroll_with_arrows_that_show(qtbot, panel):
    from PySide6.QtWidgets import QToolButton

    panel.setTabs(["BTC", "ETH", "USDT", "Stocks", "Innovation", "Metaverse", "Layer 2", "Meme"])
    panel.resize(220, 300)
    qtbot.waitUntil(lambda: panel.width() <= 220)
    buttons = [b for b in panel.tab_bar.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) == 2 and all(b.text().strip() for b in buttons)  # the theme hides Qt's arrow glyphs
    assert panel.tab_bar.tabText(3) == "Stocks"  # never "Sto"
    assert panel.tab_bar.elideMode() == Qt.TextElideMode.ElideNone


def test_the_columns_never_stick_out_of_the_panel_at_any_width(qtbot, panel):
    """Narrowing shares the missing pixels among the price columns; a pixel lost to rounding would leave the
    last column one pixel out of view."""
    rows = [
        MarketRow(key=f"{venue}:{symbol}", counterparty=venue, symbol=symbol,
                  bid=Decimal(price), ask=Decimal(price) + Decimal(step), last=Decimal(price))
        for venue in ("binance", "huobi", "okcoin")
        for symbol, price, step in (
            ("EOS-BTC", "0.00000583", "0.00000001"), ("ETH-BTC", "0.05442", "0.00001"),
            ("LTC-BTC", "0.002041", "0.000001"),
        )
    ]
    panel.updateRows(rows)
    panel.fitColumns()
    header = panel.table.horizontalHeader()
    for width in range(280, 480):  # (narrower, the prices reach their smallest font and the view scrolls)
        panel.resize(width, 300)
        qtbot.waitUntil(lambda w=width: panel.table.viewport().width() <= w)
        panel.fitColumns()
        assert header.length() <= panel.table.viewport().width(), width
