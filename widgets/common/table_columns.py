"""Column sizing for the compact tables: text columns wide enough for a sample text and their title (the
user may resize them), number columns sharing the rest of the width (no gap before a stretched last column,
nothing cut off on a wide panel)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

MIN_SECTION = 40
PADDING = 20  # the item's horizontal padding in the themes, plus room for the sort arrow's margin


def size_columns(view: QTableView, samples: Mapping[int, str], stretch: Iterable[int] = ()) -> None:
    """``samples``: column -> the widest text expected in it (e.g. ``"binance"``)."""
    view.ensurePolished()
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(MIN_SECTION)
    cells = view.fontMetrics()
    bold = view.font()
    bold.setBold(True)
    titles = QFontMetrics(bold)
    model = view.model()
    for column, sample in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        width = max(cells.horizontalAdvance(sample), titles.horizontalAdvance(title)) + PADDING
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
