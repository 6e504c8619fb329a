"""Offline licence verification: valid, any changed byte refused, expired, foreign device, revoked, and
only against the pinned keys (a licence signed by any other key is refused)."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import resources
from services.aggregion.device import device_identity
from services.aggregion.licence import (
    LicenceClaims,
    LicenceStatus,
    TrustedKeys,
    key_id,
    public_key_bytes,
    sign_licence,
    verify_licence,
)
from services.aggregion.pinned_keys import pinned_keys

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"test-licence-key").digest())
PUBLIC = public_key_bytes(KEY.public_key())


def claims(**changes: object) -> LicenceClaims:
    fields: dict[str, object] = {
        "lease": "l-1",
        "leaseSn": 4,
        "catalog": "c-1",
        "item": "i-1",
        "owner": "a-1",
        "user": "u-1",
        "keyNumber": "1000000002",
        "deviceId": "dev-1",
        "beginDate": "2026-01-01T00:00:00.000Z",
        "expirationDate": "2027-01-01T00:00:00.000Z",
        "issuedAt": "2026-01-02T00:00:00.000Z",
    }
    fields.update(changes)
    return LicenceClaims.model_validate(fields)


LICENCE = sign_licence(claims(), KEY)


def test_a_genuine_licence_on_its_device_in_its_dates_is_valid():
    check = verify_licence(
        LICENCE,
        PUBLIC,
        device_id="dev-1",
        now=NOW,
        lease_id="l-1",
        key_number="1000000002",
        active_leases={"l-1"},
    )
    assert check.status is LicenceStatus.VALID and check.valid
    assert check.claims is not None and check.claims.lease_sn == 4
    assert "2027-01-01" in check.reason
    # the key may be given as base64 text, as pinned constants are
    assert verify_licence(
        LICENCE.decode(), base64.b64encode(PUBLIC).decode(), device_id="dev-1", now=NOW
    ).valid


def test_every_single_changed_byte_is_refused():
    for index in range(len(LICENCE)):
        for delta in (1, 0x20):
            changed = bytearray(LICENCE)
            changed[index] = (changed[index] + delta) % 256
            check = verify_licence(bytes(changed), PUBLIC, device_id="dev-1", now=NOW)
            # a byte of the key id names a key that is not pinned; any other one breaks the file
            assert check.status in (LicenceStatus.TAMPERED, LicenceStatus.UNKNOWN_KEY), (index, delta, check)
            assert not check.valid and check.claims is None


def test_a_licence_signed_by_a_fresh_key_of_the_right_shape_is_refused():
    """Right format, right claims, a valid signature: but by a key Tessera does not ship."""
    fresh = Ed25519PrivateKey.generate()
    foreign = sign_licence(claims(), fresh)
    for trusted in (PUBLIC, TrustedKeys.of([PUBLIC])):
        check = verify_licence(foreign, trusted, device_id="dev-1", now=NOW)
        assert check.status is LicenceStatus.UNKNOWN_KEY and not check.valid and check.claims is None
        assert "signed by an unknown key" in check.reason
    # even when its own public key is what the venue would hand out: trusting it is the caller's choice,
    # and the app never makes it (it verifies against pinned_keys only)
    assert verify_licence(foreign, fresh.public_key(), device_id="dev-1", now=NOW).valid


def test_expired_and_not_yet_valid():
    assert (
        verify_licence(LICENCE, PUBLIC, device_id="dev-1", now=datetime(2027, 1, 1, tzinfo=UTC)).status
        is LicenceStatus.EXPIRED
    )
    early = verify_licence(LICENCE, PUBLIC, device_id="dev-1", now=datetime(2025, 12, 31, tzinfo=UTC))
    assert early.status is LicenceStatus.NOT_YET_VALID


def test_another_device_is_foreign():
    check = verify_licence(LICENCE, PUBLIC, device_id="dev-2", now=NOW)
    assert check.status is LicenceStatus.FOREIGN_DEVICE
    assert "dev-1" in check.reason


def test_a_lease_or_key_not_known_active_is_revoked_or_unknown():
    checks = [
        verify_licence(LICENCE, PUBLIC, device_id="dev-1", now=NOW, lease_id="l-2"),
        verify_licence(LICENCE, PUBLIC, device_id="dev-1", now=NOW, key_number="1000000009"),
        verify_licence(LICENCE, PUBLIC, device_id="dev-1", now=NOW, active_leases=set()),
    ]
    assert [c.status for c in checks] == [LicenceStatus.REVOKED_OR_UNKNOWN] * 3


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe", b"[]", b"{}", b"null", b"[" * 100_000, b'{"licence": 1}', "é".encode(), "not json"],
)
def test_bad_input_never_raises(data: bytes | str):
    check = verify_licence(data, PUBLIC, device_id="dev-1", now=NOW)
    assert check.status is LicenceStatus.TAMPERED and check.reason


def test_a_bad_public_key_never_raises():
    assert verify_licence(LICENCE, b"short", device_id="dev-1").status is LicenceStatus.TAMPERED
    assert verify_licence(LICENCE, "%%%", device_id="dev-1").status is LicenceStatus.TAMPERED


def test_the_shipped_keys_are_chosen_by_the_distributor_host():
    directory = resources.path("keys", "aggregion")
    loopback = pinned_keys(directory, "http://127.0.0.1:8765/aggregion/api")
    demo = "gFbl83h7A7JyfsFaV03xVRbGZaxflFbe215dszaegNA="  # the simulator's demo key (demo_key.py)
    assert list(loopback.keys) == [key_id(base64.b64decode(demo))]
    assert pinned_keys(directory, "http://localhost:1/aggregion/api").keys.keys() == loopback.keys.keys()
    elsewhere = pinned_keys(directory, "https://ds.example.com/api/")  # no key shipped for it: none trusted
    assert not elsewhere
    licence = sign_licence(claims(), KEY)
    check = verify_licence(licence, elsewhere, device_id="dev-1", now=NOW)
    assert check.status is LicenceStatus.UNKNOWN_KEY and "trusts no signing key" in check.reason
    assert not pinned_keys(directory / "missing", "http://127.0.0.1/")


def test_naive_now_is_taken_as_utc():
    naive = (NOW + timedelta(days=1)).replace(tzinfo=None)
    assert verify_licence(LICENCE, PUBLIC, device_id="dev-1", now=naive).valid


# --- device identity ----------------------------------------------------------------------------------------


def test_device_id_from_the_machine_id_is_stable_and_does_not_expose_it(tmp_path: Path):
    machine = tmp_path / "machine-id"
    machine.write_text("0123456789abcdef0123456789abcdef\n")
    first = device_identity(machine_id_files=[machine])
    assert first == device_identity(machine_id_files=[machine])
    assert len(first.device_id) == 32 and "0123456789abcdef" not in first.device_id
    assert first.host_name
    machine.write_text("fedcba9876543210fedcba9876543210\n")
    assert device_identity(machine_id_files=[machine]).device_id != first.device_id


def test_a_state_file_keeps_the_id_even_when_the_machine_id_changes(tmp_path: Path):
    state = tmp_path / "profile" / "device-id"
    none = [tmp_path / "missing"]
    first = device_identity(state, machine_id_files=none)
    assert state.read_text().strip() == first.device_id
    machine = tmp_path / "machine-id"
    machine.write_text("0123456789abcdef0123456789abcdef\n")
    assert device_identity(state, machine_id_files=[machine]).device_id == first.device_id
    state.write_text("garbage\n")  # an unreadable id is replaced, not trusted
    replaced = device_identity(state, machine_id_files=[machine])
    assert replaced.device_id != "garbage" and len(replaced.device_id) == 32


def test_without_machine_id_or_state_file_the_id_is_still_stable(tmp_path: Path):
    none = [tmp_path / "missing"]
    assert device_identity(machine_id_files=none) == device_identity(machine_id_files=none)
