"""When the demo simulator's child cannot start (its paper account open in another Tessera), the window says
why and what to do, and the app then ends with code 1."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication, QMessageBox

import app.composition as composition
from services.simulator.process import SimulatorAddress, SimulatorStartError
from tests.app.demo_run import demo_address, demo_args, demo_context, end_run, main_window
from tests.conftest import wait_until

BUSY = "the paper account is open in another Tessera: /x/paper-account.sqlite is in use by another Tessera"


class BusySimulator:
    """A launched child whose address is known (the socket handed over) but which fails to serve."""

    def __init__(self, base_url: str) -> None:
        self.address = demo_address(base_url)
        self.stopped = False

    async def ready(self) -> SimulatorAddress:
        await asyncio.sleep(0)
        raise SimulatorStartError(BUSY)

    def stop(self) -> None:
        self.stopped = True

    def reset_paper(self) -> SimulatorAddress:
        return self.address


def shown_box() -> QMessageBox | None:
    boxes = (w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    return next((box for box in boxes if box.objectName() == "demoFailed"), None)


async def test_a_simulator_that_cannot_start_is_explained_in_the_window_then_the_app_exits_1(
    tmp_path, qapp, closed_port_url
):
    qapp.setQuitOnLastWindowClosed(False)  # the test's loop outlives the window
    ctx = demo_context(tmp_path)
    simulator = BusySimulator(closed_port_url)
    run = asyncio.ensure_future(composition._run(ctx, demo_args(), simulator))  # type: ignore[arg-type]
    try:
        await wait_until(lambda: shown_box() is not None or run.done(), timeout=30)
        box = shown_box()
        assert box is not None and main_window() is not None  # the box is on the window, still open
        assert box.parent() is main_window()
        assert "open in another Tessera" in box.text()  # the cause
        assert "--profile" in box.informativeText()  # and what to do
        assert not run.done()  # the app waits for the user to read it
        box.button(QMessageBox.StandardButton.Close).click()
        assert await asyncio.wait_for(run, 15) == 1
        assert main_window() is None and simulator.stopped
    finally:
        await end_run(run)
        qapp.setQuitOnLastWindowClosed(True)
