"""Link groups: panels that show an instrument share a colour; picking a symbol in one changes the others."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from services.domain import InstrumentId

LINK_COLOURS: tuple[str, ...] = ("red", "green", "blue", "yellow")


class LinkHub(QObject):
    """The instrument of each link colour: the panel the user picked in publishes, the others listen."""

    instrumentChanged = Signal(str, object)  # colour, InstrumentId

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: dict[str, InstrumentId] = {}

    def publish(self, colour: str | None, instrument: InstrumentId) -> None:
        if colour is None:  # an unlinked panel changes only itself
            return
        if colour not in LINK_COLOURS:
            raise ValueError(f"unknown link colour {colour!r}")
        if self._current.get(colour) == instrument:
            return
        self._current[colour] = instrument
        self.instrumentChanged.emit(colour, instrument)

    def current(self, colour: str | None) -> InstrumentId | None:
        return None if colour is None else self._current.get(colour)
