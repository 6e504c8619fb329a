"""Every RammClient method (the doc's 70 and strategies.checkName) against the simulated RAMM API, the login
discovery flow, paging, the keep-alive and the errors the simulator answers.

In-process: the simulator app behind httpx.ASGITransport with a frozen clock. The demo manager is
``demo``/``demo`` (all rights), ``viewer``/``demo`` reads only; the demo trader is client 1, owner of
strategy 1.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal

import pytest

from services.errors import AuthError, RejectedInput, VenueError
from services.ramm import Query, RammClient
from services.ramm import filters as f
from services.ramm import schemas as s
from services.ramm.enums import AccountStatus, CopyStrategyStatus, TransferType
from services.simulator.apis.ramm.rights import ALL_METHODS, URL_ALIASES
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD
from tests.services.ramm.sim_support import MAIN_URL, SimHandle, make_sim

DOCUMENTED_URL = {method: url for url, method in URL_ALIASES.items()}


@pytest.fixture
def sim() -> SimHandle:
    return make_sim()


@pytest.fixture
async def main(sim: SimHandle) -> AsyncIterator[RammClient]:
    client = RammClient.create(MAIN_URL, transport=sim.transport())
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
async def demo(main: RammClient) -> AsyncIterator[RammClient]:
    client = await main.open_company(DEMO_LOGIN, DEMO_PASSWORD, company_id=1)
    try:
        yield client
    finally:
        await client.aclose()


async def test_login_discovers_the_access_servers(main: RammClient) -> None:
    companies = await main.session_login_companies(DEMO_LOGIN, DEMO_PASSWORD)
    assert [(c.ID, c.Demo) for c in companies] == [(1, True), (2, False)]
    assert companies[0].URL == "http://sim.test/ramm/dc1" and companies[1].URL == "http://sim.test/ramm/dc2"
    partner = await main.open_company(DEMO_LOGIN, DEMO_PASSWORD, company_id=2, expiration_minutes=30)
    async with partner:
        assert str(partner.http.base_url) == "http://sim.test/ramm/dc2/api/manager/"
        session = await partner.session_get()
        assert (session.CompanyID, session.ExpirationMinutes, session.Demo) == (2, 30, False)
        assert partner.rights is not None and "clients.search" in partner.rights


async def test_login_refusals(main: RammClient) -> None:
    with pytest.raises(AuthError) as caught:
        await main.session_login_companies(DEMO_LOGIN, "wrong")
    assert caught.value.code == "bad_credentials" and caught.value.http_status == 401
    with pytest.raises(
        VenueError
    ) as refused:  # a session is opened on the access server, not the main domain
        await main.session_login(DEMO_LOGIN, DEMO_PASSWORD, company_id=1)
    assert refused.value.code == "invalid_input"
    with pytest.raises(RejectedInput, match="not open"):
        await main.open_company("viewer", DEMO_PASSWORD, company_id=2)


async def test_every_method_against_the_simulator(sim: SimHandle, demo: RammClient) -> None:
    c = demo
    # session.* / sessions.*
    session = await c.session_get()
    assert session.Login == DEMO_LOGIN and session.CompanyID == 1 and session.Demo is True
    assert "trading.addSignal" in await c.session_get_methods()
    beat = await c.session_heartbeat()
    assert beat.rights_changed is False
    assert any(x.Token == c.token for x in await c.session_get_my_sessions())
    assert any(x.Login == DEMO_LOGIN for x in await c.sessions_search())
    # profile.* / settings.* / password.set
    await c.profile_set(s.ProfileUpdate(FirstName="Dana"))
    assert (await c.profile_get()).FirstName == "Dana"
    await c.settings_set("layout", '{"columns": [1]}')
    assert await c.settings_get("layout") == '{"columns": [1]}'
    await c.settings_set("layout", None)
    assert await c.settings_get("layout") is None
    await c.password_set(DEMO_PASSWORD, "demo2")
    await c.password_set("demo2", DEMO_PASSWORD)
    # managers.*
    created = await c.managers_add(
        s.ManagerDraft(Login="helper", Password="pw", FirstName="Hal"), ["clients.search", "clients.get"]
    )
    assert created.Login == "helper"
    page = await c.managers_search(Query(f.ManagerFilter(Value="help")))
    assert [m.ID for m in page.rows] == [created.ID]
    await c.managers_set(s.ManagerUpdate(ID=created.ID, Comment="assistant", Tag=7))
    info = await c.managers_get(created.ID)
    assert info.Comment == "assistant" and info.Tag == "7" and info.Company is not None
    await c.managers_set_methods(created.ID, ["clients.search"])
    assert "clients.get" not in await c.managers_get_methods(created.ID, 1)
    # companies.* / company.*
    child = await c.companies_add("Child desk", "https://child.example", True)
    assert (await c.companies_get(child)).ParentID == 1
    assert {row.ID for row in (await c.companies_search()).rows} >= {1, 2, child}
    await c.company_set(name="Tessera Demo")
    company = await c.company_get()
    assert company.Name == "Tessera Demo" and company.URL == "http://sim.test/ramm/dc1"
    equity = await c.company_get_equity(dt_from=datetime(2026, 9, 1))
    assert len(equity) >= 20 and all(p.Equity is not None for p in equity)
    # clients.* and their wallets
    added = await c.clients_add_with_wallet(
        s.ClientDraft(Login="newbie", Password="pw", Email="n@x.io", ExecutionServerName="SimMT5")
    )
    assert added.Wallet.AssetID == 840
    await c.clients_set(s.ClientUpdate(ID=added.Client.ID, Comment="vip", Tag=3))
    client_info = await c.clients_get(added.Client.ID)
    assert client_info.Comment == "vip" and client_info.Statistic is not None
    assert (await c.clients_search(Query({"Login": "newbie"}))).rows[0].ID == added.Client.ID
    stats = await c.clients_search_statistic(Query({"Login": "demo"}))
    assert stats.rows[0].IDClient == 1
    await c.clients_set_password(added.Client.ID, "new-pw")
    assert len(await c.clients_get_otp(added.Client.ID)) == 6
    assert isinstance(await c.clients_get_charges("SimMT5", 0), list)
    transfer_id = await c.wallet_transfers_add(
        s.WalletTransferDraft(
            WalletID=added.Wallet.ID, Type=TransferType.FUND, Amount=Decimal("5000.50"), ExternalTransferID=77
        )
    )
    assert (await c.wallet_transfers_get(transfer_id)).Amount == Decimal("5000.5")
    assert (await c.wallets_get(added.Wallet.ID)).Balance == Decimal("5000.5")
    wallets = await c.wallets_search(Query({"ClientID": added.Client.ID}))
    assert [w.ID for w in wallets.rows] == [added.Wallet.ID]
    transfers = await c.wallet_transfers_search(Query({"WalletID": added.Wallet.ID}))
    assert [t.ID for t in transfers.rows] == [transfer_id]
    assert isinstance(await c.wallet_transfers_get_rewards("SimMT5", 0), list)
    # strategies.*
    assert await c.strategies_check_name("Fresh Idea") is True
    strategy_id = await c.strategies_add(
        s.StrategyDraft(
            WalletID=added.Wallet.ID,
            ClientID=added.Client.ID,
            Name="Fresh Idea",
            Money=Decimal(4000),
            FeeRate=Decimal("0.2"),
            CommissionRate=Decimal(10),
            ExecutionTags='{"Postfix": "c"}',
        )
    )
    assert await c.strategies_check_name("Fresh Idea") is False
    await c.strategies_set(strategy_id, "Fresh Idea II")
    strategy = await c.strategies_get(strategy_id)
    assert strategy.Name == "Fresh Idea II" and strategy.Status == CopyStrategyStatus.ACTIVE
    assert any(
        strategy_id == row.ID
        for row in (await c.strategies_search(Query(f.StrategyFilter(Name="Fresh", Closed=False)))).rows
    )
    # trading.*
    pending = await c.trading_search_strategies([1], need_sync_only=True)
    assert strategy_id in [row.ID for row in pending] and all(row.sync_needed for row in pending)
    signal_id = await c.trading_add_signal(
        s.SignalDraft(StrategyID=strategy_id, Symbol="SBER", Lot=Decimal(30))
    )
    await c.trading_add_sync(
        s.SyncDraft(
            StrategyID=strategy_id,
            Signals=[s.SyncItem(Symbol="SBER", Lot=Decimal(20)), s.SyncItem(Symbol="GAZP", Lot=Decimal(-10))],
        )
    )
    assert strategy_id not in [row.ID for row in await c.trading_search_strategies([1], need_sync_only=True)]
    shares = await c.strategysymbolstat_get(strategy_id)
    assert {x.Symbol for x in shares} == {"SBER", "GAZP"}
    assert sum((x.Share or Decimal(0)) for x in shares) == pytest.approx(100, abs=Decimal("0.05"))
    # signals.* / deals.* / positions.* / fills.* / fillRequests.*
    signal = await c.signals_get(signal_id)
    assert signal.TraderLot == Decimal(30) and signal.Symbol == "SBER"
    signals = await c.signals_search(
        Query(f.SignalFilter(StrategyID=strategy_id, DTFrom=datetime(2026, 9, 1)))
    )
    assert len(signals.rows) == 3 and signals.rows[-1].SymbolsSync
    deals = await c.deals_search(Query(f.DealFilter(StrategyID=strategy_id), order_by="ID"))
    assert [d.Volume for d in deals.rows] == [Decimal(30), Decimal(10), Decimal(10)]
    deal = await c.deals_get(deals.rows[0].ID)
    assert deal.DealID == deals.rows[0].ID and deal.FillRequestID
    request = await c.fill_requests_get(deal.FillRequestID)
    assert request.Symbol == "SBER"
    assert any(r.ID == request.ID for r in (await c.fill_requests_search(Query({"Symbol": "SBER"}))).rows)
    fills = await c.fills_search(Query(f.FillFilter(FillRequestID=request.ID)))
    assert (await c.fills_get(fills.rows[0].ID)).Price == deal.Price
    positions = await c.positions_search(Query({"StrategyID": strategy_id}))
    assert {(p.Symbol, p.VolumeOpen) for p in positions.rows} == {
        ("SBER", Decimal(20)),
        ("GAZP", Decimal(-10)),
    }
    assert (await c.positions_get(positions.rows[0].ID)).PositionID == positions.rows[0].ID
    # accounts.* (a seeded follower of the demo trader)
    followers = await c.accounts_search(Query(f.AccountFilter(StrategyID=1, Statuses=[1], Type=2)))
    follower = followers.rows[0].ID
    commands = await c.accounts_set(s.AccountUpdate(ID=follower, ABook=Decimal("0.25")))
    assert commands.ABookCommandID and (await c.accounts_get(follower)).ABook == Decimal("0.25")
    statement = await c.accounts_get_statement(follower)
    assert statement.IDAccount == follower and statement.IDStrategy == 1
    assert await c.accounts_pause(follower) > 0
    assert (await c.accounts_get(follower)).Status == AccountStatus.PAUSE
    assert await c.accounts_resume(follower) > 0
    assert await c.accounts_close(follower) > 0
    assert (await c.accounts_get(follower)).Status == AccountStatus.CLOSED
    assert await c.strategies_close(strategy_id) > 0
    assert (await c.strategies_get(strategy_id)).Status == CopyStrategyStatus.CLOSED
    # assets.* / symbols.* / streams.get
    usd = await c.assets_get(840)
    assert usd.Name == "USD"
    assert "SBER" in {a.Name for a in (await c.assets_search(Query({"Name": "SBER"}))).rows}
    sber = (await c.symbols_search(Query({"Name": "SBER"}))).rows[0]
    assert (await c.symbols_get(sber.ID)).AssetQuoteName == "RUB"
    assert [st.IDStream for st in await c.streams_get()] == [1]
    # sessions.logout (of another manager) and session.logout
    helper = await RammClient.create(MAIN_URL, transport=sim.transport()).open_company("helper", "pw")
    async with helper:
        await c.sessions_logout("helper")
        with pytest.raises(AuthError):
            await helper.session_get()
    await c.session_logout()
    with pytest.raises(AuthError):
        await c.session_get()

    served = {DOCUMENTED_URL.get(m, m) for m in ALL_METHODS}
    assert served <= sim.seen, sorted(served - sim.seen)


async def test_paging_iterator_walks_every_page(demo: RammClient) -> None:
    first = await demo.clients_search(Query(per_page=3))
    assert first.pagination.TotalRecords == 20 and first.pagination.TotalPages == 7 and first.has_next
    ids = [row.ID async for row in demo.iterate(demo.clients_search, Query(per_page=3, order_by="Login"))]
    assert len(ids) == 20 == len(set(ids))
    accounts = [row async for row in demo.iterate(demo.accounts_search, Query({"Type": 2}, per_page=7))]
    assert len(accounts) == 40


async def test_keep_alive_rereads_rights_after_they_change(main: RammClient, demo: RammClient) -> None:
    viewer = await main.open_company("viewer", DEMO_PASSWORD)
    async with viewer:
        assert viewer.rights is not None and "trading.addSignal" not in viewer.rights
        assert (await viewer.keep_alive()).rights_changed is False
        await demo.managers_set_methods(2, ["clients.search", "trading.addSignal"])
        beat = await viewer.keep_alive()
        assert beat.rights_changed and "trading.addSignal" in viewer.rights
        assert "clients.get" not in viewer.rights
        assert (await viewer.session_heartbeat()).rights_changed is False  # seen by session.getMethods


async def test_access_denied_and_expiry_through_the_client(sim: SimHandle, main: RammClient) -> None:
    viewer = await main.open_company("viewer", DEMO_PASSWORD)
    async with viewer:
        with pytest.raises(VenueError) as caught:
            await viewer.accounts_pause(6)
        assert caught.value.code == "access_denied" and caught.value.http_status == 403
        assert not isinstance(caught.value, AuthError)
        sim.ctx.clock.advance_by(11 * 60)
        with pytest.raises(AuthError):
            await viewer.clients_search()
