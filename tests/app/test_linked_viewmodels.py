"""Panel view-models on the PanelViewModel base without a network: the instrument strip of a linked panel
(time and sales) picking, following and changing its link colour, and the settings of the linked panels,
market watch, favourites and portfolio keeping the JSON shape profiles already hold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.trading.bridge import QtTrading
from app.viewmodels.base import load_settings
from app.viewmodels.chart import ChartSettings, ChartViewModel
from app.viewmodels.market_watch import MarketWatchSettings
from app.viewmodels.portfolio import PortfolioSettings, PortfolioViewModel
from app.viewmodels.time_sales import TimeSalesViewModel
from app.workspace import PanelContext
from services.domain import ConnectionState, Instrument, InstrumentId
from services.trading.core import TradingCore
from services.trading.links import LINK_COLOURS, instrument_key
from tests.stub_session import StubSession
from widgets.panels.chart_panel import ChartPanel
from widgets.panels.portfolio import PortfolioPanel
from widgets.panels.time_sales import TimeSalesPanel

CW = "coinweight"
BTC = InstrumentId(CW, "binance", "BTC-USDT")
ETH = InstrumentId(CW, "binance", "ETH-USDT")


def instrument(instrument_id: InstrumentId) -> Instrument:
    base, quote = instrument_id.symbol.split("-")
    return Instrument(instrument_id, base, quote, Decimal("0.01"), Decimal("0.0001"), Decimal(0))


@pytest.fixture
def core(qtbot) -> QtTrading:
    core = QtTrading(TradingCore())
    core.add_session(StubSession(core.core.stores, CW, (instrument(BTC), instrument(ETH))))
    return core


def time_sales(
    qtbot, core: QtTrading, settings: dict
) -> tuple[TimeSalesPanel, TimeSalesViewModel, list[int]]:
    panel = TimeSalesPanel(LINK_COLOURS)
    qtbot.addWidget(panel)
    saves: list[int] = []
    context = PanelContext(None, "time_sales", settings, lambda: saves.append(1))  # type: ignore[arg-type]  # no app: the core is given
    return panel, TimeSalesViewModel(context, panel, core=core), saves


def test_a_linked_panel_opens_on_its_saved_instrument_and_saves_what_is_picked(qtbot, core):
    saved = {"link": "blue", "instrument": {"venue": CW, "market": "binance", "symbol": "BTC-USDT"}}
    settings = dict(saved)
    panel, view_model, saves = time_sales(qtbot, core, settings)
    assert view_model.instrument == BTC and view_model.link_colour == "blue"
    assert panel.bar.link.colour() == "blue" and panel.bar.picker.current_key() == instrument_key(BTC)
    assert instrument_key(ETH) in panel.bar.picker.instrument_keys()
    assert settings == saved and saves == []  # opening a panel writes nothing

    panel.bar.picker.choose(instrument_key(ETH))
    assert view_model.instrument == ETH and core.links.current("blue") == ETH
    assert settings == {
        "link": "blue",
        "instrument": {"venue": CW, "market": "binance", "symbol": "ETH-USDT"},
    }
    assert saves


def test_a_linked_panel_follows_its_colour_and_takes_or_gives_the_instrument_of_a_new_one(qtbot, core):
    core.links.publish("red", BTC)
    settings: dict = {}
    panel, view_model, _saves = time_sales(qtbot, core, settings)
    assert (
        view_model.link_colour == "red" and view_model.instrument == BTC
    )  # a new panel: red, its instrument

    core.links.publish("red", ETH)  # picked in another red panel
    assert view_model.instrument == ETH and panel.bar.picker.current_key() == instrument_key(ETH)
    core.links.publish("green", BTC)
    assert view_model.instrument == ETH  # not its colour

    panel.bar.link.choose("green")  # a colour with an instrument: the panel takes it
    assert view_model.instrument == BTC and settings["link"] == "green"
    panel.bar.link.choose("yellow")  # a colour without one: the panel gives it its own
    assert core.links.current("yellow") == BTC
    panel.bar.link.choose(None)  # unlinked: an explicit null, kept
    core.links.publish("yellow", ETH)
    assert view_model.instrument == BTC and settings["link"] is None and view_model.link_colour is None


def test_the_chart_saves_its_interval_and_says_when_its_venue_is_not_connected(qtbot, core):
    core.session(CW).set_state(ConnectionState.DISCONNECTED)
    panel = ChartPanel(LINK_COLOURS)
    qtbot.addWidget(panel)
    settings: dict = {"link": "green", "instrument": {"venue": CW, "market": "binance", "symbol": "BTC-USDT"}}
    context = PanelContext(None, "chart", settings, lambda: None)  # type: ignore[arg-type]  # no app: the core is given
    view_model = ChartViewModel(context, panel, core=core)
    assert view_model.interval.label == "1h" and "Not connected to coinweight" in panel.bar.message.text()
    view_model.set_interval("D")
    assert view_model.interval.label == "D" and panel.chart.interval() == "D"
    assert settings == {
        "link": "green",
        "instrument": {"venue": CW, "market": "binance", "symbol": "BTC-USDT"},
        "interval": "D",
    }


def test_the_portfolio_without_a_broker_says_so_and_ignores_sessions(qtbot, core):
    panel = PortfolioPanel()
    qtbot.addWidget(panel)
    context = PanelContext(None, "portfolio", {}, lambda: None)  # type: ignore[arg-type]  # no app: the core is given
    view_model = PortfolioViewModel(context, panel, core=core)
    assert view_model.session is None and "CHP is not configured" in panel.message.text()
    core.sessionChanged.emit(CW)  # the base's session hook: nothing to do here
    assert view_model.model.rowCount() == 0


def test_saved_settings_keep_their_shape():
    chart = load_settings(ChartSettings, {"link": "purple", "interval": "7h", "instrument": {"venue": CW}})
    assert chart.model_dump(mode="json") == {"link": "red", "instrument": None, "interval": "1h"}
    assert load_settings(ChartSettings, {"interval": "D"}).interval == "D"

    watch = load_settings(MarketWatchSettings, {"link": "blue", "tab": "Spot", "newer": 1})
    assert watch.model_dump(mode="json") == {"link": "blue", "tab": "Spot", "newer": 1}
    favourites = load_settings(MarketWatchSettings, {"link": None})
    assert favourites.model_dump(mode="json") == {"link": None}  # never a tab in Favourites

    assert load_settings(PortfolioSettings, {"portfolio": "P-1"}).model_dump(mode="json") == {
        "portfolio": "P-1"
    }
