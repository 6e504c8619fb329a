"""Signal colours shared by widgets (state dots, toasts, log levels); readable on dark and light themes."""

GREY = "#7d8590"
AMBER = "#d4a72c"
GREEN = "#2ea043"
RED = "#f0524f"
