"""The demo: the embedded simulator started for the terminal, and what the app may know of it.

Only this module (called by the composition root, ``app.__main__``) imports the simulator; the rest of the
app sees a :class:`~app.context.DemoSetup`: where the venues are, the demo user, which venues it serves, how
to reset the paper account.

The simulator keeps the venues' state (a paper account: balances, orders, favourites, strategies ...) in the
profile's folder, ``paper-account.sqlite`` (:func:`paper_state_path`), so it is there again at the next start
with the same profile.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app import venues
from app.context import DemoSetup
from app.profiles import ProfileStore
from services.simulator.app import available_venues
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN
from services.simulator.server import EmbeddedSimulator

PAPER_FILE = "paper-account.sqlite"


def paper_state_path(profiles: ProfileStore) -> Path:
    """Where the profile's paper account lives."""
    return profiles.directory / PAPER_FILE


async def start_demo(
    seed: int, speed: float, state_path: Path | None = None
) -> tuple[DemoSetup, venues.VenueEndpoints, list[str]]:
    """Start the simulator (off the UI thread); raises SimulatorStartError when it cannot. ``state_path``: the
    paper account's file (None: a fresh, forgetful simulator). Also returns what to tell the user (a paper
    account file that could not be used and was set aside)."""
    simulator = await asyncio.to_thread(EmbeddedSimulator, seed=seed, speed=speed, state_path=state_path)
    base_url = await asyncio.to_thread(simulator.start)
    return demo_setup(simulator), venues.demo(base_url, DEMO_SERVER_TOKEN), paper_notices(simulator)


def demo_setup(simulator: EmbeddedSimulator) -> DemoSetup:
    """What the app knows of a running ``simulator``."""
    return DemoSetup(
        login=DEMO_LOGIN,
        password=DEMO_PASSWORD,
        served_venues=frozenset(available_venues()),
        stop=simulator.stop,
        reset_paper=simulator.reset_paper,
    )


def paper_notices(simulator: EmbeddedSimulator) -> list[str]:
    if simulator.paper_unavailable is not None:
        return [
            QCoreApplication.translate(
                "PaperAccount",
                "Your paper account cannot be kept in the profile's folder ({reason}); what you do on the "
                "demo venues is forgotten when Tessera closes.",
            ).format(reason=simulator.paper_unavailable)
        ]
    aside = simulator.paper.set_aside if simulator.paper is not None else None
    if aside is None:
        return []
    return [
        QCoreApplication.translate(
            "PaperAccount",
            "Your paper account could not be read and was set aside as {file}; a fresh paper account was "
            "started.",
        ).format(file=aside.name)
    ]
