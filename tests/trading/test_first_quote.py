"""The first quotes are asked for as soon as the login ends (or a panel subscribes), not an interval later."""

from __future__ import annotations

from services.domain import InstrumentId
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.core import TradingCore
from tests.conftest import wait_until

ETH = InstrumentId("coinweight", "binance", "ETH-USDT")
BTC = InstrumentId("coinweight", "binance", "BTC-USDT")
LONG = 60.0  # a poll interval no test waits for: a quote within the test's few seconds was asked at once


async def test_quotes_come_right_after_the_login_and_right_after_a_new_subscription(live_simulator):
    core = TradingCore()
    base = live_simulator.base_url
    session = CoinWeightVenueSession(
        f"{base}/exp/v2", {"binance": f"{base}/md/binance"}, core.stores, poll_interval=LONG
    )
    core.add_session(session)
    owner = object()
    session.subscribe_quotes(owner, [ETH])  # a panel shown before the login
    try:
        await session.login("demo", "demo")
        await wait_until(lambda: core.stores.quotes.get(ETH) is not None, timeout=10)
        session.subscribe_quotes(owner, [ETH, BTC])  # a row added later
        await wait_until(lambda: core.stores.quotes.get(BTC) is not None, timeout=10)
    finally:
        session.unsubscribe_quotes(owner)
        await session.aclose()
