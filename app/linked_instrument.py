"""The instrument a linked panel shows (chart, time and sales): picked in its own picker, or followed through
its link colour (LinkHub); both kept in the panel's settings.

Settings: ``instrument`` = {venue, market, symbol} and ``link`` = a colour of LINK_COLOURS or None (a new
panel is linked red, like the other instrument panels).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.market_data import catalogue
from app.trading.bridge import QtTrading
from app.venues import VENUE_NAMES
from services.domain import InstrumentId
from services.trading.links import LINK_COLOURS, instrument_from_key, instrument_key
from widgets.panels.chart_panel_toolbar import InstrumentBar

DEFAULT_LINK = "red"


class LinkedInstrument(QObject):
    """Binds an :class:`InstrumentBar` to the link hub; ``changed(InstrumentId | None)`` when the panel must
    show another instrument."""

    changed = Signal(object)

    def __init__(
        self,
        core: QtTrading,
        bar: InstrumentBar,
        settings: dict[str, Any],
        settings_changed: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.core = core
        self.bar = bar
        self._settings = settings
        self._settings_changed = settings_changed
        self.instrument = _saved_instrument(settings.get("instrument"))
        colour = settings.get("link", DEFAULT_LINK)  # an explicit null (unlinked by the user) stays
        self.colour: str | None = colour if colour in LINK_COLOURS else None
        if (linked := core.links.current(self.colour)) is not None:
            self.instrument = linked
        bar.link.setColour(self.colour)
        self._update_choices()
        bar.picker.instrumentChosen.connect(self._on_picked)
        bar.link.colourChanged.connect(self._on_colour)
        core.instrumentLinked.connect(self._on_linked)
        core.sessionChanged.connect(self._update_choices)

    def set_instrument(self, instrument: InstrumentId | None, *, publish: bool = True) -> None:
        """Show ``instrument``; with ``publish`` the panels of the same colour follow."""
        if publish and instrument is not None:
            self.core.links.publish(self.colour, instrument)
        if instrument == self.instrument:
            return
        self.instrument = instrument
        self.bar.picker.set_current(
            None if instrument is None else instrument_key(instrument),
            "" if instrument is None else str(instrument),
        )
        self._settings["instrument"] = (
            None
            if instrument is None
            else {"venue": instrument.venue, "market": instrument.market, "symbol": instrument.symbol}
        )
        self._settings_changed()
        self.changed.emit(instrument)

    def _update_choices(self) -> None:
        choices = [
            (
                instrument_key(i.id),
                f"{i.id.symbol}  {i.id.market}",
                f"{i.description or i.id.symbol} \u2014 {VENUE_NAMES.get(i.id.venue, i.id.venue)}",
            )
            for i in catalogue(self.core)
        ]
        self.bar.picker.set_choices(choices)
        current = self.instrument
        self.bar.picker.set_current(
            None if current is None else instrument_key(current), "" if current is None else str(current)
        )

    def _on_picked(self, key: str) -> None:
        instrument = instrument_from_key(key)
        if instrument is not None:
            self.set_instrument(instrument)

    def _on_colour(self, colour: str | None) -> None:
        self.colour = colour
        self._settings["link"] = colour
        self._settings_changed()
        linked = self.core.links.current(colour)
        if linked is not None:
            self.set_instrument(linked, publish=False)
        elif self.instrument is not None:
            self.core.links.publish(colour, self.instrument)

    def _on_linked(self, colour: str, instrument: InstrumentId) -> None:
        if colour == self.colour and colour is not None:
            self.set_instrument(instrument, publish=False)


def _saved_instrument(saved: object) -> InstrumentId | None:
    if isinstance(saved, dict) and all(
        isinstance(saved.get(k), str) and saved[k] for k in ("venue", "market", "symbol")
    ):
        return InstrumentId(saved["venue"], saved["market"], saved["symbol"])
    return None
