"""The portfolio panel in the real main window on the live simulator: the portfolio list with its status, the
positions valued at market with P&L, the money, switching portfolios."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.panels import builtin_panels
from app.viewmodels.portfolio import CENT, PortfolioViewModel, PositionRecord
from services.domain import InstrumentId, Quote
from tests.conftest import wait_until
from tests.e2e.conftest import core_of, trading_shell  # noqa: F401  (fixture)

GAZP = InstrumentId("chp", "MOEX", "GAZP")
FIRST, SECOND = "ST100001-MO-01", "ST100001-MO-02"


def view_model(panel) -> PortfolioViewModel:
    found = panel.findChild(PortfolioViewModel)
    assert found is not None
    return found


def records(panel) -> dict[str, PositionRecord]:
    model = view_model(panel).model
    rows = [model.record(row) for row in range(model.rowCount())]
    return {record.symbol: record for record in rows if record is not None}


async def test_positions_are_valued_at_market_and_portfolios_switch(trading_shell, qtbot, tmp_path):  # noqa: F811
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    shell.window.dock("portfolio").raise_()  # its tab picked (the default layout puts it behind another)
    panel = shell.window.dock("portfolio").widget()
    assert "Not connected" in panel.message.text()
    session = core.session("chp")
    await session.login("demo", "demo")

    selector = panel.selector
    assert [selector.itemData(i) for i in range(selector.count())] == [FIRST, SECOND]
    assert selector.itemText(0) == f"{FIRST}  (broker)" and panel.current_portfolio() == FIRST
    await wait_until(
        lambda: "GAZP" in records(panel) and records(panel)["GAZP"].market is not None, timeout=10
    )
    gazp = records(panel)["GAZP"]
    held = next(p for p in core.positions.positions("chp", FIRST) if p.instrument == GAZP)
    assert gazp.quantity == held.quantity and gazp.average == held.average_price.quantize(CENT)

    last = (held.average_price + Decimal("1.5")).quantize(CENT)  # a price on GAZP's tick
    core.quotes.put(Quote(GAZP, bid=None, ask=None, last=last))
    core.flush_now()
    gazp = records(panel)["GAZP"]
    gain = (last - held.average_price) * held.quantity
    assert gazp.market == last and gazp.value == (last * held.quantity).quantize(CENT)
    assert gazp.pnl == gain.quantize(CENT) and gazp.pnl > 0
    assert gazp.pnl_pct == (gain / (held.average_price * held.quantity) * 100).quantize(CENT)
    model = view_model(panel).model
    row = model.row_of(GAZP)
    assert row is not None
    assert model.index(row, 5).data() == f"+{gazp.pnl:,f}"
    assert model.index(row, 5).data(Qt.ItemDataRole.ForegroundRole) is not None  # green
    await wait_until(lambda: "Money" in panel.summary.text(), timeout=5)
    money = core.accounts.available("chp", FIRST, "RUB")
    assert money is not None
    assert f"{money.total.quantize(CENT):,f}" in panel.summary.text()

    selector.setCurrentIndex(1)
    selector.activated.emit(1)  # the user picks the second portfolio
    assert view_model(panel).portfolio == SECOND
    await wait_until(
        lambda: (
            {r.id for r in records(panel).values()}
            == {p.instrument for p in core.positions.positions("chp", SECOND)}
        )
    )
    second = core.accounts.available("chp", SECOND, "RUB")
    assert second is not None
    await wait_until(lambda: f"{second.total.quantize(CENT):,f}" in panel.summary.text())
    shell.window.grab().save(str(tmp_path / "portfolio_panel.png"))
    await session.logout()
    assert "Not connected" in panel.message.text() and records(panel) == {}



async def test_a_hidden_portfolio_follows_no_quote_and_is_valued_again_when_shown(trading_shell):  # noqa: F811
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    dock = shell.window.dock("portfolio")
    panel = dock.widget()
    vm = view_model(panel)
    session = core.session("chp")
    await session.login("demo", "demo")
    dock.raise_()
    await wait_until(lambda: "GAZP" in records(panel) and records(panel)["GAZP"].market is not None, 10)
    assert GAZP in session._quote_subscribers.get(vm, ())

    dock.hide()  # closed (a covered tab is hidden the same way, by its PanelDock)
    assert not vm.shown and vm not in session._quote_subscribers
    held = next(p for p in core.positions.positions("chp", FIRST) if p.instrument == GAZP)
    last = (held.average_price + Decimal("2.5")).quantize(CENT)
    core.quotes.put(Quote(GAZP, bid=None, ask=None, last=last))
    core.flush_now()
    assert records(panel)["GAZP"].market != last  # not valued while hidden

    dock.show()
    dock.raise_()
    await wait_until(lambda: vm.shown)
    assert GAZP in session._quote_subscribers.get(vm, ())
    assert records(panel)["GAZP"].market == last  # the last quote known, at once
    await session.logout()
