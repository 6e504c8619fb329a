"""Cells whose text is never cut: a delegate that shrinks the font of a cell until its text fits.

Qt's styled delegate elides a text that is wider than its cell ("64,0…"); for a price that is worse than
useless. :class:`FittedTextDelegate` gives such a cell a smaller font (down to ``MIN_SCALE`` of the view's)
so the whole text is painted; only below that does Qt's eliding come back.

A cell is painted many times a second in a live table, so what does not depend on its text is kept: the
text's room per cell size (the style's padding and margins), the smaller fonts and their metrics per font.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from widgets.common.record_table import CellLook, apply_look

MIN_SCALE = 0.72  # the smallest font a cell is given, against the view's own
Index = QModelIndex | QPersistentModelIndex
Looks = Callable[[Index], CellLook | None]  # text, alignment, colour
# a font, then smaller ones down to MIN_SCALE, each with its metrics (fractional, and Qt's own for the option)
Ladder = list[tuple[QFont, QFontMetricsF, QFontMetrics]]


def text_rect(option: QStyleOptionViewItem, widget: QWidget | None) -> QRect:
    """Where a styled item view paints the text of the cell ``option`` describes (the theme's padding and
    Qt's text margin taken off), as ``QCommonStyle`` computes it."""
    style = widget.style() if widget is not None else None
    if style is None:
        return option.rect
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return rect.adjusted(margin, 0, -margin, 0)


def font_ladder(font: QFont) -> Ladder:
    """``font``, then ever smaller copies (half a point, or a pixel, at a time) down to ``MIN_SCALE``."""
    font = QFont(font)  # a copy: a style option's font goes with the option
    ladder = [(font, QFontMetricsF(font), QFontMetrics(font))]
    base = font.pointSizeF() if font.pointSizeF() > 0 else None
    size = base if base is not None else float(font.pixelSize())
    floor = size * MIN_SCALE
    while size > floor:
        size = max(floor, size - (0.5 if base is not None else 1.0))
        smaller = QFont(font)
        if base is not None:
            smaller.setPointSizeF(size)
        else:
            smaller.setPixelSize(max(1, round(size)))
        ladder.append((smaller, QFontMetricsF(smaller), QFontMetrics(smaller)))
    return ladder


def fit_in(ladder: Ladder, text: str, width: int) -> int:
    """The index in ``ladder`` of the largest font in which Qt paints ``text`` whole in ``width`` pixels (Qt
    measures fractions: a pixel spare), or of the smallest."""
    if not text:
        return 0
    for step, (_font, metrics, _) in enumerate(ladder):
        if metrics.horizontalAdvance(text) < width - 1:
            return step
    return len(ladder) - 1


def fitted_font(font: QFont, text: str, width: int) -> QFont:
    """``font`` or a smaller one (not under ``MIN_SCALE``) in which ``text`` fits ``width`` pixels."""
    if not text or QFontMetricsF(font).horizontalAdvance(text) < width - 1:
        return font
    ladder = font_ladder(font)
    return ladder[fit_in(ladder, text, width)][0]


class FittedTextDelegate(QStyledItemDelegate):
    """The styled delegate, with a smaller font for a cell whose text would otherwise be elided.

    ``setColumnFont`` gives a whole column one font (fitted to its widest text), so its cells stay alike;
    a cell whose text still does not fit shrinks further on its own.
    """

    def __init__(self, parent: QWidget | None = None, looks: Looks | None = None) -> None:
        """``looks``: a cell's text, alignment and colour in one call (None: ask the model for each role, as
        Qt does); the style option is then filled from it, as ``QStyledItemDelegate`` fills it."""
        super().__init__(parent)
        self._looks = looks
        self._column_fonts: dict[int, QFont] = {}
        self._ladders: dict[int, Ladder] = {}  # per column: its font's ladder (checked against the font)
        self._areas: dict[tuple[int, int, int], tuple[int, int, int, int]] = {}  # cell size -> text area
        if parent is not None:
            parent.installEventFilter(self)  # the view's style or font changed: what was kept is stale

    def setColumnFont(self, column: int, font: QFont | None) -> None:
        if font is None:
            self._column_fonts.pop(column, None)
        else:
            self._column_fonts[column] = font

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._areas.clear()
            self._ladders.clear()
        return super().eventFilter(watched, event)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        look = self._looks(index) if self._looks is not None else None
        if look is None:
            super().initStyleOption(option, index)
        else:
            apply_look(option, index, look)
        column = index.column()
        font = self._column_fonts.get(column)
        if font is None:
            font = option.font
        ladder = self._ladders.get(column)
        if ladder is None or ladder[0][0] != font:
            ladder = self._ladders[column] = font_ladder(font)
        step = fit_in(ladder, option.text, self.text_area(option).width())
        if step or column in self._column_fonts:
            option.font = ladder[step][0]
            option.fontMetrics = ladder[step][2]

    def text_area(self, option: QStyleOptionViewItem) -> QRect:
        """``text_rect`` of the cell, computed once per cell size (the style's padding does not change)."""
        rect = option.rect
        key = (rect.width(), rect.height(), int(option.features.value))
        area = self._areas.get(key)
        if area is None:
            widget = option.widget if option.widget is not None else self.parent()
            found = text_rect(option, widget if isinstance(widget, QWidget) else None)
            area = (found.x() - rect.x(), found.y() - rect.y(), found.width(), found.height())
            if len(self._areas) > 256:  # sizes seen over many resizes
                self._areas.clear()
            self._areas[key] = area
        return QRect(rect.x() + area[0], rect.y() + area[1], area[2], area[3])
