"""A stable id and a name for this installation's device (the ``deviceId``/``deviceName`` of a DS key).

The id never exposes the raw machine id: it is a hash of it with a Tessera-specific prefix. With a state file
the id is whatever the file holds (written on first use), so it survives a changed machine id and can be
moved with the profile.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MACHINE_ID_FILES: tuple[str, ...] = ("/etc/machine-id", "/var/lib/dbus/machine-id")
_PREFIX = "tessera-device:"


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    device_id: str  # 32 hex
    host_name: str


def _machine_id(paths: Sequence[str | Path]) -> str | None:
    for path in paths:
        try:
            text = Path(path).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            continue
        if text:
            return text
    return None


def _derived(source: str) -> str:
    return hashlib.sha256((_PREFIX + source).encode("utf-8")).hexdigest()[:32]


def _read_stored(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return text if len(text) == 32 and all(c in "0123456789abcdef" for c in text) else None


def _store(path: Path, device_id: str) -> None:
    with contextlib.suppress(OSError):  # an unwritable profile still gets an id, just not a stored one
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(device_id + "\n", encoding="ascii")
        os.replace(temporary, path)


def host_name() -> str:
    try:
        return socket.gethostname() or "unknown host"
    except OSError:
        return "unknown host"


def device_identity(
    state_file: str | Path | None = None, *, machine_id_files: Sequence[str | Path] = MACHINE_ID_FILES
) -> DeviceIdentity:
    """This device's identity. With ``state_file``: the id stored there, created on first use (from the
    machine id when there is one, else random). Without: derived from the machine id, else from the MAC
    address and host name."""
    name = host_name()
    machine = _machine_id(machine_id_files)
    if state_file is not None:
        path = Path(state_file)
        stored = _read_stored(path)
        if stored is not None:
            return DeviceIdentity(stored, name)
        device_id = _derived(machine) if machine else uuid.uuid4().hex
        _store(path, device_id)
        return DeviceIdentity(device_id, name)
    if machine:
        return DeviceIdentity(_derived(machine), name)
    return DeviceIdentity(_derived(f"{uuid.getnode():012x}:{name}"), name)
