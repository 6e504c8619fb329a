"""The panel registry: every panel of the terminal is one :class:`PanelSpec`, registered once.

A panel is added to Tessera by registering its spec (see ``app/panels.py``): the shell creates its widget
with ``factory(PanelContext)``, puts it in a dock named ``dock.<id>``, lists it in the View menu, and places
it by its default placement when the user resets the layout. The default layout is built in code from these
placements, never from a saved blob.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from widgets.main_window import DockPlacement

if TYPE_CHECKING:
    from app.context import AppContext

_PANEL_ID = re.compile(r"^[a-z][a-z0-9_]*$")
TITLE_CONTEXT = (
    "Panels"  # translation context of panel titles: mark them with QT_TRANSLATE_NOOP("Panels", ...)
)


@dataclass
class PanelContext:
    """What a panel factory gets: the app, and the panel's own settings in the profile.

    ``settings`` is the live dict stored in the profile under the panel id; change it, then call
    ``settings_changed()`` to have the profile saved (debounced).
    """

    app: AppContext
    panel_id: str
    settings: dict[str, Any]
    settings_changed: Callable[[], None]


PanelFactory = Callable[[PanelContext], QWidget]


def imported_when_built(module: str, factory: str, **options: Any) -> PanelFactory:
    """``module.factory`` (with ``options``), imported the first time the panel is built: the modules of
    panels hidden at start (or built after the first frame) are not imported before the window paints."""

    def create(context: PanelContext) -> QWidget:
        made: QWidget = getattr(importlib.import_module(module), factory)(context, **options)
        return made

    return create


@dataclass(frozen=True)
class PanelSpec:
    id: str  # stable ASCII ([a-z][a-z0-9_]*): the dock's objectName is "dock.<id>", profiles key on it
    title: str  # English source text, marked with QT_TRANSLATE_NOOP("Panels", ...)
    factory: PanelFactory
    default_area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea
    default_visible: bool = True
    tab_with: str | None = None  # id of an earlier panel to share a tab group with
    split_from: str | None = None  # id of an earlier panel whose space this one splits
    orientation: Qt.Orientation = Qt.Orientation.Vertical  # of the split
    default_size: int | None = None  # px: width in a side area / horizontal split, height otherwise
    fills_width: bool = False  # as wide as the window less the other panels' default widths
    shortcut: str | None = None  # shows/hides the panel (View menu)
    after_first_paint: bool = False  # heavy to build: shown at start, built once the window has painted

    def translated_title(self) -> str:
        return QCoreApplication.translate(TITLE_CONTEXT, self.title)

    def placement(self) -> DockPlacement:
        return DockPlacement(
            area=self.default_area,
            visible=self.default_visible,
            tab_with=self.tab_with,
            split_from=self.split_from,
            orientation=self.orientation,
            size=self.default_size,
            fills=self.fills_width,
        )


class WorkspaceRegistry:
    """Panel specs in registration order (the order of the View menu and of the default layout)."""

    def __init__(self) -> None:
        self._specs: dict[str, PanelSpec] = {}

    def register(self, spec: PanelSpec) -> PanelSpec:
        if not _PANEL_ID.match(spec.id):
            raise ValueError(f"panel id {spec.id!r} must match {_PANEL_ID.pattern}")
        if spec.id in self._specs:
            raise ValueError(f"panel {spec.id!r} is already registered")
        for anchor in (spec.tab_with, spec.split_from):
            if anchor is not None and anchor not in self._specs:
                raise ValueError(f"panel {spec.id!r} refers to {anchor!r}, which is not registered before it")
        self._specs[spec.id] = spec
        return spec

    def get(self, panel_id: str) -> PanelSpec:
        return self._specs[panel_id]

    def ids(self) -> list[str]:
        return list(self._specs)

    def __iter__(self) -> Iterator[PanelSpec]:
        return iter(list(self._specs.values()))

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, panel_id: object) -> bool:
        return panel_id in self._specs

    def subset(self, panel_ids: Iterable[str]) -> WorkspaceRegistry:
        """Only these panels, in registration order; one whose tab or split anchor is left out is placed
        on its own in the area its tab group would have taken (a split's own area: where it goes alone)."""
        wanted = set(panel_ids)
        subset = WorkspaceRegistry()
        for spec in self:
            if spec.id not in wanted:
                continue
            anchor = spec.tab_with or spec.split_from
            if anchor is not None and anchor not in subset:
                spec = replace(spec, tab_with=None, split_from=None, default_area=self._area_of(spec))
            subset.register(spec)
        return subset

    def _area_of(self, spec: PanelSpec) -> Qt.DockWidgetArea:
        while spec.tab_with:
            spec = self._specs[spec.tab_with]
        return spec.default_area
