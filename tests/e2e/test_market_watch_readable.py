"""Issue 12, point 1: in the real main window at 1440×900, default layout, every visible row of the market
watch shows its symbol, bid, ask and last in full — the text the view paints (after Qt's eliding to the
cell) is the model's text."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QRect

from app.panels import builtin_panels
from services.domain import ConnectionState
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.gui.painted_text import column_titled, painted_text
from widgets.panels.market_watch import MarketWatchPanel


@pytest.mark.parametrize("size", [(1440, 900)])
async def test_every_visible_price_is_painted_whole_at_the_default_layout(trading_shell, size):
    shell = trading_shell(builtin_panels())
    window = shell.window
    window.resize(*size)
    window.reset_layout(undoable=False)
    session = core_of(shell).session("coinweight")
    await session.login("demo", "demo")
    try:
        watch = window.dock("market_watch").widget()
        assert isinstance(watch, MarketWatchPanel)
        table = watch.table
        columns = [column_titled(table, title) for title in ("Symbol", "Bid", "Ask", "Last")]

        def quoted() -> bool:
            records = [watch.model.record(row) for row in range(watch.model.rowCount())]
            return bool(records) and all(r.bid is not None and r.last is not None for r in records)

        await wait_until(quoted, timeout=20)

        def cells() -> list[tuple[int, int]]:
            viewport = table.viewport().rect()  # (the dock may still be settling its width)
            return [
                (row, column)
                for row in range(table.model().rowCount())
                if table.visualRect(table.model().index(row, 0)).intersects(viewport)
                for column in columns
            ]

        def whole(row: int, column: int) -> bool:
            index = table.model().index(row, column)
            in_view = table.viewport().rect().contains(table.visualRect(index))
            return in_view and not table.isColumnHidden(column) and painted_text(table, index) == index.data()

        def all_whole() -> bool:
            return all(whole(row, column) for row, column in cells())

        # the panel fits its columns a moment after quotes widen them (later on a busy machine); the
        # assertions below say which cell is not whole
        with contextlib.suppress(AssertionError):
            await wait_until(all_whole, timeout=5)
        seen = 0
        viewport = table.viewport().rect()
        for row, column in cells():
            index = table.model().index(row, column)
            rect: QRect = table.visualRect(index)
            columns_shown = range(table.model().columnCount())
            shown = [table.columnWidth(c) for c in columns_shown if not table.isColumnHidden(c)]
            assert not table.isColumnHidden(column), (row, column)
            assert viewport.contains(rect), (row, column, rect, viewport, shown)
            assert painted_text(table, index) == index.data(), (row, column, table.columnWidth(column))
            seen += 1
        assert seen >= 4 * 8  # the BTC tab's rows, all of them on screen
    finally:
        if session.state is not ConnectionState.DISCONNECTED:
            await session.logout()
