"""The one place the Qt-free trading core meets Qt: its psygnal events become Qt signals.

View-models hold a :class:`QtTrading`: they read and command the core through it (``orders``, ``quotes``,
``order_entry``, ``sessions`` ... are the core's own objects) and connect to its Qt signals, so Qt drops a
connection when the view-model goes. Orders and quotes, which come in bursts, reach the view-models at most
once a frame; money, positions and fills (a few a second at most), session events and order outcomes at
once. Texts of the core (order outcomes, statuses, session messages) are English templates, translated here.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping
from types import MethodType
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal, SignalInstance

from app.service_texts import error_text
from app.trading.frames import FrameCoalescer
from services.domain import Instrument, InstrumentId, OrderStatus
from services.errors import TesseraError
from services.protocols import TradingVenue, VenueSession
from services.trading.core import TradingCore
from services.trading.order_entry import STATUS_TEXT, OrderOutcome

# The core's English texts (services/ knows no Qt), marked here so that lupdate finds them; a test checks that
# every status, outcome template and session message of the core is listed.
CORE_TEXTS = (
    QT_TRANSLATE_NOOP("OrderStatus", "sending"),
    QT_TRANSLATE_NOOP("OrderStatus", "unknown (checking)"),
    QT_TRANSLATE_NOOP("OrderStatus", "working"),
    QT_TRANSLATE_NOOP("OrderStatus", "partially filled"),
    QT_TRANSLATE_NOOP("OrderStatus", "filled"),
    QT_TRANSLATE_NOOP("OrderStatus", "canceling"),
    QT_TRANSLATE_NOOP("OrderStatus", "canceled"),
    QT_TRANSLATE_NOOP("OrderStatus", "partially filled, rest canceled"),
    QT_TRANSLATE_NOOP("OrderStatus", "rejected"),
    QT_TRANSLATE_NOOP("OrderStatus", "expired"),
    QT_TRANSLATE_NOOP("OrderEntry", "{side} {qty} {symbol}{price}: {status}"),
    QT_TRANSLATE_NOOP("OrderEntry", "BUY"),  # the summary's {side}
    QT_TRANSLATE_NOOP("OrderEntry", "SELL"),
    QT_TRANSLATE_NOOP("OrderEntry", "Order rejected: {reason}"),
    QT_TRANSLATE_NOOP("OrderEntry", "Order not sent: {reason}"),
    QT_TRANSLATE_NOOP("OrderEntry", "No answer from {venue}; checking whether the order was placed\u2026"),
    QT_TRANSLATE_NOOP(
        "OrderEntry", "{venue} cannot be reached; the order stays unknown until it can be asked"
    ),
    QT_TRANSLATE_NOOP("OrderEntry", "The venue has the order: {state}"),
    QT_TRANSLATE_NOOP(
        "OrderEntry", "The venue has no such order: it was not placed. Send it again if you still want it."
    ),
    QT_TRANSLATE_NOOP("OrderEntry", "Cancel failed: {reason}"),
    QT_TRANSLATE_NOOP("OrderEntry", "Modify failed: {reason}"),
    QT_TRANSLATE_NOOP("Sessions", "{venue} ended the session: please log in again."),
)


def status_text(status: OrderStatus) -> str:
    """The order status as the user reads it (translated)."""
    return QCoreApplication.translate("OrderStatus", STATUS_TEXT[status])


def outcome_text(outcome: OrderOutcome) -> str:
    """An order outcome in the user's language."""
    return QCoreApplication.translate("OrderEntry", outcome.template).format(
        **{name: _translated(name, value) for name, value in outcome.fields.items()}
    )


def _translated(name: str, value: object) -> object:
    if name == "side" and isinstance(value, str):
        return QCoreApplication.translate("OrderEntry", value)
    if isinstance(value, OrderStatus):
        return status_text(value)
    if isinstance(value, OrderOutcome):
        return outcome_text(value)
    if isinstance(value, TesseraError):
        return error_text(value)
    return value


def _weakly(method: Callable[..., object]) -> Callable[..., None]:
    """A QObject's bound method as a plain function for a psygnal signal: psygnal calls a QObject's method
    ~4x slower (6.7 us against 1.6 us a call: at 10,000 quotes a second, 5 % of a core); the weak reference
    neither keeps the object alive nor calls it once Qt has deleted it."""
    ref = weakref.WeakMethod(method)

    def call(*args: object) -> None:
        bound = ref()
        if bound is not None and shiboken6.isValid(cast(MethodType, bound).__self__):
            bound(*args)

    return call


class QtTrading(QObject):
    """The trading core as the view-models see it."""

    ordersChanged = Signal(list)  # [OrderKey] changed this frame; a key whose get() is None was removed
    quotesChanged = Signal(list)  # [InstrumentId]
    balancesChanged = Signal(str)  # venue
    summaryChanged = Signal(str)  # venue
    positionsChanged = Signal(str)  # venue
    fillsChanged = Signal(list)  # [InstrumentId]
    instrumentLinked = Signal(str, object)  # colour, InstrumentId
    # colour, InstrumentId, Side | None, price Decimal | None
    prefillRequested = Signal(str, object, object, object)
    orderOutcome = Signal(str, str, str)  # client id, level, translated message
    sessionStateChanged = Signal(str, object, str)  # venue, ConnectionState, detail
    sessionLatency = Signal(str, float)  # venue, seconds
    loggedIn = Signal(str)  # venue
    loggedOut = Signal(str)  # venue
    sessionChanged = Signal(str)  # venue: logged in or out, instruments or accounts loaded
    reloginRequired = Signal(str, str)  # venue, translated message

    def __init__(self, core: TradingCore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.orders = core.orders
        self.quotes = core.quotes
        self.accounts = core.accounts
        self.positions = core.positions
        self.fills = core.fills
        self.links = core.links
        self.order_entry = core.order_entry
        self._frames: list[FrameCoalescer] = []
        self._order_frames = self._coalesced(self.ordersChanged.emit)
        self._quote_frames = self._coalesced(self.quotesChanged.emit)
        core.orders.changed.connect(_weakly(self._order_frames.mark))
        core.quotes.changed.connect(_weakly(self._quote_frames.mark))
        core.fills.changed.connect(self.fillsChanged.emit)
        core.accounts.balances_changed.connect(self.balancesChanged.emit)
        core.accounts.summary_changed.connect(self.summaryChanged.emit)
        core.positions.changed.connect(self.positionsChanged.emit)
        core.links.instrument_changed.connect(self.instrumentLinked.emit)
        core.links.prefill_requested.connect(self.prefillRequested.emit)
        # the venue's answer to the user's own order is shown on the next loop turn, not at the frame's end
        core.order_entry.answered.connect(_weakly(self._order_frames.flush_soon))
        core.order_entry.outcome.connect(
            lambda o: self.orderOutcome.emit(o.client_id, o.level.value, outcome_text(o))
        )
        for session in core.sessions.values():
            self._bridge_session(session)

    @property
    def sessions(self) -> Mapping[str, VenueSession]:
        return self.core.sessions

    def session(self, venue: str) -> VenueSession:
        return self.core.session(venue)

    async def aclose(self) -> None:
        await self.core.aclose()

    def trading_venues(self) -> Mapping[str, TradingVenue]:
        return self.core.trading_venues()

    def instruments(self) -> dict[InstrumentId, Instrument]:
        return self.core.instruments()

    def instrument(self, instrument_id: InstrumentId) -> Instrument | None:
        return self.core.instrument(instrument_id)

    def subscribe_quotes(self, owner: object, instruments: Iterable[InstrumentId]) -> None:
        self.core.subscribe_quotes(owner, instruments)

    def unsubscribe_quotes(self, owner: object) -> None:
        self.core.unsubscribe_quotes(owner)

    def add_session(self, session: VenueSession) -> None:
        self.core.add_session(session)
        self._bridge_session(session)

    def flush_now(self) -> None:
        """Deliver what changed without waiting for the frame (the user's own action, a test)."""
        for frames in self._frames:
            frames.flush_now()

    def _coalesced(self, flush: Callable[[list[Any]], object]) -> FrameCoalescer:
        frames = FrameCoalescer(flush, self)
        self._frames.append(frames)
        return frames

    def _bridge_session(self, session: VenueSession) -> None:
        venue = session.venue
        session.state_changed.connect(
            lambda state, detail: self.sessionStateChanged.emit(venue, state, detail)
        )
        session.latency.connect(lambda seconds: self.sessionLatency.emit(venue, seconds))
        session.logged_in.connect(lambda: self._logged(venue, self.loggedIn))
        session.logged_out.connect(lambda: self._logged(venue, self.loggedOut))
        session.instruments_loaded.connect(lambda: self.sessionChanged.emit(venue))
        session.accounts_changed.connect(lambda: self.sessionChanged.emit(venue))
        session.relogin_required.connect(
            lambda template: self.reloginRequired.emit(
                venue, QCoreApplication.translate("Sessions", template).format(venue=venue)
            )
        )

    def _logged(self, venue: str, signal: SignalInstance) -> None:
        self.flush_now()  # what the session changed is shown before the panels react to it
        signal.emit(venue)
        self.sessionChanged.emit(venue)
