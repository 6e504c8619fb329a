"""Order entry with no lost and no duplicate orders.

Every order is sent exactly once. Its row exists from the moment it is sent (``PENDING``). When the answer is
lost — a timeout or a dropped connection after the request may have left — the order is shown as ``UNKNOWN``
and looked up at the venue (``TradingVenue.find_order``) until it is found or the venue clearly has none; the
user is told what happened. Nothing is ever resent automatically: a second order is always the user's act.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.trading.stores import OrderStore
from services.domain import Order, OrderRequest, OrderStatus, utc_now
from services.errors import RejectedInput, TransportError, VenueError
from services.protocols import TradingVenue

log = logging.getLogger("tessera.orders")

RECONCILE_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0)  # ~20 s of looking before giving up


def new_client_id() -> str:
    return uuid.uuid4().hex[:20]


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderEntry", text)


class OrderEntry(QObject):
    """Places, modifies and cancels orders on the venues in ``venues`` (id -> TradingVenue)."""

    # client id, level ("info" | "warning" | "error"), message for the user
    outcome = Signal(str, str, str)

    def __init__(
        self,
        store: OrderStore,
        venues: Callable[[], Mapping[str, TradingVenue]],
        reconcile_delays: Sequence[float] = RECONCILE_DELAYS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._venues = venues
        self.reconcile_delays = tuple(reconcile_delays)
        self._in_flight: set[str] = set()

    def venue(self, venue_id: str) -> TradingVenue:
        try:
            return self._venues()[venue_id]
        except KeyError:
            raise RejectedInput("venue", _tr("Not connected to {venue}").format(venue=venue_id)) from None

    def in_flight(self, client_id: str) -> bool:
        return client_id in self._in_flight

    async def submit(self, request: OrderRequest) -> Order | None:
        """Send ``request`` once; returns the order as finally known.

        RejectedInput (bad input, nothing sent) propagates to the caller, which shows it at the field.
        """
        if request.client_id in self._in_flight or self.store.get(f"client:{request.client_id}") is not None:
            raise RejectedInput("order", _tr("This order was already sent"))
        venue = self.venue(request.instrument.venue)
        sent_at = utc_now()
        pending = Order(
            order_id="",
            instrument=request.instrument,
            side=request.side,
            type=request.type,
            quantity=request.quantity,
            status=OrderStatus.PENDING,
            price=request.price,
            stop_price=request.stop_price,
            client_id=request.client_id,
            time_in_force=request.time_in_force,
            action=request.action,
            account=request.account,
            created=sent_at,
            updated=sent_at,
        )
        self._in_flight.add(request.client_id)
        try:
            try:
                order = await venue.place_order(request)
            except RejectedInput:
                raise
            except VenueError as exc:
                return self._refused(pending, exc.message, _tr("Order rejected: {reason}").format(reason=exc))
            except TransportError as exc:
                if not exc.outcome_unknown:
                    return self._refused(
                        pending, exc.message, _tr("Order not sent: {reason}").format(reason=exc)
                    )
                self.store.upsert(replace(pending, status=OrderStatus.UNKNOWN, message=exc.message))
                self.outcome.emit(
                    request.client_id,
                    "warning",
                    _tr("No answer from {venue}; checking whether the order was placed…").format(
                        venue=request.instrument.venue
                    ),
                )
                return await self._reconcile(venue, pending)
            self.store.upsert(replace(order, client_id=request.client_id))
            self.outcome.emit(request.client_id, "info", _describe(order))
            return order
        finally:
            self._in_flight.discard(request.client_id)

    def _refused(self, pending: Order, reason: str, message: str) -> Order:
        refused = replace(pending, status=OrderStatus.REJECTED, message=reason, updated=utc_now())
        self.store.upsert(refused)
        self.outcome.emit(pending.client_id, "error", message)
        return refused

    async def _reconcile(self, venue: TradingVenue, pending: Order) -> Order:
        assert pending.created is not None
        for delay in self.reconcile_delays:
            await asyncio.sleep(delay)
            try:
                found = await venue.find_order(pending.client_id, pending.created)
            except (TransportError, VenueError) as exc:
                log.warning("order %s: reconciliation attempt failed: %s", pending.client_id, exc)
                continue
            if found is not None:
                found = replace(found, client_id=pending.client_id)
                self.store.upsert(found)
                self.outcome.emit(
                    pending.client_id,
                    "info",
                    _tr("The venue has the order: {state}").format(state=_describe(found)),
                )
                return found
        lost = replace(
            pending,
            status=OrderStatus.REJECTED,
            message=_tr("not found at the venue: it was not placed"),
            updated=utc_now(),
        )
        self.store.upsert(lost)
        self.outcome.emit(
            pending.client_id,
            "warning",
            _tr("The venue has no such order: it was not placed. Send it again if you still want it."),
        )
        return lost

    async def cancel(self, order: Order) -> bool:
        """True when the venue took the cancel; a refusal is told to the user and the order stays."""
        venue = self.venue(order.instrument.venue)
        try:
            await venue.cancel_order(order)
        except (VenueError, TransportError) as exc:
            self.outcome.emit(
                order.client_id, "error", _tr("Cancel failed: {reason}").format(reason=str(exc))
            )
            return False
        current = self.store.find(order.instrument.venue, order.order_id) or order
        if not current.status.is_final:  # the venue's own update may have said CANCELED already
            self.store.upsert(replace(current, status=OrderStatus.CANCELING, updated=utc_now()))
        return True

    async def modify(
        self, order: Order, price: Decimal | None = None, quantity: Decimal | None = None
    ) -> Order | None:
        venue = self.venue(order.instrument.venue)
        try:
            modified = await venue.modify_order(order, price=price, quantity=quantity)
        except RejectedInput:
            raise
        except (VenueError, TransportError) as exc:
            self.outcome.emit(
                order.client_id, "error", _tr("Modify failed: {reason}").format(reason=str(exc))
            )
            return None
        self.store.upsert(replace(modified, client_id=modified.client_id or order.client_id))
        self.outcome.emit(order.client_id, "info", _describe(modified))
        return modified


def _describe(order: Order) -> str:
    price = f" @ {order.price}" if order.price is not None else ""
    text = _tr("{side} {qty} {symbol}{price}: {status}")
    return text.format(
        side=order.side.value.upper(),
        qty=order.quantity,
        symbol=order.instrument.symbol,
        price=price,
        status=status_text(order.status),
    )


_STATUS_TEXT = {
    OrderStatus.PENDING: "sending",
    OrderStatus.UNKNOWN: "unknown (checking)",
    OrderStatus.NEW: "working",
    OrderStatus.PARTIALLY_FILLED: "partially filled",
    OrderStatus.FILLED: "filled",
    OrderStatus.CANCELING: "canceling",
    OrderStatus.CANCELED: "canceled",
    OrderStatus.PARTIALLY_CANCELED: "partially filled, rest canceled",
    OrderStatus.REJECTED: "rejected",
    OrderStatus.EXPIRED: "expired",
}


def status_text(status: OrderStatus) -> str:
    """The order status as the user reads it (translated)."""
    return QCoreApplication.translate("OrderStatus", _STATUS_TEXT[status])
