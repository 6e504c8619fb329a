"""Frozen data looks frozen (issue 12, point 4): with its venue not logged in, each panel says "Not live: ..."
at its top and greys what it shows. Real panels and view-models over a trading core with no venue session."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.viewmodels.layouts_quotes import create_quotes_panel
from app.viewmodels.order_book import create_order_book_panel
from app.workspace import PanelContext
from tests.gui import test_order_book as book_tests
from widgets.common.not_live import NotLiveBanner, is_greyed
from widgets.panels.market_watch import MarketRow, MarketWatchPanel
from widgets.panels.quote_tile import QuotesPanel

pytestmark = pytest.mark.gui

app_ctx = book_tests.app_ctx  # an app context with the trading core and no venue logged in


def banner_of(panel) -> NotLiveBanner:
    banner = panel.findChild(NotLiveBanner)
    assert banner is not None
    return banner


def test_the_order_book_of_a_logged_out_venue_is_greyed_under_a_banner(qtbot, app_ctx):
    settings = {"instrument": {"venue": "coinweight", "market": "binance", "symbol": "ETH-BTC"}}
    panel = create_order_book_panel(PanelContext(app_ctx, "order_book", settings, lambda: None))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    banner = banner_of(panel)
    assert banner.isVisible() and banner.text() == "Not live: coin-weight logged out"
    assert banner.y() <= panel.link_button.parentWidget().y()  # above the toolbar: the top of the panel
    assert is_greyed(panel.ladder) and not panel.ladder.isEnabled()
    panel.set_live(True)
    assert not banner.isVisible() and not is_greyed(panel.ladder)


def test_quote_tiles_of_a_logged_out_venue_are_greyed_and_cannot_trade(qtbot, app_ctx):
    panel = create_quotes_panel(PanelContext(app_ctx, "quotes", {}, lambda: None))
    assert isinstance(panel, QuotesPanel)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert banner_of(panel).isVisible()
    assert banner_of(panel).text() == "Not live: coin-weight logged out"
    tile = panel.tile(1)
    tile.set_instrument("binance", "BTC-USDT")
    tile.set_quote(Decimal("60000"), Decimal("60001"), Decimal("60000"), None, 2)
    assert is_greyed(tile) and not tile.buy_button.isEnabled() and not tile.sell_button.isEnabled()
    panel.set_not_live("")
    assert not banner_of(panel).isVisible() and not is_greyed(tile) and tile.buy_button.isEnabled()


def test_the_market_watch_greys_its_rows_and_says_why(qtbot):
    panel = MarketWatchPanel(link_colours=("red",))
    qtbot.addWidget(panel)
    panel.setRows([MarketRow("coinweight:binance:BTC-USDT", "binance", "BTC-USDT", Decimal("60000"))])
    panel.show()
    panel.setNotLive("coin-weight logged out")
    assert panel.not_live_banner.isVisible() and is_greyed(panel.table)
    assert panel.not_live_banner.text() == "Not live: coin-weight logged out"
    panel.setNotLive("")
    assert not panel.not_live_banner.isVisible() and not is_greyed(panel.table)
