"""The symbol picker of a linked panel (chart, time and sales): the instruments of the logged-in sessions are
its choices, the instrument the panel shows is its current one.

Which instrument that is, and the link colour, are the view-model's (``app.viewmodels.linked``).
"""

from __future__ import annotations

from app.market_data import catalogue
from app.trading.bridge import QtTrading
from app.venues import VENUE_NAMES
from services.domain import InstrumentId
from services.trading.links import instrument_key
from widgets.panels.chart_panel_toolbar import InstrumentBar


def show_choices(bar: InstrumentBar, core: QtTrading, current: InstrumentId | None) -> None:
    """Offer every instrument of the logged-in sessions, ``current`` shown as chosen."""
    bar.picker.set_choices(
        [
            (
                instrument_key(i.id),
                f"{i.id.symbol}  {i.id.market}",
                f"{i.description or i.id.symbol} \u2014 {VENUE_NAMES.get(i.id.venue, i.id.venue)}",
            )
            for i in catalogue(core)
        ]
    )
    show_current(bar, current)


def show_current(bar: InstrumentBar, instrument: InstrumentId | None) -> None:
    """Show ``instrument`` as the picker's choice (its id when it is not among the choices)."""
    bar.picker.set_current(
        None if instrument is None else instrument_key(instrument),
        "" if instrument is None else str(instrument),
    )
