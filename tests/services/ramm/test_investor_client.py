"""The client API part a manager uses to open a follower account (services/ramm/investor.py) against the
simulator's client API: a one-time password from clients.getOTP, session.login with it (once), accounts.add
with the documented checks, session.logout; errors in the client doc's spelling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import ROUND_HALF_UP, Decimal

import pytest

from services.errors import AuthError, VenueError
from services.ramm import Query, RammClient
from services.ramm import schemas as s
from services.ramm.enums import AccountType
from services.ramm.investor import RammInvestorClient, client_api_base, open_follower_account
from services.ramm.session import RammSession
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD
from tests.services.ramm.sim_support import MAIN_URL, SimHandle, make_sim

VENUE_URL = "http://sim.test/ramm"


@pytest.fixture(scope="module")
def sim() -> SimHandle:
    return make_sim()


@pytest.fixture
async def demo(sim: SimHandle) -> AsyncIterator[RammClient]:
    async with RammClient.create(MAIN_URL, transport=sim.transport()) as main:
        client = await main.open_company(DEMO_LOGIN, DEMO_PASSWORD, company_id=1)
        async with client:
            yield client


def investor(sim: SimHandle) -> RammInvestorClient:
    return RammInvestorClient.create(client_api_base(VENUE_URL), transport=sim.transport())


async def test_a_follower_account_is_opened_for_a_client_with_a_one_time_password(
    demo: RammClient, sim: SimHandle
) -> None:
    wallet_before = (await demo.wallets_get(9)).Balance
    async with investor(sim) as api:
        opened = await open_follower_account(
            demo, api, 9, s.FollowerDraft(StrategyID=2, Factor=Decimal("1.5"), Money=Decimal("1000"))
        )
        assert api.token is None  # the client's session ended
    account = await demo.accounts_get(opened.AccountID)
    assert (account.StrategyID, account.ClientID, account.Factor) == (2, 9, Decimal("1.5"))
    assert account.Type == AccountType.REAL_INTERNAL and account.ProfitBase == Decimal(1000)  # invested
    assert (await demo.wallets_get(9)).Balance == wallet_before - 1000
    trader = next(a for a in (await demo.accounts_search(Query({"StrategyID": 2}))).rows if a.IsSecurity)
    held = {
        p.Symbol: p.VolumeOpen for p in (await demo.positions_search(Query({"AccountID": trader.ID}))).rows
    }
    mine = {
        p.Symbol: p.VolumeOpen for p in (await demo.positions_search(Query({"AccountID": account.ID}))).rows
    }
    lot = Decimal("0.01")  # volumes keep 2 decimals
    assert mine == {k: ((v or 0) * Decimal("1.5")).quantize(lot, ROUND_HALF_UP) for k, v in held.items()}


async def test_a_one_time_password_works_once_and_the_checks_are_the_documented_ones(
    demo: RammClient, sim: SimHandle
) -> None:
    otp = await demo.clients_get_otp(10)
    async with investor(sim) as api:
        login = await api.session_login_otp(otp)
        assert login.Client is not None and login.Client.ID == 10 and login.Session.WalletID == 10
        for draft, field in (
            (s.FollowerDraft(StrategyID=2, Factor=Decimal("0.001"), Money=Decimal(10)), "Factor"),
            (s.FollowerDraft(StrategyID=2, Factor=Decimal(1001), Money=Decimal(10)), "Factor"),
            (s.FollowerDraft(StrategyID=2, Factor=Decimal(1), Money=Decimal("10.005")), "Money"),
            (s.FollowerDraft(StrategyID=2, Factor=Decimal(1), Money=Decimal(10**9)), "Money"),
            (
                s.FollowerDraft(StrategyID=2, Factor=Decimal(1), Money=Decimal(10), Protection=Decimal(1)),
                "Protection",
            ),
            (s.FollowerDraft(StrategyID=999, Factor=Decimal(1), Money=Decimal(10)), "StrategyID"),
        ):
            with pytest.raises(VenueError) as refused:
                await api.accounts_add(draft)
            assert (
                refused.value.code == "invalid_input" and f"'{field}'" in refused.value.message
            )  # Error.Code
        await api.session_logout()
        with pytest.raises(AuthError):  # the session is gone
            await api.accounts_add(s.FollowerDraft(StrategyID=2, Factor=Decimal(1), Money=Decimal(10)))
        with pytest.raises(AuthError):  # used once
            await api.session_login_otp(otp)


async def test_a_manager_without_the_right_cannot_open_one(sim: SimHandle) -> None:
    session = RammSession(VENUE_URL, transport=sim.transport(), heartbeat_interval=3600)
    try:
        await session.login("viewer", DEMO_PASSWORD)
        with pytest.raises(VenueError) as refused:
            await session.open_follower(
                9, s.FollowerDraft(StrategyID=2, Factor=Decimal(1), Money=Decimal(10))
            )
        assert refused.value.code == "access_denied"
    finally:
        await session.aclose()
