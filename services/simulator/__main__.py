"""``python -m services.simulator --port N --seed S [--state PATH]``: every simulated venue until interrupted.

``--state PATH`` keeps the venues' state (a paper account, services/simulator/paper) in that SQLite file
across runs; without it the simulator starts fresh and forgets at exit."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import uvicorn

from services.simulator.app import VENUE_MOUNTS, available_venues, build_app, create_context
from services.simulator.paper.account import PaperAccount
from services.simulator.paper.store import PaperStoreBusy, PaperStoreUnreadable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.simulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default: loopback only)")
    parser.add_argument("--seed", type=int, default=1, help="price process seed: same seed, same bars")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="clock speed (60 = a simulated minute a second)"
    )
    parser.add_argument("--state", type=Path, metavar="PATH",
                        help="paper account file: the venues' state is restored from it and kept there")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.state is None:
        ctx = create_context(seed=args.seed, speed=args.speed)
    else:
        try:
            paper = PaperAccount(args.state, seed=args.seed, speed=args.speed)
        except (PaperStoreBusy, PaperStoreUnreadable, OSError) as exc:
            parser.exit(2, f"python -m services.simulator: the paper account cannot be used: {exc}\n")
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


if __name__ == "__main__":
    raise SystemExit(main())
