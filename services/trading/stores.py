"""In-memory stores of what the terminal knows, keyed by id; each publishes the keys it changed.

The stores publish every change at once (psygnal signals, plain Python): a script reads them as they happen;
the app coalesces them per frame in its Qt bridge (:mod:`app.trading.bridge`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from psygnal import Signal

from services.domain import AccountSummary, Balance, Fill, InstrumentId, Order, OrderStatus, Position, Quote

OrderKey = str

MAX_FILLS_PER_INSTRUMENT = 5000  # the newest fills kept for the charts' markers


class OrderStore:
    """Every order the terminal knows, of every venue, under one stable key.

    An order the user placed is keyed by its client id from before it is sent (``PENDING``), through an
    ``UNKNOWN`` outcome, to the venue's answers; an order seen only at the venue (another session, a strategy)
    is keyed by venue and venue order id. Updates that arrive without the client id keep the one we know.
    When the venue's row of an order turns out to be one we placed (its answer or reconciliation names
    both ids), the two rows merge into ours: the venue key is then reported changed and ``get`` returns
    None for it. An order the venue said had ended is never brought back by a later, older word of it.
    """

    changed = Signal(list)  # [OrderKey]; a key whose get() is None was removed

    def __init__(self) -> None:
        self._orders: dict[OrderKey, Order] = {}
        self._by_venue_id: dict[tuple[str, str], OrderKey] = {}
        self._inferred_end: set[OrderKey] = set()  # ended as the venue stopped listing them: may come back

    def upsert(self, order: Order) -> OrderKey:
        key = self._key_of(order)
        changed: list[OrderKey] = []
        if order.client_id and order.order_id:
            ours = client_key(order.client_id)
            if key != ours and ours in self._orders:  # the venue's row is the order we placed: keep ours
                self._orders.pop(key, None)
                changed.append(key)
                key = ours
        previous = self._orders.get(key)
        if previous is not None:
            if _revives(previous, order) and key not in self._inferred_end:
                if changed:
                    self.changed.emit(changed)
                return key
            if not order.client_id and previous.client_id:
                order = replace(order, client_id=previous.client_id)
            if previous == order:
                if changed:
                    self.changed.emit(changed)
                return key
        self._orders[key] = order
        self._inferred_end.discard(key)
        if order.order_id:
            self._by_venue_id[(order.instrument.venue, order.order_id)] = key
        changed.append(key)
        self.changed.emit(changed)
        return key

    def upsert_many(self, orders: Iterable[Order]) -> None:
        for order in orders:
            self.upsert(order)

    def get(self, key: OrderKey) -> Order | None:
        return self._orders.get(key)

    def working(self, venue: str) -> list[OrderKey]:
        """The keys of ``venue``'s orders shown as working at the venue (placed: they have its id)."""
        return [
            key
            for key, order in self._orders.items()
            if order.instrument.venue == venue and order.order_id and order.status.is_active
        ]

    def retire_missing(self, keys: Iterable[OrderKey], active_ids: set[str]) -> None:
        """The venue's working orders are ``active_ids``: an order of ``keys`` still shown as working that is
        not among them has ended where we could not see it (a cancel we asked for: canceled; otherwise the
        venue no longer lists it). Orders without a venue id (pending, unknown) are order entry's to
        settle."""
        for key in keys:
            order = self._orders.get(key)
            if order is None or not order.order_id or order.order_id in active_ids:
                continue
            if not order.status.is_active or order.status is OrderStatus.PENDING:
                continue
            if order.status is OrderStatus.CANCELING:
                self.upsert(replace(order, status=OrderStatus.CANCELED))
            else:
                ended = "the venue no longer lists this order"
                self.upsert(replace(order, status=OrderStatus.EXPIRED, message=ended))
            self._inferred_end.add(key)  # our inference, not the venue's word: the venue may show it again

    def remove(self, key: OrderKey) -> None:
        order = self._orders.pop(key, None)
        self._inferred_end.discard(key)
        if order is None:
            return
        if order.order_id:
            self._by_venue_id.pop((order.instrument.venue, order.order_id), None)
        self.changed.emit([key])

    def key_of(self, order: Order) -> OrderKey:
        return self._key_of(order)

    def find(self, venue: str, order_id: str) -> Order | None:
        key = self._by_venue_id.get((venue, order_id))
        return None if key is None else self._orders.get(key)

    def orders(self, *, active: bool | None = None, venue: str | None = None) -> list[tuple[OrderKey, Order]]:
        return [
            (key, order)
            for key, order in self._orders.items()
            if (active is None or order.status.is_active == active)
            and (venue is None or order.instrument.venue == venue)
        ]

    def _key_of(self, order: Order) -> OrderKey:
        if order.order_id:
            known = self._by_venue_id.get((order.instrument.venue, order.order_id))
            if known is not None:
                return known
        if order.client_id:
            return client_key(order.client_id)
        return f"venue:{order.instrument.venue}:{order.order_id}"


def _revives(previous: Order, order: Order) -> bool:
    """``order`` would bring back to life what the venue said had ended (an answer or a poll that left
    before the end was known, arriving after it): an ended order never works again. An order we only
    guessed had ended (no venue id: a lost answer judged not placed; or one the venue stopped listing, which
    the store remembers) may still turn out to be working."""
    return (
        previous.status.is_final
        and bool(previous.order_id)
        and previous.order_id == order.order_id
        and not order.status.is_final
    )


def client_key(client_id: str) -> OrderKey:
    """The store key of an order the user placed with ``client_id``."""
    return f"client:{client_id}"


class QuoteStore:
    """The latest quote per instrument."""

    changed = Signal(list)  # [InstrumentId]

    def __init__(self) -> None:
        self._quotes: dict[InstrumentId, Quote] = {}

    def put(self, quote: Quote) -> None:
        self._quotes[quote.instrument] = quote
        # thousands a second, always from the loop's thread: emit_fast skips the lock and the emitter
        # context (a generator context manager per call, whose __doc__ lookup PySide's signature hook makes
        # slow: ~5 us a quote)
        self.changed.emit_fast([quote.instrument])

    def get(self, instrument: InstrumentId) -> Quote | None:
        return self._quotes.get(instrument)


class AccountStore:
    """Balances (per venue, account and asset) and each venue's account summary."""

    balances_changed = Signal(str)  # venue
    summary_changed = Signal(str)  # venue

    def __init__(self) -> None:
        self._balances: dict[str, list[Balance]] = {}
        self._summaries: dict[str, AccountSummary] = {}

    def set_balances(self, venue: str, balances: Sequence[Balance]) -> None:
        rows = list(balances)
        if self._balances.get(venue) != rows:
            self._balances[venue] = rows
            self.balances_changed.emit(venue)

    def balances(self, venue: str | None = None) -> list[Balance]:
        if venue is not None:
            return list(self._balances.get(venue, []))
        return [b for rows in self._balances.values() for b in rows]

    def available(self, venue: str, account: str, asset: str) -> Balance | None:
        return next(
            (b for b in self._balances.get(venue, []) if b.account == account and b.asset == asset), None
        )

    def set_summary(self, summary: AccountSummary) -> None:
        if self._summaries.get(summary.venue) != summary:
            self._summaries[summary.venue] = summary
            self.summary_changed.emit(summary.venue)

    def summary(self, venue: str) -> AccountSummary | None:
        return self._summaries.get(venue)

    def clear(self, venue: str) -> None:
        """The venue's session ended: what it said of the account goes with it."""
        if self._balances.pop(venue, None) is not None:
            self.balances_changed.emit(venue)
        if self._summaries.pop(venue, None) is not None:
            self.summary_changed.emit(venue)


class PositionStore:
    """Open positions per venue, account and instrument, as the venue pushes them."""

    changed = Signal(str)  # venue

    def __init__(self) -> None:
        self._positions: dict[str, dict[tuple[str, InstrumentId], Position]] = {}

    def set_positions(self, venue: str, positions: Iterable[Position]) -> None:
        rows = {(p.account, p.instrument): p for p in positions if p.quantity != 0}
        if self._positions.get(venue, {}) != rows:
            self._positions[venue] = rows
            self.changed.emit(venue)

    def positions(self, venue: str | None = None, account: str | None = None) -> list[Position]:
        venues = [venue] if venue is not None else list(self._positions)
        return [
            p
            for v in venues
            for (acct, _), p in self._positions.get(v, {}).items()
            if account in (None, acct)
        ]

    def clear(self, venue: str) -> None:
        self.set_positions(venue, ())


class FillStore:
    """The user's fills per instrument (newest ``MAX_FILLS_PER_INSTRUMENT`` kept), for the charts' markers."""

    changed = Signal(list)  # [InstrumentId]

    def __init__(self) -> None:
        self._fills: dict[InstrumentId, dict[str, Fill]] = {}

    def add(self, fills: Iterable[Fill]) -> None:
        changed: dict[InstrumentId, None] = {}
        for fill in fills:
            known = self._fills.setdefault(fill.instrument, {})
            if fill.trade_id not in known:
                known[fill.trade_id] = fill
                changed[fill.instrument] = None
                if len(known) > MAX_FILLS_PER_INSTRUMENT:
                    del known[min(known, key=lambda k: known[k].time)]
        if changed:
            self.changed.emit(list(changed))

    def fills_of(self, instrument: InstrumentId) -> list[Fill]:
        """The user's fills of ``instrument``, oldest first."""
        return sorted(self._fills.get(instrument, {}).values(), key=lambda f: f.time)

    def clear(self, venue: str) -> None:
        gone = [i for i in self._fills if i.venue == venue]
        for instrument in gone:
            del self._fills[instrument]
        if gone:
            self.changed.emit(gone)
