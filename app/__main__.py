"""``python -m app`` / ``tessera``: start the terminal.

--venues demo starts the embedded simulator (in a child process) and points every venue at it; --venues
FILE reads base URLs from a JSON file (see app/venues.py). --smoke SECONDS shows the window for that long and
exits 0 only if nothing unhandled happened (no exception reached a hook and nothing was logged at ERROR).

This module stays light: it parses the arguments and launches the simulator's process (its paper account in
the profile's folder) before the app's own imports (app.composition: the panels, the venues' clients), so the
two start at the same time.
"""

from __future__ import annotations

import argparse
import sys
import types
from collections.abc import Sequence
from pathlib import Path

from app.demo import launch_demo, paper_state_path
from services.simulator.process import FROZEN_SUBCOMMAND


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from app.profiles import is_valid_profile_name

    parser = argparse.ArgumentParser(prog="tessera", description="Tessera trading terminal")
    parser.add_argument("--profile", default="default", help="user profile name (default: %(default)s)")
    parser.add_argument(
        "--venues",
        default="demo",
        metavar="demo|FILE",
        help="'demo' runs the embedded simulator; otherwise a JSON file of venue base URLs",
    )
    parser.add_argument("--smoke", type=float, metavar="SECONDS", help="run this long, then exit (0 = clean)")
    parser.add_argument(
        "--screenshot", type=Path, metavar="PNG", help="with --smoke: save the window before exit"
    )
    parser.add_argument("--reset-layout", action="store_true", help="start with the default layout")
    parser.add_argument("--seed", type=int, default=1, help="simulator random seed (default: %(default)s)")
    parser.add_argument(
        "--sim-speed", type=float, default=1.0, help="simulator clock speed (default: %(default)s)"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="where profiles and logs live (default: the OS app-data dir)"
    )
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    args = parser.parse_args(argv)
    if not is_valid_profile_name(args.profile):
        parser.error(f"invalid profile name {args.profile!r}: letters, digits, '_', '-', '.' only")
    if args.smoke is not None and args.smoke <= 0:
        parser.error("--smoke needs a positive number of seconds")
    if args.sim_speed <= 0:
        parser.error("--sim-speed must be positive")
    return args


def without_httpx_cli() -> None:
    """httpx imports its command-line client whenever click, rich and pygments are installed (uvicorn and
    the dev tools bring them): some 40 ms of the start-up, for a tool the terminal never runs. A stand-in
    module without ``main`` makes httpx take its own fallback (``from ._main import main`` fails)."""
    sys.modules.setdefault("httpx._main", types.ModuleType("httpx._main"))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == [FROZEN_SUBCOMMAND]:  # a frozen bundle runs its simulator child through itself
        from services.simulator.__main__ import main as simulator_main

        return simulator_main(arguments[1:])
    args = parse_args(arguments)
    simulator = None
    if args.venues == "demo":  # the simulator boots while the app imports and builds its window
        from app.bootstrap import app_data_dir, set_application_names
        from app.profiles import ProfileStore

        set_application_names()
        args.data_dir = args.data_dir or app_data_dir()
        profiles = ProfileStore(args.data_dir / "profiles", args.profile)
        simulator = launch_demo(args.seed, args.sim_speed, paper_state_path(profiles))
    try:
        without_httpx_cli()
        from app.composition import run

        return run(args, simulator)
    finally:
        if simulator is not None:
            simulator.stop()  # already stopped on a normal exit; this covers every other way out


if __name__ == "__main__":
    sys.exit(main())
