"""The time-and-sales view-model: the prints of the linked instrument (CHP AddTick, the crypto feed's trades),
collected as they come and handed to the tape once per frame (about 30 Hz)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from app.linked_instrument import LinkedInstrument
from app.market_data import follow_ticks, price_decimals
from app.trading.bridge import QtTrading
from app.trading.frames import FrameCoalescer
from app.trading.install import trading
from app.workspace import PanelContext
from services.domain import InstrumentId, Tick
from services.tasks import spawn
from services.trading.links import LINK_COLOURS
from widgets.panels.time_sales import PrintRow, TimeSalesPanel


class TimeSalesViewModel(QObject):
    def __init__(
        self,
        core: QtTrading,
        panel: TimeSalesPanel,
        settings: dict[str, Any],
        settings_changed: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.core = core
        self.panel = panel
        self.link = LinkedInstrument(core, panel.bar, settings, settings_changed, self)
        self._task: asyncio.Task[None] | None = None
        self._pending: list[Tick] = []
        self._decimals = 2
        self._frames = FrameCoalescer(lambda _keys: self._flush(), self)
        self.link.changed.connect(self._on_instrument_changed)
        core.loggedIn.connect(self._on_session_changed)  # bound methods: Qt disconnects them when this goes
        core.loggedOut.connect(self._on_session_changed)
        panel.destroyed.connect(lambda *_, stop=self._stop: stop())
        self.restart()

    @property
    def instrument(self) -> InstrumentId | None:
        return self.link.instrument

    def restart(self) -> None:
        """Clear the tape and follow the prints of the current instrument."""
        self._stop()
        self._pending.clear()
        self.panel.model.clear()
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
        self._task = spawn(follow_ticks(self.core, instrument, self._on_tick), name="time and sales")

    def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _on_instrument_changed(self, _instrument: InstrumentId | None) -> None:
        self.restart()

    def _on_session_changed(self, venue: str) -> None:
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
            price=f"{tick.price:,.{self._decimals}f}",
            size=f"{tick.size.normalize():,f}",
            side=tick.aggressor.value if tick.aggressor is not None else "",
        )


def create_time_sales_panel(context: PanelContext) -> TimeSalesPanel:
    panel = TimeSalesPanel(LINK_COLOURS)
    panel.view_model = TimeSalesViewModel(  # type: ignore[attr-defined]
        trading(context.app), panel, context.settings, context.settings_changed, parent=panel
    )
    return panel
