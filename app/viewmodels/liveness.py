"""Why a venue's data is not live, in the words of the "Not live: ..." banner every panel shows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.trading.bridge import QtTrading
from app.venues import VENUE_NAMES
from services.domain import ConnectionState


def not_live_reason(core: QtTrading, venue: str) -> str:
    """ "" while ``venue``'s session is connected; else why its data is frozen ("coin-weight logged out")."""
    session = core.sessions.get(venue)
    name = VENUE_NAMES.get(venue, venue)
    state = ConnectionState.DISCONNECTED if session is None else session.state
    if state is ConnectionState.CONNECTED:
        return ""
    if state is ConnectionState.DEGRADED:
        return QCoreApplication.translate("Liveness", "{venue} reconnecting\u2026").format(venue=name)
    if state is ConnectionState.CONNECTING:
        return QCoreApplication.translate("Liveness", "{venue} connecting\u2026").format(venue=name)
    if state is ConnectionState.FAILED:
        return QCoreApplication.translate("Liveness", "{venue} connection failed").format(venue=name)
    return QCoreApplication.translate("Liveness", "{venue} logged out").format(venue=name)
