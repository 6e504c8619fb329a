"""What the tests of the demo's start (``app.composition._run`` with a stand-in simulator) share."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.context import AppContext, AppSettings
from app.credentials import CredentialStore
from app.journal import JournalHandler
from app.profiles import ProfileStore
from services.simulator.process import SimulatorAddress
from services.simulator.served import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN, available_venues
from tests.app.memory_keyring import MemoryKeyring
from widgets.main_window import MainWindow


def demo_address(base_url: str) -> SimulatorAddress:
    """The address a launched child is known by (the socket handed over)."""
    venues = frozenset(available_venues())
    return SimulatorAddress(base_url, venues, DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN)


def demo_context(data: Path) -> AppContext:
    store = ProfileStore(data / "profiles", "trader")
    return AppContext(
        settings=AppSettings("trader", data),
        profiles=store,
        profile=store.load().profile,
        credentials=CredentialStore(backend=MemoryKeyring()),
        journal=JournalHandler(),
    )


def demo_args() -> argparse.Namespace:
    return argparse.Namespace(
        venues="demo", seed=1, sim_speed=1.0, reset_layout=False, smoke=None, screenshot=None
    )


def main_window() -> MainWindow | None:
    shown = (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    return next(shown, None)


async def end_run(run: asyncio.Future[Any]) -> None:
    """A run a failed test left going: its window closed, its end awaited."""
    if not run.done():
        window = main_window()
        if window is not None:
            window.close()
        await asyncio.wait_for(run, 15)
