"""The exchange's two layouts (professional: 3 slots, simple: 12) as the slot panels and quote grid see them.

One :class:`VenueLayouts` per app (``venue_layouts(app_ctx)``), shared by every panel that shows a slot. It
loads both layouts from coin-weight (``/config/layout/{kind}/custom/{uid}``) at each login. Changing a slot is
optimistic: the panels show the new instrument at once while the ``update`` is sent, and when the venue
refuses it (or does not answer) the slot goes back to what the venue last confirmed and ``refused`` carries a
message for the user.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.context import AppContext
from app.service_texts import message_text
from app.trading.bridge import QtTrading
from app.trading.install import trading
from services.domain import InstrumentId, LayoutKind
from services.errors import TesseraError
from services.tasks import spawn
from services.trading.coinweight import CoinWeightVenueSession

log = logging.getLogger("tessera.layouts")

VENUE = "coinweight"
SERVICE_NAME = "layouts"

Slots = tuple[InstrumentId | None, ...]


class VenueLayouts(QObject):
    slotsChanged = Signal(object)  # LayoutKind: what its slots show changed (loaded, edited, rolled back)
    refused = Signal(object, int, str)  # LayoutKind, position (1-based), message for the user

    def __init__(self, core: QtTrading, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self._shown: dict[LayoutKind, list[InstrumentId | None]] = {
            kind: [None] * kind.slot_count for kind in LayoutKind
        }
        self._confirmed: dict[LayoutKind, list[InstrumentId | None]] = {
            kind: list(slots) for kind, slots in self._shown.items()
        }
        self._loaded: set[LayoutKind] = set()
        core.loggedIn.connect(self._on_logged_in)

    def _on_logged_in(self, venue: str) -> None:
        if venue == VENUE:
            self.start_loading()

    @property
    def session(self) -> CoinWeightVenueSession | None:
        session = self.core.sessions.get(VENUE)
        return session if isinstance(session, CoinWeightVenueSession) else None

    def available(self) -> bool:
        session = self.session
        return session is not None and session.connected

    def slots(self, kind: LayoutKind) -> Slots:
        return tuple(self._shown[kind])

    def loaded(self, kind: LayoutKind) -> bool:
        return kind in self._loaded

    async def reload(self) -> None:
        """Both layouts from the venue (a failed load is logged; the panels keep what they had)."""
        session = self.session
        if session is None:
            return
        for kind in LayoutKind:
            try:
                layout = await session.adapter.layout(kind)
            except TesseraError as exc:
                log.warning("the %s layout could not be loaded: %s", kind, exc)
                continue
            self._confirmed[kind] = list(layout.slots)
            self._shown[kind] = list(layout.slots)
            self._loaded.add(kind)
            self.slotsChanged.emit(kind)

    def set_slot(self, kind: LayoutKind, position: int, instrument: InstrumentId) -> None:
        """Show ``instrument`` at ``position`` (1-based) now and ask the venue to keep it there."""
        if self._shown[kind][position - 1] == instrument:
            return
        self._shown[kind][position - 1] = instrument
        self.slotsChanged.emit(kind)
        spawn(self._send(kind, position, instrument), name=f"layout {kind} slot {position}")

    async def _send(self, kind: LayoutKind, position: int, instrument: InstrumentId) -> None:
        session = self.session
        try:
            if session is None or not session.connected:
                raise TesseraError(tr("not connected to coin-weight"))
            await session.adapter.set_layout_slot(kind, position, instrument)
        except TesseraError as exc:
            reason = message_text(exc)
            log.warning("the %s layout kept slot %d: %s", kind, position, exc)
            if self._shown[kind][position - 1] == instrument:  # not replaced meanwhile: roll back
                self._shown[kind][position - 1] = self._confirmed[kind][position - 1]
                self.slotsChanged.emit(kind)
            self.refused.emit(
                kind,
                position,
                tr("The exchange did not save {instrument} in slot {position}: {reason}").format(
                    instrument=instrument, position=position, reason=reason
                ),
            )
            return
        self._confirmed[kind][position - 1] = instrument

    def start_loading(self) -> None:
        """:meth:`reload` in the background (at each login)."""
        spawn(self.reload(), name="load layouts")


def tr(text: str) -> str:
    return QCoreApplication.translate("VenueLayouts", text)


def venue_layouts(app_ctx: AppContext) -> VenueLayouts:
    """The app's one VenueLayouts (created on first use; loads at once if coin-weight is logged in)."""
    services = app_ctx.services
    if SERVICE_NAME not in services:
        layouts = VenueLayouts(trading(app_ctx), parent=trading(app_ctx))
        services.register(SERVICE_NAME, layouts)
        if layouts.available():
            layouts.start_loading()
    return services.get(SERVICE_NAME, VenueLayouts)
