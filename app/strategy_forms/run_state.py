"""The run state of each strategy as the panel shows it: Stopped -> Starting -> Running -> Stopping.

The venue knows only ``running`` and ``stopped``. While a Start, Stop or Leave is in flight, and until a
status poll confirms it, the strategy shows Starting or Stopping and no other run action is allowed (no
double start). A refused request goes back to what the venue says; a request the venue accepted but whose
effect no poll confirms within ``confirm_timeout`` seconds ends the wait, and the caller tells the user.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from services.domain import StrategyStatus


class RunAction(Enum):
    START = "start"
    STOP = "stop"  # and cancel the strategy's orders
    LEAVE = "leave"  # stop, leave the orders on the book

    @property
    def expected(self) -> StrategyStatus:
        return StrategyStatus.RUNNING if self is RunAction.START else StrategyStatus.STOPPED

    @property
    def transient(self) -> StrategyStatus:
        return StrategyStatus.STARTING if self is RunAction.START else StrategyStatus.STOPPING


@dataclass(frozen=True)
class Allowed:
    start: bool = False
    stop: bool = False
    leave: bool = False
    delete: bool = False
    edit: bool = False


ALLOWED: dict[StrategyStatus, Allowed] = {
    StrategyStatus.STOPPED: Allowed(start=True, delete=True, edit=True),
    StrategyStatus.STARTING: Allowed(),
    StrategyStatus.RUNNING: Allowed(stop=True, leave=True, edit=True),
    StrategyStatus.STOPPING: Allowed(),
    StrategyStatus.ERROR: Allowed(start=True, stop=True, leave=True, delete=True, edit=True),
}
UNSAVED = Allowed(edit=True)  # a strategy made from a template, not at the venue yet

_PERMITS = {
    RunAction.START: lambda allowed: allowed.start,
    RunAction.STOP: lambda allowed: allowed.stop,
    RunAction.LEAVE: lambda allowed: allowed.leave,
}


class Outcome(Enum):
    WAITING = "waiting"  # still in flight or not confirmed yet
    CONFIRMED = "confirmed"
    TIMED_OUT = "timed_out"  # accepted, but the venue's status never followed


@dataclass
class _Pending:
    action: RunAction
    answered_at: float | None = None  # when the venue accepted the request (None: still in flight)


class RunTracker:
    def __init__(self, confirm_timeout: float = 15.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.confirm_timeout = confirm_timeout
        self._clock = clock
        self._pending: dict[str, _Pending] = {}

    def state(self, strategy_id: str, venue_status: StrategyStatus) -> StrategyStatus:
        pending = self._pending.get(strategy_id)
        return pending.action.transient if pending else venue_status

    def begin(self, strategy_id: str, action: RunAction, venue_status: StrategyStatus) -> bool:
        """Record ``action`` as in flight; False (nothing recorded) if the state does not allow it."""
        if not _PERMITS[action](ALLOWED[self.state(strategy_id, venue_status)]):
            return False
        self._pending[strategy_id] = _Pending(action)
        return True

    def answered(self, strategy_id: str) -> None:
        """The venue accepted the request (or its answer was lost): now wait for a poll to confirm it."""
        pending = self._pending.get(strategy_id)
        if pending is not None and pending.answered_at is None:
            pending.answered_at = self._clock()

    def failed(self, strategy_id: str) -> None:
        """The venue refused: the state is the venue's again."""
        self._pending.pop(strategy_id, None)

    def observe(self, strategy_id: str, venue_status: StrategyStatus) -> Outcome:
        """A poll saw ``venue_status``: confirm, keep waiting, or give up waiting."""
        pending = self._pending.get(strategy_id)
        if pending is None:
            return Outcome.CONFIRMED
        if venue_status is pending.action.expected:
            del self._pending[strategy_id]
            return Outcome.CONFIRMED
        if pending.answered_at is not None and self._clock() - pending.answered_at > self.confirm_timeout:
            del self._pending[strategy_id]
            return Outcome.TIMED_OUT
        return Outcome.WAITING

    def forget(self, strategy_id: str) -> None:
        self._pending.pop(strategy_id, None)
