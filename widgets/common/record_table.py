"""A table of records keyed by id, updated in batches.

:class:`RecordTableModel` holds records (mappings or objects with attributes) in arrival order. A view-model
feeds it once per frame: ``upsert(rows)`` replaces changed records (one ``dataChanged`` per contiguous run of
changed rows) and appends new ones (one ``beginInsertRows`` for the batch); ``remove(ids)`` removes rows in
contiguous runs. :class:`RecordTableView` shows it compactly and sorts by the raw values (Decimal, datetime),
not by their text.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyleOptionViewItem, QTableView, QWidget

from widgets.common.sort_keys import NUMBER, TEXT, KeyKindMismatch, fit, key_array, key_of, kind_of

Record = Any
Index = QModelIndex | QPersistentModelIndex
CellLook = tuple[str, Qt.AlignmentFlag, QColor | None]  # a cell's text, alignment, colour (None: the view's)

RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the unformatted value (for sorting and for tests)
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
TEXT_ROLE = QPalette.ColorRole.Text
_WITH_DISPLAY: dict[Any, Any] = {}  # a view's item features -> with HasDisplay (Python's enum "|" is slow)


_MAPPING_TYPES: dict[type, bool] = {}  # per record type: a Mapping? (an ABC check per cell per paint is slow)


def _is_mapping(record: Record) -> bool:
    kind = type(record)
    mapping = _MAPPING_TYPES.get(kind)
    if mapping is None:
        mapping = _MAPPING_TYPES[kind] = isinstance(record, Mapping)
    return mapping


def apply_look(option: QStyleOptionViewItem, index: Index, look: CellLook) -> None:
    """Fill a cell's style option from its look, as ``QStyledItemDelegate.initStyleOption`` fills it from
    the model's roles (one Python call per cell per paint instead of a ``multiData`` of eight roles)."""
    text, align, colour = look
    option.index = index if isinstance(index, QModelIndex) else index.sibling(index.row(), index.column())
    option.text = text
    option.displayAlignment = align
    features = option.features
    shown = _WITH_DISPLAY.get(features)
    if shown is None:
        shown = _WITH_DISPLAY[features] = features | HAS_DISPLAY
    option.features = shown
    if colour is not None:
        palette = option.palette
        palette.setColor(TEXT_ROLE, colour)
        option.palette = palette


def field_value(record: Record, key: str) -> Any:
    if _is_mapping(record):
        return record.get(key)
    return getattr(record, key, None)


def cell_colour(value: QColor | str) -> QColor:
    """A column's colour as a QColor, parsed once per name."""
    if isinstance(value, QColor):
        return value
    colour = _COLOURS.get(value)
    if colour is None:
        colour = _COLOURS[value] = QColor(value)
    return QColor(colour)


_COLOURS: dict[str, QColor] = {}


def column_values(records: Sequence[Record], key: str) -> list[Any]:
    """``field_value`` of every record, at C speed when the records are all of one kind."""
    if not records:
        return []
    if isinstance(records[0], Mapping):
        return [record.get(key) if isinstance(record, Mapping) else None for record in records]
    try:
        return list(map(operator.attrgetter(key), records))
    except AttributeError:  # some record lacks the field: None for it
        return [field_value(record, key) for record in records]


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
    """Records in arrival order, or sorted by one column's raw values (the model sorts itself).

    Records live in a storage list that only grows (a removed record leaves a hole until the holes are
    many); the rows shown are a permutation of storage slots (numpy), so a change never copies rows and a
    header click sorts by pre-computed keys (one key per record, one ``sorted`` call) instead of a comparison
    per pair. While sorted, a record whose key changes moves to its place (``beginMoveRows``) and new ones
    are inserted where they belong (a large batch: appended, then one layout change that keeps the
    selection). A change tells only the columns that differ (``dataChanged`` on the smallest range). A
    delegate's ~8 roles per cell are answered in one ``multiData`` call.
    """

    BULK_SORT = 64  # more new rows than this in one batch, while sorted: append them and re-sort once
    RESORT_MS = 100  # rows whose sort keys changed in a batch are put in their places this long after
    CELL_DIFF = True  # a change repaints only the columns that differ (False: cells depend on more than that)

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
        self._records: list[Record] = []  # storage slots; None where a record was removed
        self._ids: list[Hashable] = []  # per slot
        self._rows: dict[Hashable, int] = {}  # id -> slot
        self._perm = np.zeros(0, dtype=np.int64)  # ascending position -> slot
        self._pos = np.zeros(0, dtype=np.int64)  # slot -> ascending position (-1: a hole)
        self._sort_column = -1
        self._descending = False
        self._sort_keys = _NO_KEYS  # per ascending position, while sorted
        self._kind = NUMBER  # how the sorted column's values compare (widgets.common.sort_keys)
        self._resort = QTimer(self)  # rows whose sort keys changed, put in their places together
        self._resort.setSingleShot(True)
        self._resort.setInterval(self.RESORT_MS)
        self._resort.timeout.connect(lambda: self.sort(self._sort_column, self._order()))
        # the roles cell_data answers (None: any, a subclass's own): the rest are not asked per cell per paint
        keys = [column.key for column in self._columns]
        self._attributes: Callable[[Record], Any] = operator.attrgetter(*keys) if keys else (lambda _: ())
        self._answered = _BASE_ROLES if type(self).cell_data is RecordTableModel.cell_data else None

    # --- reading
    def ids(self) -> list[Hashable]:
        """The records' ids in arrival order."""
        return [record_id for record_id in self._ids if record_id is not _HOLE]

    def records(self) -> list[Record]:
        """The records in arrival order."""
        return [record for record in self._records if record is not None]

    def row_of(self, record_id: Hashable) -> int | None:
        slot = self._rows.get(record_id)
        return None if slot is None else self._row_of_position(int(self._pos[slot]))

    def record(self, row: int) -> Record | None:
        slot = self._slot(row)
        return None if slot is None else self._records[slot]

    def record_by_id(self, record_id: Hashable) -> Record | None:
        slot = self._rows.get(record_id)
        return None if slot is None else self._records[slot]

    def sort_column(self) -> int:
        return self._sort_column

    def column_of(self, key: str) -> int:
        """The index of the column showing the field ``key``."""
        return next(index for index, column in enumerate(self._columns) if column.key == key)

    def retranslate(self, translate: Callable[[str], str]) -> None:
        """The column titles in a new language (``translate`` maps a shown text to it; see app/i18n.py)."""
        self._columns = [replace(column, title=translate(column.title)) for column in self._columns]
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    # --- batched changes
    def upsert(self, rows: Iterable[Record]) -> None:
        changed: dict[int, tuple[int, int]] = {}  # view row -> the columns that changed (first, last)
        moved: list[int] = []
        new: dict[Hashable, Record] = {}
        sorted_ = self._sort_column >= 0
        for record in rows:
            record_id = self._key(record)
            slot = self._rows.get(record_id)
            if slot is not None:
                old = self._records[slot]
                if old != record:
                    self._records[slot] = record
                    if sorted_ and self._key_changed(slot, record):
                        moved.append(slot)
                    row = self._row_of_position(int(self._pos[slot]))
                    changed[row] = self._changed_columns(old, record)
            else:
                new[record_id] = record  # a later duplicate in the same batch wins
        for (first, last), (left, right) in _spans(changed):
            self.dataChanged.emit(self.index(first, left), self.index(last, right))
        if len(moved) > 1 or (moved and self._resort.isActive()):
            # many rows out of place (a live price sorted on): changed in place, re-sorted together soon
            # (one layout change, instead of a move, which is a layout change for the view, per row)
            if not self._resort.isActive():
                self._resort.start()
        else:
            for slot in moved:
                self._move_to_its_place(slot)
        if new:
            self._insert(new)

    def _changed_columns(self, old: Record, new: Record) -> tuple[int, int]:
        """The first and last column whose text or colour may differ (all, unless ``CELL_DIFF``). Tooltips
        are asked for when shown: a changed one needs no repaint."""
        last = len(self._columns) - 1
        if not self.CELL_DIFF:
            return 0, last
        olds, news = self._field_values(old), self._field_values(new)
        touched = [
            index
            for index, (before, after, column) in enumerate(zip(olds, news, self._columns, strict=True))
            if before != after or (column.color is not None and column.color(old) != column.color(new))
        ]
        return (touched[0], touched[-1]) if touched else (0, last)

    def _field_values(self, record: Record) -> tuple[Any, ...]:
        """Every column's raw value of ``record``, at C speed for records with attributes."""
        if not _is_mapping(record):
            try:
                values = self._attributes(record)
                return (values,) if len(self._columns) == 1 else values
            except AttributeError:  # some field missing: None for it
                pass
        return tuple(field_value(record, column.key) for column in self._columns)

    def _key_changed(self, slot: int, record: Record) -> bool:
        try:
            return bool(self._sort_key(record) != self._sort_keys[int(self._pos[slot])])
        except KeyKindMismatch:
            return True

    def remove(self, ids: Iterable[Hashable]) -> None:
        slots = {self._rows[i] for i in ids if i in self._rows}
        if not slots:
            return
        positions = sorted(int(self._pos[slot]) for slot in slots)
        n = len(self._perm)
        for first, last in reversed(_runs(positions)):
            top, bottom = self._rows_of_positions(first, last, n)
            self.beginRemoveRows(QModelIndex(), top, bottom)
            for slot in self._perm[first : last + 1].tolist():
                del self._rows[self._ids[slot]]
                self._records[slot] = None
                self._ids[slot] = _HOLE
            self._perm = np.delete(self._perm, np.s_[first : last + 1])
            if self._sort_column >= 0:
                self._sort_keys = np.delete(self._sort_keys, np.s_[first : last + 1])
            n -= last - first + 1
            self._reindex()
            self.endRemoveRows()
        if len(self._records) > 1024 and len(self._records) > 2 * len(self._perm):
            self._compact()

    def reset(self, rows: Iterable[Record] = ()) -> None:
        """Replace everything (one modelReset): for a fresh snapshot, not for per-frame updates."""
        self._resort.stop()
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
        self._perm = np.arange(len(self._records), dtype=np.int64)
        self._sort_all()
        self.endResetModel()

    # --- sorting
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``'s raw values (None first), stable; -1: arrival order. Rows stay selected."""
        column = column if 0 <= column < len(self._columns) else -1
        self._resort.stop()
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        slots = [(self._slot(index.row()), index.column()) for index in persistent]
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        self._perm = np.flatnonzero(self._pos >= 0).astype(np.int64)  # live slots in arrival order
        self._sort_all()
        self._remap(persistent, slots)
        self.layoutChanged.emit()

    def _sort_key(self, record: Record) -> float | str:
        """The record's key in the sorted column (KeyKindMismatch when its value is of another kind)."""
        return key_of(self._kind, field_value(record, self._columns[self._sort_column].key))

    def _sort_all(self) -> None:
        """Order ``_perm`` (slots in their current order) by the sort column's keys, stably; reindex."""
        if self._sort_column < 0:
            self._perm = np.sort(self._perm)
            self._sort_keys = _NO_KEYS
            self._reindex()
            return
        records = list(map(self._records.__getitem__, self._perm.tolist()))
        values = column_values(records, self._columns[self._sort_column].key)
        self._kind = kind_of(values)
        try:
            keys = key_array(self._kind, values)
        except KeyKindMismatch:  # values of kinds that do not compare: by their text
            self._kind = TEXT
            keys = key_array(TEXT, values)
        order = np.argsort(keys, kind="stable")
        self._perm = self._perm[order]
        self._sort_keys = keys[order]
        self._reindex()

    def _place_of(self, key: float | str) -> int:
        """The ascending position a record of ``key`` goes to (after its equals: arrival order)."""
        self._sort_keys = fit(self._sort_keys, key)
        return int(np.searchsorted(self._sort_keys, key, side="right"))

    def _move_to_its_place(self, slot: int) -> None:
        try:
            key = self._sort_key(self._records[slot])
        except KeyKindMismatch:
            self.sort(self._sort_column, self._order())
            return
        old = int(self._pos[slot])
        self._sort_keys = np.delete(self._sort_keys, old)
        perm = np.delete(self._perm, old)
        new = self._place_of(key)
        source = self._row_of_position(old)
        target = self._row_of_position(new)
        if target != source:
            # Qt's destination is the row before which the moved row goes, counted before the move
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target + (target > source))
        self._perm = np.insert(perm, new, slot)
        self._sort_keys = np.insert(self._sort_keys, new, key)
        self._reindex()
        if target != source:
            self.endMoveRows()
        self.dataChanged.emit(self.index(target, 0), self.index(target, len(self._columns) - 1))

    def _insert(self, new: dict[Hashable, Record]) -> None:
        start = len(self._records)
        sorted_ = self._sort_column >= 0
        if sorted_ and len(new) <= self.BULK_SORT:
            for offset, (record_id, record) in enumerate(new.items()):
                slot = start + offset
                try:
                    key = self._sort_key(record)
                except KeyKindMismatch:
                    self._append({record_id: record}, slot)
                    self.sort(self._sort_column, self._order())
                    continue
                place = self._place_of(key)
                n = len(self._perm)
                row = place if not self._descending else n - place
                self.beginInsertRows(QModelIndex(), row, row)
                self._records.append(record)
                self._ids.append(record_id)
                self._rows[record_id] = slot
                self._perm = np.insert(self._perm, place, slot)
                self._sort_keys = np.insert(self._sort_keys, place, key)
                self._reindex()
                self.endInsertRows()
            return
        self._append(new, start)
        if sorted_:
            self.sort(self._sort_column, self._order())

    def _append(self, new: dict[Hashable, Record], start: int) -> None:
        """New records after the rows shown (one ``beginInsertRows``), in arrival order."""
        n = len(self._perm)
        self.beginInsertRows(QModelIndex(), n, n + len(new) - 1)
        for offset, (record_id, record) in enumerate(new.items()):
            self._rows[record_id] = start + offset
            self._ids.append(record_id)
            self._records.append(record)
        added = np.arange(start, start + len(new), dtype=np.int64)
        if self._descending:
            self._perm = np.concatenate((added[::-1], self._perm))
        else:
            self._perm = np.concatenate((self._perm, added))
        self._reindex()
        self.endInsertRows()

    def _order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    # --- positions
    def _reindex(self) -> None:
        pos = np.full(len(self._records), -1, dtype=np.int64)
        pos[self._perm] = np.arange(len(self._perm), dtype=np.int64)
        self._pos = pos

    def _compact(self) -> None:
        """Drop the holes (slots renumbered; rows and their order unchanged)."""
        live = np.flatnonzero(self._pos >= 0)
        renumber = np.full(len(self._records), -1, dtype=np.int64)
        renumber[live] = np.arange(len(live), dtype=np.int64)
        self._records = [self._records[slot] for slot in live.tolist()]
        self._ids = [self._ids[slot] for slot in live.tolist()]
        self._rows = {record_id: slot for slot, record_id in enumerate(self._ids)}
        self._perm = renumber[self._perm]
        self._reindex()

    def _row_of_position(self, position: int, n: int | None = None) -> int:
        count = len(self._perm) if n is None else n
        return count - 1 - position if self._descending else position

    def _rows_of_positions(self, first: int, last: int, n: int) -> tuple[int, int]:
        if self._descending:
            return n - 1 - last, n - 1 - first
        return first, last

    def _slot(self, row: int) -> int | None:
        n = len(self._perm)
        if not 0 <= row < n:
            return None
        return int(self._perm[n - 1 - row if self._descending else row])

    def _remap(self, persistent: list[QModelIndex], slots: list[tuple[int | None, int]]) -> None:
        moved = [
            QModelIndex()
            if slot is None or self._pos[slot] < 0
            else self.index(self._row_of_position(int(self._pos[slot])), column)
            for slot, column in slots
        ]
        self.changePersistentIndexList(persistent, moved)

    # --- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._perm)

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
        slot = self._slot(index.row()) if index.isValid() else None
        if slot is None:
            return None
        return self.cell_data(self._records[slot], slot, index.column(), int(role))

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role a delegate asks for one cell in one call (Qt asks ~8 roles per cell per paint)."""
        slot = self._slot(index.row()) if index.isValid() else None
        if slot is None:
            return
        record, column = self._records[slot], index.column()
        answered = self._answered
        for role_data in _each(roleDataSpan):
            role = role_data.role()
            if answered is None or role in answered:
                role_data.setData(self.cell_data(record, slot, column, role))

    def cell_look(self, row: int, column: int) -> CellLook | None:
        """A cell's text, alignment and colour at once, for a delegate that fills its style option itself
        rather than through ``multiData`` (one Python call per cell per paint instead of several); None
        where a subclass changes what cells show (``cell_data``), or for no such cell."""
        slot = self._slot(row) if self._answered is not None else None
        if slot is None or not 0 <= column < len(self._columns):
            return None
        record, spec = self._records[slot], self._columns[column]
        colour = spec.color(record) if spec.color is not None else None
        return spec.text(record), spec.align, None if colour is None else cell_colour(colour)

    def cell_data(self, record: Record, slot: int, column: int, role: int) -> Any:
        """What one cell shows for ``role`` (an int): the one place a subclass changes what cells show."""
        spec = self._columns[column]
        if role == DISPLAY:
            return spec.text(record)
        if role == RAW_VALUE_ROLE:
            return field_value(record, spec.key)
        if role == RECORD_ID_ROLE:
            return self._ids[slot]
        if role == ALIGNMENT:
            return int(spec.align)
        if role == FOREGROUND and spec.color is not None:
            color = spec.color(record)
            return None if color is None else cell_colour(color)
        if role == TOOLTIP and spec.tooltip is not None:
            return spec.tooltip(record)
        return None


_HOLE = object()  # the id of a removed record's slot
_BASE_ROLES = frozenset({DISPLAY, int(RAW_VALUE_ROLE), int(RECORD_ID_ROLE), ALIGNMENT, FOREGROUND, TOOLTIP})
_NO_KEYS = np.zeros(0, dtype=np.float64)


def _each(span: QModelRoleDataSpan | QModelRoleData) -> list[QModelRoleData]:
    if isinstance(span, QModelRoleData):
        return [span]
    items: Any = span  # PySide's span is indexable at run time; its type stub does not say so
    return [items[k] for k in range(span.size())]


def _spans(changed: dict[int, tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Changed rows as ((first row, last row), (first column, last column)): consecutive rows whose changed
    columns are the same make one range."""
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for row in sorted(changed):
        columns = changed[row]
        if spans and spans[-1][0][1] == row - 1 and spans[-1][1] == columns:
            spans[-1] = ((spans[-1][0][0], row), columns)
        else:
            spans.append(((row, row), columns))
    return spans


def _runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted rows as inclusive (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class _SourceSortProxy(QSortFilterProxyModel):
    """Filters (for the panels that filter) and leaves the order to the :class:`RecordTableModel`, which sorts
    by pre-computed keys: a header click reaches the source's ``sort``."""

    def __init__(self, source: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        self._source.multiData(self.mapToSource(index), roleDataSpan)


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
    PAINT_CELLS = 64  # changed cells repainted in one loop turn (~40 us each with a Python delegate)

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None, sortable: bool = True) -> None:
        super().__init__(parent)
        self.record_model = model
        self.proxy = _SourceSortProxy(model, self)
        self.proxy.setDynamicSortFilter(True)
        self.setModel(self.proxy)
        make_compact(self)
        # Arrival order until the user clicks a header (-1: no sort column).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(sortable)
        self.activated.connect(self._on_activated)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._unpainted: deque[tuple[int, int, int, int]] = deque()  # changed (rows, columns) not repainted
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(0)
        self._repaint.timeout.connect(self._repaint_some)

    def dataChanged(self, topLeft: Index, bottomRight: Index, roles: Sequence[int] = ()) -> None:
        """Repaint only the changed cells in view (for any range of more than one cell Qt repaints the whole
        viewport: in a live table, every cell every frame), ``PAINT_CELLS`` of them a loop turn: a frame
        that changes every cell in view is painted over two or three turns, none of them long. An open
        editor is left to Qt."""
        if topLeft == bottomRight or self.state() == QAbstractItemView.State.EditingState:
            super().dataChanged(topLeft, bottomRight, list(roles))
            return
        self._unpainted.append((topLeft.row(), bottomRight.row(), topLeft.column(), bottomRight.column()))
        if not self._repaint.isActive():
            self._repaint.start()

    def _repaint_some(self) -> None:
        """Ask Qt to repaint up to ``PAINT_CELLS`` of the changed cells in view (top first); the rest on the
        next turn. Ranges are kept as rows and columns, so a scroll meanwhile repaints the right cells."""
        first = self.rowAt(0)
        if first < 0:
            self._unpainted.clear()
            return
        last = self.rowAt(self.viewport().height() - 1)
        last = self.model().rowCount() - 1 if last < 0 else last
        header = self.horizontalHeader()
        budget = self.PAINT_CELLS
        while self._unpainted and budget > 0:
            top, bottom, left, right = self._unpainted.popleft()
            top, bottom = max(top, first), min(bottom, last)
            columns = [c for c in range(left, right + 1) if not header.isSectionHidden(c)]
            if top > bottom or not columns:
                continue  # out of view (painted when scrolled to) or in hidden columns
            rows = max(1, budget // len(columns))
            if bottom - top + 1 > rows:  # the rest of the range on the next turn
                self._unpainted.appendleft((top + rows, bottom, left, right))
                bottom = top + rows - 1
            x = min(self.columnViewportPosition(c) for c in columns)
            width = max(self.columnViewportPosition(c) + header.sectionSize(c) for c in columns) - x
            y = self.rowViewportPosition(top)
            height = self.rowViewportPosition(bottom) + self.rowHeight(bottom) - y
            self.viewport().update(QRect(x, y, width, height))
            budget -= (bottom - top + 1) * len(columns)
        if self._unpainted:
            self._repaint.start()

    def cell_look(self, index: Index) -> CellLook | None:
        """``RecordTableModel.cell_look`` of the cell at ``index`` (an index of this view's model)."""
        source = self.proxy.mapToSource(index)
        return self.record_model.cell_look(source.row(), source.column())

    def id_at(self, view_row: int) -> Hashable:
        return self.proxy.index(view_row, 0).data(RECORD_ID_ROLE)

    def selected_ids(self) -> list[Hashable]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.id_at(row) for row in rows]

    def _on_activated(self, index: QModelIndex) -> None:
        self.recordActivated.emit(index.data(RECORD_ID_ROLE))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentRecordChanged.emit(current.data(RECORD_ID_ROLE) if current.isValid() else None)
