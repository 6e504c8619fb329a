"""Time and sales: the tape model (newest on top, capped, aggressor colours) and the panel in the real main
window following the linked instrument's prints on the live simulator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.panels import builtin_panels
from app.viewmodels.time_sales import TimeSalesViewModel
from services.domain import InstrumentId
from services.trading.links import instrument_key
from tests.conftest import wait_until
from tests.e2e.conftest import core_of, trading_shell  # noqa: F401  (fixture)
from widgets.common.colors import GREEN, RED
from widgets.panels.time_sales import PrintRow, TapeModel

GAZP = InstrumentId("chp", "MOEX", "GAZP")
SBER = InstrumentId("chp", "MOEX", "SBER")


def prints(first: int, count: int, side: str = "buy") -> list[PrintRow]:
    return [PrintRow(f"10:00:{n:02d}", f"{100 + n}.00", "10", side) for n in range(first, first + count)]


def test_tape_puts_the_newest_print_on_top_and_keeps_at_most_its_capacity(qtbot):
    tape = TapeModel(capacity=5)
    inserted: list[tuple[int, int]] = []
    tape.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    tape.add(prints(0, 3))
    assert [tape.row(i).time for i in range(3)] == ["10:00:02", "10:00:01", "10:00:00"]
    tape.add(prints(3, 4, "sell"))  # one batch: one insert at the top, the two oldest dropped at the bottom
    assert inserted == [(0, 2), (0, 3)]
    assert tape.rowCount() == 5
    assert [tape.row(i).time for i in range(5)] == [
        "10:00:06",
        "10:00:05",
        "10:00:04",
        "10:00:03",
        "10:00:02",
    ]
    tape.add(prints(10, 8))  # a burst bigger than the tape keeps its newest prints
    assert [tape.row(i).time for i in (0, 4)] == ["10:00:17", "10:00:13"]


def test_tape_colours_prints_by_aggressor(qtbot):
    tape = TapeModel()
    tape.add(
        [
            PrintRow("10:00:00", "1.00", "5", "sell"),
            PrintRow("10:00:01", "1.01", "5", "buy"),
            PrintRow("10:00:02", "1.02", "5", ""),
        ]
    )
    color = Qt.ItemDataRole.ForegroundRole
    assert tape.index(0, 1).data(color) is None  # aggressor unknown
    assert tape.index(1, 1).data(color) == QColor(GREEN) and tape.index(1, 3).data() == "Buy"
    assert tape.index(2, 2).data(color) == QColor(RED) and tape.index(2, 3).data() == "Sell"
    assert tape.index(2, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


async def test_panel_shows_the_prints_of_the_linked_instrument(trading_shell):  # noqa: F811
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    shell.window.dock("time_sales").raise_()  # its tab picked (the default layout puts it behind the book)
    panel = shell.window.dock("time_sales").widget()
    view_model = panel.findChild(TimeSalesViewModel)
    await core.session("chp").login("demo", "demo")
    core.links.publish(view_model.link_colour, GAZP)  # picked in another panel of the same colour
    assert view_model.instrument == GAZP and panel.bar.picker.current_key() == instrument_key(GAZP)
    await wait_until(lambda: panel.model.rowCount() >= 2, timeout=10)
    top, below = panel.model.row(0), panel.model.row(1)
    assert top.time >= below.time and top.side in ("buy", "sell")
    assert top.price.count(".") == 1 and len(top.price.split(".")[1]) == 2  # GAZP's tick: 0.01

    panel.bar.picker.choose(instrument_key(SBER))  # picked here: the tape starts again, the link follows
    assert panel.model.rowCount() == 0 and core.links.current(view_model.link_colour) == SBER
    await wait_until(lambda: panel.model.rowCount() >= 1, timeout=10)
    await core.session("chp").logout()
    assert "Not connected" in panel.bar.message.text()


async def test_a_hidden_tape_polls_nothing_and_starts_over_when_shown_again(trading_shell):  # noqa: F811
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    dock = shell.window.dock("time_sales")
    panel = dock.widget()
    view_model = panel.findChild(TimeSalesViewModel)
    await core.session("chp").login("demo", "demo")
    dock.show()
    dock.raise_()
    core.links.publish(view_model.link_colour, GAZP)
    await wait_until(lambda: panel.model.rowCount() >= 1, timeout=10)
    assert view_model.following
    shell.window.dock("order_book").raise_()  # its tab left: the tape's poll ends
    await wait_until(lambda: not view_model.following)
    assert dock.isVisible()  # (Qt keeps a covered tab's dock "visible")
    dock.raise_()
    await wait_until(lambda: view_model.following)
    dock.hide()  # closed: the same
    assert not view_model.following
    dock.show()
    dock.raise_()
    await wait_until(lambda: view_model.following)
    await wait_until(lambda: panel.model.rowCount() >= 1, timeout=10)
    await core.session("chp").logout()
