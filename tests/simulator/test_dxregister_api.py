"""The simulated dxRegister on the wire (raw HTTP, no client), and its link to the CHP simulator: money moved
in the back office is portfolio cash in CHP; a removed trade permission refuses the next CHP order."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.services.dxregister.simulated import CLEARING, PORTFOLIO, DxSim, make_sim

DX = "/dxweb/rest"
ACCOUNT = f"{DX}/api/register/account/{CLEARING}/{PORTFOLIO}"
FUTURE = "2030-01-01T00:00:00.000Z"


@dataclass
class Wire:
    sim: DxSim
    http: httpx.AsyncClient
    chp_token: str = ""
    dx_token: str = ""

    async def login(self, username: str = "demo") -> str:
        answer = await self.http.post(
            f"{DX}/login", json={"username": username, "domain": "default", "password": "demo"}
        )
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        return answer.json()["sessionToken"]

    async def dx(
        self, method: str, path: str, token: str | None = None, if_match: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"DXAPI {token or self.dx_token}"}
        if if_match is not None:
            headers["If-Match"] = if_match
        return await self.http.request(method, f"{DX}{path}", headers=headers, **kwargs)

    async def chp(self, path: str, **body: Any) -> dict[str, Any]:
        answer = await self.http.post(path, json={"token": self.chp_token, **body})
        return answer.json()

    async def place(self, cookie: int) -> dict[str, Any]:
        return await self.chp(
            "/Order/Place",
            portfolio=PORTFOLIO,
            symbol="GAZP",
            action=1,
            type=2,
            validity=1,
            price=1,
            amount=10,
            stop=0,
            cookie=cookie,
        )


@pytest.fixture
async def wire() -> AsyncIterator[Wire]:
    sim = make_sim()
    async with httpx.AsyncClient(transport=sim.transport(), base_url="http://sim.test") as http:
        wire = Wire(sim, http)
        connected = await wire.chp("/Auth/Connected", login="demo", password="demo", token="demo")
        wire.chp_token = connected["data"][0]["token"]
        wire.dx_token = await wire.login()
        yield wire


def _transfer(amount: int, currency: str = "RUB") -> dict[str, Any]:
    return {"currency": currency, "amount": amount, "description": "bank wire"}


async def test_a_deposit_is_cash_of_the_chp_portfolio(wire: Wire):
    await wire.chp("/AccountInformation/ListenPortfolio", portfolio=PORTFOLIO)
    [before] = (await wire.chp("/AccountInformation/SetPortfolio"))["data"]
    assert before["saldo"] == 1_000_000
    rub = wire.sim.ctx.engine.asset_total("RUB")
    made = await wire.dx(
        "PUT", "/api/register/account/ITI/ST100001-MO-01/deposit/wire-7", json=_transfer(50_000)
    )
    assert made.status_code == 201
    assert made.json() == {
        "currency": "RUB",
        "amount": 50000,
        "description": "bank wire",
        "transferId": "wire-7",
    }
    [after] = (await wire.chp("/AccountInformation/SetPortfolio"))["data"]
    assert after["saldo"] == 1_050_000 and after["cash"] == before["cash"] + 50_000
    again = await wire.dx(
        "PUT", "/api/register/account/ITI/ST100001-MO-01/deposit/wire-7", json=_transfer(50_000)
    )
    assert again.status_code == 200 and again.json() == made.json()
    assert (await wire.chp("/AccountInformation/SetPortfolio"))["data"] == []  # nothing moved
    out = await wire.dx("POST", "/api/register/account/ITI/ST100001-MO-01/withdrawal", json=_transfer(20_000))
    assert out.status_code == 201 and out.json()["transferId"]
    [last] = (await wire.chp("/AccountInformation/SetPortfolio"))["data"]
    assert last["saldo"] == 1_030_000
    assert wire.sim.ctx.engine.asset_total("RUB") == rub  # the bank (street account) paid and was paid
    account = (await wire.dx("GET", "/api/register/account/ITI/ST100001-MO-01")).json()
    assert account["balance"] == 1_030_000 and account["currency"] == "RUB"


async def test_removing_the_trade_permission_rejects_the_next_chp_order(wire: Wire):
    assert (await wire.place(1))["result"] is True
    removed = await wire.dx(
        "DELETE", "/api/register/account/ITI/ST100001-MO-01/permission/trade/default/demo"
    )
    assert removed.status_code == 200 and removed.content == b""
    refused = await wire.place(2)
    assert refused["result"] is False and refused["reason"] == "Error #30"
    assert "no trade permission" in refused["errorData"][0]["message"]
    assert refused["data"][0]["Cookie"] == 2
    other = await wire.chp(
        "/Order/Place",
        portfolio="ST100001-MO-02",
        symbol="GAZP",
        action=1,
        type=2,
        validity=1,
        price=1,
        amount=10,
        stop=0,
        cookie=3,
    )
    assert other["result"] is True  # the other portfolio keeps its permission
    await wire.dx("POST", "/api/register/account/ITI/ST100001-MO-01/permission/trade/default/demo")
    assert (await wire.place(4))["result"] is True
    await wire.dx("PUT", "/api/register/account/ITI/ST100001-MO-01", json={"status": "NO_TRADING"})
    blocked = await wire.place(5)
    assert blocked["result"] is False and "NO_TRADING" in blocked["errorData"][0]["message"]


async def test_notification_delivery_state(wire: Wire):
    body = {
        "recipients": [{"domain": "default", "login": "trader2"}],
        "priority": "HIGH",
        "subject": "Margin",
        "message": "Top up",
        "expirationDate": FUTURE,
        "mustAcknowledge": True,
    }
    made = await wire.dx("POST", "/api/clientnotifications", json=body)
    assert made.status_code == 200 and made.headers["content-type"].startswith("text/plain")
    notification_id = made.text
    path = f"/api/clientnotifications/notification/{notification_id}"
    [status] = (await wire.dx("GET", path)).json()["statuses"]
    assert status == {"recipient": {"domain": "default", "login": "trader2"}}
    await wire.login("trader2")  # the trader's platform shows it
    [status] = (await wire.dx("GET", path, params={"recipients": "trader2@default"})).json()["statuses"]
    assert status["readTime"] == int(wire.sim.clock.now() * 1000) and "acknowledgmentTime" not in status
    wire.sim.advance(5)
    wire.sim.state.acknowledge(notification_id, ("default", "trader2"))
    [status] = (await wire.dx("GET", path)).json()["statuses"]
    assert status["acknowledgmentTime"] == status["readTime"] + 5000
    assert (await wire.dx("GET", path, params={"recipients": "nobody"})).json()["errorCode"] == 30020
    moved = await wire.dx("PUT", f"{path}/date/2031-01-01T00:00:00.000Z")
    assert moved.status_code == 200 and moved.text == notification_id
    assert wire.sim.state.notifications[notification_id].notification.expiration_date.year == 2031
    changes: list[tuple[dict[str, Any], int]] = [
        ({"subject": "s" * 256}, 20028),
        ({"message": "m" * 4001}, 20029),
        ({"expirationDate": "2020-01-01T00:00:00.000Z"}, 20030),
        ({"recipients": [{"domain": "default", "login": "ghost"}]}, 20027),
        ({"subject": None}, 20001),
    ]
    for change, code in changes:
        refused = await wire.dx("POST", "/api/clientnotifications", json={**body, **change})
        assert refused.json()["errorCode"] == code, change


async def test_an_expired_notification_is_not_shown(wire: Wire):
    soon = "2025-03-04T10:01:00.000Z"  # the simulated clock starts at 10:00
    body = {
        "sendToAll": "DEMO",
        "priority": "LOW",
        "subject": "s",
        "message": "m",
        "expirationDate": soon,
        "mustAcknowledge": False,
    }
    notification_id = (await wire.dx("POST", "/api/clientnotifications", json=body)).text
    wire.sim.advance(120)
    await wire.login("trader2")
    [status] = (await wire.dx("GET", f"/api/clientnotifications/notification/{notification_id}")).json()[
        "statuses"
    ]
    assert status["recipient"]["login"] == "trader2" and "readTime" not in status  # only trader2 has DEMO


async def test_import_with_bad_rows(wire: Wire):
    rows = [
        {
            "transactionId": "S1:A1",
            "action": "CREATE",
            "accountCode": PORTFOLIO,
            "symbol": "GAZP",
            "quantity": 10,
            "costBasis": -1500,
            "calculateCashEffect": True,
        },
        {"transactionId": "S1:A2", "action": "CREATE", "accountCode": "NOPE", "symbol": "RUB", "quantity": 1},
        {
            "transactionId": "bad",
            "action": "CREATE",
            "accountCode": PORTFOLIO,
            "symbol": "RUB",
            "quantity": 1,
        },
        {
            "transactionId": "S1:A3",
            "action": "CREATE",
            "accountCode": PORTFOLIO,
            "symbol": "GAZP",
            "quantity": 1,
        },
        {
            "transactionId": "S1:A4",
            "action": "CREATE",
            "accountCode": PORTFOLIO,
            "symbol": "USD",
            "quantity": 1,
        },
        {
            "transactionId": "S1:A1",
            "action": "CREATE",
            "accountCode": PORTFOLIO,
            "symbol": "RUB",
            "quantity": 1,
        },
        {
            "transactionId": "S1:A5",
            "action": "DELETE",
            "accountCode": PORTFOLIO,
            "symbol": "RUB",
            "quantity": 1,
        },
        {
            "transactionId": "S1:A6",
            "action": "CREATE",
            "accountCode": PORTFOLIO,
            "symbol": "RUB",
            "quantity": "x",
        },
    ]
    gazp = wire.sim.ctx.engine.holding(f"chp:demo:{PORTFOLIO}", "GAZP").total
    answer = await wire.dx("POST", "/api/transaction-import", json=rows)
    assert answer.status_code == 200
    result = answer.json()
    assert result["createdTransactions"] == ["S1:A1"]
    assert result["updatedTransactions"] == [] and result["deletedTransactions"] == []
    assert [(f["transactionId"], f["errorCode"]) for f in result["failedTransactions"]] == [
        ("S1:A2", "ACCOUNT_NOT_FOUND"),
        ("bad", "INCORRECT_TRANSACTION_ID"),
        ("S1:A3", "COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION"),
        ("S1:A4", "CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY"),
        ("S1:A1", "DUPLICATE_TRANSACTION_ID"),
        ("S1:A5", "TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE"),
        ("S1:A6", "INCORRECT_QUANTITY"),
    ]
    assert all(f["errorText"] for f in result["failedTransactions"])
    assert wire.sim.ctx.engine.holding(f"chp:demo:{PORTFOLIO}", "GAZP").total == gazp + 10
    assert wire.sim.cash().total == Decimal(998_500)
    not_a_list = await wire.dx("POST", "/api/transaction-import", json={"rows": rows})
    assert (not_a_list.status_code, not_a_list.json()["errorCode"]) == (400, 20022)


async def test_wire_shapes_auth_and_versions(wire: Wire):
    assert (await wire.http.get(f"{DX}/api/register/account")).status_code == 401
    trader = await wire.login("trader2")
    denied = await wire.dx("GET", "/api/register/account", token=trader)
    assert denied.status_code == 403 and denied.json() == {
        "errorCode": 20020,
        "errorMessage": "Access denied: trader2@default",
    }
    client = await wire.dx("GET", "/api/register/client/default/trader2")
    etag = client.headers["ETag"]
    assert client.json()["login"] == "trader2" and "password" not in client.json()
    group = "/api/register/client/default/trader2/group/default/vip"
    assert (await wire.dx("POST", group)).status_code == 409  # If-Match is required
    added = await wire.dx("POST", group, if_match=etag)
    assert added.status_code == 204 and added.headers["ETag"] != etag
    logout = await wire.http.post(
        f"{DX}/logoutUserByLogin",
        data={"login": "trader2", "domain": "default"},
        headers={"Authorization": f"DXAPI {wire.dx_token}"},
    )
    assert logout.status_code == 200 and logout.headers["content-type"].startswith("text/plain")
    assert (await wire.dx("GET", "/api/register/account", token=trader)).status_code == 401
    unknown = await wire.dx("GET", "/api/register/nothing")
    assert unknown.status_code == 404 and unknown.json()["errorCode"] == 10001
    ping = await wire.http.post(f"{DX}/ping", headers={"Authorization": "DXAPI nope"})
    assert ping.status_code == 403 and ping.content == b""
    basic = await wire.http.get(f"{DX}/api/register/broker", auth=("demo@default", "demo"))
    assert basic.status_code == 200 and basic.json()[0]["brokerCode"] == "ITI"
    checked = await wire.http.get(
        f"{DX}/checkLogin", params={"login": "demo", "domain": "default", "password": "demo"}
    )
    assert checked.status_code == 200 and checked.content == b""
    missing = await wire.http.post(f"{DX}/checkLogin", data={"login": "demo"})
    assert missing.status_code == 400
