"""Every DxRegisterClient method against the simulated dxRegister (in-process, httpx.ASGITransport)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from inspect import iscoroutinefunction
from pathlib import Path

import pytest

from services.dxregister import DxRegisterClient, SessionKeepAlive
from services.dxregister import client as client_module
from services.dxregister import schemas as dx
from services.dxregister.session import next_ping_delay
from services.errors import AuthError, TransportError, VenueError
from services.simulator.faults import FaultRule
from tests.services.dxregister.simulated import (
    CLEARING,
    PORTFOLIO,
    START,
    TRADER2_ACCOUNT,
    DxSim,
    make_sim,
)

FUTURE = datetime.fromtimestamp(START, UTC) + timedelta(days=1)


@pytest.fixture
def sim() -> DxSim:
    return make_sim()


@pytest.fixture
async def op(sim: DxSim) -> AsyncIterator[DxRegisterClient]:
    client = await sim.operator()
    yield client
    await client.aclose()


def test_the_client_has_one_method_per_documented_operation():
    table = re.findall(
        r"^\s*\d+\s+(?:GET|POST|PUT|DELETE)\s+\S+(?: \(form\))?\s+(\w+)\s*$",
        client_module.__doc__ or "",
        flags=re.M,
    )
    assert len(table) == 51 and len(set(table)) == 51
    this_file = Path(__file__).read_text(encoding="utf-8")
    for name in table:
        assert iscoroutinefunction(getattr(DxRegisterClient, name)), name
        assert re.search(rf"\.{name}\(", this_file), f"{name} is not run against the simulator here"


# ------------------------------------------------------------------------------------------ dxWeb sessions
async def test_login_ping_and_the_documented_extension_timeline(sim: DxSim):
    client = sim.client()
    result = await client.login("demo", "default", "demo")
    assert result.timeout == 1_800_000 and client.session_token == result.session_token
    for minute, expiry in [(5, 30), (14, 30), (16, 45), (29, 45), (31, 60)]:  # the doc's example
        sim.clock.advance_by(START + minute * 60 - sim.clock.now())
        answer = await client.ping()
        assert answer.session_token == result.session_token
        assert answer.timeout == (expiry - minute) * 60_000
    sim.advance(30 * 60)  # past 11:00
    with pytest.raises(AuthError) as caught:
        await client.ping()
    assert caught.value.http_status == 403 and "expired" in caught.value.message
    with pytest.raises(AuthError):
        await client.accounts()
    await client.aclose()


async def test_wrong_password_and_basic_auth(sim: DxSim):
    client = sim.client()
    with pytest.raises(AuthError) as caught:
        await client.login("demo", "default", "nope")
    assert caught.value.code == 30016 and caught.value.http_status == 403
    client.use_basic("demo", "default", "demo")
    assert [a.account_code for a in await client.accounts()][:2] == [PORTFOLIO, "ST100001-MO-02"]
    client.use_basic("demo", "default", "wrong")
    with pytest.raises(AuthError) as caught:
        await client.accounts()
    assert caught.value.http_status == 401
    await client.aclose()


async def test_a_plain_client_gets_access_denied(sim: DxSim):
    client = sim.client()
    await client.login("trader2", "default", "demo")
    with pytest.raises(AuthError) as caught:
        await client.accounts()
    assert caught.value.code == 20020 and caught.value.message.startswith("Access denied")
    notification = dx.ClientNotification(
        priority=dx.NotificationPriority.LOW,
        subject="s",
        message="m",
        expiration_date=FUTURE,
        must_acknowledge=False,
        send_to_all=dx.NotificationAudience.ALL,
    )
    with pytest.raises(VenueError) as refused:
        await client.create_notification(notification)
    assert refused.value.code == 20020 and refused.value.http_status == 400  # as the doc lists it
    with pytest.raises(AuthError):
        await client.login("demo", "default")  # on behalf of another user needs LOGIN_ON_BEHALF
    await client.aclose()


async def test_login_on_behalf(op: DxRegisterClient, sim: DxSim):
    other = sim.client()
    other.set_session_token(op.session_token)
    result = await other.login("trader2", "default")
    assert result.session_token != op.session_token
    assert sim.state.sessions[result.session_token or ""].user == ("default", "trader2")


async def test_keep_alive_keeps_the_session_and_expiry_is_reported():
    sim = make_sim(speed=1.0)  # real time: the session lasts 0.6 s; pings come when 0.24 s are left
    sim.state.session_lifetime = 0.6
    client = sim.client()
    await client.login("demo", "default", "demo")
    expired: list[AuthError] = []
    keep = SessionKeepAlive(client, on_expired=expired.append, retry_delay=0.05)
    keep.start()
    await asyncio.sleep(1.5)
    assert keep.running and keep.pings >= 2
    assert len(await client.accounts()) == 3  # still logged in after 2.5 lifetimes
    await keep.stop()
    await asyncio.sleep(0.8)
    with pytest.raises(AuthError):
        await client.accounts()
    keep.start()  # on an expired session: the first ping (due after 0.36 s) reports it
    await asyncio.sleep(0.6)
    assert expired and keep.expired is expired[0] and not keep.running
    await client.aclose()


def test_next_ping_is_just_past_half_way():
    assert next_ping_delay(1_800_000, 1_800_000) == pytest.approx(1080.0)  # 0.6 of the lifetime
    assert next_ping_delay(1_800_000, 900_000) == pytest.approx(180.0)
    assert next_ping_delay(1000, 10) > 0


async def test_check_login_generate_and_sso_tokens(op: DxRegisterClient, sim: DxSim):
    await op.check_login("trader2", "default", password="demo")
    await op.check_login_form("trader2", "default", password="demo")
    with pytest.raises(VenueError) as caught:
        await op.check_login("trader2", "default", password="bad")
    assert caught.value.code == 30016
    token = await op.generate_token("trader2", "default")
    await op.check_login("trader2", "default", token=token)
    form_token = await op.generate_token_form("demo", "default")
    info = await op.sso_token_info(form_token)
    assert (info.user_name, info.user_domain, info.user_id) == ("demo", "default", 2)
    assert info.expiration_time == int(sim.clock.now() * 1000) + 300_000
    sso = await op.sso_token(dx.SsoTokenRequest(dx_core_session_token=op.session_token, token_duration=1000))
    assert (await op.sso_token_info(sso)).expiration_time == int(sim.clock.now() * 1000) + 1000
    sim.advance(2)
    with pytest.raises(VenueError) as expired:
        await op.sso_token_info(sso)
    assert expired.value.http_status == 400 and "malformed or expired" in expired.value.message
    trader = sim.client()
    await trader.login("trader2", "default", "demo")
    with pytest.raises(AuthError) as denied:
        await trader.generate_token("demo", "default")
    assert denied.value.http_status == 403
    await trader.aclose()


async def test_logouts(op: DxRegisterClient, sim: DxSim):
    trader = sim.client()
    await trader.login("trader2", "default", "demo")
    assert "1 session" in await op.logout_user_by_login("trader2", "default")
    with pytest.raises(AuthError):
        await trader.ping()
    await trader.login("trader2", "default", "demo")
    assert "1 session" in await op.logout_user_by_id(3)
    result = await trader.login("trader2", "default", "demo")
    assert "1 session" in await op.logout_user_by_token("trader2", "default", result.session_token or "")
    with pytest.raises(VenueError) as unknown:
        await op.logout_user_by_id(999)
    assert unknown.value.http_status == 404
    with pytest.raises(AuthError) as system:
        await op.logout_user_by_id(1)
    assert "system user" in system.value.message
    await trader.aclose()


# ---------------------------------------------------------------------------------------- accounts and money
async def test_accounts_filters_update(op: DxRegisterClient, sim: DxSim):
    assert [a.account_code for a in await op.accounts(status="FULL_TRADING", type="CLIENT")] == [
        PORTFOLIO,
        "ST100001-MO-02",
        TRADER2_ACCOUNT,
    ]
    account = await op.account(CLEARING, PORTFOLIO)
    assert account.balance == Decimal(1_000_000) and account.account_type is dx.AccountTier.LIVE
    updated = await op.update_account(
        CLEARING,
        TRADER2_ACCOUNT,
        dx.AccountUpdate(
            credit=Decimal("150.5"),
            is_pdt_account=True,
            status=dx.AccountStatus.CLOSE_ONLY,
            expiration_date=FUTURE,
        ),
    )
    assert (updated.credit, updated.pdt_account, updated.status) == (
        Decimal("150.5"),
        True,
        dx.AccountStatus.CLOSE_ONLY,
    )
    assert updated.expiration_date == FUTURE
    sim.advance(2 * 86400)  # past the DEMO account's expirationDate (and the session's end)
    await op.login("demo", "default", "demo")
    assert (await op.account(CLEARING, TRADER2_ACCOUNT)).status is dx.AccountStatus.EXPIRED
    with pytest.raises(VenueError) as live:
        await op.update_account(CLEARING, PORTFOLIO, dx.AccountUpdate(expiration_date=FUTURE))
    assert live.value.code == 20008
    with pytest.raises(VenueError) as missing:
        await op.account(CLEARING, "NOPE")
    assert (missing.value.code, missing.value.http_status) == (30007, 404)


async def test_transfers_post_put_edit(op: DxRegisterClient, sim: DxSim):
    made = await op.create_deposit(CLEARING, PORTFOLIO, dx.Deposit(currency="RUB", amount=Decimal(500)))
    assert made.transfer_id and sim.cash().total == Decimal(1_000_500)
    await op.create_withdrawal(CLEARING, PORTFOLIO, dx.Withdrawal(currency="RUB", amount=Decimal(200)))
    await op.create_adjustment(CLEARING, PORTFOLIO, dx.Adjustment(currency="RUB", amount=Decimal(-300)))
    assert sim.cash().total == Decimal(1_000_000)
    put = await op.put_withdrawal(
        CLEARING, PORTFOLIO, "w-1", dx.Withdrawal(currency="RUB", amount=Decimal(100))
    )
    assert put.transfer_id == "w-1" and sim.cash().total == Decimal(999_900)
    await op.put_adjustment(CLEARING, PORTFOLIO, "a-1", dx.Adjustment(currency="RUB", amount=Decimal("0.5")))
    # the same id with a new amount edits the transfer: only the difference moves
    edited = await op.put_withdrawal(
        CLEARING, PORTFOLIO, "w-1", dx.Withdrawal(currency="RUB", amount=Decimal(40))
    )
    assert edited.amount == Decimal(40) and sim.cash().total == Decimal("999960.5")
    assert sim.state.transfers["w-1"].edits == 1
    with pytest.raises(VenueError) as conflict:
        await op.put_deposit(CLEARING, PORTFOLIO, "w-1", dx.Deposit(currency="RUB", amount=Decimal(40)))
    assert (conflict.value.code, conflict.value.http_status) == (30010, 409)
    with pytest.raises(VenueError) as currency:
        await op.create_deposit(CLEARING, PORTFOLIO, dx.Deposit(currency="USD", amount=Decimal(1)))
    assert currency.value.code == 30008
    with pytest.raises(VenueError) as too_much:
        await op.create_withdrawal(CLEARING, PORTFOLIO, dx.Withdrawal(currency="RUB", amount=Decimal(10**9)))
    assert (too_much.value.code, too_much.value.http_status) == (30009, 422)
    assert (await op.account(CLEARING, PORTFOLIO)).balance == Decimal("999960.5")


async def test_a_retried_put_never_moves_money_twice(op: DxRegisterClient, sim: DxSim):
    pending = op.prepare_transfer("deposit", CLEARING, PORTFOLIO, "RUB", Decimal(1000), "wire 42")
    sim.ctx.faults.add(FaultRule(path="/deposit/", method="PUT", drop_after=True, times=1))
    with pytest.raises(TransportError) as lost:
        await op.send_transfer(pending)
    assert lost.value.outcome_unknown
    assert sim.cash().total == Decimal(1_001_000)  # it was made, the answer was lost
    again = await op.send_transfer(pending)  # the caller re-sends the same PUT
    assert again.transfer_id == pending.transfer_id and again.amount == Decimal(1000)
    assert sim.cash().total == Decimal(1_001_000)
    for kind in ("withdrawal", "adjustment"):
        other = op.prepare_transfer(kind, CLEARING, PORTFOLIO, "RUB", Decimal(10))  # type: ignore[arg-type]
        await op.send_transfer(other)
        await op.send_transfer(other)
    assert sim.cash().total == Decimal(1_001_000)


async def test_account_categories(op: DxRegisterClient):
    assert (await op.account_category(CLEARING, PORTFOLIO, "Commissions")).value == "Default"
    await op.set_account_category(CLEARING, PORTFOLIO, "Commissions", "VIP")
    assert (await op.account_category(CLEARING, PORTFOLIO, "Commissions")).value == "VIP"
    await op.delete_account_category(CLEARING, PORTFOLIO, "Commissions")
    with pytest.raises(VenueError) as gone:
        await op.account_category(CLEARING, PORTFOLIO, "Commissions")
    assert gone.value.code == 30003
    with pytest.raises(VenueError):
        await op.set_account_category(CLEARING, PORTFOLIO, "Commissions", "Platinum")


async def test_trade_permissions(op: DxRegisterClient, sim: DxSim):
    await op.add_trade_permission(CLEARING, PORTFOLIO, "default", "trader2")
    assert ("default", "trader2") in sim.state.account_traders[(CLEARING, PORTFOLIO)]
    await op.remove_trade_permission(CLEARING, PORTFOLIO, "default", "trader2")
    with pytest.raises(VenueError) as twice:
        await op.remove_trade_permission(CLEARING, PORTFOLIO, "default", "trader2")
    assert twice.value.code == 30022
    with pytest.raises(VenueError) as nobody:
        await op.add_trade_permission(CLEARING, PORTFOLIO, "default", "ghost")
    assert nobody.value.http_status == 404


# --------------------------------------------------------------------------------------- brokers, categories
async def test_brokers_and_categories(op: DxRegisterClient):
    [broker] = await op.brokers()
    assert (await op.broker(broker.broker_code)).namespace == "default"
    assert await op.brokers(type="OMNIBUS") == []
    names = [c.category for c in await op.broker_categories("ITI")]
    assert names == [c.category for c in await op.categories()]
    made = await op.create_category(
        "ITI", dx.Category(category="Tiers", values=[dx.CategoryValue(value="A")])
    )
    assert [v.value for v in made.values or []] == ["A"]
    renamed = await op.rename_category(
        "ITI", dx.AccountGroupRename(category="Tiers", old_value="A", new_value="B")
    )
    assert [v.value for v in renamed.values or []] == ["B"]
    assert (await op.broker_category("ITI", "Tiers")).values == [dx.CategoryValue(value="B")]
    await op.delete_category("ITI", dx.Category(category="Tiers"))
    with pytest.raises(VenueError) as gone:
        await op.broker_category("ITI", "Tiers")
    assert gone.value.code == 30003
    with pytest.raises(VenueError) as no_broker:
        await op.broker("NOPE")
    assert no_broker.value.code == 30002


# ------------------------------------------------------------------------------------------ clients
async def test_client_lifecycle(op: DxRegisterClient, sim: DxSim):
    new = dx.Client(
        login="jdoe",
        full_name="John Doe",
        password="pw",
        groups=["default@traders"],
        accounts=[dx.Account(account_code="JD-01", currency="USD", balance=Decimal(50))],
        dx_feed_account_id="dxf-9",
    )
    made = await op.create_client(new, account_access=dx.AccountAccess.VIEW_ONLY)
    assert (made.domain, made.status, made.password) == ("default", dx.ClientStatus.OFFLINE, None)
    assert (
        made.accounts
        and made.accounts[0].balance == Decimal(50)
        and made.accounts[0].clearing_code == CLEARING
    )
    assert ("default", "jdoe") not in sim.state.account_traders[(CLEARING, "JD-01")]
    assert "jdoe" in [c.login for c in await op.clients(type=dx.ClientType.CLIENT)]
    account = await op.create_account("default", "jdoe", dx.Account(account_code="JD-02", currency="EUR"))
    assert account.account_type is dx.AccountTier.DEMO and account.balance == 0
    client = await op.client("default", "jdoe")
    assert [a.account_code for a in client.accounts or []] == ["JD-01", "JD-02"]
    updated = await op.update_client(
        "default", "jdoe", dx.ClientUpdate(phone="+7"), if_match=op.etag_of("default", "jdoe")
    )
    assert updated.phone == "+7"
    await op.check_login("jdoe", "default", password="pw")
    assert await op.suspend_market_data_account("dxf-9") == "OK"
    feeds = dx.DxFeedSubscriptions(account_id="dxf-9", subscriptions=[dx.SubscriptionItem(feed_name="NYSE")])
    assert await op.activate_market_data(feeds) == "OK"
    assert await op.cancel_market_data(feeds) == "OK"
    await op.disable_client("default", "jdoe")
    with pytest.raises(VenueError) as again:
        await op.disable_client("default", "jdoe")
    assert (again.value.code, again.value.http_status) == (30021, 409)
    assert (await op.account(CLEARING, "JD-01")).status is dx.AccountStatus.TERMINATED
    await op.delete_client("default", "jdoe")
    with pytest.raises(VenueError) as gone:
        await op.client("default", "jdoe")
    assert gone.value.code == 30001
    with pytest.raises(VenueError) as duplicate:
        await op.create_client(dx.Client(login="trader2"))
    assert duplicate.value.code == 30005


async def test_groups_need_the_current_etag(op: DxRegisterClient, sim: DxSim):
    groups = {(g.domain, g.name) for g in await op.client_groups()}
    assert ("default", "vip") in groups
    assert (await op.client_group("default", "vip")).ancestors == ["default@traders"]
    await op.add_client_to_group("default", "trader2", "default", "vip")  # reads the ETag first
    assert "default@trader2" in ((await op.client_group("default", "vip")).clients or [])
    stale = op.etag_of("default", "trader2")
    await op.update_client("default", "trader2", dx.ClientUpdate(comments="moved up"))
    with pytest.raises(VenueError) as conflict:
        await op.remove_client_from_group("default", "trader2", "default", "vip", if_match=stale)
    assert (conflict.value.code, conflict.value.http_status) == (30011, 409)
    await op.remove_client_from_group("default", "trader2", "default", "vip")
    assert "default@vip" not in ((await op.client("default", "trader2")).groups or [])


# ------------------------------------------------------------------------------------------ notifications
async def test_notifications(op: DxRegisterClient, sim: DxSim):
    notification = dx.ClientNotification(
        recipients=[dx.NotificationRecipient(domain="default", login="trader2")],
        priority=dx.NotificationPriority.CRITICAL,
        subject="Margin",
        message="Top up",
        expiration_date=FUTURE,
        must_acknowledge=True,
    )
    notification_id = await op.create_notification(notification)
    [status] = (await op.notification_delivery(notification_id)).statuses or []
    assert status.read_time is None and status.recipient == notification.recipients[0]  # type: ignore[index]
    trader = sim.client()
    await trader.login("trader2", "default", "demo")
    delivery = await op.notification_delivery(
        notification_id, [dx.NotificationRecipient(domain="default", login="trader2")]
    )
    assert delivery.statuses and delivery.statuses[0].read_time == int(sim.clock.now() * 1000)
    assert (
        await op.update_notification_expiration(notification_id, FUTURE + timedelta(days=1))
        == notification_id
    )
    with pytest.raises(VenueError) as missing:
        await op.notification_delivery("N404")
    assert missing.value.code == 30019
    with pytest.raises(VenueError) as past:
        await op.create_notification(
            notification.model_copy(update={"expiration_date": FUTURE - timedelta(days=2)})
        )
    assert past.value.code == 20030
    await trader.aclose()


async def test_transaction_import(op: DxRegisterClient, sim: DxSim):
    rows = [
        dx.Transaction(
            transaction_id="S1:A1",
            action=dx.TransactionAction.CREATE,
            account_code=PORTFOLIO,
            symbol="RUB",
            quantity=Decimal(250),
            activity_type=dx.ActivityType.DEPOSIT,
        ),
        dx.Transaction(
            transaction_id="S1:A2",
            action=dx.TransactionAction.CREATE,
            account_code=PORTFOLIO,
            symbol="NOPE",
            quantity=Decimal(1),
            cost_basis=Decimal(-1),
        ),
    ]
    result = await op.import_transactions(rows)
    assert result.created_transactions == ["S1:A1"]
    assert [(f.transaction_id, f.error_code) for f in result.failed_transactions] == [
        ("S1:A2", dx.ImportErrorCode.SYMBOL_NOT_FOUND)
    ]
    assert sim.cash().total == Decimal(1_000_250)
    update = rows[0].model_copy(update={"action": dx.TransactionAction.UPDATE, "quantity": Decimal(100)})
    assert (await op.import_transactions([update])).updated_transactions == ["S1:A1"]
    delete = rows[0].model_copy(update={"action": dx.TransactionAction.DELETE})
    assert (await op.import_transactions([delete])).deleted_transactions == ["S1:A1"]
    assert sim.cash().total == Decimal(1_000_000)


async def test_onboarding_is_all_or_nothing(op: DxRegisterClient, sim: DxSim):
    bad = dx.Client(
        login="half",
        accounts=[
            dx.Account(account_code="H-01", currency="USD"),
            dx.Account(
                account_code="H-02", currency="USD", categories=[dx.AccountGroup(category="X", value="Y")]
            ),
        ],
    )
    with pytest.raises(VenueError) as refused:
        await op.create_client(bad)
    assert refused.value.code == 30003
    assert ("default", "half") not in sim.state.users and (CLEARING, "H-01") not in sim.state.accounts
    with pytest.raises(VenueError) as broker:
        await op.create_account(
            "default", "trader2", dx.Account(account_code="B", currency="USD", broker_code="X")
        )
    assert broker.value.code == 30018
