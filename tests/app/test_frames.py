"""FrameCoalescer: the first change after a quiet frame goes on the next loop turn; a burst is one call."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.trading.frames import FrameCoalescer


def test_the_first_change_is_delivered_on_the_next_turn_and_a_burst_once(qtbot):
    delivered: list[list[str]] = []
    frames = FrameCoalescer(delivered.append)
    frames.mark(["a"])
    QCoreApplication.processEvents()  # no frame waited for: the venue's answer shows at once
    assert delivered == [["a"]]
    for key in ["b", "c", "b"]:
        frames.mark([key])
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=2000)
    assert delivered == [["a"], ["b", "c"]]


def test_the_venues_answer_to_the_users_order_does_not_wait_for_the_frame(qtbot):
    delivered: list[list[str]] = []
    frames = FrameCoalescer(delivered.append)
    frames.mark(["feed"])
    QCoreApplication.processEvents()
    frames.mark(["answer"])  # within the same frame: would wait for its end
    frames.flush_soon()  # the user's own order: on the next loop turn
    QCoreApplication.processEvents()
    assert delivered == [["feed"], ["answer"]]
