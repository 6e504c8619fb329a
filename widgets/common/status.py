"""Status-bar pieces: a venue connection indicator (state dot, name, round-trip latency) and a UTC clock."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.steady_text import set_steady_text


class LightState(Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    DEGRADED = "degraded"
    CONNECTED = "connected"
    FAILED = "failed"

    @property
    def color(self) -> QColor:
        return QColor(_STATE_COLORS[self])

    def label(self) -> str:
        return QCoreApplication.translate("ConnectionState", str(_STATE_LABELS[self]))


_STATE_COLORS = {
    LightState.DISCONNECTED: GREY,
    LightState.CONNECTING: AMBER,
    LightState.DEGRADED: AMBER,
    LightState.CONNECTED: GREEN,
    LightState.FAILED: RED,
}

_STATE_LABELS = {
    LightState.DISCONNECTED: QT_TRANSLATE_NOOP("ConnectionState", "disconnected"),
    LightState.CONNECTING: QT_TRANSLATE_NOOP("ConnectionState", "connecting"),
    LightState.DEGRADED: QT_TRANSLATE_NOOP("ConnectionState", "degraded"),
    LightState.CONNECTED: QT_TRANSLATE_NOOP("ConnectionState", "connected"),
    LightState.FAILED: QT_TRANSLATE_NOOP("ConnectionState", "failed"),
}


class ConnectionIndicator(QWidget):
    """``● coin-weight 12 ms``: one venue's connection state, painted (no child widgets, cheap to update).

    ``clicked(venue)`` lets the app act on a click (e.g. open the login dialog of a disconnected venue).
    """

    clicked = Signal(str)  # venue

    DOT = 8
    GAP = 5

    def __init__(self, venue: str, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"connection.{venue}")
        self.venue = venue
        self.display_name = display_name
        self._state = LightState.DISCONNECTED
        self._latency_ms: float | None = None
        self._detail = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._update_tooltip()
        self._hint = self.sizeHint()

    @property
    def state(self) -> LightState:
        return self._state

    @property
    def latency_ms(self) -> float | None:
        return self._latency_ms

    def setState(self, state: LightState, latency_ms: float | None = None, detail: str = "") -> None:
        if (state, latency_ms, detail) == (self._state, self._latency_ms, self._detail):
            return
        self._state = state
        self._latency_ms = latency_ms
        self._detail = detail
        self._update_tooltip()
        hint = self.sizeHint()
        if hint != self._hint:  # a relayout repaints the whole status bar: only when the size really changes
            self._hint = hint
            self.updateGeometry()
        self.update()

    def text(self) -> str:
        if self._latency_ms is None or self._state not in (
            LightState.CONNECTED,
            LightState.DEGRADED,
        ):
            return self.display_name
        return self.tr("{name} {ms} ms").format(name=self.display_name, ms=round(self._latency_ms))

    def _update_tooltip(self) -> None:
        lines = [self.tr("{name}: {state}").format(name=self.display_name, state=self._state.label())]
        if self._latency_ms is not None:
            lines.append(self.tr("Last round trip: {ms:.0f} ms").format(ms=self._latency_ms))
        if self._detail:
            lines.append(self._detail)
        self.setToolTip("\n".join(lines))

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        # Room for a 3-digit latency so the status bar does not jitter as latency changes (a slower round trip
        # widens it).
        width = self.DOT + self.GAP + max(
            fm.horizontalAdvance(f"{self.display_name} 000 ms"), fm.horizontalAdvance(self.text())
        ) + 4
        return QSize(width, max(fm.height(), self.DOT) + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:  # painted and composed texts: say them anew
            self._update_tooltip()
        if kind in (QEvent.Type.LanguageChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = self.sizeHint()
            self.updateGeometry()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.venue)
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = (self.height() - self.DOT) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._state.color)
        painter.drawEllipse(1, int(top), self.DOT, self.DOT)
        painter.setPen(self.palette().color(self.foregroundRole()))
        text_rect = self.rect().adjusted(self.DOT + self.GAP + 1, 0, 0, 0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text())
        painter.end()


class UtcClock(QLabel):
    """``13:45:07 UTC``: the time venues stamp orders and bars with, updated every second."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("utcClock")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()

    def refresh(self) -> None:
        now = datetime.now(UTC)
        set_steady_text(self, self.tr("{time} UTC").format(time=now.strftime("%H:%M:%S")))  # lays out nothing
        self.setToolTip(self.tr("Coordinated Universal Time, {date}").format(date=now.strftime("%Y-%m-%d")))
