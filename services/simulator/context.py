"""What every simulated venue API gets: the engine, the clock, the fault plan and a place for its state."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from services.simulator.engine import MarketEngine, SimClock
from services.simulator.faults import FaultPlan
from services.simulator.served import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN

__all__ = ["DEMO_LOGIN", "DEMO_PASSWORD", "DEMO_SERVER_TOKEN", "SimulatorContext", "StateKeeper"]


class StateKeeper(Protocol):
    """Keeps the venues' state (a paper account, paper/account.py); the server tells it of writes."""

    def touched(self, venue: str) -> None:
        """A request to ``venue`` (its id in app.VENUE_MOUNTS) that may have changed something was served."""

    def running(self) -> AbstractAsyncContextManager[None]:
        """For the server's life: saves as things change, and once more at shutdown."""
        ...


@dataclass
class SimulatorContext:
    engine: MarketEngine
    clock: SimClock
    seed: int
    faults: FaultPlan = field(init=False)
    venue_state: dict[str, Any] = field(default_factory=dict)  # each venue API keeps its state under its id
    keeper: StateKeeper | None = None  # None: the state lives as long as the simulator

    def __post_init__(self) -> None:
        self.faults = FaultPlan(seed=self.seed)  # the same seed, the same faults
