from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

import app.__main__ as cli
import app.composition as composition
from app.viewmodels.journal import create_journal_panel
from app.workspace import PanelSpec, WorkspaceRegistry

ROOT = Path(__file__).resolve().parents[2]


def _venues_file(tmp_path: Path, base: str) -> str:
    path = tmp_path / "venues.json"
    path.write_text(
        json.dumps(
            {
                "coinweight": f"{base}/ok/exp/v2",
                "chp": f"{base}/ok",
                "dxregister": f"{base}/ok/dxweb/rest",
                "ramm": f"{base}/ok/ramm",
                "aggregion": f"{base}/ok/aggregion",
            }
        )
    )
    return str(path)


@pytest.mark.parametrize(
    "argv", [["--profile", "../x"], ["--smoke", "0"], ["--sim-speed", "-1"], ["--bogus"]]
)
def test_bad_arguments_exit_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.parse_args(argv)
    assert exit_info.value.code == 2


def test_an_unusable_venues_file_is_explained(tmp_path, capsys):
    assert cli.main(["--venues", str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_smoke_run_as_a_process_exits_0_and_leaves_a_profile_and_a_log(tmp_path, http_server):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    data = tmp_path / "data"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--smoke",
            "1.5",
            "--data-dir",
            str(data),
            "--profile",
            "smoke",
            "--venues",
            _venues_file(tmp_path, http_server),
            "--screenshot",
            str(tmp_path / "shot.png"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "0 unhandled errors, 0 error log records" in result.stderr
    assert (data / "profiles" / "smoke" / "profile.json").exists()
    log_text = (data / "logs" / "tessera.log").read_text(encoding="utf-8")
    assert "aggregion: connected" in log_text  # probed (dxRegister and RAMM show their sessions)
    assert (tmp_path / "shot.png").stat().st_size > 10_000


@pytest.mark.qt_no_exception_capture
def test_smoke_fails_when_something_unhandled_happens(qapp, tmp_path, closed_port_url, monkeypatch):
    def exploding_panel(context):
        QTimer.singleShot(50, lambda: 1 / 0)
        return QLabel("boom")

    def registry() -> WorkspaceRegistry:
        registry = WorkspaceRegistry()
        registry.register(PanelSpec("journal", "Journal", create_journal_panel))
        registry.register(PanelSpec("boom", "Boom", exploding_panel))
        return registry

    monkeypatch.setattr(composition, "builtin_panels", registry)
    palette, stylesheet = qapp.palette(), qapp.styleSheet()
    try:
        code = cli.main(
            [
                "--smoke",
                "0.5",
                "--data-dir",
                str(tmp_path),
                "--venues",
                _venues_file(tmp_path, closed_port_url),
            ]
        )
    finally:  # main() themes the shared QApplication and leaves its closed loop as the current one
        qapp.setPalette(palette)
        qapp.setStyleSheet(stylesheet)
        asyncio.set_event_loop(None)
    assert code == 1
