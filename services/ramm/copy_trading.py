"""Copy trading from the terminal: a trading account's position changes published as RAMM signals.

The user links a RAMM strategy they own to a trading account of the core (``venue`` + ``account``): a CHP
portfolio, whose net positions per symbol are the core's PositionStore, or the coin-weight (spot) account of
a counterparty, whose net position in a coin is its balance in the AccountStore, published as the coin's
USDT pair (``BTC`` -> ``BTCUSDT``, the MT-style names of the RAMM book; USDT itself is the money, not a
position). Which venues are spot is the ``spot(venue)`` predicate (the app reads it from the session's
capabilities: no positions pushed). The link remembers the account's holdings at that moment
(``baseline``): the strategy's net lot in a symbol is the account's net position minus the baseline, so the
strategy starts flat and follows every trade made from then on (manual orders, the chart, the book).

- On link, and the first time after the RAMM session or the trading venue (re)connects while linked,
  ``trading.addSync`` (hard) sets the strategy to the account's current net lots, symbols left out flat.
  Nothing is sent while the trading venue's positions are not live (``ready(venue)`` false).
- Each change of the net lot in a symbol is sent once as ``trading.addSignal`` (Lot = new net lot, signed)
  with a ticket of its own; the lot is recorded as sent before the request leaves, so the same position
  change never leaves twice.
- A lost answer (TransportError with outcome_unknown) is reconciled with ``signals.search`` (the strategy and
  symbol, newest first): the signal found by its ticket is the answer; none found means the venue never got
  it, and the lot is sent again (with a new ticket) at the next publication.
- A refusal (VenueError) is kept with the venue's words; the lot counts as not sent.

Events (psygnal): ``changed()`` when the link or the signal list changes.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from psygnal import Signal

from services.errors import TransportError, VenueError
from services.ramm import schemas as s
from services.ramm.enums import SignalStatus, SortDirection
from services.ramm.search import Query
from services.ramm.session import RammSession
from services.trading.stores import AccountStore, PositionStore

log = logging.getLogger("tessera.ramm.copy")

MAX_SIGNALS_KEPT = 200
LOT_STEP = Decimal("0.01")  # the venue takes at most 2 decimals
SPOT_QUOTE = "USDT"  # a spot account's coins are published as their USDT pairs


@dataclass(frozen=True, slots=True)
class CopyLink:
    strategy_id: int
    strategy_name: str
    venue: str
    account: str
    baseline: dict[str, Decimal] = field(default_factory=dict)


class Delivery(StrEnum):
    SENDING = "sending"
    SENT = "sent"  # the venue answered a SignalID
    UNKNOWN = "unknown"  # answer lost, being reconciled
    NOT_DELIVERED = "not delivered"  # reconciled: the venue never got it (sent again)
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class PublishedSignal:
    symbol: str
    lot: Decimal
    ticket: str
    delivery: Delivery = Delivery.SENDING
    signal_id: int | None = None
    status: SignalStatus | None = None  # the venue's status of the signal
    message: str = ""
    sync: bool = False


class CopyTrader:
    changed = Signal()

    def __init__(
        self,
        ramm: RammSession,
        positions: PositionStore,
        ready: Callable[[str], bool] = lambda venue: True,
        *,
        balances: AccountStore | None = None,
        spot: Callable[[str], bool] = lambda venue: False,
    ) -> None:
        self.ramm = ramm
        self.positions = positions
        self.balances = balances
        self.spot = spot  # whether a venue holds balances (its positions are its coins), not positions
        self.ready = ready  # whether a venue's positions are live (its session logged in)
        self._synced = False
        self.link: CopyLink | None = None
        self.signals: list[PublishedSignal] = []
        self._sent: dict[str, Decimal] = {}  # symbol -> the strategy's net lot as last sent
        self._lock = asyncio.Lock()
        self._pending: asyncio.Task[None] | None = None
        positions.changed.connect(self._on_positions)
        if balances is not None:
            balances.balances_changed.connect(self._on_positions)
        ramm.logged_in.connect(self._on_logged_in)
        ramm.logged_out.connect(self._on_logged_out)

    # --- the link -------------------------------------------------------------------------------------------
    def net_lots(self) -> dict[str, Decimal]:
        """The strategy's net lot per symbol now: the account's positions minus the link's baseline."""
        link = self.link
        if link is None:
            return {}
        held = self.held(link.venue, link.account)
        lots = {}
        for symbol in set(held) | set(link.baseline):
            lot = (held.get(symbol, Decimal(0)) - link.baseline.get(symbol, Decimal(0))).quantize(LOT_STEP)
            lots[symbol] = lot
        return lots

    def held(self, venue: str, account: str) -> dict[str, Decimal]:
        """The account's net position per RAMM symbol now (positions, or a spot account's coins)."""
        held: dict[str, Decimal] = {}
        if self.spot(venue):
            for balance in self.balances.balances(venue) if self.balances is not None else ():
                if balance.account == account and balance.asset != SPOT_QUOTE:
                    symbol = f"{balance.asset}{SPOT_QUOTE}"
                    held[symbol] = held.get(symbol, Decimal(0)) + balance.total
            return held
        for position in self.positions.positions(venue, account):
            symbol = position.instrument.symbol
            held[symbol] = held.get(symbol, Decimal(0)) + position.quantity
        return held

    async def link_to(self, strategy_id: int, strategy_name: str, venue: str, account: str) -> None:
        """Link (or relink) ``strategy_id`` to the account; the strategy is synced flat at once."""
        self.link = CopyLink(strategy_id, strategy_name, venue, account, self.held(venue, account))
        self._sent = {}
        self._synced = False
        self.signals = []
        self.changed.emit()
        await self.sync()

    def restore(self, link: CopyLink) -> None:
        """A link kept from an earlier run (synced once both sessions are connected)."""
        self.link = link
        self._sent = {}
        self._synced = False
        self.changed.emit()

    def unlink(self) -> None:
        self.link = None
        self._sent = {}
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self.changed.emit()

    def close(self) -> None:
        """Stop listening (the link itself is kept by its owner)."""
        self.positions.changed.disconnect(self._on_positions)
        if self.balances is not None:
            self.balances.balances_changed.disconnect(self._on_positions)
        self.ramm.logged_in.disconnect(self._on_logged_in)
        self.ramm.logged_out.disconnect(self._on_logged_out)
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    # --- sending --------------------------------------------------------------------------------------------
    async def sync(self) -> None:
        """``trading.addSync`` (hard): the strategy set to the current net lots, the rest flat."""
        link = self.link
        if link is None or not self.ramm.connected or not self.ready(link.venue):
            return
        async with self._lock:
            await self._sync(link)

    async def _sync(self, link: CopyLink) -> None:
        lots = self.net_lots()
        items = [s.SyncItem(Symbol=symbol, Lot=lot) for symbol, lot in sorted(lots.items()) if lot != 0]
        ticket = _ticket()
        draft = s.SyncDraft(StrategyID=link.strategy_id, Signals=items, SoftSync=False, Ticket=ticket)
        record = PublishedSignal(",".join(i.Symbol for i in items) or "-", Decimal(0), ticket, sync=True)
        self._add(record)
        try:
            await self.ramm.client.trading_add_sync(draft)
        except VenueError as exc:
            self._replace(record, delivery=Delivery.REFUSED, message=exc.message)
            return
        except TransportError as exc:
            self._replace(record, delivery=Delivery.UNKNOWN, message=exc.message)
            # not marked synced: the next publication syncs again (a sync sets a state, harmless twice)
            return
        self._sent = dict(lots)
        self._synced = True
        self._replace(record, delivery=Delivery.SENT)

    async def publish(self) -> None:
        """Send every symbol whose net lot differs from the one last sent (each change once)."""
        link = self.link
        if link is None or not self.ramm.connected or not self.ready(link.venue):
            return
        async with self._lock:
            if not self._synced:  # first after a (re)connect: the whole state at once
                await self._sync(link)
                return
            for symbol, lot in sorted(self.net_lots().items()):
                if self.link is not link:
                    return
                if self._sent.get(symbol, Decimal(0)) == lot:
                    continue
                await self._send(link, symbol, lot)

    async def _send(self, link: CopyLink, symbol: str, lot: Decimal) -> None:
        previous = self._sent.get(symbol, Decimal(0))
        self._sent[symbol] = lot  # before it leaves: never sent twice for one change
        record = PublishedSignal(symbol, lot, _ticket())
        self._add(record)
        draft = s.SignalDraft(StrategyID=link.strategy_id, Symbol=symbol, Lot=lot, Ticket=record.ticket)
        try:
            signal_id = await self.ramm.client.trading_add_signal(draft)
        except VenueError as exc:
            self._sent[symbol] = previous
            self._replace(record, delivery=Delivery.REFUSED, message=exc.message)
            return
        except TransportError as exc:
            if not exc.outcome_unknown:  # never reached the venue
                self._sent[symbol] = previous
                self._replace(record, delivery=Delivery.NOT_DELIVERED, message=exc.message)
                return
            self._replace(record, delivery=Delivery.UNKNOWN, message=exc.message)
            await self._reconcile(link, record, previous)
            return
        self._replace(record, delivery=Delivery.SENT, signal_id=signal_id)

    async def _reconcile(self, link: CopyLink, record: PublishedSignal, previous: Decimal) -> None:
        """The answer was lost: look the signal up by its ticket (signals.search, newest first)."""
        query = Query(
            filter={"StrategyID": link.strategy_id, "Symbol": record.symbol},
            per_page=20,
            order_by="ID",
            direction=SortDirection.DESC,
        )
        try:
            page = await self.ramm.client.signals_search(query)
        except (VenueError, TransportError) as exc:
            log.warning("RAMM signal %s not reconciled yet: %s", record.ticket, exc)
            return  # stays UNKNOWN and counted as sent: better late than twice
        found = next((row for row in page.rows if str(row.Ticket or "") == record.ticket), None)
        if found is None:
            self._sent[record.symbol] = previous
            self._replace(record, delivery=Delivery.NOT_DELIVERED)
            return
        self._replace(record, delivery=Delivery.SENT, signal_id=found.ID, status=_status(found))

    async def refresh_statuses(self) -> None:
        """The venue's status of the signals sent in this link (signals.search, first page, newest first)."""
        link = self.link
        if link is None or not self.ramm.connected:
            return
        query = Query(filter={"StrategyID": link.strategy_id}, order_by="ID", direction=SortDirection.DESC)
        page = await self.ramm.client.signals_search(query)
        by_id = {row.ID: row for row in page.rows}
        updated = False
        for index, record in enumerate(self.signals):
            row = by_id.get(record.signal_id) if record.signal_id is not None else None
            if row is not None and _status(row) != record.status:
                message = row.Comment or record.message
                self.signals[index] = replace(record, status=_status(row), message=message)
                updated = True
        if updated:
            self.changed.emit()

    # --- events ---------------------------------------------------------------------------------------------
    def _on_positions(self, venue: str) -> None:
        link = self.link
        if link is None or venue != link.venue or not self.ramm.connected:
            return
        self._schedule(self.publish())

    def _on_logged_in(self) -> None:
        self._synced = False
        if self.link is not None:
            self._schedule(self.publish())

    def _on_logged_out(self) -> None:
        self._synced = False

    def venue_connected(self, venue: str) -> None:
        """The trading venue's session (re)connected: its positions are live again."""
        if self.link is not None and venue == self.link.venue:
            self._synced = False
            self._schedule(self.publish())

    def _schedule(self, coro: Coroutine[Any, Any, None]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            return
        task = loop.create_task(coro)
        self._pending = task
        task.add_done_callback(_log_failure)

    # --- the list -------------------------------------------------------------------------------------------
    def _add(self, record: PublishedSignal) -> None:
        self.signals.insert(0, record)
        del self.signals[MAX_SIGNALS_KEPT:]
        self.changed.emit()

    def _replace(self, record: PublishedSignal, **changes: object) -> None:
        for index, known in enumerate(self.signals):
            if known.ticket == record.ticket:
                self.signals[index] = replace(known, **changes)  # type: ignore[arg-type]  # dataclass fields
                break
        self.changed.emit()


def _ticket() -> str:
    return "tessera-" + uuid.uuid4().hex[:12]


def _status(row: s.SignalRow) -> SignalStatus | None:
    return None if row.Status is None else SignalStatus(int(row.Status))


def _log_failure(task: asyncio.Task[None]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("RAMM copy trading failed: %s", exc, exc_info=exc)
