"""What the simulator serves and to whom: its venue mounts and the demo user.

Light on purpose (no Starlette, no engine): the app's process reads it to know the demo's venues and user
before the simulator's child process has finished booting (services/simulator/process.py).
"""

from __future__ import annotations

import importlib.util

DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo"
DEMO_SERVER_TOKEN = "demo"

# (venue id, mount prefix, module): CHP_Rest owns the root and so is mounted last.
VENUE_MOUNTS: tuple[tuple[str, str, str], ...] = (
    ("coinweight", "/exp/v2", "services.simulator.apis.coinweight"),
    ("marketdata", "/md", "services.simulator.apis.marketdata"),
    ("dxregister", "/dxweb/rest", "services.simulator.apis.dxregister"),
    ("ramm", "/ramm", "services.simulator.apis.ramm"),
    ("aggregion", "/aggregion", "services.simulator.apis.aggregion"),
    ("chp", "", "services.simulator.apis.chp"),
)


def available_venues() -> list[str]:
    """The venue APIs this build of the simulator serves (found, not imported)."""
    return [venue for venue, _prefix, module in VENUE_MOUNTS if importlib.util.find_spec(module) is not None]
