"""The Strategies panel with its view-model over a scripted strategy host: the run-state machine of the
buttons (Stopped -> Starting -> Running -> Stopping), no double start, refusals shown, polling while visible,
new from a template, save and delete."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import replace
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget

from app.strategy_forms.run_state import Outcome, RunAction, RunTracker
from app.trading.bridge import QtTrading
from app.viewmodels.strategies import StrategiesViewModel, strategy_columns
from app.workspace import PanelContext
from services.domain import ConnectionState, StrategySpec, StrategyStatus
from services.errors import VenueError
from services.protocols import StrategyHost
from services.trading.core import TradingCore
from tests.conftest import wait_until
from tests.gui.test_strategies_form import ETH_USDT, SMM_TEMPLATE
from tests.stub_session import StubSession
from widgets.common.record_table import RecordTableModel
from widgets.panels.strategies import StrategiesPanel

STOPPED, STARTING, RUNNING, STOPPING = (
    StrategyStatus.STOPPED,
    StrategyStatus.STARTING,
    StrategyStatus.RUNNING,
    StrategyStatus.STOPPING,
)


class ScriptedHost:
    """A StrategyHost whose start/stop can be held in flight (``gate``) or refused (``refusal``)."""

    def __init__(self) -> None:
        first = replace(
            SMM_TEMPLATE, name="mm one", strategy_id="1", params=copy.deepcopy(SMM_TEMPLATE.params)
        )
        first.params["symbols"][0].update(symbol="ETH-USDT", currency2="USDT", priceStep=Decimal("1"))
        self.items: dict[str, StrategySpec] = {"1": first}
        self.running: set[str] = set()
        self.calls: list[tuple[str, str]] = []
        self.polls = 0
        self.gate: asyncio.Event | None = None
        self.refusal = ""
        self.ignore_start = False  # accept a start but never run it

    async def templates(self):
        return [SMM_TEMPLATE]

    async def strategies(self):
        self.polls += 1
        return [
            replace(spec, status=RUNNING if sid in self.running else STOPPED)
            for sid, spec in self.items.items()
        ]

    async def save(self, spec: StrategySpec) -> StrategySpec:
        self.calls.append(("save", spec.strategy_id))
        saved = replace(spec, strategy_id=spec.strategy_id or str(len(self.items) + 1))
        self.items[saved.strategy_id] = saved
        return saved

    async def delete(self, spec: StrategySpec) -> None:
        self.calls.append(("delete", spec.strategy_id))
        del self.items[spec.strategy_id]

    async def _command(self, name: str, spec: StrategySpec) -> None:
        self.calls.append((name, spec.strategy_id))
        if self.gate is not None:
            await self.gate.wait()
        if self.refusal:
            raise VenueError("coinweight", 501, self.refusal)

    async def start(self, spec: StrategySpec) -> None:
        await self._command("start", spec)
        if not self.ignore_start:
            self.running.add(spec.strategy_id)

    async def stop(self, spec: StrategySpec, cancel_orders: bool) -> None:
        await self._command("stop" if cancel_orders else "leave", spec)
        self.running.discard(spec.strategy_id)

    async def status(self, spec: StrategySpec) -> StrategyStatus:
        return RUNNING if spec.strategy_id in self.running else STOPPED


class HostingSession(StubSession):
    """A coin-weight session whose strategy host is the scripted one."""

    def __init__(self, core: QtTrading, host: ScriptedHost) -> None:
        super().__init__(core.core.stores, "coinweight", [ETH_USDT])
        self.host = host

    @property
    def strategy_host(self) -> StrategyHost:
        return self.host


@pytest.fixture
async def rig(qtbot):
    host = ScriptedHost()
    core = QtTrading(TradingCore())
    session = HostingSession(core, host)
    session.set_state(ConnectionState.DISCONNECTED)
    core.add_session(session)
    panel = StrategiesPanel(RecordTableModel(strategy_columns(), key="id"))
    qtbot.addWidget(panel)
    context = PanelContext(None, "strategies", {}, lambda: None)  # type: ignore[arg-type]  # no app: the core is given
    vm = StrategiesViewModel(context, panel, core=core, poll_interval=0.05)
    panel.resize(1200, 420)
    panel.show()
    await session.login("demo", "demo")
    await wait_until(lambda: panel.table.record_model.row_of("1") is not None)
    yield host, session, panel, vm
    await session.logout()


def buttons(panel: StrategiesPanel) -> tuple[bool, bool, bool, bool]:
    return (
        panel.start_button.isEnabled(),
        panel.stop_button.isEnabled(),
        panel.leave_button.isEnabled(),
        panel.delete_button.isEnabled(),
    )


def state(vm: StrategiesViewModel, sid: str = "1") -> StrategyStatus:
    row = vm.row(sid)
    assert row is not None
    return row.state


async def test_start_runs_through_starting_and_a_second_start_is_refused(rig):
    host, _session, panel, vm = rig
    assert buttons(panel) == (False, False, False, False)  # nothing selected
    panel.select_strategy("1")
    assert buttons(panel) == (True, False, False, True)
    host.gate = asyncio.Event()

    panel.start_button.click()

    assert state(vm) is STARTING
    assert buttons(panel) == (False, False, False, False)
    assert not panel.form.save_button.isEnabled()
    panel.start_button.click()  # disabled: nothing happens
    assert vm.run("1", RunAction.START) is False  # and the view-model refuses too
    await asyncio.sleep(0.2)  # polls keep coming while the request is in flight
    assert state(vm) is STARTING
    assert host.calls.count(("start", "1")) == 1

    host.gate.set()
    await wait_until(lambda: state(vm) is RUNNING)
    assert buttons(panel) == (False, True, True, False)
    assert panel.table.record_model.index(0, 1).data() == "Running"


async def test_stop_and_leave_go_through_stopping(rig):
    host, _session, panel, vm = rig
    host.running.add("1")
    panel.select_strategy("1")
    await wait_until(lambda: state(vm) is RUNNING)
    host.gate = asyncio.Event()

    panel.leave_button.click()

    assert state(vm) is STOPPING and buttons(panel) == (False, False, False, False)
    host.gate.set()
    await wait_until(lambda: state(vm) is STOPPED)
    assert buttons(panel) == (True, False, False, True)
    host.running.add("1")
    await wait_until(lambda: state(vm) is RUNNING)
    panel.stop_button.click()
    await wait_until(lambda: state(vm) is STOPPED)
    assert [c for c in host.calls if c[0] in ("stop", "leave")] == [("leave", "1"), ("stop", "1")]


async def test_a_refused_start_is_shown_and_the_state_goes_back(rig):
    host, _session, panel, vm = rig
    panel.select_strategy("1")
    host.refusal = "Arbitrage strategies cannot run in the simulator yet"

    panel.start_button.click()

    await wait_until(lambda: "cannot run in the simulator" in panel.error_text())
    assert "mm one" in panel.error_text()
    assert state(vm) is STOPPED and buttons(panel) == (True, False, False, True)
    assert "cannot run" in vm.row("1").note  # also in the row's status tooltip


async def test_an_unconfirmed_start_ends_the_wait_with_a_message(rig):
    host, _session, panel, vm = rig
    vm.tracker.confirm_timeout = 0.2
    host.ignore_start = True
    panel.select_strategy("1")
    panel.start_button.click()
    assert state(vm) is STARTING
    await wait_until(lambda: state(vm) is STOPPED, timeout=3)
    assert "has not confirmed" in panel.error_text()


async def test_polling_only_while_the_panel_is_visible(rig):
    host, _session, panel, _vm = rig
    await wait_until(lambda: host.polls >= 3)
    panel.hide()
    await asyncio.sleep(0.1)
    polls = host.polls
    await asyncio.sleep(0.3)
    assert host.polls == polls
    panel.show()
    await wait_until(lambda: host.polls > polls + 1)


async def test_new_from_template_is_saved_only_when_valid(rig):
    host, _session, panel, _vm = rig
    panel.new_button.click()
    await wait_until(lambda: panel.new_dialog is not None)
    dialog = panel.new_dialog
    assert dialog.template_combo.currentData() == "SingleMarketMaker"
    assert not dialog.ok_button().isEnabled()  # no name yet
    dialog.name_edit.setText("eth maker")
    assert dialog.set_symbol("binance", "ETH-USDT")
    assert "ETH" in dialog.currencies.text() and "USDT" in dialog.currencies.text()
    dialog.ok_button().click()

    form = panel.form
    assert form.heading.text() == "eth maker" and "not saved" in form.subheading.text()
    assert buttons(panel) == (False, False, False, False)  # not at the venue yet: nothing to run or delete
    assert not form.save_button.isEnabled()  # the template's 0.0001 steps are finer than the 0.01 tick
    form.editor(("symbols", 0, "priceStep")).setText("0.5")
    form.editor(("symbols", 0, "middlePriceStep")).setText("0.5")
    assert form.save_button.isEnabled()
    form.save_button.click()

    await wait_until(lambda: ("save", "") in host.calls and panel.current_strategy() == "2")
    saved = host.items["2"]
    assert saved.name == "eth maker" and saved.params["symbols"][0]["symbol"] == "ETH-USDT"
    assert saved.params["symbols"][0]["priceStep"] == Decimal("0.5")
    assert buttons(panel) == (True, False, False, True)


async def test_delete_asks_first(rig):
    host, _session, panel, _vm = rig
    panel.select_strategy("1")
    panel.delete_button.click()
    box = panel.confirmation
    assert isinstance(box, QMessageBox) and "mm one" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    await asyncio.sleep(0.1)
    assert ("delete", "1") not in host.calls

    panel.delete_button.click()
    panel.confirmation.button(QMessageBox.StandardButton.Yes).click()
    await wait_until(lambda: panel.table.record_model.row_of("1") is None)
    assert ("delete", "1") in host.calls
    assert "was deleted" in panel.form.subheading.text()


def test_tracker_rules_without_a_panel():
    now = [0.0]
    tracker = RunTracker(confirm_timeout=5, clock=lambda: now[0])
    assert tracker.begin("1", RunAction.STOP, STOPPED) is False  # nothing to stop
    assert tracker.begin("1", RunAction.START, STOPPED) is True
    assert tracker.begin("1", RunAction.START, STOPPED) is False  # no double start
    assert tracker.state("1", STOPPED) is STARTING
    assert tracker.observe("1", STOPPED) is Outcome.WAITING  # still in flight: no timeout yet
    now[0] = 100
    assert tracker.observe("1", STOPPED) is Outcome.WAITING
    tracker.answered("1")
    now[0] = 104
    assert tracker.observe("1", STOPPED) is Outcome.WAITING
    now[0] = 106
    assert tracker.observe("1", STOPPED) is Outcome.TIMED_OUT
    assert tracker.state("1", STOPPED) is STOPPED
    assert tracker.begin("1", RunAction.START, RUNNING) is False  # running already
    assert tracker.begin("1", RunAction.LEAVE, RUNNING) is True
    tracker.failed("1")
    assert tracker.state("1", RUNNING) is RUNNING


async def test_logging_out_empties_the_panel_and_disables_it(rig):
    host, session, panel, vm = rig
    panel.select_strategy("1")
    await session.logout()
    assert panel.table.record_model.rowCount() == 0
    assert buttons(panel) == (False, False, False, False) and not panel.new_button.isEnabled()
    assert "Not logged in" in panel.notice.text() and not vm.loaded
    polls = host.polls
    await asyncio.sleep(0.2)
    assert host.polls == polls  # no polling without a session
    await session.login("demo", "demo")
    await wait_until(lambda: vm.row("1") is not None)
    assert panel.new_button.isEnabled()


async def test_polling_and_requests_in_flight_end_with_the_panel(qtbot):
    host = ScriptedHost()
    core = QtTrading(TradingCore())
    session = HostingSession(core, host)
    core.add_session(session)
    window = QWidget()  # stays open when the panel goes (the app quits when its last window closes)
    qtbot.addWidget(window)
    panel = StrategiesPanel(RecordTableModel(strategy_columns(), key="id"), window)
    context = PanelContext(None, "strategies", {}, lambda: None)  # type: ignore[arg-type]  # no app: the core is given
    StrategiesViewModel(context, panel, core=core, poll_interval=0.05)
    window.show()
    await session.login("demo", "demo")
    await wait_until(lambda: host.polls >= 2)
    panel.select_strategy("1")
    host.gate = asyncio.Event()
    panel.start_button.click()  # held in flight
    await wait_until(lambda: ("start", "1") in host.calls)
    loop = asyncio.get_running_loop()
    failures: list[dict] = []
    loop.set_exception_handler(lambda _loop, context: failures.append(context))
    try:
        shiboken6.delete(panel)
        host.gate.set()  # the answer comes after the panel went: nothing may touch it
        polls = host.polls
        await asyncio.sleep(0.2)
        assert host.polls == polls
        assert failures == []
    finally:
        loop.set_exception_handler(None)
        await session.logout()
