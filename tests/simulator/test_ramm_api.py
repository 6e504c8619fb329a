"""The simulated RAMM manager API on the wire: copy trading (signals, pause, resume), rights, session expiry,
URL quirks and the seeded book. Raw httpx against the app in-process (frozen clock)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD
from tests.services.ramm.sim_support import SimHandle, make_sim

DC1 = "http://sim.test/ramm/dc1/api/manager/v1/"
MAIN = "http://sim.test/ramm/api/manager/v1/"
DEMO_STRATEGY = 1  # owned by the demo trader (client 1, login "demo")


@dataclass
class RammWire:
    sim: SimHandle
    http: httpx.AsyncClient
    token: str = ""

    async def call(
        self, method: str, body: dict[str, Any] | None = None, *, base: str = DC1, token: str | None = None
    ) -> httpx.Response:
        headers = {"Token": self.token if token is None else token}
        return await self.http.post(base + method, json=body or {}, headers=headers)

    async def ok(self, method: str, body: dict[str, Any] | None = None) -> Any:
        response = await self.call(method, body)
        assert response.status_code == 200, response.text
        return response.json() if response.content else None

    async def login(self, login: str = DEMO_LOGIN, company: int = 1, **extra: Any) -> str:
        body = {"Login": login, "Password": DEMO_PASSWORD, "CompanyID": company, **extra}
        response = await self.http.post(DC1 + "session.login", json=body)
        assert response.status_code == 200, response.text
        return response.json()["Token"]

    async def rows(self, method: str, key: str, filter_: dict[str, Any]) -> list[dict[str, Any]]:
        return (await self.ok(method, {"Filter": filter_, "Pagination": {"PerPage": 100}}))[key]


@pytest.fixture
async def wire() -> AsyncIterator[RammWire]:
    sim = make_sim()
    async with httpx.AsyncClient(transport=sim.transport()) as http:
        w = RammWire(sim, http)
        w.token = await w.login()
        yield w


def lots(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def positions_by_account(w: RammWire, symbol: str) -> dict[int, Decimal]:
    rows = await w.rows("positions.search", "Positions", {"StrategyID": DEMO_STRATEGY, "Symbol": symbol})
    return {row["AccountID"]: Decimal(str(row["VolumeOpen"])) for row in rows}


async def test_the_seeded_book(wire: RammWire) -> None:
    clients = await wire.ok("clients.search", {"Pagination": {"PerPage": 1}})
    assert clients["Pagination"]["TotalRecords"] == 20
    strategies = await wire.rows("strategies.search", "Strategies", {})
    assert len(strategies) == 5
    assert next(s for s in strategies if s["ID"] == DEMO_STRATEGY)["TraderLogin"] == DEMO_LOGIN
    followers = await wire.rows("accounts.search", "Accounts", {"Type": 2})
    assert len(followers) == 40
    assert {a["Status"] for a in followers} >= {1, 4, 6}  # active, one paused, one closed
    deals = await wire.ok("deals.search", {"Pagination": {"PerPage": 1}})
    assert deals["Pagination"]["TotalRecords"] > 100
    assert len(await wire.ok("company.getEquity", {"Filter": {}})) > 25


async def test_the_book_is_deterministic_from_the_seed() -> None:
    async def strategy_rows(seed: int) -> list[dict[str, Any]]:
        sim = make_sim(seed=seed)
        async with httpx.AsyncClient(transport=sim.transport()) as http:
            w = RammWire(sim, http)
            w.token = await w.login()
            rows = await w.rows("accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY})
            return [{k: r[k] for k in ("ID", "Factor", "Balance", "Equity", "Status")} for r in rows]

    assert await strategy_rows(11) == await strategy_rows(11)
    assert await strategy_rows(11) != await strategy_rows(12)


async def test_add_signal_moves_each_follower_by_its_factor(wire: RammWire) -> None:
    accounts = {
        a["ID"]: a for a in await wire.rows("accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY})
    }
    trader = next(a for a in accounts.values() if a["IsSecurity"] == 1)
    before = await positions_by_account(wire, "SBER")
    lot = before.get(trader["ID"], Decimal(0)) + 10
    answer = await wire.ok(
        "trading.addSignal",
        {"StrategyID": DEMO_STRATEGY, "Symbol": "SBER", "Lot": float(lot), "Equity": 13000},
    )
    after = await positions_by_account(wire, "SBER")
    moved = 0
    for account_id, account in accounts.items():
        factor = Decimal(str(account["Factor"]))
        if account["Status"] == 1:
            expected = lot if account["IsSecurity"] else lots(lot * factor)
            assert after.get(account_id, Decimal(0)) == expected, account_id
            if not account["IsSecurity"]:
                moved += 1
                assert after[account_id] - before.get(account_id, Decimal(0)) == lots(10 * factor)
        else:  # paused and closed accounts do not copy
            assert after.get(account_id) == before.get(account_id)
    assert moved >= 5
    signal = await wire.ok("signals.get", {"ID": answer["SignalID"]})
    assert signal["Status"] == 1 and Decimal(str(signal["TraderLot"])) == lot
    deals = await wire.rows("deals.search", "Deals", {"SignalID": answer["SignalID"]})
    assert len(deals) == moved + 1 and {d["Type"] for d in deals} == {0}  # all buys
    request = await wire.ok("hb.get", {"ID": deals[0]["FillRequestID"]})
    fills = await wire.rows("fills.search", "Fills", {"FillRequestID": request["ID"]})
    ask = wire.sim.ctx.engine.top("MOEX:SBER").ask
    assert ask is not None
    assert [Decimal(str(f["Price"])) for f in fills] == [ask] and {d["Price"] for d in deals} == {float(ask)}
    a_book = sum(
        (Decimal(str(d["Volume"])) * Decimal(str(accounts[d["AccountID"]]["ABook"])) for d in deals),
        Decimal(0),
    )
    assert Decimal(str(request["Volume"])) == lots(a_book) == Decimal(str(fills[0]["VolumeFilled"]))


async def test_followers_pay_commission_to_the_trader(wire: RammWire) -> None:
    big = {"StrategyID": DEMO_STRATEGY, "Symbol": "GAZP", "Lot": 20000}  # 20 USD per 1M turnover shows here
    answer = await wire.ok("trading.addSignal", big)
    deals = await wire.rows("deals.search", "Deals", {"SignalID": answer["SignalID"]})
    commission = sum((Decimal(str(d["Commission"])) for d in deals), Decimal(0))
    trader_deal = next(d for d in deals if d["AccountType"] == 0)
    assert trader_deal["Commission"] == 0 and commission > 0
    paid = await wire.rows("walletTransfers.search", "WalletTransfers", {"WalletID": 1, "Type": 7})
    assert Decimal(str(paid[-1]["Amount"])) == commission


async def test_pause_closes_positions_and_resume_reopens_them(wire: RammWire) -> None:
    followers = await wire.rows(
        "accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY, "Statuses": [1], "Type": 2}
    )
    account = next(a for a in followers if a["State"] == 3)  # active with positions
    held = await wire.rows("positions.search", "Positions", {"AccountID": account["ID"]})
    assert held
    paused = await wire.ok("accounts.pause", {"ID": account["ID"]})
    assert await wire.rows("positions.search", "Positions", {"AccountID": account["ID"]}) == []
    state = await wire.ok("accounts.get", {"ID": account["ID"]})
    assert (state["Status"], state["State"]) == (4, 11)
    closing = await wire.rows("deals.search", "Deals", {"CommandID": paused["CommandID"]})
    assert {d["Entry"] for d in closing} == {1} and len(closing) == len(held)

    trader_id = next(
        a["ID"]
        for a in await wire.rows("accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY})
        if a["IsSecurity"] == 1
    )
    wire.sim.ctx.clock.advance_by(60)
    resumed = await wire.ok("accounts.resume", {"ID": account["ID"]})
    trader = {
        p["Symbol"]: Decimal(str(p["VolumeOpen"]))
        for p in await wire.rows("positions.search", "Positions", {"AccountID": trader_id})
    }
    reopened = {
        p["Symbol"]: Decimal(str(p["VolumeOpen"]))
        for p in await wire.rows("positions.search", "Positions", {"AccountID": account["ID"]})
    }
    factor = Decimal(str(account["Factor"]))
    assert reopened == {symbol: lots(volume * factor) for symbol, volume in trader.items()}
    opening = await wire.rows("deals.search", "Deals", {"CommandID": resumed["CommandID"]})
    assert {d["Entry"] for d in opening} == {0}
    assert (await wire.ok("accounts.get", {"ID": account["ID"]}))["Status"] == 1
    again = await wire.call("accounts.resume", {"ID": account["ID"]})
    assert again.status_code == 422 and again.json()["error"]["code"] == "invalid_status"


async def test_the_traders_own_account_cannot_be_paused(wire: RammWire) -> None:
    trader = (await wire.rows("accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY, "Type": 0}))[0]
    response = await wire.call("accounts.pause", {"ID": trader["ID"]})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_status"


async def test_access_denied_for_the_viewer(wire: RammWire) -> None:
    viewer = await wire.login("viewer")
    assert (await wire.call("clients.search", token=viewer)).status_code == 200
    for method, body in (
        ("trading.addSignal", {"StrategyID": 1, "Symbol": "SBER", "Lot": 10}),
        ("accounts.pause", {"ID": 6}),
        ("walletTransfers.add", {"WalletID": 1}),
    ):
        response = await wire.call(method, body, token=viewer)
        assert response.status_code == 403
        assert response.json() == {
            "error": {"code": "access_denied", "message": f"the session has no right for {method}"}
        }
    methods = (await wire.call("session.getMethods", token=viewer)).json()["Methods"]
    assert "clients.search" in methods and "trading.addSignal" not in methods


async def test_sessions_expire_after_inactivity(wire: RammWire) -> None:
    short = await wire.login(ExpirationMinutes=5)
    lasting = await wire.login(ExpirationMinutes=60)
    clock = wire.sim.ctx.clock
    clock.advance_by(4 * 60)
    assert (await wire.call("session.heartbeat", token=short)).status_code == 200
    clock.advance_by(4 * 60)  # 8 minutes after login, 4 after the heartbeat
    assert (await wire.call("session.get", token=short)).status_code == 200
    clock.advance_by(5 * 60 + 1)
    expired = await wire.call("session.get", token=short)
    assert expired.status_code == 401 and expired.json()["error"]["code"] == "unauthorized"
    assert (await wire.call("session.get", token=wire.token)).status_code == 401  # default 10 minutes
    listed = (await wire.call("sessions.search", token=lasting)).json()["Sessions"]
    assert [s["Token"] for s in listed] == [lasting]  # the expired ones are gone


async def test_wire_conventions(wire: RammWire) -> None:
    unknown = await wire.call("clients.explode")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "incorrect_method"
    assert (await wire.http.get(DC1 + "clients.search")).status_code == 405
    astray = await wire.http.post("http://sim.test/ramm/v1/clients.search", json={})
    assert astray.status_code == 404 and astray.json()["error"]["code"] == "incorrect_method"
    for documented, name in (
        ("symbol.search", "symbols.search"),
        ("accountStatements.get", "accounts.getStatement"),
    ):
        body = {"ID": 6} if documented.endswith(".get") else {}
        assert (await wire.ok(documented, body)) == (await wire.ok(name, body))
    bad = await wire.call("clients.get", {"ID": "seven"})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].startswith("invalid input in field 'ID'")
    missing = await wire.call("clients.get", {"ID": 9999})
    assert missing.status_code == 404
    assert (await wire.call("clients.search", base=MAIN)).status_code == 401  # tokens live on their server
    logout = await wire.call("session.logout")
    assert logout.status_code == 200 and logout.content == b""
    listing = await wire.http.post(
        MAIN + "session.login", json={"Login": DEMO_LOGIN, "Password": DEMO_PASSWORD}
    )
    assert [c["URL"] for c in listing.json()["Companies"]] == [
        "http://sim.test/ramm/dc1",
        "http://sim.test/ramm/dc2",
    ]


async def test_search_paging_and_order(wire: RammWire) -> None:
    page = await wire.ok(
        "deals.search",
        {
            "Filter": {"StrategyID": 2},
            "Pagination": {"CurrentPage": 2, "PerPage": 5},
            "OrderBy": {"Field": "DT", "Direction": "Desc"},
        },
    )
    assert page["Pagination"]["CurrentPage"] == 2 and len(page["Deals"]) == 5
    assert [d["DT"] for d in page["Deals"]] == sorted((d["DT"] for d in page["Deals"]), reverse=True)
    assert page["OrderBy"] == {"Field": "DT", "Direction": "Desc"}
    accounts = await wire.ok("accounts.search", {"Pagination": {"PerPage": 500}})
    assert accounts["Pagination"]["PerPage"] == 100 and "OrderBy" not in accounts
    assert accounts["Pagination"]["OrderByField"] == "ID"
    signals = await wire.ok("signals.search", {"Filter": {"DTFrom": "2026-08-01 00:00:00.000"}})
    assert "MaxPerPage" not in signals["Pagination"] and signals["Signals"]
    refused = await wire.call("deals.search", {"OrderBy": {"Field": "Nonsense"}})
    assert refused.status_code == 400
    refused = await wire.call("deals.search", {"Filter": {"Colour": "red"}})
    assert refused.status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"FeeRate": 1.5}, "FeeRate"),
        ({"FeeRate": 0.125}, "FeeRate"),
        ({"Protection": 1}, "Protection"),
        ({"Protection": 0.1234}, "Protection"),
        ({"Target": 0}, "Target"),
        ({"Money": 10**9}, "Money"),
        ({"Name": "x" * 51}, "Name"),
        ({"Name": "Demo Blue Chips"}, "Name"),
        ({"ExecutionTags": "not json"}, "ExecutionTags"),
        ({"AccountSpecAssetID": 978}, "AccountSpecAssetID"),
    ],
)
async def test_strategy_constraints(wire: RammWire, change: dict[str, Any], field: str) -> None:
    body = {"WalletID": 3, "ClientID": 3, "Name": "Third way", "Money": 1000, "FeeRate": 0.2, **change}
    response = await wire.call("strategies.add", body)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["message"].startswith(f"invalid input in field '{field}'")


async def test_protection_stops_a_follower(wire: RammWire) -> None:
    state, _book = wire.sim.ctx.venue_state["ramm"]
    rows = await wire.rows(
        "accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY, "Statuses": [1], "Type": 2}
    )
    account = state.accounts[rows[0]["ID"]]
    account.protection, account.protection_equity = Decimal("0.5"), account.balance * 2  # already below
    await wire.ok("trading.addSignal", {"StrategyID": DEMO_STRATEGY, "Symbol": "GAZP", "Lot": 500})
    stopped = await wire.ok("accounts.get", {"ID": account.id})
    assert (stopped["Status"], stopped["State"]) == (3, 7) and stopped["ProtectionReached"] is not None
    assert await wire.rows("positions.search", "Positions", {"AccountID": account.id}) == []


async def test_closing_a_follower_in_profit_pays_the_fee_to_the_trader(wire: RammWire) -> None:
    state, _book = wire.sim.ctx.venue_state["ramm"]
    rows = await wire.rows(
        "accounts.search", "Accounts", {"StrategyID": DEMO_STRATEGY, "Statuses": [1], "Type": 2}
    )
    account = state.accounts[rows[0]["ID"]]
    account.balance += Decimal(1000)  # a realised gain on top of what was invested
    trader_wallet = (await wire.ok("wallets.get", {"ID": 1}))["Balance"]
    await wire.ok("accounts.close", {"ID": account.id})
    closed = await wire.ok("accounts.get", {"ID": account.id})
    assert (closed["Status"], closed["State"], closed["Balance"]) == (6, 15, 0)
    fee = await wire.rows("deals.search", "Deals", {"AccountID": account.id, "Type": 7})
    assert len(fee) == 1 and fee[0]["Profit"] == -closed["FeeTotal"] and closed["FeeTotal"] > 0
    paid = await wire.rows("walletTransfers.search", "WalletTransfers", {"WalletID": 1, "Type": 6})
    assert paid[-1]["Amount"] == closed["FeeTotal"]
    assert (await wire.ok("wallets.get", {"ID": 1}))["Balance"] == pytest.approx(
        trader_wallet + closed["FeeTotal"]
    )
