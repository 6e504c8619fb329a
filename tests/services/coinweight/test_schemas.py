"""Every documented example of the coin-weight v2 doc parses into its schema, with the values it shows.

Requests are also checked to go back on the wire exactly as the doc writes them (names and JSON types).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from services.coinweight import schemas as cw
from tests.services.coinweight.doc_examples import STRATEGY_DEFAULTS, example, strategy_default


def data_of(name: str, shape: Any) -> Any:
    """The ``data`` of the enveloped example ``name``, validated as ``shape``."""
    envelope = cw.Envelope[Any].model_validate(example(name))
    assert envelope.success is True
    assert envelope.error_code == 0
    return TypeAdapter(shape).validate_python(envelope.data)


def assert_round_trip(name: str, model: type[BaseModel]) -> BaseModel:
    parsed = model.model_validate(example(name))
    assert cw.to_wire(parsed) == example(name)
    return parsed


def assert_doc_order(order: cw.Order, execution: cw.ExecutionType, price: str = "0.00123") -> None:
    assert order.street_order_id == "1234567"
    assert order.order_type is cw.OrderType.LIMIT
    assert order.symbol == "BTC-USDT"
    assert order.side is cw.Side.BID
    assert order.owner == "2"
    assert order.counter_party == "binance"
    assert order.price == price
    assert order.price_value == Decimal(price)
    assert order.quantity == "10.000"
    assert order.quantity_value == Decimal("10")
    assert order.filled_price_value == 0
    assert order.filled_quantity == "0.00"
    assert order.execution_type is execution
    assert order.created_at == datetime(2018, 7, 6, 7, 15, 6, tzinfo=UTC)
    assert order.processed_time == 1530861306000


# --- Basic models -------------------------------------------------------------------------------------------


def test_order_model():
    order = cw.Order.model_validate(example("order_model"))
    assert_doc_order(order, cw.ExecutionType.EXECUTION_ACK)
    assert cw.to_wire(order) == example("order_model")


def test_general_ok_response():
    envelope = cw.Envelope[dict].model_validate(example("ok_response"))
    assert (envelope.success, envelope.error_code, envelope.error_msg, envelope.data) == (True, 0, "ok", {})


@pytest.mark.parametrize("name", ["error_response", "test_auth_error"])
def test_general_error_response(name):
    envelope = cw.Envelope[Any].model_validate(example(name))
    assert envelope.success is False
    assert envelope.error_code == 403
    assert envelope.error_msg.lower() == "authentication failure"
    assert envelope.data is None


# --- Global and Config API ----------------------------------------------------------------------------------


def test_test_auth_success_is_bare():
    check = cw.AuthCheck.model_validate(example("test_auth_ok"))
    assert (check.uid, check.group) == ("1", "group1")


def test_config_symbols():
    rows = data_of("config_symbols", list[cw.CounterPartySymbols])
    assert [row.counter_party for row in rows] == ["huobi", "binance"]
    symbol = rows[1].symbols[0]
    assert (symbol.name, symbol.base, symbol.quote) == ("ETH-USDT", "ETH", "USDT")
    assert (symbol.price_decimal, symbol.quantity_decimal) == (2, 4)
    assert symbol.quantity_min == Decimal("0.001")
    assert symbol.quantity_max == Decimal("10000")


@pytest.mark.parametrize(
    ("name", "favourites"),
    [
        ("market_default", set()),
        ("market_custom", {("BTC", "binance", "ETH-BTC"), ("ETH", "huobi", "EOS-ETH")}),
    ],
)
def test_market_categories(name, favourites):
    categories = data_of(name, list[cw.MarketCategory])
    assert [c.category for c in categories] == ["BTC", "ETH"]
    assert [(i.counter_party, i.symbol) for i in categories[1].items] == [
        ("binance", "EOS-ETH"),
        ("huobi", "EOS-ETH"),
    ]
    marked = {(c.category, i.counter_party, i.symbol) for c in categories for i in c.items if i.favorite}
    assert marked == favourites


def test_favorite_list():
    items = data_of("favorite_list", list[cw.MarketItem])
    assert [(i.counter_party, i.symbol, i.favorite) for i in items] == [
        ("binance", "ETH-BTC", True),
        ("huobi", "EOS-USDT", True),
    ]


@pytest.mark.parametrize("name", ["favorite_add_request", "favorite_delete_request"])
def test_favorite_requests(name):
    ref = assert_round_trip(name, cw.MarketRef)
    assert (ref.counter_party, ref.symbol) == ("binance", "ETH-BTC")


@pytest.mark.parametrize(
    "name",
    [
        "favorite_add_response",
        "favorite_delete_response",
        "professional_update_response",
        "simple_update_response",
        "secret_add_response",
        "secret_delete_response",
    ],
)
def test_responses_without_data(name):
    assert data_of(name, None) is None


def test_strategy_default_items():
    templates = data_of("strategy_default_items", list[cw.StrategyTemplate])
    assert [t.name for t in templates] == ["VolumeMarketMaker", "SingleMarketMaker"]
    volume, single = (t.default for t in templates)
    assert isinstance(volume, cw.VolumeMarketMakerItem)
    assert (volume.owner, volume.symbols[0].replace_delay, volume.symbols[0].delay_var) == (
        "strategy-10",
        Decimal("60.0"),
        Decimal(10),
    )
    assert isinstance(single, cw.SingleMarketMakerItem)
    symbol = single.symbols[0]
    assert isinstance(symbol, cw.SingleMarketMakerSymbol)
    assert (symbol.side, symbol.order_number, symbol.spread_pct) == ("Both", 1, Decimal("0.04"))
    assert symbol.tolerance_var == Decimal("0.001")


def test_strategy_custom_items_in_the_older_symbol_shape():
    (item,) = data_of("strategy_custom_items", list[cw.StrategyItem])
    assert isinstance(item, cw.SingleMarketMakerItem)
    assert (item.id, item.name, item.exchange, item.owner) == ("1", "octmm", "binance", None)
    assert all(isinstance(s, cw.LegacyMarketMakerSymbol) for s in item.symbols)
    assert [(s.name, s.currency, s.margin) for s in item.symbols] == [
        ("OCT-ETH", "ETH", Decimal("0.1")),
        ("OCT-BTC", "BTC", Decimal("0.01")),
    ]
    assert item.symbols[0].order_qty == 10


@pytest.mark.parametrize("name", ["strategy_update_request", "strategy_create_request"])
def test_strategy_item_requests(name):
    item = cw.parse_strategy_item(example(name))
    assert isinstance(item, cw.VolumeMarketMakerItem)
    assert cw.to_wire(item) == example(name)  # 0.0 stays 0.0, 10 stays 10, 60.0 stays 60.0
    assert item.id == ("1" if name == "strategy_update_request" else None)


def test_strategy_update_response():
    item = data_of("strategy_update_response", cw.StrategyItem)
    assert isinstance(item, cw.VolumeMarketMakerItem)
    assert item.id == "1"
    assert cw.to_wire(item) == example("strategy_update_request")


@pytest.mark.parametrize("name", ["strategy_create_response", "strategy_delete_response"])
def test_strategy_item_answers_keyed_by_id(name):
    answer = data_of(name, cw.StrategyItemsById)
    assert list(answer.root) == ["1"]
    (item,) = answer.items_with_ids()
    assert isinstance(item, cw.VolumeMarketMakerItem)
    assert (item.id, item.name, item.symbols[0].symbol) == ("1", "octmm", "ETH-BTC")


def test_strategy_delete_request():
    assert assert_round_trip("strategy_delete_request", cw.StrategyItemRef).id == "1"


@pytest.mark.parametrize(
    ("name", "positions"),
    [
        ("professional_default", [1, 2, 3]),
        ("professional_custom", [1, 2, 3]),
        ("simple_default", [1, 2, 12]),
        ("simple_custom", [1, 2, 12]),
    ],
)
def test_layouts(name, positions):
    slots = data_of(name, list[cw.LayoutSlot])
    assert [s.position for s in slots] == positions
    assert (slots[0].counter_party, slots[0].symbol) == ("binance", "ETH-BTC")
    assert (slots[-1].counter_party, slots[-1].symbol) == ("okcoin", "EOS-USDT")


@pytest.mark.parametrize("name", ["professional_update_request", "simple_update_request"])
def test_layout_update_requests(name):
    slot = assert_round_trip(name, cw.LayoutSlot)
    assert (slot.position, slot.counter_party, slot.symbol) == (1, "binance", "EOS-USDT")


# --- Order API ----------------------------------------------------------------------------------------------


def test_order_create_request():
    request = assert_round_trip("order_create_request", cw.OrderCreateRequest)
    assert (request.order_type, request.side, request.price) == (cw.OrderType.LIMIT, cw.Side.BID, "0.00123")


@pytest.mark.parametrize(
    ("name", "execution", "price"),
    [
        ("order_create_response", cw.ExecutionType.EXECUTION_ACK, "0.00123"),
        ("order_update_response", cw.ExecutionType.EXECUTION_ACK, "0.00145"),
        ("order_cancel_response", cw.ExecutionType.EXECUTION_CANCELED, "0.00123"),
    ],
)
def test_order_answers(name, execution, price):
    assert_doc_order(data_of(name, cw.Order), execution, price)


def test_order_update_request():
    request = assert_round_trip("order_update_request", cw.OrderUpdateRequest)
    assert (request.street_order_id, request.price, request.quantity) == ("1234567", "0.00145", "10.000")


def test_order_update_failure_carries_the_order():
    envelope = cw.Envelope[cw.Order].model_validate(example("order_update_failed"))
    assert (envelope.success, envelope.error_code, envelope.error_msg) == (
        False,
        1000,
        "cannot update the order",
    )
    assert envelope.data is not None
    assert envelope.data.execution_type is cw.ExecutionType.EXECUTION_PARTIAL_FILLED


def test_order_cancel_request():
    request = assert_round_trip("order_cancel_request", cw.OrderCancelRequest)
    assert (request.street_order_id, request.owner, request.counter_party) == ("1234567", "2", "binance")


def test_cancel_all():
    request = assert_round_trip("cancel_all_request", cw.CancelAllRequest)
    assert request.selected_counter_party == ["huobi", "binance"]
    result = cw.CancelAllResult.model_validate(example("cancel_all_response"))  # no envelope
    assert (result.owner, result.canceled_counter_party) == ("123", ["huobi", "binance"])
    assert cw.to_wire(cw.CancelAllRequest(owner="123")) == {"owner": "123", "selectedCounterParty": []}


def test_active_orders():
    orders = data_of("order_active", list[cw.Order])
    assert [(o.street_order_id, o.side, o.counter_party, o.execution_type) for o in orders] == [
        ("1234567", cw.Side.BID, "binance", cw.ExecutionType.EXECUTION_ACK),
        ("1345678", cw.Side.ASK, "huobi", cw.ExecutionType.EXECUTION_PARTIAL_FILLED),
    ]


def test_inactive_orders():
    page = data_of("order_inactive", cw.OrderPage)
    assert page.total_page == 10
    assert [o.execution_type for o in page.content] == [
        cw.ExecutionType.EXECUTION_CANCELED,
        cw.ExecutionType.EXECUTION_FILLED,
    ]
    query = cw.InactiveOrdersQuery(owner=1234, start_time=1530861306000, page_index=0, page_size=10)
    assert cw.to_wire(query) == {"owner": "1234", "startTime": 1530861306000, "pageIndex": 0, "pageSize": 10}


# --- User API -----------------------------------------------------------------------------------------------


def test_login():
    request = assert_round_trip("login_request", cw.LoginRequest)
    assert "abc_password" not in repr(request)
    session = data_of("login_response", cw.UserSession)
    assert (session.uid, session.user_name, session.group) == ("2", "abc", "group1")
    assert session.email == "abc@gmail.com"
    assert session.auth_token.startswith("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.")
    assert session.auth_token not in repr(session)
    assert cw.Envelope[Any].model_validate(example("login_response")).error_msg is None  # the doc sends none


def test_signup():
    request = assert_round_trip("signup_request", cw.SignupRequest)
    assert (request.email, request.phone, request.user_name) == ("abc@gmail.com", "12345", "abc")
    session = data_of("signup_response", cw.UserSession)
    assert (session.uid, session.email) == ("2", None)
    assert session.auth_token.endswith(".Z6GXtZGPCxt2v-e5E_lQ_8sXrgQHu4uwKJjrdof0Cvc")


def test_user_info():
    info = data_of("user_info", cw.UserInfo)
    assert (info.uid, info.google_auth_enabled, info.user_name) == ("123", False, "test")
    assert info.phone == "135555555"
    assert info.estimated_amount == (Decimal("10.0027"), "USDT")
    assert info.available_amount == (Decimal("82"), "")
    assert info.net_unit_amount == (Decimal("10.0027"), "USDT")
    assert info.on_orders_amount == (Decimal("12"), "")
    assert info.change_percentage == Decimal("-0.0218")
    assert info.avatar.startswith("https://")


def test_user_position():
    rows = data_of("user_position", list[cw.CurrencyPosition])
    assert [(r.counter_party, r.currency) for r in rows] == [("binance", "BTC"), ("binance", "ETH")]
    assert (rows[0].total, rows[0].used) == (Decimal(1000), Decimal("12.001"))
    assert rows[0].available == Decimal(999)  # as sent, though not total - used
    assert rows[1].total_amount == "400.0"


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("pwd_change_request", cw.PasswordChangeRequest),
        ("phone_verify_request", cw.PhoneVerifyRequest),
        ("phone_bind_request", cw.PhoneBindRequest),
        ("totp_bind_request", cw.TotpBindRequest),
    ],
)
def test_not_released_requests(name, model):
    request = assert_round_trip(name, model)
    assert request.uid == 1234


def test_totp_new():
    secret = cw.TotpSecret.model_validate(example("totp_new_response"))
    assert (secret.bind, secret.hash_key) == (False, "asbcas123sdasd")
    assert secret.qr_code_text == "asbcas123sdasdasbcas123sdasd"
    assert "asbcas123sdasd" not in repr(secret)


# --- API key & Secret key API -------------------------------------------------------------------------------


def test_secret_list():
    (key,) = data_of("secret_list", list[cw.ApiKey])
    assert (key.counter_party, key.owner, key.api_key, key.secret_key) == ("huobi", "1", "123456", "k****k")
    assert "k****k" not in repr(key)


def test_secret_requests():
    added = assert_round_trip("secret_add_request", cw.ApiKey)
    assert (added.api_key, added.secret_key) == ("123456", "kkkkkk")
    assert "kkkkkk" not in repr(added)
    deleted = assert_round_trip("secret_delete_request", cw.ApiKeyRef)
    assert (deleted.counter_party, deleted.owner) == ("huobi", "1")


# --- Strategy API -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "b_cancel"),
    [("strategy_start_request", None), ("strategy_stop_request", True), ("strategy_leave_request", False)],
)
def test_strategy_run_requests(name, b_cancel):
    request = assert_round_trip(name, cw.StrategyRunRequest)
    assert request.userid == "123"
    assert isinstance(request.strategy, cw.SingleMarketMakerItem)
    assert (request.strategy.id, request.strategy.b_cancel) == ("1", b_cancel)


@pytest.mark.parametrize(
    ("name", "status"), [("strategy_start_response", "running"), ("strategy_stop_response", "stopped")]
)
def test_strategy_run_responses(name, status):
    envelope = cw.Envelope[cw.StrategyRunResult].model_validate(example(name))
    assert (envelope.success, envelope.seq_no, envelope.error_code) == (True, 0, 0)  # snake_case envelope
    assert (envelope.data.strategy.id, envelope.data.strategy.status) == ("1", status)


def test_strategy_status():
    listing = data_of("strategy_status_response", cw.StrategyStatusList)
    assert [(s.id, s.status) for s in listing.status] == [("1", "running"), ("2", "stopped")]


# --- strategy types (api-notes/coinweight-strategies.md) ----------------------------------------------------


@pytest.mark.parametrize("strategy_type", sorted(STRATEGY_DEFAULTS))
def test_each_strategy_type_parses_into_its_model_and_goes_back_unchanged(strategy_type):
    item = cw.parse_strategy_item(strategy_default(strategy_type))
    assert type(item) is cw.STRATEGY_TYPES[strategy_type]
    assert cw.to_wire(item) == strategy_default(strategy_type)  # numbers stay numbers, strings stay strings


def test_strategy_numbers_are_decimals_and_keep_their_wire_type():
    triangular = cw.parse_strategy_item(strategy_default("Triangular"))
    assert isinstance(triangular, cw.TriangularItem)
    assert triangular.b_cancel is True
    symbol = triangular.symbols[0]
    assert (symbol.margin3, symbol.threshold_pct) == (Decimal(6), Decimal("0.01"))
    spreading = cw.parse_strategy_item(strategy_default("AutoSpreadingValue"))
    assert isinstance(spreading, cw.AutoSpreadingValueItem)
    assert spreading.symbols[0].quote_exchange == "huobi"
    assert spreading.symbols[0].margins[1].counter_party == "huobi"


def test_strategy_numbers_sent_as_strings_are_accepted_and_go_back_as_numbers():
    data = strategy_default("VolumeMarketMaker")
    data["symbols"][0]["margin1"] = "0.25"
    item = cw.parse_strategy_item(data)
    assert item.symbols[0].margin1 == Decimal("0.25")
    assert cw.to_wire(item)["symbols"][0]["margin1"] == 0.25


def test_unknown_strategy_type_and_unknown_fields_are_kept():
    data = {
        "name": "grid",
        "exchange": "binance",
        "strategyType": "Grid",
        "levels": 12,
        "symbols": [{"symbol": "ETH-BTC", "step": "0.5"}],
    }
    item = cw.parse_strategy_item(data)
    assert type(item) is cw.GenericStrategyItem
    assert cw.to_wire(item) == data
    known = strategy_default("SpeedOrder")
    known["symbols"][0]["newField"] = [1, 2]
    known["schedule"] = "daily"
    speed = cw.parse_strategy_item(known)
    assert type(speed) is cw.SpeedOrderItem
    assert cw.to_wire(speed) == known


def test_a_known_type_that_does_not_fit_its_model_is_kept_as_generic():
    data = {"name": "x", "exchange": "binance", "strategyType": "Triangular", "symbols": [{"symbol1": "A-B"}]}
    item = cw.parse_strategy_item(data)
    assert type(item) is cw.GenericStrategyItem
    assert cw.to_wire(item) == data


# --- value types --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["abc", "", "NaN", True, None, [1]])
def test_decimal_text_refuses_what_is_not_a_number(bad):
    data = example("order_model") | {"price": bad}
    with pytest.raises(ValidationError):
        cw.Order.model_validate(data)


def test_decimal_text_accepts_a_json_number_as_text():
    order = cw.Order.model_validate(example("order_model") | {"price": 0.5, "owner": 2})
    assert (order.price, order.owner) == ("0.5", "2")


def test_unknown_execution_type_is_refused():
    with pytest.raises(ValidationError):
        cw.Order.model_validate(example("order_model") | {"executionType": "EXECUTION_LOST"})
