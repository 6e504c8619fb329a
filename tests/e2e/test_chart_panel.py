"""The chart panel in the real main window against the live simulator: CHP and coin-weight bars, history paged
in as the user scrolls back, live bars, fills, the position line, and working orders moved by dragging their
lines (confirmed, declined, refused)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QMessageBox

from app.panels import builtin_panels
from app.viewmodels.chart import ChartViewModel
from services.domain import InstrumentId, Order, OrderRequest, OrderStatus, OrderType, Side
from services.trading.chp import ChpVenueSession
from services.trading.links import instrument_key
from services.trading.order_entry import new_client_id
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.e2e.test_chp_session import own_simulator, own_trading_shell  # noqa: F401  (fixtures)

GAZP = InstrumentId("chp", "MOEX", "GAZP")
BTC = InstrumentId("coinweight", "binance", "BTC-USDT")
PAGE = 500
SCREENSHOT = "chart_panel.png"  # under the test's tmp_path


def chart_panel(shell):
    return shell.window.dock("chart").widget()


def choose_interval(panel, code: str) -> None:
    """As the user does it: the interval box of the chart's header."""
    box = next(b for b in panel.chart.findChildren(QComboBox) if b.findData(code) >= 0)
    box.setCurrentIndex(box.findData(code))


def has_line(chart, order_id: str) -> bool:
    try:
        chart.order_line(order_id)
    except KeyError:
        return False
    return True


def drag(chart, order_id: str, price: float) -> None:
    line = chart.order_line(order_id)
    line.begin_drag()
    line.drag_to(price)
    line.finish_drag()


async def answer(panel, button: QMessageBox.StandardButton) -> str:
    await wait_until(lambda: panel.confirmation() is not None)
    box = panel.confirmation()
    question = box.text()
    box.button(button).click()
    return question


async def show(panel, instrument: InstrumentId, interval: str) -> None:
    panel.picker.choose(instrument_key(instrument))
    choose_interval(panel, interval)
    await wait_until(lambda: panel.chart.bar_count() == PAGE and panel.bar.message.text() == "", timeout=10)


async def test_chp_chart_pages_history_and_moves_an_order_by_its_line(
    trading_shell, live_simulator, tmp_path
):
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    panel, chart = chart_panel(shell), chart_panel(shell).chart
    session = core.session("chp")
    assert isinstance(session, ChpVenueSession)
    panel.picker.choose(instrument_key(GAZP))
    assert "Not connected" in panel.bar.message.text() and chart.bar_count() == 0

    await session.login("demo", "demo")  # the chart loads by itself once logged in
    await show(panel, GAZP, "1h")
    assert chart.interval() == "1h" and panel.picker.currentText() == "GAZP  MOEX"

    bars = live_simulator.context.faults.add(path="^/Instruments/GetBars$", drop_before=True)
    try:  # the older page is lost: the chart is told, the user too, and may scroll back again
        chart.go_to_first()  # scrolling back to the oldest bar asks for older ones, once
        assert chart.history_pending
        await wait_until(lambda: not chart.history_pending, timeout=10)
        assert "Older bars not loaded" in panel.bar.message.text() and chart.bar_count() == PAGE
    finally:
        live_simulator.context.faults.remove(bars.rule_id)
    chart.go_to_last()
    chart.go_to_first()
    assert chart.history_pending
    await wait_until(lambda: chart.bar_count() > PAGE and not chart.history_pending, timeout=10)
    assert chart.bar_count() == 2 * PAGE and panel.bar.message.text() == ""
    chart.go_to_last()

    last = float(chart.last_bar()[4])
    price = Decimal(str(last * 0.996)).quantize(Decimal("0.01"))
    request = OrderRequest(GAZP, Side.BUY, OrderType.LIMIT, Decimal(10), new_client_id(), price=price)
    order = await core.order_entry.submit(request)
    assert order is not None and order.status is OrderStatus.NEW
    await wait_until(lambda: has_line(chart, order.order_id))
    assert chart.order_line(order.order_id).price == float(price)
    window = shell.window
    others = [
        d.panel_id for d in window.docks() if d.panel_id not in ("chart", "time_sales") and d.isVisible()
    ]
    for panel_id in others:  # room for the picture
        window.set_panel_visible(panel_id, False)
    await asyncio.sleep(0.5)
    window.grab().save(str(tmp_path / SCREENSHOT))
    for panel_id in others:
        window.set_panel_visible(panel_id, True)

    def working() -> Order:
        current = core.orders.get(f"client:{request.client_id}")
        assert current is not None
        return current

    try:
        drag(chart, order.order_id, float(price) - 0.5)  # declined: the line goes back, nothing is sent
        assert f"from {price} to {price - Decimal('0.50')}" in await answer(
            panel, QMessageBox.StandardButton.No
        )
        assert chart.order_line(order.order_id).price == float(price)

        target = price - Decimal("0.30")
        drag(chart, order.order_id, float(target))
        question = await answer(panel, QMessageBox.StandardButton.Yes)
        assert f"to {target}" in question
        await wait_until(lambda: working().price == target, timeout=5)
        at_venue = {o.order_id: o for o in await session.adapter.active_orders()}
        assert at_venue[order.order_id].price == target
        await wait_until(lambda: chart.order_line(order.order_id).price == float(target))

        drag(
            chart, order.order_id, 0.0
        )  # the venue refuses a zero price: the line goes back, the user is told
        await answer(panel, QMessageBox.StandardButton.Yes)
        await wait_until(lambda: "not moved" in panel.bar.message.text(), timeout=5)
        assert chart.order_line(order.order_id).price == float(target)
        assert working().price == target
    finally:
        assert await core.order_entry.cancel(working())
    await wait_until(lambda: not has_line(chart, order.order_id), timeout=5)

    choose_interval(panel, "M")  # all of the history fits in one page: nothing older to ask for
    await wait_until(lambda: 0 < chart.bar_count() < PAGE and panel.bar.message.text() == "", timeout=10)
    chart.go_to_first()
    assert not chart.history_pending
    await session.logout()
    assert "Not connected" in panel.bar.message.text()


async def test_chart_shows_fills_and_the_position_and_follows_prints_live(own_trading_shell, own_simulator):  # noqa: F811
    shell = own_trading_shell(builtin_panels())
    core = core_of(shell)
    panel, chart = chart_panel(shell), chart_panel(shell).chart
    session = core.session("chp")
    await session.login("demo", "demo")
    await show(panel, GAZP, "1m")
    await wait_until(lambda: chart.position_level()[0] is not None, timeout=5)  # the demo holds GAZP
    held = sum((p.quantity for p in core.positions.positions("chp") if p.instrument == GAZP), Decimal(0))
    assert chart.position_level()[1] == f"POS {held.normalize():f}"
    fills = chart.fill_count()

    bought = await core.order_entry.submit(
        OrderRequest(GAZP, Side.BUY, OrderType.MARKET, Decimal(10), new_client_id())
    )
    assert bought is not None
    await wait_until(lambda: chart.fill_count() > fills, timeout=5)
    await wait_until(lambda: chart.position_level()[1] == f"POS {(held + 10).normalize():f}", timeout=5)

    first = chart.last_bar()
    count = chart.bar_count()
    clock = own_simulator.context.clock
    clock.set_speed(60)  # a minute a second: prints move the last bar and open new ones
    try:
        await wait_until(lambda: chart.bar_count() >= count + 2, timeout=10)
    finally:
        clock.set_speed(1)
    newest = chart.last_bar()
    assert newest[0] > first[0] and newest[0] % 60 == 0
    await session.logout()


async def test_coin_weight_chart_loads_pages_and_changes_interval(trading_shell):
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    panel, chart = chart_panel(shell), chart_panel(shell).chart
    session = core.session("coinweight")
    await session.login("demo", "demo")
    assert instrument_key(BTC) in panel.picker.instrument_keys()
    await show(panel, BTC, "1h")
    assert chart.last_bar()[0] % 3600 == 0
    chart.scroll_bars(-chart.bar_count())
    await wait_until(lambda: chart.bar_count() == 2 * PAGE, timeout=10)

    choose_interval(panel, "D")
    await wait_until(lambda: chart.bar_count() > 0 and chart.last_bar()[0] % 86400 == 0, timeout=10)
    assert panel.findChild(ChartViewModel).interval.label == "D" and chart.interval() == "D"
    await session.logout()
