"""Deterministic randomness: counter-based generators and integer hashes keyed by (seed, name, counter).

Everything random in the market is a pure function of its key, so any stretch of history can be regenerated in
any order: block generators are Philox keyed by (seed, name hash) with the block index in the counter;
per-second and per-level details use a splitmix64 hash of (stream, counter), scalar or vectorised.
"""

from __future__ import annotations

import hashlib

import numpy as np

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB
_INV_2_53 = 1.0 / float(1 << 53)


def name_hash(*parts: object) -> int:
    """A stable 64-bit hash of the parts (Python's ``hash`` is salted per process)."""
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def block_rng(seed: int, stream: int, block: int) -> np.random.Generator:
    """The generator of one block (a day, a chunk of days) of one stream: Philox keyed by (seed, stream), its
    counter starting at the block index, so blocks never share numbers and each can be made on its own."""
    philox = np.random.Philox(key=((seed & _MASK) << 64) | (stream & _MASK), counter=(0, 0, 0, block & _MASK))
    return np.random.Generator(philox)


def mix(stream: int, counter: int) -> int:
    """splitmix64 of ``stream ^ counter`` as a Python int."""
    x = ((stream ^ (counter * _GOLDEN)) + _GOLDEN) & _MASK
    x = ((x ^ (x >> 30)) * _M1) & _MASK
    x = ((x ^ (x >> 27)) * _M2) & _MASK
    return x ^ (x >> 31)


def uniform(stream: int, counter: int) -> float:
    """A uniform float in [0, 1) from (stream, counter)."""
    return (mix(stream, counter) >> 11) * _INV_2_53


def uniforms(stream: int, counters: np.ndarray) -> np.ndarray:
    """Vectorised :func:`uniform` over an int64 array of counters."""
    with np.errstate(over="ignore"):
        x = np.uint64(stream) ^ (counters.astype(np.uint64) * np.uint64(_GOLDEN))
        x = x + np.uint64(_GOLDEN)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(_M1)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(_M2)
        x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(11)).astype(np.float64) * _INV_2_53
