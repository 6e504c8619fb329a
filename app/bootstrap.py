"""Process set-up: the QApplication, the qasync loop, logging, and the hooks that catch every unhandled error.

Nothing unhandled is lost: ``sys.excepthook`` (exceptions in Qt slots and in qasync's ``asyncSlot``),
``threading.excepthook`` (the simulator's and any worker thread) and the asyncio loop's exception handler
all log the error with its traceback, count it (``--smoke`` fails on a non-zero count) and show a non-modal
notice; the app keeps running.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QStandardPaths,
    QTimer,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from qasync import QEventLoop

import resources

log = logging.getLogger("tessera")

ORGANIZATION = "Tessera"
APPLICATION = "Tessera"
LOG_FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"
QUIET_LOGGERS = ("httpx", "httpcore", "uvicorn.access", "asyncio")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    set_application_names()
    app.setApplicationDisplayName(APPLICATION)
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(resources.path("icons", "tessera.svg"))))
    app.setQuitOnLastWindowClosed(False)  # the async main decides when to leave (after a clean shutdown)
    return app


def set_application_names() -> None:
    """What ``QStandardPaths`` derives the app's folders from (static: no application object needed)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def create_event_loop(app: QApplication) -> QEventLoop:
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    return loop


def app_data_dir() -> Path:
    """``QStandardPaths.AppDataLocation`` (needs the organisation and application names set first)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class GuiThreadGarbageCollector(QObject):
    """Runs Python's cyclic garbage collector in the GUI thread only.

    Left automatic, the collector runs in whichever thread happens to allocate past a threshold, e.g. the
    simulator's. A Qt object found in a reference cycle there is destroyed outside its thread, which can leave
    Qt timers pointing at freed memory (a crash). So automatic collection is off and a timer collects here,
    with the same generation thresholds.
    """

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 2 if counts[2] > self._thresholds[2] else 1
        gc.collect(generation)

    def freeze_survivors(self) -> None:
        """Collect once, then leave every object alive now out of later collections (``gc.freeze``).

        Called once start-up has settled: what lives then (modules, classes, catalogues, panels) mostly lives
        as long as the app, yet a full collection walked all of it each time, a pause of about 100 ms on a
        busy terminal. Frozen objects are still freed when their last reference goes; only a cycle among
        them is never found, which is what "lives as long as the app" means anyway.
        """
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.enable()


# --- logging


class ErrorRecordCounter(logging.Handler):
    """Counts ERROR and CRITICAL records from anywhere (for ``--smoke``)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class LoggingSetup:
    file_path: Path
    error_records: ErrorRecordCounter
    handlers: list[logging.Handler]

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        qInstallMessageHandler(None)


def configure_logging(log_dir: Path, journal: logging.Handler, level: int = logging.INFO) -> LoggingSetup:
    """Root logger -> the journal, a rotating file in ``log_dir`` and stderr (warnings); Qt messages too."""
    log_dir.mkdir(parents=True, exist_ok=True)
    file_path = log_dir / "tessera.log"
    formatter = logging.Formatter(LOG_FORMAT)
    file_handler = logging.handlers.RotatingFileHandler(
        file_path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(formatter)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(formatter)
    counter = ErrorRecordCounter()
    handlers: list[logging.Handler] = [journal, file_handler, stderr, counter]
    root = logging.getLogger()
    root.setLevel(level)
    for handler in handlers:
        root.addHandler(handler)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    qInstallMessageHandler(_qt_message)
    return LoggingSetup(file_path, counter, handlers)


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Platform plugins that cannot do everything (offscreen, some Wayland compositors) say so on every dock drag.
_QT_NOISE = ("This plugin does not support",)


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _QT_LEVELS.get(mode, logging.WARNING)
    if level == logging.WARNING and message.startswith(_QT_NOISE):
        level = logging.DEBUG
    logging.getLogger(f"qt.{context.category or 'default'}").log(level, "%s", message)


# --- unhandled errors


class ErrorHooks(QObject):
    """Catches unhandled exceptions from Qt slots, threads and the asyncio loop; logs, counts, shows them."""

    _reported = Signal(str)  # from any thread; delivered to the GUI thread (queued)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._count = 0
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_threading_hook: Callable[..., Any] | None = None
        self._presenter: Callable[[str], None] | None = None
        self._boxes: list[QMessageBox] = []
        self._reported.connect(self._present)

    @property
    def count(self) -> int:
        with self._lock:
            return self._count

    def install(self) -> None:
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self._on_sys_exception
        threading.excepthook = self._on_thread_exception

    def install_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.set_exception_handler(self._on_loop_exception)

    def uninstall(self) -> None:
        if self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if self._previous_threading_hook is not None:
            threading.excepthook = self._previous_threading_hook
        self._previous_excepthook = self._previous_threading_hook = None

    def set_presenter(self, presenter: Callable[[str], None] | None) -> None:
        """Who shows the notice (the main window's toasts); None: a non-modal message box."""
        self._presenter = presenter

    def report(self, exc_info: ExcInfo | None, where: str) -> None:
        """Log (with traceback), count and show one unhandled error. Safe from any thread."""
        with self._lock:
            self._count += 1
        if exc_info is not None:
            log.error("Unhandled error in %s", where, exc_info=exc_info)
            error = f"{exc_info[0].__name__}: {exc_info[1]}"
        else:
            log.error("Unhandled error in %s", where)
            error = where
        if len(error) > 200:
            error = error[:199] + "\u2026"
        notice = QCoreApplication.translate(
            "ErrorHooks", "Unexpected error: {error}. Details are in the Journal."
        )
        self._reported.emit(notice.format(error=error))

    def _on_sys_exception(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            log.info("interrupted (Ctrl+C)")
            return
        self.report((exc_type, exc, tb), "the GUI thread")

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        assert args.exc_value is not None
        name = args.thread.name if args.thread is not None else "?"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name!r}")

    def _on_loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = context.get("message") or "the asyncio loop"
        if isinstance(exc, BaseException):
            self.report((type(exc), exc, exc.__traceback__), message)
        else:
            details = ", ".join(f"{k}={v!r}" for k, v in context.items() if k != "message")
            self.report(None, f"{message} ({details})" if details else message)

    @Slot(str)
    def _present(self, notice: str) -> None:
        if self._presenter is not None:
            self._presenter(notice)
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical, QCoreApplication.translate("ErrorHooks", "Tessera"), notice
        )
        box.setModal(False)
        box.finished.connect(lambda _result, b=box: self._boxes.remove(b) if b in self._boxes else None)
        self._boxes.append(box)
        box.show()
