"""The demo: the embedded simulator started for the terminal, and what the app may know of it.

Only this module (called by the composition root, ``app.__main__``) imports the simulator; the rest of the
app sees a :class:`~app.context.DemoSetup`: where the venues are, the demo user, which venues it serves.
"""

from __future__ import annotations

import asyncio

from app import venues
from app.context import DemoSetup
from services.simulator.app import available_venues
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN
from services.simulator.server import EmbeddedSimulator


async def start_demo(seed: int, speed: float) -> tuple[DemoSetup, venues.VenueEndpoints]:
    """Start the simulator (off the UI thread); raises SimulatorStartError when it cannot."""
    simulator = EmbeddedSimulator(seed=seed, speed=speed)
    base_url = await asyncio.to_thread(simulator.start)
    return demo_setup(simulator), venues.demo(base_url, DEMO_SERVER_TOKEN)


def demo_setup(simulator: EmbeddedSimulator) -> DemoSetup:
    """What the app knows of a running ``simulator``."""
    return DemoSetup(
        login=DEMO_LOGIN,
        password=DEMO_PASSWORD,
        served_venues=frozenset(available_venues()),
        stop=simulator.stop,
    )
