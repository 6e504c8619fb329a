"""Aggregion DS and ID: the wire models (``api-docs/aggregion-ds-api.apib`` + ``api-notes/aggregion-ds.md``).

Field names are snake_case in Python and exactly the wire's camelCase as aliases; build a body with
:func:`to_wire`. Every model keeps fields it does not know (``extra="allow"``), so a PATCH of what was read
never drops what the venue sent.

Doc quirks taken as they are:

- Ids are strings (24-hex ObjectIds), but the doc also shows numbers (``"creator": 123``, ``admins: [123]``):
  :data:`Id` reads both as ``str``.
- A reference is an id, or the referenced object after ``extend``: :data:`Ref` fields accept both
  (``Lease.item`` is ``"5f..."`` or an :class:`Item`).
- Localised text is ``{"default": ..., "ru_RU": ...}``: :class:`Localised` with :meth:`Localised.text`.
- Dates are ISO-8601 UTC with milliseconds (``2015-04-24T13:21:18.000Z``) and go back in that form.
- Bundles have ``available`` in the API examples and ``status``/``error`` in the model: both are optional.
- ``documentOptions`` of moveToAccount is ``{}`` in the short doc and ``[]`` (of ``{key, value}``) at HEAD:
  :class:`MoveToAccountRequest` sends the list form.
- moveToFund's target is ``fund`` in the short doc and ``toFund`` (+ ``fromFund``) at HEAD; both are sent.
- ``/oauth/serverToken`` has ``expiresIn`` as a string in the request and a number in the answer.

The list query syntax (``filter=field(value,sign)``, ``textsearch``, ``extend``, ``order``) is
:class:`ListQuery`; the ``Range`` paging of GET /catalog is :class:`ItemRange` / :class:`ContentRange`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, RootModel
from pydantic.alias_generators import to_camel

# --- value types --------------------------------------------------------------------------------------------


def _id_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def format_date(moment: datetime) -> str:
    """``2015-04-24T13:21:18.000Z``: UTC, milliseconds, ``Z`` (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _utc(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


Id = Annotated[str, BeforeValidator(_id_text)]
"""An ObjectId; the doc also shows numbers, read as their text."""

Date = Annotated[datetime, BeforeValidator(_utc), PlainSerializer(format_date, when_used="json")]
"""An ISO-8601 UTC date, sent back as ``2015-04-24T13:21:18.000Z``."""


class AggregionModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="allow", defer_build=True
    )


def to_wire(model: BaseModel) -> dict[str, Any]:
    """The JSON body of a request model: wire names, ``None`` left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


class Localised(RootModel[dict[str, str]]):
    """``{"default": "English", "ru_RU": "...", "en_US": "..."}``."""

    model_config = ConfigDict(defer_build=True)

    def text(self, lang: str = "default") -> str:
        """The text in ``lang`` (``ru_RU``, or just ``ru``), else ``default``, else any, else ``""``."""
        values = self.root
        if lang in values:
            return values[lang]
        prefix = lang.split("_")[0].lower()
        for key, value in values.items():
            if key.split("_")[0].lower() == prefix:
                return value
        return values.get("default") or next(iter(values.values()), "")


# --- ID service ---------------------------------------------------------------------------------------------


class LocalCredentials(AggregionModel):
    login: str
    password: str


class SessionAnswer(AggregionModel):
    session_id: str


class CodeRequest(AggregionModel):
    client_id: str
    credentials: dict[str, list[str]] = Field(default_factory=dict)


class CodeAnswer(AggregionModel):
    code: str


class GrantType(StrEnum):
    CODE = "code"
    REFRESH_TOKEN = "refreshToken"


class TokenRequest(AggregionModel):
    client_id: str
    client_secret: str
    grant_type: GrantType
    code: str | None = None
    refresh_token: str | None = None

    def body(self) -> dict[str, Any]:
        """The documented body keeps ``code``/``refreshToken`` as ``null`` when unused."""
        return self.model_dump(mode="json", by_alias=True)


class TokenSet(AggregionModel):
    token: str
    refresh_token: str | None = None
    expires_in: int | None = None


class ServerAuth(AggregionModel):
    login: str
    password: str
    credentials: dict[str, list[str]] = Field(default_factory=dict)
    expires_in: Annotated[str, BeforeValidator(_id_text)] | None = None


class ServerTokenRequest(AggregionModel):
    client_id: str
    client_secret: str
    auth: ServerAuth


class IdUserInfo(AggregionModel):
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    address: str | None = None


class IdUser(AggregionModel):
    """``GET /users/me``; as an ``extend``-ed ``user`` also ``id`` and ``nickname``."""

    id: Id | None = None
    nickname: str | None = None
    info: IdUserInfo = Field(default_factory=IdUserInfo)
    registration_date: Date | None = None


class OrganizationDetails(AggregionModel):
    address: str | None = None
    legal_address: str | None = None
    inn: str | None = None
    kpp: str | None = None
    bank_name: str | None = None
    bank_city: str | None = None
    bik: str | None = None
    corr_account: str | None = None
    account: str | None = None
    tel: str | None = None
    accountant: str | None = None
    director: str | None = None


class IdAccount(AggregionModel):
    """An account (``/users/me/accounts``; the ``owner`` of DS objects after ``extend``).

    DS adds ``defaultFund``. ``owner`` and ``admins`` are user ids (numbers in the doc's example).
    """

    id: Id
    owner: Id | None = None
    name: str | None = None
    is_organization: bool | None = None
    admins: list[Id] = Field(default_factory=list)
    options: Any = None
    organization_details: OrganizationDetails | None = None
    default_fund: Id | None = None


class AccountDraft(AggregionModel):
    name: str
    is_organization: bool = False
    admins: list[Id] | None = None
    organization_details: OrganizationDetails | None = None


class AccountPatch(AggregionModel):
    name: str | None = None
    admins: list[Id] | None = None
    is_organization: bool | None = None
    organization_details: OrganizationDetails | None = None


class IdGroup(AggregionModel):
    """A group of users (``/groups``; ``createLeasesForGroups`` takes their ids)."""

    id: Id | None = None
    owner: Id | IdAccount
    name: str
    parent: Id | None = None
    members: list[Id | IdUser] = Field(default_factory=list)
    children: list[IdGroup] | None = None  # GET /groups/tree


class IdSession(AggregionModel):
    """The ID service's stored session (the model; ``/auth/*`` answer only ``{sessionId}``)."""

    session_id: str
    user: Id | None = None
    expiration_date: Date | None = None


class IdTokenRecord(AggregionModel):
    """The ID service's stored token (the model; ``/oauth/token`` answers a :class:`TokenSet`)."""

    user: Id
    application: Id | None = None
    service: Id | None = None
    scope: list[str] = Field(default_factory=list)
    creation_date: Date | None = None
    expiration_date: Date | None = None
    refresh_token: str | None = None
    refresh_token_expiration_date: Date | None = None


class OAuthApplication(AggregionModel):
    """``/oauth/applications``: ``clientId`` is a number in the doc's example, a string in the model."""

    client_id: Id
    name: str | None = None


class ScopeValue(AggregionModel):
    title: Localised | None = None
    value: str


class ServiceScopes(AggregionModel):
    """``/oauth/scopes``: a service and the scopes it grants."""

    service_name: str
    scopes: list[ScopeValue] = Field(default_factory=list)


class RegistrationRequest(AggregionModel):
    id: Id | None = None
    question_type: Literal["none", "captcha"] | str
    question: str | None = None
    expiration_date: Date | None = None


# --- DS: catalog and bundles --------------------------------------------------------------------------------


class PublishingStatus(StrEnum):
    NONE = "none"
    IN_REVIEW = "inReview"
    PUBLISHED = "published"
    REJECTED = "rejected"


class CatalogFields(AggregionModel):
    """What an owner writes: the body of POST /catalog (every field is required there)."""

    title: Localised
    description: Localised
    cover: str = ""
    tags: list[str] = Field(default_factory=list)
    platform_support: list[str] = Field(default_factory=list)
    preview_images: list[str] = Field(default_factory=list)
    preview_videos: list[str] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict)
    max_keys: int | None = None


class CatalogEntry(CatalogFields):
    """A catalog position (an add-on, a product) as read."""

    id: Id
    owner: Id | IdAccount
    is_public: bool | None = None
    publishing_status: str | None = None
    reject_reason: str | None = None

    def title_in(self, lang: str) -> str:
        return self.title.text(lang)


class CatalogPatch(AggregionModel):
    """PATCH /catalog/{id}: any subset. ``isPublic`` and ``publishingStatus`` (``none``/``published``) are
    the owner's to change while there is no moderation; ``rejectReason`` is not."""

    title: Localised | None = None
    description: Localised | None = None
    cover: str | None = None
    tags: list[str] | None = None
    platform_support: list[str] | None = None
    preview_images: list[str] | None = None
    preview_videos: list[str] | None = None
    options: dict[str, Any] | None = None
    max_keys: int | None = None
    is_public: bool | None = None
    publishing_status: Literal["none", "published"] | None = None


class BundleDraft(AggregionModel):
    owner: Id
    version: str
    catalog: Id
    source_resource_id: str


class Bundle(AggregionModel):
    id: Id
    owner: Id | IdAccount
    version: str
    resource_id: str
    catalog: Id | CatalogEntry
    available: bool | None = None
    status: str | None = None
    error: Any = None


# --- DS: funds and items ------------------------------------------------------------------------------------


class FundDraft(AggregionModel):
    owner: Id
    name: str


class FundPatch(AggregionModel):
    name: str


class Fund(AggregionModel):
    id: Id
    owner: Id | IdAccount
    name: str
    items: list[Item] | None = None  # extend=items


class GroupedQty(AggregionModel):
    creation_date: Date
    expiration_date: Date | None = None
    qty: int


class GroupedItems(AggregionModel):
    """One row of ``GET /funds/{id}/grouped`` (answered 206)."""

    catalog: Id | CatalogEntry
    items: list[GroupedQty]


class ItemDraft(AggregionModel):
    catalog: Id
    fund: Id
    expiration_date: Date | None = None


class MultiItemDraft(ItemDraft):
    qty: int


class Item(AggregionModel):
    id: Id | None = None
    creator: Id | None = None
    owner: Id | IdAccount | None = None
    catalog: Id | CatalogEntry
    fund: Id | Fund
    creation_date: Date
    expiration_date: Date | None = None
    lease: Lease | None = None  # extend=lease: the item's active lease


class ItemsLine(AggregionModel):
    """``{catalog, expirationDate, qty}``: how many items of a catalog position with that expiry."""

    catalog: Id
    expiration_date: Date | None = None
    qty: int = 1


class DocumentOption(AggregionModel):
    key: str
    value: str


def _options_list(value: object) -> object:
    """The short doc's ``documentOptions: {}`` (an object) read as the ``[{key, value}]`` list."""
    if isinstance(value, dict):
        return [{"key": str(k), "value": str(v)} for k, v in value.items()]
    return value


class MoveToAccountRequest(AggregionModel):
    items: list[ItemsLine]
    account: Id
    document_options: Annotated[list[DocumentOption], BeforeValidator(_options_list)] = Field(
        default_factory=list
    )
    from_fund: Id | None = None


class MoveToFundRequest(AggregionModel):
    """``toFund`` at HEAD, ``fund`` in the short doc: :meth:`to` fills both."""

    items: list[ItemsLine]
    fund: Id | None = None
    from_fund: Id | None = None
    to_fund: Id | None = None

    @classmethod
    def to(cls, fund: str, items: list[ItemsLine], from_fund: str | None = None) -> MoveToFundRequest:
        return cls(items=items, fund=fund, to_fund=fund, from_fund=from_fund)


class LeaseLine(AggregionModel):
    catalog: Id
    expiration_date: Date | None = None


class LeasesForUsersRequest(AggregionModel):
    items: list[LeaseLine]
    users: list[Id]
    expiration_date: Date


class LeasesForGroupsRequest(AggregionModel):
    items: list[LeaseLine]
    groups: list[Id]
    expiration_date: Date


# --- DS: documents and transactions -------------------------------------------------------------------------


class DocumentType(StrEnum):
    ORDER = "order"
    INVOICE = "invoice"
    DISPLACEMENT = "displacement"


class DocumentStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"


class SquadLine(AggregionModel):
    catalog: Id | CatalogEntry
    qty: int
    license_period: int | None = None


class DocumentDraft(AggregionModel):
    contragent: Id
    type: str
    squad: list[SquadLine] = Field(default_factory=list)
    options: list[DocumentOption] | None = None
    ref_doc: Id | None = None


class DocumentPatch(AggregionModel):
    contragent: Id | None = None
    options: list[DocumentOption] | None = None
    squad: list[SquadLine] | None = None
    ref_doc: Id | None = None
    status: str | None = None


class Document(AggregionModel):
    id: Id
    owner: Id | IdAccount
    contragent: Id | IdAccount
    number: int
    type: str
    options: list[DocumentOption] = Field(default_factory=list)
    squad: list[SquadLine] = Field(default_factory=list)
    ref_doc: Id | None = None
    status: str


class TransactionDraft(AggregionModel):
    receiver: Id
    document: Id
    new_fund: Id
    items: list[Id]
    old_fund: Id | None = None


class Transaction(AggregionModel):
    id: Id
    sender: Id | IdAccount | None = None
    receiver: Id | IdAccount | None = None
    document: Id | Document
    date: Date
    old_fund: Id | Fund | None = None
    new_fund: Id | Fund
    items: list[Id | Item]


# --- DS: leases and keys ------------------------------------------------------------------------------------


class LeaseDraft(AggregionModel):
    """POST /leases (body not documented): ``maxKeys`` must be the catalog position's current one."""

    item: Id
    user: Id
    begin_date: Date
    expiration_date: Date
    max_keys: int


class LeasePatch(AggregionModel):
    is_active: Literal[False] = False


class DeviceKey(AggregionModel):
    """A Key: a device of a user, by its auto-generated ``number``."""

    id: Id
    number: Id
    device_name: str | None = None
    device_id: str | None = None
    public_key: str | None = None
    user: Id | IdUser
    body: str | None = None


class KeyDraft(AggregionModel):
    device_id: str
    device_name: str


class KeyPatch(AggregionModel):
    device_name: str


class KeyNumber(AggregionModel):
    key_number: Id


class Lease(AggregionModel):
    id: Id
    owner: Id | IdAccount
    sn: int
    item: Id | Item
    user: Id | IdUser
    keys: list[Id | DeviceKey] = Field(default_factory=list)
    max_keys: int
    creation_date: Date
    begin_date: Date
    expiration_date: Date
    is_active: bool = True

    def key_ids(self) -> list[str]:
        return [key if isinstance(key, str) else key.id for key in self.keys]


class SignatureRequest(AggregionModel):
    key_number: Id
    license: str  # base64 of the licence file


class ResourceRef(AggregionModel):
    resource_id: Id


class LicenceKeyInfo(AggregionModel):
    """The simulator's licence signing key (GET /public/licenseKey, not in the doc)."""

    algorithm: str
    public_key: str  # base64 of the raw 32-byte Ed25519 public key
    key_id: str




# --- list queries -------------------------------------------------------------------------------------------


class Sign(StrEnum):
    EQUALS = "equals"
    NOTEQUALS = "notequals"
    GREATER = "greater"
    LESS = "less"
    REGEX = "regex"
    IN = "in"


FilterValue = str | bool | int | Decimal | datetime | list[str]


def _filter_literal(value: FilterValue) -> str:
    """A filter value as the doc writes it: JSON strings, ``true``/``false``, arrays; numbers as strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return json.dumps(format_date(value))
    if isinstance(value, int | Decimal):
        return json.dumps(str(value))
    if isinstance(value, list):
        return json.dumps([str(v) for v in value], ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


_FIELD = re.compile(r"^[A-Za-z_][\w.{}]*$")


@dataclass(frozen=True, slots=True)
class Filter:
    """``field(value,sign)``; ``Filter("tags", "layouts")``, ``Filter("qty", 3, Sign.GREATER)``."""

    field: str
    value: FilterValue
    sign: Sign = Sign.EQUALS

    def __post_init__(self) -> None:
        if not _FIELD.match(self.field):
            raise ValueError(f"not a field name: {self.field!r}")
        if self.sign is Sign.IN and not isinstance(self.value, list):
            raise ValueError("the 'in' sign takes a list of values")

    def text(self) -> str:
        return f"{self.field}({_filter_literal(self.value)},{self.sign.value})"


@dataclass(frozen=True, slots=True)
class ListQuery:
    """The query string of a list GET. Several filters are ANDed; each is its own ``filter`` parameter, as
    is each ``extend`` and ``order`` field (``-field`` sorts descending)."""

    filters: tuple[Filter, ...] = ()
    textsearch: str | None = None
    extend: tuple[str, ...] = ()
    order: tuple[str, ...] = ()

    def where(self, field_name: str, value: FilterValue, sign: Sign = Sign.EQUALS) -> ListQuery:
        return ListQuery(
            (*self.filters, Filter(field_name, value, sign)), self.textsearch, self.extend, self.order
        )

    def extended(self, *fields: str) -> ListQuery:
        return ListQuery(self.filters, self.textsearch, (*self.extend, *fields), self.order)

    def ordered(self, *fields: str) -> ListQuery:
        return ListQuery(self.filters, self.textsearch, self.extend, (*self.order, *fields))

    def searching(self, text: str) -> ListQuery:
        return ListQuery(self.filters, text, self.extend, self.order)

    def params(self) -> dict[str, list[str] | str]:
        params: dict[str, list[str] | str] = {}
        if self.filters:
            params["filter"] = [f.text() for f in self.filters]
        if self.textsearch:
            params["textsearch"] = self.textsearch
        if self.extend:
            params["extend"] = list(self.extend)
        if self.order:
            params["order"] = list(self.order)
        return params


def extend_only(fields: Iterable[str]) -> ListQuery:
    return ListQuery(extend=tuple(fields))


@dataclass(frozen=True, slots=True)
class ItemRange:
    """``Range: items=<first>-<last>`` (inclusive, from 0)."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first < 0 or self.last < self.first:
            raise ValueError(f"not a range: {self.first}-{self.last}")

    @classmethod
    def page(cls, index: int, size: int) -> ItemRange:
        return cls(index * size, index * size + size - 1)

    def header(self) -> str:
        return f"items={self.first}-{self.last}"


_CONTENT_RANGE = re.compile(r"^\s*items\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$")


@dataclass(frozen=True, slots=True)
class ContentRange:
    """``Content-Range: items 0-9/42`` (``items */0`` when nothing is in range)."""

    first: int | None
    last: int | None
    total: int | None

    @classmethod
    def parse(cls, text: str) -> ContentRange:
        match = _CONTENT_RANGE.match(text)
        if match is None:
            raise ValueError(f"not an items Content-Range: {text!r}")
        first, last, total = match.groups()
        return cls(
            int(first) if first else None,
            int(last) if last else None,
            None if total == "*" else int(total),
        )


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """A ranged answer: the rows and, when the venue said, where they sit in the whole list."""

    rows: list[T]
    range: ContentRange | None = None
    partial: bool = False  # HTTP 206

    @property
    def total(self) -> int | None:
        return self.range.total if self.range else None


class StoredFile(AggregionModel):
    """The answer of a storage upload (the storage API is not in the doc; the simulator's shape)."""

    id: Id
    name: str | None = None
    size: int | None = None
