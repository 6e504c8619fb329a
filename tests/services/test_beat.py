"""Pollers of one period wake together, on the multiples of it (services.beat), and still poll once a
period."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from services.beat import MIN_GAP, to_beat
from services.retry import poll_forever


@pytest.mark.parametrize(
    ("interval", "now", "expected"),
    [(1.0, 10.3, 0.7), (1.0, 10.0, 1.0), (1.0, 10.9, 1.1), (0.25, 3.05, 0.2), (2.0, 5.0, 1.0), (0, 7.0, 0)],
)
def test_the_wait_is_to_the_next_beat_and_never_shorter_than_a_quarter_period(interval, now, expected):
    assert to_beat(interval, now) == pytest.approx(expected)
    if interval:
        assert to_beat(interval, now) >= interval * MIN_GAP


def reraise(exc: Exception, _delay: float) -> None:
    raise exc


async def test_pollers_started_apart_poll_together_once_a_period() -> None:
    loop = asyncio.get_running_loop()
    interval = 0.2
    rounds: dict[str, list[float]] = {"a": [], "b": []}

    def poller(name: str):
        async def round_() -> None:
            rounds[name].append(loop.time())

        return poll_forever(round_, interval, on_error=reraise)

    first = asyncio.ensure_future(poller("a"))
    await asyncio.sleep(0.07)
    second = asyncio.ensure_future(poller("b"))
    try:
        await asyncio.sleep(1.05)
    finally:
        first.cancel()
        second.cancel()
        await asyncio.gather(first, second, return_exceptions=True)
    later_a, later_b = rounds["a"][1:], rounds["b"][1:]  # (the first round of each is at its start)
    assert len(later_a) >= 4 and len(later_b) >= 4
    for earlier, later in itertools.pairwise(later_a):
        assert later - earlier > interval * 0.9  # still one round a period
    for when in later_a[-3:]:  # b, started 70 ms after a, polls in the same pass of the loop as a
        assert min(abs(when - other) for other in later_b) < 0.02, (when, later_b)
