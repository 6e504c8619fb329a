"""The order path: ``python -m tests.perf.bench_orders [--out bench-results.json]``.

The real Orders panel and view-model, the real trading core and coin-weight session, the embedded simulator
over loopback in its own process, as the app runs it (in a thread of this process, its matching and price
process would take the GIL from the terminal being measured). A limit buy far below the market is sent through
``OrderEntry.submit`` as the order ticket sends it; the figure is the time until the Active table's viewport
has painted the order as working. Then each is cancelled through ``OrderEntry.cancel`` as the panel does:
the time until the viewport has painted without its row. Every figure is the median (or p99) of
``--orders`` orders per run, over ``--repeat`` runs. See tests/perf/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from services.domain import InstrumentId, OrderRequest, OrderType, Side
from tests.perf.harness import merge_results, panel_context, percentile

ETH = InstrumentId("coinweight", "binance", "ETH-USDT")


class PaintClock(QObject):
    """When the watched widget last finished a paint."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at = 0.0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()  # the paint runs right after the filter: a lower bound
        return False


async def _until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the order did not show")
        await asyncio.sleep(0.001)


async def run(orders: int) -> tuple[list[float], list[float], list[float]]:
    from app.trading.bridge import QtTrading
    from app.viewmodels.orders import OrdersViewModel
    from services.simulator.process import SimulatorProcess
    from services.trading.coinweight import CoinWeightVenueSession
    from services.trading.core import TradingCore
    from services.trading.order_entry import new_client_id
    from services.trading.stores import client_key
    from widgets.panels.orders import OrdersPanel

    sim = SimulatorProcess(["--seed", "23"])
    sim.launch()
    try:
        address = await sim.ready()
        core = TradingCore()
        base = address.base_url
        session = CoinWeightVenueSession(f"{base}/exp/v2", {"binance": f"{base}/md/binance"}, core.stores)
        core.add_session(session)
        qt = QtTrading(core)
        panel = OrdersPanel()
        OrdersViewModel(panel_context("orders"), panel, core=qt)
        panel.resize(1280, 720)
        panel.show()
        clock = PaintClock()
        panel.active_table.viewport().installEventFilter(clock)
        await session.login(address.login, address.password)
        book = await session.market_data.order_book(ETH, 5)
        far = (book.bids[0].price * Decimal("0.7")).quantize(Decimal("0.01"))
        placed, cancelled, sent, after_answer = [], [], [], []
        answered_at: list[float] = []  # when order entry stored the venue's answer
        qt.order_entry.answered.connect(lambda: answered_at.append(time.perf_counter()))
        model = panel.active
        for k in range(orders):
            price = far - Decimal(k) / 100
            request = OrderRequest(ETH, Side.BUY, OrderType.LIMIT, Decimal("0.01"), new_client_id(), price)
            key = client_key(request.client_id)

            def working(key: str = key) -> bool:
                row = model.row_of(key)
                return row is not None and model.record(row).state == "working"

            start = time.perf_counter()
            answered_at.clear()
            task = asyncio.ensure_future(qt.order_entry.submit(request))
            await _until(lambda start=start, working=working: working() and clock.painted_at > start)
            placed.append(clock.painted_at - start)
            after_answer.append(clock.painted_at - answered_at[0])
            sent.append(await task)
            await asyncio.sleep(0.02)
        for order in sent:
            key = qt.orders.key_of(order)
            start = time.perf_counter()
            task = asyncio.ensure_future(qt.order_entry.cancel(qt.orders.get(key) or order))
            await _until(lambda start=start, key=key: model.row_of(key) is None and clock.painted_at > start)
            cancelled.append(clock.painted_at - start)
            await task
            await asyncio.sleep(0.02)
        await qt.aclose()
        panel.close()
    finally:
        sim.stop()
    return placed, cancelled, after_answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", help="merge the figures into this JSON file")
    parser.add_argument("--orders", type=int, default=40, help="orders per run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qasync import QEventLoop

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    p50, p99, cancel50, terminal50 = [], [], [], []
    with loop:  # (closed at the end: its executor's thread, which awaited the child's ready line, ends)
        for _ in range(args.repeat):
            placed, cancelled, after_answer = loop.run_until_complete(run(args.orders))
            terminal50.append(1000 * statistics.median(after_answer))
            p50.append(1000 * statistics.median(placed))
            p99.append(1000 * percentile(placed, 99))
            cancel50.append(1000 * statistics.median(cancelled))
    merge_results(
        args.out,
        {
            "order_painted_p50_ms": round(statistics.median(p50), 2),
            "order_painted_p99_ms": round(statistics.median(p99), 2),
            "cancel_gone_p50_ms": round(statistics.median(cancel50), 2),
            "order_answer_to_painted_p50_ms": round(statistics.median(terminal50), 2),
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
