"""The chart panel's view-model: bars of the linked instrument, paged back as the user scrolls, kept live from
its prints; the user's fills, working orders (draggable: a confirmed drag moves the order) and position.

Everything that waits on a venue runs as a task of the current *generation* (instrument + interval): a
new instrument or interval cancels the old tasks and ignores their late answers. Live prints are folded by
:class:`~app.live_bars.LiveBars` and applied to the chart once per frame (about 30 Hz); every
``TAIL_REFRESH_S`` seconds, and when a print opens a new bar, the venue's last bars are read again (they
hold what prints cannot tell: exact volume, prints missed between polls).

When the venue logs out the bars stay, greyed under the panel's "Not live" banner, until it logs in again
(then they load afresh). "Order moved to ..." stays only while that order works.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import field_validator
from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.live_bars import LiveBars, last_bars
from app.market_data import bar_arrays, follow_ticks, instrument_of, price_decimals
from app.service_texts import error_text, rejected_text
from app.trading.bridge import QtTrading
from app.trading.frames import FrameCoalescer
from app.viewmodels.base import LinkedSettings
from app.viewmodels.linked import LinkedViewModel
from app.viewmodels.liveness import not_live_reason
from app.workspace import PanelContext
from services.domain import BarArrays, BarInterval, InstrumentId, Order, OrderType, Side, Tick
from services.errors import RejectedInput, TesseraError
from services.trading.links import LINK_COLOURS
from widgets.common.numbers import localized
from widgets.panels.chart_panel import ChartPanel

log = logging.getLogger("tessera.chart")

INITIAL_BARS = 500
PAGE_BARS = 500
TAIL_BARS = 2
TAIL_REFRESH_S = 5.0
INTERVALS = {interval.label: interval for interval in BarInterval}
DEFAULT_INTERVAL = BarInterval.H1
_TYPE_TAGS = {  # how a line names its order's type (a limit order needs no tag)
    OrderType.STOP: QT_TRANSLATE_NOOP("ChartViewModel", "STP"),
    OrderType.STOP_LIMIT: QT_TRANSLATE_NOOP("ChartViewModel", "STP LMT"),
}


def line_price(order: Order) -> Decimal | None:
    """Where a working order's line is drawn: its limit price, or the stop of a stop order (what Order/Move
    and /order/update change)."""
    return order.price if order.type.has_price else order.stop_price


class ChartSettings(LinkedSettings):
    interval: str = DEFAULT_INTERVAL.label  # a label of BarInterval

    @field_validator("interval", mode="before")
    @classmethod
    def _known_interval(cls, value: object) -> object:
        return value if value in INTERVALS else DEFAULT_INTERVAL.label


class ChartViewModel(LinkedViewModel[ChartSettings]):
    Settings = ChartSettings
    panel: ChartPanel

    def __init__(self, context: PanelContext, panel: ChartPanel, *, core: QtTrading | None = None) -> None:
        super().__init__(context, panel, panel.bar, core=core)
        self.chart = panel.chart
        self._generation = 0
        self._generation_tasks: list[asyncio.Task[Any]] = []
        self._live: LiveBars | None = None
        self._frames = FrameCoalescer(lambda _keys: self._flush_live(), self)
        self._orders_shown: list[tuple[str, float, str, str]] = []
        self._fills_shown: list[tuple[int, float, str]] = []
        self._position_shown: tuple[float | None, str] = (None, "")
        self._moved: Order | None = None  # the order "Order moved to ..." is about, while it is shown

        self.chart.set_interval(self.interval.label)
        self.chart.intervalChanged.connect(self.set_interval)
        self.chart.historyRequested.connect(self._on_history_requested)
        self.chart.orderMoveRequested.connect(self._on_move_requested)
        panel.moveConfirmed.connect(self._on_move_confirmed)
        panel.moveDeclined.connect(self._on_move_declined)
        self.core.ordersChanged.connect(self._on_orders_changed)
        self.core.loggedIn.connect(self._on_logged)  # only a login or logout loads the chart again
        self.core.loggedOut.connect(self._on_logged)
        self.core.fillsChanged.connect(self._on_fills_changed)
        self.core.positionsChanged.connect(self._update_overlays)
        self.core.sessionStateChanged.connect(lambda _venue, _state, _detail: self._show_liveness())
        self.reload()

    @property
    def interval(self) -> BarInterval:
        return INTERVALS[self.settings.interval]

    # --- what the chart shows -------------------------------------------------------------------------------

    def set_interval(self, code: str) -> None:
        if INTERVALS[code] is self.interval:
            return
        self.settings.interval = code
        self.save_settings()
        self.chart.set_interval(code)
        self.reload()

    def reload(self) -> None:
        """Drop what is shown and load the instrument's last bars (then follow it live)."""
        self._stop()
        self._orders_shown, self._fills_shown, self._position_shown = [], [], (None, "")
        self.chart.clear()
        self._show_liveness()
        instrument = self.instrument
        if instrument is None:
            self.chart.set_title("")
            self.panel.show_message(self.tr("Pick a symbol to chart"))
            return
        known = instrument_of(self.core, instrument)
        self.chart.set_title(known.description if known is not None and known.description else "")
        session = self.core.sessions.get(instrument.venue)
        if session is None or not session.connected:
            self.panel.show_message(
                self.tr("Not connected to {venue}: log in to see the chart").format(venue=instrument.venue),
                "warning",
            )
            return
        self.chart.set_loading(True)
        self.panel.show_message(self.tr("Loading {symbol}\u2026").format(symbol=instrument.symbol))
        self._start(self._load(self._generation, instrument, self.interval))

    def _stop(self) -> None:
        """End this generation's tasks (loads, prints, refreshes): nothing changes the bars any more."""
        self._generation += 1
        for task in self._generation_tasks:
            task.cancel()
        self._generation_tasks.clear()
        self._live = None
        self._moved = None
        self.chart.set_loading(False)

    def _show_liveness(self) -> None:
        instrument = self.instrument
        self.panel.set_not_live("" if instrument is None else not_live_reason(self.core, instrument.venue))

    def _start(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` while the panel shows this generation."""
        task = self.spawn(coro, "chart")
        tasks = self._generation_tasks
        tasks.append(task)
        task.add_done_callback(lambda t: tasks.remove(t) if t in tasks else None)

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    async def _load(self, generation: int, instrument: InstrumentId, interval: BarInterval) -> None:
        try:
            arrays = await bar_arrays(self.core, instrument, interval, None, INITIAL_BARS)
        except TesseraError as exc:
            if self._current(generation):
                self.chart.set_loading(False)
                message = self.tr("Bars not loaded: {error}").format(error=error_text(exc))
                self.panel.show_message(message, "error")
            return
        if not self._current(generation):
            return
        self.chart.set_bars(
            arrays.time,
            arrays.open,
            arrays.high,
            arrays.low,
            arrays.close,
            arrays.volume,
            price_decimals(self.core, instrument),
        )
        self.chart.set_loading(False)
        self.panel.show_message("")
        if len(arrays) < INITIAL_BARS:  # the venue has no more
            self.chart.set_history_exhausted()
        newest = last_bars(arrays, 1)
        self._live = LiveBars(interval, newest[0] if newest else None)
        self._update_overlays()
        wake = asyncio.Event()
        self._start(follow_ticks(self.core, instrument, lambda tick: self._on_print(generation, tick, wake)))
        self._start(self._refresh_tail(generation, instrument, interval, wake))

    # --- history paging -------------------------------------------------------------------------------------

    def _on_history_requested(self, oldest: int) -> None:
        instrument = self.instrument
        if instrument is None:
            self.chart.history_request_failed()
            return
        self._start(self._load_older(self._generation, instrument, self.interval, oldest))

    async def _load_older(
        self, generation: int, instrument: InstrumentId, interval: BarInterval, oldest: int
    ) -> None:
        try:
            arrays = await bar_arrays(
                self.core, instrument, interval, datetime.fromtimestamp(oldest, UTC), PAGE_BARS
            )
        except TesseraError as exc:
            if self._current(generation):
                self.chart.history_request_failed()
                message = self.tr("Older bars not loaded: {error}").format(error=error_text(exc))
                self.panel.show_message(message, "error")
            return
        if not self._current(generation):
            return
        self.panel.show_message("")  # an earlier failure is over
        arrays = _before(arrays, oldest)
        if len(arrays):
            self.chart.prepend_bars(
                arrays.time, arrays.open, arrays.high, arrays.low, arrays.close, arrays.volume
            )
        if len(arrays) < PAGE_BARS:
            self.chart.set_history_exhausted()

    # --- live -----------------------------------------------------------------------------------------------

    def _on_print(self, generation: int, tick: Tick, wake: asyncio.Event) -> None:
        if self._live is None or not self._current(generation):
            return
        if self._live.add_print(tick.time.timestamp(), float(tick.price), float(tick.size)):
            wake.set()
        self._frames.mark(["live"])

    async def _refresh_tail(
        self, generation: int, instrument: InstrumentId, interval: BarInterval, wake: asyncio.Event
    ) -> None:
        while self._current(generation):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), TAIL_REFRESH_S)
            wake.clear()
            try:
                arrays = await bar_arrays(self.core, instrument, interval, None, TAIL_BARS)
            except RejectedInput:
                return
            except TesseraError as exc:
                log.info("chart: last bars of %s not refreshed: %s", instrument, exc)
                continue
            if self._live is None or not self._current(generation):
                return
            self._live.refreshed(last_bars(arrays, TAIL_BARS))
            self._frames.mark(["live"])

    def _flush_live(self) -> None:
        if self._live is None:
            return
        for change, bar in self._live.take():
            if change == "append":
                self.chart.append_bar(bar.time, *bar.values())
            else:
                self.chart.update_last_bar(*bar.values())

    # --- fills, orders, position ----------------------------------------------------------------------------

    def on_instrument_changed(self) -> None:
        self.reload()

    def _on_logged(self, venue: str) -> None:
        """A venue logged in: the chart of one of its instruments starts again; logged out: its bars stay,
        frozen and greyed, until it logs in again."""
        instrument = self.instrument
        if instrument is None or instrument.venue != venue:
            return
        session = self.core.sessions.get(venue)
        if (session is not None and session.connected) or not self.chart.bar_count():
            self.reload()
            return
        self._stop()
        self._show_liveness()
        self.panel.show_message(
            self.tr("Not connected to {venue}: these bars are not live").format(venue=instrument.venue),
            "warning",
        )

    def _on_orders_changed(self, _keys: list[str]) -> None:
        moved = self._moved
        if moved is not None and self._order(moved.order_id) is None:
            self._moved = None  # "Order moved to ..." would speak of an order that is gone
            self.panel.show_message("")
        self._update_overlays()

    def _on_fills_changed(self, instruments: list[InstrumentId]) -> None:
        if self.instrument in instruments:
            self._update_overlays()

    def _update_overlays(self) -> None:
        """Fills, order lines and the position line, each set on the chart only when it changed (setting the
        orders ends a drag in progress)."""
        instrument = self.instrument
        if self._live is None or instrument is None:
            return
        orders = self._order_lines(instrument)
        if orders != self._orders_shown:
            self._orders_shown = orders
            self.chart.set_orders(orders)
        fills = self._fills(instrument)
        if fills != self._fills_shown:
            self._fills_shown = fills
            self.chart.set_fills(fills)
        position = self._position(instrument)
        if position != self._position_shown:
            self._position_shown = position
            self.chart.set_position_line(*position)

    def _order_lines(self, instrument: InstrumentId) -> list[tuple[str, float, str, str]]:
        """(order id, price, side, label) of each working order of ``instrument`` that has a line."""
        lines = []
        for _key, order in self.core.orders.orders(active=True, venue=instrument.venue):
            price = line_price(order)
            if order.instrument == instrument and order.order_id and price is not None:
                lines.append((order.order_id, float(price), order.side.value, self._order_label(order)))
        return lines

    def _order_label(self, order: Order) -> str:
        side = self.tr("BUY") if order.side is Side.BUY else self.tr("SELL")
        tag = self.tr(str(_TYPE_TAGS[order.type])) if order.type in _TYPE_TAGS else ""
        return localized(f"{side} {order.remaining.normalize():f} {tag}").rstrip()

    def _fills(self, instrument: InstrumentId) -> list[tuple[int, float, str]]:
        session = self.core.sessions.get(instrument.venue)
        if session is not None and session.capabilities.fills:
            return [
                (int(f.time.timestamp()), float(f.price), f.side.value)
                for f in self.core.fills.fills_of(instrument)
            ]
        # a venue that reports no fills: each (partly) filled order at its average price
        return [
            (int(when.timestamp()), float(o.average_fill_price), o.side.value)
            for _key, o in self.core.orders.orders(venue=instrument.venue)
            if o.instrument == instrument
            and o.filled_quantity > 0
            and o.average_fill_price is not None
            and (when := o.updated or o.created) is not None
        ]

    def _position(self, instrument: InstrumentId) -> tuple[float | None, str]:
        positions = self.core.positions.positions(instrument.venue)
        held = [p for p in positions if p.instrument == instrument]
        quantity = sum((p.quantity for p in held), Decimal(0))
        if quantity == 0:
            return None, ""
        average = sum((p.quantity * p.average_price for p in held), Decimal(0)) / quantity
        return float(average), self.tr("POS {quantity}").format(quantity=f"{quantity.normalize():f}")

    # --- moving an order by its line ------------------------------------------------------------------------

    def _on_move_requested(self, order_id: str, price: float) -> None:
        order = self._order(order_id)
        if order is None:
            self._restore_lines()
            return
        target = self._snap(price, order.instrument)
        question = self.tr("Move the {side} order for {quantity} {symbol} from {old} to {new}?").format(
            side=self.tr("buy") if order.side is Side.BUY else self.tr("sell"),
            quantity=localized(f"{order.remaining.normalize():f}"),
            symbol=order.instrument.symbol,
            old=self._price_text(line_price(order), order.instrument),
            new=self._price_text(target, order.instrument),
        )
        self.panel.confirm_move(order_id, float(target), question)

    def _on_move_confirmed(self, order_id: str, price: float) -> None:
        order = self._order(order_id)
        if order is None:
            self._restore_lines()
            self.panel.show_message(self.tr("The order is no longer working"), "warning")
            return
        self.spawn(self._move(order, self._snap(price, order.instrument)), "move order")

    async def _move(self, order: Order, price: Decimal) -> None:
        reasons: list[str] = []

        def heard(client_id: str, level: str, message: str) -> None:
            if client_id == order.client_id and level == "error":
                reasons.append(message)

        self.panel.show_message(
            self.tr("Moving the order to {price}\u2026").format(
                price=self._price_text(price, order.instrument)
            )
        )
        self.core.orderOutcome.connect(heard)
        try:  # a panel closed meanwhile stops waiting; the move itself goes on (shielded)
            moved = await asyncio.shield(self.core.order_entry.modify(order, price=price))
        except RejectedInput as exc:
            moved, reasons = None, [rejected_text(exc)]
        finally:
            self.core.orderOutcome.disconnect(heard)
        if moved is None:
            self._restore_lines()
            reason = reasons[0] if reasons else self.tr("refused")
            self.panel.show_message(self.tr("Order not moved: {reason}").format(reason=reason), "error")
        else:
            self.panel.show_message(
                self.tr("Order moved to {price}").format(price=self._price_text(price, order.instrument))
            )
            self._moved = moved

    def _on_move_declined(self, _order_id: str) -> None:
        self._restore_lines()

    def _order(self, order_id: str) -> Order | None:
        if self.instrument is None:
            return None
        order = self.core.orders.find(self.instrument.venue, order_id)
        return order if order is not None and order.status.is_active else None

    def _snap(self, price: float, instrument: InstrumentId) -> Decimal:
        """``price`` on ``instrument``'s price grid."""
        known = instrument_of(self.core, instrument)
        step = (
            known.price_step
            if known is not None
            else Decimal(1).scaleb(-price_decimals(self.core, instrument))
        )
        return (Decimal(repr(price)) / step).quantize(Decimal(1), ROUND_HALF_UP) * step

    def _price_text(self, price: Decimal | None, instrument: InstrumentId) -> str:
        return "" if price is None else f"{price:.{price_decimals(self.core, instrument)}f}"

    def _restore_lines(self) -> None:
        """Every line back where its order is (after a refused or declined move)."""
        self.chart.set_orders(self._orders_shown)


def _before(arrays: BarArrays, oldest: int) -> BarArrays:
    """The bars that open before ``oldest`` (a page must not overlap what is loaded)."""
    keep = arrays.time < oldest
    if keep.all():
        return arrays
    return BarArrays(
        arrays.time[keep],
        arrays.open[keep],
        arrays.high[keep],
        arrays.low[keep],
        arrays.close[keep],
        arrays.volume[keep],
    )


def create_chart_panel(context: PanelContext) -> ChartPanel:
    panel = ChartPanel(LINK_COLOURS)
    ChartViewModel(context, panel)
    return panel
