"""The terminal's panels: one :class:`PanelSpec` registration each (order = View menu and default layout)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.viewmodels.journal import create_journal_panel
from app.workspace import PanelSpec, WorkspaceRegistry

Area = Qt.DockWidgetArea


def builtin_panels() -> WorkspaceRegistry:
    registry = WorkspaceRegistry()
    registry.register(
        PanelSpec(
            id="journal",
            title=QT_TRANSLATE_NOOP("Panels", "Journal"),
            factory=create_journal_panel,
            default_area=Area.BottomDockWidgetArea,
            default_size=220,
            shortcut="Ctrl+Alt+J",
        )
    )
    return registry
