"""The composition root: the QApplication, the profile, the venues (the demo simulator's or a file's), the
trading core and the shell, run until the main window closes (called by :mod:`app.__main__`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

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
from app.demo import demo_at, launch_demo, paper_notices, paper_state_path, start_demo
from app.i18n import install_translator
from app.journal import JournalHandler
from app.panels import builtin_panels
from app.profiles import ProfileStore
from app.ramm_session import install_ramm, log_in_ramm
from app.shell import Shell
from app.trading.install import install_trading, log_in_all
from services.simulator.process import SimulatorProcess, SimulatorStartError
from services.tasks import spawn

log = logging.getLogger("tessera")
FREEZE_AFTER_MS = 20_000  # logins, catalogues and the panels on screen are done: see freeze_survivors
QUOTES_PAINTED_MS = 50  # after the first quotes reach the core: their frame is painted by then
HELD_PANELS_AT_LATEST_MS = 1_500  # after the first frame, quotes or not (no venue, a slow one)


def run(args: argparse.Namespace, simulator: SimulatorProcess | None = None) -> int:
    """The app for parsed ``args``; ``simulator``: the demo's process, launched already (--venues demo)."""
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
    QTimer.singleShot(FREEZE_AFTER_MS, collector, collector.freeze_survivors)  # start-up has settled by then
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
                code = loop.run_until_complete(_run(ctx, args, simulator))
            except Exception:
                log.exception("Tessera failed")
                return 1
        return _exit_code(code, args, hooks, logging_setup)
    finally:
        collector.stop()
        hooks.uninstall()
        logging_setup.close()


async def _run(ctx: AppContext, args: argparse.Namespace, simulator: SimulatorProcess | None) -> int:
    booted = True  # the demo simulator serves already (or there is none)
    if args.venues == "demo":
        if simulator is None:
            simulator = launch_demo(args.seed, args.sim_speed, paper_state_path(ctx.profiles))
        address = simulator.address
        if address is not None:  # its socket was handed over: the window need not wait for its boot
            ctx.demo, ctx.venues = demo_at(simulator, address)
            booted = False
        else:
            try:
                ctx.demo, ctx.venues, notices = await start_demo(simulator)
                ctx.profile_notices.extend(notices)
            except SimulatorStartError as exc:
                log.error("the demo simulator could not start: %s", exc)
                await tell_demo_failed(None, str(exc), asyncio.Event())
                return 1
            except Exception as exc:
                log.exception("the demo simulator could not start")
                await tell_demo_failed(None, repr(exc), asyncio.Event())
                return 1
    core = install_trading(ctx)
    ramm_services = install_ramm(ctx)
    shell = Shell(ctx, builtin_panels(), reset_layout=args.reset_layout)
    closed = asyncio.Event()
    shell.closed.connect(closed.set)
    signal.signal(signal.SIGINT, lambda *_: shell.window.close())
    wake = SignalWakeup()

    def release_after_first_quotes(_instruments: object) -> None:
        core.quotesChanged.disconnect(release_after_first_quotes)
        QTimer.singleShot(QUOTES_PAINTED_MS, shell.window, shell.window.release_held_panels)
    logins: list[asyncio.Task[None]] = []
    failed = False

    async def start_venues() -> None:
        """After the first frame: the simulator's boot awaited (its ready line), then the probes and logins,
        so no request waits on a child still importing (nor times out, nor tells the user it did)."""
        nonlocal failed
        if simulator is not None and not booted:
            try:
                address = await simulator.ready()
            except SimulatorStartError as exc:
                log.error("the demo simulator could not start: %s", exc)
                failed = True
                await tell_demo_failed(shell.window, str(exc), closed)
                shell.window.close()
                return
            shell.show_notices(paper_notices(address))
        shell.start_probes()
        if ctx.demo is None or closed.is_set():
            return
        logins.append(spawn(log_in_all(core, ctx.demo.login, ctx.demo.password), name="demo login"))
        if ramm_services is not None:
            login = log_in_ramm(ramm_services, ctx.demo.login, ctx.demo.password)
            logins.append(spawn(login, name="demo RAMM login"))

    def log_in() -> None:  # after the first frame: the window is on screen before any venue answers
        logins.append(spawn(start_venues(), name="demo start"))
        QTimer.singleShot(HELD_PANELS_AT_LATEST_MS, shell.window, shell.window.release_held_panels)

    # the chart (a panel held for the first paint) is built once the first quotes are painted: built at
    # once, its ~0.3 s would hold up the logins' answers, so the prices would come that much later
    shell.window.hold_panels_until_released()
    core.quotesChanged.connect(release_after_first_quotes)
    first_frame = FirstPaint(shell.window, log_in)
    shell.show()
    if args.smoke is not None:
        QTimer.singleShot(int(args.smoke * 1000), lambda: _end_smoke(shell, args.screenshot))
    try:
        await closed.wait()
    finally:
        wake.close()
        first_frame.cancel()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for task in logins:  # a login still under way must not outlive the clients it uses
            task.cancel()
        await asyncio.gather(*logins, return_exceptions=True)
        await shell.aclose()
        await ctx.services.aclose()
        shell.window.deleteLater()
        if ctx.demo is not None:
            await asyncio.to_thread(ctx.demo.stop)
    log.info("Tessera stopped")
    return 1 if failed else 0


async def tell_demo_failed(window: QWidget | None, reason: str, closed: asyncio.Event) -> QMessageBox | None:
    """Say in the window (None: before there is one) why the demo venues cannot start and what to do, until
    the user closes the box (or the window). ``reason``: the simulator's own words (English, as logged)."""
    if closed.is_set():
        return None
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Demo", "Tessera cannot start"),
        QCoreApplication.translate("Demo", "The demo venues could not start: {reason}.").format(
            reason=reason
        ),
        QMessageBox.StandardButton.Close,
        window,
    )
    box.setObjectName("demoFailed")
    box.setInformativeText(
        QCoreApplication.translate(
            "Demo",
            "If Tessera is already open with this profile, use that window, or close it and start again. To "
            "run a second Tessera, start it with another profile (--profile NAME). Tessera will now close.",
        )
    )
    box.setWindowModality(Qt.WindowModality.WindowModal)
    answered = asyncio.Event()
    box.finished.connect(lambda _result: answered.set())
    box.open()
    waits = [asyncio.ensure_future(answered.wait()), asyncio.ensure_future(closed.wait())]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
    return box


class SignalWakeup(QObject):
    """Lets Python run its signal handlers (Ctrl+C) while Qt waits for events, with no polling timer: the
    C-level handler writes a byte to a socket pair that Qt watches (``signal.set_wakeup_fd``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous = signal.set_wakeup_fd(self._write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._read.recv(4096)  # Python runs the handler itself, between two bytecodes of this slot

    def close(self) -> None:
        signal.set_wakeup_fd(self._previous)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()


class FirstPaint(QObject):
    """Calls ``then`` once, soon after ``widget`` first paints (or after ``at_latest_ms`` if it never does:
    a window started minimised)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], at_latest_ms: int = 1000) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(at_latest_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._fire)  # once this paint is done
        return False

    def cancel(self) -> None:
        self._then = None
        self._fallback.stop()

    def _fire(self) -> None:
        then, self._then = self._then, None
        self._fallback.stop()
        if then is not None:
            self._widget.removeEventFilter(self)
            then()


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

