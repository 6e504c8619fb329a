"""Polls that keep time together.

Each poller used to sleep its interval after its own round, so a dozen pollers of a one-second period woke
the app at a dozen moments a second, and each answer was painted in a frame of its own. A poller that
sleeps to the *beat* of its period instead (the next multiple of it on the loop's clock) wakes with every
other poller of that period: their requests go out together, their answers land within a few milliseconds
of each other and are painted in one frame. Each poller still makes one round per period.
"""

from __future__ import annotations

import asyncio

MIN_GAP = 0.25
"""Of a period: a round that ends closer than this to the beat waits for the next one (so a slow round is
not followed by another at once)."""


def to_beat(interval: float, now: float | None = None) -> float:
    """Seconds from ``now`` (the running loop's clock) to the next beat of ``interval``, at least
    ``MIN_GAP`` of it."""
    if interval <= 0:
        return 0.0
    if now is None:
        now = asyncio.get_running_loop().time()
    delay = interval - now % interval
    return delay + interval if delay < interval * MIN_GAP else delay


async def sleep_to_beat(interval: float) -> None:
    """Sleep until the next beat of ``interval`` (see :func:`to_beat`)."""
    await asyncio.sleep(to_beat(interval))
