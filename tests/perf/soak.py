"""Fault soak: the real order entry of both venues against the simulator under mixed faults, then the
app's state compared with the venue's.

Every request is sent through :class:`services.trading.order_entry.OrderEntry` (the Qt-free trading core the
app uses), to coin-weight and CHP in turn, a few at a time, while the simulator delays answers (some past the
client's timeout), answers 503, drops connections before and after the handler runs, breaks bodies and ends
sessions. Each placed order is then canceled, under the same faults. Each request is re-submitted once: that
must be refused. When the faults stop and nothing is unknown any more, each request is matched with the
venue's own orders by its quantity (unique per request) and counted:

- ``lost``: the venue holds an order the app says was not placed, or the app says placed and the venue
  has none
- ``duplicated``: the venue holds more than one order for one request
- ``stuck_unknown``: still PENDING or UNKNOWN in the app
- ``wrong_status``: the app's final status differs from the venue's
- ``resubmits_refused`` / ``resubmits_sent``: every re-submit must be refused
- ``not_placed`` (per venue): answers lost and then proved "not placed" (each waits the reconcile window);
  ``wrongly_not_placed``: of those, the ones the venue does hold (the user would be invited to send it again)
- ``unhandled_exceptions``: failures that reached the loop's exception handler

``python -m tests.perf.soak --orders 300 --out soak-results.json`` (``make soak``); ``tests/e2e/test_soak.py``
runs a small one in ``make test``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from services.domain import Instrument, InstrumentId, Order, OrderRequest, OrderStatus, OrderType, Side
from services.errors import RejectedInput
from services.http import Timeouts
from services.retry import Backoff
from services.simulator.engine.types import SimOrder, SimOrderState
from services.simulator.server import EmbeddedSimulator
from services.trading.chp import ChpVenueSession
from services.trading.coinweight import CoinWeightVenueSession
from services.trading.core import TradingCore
from services.trading.order_entry import OrderEntry, new_client_id
from services.trading.session import VenueSessionBase
from services.trading.stores import client_key

CLIENT_TIMEOUTS = Timeouts(connect=1.0, read=1.0, write=1.0, pool=2.0)
INSTRUMENTS = {
    "coinweight": InstrumentId("coinweight", "binance", "ETH-USDT"),
    "chp": InstrumentId("chp", "MOEX", "SBER"),
}
ORDER_PATHS = r"^/exp/v2/order/|^/Order/|^/AccountInformation/|^/HistoricalData/"
CONCURRENCY = 4
SETTLE_S = 90.0

# (probability, fault fields): several may strike one request
FAULT_MIX: tuple[tuple[float, dict[str, Any]], ...] = (
    (0.5, {"latency_before": 0.2}),
    (0.4, {"latency_after": 0.3}),
    (0.03, {"latency_after": 1.5}),  # past the client's read timeout: the answer is lost, the order may exist
    (0.07, {"error_rate": 1.0, "error_status": 503}),
    (0.05, {"drop_before": True}),
    (0.025, {"drop_after": True}),
    (0.02, {"malformed": True}),
    (0.004, {"expire_session": True}),
)

_FINAL = {
    SimOrderState.NEW: OrderStatus.NEW,
    SimOrderState.PENDING_TRIGGER: OrderStatus.NEW,
    SimOrderState.PARTIALLY_FILLED: OrderStatus.PARTIALLY_FILLED,
    SimOrderState.FILLED: OrderStatus.FILLED,
    SimOrderState.CANCELED: OrderStatus.CANCELED,
    SimOrderState.PARTIALLY_CANCELED: OrderStatus.PARTIALLY_CANCELED,
    SimOrderState.REJECTED: OrderStatus.REJECTED,
    SimOrderState.EXPIRED: OrderStatus.EXPIRED,
}


@dataclass
class Tally:
    sent: int = 0
    lost: int = 0
    duplicated: int = 0
    stuck_unknown: int = 0
    wrong_status: int = 0
    resubmits_sent: int = 0
    resubmits_refused: int = 0
    told_not_placed: dict[str, str] = field(default_factory=dict)  # client id -> venue, as submit answered
    wrongly_not_placed: int = 0  # told "not placed" though the venue has the order (a resend would double it)
    unhandled_exceptions: int = 0
    rss_start_mb: float = 0.0  # once logged in, before the first order
    problems: list[str] = field(default_factory=list)
    submit_s: dict[str, list[float]] = field(default_factory=lambda: {v: [] for v in INSTRUMENTS})
    reconcile_s: dict[str, list[float]] = field(default_factory=lambda: {v: [] for v in INSTRUMENTS})


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


async def run_soak(orders: int, seed: int = 7) -> dict[str, Any]:
    """Run the soak with ``orders`` requests; returns the results (see the module docstring)."""
    tally = Tally()
    loop = asyncio.get_running_loop()
    previous_handler = loop.get_exception_handler()

    def count_unhandled(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        tally.unhandled_exceptions += 1
        tally.problems.append(f"unhandled: {context.get('message')}: {context.get('exception')!r}")

    loop.set_exception_handler(count_unhandled)
    started = time.monotonic()
    try:
        with EmbeddedSimulator(seed=seed) as simulator:
            await _soak(simulator, orders, seed, tally)
    finally:
        loop.set_exception_handler(previous_handler)
    return {
        "orders": orders,
        "seed": seed,
        "seconds": round(time.monotonic() - started, 1),
        "sent": tally.sent,
        "lost": tally.lost,
        "duplicated": tally.duplicated,
        "stuck_unknown": tally.stuck_unknown,
        "wrong_status": tally.wrong_status,
        "resubmits_sent": tally.resubmits_sent,
        "resubmits_refused": tally.resubmits_refused,
        "not_placed": {v: sum(1 for x in tally.told_not_placed.values() if x == v) for v in INSTRUMENTS},
        "wrongly_not_placed": tally.wrongly_not_placed,
        "unhandled_exceptions": tally.unhandled_exceptions,
        "rss_start_mb": tally.rss_start_mb,
        "rss_end_mb": round(rss_mb(), 1),
        "submit": {venue: percentiles(values) for venue, values in tally.submit_s.items()},
        "unknown_to_final": {
            venue: {"count": len(values), **percentiles(values)}
            for venue, values in tally.reconcile_s.items()
        },
        "problems": tally.problems[:50],
    }


async def _soak(simulator: EmbeddedSimulator, orders: int, seed: int, tally: Tally) -> None:
    base = simulator.base_url
    core = TradingCore()
    core.order_entry.reconcile = Backoff(first=0.3, longest=3.0)
    # The window guards against a request still on its way to the venue when its answer was lost; here the
    # faults hold a request back at most 0.2 s (FAULT_MIX), so 2 s is ten times that. ``wrongly_not_placed``
    # would show a window too short for the faults. (The app's default, RECONCILE_WINDOW_S, is 20 s.)
    core.order_entry.reconcile_window = 2.0
    sessions: list[VenueSessionBase] = [
        CoinWeightVenueSession(
            f"{base}/exp/v2", {"binance": f"{base}/md/binance"}, core.stores, poll_interval=0.5,
            timeouts=CLIENT_TIMEOUTS,
        ),
        ChpVenueSession(base, "demo", core.stores, timeouts=CLIENT_TIMEOUTS),
    ]
    for session in sessions:
        core.add_session(session)
        await session.login("demo", "demo")
        session.relogin_required.connect(lambda _text, s=session: asyncio.ensure_future(_relogin(s)))
    specs = {venue: core.instrument(i) for venue, i in INSTRUMENTS.items()}
    prices = {venue: await _far_price(core, venue) for venue in INSTRUMENTS}
    engine = simulator.context.engine
    accounts = _engine_accounts(sessions)
    first_id = max((int(o.order_id) for a in accounts for o in engine.orders(a)), default=0)

    tally.rss_start_mb = round(rss_mb(), 1)
    faults = simulator.context.faults
    faults.reseed(seed)
    for probability, fields in FAULT_MIX:
        faults.add(path=ORDER_PATHS, probability=probability, **fields)

    requests: list[OrderRequest] = []
    gate = asyncio.Semaphore(CONCURRENCY)
    venues = list(INSTRUMENTS)

    async def one(index: int) -> None:
        venue = venues[index % len(venues)]
        spec = specs[venue]
        assert spec is not None
        request = OrderRequest(
            INSTRUMENTS[venue], Side.BUY, OrderType.LIMIT, _quantity(spec, index // len(venues)),
            new_client_id(), price=prices[venue], account=_account(core, venue),
        )
        requests.append(request)
        async with gate:
            await _submit_and_cancel(core.order_entry, request, tally)

    await asyncio.gather(*(one(i) for i in range(orders)))
    faults.clear()
    await _settle(core, sessions)
    _compare(core, engine, accounts, requests, first_id, tally)
    for session in sessions:
        await session.aclose()


async def _relogin(session: VenueSessionBase) -> None:
    """What the app does when the venue ends a session and the password is at hand."""
    for _attempt in range(20):
        try:
            await session.login("demo", "demo")
            return
        except Exception:  # the faults may strike the login too: try again
            await asyncio.sleep(0.5)


async def _submit_and_cancel(entry: OrderEntry, request: OrderRequest, tally: Tally) -> None:
    venue = request.instrument.venue
    tally.sent += 1
    started = time.monotonic()
    went_unknown: float | None = None

    def watch(keys: list[str]) -> None:
        nonlocal went_unknown
        order = entry.store.get(client_key(request.client_id))
        if went_unknown is None and order is not None and order.status is OrderStatus.UNKNOWN:
            went_unknown = time.monotonic()

    entry.store.changed.connect(watch)
    try:
        order = await _submit(entry, request)
    finally:
        entry.store.changed.disconnect(watch)
    tally.submit_s[venue].append(time.monotonic() - started)
    if order is not None and order.status is OrderStatus.REJECTED and "not placed" in order.message:
        tally.told_not_placed[request.client_id] = venue
    if went_unknown is not None:
        tally.reconcile_s[venue].append(time.monotonic() - went_unknown)
    tally.resubmits_sent += 1
    try:
        await entry.submit(request)
    except RejectedInput:
        tally.resubmits_refused += 1
    else:
        tally.problems.append(f"re-submit of {request.client_id} was sent")
    if order is not None and order.order_id and order.status.is_active:
        for _attempt in range(5):
            current = entry.store.get(client_key(request.client_id)) or order
            if not current.status.is_active or await entry.cancel(current):
                break
            await asyncio.sleep(0.3)


async def _submit(entry: OrderEntry, request: OrderRequest) -> Order | None:
    for _attempt in range(20):  # a venue whose session is being restored refuses before sending
        try:
            return await entry.submit(request)
        except RejectedInput as exc:
            if exc.field != "venue":
                raise
            await asyncio.sleep(0.5)
    return None


async def _settle(core: TradingCore, sessions: list[VenueSessionBase]) -> None:
    """Wait, without faults, until every session is logged in and no order is pending or unknown; then read
    the venues' active orders once more (what the order feeds would tell next)."""
    deadline = time.monotonic() + SETTLE_S
    unsettled = (OrderStatus.PENDING, OrderStatus.UNKNOWN, OrderStatus.CANCELING)
    while time.monotonic() < deadline:
        if all(s.connected for s in sessions) and not any(
            o.status in unsettled for _k, o in core.orders.orders()
        ):
            break
        await asyncio.sleep(0.5)
    await asyncio.sleep(6.0)  # a feed that was backing off polls again (FEED_BACKOFF.longest) and tells


def _compare(
    core: TradingCore,
    engine: Any,
    accounts: list[str],
    requests: list[OrderRequest],
    first_id: int,
    tally: Tally,
) -> None:
    placed = [o for a in accounts for o in engine.orders(a) if int(o.order_id) > first_id]
    for request in requests:
        mine = core.orders.get(client_key(request.client_id))
        at_venue = [o for o in placed if _same(o, request)]
        if len(at_venue) > 1:
            tally.duplicated += 1
            tally.problems.append(f"{request.client_id}: {len(at_venue)} orders at the venue")
        if mine is None or mine.status in (OrderStatus.PENDING, OrderStatus.UNKNOWN):
            tally.stuck_unknown += 1
            tally.problems.append(f"{request.client_id}: stuck as {mine.status if mine else 'nothing'}")
            continue
        if request.client_id in tally.told_not_placed and at_venue:
            tally.wrongly_not_placed += 1
            tally.problems.append(f"{request.client_id}: told not placed, venue has {at_venue[0].order_id}")
        app_placed = bool(mine.order_id) and mine.status is not OrderStatus.REJECTED
        if app_placed != bool(at_venue):
            tally.lost += 1
            tally.problems.append(
                f"{request.client_id}: app says {mine.status} ({mine.order_id or 'no id'}), "
                f"venue has {[o.order_id for o in at_venue]}"
            )
            continue
        if at_venue and _FINAL[at_venue[0].state] != _settled(mine.status):
            tally.wrong_status += 1
            tally.problems.append(
                f"{request.instrument.venue} {request.client_id}: app says {mine.status}, "
                f"venue says {at_venue[0].state}"
            )


def _settled(status: OrderStatus) -> OrderStatus:
    return OrderStatus.CANCELED if status is OrderStatus.CANCELING else status


def _same(order: SimOrder, request: OrderRequest) -> bool:
    return order.key.endswith(f":{request.instrument.symbol}") and order.quantity == request.quantity


def _engine_accounts(sessions: list[VenueSessionBase]) -> list[str]:
    """The simulator's accounts of the demo user (its naming: ``cw:<uid>:<counterparty>``,
    ``chp:<login>:<portfolio>``)."""
    accounts: list[str] = []
    for session in sessions:
        if isinstance(session, CoinWeightVenueSession):
            accounts.append(f"cw:{session.adapter.uid}:{INSTRUMENTS['coinweight'].market}")
        else:
            accounts += [f"chp:demo:{account.name}" for account in session.accounts]
    return accounts


def _account(core: TradingCore, venue: str) -> str:
    accounts = core.session(venue).accounts
    return accounts[0].name if accounts else ""


def _quantity(spec: Instrument, index: int) -> Decimal:
    """A quantity no other request of the venue uses."""
    return max(spec.min_qty, spec.qty_step) + spec.qty_step * index


async def _far_price(core: TradingCore, venue: str) -> Decimal:
    """A buy price far under the market: the orders rest until they are canceled."""
    instrument = INSTRUMENTS[venue]
    book = await core.session(venue).market_data.order_book(instrument, 5)
    spec = core.instrument(instrument)
    assert spec is not None and book.bids
    step = spec.price_step
    return max(step, (book.bids[0].price * Decimal("0.5") / step).to_integral_value() * step)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)  # the answers the faults cut off, by design
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("soak-results.json"))
    args = parser.parse_args(argv)
    random.seed(args.seed)
    results = asyncio.run(run_soak(args.orders, args.seed))
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k != "problems"}, indent=2))
    bad = results["lost"] + results["duplicated"] + results["stuck_unknown"] + results["wrong_status"]
    return 1 if bad or results["unhandled_exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main())
