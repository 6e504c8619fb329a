"""``python -m services.simulator --port N --seed S [--state PATH]``: every simulated venue until interrupted.

``--state PATH`` keeps the venues' state (a paper account, services/simulator/paper) in that SQLite file
across runs; without it the simulator starts fresh and forgets at exit.

With ``--child`` (how the app runs it, see services/simulator/process.py) it serves on the listening socket
the app handed over (``--fd N``) or on the given port (0: an ephemeral one), writes one ready line with its
address to stdout (or one failure line), logs to stderr, obeys the commands read from stdin (``reset``: a
fresh paper account, then a new ready line) and stops when stdin closes."""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
from pathlib import Path

from services.simulator.served import VENUE_MOUNTS, available_venues


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m services.simulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--fd", type=int, metavar="N",
                        help="serve on this inherited listening socket, not --port (how the app runs it)")
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default: loopback only)")
    parser.add_argument("--seed", type=int, default=1, help="price process seed: same seed, same bars")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="clock speed (60 = a simulated minute a second)"
    )
    parser.add_argument("--state", type=Path, metavar="PATH",
                        help="paper account file: the venues' state is restored from it and kept there")
    parser.add_argument(
        "--child",
        action="store_true",
        help="started by the app: ready line on stdout, commands on stdin, stop when stdin closes",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return _serve_as_child(args)
    import uvicorn

    from services.simulator.app import build_app, create_context
    from services.simulator.paper.account import PaperAccount
    from services.simulator.paper.store import PaperStoreBusy, PaperStoreUnreadable

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.state is None:
        ctx = create_context(seed=args.seed, speed=args.speed)
    else:
        try:
            paper = PaperAccount(args.state, seed=args.seed, speed=args.speed)
        except (PaperStoreBusy, PaperStoreUnreadable, OSError) as exc:
            print(f"python -m services.simulator: the paper account cannot be used: {exc}", file=sys.stderr)
            return 2
        if paper.set_aside is not None:
            print(f"The paper account could not be used ({paper.problem}); it was moved to {paper.set_aside} "
                  "and a fresh one starts.")
        ctx = paper.context
    base = f"http://{args.host}:{args.port}"
    served = available_venues()
    print(f"Tessera simulator on {base} (seed {ctx.seed}, speed {args.speed}); Ctrl+C stops it.")
    for venue, prefix, _module in VENUE_MOUNTS:
        if venue in served:
            suffix = "/<counterparty>" if venue == "marketdata" else ""
            print(f"  {venue:<11} {base}{prefix}{suffix}")
    print("  demo user: login demo, password demo (server token demo)")
    uvicorn.run(build_app(ctx), host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def _serve_as_child(args: argparse.Namespace) -> int:
    from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN
    from services.simulator.process import RESET_COMMAND, SimulatorAddress, failure_line, ready_line
    from services.simulator.server import EmbeddedSimulator, SimulatorStartError

    # The app's log file and journal are the app's; a simulator's warning reaches the app's stderr.
    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s [simulator] %(name)s: %(message)s",
    )

    def address(base_url: str) -> SimulatorAddress:
        aside = simulator.paper.set_aside if simulator.paper is not None else None
        return SimulatorAddress(
            base_url, frozenset(available_venues()), DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN,
            paper_unavailable=simulator.paper_unavailable, paper_set_aside=aside.name if aside else None,
        )

    try:
        listener = None if args.fd is None else socket.socket(fileno=args.fd)
        simulator = EmbeddedSimulator(
            seed=args.seed, speed=args.speed, host=args.host, port=args.port, state_path=args.state,
            listener=listener,
        )
        base_url = simulator.start()
    except SimulatorStartError as exc:
        print(failure_line(str(exc)), flush=True)
        return 1
    # Ctrl+C in the app's terminal reaches the whole process group: the app shuts down first (its logouts
    # still reach us), then closes our stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        print(ready_line(address(base_url)), flush=True)
        for line in sys.stdin:  # until the app closes the pipe (or dies)
            if line.strip() == RESET_COMMAND:
                try:
                    print(ready_line(address(simulator.reset_paper())), flush=True)
                except SimulatorStartError as exc:
                    print(failure_line(str(exc)), flush=True)
                    return 1
    finally:
        simulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
