"""Polled feeds: backoff when idle, shared subscriptions, recovery after an expired token or a transport
failure."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from services.chp.client import ChpClient
from services.chp.schemas import QuoteRow
from services.chp.session import ChpConnection
from services.chp.streams import ChpFeeds, Feed, PollRate
from services.domain import ConnectionState
from services.errors import AuthError, VenueError
from services.retry import Backoff
from services.simulator.apis.chp import state as sim_state
from tests.services.chp.simulated import Sim

FAST = PollRate(fastest=0.01, slowest=0.05)


@dataclass
class Live:
    client: ChpClient
    session: ChpConnection
    feeds: ChpFeeds
    states: list[tuple[ConnectionState, Exception | None]] = field(default_factory=list)


@pytest.fixture
async def live(sim: Sim) -> AsyncIterator[Live]:
    http = sim.http()
    client = ChpClient(http)
    states: list[tuple[ConnectionState, Exception | None]] = []
    session = ChpConnection(
        client, "demo", on_state=lambda s, e: states.append((s, e)), backoff=Backoff(first=0.01, longest=0.05)
    )
    await session.open("demo", "demo")
    feeds = ChpFeeds.create(client, session, FAST)
    yield Live(client, session, feeds, states)
    await feeds.close()
    await session.close()
    await http.aclose()


async def next_row(stream: AsyncIterator[QuoteRow], timeout: float = 5.0) -> QuoteRow:
    return await asyncio.wait_for(anext(stream), timeout)


def test_poll_rate_backs_off_when_idle_and_snaps_back_on_events() -> None:
    rate = PollRate(fastest=0.1, slowest=1.0, factor=2.0)
    intervals = [0.1]
    for _ in range(6):
        intervals.append(rate.next(intervals[-1], got_rows=False))
    assert intervals == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]
    assert rate.next(1.0, got_rows=True) == 0.1


class FakeSession:
    generation = 1

    def healthy(self) -> None: ...

    def report(self, error: Exception) -> None: ...


async def test_an_idle_feed_drains_less_and_less_often() -> None:
    drains: list[float] = []

    async def drain() -> list[QuoteRow]:
        drains.append(time.monotonic())
        return []

    async def nothing(key: str) -> None: ...

    feed: Feed[QuoteRow] = Feed(
        FakeSession(),
        "test",
        listen=nothing,
        cancel=nothing,  # type: ignore[arg-type]
        drains=[drain],
        key=lambda r: r.symbol,
        rate=PollRate(fastest=0.005, slowest=0.08),
    )
    watch = await feed.watch(["X"], lambda row: None, lambda error: None)
    await asyncio.sleep(0.6)
    watch.close()
    await feed.close()
    gaps = [b - a for a, b in itertools.pairwise(drains)]
    assert 5 < len(drains) < 20  # at the fastest rate it would have been ~120
    assert max(gaps[:2]) < 0.05 and min(gaps[-3:]) > 0.06


async def test_quotes_stream_and_unsubscribe_on_close(sim: Sim, live: Live) -> None:
    stream = live.feeds.quotes.stream(["GAZP", "SBER"])
    first, second = await next_row(stream), await next_row(stream)
    assert {first.symbol, second.symbol} == {"GAZP", "SBER"}
    sim.advance(30)
    assert (await next_row(stream)).symbol in {"GAZP", "SBER"}
    await stream.aclose()
    for _ in range(100):
        if not sim.state.sessions[live.client.token].quotes:
            break
        await asyncio.sleep(0.01)
    assert sim.state.sessions[live.client.token].quotes == {}


async def test_consumers_share_a_symbol_and_get_only_their_own(sim: Sim, live: Live) -> None:
    gazp = live.feeds.quotes.stream(["GAZP"])
    both = live.feeds.quotes.stream(["GAZP", "SBER"])
    assert (await next_row(gazp)).symbol == "GAZP"
    assert {(await next_row(both)).symbol for _ in range(2)} == {"GAZP", "SBER"}
    await gazp.aclose()
    await asyncio.sleep(0.05)
    assert set(sim.state.sessions[live.client.token].quotes) == {"GAZP", "SBER"}  # still watched by `both`
    sim.advance(60)
    assert (await next_row(both)).symbol in {"GAZP", "SBER"}
    await both.aclose()


async def test_streams_resubscribe_after_the_token_expired(sim: Sim, live: Live) -> None:
    stream = live.feeds.quotes.stream(["GAZP"])
    assert (await next_row(stream)).symbol == "GAZP"
    old_token = live.client.token
    sim.advance(601)  # the token expires; the market moves
    assert (await next_row(stream)).symbol == "GAZP"
    new_token = live.client.token
    assert new_token != old_token and old_token not in sim.state.sessions
    assert "GAZP" in sim.state.sessions[new_token].quotes  # Listen* sent again in the new session
    assert live.session.generation == 2
    states = [s for s, _ in live.states]
    assert states[-2:] == [ConnectionState.DEGRADED, ConnectionState.CONNECTED]
    assert isinstance(live.states[-2][1], AuthError)
    await stream.aclose()


async def test_transport_failure_reaches_the_state_callback_and_the_stream_goes_on(
    sim: Sim, live: Live
) -> None:
    stream = live.feeds.quotes.stream(["SBER"])
    await next_row(stream)
    sim.ctx.faults.add(path="/Instruments/UpdateQuote$", error_rate=1.0, times=2)
    sim.advance(30)
    assert (await next_row(stream)).symbol == "SBER"
    degraded = [e for s, e in live.states if s is ConnectionState.DEGRADED]
    # a 503 says the server did not serve the call (a refusal, not a lost answer): amber until it serves again
    assert degraded and isinstance(degraded[0], VenueError) and degraded[0].http_status == 503
    assert live.session.state is ConnectionState.CONNECTED
    assert "SBER" in sim.state.sessions[live.client.token].quotes
    await stream.aclose()


async def test_refused_credentials_end_the_stream_with_the_auth_error(
    sim: Sim, live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = live.feeds.ticks.stream(["GAZP"])
    monkeypatch.setitem(sim_state.USERS, "demo", sim_state.User("demo", "changed", "100001"))
    sim.state.expire()
    with pytest.raises(AuthError):
        await next_row(stream)  # type: ignore[arg-type]
    assert live.session.state is ConnectionState.FAILED


async def test_a_refused_subscription_is_raised_to_its_consumer(live: Live) -> None:
    with pytest.raises(Exception, match="Error #12"):
        await next_row(live.feeds.bid_asks.stream(["NOPE"]))  # type: ignore[arg-type]
