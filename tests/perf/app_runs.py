"""Shared by the app benchmarks: run the real app under tests/perf/app_probe.py, merge figures into a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def probe_env(pycache: Path) -> dict[str, str]:
    """The environment of a measured run: offscreen, and bytecode cached (as an installed app has it).

    ``PYTHONDONTWRITEBYTECODE`` (set on this machine) would make every run compile the project's modules from
    source (about a second); the cache goes to ``pycache`` so the work tree stays clean."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_app(data_dir: Path, pycache: Path, *probe_args: str, timeout: float = 600.0) -> dict[str, Any]:
    """One run of the app (fresh process, demo venues, profile ``bench`` in ``data_dir``); its figures, with
    ``*_ms`` keys counted from the moment this process started the app's."""
    with tempfile.TemporaryDirectory(prefix="tessera-probe-") as tmp:
        out = Path(tmp) / "figures.json"
        command = [
            sys.executable, "-m", "tests.perf.app_probe", "--out", str(out), *probe_args,
            "--", "--data-dir", str(data_dir), "--profile", "bench",
        ]
        started = time.time()
        done = subprocess.run(
            command, cwd=ROOT, env=probe_env(pycache), capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"the app run failed ({done.returncode}):\n{done.stderr[-3000:]}")
        figures: dict[str, Any] = json.loads(out.read_text())
    for key in ("window_painted", "first_quote_painted"):
        if key in figures:
            figures[f"{key}_ms"] = (figures.pop(key) - started) * 1000.0
    return figures


def merge_into(path: str | None, results: dict[str, Any]) -> None:
    """Print ``results`` and merge them into the JSON file at ``path`` (read, update, write)."""
    for key, value in results.items():
        print(f"{key:40s} {value}")
    if not path:
        return
    merged: dict[str, Any] = {}
    if os.path.exists(path):
        with open(path) as existing:
            merged = json.load(existing)
    merged.update(results)
    with open(path, "w") as out:
        json.dump(merged, out, indent=2, sort_keys=True)
