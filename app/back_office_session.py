"""The app's one dxRegister (back office) session, seen from Qt.

:func:`install_back_office` makes the :class:`services.dxregister.backoffice.BackOfficeSession` for the
venues' dxRegister URL and registers a :class:`QtBackOffice` (the session's psygnal events as Qt signals) in
``ctx.services`` as ``back_office``; the services registry closes it (logging out) when the app ends.
:class:`BackOfficeIndicator` keeps the dxRegister status-bar light showing the session like the trading
venues' lights: its state, the round trip of its last ``/ping``, who is logged in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from services.domain import ConnectionState
from services.dxregister.backoffice import BackOfficeSession
from widgets.common.status import ConnectionIndicator, LightState

if TYPE_CHECKING:
    from app.context import AppContext

SERVICE_NAME = "back_office"


class QtBackOffice(QObject):
    """The back-office session's events as Qt signals (all on the GUI thread: the session runs on the
    qasync loop)."""

    stateChanged = Signal(object, str)  # ConnectionState, detail
    pingMeasured = Signal(float)  # ms
    moneyMoved = Signal(str, str)  # clearing code, account code
    accountsChanged = Signal()

    def __init__(self, session: BackOfficeSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.state_changed.connect(self._on_state)
        session.ping_measured.connect(self._on_ping)
        session.money_moved.connect(self._on_money)
        session.accounts_changed.connect(self._on_accounts)

    def _on_state(self, state: ConnectionState, detail: str) -> None:
        self.stateChanged.emit(state, detail)

    def _on_ping(self, seconds: float) -> None:
        self.pingMeasured.emit(seconds * 1000)

    def _on_money(self, clearing_code: str, account_code: str) -> None:
        self.moneyMoved.emit(clearing_code, account_code)

    def _on_accounts(self) -> None:
        self.accountsChanged.emit()

    async def aclose(self) -> None:
        self.session.state_changed.disconnect(self._on_state)
        self.session.ping_measured.disconnect(self._on_ping)
        self.session.money_moved.disconnect(self._on_money)
        self.session.accounts_changed.disconnect(self._on_accounts)
        await self.session.aclose()


def install_back_office(ctx: AppContext) -> QtBackOffice | None:
    """The back office of ``ctx`` (made on first call); None without venues."""
    if SERVICE_NAME in ctx.services:
        return ctx.services.get(SERVICE_NAME, QtBackOffice)
    if ctx.venues is None:
        return None
    back_office = QtBackOffice(BackOfficeSession(ctx.venues.dxregister))
    ctx.services.register(SERVICE_NAME, back_office)
    return back_office


def back_office(ctx: AppContext) -> QtBackOffice | None:
    """The installed back office, if any."""
    return ctx.services.get(SERVICE_NAME, QtBackOffice) if SERVICE_NAME in ctx.services else None


class BackOfficeIndicator(QObject):
    """Keeps ``indicator`` showing the back-office session (lives as long as the indicator)."""

    def __init__(self, back_office: QtBackOffice, indicator: ConnectionIndicator) -> None:
        super().__init__(indicator)
        self.back_office = back_office
        self.indicator = indicator
        back_office.stateChanged.connect(self._show)
        back_office.pingMeasured.connect(self._show)
        self._show()

    def _show(self, *_args: object) -> None:
        session = self.back_office.session
        lines = [session.detail] if session.detail else []
        if session.connected:
            lines.append(
                self.tr("Back office: logged in as {login}@{domain}").format(
                    login=session.login_name, domain=session.domain
                )
            )
        elif session.state in (ConnectionState.DISCONNECTED, ConnectionState.FAILED):
            lines.append(self.tr("Click to log in to the back office."))
        latency = session.last_ping_ms if session.connected else None
        self.indicator.setState(LightState(session.state.value), latency, "\n".join(lines))
