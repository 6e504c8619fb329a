"""The journal's store: log records from any thread, kept until the Journal panel shows them.

:class:`JournalHandler` is a logging handler installed at start-up (records from before the window exists are
kept). It only appends to a bounded deque under a lock, so it is safe from any thread (the simulator logs from
its own).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

CAPACITY = 10_000
_FORMATTER = logging.Formatter()


@dataclass(frozen=True, slots=True)
class JournalRecord:
    created: float  # time.time()
    level: int
    source: str
    message: str
    details: str = ""  # traceback, thread

    def matches(self, needle: str) -> bool:
        """Case-insensitive substring of source or message (``needle`` already lower-case)."""
        return needle in self.message.lower() or needle in self.source.lower()


class JournalHandler(logging.Handler):
    """Keeps the newest ``capacity`` records until the journal view-model drains them. Thread-safe."""

    def __init__(self, capacity: int = CAPACITY, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self._pending: deque[JournalRecord] = deque(maxlen=capacity)
        self._pending_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            details = ""
            if record.exc_info:
                details = _FORMATTER.formatException(record.exc_info)
            elif record.exc_text:
                details = record.exc_text
            if record.threadName and record.threadName != "MainThread":
                details = f"[{record.threadName}] {details}".rstrip()
            entry = JournalRecord(
                record.created, record.levelno, _source(record.name), record.getMessage(), details
            )
        except Exception:
            self.handleError(record)
            return
        with self._pending_lock:
            self._pending.append(entry)

    def drain(self) -> list[JournalRecord]:
        with self._pending_lock:
            records = list(self._pending)
            self._pending.clear()
        return records


def _source(logger_name: str) -> str:
    return logger_name.removeprefix("tessera.")
