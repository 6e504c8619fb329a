"""Start-up benchmarks: ``python -m tests.perf.bench_startup [--out bench-results.json] [--repeat 5]``.

Each run is a fresh ``python -m app`` on the demo venues (the simulator in its child process), watched by
tests/perf/app_probe.py; one untimed warm-up run first (bytecode cache, fonts, the profile's first save), then
``--repeat`` timed runs on the same profile (a returning user). See tests/perf/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from tests.perf.app_runs import merge_into, run_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", help="merge the figures into this JSON file")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (the median is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tessera-bench-startup-") as tmp:
        data, pycache = Path(tmp) / "data", Path(tmp) / "pycache"
        run_app(data, pycache)  # warm-up
        runs = [run_app(data, pycache) for _ in range(args.repeat)]
    results = {
        "startup_window_ms": _median(runs, "window_painted_ms"),
        "startup_first_quote_ms": _median(runs, "first_quote_painted_ms"),
        "startup_window_cpu_ms": _median(runs, "window_painted_cpu_s", 1000.0),
        "startup_first_quote_cpu_ms": _median(runs, "first_quote_painted_cpu_s", 1000.0),
    }
    merge_into(args.out, results)
    return 0


def _median(runs: list[dict], key: str, scale: float = 1.0) -> float:
    return round(statistics.median(run[key] * scale for run in runs), 1)


if __name__ == "__main__":
    sys.exit(main())
