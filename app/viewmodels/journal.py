"""The Journal panel: log records (from :class:`app.journal.JournalHandler`) in a table with level and text
filters.

:class:`JournalViewModel` drains the handler on a ~30 Hz timer in the GUI thread and appends the batch to
:class:`JournalModel` with one ``beginInsertRows``; the model keeps at most ``capacity`` rows. The level and
text filters are the panel's settings (``{"level": 20, "filter": "order"}``).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor

from app.journal import CAPACITY, JournalHandler, JournalRecord
from app.trading.bridge import QtTrading
from app.viewmodels.base import PanelSettings, PanelViewModel
from app.workspace import PanelContext
from widgets.common.colors import AMBER, GREY, RED
from widgets.panels.journal import JournalPanel

FLUSH_INTERVAL_MS = 33
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


_LEVEL_NAMES = {
    logging.DEBUG: QT_TRANSLATE_NOOP("JournalModel", "Debug"),
    logging.INFO: QT_TRANSLATE_NOOP("JournalModel", "Info"),
    logging.WARNING: QT_TRANSLATE_NOOP("JournalModel", "Warning"),
    logging.ERROR: QT_TRANSLATE_NOOP("JournalModel", "Error"),
    logging.CRITICAL: QT_TRANSLATE_NOOP("JournalModel", "Critical"),
}


def level_name(level: int) -> str:
    known = max((lvl for lvl in _LEVEL_NAMES if lvl <= level), default=logging.DEBUG)
    return QCoreApplication.translate("JournalModel", str(_LEVEL_NAMES[known]))  # str: the stubs say object


class JournalModel(QAbstractTableModel):
    TIME, LEVEL, SOURCE, MESSAGE = range(4)

    def __init__(self, capacity: int = CAPACITY, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.capacity = capacity
        self._rows: deque[JournalRecord] = deque()
        self._headers: tuple[str, ...] = (
            self.tr("Time"), self.tr("Level"), self.tr("Source"), self.tr("Message")
        )  # fmt: skip

    def record(self, row: int) -> JournalRecord:
        return self._rows[row]

    def retranslate(self, translate: Callable[[str], str]) -> None:
        """The headers in a new language (app/i18n.py)."""
        self._headers = tuple(translate(title) for title in self._headers)

    def append(self, records: list[JournalRecord]) -> None:
        records = records[-self.capacity :]
        if not records:
            return
        overflow = len(self._rows) + len(records) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            for _ in range(overflow):
                self._rows.popleft()
            self.endRemoveRows()
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(records) - 1)
        self._rows.extend(records)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                millis = int(record.created * 1000) % 1000
                return time.strftime("%H:%M:%S", time.localtime(record.created)) + f".{millis:03d}"
            if column == self.LEVEL:
                return level_name(record.level)
            if column == self.SOURCE:
                return record.source
            return record.message.partition("\n")[0]
        if role == LEVEL_ROLE:
            return record.level
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.LEVEL, self.MESSAGE):
            if record.level >= logging.ERROR:
                return QColor(RED)
            if record.level >= logging.WARNING:
                return QColor(AMBER)
            if record.level < logging.INFO:
                return QColor(GREY)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MESSAGE:
            return "\n".join(part for part in (record.message, record.details) if part)
        return None


class JournalFilter(QSortFilterProxyModel):
    """Rows at or above a minimum level whose source or message contains a text (case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._min_level = logging.INFO
        self._needle = ""

    def min_level(self) -> int:
        return self._min_level

    def set_min_level(self, level: int) -> None:
        self.beginFilterChange()
        self._min_level = level
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, JournalModel)
        record = model.record(source_row)
        return record.level >= self._min_level and (not self._needle or record.matches(self._needle))


class JournalSettings(PanelSettings):
    level: int = logging.INFO  # the least level shown
    filter: str = ""  # the text a row's source or message must contain


class JournalViewModel(PanelViewModel[JournalSettings]):
    """Drains the app's journal handler into the model on a timer; the panel's filters are its settings."""

    Settings = JournalSettings
    panel: JournalPanel

    def __init__(
        self,
        context: PanelContext,
        panel: JournalPanel,
        *,
        core: QtTrading | None = None,
        capacity: int = CAPACITY,
        interval_ms: int = FLUSH_INTERVAL_MS,
    ) -> None:
        super().__init__(context, panel, core=core)
        self.handler: JournalHandler = context.app.journal
        self.model = JournalModel(capacity, self)
        self.proxy = JournalFilter(self)
        self.proxy.setSourceModel(self.model)
        panel.setModel(self.proxy)
        panel.setLevel(self.settings.level)
        panel.setFilterText(self.settings.filter)
        self.proxy.set_min_level(panel.level())
        self.proxy.set_text(panel.filterText())
        panel.levelChanged.connect(self._on_level)
        panel.filterTextChanged.connect(self._on_filter_text)
        panel.clearRequested.connect(self.model.clear)
        self._timer = QTimer(self)  # runs only while the panel is shown: the handler keeps records meanwhile
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self.on_shown_changed(self.shown)

    @property
    def flushing(self) -> bool:
        return self._timer.isActive()

    def on_shown_changed(self, shown: bool) -> None:
        if shown:
            self.flush()
            self._timer.start()
        else:
            self._timer.stop()

    def flush(self) -> None:
        self.model.append(self.handler.drain())

    def _on_level(self, level: int) -> None:
        self.proxy.set_min_level(level)
        self.settings.level = level
        self.save_settings()

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self.settings.filter = text
        self.save_settings()


def create_journal_panel(context: PanelContext) -> JournalPanel:
    panel = JournalPanel()
    JournalViewModel(context, panel)
    return panel
