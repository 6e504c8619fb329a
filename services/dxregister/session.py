"""Keeps a dxWeb session alive: ``POST /ping`` before its ``timeout`` runs out (a plain asyncio task).

The venue extends a session only once it is past half its lifetime (by half the original lifetime), so a ping
right after login does nothing. The helper therefore pings a little after the half-way mark of what is left:
with lifetime ``D`` and ``r`` ms left, the next ping is due in ``r - D/2 + D/10`` (at most ``3r/4``, at least
``MIN_DELAY``). A refused ping (the session expired: HTTP 403) ends the task and calls ``on_expired``; a
transport failure is retried after ``retry_delay`` while the session may still live.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from services.dxregister.client import DxRegisterClient
from services.errors import AuthError, TesseraError, TransportError

log = logging.getLogger("tessera.dxregister")

MIN_DELAY = 0.05  # seconds


def next_ping_delay(lifetime_ms: int, remaining_ms: int) -> float:
    """Seconds until the next useful ping, given the session's original lifetime and what is left of it."""
    due = remaining_ms - lifetime_ms / 2 + lifetime_ms / 10
    return max(MIN_DELAY, min(due, remaining_ms * 0.75) / 1000)


class SessionKeepAlive:
    """Pings ``client``'s session until stopped or expired. The owner calls ``start()`` after login and
    ``await stop()`` before logout or close."""

    def __init__(
        self,
        client: DxRegisterClient,
        *,
        on_expired: Callable[[AuthError], None] | None = None,
        on_ping: Callable[[float], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        retry_delay: float = 1.0,
    ) -> None:
        """``on_ping(seconds)``: a ping answered after that round trip; ``on_failure(exc)``: one failed in
        transport (it is tried again after ``retry_delay``)."""
        self._client = client
        self._on_expired = on_expired
        self._on_ping = on_ping
        self._on_failure = on_failure
        self._retry_delay = retry_delay
        self._task: asyncio.Task[None] | None = None
        self.pings = 0  # successful pings so far
        self.expired: AuthError | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if self.running:
            return
        if not self._client.session_timeout_ms:
            raise RuntimeError("log in first: the session's timeout is not known")
        self.expired = None
        self._task = asyncio.get_running_loop().create_task(self._run(), name="dxregister-keepalive")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        lifetime = self._client.session_timeout_ms or 0
        delay = next_ping_delay(lifetime, lifetime)
        while True:
            await asyncio.sleep(delay)
            started = time.monotonic()
            try:
                result = await self._client.ping()
            except AuthError as exc:
                self.expired = exc
                log.info("dxregister session expired: %s", exc)
                if self._on_expired is not None:
                    self._on_expired(exc)
                return
            except (TransportError, TesseraError) as exc:
                log.warning("dxregister ping failed, trying again: %s", exc)
                if self._on_failure is not None:
                    self._on_failure(exc)
                delay = self._retry_delay
                continue
            self.pings += 1
            if self._on_ping is not None:
                self._on_ping(time.monotonic() - started)
            delay = next_ping_delay(lifetime, result.timeout if result.timeout is not None else lifetime)
