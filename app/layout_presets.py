"""The two trading layouts as named layouts of the shell: "professional" and "simple".

Each is a named layout (saved per profile like any other) whose first arrangement is built in code from the
placements below; the user switches between them with one action (the Layouts toolbar, the Window menu,
Ctrl+1 / Ctrl+2). Panels a preset does not name are hidden in it; a named panel that is not registered is
skipped, so a preset never fails on a missing panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from app.workspace import WorkspaceRegistry
from widgets.main_window import DockPlacement

Area = Qt.DockWidgetArea
Horizontal, Vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical

PROFESSIONAL = "professional"
SIMPLE = "simple"
TITLE_CONTEXT = "LayoutPresets"


@dataclass(frozen=True)
class LayoutPreset:
    name: str  # the named layout it is (a profile key: never translated)
    title: str  # marked with QT_TRANSLATE_NOOP("LayoutPresets", ...): lupdate needs the literal
    shortcut: str
    placements: tuple[tuple[str, DockPlacement], ...]  # in placing order: anchors before their followers
    requires: str  # the panel without which the preset makes no sense

    def translated_title(self) -> str:
        return QCoreApplication.translate(TITLE_CONTEXT, self.title)

    def placements_in(self, registry: WorkspaceRegistry) -> dict[str, DockPlacement]:
        return {panel_id: placement for panel_id, placement in self.placements if panel_id in registry}


PRESETS: tuple[LayoutPreset, ...] = (
    LayoutPreset(
        PROFESSIONAL,
        str(QT_TRANSLATE_NOOP("LayoutPresets", "Professional")),
        "Ctrl+1",
        (
            ("market_watch", DockPlacement(Area.LeftDockWidgetArea, size=330)),
            ("slot_1", DockPlacement(Area.RightDockWidgetArea, size=360)),
            ("orders", DockPlacement(split_from="slot_1", orientation=Vertical, size=170)),  # under all 3
            ("slot_2", DockPlacement(split_from="slot_1", orientation=Horizontal, size=360)),
            ("slot_3", DockPlacement(split_from="slot_2", orientation=Horizontal, size=360)),
        ),
        requires="slot_1",
    ),
    LayoutPreset(
        SIMPLE,
        str(QT_TRANSLATE_NOOP("LayoutPresets", "Simple")),
        "Ctrl+2",
        (  # the tiles beside an order book (twelve tiles alone leave half the window empty), the orders under
            # both (a chart there left the arrangement settling after a switch: the first undo did nothing)
            ("quotes", DockPlacement(Area.RightDockWidgetArea, size=720)),
            ("orders", DockPlacement(split_from="quotes", orientation=Vertical, size=200)),
            ("order_book", DockPlacement(split_from="quotes", orientation=Horizontal, size=720)),
        ),
        requires="quotes",
    ),
)


def layout_presets(registry: WorkspaceRegistry) -> list[LayoutPreset]:
    """The presets whose panels are registered (none with a registry without the slot and quote panels)."""
    return [preset for preset in PRESETS if preset.requires in registry]
