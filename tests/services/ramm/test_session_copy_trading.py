"""RammSession (login through company discovery, heartbeat, rights re-read, expiry) and CopyTrader (signals
from position changes, sync on connect, a lost answer reconciled) against the in-process simulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest

from services.domain import Balance, ConnectionState, InstrumentId, Position
from services.errors import AuthError
from services.ramm import Query, RammClient
from services.ramm.copy_trading import CopyTrader, Delivery
from services.ramm.session import RammSession
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD
from services.trading.stores import AccountStore, PositionStore
from tests.services.ramm.sim_support import MAIN_URL, SimHandle, make_sim

VENUE_URL = "http://sim.test/ramm"
SBER = InstrumentId("chp", "MOEX", "SBER")
GAZP = InstrumentId("chp", "MOEX", "GAZP")
PORTFOLIO = "ST100001-MO-01"


@pytest.fixture
def sim() -> SimHandle:
    return make_sim()


@pytest.fixture
async def session(sim: SimHandle) -> AsyncIterator[RammSession]:
    ramm = RammSession(VENUE_URL, transport=sim.transport(), heartbeat_interval=3600)
    try:
        yield ramm
    finally:
        await ramm.aclose()


def hold(store: PositionStore, **lots: int) -> None:
    positions = [
        Position(PORTFOLIO, InstrumentId("chp", "MOEX", symbol), Decimal(qty), Decimal(100))
        for symbol, qty in lots.items()
    ]
    store.set_positions("chp", positions)


async def test_login_goes_through_company_discovery(session: RammSession, sim: SimHandle) -> None:
    states: list[ConnectionState] = []
    session.state_changed.connect(lambda state, _detail: states.append(state))
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    assert states == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert session.company is not None and session.company.ID == 1
    assert str(session.client.http.base_url) == "http://sim.test/ramm/dc1/api/manager/"
    assert session.can("strategies.add") and session.can("session.heartbeat")
    assert "session.login" in sim.seen and "session.getMethods" in sim.seen
    await session.logout()
    assert session.state is ConnectionState.DISCONNECTED
    with pytest.raises(AuthError):
        _ = session.client


async def test_bad_password_fails_with_the_venues_words(session: RammSession) -> None:
    with pytest.raises(AuthError):
        await session.login(DEMO_LOGIN, "wrong")
    assert session.state is ConnectionState.FAILED and session.detail


async def test_heartbeat_rereads_rights_when_they_change(session: RammSession, sim: SimHandle) -> None:
    await session.login("viewer", DEMO_PASSWORD)
    assert not session.can("strategies.add")
    told: list[frozenset[str]] = []
    session.rights_changed.connect(told.append)
    async with RammClient.create(MAIN_URL, transport=sim.transport()) as main:
        admin = await main.open_company(DEMO_LOGIN, DEMO_PASSWORD, company_id=1)
        async with admin:
            viewer_id = next(m.ID for m in (await admin.managers_search()).rows if m.Login == "viewer")
            await admin.managers_set_methods(viewer_id, [*session.rights, "strategies.add"])
    beat = await session.beat()
    assert beat.rights_changed
    assert told and "strategies.add" in told[-1] and session.can("strategies.add")


async def test_an_expired_session_turns_the_light_red(sim: SimHandle) -> None:
    ramm = RammSession(VENUE_URL, transport=sim.transport(), heartbeat_interval=0.01)
    try:
        await ramm.login(DEMO_LOGIN, DEMO_PASSWORD)
        sim.ctx.clock.advance_by(3600)
        for _ in range(200):
            if ramm.state is ConnectionState.FAILED:
                break
            await asyncio.sleep(0.01)
        assert ramm.state is ConnectionState.FAILED and not ramm.connected
    finally:
        await ramm.aclose()


async def test_position_changes_publish_signals_once(session: RammSession) -> None:
    store = PositionStore()
    hold(store, SBER=30)  # held before the link: the baseline
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    trader = CopyTrader(session, store)
    await trader.link_to(1, "demo strategy", "chp", PORTFOLIO)
    assert trader.signals[0].sync and trader.signals[0].delivery is Delivery.SENT
    hold(store, SBER=40)
    await trader.publish()
    hold(store, SBER=40)  # the same state again: nothing new
    await trader.publish()
    sent = [r for r in trader.signals if not r.sync]
    assert [(r.symbol, r.lot, r.delivery) for r in sent] == [("SBER", Decimal(10), Delivery.SENT)]
    page = await session.client.signals_search(Query(filter={"StrategyID": 1, "Symbol": "SBER"}))
    assert any(sent[0].signal_id == row.ID and row.TraderLot == Decimal(10) for row in page.rows)
    hold(store, SBER=30, GAZP=-5)
    await trader.publish()
    latest = {r.symbol: r.lot for r in reversed(trader.signals) if not r.sync}
    assert latest == {"SBER": Decimal(0), "GAZP": Decimal(-5)}
    await trader.refresh_statuses()
    assert all(r.status is not None for r in trader.signals if r.signal_id is not None)


class LoseAnswers(httpx.AsyncBaseTransport):
    """Passes requests on; the answer of the first ``trading.addSignal`` is lost after the venue took it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.lost = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("trading.addSignal") and self.lost == 0:
            self.lost += 1
            await response.aread()
            raise httpx.ReadError("connection reset", request=request)
        return response


async def test_a_lost_answer_is_reconciled_not_sent_twice(sim: SimHandle) -> None:
    transport = LoseAnswers(sim.transport())
    ramm = RammSession(VENUE_URL, transport=transport, heartbeat_interval=3600)
    try:
        store = PositionStore()
        await ramm.login(DEMO_LOGIN, DEMO_PASSWORD)
        trader = CopyTrader(ramm, store)
        await trader.link_to(1, "demo strategy", "chp", PORTFOLIO)
        hold(store, SBER=10)
        await trader.publish()
        await trader.publish()
        sent = [r for r in trader.signals if not r.sync]
        assert transport.lost == 1
        assert len(sent) == 1 and sent[0].delivery is Delivery.SENT and sent[0].signal_id is not None
        page = await ramm.client.signals_search(Query(filter={"StrategyID": 1, "Symbol": "SBER"}))
        assert sum(1 for row in page.rows if row.Ticket == sent[0].ticket) == 1
    finally:
        await ramm.aclose()


async def test_sync_on_connect_while_linked(session: RammSession) -> None:
    store = PositionStore()
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    trader = CopyTrader(session, store)
    await trader.link_to(1, "demo strategy", "chp", PORTFOLIO)
    await session.logout()
    hold(store, SBER=7)
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    for _ in range(100):
        if sum(r.sync for r in trader.signals) == 2 and trader.signals[0].delivery is Delivery.SENT:
            break
        await asyncio.sleep(0.01)
    assert trader.signals[0].sync and trader.signals[0].symbol == "SBER"


async def test_nothing_is_sent_while_the_trading_venue_is_not_live(session: RammSession) -> None:
    store = PositionStore()
    live = {"chp": False}
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    trader = CopyTrader(session, store, lambda venue: live[venue])
    hold(store, SBER=30)
    await trader.link_to(1, "demo strategy", "chp", PORTFOLIO)  # not live: nothing sent yet
    assert trader.signals == []
    store.clear("chp")  # the venue logged out: the store is empty, yet nothing is sent
    await trader.publish()
    assert trader.signals == []
    live["chp"] = True
    hold(store, SBER=30)
    trader.venue_connected("chp")
    for _ in range(100):
        if trader.signals and trader.signals[0].delivery is Delivery.SENT:
            break
        await asyncio.sleep(0.01)
    assert len(trader.signals) == 1 and trader.signals[0].sync and trader.signals[0].symbol == "-"
    trader.close()


async def test_unlinking_stops_the_signals(session: RammSession) -> None:
    store = PositionStore()
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    trader = CopyTrader(session, store)
    await trader.link_to(1, "demo strategy", "chp", PORTFOLIO)
    trader.unlink()
    hold(store, SBER=10)
    await trader.publish()
    assert trader.link is None and all(r.sync for r in trader.signals)
    page = await session.client.signals_search(Query(filter={"StrategyID": 1, "Symbol": "SBER"}))
    assert not any(row.TraderLot == 10 for row in page.rows)
    trader.close()


async def test_a_coin_weight_account_publishes_its_coins_as_usdt_pairs(session: RammSession) -> None:
    balances = AccountStore()

    def own(**coins: str) -> None:
        balances.set_balances(
            "coinweight",
            [Balance("coinweight", "binance", a, Decimal(q), Decimal(0)) for a, q in coins.items()],
        )

    own(BTC="1.25", ETH="3", USDT="10000")  # held before the link: the baseline
    await session.login(DEMO_LOGIN, DEMO_PASSWORD)
    trader = CopyTrader(session, PositionStore(), balances=balances, spot=lambda venue: venue == "coinweight")
    try:
        await trader.link_to(1, "demo strategy", "coinweight", "binance")
        assert trader.signals[0].sync and trader.signals[0].delivery is Delivery.SENT
        assert trader.net_lots() == {"BTCUSDT": 0, "ETHUSDT": 0}  # flat; USDT is the money, not a position
        own(BTC="1.75", ETH="3", USDT="5000.5")  # bought 0.5 BTC
        await trader.publish()
        sent = [(r.symbol, r.lot, r.delivery) for r in trader.signals if not r.sync]
        assert sent == [("BTCUSDT", Decimal("0.5"), Delivery.SENT)]
        page = await session.client.signals_search(Query(filter={"StrategyID": 1, "Symbol": "BTCUSDT"}))
        assert any(row.TraderLot == Decimal("0.5") for row in page.rows)
        trader_account = next(
            a for a in (await session.client.accounts_search(Query({"StrategyID": 1}))).rows if a.IsSecurity
        )
        held = await session.client.positions_search(
            Query({"AccountID": trader_account.ID, "Symbol": "BTCUSDT"})
        )
        assert [p.VolumeOpen for p in held.rows] == [Decimal("0.5")]
        own(BTC="1.75", ETH="3", USDT="5000.5")  # balances read again, unchanged: nothing new
        await trader.publish()
        assert len([r for r in trader.signals if not r.sync]) == 1
    finally:
        trader.close()
