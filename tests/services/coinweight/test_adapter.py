"""CoinWeightVenue over a scripted venue (httpx.MockTransport).

The mapping onto the domain, order checks before sending, reconciliation after an unknown outcome, strategies,
layouts, favourites, API keys and the polled streams.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from services.coinweight import DEFAULT_BASE_URL, CoinWeightClient, CoinWeightVenue, LayoutKind
from services.coinweight import schemas as cw
from services.domain import (
    ConnectionState,
    InstrumentId,
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    StrategySpec,
    StrategyStatus,
    TimeInForce,
)
from services.errors import AuthError, RejectedInput, TransportError
from services.http import VenueHttp
from tests.services.coinweight.doc_examples import example

ETH_USDT = InstrumentId("coinweight", "binance", "ETH-USDT")
SENT_AT = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SENT_MS = cw.to_millis(SENT_AT)


def ok(data: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": 0, "errorMsg": "ok", "data": data}


def wire_order(**fields: Any) -> dict[str, Any]:
    """The doc's Order Model with some fields changed (by wire name)."""
    return example("order_model") | fields


Reply = Any  # a JSON body, or a callable(request) -> JSON body, or an httpx.Response


class ScriptedVenue:
    """Answers by (verb, path below /exp/v2); keeps the requests."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Reply] = {
            ("POST", "/user/login"): example("login_response"),
            ("GET", "/config/symbols"): example("config_symbols"),
        }
        self.requests: list[httpx.Request] = []

    def on(self, verb: str, path: str, reply: Reply) -> None:
        self.routes[(verb, path)] = reply

    def sent(self, verb: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == verb and r.url.path == "/exp/v2" + path]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.routes.get((request.method, request.url.path.removeprefix("/exp/v2")))
        if reply is None:
            return httpx.Response(404, json={"success": False, "errorCode": 404, "errorMsg": "no route"})
        if callable(reply):
            reply = reply(request)
        return reply if isinstance(reply, httpx.Response) else httpx.Response(200, json=reply)


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


@pytest.fixture
async def venue_and_script():
    script = ScriptedVenue()
    http = VenueHttp("coinweight", DEFAULT_BASE_URL, transport=httpx.MockTransport(script), backoff=0)
    venue = CoinWeightVenue(CoinWeightClient(http), poll_interval=0)
    await venue.connect("abc", "abc_password")
    yield venue, script
    await venue.aclose()


def limit_buy(price: str | None = "2500.5", quantity: str = "0.5", **changes: Any) -> OrderRequest:
    return OrderRequest(
        instrument=changes.pop("instrument", ETH_USDT),
        side=changes.pop("side", Side.BUY),
        type=changes.pop("type", OrderType.LIMIT),
        quantity=Decimal(quantity),
        price=None if price is None else Decimal(price),
        client_id=changes.pop("client_id", "c-1"),
        **changes,
    )


def echo_order(request: httpx.Request) -> dict[str, Any]:
    """The venue's answer to /order/create: the order as sent, acknowledged."""
    sent = body(request)
    return ok(wire_order(**{"price": "0", **sent, "streetOrderId": "77"}))


# --- session ------------------------------------------------------------------------------------------------


async def test_connect_and_disconnect(venue_and_script):
    venue, script = venue_and_script
    assert venue.state is ConnectionState.CONNECTED
    assert venue.uid == "2"
    script.on("GET", "/test-auth", example("test_auth_ok"))
    assert await venue.ping() >= 0
    assert script.sent("GET", "/test-auth")[0].headers["authorization"].startswith("Bearer eyJ")
    await venue.disconnect()
    assert venue.state is ConnectionState.DISCONNECTED
    with pytest.raises(AuthError):
        _ = venue.uid


async def test_refused_login_leaves_the_session_failed(venue_and_script):
    venue, script = venue_and_script
    await venue.disconnect()
    script.on("POST", "/user/login", {"success": False, "errorCode": 3, "data": None})
    with pytest.raises(AuthError, match="Password error"):
        await venue.connect("abc", "wrong")
    assert venue.state is ConnectionState.FAILED


# --- instruments and order checks ---------------------------------------------------------------------------


async def test_instruments_come_from_config_symbols(venue_and_script):
    venue, _ = venue_and_script
    instruments = await venue.instruments()
    assert [i.id for i in instruments] == [InstrumentId("coinweight", "huobi", "ETH-USDT"), ETH_USDT]
    eth = instruments[1]
    assert (eth.base, eth.quote) == ("ETH", "USDT")
    assert (eth.price_step, eth.qty_step) == (Decimal("0.01"), Decimal("0.0001"))
    assert (eth.price_decimals, eth.qty_decimals) == (2, 4)
    assert (eth.min_qty, eth.max_qty) == (Decimal("0.001"), Decimal(10000))


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (limit_buy(price="2500.505"), "price"),
        (limit_buy(price="0"), "price"),
        (limit_buy(price=None), "price"),
        (limit_buy(quantity="0.50001"), "quantity"),
        (limit_buy(quantity="0.0005"), "quantity"),
        (limit_buy(quantity="10000.0001"), "quantity"),
        (limit_buy(quantity="-1"), "quantity"),
        (limit_buy(instrument=InstrumentId("coinweight", "binance", "DOGE-USDT")), "symbol"),
        (limit_buy(instrument=InstrumentId("coinweight", "okcoin", "ETH-USDT")), "symbol"),
        (limit_buy(type=OrderType.STOP), "type"),
        (limit_buy(time_in_force=TimeInForce.IOC), "time_in_force"),
    ],
)
async def test_place_order_refuses_bad_input_before_sending(venue_and_script, request_, field):
    venue, script = venue_and_script
    with pytest.raises(RejectedInput) as raised:
        await venue.place_order(request_)
    assert raised.value.field == field
    assert script.sent("POST", "/order/create") == []


async def test_place_limit_order(venue_and_script):
    venue, script = venue_and_script
    script.on("POST", "/order/create", echo_order)
    order = await venue.place_order(limit_buy())
    (sent,) = script.sent("POST", "/order/create")
    assert body(sent) == {
        "orderType": "LIMIT",
        "symbol": "ETH-USDT",
        "side": "BID",
        "owner": "2",
        "counterParty": "binance",
        "price": "2500.50",
        "quantity": "0.5000",
    }
    assert (order.order_id, order.client_id, order.instrument) == ("77", "c-1", ETH_USDT)
    assert (order.side, order.type, order.status) == (Side.BUY, OrderType.LIMIT, OrderStatus.NEW)
    assert (order.price, order.quantity, order.filled_quantity) == (Decimal("2500.5"), Decimal("0.5"), 0)
    assert order.average_fill_price is None
    assert order.created == datetime(2018, 7, 6, 7, 15, 6, tzinfo=UTC)


async def test_place_market_sell_sends_no_price(venue_and_script):
    venue, script = venue_and_script
    script.on("POST", "/order/create", echo_order)
    order = await venue.place_order(limit_buy(price=None, type=OrderType.MARKET, side=Side.SELL))
    sent = body(script.sent("POST", "/order/create")[0])
    assert "price" not in sent
    assert (sent["orderType"], sent["side"]) == ("MARKET", "ASK")
    assert (order.side, order.type, order.price) == (Side.SELL, OrderType.MARKET, None)


@pytest.mark.parametrize(
    ("execution", "status"),
    [
        ("EXECUTION_REJECTED", OrderStatus.REJECTED),
        ("EXECUTION_ACK", OrderStatus.NEW),
        ("EXECUTION_PARTIAL_FILLED", OrderStatus.PARTIALLY_FILLED),
        ("EXECUTION_FILLED", OrderStatus.FILLED),
        ("EXECUTION_CANCELING", OrderStatus.CANCELING),
        ("EXECUTION_CANCELED", OrderStatus.CANCELED),
        ("EXECUTION_PARTIAL_CANCELED", OrderStatus.PARTIALLY_CANCELED),
    ],
)
async def test_execution_types_map_to_order_status(venue_and_script, execution, status):
    venue, script = venue_and_script
    filled = wire_order(executionType=execution, side="ASK", filledQuantity="4.000", filledPrice="0.00120")
    script.on("GET", "/order/active", ok([filled]))
    (order,) = await venue.active_orders()
    assert (order.status, order.side, order.account) == (status, Side.SELL, "2")
    assert (order.filled_quantity, order.average_fill_price, order.remaining) == (
        Decimal(4),
        Decimal("0.0012"),
        Decimal(6),
    )
    assert script.sent("GET", "/order/active")[0].url.params["owner"] == "2"


async def test_modify_and_cancel(venue_and_script):
    venue, script = venue_and_script
    script.on("POST", "/order/create", echo_order)
    script.on("POST", "/order/update", lambda r: ok(wire_order(**body(r), symbol="ETH-USDT")))
    script.on("POST", "/order/cancel", ok(wire_order(executionType="EXECUTION_CANCELED")))
    order = await venue.place_order(limit_buy())
    with pytest.raises(RejectedInput) as raised:
        await venue.modify_order(order, price=Decimal("2400.001"))
    assert raised.value.field == "price"
    modified = await venue.modify_order(order, price="2400")
    assert body(script.sent("POST", "/order/update")[0]) == {
        "streetOrderId": "77",
        "owner": "2",
        "counterParty": "binance",
        "price": "2400.00",
        "quantity": "0.5000",
    }
    assert (modified.price, modified.client_id) == (Decimal(2400), "c-1")
    await venue.cancel_order(modified)
    assert body(script.sent("POST", "/order/cancel")[0]) == {
        "streetOrderId": "77",
        "owner": "2",
        "counterParty": "binance",
    }


async def test_order_history_asks_for_the_window_and_page(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/order/inactive", example("order_inactive"))
    orders = await venue.order_history(SENT_AT - timedelta(hours=1), SENT_AT, page=2)
    assert [o.status for o in orders] == [OrderStatus.CANCELED, OrderStatus.FILLED]
    params = script.sent("GET", "/order/inactive")[0].url.params
    assert dict(params) == {
        "owner": "2",
        "startTime": str(SENT_MS - 3_600_000),
        "endTime": str(SENT_MS),
        "pageIndex": "2",
        "pageSize": "50",
    }


async def test_cancel_all(venue_and_script):
    venue, script = venue_and_script
    script.on("POST", "/order/cancel-all", {"owner": "2", "canceledCounterParty": ["binance"]})
    assert await venue.cancel_all(["binance"]) == ["binance"]
    sent = body(script.sent("POST", "/order/cancel-all")[0])
    assert sent == {"owner": "2", "selectedCounterParty": ["binance"]}


# --- reconciliation -----------------------------------------------------------------------------------------


def candidate(order_id: str, created_ms: int, **fields: Any) -> dict[str, Any]:
    """An order like ``limit_buy()`` would create, with some fields changed."""
    return wire_order(
        streetOrderId=order_id,
        symbol="ETH-USDT",
        counterParty="binance",
        price="2500.50",
        quantity="0.5000",
        createTime=created_ms,
        processedTime=created_ms,
    ) | fields


async def lose_the_answer(venue: CoinWeightVenue, script: ScriptedVenue, request: OrderRequest) -> None:
    def time_out(req: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("lost", request=req)

    script.on("POST", "/order/create", time_out)
    with pytest.raises(TransportError) as raised:
        await venue.place_order(request)
    assert raised.value.outcome_unknown


async def test_find_order_matches_an_active_order_after_a_lost_answer(venue_and_script):
    venue, script = venue_and_script
    await lose_the_answer(venue, script, limit_buy(client_id="first"))
    await lose_the_answer(venue, script, limit_buy(client_id="second"))
    assert len(script.sent("POST", "/order/create")) == 2  # each sent once
    script.on(
        "GET",
        "/order/active",
        ok(
            [
                candidate("90", SENT_MS + 900, side="ASK"),  # other side
                candidate("91", SENT_MS + 800, price="2500.60"),  # other price
                candidate("92", SENT_MS + 700, symbol="BTC-USDT"),  # other symbol
                candidate("93", SENT_MS + 600, counterParty="huobi"),  # other counterparty
                candidate("94", SENT_MS + 500, quantity="0.4000"),  # other quantity
                candidate("95", SENT_MS - 60_000),  # before the send
                candidate("97", SENT_MS + 400),
                candidate("96", SENT_MS + 300),
            ]
        ),
    )
    first = await venue.find_order("first", SENT_AT)
    second = await venue.find_order("second", SENT_AT)
    assert (first.order_id, first.client_id) == ("96", "first")  # the earliest match
    assert (second.order_id, second.client_id) == ("97", "second")  # never the one already bound
    assert (await venue.find_order("first", SENT_AT)).order_id == "96"
    assert [o.client_id for o in await venue.active_orders() if o.client_id] == ["second", "first"]
    assert await venue.find_order("never-sent", SENT_AT) is None


async def test_find_order_looks_in_inactive_orders_page_by_page(venue_and_script):
    venue, script = venue_and_script
    await lose_the_answer(venue, script, limit_buy(client_id="c-9"))
    script.on("GET", "/order/active", ok([]))
    pages = {
        "0": ok({"totalPage": 2, "content": [candidate("80", SENT_MS + 100, side="ASK")]}),
        "1": ok({"totalPage": 2, "content": [candidate("81", SENT_MS, executionType="EXECUTION_FILLED")]}),
    }
    script.on("GET", "/order/inactive", lambda r: pages[r.url.params["pageIndex"]])
    found = await venue.find_order("c-9", SENT_AT)
    assert (found.order_id, found.status, found.client_id) == ("81", OrderStatus.FILLED, "c-9")
    first_page = script.sent("GET", "/order/inactive")[0].url.params
    assert int(first_page["startTime"]) == SENT_MS - 5_000  # the default clock skew


async def test_find_order_finds_nothing_when_nothing_matches(venue_and_script):
    venue, script = venue_and_script
    await lose_the_answer(venue, script, limit_buy(client_id="c-5"))
    script.on("GET", "/order/active", ok([candidate("70", SENT_MS + 10, side="ASK")]))
    script.on("GET", "/order/inactive", ok({"totalPage": 0, "content": []}))
    assert await venue.find_order("c-5", SENT_AT) is None


# --- balances and account -----------------------------------------------------------------------------------


async def test_balances_per_counterparty(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/user/2/position", example("user_position"))
    btc, eth = await venue.balances()
    assert (btc.venue, btc.account, btc.asset, btc.total, btc.used) == (
        "coinweight",
        "binance",
        "BTC",
        Decimal(1000),
        Decimal("12.001"),
    )
    assert (eth.asset, eth.available) == ("ETH", Decimal(358))
    assert await venue.positions() == []


async def test_account_summary_from_user_info(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/user/2/info", example("user_info"))
    summary = await venue.account_summary()
    assert (summary.currency, summary.estimated_value, summary.available_value, summary.on_orders) == (
        "USDT",
        Decimal("10.0027"),
        Decimal(82),
        Decimal(12),
    )
    assert summary.change_pct == Decimal("-0.0218")


# --- strategies ---------------------------------------------------------------------------------------------


async def test_templates_and_strategies_with_their_status(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/config/strategy/default/items", example("strategy_default_items"))
    script.on("GET", "/config/strategy/custom/2/items", example("strategy_custom_items"))
    script.on("GET", "/strategy/status/2", example("strategy_status_response"))
    volume, single = await venue.templates()
    assert (volume.strategy_type, volume.exchange, volume.strategy_id) == ("VolumeMarketMaker", "binance", "")
    assert volume.params["owner"] == "strategy-10"
    assert volume.params["symbols"][0]["replaceDelay"] == Decimal("60.0")
    assert single.strategy_type == "SingleMarketMaker"
    (mine,) = await venue.strategies()
    assert (mine.strategy_id, mine.name, mine.status) == ("1", "octmm", StrategyStatus.RUNNING)
    assert await venue.status(mine) is StrategyStatus.RUNNING
    assert await venue.status(StrategySpec("x", "Arbitrage", "coinweight", "binance", strategy_id="2")) is (
        StrategyStatus.STOPPED
    )


async def test_save_creates_then_updates(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/config/strategy/default/items", example("strategy_default_items"))
    script.on("POST", "/config/strategy/custom/2/item/create", example("strategy_create_response"))
    script.on("POST", "/config/strategy/custom/2/item/update", lambda r: ok(body(r)))
    template = (await venue.templates())[0]
    created = await venue.save(template)
    assert body(script.sent("POST", "/config/strategy/custom/2/item/create")[0]) == example(
        "strategy_create_request"
    )
    assert created.strategy_id == "1"
    symbols = created.params["symbols"]
    symbols[0]["margin1"] = Decimal("0.3")
    updated = await venue.save(created)
    sent = body(script.sent("POST", "/config/strategy/custom/2/item/update")[0])
    assert sent == example("strategy_update_request") | {
        "symbols": [example("strategy_update_request")["symbols"][0] | {"margin1": 0.3}]
    }
    assert updated.params["symbols"][0]["margin1"] == Decimal("0.3")


async def test_start_stop_leave_and_delete(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/config/strategy/custom/2/items", example("strategy_custom_items"))
    script.on("GET", "/strategy/status/2", ok({"status": []}))
    script.on("POST", "/strategy/start", example("strategy_start_response"))
    script.on("POST", "/strategy/stop", example("strategy_stop_response"))
    script.on("POST", "/config/strategy/custom/2/item/delete", example("strategy_delete_response"))
    (spec,) = await venue.strategies()
    assert spec.status is StrategyStatus.STOPPED
    await venue.start(spec)
    await venue.stop(spec, cancel_orders=True)
    await venue.stop(spec, cancel_orders=False)
    await venue.delete(spec)
    start = body(script.sent("POST", "/strategy/start")[0])
    assert start["userid"] == "2"
    assert start["strategy"] == example("strategy_start_request")["strategy"]
    stop, leave = (body(r)["strategy"] for r in script.sent("POST", "/strategy/stop"))
    assert (stop["bCancel"], leave["bCancel"]) == (True, False)
    assert body(script.sent("POST", "/config/strategy/custom/2/item/delete")[0]) == {"id": "1"}


# --- markets, favourites, layouts, keys ---------------------------------------------------------------------


async def test_market_tabs_and_favourites(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/config/market/default", example("market_default"))
    script.on("GET", "/config/market/custom/2", example("market_custom"))
    script.on("GET", "/config/market/custom/2/favorite", example("favorite_list"))
    script.on("POST", "/config/market/custom/2/favorite/add", example("favorite_add_response"))
    script.on("POST", "/config/market/custom/2/favorite/delete", example("favorite_delete_response"))
    btc, eth = await venue.market_tabs()
    assert (btc.name, eth.name) == ("BTC", "ETH")
    assert btc.instruments == (
        InstrumentId("coinweight", "binance", "ETH-BTC"),
        InstrumentId("coinweight", "huobi", "ETH-BTC"),
    )
    assert btc.favourites == {InstrumentId("coinweight", "binance", "ETH-BTC")}
    assert all(not tab.favourites for tab in await venue.market_tabs(custom=False))
    assert await venue.favourites() == [
        InstrumentId("coinweight", "binance", "ETH-BTC"),
        InstrumentId("coinweight", "huobi", "EOS-USDT"),
    ]
    await venue.add_favourite(ETH_USDT)
    await venue.remove_favourite(ETH_USDT)
    expected = {"counterParty": "binance", "symbol": "ETH-USDT"}
    assert body(script.sent("POST", "/config/market/custom/2/favorite/add")[0]) == expected
    assert body(script.sent("POST", "/config/market/custom/2/favorite/delete")[0]) == expected


async def test_simple_layout_has_twelve_typed_slots(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/config/layout/simple/custom/2", example("simple_custom"))
    layout = await venue.layout(LayoutKind.SIMPLE)
    assert layout.kind is LayoutKind.SIMPLE
    assert len(layout.slots) == 12
    assert layout.slots[0] == InstrumentId("coinweight", "binance", "ETH-BTC")
    assert layout.slots[2:11] == (None,) * 9  # the doc's example elides positions 3..11
    assert layout.slots[11] == InstrumentId("coinweight", "okcoin", "EOS-USDT")


async def test_professional_layout_falls_back_to_the_default(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/config/layout/professional/custom/2", ok([]))
    script.on("GET", "/config/layout/professional/default", example("professional_default"))
    layout = await venue.layout(LayoutKind.PROFESSIONAL)
    assert [slot.market for slot in layout.slots] == ["binance", "huobi", "okcoin"]
    await venue.layout(LayoutKind.PROFESSIONAL, default=True)
    assert len(script.sent("GET", "/config/layout/professional/custom/2")) == 1


async def test_set_layout_slot(venue_and_script):
    venue, script = venue_and_script
    script.on("POST", "/config/layout/simple/custom/2/update", example("simple_update_response"))
    await venue.set_layout_slot(LayoutKind.SIMPLE, 12, ETH_USDT)
    sent = body(script.sent("POST", "/config/layout/simple/custom/2/update")[0])
    assert sent == {"position": 12, "counterParty": "binance", "symbol": "ETH-USDT"}
    with pytest.raises(RejectedInput) as raised:
        await venue.set_layout_slot(LayoutKind.PROFESSIONAL, 4, ETH_USDT)
    assert raised.value.field == "position"
    assert script.sent("POST", "/config/layout/professional/custom/2/update") == []


async def test_api_keys(venue_and_script):
    venue, script = venue_and_script
    script.on("GET", "/secret/2", example("secret_list"))
    script.on("POST", "/secret/add", example("secret_add_response"))
    script.on("POST", "/secret/delete", example("secret_delete_response"))
    (key,) = await venue.api_keys()
    assert (key.counterparty, key.api_key, key.masked_secret) == ("huobi", "123456", "k****k")
    assert "123456" not in repr(key)
    await venue.add_api_key("huobi", "AK", "SK")
    await venue.delete_api_key("huobi")
    assert body(script.sent("POST", "/secret/add")[0]) == {
        "counterParty": "huobi",
        "owner": "2",
        "apiKey": "AK",
        "secretKey": "SK",
    }
    assert body(script.sent("POST", "/secret/delete")[0]) == {"counterParty": "huobi", "owner": "2"}


# --- polled streams -----------------------------------------------------------------------------------------


def scripted(replies: list[Any]) -> Callable[[httpx.Request], Any]:
    """Answers the replies in turn, then the last one again and again."""
    stream: Iterator[Any] = iter(replies)
    last: list[Any] = []

    def reply(request: httpx.Request) -> Any:
        last[:] = [next(stream, last[0] if last else None)]
        return last[0]

    return reply


async def test_order_updates_and_fills_are_polled(venue_and_script):
    venue, script = venue_and_script
    created = 1_700_000_000_000
    ack = candidate("A", created)
    partial = candidate("A", created, executionType="EXECUTION_PARTIAL_FILLED", filledQuantity="0.2000",
                        filledPrice="2500.00", processedTime=created + 10)
    filled = candidate("A", created, executionType="EXECUTION_FILLED", filledQuantity="0.5000",
                       filledPrice="2500.30", processedTime=created + 20)
    done_before = candidate("B", created, executionType="EXECUTION_FILLED", filledQuantity="0.5000",
                            filledPrice="2400.00")

    def run_script() -> None:
        script.on("GET", "/order/active", scripted([ok([ack]), ok([partial]), ok([])]))
        script.on("GET", "/order/inactive", scripted([
            ok({"totalPage": 1, "content": [done_before]}),
            ok({"totalPage": 1, "content": [done_before]}),
            ok({"totalPage": 1, "content": [filled, done_before]}),
        ]))  # fmt: skip

    run_script()
    updates = venue.order_updates()
    seen = [await anext(updates) for _ in range(4)]
    await updates.aclose()
    assert [(o.order_id, o.status) for o in seen] == [
        ("A", OrderStatus.NEW),
        ("B", OrderStatus.FILLED),
        ("A", OrderStatus.PARTIALLY_FILLED),
        ("A", OrderStatus.FILLED),
    ]
    third_inactive = script.sent("GET", "/order/inactive")[2].url.params
    assert int(third_inactive["startTime"]) <= created  # A left the active list: look back to its creation
    assert "endTime" not in third_inactive  # the venue's own clock ends the window

    run_script()
    fills = venue.fills()
    first, second = [await anext(fills) for _ in range(2)]
    await fills.aclose()
    assert (first.order_id, first.side) == ("A", Side.BUY)
    assert (first.quantity, first.price) == (Decimal("0.2"), Decimal(2500))
    assert (second.quantity, second.price) == (Decimal("0.3"), Decimal("2500.50"))  # 0.5 @ 2500.30 average
    assert second.time == cw.from_millis(created + 20)
    assert first.trade_id != second.trade_id
