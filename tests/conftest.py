"""Test-wide set-up: Qt offscreen, no Hypothesis database, and every async test runs on a qasync loop (the
app's own loop kind)."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

# Hypothesis keeps no example database (a failing example is printed instead), and its other files go to a
# temporary directory removed at the end: tests never write into the working directory.
hypothesis_settings.register_profile("tessera", database=None)
hypothesis_settings.load_profile("tessera")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="tessera-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HYPOTHESIS_HOME, ignore_errors=True)


def _qasync_loop():
    import asyncio

    import qasync
    from PySide6.QtWidgets import QApplication

    class TestEventLoop(qasync.QEventLoop):
        """A qasync loop whose callbacks always see themselves as running on it.

        In the app the loop runs for the whole session, so every Qt event (and every asyncio callback
        qasync drives with a Qt timer) happens inside ``run_forever``. Under pytest the loop runs only while
        a test or an async fixture is awaited; pytest-qt processes Qt events between them, which fires
        pending callbacks with no running loop set and breaks anyio/httpx ("no running event loop").
        """

        def _add_callback(self, handle, delay=0):
            callback = handle._callback

            def run_on_this_loop(*args):
                if asyncio._get_running_loop() is not None:
                    return callback(*args)
                asyncio.events._set_running_loop(self)
                try:
                    return callback(*args)
                finally:
                    asyncio.events._set_running_loop(None)

            handle._callback = run_on_this_loop
            return super()._add_callback(handle, delay)

    app = QApplication.instance() or QApplication([])
    return TestEventLoop(app)


def pytest_asyncio_loop_factories(config, item):
    return {"qasync": _qasync_loop}




@pytest.fixture(scope="session")
def live_simulator():
    """The embedded simulator on loopback (real HTTP, real timeouts), shared by tests that need a server."""
    from services.simulator.server import EmbeddedSimulator

    with EmbeddedSimulator(seed=11) as sim:
        yield sim
    sim.context.faults.clear()


async def wait_until(predicate, timeout: float = 5.0, interval: float = 0.02, message: str = "") -> None:
    """Await ``predicate()`` becoming true, letting the qasync loop run meanwhile.

    Async tests must use this instead of ``qtbot.waitUntil``/``qtbot.wait``: those spin a nested Qt event loop
    inside the running task, and asyncio cannot step another task from within it.
    """
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(message or f"condition not met within {timeout} s")
        await asyncio.sleep(interval)


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread():
    """Free Qt objects here, not in a server thread's GC pass (a qasync timer freed off-thread crashes Qt)."""
    import gc

    yield
    gc.collect()
