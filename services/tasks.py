"""Background tasks on the qasync loop whose failures are never lost.

asyncio keeps only weak references to tasks and reports an unretrieved exception only when the task is
garbage collected. :func:`spawn` keeps the task alive until it ends and hands a failure to the loop's
exception handler (bootstrap's error hooks: logged, shown, counted) the moment it happens.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_running: set[asyncio.Task[Any]] = set()


def spawn(coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
    task = asyncio.get_running_loop().create_task(coro, name=name)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def loop_running() -> bool:
    """Whether an event loop runs now (not while the app shuts down, or between tests)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _finished(task: asyncio.Task[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        task.get_loop().call_exception_handler(
            {"message": f"background task {task.get_name()!r} failed", "exception": exc, "task": task}
        )
