"""The simulator's child boots on the venues' wire models, without the app's HTTP clients (start-up time)."""

import subprocess
import sys


def test_the_simulator_server_imports_no_http_client() -> None:
    probe = "import sys, services.simulator.server, services.simulator.app; print('httpx' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"
