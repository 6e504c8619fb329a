"""The simulator's clock: wall time, or wall time accelerated by ``speed`` (tests run markets fast)."""

from __future__ import annotations

import time


class SimClock:
    """Simulated epoch seconds.

    ``now()`` starts at ``start`` (default: the wall clock) and runs ``speed`` times faster than real time;
    ``advance_by`` jumps forward (frozen clocks in unit tests use ``speed=0``).
    """

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        if speed < 0:
            raise ValueError("speed must be >= 0")
        self._speed = speed
        self._origin_sim = time.time() if start is None else float(start)
        self._origin_real = time.monotonic()
        self._offset = 0.0

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, speed: float) -> None:
        if speed < 0:
            raise ValueError("speed must be >= 0")
        self._origin_sim = self.now()
        self._origin_real = time.monotonic()
        self._offset = 0.0
        self._speed = speed

    def now(self) -> float:
        return self._origin_sim + (time.monotonic() - self._origin_real) * self._speed + self._offset

    def advance_by(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock never goes back")
        self._offset += seconds
