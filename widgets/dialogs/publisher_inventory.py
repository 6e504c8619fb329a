"""The publisher console's inventory tabs (views): funds and their items, and the paged lists of documents
and transactions.

:class:`FundsPage` lists the account's funds and the selected fund's items (grouped by entry and expiry),
and holds the forms "New fund", "Create items" and "Move to an account with an invoice". :class:`PagedTable`
shows a list a page at a time; the columns it is told are sortable ask for the venue's order by a click on
their header (the others do not sort). Field errors go under their field through ``error_for`` (the
dialog's), so the dialog's ``showFieldError`` reaches them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ErrorFor = Callable[[str], QLabel]
PAGE_SIZE = 20


def _table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def _selected(table: QTableWidget) -> int:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def _column(field: QWidget, error: QLabel) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(1)
    column.addWidget(field)
    column.addWidget(error)
    return column


class PagedTable(QWidget):
    """A list shown :data:`PAGE_SIZE` rows at a time, with its own progress line."""

    sortRequested = Signal(int, bool)  # column, descending
    refreshRequested = Signal()

    def __init__(
        self,
        name: str,
        headers: Sequence[str],
        sortable: Sequence[int],
        stretch: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._sortable = set(sortable)
        self._rows: list[Sequence[str]] = []
        self._page = 0
        self._sort: tuple[int, bool] | None = None
        layout = QVBoxLayout(self)
        hint = QLabel(self)
        hint.setObjectName("sortHint")
        hint.setWordWrap(True)
        names = ", ".join(headers[c] for c in sorted(self._sortable))
        hint.setText(
            self.tr("Click {columns} to sort (the distributor sorts by these only).").format(columns=names)
            if names
            else ""
        )
        layout.addWidget(hint)
        self.table = _table(self, f"{name}Table", headers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._on_header)
        layout.addWidget(self.table, 1)
        pager = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refreshRequested)
        pager.addWidget(self.refresh_button)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("pageStatus")
        pager.addWidget(self.status_label, 1)
        self.previous_button = QPushButton(self.tr("\u2190 Previous"), self)
        self.previous_button.setObjectName("previousPage")
        self.previous_button.clicked.connect(lambda: self.showPage(self._page - 1))
        self.next_button = QPushButton(self.tr("Next \u2192"), self)
        self.next_button.setObjectName("nextPage")
        self.next_button.clicked.connect(lambda: self.showPage(self._page + 1))
        pager.addWidget(self.previous_button)
        pager.addWidget(self.next_button)
        layout.addLayout(pager)
        self._loading = False
        self.showPage(0)

    def setRows(self, rows: Sequence[Sequence[str]]) -> None:
        self._rows = list(rows)
        self._loading = False
        self.showPage(0)

    def setLoading(self, text: str) -> None:
        self._loading = True
        self.status_label.setText(text)
        self.refresh_button.setEnabled(False)
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def sortOrder(self) -> tuple[int, bool] | None:
        return self._sort

    def page(self) -> int:
        return self._page

    def pageCount(self) -> int:
        return max(1, -(-len(self._rows) // PAGE_SIZE))

    def showPage(self, page: int) -> None:
        self._loading = False
        self._page = max(0, min(page, self.pageCount() - 1))
        first = self._page * PAGE_SIZE
        shown = self._rows[first : first + PAGE_SIZE]
        _fill(self.table, shown)
        self.refresh_button.setEnabled(True)
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < self.pageCount() - 1)
        if not self._rows:
            self.status_label.setText(self.tr("Nothing yet."))
        else:
            self.status_label.setText(
                self.tr("Rows {first}\u2013{last} of {total} (page {page} of {pages})").format(
                    first=first + 1,
                    last=first + len(shown),
                    total=len(self._rows),
                    page=self._page + 1,
                    pages=self.pageCount(),
                )
            )

    def _on_header(self, column: int) -> None:
        if column not in self._sortable or self._loading:
            return
        descending = self._sort == (column, False)  # a second click turns the order round
        self._sort = (column, descending)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(
            column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.sortRequested.emit(column, descending)


class FundsPage(QWidget):
    fundSelected = Signal(int)
    createFundRequested = Signal(str)
    createItemsRequested = Signal(int, str, QDate)  # entry index, qty, expiry
    moveRequested = Signal(dict)  # the move form's values

    def __init__(self, error_for: ErrorFor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fundsPage")
        self._busy = False
        layout = QVBoxLayout(self)
        lists = QHBoxLayout()
        forms = QHBoxLayout()
        layout.addLayout(lists, 1)
        layout.addLayout(forms)

        self.funds = _table(self, "funds", [self.tr("Fund"), self.tr("Default")])
        self.funds.itemSelectionChanged.connect(self._on_fund)
        lists.addWidget(self.funds, 2)
        new_box = QGroupBox(self.tr("New fund"), self)
        new_form = QFormLayout(new_box)
        self.fund_name_edit = QLineEdit(new_box)
        self.fund_name_edit.setObjectName("fundName")
        self.fund_name_edit.setPlaceholderText(self.tr("e.g. Resellers"))
        self.fund_name_edit.returnPressed.connect(self._on_create_fund)
        new_form.addRow(self.tr("Name:"), _column(self.fund_name_edit, error_for("fundName")))
        self.create_fund_button = QPushButton(self.tr("Create fund"), new_box)
        self.create_fund_button.setObjectName("createFund")
        self.create_fund_button.clicked.connect(self._on_create_fund)
        new_form.addRow(self.create_fund_button)
        forms.addWidget(new_box, 2, Qt.AlignmentFlag.AlignTop)

        right = QVBoxLayout()
        self.items_title = QLabel(self.tr("Choose a fund to see its items."), self)
        self.items_title.setObjectName("itemsTitle")
        right.addWidget(self.items_title)
        self.items = _table(
            self, "fundItems", [self.tr("Entry"), self.tr("Created"), self.tr("Expires"), self.tr("Quantity")]
        )
        self.items.setMinimumHeight(120)
        self.items.itemSelectionChanged.connect(self._update_buttons)
        right.addWidget(self.items, 1)
        right.addWidget(error_for("moveItems"))
        right.addWidget(error_for("itemsFund"))
        lists.addLayout(right, 5)

        create_box = QGroupBox(self.tr("Create items in this fund"), self)
        create = QFormLayout(create_box)
        self.entry_combo = QComboBox(create_box)
        self.entry_combo.setObjectName("itemsEntry")
        self.until_edit = QDateEdit(QDate.currentDate().addYears(1), create_box)
        self.until_edit.setObjectName("itemsUntil")
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.qty_edit = QLineEdit("1", create_box)
        self.qty_edit.setObjectName("itemsQty")
        create.addRow(self.tr("Entry:"), _column(self.entry_combo, error_for("itemsEntry")))
        create.addRow(self.tr("Expire on:"), _column(self.until_edit, error_for("itemsUntil")))
        create.addRow(self.tr("How many:"), _column(self.qty_edit, error_for("itemsQty")))
        self.create_items_button = QPushButton(self.tr("Create items"), create_box)
        self.create_items_button.setObjectName("createItems")
        self.create_items_button.clicked.connect(self._on_create_items)
        create.addRow(self.create_items_button)
        forms.addWidget(create_box, 3, Qt.AlignmentFlag.AlignTop)

        move_box = QGroupBox(self.tr("Move to an account, with an invoice"), self)
        move = QFormLayout(move_box)
        self.move_source = QCheckBox(self.tr("Make new items (entry and expiry at the left)"), move_box)
        self.move_source.setObjectName("moveCreate")
        self.move_source.setToolTip(self.tr("Unticked: the items selected in the fund's list are moved."))
        self.move_source.toggled.connect(self._update_buttons)
        self.account_edit = QLineEdit(move_box)
        self.account_edit.setObjectName("moveAccount")
        self.account_edit.setPlaceholderText(self.tr("24 hexadecimal characters"))
        self.move_qty_edit = QLineEdit("1", move_box)
        self.move_qty_edit.setObjectName("moveQty")
        self.invoice_edit = QLineEdit(move_box)
        self.invoice_edit.setObjectName("invoice")
        self.invoice_edit.setPlaceholderText(self.tr("e.g. INV-2026-001"))
        self.note_edit = QLineEdit(move_box)
        self.note_edit.setObjectName("note")
        move.addRow(self.move_source)
        move.addRow(self.tr("To account:"), _column(self.account_edit, error_for("moveAccount")))
        move.addRow(self.tr("How many:"), _column(self.move_qty_edit, error_for("moveQty")))
        move.addRow(self.tr("Invoice number:"), _column(self.invoice_edit, error_for("invoice")))
        move.addRow(self.tr("Note on the invoice:"), _column(self.note_edit, error_for("note")))
        self.move_button = QPushButton(self.tr("Move with invoice"), move_box)
        self.move_button.setObjectName("move")
        self.move_button.clicked.connect(self._on_move)
        move.addRow(self.move_button)
        forms.addWidget(move_box, 4, Qt.AlignmentFlag.AlignTop)
        self._update_buttons()

    # --- setters

    def setFunds(self, rows: Sequence[tuple[str, bool]], select: int = -1) -> None:
        """``(name, is the default fund)`` per fund."""
        current = _selected(self.funds)
        self.funds.blockSignals(True)
        _fill(self.funds, [(name, self.tr("yes") if default else "") for name, default in rows])
        self.funds.blockSignals(False)
        target = select if select >= 0 else current
        if 0 <= target < len(rows):
            self.funds.selectRow(target)
        self._update_buttons()

    def setEntries(self, titles: Sequence[str]) -> None:
        current = self.entry_combo.currentText()
        self.entry_combo.clear()
        self.entry_combo.addItems(list(titles))
        self.entry_combo.setCurrentIndex(max(0, self.entry_combo.findText(current)))

    def setItems(self, title: str, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """``(entry, created, expires, qty)`` per group of the selected fund's items."""
        self.items_title.setText(title)
        _fill(self.items, rows)
        self._update_buttons()

    def setBusy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def selectedFund(self) -> int:
        return _selected(self.funds)

    def selectedItems(self) -> int:
        return _selected(self.items)

    # --- internals

    def _on_fund(self) -> None:
        self._update_buttons()
        self.fundSelected.emit(_selected(self.funds))

    def _on_create_fund(self) -> None:
        if not self._busy:
            self.createFundRequested.emit(self.fund_name_edit.text())

    def _on_create_items(self) -> None:
        if not self._busy:
            self.createItemsRequested.emit(
                self.entry_combo.currentIndex(), self.qty_edit.text(), self.until_edit.date()
            )

    def _on_move(self) -> None:
        if self._busy:
            return
        self.moveRequested.emit(
            {
                "create": self.move_source.isChecked(),
                "group": _selected(self.items),
                "entry": self.entry_combo.currentIndex(),
                "until": self.until_edit.date(),
                "account": self.account_edit.text(),
                "qty": self.move_qty_edit.text(),
                "invoice": self.invoice_edit.text(),
                "note": self.note_edit.text(),
            }
        )

    def _update_buttons(self) -> None:
        free = not self._busy
        self.create_fund_button.setEnabled(free)
        self.create_items_button.setEnabled(free)
        self.move_button.setEnabled(free)
