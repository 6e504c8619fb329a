"""Tessera's licence cache and add-on installs (services.aggregion.terminal) against the in-process simulator:
first run creates the device key, a bound lease gives a valid cached licence, and the cache tells plainly when
the file was changed, expired, moved to another device, or its lease was revoked; installs verify the
distributor's signed grant against the downloaded bundle."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import resources
from services.aggregion.licence import (
    LicenceClaims,
    LicenceRefused,
    LicenceStatus,
    read_licence,
    sign_licence,
)
from services.aggregion.pinned_keys import pinned_keys
from services.aggregion.terminal import (
    AggregionTerminal,
    InstalledAddon,
    LicenceBook,
    filter_entries,
    layouts_of,
    verify_grant,
)
from services.errors import RejectedInput
from tests.services.aggregion.test_client_vs_simulator import Sim, client_of, sim  # noqa: F401

PINNED = pinned_keys(resources.path("keys", "aggregion"), "http://127.0.0.1:8765/aggregion")


def device_file(directory: Path, device_id: str) -> LicenceBook:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "device-id").write_text(device_id + "\n")
    return LicenceBook(directory, PINNED)


@pytest.fixture
async def terminal(sim: Sim, tmp_path: Path) -> AsyncIterator[AggregionTerminal]:  # noqa: F811
    keys: dict[tuple[str, str], str] = {}
    client = client_of(sim.app)
    book = device_file(tmp_path / "a", "a" * 32)
    made = AggregionTerminal(
        client,
        book,
        (lambda who, dev: keys.get((who, dev)), lambda who, dev, n: keys.update({(who, dev): n})),
    )
    await made.sign_in("demo", "demo")
    made.keys = keys  # type: ignore[attr-defined]  # the test's keyring, for the assertions
    try:
        yield made
    finally:
        await client.aclose()


async def bind_pro(terminal: AggregionTerminal):
    views = await terminal.leases()
    pro = next(v for v in views if v.title("en") == "Tessera Pro")
    return pro, await terminal.bind(pro, "en")


async def test_first_run_creates_the_key_and_keeps_its_number(terminal):
    assert terminal.created_key and terminal.key_number
    assert terminal.keys == {("demo", "a" * 32): terminal.key_number}
    assert terminal.book.check().check is None  # no licence yet: free mode, nothing wrong


async def test_bind_gives_a_valid_cached_licence_and_unbind_frees_the_seat(terminal):
    pro, verdict = await bind_pro(terminal)
    assert verdict.valid and verdict.title == "Tessera Pro" and verdict.licensee == "demo"
    cached = terminal.book.check()
    assert cached.valid and cached.expires is not None
    assert [v.bound_here for v in await terminal.leases() if v.lease.id == pro.lease.id] == [True]
    await terminal.unbind(pro)
    assert terminal.book.check().check is None
    assert [v.bound_here for v in await terminal.leases() if v.lease.id == pro.lease.id] == [False]


async def test_a_changed_byte_expiry_another_device_and_a_revoked_lease_are_told(terminal, sim, tmp_path):  # noqa: F811
    pro, _verdict = await bind_pro(terminal)
    book = terminal.book
    original = book.licence_path.read_bytes()

    later = datetime.now(UTC) + timedelta(days=800)
    expired = book.check(now=later).check
    assert expired is not None and expired.status is LicenceStatus.EXPIRED and "expired" in expired.reason

    other = device_file(tmp_path / "b", "b" * 32)  # the files copied to another device
    shutil.copy(book.licence_path, other.licence_path)
    shutil.copy(book.record_path, other.record_path)
    foreign = other.check().check
    assert foreign is not None and foreign.status is LicenceStatus.FOREIGN_DEVICE

    for at in (0, len(original) // 2, len(original) - 3):
        changed = bytearray(original)
        changed[at] = ord("x") if changed[at] != ord("x") else ord("y")
        book.licence_path.write_bytes(bytes(changed))
        refused = book.check().check
        assert refused is not None and refused.status in (LicenceStatus.TAMPERED, LicenceStatus.UNKNOWN_KEY)
        assert refused.reason[:1].isupper() and refused.reason.endswith(".")
    book.licence_path.write_bytes(original)
    assert book.check().valid

    sim.state.leases[pro.lease.id]["isActive"] = False  # the publisher revoked it
    book.note_active_leases([v.lease.id for v in await terminal.leases()])  # the next online look
    revoked = book.check().check
    assert revoked is not None and revoked.status is LicenceStatus.REVOKED_OR_UNKNOWN


async def test_install_the_leased_layout_pack_verified(terminal):
    entries = await terminal.catalog()
    assert [e.title_in("ru") for e in filter_entries(entries, tag="layouts")] == [
        "Набор раскладок «Скальпер»"
    ]
    assert len(filter_entries(entries, platform="linux")) == len(entries) == 6
    assert [e.options["slug"] for e in await terminal.catalog("telegram")] == ["alerts-telegram"]
    pack = next(e for e in entries if e.options["kind"] == "layout-pack")
    bundle = (await terminal.bundles(pack.id))[0]
    addon = await terminal.install(pack, bundle)
    assert [layout["name"] for layout in layouts_of(addon)] == [
        "Scalper: one market",
        "Scalper: two markets",
        "Tape reader",
    ]
    assert terminal.book.installed() == [addon]
    assert layouts_of(InstalledAddon("x", "", "", {}, "1", {"format": "other"})) == []

    themes = next(e for e in entries if e.options["kind"] == "theme-pack")
    with pytest.raises(RejectedInput, match="no active lease"):
        await terminal.install(themes, (await terminal.bundles(themes.id))[0])
    assert terminal.book.installed() == [addon]


async def test_a_grant_that_does_not_match_the_file_is_refused(terminal):
    entries = await terminal.catalog()
    pack = next(e for e in entries if e.options["kind"] == "layout-pack")
    bundle = (await terminal.bundles(pack.id))[0]
    view = next(v for v in await terminal.leases() if v.title("en") == "Scalper Layout Pack")
    assert (await terminal.bind(view, "en")).valid
    number = terminal.key_number or ""
    licence = await terminal.client.fetch_licence(view.lease.id, number)
    ref = await terminal.client.sign_bundle(pack.id, bundle.id, number, licence)
    grant = await terminal.client.download(ref.resource_id)
    content = await terminal.client.download(bundle.resource_id)
    key = terminal.trusted
    assert verify_grant(grant, key, bundle, number, content)["sha256"] == hashlib.sha256(content).hexdigest()
    with pytest.raises(LicenceRefused, match="does not match"):
        verify_grant(grant, key, bundle, number, content + b" ")
    with pytest.raises(LicenceRefused, match="another bundle or device key"):
        verify_grant(grant, key, bundle, "1999999999", content)
    with pytest.raises(LicenceRefused):
        verify_grant(grant.replace(b'"sha256":"', b'"sha256":"0'), key, bundle, number, content)


async def test_a_licence_signed_by_a_key_tessera_does_not_ship_is_refused(terminal, sim):  # noqa: F811
    """The venue (or someone in between) signs with a fresh key of the right shape: Tessera stays free."""
    pro, verdict = await bind_pro(terminal)
    assert verdict.valid
    book = terminal.book
    genuine = read_licence(book.licence_path.read_bytes(), PINNED)
    fresh = Ed25519PrivateKey.generate()
    book.licence_path.write_bytes(sign_licence(LicenceClaims.model_validate(genuine.model_dump()), fresh))
    cached = book.check().check
    assert cached is not None and cached.status is LicenceStatus.UNKNOWN_KEY and not book.check().valid
    assert "signed by an unknown key" in cached.reason

    book.forget()
    sim.state.signing_key = fresh  # the venue now signs (and publishes) another key
    assert (await terminal.client.licence_key()).public_key != ""
    again = await terminal.bind(pro, "en")
    assert again.check is not None and again.check.status is LicenceStatus.UNKNOWN_KEY
    assert book.check().check is None  # nothing kept: free mode
