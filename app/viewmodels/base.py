"""What every panel's view-model shares: the panel context, typed settings, the trading core, a linked
instrument, session hooks, and tasks that end with the panel.

A view-model is made as ``SomeViewModel(context, panel)``. Its settings are a pydantic model (``Settings``)
read from the profile's dict for the panel (a value that does not fit is dropped, with the default in its
place) and written back through :meth:`PanelViewModel.save_settings`, the one way they reach the profile.
Tasks started with :meth:`PanelViewModel.spawn` are cancelled when the panel is destroyed; Qt drops the
view-model's signal connections then too (it is a child of the panel).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.trading.bridge import QtTrading
from app.trading.install import trading
from app.workspace import PanelContext
from services.domain import InstrumentId
from services.tasks import spawn
from services.trading.links import LINK_COLOURS

log = logging.getLogger("tessera.panels")

DEFAULT_LINK = "red"


class PanelSettings(BaseModel):
    """Base of every panel's settings. Keys it does not know are kept (a newer version may have written
    them)."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)


class InstrumentRef(BaseModel):
    venue: str
    market: str
    symbol: str

    @classmethod
    def of(cls, instrument: InstrumentId) -> InstrumentRef:
        return cls(venue=instrument.venue, market=instrument.market, symbol=instrument.symbol)

    def id(self) -> InstrumentId:
        return InstrumentId(self.venue, self.market, self.symbol)


class LinkedSettings(PanelSettings):
    """Settings of a panel that shows one instrument and follows a link colour."""

    link: str | None = DEFAULT_LINK  # an explicit null: the user unlinked the panel
    instrument: InstrumentRef | None = None

    @field_validator("link", mode="before")
    @classmethod
    def _known_colour(cls, value: object) -> object:
        return value if value is None or value in LINK_COLOURS else DEFAULT_LINK


SettingsT = TypeVar("SettingsT", bound=PanelSettings)


def load_settings(model: type[SettingsT], saved: dict[str, Any]) -> SettingsT:
    """``saved`` as ``model``; each field that does not validate falls back to its default."""
    try:
        return model.model_validate(saved)
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        log.warning("panel settings: %s reset to defaults", ", ".join(sorted(bad)))
        return model.model_validate({k: v for k, v in saved.items() if k not in bad})


class PanelViewModel(QObject, Generic[SettingsT]):
    """Base of every panel's view-model (see the module docstring)."""

    Settings: ClassVar[type[PanelSettings]] = PanelSettings

    def __init__(self, context: PanelContext, panel: QWidget, *, core: QtTrading | None = None) -> None:
        """``core`` is the app's trading core unless given (a test's own)."""
        super().__init__(panel)
        self.context = context
        self.panel = panel
        self.core: QtTrading = core if core is not None else trading(context.app)
        self.settings = cast(SettingsT, load_settings(self.Settings, context.settings))
        self._tasks: set[asyncio.Task[Any]] = set()
        tasks = self._tasks  # not self: the slot must not keep the view-model alive
        panel.destroyed.connect(lambda *_: _cancel(tasks))
        self.core.sessionChanged.connect(self.on_session_changed)
        self.core.instrumentLinked.connect(self._on_instrument_linked)
        self.shown = panel.isVisible()
        panel.installEventFilter(self)  # Show / Hide: on_shown_changed

    # --- settings
    def save_settings(self) -> None:
        """Write the settings into the profile's dict for the panel and have the profile saved."""
        self.context.settings.clear()
        self.context.settings.update(self.settings.model_dump(mode="json"))
        self.context.settings_changed()

    # --- tasks
    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Run ``coro`` as long as the panel lives."""
        task = spawn(coro, name=f"{self.context.panel_id}: {name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # --- hooks
    def on_shown_changed(self, shown: bool) -> None:
        """The panel was shown or hidden (its dock opened or closed, its tab picked or left, the window
        minimised or restored): a panel runs no timer and polls nothing while hidden."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.panel and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            shown = kind == QEvent.Type.Show
            if shown != self.shown:
                self.shown = shown
                self.on_shown_changed(shown)
        return False

    def on_session_changed(self, venue: str) -> None:
        """A venue logged in or out, or loaded its instruments or accounts."""

    def on_linked_instrument(self, instrument: InstrumentId) -> None:
        """The panels of this one's link colour moved to ``instrument`` (linked panels only)."""

    # --- the linked instrument (for LinkedSettings)
    @property
    def link_colour(self) -> str | None:
        """The panel's link colour (None: unlinked, or a panel that shows no instrument)."""
        return self.settings.link if isinstance(self.settings, LinkedSettings) else None

    def _on_instrument_linked(self, colour: str, instrument: InstrumentId) -> None:
        if colour is not None and colour == self.link_colour:
            self.on_linked_instrument(instrument)


def _cancel(tasks: set[asyncio.Task[Any]]) -> None:
    for task in list(tasks):
        task.cancel()
