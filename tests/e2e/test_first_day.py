"""Issue 12, point 7, against the real window and simulator: what a trader notices on a first day."""

from __future__ import annotations

import asyncio

from app.panels import builtin_panels
from app.viewmodels.market_watch import instrument_key
from services.domain import InstrumentId
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_market_watch import click_star, panel_of


async def test_stars_on_a_stock_raise_one_toast(trading_shell):
    """A stock cannot be starred (favourites live at the exchange); clicking its star again, as a user
    does when nothing seems to happen, must not stack a second toast over the ticket."""
    shell = trading_shell(builtin_panels().subset(("market_watch", "order_ticket")))
    core = core_of(shell)
    await core.session("coinweight").login("demo", "demo")
    chp = core.session("chp")
    await chp.login("demo", "demo")
    try:
        watch = panel_of(shell, "market_watch")
        await wait_until(lambda: "Stocks" in watch.tabs(), timeout=5)
        watch.selectTab("Stocks")
        gazp = instrument_key(InstrumentId("chp", "MOEX", "GAZP"))
        click_star(watch, gazp)
        await asyncio.sleep(0.2)
        click_star(watch, gazp)
        await asyncio.sleep(0.2)
        toasts = shell.window.toasts.toasts()
        assert len(toasts) == 1, [t.text() for t in toasts]
        assert "GAZP" in toasts[0].text()
    finally:
        await chp.logout()
        await core.session("coinweight").logout()


async def test_time_and_sales_shows_every_size_of_an_instrument_with_one_precision(trading_shell):
    from datetime import UTC, datetime
    from decimal import Decimal

    from app.viewmodels.time_sales import TimeSalesViewModel
    from services.domain import Side, Tick

    shell = trading_shell(builtin_panels().subset(("time_sales",)))
    core = core_of(shell)
    session = core.session("coinweight")
    await session.login("demo", "demo")
    try:
        panel = shell.window.dock("time_sales").widget()
        view_model = panel.findChild(TimeSalesViewModel)
        instrument = next(i for i in session.instruments if i.symbol == "ETH-BTC")
        core.links.publish(view_model.link_colour, instrument)
        decimals = core.instrument(instrument).qty_decimals
        assert decimals >= 2
        panel.model.clear()
        now = datetime.now(UTC)
        for size in ("0.5", "1", "0.25"):  # what a feed sends: 0.5, 1, 0.25 ...
            view_model._on_tick(Tick(instrument, now, Decimal("0.05"), Decimal(size), Side.BUY))
        await wait_until(lambda: panel.model.rowCount() >= 3)
        sizes = [panel.model.row(i).size for i in range(3)]
        assert {len(s.split(".")[1]) if "." in s else 0 for s in sizes} == {decimals}, sizes
    finally:
        await session.logout()
