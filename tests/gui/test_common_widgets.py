from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from widgets.common.colors import AMBER, GREY
from widgets.common.decimal_input import DecimalField, DecimalInput
from widgets.common.record_table import NUMERIC, RAW_VALUE_ROLE, Column, RecordTableModel, RecordTableView
from widgets.common.status import ConnectionIndicator, LightState, UtcClock
from widgets.common.toast import ToastHost, ToastLevel

# --- decimal input


@pytest.fixture
def price(qtbot) -> DecimalInput:
    field = DecimalInput(decimals=2, step="0.05", minimum="0", maximum="1000")
    qtbot.addWidget(field)
    field.show()
    return field


def test_the_validator_limits_the_fraction_digits_and_accepts_a_comma(qtbot, price):
    qtbot.keyClicks(price, "12.345")
    assert price.text() == "12.34"
    price.clear()
    qtbot.keyClicks(price, "7,5")
    assert price.value() == Decimal("7.5")
    price.clear()
    qtbot.keyClicks(price, "-3abc")  # the minimum is 0: no sign, no letters
    assert price.text() == "3"


def test_up_and_down_step_on_the_step_grid_within_the_range(qtbot, price):
    price.setValue(Decimal("1.02"))
    qtbot.keyClick(price, Qt.Key.Key_Up)
    assert price.value() == Decimal("1.05")  # snapped up to the next multiple of 0.05
    qtbot.keyClick(price, Qt.Key.Key_Up)
    assert price.text() == "1.10"
    qtbot.keyClick(price, Qt.Key.Key_PageDown)
    assert price.value() == Decimal("0.60")
    for _ in range(20):
        qtbot.keyClick(price, Qt.Key.Key_Down)
    assert price.value() == Decimal("0")  # clamped at the minimum
    price.setValue("999.99")
    qtbot.keyClick(price, Qt.Key.Key_PageUp)
    assert price.value() == Decimal("1000")


def test_value_changes_and_problems_are_reported(qtbot, price):
    values, problems = [], []
    price.valueChanged.connect(values.append)
    price.problemChanged.connect(problems.append)
    qtbot.keyClicks(price, "1.03")
    assert values[-1] == Decimal("1.03")
    assert price.problem() == "Must be a multiple of 0.05"
    assert price.property("invalid") is True
    price.setValue("2000")
    assert price.problem() == "Must be at most 1000"
    price.setValue("2.5")
    assert price.problem() == ""
    assert problems[-1] == ""
    price.setValue(None)
    assert values[-1] is None


def test_a_decimal_field_shows_errors_under_the_input(qtbot):
    field = DecimalField(decimals=0, step="10", minimum="10")
    qtbot.addWidget(field)
    field.show()
    field.setValue("5")
    assert field.errorText() == "Must be at least 10"
    field.setValue("20")
    assert field.errorText() == ""
    assert not field.error_label.isVisible()
    field.setError("Insufficient balance")  # e.g. a venue's rejection, shown until the user edits
    assert field.errorText() == "Insufficient balance"
    qtbot.keyClicks(field.input, "0")
    assert field.errorText() == ""
    assert field.value() == Decimal("200")


# --- record table


@dataclass(frozen=True)
class Order:
    id: str
    price: Decimal
    side: str = "buy"


def _model() -> RecordTableModel:
    return RecordTableModel(
        [
            Column("id", "Id"),
            Column("price", "Price", format=lambda v: f"{v:.2f}", align=NUMERIC),
            Column("side", "Side", color=lambda o: AMBER if o.side == "sell" else None),
        ]
    )


def _spy(model: RecordTableModel) -> list[tuple]:
    events: list[tuple] = []
    model.rowsInserted.connect(lambda parent, first, last: events.append(("insert", first, last)))
    model.rowsRemoved.connect(lambda parent, first, last: events.append(("remove", first, last)))
    model.dataChanged.connect(lambda top, bottom, roles: events.append(("changed", top.row(), bottom.row())))
    model.modelReset.connect(lambda: events.append(("reset",)))
    return events


def test_upsert_inserts_new_rows_in_one_batch_and_updates_changed_runs():
    model = _model()
    events = _spy(model)
    model.upsert(Order(str(i), Decimal(i)) for i in range(6))
    assert events == [("insert", 0, 5)]
    assert model.ids() == ["0", "1", "2", "3", "4", "5"]

    events.clear()
    model.upsert(
        [
            Order("1", Decimal("1.5")),
            Order("2", Decimal("2.5")),
            Order("3", Decimal(3)),  # unchanged
            Order("5", Decimal("5.5")),
            Order("6", Decimal(6)),  # new
            Order("7", Decimal(7)),  # new
        ]
    )
    assert events == [("changed", 1, 2), ("changed", 5, 5), ("insert", 6, 7)]
    assert model.index(1, 1).data() == "1.50"
    assert model.index(1, 1).data(RAW_VALUE_ROLE) == Decimal("1.5")
    assert model.record_by_id("7") == Order("7", Decimal(7))


def test_remove_drops_rows_in_contiguous_runs_and_keeps_the_index():
    model = _model()
    model.upsert(Order(str(i), Decimal(i)) for i in range(8))
    events = _spy(model)
    model.remove(["1", "2", "5", "missing"])
    assert events == [("remove", 5, 5), ("remove", 1, 2)]
    assert model.ids() == ["0", "3", "4", "6", "7"]
    assert model.row_of("6") == 3
    model.upsert([Order("6", Decimal(60))])
    assert model.record(3).price == Decimal(60)


def test_cells_carry_alignment_and_colour():
    model = _model()
    model.upsert([Order("a", Decimal(1), "sell"), Order("b", Decimal(2), "buy")])
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(NUMERIC)
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).name() == AMBER
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Price"


def test_the_view_sorts_by_raw_values_not_text(qtbot):
    model = _model()
    view = RecordTableView(model)
    qtbot.addWidget(view)
    model.upsert([Order("a", Decimal(9)), Order("b", Decimal(10)), Order("c", Decimal("9.5"))])
    assert [view.id_at(r) for r in range(3)] == ["a", "b", "c"]  # arrival order until a header is clicked
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [view.id_at(r) for r in range(3)] == ["a", "c", "b"]
    view.selectRow(2)
    assert view.selected_ids() == ["b"]
    activated = []
    view.recordActivated.connect(activated.append)
    view.activated.emit(view.model().index(0, 0))
    assert activated == ["a"]


# --- toasts


def test_toasts_are_non_modal_stack_and_expire(qtbot):
    window = QWidget()
    window.resize(800, 600)
    qtbot.addWidget(window)
    window.show()
    host = ToastHost(window, max_visible=2)
    first = host.show_message("Order sent", ToastLevel.SUCCESS, timeout_ms=100)
    second = host.show_message("Slow answer", ToastLevel.WARNING, timeout_ms=0)
    assert QApplication.activeModalWidget() is None
    assert first.isVisible() and second.isVisible()
    assert second.geometry().bottom() < window.height()
    assert first.geometry().bottom() < second.geometry().top()  # older toasts stack above newer ones
    qtbot.waitUntil(lambda: host.toasts() == [second], timeout=2000)
    host.show_message("a")
    host.show_message("b")  # beyond max_visible: the oldest goes
    assert [t.text() for t in host.toasts()] == ["a", "b"]
    assert second.level is ToastLevel.WARNING and second.property("level") == "warning"


# --- connection indicator


def test_the_connection_indicator_shows_state_latency_and_tooltip(qtbot):
    indicator = ConnectionIndicator("ramm", "RAMM")
    qtbot.addWidget(indicator)
    assert indicator.state is LightState.DISCONNECTED
    assert indicator.state.color.name() == GREY
    assert indicator.text() == "RAMM"
    indicator.setState(LightState.CONNECTED, 12.4, "http://x/ramm")
    assert indicator.text() == "RAMM 12 ms"
    assert "RAMM: connected" in indicator.toolTip()
    assert "12 ms" in indicator.toolTip() and "http://x/ramm" in indicator.toolTip()
    assert LightState.CONNECTING.color == LightState.DEGRADED.color
    indicator.setState(LightState.FAILED, None, "cannot connect")
    assert indicator.text() == "RAMM"
    assert indicator.sizeHint().width() > indicator.fontMetrics().horizontalAdvance("RAMM")
    indicator.grab()  # paints without errors


def test_a_new_latency_of_the_same_width_does_not_lay_the_status_bar_out_again(qtbot):
    bar = QWidget()
    qtbot.addWidget(bar)
    indicator = ConnectionIndicator("ramm", "RAMM", bar)
    QHBoxLayout(bar).addWidget(indicator)
    bar.show()
    requests: list[int] = []

    class Counter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest:
                requests.append(1)
            return False

    counter = Counter()
    bar.installEventFilter(counter)
    indicator.setState(LightState.CONNECTED, 12.0)
    QApplication.processEvents()
    requests.clear()
    for ms in (13.0, 48.0, 7.0, 120.0):  # every latency up to 3 digits fits the room kept for it
        indicator.setState(LightState.CONNECTED, ms)
        QApplication.processEvents()
    assert requests == [] and indicator.text() == "RAMM 120 ms"
    indicator.setState(LightState.CONNECTED, 123456.0)  # wider: the bar makes room
    QApplication.processEvents()
    assert requests


def test_the_utc_clock_shows_utc_time(qtbot):
    clock = UtcClock()
    qtbot.addWidget(clock)
    text = clock.text()
    assert text.endswith(" UTC") and len(text) == len("12:34:56 UTC")
    assert datetime.now(UTC).strftime("%Y-%m-%d") in clock.toolTip()
