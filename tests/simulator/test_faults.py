"""Fault injection: several rules per request, probabilities from a seed, HTTP errors, session expiry per
venue (coin-weight 403, CHP Error #5), the /_sim/faults control API. In-process (httpx.ASGITransport)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from services.chp.client import ChpClient
from services.chp.schemas import ErrorCode
from services.coinweight import CoinWeightClient
from services.errors import AuthError, TransportError, VenueError
from services.http import VenueHttp
from services.simulator.app import build_app
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN, SimulatorContext
from services.simulator.engine.catalog import default_engine
from services.simulator.engine.clock import SimClock
from services.simulator.faults import FaultPlan, FaultRule

BASE = "http://sim.test"


@dataclass
class FaultedSim:
    ctx: SimulatorContext
    transport: httpx.ASGITransport

    @property
    def faults(self) -> FaultPlan:
        return self.ctx.faults

    def coinweight(self) -> CoinWeightClient:
        return CoinWeightClient.create(f"{BASE}/exp/v2", transport=self.transport)

    def chp(self) -> ChpClient:
        return ChpClient(VenueHttp("chp", BASE, transport=self.transport, backoff=0))

    def raw(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self.transport, base_url=BASE)


@pytest.fixture
async def sim() -> AsyncIterator[FaultedSim]:
    clock = SimClock(speed=1.0)
    ctx = SimulatorContext(engine=default_engine(11, clock), clock=clock, seed=11)
    app = build_app(ctx)
    yield FaultedSim(ctx, httpx.ASGITransport(app=app))
    coinweight = next(route.app for route in app.routes if getattr(route, "name", "") == "coinweight")
    await coinweight.state.coinweight.shutdown()  # no lifespan under ASGITransport


# --- the plan ---------------------------------------------------------------------------------------------
def test_several_rules_strike_one_request_and_their_effects_add_up() -> None:
    plan = FaultPlan()
    plan.add(path="^/a/", latency_before=0.2, latency_after=0.1)
    plan.add(path="^/a/b$", method="POST", latency_before=0.3, drop_after=True, times=1)
    plan.add(path="^/a/b$", error_rate=1.0, error_status=502)
    plan.add(path="^/a/b$", error_rate=1.0, error_status=504)  # the first error that rolls wins
    plan.add(path="^/z$", drop_before=True)

    strike = plan.strike("POST", "/a/b")
    assert strike is not None
    assert (strike.latency_before, strike.latency_after, strike.drop_after, strike.error_status) == (
        pytest.approx(0.5),
        pytest.approx(0.1),
        True,
        502,
    )
    again = plan.strike("POST", "/a/b")  # the times=1 rule is used up
    assert again is not None and again.latency_before == pytest.approx(0.2) and not again.drop_after
    assert plan.strike("GET", "/elsewhere") is None


def rolls(seed: int, count: int = 400) -> list[bool]:
    plan = FaultPlan(seed=seed)
    plan.add(path=".*", probability=0.25, malformed=True)
    return [plan.strike("GET", "/x") is not None for _ in range(count)]


def test_probabilities_are_deterministic_with_a_seed() -> None:
    first, same, other = rolls(7), rolls(7), rolls(8)
    assert first == same and first != other
    assert 60 < sum(first) < 140  # about a quarter of 400
    plan = FaultPlan(seed=7)
    plan.add(path=".*", probability=0.25, malformed=True)
    plan.strike("GET", "/x")
    plan.reseed(7)
    assert [plan.strike("GET", "/x") is not None for _ in range(400)] == first


def test_a_rule_with_times_strikes_only_when_its_probability_rolls() -> None:
    plan = FaultPlan(seed=3)
    plan.add(path=".*", probability=0.5, drop_before=True, times=3)
    hits = sum(plan.strike("GET", "/x") is not None for _ in range(100))
    assert hits == 3 and plan.rules == []


# --- on the wire ------------------------------------------------------------------------------------------
async def test_an_injected_status_and_latencies_from_two_rules(sim: FaultedSim) -> None:
    sim.faults.add(path="^/md/", latency_before=0.05)
    sim.faults.add(path="^/md/binance/api/v3/ping$", latency_before=0.05, error_rate=1.0, error_status=502)
    async with sim.raw() as http:
        started = time.perf_counter()
        response = await http.get("/md/binance/api/v3/ping")
        assert time.perf_counter() - started >= 0.09  # both latencies (timer slack)
    assert response.status_code == 502 and b"Bad Gateway" in response.content


async def test_a_malformed_body_is_an_unreadable_answer_to_the_client(sim: FaultedSim) -> None:
    client = sim.coinweight()
    sim.faults.add(path="/config/symbols$", malformed=True, times=1)
    with pytest.raises(TransportError, match="unreadable"):
        await client.symbols()
    assert await client.symbols()
    await client.aclose()


async def test_coinweight_session_expiry_answers_its_documented_403_until_login(sim: FaultedSim) -> None:
    client = sim.coinweight()
    session = await client.login(DEMO_LOGIN, DEMO_PASSWORD)
    assert (await client.check_auth()).uid == session.uid
    sim.faults.add(path="/user/.*/position$", expire_session=True, times=1)
    with pytest.raises(AuthError) as caught:
        await client.user_positions(session.uid)
    assert caught.value.http_status == 403 and caught.value.code == 403
    with pytest.raises(AuthError):
        await client.check_auth()  # the token stays invalid
    async with sim.raw() as http:
        refused = await http.get(
            "/exp/v2/test-auth", headers={"Authorization": f"Bearer {session.auth_token}"}
        )
    assert refused.status_code == 403
    assert refused.json() == {
        "success": False,
        "errorCode": 403,
        "errorMsg": "Authentication Failure",
        "data": None,
    }
    await client.login(DEMO_LOGIN, DEMO_PASSWORD)  # a new session
    assert (await client.check_auth()).uid == session.uid
    await client.aclose()


async def test_chp_session_expiry_answers_error_5_until_reconnection(sim: FaultedSim) -> None:
    client = sim.chp()
    await client.connected(DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN)
    assert await client.get_portfolio_list()
    sim.faults.add(path="^/Instruments/GetSymbols$", expire_session=True, times=1)
    with pytest.raises(AuthError) as caught:
        await client.get_symbols()
    assert caught.value.code == ErrorCode.BAD_TOKEN
    client.token = DEMO_SERVER_TOKEN  # the server token names no live session either
    with pytest.raises(AuthError):
        await client.get_portfolio_list()
    await client.reconnection(DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN)
    assert await client.get_symbols()
    await client.http.aclose()


async def test_session_expiry_leaves_the_other_venue_alone(sim: FaultedSim) -> None:
    chp, coinweight = sim.chp(), sim.coinweight()
    await chp.connected(DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN)
    await coinweight.login(DEMO_LOGIN, DEMO_PASSWORD)
    sim.faults.add(path="^/exp/v2/test-auth$", expire_session=True, times=1)
    with pytest.raises(AuthError):
        await coinweight.check_auth()
    assert await chp.get_portfolio_list()
    await chp.http.aclose()
    await coinweight.aclose()


async def test_the_control_api_takes_every_kind(sim: FaultedSim) -> None:
    async with sim.raw() as http:
        rule = {
            "path": "^/Auth/",
            "probability": 0.5,
            "expire_session": True,
            "error_rate": 0.1,
            "error_status": 429,
            "latency_after": 0.01,
            "malformed": False,
            "times": 2,
        }
        created = await http.post("/_sim/faults", json=rule)
        assert created.status_code == 200
        [listed] = (await http.get("/_sim/faults")).json()
        assert listed == {**FaultRule().__dict__, **rule, "rule_id": created.json()["rule_id"]}
        assert (await http.post("/_sim/faults", json={"nonsense": 1})).status_code == 400
        assert (await http.delete("/_sim/faults")).json() == []


async def test_a_dropped_answer_is_a_transport_error(sim: FaultedSim) -> None:
    client = sim.chp()
    await client.connected(DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN)
    sim.faults.add(path="^/Order/Cancel$", drop_before=True, times=1)
    with pytest.raises(TransportError) as caught:
        await client.cancel_order("ST100001-MO-01", "GAZP", "1")
    assert not isinstance(caught.value, VenueError)
    await client.http.aclose()
