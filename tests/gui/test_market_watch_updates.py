"""The market watch's update path: quotes reach only the changed cells, and a large frame of quotes is
applied in slices over several turns of the loop without losing any."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt

import app.viewmodels.market_watch as market_watch
from app.market_catalog import MarketCatalog
from app.viewmodels.market_watch import MarketWatchViewModel, instrument_key
from services.domain import MarketTab, Quote
from tests.perf.harness import crypto_instruments, fake_core, panel_context
from widgets.common.record_table import RECORD_ID_ROLE, RecordTableModel
from widgets.panels.market_watch import MarketRow, MarketWatchPanel


class _Catalog(MarketCatalog):
    def _on_logged_in(self, _venue: str) -> None:  # no workspace: the tab is set by the test
        pass


@pytest.fixture
def watch(qtbot):
    instruments = crypto_instruments(300)
    core = fake_core(instruments)
    catalog = _Catalog(core, core.session("coinweight"), None)
    catalog.tabs = [MarketTab("All", tuple(i.id for i in instruments))]
    panel = MarketWatchPanel()
    qtbot.addWidget(panel)
    MarketWatchViewModel(panel_context("market_watch"), panel, catalog=catalog, core=core)
    panel.resize(800, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return core, panel, instruments


def test_a_quote_repaints_only_the_price_cells_of_its_row(watch):
    core, panel, instruments = watch
    core.quotes.put(Quote(instruments[5].id, Decimal("10.01"), Decimal("10.02"), Decimal("10.01")))
    core.flush_now()
    changed: list[tuple[int, int, int, int]] = []
    panel.model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append((top.row(), bottom.row(), top.column(), bottom.column()))
    )
    core.quotes.put(Quote(instruments[5].id, Decimal("10.00"), Decimal("10.03"), Decimal("10.01")))
    core.flush_now()
    row = panel.model.row_of(instrument_key(instruments[5].id))
    bid, ask = panel.model.column_of("bid"), panel.model.column_of("ask")
    assert changed == [(row, row, min(bid, ask), max(bid, ask))]  # last price, change, volume: unchanged
    assert panel.row(instrument_key(instruments[5].id)).ask == Decimal("10.03")


def test_a_large_frame_of_quotes_shows_the_rows_in_view_at_once_and_the_rest_over_later_turns(
    watch, qtbot, monkeypatch
):
    core, panel, instruments = watch
    monkeypatch.setattr(market_watch, "QUOTE_SLICE_S", 0.0)  # the smallest slice: 16 rows a turn
    for n, instrument in enumerate(instruments):
        core.quotes.put(Quote(instrument.id, Decimal(n), Decimal(n + 1), Decimal(n) + Decimal("0.5")))
    core.flush_now()

    def current(keys: list[str]) -> int:
        return sum(panel.row(key).last is not None for key in keys)

    everyone = [instrument_key(i.id) for i in instruments]
    in_view = panel.keysInView()
    assert 5 < len(in_view) < 100 and current(in_view) == len(in_view)  # on screen in the same turn
    assert current(everyone) < len(in_view) + 20  # the rest wait for the next turns: the loop is free
    qtbot.waitUntil(lambda: current(everyone) == len(instruments), timeout=5000)  # no row lost
    assert panel.row(instrument_key(instruments[-1].id)).last == Decimal("299.50")


def _painted(panel: MarketWatchPanel, qtbot, change) -> list[QRect]:
    """The viewport's areas repainted after ``change()``."""
    painted: list[QRect] = []

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(event.region().boundingRect())
            return False

    spy = Spy(panel)
    qtbot.wait(50)  # what the show left to paint
    panel.table.viewport().installEventFilter(spy)
    change()
    qtbot.wait(50)
    panel.table.viewport().removeEventFilter(spy)
    return painted


def test_quotes_repaint_only_their_cells_in_view(watch, qtbot):
    _core, panel, instruments = watch
    rows = [panel.row(instrument_key(i.id)) for i in instruments]
    view = panel.table

    def requote(first: int, last: int) -> None:
        panel.updateRows(
            MarketRow(row.key, row.counterparty, row.symbol, bid=Decimal(7), ask=Decimal(8))
            for row in rows[first:last]
        )

    painted = _painted(panel, qtbot, lambda: requote(0, 5))
    bid, ask = view.visualRect(view.model().index(0, panel.BID_COLUMN)), view.visualRect(
        view.model().index(4, panel.ASK_COLUMN)
    )
    assert painted and all(bid.united(ask).contains(area) for area in painted)  # not the symbols, not below
    assert _painted(panel, qtbot, lambda: requote(250, 300)) == []  # rows out of view: nothing to repaint


def test_a_frame_that_changes_every_cell_in_view_is_painted_over_several_turns(watch, qtbot, monkeypatch):
    panel = watch[1]
    view = panel.table
    monkeypatch.setattr(view, "PAINT_CELLS", 8)  # 4 rows' bid and ask a turn
    in_view = panel.keysInView()
    assert len(in_view) > 8

    def requote() -> None:
        panel.updateRows(
            MarketRow(row.key, row.counterparty, row.symbol, bid=Decimal(7), ask=Decimal(8))
            for row in map(panel.row, in_view)
        )

    painted = _painted(panel, qtbot, requote)
    assert len(painted) >= 2  # no one paint of them all
    last = view.visualRect(view.model().index(len(in_view) - 1, panel.ASK_COLUMN))
    assert any(area.intersects(last) for area in painted)  # the last row in view too, on a later turn


def test_the_last_price_keeps_the_direction_it_last_moved_in(watch):
    core, panel, instruments = watch
    instrument = instruments[2].id
    key = instrument_key(instrument)
    ticks = []
    for last in ("10.00", "10.05", "10.05", "10.01", "10.01"):
        core.quotes.put(Quote(instrument, Decimal("9.99"), Decimal("10.10"), Decimal(last)))
        core.flush_now()
        ticks.append(panel.row(key).tick)
    assert ticks == [0, 1, 1, -1, -1]
    panel.tabChanged.emit("All")  # the rows are shown again: the direction is kept
    core.quotes.put(Quote(instrument, Decimal("9.99"), Decimal("10.10"), Decimal("10.01")))
    core.flush_now()
    assert panel.row(key).tick == -1


def test_quotes_that_reorder_a_table_sorted_by_price_re_sort_it_once_not_a_move_per_row(watch, qtbot):
    core, panel, instruments = watch
    for n, instrument in enumerate(instruments[:40]):
        core.quotes.put(Quote(instrument.id, Decimal(1), Decimal(2), Decimal(100 + n)))
    core.flush_now()
    qtbot.waitUntil(lambda: panel.row(instrument_key(instruments[39].id)).last is not None)
    panel.table.sortByColumn(panel.LAST_COLUMN, Qt.SortOrder.AscendingOrder)
    moves, layouts = [], []
    panel.model.rowsMoved.connect(lambda *args: moves.append(args))
    panel.model.layoutChanged.connect(lambda *args: layouts.append(args))
    for n, instrument in enumerate(instruments[:40]):  # the order reversed
        core.quotes.put(Quote(instrument.id, Decimal(1), Decimal(2), Decimal(200 - n)))
    core.flush_now()

    def lasts() -> list[Decimal]:
        return [panel.row(key).last for key in panel.visibleKeys() if panel.row(key).last is not None]

    qtbot.waitUntil(lambda: lasts() == sorted(lasts()) and min(lasts()) > 150, timeout=5000)
    assert moves == [] and 1 <= len(layouts) <= 2


@pytest.fixture
def ids_asked(monkeypatch) -> list[int]:
    """Rows whose key the model is asked for (patched before the panel is made: Qt binds its calls then)."""
    asked: list[int] = []
    original = RecordTableModel.data

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == RECORD_ID_ROLE:
            asked.append(index.row())
        return original(self, index, role)

    monkeypatch.setattr(RecordTableModel, "data", data)
    return asked


def test_quotes_do_not_make_the_filter_look_at_their_rows_again(ids_asked, watch, qtbot):
    core, panel, instruments = watch
    wanted = instrument_key(instruments[3].id)
    qtbot.keyClicks(panel.filter_edit, instruments[3].id.symbol)
    assert panel.visibleKeys() == [wanted]
    ids_asked.clear()
    for n, instrument in enumerate(instruments):
        core.quotes.put(Quote(instrument.id, Decimal(n), Decimal(n + 1), Decimal(n)))
    core.flush_now()
    qtbot.waitUntil(lambda: all(panel.row(instrument_key(i.id)).last is not None for i in instruments))
    assert panel.visibleKeys() == [wanted]
    assert len(ids_asked) < 10  # the row in view, not every row quoted
