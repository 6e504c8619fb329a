"""The chart panel's honest status (issue 12, points 3 and 4): frozen bars look frozen, "Order moved to ..."
lasts only while that order works. A real shell and core over the fake venues of ``test_order_ticket``, with
bars from a small fake feed."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.trading.bridge import QtTrading
from app.viewmodels.chart import ChartViewModel, create_chart_panel
from app.workspace import PanelSpec, WorkspaceRegistry
from services.domain import BarArrays, ConnectionState, Order, OrderStatus, OrderType, Side
from services.trading.core import TradingCore
from tests.conftest import wait_until
from tests.gui.test_order_ticket import BTC, CRYPTO, FakeSession, stop_saving_with_the_window
from widgets.common.not_live import is_greyed
from widgets.panels.chart_panel import ChartPanel

pytestmark = pytest.mark.gui


class FakeFeed:
    """``count`` one-minute bars up to now (or before ``end``), around 60 000."""

    async def bar_arrays(self, instrument, interval, end, count) -> BarArrays:
        last = int((end.timestamp() if end is not None else 1_764_633_600) // 60 * 60) - 60
        time = last - np.arange(count, dtype=np.int64)[::-1] * 60
        close = 60000 + np.sin(np.arange(count) / 7) * 50
        return BarArrays(time, close - 5, close + 20, close - 20, close, np.full(count, 3.0))


class ChartSession(FakeSession):
    market_data = FakeFeed()


@pytest.fixture
async def chart_shell(make_shell):
    core = QtTrading(TradingCore())
    core.add_session(ChartSession(core.core.stores, "coinweight", CRYPTO))
    registry = WorkspaceRegistry()
    registry.register(PanelSpec("chart", "Chart", create_chart_panel, Qt.DockWidgetArea.RightDockWidgetArea))
    core.links.publish("red", BTC)
    shell = make_shell("trader", registry, prepare=lambda ctx: ctx.services.register("trading", core))
    stop_saving_with_the_window(shell)
    panel = shell.window.dock("chart").widget()
    assert isinstance(panel, ChartPanel)
    return shell, core, panel


def set_state(core: QtTrading, state: ConnectionState) -> None:
    session = core.session("coinweight")
    session._set_state(state)
    if state is ConnectionState.DISCONNECTED:
        core.loggedOut.emit("coinweight")
    elif state is ConnectionState.CONNECTED:
        core.loggedIn.emit("coinweight")


async def test_a_logged_out_venue_leaves_its_bars_greyed_under_a_not_live_banner(chart_shell):
    _shell, core, panel = chart_shell
    await wait_until(lambda: panel.chart.bar_count() > 0)
    bars = panel.chart.bar_count()
    assert not panel.not_live_banner.isVisible() and not is_greyed(panel.chart)

    set_state(core, ConnectionState.DISCONNECTED)
    assert panel.not_live_banner.isVisible()
    assert panel.not_live_banner.text() == "Not live: coin-weight logged out"
    assert panel.not_live_banner.y() < panel.bar.y()  # at the top of the panel
    assert is_greyed(panel.chart) and panel.chart.bar_count() == bars  # frozen, still there to read
    assert "not live" in panel.bar.message.text()

    set_state(core, ConnectionState.DEGRADED)
    assert panel.not_live_banner.text() == "Not live: coin-weight reconnecting\u2026"
    set_state(core, ConnectionState.CONNECTED)
    assert not panel.not_live_banner.isVisible() and not is_greyed(panel.chart)
    await wait_until(lambda: panel.chart.bar_count() > 0 and panel.bar.message.text() == "")


async def test_order_moved_goes_once_the_order_has_ended(chart_shell):
    _shell, core, panel = chart_shell
    await wait_until(lambda: panel.chart.bar_count() > 0)
    order = Order(
        order_id="7",
        instrument=BTC,
        side=Side.BUY,
        type=OrderType.LIMIT,
        quantity=Decimal("0.01"),
        status=OrderStatus.NEW,
        price=Decimal("59000"),
        client_id="c7",
    )
    core.orders.upsert(order)
    core.flush_now()
    view_model = panel.findChild(ChartViewModel)
    panel.moveConfirmed.emit("7", 59100.0)
    await wait_until(lambda: panel.bar.message.text() == "Order moved to 59100.00")
    assert view_model is not None

    core.orders.upsert(replace(order, price=Decimal("59100"), status=OrderStatus.CANCELED))
    core.flush_now()
    await asyncio.sleep(0)
    assert panel.bar.message.text() == ""
