"""Base of the view-models of a panel with an instrument strip (chart, time and sales): the instrument it
shows is picked in its own picker or followed through its link colour, both kept in its settings.

A new panel takes the instrument its colour shows, else the one it was saved with. Picking one publishes it
to the colour; choosing another colour takes that colour's instrument, or gives it this panel's.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

from app.linked_instrument import show_choices, show_current
from app.trading.bridge import QtTrading
from app.viewmodels.base import InstrumentRef, LinkedSettings, PanelViewModel
from app.workspace import PanelContext
from services.domain import InstrumentId
from services.trading.links import instrument_from_key
from widgets.panels.chart_panel_toolbar import InstrumentBar

LinkedT = TypeVar("LinkedT", bound=LinkedSettings)


class LinkedViewModel(PanelViewModel[LinkedT]):
    """Binds the panel's :class:`InstrumentBar`; a subclass shows :attr:`instrument` in
    :meth:`on_instrument_changed`."""

    Settings = LinkedSettings

    def __init__(
        self, context: PanelContext, panel: QWidget, bar: InstrumentBar, *, core: QtTrading | None = None
    ) -> None:
        super().__init__(context, panel, core=core)
        self.bar = bar
        linked, saved = self.core.links.current(self.link_colour), self.settings.instrument
        self.instrument: InstrumentId | None = (
            linked if linked is not None else None if saved is None else saved.id()
        )
        bar.link.setColour(self.link_colour)
        show_choices(bar, self.core, self.instrument)
        bar.picker.instrumentChosen.connect(self._on_picked)
        bar.link.colourChanged.connect(self._on_colour)

    def on_instrument_changed(self) -> None:
        """The panel must show another instrument (:attr:`instrument`)."""

    def set_instrument(self, instrument: InstrumentId, *, publish: bool = True) -> None:
        """Show ``instrument``; with ``publish`` the panels of the same colour follow."""
        if publish:
            self.core.links.publish(self.link_colour, instrument)
        if instrument == self.instrument:
            return
        self.instrument = instrument
        show_current(self.bar, instrument)
        self.settings.instrument = InstrumentRef.of(instrument)
        self.save_settings()
        self.on_instrument_changed()

    def on_linked_instrument(self, instrument: InstrumentId) -> None:
        self.set_instrument(instrument, publish=False)

    def on_session_changed(self, venue: str) -> None:
        show_choices(self.bar, self.core, self.instrument)

    def _on_picked(self, key: str) -> None:
        instrument = instrument_from_key(key)
        if instrument is not None:
            self.set_instrument(instrument)

    def _on_colour(self, colour: str | None) -> None:
        self.settings.link = colour
        self.save_settings()
        linked = self.core.links.current(colour)
        if linked is not None:
            self.set_instrument(linked, publish=False)
        elif self.instrument is not None:
            self.core.links.publish(colour, self.instrument)
