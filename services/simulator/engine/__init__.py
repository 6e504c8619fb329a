"""The market engine shared by every simulated venue API: instruments, prices, books, matching, bars."""

from services.simulator.engine.clock import SimClock
from services.simulator.engine.market import FEE_ACCOUNT, STREET_ACCOUNT, MarketEngine
from services.simulator.engine.types import *  # noqa: F403

__all__ = ["FEE_ACCOUNT", "STREET_ACCOUNT", "MarketEngine", "SimClock"]
