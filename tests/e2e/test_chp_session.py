"""The CHP session in the real shell against the live simulator: login fills the stores, orders go through
OrderEntry, a stop-limit order triggers, a dropped connection is recovered (amber, then green) and quotes flow
again, logout and quit end the session at the server.

Tests that move the simulator's clock use a simulator of their own (``own_trading_shell``): the clock never
goes back, and other tests compare the session-wide simulator's times with the wall clock.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest

from app.context import AppContext
from app.panels import builtin_panels
from app.shell import Shell
from app.trading.install import install_trading
from app.venues import demo
from app.workspace import WorkspaceRegistry
from services.domain import ConnectionState, InstrumentId, Order, OrderRequest, OrderStatus, OrderType, Side
from services.simulator.server import EmbeddedSimulator
from services.trading.chp import ChpVenueSession
from services.trading.order_entry import new_client_id
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from widgets.common.status import LightState


@pytest.fixture(scope="module")
def own_simulator():
    with EmbeddedSimulator(seed=7) as simulator:
        yield simulator


@pytest.fixture
def own_trading_shell(make_shell, own_simulator):
    """Like ``trading_shell``, on ``own_simulator``."""

    def make(registry: WorkspaceRegistry) -> Shell:
        def prepare(ctx: AppContext) -> None:
            ctx.venues = demo(own_simulator.base_url, "demo")
            install_trading(ctx, poll_interval=0.25)

        return make_shell("trader", registry, prepare=prepare)

    return make


GAZP = InstrumentId("chp", "MOEX", "GAZP")
SBER = InstrumentId("chp", "MOEX", "SBER")
PORTFOLIO = "ST100001-MO-01"
DRAINS = r"^/(Instruments|AccountInformation)/(Update|Add|Set)"


async def logged_in(trading_shell) -> tuple[object, ChpVenueSession]:
    shell = trading_shell(builtin_panels())
    session = core_of(shell).session("chp")
    assert isinstance(session, ChpVenueSession)
    await session.login("demo", "demo")
    return shell, session


def limit(side: Side, price: Decimal, **extra) -> OrderRequest:
    return OrderRequest(GAZP, side, OrderType.LIMIT, Decimal(10), new_client_id(), price=price, **extra)


def store_order(core, client_id: str) -> Order | None:
    return core.orders.get(f"client:{client_id}")


async def market_price(core, session: ChpVenueSession, owner: object) -> Decimal:
    session.subscribe_quotes(owner, [GAZP])
    await wait_until(lambda: core.quotes.get(GAZP) is not None and core.quotes.get(GAZP).last is not None)
    return core.quotes.get(GAZP).last


async def test_login_fills_the_stores_and_logout_ends_the_session(trading_shell, live_simulator):
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    session = core.session("chp")
    states: list[ConnectionState] = []
    session.state_changed.connect(lambda state, detail: states.append(state))

    await session.login("demo", "demo")

    assert states[:2] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert shell.indicators["chp"].state is LightState.CONNECTED
    assert GAZP in session.instruments and session.instruments[GAZP].description == "Gazprom"
    assert [a.name for a in session.accounts] == [PORTFOLIO, "ST100001-MO-02"]
    await wait_until(lambda: len(core.accounts.balances("chp")) == 2)
    money = core.accounts.available("chp", PORTFOLIO, "RUB")
    assert money is not None and money.total > 0
    await wait_until(lambda: core.accounts.summary("chp") is not None)
    await wait_until(lambda: bool(core.positions.positions("chp", PORTFOLIO)))
    assert {p.instrument for p in core.positions.positions("chp", PORTFOLIO)} >= {GAZP, SBER}

    owner = object()
    others = session.subscribed()  # what the panels asked for
    session.subscribe_quotes(owner, [GAZP, SBER])
    await wait_until(lambda: core.quotes.get(GAZP) is not None and core.quotes.get(SBER) is not None)
    quote = core.quotes.get(GAZP)
    assert quote.bid is not None and quote.ask is not None and quote.bid < quote.ask
    assert session.subscribed() == others | {GAZP, SBER}
    session.unsubscribe_quotes(owner)
    assert session.subscribed() == others

    server = live_simulator.context.venue_state["chp"]
    token = session.adapter.client.token
    assert token in server.sessions
    await session.logout()
    assert session.state is ConnectionState.DISCONNECTED and token not in server.sessions
    assert core.positions.positions("chp") == []

    await session.login("demo", "demo")  # quitting the app ends the session too
    token = session.adapter.client.token
    await core.aclose()
    assert token not in server.sessions


async def test_order_entry_places_moves_and_cancels_a_chp_order(trading_shell):
    shell, session = await logged_in(trading_shell)
    core = core_of(shell)
    far = (await market_price(core, session, "test") * Decimal("0.8")).quantize(Decimal("0.01"))
    request = limit(Side.BUY, far)

    placed = await core.order_entry.submit(request)

    assert placed is not None and placed.status is OrderStatus.NEW and placed.order_id
    await wait_until(lambda: store_order(core, request.client_id).order_id == placed.order_id)
    assert store_order(core, request.client_id).instrument.venue == "chp"
    found = await session.adapter.find_order(request.client_id, placed.created)  # by its cookie
    assert found is not None and found.order_id == placed.order_id

    moved = await core.order_entry.modify(store_order(core, request.client_id), price=far - Decimal("1"))
    assert moved is not None
    working = {o.order_id: o for o in await session.adapter.active_orders()}
    assert working[placed.order_id].price == far - Decimal("1")

    assert await core.order_entry.cancel(store_order(core, request.client_id))
    await wait_until(lambda: store_order(core, request.client_id).status is OrderStatus.CANCELED)
    assert placed.order_id not in {o.order_id for o in await session.adapter.active_orders()}
    await session.logout()


async def test_a_stop_limit_order_triggers_when_the_price_crosses_its_stop(own_trading_shell, own_simulator):
    shell, session = await logged_in(own_trading_shell)
    core = core_of(shell)
    last = await market_price(core, session, "test")
    tick = Decimal("0.01")
    # one stop just above the market, one just below: whichever way the price goes, one of them triggers
    buy = OrderRequest(
        GAZP,
        Side.BUY,
        OrderType.STOP_LIMIT,
        Decimal(10),
        new_client_id(),
        price=(last * Decimal("1.02")).quantize(tick),
        stop_price=last + 15 * tick,
        account=PORTFOLIO,
    )
    sell = OrderRequest(
        GAZP,
        Side.SELL,
        OrderType.STOP_LIMIT,
        Decimal(10),
        new_client_id(),
        price=(last * Decimal("0.98")).quantize(tick),
        stop_price=last - 15 * tick,
        account=PORTFOLIO,
    )
    for request in (buy, sell):
        placed = await core.order_entry.submit(request)
        assert placed is not None and placed.status is OrderStatus.NEW, placed
    fills_before = len(core.fills.fills_of(GAZP))

    def triggered() -> list[Order]:
        orders = [store_order(core, r.client_id) for r in (buy, sell)]
        return [o for o in orders if o is not None and o.status is OrderStatus.FILLED]

    clock = own_simulator.context.clock
    try:
        for _ in range(40):  # up to 200 simulated minutes, 5 at a time
            if triggered():
                break
            clock.advance_by(300)
            with contextlib.suppress(AssertionError):
                await wait_until(lambda: bool(triggered()), timeout=0.3)
        filled = triggered()
        assert filled, "neither stop triggered"
        assert filled[0].filled_quantity == Decimal(10)
        await wait_until(lambda: len(core.fills.fills_of(GAZP)) > fills_before)
    finally:
        for request in (buy, sell):
            order = store_order(core, request.client_id)
            if order is not None and order.status.is_active:
                await core.order_entry.cancel(order)
        await session.logout()


async def test_a_dropped_connection_is_recovered_and_quotes_flow_again(trading_shell, live_simulator):
    shell, session = await logged_in(trading_shell)
    core = core_of(shell)
    await market_price(core, session, "test")
    light = shell.indicators["chp"]
    states: list[ConnectionState] = []
    session.state_changed.connect(lambda state, detail: states.append(state))
    faults = live_simulator.context.faults
    rules = [
        faults.add(path=DRAINS, drop_before=True, times=3),  # the polls lose their answers...
        faults.add(path="^/Auth/Reconnection$", drop_before=True, times=2),  # ...and so do two reconnections
    ]
    try:
        await wait_until(lambda: light.state is LightState.DEGRADED, timeout=5)
        await wait_until(lambda: light.state is LightState.CONNECTED, timeout=10)
    finally:
        for rule in rules:
            faults.remove(rule.rule_id)
    assert states[0] is ConnectionState.DEGRADED and states[-1] is ConnectionState.CONNECTED
    quotes: list[object] = []
    core.quotesChanged.connect(lambda ids: quotes.extend(i for i in ids if i == GAZP))
    await wait_until(lambda: bool(quotes), timeout=10)

    old_token = session.adapter.client.token
    live_simulator.context.venue_state["chp"].expire(old_token)  # the server forgets the session
    states.clear()
    await wait_until(lambda: session.adapter.client.token not in ("", old_token), timeout=10)
    await wait_until(lambda: session.state is ConnectionState.CONNECTED)
    assert ConnectionState.DEGRADED in states
    quotes.clear()
    await wait_until(lambda: bool(quotes), timeout=10)
    await session.logout()
