from __future__ import annotations

import asyncio
import gc
import logging
import threading
import weakref

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import ErrorHooks, GuiThreadGarbageCollector, configure_logging
from app.journal import JournalHandler
from services.tasks import spawn

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def hooks(qapp):
    hooks = ErrorHooks()
    shown: list[tuple[str, bool]] = []
    hooks.set_presenter(
        lambda notice: shown.append((notice, threading.current_thread() is threading.main_thread()))
    )
    hooks.shown = shown
    hooks.install()
    yield hooks
    hooks.uninstall()


class _Emitter(QObject):
    fire = Signal()


def test_an_exception_in_a_qt_slot_is_logged_shown_counted_and_the_app_keeps_running(qtbot, hooks, caplog):
    emitter = _Emitter()

    def broken_slot():
        raise ValueError("slot exploded")

    emitter.fire.connect(broken_slot)
    with caplog.at_level(logging.ERROR, logger="tessera"):
        emitter.fire.emit()
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(hooks.shown) == 2, timeout=2000)

    assert hooks.count == 2
    assert "ValueError: slot exploded" in hooks.shown[0][0]
    assert all(in_gui_thread for _notice, in_gui_thread in hooks.shown)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info[0] is ValueError
    ticks = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1], timeout=1000)  # the event loop still runs


async def test_an_exception_in_an_asyncio_task_is_logged_shown_and_counted(qtbot, hooks, caplog):
    loop = asyncio.get_running_loop()
    hooks.install_loop(loop)

    async def broken():
        await asyncio.sleep(0)
        raise RuntimeError("task exploded")

    with caplog.at_level(logging.ERROR, logger="tessera"):
        spawn(broken(), name="broken")
        for _ in range(50):
            await asyncio.sleep(0.01)
            if hooks.shown:
                break
    assert hooks.count == 1
    assert "RuntimeError: task exploded" in hooks.shown[0][0]
    assert "broken" in caplog.text and "task exploded" in caplog.text

    # A task nobody awaited and that nobody kept: reported when collected, through the loop's handler.
    task = loop.create_task(broken())
    await asyncio.sleep(0.05)
    assert task.done()
    del task
    gc.collect()
    for _ in range(50):
        await asyncio.sleep(0.01)
        if hooks.count == 2:
            break
    assert hooks.count == 2
    assert await asyncio.sleep(0.01, result="still running") == "still running"
    loop.set_exception_handler(None)


def test_an_exception_in_a_foreign_thread_is_reported_in_the_gui_thread(qtbot, hooks):
    def worker():
        raise KeyError("from the simulator thread")

    thread = threading.Thread(target=worker, name="sim-thread")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(hooks.shown) == 1, timeout=2000)
    assert hooks.count == 1
    notice, in_gui_thread = hooks.shown[0]
    assert in_gui_thread
    assert "KeyError" in notice


def test_without_a_presenter_the_error_is_shown_in_a_non_modal_message_box(qtbot, qapp):
    hooks = ErrorHooks()
    try:
        hooks.report((ZeroDivisionError, ZeroDivisionError("x"), None), "a test")
        qtbot.waitUntil(lambda: bool(hooks._boxes), timeout=1000)
        box = hooks._boxes[0]
        assert isinstance(box, QMessageBox)
        assert box.isVisible()
        assert not box.isModal()
        assert QApplication.activeModalWidget() is None
        box.close()
    finally:
        for box in list(hooks._boxes):
            box.deleteLater()


def test_logging_goes_to_the_journal_and_a_rotating_file(tmp_path):
    journal = JournalHandler()
    setup = configure_logging(tmp_path / "logs", journal)
    try:
        logging.getLogger("tessera.test").warning("disk is %s", "fine")
        logging.getLogger("tessera.test").error("this counts")
        for handler in setup.handlers:
            handler.flush()
        assert "disk is fine" in setup.file_path.read_text(encoding="utf-8")
        assert [r.message for r in journal.drain()][-2:] == ["disk is fine", "this counts"]
        assert setup.error_records.count == 1
    finally:
        setup.close()
    assert not any(h in logging.getLogger().handlers for h in setup.handlers)


def test_garbage_is_collected_by_the_gui_thread_timer_only(qtbot):
    collector = GuiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()

        class Node:
            pass

        collected = []
        for _ in range(2000):  # cyclic garbage beyond the generation-0 threshold
            node = Node()
            node.self = node
        marker = Node()
        marker.self = marker
        weakref.finalize(marker, collected.append, True)
        del marker, node
        qtbot.waitUntil(lambda: collected == [True], timeout=2000)
    finally:
        collector.stop()
    assert gc.isenabled()


def test_survivors_of_start_up_are_left_out_of_later_collections_until_stop(qtbot):
    collector = GuiThreadGarbageCollector(interval_ms=10)
    try:
        assert gc.get_freeze_count() == 0
        long_lived = [[] for _ in range(100)]  # containers: tracked by the collector
        collector.freeze_survivors()
        assert gc.get_freeze_count() >= len(long_lived)
        young = {id(o) for o in gc.get_objects(generation=0)}
        assert all(gc.is_tracked(x) and id(x) not in young for x in long_lived)
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
