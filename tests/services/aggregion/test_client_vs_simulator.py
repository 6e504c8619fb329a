"""Every AggregionClient method against the simulated Aggregion DS, ID and storage, in-process.

``build_app(ctx)`` behind ``httpx.ASGITransport``; the demo user (``demo``/``demo``) and the publisher
(``publisher``/``demo``) sign in through the OAuth code flow with the ``tessera``/``demo`` client.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from services.aggregion import AggregionClient, AggregionUrls, LicenceStatus, verify_licence
from services.aggregion import schemas as s
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.simulator.apis.aggregion.state import AggregionState
from services.simulator.app import build_app
from services.simulator.context import SimulatorContext
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.clock import SimClock

ROOT = "http://sim.test/aggregion"


@dataclass
class Sim:
    ctx: SimulatorContext
    app: Starlette
    demo: AggregionClient
    publisher: AggregionClient

    @property
    def state(self) -> AggregionState:
        return self.ctx.venue_state["aggregion"]

    def client(self) -> AggregionClient:
        return client_of(self.app)


def client_of(app: Starlette) -> AggregionClient:
    return AggregionClient.create(
        AggregionUrls.under(ROOT), client_secret="demo", transport=httpx.ASGITransport(app=app)
    )


def catalog_of(lease: s.Lease) -> s.CatalogEntry:
    """The catalog position of a lease read with ``extend=item.catalog``."""
    assert isinstance(lease.item, s.Item) and isinstance(lease.item.catalog, s.CatalogEntry)
    return lease.item.catalog


async def signed_in(sim_client: AggregionClient, login: str) -> AggregionClient:
    await sim_client.login(login, "demo")
    accounts = await sim_client.accounts()
    sim_client.use_account(accounts[0].id)
    return sim_client


@pytest.fixture
async def sim() -> AsyncIterator[Sim]:
    clock = SimClock(speed=1.0)
    ctx = SimulatorContext(engine=default_engine(3, clock), clock=clock, seed=3)
    app = build_app(ctx)
    holder = Sim(
        ctx, app, await signed_in(client_of(app), "demo"), await signed_in(client_of(app), "publisher")
    )
    try:
        yield holder
    finally:
        await holder.demo.aclose()
        await holder.publisher.aclose()


def by_slug(entries: list[s.CatalogEntry], slug: str) -> s.CatalogEntry:
    return next(e for e in entries if e.options.get("slug") == slug)


def a_year() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=365)


# --- ID service ---------------------------------------------------------------------------------------------


async def test_login_me_and_accounts(sim: Sim):
    me = await sim.demo.me()
    assert me.nickname == "demo" and me.info.first_name == "Demo"
    accounts = await sim.demo.accounts()
    assert [a.name for a in accounts] == ["Demo trader"] and accounts[0].default_fund
    assert (await sim.demo.account_info(accounts[0].id)).id == accounts[0].id
    renamed = await sim.demo.update_account(accounts[0].id, s.AccountPatch(name="Demo desk"))
    assert renamed.name == "Demo desk"
    extra = await sim.demo.create_account(s.AccountDraft(name="Second desk"))
    assert extra.default_fund and extra.name == "Second desk"
    assert len(await sim.demo.accounts()) == 2


async def test_an_expired_token_is_refreshed_once_and_the_refresh_token_rotates(sim: Sim):
    old_refresh = sim.demo.refresh_token
    sim.ctx.clock.advance_by(3601)  # the token lives an hour of simulated time
    assert (await sim.demo.me()).nickname == "demo"
    assert sim.demo.refresh_token and sim.demo.refresh_token != old_refresh
    stale = sim.client()
    stale.set_tokens(s.TokenSet(token="nope", refresh_token=old_refresh, expires_in=3600))
    with pytest.raises(AuthError):
        await stale.me()  # 401, then the used refresh token is refused too
    assert not stale.authenticated
    await stale.aclose()


async def test_explicit_refresh_and_server_token(sim: Sim):
    first = sim.demo.refresh_token
    tokens = await sim.demo.refresh()
    assert tokens.token and tokens.expires_in == 3600 and tokens.refresh_token != first
    assert (await sim.demo.me()).nickname == "demo"
    backend = sim.client()
    server = await backend.server_token("publisher", "demo", expires_in=600)
    assert server.expires_in == 600 and server.refresh_token is None
    assert (await backend.me()).nickname == "publisher"
    await backend.aclose()


async def test_wrong_credentials_are_an_auth_error(sim: Sim):
    client = sim.client()
    with pytest.raises(AuthError):
        await client.login("demo", "wrong")
    client.client_secret = "wrong"
    session = await client.auth_local("demo", "demo")
    code = await client.oauth_code(session.session_id)
    with pytest.raises(AuthError):
        await client.exchange_code(code.code)
    with pytest.raises(AuthError):
        await client.refresh()  # nothing to refresh with
    await client.aclose()


async def test_a_ds_call_without_an_account_is_refused_before_sending(sim: Sim):
    client = sim.client()
    await client.login("demo", "demo")
    with pytest.raises(RejectedInput) as refused:
        await client.client_leases()
    assert refused.value.field == "account"
    await client.aclose()


# --- catalog, bundles, storage, public ----------------------------------------------------------------------


async def test_catalog_paging_filters_and_owner_edits(sim: Sim):
    page = await sim.publisher.catalog(rows=s.ItemRange(0, 2))
    assert page.partial and len(page.rows) == 3 and page.total == 7
    everything = await sim.publisher.catalog()
    assert not everything.partial and len(everything.rows) == 7
    layouts = await sim.publisher.catalog(
        s.ListQuery().where("options.kind", "layout-pack").extended("owner")
    )
    assert len(layouts.rows) == 1
    assert isinstance(layouts.rows[0].owner, s.IdAccount) and layouts.rows[0].owner.name == "Tessera Labs"
    russian = await sim.publisher.catalog(s.ListQuery().where("title.ru_RU", "^Набор", s.Sign.REGEX))
    assert [e.title.text("en_US") for e in russian.rows] == ["Scalper Layout Pack"]
    ordered = await sim.publisher.catalog(s.ListQuery().ordered("-title.en_US"))
    titles = [e.title.text("en_US") for e in ordered.rows]
    assert titles == sorted(titles, key=str.lower, reverse=True)
    searched = await sim.publisher.catalog(s.ListQuery().searching("KELTNER"))
    assert len(searched.rows) == 1

    entry = await sim.publisher.create_catalog_entry(
        s.CatalogFields(
            title=s.Localised({"default": "Heatmap", "en_US": "Heatmap", "ru_RU": "Тепловая карта"}),
            description=s.Localised({"default": "A market heatmap"}),
            tags=["panels"],
            max_keys=2,
        )
    )
    assert entry.is_public is False and entry.publishing_status == "none"
    changed = await sim.publisher.update_catalog_entry(entry.id, s.CatalogPatch(tags=["panels", "heatmap"]))
    assert changed.tags == ["panels", "heatmap"]
    assert (await sim.publisher.catalog_entry(entry.id, "owner")).tags == ["panels", "heatmap"]
    with pytest.raises(VenueError) as refused:
        await sim.publisher.update_catalog_entry(
            entry.id, s.CatalogPatch.model_validate({"rejectReason": "x"})
        )
    assert refused.value.http_status == 403
    published = await sim.publisher.publish(entry.id)
    assert published.is_public and published.publishing_status == "published"
    assert entry.id in {e.id for e in (await sim.demo.public_catalog()).rows}
    assert (await sim.demo.public_catalog_entry(entry.id)).title.text("ru") == "Тепловая карта"
    hidden = await sim.publisher.unpublish(entry.id)
    assert not hidden.is_public
    with pytest.raises(VenueError) as missing:
        await sim.demo.public_catalog_entry(entry.id)
    assert missing.value.http_status == 404 and missing.value.code == "not_found"
    await sim.publisher.delete_catalog_entry(entry.id)
    with pytest.raises(VenueError):
        await sim.publisher.catalog_entry(entry.id)
    pro = by_slug(everything.rows, "tessera-pro")
    with pytest.raises(VenueError) as has_items:
        await sim.publisher.delete_catalog_entry(pro.id)
    assert has_items.value.http_status == 409 and has_items.value.code == "has_items"


async def test_bundles_upload_and_download(sim: Sim):
    entries = (await sim.publisher.catalog()).rows
    pack = by_slug(entries, "layouts-scalper")
    stored = await sim.publisher.upload("scalper-2.json", b'{"layouts": []}', "application/json")
    bundle = await sim.publisher.create_bundle(
        s.BundleDraft(
            owner=sim.publisher.account or "", version="2.0.0", catalog=pack.id, source_resource_id=stored.id
        )
    )
    assert bundle.available and bundle.resource_id != stored.id
    assert (await sim.publisher.bundle(bundle.id, "catalog")).catalog == pack.model_copy()  # extended
    mine = await sim.publisher.bundles(s.ListQuery().where("catalog", pack.id))
    assert {b.version for b in mine} == {"1.0.0", "2.0.0"}
    public = await sim.demo.public_bundles(pack.id)
    assert {b.version for b in public} == {"1.0.0", "2.0.0"}
    first = next(b for b in public if b.version == "1.0.0")
    assert (await sim.demo.public_bundle(pack.id, first.id)).resource_id == first.resource_id
    layouts = json.loads(await sim.demo.download(first.resource_id))  # the demo user leases this pack
    assert layouts["format"] == "tessera-layouts/1"
    assert next(layout["name"] for layout in layouts["layouts"]) == "Scalper: one market"
    with pytest.raises(VenueError) as duplicate:
        await sim.publisher.create_bundle(
            s.BundleDraft(
                owner=sim.publisher.account or "",
                version="2.0.0",
                catalog=pack.id,
                source_resource_id=stored.id,
            )
        )
    assert duplicate.value.http_status == 409
    await sim.publisher.delete_bundle(bundle.id)
    assert {b.version for b in await sim.publisher.bundles(s.ListQuery().where("catalog", pack.id))} == {
        "1.0.0"
    }
    strategies = by_slug(entries, "strategies-market-making")
    locked = (await sim.demo.public_bundles(strategies.id))[0]
    with pytest.raises(VenueError) as forbidden:
        await sim.demo.download(locked.resource_id)  # no lease of the strategy pack
    assert forbidden.value.http_status == 403
    templates = json.loads(await sim.publisher.download(locked.resource_id))
    assert templates["format"] == "tessera-strategy-templates/1" and len(templates["templates"]) >= 2


# --- funds, items, documents, transactions ------------------------------------------------------------------


async def test_funds_items_moves_documents_and_transactions(sim: Sim):
    pub = sim.publisher
    themes = by_slug((await pub.catalog()).rows, "themes-night")
    default = next(f for f in await pub.funds() if f.name == "Default fund")
    fund = await pub.create_fund("Resellers")
    assert (await pub.rename_fund(fund.id, "Resellers EU")).name == "Resellers EU"
    expiry = a_year()
    one = await pub.create_item(s.ItemDraft(catalog=themes.id, fund=fund.id, expiration_date=expiry))
    assert one.creator == pub.account and one.fund == fund.id
    many = await pub.create_items(
        s.MultiItemDraft(catalog=themes.id, fund=fund.id, expiration_date=expiry, qty=4)
    )
    assert len(many) == 4
    in_fund = await pub.items(s.ListQuery().where("fund", fund.id).extended("catalog"))
    assert len(in_fund) == 5 and all(isinstance(i.catalog, s.CatalogEntry) for i in in_fund)
    extended = await pub.fund(fund.id, "items")
    assert extended.items is not None and len(extended.items) == 5
    grouped = await pub.grouped_items(fund.id, "catalog")
    assert grouped.partial and grouped.total == 1 and sum(q.qty for q in grouped.rows[0].items) == 5

    await pub.move_to_fund(
        s.MoveToFundRequest.to(
            default.id, [s.ItemsLine(catalog=themes.id, expiration_date=expiry, qty=2)], from_fund=fund.id
        )
    )
    assert len(await pub.items(s.ListQuery().where("fund", fund.id))) == 3
    demo_account = sim.demo.account or ""
    await pub.move_to_account(
        s.MoveToAccountRequest(
            items=[s.ItemsLine(catalog=themes.id, expiration_date=expiry, qty=1)],
            account=demo_account,
            document_options=[s.DocumentOption(key="order", value="A-1")],
            from_fund=fund.id,
        )
    )
    await pub.create_and_move_to_account(
        s.MoveToAccountRequest(
            items=[s.ItemsLine(catalog=themes.id, expiration_date=expiry, qty=2)], account=demo_account
        )
    )
    demo_items = await sim.demo.items()
    assert len(demo_items) == 3 and all(i.owner == demo_account for i in demo_items)
    invoices = await sim.demo.documents(s.ListQuery().where("options.value", "A-1").extended("owner"))
    assert len(invoices) == 1 and invoices[0].type == "invoice" and invoices[0].squad[0].qty == 1
    moves = await sim.demo.transactions(s.ListQuery().where("receiver", demo_account))
    assert len(moves) == 2

    paper = await pub.create_document(
        s.DocumentDraft(
            contragent=demo_account,
            type="order",
            squad=[s.SquadLine(catalog=themes.id, qty=2, license_period=365)],
        )
    )
    assert paper.number > 0 and paper.status == "new"
    accepted = await pub.update_document(paper.id, s.DocumentPatch(status="accepted"))
    assert accepted.status == "accepted"
    assert (await sim.demo.document(paper.id, "owner")).status == "accepted"  # the contragent sees it
    item = (await pub.items(s.ListQuery().where("fund", fund.id)))[0]
    made = await pub.create_transaction(
        s.TransactionDraft(
            receiver=demo_account,
            document=paper.id,
            old_fund=fund.id,
            new_fund=(await sim.demo.accounts())[0].default_fund or "",
            items=[item.id or ""],
        )
    )
    assert made.items == [item.id] and made.sender == pub.account
    with pytest.raises(VenueError) as referenced:
        await pub.delete_document(paper.id)
    assert referenced.value.http_status == 409
    spare = await pub.create_document(s.DocumentDraft(contragent=demo_account, type="order"))
    await pub.delete_document(spare.id)
    with pytest.raises(VenueError):
        await pub.document(spare.id)

    await pub.delete_fund(fund.id)
    assert fund.id not in {f.id for f in await pub.funds()}
    displaced = await pub.documents(s.ListQuery().where("contragent", pub.account or ""))
    assert any(d.type == "displacement" for d in displaced)
    with pytest.raises(VenueError) as kept:
        await pub.delete_fund(default.id)
    assert kept.value.http_status == 409


# --- leases and the client side -----------------------------------------------------------------------------


async def test_leases_made_by_the_publisher_reach_the_demo_user(sim: Sim):
    pub = sim.publisher
    entries = (await pub.catalog()).rows
    alerts = by_slug(entries, "alerts-telegram")
    indicators = by_slug(entries, "indicators-volatility")
    demo_user = (await sim.demo.me()).id or ""
    item = (await pub.items(s.ListQuery().where("catalog", alerts.id)))[0]
    now = datetime.now(UTC)
    lease = await pub.create_lease(
        s.LeaseDraft(
            item=item.id or "",
            user=demo_user,
            begin_date=now - timedelta(hours=1),
            expiration_date=now + timedelta(days=30),
            max_keys=1,
        )
    )
    assert lease.sn > 0 and lease.is_active
    assert catalog_of(await pub.lease(lease.id, "item.catalog")).id == alerts.id
    assert lease.id in {x.id for x in await pub.leases(s.ListQuery().where("user", demo_user))}
    expiry = next(i.expiration_date for i in await pub.items(s.ListQuery().where("catalog", indicators.id)))
    made = await pub.create_leases_for_users(
        s.LeasesForUsersRequest(
            items=[s.LeaseLine(catalog=indicators.id, expiration_date=expiry)],
            users=[demo_user],
            expiration_date=now + timedelta(days=90),
        )
    )
    assert len(made) == 1 and made[0].max_keys == indicators.max_keys
    group = next(iter(sim.state.groups))
    for_group = await pub.create_leases_for_groups(
        s.LeasesForGroupsRequest(
            items=[s.LeaseLine(catalog=indicators.id)],
            groups=[group],
            expiration_date=now + timedelta(days=10),
        )
    )
    assert [x.user for x in for_group] == [demo_user]
    mine = {x.id for x in await sim.demo.client_leases()}
    assert {lease.id, made[0].id, for_group[0].id} <= mine
    off = await pub.deactivate_lease(lease.id)
    assert off.is_active is False
    assert lease.id not in {x.id for x in await sim.demo.client_leases()}


async def test_keys_bind_licence_signature_and_unbind(sim: Sim):
    demo = sim.demo
    key = await demo.create_key("device-1234", "Trading desk")
    assert key.number and key.device_id == "device-1234"
    assert (await demo.create_key("device-1234", "again")).id == key.id  # one key per device
    assert (await demo.rename_key(key.id, "Main desk")).device_name == "Main desk"
    assert (await demo.key(key.id)).device_name == "Main desk"
    assert [k.id for k in await demo.keys()] == [key.id]

    leases = await demo.client_leases(s.ListQuery().extended("item.catalog", "owner"))
    titles = {catalog_of(x).title.text("en_US"): x for x in leases}
    assert {"Tessera Pro", "Scalper Layout Pack"} <= set(titles)
    pro = titles["Tessera Pro"]
    assert (await demo.client_lease(pro.id)).id == pro.id
    bound = await demo.bind_key(pro.id, key.number)
    assert bound.key_ids() == [key.id]

    licence = await demo.fetch_licence(pro.id, key.number)
    public = await demo.licence_key()
    check = verify_licence(
        licence, public.public_key, device_id="device-1234", lease_id=pro.id, key_number=key.number
    )
    assert check.status is LicenceStatus.VALID, check.reason
    assert (
        verify_licence(licence, public.public_key, device_id="other").status is LicenceStatus.FOREIGN_DEVICE
    )

    catalog_id = catalog_of(pro).id
    bundle = (await demo.public_bundles(catalog_id))[0]
    ref = await demo.sign_bundle(catalog_id, bundle.id, key.number, licence)
    signature = json.loads(await demo.download(ref.resource_id))
    assert signature["grant"]["bundle"] == bundle.id and signature["grant"]["keyNumber"] == key.number
    with pytest.raises(VenueError) as refused:
        await demo.sign_bundle(catalog_id, bundle.id, key.number, licence[:-3] + b"xx}")
    assert refused.value.http_status == 403

    unbound = await demo.unbind_key(pro.id, key.number)
    assert unbound.keys == []
    with pytest.raises(VenueError) as not_bound:
        await demo.issue_licence(pro.id, key.number)
    assert not_bound.value.http_status == 409


# --- failures -----------------------------------------------------------------------------------------------


async def test_unreadable_and_failed_answers_are_project_errors(sim: Sim):
    sim.ctx.faults.add(path="/aggregion/api/client/keys$", method="POST", malformed=True, times=1)
    with pytest.raises(TransportError) as unreadable:
        await sim.demo.create_key("dev-x", "X")
    assert unreadable.value.outcome_unknown
    sim.ctx.faults.add(path="/aggregion/api/client/leases$", error_rate=1.0, times=3)
    with pytest.raises(VenueError) as failed:
        await sim.demo.client_leases()
    assert failed.value.http_status == 503
    sim.ctx.faults.clear()


async def test_concurrent_calls_on_an_expired_token_refresh_once(sim: Sim):
    sim.ctx.clock.advance_by(3601)
    sim.ctx.faults.add(path="/aggregion/api/client/|/users/me$", latency_before=0.05)  # let the calls overlap
    tokens_before = len(sim.state.tokens)
    results = await asyncio.gather(sim.demo.me(), sim.demo.client_leases(), sim.demo.keys(), sim.demo.me())
    assert results[0].nickname == "demo" and len(results[1]) == 2
    assert sim.demo.authenticated
    assert len(sim.state.tokens) == tokens_before + 1  # a single refresh for the four calls
    sim.ctx.faults.clear()
