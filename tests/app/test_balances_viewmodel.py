"""Balances view-model without a network: valuation in USDT (direct, through BTC, none), decimals, hide zero,
the total line, quote subscriptions while shown; and the status-bar indicator of a session."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.connections import SessionIndicator
from app.trading.bridge import QtTrading
from app.viewmodels.balances import BalancesViewModel, shown_amount
from app.workspace import PanelContext
from services.domain import Balance, ConnectionState, Instrument, InstrumentId, Quote
from services.trading.core import TradingCore
from tests.stub_session import StubSession
from widgets.common.status import ConnectionIndicator
from widgets.common.status import LightState as Light
from widgets.panels.balances import BalancesPanel

CW = "coinweight"


def instrument(symbol: str, price_step: str, qty_step: str) -> Instrument:
    base, quote = symbol.split("-")
    return Instrument(
        InstrumentId(CW, "binance", symbol), base, quote, Decimal(price_step), Decimal(qty_step), Decimal(0)
    )


INSTRUMENTS = (
    instrument("BTC-USDT", "0.01", "0.00001"),
    instrument("ETH-BTC", "0.00001", "0.0001"),
    instrument("XRP-BTC", "0.00000001", "1"),
)


@pytest.fixture
def setup(qtbot):
    core = QtTrading(TradingCore())
    session = StubSession(core.core.stores, CW, INSTRUMENTS)
    core.add_session(session)
    panel = BalancesPanel("USDT")
    qtbot.addWidget(panel)
    settings: dict = {}
    saves: list[int] = []
    context = PanelContext(None, "balances", settings, lambda: saves.append(1))  # type: ignore[arg-type]  # no app: the core is given
    view_model = BalancesViewModel(context, panel, core=core)
    core.accounts.set_balances(
        CW,
        [
            Balance(CW, "binance", "BTC", Decimal("2"), Decimal("0.5")),
            Balance(CW, "binance", "ETH", Decimal("30"), Decimal("0")),
            Balance(CW, "binance", "USDT", Decimal("1000.5"), Decimal("0")),
            Balance(CW, "binance", "EOS", Decimal("0"), Decimal("0")),
            Balance(CW, "binance", "DOGE", Decimal("5"), Decimal("0")),  # no market to price it
        ],
    )
    return core, session, panel, view_model, settings, saves


def quote(symbol: str, bid: str, ask: str) -> Quote:
    return Quote(InstrumentId(CW, "binance", symbol), Decimal(bid), Decimal(ask))


def test_values_come_from_mid_prices_directly_or_through_btc(setup):
    core, _session, panel, *_ = setup
    panel.show()
    assert panel.row("coinweight:binance:BTC").value is None  # no quotes yet
    core.quotes.put(quote("BTC-USDT", "60000", "60002"))
    core.quotes.put(quote("ETH-BTC", "0.05", "0.05002"))
    core.flush_now()
    btc, eth, usdt = (panel.row(f"coinweight:binance:{c}") for c in ("BTC", "ETH", "USDT"))
    assert btc.value == Decimal("120002.00")
    assert eth.value == Decimal("90019.50")  # 30 x 0.05001 x 60001, to the cent
    assert usdt.value == Decimal("1000.50")
    # 120002 + 90019.50 + 1000.50; DOGE has no price (EOS has none either, but it is zero)
    assert panel.total_label.text() == "Total \u2248 211,022.00 USDT (1 without a price)"


def test_amounts_use_the_currency_decimals_but_never_hide_digits(setup):
    _core, _session, panel, *_ = setup
    btc = panel.row("coinweight:binance:BTC")
    assert (str(btc.total), str(btc.used), str(btc.available)) == ("2.00000", "0.50000", "1.50000")
    assert str(panel.row("coinweight:binance:USDT").total) == "1000.50"  # quoted only: 2 decimals
    assert shown_amount(Decimal("0.123456789"), 2) == Decimal("0.12345679")  # at most 8
    assert str(shown_amount(Decimal("1.234"), 2)) == "1.234"


def test_hide_zero_leaves_out_empty_currencies_and_is_saved(setup):
    _core, _session, panel, _vm, settings, saves = setup
    assert panel.row("coinweight:binance:EOS") is not None
    panel.hide_zero_box.click()
    assert panel.row("coinweight:binance:EOS") is None
    assert settings["hide_zero"] is True and saves


def test_a_logged_out_venue_shows_no_balances(setup):
    _core, session, panel, *_ = setup
    session.set_state(ConnectionState.DISCONNECTED)
    assert panel.model.rowCount() == 0
    assert panel.total_label.text() == "Total: \u2014"


def test_price_quotes_are_subscribed_only_while_shown(setup):
    _core, session, panel, view_model, *_ = setup
    assert view_model not in session.subscriptions
    panel.show()
    assert session.subscriptions[view_model] == {
        InstrumentId(CW, "binance", "BTC-USDT"),
        InstrumentId(CW, "binance", "ETH-BTC"),
    }
    panel.hide()
    assert view_model not in session.subscriptions


def test_a_hidden_panel_values_nothing_until_shown(setup):
    core, _session, panel, *_ = setup
    panel.total_label.setText("")
    core.quotes.put(quote("BTC-USDT", "60000", "60002"))
    core.flush_now()
    assert panel.row("coinweight:binance:BTC").value is None and panel.total_label.text() == ""
    panel.show()  # valued at once with the quotes known
    assert panel.row("coinweight:binance:BTC").value == Decimal("120002.00")


def test_the_indicator_follows_the_session(qtbot):
    core = QtTrading(TradingCore())
    session = StubSession(core.core.stores, CW, INSTRUMENTS)
    core.add_session(session)
    session.set_state(ConnectionState.DISCONNECTED)
    indicator = ConnectionIndicator(CW, "coin-weight")
    qtbot.addWidget(indicator)
    SessionIndicator(core, CW, indicator)
    assert indicator.state is Light.DISCONNECTED and "Click to log in." in indicator.toolTip()
    session.set_state(ConnectionState.CONNECTED)
    session.latency.emit(0.012)
    assert indicator.state is Light.CONNECTED and indicator.latency_ms == pytest.approx(12)
    assert "Logged in as demo" in indicator.toolTip()
    session.set_state(ConnectionState.FAILED, "Password error")
    assert indicator.state is Light.FAILED and indicator.latency_ms is None
    assert "Password error" in indicator.toolTip()
