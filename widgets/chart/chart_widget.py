"""ChartWidget: candlesticks over a volume pane, for one instrument and interval.

A pure view: the owner feeds bars (numpy arrays) and lines, and listens to the signals.  x is the bar
index (closed markets leave no gaps); the time axis maps index -> label.  The widget sets every range
itself (no pyqtgraph auto-range): x from navigation, y from the visible bars' min/max, read from the
series' min/max pyramid so a frame costs about the same at 10 000 and 1 000 000 bars.

The crosshair and the header's read-out always show the bar under the mouse: after a zoom, a pan or new bars
the mouse's last position is looked up again (no move needed), and leaving or hiding the chart hides the
crosshair. When the newest bar is off to the right, a "Latest" button (and End) scrolls back to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHideEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsScene, QToolButton, QVBoxLayout, QWidget

from widgets.common.numbers import localized

from .axes import PriceAxisItem, TimeAxisItem, VolumeAxisItem
from .bar_items import CandleItem, VolumeItem
from .bar_series import BarSeries
from .chart_header import ChartHeader
from .colors import ChartColors
from .crosshair import CrosshairItem
from .fill_markers import FillMarkersItem
from .formatting import format_bar_time, format_price, format_volume
from .grid_item import GridItem
from .level_lines import LevelLineItem
from .view_overlay import visible_bars

START_BARS = 100  # bars shown by set_bars
RIGHT_MARGIN_BARS = 3  # empty bars right of the last one when following the live edge
HISTORY_PREFETCH_BARS = 50  # ask for older bars when the view's left edge comes this close to bar 0
MIN_VISIBLE_BARS = 10
LEFT_SLACK_BARS = 5  # how far the view may go left of bar 0
RIGHT_SLACK_BARS = 50  # ... and right of the last bar
KEY_PAN_FRACTION = 0.1
ZOOM_STEP = 1.25
Y_MARGIN = 0.08  # of the visible price span, above the highest high and below the lowest low
VOLUME_HEADROOM = 1.1


class ChartWidget(QWidget):
    intervalChanged = Signal(str)
    #: older bars wanted: the time of the oldest loaded bar (epoch s); once until prepend_bars/exhausted
    historyRequested = Signal(int)
    #: the user dragged a working order's line: (order_id, new price snapped to the tick)
    orderMoveRequested = Signal(str, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series = BarSeries()
        self._decimals = 2
        self._bar_seconds = 60.0
        self._utc_offset = 0
        self._color_overrides: dict[str, QColor] = {}
        self._colors = ChartColors.from_palette(self.palette())
        self._loading = False
        self._history_pending = False
        self._history_exhausted = False
        self._hover_index: int | None = None
        self._hover_pos: QPoint | None = None  # the mouse on the viewport, while it is there
        self._batch_depth = 0  # > 0 during a data update: the y-fit and history check wait for its end
        self._orders: dict[str, tuple[LevelLineItem, str]] = {}  # order_id -> (line, side)

        self._header = ChartHeader(self)
        self._header.intervalChanged.connect(self.intervalChanged)
        self._build_canvas()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._canvas, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self._canvas)
        self._build_latest_button()
        self._apply_colors()
        self._update_readout()

    # --- construction ----------------------------------------------------------------------------
    def _build_canvas(self) -> None:
        self._canvas = pg.GraphicsLayoutWidget(self)
        self._canvas.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._canvas.installEventFilter(self)
        self._canvas.viewport().installEventFilter(self)
        grid = self._canvas.ci
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)

        self._price_box = pg.ViewBox(enableMenu=False, defaultPadding=0)
        self._volume_box = pg.ViewBox(enableMenu=False, defaultPadding=0)
        self._price_axis = PriceAxisItem()
        self._volume_axis = VolumeAxisItem("right")
        self._time_axis = TimeAxisItem(self._series)
        self._price_axis.linkToView(self._price_box)
        self._volume_axis.linkToView(self._volume_box)
        self._time_axis.linkToView(self._volume_box)
        grid.addItem(self._price_box, 0, 0)
        grid.addItem(self._price_axis, 0, 1)
        grid.addItem(self._volume_box, 1, 0)
        grid.addItem(self._volume_axis, 1, 1)
        grid.addItem(self._time_axis, 2, 0)
        grid.layout.setRowStretchFactor(0, 4)
        grid.layout.setRowStretchFactor(1, 1)
        self._volume_box.setXLink(self._price_box)
        for box in (self._price_box, self._volume_box):
            box.setMouseEnabled(x=True, y=False)
            box.disableAutoRange()

        colors = self._colors
        self._grids = (
            GridItem(self._price_box, self._time_axis, self._price_axis, colors.grid),
            GridItem(self._volume_box, self._time_axis, self._volume_axis, colors.grid, separator=True),
        )
        self._candles = CandleItem(self._price_box, self._series, colors)
        self._volumes = VolumeItem(self._volume_box, self._series, colors)
        self._markers = FillMarkersItem(self._price_box, self._series, colors)
        self._last_line = LevelLineItem(self._price_box, colors.up, Qt.PenStyle.DotLine, z=3)
        self._position_line = LevelLineItem(self._price_box, colors.position, Qt.PenStyle.DashLine, z=4)
        self._price_crosshair = CrosshairItem(
            self._price_box, colors.crosshair, lambda y: format_price(y, self._decimals)
        )
        self._volume_crosshair = CrosshairItem(
            self._volume_box, colors.crosshair, format_volume, self._bar_time_text
        )
        self._price_box.sigXRangeChanged.connect(self._on_x_range_changed)

    def _build_latest_button(self) -> None:
        self._latest_button = QToolButton(self._canvas)
        self._latest_button.setObjectName("chartScrollToLatest")
        self._latest_button.setText(self.tr("Latest \u00bb"))
        self._latest_button.setToolTip(self.tr("Scroll to the latest bar (End)"))
        self._latest_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._latest_button.setCursor(Qt.CursorShape.ArrowCursor)
        self._latest_button.clicked.connect(self.go_to_last)
        self._latest_button.hide()
        self._price_box.sigResized.connect(self._place_latest_button)

    # --- data API --------------------------------------------------------------------------------
    def set_bars(
        self,
        time: np.ndarray,
        open: np.ndarray,
        high: np.ndarray,
        low: np.ndarray,
        close: np.ndarray,
        volume: np.ndarray,
        price_decimals: int,
    ) -> None:
        """Replace all bars (oldest first) and show the last 100."""
        with self._batch():
            self._series.set(time, open, high, low, close, volume)
            self._decimals = int(price_decimals)
            self._price_axis.set_decimals(self._decimals)
            self._history_pending = self._history_exhausted = False
            self._set_hover(None, None, None)
            self._bars_changed()
            self._fit_axis_widths()
            n = len(self._series)
            self._set_x_range(n - START_BARS - 0.5, n - 0.5 + RIGHT_MARGIN_BARS)
        self._update_busy()

    def prepend_bars(
        self,
        time: np.ndarray,
        open: np.ndarray,
        high: np.ndarray,
        low: np.ndarray,
        close: np.ndarray,
        volume: np.ndarray,
    ) -> None:
        """Insert an older page of bars before the first one; the visible bars stay where they are.

        Re-arms ``historyRequested`` (an empty page too: the owner may then ask again later).
        """
        (x0, x1), _ = self._price_box.viewRange()
        with self._batch():
            added = self._series.prepend(time, open, high, low, close, volume)
            self._history_pending = False
            self._bars_changed()
            self._set_x_range(x0 + added, x1 + added)
        self._update_busy()

    def update_last_bar(self, open: float, high: float, low: float, close: float, volume: float) -> None:
        """Replace the newest bar's values (a live tick). Ignored while there are no bars."""
        if not len(self._series):
            return
        self._series.update_last(open, high, low, close, volume)
        self._live_changed(follow=False)

    def append_bar(
        self, time: int, open: float, high: float, low: float, close: float, volume: float
    ) -> None:
        """Add a newer bar (``time`` after the last one); if the last bar was in view, the view follows."""
        n = len(self._series)
        follow = n == 0 or self.visible_bar_range()[1] >= n - 1
        with self._batch():
            self._series.append(time, open, high, low, close, volume)
            self._update_limits()
            self._live_changed(follow=follow)

    def set_title(self, title: str) -> None:
        self._header.set_title(title)

    def clear(self) -> None:
        """Drop all bars, fills and lines."""
        empty = np.empty(0)
        with self._batch():
            self._series.set(empty, empty, empty, empty, empty, empty)
            self._history_pending = self._history_exhausted = False
            self._set_hover(None, None, None)
            self.set_fills([])
            self.set_orders([])
            self.set_position_line(None)
            self._bars_changed()
        self._update_busy()

    # --- history paging --------------------------------------------------------------------------
    def set_loading(self, loading: bool) -> None:
        """Show or hide the busy indicator (it also shows by itself while a history request is pending)."""
        self._loading = loading
        self._update_busy()

    def set_history_exhausted(self) -> None:
        """No older bars exist: stop asking until the next set_bars."""
        self._history_pending = False
        self._history_exhausted = True
        self._update_busy()

    def history_request_failed(self) -> None:
        """The pending history request failed: hide the indicator and allow asking again."""
        self._history_pending = False
        self._update_busy()

    @property
    def history_pending(self) -> bool:
        return self._history_pending

    # --- fills, orders, position -----------------------------------------------------------------
    def set_fills(self, fills: Sequence[tuple[int, float, str]]) -> None:
        """The user's fills as (epoch seconds, price, 'buy' | 'sell'), drawn as triangles on their bar."""
        self._markers.set_fills(list(fills))

    def set_orders(self, orders: Sequence[tuple[str, float, str, str]]) -> None:
        """Working orders as (order_id, price, side, label): one draggable line each."""
        wanted = {order_id: (price, side, label) for order_id, price, side, label in orders}
        for order_id in list(self._orders):
            if order_id not in wanted:
                line, _ = self._orders.pop(order_id)
                line.setParentItem(None)
                line.deleteLater()
        for order_id, (price, side, label) in wanted.items():
            line = self._orders[order_id][0] if order_id in self._orders else self._new_order_line(order_id)
            self._orders[order_id] = (line, side)
            line.cancel_drag()  # the owner's word wins over a drag in progress
            line.set_level(float(price), label, self._decimals, self._side_color(side))

    def order_line(self, order_id: str) -> LevelLineItem:
        return self._orders[order_id][0]

    def set_position_line(self, price: float | None, label: str = "") -> None:
        """The open position's average price (None hides the line)."""
        self._position_line.set_level(price, label, self._decimals)

    # --- appearance ------------------------------------------------------------------------------
    def set_colors(
        self,
        up: QColor | str | None = None,
        down: QColor | str | None = None,
        background: QColor | str | None = None,
        foreground: QColor | str | None = None,
        grid: QColor | str | None = None,
        crosshair: QColor | str | None = None,
        position: QColor | str | None = None,
    ) -> None:
        """Override palette-derived colours (None leaves a colour as it is)."""
        given = {
            "up": up,
            "down": down,
            "background": background,
            "foreground": foreground,
            "grid": grid,
            "crosshair": crosshair,
            "position": position,
        }
        self._color_overrides.update({k: QColor(v) for k, v in given.items() if v is not None})
        self._apply_colors()

    def set_interval(self, code: str) -> None:
        """Select ``code`` (one of INTERVALS) in the selector without emitting ``intervalChanged``."""
        self._header.set_interval(code)

    def interval(self) -> str:
        return self._header.interval()

    def set_utc_offset(self, seconds: int) -> None:
        """Show times shifted from UTC by ``seconds`` (e.g. the exchange's or the user's time zone)."""
        self._utc_offset = int(seconds)
        self._time_axis.set_utc_offset(self._utc_offset)
        self._update_readout()

    # --- navigation ------------------------------------------------------------------------------
    def visible_bar_range(self) -> tuple[int, int]:
        """First and last bar index in view (clamped to the data; (0, -1) when empty)."""
        (x0, x1), _ = self._price_box.viewRange()
        return visible_bars(x0, x1, len(self._series))

    def set_visible_bars(self, first: float, last: float) -> None:
        """Show bars first..last (indices; the view is clamped to the data plus a little slack)."""
        self._set_x_range(first - 0.5, last + 0.5)

    def scroll_bars(self, count: float) -> None:
        """Shift the view by ``count`` bars (positive: towards newer bars)."""
        (x0, x1), _ = self._price_box.viewRange()
        self._set_x_range(x0 + count, x1 + count)

    def zoom(self, factor: float) -> None:
        """Show ``factor`` times as many bars; anchored at the right edge when the last bar is in view."""
        (x0, x1), _ = self._price_box.viewRange()
        width = min(max((x1 - x0) * factor, MIN_VISIBLE_BARS), len(self._series) + RIGHT_MARGIN_BARS)
        if self.visible_bar_range()[1] >= len(self._series) - 1:
            self._set_x_range(x1 - width, x1)
        else:
            centre = (x0 + x1) / 2
            self._set_x_range(centre - width / 2, centre + width / 2)

    def go_to_first(self) -> None:
        (x0, x1), _ = self._price_box.viewRange()
        self._set_x_range(-0.5, -0.5 + (x1 - x0))

    def go_to_last(self) -> None:
        (x0, x1), _ = self._price_box.viewRange()
        right = len(self._series) - 0.5 + RIGHT_MARGIN_BARS
        self._set_x_range(right - (x1 - x0), right)

    def show_all(self) -> None:
        self._set_x_range(-0.5, len(self._series) - 0.5 + RIGHT_MARGIN_BARS)

    # --- read-outs for owners and tests -----------------------------------------------------------
    def bar_count(self) -> int:
        return len(self._series)

    def price_range(self) -> tuple[float, float]:
        return tuple(self._price_box.viewRange()[1])

    def volume_range(self) -> tuple[float, float]:
        return tuple(self._volume_box.viewRange()[1])

    def readout_text(self) -> str:
        return self._header.readout()

    def hovered_bar(self) -> int | None:
        return self._hover_index

    def crosshair_bar(self) -> int | None:
        """The bar the crosshair's vertical line is on (None: hidden)."""
        return self._price_crosshair.index

    def latest_button(self) -> QToolButton:
        """The "scroll to the latest bar" button (shown while the newest bar is off to the right)."""
        return self._latest_button

    def fill_count(self) -> int:
        """Fills given by the last set_fills."""
        return self._markers.count

    def position_level(self) -> tuple[float | None, str]:
        """(price, label) of the position line; price None when hidden."""
        return self._position_line.price, self._position_line.label

    def last_bar(self) -> tuple[int, float, float, float, float, float] | None:
        """(time, open, high, low, close, volume) of the newest bar."""
        s = self._series
        if not len(s):
            return None
        return (
            int(s.time[-1]),
            float(s.open[-1]),
            float(s.high[-1]),
            float(s.low[-1]),
            float(s.close[-1]),
            float(s.volume[-1]),
        )

    @property
    def canvas(self) -> pg.GraphicsLayoutWidget:
        return self._canvas

    @property
    def price_box(self) -> pg.ViewBox:
        return self._price_box

    @property
    def candles(self) -> CandleItem:
        return self._candles

    @property
    def volumes(self) -> VolumeItem:
        return self._volumes

    # --- events ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and watched is self._canvas and isinstance(event, QKeyEvent):
            return self._handle_key(event)
        if (
            kind == QEvent.Type.MouseMove
            and watched is self._canvas.viewport()
            and isinstance(event, QMouseEvent)
        ):
            self._hover_pos = event.position().toPoint()
            self._hover(self._hover_pos)
        elif kind == QEvent.Type.Leave and watched in (self._canvas, self._canvas.viewport()):
            self._unhover()
        return False

    def leaveEvent(self, event: QEvent) -> None:
        self._unhover()
        super().leaveEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._unhover()  # a tab switched away: the mouse is elsewhere when the chart shows again
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colors()
        elif event.type() == QEvent.Type.LanguageChange:  # numbers and dates in the new locale
            for axis in (self._price_axis, self._volume_axis, self._time_axis):
                axis.invalidate()  # its labels are kept until the range changes
            self._update_readout()

    def _handle_key(self, event: QKeyEvent) -> bool:
        if not len(self._series):
            return False
        first, last = self.visible_bar_range()
        step = max(1, round((last - first + 1) * KEY_PAN_FRACTION))
        actions = {
            Qt.Key.Key_Left: lambda: self.scroll_bars(-step),
            Qt.Key.Key_Right: lambda: self.scroll_bars(step),
            Qt.Key.Key_Plus: lambda: self.zoom(1 / ZOOM_STEP),
            Qt.Key.Key_Equal: lambda: self.zoom(1 / ZOOM_STEP),
            Qt.Key.Key_Minus: lambda: self.zoom(ZOOM_STEP),
            Qt.Key.Key_Home: self.go_to_first,
            Qt.Key.Key_End: self.go_to_last,
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            return False
        action()
        event.accept()
        return True

    def _hover(self, pos: QPoint) -> None:
        n = len(self._series)
        scene_pos = self._canvas.mapToScene(pos)
        for box in (self._price_box, self._volume_box):
            if n and box.sceneBoundingRect().contains(scene_pos):
                point = box.mapSceneToView(scene_pos)
                index = min(max(round(point.x()), 0), n - 1)
                self._set_hover(index, box, point.y())
                return
        self._set_hover(None, None, None)

    def _unhover(self) -> None:
        self._hover_pos = None
        self._set_hover(None, None, None)

    def _rehover(self) -> None:
        """The view or the bars moved under a mouse that did not: show the bar now under it."""
        if self._hover_pos is not None:
            self._hover(self._hover_pos)
        elif self._hover_index is not None:
            self._set_hover(None, None, None)

    def _set_hover(self, index: int | None, box: pg.ViewBox | None, y: float | None) -> None:
        self._hover_index = index
        self._price_crosshair.set_cursor(index, y if box is self._price_box else None)
        self._volume_crosshair.set_cursor(index, y if box is self._volume_box else None)
        self._update_readout()

    # --- internals -------------------------------------------------------------------------------
    def _set_x_range(self, x0: float, x1: float) -> None:
        """Move the view; the y-fit and history check follow from sigXRangeChanged (if it moved)."""
        self._price_box.setXRange(x0, x1, padding=0)

    def _on_x_range_changed(self, *_args) -> None:
        if self._batch_depth:
            return
        self._autoscale_y()
        self._rehover()
        self._update_latest_button()
        self._maybe_request_history()

    def _update_latest_button(self) -> None:
        n = len(self._series)
        hidden = n > 0 and self.visible_bar_range()[1] < n - 1
        if hidden != self._latest_button.isVisible():
            self._latest_button.setVisible(hidden)
            if hidden:
                self._place_latest_button()

    def _place_latest_button(self, *_args: object) -> None:
        """Bottom right of the price pane, clear of the price axis."""
        button = self._latest_button
        button.adjustSize()
        pane = self._canvas.mapFromScene(self._price_box.sceneBoundingRect()).boundingRect()
        button.move(pane.right() - button.width() - 8, pane.bottom() - button.height() - 8)
        button.raise_()

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Defer the y-fit and the history check to the end of a data update (limits move ranges mid-way)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if not self._batch_depth:
            self._on_x_range_changed()

    def _autoscale_y(self) -> None:
        first, last = self.visible_bar_range()
        if last < first:
            return
        low, high = self._series.price_range(first, last)
        margin = (high - low) * Y_MARGIN or max(abs(high) * 0.001, 10.0**-self._decimals)
        self._price_box.setYRange(low - margin, high + margin, padding=0)
        volume_top = self._series.volume_max(first, last) * VOLUME_HEADROOM
        self._volume_box.setYRange(0.0, volume_top if volume_top > 0 else 1.0, padding=0)

    def _maybe_request_history(self) -> None:
        n = len(self._series)
        if not n or self._history_pending or self._history_exhausted:
            return
        if self._price_box.viewRange()[0][0] <= HISTORY_PREFETCH_BARS:
            self._history_pending = True
            self._update_busy()
            self.historyRequested.emit(int(self._series.time[0]))

    def _update_busy(self) -> None:
        self._header.set_busy(self._loading or self._history_pending)

    def _bars_changed(self) -> None:
        """After bars were replaced or prepended: bar length, limits, markers, lines, read-out."""
        n = len(self._series)
        recent = self._series.time[-min(n, 1000) :]
        self._bar_seconds = float(np.median(np.diff(recent))) if len(recent) > 1 else 60.0
        self._update_limits()
        self._markers.data_changed()
        for line, _side in self._orders.values():
            line.decimals = self._decimals
        self._position_line.decimals = self._decimals
        self._time_axis.invalidate()  # new times under the same range: the cached labels are stale
        self._live_changed(follow=False)
        self._canvas.viewport().update()  # every overlay (grid, markers, lines) shows the new data

    def _live_changed(self, follow: bool) -> None:
        """The newest bar changed (or was added): last-price line, y range, read-out, repaint."""
        n = len(self._series)
        if follow:
            self.scroll_bars(1)
        elif n and self.visible_bar_range()[1] >= n - 1:
            self._autoscale_y()
        if n:
            up = self._series.close[-1] >= self._series.open[-1]
            color = self._colors.up if up else self._colors.down
            self._last_line.set_level(float(self._series.close[-1]), "", self._decimals, color)
        else:
            self._last_line.set_level(None, "", self._decimals)
        self._candles.update()
        self._volumes.update()
        self._update_latest_button()
        self._update_readout()

    def _update_limits(self) -> None:
        n = len(self._series)
        for box in (self._price_box, self._volume_box):
            box.setLimits(
                xMin=-0.5 - LEFT_SLACK_BARS,
                xMax=max(n, 1) - 0.5 + RIGHT_SLACK_BARS,
                minXRange=MIN_VISIBLE_BARS,
            )

    def _fit_axis_widths(self) -> None:
        """Right axes wide enough for the longest price; set once per data set (no per-frame relayout)."""
        metrics = QFontMetrics(self._price_axis.font())
        n = len(self._series)
        widest = format_price(-self._series.price_range(0, n - 1)[1], self._decimals) if n else "0.00"
        width = max(metrics.horizontalAdvance(widest), metrics.horizontalAdvance("999.9M")) + 16
        self._price_axis.setWidth(width)
        self._volume_axis.setWidth(width)
        self._time_axis.setHeight(metrics.height() + 8)

    def _update_readout(self) -> None:
        """OHLCV of the hovered bar, or of the last bar when the mouse is elsewhere."""
        n = len(self._series)
        if not n:
            self._header.set_readout("")
            return
        i = self._hover_index if self._hover_index is not None else n - 1
        s, d = self._series, self._decimals
        o, c = float(s.open[i]), float(s.close[i])
        change = (c - o) / o * 100 if o else 0.0
        text = self.tr("{time}   O {open}  H {high}  L {low}  C {close}  V {volume}  {change}").format(
            time=self._bar_time_text(i),
            open=format_price(o, d),
            high=format_price(float(s.high[i]), d),
            low=format_price(float(s.low[i]), d),
            close=format_price(c, d),
            volume=format_volume(float(s.volume[i])),
            change=localized(f"{change:+.2f}%"),
        )
        self._header.set_readout(text, self._colors.up if c >= o else self._colors.down)

    def _bar_time_text(self, index: int) -> str:
        return format_bar_time(int(self._series.time[index]) + self._utc_offset, self._bar_seconds)

    def _new_order_line(self, order_id: str) -> LevelLineItem:
        line = LevelLineItem(self._price_box, self._colors.up, order_id=order_id)
        line.moveFinished.connect(self.orderMoveRequested)
        return line

    def _side_color(self, side: str) -> QColor:
        return self._colors.up if side.lower() == "buy" else self._colors.down

    def _apply_colors(self) -> None:
        self._colors = colors = ChartColors.from_palette(self.palette()).with_overrides(self._color_overrides)
        self._canvas.setBackground(colors.background)
        for axis in (self._price_axis, self._volume_axis, self._time_axis):
            axis.setPen(pg.mkPen(colors.grid))
            axis.setTextPen(pg.mkPen(colors.foreground))
        for grid in self._grids:
            grid.set_color(colors.grid)
        for item in (self._candles, self._volumes, self._markers):
            item.set_colors(colors)
        for crosshair in (self._price_crosshair, self._volume_crosshair):
            crosshair.set_color(colors.crosshair)
        self._position_line.set_level(
            self._position_line.price, self._position_line.label, self._decimals, colors.position
        )
        for line, side in self._orders.values():
            line.set_level(line.price, line.label, line.decimals, self._side_color(side))
        if len(self._series):
            self._live_changed(follow=False)
