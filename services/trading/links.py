"""Link groups: panels that show an instrument share a colour; picking a symbol in one changes the others."""

from __future__ import annotations

from decimal import Decimal

from psygnal import Signal

from services.domain import InstrumentId, Side

LINK_COLOURS: tuple[str, ...] = ("red", "green", "blue", "yellow")


class LinkHub:
    """The instrument of each link colour: the panel the user picked in publishes, the others listen."""

    instrument_changed = Signal(str, object)  # colour, InstrumentId
    # colour, InstrumentId, Side | None, price Decimal | None: a click on a price (book, chart, tile) asks the
    # order tickets of that colour to take the instrument, side and price (the user still submits)
    prefill_requested = Signal(str, object, object, object)

    def __init__(self) -> None:
        self._current: dict[str, InstrumentId] = {}

    def publish(self, colour: str | None, instrument: InstrumentId) -> None:
        if colour is None:  # an unlinked panel changes only itself
            return
        if colour not in LINK_COLOURS:
            raise ValueError(f"unknown link colour {colour!r}")
        if self._current.get(colour) == instrument:
            return
        self._current[colour] = instrument
        self.instrument_changed.emit(colour, instrument)

    def prefill(
        self,
        colour: str | None,
        instrument: InstrumentId,
        side: Side | None = None,
        price: Decimal | None = None,
    ) -> None:
        if colour is None:
            return
        self.publish(colour, instrument)
        self.prefill_requested.emit(colour, instrument, side, price)

    def current(self, colour: str | None) -> InstrumentId | None:
        return None if colour is None else self._current.get(colour)


def instrument_key(instrument: InstrumentId) -> str:
    """The one text form of an instrument id in settings and item models: ``venue:market:symbol``."""
    return f"{instrument.venue}:{instrument.market}:{instrument.symbol}"


def instrument_from_key(key: str) -> InstrumentId | None:
    venue, sep, rest = key.partition(":")
    market, sep2, symbol = rest.partition(":")
    return InstrumentId(venue, market, symbol) if sep and sep2 and venue and symbol else None
