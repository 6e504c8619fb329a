"""MarketEngine: the facade every simulated venue API uses (CONTRACT: signatures are fixed; bodies TO IMPLEMENT).

Single-threaded: the simulator server calls it only from its own event loop thread. ``advance()`` brings the
market up to the clock's "now"; the server calls it before serving each request and from a ~10 Hz background
task, so resting orders, stop triggers and DAY expiries happen even when nobody asks.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from services.simulator.engine.clock import SimClock
from services.simulator.engine.types import (
    AccountConfig,
    BarArrays,
    DepthSnapshot,
    EngineEvent,
    Holding,
    InstrumentSpec,
    SimFill,
    SimOrder,
    SimOrderType,
    SimSide,
    SimTif,
    Stats24h,
    TopOfBook,
    TradePrint,
)

FEE_ACCOUNT = "__fees__"
STREET_ACCOUNT = "__street__"  # owner of the synthetic liquidity; may go negative, so the sums are conserved


class MarketEngine:
    def __init__(self, seed: int = 1, clock: SimClock | None = None) -> None:
        raise NotImplementedError

    clock: SimClock
    seed: int

    # --- instruments -----------------------------------------------------------------------------------------
    def add_instrument(self, spec: InstrumentSpec) -> None: ...
    def instrument(self, key: str) -> InstrumentSpec:  # KeyError if unknown
        ...
    def instruments(self, market: str | None = None) -> list[InstrumentSpec]: ...

    # --- accounts and balances ---------------------------------------------------------------------------------
    def open_account(self, config: AccountConfig) -> None:  # idempotent
        ...
    def has_account(self, account: str) -> bool: ...
    def deposit(self, account: str, asset: str, amount: Decimal) -> None:  # moves from STREET_ACCOUNT
        ...
    def withdraw(self, account: str, asset: str, amount: Decimal) -> None:  # moves to STREET_ACCOUNT
        ...
    def holding(self, account: str, asset: str) -> Holding: ...
    def holdings(self, account: str) -> dict[str, Holding]:  # every asset the account has or had
        ...
    def asset_total(self, asset: str) -> Decimal:  # over all accounts, fee and street included
        ...
    def assets(self) -> set[str]: ...

    # --- market data --------------------------------------------------------------------------------------------
    def advance(self, now: float | None = None) -> None: ...
    def top(self, key: str) -> TopOfBook: ...
    def depth(self, key: str, levels: int = 20) -> DepthSnapshot: ...
    def trades(self, key: str, limit: int = 100, after_id: int | None = None) -> list[TradePrint]:
        """Newest ``limit`` prints (oldest first), or those after ``after_id``."""
        ...
    def bars(
        self, key: str, interval: int | str, start: float | None = None, end: float | None = None, limit: int = 500
    ) -> BarArrays:
        """Bars of ``interval`` seconds (60..604800) or ``"1M"`` (calendar month), open times in [start, end).

        With only ``end`` (or neither): the ``limit`` bars up to end (now). With only ``start``: the first
        ``limit`` from start. The current bar is included and reflects live trading. Deterministic from the seed:
        two engines with the same seed give identical history for any range, at least a year back.
        """
        ...
    def stats_24h(self, key: str) -> Stats24h: ...

    # --- orders -------------------------------------------------------------------------------------------------
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
        ...
    def cancel(self, order_id: str) -> SimOrder: ...
    def modify(
        self, order_id: str, price: Decimal | None = None, quantity: Decimal | None = None,
        stop_price: Decimal | None = None, *, only_unfilled: bool = False,
    ) -> SimOrder:
        """Re-price / re-size a working order (loses time priority if the price changes or the size grows)."""
        ...
    def order(self, order_id: str) -> SimOrder: ...
    def find_by_client_id(self, account: str, client_id: str) -> SimOrder | None: ...
    def orders(self, account: str, active: bool | None = None, key: str | None = None) -> list[SimOrder]: ...
    def fills(self, account: str, since: float | None = None, key: str | None = None) -> list[SimFill]: ...
    def subscribe(self, listener: Callable[[EngineEvent], None]) -> Callable[[], None]:
        """Calls ``listener`` synchronously for every event; returns the unsubscribe function."""
        ...
