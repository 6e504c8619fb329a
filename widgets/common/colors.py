"""Signal colours shared by widgets (state dots, toasts, log levels); readable on dark and light themes."""

from PySide6.QtWidgets import QWidget

GREY = "#7d8590"
AMBER = "#d4a72c"
GREEN = "#2ea043"
RED = "#f0524f"


def set_style_sheet(widget: QWidget, sheet: str) -> None:
    """``widget.setStyleSheet(sheet)`` unless it has that sheet already: setting one, even the same, polishes
    the widget again and lays out and repaints its parent (the whole status bar for a label in it)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
