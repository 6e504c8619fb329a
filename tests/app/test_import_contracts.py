"""The layer contracts in pyproject.toml hold, and a violating import really breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120
    )


def _copy_tree(dest: Path) -> Path:
    for package in ("app", "widgets", "services"):
        shutil.copytree(ROOT / package, dest / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_tree(tmp_path_factory.mktemp("layers"))


def test_contracts_are_kept(tree: Path):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "files",
    [
        {"services/_violation.py": "import PySide6.QtCore\n"},
        {"services/_violation.py": "import widgets\n"},
        {"widgets/_violation.py": "import services.domain\n"},
        {"widgets/_violation.py": "import httpx\n"},
        {"app/strategy_forms/_violation.py": "import app.connections\n"},  # a lower layer reaching up
        {"app/viewmodels/_violation.py": "import services.simulator.server\n"},  # only app.demo may
        {"services/_one.py": "import services._two\n", "services/_two.py": "import services._one\n"},
    ],
    ids=[
        "services-qt", "services-widgets", "widgets-services", "widgets-httpx", "layers", "simulator", "cycle"
    ],
)
def test_a_violating_import_breaks_the_check(tree: Path, tmp_path: Path, files: dict[str, str]):
    broken = _copy_tree(tmp_path / "broken")
    for module, line in files.items():
        (broken / module).write_text(line)
    result = _lint(broken)
    assert result.returncode != 0
    assert "Contracts: 4 kept, 1 broken" in result.stdout, result.stdout
