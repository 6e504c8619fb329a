"""The strip above the chart: title, interval selector, OHLCV read-out and the busy indicator."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QWidget

from widgets.common.elided_label import ElidedLabel

#: (code, display text) of the intervals offered, in order; ``intervalChanged`` emits the code
_INTERVALS = (
    ("1m", QT_TRANSLATE_NOOP("ChartHeader", "1m")),
    ("5m", QT_TRANSLATE_NOOP("ChartHeader", "5m")),
    ("10m", QT_TRANSLATE_NOOP("ChartHeader", "10m")),
    ("15m", QT_TRANSLATE_NOOP("ChartHeader", "15m")),
    ("30m", QT_TRANSLATE_NOOP("ChartHeader", "30m")),
    ("1h", QT_TRANSLATE_NOOP("ChartHeader", "1h")),
    ("2h", QT_TRANSLATE_NOOP("ChartHeader", "2h")),
    ("4h", QT_TRANSLATE_NOOP("ChartHeader", "4h")),
    ("D", QT_TRANSLATE_NOOP("ChartHeader", "D")),
    ("W", QT_TRANSLATE_NOOP("ChartHeader", "W")),
    ("M", QT_TRANSLATE_NOOP("ChartHeader", "M")),
)
INTERVALS = tuple(code for code, _ in _INTERVALS)


class ChartHeader(QWidget):
    intervalChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self._title = QLabel(self)
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._intervals = QComboBox(self)
        self._intervals.setToolTip(self.tr("Bar interval"))
        for code, text in _INTERVALS:
            self._intervals.addItem(QCoreApplication.translate("ChartHeader", str(text)), code)
        self._intervals.currentIndexChanged.connect(
            lambda index: self.intervalChanged.emit(self._intervals.itemData(index))
        )
        self._readout = ElidedLabel(self)  # it ticks: no room asked, none laid out (the row's stretch)
        self._readout_color: QColor | None = None
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)  # busy mode: an endless animation
        self._busy.setTextVisible(False)
        self._busy.setFixedSize(80, 8)
        self._busy.setToolTip(self.tr("Loading bars…"))
        self._busy.hide()
        row.addWidget(self._title)
        row.addWidget(self._intervals)
        row.addSpacing(8)
        row.addWidget(self._readout, 1)
        row.addWidget(self._busy, 0, Qt.AlignmentFlag.AlignVCenter)

    def set_title(self, title: str) -> None:
        self._title.setText(title)

    def set_interval(self, code: str) -> None:
        """Select ``code`` without emitting ``intervalChanged``."""
        index = self._intervals.findData(code)
        if index < 0:
            raise ValueError(f"unknown interval {code!r}; expected one of {INTERVALS}")
        blocked = self._intervals.blockSignals(True)
        self._intervals.setCurrentIndex(index)
        self._intervals.blockSignals(blocked)

    def interval(self) -> str:
        return self._intervals.currentData()

    def set_readout(self, text: str, color: QColor | None = None) -> None:
        self._readout.setText(text)
        if color != self._readout_color:  # a style sheet (wins over a theme's) is costly: set on change only
            self._readout_color = color
            self._readout.label.setStyleSheet(f"color: {color.name()}" if color is not None else "")

    def readout(self) -> str:
        return self._readout.text()

    def set_busy(self, busy: bool) -> None:
        self._busy.setVisible(busy)
