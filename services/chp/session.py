"""The CHP session and its connection state machine.

``CONNECTING`` -> ``CONNECTED`` at Auth/Connected (falling back to Auth/Reconnection when the server says the
login is already authorised); ``DEGRADED`` when a call fails in transport or the token is refused, while
Auth/Reconnection is retried with exponential backoff; ``CONNECTED`` again when it succeeds (``generation``
grows, so the feeds know to restore their subscriptions); ``FAILED`` when the credentials are refused;
``DISCONNECTED`` at Auth/Disconnected. The state and its cause go to one callback. The password stays in
memory only, for Reconnection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from services.chp.client import ChpClient, failure_codes
from services.chp.schemas import ConnectInfo, ErrorCode
from services.domain import ConnectionState
from services.errors import AuthError, TransportError, VenueError
from services.retry import Backoff

log = logging.getLogger("tessera.chp")

StateCallback = Callable[[ConnectionState, Exception | None], None]


class SessionClosed(TransportError):
    """The session was disconnected (or never connected): nothing to recover."""

    def __init__(self) -> None:
        super().__init__("chp", "not connected")


class ChpConnection:
    """The CHP login (server token, session token, generation) and its recovery; see the module docstring."""

    def __init__(self, client: ChpClient, server_token: str, *, on_state: StateCallback | None = None,
                 backoff: Backoff | None = None) -> None:
        self.client = client
        self.server_token = server_token
        self.on_state = on_state
        self.backoff = backoff or Backoff()
        self.state = ConnectionState.DISCONNECTED
        self.generation = 0  # grows at every (re)connection; subscriptions of an older one may be gone
        self.last_error: Exception | None = None
        self._login = ""
        self._password = ""
        self._lock = asyncio.Lock()
        self._closing = asyncio.Event()  # set by close(): a recovery in progress gives up at once

    def _set(self, state: ConnectionState, error: Exception | None = None) -> None:
        self.last_error = error
        if state is self.state and error is None:
            return
        self.state = state
        log.info("chp session %s%s", state.value, f": {error}" if error else "")
        if self.on_state is not None:
            self.on_state(state, error)

    async def open(self, login: str, password: str) -> ConnectInfo:
        async with self._lock:
            self._closing.clear()
            self._login, self._password = login, password
            self._set(ConnectionState.CONNECTING)
            try:
                try:
                    info = await self.client.connected(login, password, self.server_token)
                except VenueError as exc:
                    if isinstance(exc, AuthError) or ErrorCode.ALREADY_AUTHORISED not in failure_codes(exc):
                        raise
                    info = await self.client.reconnection(login, password, self.server_token)
            except (TransportError, VenueError) as exc:
                self._password = ""
                self._set(ConnectionState.FAILED, exc)
                raise
            self.generation += 1
            self._set(ConnectionState.CONNECTED)
            return info

    async def close(self) -> None:
        self._closing.set()
        async with self._lock:
            try:
                if self.client.token:
                    await self.client.disconnected(self._login, self._password)
            except (TransportError, VenueError) as exc:  # the session ends here either way
                log.info("chp Disconnected not confirmed: %s", exc)
            finally:
                self.client.token = ""
                self._password = ""
                self._set(ConnectionState.DISCONNECTED)

    def report(self, error: Exception) -> None:
        """A call failed without losing the session (a refusal the feeds cannot act on): DEGRADED until the
        next success."""
        if self.state is ConnectionState.CONNECTED:
            self._set(ConnectionState.DEGRADED, error)

    def healthy(self) -> None:
        if self.state is ConnectionState.DEGRADED:
            self._set(ConnectionState.CONNECTED)

    async def recover(self, failed_generation: int, error: Exception) -> None:
        """After a transport failure or a refused token in ``failed_generation``: Auth/Reconnection until it
        succeeds. Returns at once when someone else has already recovered; raises AuthError (FAILED) when the
        credentials are refused and SessionClosed when the session was closed meanwhile."""
        async with self._lock:
            if self.state is ConnectionState.FAILED and self.last_error is not None:
                raise self.last_error
            if self._closing.is_set() or not self._password:
                raise SessionClosed()
            if self.generation != failed_generation and self.state is ConnectionState.CONNECTED:
                return
            self._set(ConnectionState.DEGRADED, error)
            for delay in self.backoff.delays():
                try:
                    await self._reconnect()
                except AuthError as exc:
                    self._password = ""
                    self._set(ConnectionState.FAILED, exc)
                    raise
                except (TransportError, VenueError) as exc:
                    self._set(ConnectionState.DEGRADED, exc)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._closing.wait(), delay)
                    if self._closing.is_set():
                        raise SessionClosed() from exc
                    continue
                self.generation += 1
                self._set(ConnectionState.CONNECTED)
                return

    async def _reconnect(self) -> None:
        """Reconnection with the session token (a live one is renewed in place); when the server no longer
        knows it (expired, or the server restarted), with the server token (a new session)."""
        if self.client.token:
            try:
                await self.client.reconnection(self._login, self._password)
                return
            except AuthError as exc:
                if ErrorCode.BAD_CREDENTIALS in failure_codes(exc):
                    raise
        await self.client.reconnection(self._login, self._password, self.server_token)
