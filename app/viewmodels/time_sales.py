"""The time-and-sales view-model: the prints of the linked instrument (CHP AddTick, the crypto feed's trades),
collected as they come and handed to the tape once per frame (about 30 Hz)."""

from __future__ import annotations

import asyncio

from app.market_data import follow_ticks, instrument_of, price_decimals
from app.trading.bridge import QtTrading
from app.trading.frames import FrameCoalescer
from app.viewmodels.base import LinkedSettings
from app.viewmodels.linked import LinkedViewModel
from app.workspace import PanelContext
from services.domain import Tick
from services.trading.links import LINK_COLOURS
from widgets.common.numbers import localized
from widgets.panels.time_sales import PrintRow, TimeSalesPanel


class TimeSalesViewModel(LinkedViewModel[LinkedSettings]):
    panel: TimeSalesPanel

    def __init__(
        self, context: PanelContext, panel: TimeSalesPanel, *, core: QtTrading | None = None
    ) -> None:
        super().__init__(context, panel, panel.bar, core=core)
        self._task: asyncio.Task[None] | None = None
        self._pending: list[Tick] = []
        self._decimals = 2
        self._size_decimals: int | None = None  # the instrument's quantity step: one precision for every size
        self._frames = FrameCoalescer(lambda _keys: self._flush(), self)
        self.core.loggedIn.connect(self._on_logged)  # only a login or logout starts the tape again
        self.core.loggedOut.connect(self._on_logged)
        self.restart()

    @property
    def following(self) -> bool:
        """Whether the prints are being polled (only while the panel is shown)."""
        return self._task is not None and not self._task.done()

    def on_shown_changed(self, shown: bool) -> None:
        """Hidden, the tape polls nothing; shown again, it starts over from the newest prints."""
        self.restart()

    def restart(self) -> None:
        """Clear the tape and follow the prints of the current instrument (while the panel is shown)."""
        self._stop()
        self._pending.clear()
        self.panel.model.clear()
        if not self.shown:
            return
        instrument = self.instrument
        if instrument is None:
            self.panel.show_message(self.tr("Pick a symbol"))
            return
        session = self.core.sessions.get(instrument.venue)
        if session is None or not session.connected:
            self.panel.show_message(
                self.tr("Not connected to {venue}").format(venue=instrument.venue), "warning"
            )
            return
        if not session.capabilities.ticks:
            self.panel.show_message(self.tr("{venue} publishes no prints").format(venue=instrument.venue))
            return
        self.panel.show_message("")
        self._decimals = price_decimals(self.core, instrument)
        known = instrument_of(self.core, instrument)
        self._size_decimals = None if known is None else known.qty_decimals
        self._task = self.spawn(follow_ticks(self.core, instrument, self._on_tick), "time and sales")

    def on_instrument_changed(self) -> None:
        self.restart()

    def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _on_logged(self, venue: str) -> None:
        if self.instrument is not None and self.instrument.venue == venue:
            self.restart()

    def _on_tick(self, tick: Tick) -> None:
        self._pending.append(tick)
        self._frames.mark(["tape"])

    def _flush(self) -> None:
        ticks, self._pending = self._pending, []
        self.panel.model.add([self._row(t) for t in ticks[-self.panel.model.capacity :]])

    def _row(self, tick: Tick) -> PrintRow:
        return PrintRow(
            time=tick.time.strftime("%H:%M:%S"),
            price=localized(f"{tick.price:,.{self._decimals}f}"),
            size=localized(self._size_text(tick)),
            side=tick.aggressor.value if tick.aggressor is not None else "",
        )


    def _size_text(self, tick: Tick) -> str:
        """Every size of the instrument with its quantity step's decimals (0.5 and 0.0125 as 0.5000 and
        0.0125), so the column lines up; a size finer than the step keeps its digits rather than lose them."""
        decimals = self._size_decimals
        if decimals is None:
            return f"{tick.size.normalize():,f}"
        exponent = tick.size.normalize().as_tuple().exponent
        finer = -exponent if isinstance(exponent, int) and -exponent > decimals else decimals
        return f"{tick.size:,.{finer}f}"


def create_time_sales_panel(context: PanelContext) -> TimeSalesPanel:
    panel = TimeSalesPanel(LINK_COLOURS)
    TimeSalesViewModel(context, panel)
    return panel
