"""The market watch's update path: quotes reach only the changed cells, and a large frame of quotes is
applied in slices over several turns of the loop without losing any."""

from __future__ import annotations

from decimal import Decimal

import pytest

import app.viewmodels.market_watch as market_watch
from app.market_catalog import MarketCatalog
from app.viewmodels.market_watch import MarketWatchViewModel, instrument_key
from services.domain import MarketTab, Quote
from tests.perf.harness import crypto_instruments, fake_core, panel_context
from widgets.panels.market_watch import MarketWatchPanel


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


def test_a_large_frame_of_quotes_is_built_in_slices_and_shown_in_one_update(watch, qtbot, monkeypatch):
    core, panel, instruments = watch
    monkeypatch.setattr(market_watch, "QUOTE_SLICE_S", 0.0)  # the smallest slice: 16 rows a turn
    monkeypatch.setattr(market_watch, "FRAME_S", 60.0)  # no frame ends meanwhile
    updates: list[int] = []
    panel.model.dataChanged.connect(lambda top, bottom, _roles: updates.append(bottom.row() - top.row() + 1))
    for n, instrument in enumerate(instruments):
        core.quotes.put(Quote(instrument.id, Decimal(n), Decimal(n + 1), Decimal(n) + Decimal("0.5")))
    core.flush_now()

    def current() -> int:
        return sum(panel.row(instrument_key(i.id)).last is not None for i in instruments)

    assert current() == 0  # one slice built; the loop is free again until the next turn
    qtbot.waitUntil(lambda: current() == len(instruments), timeout=5000)
    assert updates == [len(instruments)]  # one update of the table (one repaint), no row lost
    assert panel.row(instrument_key(instruments[-1].id)).last == Decimal("299.50")
