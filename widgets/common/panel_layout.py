"""The frame every docked panel shares: an edge-to-edge column whose first row is a compact toolbar."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


def panel_with_toolbar(panel: QWidget) -> tuple[QVBoxLayout, QWidget, QHBoxLayout]:
    """Give ``panel`` its column layout and a toolbar (styled by the theme as ``#panelToolbar``).

    Returns (column, toolbar, toolbar row): add the toolbar's widgets to the row, then the toolbar and the
    panel's body to the column.
    """
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    toolbar = QWidget(panel)
    toolbar.setObjectName("panelToolbar")
    row = QHBoxLayout(toolbar)
    row.setContentsMargins(4, 2, 4, 2)
    row.setSpacing(6)
    return column, toolbar, row
