"""``python -m services.simulator --port N --seed S``: every simulated venue, until interrupted.

With ``--child`` (how the app runs it, see services/simulator/process.py) it serves on the given port (0: an
ephemeral one), writes one ready line with its address to stdout, logs to stderr, and stops when stdin closes.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from services.simulator.app import VENUE_MOUNTS, available_venues


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m services.simulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default: loopback only)")
    parser.add_argument("--seed", type=int, default=1, help="price process seed: same seed, same bars")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="clock speed (60 = a simulated minute a second)"
    )
    parser.add_argument(
        "--child",
        action="store_true",
        help="started by the app: print the ready line on stdout, stop when stdin closes",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return _serve_as_child(args)
    import uvicorn

    from services.simulator.app import build_app, create_context

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx = create_context(seed=args.seed, speed=args.speed)
    base = f"http://{args.host}:{args.port}"
    served = available_venues()
    print(f"Tessera simulator on {base} (seed {args.seed}, speed {args.speed}); Ctrl+C stops it.")
    for venue, prefix, _module in VENUE_MOUNTS:
        if venue in served:
            suffix = "/<counterparty>" if venue == "marketdata" else ""
            print(f"  {venue:<11} {base}{prefix}{suffix}")
    print("  demo user: login demo, password demo (server token demo)")
    uvicorn.run(build_app(ctx), host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def _serve_as_child(args: argparse.Namespace) -> int:
    from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN
    from services.simulator.process import SimulatorAddress, ready_line
    from services.simulator.server import EmbeddedSimulator, SimulatorStartError

    # The app's log file and journal are the app's; a simulator's warning reaches the app's stderr.
    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s [simulator] %(name)s: %(message)s",
    )
    simulator = EmbeddedSimulator(seed=args.seed, speed=args.speed, host=args.host, port=args.port)
    try:
        base_url = simulator.start()
    except SimulatorStartError as exc:
        print(f"simulator: {exc}", file=sys.stderr)
        return 1
    # Ctrl+C in the app's terminal reaches the whole process group: the app shuts down first (its logouts
    # still reach us), then closes our stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        address = SimulatorAddress(
            base_url, frozenset(available_venues()), DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN
        )
        print(ready_line(address), flush=True)
        sys.stdin.read()  # until the app closes the pipe (or dies)
    finally:
        simulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
