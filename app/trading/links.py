"""Link groups: panels that show an instrument share a colour; picking a symbol in one changes the others."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from services.domain import InstrumentId

LINK_COLOURS: tuple[str, ...] = ("red", "green", "blue", "yellow")


class LinkHub(QObject):
    """The instrument of each link colour: the panel the user picked in publishes, the others listen."""

    instrumentChanged = Signal(str, object)  # colour, InstrumentId
    # colour, InstrumentId, Side | None, price Decimal | None: a click on a price (book, chart, tile) asks the
    # order tickets of that colour to take the instrument, side and price (the user still submits)
    prefillRequested = Signal(str, object, object, object)

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

    def prefill(self, colour: str | None, instrument: InstrumentId, side=None, price=None) -> None:
        if colour is None:
            return
        self.publish(colour, instrument)
        self.prefillRequested.emit(colour, instrument, side, price)

    def current(self, colour: str | None) -> InstrumentId | None:
        return None if colour is None else self._current.get(colour)
