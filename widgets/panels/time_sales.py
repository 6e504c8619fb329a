"""Time and sales: the prints of one instrument, newest on top, coloured by aggressor (buy green, sell red).

:class:`TapeModel` takes prints in batches (one ``beginInsertRows`` at the top per batch) and keeps at most
``capacity`` rows, dropping the oldest at the bottom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from widgets.common.colors import GREEN, RED
from widgets.common.record_table import NUMERIC, make_compact
from widgets.panels.chart_panel_toolbar import InstrumentBar

CAPACITY = 500
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class PrintRow:
    """One print as shown: texts already formatted; ``side`` "buy", "sell" or "" (aggressor unknown)."""

    time: str
    price: str
    size: str
    side: str


class TapeModel(QAbstractTableModel):
    def __init__(self, capacity: int = CAPACITY, parent=None) -> None:
        super().__init__(parent)
        self.capacity = capacity
        self._rows: list[PrintRow] = []  # newest first
        self._titles: tuple[str, ...] = (self.tr("Time"), self.tr("Price"), self.tr("Size"), self.tr("Side"))
        self._sides = {"buy": self.tr("Buy"), "sell": self.tr("Sell"), "": ""}

    def retranslate(self, translate: Callable[[str], str]) -> None:
        """The headers and side words in a new language (app/i18n.py)."""
        self._titles = tuple(translate(title) for title in self._titles)
        self._sides = {side: translate(word) for side, word in self._sides.items()}

    def add(self, prints: Sequence[PrintRow]) -> None:
        """``prints`` oldest first (as they happened): they go on top, the newest first."""
        prints = list(prints)[-self.capacity :]
        if not prints:
            return
        overflow = len(self._rows) + len(prints) - self.capacity
        if overflow > 0:
            first = len(self._rows) - overflow
            self.beginRemoveRows(QModelIndex(), first, len(self._rows) - 1)
            del self._rows[first:]
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), 0, len(prints) - 1)
        self._rows[:0] = reversed(prints)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def row(self, index: int) -> PrintRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (1, 2):
            return int(NUMERIC)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.time, row.price, row.size, self._sides[row.side])[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(NUMERIC)
        if role == Qt.ItemDataRole.ForegroundRole and row.side and column > 0:
            return QColor(GREEN if row.side == "buy" else RED)
        return None


class TimeSalesPanel(QWidget):
    def __init__(self, link_colours: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeSalesPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.bar = InstrumentBar(link_colours, self)
        self.model = TapeModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("timeSalesTable")
        make_compact(self.table)
        self.table.setAlternatingRowColors(False)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)

    def show_message(self, text: str, level: str = "info") -> None:
        self.bar.show_message(text, level)
