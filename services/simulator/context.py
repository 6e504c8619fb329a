"""What every simulated venue API gets: the engine, the clock, the fault plan and a place for its state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.simulator.engine import MarketEngine, SimClock
from services.simulator.faults import FaultPlan

DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo"
DEMO_SERVER_TOKEN = "demo"


@dataclass
class SimulatorContext:
    engine: MarketEngine
    clock: SimClock
    seed: int
    faults: FaultPlan = field(init=False)
    venue_state: dict[str, Any] = field(default_factory=dict)  # each venue API keeps its state under its id

    def __post_init__(self) -> None:
        self.faults = FaultPlan(seed=self.seed)  # the same seed, the same faults
