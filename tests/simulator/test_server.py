"""The embedded simulator as a real server: loopback, ephemeral port, clean stop, faults, standalone CLI."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from services.simulator.server import EmbeddedSimulator


@pytest.fixture(scope="module")
def simulator():
    with EmbeddedSimulator(seed=7) as sim:
        yield sim


def test_start_serves_on_loopback_with_an_ephemeral_port(simulator: EmbeddedSimulator):
    assert simulator.base_url.startswith("http://127.0.0.1:")
    assert simulator.port > 0
    body = httpx.get(f"{simulator.base_url}/_sim/health", timeout=5).json()
    assert body["status"] == "ok"
    assert body["seed"] == 7


def test_latency_after_delays_the_answer_but_runs_the_handler(simulator: EmbeddedSimulator):
    rule = simulator.context.faults.add(path="^/_sim/health-never$", latency_after=0.3)  # matches nothing
    simulator.context.faults.remove(rule.rule_id)
    simulator.context.faults.add(path="^/exp/v2/config/symbols$", latency_after=0.4, times=1)
    started = time.monotonic()
    response = httpx.get(f"{simulator.base_url}/exp/v2/config/symbols", timeout=5)
    assert time.monotonic() - started >= 0.4
    assert response.status_code in (200, 404)  # the venue may not be mounted yet; the delay is the point
    assert simulator.context.faults.rules == []  # times=1 retired it


def test_faults_can_be_set_over_http_and_drop_connections(simulator: EmbeddedSimulator):
    base = simulator.base_url
    created = httpx.post(f"{base}/_sim/faults", json={"path": "dropme", "drop_before": True}, timeout=5)
    assert created.status_code == 200
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{base}/dropme", timeout=5)
    assert httpx.request("DELETE", f"{base}/_sim/faults", timeout=5).json() == []
    bad = httpx.post(f"{base}/_sim/faults", json={"nonsense": 1}, timeout=5)
    assert bad.status_code == 400


def test_stop_closes_the_port():
    sim = EmbeddedSimulator(seed=1)
    sim.start()
    port = sim.port
    sim.stop()
    assert not sim.running
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not come up")


def test_standalone_simulator_serves_until_interrupted():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.simulator", "--port", str(port), "--seed", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )
    try:
        _wait_up(f"http://127.0.0.1:{port}/_sim/health", proc)
        assert httpx.get(f"http://127.0.0.1:{port}/_sim/health", timeout=5).json()["seed"] == 3
        time.sleep(0.5)
        assert proc.poll() is None  # still serving
        proc.send_signal(signal.SIGINT)
        out, _err = proc.communicate(timeout=20)
        assert proc.returncode == 0
        assert f"http://127.0.0.1:{port}" in out
    finally:
        if proc.poll() is None:
            proc.kill()


def _klines(base_url: str) -> list:
    june_1st_2025 = 1748736000000
    params = {"symbol": "BTCUSDT", "interval": "1h", "startTime": june_1st_2025, "limit": 48}
    response = httpx.get(f"{base_url}/md/binance/api/v3/klines", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_two_runs_with_the_same_seed_serve_the_same_bars():
    runs = []
    for seed in (5, 5, 6):
        with EmbeddedSimulator(seed=seed) as sim:
            runs.append(_klines(sim.base_url))
    assert len(runs[0]) == 48
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
