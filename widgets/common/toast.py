"""Non-modal notifications: small frames stacked in the bottom-right corner of a window, gone after a timeout.

A :class:`ToastHost` belongs to one window. ``host.show_message(text, level)`` never blocks and never takes
focus; the user can close a toast early with its × button. A message already shown is not stacked again: its
toast stays for the full time from the repeat.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QToolButton, QWidget


class ToastLevel(Enum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


class Toast(QFrame):
    closed = Signal()

    def __init__(self, text: str, level: ToastLevel, timeout_ms: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setProperty("level", level.value)  # the theme's qss colours the accent stripe by level
        self.level = level
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        layout.setSpacing(8)
        self.label = QLabel(text, self)
        self.label.setObjectName("toastText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        close = QToolButton(self)
        close.setObjectName("toastClose")
        close.setText("×")
        close.setToolTip(self.tr("Dismiss"))
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setFixedWidth(360)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)

    def renew(self, timeout_ms: int) -> None:
        """Shown again: the full time from now (the same message never stacks a second toast)."""
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        self.raise_()

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()
        self.deleteLater()


class ToastHost(QObject):
    """Shows toasts over ``window``; keeps at most ``max_visible`` (the oldest goes first)."""

    MARGIN = 12
    SPACING = 6
    TIMEOUTS_MS = {
        ToastLevel.INFO: 4000,
        ToastLevel.SUCCESS: 4000,
        ToastLevel.WARNING: 7000,
        ToastLevel.ERROR: 10000,
    }

    def __init__(self, window: QWidget, max_visible: int = 4) -> None:
        super().__init__(window)
        self._window = window
        self._max_visible = max_visible
        self._toasts: list[Toast] = []
        window.installEventFilter(self)

    def toasts(self) -> list[Toast]:
        return list(self._toasts)

    def show_message(
        self, text: str, level: ToastLevel = ToastLevel.INFO, timeout_ms: int | None = None
    ) -> Toast:
        timeout = self.TIMEOUTS_MS[level] if timeout_ms is None else timeout_ms
        shown = next((t for t in self._toasts if t.text() == text and t.level is level), None)
        if shown is not None:  # the same message again (a second click): one toast, its time renewed
            shown.renew(timeout)
            return shown
        toast = Toast(text, level, timeout, self._window)
        toast.closed.connect(lambda: self._forget(toast))
        self._toasts.append(toast)
        while len(self._toasts) > self._max_visible:
            self._toasts[0].dismiss()
        toast.adjustSize()
        toast.show()
        toast.raise_()
        self._reposition()
        return toast

    def _forget(self, toast: Toast) -> None:
        if toast in self._toasts:
            self._toasts.remove(toast)
            self._reposition()

    def _reposition(self) -> None:
        bottom = self._window.height() - self.MARGIN
        if isinstance(self._window, QMainWindow) and self._window.statusBar().isVisible():
            bottom -= self._window.statusBar().height()
        for toast in reversed(self._toasts):
            toast.adjustSize()
            bottom -= toast.height()
            toast.move(self._window.width() - toast.width() - self.MARGIN, bottom)
            bottom -= self.SPACING

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._reposition()
        return False
