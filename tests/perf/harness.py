"""What the scale benchmarks share: a results file their keys are merged into, medians, an event-loop stall
probe, CPU time, RSS, and a trading core with a fake logged-in crypto session of N instruments."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, Qt, QTimer

from app.trading.bridge import QtTrading
from app.workspace import PanelContext
from services.domain import Instrument, InstrumentId
from services.trading.core import TradingCore


def merge_results(path: str | None, results: dict[str, float]) -> None:
    """Print the figures and merge them into ``path`` (read, update, write: other benchmarks' keys stay)."""
    for key, value in results.items():
        print(f"{key:40s} {value}")
    if not path:
        return
    out = Path(path)
    merged: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {}
    merged.update(results)
    out.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")


def median(samples: Sequence[float], digits: int = 2) -> float:
    return round(statistics.median(samples), digits)


def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class StallProbe(QObject):
    """A precise timer every ``interval_ms``: how late each tick comes is how long the loop was busy."""

    def __init__(self, interval_ms: int = 5) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.stalls_ms: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.stalls_ms.clear()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        gap = self._clock.nsecsElapsed() / 1e6
        self._clock.restart()
        self.stalls_ms.append(max(0.0, gap - self.interval_ms))


def run_for(seconds: float) -> None:
    """Run the event loop for ``seconds`` (timers, paints, queued work), as the app's loop runs."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.0005)
    return True


def crypto_instruments(n: int) -> list[Instrument]:
    markets = ("binance", "huobi", "okx", "kraken")
    return [
        Instrument(
            InstrumentId("coinweight", markets[i % len(markets)], f"C{i:04d}-USDT"),
            f"C{i:04d}",
            "USDT",
            Decimal("0.01"),
            Decimal("0.0001"),
            Decimal("0.0001"),
        )
        for i in range(n)
    ]


def fake_core(instruments: Sequence[Instrument]) -> QtTrading:
    """A core with a logged-in fake coin-weight session (the GUI tests' FakeSession) of ``instruments``."""
    from tests.gui.test_order_ticket import FakeSession  # the tests' fake venue, no network

    core = QtTrading(TradingCore())
    core.add_session(FakeSession(core.core.stores, "coinweight", instruments))
    return core


def panel_context(panel_id: str) -> PanelContext:
    """A panel's context without an AppContext (view-models are given their core): a default profile."""
    from app.profiles import Profile

    app: Any = SimpleNamespace(profile=Profile())
    return PanelContext(app=app, panel_id=panel_id, settings={}, settings_changed=lambda: None)


def in_children(module: str, runs: int, args: Sequence[str] = ()) -> dict[str, float]:
    """Run ``python -m module --child [args]`` ``runs`` times (fresh processes: RSS and caches of one run do
    not colour the next); each prints a JSON object of figures; the median of each figure."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    samples: list[dict[str, float]] = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-m", module, "--child", *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: median([sample[key] for sample in samples]) for key in samples[0]}
