"""Cells whose text is never cut: a delegate that shrinks the font of a cell until its text fits.

Qt's styled delegate elides a text that is wider than its cell ("64,0…"); for a price that is worse than
useless. :class:`FittedTextDelegate` gives such a cell a smaller font (down to ``MIN_SCALE`` of the view's)
so the whole text is painted; only below that does Qt's eliding come back.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

MIN_SCALE = 0.72  # the smallest font a cell is given, against the view's own
Index = QModelIndex | QPersistentModelIndex


def text_rect(option: QStyleOptionViewItem, widget: QWidget | None) -> QRect:
    """Where a styled item view paints the text of the cell ``option`` describes (the theme's padding and
    Qt's text margin taken off), as ``QCommonStyle`` computes it."""
    style = widget.style() if widget is not None else None
    if style is None:
        return option.rect
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return rect.adjusted(margin, 0, -margin, 0)


def _fits(font: QFont, text: str, width: int) -> bool:
    """Whether Qt paints ``text`` whole in ``width`` pixels (Qt measures fractions: a pixel spare)."""
    return QFontMetricsF(font).horizontalAdvance(text) < width - 1


def fitted_font(font: QFont, text: str, width: int) -> QFont:
    """``font`` or a smaller one (not under ``MIN_SCALE``) in which ``text`` fits ``width`` pixels."""
    if not text or _fits(font, text, width):
        return font
    base = font.pointSizeF() if font.pointSizeF() > 0 else None
    size = base if base is not None else float(font.pixelSize())
    smaller = QFont(font)
    floor = size * MIN_SCALE
    while size > floor:
        size = max(floor, size - (0.5 if base is not None else 1.0))
        if base is not None:
            smaller.setPointSizeF(size)
        else:
            smaller.setPixelSize(max(1, round(size)))
        if _fits(smaller, text, width):
            break
    return smaller


class FittedTextDelegate(QStyledItemDelegate):
    """The styled delegate, with a smaller font for a cell whose text would otherwise be elided.

    ``setColumnFont`` gives a whole column one font (fitted to its widest text), so its cells stay alike;
    a cell whose text still does not fit shrinks further on its own.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column_fonts: dict[int, QFont] = {}

    def setColumnFont(self, column: int, font: QFont | None) -> None:
        if font is None:
            self._column_fonts.pop(column, None)
        else:
            self._column_fonts[column] = font

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        column_font = self._column_fonts.get(index.column())
        if column_font is not None:
            option.font = column_font
        widget = option.widget if option.widget is not None else self.parent()
        width = text_rect(option, widget if isinstance(widget, QWidget) else None).width()
        option.font = fitted_font(option.font, option.text, width)
        option.fontMetrics = QFontMetrics(option.font)
