"""What an item view paints of a cell's text, read as a user reads the screen (a test oracle,
independent of the delegates under test): the delegate's style option for the cell, elided the way Qt's common
style elides it to the cell's text rectangle."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem


def painted_text(view: QAbstractItemView, index: QModelIndex) -> str:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    delegate = view.itemDelegateForIndex(index)
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    style = view.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1  # QCommonStyle's
    width = rect.width() - 2 * margin
    return QFontMetrics(option.font).elidedText(option.text, option.textElideMode, width)


def column_titled(view: QAbstractItemView, title: str) -> int:
    model = view.model()
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) == title:
            return column
    raise AssertionError(f"no column {title!r}")
