"""In-memory stores keyed by id; each tells its listeners once per frame which keys changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from app.trading.frames import FrameCoalescer
from services.domain import AccountSummary, Balance, InstrumentId, Order, Quote

OrderKey = str


class OrderStore(QObject):
    """Every order the terminal knows, of every venue, under one stable key.

    An order the user placed is keyed by its client id from the moment it is sent (``PENDING``), through an
    ``UNKNOWN`` outcome, to the venue's answers; an order seen only at the venue (another session, a strategy)
    is keyed by venue and venue order id. Updates that arrive without the client id keep the one we know.
    When the venue's row of an order turns out to be one we placed (reconciliation), the two rows merge into
    ours: the venue key is then reported changed and ``get`` returns None for it.
    """

    ordersChanged = Signal(list)  # [OrderKey], coalesced per frame; a key whose get() is None was removed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orders: dict[OrderKey, Order] = {}
        self._by_venue_id: dict[tuple[str, str], OrderKey] = {}
        self._frames = FrameCoalescer(self.ordersChanged.emit, self)

    def upsert(self, order: Order) -> OrderKey:
        key = self._key_of(order)
        if order.client_id and order.order_id:
            ours = f"client:{order.client_id}"
            if key != ours and ours in self._orders:  # the venue's row is the order we placed: keep ours
                self._orders.pop(key, None)
                self._frames.mark([key])
                key = ours
        previous = self._orders.get(key)
        if previous is not None:
            if not order.client_id and previous.client_id:
                order = replace(order, client_id=previous.client_id)
            if previous == order:
                return key
        self._orders[key] = order
        if order.order_id:
            self._by_venue_id[(order.instrument.venue, order.order_id)] = key
        self._frames.mark([key])
        return key

    def upsert_many(self, orders: Iterable[Order]) -> None:
        for order in orders:
            self.upsert(order)

    def get(self, key: OrderKey) -> Order | None:
        return self._orders.get(key)

    def key_of(self, order: Order) -> OrderKey:
        return self._key_of(order)

    def find(self, venue: str, order_id: str) -> Order | None:
        key = self._by_venue_id.get((venue, order_id))
        return None if key is None else self._orders[key]

    def orders(self, *, active: bool | None = None, venue: str | None = None) -> list[tuple[OrderKey, Order]]:
        return [
            (key, order)
            for key, order in self._orders.items()
            if (active is None or order.status.is_active == active)
            and (venue is None or order.instrument.venue == venue)
        ]

    def flush_now(self) -> None:
        self._frames.flush_now()

    def _key_of(self, order: Order) -> OrderKey:
        if order.order_id:
            known = self._by_venue_id.get((order.instrument.venue, order.order_id))
            if known is not None:
                return known
        if order.client_id:
            return f"client:{order.client_id}"
        return f"venue:{order.instrument.venue}:{order.order_id}"


class QuoteStore(QObject):
    """The latest quote per instrument."""

    quotesChanged = Signal(list)  # [InstrumentId], coalesced per frame

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quotes: dict[InstrumentId, Quote] = {}
        self._frames = FrameCoalescer(self.quotesChanged.emit, self)

    def put(self, quote: Quote) -> None:
        self._quotes[quote.instrument] = quote
        self._frames.mark([quote.instrument])

    def get(self, instrument: InstrumentId) -> Quote | None:
        return self._quotes.get(instrument)

    def flush_now(self) -> None:
        self._frames.flush_now()


class AccountStore(QObject):
    """Balances (per venue, account and asset) and each venue's account summary."""

    balancesChanged = Signal(str)  # venue
    summaryChanged = Signal(str)  # venue

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._balances: dict[str, list[Balance]] = {}
        self._summaries: dict[str, AccountSummary] = {}

    def set_balances(self, venue: str, balances: Sequence[Balance]) -> None:
        balances = list(balances)
        if self._balances.get(venue) != balances:
            self._balances[venue] = balances
            self.balancesChanged.emit(venue)

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
            self.summaryChanged.emit(summary.venue)

    def summary(self, venue: str) -> AccountSummary | None:
        return self._summaries.get(venue)
