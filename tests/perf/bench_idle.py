"""Idle benchmarks: ``python -m tests.perf.bench_idle [--out FILE] [--seconds 120] [--repeat 3]``.

Each run starts the app on the demo venues (default layout, every venue logged in), waits for the first quote
painted plus ``--settle`` seconds, then leaves it untouched for ``--seconds`` while tests/perf/app_probe.py
measures it. The RSS growth is a least-squares slope over the window, extrapolated to an hour (a few minutes
stand for the hour: say so when quoting it). See tests/perf/README.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.perf.app_runs import merge_into, run_app


def slope_per_hour(samples: Sequence[Sequence[float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per hour."""
    xs, ys = [s[0] for s in samples], [s[1] for s in samples]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread * 3600.0


def figures(run: dict[str, Any]) -> dict[str, Any]:
    seconds = run["idle_seconds"]
    return {
        "idle_cpu_pct": 100.0 * run["idle_cpu_s"] / seconds,
        "idle_requests_per_s": run["idle_requests"] / seconds,
        "idle_rss_growth_mb_per_h": slope_per_hour(run["idle_rss_samples"]),
        "by_venue": {venue: n / seconds for venue, n in run["idle_requests_by_venue"].items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", help="merge the figures into this JSON file")
    parser.add_argument("--seconds", type=float, default=120.0, help="idle window of one run")
    parser.add_argument("--settle", type=float, default=30.0, help="seconds after the first quote before it")
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median is kept)")
    parser.add_argument("--profile", help="cProfile the idle window of the last run into this file")
    parser.add_argument("--tracemalloc", help="tracemalloc's top growth sites of each run, to this JSON")
    parser.add_argument("--paints", action="store_true", help="print the Paint events per widget of each run")
    args = parser.parse_args(argv)
    extra = ["--profile", args.profile] if args.profile else []
    extra += ["--tracemalloc"] if args.tracemalloc else []
    extra += ["--paints"] if args.paints else []
    growth_sites: list[Any] = []
    runs = []
    with tempfile.TemporaryDirectory(prefix="tessera-bench-idle-") as tmp:
        data, pycache = Path(tmp) / "data", Path(tmp) / "pycache"
        for _ in range(args.repeat):
            timeout = args.seconds + args.settle + 300
            run = run_app(
                data, pycache, "--idle", str(args.seconds), "--settle", str(args.settle),
                "--timeout", str(timeout - 60), *extra, timeout=timeout,
            )
            runs.append(figures(run))
            growth_sites.append(run.get("tracemalloc_top", []))
            seconds = run["idle_seconds"]
            for path, n in run.get("idle_requests_by_path", {}).items():  # what is polled, not merged
                print(f"  {n / seconds:6.2f}/s  {path}")
            for widget, n in run.get("idle_paints", {}).items():
                print(f"  {n / seconds:6.2f} paints/s  {widget}")
    if args.tracemalloc:
        Path(args.tracemalloc).write_text(json.dumps(growth_sites, indent=1))
    results: dict[str, Any] = {
        key: round(statistics.median(run[key] for run in runs), 2)
        for key in ("idle_cpu_pct", "idle_requests_per_s", "idle_rss_growth_mb_per_h")
    }
    venues = sorted({venue for run in runs for venue in run["by_venue"]})
    results["idle_requests_per_s_by_venue"] = {
        venue: round(statistics.median(run["by_venue"].get(venue, 0.0) for run in runs), 2)
        for venue in venues
    }
    results["idle_window_s"] = args.seconds
    merge_into(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
