"""The demo: the simulator's child process started for the terminal, and what the app may know of it.

Only this module and the entry point (``app.__main__``, which launches the process before the app's
imports) touch the simulator; the rest of the app sees a :class:`~app.context.DemoSetup`: where the venues
are, the demo user, which venues it serves, how to reset the paper account.

The simulator keeps the venues' state (a paper account: balances, orders, favourites, strategies ...) in the
profile's folder, ``paper-account.sqlite`` (:func:`paper_state_path`), so it is there again at the next start
with the same profile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app import venues
from services.simulator.process import SimulatorAddress, SimulatorProcess

if TYPE_CHECKING:
    from app.context import DemoSetup
    from app.profiles import ProfileStore
    from services.simulator.server import EmbeddedSimulator

PAPER_FILE = "paper-account.sqlite"


def paper_state_path(profiles: ProfileStore) -> Path:
    """Where the profile's paper account lives."""
    return profiles.directory / PAPER_FILE


def launch_demo(seed: int, speed: float, state_path: Path | None = None) -> SimulatorProcess:
    """Launch the simulator's process (returns at once). ``state_path``: the paper account's file (None: a
    fresh, forgetful simulator)."""
    args = ["--seed", str(seed), "--speed", str(speed)]
    if state_path is not None:
        args += ["--state", str(state_path)]
    simulator = SimulatorProcess(args)
    simulator.launch()
    return simulator


async def start_demo(simulator: SimulatorProcess) -> tuple[DemoSetup, venues.VenueEndpoints, list[str]]:
    """Await the launched ``simulator`` without blocking the UI; raises SimulatorStartError when it cannot.
    Also returns what to tell the user (a paper account file that could not be used and was set aside)."""
    address = await simulator.ready()
    return (*demo_at(simulator, address), paper_notices(address))


def demo_at(
    simulator: SimulatorProcess, address: SimulatorAddress
) -> tuple[DemoSetup, venues.VenueEndpoints]:
    """What the app knows of the launched ``simulator`` serving at ``address`` (known at the launch where the
    socket is handed over: the window and the venues' clients need not wait for the child's boot)."""
    from app.context import DemoSetup  # here: this module is imported before Qt, by app.__main__

    setup = DemoSetup(
        login=address.login,
        password=address.password,
        served_venues=address.venues,
        stop=simulator.stop,
        reset_paper=simulator.reset_paper,
    )
    return setup, venues.demo(address.base_url, address.server_token)


def demo_setup(simulator: EmbeddedSimulator) -> DemoSetup:
    """What the app knows of an in-process ``simulator`` (the tests' shared one)."""
    from app.context import DemoSetup
    from services.simulator.served import DEMO_LOGIN, DEMO_PASSWORD, available_venues

    return DemoSetup(
        login=DEMO_LOGIN,
        password=DEMO_PASSWORD,
        served_venues=frozenset(available_venues()),
        stop=simulator.stop,
        reset_paper=simulator.reset_paper,
    )


def paper_notices(address: SimulatorAddress) -> list[str]:
    from PySide6.QtCore import QCoreApplication

    if address.paper_unavailable is not None:
        return [
            QCoreApplication.translate(
                "PaperAccount",
                "Your paper account cannot be kept in the profile's folder ({reason}); what you do on the "
                "demo venues is forgotten when Tessera closes.",
            ).format(reason=address.paper_unavailable)
        ]
    if address.paper_set_aside is None:
        return []
    return [
        QCoreApplication.translate(
            "PaperAccount",
            "Your paper account could not be read and was set aside as {file}; a fresh paper account was "
            "started.",
        ).format(file=address.paper_set_aside)
    ]
