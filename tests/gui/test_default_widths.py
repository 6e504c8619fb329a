"""The default arrangement gives each panel the width its spec asks for, the filling column the rest, and
the user can resize that column: a panel covered in a tab group (hidden while behind its tab) does not pin
its group's width, and a long text in a panel does not make its column wider."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.workspace import PanelSpec, WorkspaceRegistry
from tests.conftest import wait_until
from widgets.common.elided_label import ElidedLabel

Area = Qt.DockWidgetArea
SLACK = 8  # separators and frames


def panel(text: str, wide_text: str = ""):
    def create(_context) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.addWidget(QLabel(text))
        if wide_text:
            line = ElidedLabel(widget)
            line.setText(wide_text)
            column.addWidget(line)
        return widget

    return create


def registry() -> WorkspaceRegistry:
    panels = WorkspaceRegistry()
    panels.register(PanelSpec("watch", "Watch", panel("watch"), Area.LeftDockWidgetArea, default_size=300))
    panels.register(PanelSpec("favs", "Favs", panel("favs"), tab_with="watch"))  # covered: hidden
    panels.register(
        PanelSpec(
            "chart", "Chart", panel("chart", "O 1.00 H 2.00 L 0.50 C 1.50 V 12345 " * 20),
            Area.TopDockWidgetArea, split_from="watch", orientation=Qt.Orientation.Horizontal,
            fills_width=True,
        )
    )
    panels.register(PanelSpec("blotter", "Blotter", panel("blotter"), split_from="chart", default_size=150))
    panels.register(PanelSpec("book", "Book", panel("book"), Area.RightDockWidgetArea, default_size=250))
    return panels


@pytest.mark.parametrize("width", [1200, 1600])
async def test_the_sides_get_their_widths_and_the_chart_the_rest_which_the_user_can_change(make_shell, width):
    window = make_shell("widths", registry()).window
    window.resize(width, 800)
    window.reset_layout(undoable=False)
    watch, chart, blotter, book = (window.dock(p) for p in ("watch", "chart", "blotter", "book"))
    await wait_until(lambda: abs(watch.width() - 300) <= SLACK and abs(book.width() - 250) <= SLACK)
    assert abs(chart.width() - (width - 300 - 250)) <= 2 * SLACK
    assert abs(blotter.height() - 150) <= 30  # (its tab bar aside)
    assert chart.height() > blotter.height()

    # the separator between the watch and the chart moved 100 px to the right (what a drag of it does; a
    # chart in the top area was held at its minimum width, whatever was asked)
    window.resizeDocks([watch, chart], [400, chart.width() - 100], Qt.Orientation.Horizontal)
    await wait_until(lambda: abs(watch.width() - 400) <= SLACK)
    assert abs(chart.width() - (width - 400 - 250)) <= 2 * SLACK and abs(book.width() - 250) <= SLACK
