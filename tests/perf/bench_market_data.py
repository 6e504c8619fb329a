"""Market-data path at scale: ``python -m tests.perf.bench_market_data [--out bench-results.json]``.

N instruments in the market watch (the real panel and view-model over a trading core whose coin-weight
session is a fake, so the venue costs nothing), each quoted 20 times a second for 20 s through the
QuoteStore, as the feeds put them. Measured: how late a 5 ms precise timer comes (the event loop's stall),
the process's CPU, and after the load how long until every row shows its instrument's last quote. See
tests/perf/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from services.domain import Quote
from tests.perf.harness import (
    StallProbe,
    cpu_seconds,
    crypto_instruments,
    fake_core,
    median,
    merge_results,
    panel_context,
    percentile,
    run_for,
    wait_for,
)

RATE_PER_INSTRUMENT = 20
VARIANTS = 16  # distinct quotes per instrument, made before the timing starts


def run(n: int, seconds: float, repeat: int) -> dict[str, float]:
    from app.bootstrap import GuiThreadGarbageCollector
    from app.market_catalog import MarketCatalog
    from app.viewmodels.market_watch import MarketWatchViewModel
    from services.domain import MarketTab
    from widgets.panels.market_watch import MarketWatchPanel

    instruments = crypto_instruments(n)
    core = fake_core(instruments)
    session = core.session("coinweight")

    class Catalog(MarketCatalog):
        def _on_logged_in(self, _venue: str) -> None:  # no workspace to read: the tab is set here
            pass

    catalog = Catalog(core, session, None)  # type: ignore[arg-type]  # no workspace
    catalog.tabs = [MarketTab("All", tuple(i.id for i in instruments))]
    panel = MarketWatchPanel()
    MarketWatchViewModel(panel_context("market_watch"), panel, catalog=catalog, core=core)
    panel.resize(1280, 720)
    panel.show()
    run_for(0.3)
    quotes = [
        [
            Quote(
                i.id,
                Decimal(1000 + k) + Decimal(index % 97) / 100,
                Decimal(1001 + k) + Decimal(index % 97) / 100,
                Decimal(1000 + k) + Decimal(index % 89) / 100,
                change_pct_24h=Decimal(k - VARIANTS // 2) / 7,
                volume_24h=Decimal(10_000 + index * k),
            )
            for k in range(VARIANTS)
        ]
        for index, i in enumerate(instruments)
    ]
    # the app's collector regime (app/composition.py): collected in the GUI thread, start-up's survivors
    # frozen, which here also keeps the bench's own pre-built quotes out of every full collection
    collector = GuiThreadGarbageCollector()
    collector.freeze_survivors()
    stalls_p99, stalls_max, cpus, current = [], [], [], []
    try:
        for _ in range(repeat):
            p99, worst, cpu, current_ms = _one_run(core, panel, quotes, seconds)
            stalls_p99.append(p99)
            stalls_max.append(worst)
            cpus.append(cpu)
            current.append(current_ms)
            run_for(0.5)
    finally:
        collector.stop()
    name = f"md_{n}x{RATE_PER_INSTRUMENT}"
    return {
        f"{name}_stall_p99_ms": median(stalls_p99),
        f"{name}_stall_max_ms": median(stalls_max),
        f"{name}_cpu_pct": median(cpus, 1),
        f"{name}_rows_current_ms": median(current),
    }


def _one_run(core: Any, panel: Any, quotes: list[list[Quote]], seconds: float) -> tuple[float, ...]:
    """One load: (stall p99 ms, stall max ms, CPU %, ms until every row shows its last quote)."""
    from app.viewmodels.market_watch import instrument_key

    n = len(quotes)
    rate = n * RATE_PER_INSTRUMENT
    sent = 0
    clock = QElapsedTimer()
    latest: dict[str, Quote] = {}

    def feed() -> None:
        nonlocal sent
        due = int(clock.elapsed() * rate / 1000)
        while sent < due:
            quote = quotes[sent % n][(sent // n) % VARIANTS]
            core.quotes.put(quote)
            latest[instrument_key(quote.instrument)] = quote
            sent += 1

    driver = QTimer()
    driver.setTimerType(Qt.TimerType.PreciseTimer)
    driver.setInterval(10)
    driver.timeout.connect(feed)
    probe = StallProbe()
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    clock.start()
    driver.start()
    probe.start()
    run_for(seconds)
    driver.stop()
    probe.stop()
    cpu = 100 * (cpu_seconds() - cpu0) / (time.perf_counter() - wall0)
    done = time.perf_counter()

    def rows_current() -> bool:
        return all(
            (row := panel.row(key)) is not None and row.last == quote.last.quantize(Decimal("0.01"))
            for key, quote in latest.items()
            if quote.last is not None
        )

    wait_for(rows_current, 5.0)
    current_ms = 1000 * (time.perf_counter() - done)
    return percentile(probe.stalls_ms, 99), max(probe.stalls_ms, default=0.0), cpu, current_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", help="merge the figures into this JSON file")
    parser.add_argument("--instruments", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    results: dict[str, float] = {}
    for n in args.instruments:
        results.update(run(n, args.seconds, args.repeat))
    del app
    merge_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
