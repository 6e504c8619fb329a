"""BackOfficeSession against the in-process simulator: its states, the measured /ping, expiry, logout and
the idempotent transfer that tells the money moved."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from services.domain import ConnectionState
from services.dxregister.backoffice import BackOfficeSession
from services.dxregister.client import DxRegisterClient
from services.errors import AuthError
from tests.services.dxregister.simulated import BASE_URL, CLEARING, PORTFOLIO, make_sim


def session_on(sim) -> BackOfficeSession:
    return BackOfficeSession(BASE_URL, client=sim.client(), retry_delay=0.05)


async def test_login_pings_at_once_and_logout_ends_the_session():
    sim = make_sim()
    session = session_on(sim)
    states: list[ConnectionState] = []
    pings: list[float] = []
    session.state_changed.connect(lambda state, detail: states.append(state))
    session.ping_measured.connect(pings.append)

    await session.login("demo", "demo")

    assert states == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    assert session.connected and session.login_name == "demo" and session.domain == "default"
    assert len(pings) == 1 and session.last_ping_ms is not None and session.last_ping_ms >= 0
    token = session.client.session_token
    assert token in sim.state.sessions
    await session.logout()
    assert session.state is ConnectionState.DISCONNECTED and session.last_ping_ms is None
    assert token not in sim.state.sessions and session.client.session_token is None
    await session.aclose()


async def test_a_refused_login_is_failed_with_the_venues_words():
    sim = make_sim()
    session = session_on(sim)
    with pytest.raises(AuthError):
        await session.login("demo", "wrong")
    assert session.state is ConnectionState.FAILED and "30016" in session.detail
    await session.aclose()


async def test_the_keep_alive_measures_pings_and_reports_expiry():
    sim = make_sim(speed=1.0)
    sim.state.session_lifetime = 0.6
    session = session_on(sim)
    pings: list[float] = []
    session.ping_measured.connect(pings.append)
    await session.login("demo", "demo")
    await asyncio.sleep(1.2)
    assert len(pings) >= 3 and session.state is ConnectionState.CONNECTED  # kept alive past 2 lifetimes
    sim.state.sessions.clear()  # the venue forgets it (a restart)
    await asyncio.sleep(0.8)
    assert session.state is ConnectionState.FAILED and session.last_ping_ms is None
    await session.aclose()


async def test_a_transfer_sent_twice_moves_money_once_and_tells_it():
    sim = make_sim()
    session = session_on(sim)
    await session.login("demo", "demo")
    moved: list[tuple[str, str]] = []
    session.money_moved.connect(lambda clearing, account: moved.append((clearing, account)))
    before = sim.cash().total
    pending = DxRegisterClient.prepare_transfer("deposit", CLEARING, PORTFOLIO, "RUB", Decimal(10_000))
    await session.send_transfer(pending)
    await session.send_transfer(pending)  # a retry after a lost answer
    assert sim.cash().total == before + 10_000
    assert moved == [(CLEARING, PORTFOLIO)] * 2
    await session.aclose()
