"""Per-user profiles: ``<root>/<name>/profile.json`` (root: ``<AppDataLocation>/profiles``).

A profile holds what the user arranged and chose: window geometry and dock state per named layout, the current
layout, theme, language, layout lock, per-panel settings, hotkeys, link groups and order-confirmation flags.

The file is versioned JSON. Writes are atomic (temp file in the same directory, flush, fsync, ``os.replace``,
fsync of the directory), and the previous good content is kept as ``profile.json.bak``. A file that cannot be
read is moved aside as ``profile.json.corrupt-<timestamp>``; the backup (or the defaults) is used instead and
:class:`LoadResult.notices` says so in words the user can read.

Shapes the venue panels fill in later:

- ``panels[panel_id]``: any JSON object the panel's view-model owns (column widths, filters, symbol ...).
- ``link_groups``: link colour -> the instrument key shown by that colour's panels (``"binance:BTC-USDT"``);
  which colour a panel follows is in its own ``panels[panel_id]["link"]``.
- ``hotkeys``: action id (``MainWindow.action_ids()``) -> portable key text (``"Ctrl+Shift+L"``; "" = none).
- ``confirm_orders``: kind -> ask before sending (``place``, ``modify``, ``cancel``, ``cancel_all``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

log = logging.getLogger("tessera.profiles")

PROFILE_VERSION = 1
PROFILE_FILE = "profile.json"
DEFAULT_LAYOUT = "default"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _default_confirm_orders() -> dict[str, bool]:
    return {"place": True, "modify": True, "cancel": False, "cancel_all": True}


@dataclass
class SavedLayout:
    geometry: bytes = b""
    state: bytes = b""


@dataclass
class Profile:
    current_layout: str = DEFAULT_LAYOUT
    layouts: dict[str, SavedLayout] = field(default_factory=dict)
    theme: str = "dark"
    language: str = "en"
    layout_locked: bool = False
    panels: dict[str, dict[str, Any]] = field(default_factory=dict)
    hotkeys: dict[str, str] = field(default_factory=dict)
    link_groups: dict[str, str] = field(default_factory=dict)
    confirm_orders: dict[str, bool] = field(default_factory=_default_confirm_orders)
    extra: dict[str, Any] = field(default_factory=dict)  # keys written by a newer Tessera, kept as they were

    def panel_settings(self, panel_id: str) -> dict[str, Any]:
        """The live settings dict of one panel (created empty on first use)."""
        return self.panels.setdefault(panel_id, {})

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "version": PROFILE_VERSION,
            "current_layout": self.current_layout,
            "layouts": {
                name: {"geometry": _b64(layout.geometry), "state": _b64(layout.state)}
                for name, layout in self.layouts.items()
            },
            "theme": self.theme,
            "language": self.language,
            "layout_locked": self.layout_locked,
            "panels": self.panels,
            "hotkeys": self.hotkeys,
            "link_groups": self.link_groups,
            "confirm_orders": self.confirm_orders,
        }

    @classmethod
    def from_json(cls, data: Any) -> Profile:
        """Parse and check every field; a wrong type anywhere raises ValueError (the file is then corrupt)."""
        if not isinstance(data, dict):
            raise ValueError("the profile is not a JSON object")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"bad profile version {version!r}")
        layouts = {}
        for name, blob in _typed(data, "layouts", dict, {}).items():
            if not isinstance(blob, dict):
                raise ValueError(f"layout {name!r} is not an object")
            layouts[name] = SavedLayout(_unb64(blob.get("geometry", "")), _unb64(blob.get("state", "")))
        known = {f for f in cls.__dataclass_fields__ if f != "extra"} | {"version"}
        return cls(
            current_layout=_typed(data, "current_layout", str, DEFAULT_LAYOUT) or DEFAULT_LAYOUT,
            layouts=layouts,
            theme=_typed(data, "theme", str, "dark"),
            language=_typed(data, "language", str, "en"),
            layout_locked=_typed(data, "layout_locked", bool, False),
            panels=_dict_of(data, "panels", dict),
            hotkeys=_dict_of(data, "hotkeys", str),
            link_groups=_dict_of(data, "link_groups", str),
            confirm_orders={**_default_confirm_orders(), **_dict_of(data, "confirm_orders", bool)},
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass
class LoadResult:
    profile: Profile
    source: str  # "file", "backup", "defaults" (a damaged profile was replaced) or "new" (no file yet)
    notices: list[str] = field(default_factory=list)  # for the user: status bar and journal
    newer_version: bool = False


@dataclass
class _FileRead:
    exists: bool
    profile: Profile | None = None
    problem: str = ""
    raw: bytes = b""
    version: int = 0


class ProfileStore:
    """One profile's directory. ``load()`` never raises for a bad file; ``save()`` raises OSError."""

    def __init__(self, root: Path, name: str) -> None:
        if not is_valid_profile_name(name):
            raise ValueError(
                f"invalid profile name {name!r}: use letters, digits, '_', '-' or '.', at most 64 characters"
            )
        self.name = name
        self.directory = Path(root) / name
        self.path = self.directory / PROFILE_FILE
        self.backup_path = self.directory / (PROFILE_FILE + ".bak")
        self._last_good: bytes | None = None

    def load(self) -> LoadResult:
        self._remove_stale_temp_files()
        notices: list[str] = []
        main = self._read(self.path)
        if main.profile is not None:
            return self._loaded(main, "file", notices)
        if main.exists:
            aside = self._move_aside()
            log.warning("profile %s is unreadable (%s); moved aside to %s", self.path, main.problem, aside)
            notices.append(
                QCoreApplication.translate(
                    "ProfileStore", "Your profile file was damaged and has been set aside as {file}."
                ).format(file=aside.name if aside else self.path.name)
            )
        backup = self._read(self.backup_path)
        if backup.profile is not None:
            if main.exists:
                notices.append(
                    QCoreApplication.translate(
                        "ProfileStore", "The last good copy of your profile has been restored."
                    )
                )
            return self._loaded(backup, "backup", notices)
        if backup.exists:
            log.warning("profile backup %s is unreadable too (%s)", self.backup_path, backup.problem)
        if main.exists:
            notices.append(QCoreApplication.translate("ProfileStore", "Default settings are used."))
            return LoadResult(Profile(), "defaults", notices)
        return LoadResult(Profile(), "new", notices)

    def save(self, profile: Profile) -> None:
        data = json.dumps(profile.to_json(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        if data == self._last_good:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        if self._last_good is not None:
            atomic_write(self.backup_path, self._last_good)
        atomic_write(self.path, data)
        self._last_good = data

    # --- internals
    def _loaded(self, read: _FileRead, source: str, notices: list[str]) -> LoadResult:
        assert read.profile is not None
        self._last_good = read.raw
        newer = read.version > PROFILE_VERSION
        if newer:
            notices.append(
                QCoreApplication.translate(
                    "ProfileStore",
                    "Your profile was written by a newer Tessera; the settings it added are kept.",
                )
            )
        return LoadResult(read.profile, source, notices, newer)

    @staticmethod
    def _read(path: Path) -> _FileRead:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return _FileRead(exists=False)
        except OSError as exc:
            return _FileRead(exists=True, problem=f"cannot read: {exc.strerror}")
        try:
            data = json.loads(raw.decode("utf-8"))
            profile = Profile.from_json(data)
        except (UnicodeDecodeError, ValueError) as exc:
            return _FileRead(exists=True, problem=str(exc) or type(exc).__name__)
        except RecursionError:  # JSON nested too deep for the parser: as damaged as any other garbage
            return _FileRead(exists=True, problem="nested too deep")
        return _FileRead(exists=True, profile=profile, raw=raw, version=data["version"])

    def _move_aside(self) -> Path | None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.directory / f"{PROFILE_FILE}.corrupt-{stamp}"
        counter = 1
        while target.exists():
            target = self.directory / f"{PROFILE_FILE}.corrupt-{stamp}-{counter}"
            counter += 1
        try:
            os.replace(self.path, target)
        except OSError as exc:
            log.warning("cannot move the damaged profile aside: %s", exc)
            return None
        return target

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a write that was interrupted (crash, power loss): never the real profile."""
        if not self.directory.is_dir():
            return
        for stale in self.directory.glob(f".{PROFILE_FILE}*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def is_valid_profile_name(name: str) -> bool:
    return bool(_NAME.match(name))


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves either the old or the new file."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals the rename itself
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("a layout blob is not a string")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise ValueError("a layout blob is not base64") from exc


def _typed(data: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    value = data.get(key, default)
    if not isinstance(value, kind):
        raise ValueError(f"{key} should be {kind.__name__}, not {type(value).__name__}")
    return value


def _dict_of(data: dict[str, Any], key: str, kind: type) -> dict[str, Any]:
    value = _typed(data, key, dict, {})
    for k, v in value.items():
        if not isinstance(v, kind):
            raise ValueError(f"{key}[{k!r}] should be {kind.__name__}")
    return dict(value)
