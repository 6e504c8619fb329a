"""Chart benchmarks: ``python -m tests.perf.bench_chart [--out bench-results.json]``.

Every size N runs in fresh subprocesses (one for the timings, one per cold sample: first chart of a
process, RSS) so caches, fonts and heap growth of one size do not leak into another.  See
tests/perf/README.md for what each figure means and how it is taken.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtWidgets import QApplication

from widgets.chart import ChartWidget

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
WINDOW = (1280, 720)
HISTORY_PAGE = 1000


def synthetic_bars(n: int, seed: int = 7) -> tuple[np.ndarray, ...]:
    """A 1-minute random walk with gaps (a 9-hour session per weekday, as a stock exchange has)."""
    rng = np.random.default_rng(seed)
    minute = np.arange(n, dtype=np.int64)
    day, in_session = np.divmod(minute, 540)
    week, weekday = np.divmod(day, 5)
    time_s = 1_262_563_200 + (week * 7 + weekday) * 86_400 + 7 * 3600 + in_session * 60  # from Mon 2010-01-04
    close = 100.0 * np.exp(np.cumsum(rng.normal(0.0, 0.001, n)))
    open_ = np.concatenate(([close[0]], close[:-1]))
    wick = np.abs(rng.normal(0.0, 0.0005, (2, n)))
    high = np.maximum(open_, close) * (1 + wick[0])
    low = np.minimum(open_, close) * (1 - wick[1])
    volume = rng.lognormal(3.0, 1.0, n)
    return time_s, open_, high, low, close, volume


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000.0, 3)


def _timed(action: Callable[[], None], repeat: int, settle: Callable[[], None],
           setup: Callable[[], None] | None = None) -> list[float]:
    """Wall-clock of ``action`` (a change plus a synchronous repaint); ``settle`` runs untimed after each."""
    samples = []
    for _ in range(repeat):
        if setup is not None:
            setup()
            settle()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
        settle()
    return samples


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _first_paint(app, bars: tuple[np.ndarray, ...]):
    """Build, load, show and spin the event loop until the candles and volume have really painted."""
    chart = ChartWidget()
    chart.resize(*WINDOW)
    chart.set_title("BENCH")
    chart.set_bars(*bars, price_decimals=2)
    chart.show()
    while not (chart.candles.frames_painted and chart.volumes.frames_painted):
        app.processEvents()
    return chart


def _child_timings(n: int, repeat: int) -> dict[str, float]:
    app = QApplication([])
    bars = synthetic_bars(n)
    paints = []
    chart = None
    for _ in range(repeat):
        if chart is not None:
            chart.close()
            chart.deleteLater()
            app.processEvents()
        start = time.perf_counter()
        chart = _first_paint(app, bars)
        paints.append(time.perf_counter() - start)

    viewport = chart.canvas.viewport()
    settle = app.processEvents  # deferred scene/label updates: flushed between samples, not timed
    frame = viewport.repaint

    direction = [1]

    def pan() -> None:
        first, last = chart.visible_bar_range()
        direction[0] = -direction[0]
        chart.scroll_bars(direction[0] * 0.1 * (last - first + 1))
        frame()

    def last_hundred() -> None:
        chart.set_visible_bars(n - 100, n - 1)
        frame()

    def zoom_out() -> None:
        chart.show_all()
        frame()

    price = [float(bars[4][-1])]

    def live_update() -> None:
        price[0] *= 1.0001
        chart.update_last_bar(float(bars[1][-1]), max(price[0], float(bars[2][-1])), float(bars[3][-1]),
                              price[0], float(bars[5][-1]) + 1.0)
        frame()

    stamp = [int(bars[0][-1])]

    def live_append() -> None:
        stamp[0] += 60
        chart.append_bar(stamp[0], price[0], price[0] * 1.001, price[0] * 0.999, price[0], 10.0)
        frame()

    last_hundred()
    results = {
        f"chart_first_paint_ms_{n}": _median_ms(paints),
        f"chart_pan_ms_{n}": _median_ms(_timed(pan, 60, settle)),
        f"chart_zoom_out_ms_{n}": _median_ms(_timed(zoom_out, 30, settle, setup=last_hundred)),
    }
    last_hundred()
    settle()
    # the first write moves the last bar out of the adopted arrays into the live tail: reported on its own
    results[f"chart_live_first_update_ms_{n}"] = _median_ms(_timed(live_update, 1, settle))
    results[f"chart_live_update_ms_{n}"] = _median_ms(_timed(live_update, 100, settle))
    results[f"chart_live_append_ms_{n}"] = _median_ms(_timed(live_append, 60, settle))
    # the same pan and zoom-out once live bars exist: the visible bars straddle the adopted body and the tail
    last_hundred()
    settle()
    results[f"chart_pan_live_ms_{n}"] = _median_ms(_timed(pan, 60, settle))
    results[f"chart_zoom_out_live_ms_{n}"] = _median_ms(_timed(zoom_out, 30, settle, setup=last_hundred))

    chart.show_all()
    frame()
    results[f"chart_full_range_primitives_{n}"] = chart.candles.primitive_count

    oldest = [int(bars[0][0])]

    def history_page() -> None:  # 1,000 older bars arrive while the user looks at the oldest ones
        page = [column[:HISTORY_PAGE].copy() for column in bars]
        page[0] += oldest[0] - 60 * HISTORY_PAGE - int(bars[0][0])
        oldest[0] = int(page[0][0])
        chart.prepend_bars(*page)
        frame()

    chart.set_visible_bars(0, 99)
    settle()
    results[f"chart_history_page_ms_{n}"] = _median_ms(_timed(history_page, 10, settle))
    return results


def _child_cold(n: int) -> dict[str, float]:
    """First chart of a fresh process: cold first paint, RSS after it, RSS once live updates began."""
    app = QApplication([])
    bars = synthetic_bars(n)
    start = time.perf_counter()
    chart = _first_paint(app, bars)
    cold = time.perf_counter() - start
    rss = _rss_mb()
    chart.update_last_bar(*(float(column[-1]) for column in bars[1:]))
    app.processEvents()
    return {f"chart_first_paint_cold_ms_{n}": round(cold * 1000, 3), f"chart_rss_mb_{n}": round(rss, 1),
            f"chart_rss_live_mb_{n}": round(_rss_mb(), 1)}


def _run_child(*args: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "tests.perf.bench_chart", *args], env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", help="merge the figures into this JSON file")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=7, help="first-paint and RSS runs per size")
    parser.add_argument("--child-timings", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-cold", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    if args.child_timings:
        print(json.dumps(_child_timings(args.child_timings, args.repeat)))
        return 0
    if args.child_cold:
        print(json.dumps(_child_cold(args.child_cold)))
        return 0

    results: dict[str, float] = {}
    for n in args.sizes:
        results.update(_run_child("--child-timings", str(n), "--repeat", str(args.repeat)))
        cold_runs = [_run_child("--child-cold", str(n)) for _ in range(max(3, args.repeat // 2))]
        for key in cold_runs[0]:
            results[key] = statistics.median(run[key] for run in cold_runs)
    for key, value in results.items():
        print(f"{key:40s} {value}")
    if args.out:
        merged = {}
        if os.path.exists(args.out):
            with open(args.out) as existing:
                merged = json.load(existing)
        merged.update(results)
        with open(args.out, "w") as out:
            json.dump(merged, out, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
