"""A venue session as the app sees it: login state, background pollers, and what to do when auth is lost."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.tasks import spawn
from services.domain import ConnectionState
from services.errors import AuthError, TransportError, VenueError

log = logging.getLogger("tessera.sessions")


class VenueSessionModel(QObject):
    """Base of each venue's session in the app. Subclasses implement ``_login`` and ``_start_pollers``.

    ``stateChanged(state, detail)`` drives the status-bar indicator; ``reloginRequired(message)`` asks the
    user to log in again (the venue refused the session); ``error(message)`` reports a failure to show.
    """

    stateChanged = Signal(object, str)  # ConnectionState, detail
    latencyMeasured = Signal(float)  # seconds
    loggedIn = Signal()
    loggedOut = Signal()
    reloginRequired = Signal(str)
    error = Signal(str)

    venue: str = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = ConnectionState.DISCONNECTED
        self._tasks: list[asyncio.Task[Any]] = []
        self.login_name = ""

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def connected(self) -> bool:
        return self._state in (ConnectionState.CONNECTED, ConnectionState.DEGRADED)

    def _set_state(self, state: ConnectionState, detail: str = "") -> None:
        self._state = state
        self.stateChanged.emit(state, detail)

    async def login(self, login: str, password: str) -> None:
        """Raises AuthError / VenueError / TransportError with a message for the login dialog."""
        await self.logout()
        self._set_state(ConnectionState.CONNECTING)
        try:
            await self._login(login, password)
        except AuthError as exc:
            self._set_state(ConnectionState.FAILED, exc.message)
            raise
        except (VenueError, TransportError) as exc:
            self._set_state(ConnectionState.DISCONNECTED, str(exc))
            raise
        self.login_name = login
        self._set_state(ConnectionState.CONNECTED)
        self._start_pollers()
        self.loggedIn.emit()

    async def logout(self) -> None:
        was_connected = self.connected
        await self._stop_pollers()
        if was_connected:
            with contextlib.suppress(VenueError, TransportError):
                await self._logout()
            self._set_state(ConnectionState.DISCONNECTED)
            self.loggedOut.emit()

    async def aclose(self) -> None:
        await self.logout()

    def run(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """A poller that lives as long as the session; an auth failure in it asks for a new login."""
        task = spawn(self._guarded(coro, name), name=f"{self.venue} {name}")
        task.add_done_callback(lambda _task: coro.close())  # a poller cancelled before it began never ran
        self._tasks.append(task)
        return task

    async def _guarded(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        try:
            await coro
        except AuthError as exc:
            log.warning("%s: session refused while %s: %s", self.venue, name, exc)
            self._set_state(ConnectionState.FAILED, exc.message)
            self.reloginRequired.emit(
                QCoreApplication.translate(
                    "Sessions", "{venue} ended the session: please log in again."
                ).format(venue=self.venue)
            )
            spawn(self._stop_pollers(), name=f"{self.venue} stop pollers")

    async def _stop_pollers(self) -> None:
        tasks, self._tasks = self._tasks, []
        current = asyncio.current_task()
        for task in tasks:
            if task is not current:
                task.cancel()
        for task in tasks:
            if task is not current:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def note_transport(self, exc: TransportError | None) -> None:
        """Pollers call this after each round: a transport failure turns the light amber, success green."""
        if exc is not None and self._state is ConnectionState.CONNECTED:
            self._set_state(ConnectionState.DEGRADED, str(exc))
        elif exc is None and self._state is ConnectionState.DEGRADED:
            self._set_state(ConnectionState.CONNECTED)

    async def _login(self, login: str, password: str) -> None:
        raise NotImplementedError

    async def _logout(self) -> None:
        raise NotImplementedError

    def _start_pollers(self) -> None:
        raise NotImplementedError


async def resilient(
    session: VenueSessionModel,
    name: str,
    round_: Any,
    interval: float,
    max_backoff: float = 30.0,
) -> None:
    """Call ``await round_()`` every ``interval`` s; transport failures back off and turn the light amber.

    A VenueError is logged and retried at the normal rate (the venue answered: the connection is fine).
    """
    delay = interval
    while True:
        try:
            await round_()
        except TransportError as exc:
            session.note_transport(exc)
            delay = min(max(delay * 2, interval), max_backoff)
            log.warning("%s %s: %s (next try in %.0f s)", session.venue, name, exc, delay)
        except VenueError as exc:
            if isinstance(exc, AuthError):
                raise
            session.note_transport(None)
            log.warning("%s %s refused: %s", session.venue, name, exc)
            delay = interval
        else:
            session.note_transport(None)
            delay = interval
        await asyncio.sleep(delay)


async def resilient_stream(session: VenueSessionModel, name: str, open_stream: Any, on_item: Any) -> None:
    """Consume ``open_stream()`` (an async iterator) forever, reopening it after a transport failure."""
    delay = 1.0
    while True:
        try:
            async for item in open_stream():
                session.note_transport(None)
                delay = 1.0
                on_item(item)
        except TransportError as exc:
            session.note_transport(exc)
            log.warning("%s %s: %s (reopening in %.0f s)", session.venue, name, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
        except VenueError as exc:
            if isinstance(exc, AuthError):
                raise
            log.warning("%s %s refused: %s", session.venue, name, exc)
            await asyncio.sleep(delay)
