"""The orders blotter's table: one :class:`OrderRow` per order, status colours, in-place price/quantity edits.

An edit never changes the row itself: the model asks for the change (``editRequested``) and shows the new
value in italics while the venue answers (``set_pending_edit``); the row changes only when the order does, so
a refused change falls back to the order's own value.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.decimal_input import DecimalInput
from widgets.common.numbers import localized
from widgets.common.record_table import (
    DISPLAY,
    NUMERIC,
    RECORD_ID_ROLE,
    TOOLTIP,
    CellLook,
    Column,
    RecordTableModel,
    RecordTableView,
    apply_look,
    cell_colour,
)
from widgets.panels.order_ticket import BUYING, action_title, decimals_of, type_title

Index = QModelIndex | QPersistentModelIndex
ITALIC_ROLE = Qt.ItemDataRole.UserRole + 10  # bool: sent but not answered yet (the cell's font is italic)
EDIT = int(Qt.ItemDataRole.EditRole)
_CELL = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_EDITABLE = _CELL | Qt.ItemFlag.ItemIsEditable
FONT = int(Qt.ItemDataRole.FontRole)
BLUE = "#3d8bfd"
STATE_COLOURS = {"working": BLUE, "partial": AMBER, "filled": GREEN, "canceled": GREY, "rejected": RED}


@functools.cache
def _italic_font() -> QFont:
    """Italics over whatever font the view has (the delegate resolves the rest from the view's font)."""
    font = QFont()
    font.setItalic(True)
    return font


def tr(text: str) -> str:
    return QCoreApplication.translate("OrdersTable", text)


@dataclass(slots=True)
class OrderRow:
    """One order as the blotter shows it (plain values; never changed once made: a change is a new row).
    Not ``frozen``: a frozen dataclass takes 8 us to make against 1 us, and a view-model makes 100,000.

    ``side``: buy/sell/short/cover; ``type``: limit/market/stop/stop_limit; ``state`` picks the status colour:
    working, partial, filled, canceled, rejected, or pending (sent or unknown: italic); ``editable`` names the
    columns the user may change in place; the steps set the editors' grid and the numbers' decimals.
    """

    key: str
    order_id: str
    time: datetime | None
    venue: str
    account: str
    instrument: str
    side: str
    type: str
    quantity: Decimal
    filled: Decimal
    status: str
    state: str
    price: Decimal | None = None
    stop: Decimal | None = None
    average: Decimal | None = None
    price_step: Decimal | None = None
    qty_step: Decimal | None = None
    editable: frozenset[str] = frozenset()
    message: str = ""

    def step_of(self, column: str) -> Decimal | None:
        return self.qty_step if column in ("quantity", "filled") else self.price_step


def _time_text(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone()
    return local.strftime("%H:%M:%S" if local.date() == datetime.now().astimezone().date() else "%d.%m %H:%M")


def _number_text(value: Decimal | None, step: Decimal | None) -> str:
    if value is None:
        return ""
    if step is None:
        return localized(f"{value.normalize():f}")
    return localized(f"{value:,.{decimals_of(step)}f}")


def _side_colour(row: OrderRow) -> str:
    return GREEN if row.side in BUYING else RED


def _status_colour(row: OrderRow) -> str | None:
    return STATE_COLOURS.get(row.state)


def order_columns() -> list[Column]:
    return [
        Column("time", tr("Time")),
        Column("venue", tr("Venue")),
        Column("account", tr("Account")),
        Column("instrument", tr("Instrument")),
        Column("side", tr("Side"), color=_side_colour),
        Column("type", tr("Type")),
        Column("price", tr("Price"), align=NUMERIC),
        Column("stop", tr("Stop"), align=NUMERIC),
        Column("quantity", tr("Qty"), align=NUMERIC),
        Column("filled", tr("Filled"), align=NUMERIC),
        Column("average", tr("Avg price"), align=NUMERIC),
        Column("status", tr("Status"), color=_status_colour, tooltip=lambda row: row.message or None),
    ]


class OrdersTableModel(RecordTableModel):
    editRequested = Signal(str, str, object)  # row key, column (price/stop/quantity), Decimal
    CELL_DIFF = False  # the row's state sets every cell's font (italic while pending)

    def __init__(self, parent: Any = None) -> None:
        columns = order_columns()
        super().__init__(columns, key="key", parent=parent)
        self._keys = [column.key for column in columns]
        self._pending: dict[tuple[str, str], Decimal] = {}

    def column_of(self, key: str) -> int:
        return self._keys.index(key)

    def column_key(self, column: int) -> str:
        return self._keys[column]

    def set_pending_edit(self, row_key: str, column: str, value: Decimal | None) -> None:
        """Show ``value`` (italic) in the cell while the venue answers; None puts the order's own back."""
        if value is None:
            self._pending.pop((row_key, column), None)
        else:
            self._pending[(row_key, column)] = value
        row = self.row_of(row_key)
        if row is not None:
            cell = self.index(row, self.column_of(column))
            self.dataChanged.emit(cell, cell)

    def cell_text(self, record: OrderRow, column: str) -> str:
        if column == "time":
            return _time_text(record.time)
        if column == "side":
            return action_title(record.side)
        if column == "type":
            return type_title(record.type)
        if column in ("price", "stop", "quantity", "filled", "average"):
            value = self._pending.get((record.key, column), getattr(record, column))
            return _number_text(value, record.step_of(column))
        return str(getattr(record, column))

    def order_look(self, row: int, column: int) -> tuple[CellLook, bool] | None:
        """A cell's look and whether it is italic (pending), for the delegate (see ``apply_look``)."""
        record: OrderRow | None = self.record(row)
        if record is None or not 0 <= column < len(self._keys):
            return None
        key = self._keys[column]
        spec = self._columns[column]
        colour = spec.color(record) if spec.color is not None else None
        look = (self.cell_text(record, key), spec.align, None if colour is None else cell_colour(colour))
        return look, record.state == "pending" or (record.key, key) in self._pending

    def cell_data(self, record: OrderRow, slot: int, column: int, role: int) -> Any:
        key = self._keys[column]
        if role == DISPLAY:
            return self.cell_text(record, key)
        if role == EDIT:
            value = getattr(record, key)
            return "" if value is None else f"{value:f}"
        if role in (ITALIC_ROLE, FONT):
            italic = record.state == "pending" or (record.key, key) in self._pending
            return italic if role == ITALIC_ROLE else (_italic_font() if italic else None)
        if role == TOOLTIP and key == "time" and record.order_id:
            return tr("Order {id}").format(id=record.order_id)
        return super().cell_data(record, slot, column, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return Qt.ItemFlag.NoItemFlags
        if record.editable and self._keys[index.column()] in record.editable:
            return _EDITABLE
        return _CELL  # what QAbstractTableModel gives, without a call into Qt per cell per paint

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Asks for the change; the cell keeps the order's value until the order itself changes."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not isinstance(value, Decimal):
            return False
        record: OrderRow | None = self.record(index.row())
        if record is None:
            return False
        column = self._keys[index.column()]
        if column in record.editable and value != getattr(record, column):
            self.editRequested.emit(record.key, column, value)
        return False


class OrderCellDelegate(QStyledItemDelegate):
    """Paints a cell from one call to the model (``order_look``: a 100,000-order blotter scrolls a page of
    some 400 cells a frame); edits a price or quantity with a :class:`DecimalInput` on the order's own
    grid."""

    def __init__(self, model: OrdersTableModel, proxy: QSortFilterProxyModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        found = self._model.order_look(self._proxy.mapToSource(index).row(), index.column())
        if found is None:
            super().initStyleOption(option, index)
            return
        look, italic = found
        apply_look(option, index, look)
        if italic:  # (pending orders and edits are few)
            option.font = _italic_font().resolve(option.font)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        record = self._model.record_by_id(index.data(RECORD_ID_ROLE))
        column = self._model.column_key(index.column())
        step = record.step_of(column) if record is not None else None
        decimals = 8 if step is None else decimals_of(step)
        editor = DecimalInput(decimals, step or Decimal(1).scaleb(-8), minimum=step, parent=parent)
        editor.setObjectName("orderCellEditor")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DecimalInput)
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, DecimalInput)
        value = editor.value()
        if value is not None:
            model.setData(index, value, Qt.ItemDataRole.EditRole)


class OrdersTableView(RecordTableView):
    """The blotter table: newest first, editable cells open on double click or typing."""

    def __init__(self, model: OrdersTableModel, parent: QWidget | None = None, *, editable: bool) -> None:
        super().__init__(model, parent)
        self.setObjectName("ordersTable")
        self.sortByColumn(model.column_of("time"), Qt.SortOrder.DescendingOrder)
        self.setItemDelegate(OrderCellDelegate(model, self.proxy, self))
        if editable:
            self.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.AnyKeyPressed
            )

    def view_index(self, row_key: Hashable, column: str) -> QModelIndex:
        model = self.record_model
        assert isinstance(model, OrdersTableModel)
        row = model.row_of(row_key)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(model.index(row, model.column_of(column)))
