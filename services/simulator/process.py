"""SimulatorProcess: the simulator in a child process of the app, so its CPU never competes with the UI's.

The app binds the simulator's listening socket itself (an ephemeral loopback port) and hands it to the child,
``python -m services.simulator --fd N --child [ARGS]``: so the base URL is known at once
(:attr:`SimulatorProcess.address`), the app builds its venues' clients and paints its window while the child
boots, and a connection made meanwhile waits in the socket's backlog until the child serves. The child writes
one line to its stdout once it serves (``READY_PREFIX`` and a JSON object: the base URL, the venues it serves,
the demo user, what became of the paper account), and stops when its stdin closes. The app holds the write end
of that pipe, so the child dies with the app however the app ends (a crash or a kill too), on every platform.
Where a socket cannot be inherited (Windows), the child listens on ``--port 0`` itself and the address is
known from its ready line only.

This module is light on purpose (no uvicorn, no engine): the app launches the child first thing, before its
own imports, and awaits the ready line later without blocking the UI (:meth:`SimulatorProcess.ready`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from services.simulator.served import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN, available_venues

log = logging.getLogger("tessera.simulator")

READY_PREFIX = "tessera-simulator ready "
FAILED_PREFIX = "tessera-simulator failed "
RESET_COMMAND = "reset"  # on the child's stdin: a fresh paper account on the same port, then a new ready line
FROZEN_SUBCOMMAND = "--run-simulator"  # a frozen app has no ``-m``: its entry point runs the simulator
LISTEN_BACKLOG = 128  # the app's clients may connect before the child serves: they wait here


class SimulatorStartError(RuntimeError):
    pass


@dataclass(frozen=True)
class SimulatorAddress:
    """What the child's ready line says: where it serves, which venues, the demo user and server token."""

    base_url: str
    venues: frozenset[str]
    login: str
    password: str
    server_token: str
    paper_unavailable: str | None = None  # why the paper account's file could not be used (then: in memory)
    paper_set_aside: str | None = None  # the name an unreadable paper account was moved to


def simulator_command() -> list[str]:
    """How to run ``python -m services.simulator`` from this interpreter (or from a frozen bundle)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_SUBCOMMAND]
    return [sys.executable, "-m", "services.simulator"]


def ready_line(address: SimulatorAddress) -> str:
    """What the child writes on its stdout once it serves (parsed by :class:`SimulatorProcess`)."""
    body = asdict(address)
    body["venues"] = sorted(address.venues)
    return READY_PREFIX + json.dumps(body)


def failure_line(reason: str) -> str:
    """What the child writes instead when it cannot serve (the reason reaches the app's log)."""
    return FAILED_PREFIX + json.dumps({"reason": reason})


def parse_ready_line(line: str) -> SimulatorAddress | None:
    """The address in a ready line; None for any other line. Raises SimulatorStartError for a failure line,
    ValueError for a malformed one."""
    if line.startswith(FAILED_PREFIX):
        raise SimulatorStartError(str(json.loads(line[len(FAILED_PREFIX):]).get("reason", "?")))
    if not line.startswith(READY_PREFIX):
        return None
    body = json.loads(line[len(READY_PREFIX):])
    try:
        return SimulatorAddress(
            base_url=str(body["base_url"]),
            venues=frozenset(str(v) for v in body["venues"]),
            login=str(body["login"]),
            password=str(body["password"]),
            server_token=str(body["server_token"]),
            paper_unavailable=_optional(body.get("paper_unavailable")),
            paper_set_aside=_optional(body.get("paper_set_aside")),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"missing or bad field: {exc}") from exc


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


class SimulatorProcess:
    """Launch the child, await its address, stop it.

    ``args`` go to the simulator's command line as they are (``--seed 3 --speed 60``, and whatever option the
    simulator gains), after ``--fd N --child`` (``--port 0 --child`` where sockets are not inherited).
    ``handover``: hand the child a socket bound here (the default where the platform can).
    """

    def __init__(
        self, args: Sequence[str] = (), command: Sequence[str] | None = None, handover: bool | None = None
    ) -> None:
        self._command = [*(command or simulator_command())]
        self._args = list(args)
        self.handover = (os.name == "posix") if handover is None else handover
        self.argv = [*self._command, "--port", "0", "--child", *self._args]
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._answered = threading.Event()
        self._address: SimulatorAddress | None = None
        self._served: SimulatorAddress | None = None  # the address the child's ready line confirmed
        self._failure = ""

    @property
    def address(self) -> SimulatorAddress | None:
        """Where the child serves, known from the launch on (the socket handed over; the paper account's
        fate is in the ready line only), else once it is ready; None before."""
        return self._address

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def launch(self) -> None:
        """Start the child and return at once; a thread reads its ready line."""
        if self._process is not None:
            return
        try:
            listener = self._listen() if self.handover else None
        except OSError as exc:
            self._failure = f"cannot listen on the loopback: {exc}"
            self._answered.set()
            return
        base_url = ""
        if listener is not None:
            base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
            self.argv = [*self._command, "--fd", str(listener.fileno()), "--child", *self._args]
        try:
            self._process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                pass_fds=(listener.fileno(),) if listener is not None else (),
            )
        except OSError as exc:
            self._failure = f"cannot run {self.argv[0]}: {exc}"
            self._answered.set()
            return
        finally:  # the child holds its own copy: when it dies, connections are refused rather than kept
            if listener is not None:
                listener.close()
        if listener is not None:
            self._address = SimulatorAddress(
                base_url, frozenset(available_venues()), DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN
            )
        self._reader = threading.Thread(target=self._read_ready, name="simulator-ready", daemon=True)
        self._reader.start()

    def _listen(self) -> socket.socket:
        """The child's listening socket, bound and listening here (connections wait in its backlog until the
        child serves). ``TCP_NODELAY`` is inherited by every accepted connection: uvicorn (h11) writes a
        response's head and body apart, and with Nagle's algorithm the body waited for the client's delayed
        ACK (+40 ms on every answer but the first of a kept-alive connection)."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.bind(("127.0.0.1", 0))
            sock.listen(LISTEN_BACKLOG)
        except OSError:
            sock.close()
            raise
        return sock

    def _read_ready(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        try:
            self._served = self._address = self._next_address()
        except SimulatorStartError as exc:
            self._failure = str(exc)
        finally:
            self._answered.set()

    def _next_address(self) -> SimulatorAddress:
        assert self._process is not None and self._process.stdout is not None
        try:
            for line in self._process.stdout:
                address = parse_ready_line(line)
                if address is not None:
                    return address
        except ValueError as exc:
            raise SimulatorStartError(f"the simulator's ready line was not understood: {exc}") from exc
        raise SimulatorStartError(f"the simulator exited (code {self._process.wait()}) before it served")

    def reset_paper(self) -> SimulatorAddress:
        """A fresh paper account at the same address (blocks until the child serves again: call it off the UI
        thread). Raises SimulatorStartError when the child cannot."""
        address = self.wait_ready()
        process = self._process
        if process is None or process.stdin is None:
            raise SimulatorStartError("the simulator is not running")
        try:
            process.stdin.write(RESET_COMMAND + "\n")
            process.stdin.flush()
            self._served = self._address = self._next_address()
        except OSError as exc:
            raise SimulatorStartError(f"the simulator is gone: {exc}") from exc
        log.info("paper account reset; the simulator serves again on %s", address.base_url)
        return self._address

    def wait_ready(self, timeout: float = 30.0) -> SimulatorAddress:
        """Block until the child serves; raises SimulatorStartError (and stops the child) when it cannot."""
        self.launch()
        if not self._answered.wait(timeout):
            self.stop()
            raise SimulatorStartError(f"the simulator did not start within {timeout:.0f} s")
        if self._served is None:
            self.stop()
            raise SimulatorStartError(self._failure)
        return self._served

    async def ready(self, timeout: float = 30.0) -> SimulatorAddress:
        """:meth:`wait_ready` off the event loop's thread."""
        return await asyncio.to_thread(self.wait_ready, timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the child's stdin (it stops serving and exits); terminate, then kill, if it lingers."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            try:
                process.stdin.close()
            except OSError:
                pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("the simulator did not stop within %.0f s; terminating it", timeout)
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if self._reader is not None:
            self._reader.join(1.0)
