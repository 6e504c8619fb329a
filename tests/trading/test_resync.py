"""After a (re)connect the venue is the truth: orders it no longer lists stop showing as working, and its
money and positions replace what the stores kept (here: the venue restarted, a fresh simulator)."""

from __future__ import annotations

from decimal import Decimal

from services.domain import InstrumentId, OrderRequest, OrderStatus, OrderType, Side
from services.simulator.server import EmbeddedSimulator
from services.trading.chp import ChpVenueSession
from services.trading.core import TradingCore
from services.trading.order_entry import new_client_id
from services.trading.stores import client_key
from tests.conftest import wait_until

SBER = InstrumentId("chp", "MOEX", "SBER")


async def test_orders_of_a_restarted_venue_are_no_longer_shown_working():
    core = TradingCore()
    with EmbeddedSimulator(seed=3) as before:
        session = ChpVenueSession(before.base_url, "demo", core.stores)
        core.add_session(session)
        await session.login("demo", "demo")
        book = await session.market_data.order_book(SBER, 5)
        price = (book.bids[0].price * Decimal("0.8")).quantize(Decimal("0.01"))
        request = OrderRequest(SBER, Side.BUY, OrderType.LIMIT, Decimal(10), new_client_id(), price=price,
                               account=session.accounts[0].name)
        placed = await core.order_entry.submit(request)
        assert placed is not None and placed.status is OrderStatus.NEW
        await session.logout()
    with EmbeddedSimulator(seed=3) as after:  # the venue came back without the order
        session.adapter.client.http.client.base_url = after.base_url
        await session.login("demo", "demo")
        await wait_until(lambda: not core.orders.get(client_key(request.client_id)).status.is_active)
        gone = core.orders.get(client_key(request.client_id))
        assert gone.status is OrderStatus.EXPIRED and "no longer lists" in gone.message
        assert core.accounts.balances("chp")  # money re-read from the venue that is there now
        await session.aclose()


async def test_money_the_venue_pushes_during_the_resync_is_not_replaced_by_an_older_read():
    """A back-office deposit right after the login: the resync's balance read is older than the
    SetPortfolio row pushed while it reads positions, and must not overwrite it."""
    from services.dxregister import DxRegisterClient

    core = TradingCore()
    with EmbeddedSimulator(seed=4) as simulator:
        session = ChpVenueSession(simulator.base_url, "demo", core.stores)
        core.add_session(session)
        office = DxRegisterClient.create(f"{simulator.base_url}/dxweb/rest")
        await office.login("demo", "default", "demo")
        await session.login("demo", "demo")
        portfolio = session.accounts[0].name
        await wait_until(lambda: core.accounts.available("chp", portfolio, "RUB") is not None, timeout=10)
        before = core.accounts.available("chp", portfolio, "RUB").total
        for n in range(1, 4):  # back to back, while the resync after the login is still reading
            pending = office.prepare_transfer("deposit", "ITI", portfolio, "RUB", Decimal(1000))
            await office.send_transfer(pending)
            await wait_until(
                lambda n=n: core.accounts.available("chp", portfolio, "RUB").total == before + 1000 * n,
                timeout=8,
            )
        await office.aclose()
        await session.aclose()
