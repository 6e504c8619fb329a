"""CoinWeightClient over httpx.MockTransport.

Each of the 40 endpoints (verb, path, body, answer), the envelope and its quirks, error mapping, the
never-retried order create, the Bearer token, and secrets kept out of logs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from services.coinweight import schemas as cw
from services.coinweight.client import DEFAULT_BASE_URL, CoinWeightClient
from services.errors import AuthError, TransportError, VenueError
from services.http import VenueHttp
from tests.services.coinweight.doc_examples import example

PREFIX = "/exp/v2"
OK_NO_DATA = {"success": True, "errorCode": 0, "errorMsg": "ok", "data": None}


class Recorder:
    """A MockTransport handler: answers from ``reply`` and keeps every request it saw."""

    def __init__(self, reply: Callable[[httpx.Request], httpx.Response]) -> None:
        self.reply = reply
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.reply(request)


def make_client(reply: Callable[[httpx.Request], httpx.Response]) -> tuple[CoinWeightClient, Recorder]:
    recorder = Recorder(reply)
    http = VenueHttp("coinweight", DEFAULT_BASE_URL, transport=httpx.MockTransport(recorder), backoff=0)
    return CoinWeightClient(http), recorder


def answer(body: Any, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body)


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


VOLUME_ITEM = cw.parse_strategy_item(example("strategy_update_request"))
LEGACY_ITEM = cw.parse_strategy_item(example("strategy_start_request")["strategy"])
SLOT = cw.LayoutSlot(position=1, counter_party="binance", symbol="EOS-USDT")
CREATE = cw.OrderCreateRequest.model_validate(example("order_create_request"))
UPDATE = cw.OrderUpdateRequest.model_validate(example("order_update_request"))
CANCEL = cw.OrderCancelRequest.model_validate(example("order_cancel_request"))
SIGNUP = cw.SignupRequest.model_validate(example("signup_request"))
INACTIVE_QUERY = {"startTime": 1530861306000, "endTime": 1530861306000, "pageIndex": 0, "pageSize": 10}

# name, call, verb, path, JSON body sent, query sent, answer, check of the result
Call = Callable[[CoinWeightClient], Any]
ENDPOINTS: list[tuple[str, Call, str, str, Any, Any, Any, Callable[[Any], bool]]] = [
    ("check_auth", lambda c: c.check_auth(), "GET", "/test-auth", None, {}, example("test_auth_ok"),
     lambda r: r == cw.AuthCheck(uid="1", group="group1")),
    ("symbols", lambda c: c.symbols(), "GET", "/config/symbols", None, {}, example("config_symbols"),
     lambda r: r[0].symbols[0].price_decimal == 2),
    ("default_markets", lambda c: c.default_markets(), "GET", "/config/market/default", None, {},
     example("market_default"), lambda r: r[0].category == "BTC"),
    ("custom_markets", lambda c: c.custom_markets(2), "GET", "/config/market/custom/2", None, {},
     example("market_custom"), lambda r: r[0].items[0].favorite),
    ("favorites", lambda c: c.favorites("2"), "GET", "/config/market/custom/2/favorite", None, {},
     example("favorite_list"), lambda r: r[1].symbol == "EOS-USDT"),
    ("add_favorite", lambda c: c.add_favorite(2, "binance", "ETH-BTC"), "POST",
     "/config/market/custom/2/favorite/add", example("favorite_add_request"), {},
     example("favorite_add_response"), lambda r: r is None),
    ("default_strategy_items", lambda c: c.default_strategy_items(), "GET", "/config/strategy/default/items",
     None, {}, example("strategy_default_items"),
     lambda r: isinstance(r[1].default, cw.SingleMarketMakerItem)),
    ("strategy_items", lambda c: c.strategy_items(2), "GET", "/config/strategy/custom/2/items", None, {},
     example("strategy_custom_items"), lambda r: r[0].id == "1"),
    ("update_strategy_item", lambda c: c.update_strategy_item(2, VOLUME_ITEM), "POST",
     "/config/strategy/custom/2/item/update", example("strategy_update_request"), {},
     example("strategy_update_response"), lambda r: isinstance(r, cw.VolumeMarketMakerItem) and r.id == "1"),
    ("create_strategy_item", lambda c: c.create_strategy_item(2, VOLUME_ITEM), "POST",
     "/config/strategy/custom/2/item/create", example("strategy_create_request"), {},
     example("strategy_create_response"), lambda r: r.items_with_ids()[0].id == "1"),
    ("delete_strategy_item", lambda c: c.delete_strategy_item(2, "1"), "POST",
     "/config/strategy/custom/2/item/delete", example("strategy_delete_request"), {},
     example("strategy_delete_response"), lambda r: list(r.root) == ["1"]),
    ("delete_favorite", lambda c: c.delete_favorite(2, "binance", "ETH-BTC"), "POST",
     "/config/market/custom/2/favorite/delete", example("favorite_delete_request"), {},
     example("favorite_delete_response"), lambda r: r is None),
    ("default_professional_layout", lambda c: c.default_professional_layout(), "GET",
     "/config/layout/professional/default", None, {}, example("professional_default"), lambda r: len(r) == 3),
    ("professional_layout", lambda c: c.professional_layout(2), "GET", "/config/layout/professional/custom/2",
     None, {}, example("professional_custom"), lambda r: r[2].counter_party == "okcoin"),
    ("update_professional_layout",
     lambda c: c.update_professional_layout(2, SLOT),
     "POST", "/config/layout/professional/custom/2/update", example("professional_update_request"), {},
     example("professional_update_response"), lambda r: r is None),
    ("default_simple_layout", lambda c: c.default_simple_layout(), "GET", "/config/layout/simple/default",
     None, {}, example("simple_default"), lambda r: r[-1].position == 12),
    ("simple_layout", lambda c: c.simple_layout(2), "GET", "/config/layout/simple/custom/2", None, {},
     example("simple_custom"), lambda r: r[-1].position == 12),
    ("update_simple_layout",
     lambda c: c.update_simple_layout(2, SLOT),
     "POST", "/config/layout/simple/custom/2/update", example("simple_update_request"), {},
     example("simple_update_response"), lambda r: r is None),
    ("create_order", lambda c: c.create_order(CREATE),
     "POST", "/order/create", example("order_create_request"), {}, example("order_create_response"),
     lambda r: r.street_order_id == "1234567"),
    ("update_order", lambda c: c.update_order(UPDATE),
     "POST", "/order/update", example("order_update_request"), {}, example("order_update_response"),
     lambda r: r.price == "0.00145"),
    ("cancel_order", lambda c: c.cancel_order(CANCEL),
     "POST", "/order/cancel", example("order_cancel_request"), {}, example("order_cancel_response"),
     lambda r: r.execution_type is cw.ExecutionType.EXECUTION_CANCELED),
    ("cancel_all_orders", lambda c: c.cancel_all_orders("123", ["huobi", "binance"]), "POST",
     "/order/cancel-all", example("cancel_all_request"), {}, example("cancel_all_response"),
     lambda r: r.canceled_counter_party == ["huobi", "binance"]),
    ("active_orders", lambda c: c.active_orders(1234), "GET", "/order/active", None, {"owner": "1234"},
     example("order_active"), lambda r: [o.street_order_id for o in r] == ["1234567", "1345678"]),
    ("inactive_orders",
     lambda c: c.inactive_orders(1234, start_time=1530861306000, end_time=1530861306000, page_index=0,
                                 page_size=10),
     "GET", "/order/inactive", None, {"owner": "1234"} | {k: str(v) for k, v in INACTIVE_QUERY.items()},
     example("order_inactive"), lambda r: r.total_page == 10),
    ("login", lambda c: c.login("abc", "abc_password"), "POST", "/user/login", example("login_request"), {},
     example("login_response"), lambda r: r.uid == "2"),
    ("signup", lambda c: c.signup(SIGNUP), "POST",
     "/user/signup", example("signup_request"), {}, example("signup_response"),
     lambda r: r.user_name == "abc"),
    ("user_info", lambda c: c.user_info(123), "GET", "/user/123/info", None, {}, example("user_info"),
     lambda r: r.user_name == "test"),
    ("user_positions", lambda c: c.user_positions(2), "GET", "/user/2/position", None, {},
     example("user_position"), lambda r: r[1].currency == "ETH"),
    ("change_password", lambda c: c.change_password(1234, "old_password", "new_password"), "POST",
     "/user/pwd/change", example("pwd_change_request"), {}, OK_NO_DATA, lambda r: r is None),
    ("verify_phone", lambda c: c.verify_phone(1234, "123456789", "+86"), "POST", "/user/phone/verify",
     example("phone_verify_request"), {}, OK_NO_DATA, lambda r: r is None),
    ("bind_phone", lambda c: c.bind_phone(1234, "123456789", "+86", "123456"), "POST", "/user/phone/bind",
     example("phone_bind_request"), {}, OK_NO_DATA, lambda r: r is None),
    ("new_totp", lambda c: c.new_totp(), "POST", "/user/totp/new", None, {}, example("totp_new_response"),
     lambda r: r.hash_key == "asbcas123sdasd"),
    ("bind_totp", lambda c: c.bind_totp(1234, "025187"), "POST", "/user/totp/bind",
     example("totp_bind_request"), {}, OK_NO_DATA, lambda r: r is None),
    ("api_keys", lambda c: c.api_keys("1"), "GET", "/secret/1", None, {}, example("secret_list"),
     lambda r: r[0].secret_key == "k****k"),
    ("add_api_key", lambda c: c.add_api_key(cw.ApiKey.model_validate(example("secret_add_request"))), "POST",
     "/secret/add", example("secret_add_request"), {}, example("secret_add_response"), lambda r: r is None),
    ("delete_api_key", lambda c: c.delete_api_key("huobi", "1"), "POST", "/secret/delete",
     example("secret_delete_request"), {}, example("secret_delete_response"), lambda r: r is None),
    ("start_strategy", lambda c: c.start_strategy("123", LEGACY_ITEM), "POST", "/strategy/start",
     example("strategy_start_request"), {}, example("strategy_start_response"),
     lambda r: r.status == "running"),
    ("stop_strategy", lambda c: c.stop_strategy("123", LEGACY_ITEM), "POST", "/strategy/stop",
     example("strategy_stop_request"), {}, example("strategy_stop_response"),
     lambda r: r.status == "stopped"),
    ("leave_strategy", lambda c: c.leave_strategy("123", LEGACY_ITEM), "POST", "/strategy/stop",
     example("strategy_leave_request"), {}, example("strategy_stop_response"), lambda r: r.id == "1"),
    ("strategy_status", lambda c: c.strategy_status(2), "GET", "/strategy/status/2", None, {},
     example("strategy_status_response"), lambda r: [s.status for s in r] == ["running", "stopped"]),
]  # fmt: skip


def test_the_table_covers_the_40_documented_endpoints():
    assert len(ENDPOINTS) == 40
    assert len({name for name, *_ in ENDPOINTS}) == 40
    methods = {n for n in vars(CoinWeightClient) if not n.startswith("_")} - {"create", "http", "set_token",
                                                                             "authenticated", "aclose"}
    assert methods == {name for name, *_ in ENDPOINTS}


@pytest.mark.parametrize(("name", "call", "verb", "path", "sent", "query", "reply", "check"), ENDPOINTS,
                         ids=[e[0] for e in ENDPOINTS])
async def test_endpoint(name, call, verb, path, sent, query, reply, check):
    client, seen = make_client(answer(reply))
    result = await call(client)
    assert check(result)
    (request,) = seen.requests
    assert request.method == verb
    assert request.url.path == PREFIX + path
    assert dict(request.url.params) == query
    assert body_of(request) == sent


# --- envelope and errors ------------------------------------------------------------------------------------


async def test_success_false_raises_venue_error_with_code_message_and_the_order():
    client, _ = make_client(answer(example("order_update_failed")))
    with pytest.raises(VenueError) as raised:
        await client.update_order(UPDATE)
    error = raised.value
    assert type(error) is VenueError
    assert (error.venue, error.code, error.message, error.http_status) == (
        "coinweight", 1000, "cannot update the order", 200)
    assert isinstance(error.details, cw.Order)
    assert error.details.execution_type is cw.ExecutionType.EXECUTION_PARTIAL_FILLED


async def test_http_403_raises_auth_error():
    client, _ = make_client(answer(example("test_auth_error"), status=403))
    with pytest.raises(AuthError) as raised:
        await client.check_auth()
    assert (raised.value.code, raised.value.message, raised.value.http_status) == (
        403, "Authentication Failure", 403)


async def test_error_code_403_in_an_http_200_envelope_raises_auth_error():
    client, _ = make_client(answer(example("error_response")))
    with pytest.raises(AuthError):
        await client.active_orders(2)


async def test_http_403_without_a_json_body_raises_auth_error():
    client, _ = make_client(lambda request: httpx.Response(403, text="Forbidden"))
    with pytest.raises(AuthError) as raised:
        await client.user_info(2)
    assert raised.value.http_status == 403


@pytest.mark.parametrize(("code", "message"), [(1, "Account not exist"), (3, "Password error")])
async def test_login_refused_raises_auth_error_with_the_documented_reason(code, message):
    client, _ = make_client(answer({"success": False, "errorCode": code, "data": None}))
    with pytest.raises(AuthError) as raised:
        await client.login("abc", "wrong")
    assert (raised.value.code, raised.value.message) == (code, message)
    assert not client.authenticated


async def test_login_parameters_error_is_a_venue_error():
    client, _ = make_client(answer({"success": False, "errorCode": 4, "data": None}))
    with pytest.raises(VenueError) as raised:
        await client.login("", "")
    assert type(raised.value) is VenueError
    assert raised.value.message == "Parameters error"


async def test_signup_refusal_uses_the_documented_reason():
    client, _ = make_client(answer({"success": False, "errorCode": 2, "data": None}))
    with pytest.raises(VenueError) as raised:
        await client.signup(SIGNUP)
    assert (raised.value.code, raised.value.message) == (2, "Email duplication")


async def test_strategy_api_snake_case_error_envelope():
    client, _ = make_client(answer({"success": False, "seq_no": 0, "error_code": 500, "data": None}))
    with pytest.raises(VenueError) as raised:
        await client.strategy_status(9)
    assert (raised.value.code, raised.value.message) == (500, "Unexpected Error (wrong owner)")


async def test_cancel_all_answer_without_envelope_and_its_failure_with_one():
    client, _ = make_client(answer(example("cancel_all_response")))
    result = await client.cancel_all_orders("123")
    assert result == cw.CancelAllResult(owner="123", canceled_counter_party=["huobi", "binance"])
    refusal = {"success": False, "errorCode": 500, "errorMsg": "wrong owner", "data": None}
    client, _ = make_client(answer(refusal))
    with pytest.raises(VenueError, match="wrong owner"):
        await client.cancel_all_orders("999")


async def test_totp_new_is_accepted_enveloped_too():
    client, _ = make_client(answer({"success": True, "errorCode": 0, "data": example("totp_new_response")}))
    assert (await client.new_totp()).bind is False


@pytest.mark.parametrize(("call", "unknown"), [
    (lambda c: c.symbols(), False),
    (lambda c: c.create_order(CREATE), True),
])  # fmt: skip
async def test_non_json_body_raises_transport_error(call, unknown):
    client, _ = make_client(lambda request: httpx.Response(200, text="<html>maintenance</html>"))
    with pytest.raises(TransportError) as raised:
        await call(client)
    assert "not JSON" in raised.value.message
    assert raised.value.outcome_unknown is unknown


async def test_server_error_without_envelope_raises_venue_error_with_the_status():
    client, _ = make_client(lambda request: httpx.Response(500, text="Internal Server Error"))
    with pytest.raises(VenueError) as raised:
        await client.symbols()
    assert (raised.value.code, raised.value.http_status) == (500, 500)
    spring_error = {"timestamp": 1, "status": 503, "error": "Service Unavailable"}
    client, _ = make_client(answer(spring_error, status=503))
    with pytest.raises(VenueError) as raised:
        await client.cancel_order(CANCEL)
    assert raised.value.http_status == 503


async def test_gateway_timeout_on_order_create_leaves_the_outcome_unknown():
    client, seen = make_client(lambda request: httpx.Response(504, text="Gateway Timeout"))
    with pytest.raises(TransportError) as raised:
        await client.create_order(CREATE)
    assert raised.value.outcome_unknown is True
    assert len(seen.requests) == 1


async def test_a_call_after_the_session_closed_is_a_transport_error_and_sends_nothing():
    client, seen = make_client(answer({"code": 0, "data": []}))
    await client.http.aclose()
    with pytest.raises(TransportError) as raised:
        await client.create_order(CREATE)
    assert raised.value.outcome_unknown is False and "closed" in raised.value.message
    assert seen.requests == []


async def test_answer_of_the_wrong_shape_raises_transport_error():
    broken = example("order_create_response")
    del broken["data"]["streetOrderId"]
    client, _ = make_client(answer(broken))
    with pytest.raises(TransportError) as raised:
        await client.create_order(CREATE)
    assert "streetOrderId" in raised.value.message
    assert raised.value.outcome_unknown is True  # the order may well exist


async def test_missing_envelope_where_one_is_documented_raises_transport_error():
    client, _ = make_client(answer([{"counterParty": "huobi", "symbols": []}]))
    with pytest.raises(TransportError, match="no envelope"):
        await client.symbols()


# --- retries ------------------------------------------------------------------------------------------------


async def test_order_create_is_sent_once_on_a_timeout():
    def time_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    client, seen = make_client(time_out)
    with pytest.raises(TransportError) as raised:
        await client.create_order(CREATE)
    assert raised.value.outcome_unknown is True
    assert len(seen.requests) == 1
    assert seen.requests[0].url.path == PREFIX + "/order/create"


async def test_reads_are_retried_on_a_timeout():
    replies = iter([None, None, example("order_active")])

    def flaky(request: httpx.Request) -> httpx.Response:
        body = next(replies)
        if body is None:
            raise httpx.ReadTimeout("no answer", request=request)
        return httpx.Response(200, json=body)

    client, seen = make_client(flaky)
    assert len(await client.active_orders(2)) == 2
    assert len(seen.requests) == 3


# --- the session token --------------------------------------------------------------------------------------


async def test_authorization_carries_the_bearer_token_after_login():
    token = example("login_response")["data"]["authToken"]

    def reply(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/user/login"):
            return httpx.Response(200, json=example("login_response"))
        return httpx.Response(200, json=example("test_auth_ok"))

    client, seen = make_client(reply)
    await client.check_auth()
    await client.login("abc", "abc_password")
    await client.check_auth()
    assert "authorization" not in seen.requests[0].headers
    assert seen.requests[2].headers["authorization"] == f"Bearer {token}"
    assert client.authenticated
    client.set_token(None)
    await client.check_auth()
    assert "authorization" not in seen.requests[3].headers


async def test_create_builds_a_client_that_keeps_the_token():
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=example("signup_response"))

    client = CoinWeightClient.create("http://sim.test/exp/v2", transport=httpx.MockTransport(reply))
    try:
        session = await client.signup(SIGNUP)
        await client.signup(SIGNUP)
    finally:
        await client.aclose()
    assert str(seen[0].url) == "http://sim.test/exp/v2/user/signup"
    assert seen[1].headers["authorization"] == f"Bearer {session.auth_token}"


async def test_secrets_never_reach_the_log(caplog):
    token = example("login_response")["data"]["authToken"]

    def reply(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/user/login"):
            return httpx.Response(200, json=example("login_response"))
        if request.url.path.endswith("/secret/1"):
            return httpx.Response(200, json=example("secret_list"))
        return httpx.Response(200, json=OK_NO_DATA)

    caplog.set_level(logging.DEBUG)
    client, _ = make_client(reply)
    await client.login("abc", "hunter2-password")
    await client.add_api_key(cw.ApiKey(counter_party="huobi", owner="1", api_key="AK-live-123",
                                       secret_key="SK-very-secret"))
    await client.change_password(1234, "hunter2-password", "n3w-passw0rd")
    await client.api_keys("1")
    assert "coinweight POST" in caplog.text  # the requests were logged...
    for secret in ("hunter2-password", "n3w-passw0rd", token, "SK-very-secret", "AK-live-123"):
        assert secret not in caplog.text  # ...without their secrets
