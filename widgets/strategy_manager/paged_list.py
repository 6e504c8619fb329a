"""A searchable, sortable list that pages through a venue's search (one page at a time, never all rows).

A view: ``searchRequested(text)`` when the user presses Enter in the search field (or clicks Search),
``pageRequested(page)`` for Previous/Next, ``sortRequested(field, descending)`` when a sortable header is
clicked (``field`` the search's OrderBy field), ``currentChanged(id)`` for the selected row. Setters:
``setPage(current, total, records)``, ``setBusy(bool)`` (a visible "Loading…" and the pager disabled),
``showMessage(text)`` (a refusal shown here, where the user clicked).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from widgets.common.record_table import Column, RecordTableModel, RecordTableView

MAX_COLUMN_WIDTH = 260


def fit_columns(view: QTableView) -> None:
    """Columns as wide as what they show (names and states are not cut), none wider than a readable cap."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count()):
        if header.sectionSize(section) > MAX_COLUMN_WIDTH:
            header.resizeSection(section, MAX_COLUMN_WIDTH)


def _order_fields(columns: Sequence[Column], sortable: Sequence[str] | Mapping[str, str]) -> dict[str, str]:
    """Column key -> the search's OrderBy field. ``("*",)`` is every column, ``"-Key"`` leaves one out; a
    lower-case key (an enum shown as words, ``status``) sorts by its field (``Status``)."""
    if isinstance(sortable, Mapping):
        return dict(sortable)
    keys = [c.key for c in columns] if "*" in sortable else [k for k in sortable if not k.startswith("-")]
    left_out = {k[1:] for k in sortable if k.startswith("-")}
    return {k: k[0].upper() + k[1:] for k in keys if k not in left_out}


class PagedList(QWidget):
    searchRequested = Signal(str)
    pageRequested = Signal(int)
    sortRequested = Signal(str, bool)  # field, descending
    currentChanged = Signal(object)  # record id or None

    def __init__(
        self,
        name: str,
        columns: Sequence[Column],
        sortable: Sequence[str] | Mapping[str, str] = (),  # see _order_fields
        key: str = "ID",
        search_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._columns = list(columns)
        self._sortable = _order_fields(self._columns, sortable)
        self._page = 1
        self._pages = 0
        self._descending = False
        self._total = 0
        layout = QVBoxLayout(self)
        self.main_layout = layout  # a window may add a detail line under the list
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName(f"{name}.search")
        self.search_edit.setPlaceholderText(search_hint or self.tr("Search"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self._search)
        top.addWidget(self.search_edit, 1)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.clicked.connect(self._search)
        top.addWidget(self.search_button)
        self.toolbar = QHBoxLayout()
        top.addLayout(self.toolbar)
        layout.addLayout(top)
        self.message_label = QLabel(self)
        self.message_label.setObjectName(f"{name}.message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #d9534f;")
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.model = RecordTableModel(self._columns, key=key, parent=self)
        self.view = RecordTableView(self.model, self, sortable=False)
        self.view.setObjectName(f"{name}.table")
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._on_header)
        self.view.currentRecordChanged.connect(self.currentChanged)
        layout.addWidget(self.view, 1)
        pager = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("\u2039 Previous"), self)
        self.prev_button.setObjectName(f"{name}.prev")
        self.prev_button.clicked.connect(lambda: self.pageRequested.emit(self._page - 1))
        self.next_button = QPushButton(self.tr("Next \u203a"), self)
        self.next_button.setObjectName(f"{name}.next")
        self.next_button.clicked.connect(lambda: self.pageRequested.emit(self._page + 1))
        self.page_label = QLabel(self)
        self.page_label.setObjectName(f"{name}.page")
        pager.addWidget(self.prev_button)
        pager.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.next_button)
        layout.addLayout(pager)
        self._update_pager(busy=False, total=0)

    # --- setters
    def setPage(self, current: int, pages: int, total: int, records: Sequence[object]) -> None:
        self._page, self._pages = current, pages
        selected = self.view.selected_ids()
        self.model.reset(records)
        fit_columns(self.view)
        if selected and self.model.row_of(selected[0]) is not None:
            self.select(selected[0])
        self._update_pager(busy=False, total=total)

    def setBusy(self, busy: bool) -> None:
        self._update_pager(busy=busy, total=None)

    def showMessage(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def select(self, record_id: Hashable) -> None:
        row = self.model.row_of(record_id)
        if row is None:
            return
        index = self.view.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.selectRow(index.row())

    def current_id(self) -> object:
        ids = self.view.selected_ids()
        return ids[0] if ids else None

    # --- internals
    def _search(self) -> None:
        self.searchRequested.emit(self.search_edit.text().strip())

    def _on_header(self, section: int) -> None:
        field = self._sortable.get(self._columns[section].key)
        if field is None:
            return
        self._descending = not self._descending
        self.view.horizontalHeader().setSortIndicatorShown(True)
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        self.view.horizontalHeader().setSortIndicator(section, order)
        self.sortRequested.emit(field, self._descending)

    def _update_pager(self, *, busy: bool, total: int | None) -> None:
        if total is None:
            total = self._total
        self._total = total
        self.prev_button.setEnabled(not busy and self._page > 1)
        self.next_button.setEnabled(not busy and self._page < self._pages)
        self.search_button.setEnabled(not busy)
        if busy:
            self.page_label.setText(self.tr("Loading\u2026"))
        else:
            self.page_label.setText(
                self.tr("Page {page} of {pages} \u00b7 {total} records").format(
                    page=self._page if self._pages else 0, pages=self._pages, total=total
                )
            )
