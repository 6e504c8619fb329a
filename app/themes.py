"""Themes: the Fusion style with a palette plus a stylesheet (``resources/themes/<name>.qss``)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

import resources

THEMES = ("dark", "light")
DEFAULT_THEME = "dark"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# role -> (dark, light)
_COLORS: dict[QPalette.ColorRole, tuple[str, str]] = {
    Role.Window: ("#15181d", "#f3f4f6"),
    Role.WindowText: ("#d5dae1", "#1f2328"),
    Role.Base: ("#0f1216", "#ffffff"),
    Role.AlternateBase: ("#13171c", "#f6f8fa"),
    Role.ToolTipBase: ("#232830", "#ffffff"),
    Role.ToolTipText: ("#e6e9ee", "#1f2328"),
    Role.PlaceholderText: ("#5f6975", "#8c959f"),
    Role.Text: ("#d5dae1", "#1f2328"),
    Role.Button: ("#1c2128", "#e9ecef"),
    Role.ButtonText: ("#d5dae1", "#1f2328"),
    Role.BrightText: ("#ffffff", "#000000"),
    Role.Light: ("#2b313a", "#ffffff"),
    Role.Midlight: ("#232931", "#e3e6ea"),
    Role.Mid: ("#1b2027", "#c9ced4"),
    Role.Dark: ("#0b0d10", "#a8b0b9"),
    Role.Shadow: ("#000000", "#6e7781"),
    Role.Highlight: ("#1f4f8f", "#cfe1fb"),
    Role.HighlightedText: ("#ffffff", "#0b1f3a"),
    Role.Link: ("#58a6ff", "#0969da"),
    Role.LinkVisited: ("#a371f7", "#8250df"),
}
_DISABLED: dict[QPalette.ColorRole, tuple[str, str]] = {
    Role.WindowText: ("#59626d", "#8c959f"),
    Role.Text: ("#59626d", "#8c959f"),
    Role.ButtonText: ("#59626d", "#8c959f"),
    Role.Highlight: ("#2a3039", "#d0d7de"),
}


def palette(theme: str) -> QPalette:
    which = 0 if theme == "dark" else 1
    result = QPalette()
    for role, colors in _COLORS.items():
        result.setColor(role, QColor(colors[which]))
    for role, colors in _DISABLED.items():
        result.setColor(Group.Disabled, role, QColor(colors[which]))
    return result


@cache
def stylesheet(theme: str) -> str:
    """The theme's qss; ``@ICONS@`` in it stands for the icons folder (qss urls are relative to the cwd)."""
    text = resources.path("themes", f"{theme}.qss").read_text(encoding="utf-8")
    return text.replace("@ICONS@", resources.path("icons").as_posix())


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply ``theme`` (unknown names fall back to the default); returns the theme applied."""
    if theme not in THEMES:
        theme = DEFAULT_THEME
    app.setPalette(palette(theme))
    app.setStyleSheet(stylesheet(theme))
    app.setProperty("tesseraTheme", theme)
    return theme
