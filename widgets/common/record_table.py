"""A table of records keyed by id, updated in batches.

:class:`RecordTableModel` holds records (mappings or objects with attributes) in arrival order. A view-model
feeds it once per frame: ``upsert(rows)`` replaces changed records (one ``dataChanged`` per contiguous run of
changed rows) and appends new ones (one ``beginInsertRows`` for the batch); ``remove(ids)`` removes rows in
contiguous runs. :class:`RecordTableView` shows it compactly and sorts by the raw values (Decimal, datetime),
not by their text.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Record = Any
Index = QModelIndex | QPersistentModelIndex

RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the unformatted value (for sorting and for tests)
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def field_value(record: Record, key: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(key)
    return getattr(record, key, None)


@dataclass(frozen=True)
class Column:
    """One column: ``key`` names the record field; ``title`` is already translated."""

    key: str
    title: str
    format: Callable[[Any], str] | None = None  # value -> text; default str(), "" for None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    color: Callable[[Record], QColor | str | None] | None = None  # foreground per record (e.g. buy green)
    tooltip: Callable[[Record], str | None] | None = None

    def text(self, record: Record) -> str:
        value = field_value(record, self.key)
        if self.format is not None:
            return self.format(value)
        return "" if value is None else str(value)


NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RecordTableModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        key: str | Callable[[Record], Hashable] = "id",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key: Callable[[Record], Hashable] = (
            (lambda record: field_value(record, key)) if isinstance(key, str) else key
        )
        self._records: list[Record] = []
        self._ids: list[Hashable] = []
        self._rows: dict[Hashable, int] = {}

    # --- reading
    def ids(self) -> list[Hashable]:
        return list(self._ids)

    def row_of(self, record_id: Hashable) -> int | None:
        return self._rows.get(record_id)

    def record(self, row: int) -> Record | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def record_by_id(self, record_id: Hashable) -> Record | None:
        row = self._rows.get(record_id)
        return None if row is None else self._records[row]

    def retranslate(self, translate: Callable[[str], str]) -> None:
        """The column titles in a new language (``translate`` maps a shown text to it; see app/i18n.py)."""
        self._columns = [replace(column, title=translate(column.title)) for column in self._columns]
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    # --- batched changes
    def upsert(self, rows: Iterable[Record]) -> None:
        changed: set[int] = set()
        new: dict[Hashable, Record] = {}
        for record in rows:
            record_id = self._key(record)
            row = self._rows.get(record_id)
            if row is not None:
                if self._records[row] != record:
                    self._records[row] = record
                    changed.add(row)
            else:
                new[record_id] = record  # a later duplicate in the same batch wins
        last_column = len(self._columns) - 1
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        if new:
            start = len(self._records)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            for offset, (record_id, record) in enumerate(new.items()):
                self._rows[record_id] = start + offset
                self._ids.append(record_id)
                self._records.append(record)
            self.endInsertRows()

    def remove(self, ids: Iterable[Hashable]) -> None:
        rows = {self._rows[i] for i in ids if i in self._rows}
        if not rows:
            return
        for first, last in reversed(_runs(rows)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._records[first : last + 1]
            del self._ids[first : last + 1]
            self.endRemoveRows()
        self._rows = {record_id: row for row, record_id in enumerate(self._ids)}

    def reset(self, rows: Iterable[Record] = ()) -> None:
        """Replace everything (one modelReset): for a fresh snapshot, not for per-frame updates."""
        self.beginResetModel()
        self._records, self._ids, self._rows = [], [], {}
        for record in rows:
            record_id = self._key(record)
            if record_id in self._rows:
                self._records[self._rows[record_id]] = record
                continue
            self._rows[record_id] = len(self._records)
            self._ids.append(record_id)
            self._records.append(record)
        self.endResetModel()

    # --- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == RAW_VALUE_ROLE:
            return field_value(record, column.key)
        if role == RECORD_ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            color = column.color(record)
            return None if color is None else QColor(color)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        return None


def _runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted rows as inclusive (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class _RawValueSortProxy(QSortFilterProxyModel):
    """Sorts by the records' raw values; None sorts first; mixed types fall back to their text."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a = left.data(RAW_VALUE_ROLE)
        b = right.data(RAW_VALUE_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def make_compact(view: QTableView) -> None:
    """The terminal look for any table: whole-row selection, no grid, no row numbers, one-line rows."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 6)
    horizontal = view.horizontalHeader()
    horizontal.setHighlightSections(False)
    horizontal.setStretchLastSection(True)
    horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class RecordTableView(QTableView):
    """A compact, sortable, row-selecting table for a :class:`RecordTableModel`."""

    recordActivated = Signal(object)  # record id (double click / Enter)
    currentRecordChanged = Signal(object)  # record id or None

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None, sortable: bool = True) -> None:
        super().__init__(parent)
        self.record_model = model
        self.proxy = _RawValueSortProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setDynamicSortFilter(True)
        self.setModel(self.proxy)
        make_compact(self)
        # Arrival order until the user clicks a header (-1: no sort column).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(sortable)
        self.activated.connect(self._on_activated)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def id_at(self, view_row: int) -> Hashable:
        return self.proxy.index(view_row, 0).data(RECORD_ID_ROLE)

    def selected_ids(self) -> list[Hashable]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.id_at(row) for row in rows]

    def _on_activated(self, index: QModelIndex) -> None:
        self.recordActivated.emit(index.data(RECORD_ID_ROLE))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentRecordChanged.emit(current.data(RECORD_ID_ROLE) if current.isValid() else None)
