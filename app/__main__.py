"""``python -m app`` / ``tessera``: start the terminal.

--venues demo starts the embedded simulator and points every venue at it; --venues FILE reads base URLs from a
JSON file (see app/venues.py). --smoke SECONDS shows the window for that long and exits 0 only if nothing
unhandled happened (no exception reached a hook and nothing was logged at ERROR).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer

from app import venues
from app.bootstrap import (
    ErrorHooks,
    GuiThreadGarbageCollector,
    LoggingSetup,
    app_data_dir,
    configure_logging,
    create_application,
    create_event_loop,
)
from app.context import AppContext, AppSettings
from app.credentials import CredentialStore
from app.i18n import install_translator
from app.journal import JournalHandler
from app.panels import builtin_panels
from app.profiles import ProfileStore, is_valid_profile_name
from app.ramm_session import install_ramm, log_in_ramm
from app.shell import Shell
from app.trading.install import install_trading, log_in_all
from services.tasks import spawn

log = logging.getLogger("tessera")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    endpoints: venues.VenueEndpoints | None = None
    if args.venues != "demo":
        try:
            endpoints = venues.load(args.venues)
        except venues.VenueConfigError as exc:
            print(f"tessera: {exc}", file=sys.stderr)
            return 2

    app = create_application([sys.argv[0]])
    data_dir: Path = args.data_dir or app_data_dir()
    journal = JournalHandler()
    level = logging.getLevelNamesMapping()[args.log_level]
    logging_setup = configure_logging(data_dir / "logs", journal, level)
    hooks = ErrorHooks()
    hooks.install()
    collector = GuiThreadGarbageCollector()
    try:
        store = ProfileStore(data_dir / "profiles", args.profile)
        loaded = store.load()
        loaded.profile.language = install_translator(app, loaded.profile.language)
        ctx = AppContext(
            settings=AppSettings(args.profile, data_dir, args.smoke, args.seed, args.sim_speed),
            profiles=store,
            profile=loaded.profile,
            credentials=CredentialStore(),
            journal=journal,
            venues=endpoints,
            errors=hooks,
            profile_notices=loaded.notices,
        )
        log.info("Tessera starting: profile %s, data in %s", args.profile, data_dir)
        loop = create_event_loop(app)
        hooks.install_loop(loop)
        with loop:
            try:
                code = loop.run_until_complete(_run(ctx, args))
            except Exception:
                log.exception("Tessera failed")
                return 1
        return _exit_code(code, args, hooks, logging_setup)
    finally:
        collector.stop()
        hooks.uninstall()
        logging_setup.close()


async def _run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.venues == "demo":
        from app.demo import paper_state_path, start_demo
        from services.simulator.server import SimulatorStartError

        try:
            ctx.demo, ctx.venues, notices = await start_demo(
                args.seed, args.sim_speed, paper_state_path(ctx.profiles)
            )
            ctx.profile_notices.extend(notices)
        except SimulatorStartError as exc:
            log.error("the demo simulator could not start: %s", exc)
            return 1
        except Exception:
            log.exception("the demo simulator could not start")
            return 1
    core = install_trading(ctx)
    ramm_services = install_ramm(ctx)
    shell = Shell(ctx, builtin_panels(), reset_layout=args.reset_layout)
    closed = asyncio.Event()
    shell.closed.connect(closed.set)
    signal.signal(signal.SIGINT, lambda *_: shell.window.close())
    wake = QTimer()  # lets Python run its signal handlers while Qt waits for events
    wake.start(250)
    wake.timeout.connect(lambda: None)
    shell.show()
    shell.start_probes()
    if ctx.demo is not None:
        spawn(log_in_all(core, ctx.demo.login, ctx.demo.password), name="demo login")
        if ramm_services is not None:
            spawn(log_in_ramm(ramm_services, ctx.demo.login, ctx.demo.password), name="demo RAMM login")
    if args.smoke is not None:
        QTimer.singleShot(int(args.smoke * 1000), lambda: _end_smoke(shell, args.screenshot))
    try:
        await closed.wait()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        await shell.aclose()
        await ctx.services.aclose()
        shell.window.deleteLater()
        if ctx.demo is not None:
            await asyncio.to_thread(ctx.demo.stop)
    log.info("Tessera stopped")
    return 0


def _end_smoke(shell: Shell, screenshot: Path | None) -> None:
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not shell.window.grab().save(str(screenshot)):
            log.error("could not save the screenshot to %s", screenshot)
    shell.window.close()


def _exit_code(code: int, args: argparse.Namespace, hooks: ErrorHooks, logging_setup: LoggingSetup) -> int:
    if args.smoke is None or code != 0:
        return code
    errors, records = hooks.count, logging_setup.error_records.count
    print(f"tessera smoke: {errors} unhandled errors, {records} error log records", file=sys.stderr)
    return 0 if errors == 0 and records == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
