"""PaperAccount: a simulator context restored from one profile's file, and kept there as it changes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from services.simulator.app import create_context
from services.simulator.context import SimulatorContext
from services.simulator.engine.snapshot import EngineCore, chunk_of
from services.simulator.engine.types import EngineEvent, FillEvent, OrderEvent, SimFill, SimOrder
from services.simulator.paper import codec
from services.simulator.paper.store import PaperStore, PaperStoreUnreadable, Parts, set_aside
from services.simulator.paper.venues import kept_fields, restore_venues

log = logging.getLogger("tessera.simulator.paper")

SAVE_PERIOD = 1.0  # seconds: changes are written at most this often (and at shutdown)
ENGINE = "engine"
CORE = "core"


class PaperAccount:
    """Opens (or starts) the paper account at ``path``; ``context`` is the simulator's, restored.

    A file that cannot be used is moved aside and a fresh account starts: ``set_aside`` is then where it went
    and ``problem`` why. :class:`~services.simulator.paper.store.PaperStoreBusy` (another simulator has the
    file) is raised, and so are ``PaperStoreUnreadable`` and ``OSError`` when no file can be made there.
    """

    def __init__(self, path: Path, seed: int = 1, speed: float = 1.0) -> None:
        self.path = Path(path)
        self.set_aside: Path | None = None
        self.problem: str | None = None
        self._written: Parts = {}
        self._dirty = True
        self._orders: set[int] = set()  # chunks of orders (and fills) changed since the last save
        self._fills: set[int] = set()
        self._venues: set[str] = set()  # venue APIs that served a request that may have changed them
        self.store = self._open()
        try:
            self.context = self._restore(seed, speed)
        except Exception as exc:  # a file the venues cannot take back: told and set aside, never a crash
            reason = exc.reason if isinstance(exc, PaperStoreUnreadable) else f"{type(exc).__name__}: {exc}"
            log.exception("the paper account %s could not be restored", self.path)
            self.store.close()
            self._start_over(f"its contents could not be restored ({reason})")
            self.store = PaperStore(self.path)
            self.context = create_context(seed=seed, speed=speed)
        self.context.keeper = self
        self.context.engine.subscribe(self._on_event)

    def _open(self) -> PaperStore:
        try:
            return PaperStore(self.path)
        except PaperStoreUnreadable as exc:
            if not self.path.exists():  # nothing to set aside: the folder cannot hold the file
                raise
            self._start_over(exc.reason)
            return PaperStore(self.path)

    # --- restoring ------------------------------------------------------------------------------------------
    def _restore(self, seed: int, speed: float) -> SimulatorContext:
        meta = self.store.meta()
        parts = self.store.parts()
        if not parts:
            return create_context(seed=seed, speed=speed)
        kept_seed = int(meta.get("seed", seed))
        if kept_seed != seed:
            log.warning("the paper account keeps seed %s (asked: %s): its market goes on", kept_seed, seed)
        saved_time = float(meta.get("time", 0.0))
        start = saved_time if saved_time > time.time() else None  # a fast clock never goes back
        ctx = create_context(seed=kept_seed, speed=speed, start=start)
        decoded: dict[str, dict[str, Any]] = {}
        for (venue, part), body in parts.items():
            decoded.setdefault(venue, {})[part] = codec.loads(body)
        engine = decoded.pop(ENGINE, {})
        core = engine.pop(CORE, None)
        orders: list[SimOrder] = []
        fills: list[SimFill] = []
        if core is not None:
            if not isinstance(core, EngineCore):
                raise ValueError("the engine's part is not an engine state")
            orders = [o for name, chunk in engine.items() if name.startswith("orders/")
                                      for o in chunk]
            fills = [f for name, chunk in engine.items() if name.startswith("fills/")
                                    for f in chunk]
            ctx.engine.restore(core, orders, fills)
        restore_venues(ctx, decoded)
        self._written = dict(parts)
        log.info("paper account %s restored: %d orders, %d fills", self.path, len(orders), len(fills))
        return ctx

    def _start_over(self, reason: str) -> None:
        self.problem = reason
        self.set_aside = set_aside(self.path)
        log.warning("the paper account %s was set aside as %s (%s); a fresh one starts",
                    self.path, self.set_aside.name, reason)

    # --- saving ---------------------------------------------------------------------------------------------
    def touched(self, venue: str) -> None:
        self._venues.add(venue)
        self._dirty = True

    def _on_event(self, event: EngineEvent) -> None:
        if isinstance(event, OrderEvent):
            self._orders.add(chunk_of(event.order.order_id))
            self._dirty = True
        elif isinstance(event, FillEvent):
            self._fills.add(chunk_of(event.fill.fill_id))
            self._dirty = True

    def save(self, *, force: bool = False) -> int:
        """Writes what changed since the last save; returns how many parts were written."""
        if not (self._dirty or force):
            return 0
        self._dirty = False
        engine = self.context.engine
        current: Parts = {(ENGINE, CORE): codec.dumps(engine.snapshot())}
        order_chunks, fill_chunks = engine.chunks()
        orders = set(range(order_chunks)) if force else self._orders
        fills = set(range(fill_chunks)) if force else self._fills
        venues = None if force else self._venues
        self._orders, self._fills, self._venues = set(), set(), set()
        for chunk in orders:
            current[(ENGINE, f"orders/{chunk}")] = codec.dumps(engine.orders_chunk(chunk))
        for chunk in fills:
            current[(ENGINE, f"fills/{chunk}")] = codec.dumps(engine.fills_chunk(chunk))
        for venue, name, value in kept_fields(self.context, venues):
            current[(venue, name)] = codec.dumps(value)
        changed = {key: body for key, body in current.items() if self._written.get(key) != body}
        meta = {"seed": str(self.context.seed), "time": repr(self.context.clock.now()),
                "saved": repr(time.time())}
        self.store.write(meta, changed)
        self._written.update(changed)
        return len(changed)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        task = asyncio.create_task(self._save_forever(), name="paper-account-save")
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            self._save_logged(force=True)
            self.close()
            log.info("paper account %s saved", self.path)

    async def _save_forever(self) -> None:
        while True:
            await asyncio.sleep(SAVE_PERIOD)
            self._save_logged()

    def _save_logged(self, *, force: bool = False) -> None:
        try:
            self.save(force=force)
        except Exception:  # a full disk must not stop the market; the next save tries again
            self._dirty = True
            log.exception("the paper account %s could not be saved", self.path)

    def close(self) -> None:
        self.store.close()
