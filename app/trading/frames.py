"""Coalescing: many changes between two frames become one notification (bursts are never queued per tick).

The first change after a quiet frame is delivered on the next turn of the event loop (a venue's answer to
the user's order is in the table at once); changes that follow within the frame wait for its end.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

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
        self._since_flush = QElapsedTimer()  # invalid until the first flush: the first change goes at once

    def mark(self, keys: Iterable[Hashable]) -> None:
        for key in keys:
            self._pending[key] = None
        if self._pending and not self._timer.isActive():
            elapsed = self._since_flush.elapsed() if self._since_flush.isValid() else FRAME_MS
            self._timer.start(max(0, FRAME_MS - elapsed))

    def flush_soon(self) -> None:
        """Deliver what is pending on the next loop turn, not at the frame's end (the user's own action)."""
        if self._pending:
            self._timer.start(0)

    def flush_now(self) -> None:
        self._timer.stop()
        if not self._pending:
            return
        self._since_flush.start()
        keys = list(self._pending)
        self._pending.clear()
        self._flush(keys)
