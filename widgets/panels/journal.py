"""Journal panel: the application's log (time, level, source, message) with a level and a text filter."""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)

from widgets.common.panel_layout import panel_with_toolbar
from widgets.common.plural import plural
from widgets.common.record_table import make_compact

LEVELS = (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR)


class JournalPanel(QWidget):
    """Shows a journal model (columns: time, level, source, message) and asks for filters by signal."""

    levelChanged = Signal(int)  # minimum logging level to show
    filterTextChanged = Signal(str)
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalPanel")
        layout, bar, row = panel_with_toolbar(self)
        row.addWidget(QLabel(self.tr("Level"), bar))
        self.level_combo = QComboBox(bar)
        titles = (self.tr("Debug"), self.tr("Info"), self.tr("Warning"), self.tr("Error"))
        for level, title in zip(LEVELS, titles, strict=True):
            self.level_combo.addItem(title, level)
        self.level_combo.setCurrentIndex(LEVELS.index(logging.INFO))
        self.level_combo.currentIndexChanged.connect(
            lambda i: self.levelChanged.emit(self.level_combo.itemData(i))
        )
        row.addWidget(self.level_combo)
        self.filter_edit = QLineEdit(bar)
        self.filter_edit.setPlaceholderText(self.tr("Filter text\u2026"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.filterTextChanged)
        row.addWidget(self.filter_edit, 1)
        self.count_label = QLabel(bar)
        self.count_label.setObjectName("mutedLabel")
        row.addWidget(self.count_label)
        clear = QToolButton(bar)
        clear.setText(self.tr("Clear"))
        clear.setToolTip(self.tr("Remove every record from the journal"))
        clear.clicked.connect(self.clearRequested)
        row.addWidget(clear)
        layout.addWidget(bar)

        self.table = QTableView(self)
        self.table.setObjectName("journalTable")
        make_compact(self.table)
        layout.addWidget(self.table, 1)
        self._follow = True

    def setModel(self, model: QAbstractItemModel) -> None:
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
            )
        ):
            if column < model.columnCount():
                header.setSectionResizeMode(column, mode)
        header.resizeSection(2, 140)
        model.rowsAboutToBeInserted.connect(self._remember_follow)
        model.rowsInserted.connect(self._follow_tail)
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)
        model.modelReset.connect(self._update_count)
        self._update_count()

    def level(self) -> int:
        return self.level_combo.currentData()

    def setLevel(self, level: int) -> None:
        index = self.level_combo.findData(level)
        if index >= 0:
            self.level_combo.setCurrentIndex(index)

    def filterText(self) -> str:
        return self.filter_edit.text()

    def setFilterText(self, text: str) -> None:
        self.filter_edit.setText(text)

    def _remember_follow(self, *_args: object) -> None:
        bar = self.table.verticalScrollBar()
        self._follow = bar.value() >= bar.maximum() - 2

    def _follow_tail(self, *_args: object) -> None:
        if self._follow:
            self.table.scrollToBottom()

    def _update_count(self, *_args: object) -> None:
        model = self.table.model()
        count = model.rowCount(QModelIndex())
        self.count_label.setText(plural(self.tr("%n record(s)", "", count), count))
