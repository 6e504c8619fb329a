"""The one backoff policy and the two loops built on it: poll a round forever, follow a stream forever.

Every reconnect, resubscribe, reconciliation and polling loop of the project takes its delays from
:class:`Backoff`, so a venue that is down is asked ever more slowly (up to ``longest``) and one that answers
is asked at the normal rate again. The loops never decide what a failure *means*: they hand it to
``on_error``, which may re-raise (an :class:`~services.errors.AuthError` ends the loop) or return to go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

ErrorHandler = Callable[[Exception, float], None]
"""Called with a failure and the seconds before the next try; raise to end the loop. A failure that is not a
project error (a bug, or venue data no parser foresaw) is handed over too, so one bad row never ends a
stream for good; the handler logs it with its traceback."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff: ``first``, ``first * factor``, ... capped at ``longest``; ``jitter`` spreads each
    delay by up to that fraction so many loops that failed together do not retry together."""

    first: float = 0.5
    longest: float = 30.0
    factor: float = 2.0
    jitter: float = 0.0

    def delays(self) -> Iterator[float]:
        delay = self.first
        while True:
            yield delay * (1 + random.uniform(-self.jitter, self.jitter)) if self.jitter else delay
            delay = min(delay * self.factor, self.longest)


async def poll_forever(
    round_: Callable[[], Awaitable[object]],
    interval: float,
    *,
    backoff: Backoff | None = None,
    on_error: ErrorHandler,
    on_success: Callable[[], None] = lambda: None,
    wake: asyncio.Event | None = None,
) -> None:
    """``await round_()`` every ``interval`` s. After a failure the next try waits by ``backoff``
    (starting at ``interval``), which resets at the first success. ``wake``, when set, ends a wait after a
    success early (a round is due now); a failure's wait is never cut short."""
    policy = backoff or Backoff(first=interval, longest=max(interval, 30.0))
    delays = policy.delays()
    while True:
        failed = False
        if wake is not None:
            wake.clear()  # what woke this round is seen by it
        try:
            await round_()
        except Exception as exc:
            failed = True
            delay = next(delays)
            on_error(exc, delay)
        else:
            on_success()
            delays = policy.delays()
            delay = interval
        if wake is None or failed:
            await asyncio.sleep(delay)
        else:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await wake.wait()


async def follow_stream(
    open_stream: Callable[[], AsyncIterator[T]],
    on_item: Callable[[T], object],
    *,
    backoff: Backoff | None = None,
    on_error: ErrorHandler,
    on_success: Callable[[], None] = lambda: None,
) -> None:
    """Consume ``open_stream()`` forever, reopening it after a failure (with backoff) or when it ends."""
    policy = backoff or Backoff(first=1.0)
    delays = policy.delays()
    while True:
        try:
            async for item in open_stream():
                on_success()
                delays = policy.delays()
                on_item(item)
            delay = next(delays)
        except Exception as exc:
            delay = next(delays)
            on_error(exc, delay)
        await asyncio.sleep(delay)
