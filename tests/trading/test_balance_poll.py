"""coin-weight's balances are polled slowly while nothing happens, and at once when an order changes (what
moves them): a placed order's locked funds show about one order poll later, not a balance interval later."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from services.domain import InstrumentId, OrderRequest, OrderType, Side
from services.retry import poll_forever
from services.trading import coinweight
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.order_entry import OrderEntry, new_client_id
from services.trading.session import TradingStores
from tests.conftest import wait_until

ETH = InstrumentId("coinweight", "binance", "ETH-USDT")


def used_usdt(stores: TradingStores) -> Decimal | None:
    balance = stores.accounts.available("coinweight", "binance", "USDT")
    return None if balance is None else balance.used


async def test_an_order_change_asks_for_the_balances_at_once(live_simulator, monkeypatch):
    monkeypatch.setattr(coinweight, "BALANCE_INTERVAL", 60.0)  # no test waits that long
    base = live_simulator.base_url
    session = CoinWeightVenueSession(
        f"{base}/exp/v2", {"binance": f"{base}/md/binance"}, TradingStores(), poll_interval=0.2
    )
    await session.login("demo", "demo")
    try:
        await wait_until(lambda: used_usdt(session.stores) is not None, timeout=10)  # the first poll
        before = used_usdt(session.stores)
        assert before is not None
        book = await session.market_data.order_book(ETH, 5)
        price = (book.bids[0].price * Decimal("0.71")).quantize(Decimal("0.01"))  # rests, far from the best
        entry = OrderEntry(session.stores.orders, lambda: {"coinweight": session.adapter})
        request = OrderRequest(ETH, Side.BUY, OrderType.LIMIT, Decimal("0.05"), new_client_id(), price=price)
        order = await entry.submit(request)
        assert order is not None
        await wait_until(lambda: used_usdt(session.stores) != before, timeout=5)
        locked = used_usdt(session.stores)
        await entry.cancel(order)
        await wait_until(lambda: used_usdt(session.stores) != locked, timeout=5)  # unlocked again at once
    finally:
        await session.aclose()


async def test_a_woken_poll_runs_at_once_and_a_failed_one_still_backs_off():
    rounds: list[str] = []
    wake = asyncio.Event()
    fail = False

    async def round_() -> None:
        rounds.append("fail" if fail else "ok")
        if fail:
            raise RuntimeError("venue down")

    errors: list[float] = []
    task = asyncio.ensure_future(
        poll_forever(round_, 60.0, on_error=lambda _exc, delay: errors.append(delay), wake=wake)
    )
    await wait_until(lambda: rounds == ["ok"])
    wake.set()
    await wait_until(lambda: rounds == ["ok", "ok"])  # at once, not 60 s later
    fail = True
    wake.set()
    await wait_until(lambda: rounds == ["ok", "ok", "fail"])
    wake.set()  # a failure's back-off is not cut short
    await asyncio.sleep(0.2)
    assert rounds == ["ok", "ok", "fail"] and errors == [60.0]
    task.cancel()
