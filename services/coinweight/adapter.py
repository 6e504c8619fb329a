"""CoinWeightVenue: the coin-weight client behind the app's protocols (VenueConnection, TradingVenue,
StrategyHost), plus what only this venue has: market tabs, favourites, the two layouts, API keys.

Mapping:

- Instrument: one per ``/config/symbols`` row, ``InstrumentId("coinweight", counterParty, name)``, steps
  ``10**-priceDecimal`` and ``10**-quantityDecimal``, min/max quantity from ``quantityMin``/``quantityMax``.
- Order: BID = buy, ASK = sell; ``executionType`` gives the status (ACK = new); ``filledPrice`` is read as the
  average fill price; the ``owner`` of every order, key and position is the logged-in ``uid``.
- Balances: ``/user/{uid}/position``, one per counterparty and currency (``account`` = counterparty). The
  venue's own ``availableAmount`` is not kept: the domain's available is total - used. This is a spot venue:
  ``positions()`` is empty.
- Strategies: ``StrategySpec.params`` holds the item's fields other than id/name/exchange/strategyType under
  their wire names (``owner``, ``symbols``, ``bCancel``, unknown ones), numbers as ``Decimal``.
- Streams: the venue only polls. ``order_updates()`` and ``fills()`` poll ``/order/active`` and, for orders
  that left it or were created since the last poll, ``/order/inactive``; a fill is an increase of
  ``filledQuantity`` (its price worked out from the change of the average ``filledPrice``).

Reconciliation: the venue has no client order id. ``place_order`` remembers each request under its
``client_id``; ``find_order(client_id, placed_after)`` looks in ``/order/active``, then in ``/order/inactive``
(from ``placed_after - clock_skew`` to now), for an order with the same counterparty, symbol, side, order type
and quantity (and price, for a limit order), created at or after ``placed_after - clock_skew``, that no other
client id has been matched to; the earliest such order wins and is then bound to the client id (a later call
for that client id looks only for that order).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from services.coinweight import schemas as cw
from services.coinweight.client import VENUE, CoinWeightClient
from services.domain import (
    AccountSummary,
    ApiKeyInfo,
    Balance,
    ConnectionState,
    Fill,
    Instrument,
    InstrumentId,
    Layout,
    LayoutKind,
    MarketTab,
    Order,
    OrderRequest,
    OrderStatus,
    OrderType,
    Position,
    Side,
    StrategySpec,
    StrategyStatus,
    TimeInForce,
    utc_now,
)
from services.errors import AuthError, RejectedInput, TransportError, VenueError

_SIDES = {cw.Side.BID: Side.BUY, cw.Side.ASK: Side.SELL}
_WIRE_SIDES = {side: wire for wire, side in _SIDES.items()}
_TYPES = {cw.OrderType.LIMIT: OrderType.LIMIT, cw.OrderType.MARKET: OrderType.MARKET}
_WIRE_TYPES = {kind: wire for wire, kind in _TYPES.items()}
_STATUSES = {
    cw.ExecutionType.EXECUTION_REJECTED: OrderStatus.REJECTED,
    cw.ExecutionType.EXECUTION_ACK: OrderStatus.NEW,
    cw.ExecutionType.EXECUTION_PARTIAL_FILLED: OrderStatus.PARTIALLY_FILLED,
    cw.ExecutionType.EXECUTION_FILLED: OrderStatus.FILLED,
    cw.ExecutionType.EXECUTION_CANCELING: OrderStatus.CANCELING,
    cw.ExecutionType.EXECUTION_CANCELED: OrderStatus.CANCELED,
    cw.ExecutionType.EXECUTION_PARTIAL_CANCELED: OrderStatus.PARTIALLY_CANCELED,
}
_STRATEGY_STATUSES = {status.value: status for status in StrategyStatus}
_SPEC_FIELDS = {"id", "name", "exchange", "strategy_type"}  # StrategySpec attributes, not params


def instrument_of(counter_party: str, symbol: cw.SymbolInfo) -> Instrument:
    return Instrument(
        id=InstrumentId(VENUE, counter_party, symbol.name),
        base=symbol.base,
        quote=symbol.quote,
        price_step=Decimal(10) ** -symbol.price_decimal,
        qty_step=Decimal(10) ** -symbol.quantity_decimal,
        min_qty=symbol.quantity_min,
        max_qty=symbol.quantity_max,
    )


def order_of(order: cw.Order, client_id: str = "") -> Order:
    filled = order.filled_quantity_value
    return Order(
        order_id=order.street_order_id,
        instrument=InstrumentId(VENUE, order.counter_party, order.symbol),
        side=_SIDES[order.side],
        type=_TYPES[order.order_type],
        quantity=order.quantity_value,
        status=_STATUSES[order.execution_type],
        price=order.price_value if order.order_type is cw.OrderType.LIMIT else None,
        filled_quantity=filled,
        average_fill_price=order.filled_price_value if filled else None,
        client_id=client_id,
        account=order.owner,
        created=order.created_at,
        updated=order.processed_at,
    )


def check_order(
    instrument: Instrument, kind: OrderType, price: Decimal | None, quantity: Decimal
) -> tuple[str | None, str]:
    """The price (None for a market order) and quantity as the venue wants them, or RejectedInput."""
    if kind not in _WIRE_TYPES:
        raise RejectedInput("type", "coin-weight takes limit and market orders only")
    if quantity <= 0:
        raise RejectedInput("quantity", "the quantity must be positive")
    if quantity < instrument.min_qty:
        raise RejectedInput("quantity", "the minimum is {minimum}", minimum=instrument.min_qty)
    if instrument.max_qty is not None and quantity > instrument.max_qty:
        raise RejectedInput("quantity", "the maximum is {maximum}", maximum=instrument.max_qty)
    if not _on_step(quantity, instrument.qty_step):
        raise RejectedInput(
            "quantity",
            "at most {decimals} decimals ({step})",
            decimals=instrument.qty_decimals,
            step=instrument.qty_step,
        )
    quantity_text = _text(quantity, instrument.qty_step)
    if kind is OrderType.MARKET:
        return None, quantity_text
    if price is None:
        raise RejectedInput("price", "a limit order needs a price")
    if price <= 0:
        raise RejectedInput("price", "the price must be positive")
    if not _on_step(price, instrument.price_step):
        raise RejectedInput(
            "price",
            "at most {decimals} decimals ({step})",
            decimals=instrument.price_decimals,
            step=instrument.price_step,
        )
    return _text(price, instrument.price_step), quantity_text


def _on_step(value: Decimal, step: Decimal) -> bool:
    try:
        return value == value.quantize(step)
    except InvalidOperation:  # too many digits for the context: not a sensible price or quantity
        return False


def _text(value: Decimal, step: Decimal) -> str:
    return format(value.quantize(step), "f")


def _matches(order: cw.Order, request: OrderRequest, since_ms: int) -> bool:
    """Could ``order`` be the one ``request`` created (see the module docstring)?"""
    return (
        order.counter_party == request.instrument.market
        and order.symbol == request.instrument.symbol
        and _SIDES[order.side] == request.side
        and _TYPES[order.order_type] == request.type
        and order.quantity_value == request.quantity
        and (request.type != OrderType.LIMIT or order.price_value == request.price)
        and order.create_time >= since_ms
    )


def _fill_between(previous: cw.Order | None, current: cw.Order) -> Fill | None:
    """The fill that moved ``previous`` to ``current``, if its filled quantity grew."""
    before = previous.filled_quantity_value if previous else Decimal(0)
    after = current.filled_quantity_value
    if after <= before:
        return None
    paid_before = previous.filled_price_value * before if previous and before else Decimal(0)
    price = (current.filled_price_value * after - paid_before) / (after - before)
    return Fill(
        order_id=current.street_order_id,
        instrument=InstrumentId(VENUE, current.counter_party, current.symbol),
        side=_SIDES[current.side],
        price=price,
        quantity=after - before,
        time=current.processed_at,
        trade_id=f"{current.street_order_id}:{current.filled_quantity}",
        account=current.owner,
    )


@dataclass
class _Watch:
    """Where a polled order stream stands: the active orders of its last poll, and since when the inactive
    ones are asked for."""

    since: datetime | None = None
    last_active: dict[str, cw.Order] = field(default_factory=dict)


class CoinWeightVenue:
    """VenueConnection + TradingVenue + StrategyHost over one :class:`CoinWeightClient`."""

    venue = VENUE

    def __init__(
        self,
        client: CoinWeightClient,
        *,
        poll_interval: float = 1.0,
        clock_skew: timedelta = timedelta(seconds=5),
        page_size: int = 50,
    ) -> None:
        self._client = client
        self.poll_interval = poll_interval
        self.clock_skew = clock_skew
        self.page_size = page_size
        self._state = ConnectionState.DISCONNECTED
        self._session: cw.UserSession | None = None
        self._instruments: dict[InstrumentId, Instrument] = {}
        self._requests: dict[str, OrderRequest] = {}  # client id -> the request sent under it
        self._client_ids: dict[str, str] = {}  # streetOrderId -> the client id it was bound to
        self._order_watch = _Watch()
        self._fill_watch = _Watch()

    @property
    def client(self) -> CoinWeightClient:
        return self._client

    # --- VenueConnection ------------------------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def uid(self) -> str:
        if self._session is None:
            raise AuthError(VENUE, None, "not logged in")
        return self._session.uid

    async def connect(self, login: str, secret: str) -> None:
        self._state = ConnectionState.CONNECTING
        try:
            self._session = await self._client.login(login, secret)
        except AuthError:
            self._state = ConnectionState.FAILED
            raise
        except (VenueError, TransportError):
            self._state = ConnectionState.DISCONNECTED
            raise
        self._state = ConnectionState.CONNECTED
        self._order_watch, self._fill_watch = _Watch(), _Watch()  # a new session: polling starts afresh

    async def disconnect(self) -> None:
        self._client.set_token(None)
        self._session = None
        self._state = ConnectionState.DISCONNECTED

    async def ping(self) -> float:
        """One ``/test-auth`` round trip (needs the session)."""
        started = time.perf_counter()
        await self._client.check_auth()
        return time.perf_counter() - started

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- instruments ----------------------------------------------------------------------------------------

    async def instruments(self) -> Sequence[Instrument]:
        rows = await self._client.symbols()
        instruments = [instrument_of(row.counter_party, symbol) for row in rows for symbol in row.symbols]
        self._instruments = {instrument.id: instrument for instrument in instruments}
        return instruments

    async def instrument(self, instrument_id: InstrumentId) -> Instrument:
        """The instrument (symbols reloaded once if it is not known yet), or RejectedInput on ``symbol``."""
        if instrument_id not in self._instruments:
            await self.instruments()
        try:
            return self._instruments[instrument_id]
        except KeyError:
            raise RejectedInput(
                "symbol", "{instrument} is not traded on coin-weight", instrument=instrument_id
            ) from None

    # --- orders ---------------------------------------------------------------------------------------------

    async def place_order(self, request: OrderRequest) -> Order:
        """Checks the request against the instrument, then sends it once (see ``find_order``)."""
        if request.time_in_force is not TimeInForce.GTC:
            raise RejectedInput("time_in_force", "coin-weight orders stay until filled or canceled (GTC)")
        instrument = await self.instrument(request.instrument)
        price, quantity = check_order(instrument, request.type, request.price, request.quantity)
        wire = cw.OrderCreateRequest(
            order_type=_WIRE_TYPES[request.type],
            symbol=request.instrument.symbol,
            side=_WIRE_SIDES[request.side],
            owner=self.uid,
            counter_party=request.instrument.market,
            price=price,
            quantity=quantity,
        )
        self._requests[request.client_id] = request
        created = await self._client.create_order(wire)
        self._client_ids[created.street_order_id] = request.client_id
        return self._order(created)

    async def cancel_order(self, order: Order) -> Order | None:
        """The venue answers with the order as the cancel left it (EXECUTION_CANCELED)."""
        answer = await self._client.cancel_order(
            cw.OrderCancelRequest(
                street_order_id=order.order_id, owner=self.uid, counter_party=order.instrument.market
            )
        )
        return self._order(answer)

    async def modify_order(self, order: Order, price: object = None, quantity: object = None) -> Order:
        """New price and/or quantity of an unfilled limit order (the venue refuses others: code 1000)."""
        new_price = order.price if price is None else cw.to_decimal(price)
        new_quantity = order.quantity if quantity is None else cw.to_decimal(quantity)
        instrument = await self.instrument(order.instrument)
        price_text, quantity_text = check_order(instrument, OrderType.LIMIT, new_price, new_quantity)
        assert price_text is not None  # a limit order always has one
        updated = await self._client.update_order(
            cw.OrderUpdateRequest(
                street_order_id=order.order_id,
                owner=self.uid,
                counter_party=order.instrument.market,
                price=price_text,
                quantity=quantity_text,
            )
        )
        return self._order(updated)

    async def cancel_all(self, counterparties: Sequence[str]) -> list[str]:
        """Cancels every order on ``counterparties`` (none: on all); returns the counterparties canceled."""
        result = await self._client.cancel_all_orders(self.uid, counterparties)
        return result.canceled_counter_party

    async def active_orders(self) -> Sequence[Order]:
        return [self._order(order) for order in await self._client.active_orders(self.uid)]

    async def order_history(
        self, start: datetime, end: datetime, page: int = 0, page_size: int | None = None
    ) -> Sequence[Order]:
        listing = await self._client.inactive_orders(
            self.uid,
            start_time=cw.to_millis(start),
            end_time=cw.to_millis(end),
            page_index=page,
            page_size=page_size or self.page_size,
        )
        return [self._order(order) for order in listing.content]

    async def find_order(self, client_id: str, placed_after: datetime) -> Order | None:
        """The order ``place_order`` sent under ``client_id`` (matching rule: module docstring), or None."""
        request = self._requests.get(client_id)
        if request is None:
            return None
        bound = {order_id for order_id, cid in self._client_ids.items() if cid == client_id}
        since = placed_after - self.clock_skew
        since_ms = cw.to_millis(since)
        for source in (self._active_wire, lambda: self._inactive_wire(since)):
            orders = await source()
            if bound:  # found before: look only for that order
                if mine := [order for order in orders if order.street_order_id in bound]:
                    return self._order(mine[0])
                continue
            candidates = [
                order
                for order in orders
                if order.street_order_id not in self._client_ids and _matches(order, request, since_ms)
            ]
            if candidates:
                found = min(candidates, key=lambda order: (order.create_time, order.street_order_id))
                self._client_ids[found.street_order_id] = client_id
                return self._order(found)
        return None

    async def _active_wire(self) -> list[cw.Order]:
        return await self._client.active_orders(self.uid)

    async def _inactive_wire(self, since: datetime) -> list[cw.Order]:
        """Every inactive order created from ``since`` to the venue's now, all pages.

        No ``endTime`` is sent: the venue then uses its own clock, which need not agree with ours (an order
        stamped ahead of our clock would otherwise fall outside the window and never be seen to end).
        """
        orders: list[cw.Order] = []
        page = 0
        while True:
            listing = await self._client.inactive_orders(
                self.uid,
                start_time=cw.to_millis(since),
                page_index=page,
                page_size=self.page_size,
            )
            orders.extend(listing.content)
            page += 1
            if not listing.content or page >= listing.total_page:
                return orders

    def _order(self, order: cw.Order) -> Order:
        return order_of(order, self._client_ids.get(order.street_order_id, ""))

    # --- balances and account -------------------------------------------------------------------------------

    async def balances(self) -> Sequence[Balance]:
        return [
            Balance(VENUE, row.counter_party, row.currency, row.total, row.used)
            for row in await self._client.user_positions(self.uid)
        ]

    async def positions(self) -> Sequence[Position]:
        """A spot venue holds balances, not positions."""
        return []

    async def account_summary(self) -> AccountSummary | None:
        info = await self._client.user_info(self.uid)
        estimated, currency = info.estimated_amount
        return AccountSummary(
            venue=VENUE,
            currency=currency,
            estimated_value=estimated,
            available_value=info.available_amount[0],
            on_orders=info.on_orders_amount[0],
            change_pct=info.change_percentage,
        )

    # --- streams (polled) -----------------------------------------------------------------------------------

    async def order_updates(self) -> AsyncIterator[Order]:
        """Every order as first seen, then each time it changes. A stream opened again after a failure goes on
        from where the last one stopped (what left the active list meanwhile is looked for)."""
        seen: dict[str, cw.Order] = {}
        async for snapshot in self._snapshots(self._order_watch):
            for order in snapshot:
                if seen.get(order.street_order_id) != order:
                    seen[order.street_order_id] = order
                    yield self._order(order)

    async def fills(self) -> AsyncIterator[Fill]:
        """Fills from the first poll on (what was filled before is the baseline)."""
        seen: dict[str, cw.Order] | None = None
        async for snapshot in self._snapshots(self._fill_watch):
            current = {order.street_order_id: order for order in snapshot}
            if seen is not None:
                for order_id, order in current.items():
                    if fill := _fill_between(seen.get(order_id), order):
                        yield fill
            seen = {**(seen or {}), **current}

    async def _snapshots(self, watch: _Watch) -> AsyncIterator[list[cw.Order]]:
        """Every ``poll_interval``: the active orders, and the inactive ones that may have just changed.
        ``watch`` keeps where the polling stands across streams (a failed poll leaves it as it was)."""
        if watch.since is None:
            watch.since = utc_now() - self.clock_skew
        while True:
            polled_at = utc_now()
            active = await self._active_wire()
            still_active = {order.street_order_id for order in active}
            left = [order.created_at for key, order in watch.last_active.items() if key not in still_active]
            inactive = await self._inactive_wire(min([watch.since, *left]))
            yield active + inactive
            watch.last_active = {order.street_order_id: order for order in active}
            venue_now = max((order.processed_at for order in active + inactive), default=polled_at)
            watch.since = min(polled_at, venue_now) - self.clock_skew  # whichever clock is behind
            await asyncio.sleep(self.poll_interval)

    # --- strategies (StrategyHost) --------------------------------------------------------------------------

    async def templates(self) -> Sequence[StrategySpec]:
        return [spec_of(template.default) for template in await self._client.default_strategy_items()]

    async def strategies(self) -> Sequence[StrategySpec]:
        items = await self._client.strategy_items(self.uid)
        statuses = await self._strategy_statuses()
        return [spec_of(item, statuses.get(item.id or "", StrategyStatus.STOPPED)) for item in items]

    async def save(self, spec: StrategySpec) -> StrategySpec:
        """Updates the item ``spec.strategy_id`` names, or creates one (the answer carries the new id)."""
        item = item_of(spec)
        if spec.strategy_id:
            return spec_of(await self._client.update_strategy_item(self.uid, item), spec.status)
        created = (await self._client.create_strategy_item(self.uid, item)).items_with_ids()
        if not created:
            raise VenueError(VENUE, None, "the venue did not create the strategy")
        return spec_of(created[0], spec.status)

    async def delete(self, spec: StrategySpec) -> None:
        await self._client.delete_strategy_item(self.uid, spec.strategy_id)

    async def start(self, spec: StrategySpec) -> None:
        await self._client.start_strategy(self.uid, item_of(spec))

    async def stop(self, spec: StrategySpec, cancel_orders: bool) -> None:
        """``cancel_orders``: stop (``bCancel: true``); otherwise leave the strategy's orders on the book."""
        item = item_of(spec)
        if cancel_orders:
            await self._client.stop_strategy(self.uid, item)
        else:
            await self._client.leave_strategy(self.uid, item)

    async def status(self, spec: StrategySpec) -> StrategyStatus:
        return (await self._strategy_statuses()).get(spec.strategy_id, StrategyStatus.STOPPED)

    async def _strategy_statuses(self) -> dict[str, StrategyStatus]:
        return {
            state.id: _STRATEGY_STATUSES.get(state.status.lower(), StrategyStatus.ERROR)
            for state in await self._client.strategy_status(self.uid)
        }

    # --- markets, favourites, layouts -----------------------------------------------------------------------

    async def market_tabs(self, *, custom: bool = True) -> list[MarketTab]:
        """The user's market categories (``custom``), or the venue's default ones (no login needed)."""
        categories = (
            await self._client.custom_markets(self.uid) if custom else await self._client.default_markets()
        )
        return [
            MarketTab(
                name=category.category,
                instruments=tuple(_instrument_id(item) for item in category.items),
                favourites=frozenset(_instrument_id(item) for item in category.items if item.favorite),
            )
            for category in categories
        ]

    async def favourites(self) -> list[InstrumentId]:
        return [_instrument_id(item) for item in await self._client.favorites(self.uid)]

    async def add_favourite(self, instrument: InstrumentId) -> None:
        await self._client.add_favorite(self.uid, instrument.market, instrument.symbol)

    async def remove_favourite(self, instrument: InstrumentId) -> None:
        await self._client.delete_favorite(self.uid, instrument.market, instrument.symbol)

    async def layout(self, kind: LayoutKind, *, default: bool = False) -> Layout:
        """The user's layout of ``kind``; the venue's default one if asked or if the user has none yet."""
        slots: list[cw.LayoutSlot] = []
        if not default:
            slots = await (
                self._client.professional_layout(self.uid)
                if kind is LayoutKind.PROFESSIONAL
                else self._client.simple_layout(self.uid)
            )
        if not slots:
            slots = await (
                self._client.default_professional_layout()
                if kind is LayoutKind.PROFESSIONAL
                else self._client.default_simple_layout()
            )
        positions: list[InstrumentId | None] = [None] * kind.slot_count
        for slot in slots:
            if 1 <= slot.position <= kind.slot_count:
                positions[slot.position - 1] = _instrument_id(slot)
        return Layout(kind, tuple(positions))

    async def set_layout_slot(self, kind: LayoutKind, position: int, instrument: InstrumentId) -> None:
        """Puts ``instrument`` at ``position`` (1-based) of the user's layout of ``kind``."""
        if not 1 <= position <= kind.slot_count:
            raise RejectedInput(
                "position",
                "the professional layout has positions 1 to {count}"
                if kind is LayoutKind.PROFESSIONAL
                else "the simple layout has positions 1 to {count}",
                count=kind.slot_count,
            )
        slot = cw.LayoutSlot(position=position, counter_party=instrument.market, symbol=instrument.symbol)
        if kind is LayoutKind.PROFESSIONAL:
            await self._client.update_professional_layout(self.uid, slot)
        else:
            await self._client.update_simple_layout(self.uid, slot)

    # --- API keys -------------------------------------------------------------------------------------------

    async def api_keys(self) -> list[ApiKeyInfo]:
        return [
            ApiKeyInfo(key.counter_party, key.api_key, key.secret_key)
            for key in await self._client.api_keys(self.uid)
        ]

    async def add_api_key(self, counterparty: str, api_key: str, secret_key: str) -> None:
        await self._client.add_api_key(
            cw.ApiKey(counter_party=counterparty, owner=self.uid, api_key=api_key, secret_key=secret_key)
        )

    async def delete_api_key(self, counterparty: str) -> None:
        await self._client.delete_api_key(counterparty, self.uid)


def _instrument_id(ref: cw.MarketRef | cw.LayoutSlot) -> InstrumentId:
    return InstrumentId(VENUE, ref.counter_party, ref.symbol)


def spec_of(item: cw.StrategyItemBase, status: StrategyStatus = StrategyStatus.STOPPED) -> StrategySpec:
    return StrategySpec(
        name=item.name,
        strategy_type=item.strategy_type,
        venue=VENUE,
        exchange=item.exchange,
        params=item.model_dump(by_alias=True, exclude_none=True, exclude=_SPEC_FIELDS),
        strategy_id=item.id or "",
        status=status,
    )


def item_of(spec: StrategySpec) -> cw.StrategyItemBase:
    return cw.parse_strategy_item(
        {
            **spec.params,
            "id": spec.strategy_id or None,
            "name": spec.name,
            "exchange": spec.exchange,
            "strategyType": spec.strategy_type,
        }
    )
