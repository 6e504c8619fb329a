"""Venue connection state for the status bar: the session's state where a venue has a session, otherwise
a reachability probe.

:class:`SessionIndicator` shows a venue session (``app.trading.sessions.VenueSession``): its state from
``stateChanged``, the round trip of its last request from ``latencyMeasured``.

:class:`ConnectionProbe` is for venues without a session: each base URL is probed with a GET through
:class:`services.http.VenueHttp` every few seconds, awaited on the qasync loop (the GUI thread never waits on
the network). Any HTTP answer means reachable (green; amber when it is a 5xx or slower than a second); a
transport failure is red, and the probe then backs off up to 30 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping

import httpx
from PySide6.QtCore import QObject, QTimer, Signal

from app.service_texts import message_text
from app.trading.bridge import QtTrading
from services.domain import ConnectionState as SessionState
from services.errors import TransportError
from services.http import Timeouts, VenueHttp
from services.ramm.session import RammSession
from services.retry import Backoff
from services.tasks import spawn
from widgets.common.plural import plural
from widgets.common.status import ConnectionIndicator, LightState

log = logging.getLogger("tessera.connections")

PROBE_INTERVAL = 3.0
LATENCY_SHOWN_EVERY_MS = 1000
MAX_INTERVAL = 30.0
SLOW_MS = 1000.0


class ConnectionProbe(QObject):
    stateChanged = Signal(str, object, object, str)  # venue, LightState, latency ms (float | None), detail

    def __init__(
        self,
        endpoints: Mapping[str, str],
        interval: float = PROBE_INTERVAL,
        timeout: float = 3.0,
        transport: httpx.AsyncBaseTransport | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.interval = interval
        limits = Timeouts(connect=timeout, read=timeout, write=timeout, pool=timeout)
        self._http = {
            venue: VenueHttp(venue, url, timeouts=limits, read_retries=0, transport=transport)
            for venue, url in endpoints.items()
        }
        self._states: dict[str, tuple[LightState, float | None, str]] = {
            venue: (LightState.DISCONNECTED, None, "") for venue in endpoints
        }
        self._tasks: list[asyncio.Task[None]] = []

    def venues(self) -> list[str]:
        return list(self._http)

    def state(self, venue: str) -> tuple[LightState, float | None, str]:
        return self._states[venue]

    def bind(self, indicator: ConnectionIndicator) -> None:
        """Keep ``indicator`` showing its venue's state."""
        indicator.setState(*self._states[indicator.venue])
        self.stateChanged.connect(
            lambda venue, state, latency, detail: (
                indicator.setState(state, latency, detail) if venue == indicator.venue else None
            )
        )

    def start(self) -> None:
        for venue in self._http:
            self._set(venue, LightState.CONNECTING, None, str(self._http[venue].base_url))
            self._tasks.append(spawn(self._run(venue), name=f"probe {venue}"))

    async def probe(self, venue: str) -> LightState:
        http = self._http[venue]
        url = str(http.base_url)
        try:
            response = await http.request("GET", "", idempotent=True)
        except TransportError as exc:
            self._set(venue, LightState.FAILED, None, f"{url}\n{message_text(exc)}")
            return LightState.FAILED
        latency_ms = (http.last_latency or 0.0) * 1000
        answered = self.tr("answered HTTP {status}").format(status=response.status_code)
        if response.status_code >= 500:
            state = LightState.DEGRADED
        elif latency_ms > SLOW_MS:
            state = LightState.DEGRADED
            answered = self.tr("answered slowly (HTTP {status})").format(status=response.status_code)
        else:
            state = LightState.CONNECTED
        self._set(venue, state, latency_ms, f"{url}\n{answered}")
        return state

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for http in self._http.values():
            await http.aclose()

    async def _run(self, venue: str) -> None:
        """Probe every ``interval`` s; a venue that does not answer is asked ever more slowly."""
        policy = Backoff(first=self.interval * 2, longest=MAX_INTERVAL)
        delays = policy.delays()
        while True:
            if await self.probe(venue) is LightState.FAILED:
                delay = next(delays)
            else:
                delays, delay = policy.delays(), self.interval
            await asyncio.sleep(delay)

    def _set(self, venue: str, state: LightState, latency_ms: float | None, detail: str) -> None:
        previous = self._states[venue][0]
        self._states[venue] = (state, latency_ms, detail)
        if state is not previous:
            log.info("%s: %s (%s)", venue, state.value, detail.replace("\n", ", "))
        self.stateChanged.emit(venue, state, latency_ms, detail)


class SessionIndicator(QObject):
    """Keeps ``indicator`` showing ``session``: state, latency of its last request, who is logged in.

    Lives as long as ``parent`` (default: the indicator).
    """

    def __init__(
        self, core: QtTrading, venue: str, indicator: ConnectionIndicator, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else indicator)
        self.session = core.sessions[venue]
        self.indicator = indicator
        self._latency_ms: float | None = None
        self._detail = ""
        # Every request measures a round trip (several a second): the light shows the newest at most once a
        # second, which is all a reader can take in and spares a status-bar repaint per request.
        self._latency_timer = QTimer(self)
        self._latency_timer.setSingleShot(True)
        self._latency_timer.setInterval(LATENCY_SHOWN_EVERY_MS)
        self._latency_timer.timeout.connect(self._show)
        core.sessionStateChanged.connect(self._on_state)
        core.sessionLatency.connect(self._on_latency)
        self._show()

    def _on_state(self, venue: str, state: SessionState, detail: str) -> None:
        if venue != self.session.venue:
            return
        self._detail = detail
        if state not in (SessionState.CONNECTED, SessionState.DEGRADED):
            self._latency_ms = None
        self._show()

    def _on_latency(self, venue: str, seconds: float) -> None:
        if venue != self.session.venue:
            return
        first = self._latency_ms is None
        self._latency_ms = seconds * 1000
        if first:
            self._show()
        if not self._latency_timer.isActive():
            self._latency_timer.start()

    def _show(self) -> None:
        state = self.session.state
        lines = [self._detail] if self._detail else []
        if self.session.connected:
            lines.append(self.tr("Logged in as {login}").format(login=self.session.login_name))
        elif state in (SessionState.DISCONNECTED, SessionState.FAILED):
            lines.append(self.tr("Click to log in."))
        self.indicator.setState(LightState(state.value), self._latency_ms, "\n".join(lines))


class RammIndicator(QObject):
    """Keeps ``indicator`` showing the RAMM session: its state, who is logged in where, the venue's words."""

    def __init__(self, session: RammSession, indicator: ConnectionIndicator) -> None:
        super().__init__(indicator)
        self.session = session
        self.indicator = indicator
        session.state_changed.connect(self._on_state)
        session.rights_changed.connect(self._on_rights)
        indicator.destroyed.connect(lambda *_args, me=self: me._disconnect())
        self._show()

    def _disconnect(self, *_args: object) -> None:
        self.session.state_changed.disconnect(self._on_state)
        self.session.rights_changed.disconnect(self._on_rights)

    def _on_state(self, _state: SessionState, _detail: str) -> None:
        self._show()

    def _on_rights(self, rights: frozenset[str]) -> None:
        self._show(plural(self.tr("Rights re-read: %n method(s).", "", len(rights)), len(rights)))

    def _show(self, extra: str = "") -> None:
        session = self.session
        lines = [session.detail] if session.detail else []
        if session.connected:
            company = session.company.Name if session.company is not None else ""
            lines = [
                self.tr("Logged in as {login} to {company}").format(login=session.login_name, company=company)
            ]
            if session.state is SessionState.DEGRADED and session.detail:
                lines.append(session.detail)
        elif session.state in (SessionState.DISCONNECTED, SessionState.FAILED):
            lines.append(self.tr("Click to log in."))
        if extra:
            lines.append(extra)
        self.indicator.setState(LightState(session.state.value), None, "\n".join(lines))
