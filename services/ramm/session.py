"""A RAMM.STORE manager session as the app runs it, free of Qt.

:meth:`RammSession.login` goes through company discovery (``session.login`` on the main domain answers the
companies, then ``session.login`` with CompanyID on the chosen company's access server, see
:meth:`RammClient.open_company`) and reads the session's rights. While logged in a heartbeat
(:meth:`RammClient.keep_alive`) runs every ``heartbeat_interval`` s: it keeps the session from expiring and,
when the venue says the rights changed (UpdateImportance >= 3), the rights are re-read and
``rights_changed`` tells the app. A heartbeat answered 401 means the session is gone: the state goes to
FAILED with the venue's words (the app asks for a new login); transport failures make it DEGRADED until a
heartbeat gets through again.

Events (psygnal): ``state_changed(ConnectionState, detail)``, ``rights_changed(frozenset[str])``,
``logged_in()``, ``logged_out()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import httpx
from psygnal import Signal

from services.domain import ConnectionState
from services.errors import AuthError, TransportError, VenueError
from services.http import Timeouts
from services.ramm import schemas as s
from services.ramm.client import RammClient, access_server_base
from services.ramm.investor import RammInvestorClient, client_api_base, open_follower_account
from services.retry import Backoff, poll_forever

log = logging.getLogger("tessera.ramm")

HEARTBEAT_INTERVAL = 30.0


def main_domain(venue_url: str) -> str:
    """The API root on the main domain from the configured venue URL (``{server}/ramm``)."""
    return access_server_base(venue_url)


class RammSession:
    state_changed = Signal(object, str)  # ConnectionState, detail
    rights_changed = Signal(object)  # frozenset[str]
    logged_in = Signal()
    logged_out = Signal()

    venue = "ramm"

    def __init__(
        self,
        venue_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        heartbeat_interval: float = HEARTBEAT_INTERVAL,
    ) -> None:
        self._main = RammClient.create(main_domain(venue_url), transport=transport, timeouts=timeouts)
        self._venue_url = venue_url
        self._transport = transport
        self._timeouts = timeouts
        self._client: RammClient | None = None
        self._state = ConnectionState.DISCONNECTED
        self._heartbeat: asyncio.Task[None] | None = None
        self.heartbeat_interval = heartbeat_interval
        self.login_name = ""
        self.company: s.CompanyChoice | None = None
        self.detail = ""

    # --- what the app reads ---------------------------------------------------------------------------------
    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def connected(self) -> bool:
        return self._state in (ConnectionState.CONNECTED, ConnectionState.DEGRADED)

    @property
    def client(self) -> RammClient:
        """The client on the company's access server; raises AuthError when logged out."""
        if self._client is None:
            raise AuthError(self.venue, "unauthorized", "not logged in to RAMM")
        return self._client

    @property
    def rights(self) -> frozenset[str]:
        return frozenset() if self._client is None else (self._client.rights or frozenset())

    def can(self, method: str) -> bool:
        """Whether the session's rights include ``method`` (session.* always)."""
        return method.startswith("session.") or method in self.rights

    # --- lifecycle ------------------------------------------------------------------------------------------
    async def companies(self, login: str, password: str) -> list[s.CompanyChoice]:
        """Company discovery on the main domain (for a login dialog that lets the user choose)."""
        return await self._main.session_login_companies(login, password)

    async def login(self, login: str, password: str, company_id: int | None = None) -> None:
        """Raises AuthError / VenueError / TransportError / RejectedInput with the venue's words."""
        await self.logout()
        self._set_state(ConnectionState.CONNECTING)
        try:
            companies = await self._main.session_login_companies(login, password)
            matching = [c for c in companies if company_id in (None, c.ID)]
            if not matching:
                raise VenueError(self.venue, "invalid_input", "this login has no company to enter")
            chosen = matching[0]
            client = self._main.for_access_server(chosen.URL)
            try:
                await client.session_login(login, password, chosen.ID)
                client.rights = frozenset(await client.session_get_methods())
            except BaseException:
                await client.aclose()
                raise
        except AuthError as exc:
            self._set_state(ConnectionState.FAILED, exc.message)
            raise
        except Exception as exc:
            self._set_state(ConnectionState.DISCONNECTED, str(exc))
            raise
        self.company = chosen
        self._client = client
        self.login_name = login
        self._set_state(ConnectionState.CONNECTED, self._who())
        self._heartbeat = asyncio.get_running_loop().create_task(self._beat_forever(), name="ramm heartbeat")
        self.logged_in.emit()

    async def logout(self) -> None:
        """Ends the session at the venue (best effort) and stops the heartbeat."""
        await self._stop_heartbeat()
        client, self._client = self._client, None
        if client is None:
            return
        try:
            await client.session_logout()
        except (VenueError, TransportError) as exc:
            log.info("RAMM logout: %s", exc)
        finally:
            await client.aclose()
        self.company = None
        self._set_state(ConnectionState.DISCONNECTED)
        self.logged_out.emit()

    async def aclose(self) -> None:
        await self.logout()
        await self._main.aclose()

    async def open_follower(self, client_id: int, draft: s.FollowerDraft) -> s.FollowerOpened:
        """A follower account for client ``client_id`` (the manager API has no method for it: the client API
        with a one-time password from ``clients.getOTP``, see :mod:`services.ramm.investor`)."""
        manager = self.client
        async with RammInvestorClient.create(
            client_api_base(self._venue_url), transport=self._transport, timeouts=self._timeouts
        ) as investor:
            return await open_follower_account(manager, investor, client_id, draft)

    # --- the heartbeat --------------------------------------------------------------------------------------
    async def beat(self) -> s.Heartbeat:
        """One heartbeat now (the loop calls this); re-reads the rights when the venue says they changed."""
        client = self.client
        before = client.rights
        heartbeat = await client.keep_alive()
        if client.rights != before and before is not None:
            log.info("RAMM rights changed (importance %s)", heartbeat.UpdateImportance)
            self.rights_changed.emit(client.rights or frozenset())
        elif heartbeat.rights_changed:
            self.rights_changed.emit(client.rights or frozenset())
        return heartbeat

    async def _beat_forever(self) -> None:
        def failed(exc: Exception, delay: float) -> None:
            if isinstance(exc, AuthError):
                raise exc
            self._set_state(ConnectionState.DEGRADED, str(exc))

        def succeeded() -> None:
            if self._state is not ConnectionState.CONNECTED:
                self._set_state(ConnectionState.CONNECTED, self._who())

        await asyncio.sleep(self.heartbeat_interval)
        try:
            await poll_forever(
                self.beat,
                self.heartbeat_interval,
                backoff=Backoff(first=self.heartbeat_interval, longest=max(60.0, self.heartbeat_interval)),
                on_error=failed,
                on_success=succeeded,
            )
        except AuthError as exc:
            client, self._client = self._client, None
            self._heartbeat = None
            if client is not None:
                await client.aclose()
            self._set_state(ConnectionState.FAILED, exc.message)
            self.logged_out.emit()

    async def _stop_heartbeat(self) -> None:
        task, self._heartbeat = self._heartbeat, None
        if task is None or task is asyncio.current_task():
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    def _who(self) -> str:
        company = self.company.Name if self.company is not None and self.company.Name else ""
        return f"{self.login_name} @ {company}" if company else self.login_name

    def _set_state(self, state: ConnectionState, detail: str = "") -> None:
        self._state = state
        self.detail = detail
        self.state_changed.emit(state, detail)
