"""Packaged data: themes (qss), translations (.ts/.qm) and icons."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """A file inside the resources package, e.g. ``path("themes", "dark.qss")``."""
    return ROOT.joinpath(*parts)
