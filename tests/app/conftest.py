"""Fixtures for app/ tests: an in-memory keyring and a tiny local HTTP server on a real loopback socket."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tests.app.memory_keyring import MemoryKeyring


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


async def _ok(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


async def _slow(request: Request) -> PlainTextResponse:
    await asyncio.sleep(0.4)
    return PlainTextResponse("slow")


async def _unavailable(request: Request) -> PlainTextResponse:
    return PlainTextResponse("down", status_code=503)


def _routes() -> list[Route]:
    routes = []
    for prefix, handler in (("/ok", _ok), ("/slow", _slow), ("/down", _unavailable)):
        routes += [Route(prefix, handler), Route(prefix + "/", handler)]
    return routes


@pytest.fixture(scope="module")
def http_server() -> Iterator[str]:
    """Base URL of a uvicorn server in a thread: /ok (200), /slow (200 after 0.4 s), /down (503)."""
    server = uvicorn.Server(
        uvicorn.Config(Starlette(routes=_routes()), host="127.0.0.1", port=0, log_level="error")
    )
    thread = threading.Thread(target=server.run, name="test-http-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "test server did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL nobody listens on (the port was just bound and released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_gui_thread():
    """Collect each test's cyclic garbage (closed qasync loops, widgets) here, not later in a server thread.

    qasync's timer object keeps Qt timers registered after its loop is closed; destroyed by a collection that
    happens to run in another thread (the test HTTP server's), those timers dangle and crash Qt.
    """
    yield
    gc.collect()
