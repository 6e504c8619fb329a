from __future__ import annotations

import asyncio

from PySide6.QtCore import QTimer

from app.connections import ConnectionProbe
from widgets.common.colors import GREEN, RED
from widgets.common.status import ConnectionIndicator, LightState


async def test_a_reachable_venue_is_green_with_a_latency(qtbot, http_server):
    probe = ConnectionProbe({"coinweight": f"{http_server}/ok"})
    indicator = ConnectionIndicator("coinweight", "coin-weight")
    qtbot.addWidget(indicator)
    probe.bind(indicator)
    try:
        assert await probe.probe("coinweight") is LightState.CONNECTED
    finally:
        await probe.aclose()
    state, latency, detail = probe.state("coinweight")
    assert state is LightState.CONNECTED
    assert latency is not None and 0 < latency < 1000
    assert "HTTP 200" in detail
    assert indicator.state is LightState.CONNECTED
    assert indicator.state.color.name() == GREEN
    assert indicator.latency_ms == latency
    assert "ms" in indicator.text() and "coin-weight" in indicator.toolTip()


async def test_a_closed_port_is_red(qtbot, closed_port_url):
    probe = ConnectionProbe({"chp": closed_port_url})
    indicator = ConnectionIndicator("chp", "CHP")
    qtbot.addWidget(indicator)
    probe.bind(indicator)
    try:
        assert await probe.probe("chp") is LightState.FAILED
    finally:
        await probe.aclose()
    assert indicator.state is LightState.FAILED
    assert indicator.state.color.name() == RED
    assert indicator.latency_ms is None
    assert "cannot connect" in indicator.toolTip()


async def test_a_5xx_answer_is_reachable_but_degraded(http_server):
    probe = ConnectionProbe({"ramm": f"{http_server}/down"})
    try:
        assert await probe.probe("ramm") is LightState.DEGRADED
    finally:
        await probe.aclose()
    assert "503" in probe.state("ramm")[2]


async def test_the_gui_thread_keeps_running_while_a_probe_waits(qtbot, http_server):
    probe = ConnectionProbe({"aggregion": f"{http_server}/slow"})
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    try:
        state = await probe.probe("aggregion")  # the server answers after 0.4 s
    finally:
        timer.stop()
        await probe.aclose()
    assert state is LightState.CONNECTED
    assert probe.state("aggregion")[1] >= 350
    assert len(ticks) >= 15  # Qt timers fired all along: the wait was awaited, not blocking


async def test_started_probes_report_every_venue_and_stop_cleanly(http_server, closed_port_url):
    probe = ConnectionProbe({"coinweight": f"{http_server}/ok", "dxregister": closed_port_url}, interval=0.05)
    seen: list[tuple[str, LightState]] = []
    probe.stateChanged.connect(lambda venue, state, latency, detail: seen.append((venue, state)))
    probe.start()
    assert probe.state("coinweight")[0] is LightState.CONNECTING
    for _ in range(100):
        await asyncio.sleep(0.02)
        if (
            sum(1 for venue, state in seen if venue == "coinweight" and state is LightState.CONNECTED)
            >= 2
        ):
            break
    await probe.aclose()
    assert probe.state("coinweight")[0] is LightState.CONNECTED
    assert probe.state("dxregister")[0] is LightState.FAILED
    count = len(seen)
    await asyncio.sleep(0.15)
    assert len(seen) == count  # no probing after aclose()
