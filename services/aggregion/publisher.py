"""The publisher's side of Tessera's add-on catalog (no Qt): the account's catalog entries, their bundle
versions, publishing, and leasing an add-on to users.

:class:`EntryForm`, :class:`BundleForm` and :class:`LeaseForm` check what a user typed and raise
:class:`RejectedInput` naming the field before anything is sent. :meth:`PublisherDesk.lease_to_users`
makes the items it needs first (``POST /items/multi`` into the account's default fund, expiring a day after
the leases) and then ``POST /items/createLeasesForUsers``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.aggregion.client import AggregionClient
from services.aggregion.schemas import (
    Bundle,
    BundleDraft,
    CatalogEntry,
    CatalogFields,
    CatalogPatch,
    Item,
    Lease,
    LeaseLine,
    LeasesForUsersRequest,
    ListQuery,
    Localised,
    MultiItemDraft,
)
from services.errors import RejectedInput

PLATFORMS = ("windows", "linux", "macos")
KINDS = (
    "layout-pack",
    "strategy-template-pack",
    "indicator-pack",
    "theme-pack",
    "integration",
    "panel",
    "product",
)
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_VERSION = re.compile(r"^\d{1,4}\.\d{1,4}\.\d{1,4}([-+][0-9A-Za-z.-]{1,32})?$")
_ID = re.compile(r"^[0-9a-f]{24}$")
MAX_BUNDLE_BYTES = 50 * 1024 * 1024
MAX_KEYS = 100


@dataclass(frozen=True)
class EntryForm:
    """The entry form as typed: English (default) and Russian title and description, tags, platforms,
    seats per lease."""

    title: str
    description: str
    title_ru: str = ""
    description_ru: str = ""
    tags: str = ""
    platforms: tuple[str, ...] = PLATFORMS
    max_keys: str = "1"
    kind: str = "layout-pack"

    def checked(self) -> CatalogFields:
        title, description = self.title.strip(), self.description.strip()
        if not title:
            raise RejectedInput("title", "Enter a title.")
        if len(title) > 120:
            raise RejectedInput("title", "A title is at most 120 characters.")
        if not description:
            raise RejectedInput("description", "Enter a description.")
        tags = [tag.strip() for tag in self.tags.split(",") if tag.strip()]
        bad = [tag for tag in tags if not _TAG.match(tag)]
        if bad:
            raise RejectedInput(
                "tags", f"Tags are lower-case letters, digits and '-', separated by commas: not {bad[0]!r}."
            )
        if not self.platforms:
            raise RejectedInput("platforms", "Choose at least one platform.")
        try:
            max_keys = int(self.max_keys.strip())
        except ValueError:
            raise RejectedInput("maxKeys", "Seats per lease is a whole number.") from None
        if not 1 <= max_keys <= MAX_KEYS:
            raise RejectedInput("maxKeys", f"Seats per lease is from 1 to {MAX_KEYS}.")
        titles = {"default": title, "en_US": title}
        descriptions = {"default": description, "en_US": description}
        if self.title_ru.strip():
            titles["ru_RU"] = self.title_ru.strip()
        if self.description_ru.strip():
            descriptions["ru_RU"] = self.description_ru.strip()
        if self.kind not in KINDS:
            raise RejectedInput("kind", "Choose what kind of add-on this is.")
        return CatalogFields(
            title=Localised(titles),
            description=Localised(descriptions),
            tags=tags,
            platform_support=[p for p in PLATFORMS if p in self.platforms],
            options={"kind": self.kind},
            max_keys=max_keys,
        )


@dataclass(frozen=True)
class BundleForm:
    version: str
    file_name: str
    content: bytes | None  # None: the file could not be read

    def checked(self, existing: Sequence[str] = ()) -> str:
        version = self.version.strip()
        if not _VERSION.match(version):
            raise RejectedInput("version", "A version looks like 1.2.0.")
        if version in existing:
            raise RejectedInput("version", f"Version {version} is uploaded already.")
        if not self.file_name.strip():
            raise RejectedInput("file", "Choose the bundle file.")
        if self.content is None:
            raise RejectedInput("file", "The file cannot be read.")
        if not self.content:
            raise RejectedInput("file", "The file is empty.")
        if len(self.content) > MAX_BUNDLE_BYTES:
            raise RejectedInput("file", "A bundle is at most 50 MB.")
        return version


@dataclass(frozen=True)
class LeaseForm:
    users: str  # user ids, separated by commas or spaces
    until: datetime

    def checked(self, now: datetime | None = None) -> tuple[list[str], datetime]:
        users = [u for u in re.split(r"[\s,;]+", self.users.strip()) if u]
        if not users:
            raise RejectedInput("users", "Enter the user id to lease to.")
        bad = [u for u in users if not _ID.match(u)]
        if bad:
            raise RejectedInput("users", f"A user id is 24 hexadecimal characters: not {bad[0]!r}.")
        until = self.until if self.until.tzinfo else self.until.replace(tzinfo=UTC)
        if until <= (now or datetime.now(UTC)):
            raise RejectedInput("until", "The lease must end in the future.")
        return users, until


class PublisherDesk:
    """The publisher's session: one signed-in client with the publishing account as ``X-Account``."""

    def __init__(self, client: AggregionClient) -> None:
        self.client = client
        self.login_name = ""
        self.account_name = ""
        self._default_fund: str | None = None

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
        if not accounts:
            raise RejectedInput("login", "This user has no account to publish from.")
        account = next((a for a in accounts if a.is_organization), accounts[0])
        self.client.use_account(account.id)
        self.account_name = account.name or account.id
        self._default_fund = account.default_fund
        self.login_name = login.strip()

    async def entries(self) -> list[CatalogEntry]:
        return (await self.client.catalog()).rows

    async def save_entry(self, catalog_id: str | None, form: EntryForm) -> CatalogEntry:
        fields = form.checked()
        if catalog_id is None:
            return await self.client.create_catalog_entry(fields)
        current = await self.client.catalog_entry(catalog_id)
        patch = CatalogPatch(
            title=fields.title,
            description=fields.description,
            tags=fields.tags,
            platform_support=fields.platform_support,
            options={**current.options, **fields.options},  # keeps the options the form does not show
            max_keys=fields.max_keys,
        )
        return await self.client.update_catalog_entry(catalog_id, patch)

    async def publish(self, catalog_id: str, public: bool) -> CatalogEntry:
        if public:
            return await self.client.publish(catalog_id)
        return await self.client.unpublish(catalog_id)

    async def bundles(self, catalog_id: str) -> list[Bundle]:
        return [b for b in await self.client.bundles() if _id_of(b.catalog) == catalog_id]

    async def upload_bundle(self, catalog_id: str, form: BundleForm) -> Bundle:
        form.checked()  # what was typed, before anything is sent
        existing = [b.version for b in await self.bundles(catalog_id)]
        version = form.checked(existing)
        assert form.content is not None and self.client.account is not None
        stored = await self.client.upload(form.file_name.strip(), form.content)
        draft = BundleDraft(
            owner=self.client.account, version=version, catalog=catalog_id, source_resource_id=stored.id
        )
        return await self.client.create_bundle(draft)

    async def leases(self, catalog_id: str) -> list[Lease]:
        """The account's leases of one entry, newest first."""
        leases = await self.client.leases(ListQuery(extend=("item",), order=("-creationDate",)))
        return [lease for lease in leases if _lease_catalog(lease) == catalog_id]

    async def revoke(self, lease_id: str) -> Lease:
        """End a lease now (``isActive: false``): its seats are freed and its licences stop being renewed."""
        return await self.client.deactivate_lease(lease_id)

    async def lease_to_users(self, catalog_id: str, form: LeaseForm) -> list[Lease]:
        users, until = form.checked()
        if self._default_fund is None:
            raise RejectedInput("users", "The publishing account has no default fund.")
        item_end = until + timedelta(days=1)
        await self.client.create_items(
            MultiItemDraft(
                catalog=catalog_id, fund=self._default_fund, expiration_date=item_end, qty=len(users)
            )
        )
        request = LeasesForUsersRequest(  # the items just made (an older free item may end before the lease)
            items=[LeaseLine(catalog=catalog_id, expiration_date=item_end)],
            users=users,
            expiration_date=until,
        )
        return await self.client.create_leases_for_users(request)


def _lease_catalog(lease: Lease) -> str | None:
    return _id_of(lease.item.catalog) if isinstance(lease.item, Item) else None


def _id_of(value: object) -> str:
    return value.id if isinstance(value, CatalogEntry) else str(value)
