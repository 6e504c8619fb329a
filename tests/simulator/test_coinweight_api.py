"""The simulated coin-weight v2 API on the wire: paths, verbs, envelopes, field names, string numbers."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from services.simulator.apis.coinweight import create_app
from services.simulator.apis.coinweight.tokens import totp
from services.simulator.apis.coinweight.venue import CoinweightSim
from services.simulator.context import SimulatorContext
from services.simulator.engine import SimClock, SimOrder
from services.simulator.engine.catalog import default_engine

START = 1_718_294_400.0  # 2024-06-13T16:00:00Z
ORDER_FIELDS = {
    "streetOrderId",
    "orderType",
    "symbol",
    "side",
    "owner",
    "counterParty",
    "price",
    "quantity",
    "filledPrice",
    "filledQuantity",
    "executionType",
    "createTime",
    "processedTime",
}
STRING_FIELDS = ORDER_FIELDS - {"createTime", "processedTime"}
DEMO = {"userName": "demo", "password": "demo"}
KEY = "binance:ETH-BTC"


@dataclass
class Sim:
    ctx: SimulatorContext
    http: httpx.AsyncClient
    venue: CoinweightSim
    headers: dict[str, str]  # the demo user's

    async def get(self, path: str, *, auth: bool = True, **params: Any) -> httpx.Response:
        return await self.http.get(path, params=params, headers=self.headers if auth else {})

    async def post(self, path: str, body: Any, *, auth: bool = True) -> httpx.Response:
        return await self.http.post(path, json=body, headers=self.headers if auth else {})

    def strategy_orders(self, strategy_id: str) -> list[SimOrder]:
        orders = self.ctx.engine.orders("cw:1:binance", active=True)
        return [o for o in orders if o.tag == f"cw-strategy:{strategy_id}"]


@contextlib.asynccontextmanager
async def simulator(speed: float) -> AsyncIterator[Sim]:
    clock = SimClock(speed=speed, start=START)
    ctx = SimulatorContext(engine=default_engine(7, clock), clock=clock, seed=7)
    app = create_app(ctx)
    server = Starlette(routes=[Mount("/exp/v2", app=app)])  # mounted as the simulator mounts it
    transport = httpx.ASGITransport(app=server)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim/exp/v2") as http:
        token = (await http.post("/user/login", json=DEMO)).json()["data"]["authToken"]
        yield Sim(ctx, http, app.state.coinweight, {"Authorization": f"Bearer {token}"})
    await app.state.coinweight.shutdown()


@pytest.fixture
async def sim() -> AsyncIterator[Sim]:
    async with simulator(speed=0) as frozen:  # time moves only by advance_by
        yield frozen


def ok_data(response: httpx.Response, *, with_message: bool = True) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    keys = {"success", "errorCode", "errorMsg", "data"} if with_message else {"success", "errorCode", "data"}
    assert set(body) == keys, body
    assert body["success"] is True and body["errorCode"] == 0
    if with_message:
        assert body["errorMsg"] == "ok"
    return body["data"]


def refusal(response: httpx.Response, code: int, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"success", "errorCode", "errorMsg", "data"}, body
    assert body["success"] is False and body["errorCode"] == code, body
    assert isinstance(body["errorMsg"], str) and body["errorMsg"]
    return body


def strategy_data(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"success", "seq_no", "error_code", "data"}, body
    assert body["success"] is True and body["error_code"] == 0 and isinstance(body["seq_no"], int)
    return body["data"]


def check_order(order: dict[str, Any]) -> dict[str, Any]:
    assert set(order) == ORDER_FIELDS
    assert all(isinstance(order[f], str) for f in STRING_FIELDS), order
    assert isinstance(order["createTime"], int) and isinstance(order["processedTime"], int)
    for field in ("price", "quantity", "filledPrice", "filledQuantity"):
        Decimal(order[field])
    return order


def order_body(**fields: Any) -> dict[str, Any]:
    body = {
        "orderType": "LIMIT",
        "symbol": "ETH-BTC",
        "side": "BID",
        "owner": "1",
        "counterParty": "binance",
        "price": "0.04000",
        "quantity": "1.0000",
    }
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}


def positions(rows: list[dict[str, Any]], counterparty: str = "binance") -> dict[str, dict[str, Any]]:
    return {r["currency"]: r for r in rows if r["counterParty"] == counterparty}


def b64json(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


# --- users and auth -----------------------------------------------------------------------------------------


async def test_login_returns_a_signed_hs256_jwt_and_test_auth_reads_it(sim: Sim) -> None:
    data = ok_data(await sim.post("/user/login", DEMO, auth=False), with_message=False)
    assert set(data) == {"uid", "userName", "group", "email", "authToken"}
    assert (data["uid"], data["userName"], data["group"]) == (1, "demo", "group1")
    header, claims, signature = data["authToken"].split(".")
    assert b64json(header) == {"typ": "JWT", "alg": "HS256"}
    assert {"uid": 1, "iss": "ex", "group": "group1"}.items() <= b64json(claims).items()
    assert b64json(claims)["exp"] == int(START) + 24 * 3600
    expected = hmac.new(sim.venue.state.jwt_secret, f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64encode(expected).rstrip(b"=").decode() == signature

    by_email = await sim.post(
        "/user/login", {"userName": "demo@tessera.local", "password": "demo"}, auth=False
    )
    assert ok_data(by_email, with_message=False)["uid"] == 1
    answer = await sim.get("/test-auth")
    assert answer.status_code == 200 and answer.json() == {"uid": 1, "group": "group1"}  # no envelope


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"userName": "nobody", "password": "x"}, 1),
        ({"userName": "demo", "password": "wrong"}, 3),
        ({"userName": "demo"}, 4),
        ({"password": "demo"}, 4),
    ],
)
async def test_login_errors(sim: Sim, body: dict[str, str], code: int) -> None:
    assert refusal(await sim.post("/user/login", body, auth=False), code)["data"] is None


async def test_missing_or_invalid_token_is_403_with_the_documented_body(sim: Sim) -> None:
    documented = {"success": False, "errorCode": 403, "errorMsg": "Authentication Failure", "data": None}
    for headers in ({}, {"Authorization": "Bearer not.a.jwt"}, {"Authorization": "Basic ZGVtbzpkZW1v"}):
        response = await sim.http.get("/order/active", headers=headers)
        assert response.status_code == 403 and response.json() == documented
    forged_claims = base64.urlsafe_b64encode(b'{"uid":1,"exp":9999999999}').rstrip(b"=").decode()
    header, _, signature = sim.headers["Authorization"].removeprefix("Bearer ").split(".")
    forged = await sim.http.get(
        "/test-auth", headers={"Authorization": f"Bearer {header}.{forged_claims}.{signature}"}
    )
    assert forged.status_code == 403 and forged.json() == documented
    sim.ctx.clock.advance_by(24 * 3600 + 1)
    expired = await sim.get("/test-auth")
    assert expired.status_code == 403 and expired.json() == documented


async def test_a_path_uid_that_is_not_the_tokens_is_403(sim: Sim) -> None:
    for path in ("/user/2/info", "/user/2/position", "/config/market/custom/2", "/strategy/status/2"):
        refusal(await sim.get(path), 403, status=403)
    refusal(await sim.post("/config/layout/simple/custom/2/update", {"position": 1}), 403, status=403)


async def test_signup_creates_a_funded_user_and_refuses_duplicates(sim: Sim) -> None:
    body = {"email": "abc@gmail.com", "phone": "12345", "userName": "abc", "password": "pwd123"}
    data = ok_data(await sim.post("/user/signup", body, auth=False), with_message=False)
    assert set(data) == {"uid", "userName", "group", "authToken"}
    assert (data["uid"], data["userName"], data["group"]) == (2, "abc", "group1")
    headers = {"Authorization": f"Bearer {data['authToken']}"}
    rows = ok_data(await sim.http.get("/user/2/position", headers=headers), with_message=False)
    assert positions(rows, "okcoin")["USDT"]["totalAmount"] == "100000"
    logged_in = await sim.post("/user/login", {"userName": "abc", "password": "pwd123"}, auth=False)
    assert ok_data(logged_in, with_message=False)["uid"] == 2

    refusal(await sim.post("/user/signup", body, auth=False), 4)
    for change, code in (
        ({"email": "x@y.z", "phone": ""}, 1),
        ({"userName": "abd", "phone": ""}, 2),
        ({"userName": "abe", "email": "e@y.z"}, 3),
        ({"userName": "abf", "email": "nope"}, 400),
    ):
        refusal(await sim.post("/user/signup", {**body, **change}, auth=False), code)


async def test_user_info_values_the_holdings_at_market(sim: Sim) -> None:
    info = ok_data(await sim.get("/user/1/info"), with_message=False)
    assert set(info) == {
        "uid",
        "googleAuthEnabled",
        "group",
        "userName",
        "phone",
        "email",
        "avatar",
        "estimatedValue",
        "availableValue",
        "netUnitValue",
        "onOrders",
        "changePercentage",
    }
    assert info["uid"] == "1" and info["googleAuthEnabled"] is False and info["userName"] == "demo"
    assert isinstance(info["changePercentage"], float)
    amount, unit = info["estimatedValue"].split(" ")
    assert unit == "USDT" and info["netUnitValue"] == info["estimatedValue"]
    assert info["onOrders"] == "0.0000" and info["availableValue"] == amount
    usdt = sum(
        Decimal(r["totalAmount"])
        for r in ok_data(await sim.get("/user/1/position"), with_message=False)
        if r["currency"] == "USDT"
    )
    assert Decimal(amount) > usdt == 300000  # the other assets add their value

    ok_data(await sim.post("/order/create", order_body(price="0.04000", quantity="10.0000")))
    after = ok_data(await sim.get("/user/1/info"), with_message=False)
    held_btc = Decimal("0.4004")  # 10 x 0.04 and the 0.1 % fee
    btc_usdt = sim.ctx.engine.top("binance:BTC-USDT")
    btc = (btc_usdt.bid + btc_usdt.ask) / 2
    assert abs(Decimal(after["onOrders"]) - held_btc * btc) < Decimal("0.001")
    total = Decimal(after["estimatedValue"].split(" ")[0])
    assert abs(Decimal(after["availableValue"]) + Decimal(after["onOrders"]) - total) <= Decimal("0.0002")


async def test_position_rows_are_strings_with_used_and_available(sim: Sim) -> None:
    ok_data(await sim.post("/order/create", order_body(price="0.04000", quantity="10.0000")))
    ok_data(await sim.post("/order/create", order_body(side="ASK", price="0.09000", quantity="2.5000")))
    rows = ok_data(await sim.get("/user/1/position"), with_message=False)
    for row in rows:
        assert set(row) == {"counterParty", "currency", "totalAmount", "usedAmount", "availableAmount"}
        assert all(isinstance(row[k], str) for k in row)
    assert {r["counterParty"] for r in rows} == {"binance", "huobi", "okcoin"}
    binance = positions(rows)
    assert binance["BTC"] == {
        "counterParty": "binance",
        "currency": "BTC",
        "totalAmount": "2",
        "usedAmount": "0.4004",
        "availableAmount": "1.5996",
    }
    assert (binance["ETH"]["usedAmount"], binance["ETH"]["availableAmount"]) == ("2.5", "27.5")
    assert (binance["EOS"]["totalAmount"], positions(rows, "huobi")["BTC"]["usedAmount"]) == ("5000", "0")


async def test_not_released_password_phone_and_totp(sim: Sim) -> None:
    wrong = await sim.post("/user/pwd/change", {"uid": 1, "oldPassword": "x", "newPassword": "new"})
    refusal(wrong, 3)
    refusal(await sim.post("/user/pwd/change", {"uid": 2, "oldPassword": "demo", "newPassword": "n"}), 500)
    assert (
        ok_data(await sim.post("/user/pwd/change", {"uid": 1, "oldPassword": "demo", "newPassword": "n"}))
        is None
    )
    refusal(await sim.post("/user/login", DEMO, auth=False), 3)
    ok_data(
        await sim.post("/user/login", {"userName": "demo", "password": "n"}, auth=False), with_message=False
    )

    phone = {"uid": 1, "phone": "123456789", "countryCode": "+86"}
    assert ok_data(await sim.post("/user/phone/verify", phone)) is None
    refusal(await sim.post("/user/phone/bind", {**phone, "verificationCode": "000000"}), 5)
    assert ok_data(await sim.post("/user/phone/bind", {**phone, "verificationCode": "123456"})) is None

    secret = (await sim.post("/user/totp/new", {})).json()
    assert set(secret) == {"bind", "hashKey", "qrCodeText"} and secret["bind"] is False
    assert secret["qrCodeText"].startswith("otpauth://totp/") and secret["hashKey"] in secret["qrCodeText"]
    wrong_code = f"{(int(totp(secret['hashKey'], time.time())) + 1) % 1_000_000:06d}"
    refusal(await sim.post("/user/totp/bind", {"uid": 1, "authCode": wrong_code}), 5)
    bound = await sim.post("/user/totp/bind", {"uid": 1, "authCode": totp(secret["hashKey"], time.time())})
    assert ok_data(bound) is None
    info = ok_data(await sim.get("/user/1/info"), with_message=False)
    assert info["phone"] == "123456789" and info["googleAuthEnabled"] is True
    assert (await sim.post("/user/totp/new", {})).json()["bind"] is True


def test_totp_matches_the_rfc_6238_vector() -> None:
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59, digits=8) == "94287082"
    assert totp(secret, 1111111109, digits=8) == "07081804"


# --- config: symbols, markets, favourites, layouts ----------------------------------------------------------


async def test_symbols_come_from_the_engine_catalog(sim: Sim) -> None:
    data = ok_data(await sim.get("/config/symbols", auth=False))
    assert [c["counterParty"] for c in data] == ["binance", "huobi", "okcoin"]
    for group in data:
        specs = {s.symbol: s for s in sim.ctx.engine.instruments(group["counterParty"])}
        assert {s["name"] for s in group["symbols"]} == set(specs)
        for row in group["symbols"]:
            spec = specs[row["name"]]
            assert row == {
                "name": spec.symbol,
                "base": spec.base,
                "quote": spec.quote,
                "priceDecimal": spec.price_decimals,
                "quantityDecimal": spec.qty_decimals,
                "quantityMin": float(spec.min_qty),
                "quantityMax": float(spec.max_qty),
            }
    eth_btc = next(s for s in data[0]["symbols"] if s["name"] == "ETH-BTC")
    assert (eth_btc["priceDecimal"], eth_btc["quantityDecimal"], eth_btc["quantityMin"]) == (5, 4, 0.0001)
    assert isinstance(eth_btc["quantityMax"], float)


async def test_default_markets_have_a_tab_per_quote_currency(sim: Sim) -> None:
    tabs = ok_data(await sim.get("/config/market/default", auth=False))
    assert [t["category"] for t in tabs] == ["BTC", "ETH", "USDT"]
    items = [(tab["category"], item) for tab in tabs for item in tab["items"]]
    assert all(
        set(item) == {"counterParty", "symbol", "favorite"} and item["favorite"] is False for _, item in items
    )
    assert all(item["symbol"].endswith("-" + category) for category, item in items)
    crypto = {(s.market, s.symbol) for s in sim.ctx.engine.instruments() if s.market != "MOEX"}
    assert sorted((i["counterParty"], i["symbol"]) for _, i in items) == sorted(crypto)
    assert tabs[0]["items"][:2] == [
        {"counterParty": "binance", "symbol": "EOS-BTC", "favorite": False},
        {"counterParty": "huobi", "symbol": "EOS-BTC", "favorite": False},
    ]


async def test_favourites_persist_and_mark_the_custom_markets(sim: Sim) -> None:
    base = "/config/market/custom/1"
    assert ok_data(await sim.get(f"{base}/favorite")) == []
    assert (
        ok_data(await sim.post(f"{base}/favorite/add", {"counterParty": "binance", "symbol": "ETH-BTC"}))
        is None
    )
    ok_data(await sim.post(f"{base}/favorite/add", {"counterParty": "huobi", "symbol": "EOS-USDT"}))
    ok_data(await sim.post(f"{base}/favorite/add", {"counterParty": "binance", "symbol": "ETH-BTC"}))  # again
    refusal(await sim.post(f"{base}/favorite/add", {"counterParty": "binance", "symbol": "NOPE-BTC"}), 400)
    refusal(await sim.post(f"{base}/favorite/add", {"counterParty": "kraken", "symbol": "ETH-BTC"}), 400)
    assert ok_data(await sim.get(f"{base}/favorite")) == [
        {"counterParty": "binance", "symbol": "ETH-BTC", "favorite": True},
        {"counterParty": "huobi", "symbol": "EOS-USDT", "favorite": True},
    ]
    ok_data(await sim.post(f"{base}/favorite/delete", {"counterParty": "huobi", "symbol": "EOS-USDT"}))

    fresh = ok_data(await sim.post("/user/login", DEMO, auth=False), with_message=False)["authToken"]
    again = await sim.http.get(f"{base}/favorite", headers={"Authorization": f"Bearer {fresh}"})
    assert ok_data(again) == [{"counterParty": "binance", "symbol": "ETH-BTC", "favorite": True}]
    marked = {
        (i["counterParty"], i["symbol"]): i["favorite"]
        for tab in ok_data(await sim.get(base))
        for i in tab["items"]
    }
    assert marked[("binance", "ETH-BTC")] is True
    assert [k for k, v in marked.items() if v] == [("binance", "ETH-BTC")]


@pytest.mark.parametrize(("kind", "size"), [("professional", 3), ("simple", 12)])
async def test_layouts_are_seeded_from_the_defaults_then_updated(sim: Sim, kind: str, size: int) -> None:
    default = ok_data(await sim.get(f"/config/layout/{kind}/default", auth=False))
    assert [row["position"] for row in default] == list(range(1, size + 1))
    assert all(set(row) == {"position", "counterParty", "symbol"} for row in default)
    assert default[0] == {"position": 1, "counterParty": "binance", "symbol": "ETH-BTC"}
    assert default[-1] == {"position": size, "counterParty": "okcoin", "symbol": "EOS-USDT"}
    assert ok_data(await sim.get(f"/config/layout/{kind}/custom/1")) == default

    update = {"position": 2, "counterParty": "binance", "symbol": "EOS-USDT"}
    assert ok_data(await sim.post(f"/config/layout/{kind}/custom/1/update", update)) is None
    refusal(await sim.post(f"/config/layout/{kind}/custom/1/update", {**update, "position": size + 1}), 400)
    refusal(await sim.post(f"/config/layout/{kind}/custom/1/update", {**update, "symbol": "NOPE"}), 400)
    custom = ok_data(await sim.get(f"/config/layout/{kind}/custom/1"))
    assert custom[1] == update and custom[0] == default[0] and len(custom) == size
    assert ok_data(await sim.get(f"/config/layout/{kind}/default", auth=False)) == default


# --- orders -------------------------------------------------------------------------------------------------


async def test_limit_order_lifecycle_ack_active_update_cancel_inactive(sim: Sim) -> None:
    created = check_order(ok_data(await sim.post("/order/create", order_body())))
    assert created["executionType"] == "EXECUTION_ACK"
    assert (created["price"], created["quantity"], created["filledPrice"], created["filledQuantity"]) == (
        "0.04000",
        "1.0000",
        "0.00000",
        "0.0000",
    )
    assert (created["owner"], created["side"], created["orderType"]) == ("1", "BID", "LIMIT")
    assert created["createTime"] == int(START * 1000)
    order_id = created["streetOrderId"]
    assert sim.ctx.engine.order(order_id).account == "cw:1:binance"

    sim.ctx.clock.advance_by(1)
    active = ok_data(await sim.get("/order/active", owner="1"))
    assert [check_order(o)["streetOrderId"] for o in active] == [order_id]

    update = {
        "streetOrderId": order_id,
        "price": "0.04100",
        "quantity": "2.0000",
        "owner": "1",
        "counterParty": "binance",
    }
    updated = check_order(ok_data(await sim.post("/order/update", update)))
    assert (updated["price"], updated["quantity"], updated["executionType"]) == (
        "0.04100",
        "2.0000",
        "EXECUTION_ACK",
    )
    assert updated["processedTime"] == int(START * 1000) + 1000
    assert sim.ctx.engine.order(order_id).price == Decimal("0.041")

    cancel = {"streetOrderId": order_id, "owner": "1", "counterParty": "binance"}
    canceled = check_order(ok_data(await sim.post("/order/cancel", cancel)))
    assert canceled["executionType"] == "EXECUTION_CANCELED"
    assert ok_data(await sim.get("/order/active", owner="1")) == []
    page = ok_data(await sim.get("/order/inactive", owner="1"))
    assert set(page) == {"totalPage", "content"} and page["totalPage"] == 1
    assert [(o["streetOrderId"], o["executionType"]) for o in page["content"]] == [
        (order_id, "EXECUTION_CANCELED")
    ]
    refusal(await sim.post("/order/cancel", cancel), 1008)
    refusal(await sim.post("/order/cancel", {**cancel, "streetOrderId": "999999"}), 1007)
    refusal(await sim.post("/order/cancel", {**cancel, "counterParty": "huobi"}), 1007)


async def test_marketable_order_fills_and_moves_balances(sim: Sim) -> None:
    ask = sim.ctx.engine.top(KEY).ask
    assert ask is not None
    filled = check_order(
        ok_data(
            await sim.post("/order/create", order_body(orderType="MARKET", price=None, quantity="0.5000"))
        )
    )
    assert (filled["executionType"], filled["filledQuantity"], filled["orderType"]) == (
        "EXECUTION_FILLED",
        "0.5000",
        "MARKET",
    )
    assert Decimal(filled["filledPrice"]) >= ask
    rows = positions(ok_data(await sim.get("/user/1/position"), with_message=False))
    assert rows["ETH"]["totalAmount"] == "30.5"
    spent = 2 - Decimal(rows["BTC"]["totalAmount"])
    assert (
        Decimal("0.5") * Decimal(filled["filledPrice"])
        <= spent
        <= Decimal("0.5") * Decimal(filled["filledPrice"]) * Decimal("1.0011")
    )
    assert ok_data(await sim.get("/order/active")) == []
    history = ok_data(await sim.get("/order/inactive"))["content"]
    assert [o["executionType"] for o in history] == ["EXECUTION_FILLED"]


async def test_update_of_a_partially_filled_order_is_refused_with_1000(sim: Sim) -> None:
    top = sim.ctx.engine.top(KEY)
    assert top.ask is not None
    quantity = top.ask_size + 1
    body = order_body(price=str(top.ask), quantity=str(quantity))
    partial = check_order(ok_data(await sim.post("/order/create", body)))
    assert partial["executionType"] == "EXECUTION_PARTIAL_FILLED"
    assert Decimal(partial["filledQuantity"]) == top.ask_size
    update = {
        "streetOrderId": partial["streetOrderId"],
        "price": str(top.bid),
        "quantity": str(quantity),
        "owner": "1",
        "counterParty": "binance",
    }
    failed = refusal(await sim.post("/order/update", update), 1000)
    assert failed["errorMsg"] == "cannot update the order"
    assert check_order(failed["data"])["executionType"] == "EXECUTION_PARTIAL_FILLED"
    assert failed["data"]["price"] == partial["price"]
    canceled = ok_data(await sim.post("/order/cancel", {k: update[k] for k in ("streetOrderId", "owner")}))
    assert canceled["executionType"] == "EXECUTION_PARTIAL_CANCELED"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"symbol": "BTC-USDT", "price": "0.00123", "quantity": "10.000"}, 1002),  # the doc's example
        ({"symbol": "NOPE-BTC"}, 1001),
        ({"counterParty": "kraken"}, 1001),
        ({"price": "0.040001"}, 1002),
        ({"price": None}, 1002),
        ({"price": "-1"}, 1002),
        ({"quantity": "1.00001"}, 1003),
        ({"quantity": "abc"}, 1003),
        ({"quantity": "0.00001", "price": "0.04"}, 1003),
        ({"symbol": "EOS-BTC", "price": "0.00001", "quantity": "0.001"}, 1003),
        ({"symbol": "EOS-BTC", "price": "0.00001", "quantity": "0.00"}, 1003),
        ({"symbol": "BTC-USDT", "price": "60000", "quantity": "0.000001"}, 1003),
        ({"symbol": "ETH-USDT", "price": "3000", "quantity": "9000.0001"}, 1005),
        ({"symbol": "BTC-USDT", "price": "60000", "quantity": "5"}, 1006),
        ({"side": "ASK", "price": "0.09", "quantity": "31"}, 1006),
        ({"orderType": "MARKET", "price": None, "quantity": "100"}, 1006),
        ({"side": "BUY"}, 1010),
        ({"orderType": "STOP"}, 1010),
    ],
)
async def test_invalid_orders_are_refused_before_the_engine(
    sim: Sim, monkeypatch: pytest.MonkeyPatch, fields: dict[str, Any], code: int
) -> None:
    submitted: list[Any] = []
    monkeypatch.setattr(sim.ctx.engine, "submit", lambda *a, **k: submitted.append(a))
    body = refusal(await sim.post("/order/create", order_body(**fields)), code)
    rejected = check_order(body["data"])
    assert (rejected["executionType"], rejected["streetOrderId"]) == ("EXECUTION_REJECTED", "")
    assert submitted == []


async def test_quantity_limits_are_refused_with_their_codes(sim: Sim) -> None:
    spec = sim.ctx.engine.instrument("binance:EOS-USDT")
    below = order_body(symbol="EOS-USDT", price="0.5", quantity=str(spec.min_qty - spec.qty_step))
    refusal(await sim.post("/order/create", below), 1003 if spec.min_qty == spec.qty_step else 1004)
    above = order_body(symbol="EOS-USDT", price="0.5", quantity=str(spec.max_qty + spec.qty_step))
    refusal(await sim.post("/order/create", above), 1005)
    assert sim.ctx.engine.orders("cw:1:binance") == []


async def test_orders_of_another_owner_are_refused_with_500(sim: Sim) -> None:
    refusal(await sim.post("/order/create", order_body(owner="2")), 500)
    refusal(await sim.get("/order/active", owner="2"), 500)
    refusal(await sim.post("/order/cancel-all", {"owner": "2", "selectedCounterParty": []}), 500)


async def test_cancel_all_is_bare_and_passes_through_canceling(sim: Sim) -> None:
    ok_data(await sim.post("/order/create", order_body()))
    ok_data(await sim.post("/order/create", order_body(counterParty="huobi")))
    ok_data(await sim.post("/order/create", order_body(counterParty="okcoin")))
    answer = await sim.post("/order/cancel-all", {"owner": "1", "selectedCounterParty": ["huobi", "binance"]})
    assert answer.status_code == 200
    assert answer.json() == {"owner": "1", "canceledCounterParty": ["huobi", "binance"]}
    active = {o["counterParty"]: o["executionType"] for o in ok_data(await sim.get("/order/active"))}
    assert active == {
        "binance": "EXECUTION_CANCELING",
        "huobi": "EXECUTION_CANCELING",
        "okcoin": "EXECUTION_ACK",
    }
    sim.ctx.clock.advance_by(1)
    assert [o["counterParty"] for o in ok_data(await sim.get("/order/active"))] == ["okcoin"]
    everything = await sim.post("/order/cancel-all", {"owner": "1", "selectedCounterParty": []})
    assert everything.json() == {"owner": "1", "canceledCounterParty": ["binance", "huobi", "okcoin"]}
    sim.ctx.clock.advance_by(1)
    assert ok_data(await sim.get("/order/active")) == []
    history = ok_data(await sim.get("/order/inactive", pageSize=10))["content"]
    assert sorted(o["executionType"] for o in history) == ["EXECUTION_CANCELED"] * 3


async def test_inactive_orders_honour_the_window_and_the_pages(sim: Sim) -> None:
    ids = []
    for _ in range(3):
        order = ok_data(await sim.post("/order/create", order_body()))
        ok_data(await sim.post("/order/cancel", {"streetOrderId": order["streetOrderId"], "owner": "1"}))
        ids.append(order["streetOrderId"])
        sim.ctx.clock.advance_by(60)
    first = ok_data(await sim.get("/order/inactive", owner="1", pageIndex=0, pageSize=2))
    second = ok_data(await sim.get("/order/inactive", owner="1", pageIndex=1, pageSize=2))
    assert first["totalPage"] == second["totalPage"] == 2
    assert [o["streetOrderId"] for o in first["content"] + second["content"]] == ids[::-1]  # newest first
    start_ms = int(START * 1000)
    window = ok_data(await sim.get("/order/inactive", startTime=start_ms + 30_000, endTime=start_ms + 90_000))
    assert [o["streetOrderId"] for o in window["content"]] == [ids[1]] and window["totalPage"] == 1
    sim.ctx.clock.advance_by(24 * 3600)
    token = ok_data(await sim.post("/user/login", DEMO, auth=False), with_message=False)["authToken"]
    sim.headers["Authorization"] = f"Bearer {token}"  # the first one has expired
    assert ok_data(await sim.get("/order/inactive")) == {"totalPage": 0, "content": []}  # default: last 24 h
    refusal(await sim.get("/order/inactive", pageSize=0), 400)


# --- api keys -----------------------------------------------------------------------------------------------


async def test_api_keys_are_masked_and_unique_per_counterparty(sim: Sim) -> None:
    key = {"counterParty": "huobi", "owner": "1", "apiKey": "123456", "secretKey": "kabcdk"}
    assert ok_data(await sim.post("/secret/add", key)) is None
    assert ok_data(await sim.get("/secret/1")) == [
        {"counterParty": "huobi", "owner": "1", "apiKey": "123456", "secretKey": "k****k"}
    ]
    assert refusal(await sim.post("/secret/add", key), 1)["data"] is None
    refusal(await sim.post("/secret/add", {**key, "owner": "2"}), 500)
    refusal(await sim.get("/secret/2"), 500)
    assert ok_data(await sim.post("/secret/delete", {"counterParty": "huobi", "owner": "1"})) is None
    assert ok_data(await sim.get("/secret/1")) == []
    refusal(await sim.post("/secret/delete", {"counterParty": "huobi", "owner": "1"}), 404)


# --- strategies ---------------------------------------------------------------------------------------------

VOLUME_ITEM = {
    "name": "octmm",
    "exchange": "binance",
    "owner": "strategy-10",
    "strategyType": "VolumeMarketMaker",
    "symbols": [
        {
            "name": "test",
            "symbol": "ETH-BTC",
            "currency1": "ETH",
            "margin1": 0.2,
            "currency2": "BTC",
            "margin2": 0.02,
            "orderQty": 0.1,
            "qtyVar": 0.0,
            "priceVar": 0.0,
            "middlePrice": 0,
            "replaceDelay": 60.0,
            "delayVar": 10,
        }
    ],
}


def single_maker(strategy_id: str, **entry: Any) -> dict[str, Any]:
    symbol = {
        "name": "test",
        "symbol": "ETH-BTC",
        "side": "Both",
        "currency1": "ETH",
        "margin1": 1,
        "currency2": "BTC",
        "margin2": 0.1,
        "orderNumber": 3,
        "spreadPct": 0.04,
        "orderQty": 0.1,
        "qtyVar": 0.0,
        "priceStep": 0.0001,
        "priceVar": 0.0,
        "middlePrice": 0,
        "replaceDelay": 1.0,
        "middlePriceStep": 0.0001,
        "toleranceVar": 0.001,
    }
    symbol.update(entry)
    return {
        "id": strategy_id,
        "name": "octmm",
        "exchange": "binance",
        "strategyType": "SingleMarketMaker",
        "owner": "strategy-11",
        "symbols": [symbol],
    }


async def test_default_strategy_items_are_the_documented_ones(sim: Sim) -> None:
    items = ok_data(await sim.get("/config/strategy/default/items", auth=False))
    assert [i["name"] for i in items] == ["VolumeMarketMaker", "SingleMarketMaker"]
    assert items[0]["default"] == VOLUME_ITEM
    single = items[1]["default"]
    assert (single["owner"], single["symbols"][0]["orderNumber"], single["symbols"][0]["spreadPct"]) == (
        "strategy-11",
        1,
        0.04,
    )


async def test_custom_strategy_items_create_update_delete(sim: Sim) -> None:
    base = "/config/strategy/custom/1"
    assert ok_data(await sim.get(f"{base}/items")) == []
    assert ok_data(await sim.post(f"{base}/item/create", VOLUME_ITEM)) == {"1": VOLUME_ITEM}
    arbitrage = {
        "name": "arb",
        "exchange": "binance",
        "strategyType": "Arbitrage",
        "symbols": [
            {
                "expiredSeconds": 60,
                "exchange1": "binance",
                "exchange2": "huobi",
                "buySpread": "0.002",
                "sellSpread": 0.002,
                "maxOrderQty": 0.1,
                "margins": [
                    {
                        "currency1": "ETH",
                        "margin1": 0.2,
                        "currency2": "BTC",
                        "margin2": 0.02,
                        "counterParty": "binance",
                    }
                ],
            }
        ],
    }
    assert ok_data(await sim.post(f"{base}/item/create", arbitrage)) == {"2": arbitrage}
    assert ok_data(await sim.get(f"{base}/items")) == [{"id": "1", **VOLUME_ITEM}, {"id": "2", **arbitrage}]

    changed = {"id": "1", **VOLUME_ITEM, "name": "renamed"}
    assert ok_data(await sim.post(f"{base}/item/update", changed)) == changed
    refusal(await sim.post(f"{base}/item/update", {**changed, "id": "9"}), 404)
    assert ok_data(await sim.post(f"{base}/item/delete", {"id": "1"})) == {
        "1": {**VOLUME_ITEM, "name": "renamed"}
    }
    assert [i["id"] for i in ok_data(await sim.get(f"{base}/items"))] == ["2"]
    refusal(await sim.post(f"{base}/item/delete", {"id": "1"}), 404)

    broken_symbols = [{**VOLUME_ITEM["symbols"][0], "orderQty": "lots"}]
    for broken in (
        {**VOLUME_ITEM, "strategyType": "Martingale"},
        {**VOLUME_ITEM, "exchange": "kraken"},
        {**VOLUME_ITEM, "symbols": []},
        {**VOLUME_ITEM, "symbols": broken_symbols},
        {**arbitrage, "symbols": [{"expiredSeconds": 60}]},
    ):
        refusal(await sim.post(f"{base}/item/create", broken), 400)


async def test_single_market_maker_quotes_its_ladder_then_stops_with_cancel(sim: Sim) -> None:
    top = sim.ctx.engine.top(KEY)
    assert top.bid is not None and top.ask is not None
    centre, tick = (top.bid + top.ask) / 2, Decimal("0.00001")
    started = await sim.post("/strategy/start", {"userid": "1", "strategy": single_maker("7")})
    assert strategy_data(started) == {"strategy": {"id": "7", "status": "running"}}

    orders = sim.strategy_orders("7")
    bids = sorted((o.price for o in orders if o.side == "buy"), reverse=True)
    asks = sorted(o.price for o in orders if o.side == "sell")
    expected_bids = [
        ((centre * Decimal("0.98") - i * Decimal("0.0001")) / tick).to_integral_value(ROUND_FLOOR) * tick
        for i in range(3)
    ]
    assert bids == expected_bids and len(asks) == 3
    assert all(a > top.ask for a in asks) and asks[1] - asks[0] == Decimal("0.0001")
    assert all(o.quantity == Decimal("0.1") for o in orders)
    rows = ok_data(await sim.get("/order/active"))
    assert {r["streetOrderId"] for r in rows} == {o.order_id for o in orders}
    status = strategy_data(await sim.get("/strategy/status/1"))
    assert status == {"status": [{"id": "7", "status": "running"}]}

    sim.ctx.clock.advance_by(1.5)  # past replaceDelay: the runner replaces the ladder
    first_ids = {o.order_id for o in orders}
    for _ in range(40):
        await asyncio.sleep(0.05)
        if not first_ids & {o.order_id for o in sim.strategy_orders("7")}:
            break
    replaced = sim.strategy_orders("7")
    assert len(replaced) == 6 and not first_ids & {o.order_id for o in replaced}

    stop = {"userid": "1", "strategy": {**single_maker("7"), "bCancel": True}}
    assert strategy_data(await sim.post("/strategy/stop", stop)) == {
        "strategy": {"id": "7", "status": "stopped"}
    }
    assert sim.strategy_orders("7") == []
    assert strategy_data(await sim.get("/strategy/status/1")) == {
        "status": [{"id": "7", "status": "stopped"}]
    }


async def test_leave_stops_the_strategy_and_keeps_its_orders(sim: Sim) -> None:
    strategy_data(
        await sim.post("/strategy/start", {"userid": "1", "strategy": single_maker("3", side="Bid")})
    )
    placed = sim.strategy_orders("3")
    assert len(placed) == 3 and all(o.side == "buy" for o in placed)
    leave = {"userid": "1", "strategy": {**single_maker("3"), "bCancel": False}}
    assert strategy_data(await sim.post("/strategy/stop", leave)) == {
        "strategy": {"id": "3", "status": "stopped"}
    }
    sim.ctx.clock.advance_by(5)
    await asyncio.sleep(0.3)
    assert [o.order_id for o in sim.strategy_orders("3")] == [
        o.order_id for o in placed
    ]  # kept, not replaced
    strategy_data(await sim.post("/strategy/stop", {"userid": "1", "strategy": {"id": "3", "bCancel": True}}))
    assert sim.strategy_orders("3") == []


async def test_market_maker_budgets_limit_the_ladder_and_middle_price_fixes_it(sim: Sim) -> None:
    top = sim.ctx.engine.top(KEY)
    assert top.bid is not None
    middle = top.bid - Decimal("0.0005")  # below the market mid, where the ladder is centred instead
    margin2 = Decimal("0.1") * middle * Decimal("2.5")  # room for two bids of 0.1 ETH, not three
    strategy = single_maker("4", margin1=0.1, margin2=str(margin2), middlePrice=str(middle))
    strategy_data(await sim.post("/strategy/start", {"userid": "1", "strategy": strategy}))
    orders = sim.strategy_orders("4")
    bids = sorted((o.price for o in orders if o.side == "buy"), reverse=True)
    asks = [o.price for o in orders if o.side == "sell"]
    tick = Decimal("0.00001")
    best_bid = (middle * Decimal("0.98") / tick).to_integral_value(ROUND_FLOOR) * tick
    assert bids == [best_bid, best_bid - Decimal("0.0001")]
    assert asks == [(middle * Decimal("1.02") / tick).to_integral_value(ROUND_CEILING) * tick]  # margin1: one


async def test_single_market_maker_recentres_by_middle_price_step(sim: Sim) -> None:
    strategy = single_maker("6", orderNumber=1, middlePriceStep=0.00001, toleranceVar=0)
    strategy_data(await sim.post("/strategy/start", {"userid": "1", "strategy": strategy}))
    quoter = sim.venue.state.runners[(1, "6")].quoters[0]
    first = quoter.centre
    assert first is not None
    sim.ctx.clock.advance_by(3600)  # the market moves on; the centre follows one step per requote
    for _ in range(40):
        await asyncio.sleep(0.05)
        if quoter.centre != first:
            break
    top = sim.ctx.engine.top(KEY)
    assert top.bid is not None and top.ask is not None
    market = (top.bid + top.ask) / 2
    assert abs(market - first) > Decimal("0.00001")
    assert quoter.centre == first + (Decimal("0.00001") if market > first else Decimal("-0.00001"))


async def test_an_accelerated_clock_speeds_the_requotes_up() -> None:
    async with simulator(speed=50) as fast:
        strategy_data(await fast.post("/strategy/start", {"userid": "1", "strategy": single_maker("2")}))
        first = max(int(o.order_id) for o in fast.strategy_orders("2"))
        real_start = time.monotonic()
        while max(int(o.order_id) for o in fast.strategy_orders("2")) < first + 3 * 6:
            assert time.monotonic() - real_start < 2.0, "3 requotes (replaceDelay 1) took 2 real s"
            await asyncio.sleep(0.02)
        assert len(fast.strategy_orders("2")) == 6


async def test_volume_market_maker_quotes_at_the_mid_without_crossing_itself(sim: Sim) -> None:
    top = sim.ctx.engine.top(KEY)
    assert top.bid is not None and top.ask is not None
    ok_data(await sim.post("/config/strategy/custom/1/item/create", VOLUME_ITEM))
    strategy_data(await sim.post("/strategy/start", {"userid": "1", "strategy": {"id": "1", **VOLUME_ITEM}}))
    orders = {o.side: o for o in sim.strategy_orders("1")}
    assert sorted(orders) == ["buy", "sell"] and all(o.quantity == Decimal("0.1") for o in orders.values())
    assert top.bid <= orders["buy"].price < orders["sell"].price <= top.ask
    refusal(await sim.post("/config/strategy/custom/1/item/delete", {"id": "1"}), 409)
    status = strategy_data(await sim.get("/strategy/status/1"))["status"]
    assert status == [{"id": "1", "status": "running"}]

    on_tick = {**VOLUME_ITEM, "symbols": [{**VOLUME_ITEM["symbols"][0], "middlePrice": str(top.bid)}]}
    strategy_data(await sim.post("/strategy/start", {"userid": "1", "strategy": {"id": "1", **on_tick}}))
    restarted = sim.strategy_orders("1")  # a restart replaces the running ladder
    assert len(restarted) == 2 and not {o.order_id for o in restarted} & {o.order_id for o in orders.values()}
    prices = {o.side: o.price for o in restarted}
    assert prices == {"buy": top.bid, "sell": top.bid + Decimal("0.00001")}  # the ask moved a tick clear


async def test_strategies_that_cannot_run_are_refused(sim: Sim) -> None:
    arbitrage = {
        "id": "5",
        "name": "arb",
        "exchange": "binance",
        "strategyType": "Arbitrage",
        "symbols": [
            {
                "expiredSeconds": 60,
                "exchange1": "binance",
                "exchange2": "huobi",
                "buySpread": 0.002,
                "sellSpread": 0.002,
                "maxOrderQty": 0.1,
                "margins": [],
            }
        ],
    }
    response = await sim.post("/strategy/start", {"userid": "1", "strategy": arbitrage})
    body = response.json()
    assert response.status_code == 200 and set(body) == {
        "success",
        "seq_no",
        "error_code",
        "error_msg",
        "data",
    }
    assert (body["success"], body["error_code"], body["data"]) == (False, 501, None)
    assert body["error_msg"] == "Arbitrage strategies cannot run in the simulator yet"
    legacy = {
        "id": "1",
        "name": "octmm",
        "exchange": "binance",
        "strategyType": "SingleMarketMaker",
        "symbols": [
            {
                "name": "OCT-ETH",
                "currency": "ETH",
                "strategy": "octmm",
                "margin": 0.1,
                "orderNumber": 10,
                "spreadPct": 0.03,
                "orderQty": 10,
                "qtyVar": 0.01,
                "priceStep": 0.0001,
                "priceVar": 0.0001,
            }
        ],
    }
    unknown = (await sim.post("/strategy/start", {"userid": "1", "strategy": legacy})).json()
    assert (unknown["error_code"], unknown["error_msg"]) == (
        400,
        "Parameters error: unknown symbol 'OCT-ETH' on binance",
    )
    wrong_owner = (await sim.post("/strategy/start", {"userid": "2", "strategy": single_maker("1")})).json()
    assert wrong_owner["error_code"] == 500
    assert (await sim.post("/strategy/stop", {"userid": "1", "strategy": {"id": "42"}})).json()[
        "error_code"
    ] == 404
    assert sim.ctx.engine.orders("cw:1:binance") == []


async def test_unknown_paths_and_verbs_answer_in_the_envelope(sim: Sim) -> None:
    refusal(await sim.get("/order/nothing"), 404, status=404)
    refusal(await sim.get("/order/create"), 405, status=405)
