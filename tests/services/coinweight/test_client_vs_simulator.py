"""Every CoinWeightClient method, and the adapter's main paths, against the simulated coin-weight API.

In-process: ``services.simulator.app.build_app(ctx)`` behind ``httpx.ASGITransport`` (no lifespan: the engine
advances on each request; strategy tasks are stopped at teardown). The demo user is uid 1, ``demo``/``demo``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal

import httpx
import pytest

from services.coinweight import CoinWeightClient, CoinWeightVenue, LayoutKind
from services.coinweight import schemas as cw
from services.domain import InstrumentId, OrderRequest, OrderStatus, OrderType, Side, utc_now
from services.errors import AuthError, TransportError, VenueError
from services.simulator.app import build_app
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, SimulatorContext
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.clock import SimClock
from services.simulator.faults import FaultRule

BASE_URL = "http://sim.test/exp/v2"


@dataclass
class Sim:
    ctx: SimulatorContext
    app: object
    client: CoinWeightClient  # logged in as the demo user
    uid: str

    def new_client(self) -> CoinWeightClient:
        return CoinWeightClient.create(BASE_URL, transport=httpx.ASGITransport(app=self.app))


@pytest.fixture
async def sim() -> AsyncIterator[Sim]:
    clock = SimClock(speed=1.0)
    ctx = SimulatorContext(engine=default_engine(11, clock), clock=clock, seed=11)
    app = build_app(ctx)
    coinweight = next(route.app for route in app.routes if getattr(route, "name", "") == "coinweight")
    client = CoinWeightClient.create(BASE_URL, transport=httpx.ASGITransport(app=app))
    session = await client.login(DEMO_LOGIN, DEMO_PASSWORD)
    try:
        yield Sim(ctx, app, client, session.uid)
    finally:
        await client.aclose()
        await coinweight.state.coinweight.shutdown()  # stops strategy tasks (no lifespan under ASGITransport)


def totp(secret: str, at: float) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), as an authenticator app computes it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def limit_bid(uid: str, price: str = "1000.00", quantity: str = "0.0100", counter_party: str = "binance"):
    return cw.OrderCreateRequest(
        order_type=cw.OrderType.LIMIT, symbol="ETH-USDT", side=cw.Side.BID, owner=uid,
        counter_party=counter_party, price=price, quantity=quantity,
    )


def holding(rows: list[cw.CurrencyPosition], counter_party: str, currency: str) -> cw.CurrencyPosition:
    return next(r for r in rows if (r.counter_party, r.currency) == (counter_party, currency))


# --- users --------------------------------------------------------------------------------------------------


async def test_login_check_auth_and_signup(sim):
    assert await sim.client.check_auth() == cw.AuthCheck(uid="1", group="group1")
    stranger = sim.new_client()
    with pytest.raises(AuthError) as raised:
        await stranger.check_auth()
    assert raised.value.http_status == 403
    with pytest.raises(AuthError) as raised:
        await stranger.login(DEMO_LOGIN, "not-the-password")
    assert raised.value.code == 3
    session = await stranger.signup(
        cw.SignupRequest(email="ann@example.com", phone="5550123", user_name="ann", password="s3cret!")
    )
    assert session.uid != sim.uid and session.user_name == "ann"
    assert (await stranger.check_auth()).uid == session.uid
    info = await stranger.user_info(session.uid)
    assert (info.uid, info.user_name, info.email) == (session.uid, "ann", "ann@example.com")
    usdt = holding(await stranger.user_positions(session.uid), "binance", "USDT")
    assert (usdt.total, usdt.used) == (Decimal(100000), 0)
    with pytest.raises(AuthError):
        await stranger.user_info(sim.uid)  # somebody else's uid
    with pytest.raises(VenueError) as raised:
        await sim.new_client().signup(
            cw.SignupRequest(email="ann2@example.com", phone="5550124", user_name="ann", password="x")
        )
    assert raised.value.code == 1  # Username duplication
    await stranger.aclose()


async def test_not_released_user_endpoints(sim):
    uid = int(sim.uid)
    await sim.client.change_password(uid, DEMO_PASSWORD, "demo-2")
    other = sim.new_client()
    with pytest.raises(AuthError):
        await other.login(DEMO_LOGIN, DEMO_PASSWORD)
    assert (await other.login(DEMO_LOGIN, "demo-2")).uid == sim.uid
    await other.aclose()

    await sim.client.verify_phone(uid, "5550100", "+1")
    with pytest.raises(VenueError) as raised:
        await sim.client.bind_phone(uid, "5550100", "+1", "000000")
    assert raised.value.code == 5
    await sim.client.bind_phone(uid, "5550100", "+1", "123456")  # the simulator's SMS code
    assert (await sim.client.user_info(sim.uid)).phone == "5550100"

    secret = await sim.client.new_totp()
    assert secret.bind is False
    assert secret.qr_code_text.startswith("otpauth://totp/")
    await sim.client.bind_totp(uid, totp(secret.hash_key, time.time()))
    assert (await sim.client.user_info(sim.uid)).google_auth_enabled is True
    assert (await sim.client.new_totp()).bind is True


# --- config: symbols, markets, favourites, layouts ----------------------------------------------------------


async def test_symbols_markets_and_favourites(sim):
    rows = await sim.client.symbols()
    assert {row.counter_party for row in rows} == {"binance", "huobi", "okcoin"}
    by_key = {(row.counter_party, s.name): s for row in rows for s in row.symbols}
    eth = by_key[("binance", "ETH-USDT")]
    assert (eth.base, eth.quote, eth.price_decimal, eth.quantity_decimal) == ("ETH", "USDT", 2, 4)
    assert eth.quantity_min == Decimal("0.0001")
    assert by_key[("okcoin", "ETH-USDT")].price_decimal == 1  # a coarser tick there

    default = await sim.client.default_markets()
    assert [tab.category for tab in default][:3] == ["BTC", "ETH", "USDT"]
    assert not any(item.favorite for tab in default for item in tab.items)

    await sim.client.add_favorite(sim.uid, "binance", "ETH-USDT")
    await sim.client.add_favorite(sim.uid, "huobi", "BTC-USDT")
    assert [(f.counter_party, f.symbol) for f in await sim.client.favorites(sim.uid)] == [
        ("binance", "ETH-USDT"),
        ("huobi", "BTC-USDT"),
    ]
    custom = await sim.client.custom_markets(sim.uid)
    marked = {(item.counter_party, item.symbol) for tab in custom for item in tab.items if item.favorite}
    assert marked == {("binance", "ETH-USDT"), ("huobi", "BTC-USDT")}
    await sim.client.delete_favorite(sim.uid, "huobi", "BTC-USDT")
    assert [f.symbol for f in await sim.client.favorites(sim.uid)] == ["ETH-USDT"]
    with pytest.raises(VenueError):
        await sim.client.add_favorite(sim.uid, "binance", "NOPE-USDT")


async def test_layouts(sim):
    professional = await sim.client.default_professional_layout()
    assert [slot.position for slot in professional] == [1, 2, 3]
    assert await sim.client.professional_layout(sim.uid) == professional
    slot = cw.LayoutSlot(position=2, counter_party="okcoin", symbol="BTC-USDT")
    await sim.client.update_professional_layout(sim.uid, slot)
    assert (await sim.client.professional_layout(sim.uid))[1] == slot
    assert await sim.client.default_professional_layout() == professional

    simple = await sim.client.default_simple_layout()
    assert [s.position for s in simple] == list(range(1, 13))
    tile = cw.LayoutSlot(position=12, counter_party="huobi", symbol="ETH-USDT")
    await sim.client.update_simple_layout(sim.uid, tile)
    assert (await sim.client.simple_layout(sim.uid))[11] == tile
    with pytest.raises(VenueError):
        await sim.client.update_simple_layout(sim.uid, tile.model_copy(update={"position": 13}))


# --- orders -------------------------------------------------------------------------------------------------


async def test_order_lifecycle(sim):
    client, uid = sim.client, sim.uid
    order = await client.create_order(limit_bid(uid))
    assert (order.execution_type, order.owner, order.price, order.quantity) == (
        cw.ExecutionType.EXECUTION_ACK, uid, "1000.00", "0.0100")
    assert [o.street_order_id for o in await client.active_orders(uid)] == [order.street_order_id]
    assert holding(await client.user_positions(uid), "binance", "USDT").used >= Decimal(10)

    moved = await client.update_order(cw.OrderUpdateRequest(
        street_order_id=order.street_order_id, owner=uid, counter_party="binance", price="1100.00",
        quantity="0.0100"))
    assert (moved.price_value, moved.execution_type) == (Decimal(1100), cw.ExecutionType.EXECUTION_ACK)

    cancel = cw.OrderCancelRequest(street_order_id=order.street_order_id, owner=uid, counter_party="binance")
    canceled = await client.cancel_order(cancel)
    assert canceled.execution_type is cw.ExecutionType.EXECUTION_CANCELED
    with pytest.raises(VenueError) as raised:
        await client.cancel_order(cancel)
    assert raised.value.code == 1008
    assert isinstance(raised.value.details, cw.Order)
    assert await client.active_orders(uid) == []

    page = await client.inactive_orders(uid, page_index=0, page_size=5)
    assert page.total_page == 1
    assert [(o.street_order_id, o.execution_type) for o in page.content] == [
        (order.street_order_id, cw.ExecutionType.EXECUTION_CANCELED)]  # fmt: skip


async def test_market_order_fills_and_refusals_carry_the_order(sim):
    client, uid = sim.client, sim.uid
    market = cw.OrderCreateRequest(order_type=cw.OrderType.MARKET, symbol="ETH-USDT", side=cw.Side.BID,
                                   owner=uid, counter_party="binance", quantity="0.0100")
    filled = await client.create_order(market)
    assert filled.execution_type is cw.ExecutionType.EXECUTION_FILLED
    assert (filled.filled_quantity_value, filled.filled_price_value > 0) == (Decimal("0.01"), True)
    eth = holding(await client.user_positions(uid), "binance", "ETH")
    assert eth.total > Decimal(30)
    start = cw.to_millis(utc_now()) - 3_600_000
    history = await client.inactive_orders(uid, start_time=start, end_time=start + 7_200_000)
    assert [o.execution_type for o in history.content] == [cw.ExecutionType.EXECUTION_FILLED]

    with pytest.raises(VenueError) as raised:
        await client.create_order(limit_bid(uid, price="1000.001"))
    assert raised.value.code == 1002
    assert raised.value.details.execution_type is cw.ExecutionType.EXECUTION_REJECTED


async def test_cancel_all(sim):
    client, uid = sim.client, sim.uid
    await client.create_order(limit_bid(uid, counter_party="binance"))
    await client.create_order(limit_bid(uid, counter_party="huobi"))
    result = await client.cancel_all_orders(uid, ["binance"])
    assert result == cw.CancelAllResult(owner=uid, canceled_counter_party=["binance"])
    active = {o.counter_party: o.execution_type for o in await client.active_orders(uid)}
    assert active["binance"] is cw.ExecutionType.EXECUTION_CANCELING
    sim.ctx.clock.advance_by(1.0)  # cancel-all completes 0.5 simulated seconds later
    assert [o.counter_party for o in await client.active_orders(uid)] == ["huobi"]
    assert (await client.cancel_all_orders(uid)).owner == uid  # no counterparties: all of them
    sim.ctx.clock.advance_by(1.0)
    assert await client.active_orders(uid) == []


# --- API keys -----------------------------------------------------------------------------------------------


async def test_api_keys(sim):
    client, uid = sim.client, sim.uid
    key = cw.ApiKey(counter_party="huobi", owner=uid, api_key="123456", secret_key="kkkkkk")
    await client.add_api_key(key)
    assert await client.api_keys(uid) == [
        cw.ApiKey(counter_party="huobi", owner=uid, api_key="123456", secret_key="k****k")
    ]
    with pytest.raises(VenueError) as raised:
        await client.add_api_key(cw.ApiKey(counter_party="huobi", owner=uid, api_key="7", secret_key="other"))
    assert (raised.value.code, raised.value.message.startswith("Duplicated secret key")) == (1, True)
    with pytest.raises(VenueError) as raised:
        await client.api_keys("999")
    assert raised.value.code == 500
    await client.delete_api_key("huobi", uid)
    assert await client.api_keys(uid) == []


# --- strategies ---------------------------------------------------------------------------------------------


async def test_strategy_items_and_runs(sim):
    client, uid = sim.client, sim.uid
    templates = await client.default_strategy_items()
    assert [t.name for t in templates] == ["VolumeMarketMaker", "SingleMarketMaker"]
    (created,) = (await client.create_strategy_item(uid, templates[0].default)).items_with_ids()
    assert isinstance(created, cw.VolumeMarketMakerItem)
    assert [item.id for item in await client.strategy_items(uid)] == [created.id]

    symbol = created.symbols[0].model_copy(update={"margin1": Decimal("0.3")})
    updated = await client.update_strategy_item(uid, created.model_copy(update={"symbols": [symbol]}))
    assert (updated.id, updated.symbols[0].margin1) == (created.id, Decimal("0.3"))

    assert (await client.start_strategy(uid, updated)).status == "running"
    assert {s.id: s.status for s in await client.strategy_status(uid)}[created.id] == "running"
    assert await client.active_orders(uid)  # the first ladder is on the book
    assert (await client.leave_strategy(uid, updated)).status == "stopped"
    assert await client.active_orders(uid)  # left on the book
    assert (await client.start_strategy(uid, updated)).status == "running"
    assert (await client.stop_strategy(uid, updated)).status == "stopped"
    assert {s.id: s.status for s in await client.strategy_status(uid)}[created.id] == "stopped"

    deleted = await client.delete_strategy_item(uid, created.id)
    assert list(deleted.root) == [created.id]
    assert await client.strategy_items(uid) == []


# --- the adapter --------------------------------------------------------------------------------------------


async def test_adapter_trades_and_reconciles_a_lost_answer(sim):
    venue = CoinWeightVenue(sim.new_client())
    await venue.connect(DEMO_LOGIN, DEMO_PASSWORD)
    assert await venue.ping() >= 0
    instruments = {i.id: i for i in await venue.instruments()}
    eth = InstrumentId("coinweight", "binance", "ETH-USDT")
    assert (instruments[eth].price_step, instruments[eth].qty_step) == (Decimal("0.01"), Decimal("0.0001"))

    request = OrderRequest(eth, Side.BUY, OrderType.LIMIT, Decimal("0.01"), "ticket-1", price=Decimal(1000))
    order = await venue.place_order(request)
    assert (order.status, order.client_id, order.price) == (OrderStatus.NEW, "ticket-1", Decimal(1000))
    modified = await venue.modify_order(order, price=Decimal("1001.5"))
    assert modified.price == Decimal("1001.5")
    await venue.cancel_order(modified)
    assert await venue.active_orders() == []

    sim.ctx.faults.add(FaultRule(path=r"/order/create$", drop_after=True, times=1))
    sent_at = utc_now()
    lost = OrderRequest(eth, Side.BUY, OrderType.LIMIT, Decimal("0.02"), "ticket-2", price=Decimal(1000))
    with pytest.raises(TransportError) as raised:
        await venue.place_order(lost)
    assert raised.value.outcome_unknown
    found = await venue.find_order("ticket-2", sent_at)
    assert found is not None
    assert (found.client_id, found.quantity, found.status) == ("ticket-2", Decimal("0.02"), OrderStatus.NEW)
    assert [o.order_id for o in await venue.active_orders()] == [found.order_id]  # sent once, not twice

    layout = await venue.layout(LayoutKind.SIMPLE)
    assert len(layout.slots) == 12 and all(layout.slots)
    assert len(await venue.templates()) == 2
    summary = await venue.account_summary()
    assert (summary.currency, summary.on_orders > 0) == ("USDT", True)
    await venue.aclose()
