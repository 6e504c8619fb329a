"""Market watch and Favourites against the live simulator: the user's categories as tabs, live quotes for the
shown tab only, stars kept in sync with the venue (and put back when it refuses), link-colour publishing."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from app.panels import builtin_panels
from app.shell import Shell
from app.viewmodels.market_watch import instrument_key
from app.workspace import WorkspaceRegistry
from services.domain import ConnectionState, InstrumentId
from services.trading.chp import ChpVenueSession
from services.trading.coinweight import CoinWeightVenueSession
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from widgets.common.toast import ToastLevel
from widgets.panels.market_watch import STAR, MarketWatchPanel

VENUE = "coinweight"
WATCH = ("market_watch", "favourites")


def registry_of(panel_ids: tuple[str, ...]) -> WorkspaceRegistry:
    """These panels as registered in the app, and nothing else."""
    return builtin_panels().subset(panel_ids)


def panel_of(shell: Shell, panel_id: str) -> MarketWatchPanel:
    widget = shell.window.dock(panel_id).widget()
    assert isinstance(widget, MarketWatchPanel)
    return widget


def click_star(panel: MarketWatchPanel, key: str) -> None:
    row = panel.model.row_of(key)
    assert row is not None
    index = panel.table.proxy.mapFromSource(panel.model.index(row, panel.STAR_COLUMN))
    QTest.mouseClick(
        panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center()
    )


async def venue_has(session, instrument: InstrumentId, wanted: bool, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while (instrument in await session.adapter.favourites()) != wanted:
        assert asyncio.get_running_loop().time() < deadline, (
            f"the venue never {'added' if wanted else 'removed'}"
        )
        await asyncio.sleep(0.1)


async def log_in(trading_shell, panel_ids: tuple[str, ...] = WATCH):
    shell = trading_shell(registry_of(panel_ids))
    session = core_of(shell).session(VENUE)
    await session.login("demo", "demo")
    watch = panel_of(shell, "market_watch")
    await wait_until(lambda: bool(watch.tabs()) and watch.model.rowCount() > 0)
    return shell, session, watch


@pytest.fixture
async def logged_in(trading_shell):
    """Each test logs out at its end: pytest-qt closes the window before async fixtures are torn down."""
    shell, session, watch = await log_in(trading_shell)
    yield shell, session, watch
    if session.state is not ConnectionState.DISCONNECTED:
        await session.logout()


def free_instrument(panel: MarketWatchPanel, favourites: list[InstrumentId]) -> InstrumentId:
    for key in panel.model.ids():
        market, symbol = str(key).split(":")
        instrument = InstrumentId(VENUE, market, symbol)
        if instrument not in favourites:
            return instrument
    raise AssertionError("every shown instrument is a favourite already")


async def test_tabs_are_the_categories_and_quotes_of_the_shown_tab_flow(logged_in):
    shell, session, watch = logged_in
    tabs = await session.adapter.market_tabs()
    assert watch.tabs() == [tab.name for tab in tabs]
    shown = next(tab for tab in tabs if tab.name == watch.currentTab())
    assert watch.model.ids() == [instrument_key(i) for i in shown.instruments]
    assert session.subscribed() == set(shown.instruments)  # favourites hidden behind it: nothing of theirs

    def rows():
        return [watch.row(key) for key in watch.model.ids()]

    await wait_until(lambda: all(r.bid is not None and r.ask is not None for r in rows()), timeout=5)
    for row in rows():
        decimals = session.instruments[InstrumentId(VENUE, row.counterparty, row.symbol)].price_decimals
        assert -row.bid.as_tuple().exponent == decimals and row.bid < row.ask
    first = {row.key: (row.bid, row.ask) for row in rows()}
    await wait_until(lambda: any((r.bid, r.ask) != first[r.key] for r in rows()), timeout=10)

    other = next(name for name in watch.tabs() if name != watch.currentTab())
    watch.selectTab(other)
    other_tab = next(tab for tab in tabs if tab.name == other)
    assert watch.model.ids() == [instrument_key(i) for i in other_tab.instruments]
    assert session.subscribed() == set(other_tab.instruments)
    assert shell.ctx.profile.panels["market_watch"]["tab"] == other

    shell.window.set_panel_visible("market_watch", False)
    await wait_until(lambda: not session.subscribed())
    await session.logout()


async def test_a_star_goes_to_favourites_and_the_venue_and_back(logged_in):
    shell, session, watch = logged_in
    favourites_panel = panel_of(shell, "favourites")
    instrument = free_instrument(watch, await session.adapter.favourites())
    key = instrument_key(instrument)

    click_star(watch, key)
    assert (
        watch.row(key).favourite and watch.model.index(watch.model.row_of(key), 0).data() == STAR
    )  # at once
    assert favourites_panel.row(key) is not None
    await venue_has(session, instrument, True)

    shell.window.set_panel_visible("favourites", True)  # unstar from the Favourites panel
    await wait_until(lambda: favourites_panel.isVisible())
    assert session.subscribed() >= {instrument}
    click_star(favourites_panel, key)
    assert favourites_panel.row(key) is None and not watch.row(key).favourite
    await venue_has(session, instrument, False)
    await session.logout()


async def test_a_refused_star_is_put_back_with_a_message(logged_in, live_simulator):
    shell, session, watch = logged_in
    instrument = free_instrument(watch, await session.adapter.favourites())
    key = instrument_key(instrument)
    rule = live_simulator.context.faults.add(path="favorite/add$", error_rate=1.0, times=1)
    try:
        click_star(watch, key)
        assert watch.row(key).favourite  # optimistic
        await wait_until(lambda: not watch.row(key).favourite)
    finally:
        live_simulator.context.faults.remove(rule.rule_id)
    assert panel_of(shell, "favourites").row(key) is None
    toasts = [t for t in shell.window.toasts.toasts() if "was not added to the favourites" in t.text()]
    assert toasts and toasts[0].level is ToastLevel.WARNING and instrument.symbol in toasts[0].text()
    assert "was not added to the favourites" in shell.window.statusBar().currentMessage()
    assert instrument not in await session.adapter.favourites()
    await session.logout()


async def test_activating_a_row_publishes_it_to_the_link_colour(logged_in):
    shell, session, watch = logged_in
    core = core_of(shell)
    assert watch.link_button.colour() == "red"  # the default
    watch.link_button.choose("blue")
    assert shell.ctx.profile.panels["market_watch"]["link"] == "blue"
    key = str(watch.model.ids()[1])
    index = watch.table.proxy.mapFromSource(watch.model.index(1, 2))
    watch.table.setCurrentIndex(index)
    watch.table.activated.emit(index)  # what a double click or Enter does
    market, symbol = key.split(":")
    assert core.links.current("blue") == InstrumentId(VENUE, market, symbol)
    assert core.links.current("red") is None
    await session.logout()


async def test_logging_out_empties_the_panels_and_says_why(logged_in):
    _shell, session, watch = logged_in
    await session.logout()
    await wait_until(lambda: watch.model.rowCount() == 0)
    assert watch.stack.currentWidget() is watch.placeholder
    assert "Log in to coin-weight" in watch.placeholder.text()


async def test_screenshot(trading_shell, tmp_path):
    """The panels as a trader sees them (a stand-in takes the chart's place), saved for a human to look at."""
    shell = trading_shell(registry_of((*WATCH, "balances")))
    session = core_of(shell).session(VENUE)
    assert isinstance(session, CoinWeightVenueSession)
    await session.login("demo", "demo")
    watch = panel_of(shell, "market_watch")
    await wait_until(lambda: watch.model.rowCount() > 0)
    window = shell.window
    window.setCentralWidget(QLabel("chart", alignment=Qt.AlignmentFlag.AlignCenter))
    window.resizeDocks([window.dock("market_watch")], [640], Qt.Orientation.Horizontal)
    window.resizeDocks([window.dock("balances")], [280], Qt.Orientation.Vertical)
    starred = None if await session.adapter.favourites() else watch.model.ids()[0]
    if starred is not None:
        click_star(watch, str(starred))
    balances = window.dock("balances").widget()
    await wait_until(
        lambda: all(
            (row := watch.row(str(k))) is not None and row.bid is not None for k in watch.model.ids()
        ),
        timeout=5,
    )
    await wait_until(lambda: balances.model.rowCount() > 0, timeout=5)
    await wait_until(lambda: shell.venue_access.summary.estimated_label.text() != "\u2014", timeout=6)
    await asyncio.sleep(1.2)  # a couple of ticks, so the last prices have a direction
    assert window.grab().save(str(tmp_path / "market_watch.png"))
    if starred is not None:  # leave the shared demo user as it was: other tests count its favourites
        click_star(watch, str(starred))
        market, symbol = str(starred).split(":")
        await venue_has(session, InstrumentId(VENUE, market, symbol), False)
    await session.logout()


async def test_stock_rows_update_from_the_broker_quotes(logged_in):
    shell, _session, watch = logged_in
    core = core_of(shell)
    chp = core.session("chp")
    assert isinstance(chp, ChpVenueSession)
    assert "Stocks" not in watch.tabs()  # not logged in to the broker yet
    await chp.login("demo", "demo")
    await wait_until(lambda: "Stocks" in watch.tabs(), timeout=5)
    watch.selectTab("Stocks")
    gazp = instrument_key(InstrumentId("chp", "MOEX", "GAZP"))
    assert gazp in watch.model.ids()
    assert InstrumentId("chp", "MOEX", "GAZP") in chp.subscribed()
    await wait_until(lambda: watch.row(gazp).bid is not None and watch.row(gazp).ask is not None, timeout=10)
    assert watch.row(gazp).bid < watch.row(gazp).ask
    click_star(watch, gazp)  # favourites live at the exchange: the star is put back
    await wait_until(lambda: not watch.row(gazp).favourite)
    await chp.logout()
    await wait_until(lambda: "Stocks" not in watch.tabs(), timeout=5)


async def test_a_new_window_from_the_same_profile_finds_the_favourites_and_the_tab(trading_shell):
    shell, session, watch = await log_in(trading_shell)
    tab = watch.tabs()[-1]
    watch.selectTab(tab)
    instrument = free_instrument(watch, await session.adapter.favourites())
    key = instrument_key(instrument)
    click_star(watch, key)
    await venue_has(session, instrument, True)
    await session.logout()
    shell.window.close()  # saves the profile

    again = trading_shell(registry_of(WATCH))
    session2 = core_of(again).session(VENUE)
    await session2.login("demo", "demo")
    watch2, favourites2 = panel_of(again, "market_watch"), panel_of(again, "favourites")
    await wait_until(lambda: favourites2.row(key) is not None, timeout=5)
    assert watch2.currentTab() == tab
    await wait_until(lambda: (row := watch2.row(key)) is not None and row.favourite, timeout=5)
    click_star(watch2, key)  # leave the shared demo user as it was
    await venue_has(session2, instrument, False)
    await session2.logout()
