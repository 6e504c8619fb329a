"""The paper account (services/simulator/paper): a simulator restarted on the same file has every venue's
state back as it was; working orders rest in the book again; a damaged or newer file is set aside, never a
crash.

In-process: the whole simulator app over httpx.ASGITransport; a "restart" is a save, a close and a new
PaperAccount on the same file."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.simulator.app import build_app
from services.simulator.engine import SimClock
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.snapshot import CHUNK
from services.simulator.engine.types import AccountConfig, SimOrderState, SimOrderType, SimSide
from services.simulator.paper import codec
from services.simulator.paper.account import PaperAccount
from services.simulator.paper.store import SCHEMA_VERSION, PaperStore, PaperStoreBusy, wipe
from services.simulator.paper.venues import kept_fields

CW = "http://sim.test/exp/v2"
RAMM = "http://sim.test/ramm/dc1/api/manager/v1/"
DX = "http://sim.test/dxweb/rest"
AG = "http://sim.test/aggregion"
KEY = "binance:BTC-USDT"
ACCOUNT = "cw:1:binance"


@contextlib.asynccontextmanager
async def served(account: PaperAccount) -> AsyncIterator[httpx.AsyncClient]:
    """The simulator app over ``account`` for the block, its lifespan included: at the end the venues stop
    and the account is saved and closed, as when the app quits."""
    app = build_app(account.context)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sim.test") as http:
            yield http


async def cw_login(http: httpx.AsyncClient) -> dict[str, str]:
    answer = await http.post(f"{CW}/user/login", json={"userName": "demo", "password": "demo"})
    return {"Authorization": f"Bearer {answer.json()['data']['authToken']}"}


def restart(account: PaperAccount, path: Path) -> PaperAccount:
    account.save(force=True)
    account.close()
    return PaperAccount(path, seed=3)


def documents(account: PaperAccount) -> dict[tuple[str, str], str]:
    return {(venue, name): codec.dumps(value) for venue, name, value in kept_fields(account.context)}


async def aggregion_key(http: httpx.AsyncClient) -> str:
    """The demo user's Aggregion device key for this device (made at first ask): its number."""
    session = (await http.post(f"{AG}/id/api/auth/local", json={"login": "demo", "password": "demo"})).json()
    code = await http.post(f"{AG}/id/api/oauth/code", json={"clientId": "tessera", "credentials": {}},
                           headers={"X-Session-Id": session["sessionId"]})
    token = (await http.post(f"{AG}/id/api/oauth/token", json={
        "clientId": "tessera", "clientSecret": "demo", "grantType": "code", "code": code.json()["code"],
        "refreshToken": None})).json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    account = (await http.get(f"{AG}/id/api/users/me/accounts", headers=bearer)).json()[0]["id"]
    made = await http.post(f"{AG}/api/client/keys", json={"deviceId": "kept-device", "deviceName": "PC"},
                           headers={**bearer, "X-Account": account})
    assert made.status_code == 201, made.text
    return str(made.json()["number"])


STRATEGY_ITEM = {
    "name": "Kept maker",
    "exchange": "binance",
    "strategyType": "VolumeMarketMaker",
    "symbols": [{
        "name": "kept", "symbol": "ETH-BTC", "currency1": "ETH", "margin1": 0.2, "currency2": "BTC",
        "margin2": 0.02, "orderQty": 0.1, "qtyVar": 0.0, "priceVar": 0.0, "middlePrice": 0,
        "replaceDelay": 60.0, "delayVar": 10,
    }],
}


async def test_a_restart_brings_back_every_venue_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    account = PaperAccount(path, seed=3)
    async with served(account) as http:
        cw = await cw_login(http)
        added = await http.post(f"{CW}/config/market/custom/1/favorite/add",
                                json={"counterParty": "binance", "symbol": "ETH-BTC"}, headers=cw)
        assert added.json()["success"], added.text
        created = await http.post(f"{CW}/config/strategy/custom/1/item/create", json=STRATEGY_ITEM,
                                  headers=cw)
        assert created.json()["success"], created.text
        strategy = {**created.json()["data"]["1"], "id": "1"}
        started = await http.post(f"{CW}/strategy/start", json={"userid": "1", "strategy": strategy},
                                  headers=cw)
        assert started.json()["success"], started.text
        top = account.context.engine.top(KEY)
        far = (top.bid * Decimal("0.5")).quantize(Decimal("0.01"))
        resting = await http.post(f"{CW}/order/create", headers=cw, json={
            "owner": "1", "counterParty": "binance", "symbol": "BTC-USDT", "side": "BID",
            "orderType": "LIMIT", "price": str(far), "quantity": "0.01000"})
        filled = await http.post(f"{CW}/order/create", headers=cw, json={
            "owner": "1", "counterParty": "binance", "symbol": "BTC-USDT", "side": "BID",
            "orderType": "MARKET", "quantity": "0.01000"})
        assert filled.json()["data"]["executionType"] == "EXECUTION_FILLED", filled.text
        login = await http.post(f"{DX}/login",
                                json={"username": "demo", "domain": "default", "password": "demo"})
        deposit = await http.put(
            f"{DX}/api/register/account/ITI/ST100001-MO-01/deposit/kept-1",
            json={"currency": "RUB", "amount": 12345, "description": "kept"},
            headers={"Authorization": f"DXAPI {login.json()['sessionToken']}"},
        )
        assert deposit.status_code in (200, 201), deposit.text
        dx = {"Authorization": f"DXAPI {login.json()['sessionToken']}"}
        notice = await http.post(f"{DX}/api/clientnotifications", headers=dx, json={
            "recipients": [{"domain": "default", "login": "trader2"}], "priority": "HIGH", "subject": "Kept",
            "message": "Across restarts", "expirationDate": "2030-01-01T00:00:00.000Z",
            "mustAcknowledge": True})
        assert notice.status_code == 200, notice.text
        imported = await http.post(f"{DX}/api/transaction-import", headers=dx, json=[{
            "transactionId": "S1:K1", "action": "CREATE", "accountCode": "ST100001-MO-01", "symbol": "GAZP",
            "quantity": 10, "costBasis": -1500, "calculateCashEffect": True}])
        assert imported.json()["createdTransactions"] == ["S1:K1"], imported.text
        key = await aggregion_key(http)
        ramm_token = (await http.post(f"{RAMM}session.login", json={
            "Login": "demo", "Password": "demo", "CompanyID": 1})).json()["Token"]
        signal = await http.post(f"{RAMM}trading.addSignal", headers={"Token": ramm_token},
                                 json={"StrategyID": 1, "Symbol": "GAZP", "Lot": 300})
        assert signal.status_code == 200, signal.text
        before = documents(account)
        balances = account.context.engine.holdings(ACCOUNT)
        orders = account.context.engine.orders(ACCOUNT)
        fills = account.context.engine.fills(ACCOUNT)

    again = PaperAccount(path, seed=3)  # the app started again

    assert again.set_aside is None
    assert documents(again) == before  # every kept field of every venue, to the byte
    engine = again.context.engine
    assert engine.holdings(ACCOUNT) == balances
    assert [(o.order_id, o.state, o.price) for o in engine.orders(ACCOUNT)] == [
        (o.order_id, o.state, o.price) for o in orders
    ]
    assert engine.fills(ACCOUNT) == fills
    assert far in [price for price, _size in engine.depth(KEY, 500).bids]  # it rests in the book again
    assert [k["number"] for k in again.context.venue_state["aggregion"].keys.values()] == [key]
    async with served(again) as http:
        cw = await cw_login(http)  # the same demo user, not a new one
        favourites = (await http.get(f"{CW}/config/market/custom/1/favorite", headers=cw)).json()["data"]
        assert {"counterParty": "binance", "symbol": "ETH-BTC", "favorite": True} in favourites
        items = (await http.get(f"{CW}/config/strategy/custom/1/items", headers=cw)).json()["data"]
        assert [item["name"] for item in items] == ["Kept maker"]
        assert await aggregion_key(http) == key  # the same device key
        status = (await http.get(f"{CW}/strategy/status/1", headers=cw)).json()["data"]["status"]
        assert status == [{"id": "1", "status": "running"}]  # it runs again, as at a real venue
        active = (await http.get(f"{CW}/order/active", params={"owner": "1"}, headers=cw)).json()["data"]
        assert resting.json()["data"]["streetOrderId"] in [o["streetOrderId"] for o in active]
        new = await http.post(f"{CW}/order/create", headers=cw, json={
            "owner": "1", "counterParty": "binance", "symbol": "BTC-USDT", "side": "BID",
            "orderType": "LIMIT", "price": str(far), "quantity": "0.01000"})
        assert int(new.json()["data"]["streetOrderId"]) > int(filled.json()["data"]["streetOrderId"])
    again.close()


async def test_only_changed_documents_are_written(tmp_path: Path) -> None:
    account = PaperAccount(tmp_path / "paper.sqlite")
    build_app(account.context)  # the venues make (seed) their state
    assert account.save(force=True) > 10
    assert account.save() == 0  # nothing happened since
    account.context.engine.open_account(AccountConfig("t:1"))
    account.context.engine.deposit("t:1", "USDT", Decimal(1000))
    account.touched("coinweight")
    assert account.save() == 1  # the engine's core only; the coin-weight users are as they were
    account.close()


def test_working_orders_meet_the_market_of_the_time_the_simulator_was_down() -> None:
    start, gap = 1_718_294_400.0, 6 * 3600
    engine = default_engine(5, SimClock(speed=0, start=start))
    engine.open_account(AccountConfig("u"))
    engine.deposit("u", "USDT", Decimal(1_000_000))
    seen_later = default_engine(5, SimClock(speed=0, start=start + gap))  # the same path, read afterwards
    low = Decimal(str(float(seen_later.bars(KEY, 60, start=start + 120, end=start + gap).low.min())))
    price = (low + Decimal(20)).quantize(Decimal("0.01"))  # reached while the simulator was down
    assert price < engine.top(KEY).bid - Decimal(20)
    order = engine.submit("u", KEY, SimSide.BUY, SimOrderType.LIMIT, Decimal("0.01"), price)
    assert order.state is SimOrderState.NEW
    core, orders, fills = engine.snapshot(), engine.orders_chunk(0), engine.fills_chunk(0)

    restored = default_engine(5, SimClock(speed=0, start=start + gap))
    restored.restore(core, orders, fills)

    assert restored.order(order.order_id).state is SimOrderState.FILLED
    assert restored.fills("u")[0].price == price
    assert restored.holding("u", "BTC").total == Decimal("0.01")


def test_the_market_goes_on_from_its_last_prices_and_a_fast_clock_never_goes_back(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    account = PaperAccount(path, seed=9, speed=0)
    account.context.clock.advance_by(3 * 86400)  # three simulated days ahead of the wall clock
    ahead = account.context.clock.now()
    last = account.context.engine.top(KEY).last
    account.save(force=True)
    account.close()

    again = PaperAccount(path, seed=1, speed=0)  # another seed asked: the account's market goes on

    assert again.context.seed == 9
    assert again.context.clock.now() == ahead
    assert again.context.engine.top(KEY).last == last
    again.close()


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    path.write_bytes(b"this is not SQLite at all" * 100)
    account = PaperAccount(path)
    assert account.set_aside is not None and account.set_aside.name.startswith("paper.sqlite.corrupt-")
    assert account.set_aside.read_bytes().startswith(b"this is not SQLite")
    assert account.context.engine.orders(ACCOUNT) == []  # a fresh account
    account.save(force=True)
    account.close()
    assert PaperAccount(path).set_aside is None  # the fresh file is a good one


def test_a_newer_schema_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    PaperStore(path).close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    account = PaperAccount(path)
    assert account.set_aside is not None and "newer" in (account.problem or "")
    account.close()


def test_a_document_the_venues_cannot_take_back_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    store = PaperStore(path)
    store.write({"seed": "1"}, {("coinweight", "users"): '{"$data": "os:system", "fields": {}}'})
    store.close()
    account = PaperAccount(path)
    assert account.set_aside is not None and "restored" in (account.problem or "")
    assert account.context.venue_state == {}  # fresh: the venues seed themselves
    account.close()


def test_one_writer_per_file(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    first = PaperStore(path)
    with pytest.raises(PaperStoreBusy):
        PaperStore(path)
    first.close()
    PaperStore(path).close()


def test_the_file_is_in_wal_mode_and_a_wipe_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "paper.sqlite"
    store = PaperStore(path)
    store.write({"k": "v"}, {("v", "p"): "[]"})
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    wipe(path)
    assert list(tmp_path.iterdir()) == []


def test_orders_are_kept_in_chunks(tmp_path: Path) -> None:
    account = PaperAccount(tmp_path / "paper.sqlite")
    engine = account.context.engine
    engine.open_account(AccountConfig("u"))
    engine.deposit("u", "USDT", Decimal(10_000_000))
    price = (engine.top(KEY).bid * Decimal("0.5")).quantize(Decimal("0.01"))
    for _ in range(CHUNK + 1):
        engine.submit("u", KEY, SimSide.BUY, SimOrderType.LIMIT, Decimal("0.001"), price)
    account.save(force=True)
    engine.cancel(str(CHUNK + 1))  # in the second chunk
    account.touched("marketdata")
    written = account.save()
    assert written == 2  # the core and the second chunk of orders, not the first
    account.close()


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1.50"),
        b"\x00\xffkey",
        (1, "a", (2, 3)),
        {1: "int key", (2, "x"): "tuple key", "$odd": "dollar key"},
        {"plain": [1, 2.5, None, True]},
        frozenset({"a", "b"}),
        {"set": {1, 2}},
        SimSide.BUY,
    ],
)
def test_the_codec_round_trips(value: Any) -> None:
    assert codec.loads(codec.dumps(value)) == value


def test_the_codec_rebuilds_only_classes_of_the_services_package() -> None:
    with pytest.raises(ValueError):
        codec.loads('{"$data": "subprocess:Popen", "fields": {}}')
    with pytest.raises(TypeError):
        codec.dumps(lambda: None)


def test_the_embedded_simulator_keeps_its_state_path_and_resets_on_the_same_port(tmp_path: Path) -> None:
    from services.simulator.server import EmbeddedSimulator

    path = tmp_path / "profile" / "paper-account.sqlite"
    favourite = {"counterParty": "huobi", "symbol": "ETH-BTC"}

    def favourites(base_url: str, add: bool = False) -> list[dict[str, Any]]:
        with httpx.Client(base_url=f"{base_url}/exp/v2") as http:
            token = http.post("/user/login", json={"userName": "demo", "password": "demo"}).json()
            headers = {"Authorization": f"Bearer {token['data']['authToken']}"}
            if add:
                http.post("/config/market/custom/1/favorite/add", json=favourite, headers=headers)
            return http.get("/config/market/custom/1/favorite", headers=headers).json()["data"]

    with EmbeddedSimulator(state_path=path) as first:
        assert favourites(first.base_url, add=True) == [{**favourite, "favorite": True}]
    with EmbeddedSimulator(state_path=path) as second:  # the app started again with the profile
        assert favourites(second.base_url) == [{**favourite, "favorite": True}]
        port = second.port
        assert second.reset_paper() == f"http://127.0.0.1:{port}"
        assert favourites(second.base_url) == []
    assert path.exists()


def test_a_folder_that_cannot_hold_the_file_leaves_the_simulator_in_memory(tmp_path: Path) -> None:
    from services.simulator.server import EmbeddedSimulator

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the profile folder should be")
    simulator = EmbeddedSimulator(state_path=blocker / "paper-account.sqlite")
    assert simulator.paper is None and simulator.paper_unavailable
    assert simulator.context.keeper is None  # trading works, forgetful
