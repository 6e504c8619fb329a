"""The simulated Aggregion DS + ID over raw HTTP: auth and X-Account, lease rules, maxKeys seats, publishing,
leases reaching the user, list syntax and Range; and the standalone server serving /aggregion."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.routing import Mount

from services.simulator.app import build_app
from services.simulator.context import SimulatorContext
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.clock import SimClock

DS = "/aggregion/api"
ID = "/aggregion/id/api"


@dataclass
class Session:
    http: httpx.AsyncClient
    headers: dict[str, str]
    user: str
    account: str

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.http.get(DS + path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    async def post(self, path: str, body: Any = None) -> httpx.Response:
        return await self.http.post(DS + path, json=body, headers=self.headers)

    async def patch(self, path: str, body: Any) -> httpx.Response:
        return await self.http.patch(DS + path, json=body, headers=self.headers)


@dataclass
class Api:
    http: httpx.AsyncClient
    ctx: SimulatorContext

    async def session(self, login: str) -> Session:
        sid = (await self.http.post(f"{ID}/auth/local", json={"login": login, "password": "demo"})).json()
        code = await self.http.post(
            f"{ID}/oauth/code",
            json={"clientId": "tessera", "credentials": {"distribution": ["main"]}},
            headers={"X-Session-Id": sid["sessionId"]},
        )
        token = await self.http.post(
            f"{ID}/oauth/token",
            json={
                "clientId": "tessera",
                "clientSecret": "demo",
                "grantType": "code",
                "code": code.json()["code"],
                "refreshToken": None,
            },
        )
        assert token.status_code == 200, token.text
        bearer = {"Authorization": f"Bearer {token.json()['token']}"}
        me = (await self.http.get(f"{ID}/users/me", headers=bearer)).json()
        account = (await self.http.get(f"{ID}/users/me/accounts", headers=bearer)).json()[0]
        return Session(self.http, {**bearer, "X-Account": account["id"]}, me["id"], account["id"])


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    clock = SimClock(speed=1.0)
    ctx = SimulatorContext(engine=default_engine(5, clock), clock=clock, seed=5)
    app = build_app(ctx)
    assert any(isinstance(r, Mount) and r.path == "/aggregion" for r in app.routes)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test") as http:
        yield Api(http, ctx)


async def position(session: Session, slug: str) -> dict[str, Any]:
    rows = (await session.get("/catalog", params={"filter": f'options.slug("{slug}",equals)'})).json()
    assert len(rows) == 1, rows
    return rows[0]


async def free_item(session: Session, catalog_id: str) -> dict[str, Any]:
    items = (
        await session.get("/items", params={"filter": f'catalog("{catalog_id}",equals)', "extend": "lease"})
    ).json()
    return next(i for i in items if "lease" not in i)


def when(days: float) -> str:
    moment = time.time() + days * 86400
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(moment))


# --- auth and account context -------------------------------------------------------------------------------


async def test_ds_needs_a_bearer_token_and_an_account_of_the_user(api: Api):
    assert (await api.http.get(f"{DS}/catalog")).status_code == 401
    demo = await api.session("demo")
    publisher = await api.session("publisher")
    no_account = await api.http.get(f"{DS}/catalog", headers={"Authorization": demo.headers["Authorization"]})
    assert no_account.status_code == 400 and no_account.json()["code"] == "account_required"
    foreign = await api.http.get(f"{DS}/catalog", headers={**demo.headers, "X-Account": publisher.account})
    assert foreign.status_code == 403
    public = await api.http.get(f"{DS}/public/catalog")  # no auth needed
    assert public.status_code == 200 and len(public.json()) == 6
    api.ctx.clock.advance_by(3601)
    expired = await demo.get("/client/leases")
    assert expired.status_code == 401 and "expired" in expired.json()["message"]


async def test_unknown_paths_and_verbs_answer_json(api: Api):
    missing = await api.http.get(f"{DS}/nothing-here")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    wrong_verb = await api.http.put(f"{DS}/public/catalog")
    assert wrong_verb.status_code == 405


# --- lease rules --------------------------------------------------------------------------------------------


async def test_lease_rules_overlap_owner_and_max_keys(api: Api):
    publisher = await api.session("publisher")
    demo = await api.session("demo")
    alerts = await position(publisher, "alerts-telegram")
    item = await free_item(publisher, alerts["id"])
    lease = {
        "item": item["id"],
        "user": demo.user,
        "beginDate": when(0),
        "expirationDate": when(30),
        "maxKeys": alerts["maxKeys"],
    }
    wrong_keys = await publisher.post("/leases", {**lease, "maxKeys": alerts["maxKeys"] + 1})
    assert wrong_keys.status_code == 400 and wrong_keys.json()["code"] == "max_keys_mismatch"
    made = await publisher.post("/leases", lease)
    assert made.status_code == 201, made.text
    assert made.json()["keys"] == [] and made.json()["isActive"] is True
    overlap = await publisher.post("/leases", {**lease, "beginDate": when(29), "expirationDate": when(60)})
    assert overlap.status_code == 409 and overlap.json()["code"] == "lease_overlap"
    after = await publisher.post("/leases", {**lease, "beginDate": when(30), "expirationDate": when(60)})
    assert after.status_code == 201  # touching, not overlapping
    too_long = await publisher.post("/leases", {**lease, "expirationDate": when(400)})
    assert too_long.status_code == 400 and "outlive" in too_long.json()["message"]
    not_owner = await demo.post("/leases", lease)
    assert not_owner.status_code == 403
    lease_id = made.json()["id"]
    assert (await publisher.patch(f"/leases/{lease_id}", {"isActive": False})).json()["isActive"] is False
    back = await publisher.patch(f"/leases/{lease_id}", {"isActive": True})
    assert back.status_code == 400
    other = await publisher.patch(f"/leases/{lease_id}", {"maxKeys": 9})
    assert other.status_code == 400
    reuse = await publisher.post("/leases", {**lease, "beginDate": when(1), "expirationDate": when(20)})
    assert reuse.status_code == 201  # an inactive lease no longer holds the dates


async def test_bind_and_unbind_use_and_free_a_seat(api: Api):
    demo = await api.session("demo")
    keys = [
        (await demo.post("/client/keys", {"deviceId": f"dev-{n}", "deviceName": f"PC {n}"})).json()
        for n in range(3)
    ]
    assert len({k["number"] for k in keys}) == 3
    leases = (await demo.get("/client/leases", params={"extend": "item.catalog"})).json()
    pro = next(x for x in leases if x["item"]["catalog"]["title"]["default"] == "Tessera Pro")
    assert pro["maxKeys"] == 2
    for key in keys[:2]:
        bound = await demo.post(f"/client/leases/{pro['id']}/bind", {"keyNumber": key["number"]})
        assert bound.status_code == 200
    again = await demo.post(f"/client/leases/{pro['id']}/bind", {"keyNumber": keys[0]["number"]})
    assert again.status_code == 200 and len(again.json()["keys"]) == 2  # no-op
    full = await demo.post(f"/client/leases/{pro['id']}/bind", {"keyNumber": keys[2]["number"]})
    assert full.status_code == 409 and full.json()["code"] == "max_keys"
    freed = await demo.post(f"/client/leases/{pro['id']}/unbind", {"keyNumber": keys[0]["number"]})
    assert freed.status_code == 200 and keys[0]["id"] not in freed.json()["keys"]
    third = await demo.post(f"/client/leases/{pro['id']}/bind", {"keyNumber": keys[2]["number"]})
    assert third.status_code == 200 and set(third.json()["keys"]) == {keys[1]["id"], keys[2]["id"]}
    unknown = await demo.post(f"/client/leases/{pro['id']}/bind", {"keyNumber": "999"})
    assert unknown.status_code == 404
    licence = await demo.post(f"/client/leases/{pro['id']}/license", {"keyNumber": keys[0]["number"]})
    assert licence.status_code == 409  # unbound keys get no licence
    issued = await demo.post(f"/client/leases/{pro['id']}/license", {"keyNumber": keys[2]["number"]})
    assert issued.status_code == 201 and issued.json()["resourceId"]


# --- publishing and leasing to the user ---------------------------------------------------------------------


async def test_publish_makes_an_entry_public_and_unpublish_hides_it(api: Api):
    publisher = await api.session("publisher")
    options = await position(publisher, "options-analytics")
    public_ids = {e["id"] for e in (await api.http.get(f"{DS}/public/catalog")).json()}
    assert options["id"] not in public_ids
    assert (await api.http.get(f"{DS}/public/catalog/{options['id']}")).status_code == 404
    published = await publisher.post(f"/catalog/{options['id']}/publish")
    assert published.status_code == 200
    assert published.json()["isPublic"] is True and published.json()["publishingStatus"] == "published"
    public = (await api.http.get(f"{DS}/public/catalog", params={"filter": 'title("Options",regex)'})).json()
    assert [e["id"] for e in public] == [options["id"]]
    assert (await api.http.get(f"{DS}/public/catalog/{options['id']}/bundles")).json()[0][
        "version"
    ] == "1.0.0"
    await publisher.post(f"/catalog/{options['id']}/unpublish")
    assert options["id"] not in {e["id"] for e in (await api.http.get(f"{DS}/public/catalog")).json()}


async def test_owner_edit_rules_of_the_catalog(api: Api):
    publisher = await api.session("publisher")
    entry = await position(publisher, "themes-night")
    for body in ({"rejectReason": "no"}, {"owner": "x"}, {"publishingStatus": "inReview"}):
        refused = await publisher.patch(f"/catalog/{entry['id']}", body)
        assert refused.status_code == 403, body
    hidden = await publisher.patch(f"/catalog/{entry['id']}", {"isPublic": False})
    assert hidden.status_code == 201 and hidden.json()["isPublic"] is False  # PATCH answers 201
    demo = await api.session("demo")
    assert (await demo.get(f"/catalog/{entry['id']}")).status_code == 403


async def test_a_lease_to_the_demo_user_appears_in_their_leases(api: Api):
    publisher = await api.session("publisher")
    demo = await api.session("demo")
    before = {x["id"] for x in (await demo.get("/client/leases")).json()}
    assert len(before) == 2  # Tessera Pro and the layout pack, seeded
    strategies = await position(publisher, "strategies-market-making")
    made = await publisher.post(
        "/items/createLeasesForUsers",
        {"items": [{"catalog": strategies["id"]}], "users": [demo.user], "expirationDate": when(10)},
    )
    assert made.status_code == 201
    lease = made.json()[0]
    after = (await demo.get("/client/leases", params={"extend": ["item.catalog", "owner"]})).json()
    new = next(x for x in after if x["id"] == lease["id"])
    assert new["item"]["catalog"]["id"] == strategies["id"] and new["owner"]["name"] == "Tessera Labs"
    future = await publisher.post(
        "/leases",
        {
            "item": (await free_item(publisher, strategies["id"]))["id"],
            "user": demo.user,
            "beginDate": when(5),
            "expirationDate": when(9),
            "maxKeys": strategies["maxKeys"],
        },
    )
    assert future.status_code == 201
    assert future.json()["id"] not in {
        x["id"] for x in (await demo.get("/client/leases")).json()
    }  # not begun


# --- list syntax, Range, grouped ----------------------------------------------------------------------------


async def test_list_syntax_and_range(api: Api):
    publisher = await api.session("publisher")
    page = await publisher.get("/catalog", headers={"Range": "items=2-4"})
    assert (
        page.status_code == 206 and page.headers["content-range"] == "items 2-4/7" and len(page.json()) == 3
    )
    tail = await publisher.get("/catalog", headers={"Range": "items=5-"})
    assert tail.headers["content-range"] == "items 5-6/7"
    assert (await publisher.get("/catalog", headers={"Range": "items=9-10"})).status_code == 416
    assert (await publisher.get("/catalog", headers={"Range": "bytes=0-1"})).status_code == 416
    both = await publisher.get(
        "/catalog", params={"filter": ['tags(["layouts","themes"],in)', 'platformSupport("linux",equals)']}
    )
    assert sorted(e["options"]["slug"] for e in both.json()) == ["layouts-scalper", "themes-night"]
    not_pro = await publisher.get("/catalog", params={"filter": 'options.kind("product",notequals)'})
    assert len(not_pro.json()) == 6
    for bad in ('tags("x",like)', "tags(x,equals)", 'tags("(",regex)', "nonsense"):
        refused = await publisher.get("/catalog", params={"filter": bad})
        assert refused.status_code == 400 and refused.json()["code"] == "bad_filter", bad
    assert (await publisher.get("/catalog", params={"filter": 'cover("x",equals)'})).status_code == 400
    assert (await publisher.get("/catalog", params={"extend": "catalog"})).json()["code"] == "bad_extend"
    fund = (await publisher.get("/funds")).json()[0]
    grouped = await publisher.get(f"/funds/{fund['id']}/grouped")
    assert grouped.status_code == 206 and grouped.headers["content-range"] == "items 0-6/7"
    assert {sum(i["qty"] for i in row["items"]) for row in grouped.json()} == {10}  # leased items stay put


async def test_fund_delete_moves_items_to_the_default_fund(api: Api):
    publisher = await api.session("publisher")
    fund = await publisher.post("/funds", {"owner": publisher.account, "name": "Tmp"})
    assert fund.status_code == 200  # as documented, not 201
    themes = await position(publisher, "themes-night")
    await publisher.post(
        "/items/multi",
        {"catalog": themes["id"], "fund": fund.json()["id"], "expirationDate": when(100), "qty": 3},
    )
    deleted = await api.http.delete(f"{DS}/funds/{fund.json()['id']}", headers=publisher.headers)
    assert deleted.status_code == 204 and deleted.content == b""
    moved = (
        await publisher.get(
            "/transactions", params={"filter": f'oldFund("{fund.json()["id"]}",equals)', "extend": "document"}
        )
    ).json()
    assert len(moved) == 1 and len(moved[0]["items"]) == 3 and moved[0]["document"]["type"] == "displacement"


# --- the standalone server ----------------------------------------------------------------------------------


def test_the_standalone_simulator_serves_aggregion():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.simulator", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                response = httpx.get(f"http://127.0.0.1:{port}{DS}/public/catalog", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the simulator did not come up"
                time.sleep(0.1)
        assert response.status_code == 200 and len(response.json()) == 6
        key = httpx.get(f"http://127.0.0.1:{port}{DS}/public/licenseKey", timeout=5).json()
        import resources
        from services.aggregion.pinned_keys import pinned_keys

        # the fixed demo key, at any seed: the one Tessera ships for loopback hosts
        assert list(pinned_keys(resources.path("keys", "aggregion"), f"http://127.0.0.1:{port}").keys) == [
            key["keyId"]
        ]
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
        assert "aggregion" in out
    finally:
        if proc.poll() is None:
            proc.kill()
