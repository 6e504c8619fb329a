"""The simulator in a child process: it hands back its address, serves, and dies with the app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import httpx
import pytest

import app.__main__ as cli
from services.simulator.process import (
    FROZEN_SUBCOMMAND,
    SimulatorAddress,
    SimulatorProcess,
    SimulatorStartError,
    parse_ready_line,
    ready_line,
)


def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # our own child: reap it, or it lingers as a zombie
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


PARENT = textwrap.dedent(
    """
    import sys, time
    from services.simulator.process import SimulatorProcess
    sim = SimulatorProcess(["--seed", "4"])
    sim.launch()
    address = sim.wait_ready()
    print(sim.pid, address.base_url, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_child_hands_its_address_serves_and_dies_when_the_app_is_killed():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    try:
        line = parent.stdout.readline()  # type: ignore[union-attr]
        child_pid, base_url = int(line.split()[0]), line.split()[1]
        assert base_url.startswith("http://127.0.0.1:")
        health = httpx.get(f"{base_url}/_sim/health", timeout=5).json()
        assert health["seed"] == 4
        parent.send_signal(signal.SIGKILL)  # no clean-up code runs in the app
        parent.wait(10)
        assert _gone(child_pid), "the simulator outlived the app"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_stop_ends_the_child_and_a_failed_start_is_explained():
    sim = SimulatorProcess(["--speed", "not-a-number"])  # the child's own argument check refuses it
    with pytest.raises(SimulatorStartError, match="exited"):
        sim.wait_ready(timeout=30)
    assert not sim.running
    sim.stop()  # stopping twice is harmless


def test_ready_line_round_trip_and_malformed_lines():
    address = SimulatorAddress("http://127.0.0.1:1", frozenset({"chp", "ramm"}), "demo", "pw", "tok")
    assert parse_ready_line(ready_line(address) + "\n") == address
    assert parse_ready_line("INFO: something else\n") is None
    with pytest.raises(ValueError):
        parse_ready_line(ready_line(address).replace('"login"', '"user"'))


def test_a_frozen_bundle_runs_the_simulator_through_its_entry_point(capsys):
    with pytest.raises(SystemExit) as exit_info:  # the simulator's own argument parser answered
        cli.main([FROZEN_SUBCOMMAND, "--no-such-option"])
    assert exit_info.value.code == 2
    assert "services.simulator" in capsys.readouterr().err


def test_the_paper_account_is_reset_through_the_child_and_a_busy_one_is_explained(tmp_path):
    state = tmp_path / "paper.sqlite"
    sim = SimulatorProcess(["--seed", "2", "--state", str(state)])
    try:
        address = sim.wait_ready()
        assert state.exists()
        again = sim.reset_paper()  # a fresh account, same address
        assert again.base_url == address.base_url
        assert httpx.get(f"{again.base_url}/_sim/health", timeout=5).json()["status"] == "ok"
        second = SimulatorProcess(["--state", str(state)])  # the same file, in use: said, not a crash
        with pytest.raises(SimulatorStartError, match="another Tessera"):
            second.wait_ready()
    finally:
        sim.stop()
    assert not sim.running


@pytest.mark.skipif(sys.platform == "win32", reason="the socket is handed over on POSIX only")
def test_the_address_is_known_at_launch_and_a_request_made_during_the_boot_is_answered():
    sim = SimulatorProcess(["--seed", "5"])
    try:
        sim.launch()
        address = sim.address  # no waiting: the app builds its clients and window with it
        assert address is not None and address.base_url.startswith("http://127.0.0.1:")
        assert {"coinweight", "chp"} <= address.venues and address.login == "demo"
        health = httpx.get(f"{address.base_url}/_sim/health", timeout=30).json()  # held in the backlog
        assert health["seed"] == 5
        assert sim.wait_ready().base_url == address.base_url
    finally:
        sim.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="the socket is handed over on POSIX only")
def test_when_the_child_cannot_serve_a_connection_is_refused_not_left_waiting():
    sim = SimulatorProcess(["--speed", "not-a-number"])
    sim.launch()
    assert sim.address is not None
    with pytest.raises(SimulatorStartError):
        sim.wait_ready(timeout=30)
    with pytest.raises(httpx.ConnectError):  # the app kept no copy of the child's socket
        httpx.get(f"{sim.address.base_url}/_sim/health", timeout=5)


def test_without_a_handed_over_socket_the_address_comes_with_the_ready_line():
    sim = SimulatorProcess(["--seed", "6"], handover=False)  # how it runs where sockets are not inherited
    try:
        sim.launch()
        address = sim.wait_ready()
        assert sim.address == address and "--port" in sim.argv and "--fd" not in sim.argv
        assert httpx.get(f"{address.base_url}/_sim/health", timeout=5).json()["seed"] == 6
    finally:
        sim.stop()
