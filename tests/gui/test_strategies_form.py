"""The strategy form per type: units, precision and range checks, messages under fields, Save gated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.strategy_forms.fields import TYPES
from app.strategy_forms.mapping import (
    NAME_PATH,
    apply_values,
    form_sections,
    from_template,
    path_in_message,
    strategy_markets,
)
from services.domain import Instrument, InstrumentId, StrategySpec
from widgets.panels.strategies_form import StrategyForm

ETH_USDT = Instrument(
    id=InstrumentId("coinweight", "binance", "ETH-USDT"),
    base="ETH",
    quote="USDT",
    price_step=Decimal("0.01"),
    qty_step=Decimal("0.0001"),
    min_qty=Decimal("0.0001"),
    max_qty=Decimal("9000"),
)
EXCHANGES = ["binance", "huobi", "okcoin"]

SMM_TEMPLATE = StrategySpec(
    name="octmm",
    strategy_type="SingleMarketMaker",
    venue="coinweight",
    exchange="binance",
    params={
        "owner": "strategy-11",
        "symbols": [
            {
                "name": "test",
                "symbol": "ETH-BTC",
                "side": "Both",
                "currency1": "ETH",
                "margin1": Decimal("0.1"),
                "currency2": "BTC",
                "margin2": Decimal("0.01"),
                "orderNumber": 1,
                "spreadPct": Decimal("0.04"),
                "orderQty": Decimal("0.1"),
                "qtyVar": Decimal("0.0"),
                "priceStep": Decimal("0.0001"),
                "priceVar": Decimal("0.0"),
                "middlePrice": Decimal("0"),
                "replaceDelay": Decimal("1.0"),
                "middlePriceStep": Decimal("0.0001"),
                "toleranceVar": Decimal("0.001"),
            }
        ],
    },
)


def spec(kind: str, entry: dict, exchange: str = "binance") -> StrategySpec:
    return StrategySpec("s", kind, "coinweight", exchange, {"symbols": [entry]}, strategy_id="7")


MARGINS = [
    {"currency1": "ETH", "margin1": "1", "currency2": "USDT", "margin2": "100", "counterParty": "huobi"}
]
SAMPLES = {
    "SingleMarketMaker": spec(
        "SingleMarketMaker",
        {
            **SMM_TEMPLATE.params["symbols"][0],
            "symbol": "ETH-USDT",
            "currency2": "USDT",
            "priceStep": Decimal("1"),
            "middlePriceStep": Decimal("1"),
        },
    ),
    "VolumeMarketMaker": spec(
        "VolumeMarketMaker",
        {
            "name": "v",
            "symbol": "ETH-USDT",
            "currency1": "ETH",
            "margin1": 0.2,
            "currency2": "USDT",
            "margin2": 50,
            "orderQty": 0.1,
            "qtyVar": 0,
            "priceVar": 0,
            "middlePrice": 0,
            "replaceDelay": 60.0,
            "delayVar": 10,
        },
    ),
    "Arbitrage": spec(
        "Arbitrage",
        {
            "symbol": "ETH-USDT",
            "expiredSeconds": 30,
            "margins": MARGINS,
            "exchange1": "binance",
            "exchange2": "huobi",
            "buySpread": 0.01,
            "sellSpread": 0.01,
            "maxOrderQty": 1,
        },
    ),
    "Triangular": spec(
        "Triangular",
        {
            "name": "t",
            "counterParty": "binance",
            "currency1": "ETH",
            "currency2": "BTC",
            "currency3": "USDT",
            "margin1": "1",
            "margin2": "0.1",
            "margin3": "100",
            "expiredSeconds": 10,
            "maxOrderSize": 1,
            "parentIndex": 0,
            "symbol1": "ETH-BTC",
            "symbol2": "BTC-USDT",
            "symbol3": "ETH-USDT",
            "thresholdPct": 0.002,
        },
    ),
    "AutoSpreadingPct": spec(
        "AutoSpreadingPct",
        {
            "name": "a",
            "symbol": "ETH-USDT",
            "side": "Ask",
            "makerCcy1": "ETH",
            "makerCcy2": "USDT",
            "makerExchange": "huobi",
            "makerMargin1": "1",
            "makerMargin2": "100",
            "maxOrderSize": "1",
            "parentIndex": 0,
            "priceVar": "0.5",
            "quantityVar": "0.01",
            "spreadPct": "0.01",
            "watchedExchange": "binance",
        },
    ),
    "AutoSpreadingValue": spec(
        "AutoSpreadingValue",
        {
            "name": "a",
            "symbol": "ETH-USDT",
            "side": "Bid",
            "makerCcy1": "ETH",
            "makerCcy2": "USDT",
            "makerExchange": "binance",
            "margins": MARGINS,
            "maxOrderSize": "1",
            "parentIndex": 1,
            "priceVar": "0.5",
            "quantityVar": "0.01",
            "spreadValue": "2.5",
            "watchedExchange": "huobi",
        },
    ),
    "SpeedOrder": spec(
        "SpeedOrder",
        {
            "name": "so",
            "symbol": "ETH-USDT",
            "basePrice": 3000,
            "priceStep": 1,
            "priceVar": 0,
            "orderNum": 3,
            "orderQty": 0.01,
            "qtyVar": 0,
        },
    ),
}

# (type, field path, text typed, the message expected under the field)
BAD_VALUES = [
    ("SingleMarketMaker", ("symbols", 0, "orderNumber"), "51", "Must be at most 50"),
    ("SingleMarketMaker", ("symbols", 0, "orderQty"), "9001", "Must be at most 9000"),
    ("VolumeMarketMaker", ("symbols", 0, "orderQty"), "0", "Must be at least 0.0001"),
    ("VolumeMarketMaker", ("symbols", 0, "replaceDelay"), "0.05", "Must be at least 0.1"),
    ("Arbitrage", ("symbols", 0, "maxOrderQty"), "", "Enter a value"),
    ("Arbitrage", ("symbols", 0, "margins", 0, "margin2"), "", "Enter a value"),
    ("Triangular", ("symbols", 0, "thresholdPct"), "150", "Must be at most 100"),
    ("AutoSpreadingPct", ("symbols", 0, "makerMargin1"), "", "Enter a value"),
    ("AutoSpreadingValue", ("symbols", 0, "parentIndex"), "", "Enter a value"),
    ("SpeedOrder", ("symbols", 0, "orderNum"), "0", "Must be at least 1"),
]


def instrument_of(exchange: str, symbol: str) -> Instrument | None:
    return ETH_USDT if symbol == "ETH-USDT" else None


def make_form(qtbot, strategy: StrategySpec, *, is_new: bool = False) -> StrategyForm:
    form = StrategyForm()
    qtbot.addWidget(form)
    form.set_form(
        strategy.name,
        strategy.strategy_type,
        form_sections(strategy, instrument_of, EXCHANGES),
        is_new=is_new,
    )
    form.resize(900, 700)
    form.show()
    return form


def type_into(form: StrategyForm, path, text: str) -> None:
    editor = form.editor(path)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClicks(editor, text)


def test_every_type_has_a_table_and_every_sample_is_valid_with_labels_units_and_tooltips(qtbot):
    assert set(SAMPLES) == set(TYPES)
    for kind, strategy in SAMPLES.items():
        form = make_form(qtbot, strategy)
        assert form.is_valid(), (kind, form.problems())
        fields = form.fields()
        assert len(fields) > 4, kind
        for field in fields:
            assert field.label and field.tooltip, (kind, field.path)


def test_single_market_maker_units_percent_and_hints(qtbot):
    form = make_form(qtbot, SAMPLES["SingleMarketMaker"])
    units = {
        "orderQty": "ETH",
        "priceStep": "USDT",
        "margin1": "ETH",
        "margin2": "USDT",
        "replaceDelay": "s",
        "spreadPct": "%",
        "toleranceVar": "%",
    }
    for key, unit in units.items():
        assert form.unit_text(("symbols", 0, key)) == unit, key
    assert form.editor(("symbols", 0, "spreadPct")).text() == "4"  # 0.04 on the wire
    assert "0.04" in form.hint_text(("symbols", 0, "spreadPct"))
    assert "market mid" in form.hint_text(("symbols", 0, "middlePrice"))
    side = form.editor(("symbols", 0, "side"))
    assert isinstance(side, QComboBox) and side.currentData() == "Both" and side.count() == 3


@pytest.mark.parametrize(("kind", "path", "text", "message"), BAD_VALUES)
def test_a_bad_value_shows_its_message_under_the_field_and_save_is_refused(qtbot, kind, path, text, message):
    form = make_form(qtbot, SAMPLES[kind])
    saved: list[dict] = []
    form.saveRequested.connect(saved.append)
    type_into(form, NAME_PATH, "renamed")  # a change: Save would be enabled if the form were valid
    assert form.save_button.isEnabled()

    type_into(form, path, text)

    assert form.error_text(path) == message
    assert not form.is_valid()
    assert not form.save_button.isEnabled()
    assert "1 field" in form.summary.text()
    assert form.request_save() is False and saved == []


def test_typing_more_places_than_the_instrument_has_is_blocked(qtbot):
    form = make_form(qtbot, SAMPLES["SingleMarketMaker"])
    type_into(form, ("symbols", 0, "orderQty"), "0.123456")
    assert form.editor(("symbols", 0, "orderQty")).text() == "0.1234"  # ETH-USDT: 4 quantity places
    type_into(form, ("symbols", 0, "priceVar"), "1.239")
    assert form.editor(("symbols", 0, "priceVar")).text() == "1.23"  # 2 price places


def test_an_empty_name_is_refused(qtbot):
    form = make_form(qtbot, SAMPLES["VolumeMarketMaker"])
    type_into(form, NAME_PATH, "")
    assert form.error_text(NAME_PATH) == "Enter a value"
    assert not form.save_button.isEnabled()


def test_template_on_another_symbol_flags_prices_finer_than_its_tick_until_corrected(qtbot):
    draft = from_template(SMM_TEMPLATE, "mm eth", "binance", "ETH-USDT", ETH_USDT)
    entry = draft.params["symbols"][0]
    assert (entry["symbol"], entry["currency1"], entry["currency2"]) == ("ETH-USDT", "ETH", "USDT")
    assert draft.strategy_id == "" and draft.name == "mm eth"
    assert SMM_TEMPLATE.params["symbols"][0]["symbol"] == "ETH-BTC"  # the template is not changed
    form = make_form(qtbot, draft, is_new=True)
    step = ("symbols", 0, "priceStep")
    assert form.editor(step).text() == "0.0001"  # shown as the venue sent it, not silently rounded
    assert form.error_text(step) == "Must be a multiple of 0.01"
    assert not form.save_button.isEnabled()
    saved: list[dict] = []
    form.saveRequested.connect(saved.append)

    type_into(form, step, "0.5")
    type_into(form, ("symbols", 0, "middlePriceStep"), "1")
    type_into(form, ("symbols", 0, "spreadPct"), "2.5")

    assert form.is_valid() and form.save_button.isEnabled()
    assert form.request_save() is True
    result = apply_values(draft, saved[0])
    entry = result.params["symbols"][0]
    assert entry["spreadPct"] == Decimal("0.025")
    assert entry["priceStep"] == Decimal("0.5")
    assert entry["orderNumber"] == 1 and isinstance(entry["orderNumber"], int)
    assert result.params["owner"] == "strategy-11"  # what the form does not show is kept


def test_group_rows_and_values_go_back_to_their_paths(qtbot):
    strategy = SAMPLES["Arbitrage"]
    form = make_form(qtbot, strategy)
    path = ("symbols", 0, "margins", 0, "margin2")
    assert form.unit_text(path) == "USDT"
    type_into(form, path, "250")
    form.request_save()
    result = apply_values(strategy, form.values())
    assert result.params["symbols"][0]["margins"][0]["margin2"] == Decimal("250")
    assert result.params["symbols"][0]["margins"][0]["counterParty"] == "huobi"
    assert strategy.params["symbols"][0]["margins"][0]["margin2"] == "100"  # the original is not changed


def test_a_venue_error_shows_under_its_field_until_edited(qtbot):
    form = make_form(qtbot, SAMPLES["VolumeMarketMaker"])
    path = path_in_message("symbols[0].orderQty must be greater than 0")
    assert path == ("symbols", 0, "orderQty")
    assert path_in_message("symbols[1].margins[0].margin1 must not be negative") == (
        "symbols",
        1,
        "margins",
        0,
        "margin1",
    )
    assert path_in_message("Authentication Failure") is None
    assert form.set_field_error(path, "too small for the venue")
    assert form.error_text(path) == "too small for the venue"
    assert not form.save_button.isEnabled()
    type_into(form, path, "0.2")
    assert form.error_text(path) == ""


def test_where_strategies_trade():
    assert strategy_markets(SAMPLES["SingleMarketMaker"]) == [("binance", "ETH-USDT")]
    assert strategy_markets(SAMPLES["Arbitrage"]) == [("binance", "ETH-USDT"), ("huobi", "ETH-USDT")]
    assert strategy_markets(SAMPLES["Triangular"]) == [
        ("binance", "ETH-BTC"),
        ("binance", "BTC-USDT"),
        ("binance", "ETH-USDT"),
    ]
    assert strategy_markets(SAMPLES["AutoSpreadingPct"]) == [("huobi", "ETH-USDT")]
