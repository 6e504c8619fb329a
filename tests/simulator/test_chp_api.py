"""The simulated CHP_Rest on the wire: envelopes, tokens, bars and trades, queues, orders (raw JSON, no
client)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from services.simulator.apis.chp.state import TOKEN_TTL
from tests.services.chp.simulated import PORTFOLIO, SECOND_PORTFOLIO, START, Sim, make_sim

NOW = datetime.fromtimestamp(START, UTC)
AUTH = {"login": "demo", "password": "demo"}


class Wire:
    def __init__(self, sim: Sim, http: httpx.AsyncClient) -> None:
        self.sim = sim
        self.http = http
        self.token = ""

    async def post(self, path: str, **body: Any) -> dict[str, Any]:
        response = await self.http.post(path, json={"token": self.token, **body})
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
        return response.json()

    async def ok(self, path: str, **body: Any) -> list[dict[str, Any]]:
        envelope = await self.post(path, **body)
        assert envelope["result"] is True, envelope
        assert set(envelope) == {"method", "result", "data"} and envelope["method"] == path.rsplit("/", 1)[1]
        return envelope["data"]

    async def refused(self, path: str, reason: str, cause: str | None = None, **body: Any) -> dict[str, Any]:
        envelope = await self.post(path, **body)
        assert envelope["result"] is False and envelope["reason"] == reason, envelope
        causes = envelope.get("dataError") or envelope.get("errorData")
        assert causes and causes[0]["reason"] == (cause or reason)
        return envelope

    async def connect(self) -> str:
        [row] = await self.ok("/Auth/Connected", **{**AUTH, "token": "demo"})
        self.token = row["token"]
        return self.token

    async def place(self, **order: Any) -> list[dict[str, Any]]:
        body = {
            "portfolio": SECOND_PORTFOLIO,
            "symbol": "GAZP",
            "action": 1,
            "type": 1,
            "validity": 1,
            "price": 0,
            "amount": 10,
            "stop": 0,
            "cookie": 1,
            **order,
        }
        return await self.ok("/Order/Place", **body)


@pytest.fixture
def sim() -> Sim:
    return make_sim()


@pytest.fixture
async def wire(sim: Sim) -> AsyncIterator[Wire]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sim.app), base_url="http://chp.test"
    ) as http:
        wire = Wire(sim, http)
        await wire.connect()
        yield wire


# --------------------------------------------------------------------------------------- transport, envelopes
async def test_routes_live_at_the_root_and_only_answer_post(wire: Wire) -> None:
    assert (await wire.http.get("/Instruments/GetSymbols")).status_code == 405
    assert (await wire.http.post("/api/instruments/getsymbols", json={})).status_code == 404
    assert (await wire.http.post("/Instruments/NoSuchCall", json={})).status_code == 404


async def test_malformed_body_and_missing_token(wire: Wire) -> None:
    response = await wire.http.post("/Instruments/GetSymbols", content=b"{not json")
    envelope = response.json()
    assert envelope["reason"] == "Error #1" and envelope["dataParam"] == [] and "data" not in envelope
    wire.token = ""
    refused = await wire.refused("/Instruments/GetSymbols", "Error #5")
    assert set(refused) == {"method", "result", "reason", "additional", "dataParam", "errorData"}
    assert set(refused["errorData"][0]) == {"method", "reason", "message", "additional"}
    assert refused["dataParam"] == [{"token": ""}]


async def test_auth_failures_use_data_error(wire: Wire) -> None:
    refused = await wire.refused(
        "/Auth/Connected", "Error #3", "Error #4", login="demo", password="x", token="demo"
    )
    assert set(refused["dataError"][0]) == {"method", "reason", "additional"} and "errorData" not in refused
    await wire.refused("/Auth/Connected", "Error #3", "Error #6", **AUTH, token="guess")
    await wire.refused("/Auth/Connected", "Error #3", "Error #2", **AUTH, token=wire.token)
    await wire.refused("/Auth/Reconnection", "Error #3", "Error #6", **AUTH, token="never-issued")
    await wire.refused("/Auth/Connected", "Error #1", login="demo", token="demo")


async def test_connected_row_and_disconnected(wire: Wire) -> None:
    [row] = await wire.ok("/Auth/Connected", **AUTH, token="demo")
    assert set(row) == {"token", "work", "exchange", "login", "password"} and (
        row["work"],
        row["exchange"],
    ) == (1, 1)
    assert row["token"] != wire.token and len(wire.sim.state.sessions) == 2
    [bye] = await wire.ok("/Auth/Disconnected", **AUTH, token=row["token"])
    assert (bye["work"], bye["exchange"]) == (0, 0) and set(wire.sim.state.sessions) == {wire.token}
    await wire.ok(
        "/Auth/Disconnected", **AUTH, token="demo"
    )  # the server token ends every session of the login
    assert not wire.sim.state.sessions


async def test_tokens_expire_after_inactivity_only(wire: Wire) -> None:
    for _ in range(3):
        wire.sim.advance(TOKEN_TTL - 10)
        await wire.ok("/AccountInformation/GetPortfolioList")  # activity keeps it alive
    wire.sim.advance(TOKEN_TTL + 1)
    await wire.refused("/AccountInformation/GetPortfolioList", "Error #5")
    [row] = await wire.ok("/Auth/Reconnection", **AUTH, token=wire.token)
    assert row["token"] != wire.token
    wire.token = row["token"]
    await wire.ok("/AccountInformation/GetPortfolioList")


async def test_reconnection_with_a_live_token_keeps_the_session(wire: Wire) -> None:
    await wire.ok("/Instruments/ListenTicks", symbol="SBER")
    [row] = await wire.ok("/Auth/Reconnection", **AUTH, token=wire.token)
    assert row["token"] == wire.token and wire.sim.state.sessions[wire.token].ticks == {"SBER"}
    [same] = await wire.ok("/Auth/Reconnection", **AUTH, token="demo")  # the server token's live session
    assert same["token"] == wire.token and set(wire.sim.state.sessions) == {wire.token}
    wire.sim.state.expire()
    [fresh] = await wire.ok("/Auth/Reconnection", **AUTH, token="demo")  # none live: a new one
    assert fresh["token"] != wire.token and set(wire.sim.state.sessions) == {fresh["token"]}
    assert wire.sim.state.sessions[fresh["token"]].ticks == set()


async def test_the_server_token_works_for_every_call_after_connected(wire: Wire) -> None:
    """The doc's model: every call, Connected included, carries the server access token."""
    session_token = wire.token
    wire.token = "demo"
    await wire.ok("/Instruments/ListenTicks", symbol="SBER")
    assert wire.sim.state.sessions[session_token].ticks == {"SBER"}  # the session Connected opened
    assert await wire.ok("/AccountInformation/GetPortfolioList")
    await wire.place(cookie=77)
    wire.token = session_token  # the session token offered in the Connected row is honoured as well
    assert await wire.ok("/Instruments/GetSymbols")


async def test_the_server_token_follows_the_latest_connected(wire: Wire) -> None:
    first = wire.token
    [row] = await wire.ok("/Auth/Connected", **AUTH, token="demo")  # a second session, which "demo" now names
    wire.token = "demo"
    await wire.ok("/Instruments/ListenQuotes", symbol="GAZP")
    assert "GAZP" in wire.sim.state.sessions[row["token"]].quotes
    assert "GAZP" not in wire.sim.state.sessions[first].quotes


async def test_an_expired_session_refuses_the_server_token_until_reconnection(wire: Wire) -> None:
    wire.token = "demo"
    wire.sim.advance(TOKEN_TTL + 1)
    await wire.refused("/AccountInformation/GetPortfolioList", "Error #5")
    await wire.ok("/Auth/Reconnection", **AUTH, token="demo")
    assert await wire.ok("/AccountInformation/GetPortfolioList")
    await wire.ok("/Auth/Disconnected", **AUTH, token="demo")
    await wire.refused("/AccountInformation/GetPortfolioList", "Error #5")


# ------------------------------------------------------------------------------------------------ Instruments
async def test_symbols_are_the_engine_moex_stocks(wire: Wire) -> None:
    rows = await wire.ok("/Instruments/GetSymbols")
    specs = wire.sim.ctx.engine.instruments("MOEX")
    assert [r["symbol"] for r in rows] == [s.symbol for s in specs]
    assert [r["row"] for r in rows] == list(range(len(rows))) and {r["nrows"] for r in rows} == {len(rows)}
    lkoh = next(r for r in rows if r["symbol"] == "LKOH")
    assert (lkoh["lot_size"], lkoh["step"], lkoh["decimals"], lkoh["type"]) == (1, 0.5, 1, "SHARE")


SPACING = {1: 60, 2: 300, 3: 600, 4: 900, 5: 1800, 6: 3600, 7: 7200, 8: 14400, 9: 86400, 10: 604800}


@pytest.mark.parametrize("interval", range(1, 14))
async def test_bars_for_every_interval(wire: Wire, interval: int) -> None:
    since = NOW.strftime("%Y-%m-%dT%H:%M:%S.000")
    rows = await wire.ok("/Instruments/GetBars", since=since, interval=interval, symbol="SBER", count=2)
    times = [datetime.fromisoformat(r["datetime"]).replace(tzinfo=UTC) for r in rows]
    assert times == sorted(times) and times[-1] <= NOW and all(r["interval"] == interval for r in rows)
    assert all(
        r["low"] <= min(r["open"], r["close"]) <= max(r["open"], r["close"]) <= r["high"] for r in rows
    )
    if interval in SPACING:
        assert len(rows) == 2 and (times[1] - times[0]).total_seconds() == SPACING[interval]
    elif interval == 11:
        assert [t.day for t in times] == [1, 1] and [t.month for t in times] == [2, 3]
    elif interval == 12:
        assert [(t.month, t.day) for t in times] == [(10, 1), (1, 1)]
    else:
        assert [(t.year, t.month, t.day) for t in times] == [(2024, 1, 1), (2025, 1, 1)]


async def test_bar_count_sign_walks_back_or_forward(wire: Wire) -> None:
    async def hours(since: str, count: int) -> list[str]:
        rows = await wire.ok("/Instruments/GetBars", since=since, interval=6, symbol="GAZP", count=count)
        return [r["datetime"] for r in rows]

    assert await hours("2025-03-04 05:30:00", 3) == [
        "2025-03-04T03:00:00",
        "2025-03-04T04:00:00",
        "2025-03-04T05:00:00",
    ]
    assert await hours("2025-03-04T05:30:00.000", -2) == ["2025-03-04T06:00:00", "2025-03-04T07:00:00"]
    assert await hours("2025-03-04T09:00:00.000", -5) == [
        "2025-03-04T09:00:00",
        "2025-03-04T10:00:00",
    ]  # not ahead of now
    assert await hours("2025-03-04", 0) == []


async def test_quarters_fold_their_months(wire: Wire) -> None:
    body = {"since": "2024-12-31T00:00:00.000", "symbol": "GAZP"}
    [quarter] = await wire.ok("/Instruments/GetBars", **body, interval=12, count=1)
    months = await wire.ok("/Instruments/GetBars", **body, interval=11, count=3)
    assert quarter["datetime"] == months[0]["datetime"] == "2024-10-01T00:00:00"
    assert quarter["open"] == months[0]["open"] and quarter["close"] == months[-1]["close"]
    assert quarter["high"] == max(m["high"] for m in months) and quarter["low"] == min(
        m["low"] for m in months
    )
    assert quarter["volume"] == pytest.approx(sum(m["volume"] for m in months), abs=3)


async def test_bar_and_trade_refusals(wire: Wire) -> None:
    body = {"since": "2025-03-01T00:00:00.000", "count": 3}
    await wire.refused("/Instruments/GetBars", "Error #1", **body, interval=14, symbol="GAZP")
    await wire.refused("/Instruments/GetBars", "Error #11", "Error #21", **body, interval=6, symbol="XXXX")
    await wire.refused(
        "/Instruments/GetBars", "Error #1", since="yesterday", count=3, interval=6, symbol="GAZP"
    )
    await wire.refused(
        "/Instruments/GetTrades", "Error #1", since="2025-03-01T00:00:00.000", symbol="GAZP", count=3
    )


async def test_trades_use_the_from_key(wire: Wire) -> None:
    wire.sim.advance(300)
    later = (NOW + timedelta(seconds=300)).strftime("%Y-%m-%dT%H:%M:%S.000")
    back = await wire.ok("/Instruments/GetTrades", **{"from": later}, symbol="GAZP", count=4)
    assert len(back) == 4 and set(back[0]) == {
        "row",
        "nrows",
        "symbol",
        "DateTime",
        "Price",
        "volume",
        "tradeNo",
        "Action",
    }
    assert [r["DateTime"] for r in back] == sorted(r["DateTime"] for r in back)
    forward = await wire.ok(
        "/Instruments/GetTrades", **{"from": back[0]["DateTime"]}, symbol="GAZP", count=-2
    )
    assert forward[0]["DateTime"] >= back[0]["DateTime"] and len(forward) == 2


# ------------------------------------------------------------------------------------------------ queues
async def test_quotes_come_only_when_they_change(wire: Wire) -> None:
    [placed] = await wire.ok("/Instruments/ListenQuotes", symbol="GAZP")
    assert placed == {"description": "subscription to GAZP placed"}
    [quote] = await wire.ok("/Instruments/UpdateQuote")
    assert quote["symbol"] == "GAZP" and quote["bid"] < quote["ask"] and "trading_Status" in quote
    assert all(type(quote[k]) is int for k in ("size", "bidSize", "askSize", "volume"))  # ints per the notes
    assert await wire.ok("/Instruments/UpdateQuote") == []  # the clock stands still: nothing new
    wire.sim.advance(60)
    assert [q["symbol"] for q in await wire.ok("/Instruments/UpdateQuote")] == ["GAZP"]
    await wire.ok("/Instruments/CancelQuotes", symbol="GAZP")
    await wire.refused("/Instruments/CancelQuotes", "Error #13", "Error #23", symbol="GAZP")
    await wire.refused("/Instruments/ListenQuotes", "Error #12", "Error #21", symbol="NOPE")


async def test_bid_ask_rows_are_a_whole_book(wire: Wire) -> None:
    await wire.ok("/Instruments/ListenBidAsks", symbol="SBER")
    rows = await wire.ok("/Instruments/UpdateBidAsk")
    assert [r["Row"] for r in rows] == list(range(10)) and {r["NRows"] for r in rows} == {10}
    bids = [r["Bid"] for r in rows]
    asks = [r["Ask"] for r in rows]
    assert bids == sorted(bids, reverse=True) and asks == sorted(asks) and bids[0] < asks[0]


async def test_queues_are_per_token(wire: Wire) -> None:
    first = wire.token
    await wire.ok("/Instruments/ListenTicks", symbol="GAZP")
    await wire.ok("/AccountInformation/ListenPortfolio", portfolio=SECOND_PORTFOLIO)
    second = await wire.connect()
    await wire.place(cookie=31)
    assert await wire.ok("/AccountInformation/UpdateOrder") == []  # the second token listens to nothing
    wire.token = first
    orders = await wire.ok("/AccountInformation/UpdateOrder")
    assert orders and {o["cookie"] for o in orders} == {31}
    assert any(t["Volume"] == 10.0 for t in await wire.ok("/Instruments/AddTick"))
    assert second != first


# ----------------------------------------------------------------------------------------- portfolios, orders
async def test_the_docs_example_order_ignores_price_and_stop_of_a_market_order(wire: Wire) -> None:
    await wire.ok("/AccountInformation/ListenPortfolio", portfolio=PORTFOLIO)
    await wire.ok("/AccountInformation/UpdatePosition")
    [placed] = await wire.place(
        portfolio=PORTFOLIO, action=2, type=1, price=12.2, amount=30, validity=1, stop=0.1, cookie=12
    )
    assert placed["Cookie"] == 12 and placed["Orderid"]
    [gazp] = await wire.ok("/AccountInformation/UpdatePosition")
    assert (gazp["symbol"], gazp["amount"], gazp["planned"]) == ("GAZP", 70.0, 70.0)


async def test_listen_portfolio_starts_with_a_snapshot(wire: Wire) -> None:
    [resting] = await wire.place(type=2, price=100.0, validity=2, cookie=55)
    await wire.ok("/AccountInformation/ListenPortfolio", portfolio=SECOND_PORTFOLIO)
    [order] = await wire.ok("/AccountInformation/UpdateOrder")
    assert (order["orderid"], order["state"], order["validity"], order["cookie"]) == (
        resting["Orderid"],
        2,
        2,
        55,
    )
    assert set(order) == {
        "portfolio",
        "symbol",
        "state",
        "action",
        "type",
        "validity",
        "price",
        "amount",
        "stop",
        "filled",
        "datetime",
        "orderid",
        "orderno",
        "status_mask",
        "cookie",
    }
    [money] = await wire.ok("/AccountInformation/SetPortfolio")
    assert set(money) == {"portfolio", "cash", "leverage", "comission", "saldo"}
    assert money["saldo"] == 250_000 and money["cash"] < money["saldo"]
    assert await wire.ok("/AccountInformation/UpdatePosition") == []  # nothing held in portfolio 02
    await wire.refused(
        "/AccountInformation/ListenPortfolio", "Error #12", "Error #20", portfolio=SECOND_PORTFOLIO
    )
    await wire.refused("/AccountInformation/ListenPortfolio", "Error #12", "Error #22", portfolio="ST1-MO-01")


async def test_day_orders_expire_and_gtc_orders_stay(wire: Wire) -> None:
    wire.sim.state.token_ttl = 2 * 86_400
    await wire.ok("/AccountInformation/ListenPortfolio", portfolio=SECOND_PORTFOLIO)
    [day] = await wire.place(type=2, price=100.0, validity=1, cookie=1)
    [gtc] = await wire.place(type=2, price=100.0, validity=2, cookie=2)
    await wire.ok("/AccountInformation/UpdateOrder")
    wire.sim.advance(86_400)
    changes = {o["orderid"]: o["state"] for o in await wire.ok("/AccountInformation/UpdateOrder")}
    assert changes == {day["Orderid"]: 3}
    data = await wire.ok("/HistoricalData/GetMyPortfolioData", mode=1, portfolio=SECOND_PORTFOLIO)
    assert [o["id"] for o in data[0]["SetMyOrder"]] == [gtc["Orderid"]]


async def test_move_a_waiting_stop_and_refuse_unknown_orders(wire: Wire) -> None:
    [stop] = await wire.place(portfolio=PORTFOLIO, action=2, type=3, stop=80.0, cookie=8)
    [moved] = await wire.ok(
        "/Order/Move", portfolio=PORTFOLIO, symbol="GAZP", orderid=stop["Orderid"], targetprice=90.0
    )
    assert moved == {"OrderId": stop["Orderid"], "Result": True}
    assert wire.sim.ctx.engine.order(stop["Orderid"]).stop_price == 90
    refused = await wire.refused(
        "/Order/Move",
        "Error #40",
        "Error #37",
        portfolio=SECOND_PORTFOLIO,
        symbol="GAZP",
        orderid=stop["Orderid"],
        targetprice=91.0,
    )  # not this portfolio's order
    assert refused["data"] == [{"OrderId": stop["Orderid"], "Result": False}]
    [done] = await wire.ok("/Order/Cancel", portfolio=PORTFOLIO, symbol="GAZP", orderid=stop["Orderid"])
    assert done["Result"] is True
    await wire.refused(
        "/Order/Cancel", "Error #41", "Error #38", portfolio=PORTFOLIO, symbol="GAZP", orderid=stop["Orderid"]
    )


async def test_insufficient_funds_and_place_refusal_data(wire: Wire) -> None:
    refused = await wire.refused(
        "/Order/Place",
        "Error #30",
        "Error #35",
        portfolio=SECOND_PORTFOLIO,
        symbol="LKOH",
        action=1,
        type=1,
        validity=1,
        price=0,
        amount=1000,
        stop=0,
        cookie=9,
    )
    assert refused["data"][0]["Cookie"] == 9 and refused["data"][0]["Orderid"] == ""
    assert refused["dataParam"][0]["amount"] == 1000


async def test_portfolio_history_pairs_round_trips(wire: Wire) -> None:
    await wire.place(amount=20, cookie=1)
    await wire.place(action=2, amount=10, cookie=2)
    await wire.place(action=3, amount=30, cookie=3)  # sells the last 10 and goes 20 short
    [data] = await wire.ok("/HistoricalData/GetMyPortfolioData", mode=2, portfolio=SECOND_PORTFOLIO)
    assert [o["cookie"] for o in data["SetMyOrder"]] == [1, 2, 3] and all(
        o["state"] == 5 for o in data["SetMyOrder"]
    )
    assert [o["action"] for o in data["SetMyOrder"]] == [1, 2, 3]
    ids = [o["id"] for o in data["SetMyOrder"]]
    closed = data["SetMyClosePos"]
    assert [(c["amount"], c["order_open"], c["order_close"]) for c in closed] == [
        (10.0, ids[0], ids[1]),
        (10.0, ids[0], ids[2]),
    ]
    assert all(c["price_buy"] > 0 and c["price_sell"] > 0 for c in closed)
    assert sum(t["volume"] for t in data["SetMyTrade"]) == 60 and {
        t["buysell"] for t in data["SetMyTrade"]
    } == {1, 2}
    account = "chp:demo:" + SECOND_PORTFOLIO
    assert wire.sim.ctx.engine.holding(account, "GAZP").total == -20
    await wire.refused("/HistoricalData/GetMyPortfolioData", "Error #1", mode=3, portfolio=SECOND_PORTFOLIO)
