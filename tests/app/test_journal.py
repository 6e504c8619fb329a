from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from app.context import ServiceRegistry
from app.journal import JournalHandler
from app.trading.bridge import QtTrading
from app.trading.install import SERVICE_NAME
from app.viewmodels.journal import JournalModel, JournalViewModel, create_journal_panel
from app.workspace import PanelContext
from services.trading.core import TradingCore
from widgets.panels.journal import JournalPanel


@pytest.fixture
def logger():
    handler = JournalHandler(capacity=1000)
    log = logging.getLogger("tessera.test.journal")
    log.setLevel(logging.DEBUG)
    log.addHandler(handler)
    log.propagate = False
    yield log, handler
    log.removeHandler(handler)
    log.propagate = True


class _App:
    """What the journal panel needs of the app: its journal handler and a (venue-less) trading core."""

    def __init__(self, handler: JournalHandler) -> None:
        self.journal = handler
        self.services = ServiceRegistry()
        self.services.register(SERVICE_NAME, QtTrading(TradingCore()))


def _view_model(qtbot, handler: JournalHandler, **options) -> JournalViewModel:
    panel = JournalPanel()
    qtbot.addWidget(panel)
    view_model = JournalViewModel(_context(handler, {}, lambda: None), panel, **options)
    panel.show()  # the journal drains only while it is shown
    return view_model


def _context(handler: JournalHandler, settings: dict, save: Callable[[], None]) -> PanelContext:
    return PanelContext(_App(handler), "journal", settings, save)  # type: ignore[arg-type]  # a stand-in app


def _messages(model) -> list[str]:
    return [model.index(row, JournalModel.MESSAGE).data() for row in range(model.rowCount())]


def test_records_from_other_threads_appear_after_the_flush_timer(qtbot, logger):
    log, handler = logger
    view_model = _view_model(qtbot, handler, interval_ms=20)

    def worker(n: int) -> None:
        for i in range(50):
            log.info("thread %d record %d", n, i)

    threads = [threading.Thread(target=worker, args=(n,), name=f"worker-{n}") for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert view_model.model.rowCount() == 0  # nothing touches the model outside the timer

    qtbot.waitUntil(lambda: view_model.model.rowCount() == 200, timeout=2000)
    messages = _messages(view_model.model)
    assert "thread 3 record 49" in messages
    record = view_model.model.record(0)
    assert record.source == "test.journal"
    assert record.details.startswith("[worker-")
    time_text = view_model.model.index(0, JournalModel.TIME).data()
    assert len(time_text) == len("12:34:56.789")


def test_the_level_filter_hides_lower_levels_and_the_text_filter_matches(qtbot, logger):
    log, handler = logger
    view_model = _view_model(qtbot, handler)
    log.debug("noise")
    log.info("order placed")
    log.warning("slow answer")
    log.error("order rejected")
    view_model.flush()
    proxy = view_model.proxy

    proxy.set_min_level(logging.DEBUG)
    assert _messages(proxy) == ["noise", "order placed", "slow answer", "order rejected"]
    proxy.set_min_level(logging.WARNING)
    assert _messages(proxy) == ["slow answer", "order rejected"]
    proxy.set_min_level(logging.INFO)
    proxy.set_text("ORDER")
    assert _messages(proxy) == ["order placed", "order rejected"]
    assert proxy.index(1, JournalModel.LEVEL).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_the_model_keeps_only_the_newest_rows(qtbot, logger):
    log, handler = logger
    view_model = _view_model(qtbot, handler, capacity=100)
    for i in range(150):
        log.info("first %d", i)
    view_model.flush()
    for i in range(30):
        log.info("second %d", i)
    view_model.flush()
    messages = _messages(view_model.model)
    assert len(messages) == 100
    assert messages[0] == "first 80"
    assert messages[-1] == "second 29"


def test_exceptions_keep_their_traceback_in_the_tooltip(qtbot, logger):
    log, handler = logger
    view_model = _view_model(qtbot, handler)
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("it failed")
    view_model.flush()
    tooltip = view_model.model.index(0, JournalModel.MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "it failed" in tooltip
    assert "Traceback" in tooltip and "ValueError: boom" in tooltip


def test_the_panel_drives_the_filters_and_remembers_them(qtbot, logger):
    log, handler = logger
    saves = []
    settings = {"level": logging.WARNING}

    panel = create_journal_panel(_context(handler, settings, lambda: saves.append(1)))
    qtbot.addWidget(panel)
    panel.show()
    log.info("hello")
    log.error("bad thing")
    qtbot.waitUntil(lambda: panel.table.model().rowCount() == 1, timeout=2000)

    panel.level_combo.setCurrentIndex(panel.level_combo.findData(logging.DEBUG))
    assert panel.table.model().rowCount() == 2
    panel.filter_edit.setText("bad")
    assert panel.table.model().rowCount() == 1
    assert settings == {"level": logging.DEBUG, "filter": "bad"}
    assert saves
    assert "1" in panel.count_label.text()


def test_a_hidden_journal_runs_no_timer_and_shows_what_came_meanwhile_when_shown(qtbot, logger):
    log, handler = logger
    view_model = _view_model(qtbot, handler, interval_ms=20)
    assert view_model.flushing
    view_model.panel.hide()
    assert not view_model.flushing
    log.warning("while hidden")
    qtbot.wait(60)
    assert view_model.model.rowCount() == 0  # kept by the handler, not drained by a timer
    view_model.panel.show()
    assert view_model.flushing
    assert _messages(view_model.model) == ["while hidden"]  # at once, not a frame later
