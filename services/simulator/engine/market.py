"""MarketEngine: the facade every simulated venue API uses.

Single-threaded: the simulator server calls it only from its own event loop thread. ``advance()`` brings the
market up to the clock's "now"; the server calls it before serving each request and from a ~10 Hz background
task, so resting orders, stop triggers and DAY expiries happen even when nobody asks. Instruments are
followed lazily: one is brought up to date when it is read or traded, or on every ``advance()`` while it has
working user orders. Every public method advances first, so what it returns is as of the clock's now.

Market rules (where no venue doc decides): markets trade around the clock, MOEX included; DAY orders end at
the next UTC midnight. At one price, users' resting orders trade before the street's liquidity. The street
(synthetic liquidity, STREET_ACCOUNT) quotes around a deterministic price path and prints one trade a second
along it; its prints' sizes are illustrative, while bar volume comes from the seeded history plus users'
trades. See prices.py (the path), book.py (the street's levels), matching.py (holds, fees, settlement) and
bars.py (intervals, alignment, the live bar).

Errors: order actions raise ``OrderRejected`` (codes in ``types.REJECT_CODES``); an unknown instrument key
in a market-data call raises ``KeyError``; ``deposit``/``withdraw``/``holding(s)`` raise ``OrderRejected``
with ``unknown_account`` (and ``withdraw`` with ``insufficient_balance``). Orders returned are snapshot
copies.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from decimal import Decimal

from services.simulator.engine.bars import BarHistory
from services.simulator.engine.book import SyntheticLiquidity
from services.simulator.engine.clock import SimClock
from services.simulator.engine.instrument import LiveInstrument
from services.simulator.engine.ledger import EXACT, Ledger
from services.simulator.engine.matching import FEE_ACCOUNT, STREET_ACCOUNT, Exchange
from services.simulator.engine.prices import DAY, EPOCH, LruCache, PriceProcess, UnderlyingPath
from services.simulator.engine.snapshot import CHUNK, EngineCore, InstrumentMark
from services.simulator.engine.types import (
    AccountConfig,
    BarArrays,
    DepthSnapshot,
    EngineEvent,
    Holding,
    InstrumentSpec,
    OrderRejected,
    SimFill,
    SimOrder,
    SimOrderType,
    SimSide,
    SimTif,
    Stats24h,
    TopOfBook,
    TradePrint,
)
from services.simulator.engine.validation import show

__all__ = ["FEE_ACCOUNT", "STREET_ACCOUNT", "MarketEngine"]

log = logging.getLogger(__name__)

_MINUTE_CACHE_DAYS = 384  # (instrument, day) blocks of minute bars kept (about 60 kB each)
_HOUR_CACHE_DAYS = 10_000  # (instrument, day) entries of hour rows kept (about 1 kB each)
REPLAY_LIMIT = 7 * 86400.0  # a restored instrument follows at most this much of the time it was not running


class MarketEngine:
    def __init__(self, seed: int = 1, clock: SimClock | None = None) -> None:
        self.seed = seed
        self.clock = clock if clock is not None else SimClock()
        self._now = self.clock.now()
        if self._now < EPOCH + DAY:
            raise ValueError("the simulated clock must start after 2024-01-02 (history begins on 2024-01-01)")
        self._specs: dict[str, InstrumentSpec] = {}
        self._live: dict[str, LiveInstrument] = {}
        self._underlyings: dict[tuple[str, float], UnderlyingPath] = {}
        self._minute_blocks = LruCache(_MINUTE_CACHE_DAYS)
        self._hour_rows = LruCache(_HOUR_CACHE_DAYS)
        self._listeners: list[Callable[[EngineEvent], None]] = []
        self._ledger = Ledger()
        self._ledger.open(FEE_ACCOUNT)
        self._ledger.open(STREET_ACCOUNT)
        self._exchange = Exchange(self._ledger, self._emit)

    clock: SimClock
    seed: int

    # --- instruments ----------------------------------------------------------------------------------------
    def add_instrument(self, spec: InstrumentSpec) -> None:
        self._specs[spec.key] = spec
        self._live.pop(spec.key, None)

    def instrument(self, key: str) -> InstrumentSpec:  # KeyError if unknown
        return self._specs[key]

    def instruments(self, market: str | None = None) -> list[InstrumentSpec]:
        return [s for s in self._specs.values() if market is None or s.market == market]

    def _instrument(self, key: str) -> LiveInstrument:
        """The live instrument, created on first use and brought up to now."""
        inst = self._live.get(key)
        if inst is None:
            inst = self._start_following(key, int(self._now) - 60)
        self._exchange.advance(inst, int(self._now))
        return inst

    def _start_following(self, key: str, second: int) -> LiveInstrument:
        spec = self._specs[key]
        underlying = self._underlyings.get((spec.symbol, spec.volatility))
        if underlying is None:
            underlying = UnderlyingPath(self.seed, spec.symbol, spec.volatility)
            self._underlyings[(spec.symbol, spec.volatility)] = underlying
        process = PriceProcess(spec, self.seed, underlying, self._minute_blocks)
        inst = LiveInstrument(spec, process, BarHistory(process, self._hour_rows),
                              SyntheticLiquidity(spec, self.seed), second)
        self._live[key] = inst
        return inst

    def _traded(self, key: str) -> LiveInstrument:
        if key not in self._specs:
            raise OrderRejected("unknown_instrument", f"unknown instrument {key!r}")
        self.advance()
        return self._instrument(key)

    def _read(self, key: str) -> LiveInstrument:
        if key not in self._specs:
            raise KeyError(f"unknown instrument {key!r}")
        self.advance()
        return self._instrument(key)

    # --- accounts and balances ------------------------------------------------------------------------------
    def open_account(self, config: AccountConfig) -> None:  # idempotent
        self._exchange.open_account(config)

    def has_account(self, account: str) -> bool:
        return account in self._exchange.accounts

    def _account(self, account: str) -> None:
        if not self._ledger.has(account):
            raise OrderRejected("unknown_account", f"account {account!r} does not exist")

    def deposit(self, account: str, asset: str, amount: Decimal) -> None:  # moves from STREET_ACCOUNT
        self._account(account)
        if amount <= 0:
            raise ValueError(f"a deposit must be positive, not {amount}")
        self._ledger.transfer(STREET_ACCOUNT, account, asset, amount)

    def withdraw(self, account: str, asset: str, amount: Decimal) -> None:  # moves to STREET_ACCOUNT
        self._account(account)
        if amount <= 0:
            raise ValueError(f"a withdrawal must be positive, not {amount}")
        available = self._ledger.holding(account, asset).available
        if amount > available:
            raise OrderRejected("insufficient_balance",
                                f"insufficient {asset}: {show(amount)} requested, "
                                f"{show(available)} available")
        self._ledger.transfer(account, STREET_ACCOUNT, asset, amount)

    def holding(self, account: str, asset: str) -> Holding:
        self._account(account)
        self.advance()
        return self._ledger.holding(account, asset)

    def holdings(self, account: str) -> dict[str, Holding]:  # every asset the account has or had
        self._account(account)
        self.advance()
        return self._ledger.holdings(account)

    def asset_total(self, asset: str) -> Decimal:  # over all accounts, fee and street included
        return self._ledger.asset_total(asset)

    def assets(self) -> set[str]:
        return self._ledger.assets()

    # --- market data ----------------------------------------------------------------------------------------
    def advance(self, now: float | None = None) -> None:
        self._now = max(self._now, self.clock.now() if now is None else now)
        target = int(self._now)
        for key in self._exchange.working_keys():
            self._exchange.advance(self._live[key], target)

    def top(self, key: str) -> TopOfBook:
        inst = self._read(key)
        depth = inst.depth(1, self._now)
        bid, bid_size = depth.bids[0] if depth.bids else (None, Decimal(0))
        ask, ask_size = depth.asks[0] if depth.asks else (None, Decimal(0))
        return TopOfBook(key, bid, bid_size, ask, ask_size, inst.last, self._now)

    def depth(self, key: str, levels: int = 20) -> DepthSnapshot:
        return self._read(key).depth(levels, self._now)

    def trades(self, key: str, limit: int = 100, after_id: int | None = None) -> list[TradePrint]:
        """Newest ``limit`` prints (oldest first), or those after ``after_id``."""
        prints = list(self._read(key).trades)
        if after_id is not None:
            return [t for t in prints if t.trade_id > after_id][:limit]
        return prints[-limit:] if limit > 0 else []

    def bars(
        self, key: str, interval: int | str, start: float | None = None, end: float | None = None,
        limit: int = 500,
    ) -> BarArrays:
        """Bars of ``interval`` seconds (60..604800) or ``"1M"`` (calendar month), open times in [start, end).

        With only ``end`` (or neither): the ``limit`` bars up to end (now). With only ``start``: the first
        ``limit`` from start. The current bar is included and reflects live trading. Deterministic from the
        seed: two engines with the same seed give identical history for any range, at least a year back.
        """
        inst = self._read(key)
        return inst.history.bars(interval, start, end, limit, inst.live_minute())

    def stats_24h(self, key: str) -> Stats24h:
        inst = self._read(key)
        now = inst.second
        first = (now - DAY) // 60 * 60 + 60
        rows = inst.history.rows(60, first, now + 1, inst.live_minute())
        open_ = inst.price(int(rows.open[0]))
        last = inst.last
        volume = int(rows.volume.sum())
        mid_ticks = (rows.open + rows.close) / 2
        quote = float((mid_ticks * rows.volume).sum()) * float(inst.spec.price_step * inst.spec.qty_step)
        change = last - open_
        return Stats24h(
            key,
            open_,
            inst.price(max(int(rows.high.max()), inst.last_ticks)),
            inst.price(min(int(rows.low.min()), inst.last_ticks)),
            last,
            inst.spec.qty_step * volume,
            Decimal(repr(round(quote, inst.spec.price_decimals))),
            change,
            (EXACT.divide(change * 100, open_)).quantize(Decimal("0.01")),
        )

    # --- orders ---------------------------------------------------------------------------------------------
    def submit(
        self,
        account: str,
        key: str,
        side: SimSide,
        type: SimOrderType,
        quantity: Decimal,
        price: Decimal | None = None,
        stop_price: Decimal | None = None,
        tif: SimTif = SimTif.GTC,
        client_id: str = "",
        tag: str = "",
    ) -> SimOrder:
        """Validate, hold funds, match at once what is marketable, rest the rest. Raises OrderRejected."""
        inst = self._traded(key)
        order = self._exchange.submit(inst, self._now, account, SimSide(side), SimOrderType(type), quantity,
                                      price, stop_price, SimTif(tif), client_id, tag)
        return copy.copy(order)

    def _order(self, order_id: str) -> SimOrder:
        order = self._exchange.orders.get(order_id)
        if order is None:
            raise OrderRejected("unknown_order", f"order {order_id!r} does not exist")
        return order

    def cancel(self, order_id: str) -> SimOrder:
        order = self._order(order_id)
        self._exchange.cancel(self._traded(order.key), order, self._now)
        return copy.copy(order)

    def modify(
        self, order_id: str, price: Decimal | None = None, quantity: Decimal | None = None,
        stop_price: Decimal | None = None, *, only_unfilled: bool = False,
    ) -> SimOrder:
        """Re-price / re-size a working order (loses time priority if the price changes or the size grows)."""
        order = self._order(order_id)
        inst = self._traded(order.key)
        self._exchange.modify(inst, order, self._now, price, quantity, stop_price, only_unfilled)
        return copy.copy(order)

    def order(self, order_id: str) -> SimOrder:
        self.advance()
        return copy.copy(self._order(order_id))

    def find_by_client_id(self, account: str, client_id: str) -> SimOrder | None:
        self.advance()
        for order in reversed(self._exchange.account_orders.get(account, [])):
            if order.client_id == client_id:
                return copy.copy(order)
        return None

    def orders(self, account: str, active: bool | None = None, key: str | None = None) -> list[SimOrder]:
        self.advance()
        return [
            copy.copy(o) for o in self._exchange.account_orders.get(account, [])
            if (active is None or o.state.is_active == active) and (key is None or o.key == key)
        ]

    def fills(self, account: str, since: float | None = None, key: str | None = None) -> list[SimFill]:
        self.advance()
        return [
            f for f in self._exchange.account_fills.get(account, [])
            if (since is None or f.time >= since) and (key is None or f.key == key)
        ]

    # --- a paper account's restart (snapshot.py) ----------------------------------------------------------
    def snapshot(self) -> EngineCore:
        """What the engine keeps besides its orders and fills (:meth:`orders_chunk`, :meth:`fills_chunk`)."""
        totals, held = self._ledger.export()
        holds, sequence, (next_order, next_fill, next_sequence) = self._exchange.export()
        marks = {
            key: InstrumentMark(inst.second, inst.last_ticks, inst.last_time, inst.next_trade_id,
                                dict(inst.history.overlay))
            for key, inst in self._live.items()
        }
        return EngineCore(list(self._exchange.accounts.values()), totals, held, holds, sequence, next_order,
                          next_fill, next_sequence, marks)

    def orders_chunk(self, chunk: int) -> list[SimOrder]:
        """The orders whose ids fall in ``chunk`` (snapshot.CHUNK ids each), as they are now."""
        orders = self._exchange.orders
        first = chunk * CHUNK + 1
        return [orders[str(i)] for i in range(first, first + CHUNK) if str(i) in orders]

    def fills_chunk(self, chunk: int) -> list[SimFill]:
        return self._exchange.fills[chunk * CHUNK:(chunk + 1) * CHUNK]

    def chunks(self) -> tuple[int, int]:
        """How many order and fill chunks there are."""
        return (-(-(self._exchange.issued_orders) // CHUNK), -(-len(self._exchange.fills) // CHUNK))

    def restore(self, core: EngineCore, orders: list[SimOrder], fills: list[SimFill],
                replay_limit: float = REPLAY_LIMIT) -> None:
        """Takes back a kept state into this fresh engine (made with the same seed and instruments).

        Each instrument is followed again from where it had got to (at most ``replay_limit`` seconds back), so
        working orders meet the market of the time the simulator was not running, as on a real venue."""
        if self._exchange.orders or len(self._exchange.accounts) > 0:
            raise RuntimeError("restore() needs a fresh engine")
        for config in core.accounts:
            self._exchange.open_account(config)
        self._ledger.load(core.totals, core.held)
        working = self._exchange.load(core.holds, core.sequence,
                                      (core.next_order, core.next_fill, core.next_sequence), orders, fills)
        earliest = int(self._now - replay_limit)
        for key, mark in core.instruments.items():
            if key not in self._specs:
                continue
            inst = self._start_following(key, min(max(mark.second, earliest), int(self._now)))
            inst.last_ticks, inst.last_time = mark.last_ticks, mark.last_time
            inst.next_trade_id = mark.next_trade_id
            inst.history.overlay.update(mark.overlay)
        for order in working:
            if order.key not in self._specs:
                continue
            live = self._live.get(order.key) or self._start_following(order.key, int(self._now) - 60)
            self._exchange.rest(live, order)

    def subscribe(self, listener: Callable[[EngineEvent], None]) -> Callable[[], None]:
        """Calls ``listener`` synchronously for every event; returns the unsubscribe function."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, event: EngineEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("engine event listener failed")
