"""The demo: the simulator's child process started for the terminal, and what the app may know of it.

Only this module and the entry point (``app.__main__``, which launches the process before the app's
imports) touch the simulator; the rest of the app sees a :class:`~app.context.DemoSetup`: where the venues
are, the demo user, which venues it serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import venues
from services.simulator.process import SimulatorProcess

if TYPE_CHECKING:
    from app.context import DemoSetup
    from services.simulator.server import EmbeddedSimulator


def launch_demo(seed: int, speed: float, *extra_args: str) -> SimulatorProcess:
    """Launch the simulator's process (returns at once); ``extra_args`` go to its command line as they are."""
    simulator = SimulatorProcess(["--seed", str(seed), "--speed", str(speed), *extra_args])
    simulator.launch()
    return simulator


async def start_demo(simulator: SimulatorProcess) -> tuple[DemoSetup, venues.VenueEndpoints]:
    """Await the launched ``simulator`` without blocking the UI; raises SimulatorStartError when it cannot."""
    from app.context import DemoSetup  # here: this module is imported before Qt, by app.__main__

    address = await simulator.ready()
    setup = DemoSetup(
        login=address.login,
        password=address.password,
        served_venues=address.venues,
        stop=simulator.stop,
    )
    return setup, venues.demo(address.base_url, address.server_token)


def demo_setup(simulator: EmbeddedSimulator) -> DemoSetup:
    """What the app knows of an in-process ``simulator`` (the tests' shared one)."""
    from app.context import DemoSetup
    from services.simulator.app import available_venues
    from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD

    return DemoSetup(DEMO_LOGIN, DEMO_PASSWORD, frozenset(available_venues()), simulator.stop)
