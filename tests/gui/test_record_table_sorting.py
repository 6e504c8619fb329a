"""RecordTableModel sorts itself by key arrays: every column's order, changes and inserts while sorted, the
selection kept across a bulk insert, one change touching one row."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from widgets.common.record_table import RAW_VALUE_ROLE, Column, RecordTableModel, RecordTableView

T0 = datetime(2026, 1, 1, tzinfo=UTC)
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


@dataclass(frozen=True)
class Row:
    id: str
    price: Decimal | None
    time: datetime
    symbol: str
    count: int


COLUMNS = [
    Column("id", "Id"),
    Column("price", "Price"),
    Column("time", "Time"),
    Column("symbol", "Symbol"),
    Column("count", "Count"),
]


def rows(n: int, seed: int = 7) -> list[Row]:
    rnd = random.Random(seed)
    return [
        Row(
            str(i),
            None if rnd.random() < 0.1 else Decimal(rnd.randint(0, 50)) / 4,
            T0 + timedelta(seconds=rnd.randint(0, 30)),
            rnd.choice(["BTC-USDT", "ETH", "LKOH", "aapl", ""]),
            rnd.randint(-3, 3),
        )
        for i in range(n)
    ]


def expected(records: list[Row], key: str, descending: bool) -> list[str]:
    """Python's stable sort over the raw values, None first (descending: the ascending order reversed)."""
    values = {r.id: getattr(r, key) for r in records}
    ascending = sorted(records, key=lambda r: () if values[r.id] is None else (values[r.id],))
    ids = [r.id for r in ascending]
    return ids[::-1] if descending else ids


def shown(view: RecordTableView) -> list[str]:
    return [view.id_at(row) for row in range(view.proxy.rowCount())]


@pytest.fixture
def table(qtbot):
    model = RecordTableModel(COLUMNS)
    view = RecordTableView(model)
    qtbot.addWidget(view)
    return model, view


@pytest.mark.parametrize("column", range(1, len(COLUMNS)))
@pytest.mark.parametrize("order", [ASC, DESC])
def test_sorting_by_every_column_gives_the_raw_values_order(table, column, order):
    model, view = table
    records = rows(300)
    model.upsert(records)
    view.sortByColumn(column, order)
    key = COLUMNS[column].key
    got = [model.index(r, column).data(RAW_VALUE_ROLE) for r in range(model.rowCount())]
    want = [getattr(model.record_by_id(i), key) for i in expected(records, key, order == DESC)]
    assert got == want
    assert [view.id_at(r) for r in range(3)] == [model.record(r).id for r in range(3)]


def test_changes_and_inserts_while_sorted_land_where_a_fresh_sort_puts_them(table):
    model, view = table
    records = rows(200)
    model.upsert(records)
    view.sortByColumn(1, DESC)
    rnd = random.Random(3)
    current = {r.id: r for r in records}
    for step in range(60):
        if step % 3 == 0:
            new = Row(f"n{step}", Decimal(rnd.randint(0, 50)) / 4, T0, "X", 0)
            current[new.id] = new
            model.upsert([new])
        else:
            old = current[str(rnd.randrange(200))]
            changed = replace(old, price=None if step % 7 == 0 else Decimal(rnd.randint(0, 50)) / 4)
            current[changed.id] = changed
            model.upsert([changed])
    prices = [model.index(r, 1).data(RAW_VALUE_ROLE) for r in range(model.rowCount())]
    assert prices == [current[i].price for i in expected(list(current.values()), "price", True)]
    assert sorted(shown(view)) == sorted(current)
    assert all(model.row_of(i) is not None and model.record(model.row_of(i)).id == i for i in current)


def test_a_value_of_another_kind_sorts_the_column_as_text(table):
    model, view = table
    model.upsert([Row("a", Decimal(2), T0, "x", 0), Row("b", Decimal(10), T0, "y", 0)])
    view.sortByColumn(1, ASC)
    assert shown(view) == ["a", "b"]
    model.upsert([Row("c", "1.5", T0, "z", 0)])  # type: ignore[arg-type]  # a venue sent text
    assert shown(view) == ["c", "b", "a"]  # "1.5" < "10" < "2" as text


def test_one_change_updates_that_rows_cells_only(table):
    model, view = table
    model.upsert(rows(50))
    view.sortByColumn(3, ASC)
    events: list[tuple] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: events.append((top.row(), bottom.row(), top.column(), bottom.column()))
    )
    model.rowsMoved.connect(lambda *args: events.append(("moved",)))
    model.layoutChanged.connect(lambda *args: events.append(("layout",)))
    target = model.record(10)
    model.upsert([replace(target, count=target.count + 100)])  # not the sorted column: no move
    assert events == [(10, 10, 4, 4)]  # that row, that column
    assert model.record(10).count == target.count + 100


def test_a_bulk_insert_keeps_the_selection_and_the_order(table):
    model, view = table
    model.upsert(rows(100))
    view.sortByColumn(2, DESC)
    view.selectRow(5)
    chosen = view.selected_ids()
    model.upsert(rows(500, seed=9)[100:])  # 400 new rows: one insert, one re-sort
    assert view.selected_ids() == chosen
    times = [model.index(r, 2).data(RAW_VALUE_ROLE) for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True) and len(times) == 500


def test_removing_while_sorted_and_back_to_arrival_order(table):
    model, view = table
    records = rows(3000)
    model.upsert(records)
    view.sortByColumn(1, ASC)
    gone = {str(i) for i in range(0, 3000, 2)}
    model.remove(gone)
    assert len(shown(view)) == 1500 and not gone & set(shown(view))
    prices = [model.index(r, 1).data(RAW_VALUE_ROLE) for r in range(model.rowCount())]
    assert prices == [
        model.record_by_id(i).price
        for i in expected([r for r in records if r.id not in gone], "price", False)
    ]
    view.sortByColumn(-1, ASC)
    assert shown(view) == [r.id for r in records if r.id not in gone]
    assert model.ids() == shown(view)
