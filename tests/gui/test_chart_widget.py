"""ChartWidget driven as a user would (keys, mouse on the viewport) and as its owner would (data API)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QProgressBar

from widgets.chart import ChartWidget
from widgets.chart.colors import DEFAULT_DOWN, DEFAULT_UP
from widgets.chart.formatting import format_bar_time

pytestmark = pytest.mark.gui

START = 1_709_251_200  # 2024-03-01 00:00 UTC


def make_bars(n: int, seed: int = 3, start: int = START, step: int = 60) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.002, n)))
    open_ = np.concatenate(([close[0]], close[:-1]))
    high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.001, n)))
    low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.001, n)))
    return start + np.arange(n, dtype=np.int64) * step, open_, high, low, close, rng.lognormal(3, 1, n)


@pytest.fixture
def chart(qtbot) -> ChartWidget:
    widget = ChartWidget()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def load(chart: ChartWidget, n: int = 1000, **kwargs) -> tuple[np.ndarray, ...]:
    bars = make_bars(n, **kwargs)
    chart.set_bars(*bars, price_decimals=2)
    QApplication.processEvents()  # the axes were resized for the prices: let the layout settle
    return bars


def viewport_pos(chart: ChartWidget, x: float, y: float, box=None) -> QPoint:
    """Viewport pixel of view point (bar index, value) in the price pane (or ``box``)."""
    scene = (box or chart.price_box).mapViewToScene(QPointF(x, y))
    return chart.canvas.mapFromScene(scene)


def grab(chart: ChartWidget) -> QImage:
    return chart.canvas.grab().toImage()


def count_colour_in_column(image: QImage, x: int, colour: str) -> list[int]:
    """Rows of column ``x`` painted exactly in ``colour``."""
    rgb = QColor(colour).rgb()
    return [y for y in range(image.height()) if image.pixel(x, y) == rgb]


# --- starting view and autoscale --------------------------------------------------------------
def test_set_bars_shows_the_last_100_bars(chart) -> None:
    load(chart, 1000)
    assert chart.visible_bar_range() == (900, 999)


def test_y_range_covers_exactly_the_visible_highs_and_lows(chart) -> None:
    _, _, high, low, _, volume = load(chart, 1000)
    lo, hi = low[900:].min(), high[900:].max()
    margin = (hi - lo) * 0.08
    assert chart.price_range() == pytest.approx((lo - margin, hi + margin))
    assert chart.volume_range() == pytest.approx((0.0, volume[900:].max() * 1.1))
    chart.set_visible_bars(200, 299)
    lo, hi = low[200:300].min(), high[200:300].max()
    assert chart.price_range() == pytest.approx((lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.08))


# --- keyboard -----------------------------------------------------------------------------------
def test_keyboard_home_end_arrows_and_zoom(chart, qtbot) -> None:
    load(chart, 1000)
    QTest.keyClick(chart, Qt.Key.Key_Left)
    assert chart.visible_bar_range() == (890, 992)  # the 3-bar margin right of the last bar fills up
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert chart.visible_bar_range() == (900, 999)
    QTest.keyClick(chart, Qt.Key.Key_Home)
    assert chart.visible_bar_range()[0] == 0
    QTest.keyClick(chart, Qt.Key.Key_End)
    assert chart.visible_bar_range()[1] == 999
    first, last = chart.visible_bar_range()
    QTest.keyClick(chart, Qt.Key.Key_Plus)
    zoomed_in = chart.visible_bar_range()
    assert zoomed_in[1] == 999 and zoomed_in[1] - zoomed_in[0] < last - first
    QTest.keyClick(chart, Qt.Key.Key_Minus)
    QTest.keyClick(chart, Qt.Key.Key_Minus)
    zoomed_out = chart.visible_bar_range()
    assert zoomed_out[1] == 999 and zoomed_out[1] - zoomed_out[0] > last - first


def test_keys_reach_the_chart_through_the_focused_canvas(chart, qtbot) -> None:
    load(chart, 1000)
    chart.canvas.setFocus()
    QTest.keyClick(chart.canvas, Qt.Key.Key_Home)
    assert chart.visible_bar_range()[0] == 0


# --- mouse navigation ----------------------------------------------------------------------------
def test_wheel_zooms_the_time_axis_and_refits_prices(chart) -> None:
    _, _, high, low, *_ = load(chart, 1000)
    viewport = chart.canvas.viewport()
    pos = QPointF(viewport_pos(chart, 950, float(low[950])))
    wheel = QWheelEvent(pos, QPointF(viewport.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, -240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(viewport, wheel)
    first, last = chart.visible_bar_range()
    assert last - first + 1 > 100  # wheel down: more bars
    lo, hi = low[first : last + 1].min(), high[first : last + 1].max()
    assert chart.price_range() == pytest.approx((lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.08))


def test_dragging_the_chart_pans_it(chart, qtbot) -> None:
    _, _, _, low, *_ = load(chart, 1000)
    viewport = chart.canvas.viewport()
    start = viewport_pos(chart, 920, float(low[900:].min()))  # low in the pane, away from the lines
    end = viewport_pos(chart, 950, float(low[900:].min()))
    (x0, x1), _ = chart.price_box.viewRange()
    assert (x0, x1) == (899.5, 1002.5)
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in (0.5, 1.0):
        qtbot.wait(15)
        QTest.mouseMove(viewport, start + (end - start) * step)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    (x0, x1), _ = chart.price_box.viewRange()
    assert x0 == pytest.approx(899.5 - 30, abs=0.2)  # dragged 30 bars right: older bars come into view
    assert x1 - x0 == pytest.approx(103)  # a pan, not a zoom


# --- history paging -----------------------------------------------------------------------------
def test_scrolling_to_the_left_edge_requests_history_once_and_prepend_keeps_the_view(chart, qtbot) -> None:
    time, *_ = load(chart, 1000)
    requests: list[int] = []
    chart.historyRequested.connect(requests.append)
    busy = chart.findChild(QProgressBar)
    assert not busy.isVisible()
    chart.scroll_bars(-700)
    assert requests == []
    QTest.keyClick(chart, Qt.Key.Key_Home)
    QTest.keyClick(chart, Qt.Key.Key_Right)
    QTest.keyClick(chart, Qt.Key.Key_Left)
    assert requests == [int(time[0])]
    assert busy.isVisible()

    first, last = chart.visible_bar_range()
    shown = time[first : last + 1]
    older = make_bars(500, seed=9, start=int(time[0]) - 500 * 60)
    chart.prepend_bars(*older)
    first2, last2 = chart.visible_bar_range()
    assert (first2, last2) == (first + 500, last + 500)
    combined = np.concatenate((older[0], time))
    np.testing.assert_array_equal(combined[first2 : last2 + 1], shown)
    assert not busy.isVisible()

    QTest.keyClick(chart, Qt.Key.Key_Home)  # re-armed by the prepend
    assert requests == [int(time[0]), int(older[0][0])]
    chart.set_history_exhausted()
    chart.scroll_bars(100)
    QTest.keyClick(chart, Qt.Key.Key_Home)
    assert len(requests) == 2


def test_failed_history_request_can_be_asked_again(chart) -> None:
    load(chart, 200)
    requests: list[int] = []
    chart.historyRequested.connect(requests.append)
    chart.go_to_first()
    chart.history_request_failed()
    assert not chart.history_pending
    chart.scroll_bars(1)
    assert len(requests) == 2


def test_a_short_history_is_shown_whole_and_more_is_asked_for(chart) -> None:
    requests: list[int] = []
    chart.historyRequested.connect(requests.append)
    time, *_ = load(chart, 30)
    assert chart.visible_bar_range() == (0, 29)
    assert requests == [int(time[0])]


def test_an_overlapping_history_page_only_adds_the_older_bars(chart) -> None:
    time, *_ = load(chart, 1000)
    page = make_bars(300, seed=5, start=int(time[0]) - 200 * 60)  # 200 older bars + 100 already loaded
    chart.prepend_bars(*page)
    assert chart.bar_count() == 1200
    assert chart.visible_bar_range() == (1100, 1199)


def test_set_loading_shows_the_busy_indicator(chart) -> None:
    busy = chart.findChild(QProgressBar)
    chart.set_loading(True)
    assert busy.isVisible()
    chart.set_loading(False)
    assert not busy.isVisible()


# --- crosshair ----------------------------------------------------------------------------------
def hover(chart, pos: QPoint) -> None:
    """The mouse moves to ``pos`` on the canvas: the move event is sent to the viewport itself, as the window
    system would deliver it, so a popup or grab left by an earlier test (any order) cannot take it."""
    viewport = chart.canvas.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(viewport.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def test_crosshair_readout_shows_the_bar_under_the_mouse(chart, qtbot) -> None:
    _, open_, high, low, close, volume = load(chart, 1000)
    # bar 950 spans x 949.5..950.5
    hover(chart, viewport_pos(chart, 949.7, float(close[950])))
    assert chart.hovered_bar() == 950
    text = chart.readout_text()
    for value in (open_[950], high[950], low[950], close[950]):
        assert f"{value:.2f}" in text
    assert "2024-03-01 15:50" in text  # bar 950 opened 950 minutes after midnight
    assert f"{volume[950]:.4g}" in text or "K" in text


def test_readout_follows_the_last_bar_when_not_hovering(chart) -> None:
    load(chart, 300)
    chart.update_last_bar(100.0, 101.5, 99.25, 101.0, 12.0)
    assert "O 100.00  H 101.50  L 99.25  C 101.00  V 12" in chart.readout_text()



def bar_under(chart, pos: QPoint) -> int:
    """The bar whose slot holds viewport pixel ``pos`` now."""
    return round(chart.price_box.mapSceneToView(chart.canvas.mapToScene(pos)).x())


def test_after_a_zoom_or_pan_the_crosshair_and_readout_show_the_bar_under_the_still_mouse(chart) -> None:
    time, *_, close, _volume = load(chart, 1000)
    pos = viewport_pos(chart, 949.7, float(close[950]))
    hover(chart, pos)
    assert chart.hovered_bar() == chart.crosshair_bar() == 950
    for move in (lambda: chart.zoom(0.5), lambda: chart.scroll_bars(-7), lambda: QTest.keyClick(chart, "+")):
        move()  # the mouse does not move
        under = bar_under(chart, pos)
        assert chart.hovered_bar() == chart.crosshair_bar() == under
        assert format_bar_time(int(time[under]), 60) in chart.readout_text()
    assert chart.hovered_bar() != 950


def test_after_a_page_of_older_bars_the_crosshair_and_readout_agree(chart) -> None:
    time, *_, close, _volume = load(chart, 1000)
    pos = viewport_pos(chart, 949.7, float(close[950]))
    hover(chart, pos)
    chart.prepend_bars(*make_bars(200, seed=9, start=int(time[0]) - 200 * 60))
    assert chart.hovered_bar() == chart.crosshair_bar() == 1150  # the same bar, under the same pixel


def test_the_crosshair_goes_when_the_mouse_leaves_or_the_chart_hides(chart, qtbot) -> None:
    *_, close, _volume = load(chart, 1000)
    last_bar = chart.readout_text()
    pos = viewport_pos(chart, 949.7, float(close[950]))
    hover(chart, pos)
    assert chart.crosshair_bar() == 950
    QApplication.sendEvent(chart.canvas.viewport(), QEvent(QEvent.Type.Leave))
    assert chart.crosshair_bar() is None and chart.hovered_bar() is None
    assert chart.readout_text() == last_bar
    chart.zoom(0.5)  # a later zoom does not bring it back where the mouse was
    assert chart.crosshair_bar() is None

    hover(chart, pos)
    chart.hide()  # e.g. its tab was switched away
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.crosshair_bar() is None and chart.hovered_bar() is None

    hover(chart, pos)
    chart.set_bars(*make_bars(500, seed=4), price_decimals=2)  # another interval under the still mouse
    assert chart.hovered_bar() == chart.crosshair_bar() == bar_under(chart, pos)


def test_scroll_to_latest_shows_while_the_newest_bar_is_off_screen(chart, qtbot) -> None:
    time, *_ = load(chart, 1000)
    button = chart.latest_button()
    assert not button.isVisible()
    chart.go_to_first()
    assert button.isVisible()
    pane = chart.canvas.mapFromScene(chart.price_box.sceneBoundingRect()).boundingRect()
    assert pane.contains(button.geometry())  # on the price pane, clear of the axes
    button.click()
    assert chart.visible_bar_range()[1] == 999 and not button.isVisible()

    chart.scroll_bars(-200)
    assert button.isVisible()
    chart.append_bar(int(time[-1]) + 60, 100.0, 101.0, 99.0, 100.5, 5.0)  # the view stays where the user is
    assert button.isVisible() and chart.visible_bar_range()[1] < 1000
    chart.canvas.setFocus()
    QTest.keyClick(chart.canvas, Qt.Key.Key_End)
    assert chart.visible_bar_range()[1] == 1000 and not button.isVisible()


# --- order lines --------------------------------------------------------------------------------
def test_dragging_an_order_line_emits_a_tick_snapped_price(chart, qtbot) -> None:
    *_, close = load(chart, 1000)[:5]
    start_price = round(float(close[-1]), 2)
    chart.set_orders([("A-1", start_price, "buy", "BUY 1")])
    lo, hi = chart.price_range()
    target = start_price + (hi - lo) * 0.2
    viewport = chart.canvas.viewport()
    press = viewport_pos(chart, 950, start_price)
    release = viewport_pos(chart, 950, target)
    with qtbot.waitSignal(chart.orderMoveRequested) as moved:
        QTest.mouseMove(viewport, press)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
        for step in (0.3, 0.6, 1.0):
            qtbot.wait(15)  # pyqtgraph drops mouse moves closer than 10 ms
            QTest.mouseMove(viewport, press + (release - press) * step)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, release)
    order_id, price = moved.args
    assert order_id == "A-1"
    assert price == round(price, 2)
    one_pixel = (hi - lo) / chart.price_box.height()
    assert abs(price - target) <= one_pixel + 0.01
    assert chart.visible_bar_range() == (900, 999)  # the drag moved the line, not the view

    chart.set_orders([("A-1", start_price, "buy", "BUY 1")])  # the venue refused: the line goes back
    assert chart.order_line("A-1").price == start_price


def test_drag_api_snaps_and_emits_only_on_release(chart) -> None:
    load(chart, 300)
    chart.set_orders([("B-7", 100.0, "sell", "SELL 2")])
    line = chart.order_line("B-7")
    moves: list[tuple[str, float]] = []
    chart.orderMoveRequested.connect(lambda *args: moves.append(args))
    line.begin_drag()
    line.drag_to(101.23456)
    assert line.price == 101.23 and moves == []
    line.finish_drag()
    assert moves == [("B-7", 101.23)]


def test_set_orders_replaces_lines_and_position_line_follows(chart) -> None:
    load(chart, 300)
    chart.set_orders([("1", 100.0, "buy", "a"), ("2", 101.0, "sell", "b")])
    chart.set_orders([("2", 102.0, "sell", "b")])
    with pytest.raises(KeyError):
        chart.order_line("1")
    assert chart.order_line("2").price == 102.0
    chart.set_position_line(99.5, "POS")
    chart.set_position_line(None)


# --- drawing ------------------------------------------------------------------------------------
def test_decimation_bounds_primitives_by_the_pixel_width(chart, qtbot) -> None:
    load(chart, 1_000_000)
    chart.show_all()
    chart.canvas.viewport().repaint()
    width = chart.price_box.width()
    assert 0 < chart.candles.primitive_count <= 2 * width + 4
    assert 0 < chart.volumes.primitive_count <= 2 * width + 4


def test_zoomed_in_candles_draw_a_body_and_a_wick_each(chart) -> None:
    load(chart, 1000)
    chart.canvas.viewport().repaint()
    assert chart.candles.primitive_count == 2 * 100


def test_update_last_bar_changes_the_drawn_last_candle(chart) -> None:
    _, open_, high, _, close, _ = load(chart, 1000)
    last_x = viewport_pos(chart, 999, 0).x()
    chart.canvas.viewport().repaint()
    before = grab(chart)
    assert count_colour_in_column(before, last_x, DEFAULT_UP if close[-1] >= open_[-1] else DEFAULT_DOWN)

    new_high = float(high[900:].max()) + 1.0
    base = float(close[-1])
    chart.update_last_bar(base + 0.5, new_high, base - 0.5, base, 10.0)  # a tall red candle
    chart.canvas.viewport().repaint()
    rows = count_colour_in_column(grab(chart), last_x, DEFAULT_DOWN)
    assert rows, "the last candle is now a down candle"
    assert abs(min(rows) - viewport_pos(chart, 999, new_high).y()) <= 1  # its wick reaches the new high


def test_append_bar_follows_the_live_edge(chart) -> None:
    time, *_ = load(chart, 1000)
    chart.append_bar(int(time[-1]) + 60, 100.0, 101.0, 99.0, 100.5, 5.0)
    assert chart.bar_count() == 1001
    assert chart.visible_bar_range() == (901, 1000)
    chart.scroll_bars(-300)
    away = chart.visible_bar_range()
    chart.append_bar(int(time[-1]) + 120, 100.0, 101.0, 99.0, 100.5, 5.0)
    assert chart.visible_bar_range() == away  # looking at history: the view stays put


def test_fills_are_drawn_as_triangles_on_their_bar(chart) -> None:
    time, _, high, low, *_ = load(chart, 1000)
    chart.set_fills(
        [(int(time[950]) + 30, float(low[950]), "buy"), (int(time[960]), float(high[960]), "sell")]
    )
    chart.canvas.viewport().repaint()
    image = grab(chart)
    buy_tip = viewport_pos(chart, 950, float(low[950]))
    sell_tip = viewport_pos(chart, 960, float(high[960]))
    assert image.pixelColor(buy_tip.x(), buy_tip.y() + 5) == QColor(DEFAULT_UP)
    assert image.pixelColor(sell_tip.x(), sell_tip.y() - 5) == QColor(DEFAULT_DOWN)


def test_colours_come_from_the_palette_unless_overridden(chart) -> None:
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#fafafa"))
    light.setColor(QPalette.ColorRole.Text, QColor("#202020"))
    chart.setPalette(light)
    load(chart, 1000)
    chart.canvas.viewport().repaint()
    image = grab(chart)
    assert image.pixelColor(3, 3) == QColor("#fafafa")
    last_x = viewport_pos(chart, 999, 0).x()
    chart.set_colors(up="#0000ff", down="#ff00ff")
    chart.canvas.viewport().repaint()
    image = grab(chart)
    assert any(count_colour_in_column(image, last_x, colour) for colour in ("#0000ff", "#ff00ff"))
    assert not count_colour_in_column(image, last_x, DEFAULT_UP)


def test_interval_selector_emits_the_code(chart, qtbot) -> None:
    box = chart.findChild(QComboBox)
    assert [box.itemData(i) for i in range(box.count())] == [
        "1m",
        "5m",
        "10m",
        "15m",
        "30m",
        "1h",
        "2h",
        "4h",
        "D",
        "W",
        "M",
    ]
    with qtbot.waitSignal(chart.intervalChanged) as changed:
        box.setCurrentIndex(box.findData("4h"))
    assert changed.args == ["4h"]
    with qtbot.assertNotEmitted(chart.intervalChanged):
        chart.set_interval("D")
    assert chart.interval() == "D"


def test_clear_empties_the_chart(chart) -> None:
    load(chart, 300)
    chart.set_orders([("1", 100.0, "buy", "a")])
    chart.clear()
    assert chart.bar_count() == 0
    assert chart.readout_text() == ""
    chart.canvas.viewport().repaint()
    assert chart.candles.primitive_count == 0


def test_dark_screenshot(chart, qtbot, tmp_path) -> None:
    """Renders the chart in a dark palette (the scene that was reviewed as chart.png)."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#131722"),
        (QPalette.ColorRole.Base, "#131722"),
        (QPalette.ColorRole.Text, "#d1d4dc"),
        (QPalette.ColorRole.WindowText, "#d1d4dc"),
        (QPalette.ColorRole.Button, "#2a2e39"),
        (QPalette.ColorRole.ButtonText, "#d1d4dc"),
    ):
        palette.setColor(role, QColor(colour))
    chart.setPalette(palette)
    time, _, high, low, close, _ = load(chart, 5000)
    chart.set_title("BTC-USDT")
    chart.set_fills(
        [(int(time[4940]), float(low[4940]), "buy"), (int(time[4975]), float(high[4975]), "sell")]
    )
    chart.set_orders(
        [
            ("o1", float(close[-1]) * 0.996, "buy", "BUY 0.5"),
            ("o2", float(close[-1]) * 1.004, "sell", "SELL 0.5"),
        ]
    )
    chart.set_position_line(float(close[4940]), "LONG 0.5")
    hover(chart, viewport_pos(chart, 4970, float(close[4970])))
    qtbot.wait(10)
    path = tmp_path / "chart.png"
    assert chart.grab().save(str(path))
    image = QImage(str(path))
    assert image.size().width() == 1280
    assert image.pixelColor(5, image.height() // 2) == QColor("#131722")  # the palette's background
    canvas = grab(chart)
    columns = range(0, canvas.width(), 3)
    assert any(count_colour_in_column(canvas, x, DEFAULT_UP) for x in columns)
    assert any(count_colour_in_column(canvas, x, DEFAULT_DOWN) for x in columns)
    assert chart.hovered_bar() == 4970
