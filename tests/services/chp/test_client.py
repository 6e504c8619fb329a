"""ChpClient against the simulated CHP_Rest (every call), and its envelope handling over MockTransport."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from services.chp.client import ChpClient, Cookies, failure_codes
from services.chp.schemas import (
    Action,
    BarInterval,
    ErrorCode,
    OrderState,
    OrderType,
    PortfolioDataMode,
    PortfolioStatus,
    Validity,
)
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.http import VenueHttp
from tests.services.chp.simulated import PORTFOLIO, SECOND_PORTFOLIO, Sim

NOW = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


# -------------------------------------------------------------------------------------- against the simulator
async def test_connected_gives_a_session_token_used_afterwards(sim: Sim) -> None:
    chp = ChpClient(sim.http())
    info = await chp.connected("demo", "demo", "demo")
    assert info.token and info.token != "demo" and chp.token == info.token
    assert info.login == "demo" and info.work == 1
    assert not hasattr(info, "password")
    assert sim.state.live(chp.token) is not None


async def test_a_client_that_sends_the_server_token_in_every_body_works(sim: Sim) -> None:
    """The doc's one-token model (the public Python client): Connected, then every call with the server
    token."""
    chp = ChpClient(sim.http())
    await chp.connected("demo", "demo", "demo")
    chp.token = "demo"
    assert await chp.get_portfolio_list()
    assert await chp.listen_quotes("GAZP")
    assert [q.symbol for q in await chp.update_quote()] == ["GAZP"]
    sim.state.expire()  # the session ends: the server token is refused until Reconnection
    with pytest.raises(AuthError):
        await chp.get_portfolio_list()
    await chp.reconnection("demo", "demo", "demo")
    assert await chp.get_portfolio_list()


async def test_bad_credentials_and_bad_server_token_are_auth_errors(sim: Sim) -> None:
    chp = ChpClient(sim.http())
    with pytest.raises(AuthError) as wrong_password:
        await chp.connected("demo", "nope", "demo")
    assert wrong_password.value.code == ErrorCode.CONNECT_FAILED
    assert ErrorCode.BAD_CREDENTIALS in failure_codes(wrong_password.value)
    with pytest.raises(AuthError) as wrong_token:
        await chp.connected("demo", "demo", "not-the-server-token")
    assert ErrorCode.BAD_SERVER_TOKEN in failure_codes(wrong_token.value)


async def test_connected_twice_with_the_session_token_is_already_authorised(client: ChpClient) -> None:
    with pytest.raises(VenueError) as refused:
        await client.connected("demo", "demo", client.token)
    assert not isinstance(refused.value, AuthError)
    assert ErrorCode.ALREADY_AUTHORISED in failure_codes(refused.value)


async def test_reconnection_renews_a_live_token_and_replaces_an_expired_one(
    sim: Sim, client: ChpClient
) -> None:
    first = client.token
    await client.listen_quotes("GAZP")
    assert (await client.reconnection("demo", "demo")).token == first
    assert "GAZP" in sim.state.sessions[first].quotes  # renewed in place: the subscription survives
    sim.advance(601)  # TOKEN_TTL of inactivity
    with pytest.raises(AuthError) as expired:
        await client.update_quote()
    assert expired.value.code == ErrorCode.BAD_TOKEN
    second = (await client.reconnection("demo", "demo")).token
    assert second != first and client.token == second
    assert sim.state.sessions[second].quotes == {}  # a new session: nothing kept


async def test_disconnected_ends_the_session(sim: Sim, client: ChpClient) -> None:
    token = client.token
    await client.disconnected("demo", "demo")
    assert client.token == "" and sim.state.live(token) is None
    with pytest.raises(AuthError):
        await client.call("Instruments/GetSymbols", token=token)


async def test_get_symbols_lists_the_moex_stocks(client: ChpClient) -> None:
    symbols = {row.symbol: row for row in await client.get_symbols()}
    gazp = symbols["GAZP"]
    assert (gazp.lot_size, gazp.step, gazp.decimals, gazp.sec_exch_name) == (10, Decimal("0.01"), 2, "MOEX")
    assert {"SBER", "LKOH", "VTBR"} <= set(symbols)
    assert all(row.nrows == len(symbols) for row in symbols.values())


@pytest.mark.parametrize("interval", list(BarInterval))
async def test_get_bars_walks_back_from_since_for_every_interval(
    client: ChpClient, interval: BarInterval
) -> None:
    since = NOW - timedelta(days=1)
    bars = await client.get_bars("GAZP", interval, since, 3)
    assert len(bars) == 3 or (interval is BarInterval.YEAR and len(bars) >= 1)
    times = [b.datetime for b in bars]
    assert times == sorted(times) and times[-1] <= since
    assert all(b.interval == interval and b.low <= min(b.open, b.close) <= b.high for b in bars)


async def test_get_bars_negative_count_walks_forward(client: ChpClient) -> None:
    since = NOW - timedelta(hours=10)
    forward = await client.get_bars("GAZP", BarInterval.H1, since, -4)
    backward = await client.get_bars("GAZP", BarInterval.H1, since, 4)
    assert [b.datetime for b in forward] == [since + timedelta(hours=h) for h in range(4)]
    assert [b.datetime for b in backward] == [since - timedelta(hours=h) for h in (3, 2, 1, 0)]


async def test_get_trades_sends_from_and_walks_back(sim: Sim, client: ChpClient) -> None:
    sim.advance(120)
    trades = await client.get_trades("GAZP", NOW + timedelta(seconds=120), 5)
    assert 0 < len(trades) <= 5 and all(t.symbol == "GAZP" and t.price > 0 for t in trades)
    assert [t.datetime for t in trades] == sorted(t.datetime for t in trades)


async def test_quote_ticks_and_bid_ask_subscriptions(sim: Sim, client: ChpClient) -> None:
    assert "GAZP" in await client.listen_quotes("GAZP")
    await client.listen_ticks("GAZP")
    await client.listen_bid_asks("GAZP")
    quotes = await client.update_quote()
    assert [q.symbol for q in quotes] == ["GAZP"] and quotes[0].bid < quotes[0].ask
    book = await client.update_bid_ask()
    assert [r.row for r in book] == list(range(book[0].nrows)) and book[0].bid < book[0].ask
    sim.advance(60)
    ticks = await client.add_tick()
    assert ticks and all(t.symbol == "GAZP" and t.volume > 0 for t in ticks)
    assert await client.add_tick() == []  # drained
    await client.cancel_quotes("GAZP")
    await client.cancel_ticks("GAZP")
    await client.cancel_bid_asks("GAZP")
    sim.advance(60)
    assert (
        await client.update_quote() == []
        and await client.add_tick() == []
        and await client.update_bid_ask() == []
    )


async def test_listen_twice_and_cancel_unknown_are_refused(client: ChpClient) -> None:
    await client.listen_quotes("SBER")
    with pytest.raises(VenueError) as twice:
        await client.listen_quotes("SBER")
    assert twice.value.code == ErrorCode.SUBSCRIBE_FAILED and ErrorCode.ALREADY_SUBSCRIBED in failure_codes(
        twice.value
    )
    with pytest.raises(VenueError) as unknown:
        await client.cancel_ticks("SBER")
    assert ErrorCode.NOT_SUBSCRIBED in failure_codes(unknown.value)


async def test_portfolio_list_and_listen_snapshot(client: ChpClient) -> None:
    portfolios = await client.get_portfolio_list()
    assert [p.name for p in portfolios] == [PORTFOLIO, SECOND_PORTFOLIO]
    assert all(p.status is PortfolioStatus.BROKER for p in portfolios)
    await client.listen_portfolio(PORTFOLIO)
    money = await client.set_portfolio()
    assert money[0].portfolio == PORTFOLIO and money[0].saldo == Decimal(1_000_000)
    positions = await client.update_position()
    assert {p.symbol for p in positions} == {"GAZP", "SBER", "LKOH"}
    assert all(p.amount > 0 and p.avprice > 0 and p.planned == p.amount for p in positions)
    assert await client.update_order() == [] and await client.add_trade() == []
    await client.cancel_portfolio(PORTFOLIO)


async def test_limit_buy_seen_by_cookie_then_moved_and_canceled(sim: Sim, client: ChpClient) -> None:
    await client.listen_portfolio(SECOND_PORTFOLIO)
    await client.set_portfolio()
    bid = (await _quote(client, "SBER")).bid
    low = bid - Decimal("5.00")
    placed = await client.place_order(
        SECOND_PORTFOLIO,
        "SBER",
        Action.BUY,
        OrderType.LIMIT,
        Decimal(10),
        validity=Validity.GTC,
        price=low,
        cookie=4242,
    )
    assert placed.cookie == 4242 and placed.order_id
    [open_] = await client.update_order()
    assert (open_.cookie, open_.order_id, open_.state, open_.price) == (
        4242,
        placed.order_id,
        OrderState.OPEN,
        low,
    )
    assert (await client.set_portfolio())[0].cash < Decimal(250_000)  # the order holds money

    moved = await client.move_order(SECOND_PORTFOLIO, "SBER", placed.order_id, low - Decimal("1.00"))
    assert moved.result and moved.order_id == placed.order_id
    [after_move] = await client.update_order()
    assert after_move.price == low - 1 and after_move.state == OrderState.OPEN

    canceled = await client.cancel_order(SECOND_PORTFOLIO, "SBER", placed.order_id)
    assert canceled.result
    [gone] = await client.update_order()
    assert gone.state == OrderState.CANCEL and gone.cookie == 4242
    assert (await client.set_portfolio())[0].cash == Decimal(250_000)


async def test_market_order_fills_with_trade_position_and_money_events(client: ChpClient) -> None:
    await client.listen_portfolio(SECOND_PORTFOLIO)
    for drain in (client.update_order, client.add_trade, client.update_position, client.set_portfolio):
        await drain()
    placed = await client.place_order(SECOND_PORTFOLIO, "GAZP", Action.BUY, OrderType.MARKET, Decimal(20))
    orders = await client.update_order()
    assert (
        orders[-1].state == OrderState.FILLED
        and orders[-1].filled == 20
        and orders[-1].cookie == placed.cookie
    )
    trades = await client.add_trade()
    assert sum(t.amount for t in trades) == 20 and {t.order_id for t in trades} == {placed.order_id}
    [position] = await client.update_position()
    assert (position.symbol, position.amount, position.planned) == ("GAZP", 20, 20)
    paid = sum(t.price * t.amount for t in trades)
    assert position.avprice == (paid / 20).quantize(Decimal("0.000001"))
    [money] = await client.set_portfolio()
    assert money.saldo == Decimal(250_000) - paid - money.comission and money.comission > 0

    await client.place_order(SECOND_PORTFOLIO, "GAZP", Action.SELL, OrderType.MARKET, Decimal(20))
    sale = await client.add_trade()
    assert sum(t.amount for t in sale) == -20
    history = await client.get_my_portfolio_data(SECOND_PORTFOLIO, PortfolioDataMode.ALL)
    assert len(history.orders) == 2 and all(o.state == OrderState.FILLED for o in history.orders)
    assert sum(t.volume for t in history.trades) == 40
    assert sum(c.amount for c in history.closed_positions) == 20
    assert (await client.get_my_portfolio_data(SECOND_PORTFOLIO, PortfolioDataMode.ACTIVE)).orders == []


async def test_stop_limit_triggers_when_the_price_crosses_its_stop(sim: Sim, client: ChpClient) -> None:
    await client.listen_portfolio(SECOND_PORTFOLIO)
    last = (await _quote(client, "GAZP")).last
    assert last is not None
    stop = last + Decimal("0.01")
    placed = await client.place_order(
        SECOND_PORTFOLIO,
        "GAZP",
        Action.BUY,
        OrderType.STOP_LIMIT,
        Decimal(10),
        price=stop + Decimal("0.50"),
        stop=stop,
    )
    states = [o.state for o in await client.update_order()]
    assert states == [OrderState.PENDING]
    for _ in range(240):
        sim.advance(30)
        states += [o.state for o in await client.update_order() if o.order_id == placed.order_id]
        if OrderState.FILLED in states:
            break
    assert states[0] == OrderState.PENDING and states[-1] == OrderState.FILLED
    trades = await client.add_trade()
    assert all(t.price <= stop + Decimal("0.50") for t in trades) and sum(t.amount for t in trades) == 10


async def test_refused_order_answers_with_cookie_and_queues_a_reject(client: ChpClient) -> None:
    await client.listen_portfolio(SECOND_PORTFOLIO)
    with pytest.raises(VenueError) as refused:
        await client.place_order(
            SECOND_PORTFOLIO, "GAZP", Action.BUY, OrderType.MARKET, Decimal(7), cookie=77
        )
    assert refused.value.code == ErrorCode.ORDER_REJECTED
    assert ErrorCode.BAD_AMOUNT in failure_codes(refused.value)  # not a multiple of the lot of 10
    [answer] = refused.value.details[
        "data"
    ]  # {Cookie, Orderid: "", reason}; the cookie is redacted like any Cookie
    assert answer["Orderid"] == "" and "Error #32" in answer["reason"]
    [reject] = await client.update_order()
    assert (reject.cookie, reject.state, reject.order_id) == (77, OrderState.SYSTEM_REJECT, "")


async def test_order_for_another_portfolio_or_order_is_refused(client: ChpClient) -> None:
    with pytest.raises(VenueError) as foreign:
        await client.place_order("ST999999-MO-01", "GAZP", Action.BUY, OrderType.MARKET, Decimal(10))
    assert ErrorCode.UNKNOWN_PORTFOLIO in failure_codes(foreign.value)
    with pytest.raises(VenueError) as unknown:
        await client.cancel_order(PORTFOLIO, "GAZP", "999999")
    assert unknown.value.code == ErrorCode.CANCEL_FAILED and ErrorCode.UNKNOWN_ORDER in failure_codes(
        unknown.value
    )


async def test_missing_limit_price_is_rejected_before_sending(client: ChpClient) -> None:
    with pytest.raises(RejectedInput) as missing:
        await client.place_order(PORTFOLIO, "GAZP", Action.BUY, OrderType.LIMIT, Decimal(10))
    assert missing.value.field == "price"


async def _quote(client: ChpClient, symbol: str):
    await client.listen_quotes(symbol)
    [quote] = await client.update_quote()
    await client.cancel_quotes(symbol)
    return quote


# ----------------------------------------------------------------------------------- envelopes, MockTransport
def mock_client(handler, **options) -> tuple[ChpClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    http = VenueHttp("chp", "http://chp.test", transport=httpx.MockTransport(record), backoff=0, **options)
    chp = ChpClient(http)
    chp.token = "tok-SESSION-42"
    return chp, seen


CONNECTED_FAILURE = {  # the notes' Connected failure: nested causes under dataError
    "method": "Connected",
    "result": False,
    "reason": "Error #3",
    "additional": "Не удалось подключиться",
    "dataParam": [
        {"token": "tok-SESSION-42", "work": 1, "exchange": 1, "login": "trader", "password": "pw-9a7b"}
    ],
    "dataError": [
        {"method": "Connected", "reason": "Error #2", "additional": "Пользователь уже авторизован"}
    ],
}
LISTEN_FAILURE = {  # the notes' ListenQuotes failure: nested causes under errorData
    "method": "ListenQuotes",
    "result": False,
    "reason": "Error #12",
    "additional": "Ошибка подписки",
    "dataParam": [{"symbol": "SBER", "token": "tok-SESSION-42"}],
    "errorData": [
        {
            "method": "ListenQuotes",
            "reason": "Error #20",
            "message": "subscription to SBER already exists",
            "additional": "Подписка уже существует",
        }
    ],
}


async def test_failure_with_data_error_spelling() -> None:
    chp, _ = mock_client(lambda r: httpx.Response(200, json=CONNECTED_FAILURE))
    with pytest.raises(VenueError) as failed:
        await chp.connected("trader", "pw-9a7b", "server")
    error = failed.value
    assert error.venue == "chp" and error.code == 3 and error.http_status == 200
    assert "Error #3" in error.message and "Error #2" in error.message and "уже авторизован" in error.message
    assert failure_codes(error) == {3, 2}
    assert "pw-9a7b" not in json.dumps(error.details, ensure_ascii=False)
    assert "tok-SESSION-42" not in json.dumps(error.details, ensure_ascii=False)


async def test_failure_with_error_data_spelling() -> None:
    chp, _ = mock_client(lambda r: httpx.Response(200, json=LISTEN_FAILURE))
    with pytest.raises(VenueError) as failed:
        await chp.listen_quotes("SBER")
    assert failed.value.code == 12 and failure_codes(failed.value) == {12, 20}
    assert "already exists" in failed.value.message or "уже существует" in failed.value.message


async def test_failure_without_data_still_reports_its_reason() -> None:
    bare = {"method": "GetSymbols", "result": False, "reason": "Error #7", "additional": "Сервер недоступен"}
    chp, _ = mock_client(lambda r: httpx.Response(200, json=bare))
    with pytest.raises(VenueError) as failed:
        await chp.get_symbols()
    assert (
        failed.value.code == 7
        and "Error #7" in str(failed.value)
        and "Сервер недоступен" in str(failed.value)
    )


async def test_token_failure_raises_auth_error_and_odd_reasons_keep_their_text() -> None:
    expired = {"method": "UpdateQuote", "result": False, "reason": "Error #5", "additional": "Токен истёк"}
    chp, _ = mock_client(lambda r: httpx.Response(200, json=expired))
    with pytest.raises(AuthError):
        await chp.update_quote()
    odd = {"method": "UpdateQuote", "result": False, "reason": "server busy"}
    chp, _ = mock_client(lambda r: httpx.Response(500, json=odd))
    with pytest.raises(VenueError) as failed:
        await chp.update_quote()
    assert failed.value.code == "server busy" and failed.value.http_status == 500


async def test_non_envelope_and_unreadable_answers() -> None:
    chp, _ = mock_client(lambda r: httpx.Response(200, json={"hello": 1}))
    with pytest.raises(VenueError, match="no envelope"):
        await chp.get_symbols()
    chp, _ = mock_client(lambda r: httpx.Response(502, text="<html>bad gateway</html>"))
    with pytest.raises(TransportError) as unreadable:
        await chp.get_portfolio_list()
    assert not unreadable.value.outcome_unknown


async def test_every_body_carries_the_token_and_paths_are_at_the_root() -> None:
    chp, seen = mock_client(lambda r: httpx.Response(200, json={"method": "x", "result": True, "data": []}))
    await chp.get_trades("GAZP", NOW, -3)
    await chp.update_bid_ask()
    await chp.move_order(PORTFOLIO, "GAZP", "17", Decimal("130.25"))
    bodies = [json.loads(r.content) for r in seen]
    assert [r.url.path for r in seen] == [
        "/Instruments/GetTrades",
        "/Instruments/UpdateBidAsk",
        "/Order/Move",
    ]
    assert all(
        r.method == "POST" and b["token"] == "tok-SESSION-42" for r, b in zip(seen, bodies, strict=True)
    )
    assert bodies[0] == {
        "token": "tok-SESSION-42",
        "from": "2025-03-04T10:00:00.000",
        "symbol": "GAZP",
        "count": -3,
    }
    assert bodies[2]["orderid"] == "17" and bodies[2]["targetprice"] == 130.25


async def test_place_order_is_sent_once_on_timeout() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    chp, seen = mock_client(timeout, read_retries=3)
    with pytest.raises(TransportError) as lost:
        await chp.place_order(
            PORTFOLIO, "GAZP", Action.SELL, OrderType.STOP, Decimal(10), stop=Decimal("120")
        )
    assert lost.value.outcome_unknown and len(seen) == 1
    body = json.loads(seen[0].content)
    assert (body["type"], body["action"], body["price"], body["stop"]) == (3, 2, 0, 120)
    assert isinstance(body["cookie"], int) and 0 < body["cookie"] < 2**31


async def test_an_unreadable_answer_to_a_write_leaves_its_outcome_unknown() -> None:
    chp, seen = mock_client(lambda r: httpx.Response(200, content=b'{"'))
    with pytest.raises(TransportError) as cut:
        await chp.cancel_order(PORTFOLIO, "GAZP", "3")
    assert cut.value.outcome_unknown and len(seen) == 1


async def test_reads_are_retried_and_drains_are_not() -> None:
    def flaky(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    chp, seen = mock_client(flaky, read_retries=2)
    with pytest.raises(TransportError):
        await chp.get_symbols()
    assert len(seen) == 3
    seen.clear()
    with pytest.raises(TransportError):
        await chp.update_order()
    assert len(seen) == 1


def test_cookies_are_unique_positive_int32() -> None:
    cookies = Cookies(start=2**31 - 3)
    values = [cookies.next() for _ in range(5)]
    assert values == [2**31 - 3, 2**31 - 2, 1, 2, 3]
    fresh = Cookies()
    assert len({fresh.next() for _ in range(1000)}) == 1000


async def test_secrets_never_reach_the_logs(sim: Sim, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    chp = ChpClient(sim.http())
    await chp.connected("demo", "demo", "demo")
    await chp.listen_quotes("GAZP")
    await chp.update_quote()
    with pytest.raises(VenueError):
        await chp.listen_quotes("GAZP")
    assert chp.token and chp.token not in caplog.text
    assert "Instruments/UpdateQuote" in caplog.text  # the requests were logged, redacted

    caplog.clear()
    answer = dict(CONNECTED_FAILURE)
    mock, _ = mock_client(lambda r: httpx.Response(200, json=answer))
    with pytest.raises(VenueError) as failed:
        await mock.connected("trader", "pw-9a7b", "server-tok-77")
    logging.getLogger("tessera.test").error("connect failed: %s %r", failed.value, failed.value.details)
    for secret in ("pw-9a7b", "server-tok-77", "tok-SESSION-42"):
        assert secret not in caplog.text
