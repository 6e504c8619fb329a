"""The panels of the exchange's layouts (registered by ``app/panels.py``): Slot 1-3 and Quotes.

They are hidden in the registry's default arrangement; the "professional" and "simple" layout presets
(``app/viewmodels/layouts_presets.py``) show them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.viewmodels.layouts_slots import slot_panel_id
from app.workspace import PanelSpec, imported_when_built

Area = Qt.DockWidgetArea
SLOTS = "app.viewmodels.layouts_slots"  # imported when a slot is first shown

_SLOT_TITLES = (
    str(QT_TRANSLATE_NOOP("Panels", "Slot 1")),
    str(QT_TRANSLATE_NOOP("Panels", "Slot 2")),
    str(QT_TRANSLATE_NOOP("Panels", "Slot 3")),
)


def layout_panel_specs() -> list[PanelSpec]:
    slots = [
        PanelSpec(
            id=slot_panel_id(position),
            title=title,
            factory=imported_when_built(SLOTS, "create_slot_panel", position=position),
            default_area=Area.RightDockWidgetArea,
            default_visible=False,
        )
        for position, title in enumerate(_SLOT_TITLES, start=1)
    ]
    quotes = PanelSpec(
        id="quotes",
        title=str(QT_TRANSLATE_NOOP("Panels", "Quotes")),
        factory=imported_when_built("app.viewmodels.layouts_quotes", "create_quotes_panel"),
        default_area=Area.RightDockWidgetArea,
        default_visible=False,
    )
    return [*slots, quotes]
