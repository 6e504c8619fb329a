"""Coalescing: many changes between two frames become one notification (bursts are never queued per tick)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer

FRAME_MS = 33  # ~30 Hz


class FrameCoalescer(QObject):
    """Collects changed keys and calls ``flush(keys)`` once, at most every frame, on the GUI thread."""

    def __init__(self, flush: Callable[[list[Any]], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flush = flush
        self._pending: dict[Hashable, None] = {}  # ordered set
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.flush_now)

    def mark(self, keys: Iterable[Hashable]) -> None:
        for key in keys:
            self._pending[key] = None
        if self._pending and not self._timer.isActive():
            self._timer.start()

    def flush_now(self) -> None:
        self._timer.stop()
        if not self._pending:
            return
        keys = list(self._pending)
        self._pending.clear()
        self._flush(keys)
