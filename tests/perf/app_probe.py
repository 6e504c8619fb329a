"""The real app (``python -m app``) with probes: ``python -m tests.perf.app_probe --out FILE [-- APP ARGS]``.

Run as a fresh process by the start-up and idle benchmarks. It watches, from outside the app's code:

- ``window_painted``: the first Paint event any widget of the main window receives;
- ``first_quote_painted``: the first Paint of the market watch's table after a row with a bid reached its
  model (the quote is on screen in that paint);
- the app process's CPU time (user + system, ``os.times``) at both moments: less noisy than wall time on a
  shared machine;
- with ``--idle SECONDS``: once the first quote is painted, waits ``--settle`` seconds and then measures for
  SECONDS: CPU time of the app's process (the simulator is another process and is not counted), HTTP
  requests it sent (``httpx.AsyncClient.send`` wrapped; per venue by the simulator's mount), RSS
  (``/proc/self/status``) sampled 20 times, tracemalloc's top growth sites with ``--tracemalloc``, a
  cProfile of the window with ``--profile FILE``.

Times are ``time.time()`` (wall clock), so the parent can subtract the moment it started the process.
The figures go to ``--out`` as JSON; the app is then closed the normal way (the main window's close).
"""

from __future__ import annotations

import argparse
import importlib.abc
import importlib.util
import json
import os
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

VENUE_PREFIXES = (  # the simulator's mounts (services/simulator/app.py); CHP_Rest owns the root
    ("/exp/v2", "coinweight"),
    ("/md/", "marketdata"),
    ("/dxweb/", "dxregister"),
    ("/ramm", "ramm"),
    ("/aggregion", "aggregion"),
)


def venue_of(path: str) -> str:
    """The venue a request went to; market data per counterparty (each is a service of its own)."""
    venue = next((venue for prefix, venue in VENUE_PREFIXES if path.startswith(prefix)), "chp")
    if venue == "marketdata":
        return f"marketdata:{path.split('/')[2]}"
    return venue


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class Probe(QObject):
    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.args = args
        self.figures: dict[str, Any] = {}
        self.quoted_tables: set[int] = set()
        self.requests = 0
        self.requests_by_venue: Counter[str] = Counter()
        self.requests_by_path: Counter[str] = Counter()
        self.main_window: QMainWindow | None = None
        self.finished = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        now = time.time()
        window = watched.window()
        if "window_painted" not in self.figures and isinstance(window, QMainWindow):
            self.figures["window_painted"] = now
            self.figures["window_painted_cpu_s"] = _cpu()
            self.main_window = window
        if (
            "first_quote_painted" not in self.figures
            and self.quoted_tables
            and isinstance(watched.parent(), QWidget)
            and id(watched.parent()) in self.quoted_tables
        ):
            self.figures["first_quote_painted"] = now
            self.figures["first_quote_painted_cpu_s"] = _cpu()
            QTimer.singleShot(0, self._after_first_quote)
        return False

    def note_rows(self, panel: Any, rows: Any) -> None:
        if any(getattr(row, "bid", None) is not None for row in rows):
            self.quoted_tables.add(id(panel.table))

    def _after_first_quote(self) -> None:
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        if self.args.idle:
            QTimer.singleShot(int(self.args.settle * 1000), self._idle_start)
        else:
            self._finish()

    def _idle_start(self) -> None:
        if self.args.tracemalloc:
            tracemalloc.start(12)
            self._snapshot = tracemalloc.take_snapshot()
        if self.args.paints:
            self._paints: Counter[str] = Counter()
            self._paint_counter = PaintCounter(self._paints)
            QApplication.instance().installEventFilter(self._paint_counter)  # type: ignore[union-attr]
        if self.args.profile:
            import cProfile

            self._profiler = cProfile.Profile(time.process_time)  # CPU time: what idle costs
            self._profiler.enable()
        self._t0, self._cpu0, self._req0, self._rss0 = time.monotonic(), _cpu(), self.requests, rss_mb()
        self._by_venue0 = Counter(self.requests_by_venue)
        self._by_path0 = Counter(self.requests_by_path)
        self._rss_samples: list[tuple[float, float]] = [(0.0, self._rss0)]
        step = max(1.0, self.args.idle / 20)
        self._sampler = QTimer()
        self._sampler.timeout.connect(
            lambda: self._rss_samples.append((time.monotonic() - self._t0, rss_mb()))
        )
        self._sampler.start(int(step * 1000))
        QTimer.singleShot(int(self.args.idle * 1000), self._idle_end)

    def _idle_end(self) -> None:
        self._sampler.stop()
        if self.args.paints:
            QApplication.instance().removeEventFilter(self._paint_counter)  # type: ignore[union-attr]
            self.figures["idle_paints"] = dict(self._paints.most_common(30))
        if self.args.profile:
            self._profiler.disable()
            self._profiler.dump_stats(self.args.profile)
        elapsed = time.monotonic() - self._t0
        self._rss_samples.append((elapsed, rss_mb()))
        self.figures.update(
            idle_seconds=elapsed,
            idle_cpu_s=_cpu() - self._cpu0,
            idle_requests=self.requests - self._req0,
            idle_requests_by_venue=dict(self.requests_by_venue - self._by_venue0),
            idle_requests_by_path=dict((self.requests_by_path - self._by_path0).most_common()),
            idle_rss_start_mb=self._rss0,
            idle_rss_samples=self._rss_samples,
        )
        if self.args.tracemalloc:
            diff = tracemalloc.take_snapshot().compare_to(self._snapshot, "traceback")
            self.figures["tracemalloc_top"] = [
                {"kb": round(d.size_diff / 1024, 1), "count": d.count_diff,
                 "where": [f"{f.filename}:{f.lineno}" for f in d.traceback[-6:]]}
                for d in diff[:15]
            ]
            tracemalloc.stop()
        self._finish()

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        Path(self.args.out).write_text(json.dumps(self.figures))
        if self.main_window is not None:
            self.main_window.close()


class PaintCounter(QObject):
    """Counts Paint events by widget: the class, with its parent's for a viewport or a child widget."""

    def __init__(self, counts: Counter[str]) -> None:
        super().__init__()
        self.counts = counts

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            parent = watched.parent()
            owner = type(parent).__name__ + "/" if parent is not None else ""
            self.counts[f"{owner}{type(watched).__name__} {watched.objectName()}".strip()] += 1
        return False


class _PatchAfterImport(importlib.abc.MetaPathFinder):
    """Runs ``patch(module)`` once ``name`` has been imported by the app itself, so the probe imports nothing
    the app would import later: what is timed is the app's own start-up order (the simulator's child, for
    one, is launched before the app's heavy imports)."""

    def __init__(self, name: str, patch: Callable[[ModuleType], None]) -> None:
        self.name, self.patch = name, patch

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader, patch = spec.loader, self.patch

        class Patching(importlib.abc.Loader):
            def create_module(self, spec: ModuleSpec) -> ModuleType | None:
                return loader.create_module(spec)

            def exec_module(self, module: ModuleType) -> None:
                loader.exec_module(module)
                patch(module)

        spec.loader = Patching()
        return spec


def after_import(name: str, patch: Callable[[ModuleType], None]) -> None:
    if name in sys.modules:
        patch(sys.modules[name])
    else:
        sys.meta_path.insert(0, _PatchAfterImport(name, patch))


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--idle", type=float, default=0.0, help="measure idle cost for this many seconds")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after the first quote before it")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--profile", help="cProfile the idle window into this file")
    parser.add_argument("--paints", action="store_true", help="count Paint events per widget during it")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("app_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    app_args = [a for a in args.app_args if a != "--"]

    probe = Probe(args)

    def count_requests(httpx: ModuleType) -> None:
        original_send = httpx.AsyncClient.send

        async def counting_send(self: Any, request: Any, **kwargs: Any) -> Any:
            probe.requests += 1
            probe.requests_by_venue[venue_of(request.url.path)] += 1
            probe.requests_by_path[f"{request.method} {request.url.path}"] += 1
            return await original_send(self, request, **kwargs)

        httpx.AsyncClient.send = counting_send

    def note_quoted_rows(module: ModuleType) -> None:
        panel_class = module.MarketWatchPanel
        for name in ("setRows", "updateRows"):
            original = getattr(panel_class, name)

            def patched(self: Any, rows: Any, _original: Any = original) -> None:
                rows = list(rows)
                probe.note_rows(self, rows)
                _original(self, rows)

            setattr(panel_class, name, patched)

    def watch_the_application(composition: ModuleType) -> None:
        original_create = composition.create_application

        def create_application(argv: list[str] | None = None) -> QApplication:
            app = original_create(argv)
            app.installEventFilter(probe)
            QTimer.singleShot(int(args.timeout * 1000), probe._finish)
            return app

        setattr(composition, "create_application", create_application)  # noqa: B010 (a module patched)

    # patched as the app imports them: the probe imports nothing the app would import later, so the app's
    # own order is what is timed (its simulator child is launched before the app's heavy imports)
    after_import("httpx", count_requests)
    after_import("widgets.panels.market_watch", note_quoted_rows)
    after_import("app.composition", watch_the_application)
    import app.__main__ as cli

    code = cli.main(app_args)
    if not probe.finished:
        Path(args.out).write_text(json.dumps(probe.figures))
    return code


if __name__ == "__main__":
    sys.exit(main())
