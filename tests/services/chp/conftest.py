"""Fixtures: the CHP simulator in-process and a client connected to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.chp.client import ChpClient
from tests.services.chp.simulated import Sim, make_sim


@pytest.fixture
def sim() -> Sim:
    return make_sim()


@pytest.fixture
async def client(sim: Sim) -> AsyncIterator[ChpClient]:
    http = sim.http()
    chp = ChpClient(http)
    await chp.connected("demo", "demo", "demo")
    yield chp
    await http.aclose()
