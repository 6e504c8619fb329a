"""The simulator's licence signing key: one fixed demo key, the same at every seed.

Its private half lives here (a demo key: it guards nothing real); its public half is the one Tessera ships
and pins, ``resources/keys/aggregion/simulator-demo.pem`` (listed in ``resources/keys/aggregion/keys.json``
for loopback hosts). A licence or bundle grant the simulator signs verifies against that pinned key only.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

DEMO_KEY_SEED = b"tessera-aggregion-licence:1"


def demo_signing_key() -> Ed25519PrivateKey:
    """The fixed demo key (raw private bytes: SHA-256 of :data:`DEMO_KEY_SEED`)."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(DEMO_KEY_SEED).digest())
