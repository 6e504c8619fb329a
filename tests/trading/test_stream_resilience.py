"""One bad answer does not stop a stream: the order feed goes on after broken bodies and sees what happened
at the venue; logging out afterwards is clean."""

from __future__ import annotations

from decimal import Decimal

from services.domain import ConnectionState, InstrumentId, OrderRequest, OrderStatus, OrderType, Side
from services.simulator.server import EmbeddedSimulator
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.core import TradingCore
from services.trading.order_entry import new_client_id
from services.trading.stores import client_key
from tests.conftest import wait_until

ETH = InstrumentId("coinweight", "binance", "ETH-USDT")


async def test_the_order_feed_outlives_broken_answers_and_sees_a_cancel_made_at_the_venue():
    core = TradingCore()
    with EmbeddedSimulator(seed=5) as simulator:
        base = simulator.base_url
        session = CoinWeightVenueSession(f"{base}/exp/v2", {"binance": f"{base}/md/binance"}, core.stores,
                                         poll_interval=0.2)
        core.add_session(session)
        await session.login("demo", "demo")
        book = await session.market_data.order_book(ETH, 5)
        price = (book.bids[0].price * Decimal("0.8")).quantize(Decimal("0.01"))
        request = OrderRequest(ETH, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price=price)
        placed = await core.order_entry.submit(request)
        assert placed is not None and placed.status is OrderStatus.NEW

        simulator.context.faults.add(path="/exp/v2/order/(active|inactive)", malformed=True, times=3)
        await session.adapter.cancel_order(placed)  # at the venue, not through the app's order entry
        await wait_until(lambda: not simulator.context.faults.rules, timeout=10)  # the broken answers came
        await wait_until(
            lambda: core.orders.get(client_key(request.client_id)).status is OrderStatus.CANCELED, timeout=20
        )
        assert session.connected
        await session.logout()
        assert session.state is ConnectionState.DISCONNECTED
        await session.aclose()
