"""EmbeddedSimulator: the simulator app served by uvicorn on 127.0.0.1 (ephemeral port) in its own thread."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path

import uvicorn

from services.simulator.app import build_app, create_context
from services.simulator.context import SimulatorContext
from services.simulator.paper import store as paper_store
from services.simulator.paper.account import PaperAccount
from services.simulator.paper.store import PaperStoreBusy, PaperStoreUnreadable
from services.simulator.process import SimulatorStartError

log = logging.getLogger("tessera.simulator")

__all__ = ["EmbeddedSimulator", "SimulatorStartError"]


class EmbeddedSimulator:
    """Start it, trade on it, stop it. ``start()`` returns once the server accepts connections.

    ``state_path``: the paper account's file (services/simulator/paper): the venues' state is restored from it
    and kept there; None: a fresh in-memory simulator. ``paper`` is the account (``paper.set_aside`` tells a
    file that could not be used). :meth:`reset_paper` starts the account over on the same port.
    ``listener``: a listening socket to serve on (handed over by the app's process, which bound it); kept
    open across :meth:`reset_paper`, so a connection made meanwhile waits rather than being refused.
    """

    def __init__(self, seed: int = 1, speed: float = 1.0, port: int = 0, host: str = "127.0.0.1",
                 state_path: Path | None = None, listener: socket.socket | None = None) -> None:
        self.host = host
        self.port = port
        self._listener = listener
        if listener is not None:
            self.host, self.port = listener.getsockname()[:2]
        self.seed = seed
        self.speed = speed
        self.state_path = state_path
        self.paper: PaperAccount | None = None
        self.paper_unavailable: str | None = None  # why the state_path could not be used (then: in memory)
        self.context: SimulatorContext = self._make_context()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._error: BaseException | None = None

    def _make_context(self) -> SimulatorContext:
        self.paper_unavailable = None
        if self.state_path is None:
            return create_context(seed=self.seed, speed=self.speed)
        try:
            self.paper = PaperAccount(self.state_path, seed=self.seed, speed=self.speed)
        except PaperStoreBusy as exc:
            raise SimulatorStartError(f"the paper account is open in another Tessera: {exc}") from exc
        except (PaperStoreUnreadable, OSError) as exc:  # trading goes on, forgetful: the app says so
            self.paper_unavailable = str(exc)
            log.warning("the paper account cannot be kept at %s (%s): in memory", self.state_path, exc)
            return create_context(seed=self.seed, speed=self.speed)
        return self.paper.context

    def reset_paper(self, timeout: float = 15.0) -> str:
        """Stops the simulator, deletes the paper account and starts a fresh one on the same port (blocks:
        call it off the UI thread). Every session's token is void afterwards: clients log in again."""
        was_running = self.running
        self.stop()
        if self.state_path is not None:
            paper_store.wipe(self.state_path)
        self.paper = None
        self.context = self._make_context()
        return self.start(timeout) if was_running else ""

    @property
    def base_url(self) -> str:
        if self._socket is None:
            raise SimulatorStartError("the simulator is not running")
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 15.0) -> str:
        if self.running:
            return self.base_url
        # uvicorn closes the socket it served on: it gets a duplicate of a handed-over one
        self._socket = self._listener.dup() if self._listener is not None else self._bind()
        config = uvicorn.Config(
            build_app(self.context),
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, name="tessera-simulator", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise SimulatorStartError(f"the simulator failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                self.stop()
                raise SimulatorStartError("the simulator did not start in time")
            time.sleep(0.01)
        with socket.create_connection((self.host, self.port), timeout=timeout):
            pass  # it accepts connections
        log.info("simulator serving on %s (seed %s)", self.base_url, self.context.seed)
        return self.base_url

    def _bind(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: uvicorn (h11) writes a response's head and body apart, and with
        # Nagle's algorithm on, the body waited for the client's delayed ACK: +40 ms on every answer but
        # the first of a kept-alive connection (the CHP login's ten calls took a second).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise SimulatorStartError(f"cannot listen on {self.host}:{self.port}: {exc.strerror}") from exc
        self.port = sock.getsockname()[1]
        return sock

    def _serve(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as exc:  # reported by start() or stop(); the thread must not die silently
            self._error = exc
            log.exception("simulator thread failed")

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("simulator thread did not stop within %.0f s", timeout)
        if self._socket is not None:
            self._socket.close()
        if self.paper is not None:  # saved at the server's shutdown; closed here if it never ran
            self.paper.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EmbeddedSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
