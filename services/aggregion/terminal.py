"""Tessera's own use of Aggregion DS: this device's licence and the add-ons it installs (no Qt).

:class:`LicenceBook` is the cache on disk, in ``<profile dir>/aggregion/``:

- ``licence.lic``: the licence file exactly as the distributor issued it (checked offline on every start);
- ``licence.json``: what the last online sync knew: the lease and key the licence is for, the title of
  the licensed product and the lease ids that were active;
- ``device-id``: this installation's stable device id (:func:`device_identity`);
- ``addons/<catalog id>.json``: installed add-ons (their verified bundle's JSON and where it came from).

:class:`AggregionTerminal` is the online part: sign in (ID code flow, the user's first account as
``X-Account``), this device's key (``POST /client/keys``; the key number is handed to the caller to keep in
the keyring), the user's leases with their catalog positions, bind / unbind, licence download and offline
verification, the public catalog, and the install of a leased add-on: the lease is bound to this device, its
licence fetched, the bundle's signature asked for
(``POST /public/catalog/{id}/bundles/{bundleId}/signature``),
and the bundle file is accepted only when the distributor's signed grant names it and its SHA-256 matches.

Licences and grants are verified against the keys Tessera ships for the distributor's host only
(:func:`services.aggregion.pinned_keys.pinned_keys`, handed to :class:`LicenceBook`); nothing fetched from the
venue is trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from services.aggregion.client import AggregionClient
from services.aggregion.device import DeviceIdentity, device_identity
from services.aggregion.licence import (
    LicenceCheck,
    LicenceRefused,
    LicenceStatus,
    TrustedKeys,
    open_document,
    verify_licence,
)
from services.aggregion.schemas import Bundle, CatalogEntry, Item, Lease, ListQuery
from services.errors import RejectedInput

SIGNATURE_FORMAT = "aggregion-bundle-signature/1"
LAYOUT_PACK_FORMAT = "tessera-layouts/1"
STRATEGY_PACK_FORMAT = "tessera-strategy-templates/1"
PRODUCT_KIND = "product"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@dataclass
class LicenceRecord:
    """What the last online sync knew about this device's licence (``licence.json``)."""

    lease_id: str = ""
    key_number: str = ""
    title: str = ""
    licensee: str = ""
    active_leases: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "lease": self.lease_id,
            "keyNumber": self.key_number,
            "title": self.title,
            "licensee": self.licensee,
            "activeLeases": self.active_leases,
        }

    @classmethod
    def from_json(cls, data: Any) -> LicenceRecord:
        if not isinstance(data, dict):
            raise ValueError("not an object")
        texts = {k: data.get(k, "") for k in ("lease", "keyNumber", "title", "licensee")}
        active = data.get("activeLeases", [])
        if not all(isinstance(v, str) for v in texts.values()) or not isinstance(active, list):
            raise ValueError("wrong field types")
        return cls(
            texts["lease"],
            texts["keyNumber"],
            texts["title"],
            texts["licensee"],
            [str(v) for v in active],
        )


@dataclass(frozen=True)
class LicenceVerdict:
    """A licence check and what to show with it."""

    check: LicenceCheck | None  # None: no licence on this device (free mode, nothing wrong)
    title: str = ""
    licensee: str = ""

    @property
    def valid(self) -> bool:
        return self.check is not None and self.check.valid

    @property
    def expires(self) -> datetime | None:
        if self.check is None or self.check.claims is None:
            return None
        return self.check.claims.expiration_date


@dataclass(frozen=True)
class InstalledAddon:
    catalog_id: str
    slug: str
    kind: str
    title: dict[str, str]
    version: str
    content: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog_id,
            "slug": self.slug,
            "kind": self.kind,
            "title": self.title,
            "version": self.version,
            "content": self.content,
        }

    @classmethod
    def from_json(cls, data: Any) -> InstalledAddon:
        if not isinstance(data, dict) or not isinstance(data.get("content"), dict):
            raise ValueError("not an installed add-on")
        title = data.get("title") if isinstance(data.get("title"), dict) else {}
        return cls(
            str(data["catalog"]),
            str(data.get("slug", "")),
            str(data.get("kind", "")),
            {str(k): str(v) for k, v in (title or {}).items()},
            str(data.get("version", "")),
            data["content"],
        )


class LicenceBook:
    """The licence cache and installed add-ons of one profile (see the module docstring); ``trusted``: the
    pinned keys of the distributor, the only keys its licences are checked against."""

    def __init__(self, directory: str | Path, trusted: TrustedKeys) -> None:
        self.directory = Path(directory)
        self.trusted = trusted
        self.licence_path = self.directory / "licence.lic"
        self.record_path = self.directory / "licence.json"
        self.addons_dir = self.directory / "addons"

    def device(self) -> DeviceIdentity:
        return device_identity(self.directory / "device-id")

    def record(self) -> LicenceRecord | None:
        try:
            return LicenceRecord.from_json(json.loads(self.record_path.read_text("utf-8")))
        except (OSError, ValueError):
            return None

    def store(self, licence: bytes, record: LicenceRecord) -> None:
        _write(self.licence_path, licence)
        _write(self.record_path, json.dumps(record.to_json(), indent=1).encode("utf-8"))

    def note_active_leases(self, lease_ids: Sequence[str]) -> bool:
        """Record the user's active leases as last seen online; True if the licensed lease is no longer one
        of them (revoked, or expired on the distributor's side)."""
        record = self.record()
        if record is None:
            return False
        record.active_leases = list(lease_ids)
        _write(self.record_path, json.dumps(record.to_json(), indent=1).encode("utf-8"))
        return record.lease_id not in record.active_leases

    def forget(self) -> None:
        for path in (self.licence_path, self.record_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def check(self, now: datetime | None = None) -> LicenceVerdict:
        """The cached licence, verified offline (never raises; no network)."""
        record = self.record()
        try:
            data = self.licence_path.read_bytes()
        except FileNotFoundError:
            return LicenceVerdict(None)
        except OSError as exc:
            return LicenceVerdict(
                LicenceCheck(LicenceStatus.TAMPERED, f"The licence file cannot be read: {exc.strerror}.")
            )
        if record is None:
            return LicenceVerdict(
                LicenceCheck(
                    LicenceStatus.TAMPERED, "The licence's record on this device is missing or damaged."
                )
            )
        check = verify_licence(
            data,
            self.trusted,
            device_id=self.device().device_id,
            now=now,
            lease_id=record.lease_id or None,
            key_number=record.key_number or None,
            active_leases=record.active_leases or None,
        )
        return LicenceVerdict(check, record.title, record.licensee)

    # --- add-ons

    def installed(self) -> list[InstalledAddon]:
        found: list[InstalledAddon] = []
        if not self.addons_dir.is_dir():
            return found
        for path in sorted(self.addons_dir.glob("*.json")):
            try:
                found.append(InstalledAddon.from_json(json.loads(path.read_text("utf-8"))))
            except (OSError, ValueError, KeyError):
                continue
        return found

    def install(self, addon: InstalledAddon) -> None:
        _write(self.addons_dir / f"{addon.catalog_id}.json", json.dumps(addon.to_json(), indent=1).encode())


@dataclass(frozen=True)
class LeaseView:
    lease: Lease
    entry: CatalogEntry | None
    bound_here: bool

    def title(self, lang: str) -> str:
        return self.entry.title_in(lang) if self.entry is not None else self.lease.id


def _entry_of(lease: Lease) -> CatalogEntry | None:
    item = lease.item
    if isinstance(item, Item) and isinstance(item.catalog, CatalogEntry):
        return item.catalog
    return None


def _catalog_id(lease: Lease) -> str | None:
    item = lease.item
    if isinstance(item, Item):
        return item.catalog.id if isinstance(item.catalog, CatalogEntry) else item.catalog
    return None


class AggregionTerminal:
    """The user's session with Aggregion for this device (see the module docstring).

    ``key_store``: ``(get, set)`` of the key number for ``(login, device id)`` (the keyring).
    """

    def __init__(
        self,
        client: AggregionClient,
        book: LicenceBook,
        key_store: tuple[Callable[[str, str], str | None], Callable[[str, str, str], object]],
    ) -> None:
        self.client = client
        self.book = book
        self._get_key, self._set_key = key_store
        self.login_name = ""
        self.user_id = ""  # what a publisher leases to
        self.key_number: str | None = None
        self.created_key = False

    @property
    def signed_in(self) -> bool:
        return self.client.authenticated and self.client.account is not None

    async def sign_in(self, login: str, password: str) -> None:
        if not login.strip():
            raise RejectedInput("login", "Enter your Aggregion login.")
        if not password:
            raise RejectedInput("password", "Enter your password.")
        await self.client.login(login.strip(), password)
        accounts = await self.client.accounts()
        self.client.use_account(accounts[0].id if accounts else None)
        self.login_name = login.strip()
        self.user_id = (await self.client.me()).id or ""
        await self.ensure_key()

    async def ensure_key(self) -> str:
        """This device's key number: the keyring's, else a new key (``POST /client/keys``)."""
        device = self.book.device()
        number = self._get_key(self.login_name, device.device_id)
        if number:
            self.key_number = number
            return number
        key = await self.client.create_key(device.device_id, device.host_name)
        self._set_key(self.login_name, device.device_id, key.number)
        self.key_number = key.number
        self.created_key = True
        return key.number

    async def _key_id(self) -> str | None:
        keys = await self.client.keys()
        return next((k.id for k in keys if k.number == self.key_number), None)

    async def leases(self) -> list[LeaseView]:
        """The user's active leases. The caller notes them in the book
        (:meth:`LicenceBook.note_active_leases`), for the newest look only."""
        number = self.key_number or await self.ensure_key()
        leases = await self.client.client_leases(ListQuery(extend=("item.catalog",)))
        key_id = await self._key_id() if any(lease.keys for lease in leases) else None
        del number
        return [LeaseView(lease, _entry_of(lease), key_id in lease.key_ids()) for lease in leases]

    @property
    def trusted(self) -> TrustedKeys:
        """The pinned keys this device checks the distributor's licences and grants against."""
        return self.book.trusted

    async def _licence_for(self, lease_id: str) -> bytes:
        number = self.key_number or await self.ensure_key()
        await self.client.bind_key(lease_id, number)
        return await self.client.fetch_licence(lease_id, number)

    async def bind(self, view: LeaseView, lang: str = "default") -> LicenceVerdict:
        """Bind the lease to this device, fetch its licence, verify it offline and keep it if it is valid."""
        licence = await self._licence_for(view.lease.id)
        active = [lease.id for lease in await self.client.client_leases()]
        record = LicenceRecord(
            view.lease.id,
            self.key_number or "",
            view.title(lang),
            self.login_name,
            active,
        )
        check = verify_licence(
            licence,
            self.trusted,
            device_id=self.book.device().device_id,
            lease_id=view.lease.id,
            key_number=self.key_number,
            active_leases=active,
        )
        if check.valid:
            self.book.store(licence, record)
        return LicenceVerdict(check, record.title, record.licensee)

    async def unbind(self, view: LeaseView) -> None:
        number = self.key_number or await self.ensure_key()
        await self.client.unbind_key(view.lease.id, number)
        record = self.book.record()
        if record is not None and record.lease_id == view.lease.id:
            self.book.forget()

    # --- the catalog

    async def catalog(self, search: str = "") -> list[CatalogEntry]:
        query = ListQuery(textsearch=search.strip() or None)
        return (await self.client.public_catalog(query)).rows

    async def bundles(self, catalog_id: str) -> list[Bundle]:
        return await self.client.public_bundles(catalog_id)

    async def leased_catalog_ids(self) -> set[str]:
        leases = await self.client.client_leases(ListQuery(extend=("item",)))
        return {cid for cid in (_catalog_id(lease) for lease in leases) if cid}

    async def install(self, entry: CatalogEntry, bundle: Bundle) -> InstalledAddon:
        """Download ``bundle`` of a leased add-on, verify the distributor's signed grant, keep it."""
        leases = await self.client.client_leases(ListQuery(extend=("item",)))
        lease = next((lease for lease in leases if _catalog_id(lease) == entry.id), None)
        if lease is None:
            raise RejectedInput("addon", "You have no active lease of this add-on.")
        licence = await self._licence_for(lease.id)
        number = self.key_number or ""
        ref = await self.client.sign_bundle(entry.id, bundle.id, number, licence)
        grant_file = await self.client.download(ref.resource_id)
        content = await self.client.download(bundle.resource_id)
        grant = verify_grant(grant_file, self.trusted, bundle, number, content)
        del grant
        try:
            document = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise LicenceRefused("the add-on's file is not readable JSON") from exc
        if not isinstance(document, dict):
            raise LicenceRefused("the add-on's file is not an add-on")
        options = entry.options
        addon = InstalledAddon(
            entry.id,
            str(options.get("slug", "")),
            str(options.get("kind", "")),
            dict(entry.title.root),
            bundle.version,
            document,
        )
        self.book.install(addon)
        return addon


def verify_grant(
    grant_file: bytes, trusted: TrustedKeys, bundle: Bundle, key_number: str, content: bytes
) -> dict[str, Any]:
    """The distributor's signed grant for ``bundle`` to ``key_number``, checked against the downloaded
    ``content``; :class:`LicenceRefused` (with the reason) if anything does not match."""
    grant = open_document(grant_file, trusted, field="grant", kind=SIGNATURE_FORMAT)
    if grant.get("bundle") != bundle.id or grant.get("keyNumber") != key_number:
        raise LicenceRefused("the signature is for another bundle or device key")
    if grant.get("sha256") != hashlib.sha256(content).hexdigest():
        raise LicenceRefused("the downloaded file does not match the distributor's signature")
    return grant


def layouts_of(addon: InstalledAddon) -> list[dict[str, Any]]:
    """The layouts of a layout pack (``[]`` for any other add-on or a malformed pack)."""
    if addon.content.get("format") != LAYOUT_PACK_FORMAT:
        return []
    layouts = addon.content.get("layouts")
    if not isinstance(layouts, list):
        return []
    return [
        layout
        for layout in layouts
        if isinstance(layout, dict)
        and isinstance(layout.get("name"), str)
        and isinstance(layout.get("panels"), list)
    ]


def filter_entries(
    entries: Sequence[CatalogEntry], tag: str | None = None, platform: str | None = None
) -> list[CatalogEntry]:
    """The entries with ``tag`` and supporting ``platform`` (either ``None``: any)."""
    return [
        entry
        for entry in entries
        if (not tag or tag in entry.tags) and (not platform or platform in entry.platform_support)
    ]
