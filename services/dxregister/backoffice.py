"""The back-office session: one dxRegister login (``POST /login`` -> ``Authorization: DXAPI <token>``) kept
alive by :class:`SessionKeepAlive`, with its state and the round trip of its last ``/ping`` as psygnal events
(no Qt: the app adapts them to the status-bar light and the Back office window).

States follow :class:`services.domain.ConnectionState`: DISCONNECTED until ``login``; CONNECTING while it
runs; CONNECTED with a live session; DEGRADED while pings fail in transport (the session may still live);
FAILED when the login is refused or the session expired (``detail`` says which, in the venue's words).
``money_moved(clearing_code, account_code)`` is told after a deposit, withdrawal or adjustment went through,
so views of the money (the trader's Accounts panel) refresh; ``accounts_changed`` when accounts were opened
or terminated.
"""

from __future__ import annotations

import logging
import time

from psygnal import Signal

from services.domain import ConnectionState
from services.dxregister.client import DxRegisterClient, PendingTransfer
from services.dxregister.schemas import CashTransfer, LoginResult
from services.dxregister.session import SessionKeepAlive
from services.errors import AuthError, TesseraError, TransportError
from services.http import Timeouts

log = logging.getLogger("tessera.dxregister")

DEFAULT_DOMAIN = "default"


class BackOfficeSession:
    """A dxRegister session for the back office (see the module docstring)."""

    state_changed = Signal(object, str)  # ConnectionState, detail
    ping_measured = Signal(float)  # seconds: the last /ping's round trip
    money_moved = Signal(str, str)  # clearing code, account code
    accounts_changed = Signal()  # an account was opened, a client disabled ...: lists of accounts are stale

    def __init__(
        self,
        base_url: str,
        *,
        client: DxRegisterClient | None = None,
        timeouts: Timeouts | None = None,
        retry_delay: float = 1.0,
    ) -> None:
        self.base_url = base_url
        self.client = client if client is not None else DxRegisterClient.create(base_url, timeouts=timeouts)
        self._retry_delay = retry_delay
        self._keepalive: SessionKeepAlive | None = None
        self.state = ConnectionState.DISCONNECTED
        self.detail = ""
        self.login_name = ""
        self.domain = DEFAULT_DOMAIN
        self.last_ping_ms: float | None = None

    @property
    def connected(self) -> bool:
        return self.state in (ConnectionState.CONNECTED, ConnectionState.DEGRADED)

    # --- login / logout
    async def login(self, login: str, password: str, domain: str = DEFAULT_DOMAIN) -> LoginResult:
        """Opens a session (AuthError / VenueError / TransportError on failure, the state FAILED then)."""
        await self._stop_keepalive()
        self._set(ConnectionState.CONNECTING, "")
        try:
            result = await self.client.login(login, domain, password)
        except (TesseraError, TransportError) as exc:
            self.client.set_session_token(None)
            self._set(ConnectionState.FAILED, str(exc))
            raise
        self.login_name, self.domain = login, domain
        self._keepalive = SessionKeepAlive(
            self.client,
            on_expired=self._on_expired,
            on_ping=self._on_ping,
            on_failure=self._on_ping_failed,
            retry_delay=self._retry_delay,
        )
        self._keepalive.start()
        self._set(ConnectionState.CONNECTED, "")
        await self.ping()  # the light shows a round trip at once
        return result

    async def ping(self) -> None:
        """One measured ``/ping`` now (the keep-alive pings by itself)."""
        started = time.monotonic()
        try:
            await self.client.ping()
        except AuthError as exc:
            self._on_expired(exc)
            return
        except (TesseraError, TransportError) as exc:
            log.warning("dxregister ping failed: %s", exc)
            self._on_ping_failed(exc)
            return
        self._on_ping(time.monotonic() - started)

    async def logout(self) -> None:
        """Ends the session at the venue (best effort) and forgets it."""
        await self._stop_keepalive()
        if self.client.session_token and self.login_name:
            try:
                await self.client.logout_user_by_token(
                    self.login_name, self.domain, self.client.session_token
                )
            except (TesseraError, TransportError) as exc:
                log.info("dxregister logout: %s", exc)
        self.client.set_session_token(None)
        self._set(ConnectionState.DISCONNECTED, "")

    async def aclose(self) -> None:
        if self.connected:
            await self.logout()
        await self._stop_keepalive()
        await self.client.aclose()

    # --- money
    async def send_transfer(self, pending: PendingTransfer) -> CashTransfer:
        """Sends ``pending`` (PUT by its id: repeating it after a lost answer never moves money twice)."""
        answer = await self.client.send_transfer(pending)
        self.money_moved.emit(pending.clearing_code, pending.account_code)
        return answer

    def tell_accounts_changed(self) -> None:
        """Say that accounts were opened or closed here (views of them load again)."""
        self.accounts_changed.emit()

    # --- internals
    async def _stop_keepalive(self) -> None:
        keepalive, self._keepalive = self._keepalive, None
        if keepalive is not None:
            await keepalive.stop()

    def _on_ping(self, seconds: float) -> None:
        self.last_ping_ms = seconds * 1000
        if self.state is ConnectionState.DEGRADED:
            self._set(ConnectionState.CONNECTED, "")
        self.ping_measured.emit(seconds)

    def _on_ping_failed(self, exc: Exception) -> None:
        if self.connected:
            self._set(ConnectionState.DEGRADED, str(exc))

    def _on_expired(self, exc: AuthError) -> None:
        self.client.set_session_token(None)
        self.last_ping_ms = None
        self._set(ConnectionState.FAILED, str(exc) or "the session expired")

    def _set(self, state: ConnectionState, detail: str) -> None:
        self.state, self.detail = state, detail
        if state not in (ConnectionState.CONNECTED, ConnectionState.DEGRADED):
            self.last_ping_ms = None
        self.state_changed.emit(state, detail)
