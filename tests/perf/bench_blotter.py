"""The Orders panel at 100,000 orders: ``python -m tests.perf.bench_blotter [--out bench-results.json]``.

The real Orders panel and its view-model over a trading core with a fake coin-weight session (no venue
cost); the orders go into the core's OrderStore and reach the panel through the Qt bridge, as the venue's
feed would bring them. Each run is a fresh process; every figure is the median over the runs. See
tests/perf/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from services.domain import Order, OrderStatus, OrderType, Side
from tests.perf.harness import (
    crypto_instruments,
    fake_core,
    in_children,
    merge_results,
    panel_context,
    rss_mb,
    run_for,
)

ORDERS = 100_000
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def synthetic_orders(n: int, instruments: list, seed: int = 5) -> list[Order]:
    rnd = random.Random(seed)
    return [
        Order(
            order_id=str(1_000_000 + k),
            instrument=rnd.choice(instruments).id,
            side=rnd.choice((Side.BUY, Side.SELL)),
            type=OrderType.LIMIT,
            quantity=Decimal(rnd.randint(1, 10_000)) / 100,
            status=rnd.choice((OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED)),
            price=Decimal(rnd.randint(100, 10_000_000)) / 100,
            client_id=f"b{k}",
            created=T0 + timedelta(seconds=k * 3),
        )
        for k in range(n)
    ]


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return 1000 * (time.perf_counter() - start)


def child(n: int) -> dict[str, float]:
    from app.viewmodels.orders import OrdersViewModel
    from widgets.panels.orders import OrdersPanel

    instruments = crypto_instruments(200)
    core = fake_core(instruments)
    panel = OrdersPanel()
    OrdersViewModel(panel_context("orders"), panel, core=core)
    panel.resize(1280, 720)
    panel.show()
    run_for(0.3)
    orders = synthetic_orders(n, instruments)
    core.orders.upsert_many(orders)  # the store (the venue's feed): not timed

    def insert() -> None:
        core.flush_now()  # the bridge's frame: view-model rows, the Qt model, the sorted view
        QCoreApplication.processEvents()  # and its paint

    insert_ms = _ms(insert)
    assert panel.active.rowCount() == n, panel.active.rowCount()
    rss = rss_mb()
    table = panel.active_table
    scroll = table.verticalScrollBar()

    def page_down() -> None:
        scroll.setValue((scroll.value() + scroll.pageStep()) % max(1, scroll.maximum()))
        table.viewport().repaint()

    scroll_ms = [_ms(page_down) for _ in range(40)]
    model = panel.active
    sort_ms = []
    for column in ("price", "instrument", "quantity", "time"):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):

            def sort(column: str = column, order: Qt.SortOrder = order) -> None:
                table.sortByColumn(model.column_of(column), order)
                table.viewport().repaint()

            sort_ms.append(_ms(sort))
    change_ms = []
    by_key = {core.orders.key_of(order): order for order in orders}
    row_height = table.verticalHeader().defaultSectionSize()
    for k in range(40):  # an order in view changes (one off screen costs nothing to paint)
        key = table.id_at(table.rowAt(row_height * (k % 20) + 2))
        order = by_key[key]
        filled = order.quantity * Decimal(k + 1) / 100
        core.orders.upsert(replace(order, status=OrderStatus.PARTIALLY_FILLED, filled_quantity=filled))

        def one_change() -> None:
            core.flush_now()
            QCoreApplication.processEvents()

        change_ms.append(_ms(one_change))
    return {
        "blotter_100k_insert_ms": round(insert_ms, 1),
        "blotter_100k_scroll_ms": round(statistics.median(scroll_ms), 2),
        "blotter_100k_sort_ms": round(statistics.median(sort_ms), 1),
        "blotter_100k_change_ms": round(statistics.median(change_ms), 2),
        "blotter_100k_rss_mb": round(rss, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", help="merge the figures into this JSON file")
    parser.add_argument("--orders", type=int, default=ORDERS)
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.child:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        print(json.dumps(child(args.orders)))
        del app
        return 0
    merge_results(
        args.out, in_children("tests.perf.bench_blotter", args.repeat, ["--orders", str(args.orders)])
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
