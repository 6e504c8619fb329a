"""Order entry with no lost and no duplicate orders.

Every order is sent exactly once. Its ``PENDING`` row is in the store *before* the request leaves, so a second
submit of the same request is refused whatever answers or updates arrive meanwhile. When the answer is lost —
a timeout or a dropped connection after the request may have left — the order is shown as ``UNKNOWN`` and
looked up at the venue (``TradingVenue.find_order``) until it is found or the venue clearly has none; the user
is told what happened. Nothing is ever resent automatically: a second order is always the user's act.

Messages for the user are :class:`OrderOutcome` values: an English template and its fields, so the app can
translate the template before it fills it in (this module knows nothing of Qt).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from psygnal import Signal

from services.domain import Order, OrderRequest, OrderStatus, utc_now
from services.errors import RejectedInput, TransportError, VenueError
from services.protocols import TradingVenue
from services.retry import Backoff
from services.trading.stores import OrderStore, client_key

log = logging.getLogger("tessera.orders")

RECONCILE_BACKOFF = Backoff(first=0.5, longest=8.0, factor=1.6)
RECONCILE_WINDOW_S = 20.0  # how long after the send the venue must still say "no such order" to be believed


def new_client_id() -> str:
    return uuid.uuid4().hex[:20]


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class OrderOutcome:
    """What happened to the order of ``client_id``, for the user: ``template.format(**fields)``."""

    client_id: str
    level: Level
    template: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self) -> str:
        return self.template.format(**self.fields)


STATUS_TEXT: Mapping[OrderStatus, str] = {
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
"""The order status as the user reads it (English; the app translates it in context "OrderStatus")."""

ORDER_SUMMARY = "{side} {qty} {symbol}{price}: {status}"


def order_fields(order: Order) -> dict[str, object]:
    """The fields of :data:`ORDER_SUMMARY` for ``order`` (``status`` is a key of :data:`STATUS_TEXT`)."""
    return {
        "side": order.side.value.upper(),
        "qty": order.quantity,
        "symbol": order.instrument.symbol,
        "price": f" @ {order.price}" if order.price is not None else "",
        "status": order.status,
    }


class OrderEntry:
    """Places, modifies and cancels orders on the venues ``venues()`` returns (id -> TradingVenue)."""

    outcome = Signal(OrderOutcome)
    answered = Signal()  # the venue answered the user's own place, cancel or modify: its row is in the store

    def __init__(
        self,
        store: OrderStore,
        venues: Callable[[], Mapping[str, TradingVenue]],
        reconcile: Backoff = RECONCILE_BACKOFF,
        reconcile_window: float = RECONCILE_WINDOW_S,
    ) -> None:
        self.store = store
        self._venues = venues
        self.reconcile = reconcile
        self.reconcile_window = reconcile_window
        self._in_flight: set[str] = set()

    def venue(self, venue_id: str) -> TradingVenue:
        try:
            return self._venues()[venue_id]
        except KeyError:
            raise RejectedInput("venue", "Not connected to {venue}", venue=venue_id) from None

    def in_flight(self, client_id: str) -> bool:
        return client_id in self._in_flight

    async def submit(self, request: OrderRequest) -> Order | None:
        """Send ``request`` once; returns the order as finally known.

        RejectedInput (bad input, nothing sent) propagates to the caller, which shows it at the field.
        """
        if request.client_id in self._in_flight or self.store.get(client_key(request.client_id)) is not None:
            raise RejectedInput("order", "This order was already sent")
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
        self.store.upsert(pending)
        try:
            try:
                order = await venue.place_order(request)
            except RejectedInput:  # refused before it left: nothing was sent, no row stays
                self.store.remove(client_key(request.client_id))
                raise
            except VenueError as exc:
                return self._refused(pending, exc.message, "Order rejected: {reason}", exc)
            except TransportError as exc:
                if not exc.outcome_unknown:
                    return self._refused(pending, exc.message, "Order not sent: {reason}", exc)
                self.store.upsert(replace(pending, status=OrderStatus.UNKNOWN, message=exc.message))
                self._tell(
                    pending.client_id,
                    Level.WARNING,
                    "No answer from {venue}; checking whether the order was placed…",
                    venue=request.instrument.venue,
                )
                return await self._reconcile(venue, pending)
            self.store.upsert(replace(order, client_id=request.client_id))
            self.answered.emit()
            self._tell(request.client_id, Level.INFO, ORDER_SUMMARY, **order_fields(order))
            return order
        finally:
            self._in_flight.discard(request.client_id)

    def _tell(self, client_id: str, level: Level, template: str, **fields: object) -> None:
        self.outcome.emit(OrderOutcome(client_id, level, template, fields))

    def _refused(self, pending: Order, reason: str, template: str, exc: Exception) -> Order:
        refused = replace(pending, status=OrderStatus.REJECTED, message=reason, updated=utc_now())
        self.store.upsert(refused)
        self.answered.emit()
        self._tell(pending.client_id, Level.ERROR, template, reason=exc)
        return refused

    async def _reconcile(self, venue: TradingVenue, pending: Order) -> Order:
        """Ask the venue for the order until it shows it, or until it has answered "no such order" at least
        twice, the last time ``reconcile_window`` seconds or more after the request could last have left (a
        request held up on its way may still arrive within that time). A lookup that did not reach the venue
        proves nothing: while the venue cannot be asked the order stays UNKNOWN and the asking goes on (more
        slowly), however long it takes."""
        assert pending.created is not None
        loop = asyncio.get_running_loop()
        went_unknown = loop.time()  # the request cannot have left later than this
        denials = 0
        unreachable_told = False
        for delay in self.reconcile.delays():
            await asyncio.sleep(delay)
            try:
                found = await venue.find_order(pending.client_id, pending.created)
            except (TransportError, VenueError) as exc:
                log.warning("order %s: reconciliation attempt failed: %s", pending.client_id, exc)
                if isinstance(exc, TransportError) and not unreachable_told:
                    unreachable_told = True
                    self._tell(
                        pending.client_id,
                        Level.WARNING,
                        "{venue} cannot be reached; the order stays unknown until it can be asked",
                        venue=pending.instrument.venue,
                    )
                continue
            if found is not None:
                found = replace(found, client_id=pending.client_id)
                self.store.upsert(found)
                self._tell(
                    pending.client_id,
                    Level.INFO,
                    "The venue has the order: {state}",
                    state=OrderOutcome(pending.client_id, Level.INFO, ORDER_SUMMARY, order_fields(found)),
                )
                return found
            denials += 1
            if denials >= 2 and loop.time() - went_unknown >= self.reconcile_window:
                break
        lost = replace(
            pending,
            status=OrderStatus.REJECTED,
            message="not found at the venue: it was not placed",
            updated=utc_now(),
        )
        self.store.upsert(lost)
        self._tell(
            pending.client_id,
            Level.WARNING,
            "The venue has no such order: it was not placed. Send it again if you still want it.",
        )
        return lost

    async def cancel(self, order: Order) -> bool:
        """True when the venue took the cancel; a refusal (or a venue not connected) is told to the user and
        the order stays. When the venue's answer says how the order ended (coin-weight: CANCELED), the row
        ends at once rather than at the next order poll."""
        try:
            venue = self.venue(order.instrument.venue)
            answer = await venue.cancel_order(order)
        except (VenueError, TransportError, RejectedInput) as exc:
            # an error goes as itself, so that the app can say it in the user's language
            self._tell(order.client_id, Level.ERROR, "Cancel failed: {reason}", reason=exc)
            return False
        current = self.store.find(order.instrument.venue, order.order_id) or order
        if current.status.is_final:  # the venue's own update said how it ended already
            return True
        if answer is not None and answer.order_id == order.order_id and answer.status.is_final:
            self.store.upsert(replace(answer, client_id=answer.client_id or current.client_id))
        else:
            self.store.upsert(replace(current, status=OrderStatus.CANCELING, updated=utc_now()))
        self.answered.emit()
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
            self._tell(order.client_id, Level.ERROR, "Modify failed: {reason}", reason=exc)
            return None
        self.store.upsert(replace(modified, client_id=modified.client_id or order.client_id))
        self.answered.emit()
        self._tell(order.client_id, Level.INFO, ORDER_SUMMARY, **order_fields(modified))
        return modified
