"""The licence signing keys Tessera ships, per distributor host (``resources/keys/aggregion/``).

``keys.json`` lists ``{name, file, hosts}``: ``file`` is a PEM Ed25519 public key next to it, ``hosts`` the
DS hosts whose licences it may sign. :func:`pinned_keys` answers the :class:`TrustedKeys` for one DS base
URL; a host with no pinned key gets none, and then every licence from it is refused. The embedded
simulator's demo key is pinned for loopback hosts only; a production build adds the distributor's key and
its host here (and nothing fetched from the venue is ever trusted instead).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from services.aggregion.licence import TrustedKeys

log = logging.getLogger("tessera.aggregion")

MANIFEST = "keys.json"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def pinned_keys(directory: str | Path, base_url: str) -> TrustedKeys:
    """The shipped keys that may sign licences of the distributor at ``base_url`` (empty if none)."""
    directory = Path(directory)
    host = _host(base_url)
    try:
        manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        log.error("no pinned Aggregion keys: %s", exc)
        return TrustedKeys()
    keys: list[Ed25519PublicKey] = []
    for entry in manifest.get("keys", []) if isinstance(manifest, dict) else []:
        if not isinstance(entry, dict) or host not in [str(h).lower() for h in entry.get("hosts", [])]:
            continue
        try:
            key = load_pem_public_key((directory / str(entry.get("file", ""))).read_bytes())
        except (OSError, ValueError, TypeError) as exc:
            log.error("pinned key %r cannot be read: %s", entry.get("file"), exc)
            continue
        if isinstance(key, Ed25519PublicKey):
            keys.append(key)
    return TrustedKeys.of(keys)
