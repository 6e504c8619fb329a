"""The CHP order book panel follows the book the venue pushes: one ListenBidAsks for as long as it is open,
no subscribe/cancel churn, and its ladder moves as the venue's book does."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx

from app.context import AppContext
from app.trading.bridge import QtTrading
from app.trading.install import SERVICE_NAME
from app.venues import demo
from app.workspace import WorkspaceRegistry
from services.domain import InstrumentId
from services.trading.chp import ChpVenueSession
from services.trading.core import TradingCore
from tests.conftest import wait_until
from widgets.panels.order_book import OrderBookPanel

SBER = InstrumentId("chp", "MOEX", "SBER")
WATCHED_S = 5.0


class CountingTransport(httpx.AsyncHTTPTransport):
    """Counts the requests the app sends, by path."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths[request.url.path] += 1
        return await super().handle_async_request(request)


def book_registry() -> WorkspaceRegistry:
    from app.panels import builtin_panels

    return builtin_panels().subset(("order_book",))


def best(panel: OrderBookPanel) -> tuple[object, object]:
    rows = panel.ladder.rows()
    bids = [r.price for r in rows if r.bid is not None]
    asks = [r.price for r in rows if r.ask is not None]
    return (max(bids) if bids else None, min(asks) if asks else None)


async def test_the_chp_book_is_one_pushed_subscription_that_moves_with_the_venue(make_shell, live_simulator):
    wire = CountingTransport()

    def prepare(ctx: AppContext) -> None:
        ctx.venues = demo(live_simulator.base_url, "demo")
        core = QtTrading(TradingCore())
        core.add_session(ChpVenueSession(ctx.venues.chp, "demo", core.core.stores, transport=wire))
        ctx.services.register(SERVICE_NAME, core)

    shell = make_shell("book", book_registry(), prepare=prepare)
    core: QtTrading = shell.ctx.services.get(SERVICE_NAME)
    session = core.session("chp")
    await session.login("demo", "demo")
    panel = shell.window.dock("order_book").widget()
    assert isinstance(panel, OrderBookPanel)
    core.links.publish("red", SBER)  # the panel is linked red: it shows SBER
    await wait_until(lambda: any(r.bid is not None for r in panel.ladder.rows()), timeout=8)

    engine = live_simulator.context.engine
    key = next(spec.key for spec in engine.instruments() if spec.key.endswith("SBER"))
    seen = {best(panel)}
    matched = 0
    loop = asyncio.get_running_loop()
    until = loop.time() + WATCHED_S
    while loop.time() < until:
        await asyncio.sleep(0.25)
        seen.add(best(panel))
        depth = engine.depth(key, 1)
        if best(panel) == (depth.bids[0][0], depth.asks[0][0]):
            matched += 1

    assert wire.paths["/Instruments/ListenBidAsks"] == 1
    assert wire.paths["/Instruments/CancelBidAsks"] == 0
    assert wire.paths["/Instruments/UpdateBidAsk"] > 1  # the pushed changes are drained, not re-subscribed
    assert len(seen) > 1, "the ladder never moved while the venue's book did"
    assert matched > 0, "the ladder never showed the venue's best bid and ask"
    assert panel.is_live() and panel.ladder.isEnabled()
    await session.logout()
    assert wire.paths["/Instruments/CancelBidAsks"] <= 1
    assert not panel.is_live() and not panel.ladder.isEnabled()  # frozen data is greyed and takes no clicks
    assert "Not connected" in panel.status_label.text()
