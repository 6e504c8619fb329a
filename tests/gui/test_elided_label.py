"""ElidedLabel: a line that asks for no minimum width, elides to its room (its tooltip says it all then)
and, when it ticks, lays nothing out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from widgets.common.elided_label import ElidedLabel

LONG = "O 64,012.50  H 64,100.00  L 63,900.25  C 64,050.75  V 1,234.5678  +0.07%"


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_long_text_is_elided_to_the_room_and_whole_in_the_tooltip(qtbot):
    window = QWidget()
    row = QHBoxLayout(window)
    line = ElidedLabel(window)
    row.addWidget(line, 1)
    qtbot.addWidget(window)
    window.resize(160, 40)
    window.show()
    qtbot.waitExposed(window)
    line.setText(LONG)
    assert line.text() == LONG and line.minimumSizeHint().width() == 0
    assert line.label.text().endswith("\u2026") and line.label.text() != LONG
    assert line.toolTip() == LONG
    window.resize(900, 40)
    qtbot.waitUntil(lambda: line.label.text() == LONG)
    assert line.toolTip() == ""


def test_a_ticking_text_lays_nothing_out_and_a_notice_asks_for_its_width(qtbot):
    window = QWidget()
    row = QHBoxLayout(window)
    ticking = ElidedLabel(window)
    notice = ElidedLabel(window, asks_for_text=True)
    row.addWidget(ticking, 1)
    row.addWidget(notice)
    qtbot.addWidget(window)
    window.resize(600, 40)
    window.show()
    qtbot.waitExposed(window)
    requests = LayoutRequests()
    window.installEventFilter(requests)
    qtbot.wait(50)  # (what showing the window left pending)
    requests.count = 0
    for k in range(10):
        ticking.setText(f"C 64,0{k}0.75")
        QApplication.processEvents()
    qtbot.wait(50)
    assert requests.count == 0
    plain = QLabel(window)  # what a QLabel does instead: each text lays the window out
    row.addWidget(plain)
    qtbot.wait(50)
    requests.count = 0
    for k in range(3):
        plain.setText(f"C 64,0{k}0.75")
        QApplication.processEvents()
    assert requests.count >= 3
    notice.setText("Not logged in to coin-weight")
    assert notice.sizeHint().width() >= notice.label.fontMetrics().horizontalAdvance(notice.text())
    assert notice.minimumSizeHint().width() == 0
    qtbot.waitUntil(lambda: notice.label.text() == "Not logged in to coin-weight")
