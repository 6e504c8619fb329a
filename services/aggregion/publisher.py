"""The publisher's side of Tessera's add-on catalog (no Qt): the account's catalog entries, their bundle
versions, publishing, leasing an add-on to users or groups, funds and their items, moving items to another
account with an invoice, and the account's documents and transactions.

The ``*Form`` classes check what a user typed and raise :class:`RejectedInput` naming the field before
anything is sent. :meth:`PublisherDesk.lease` makes the items it needs first (``POST /items/multi`` into
the account's default fund, expiring a day after the leases) and then ``POST /items/createLeasesForUsers``
(or ``...ForGroups``). :meth:`PublisherDesk.move_to_account` sends ``POST /items/moveToAccount`` (free items
of one group of the fund) or ``POST /items/createAndMoveToAccount`` (new items), with the invoice's
``documentOptions``; the venue makes the ``invoice`` document and the transaction.

Documents and transactions: the doc gives Range paging to GET /catalog only, and no page size anywhere, so
these lists come whole, in the venue's order (``order=`` on the fields the doc allows: documents by owner,
contragent or status, transactions by date), and are paged for the eye by the console.
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
    Document,
    DocumentOption,
    Fund,
    GroupedItems,
    IdGroup,
    IdUser,
    Item,
    ItemsLine,
    Lease,
    LeaseLine,
    LeasesForGroupsRequest,
    LeasesForUsersRequest,
    ListQuery,
    Localised,
    MoveToAccountRequest,
    MultiItemDraft,
    Transaction,
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
MAX_QTY = 1000  # items per request (the simulator's limit for /items/multi)
DOCUMENT_ORDER = ("owner", "contragent", "status")  # the documents' order fields the doc lists
TRANSACTION_ORDER = ("date",)


def _ids(text: str) -> list[str]:
    return [u for u in re.split(r"[\s,;]+", text.strip()) if u]


def _future(until: datetime, refusal: RejectedInput, now: datetime | None) -> datetime:
    """``until`` (UTC when naive) if it is in the future, else ``refusal`` is raised."""
    until = until if until.tzinfo else until.replace(tzinfo=UTC)
    if until <= (now or datetime.now(UTC)):
        raise refusal
    return until


def _quantity(text: str, field: str, limit: int = MAX_QTY) -> int:
    try:
        qty = int(text.strip())
    except ValueError:
        raise RejectedInput(field, "The quantity is a whole number.") from None
    if not 1 <= qty <= limit:
        raise RejectedInput(field, "The quantity is from 1 to {limit}.", limit=limit)
    return qty


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
                "tags",
                "Tags are lower-case letters, digits and '-', separated by commas: not {tag!r}.",
                tag=bad[0],
            )
        if not self.platforms:
            raise RejectedInput("platforms", "Choose at least one platform.")
        try:
            max_keys = int(self.max_keys.strip())
        except ValueError:
            raise RejectedInput("maxKeys", "Seats per lease is a whole number.") from None
        if not 1 <= max_keys <= MAX_KEYS:
            raise RejectedInput("maxKeys", "Seats per lease is from 1 to {limit}.", limit=MAX_KEYS)
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
            raise RejectedInput("version", "Version {version} is uploaded already.", version=version)
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
    users: str  # user (or group) ids, separated by commas or spaces
    until: datetime
    groups: bool = False  # lease to the members of groups (createLeasesForGroups)

    def checked(self, now: datetime | None = None) -> tuple[list[str], datetime]:
        ids = _ids(self.users)
        if not ids:
            raise RejectedInput(
                "users",
                "Enter the group id to lease to." if self.groups else "Enter the user id to lease to.",
            )
        bad = [u for u in ids if not _ID.match(u)]
        if bad:
            raise RejectedInput(
                "users",
                "A group id is 24 hexadecimal characters: not {id!r}."
                if self.groups
                else "A user id is 24 hexadecimal characters: not {id!r}.",
                id=bad[0],
            )
        return ids, _future(self.until, RejectedInput("until", "The lease must end in the future."), now)


@dataclass(frozen=True)
class FundForm:
    name: str

    def checked(self, existing: Sequence[str] = ()) -> str:
        name = self.name.strip()
        if not name:
            raise RejectedInput("fundName", "Enter the fund's name.")
        if len(name) > 80:
            raise RejectedInput("fundName", "A fund's name is at most 80 characters.")
        if name in existing:
            raise RejectedInput("fundName", "There is a fund named \u201c{name}\u201d already.", name=name)
        return name


@dataclass(frozen=True)
class ItemsForm:
    """New items of one catalog entry in a fund (``POST /items/multi``)."""

    catalog_id: str  # "" when no entry is chosen
    fund_id: str  # "" when no fund is chosen
    qty: str
    until: datetime

    def checked(self, now: datetime | None = None) -> MultiItemDraft:
        if not self.fund_id:
            raise RejectedInput("itemsFund", "Choose the fund in the list first.")
        if not self.catalog_id:
            raise RejectedInput("itemsEntry", "Choose the catalog entry.")
        qty = _quantity(self.qty, "itemsQty")
        until = _future(self.until, RejectedInput("itemsUntil", "The items must expire in the future."), now)
        return MultiItemDraft(catalog=self.catalog_id, fund=self.fund_id, expiration_date=until, qty=qty)


@dataclass(frozen=True)
class MoveForm:
    """Items to another account, with an invoice: free items of one group of a fund (``group`` set), or
    new ones of ``catalog_id`` expiring ``until`` (``create``)."""

    account: str
    qty: str
    invoice: str  # the invoice's number, kept as the document option "invoice"
    note: str = ""
    create: bool = False
    fund_id: str = ""
    group: tuple[str, datetime | None, int] | None = None  # (catalog id, expiry, qty in the fund)
    catalog_id: str = ""
    until: datetime | None = None

    def checked(self, now: datetime | None = None) -> MoveToAccountRequest:
        account = self.account.strip()
        if not account:
            raise RejectedInput("moveAccount", "Enter the id of the account that receives the items.")
        if not _ID.match(account):
            raise RejectedInput(
                "moveAccount", "An account id is 24 hexadecimal characters: not {account!r}.", account=account
            )
        if not self.fund_id:
            raise RejectedInput("moveItems", "Choose the fund in the list first.")
        if self.create:
            if not self.catalog_id:
                raise RejectedInput("itemsEntry", "Choose the catalog entry of the new items.")
            qty = _quantity(self.qty, "moveQty")
            if self.until is None:
                raise RejectedInput("itemsUntil", "Choose when the new items expire.")
            line = ItemsLine(
                catalog=self.catalog_id,
                expiration_date=_future(
                    self.until, RejectedInput("itemsUntil", "The items must expire in the future."), now
                ),
                qty=qty,
            )
        else:
            if self.group is None:
                raise RejectedInput("moveItems", "Choose the items to move in the fund's list.")
            catalog_id, expires, available = self.group
            qty = _quantity(self.qty, "moveQty", max(available, 1))
            if qty > available:
                raise RejectedInput(
                    "moveQty", "The fund holds {available} of these items.", available=available
                )
            line = ItemsLine(catalog=catalog_id, expiration_date=expires, qty=qty)
        invoice = self.invoice.strip()
        if not invoice:
            raise RejectedInput("invoice", "Enter the invoice's number.")
        if len(invoice) > 64 or len(self.note.strip()) > 500:
            field = "invoice" if len(invoice) > 64 else "note"
            raise RejectedInput(field, "This is too long (invoice number: 64, note: 500 characters).")
        options = [DocumentOption(key="invoice", value=invoice)]
        if self.note.strip():
            options.append(DocumentOption(key="note", value=self.note.strip()))
        return MoveToAccountRequest(
            items=[line], account=account, document_options=options, from_fund=self.fund_id
        )


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

    async def lease(self, catalog_id: str, form: LeaseForm) -> list[Lease]:
        """Lease an entry to users, or to every member of groups, on items made for it first (one per
        user leased: an older free item may end before the lease)."""
        ids, until = form.checked()
        if self._default_fund is None:
            raise RejectedInput("users", "The publishing account has no default fund.")
        qty = len(await self.group_members(ids)) if form.groups else len(ids)
        if qty == 0:
            raise RejectedInput("users", "These groups have no members.")
        item_end = until + timedelta(days=1)
        await self.client.create_items(
            MultiItemDraft(catalog=catalog_id, fund=self._default_fund, expiration_date=item_end, qty=qty)
        )
        lines = [LeaseLine(catalog=catalog_id, expiration_date=item_end)]
        if form.groups:
            groups = LeasesForGroupsRequest(items=lines, groups=ids, expiration_date=until)
            return await self.client.create_leases_for_groups(groups)
        users = LeasesForUsersRequest(items=lines, users=ids, expiration_date=until)
        return await self.client.create_leases_for_users(users)

    async def groups(self) -> list[IdGroup]:
        """The groups of the publisher's accounts (ID ``GET /groups``)."""
        return await self.client.groups()

    async def group_members(self, group_ids: Sequence[str]) -> set[str]:
        """The distinct members of these groups; :class:`RejectedInput` naming a group that is not one of
        the account's."""
        known = {group.id: group for group in await self.groups()}
        members: set[str] = set()
        for group_id in group_ids:
            group = known.get(group_id)
            if group is None:
                raise RejectedInput("users", "{group} is not a group of your accounts.", group=group_id)
            members |= {m.id or "" if isinstance(m, IdUser) else m for m in group.members}
        return members

    async def lease_to_users(self, catalog_id: str, form: LeaseForm) -> list[Lease]:
        return await self.lease(catalog_id, form)

    # --- funds and items

    async def funds(self) -> list[Fund]:
        return await self.client.funds(ListQuery(order=("name",)))

    @property
    def default_fund(self) -> str | None:
        return self._default_fund

    async def create_fund(self, form: FundForm) -> Fund:
        form.checked()
        name = form.checked([fund.name for fund in await self.funds()])
        return await self.client.create_fund(name)

    async def fund_items(self, fund_id: str) -> list[GroupedItems]:
        """The fund's items grouped by entry, then creation and expiry (GET /funds/{id}/grouped, 206)."""
        return (await self.client.grouped_items(fund_id, "catalog")).rows

    async def create_items(self, form: ItemsForm) -> list[Item]:
        return await self.client.create_items(form.checked())

    async def move_to_account(self, form: MoveForm) -> None:
        request = form.checked()
        if form.create:
            await self.client.create_and_move_to_account(request)
        else:
            await self.client.move_to_account(request)

    # --- documents and transactions

    async def documents(self, order: str | None = None) -> list[Document]:
        """The account's documents (as owner or contragent), newest first unless ``order`` is one of
        :data:`DOCUMENT_ORDER` (``-field``: descending)."""
        query = ListQuery(extend=("owner", "contragent", "squad.catalog"))
        if order and order.lstrip("-") in DOCUMENT_ORDER:
            query = query.ordered(order)
        found = await self.client.documents(query)
        return found if order else sorted(found, key=lambda d: -d.number)

    async def transactions(self, order: str = "-date") -> list[Transaction]:
        query = ListQuery(extend=("sender", "receiver", "document", "oldFund", "newFund"))
        if order.lstrip("-") in TRANSACTION_ORDER:
            query = query.ordered(order)
        return await self.client.transactions(query)


def _lease_catalog(lease: Lease) -> str | None:
    return _id_of(lease.item.catalog) if isinstance(lease.item, Item) else None


def _id_of(value: object) -> str:
    return value.id if isinstance(value, CatalogEntry) else str(value)
