"""Aggregion DS (licences, add-on catalog) and the ID service it needs: one async method per endpoint.

Three base URLs: DS ``https://ds.aggregion.com/api``, ID ``https://id.aggregion.com/api`` and storage
``https://storage.aggregion.com/api`` (the files behind every ``resourceId``; its API is not in the doc, the
simulator's shape is used). :meth:`AggregionUrls.under` gives the simulator's three (``<root>/api``,
``<root>/id/api``, ``<root>/storage/api``).

Auth: :meth:`AggregionClient.login` runs ``/auth/local`` -> ``/oauth/code`` (``X-Session-Id``) ->
``/oauth/token`` (``grantType: "code"``) and keeps ``token``/``refreshToken``; every later call carries
``Authorization: Bearer <token>`` (the doc leaves the header open; this is the simulator's choice too). A 401
with a refresh token at hand refreshes once (``grantType: "refreshToken"``) and resends; so does a token
known to be expired; concurrent calls that meet the same expired token share one refresh. Every DS call
sends ``X-Account`` (:meth:`use_account`); without one, every call except ``/public/*`` raises
:class:`RejectedInput` before sending.

DS endpoints (``Q`` = takes a :class:`ListQuery`; ``R`` = takes an :class:`ItemRange`, answers a
:class:`Page`)::

    GET/POST /catalog (Q R)            catalog, create_catalog_entry
    GET/PATCH/DELETE /catalog/{id}     catalog_entry, update_catalog_entry (201), delete_catalog_entry (204)
    POST /catalog/{id}/publish|unpublish                     publish, unpublish
    GET/POST /bundles (Q), GET/DELETE /bundles/{id}           bundles, create_bundle, bundle, delete_bundle
    GET/POST /funds (Q), GET/PATCH/DELETE /funds/{id}         funds, create_fund (200), fund, rename_fund,
                                                              delete_fund
    GET /funds/{id}/grouped (206)                             grouped_items
    GET/POST /items (Q), POST /items/multi                    items, create_item, create_items
    POST /items/moveToAccount|moveToFund|createAndMoveToAccount  move_to_account, move_to_fund,
                                                              create_and_move_to_account
    POST /items/createLeasesForUsers|createLeasesForGroups    create_leases_for_users, ..._for_groups
    GET/POST /documents (Q), GET/PATCH/DELETE /documents/{id} documents, create_document, document,
                                                              update_document, delete_document
    GET/POST /transactions (Q)                                transactions, create_transaction
    GET/POST /leases (Q), GET/PATCH /leases/{id}              leases, create_lease, lease, deactivate_lease
    GET /public/catalog (Q R), /public/catalog/{id}           public_catalog, public_catalog_entry
    GET /public/catalog/{id}/bundles[/{bundleId}]             public_bundles, public_bundle
    POST /public/catalog/{id}/bundles/{bundleId}/signature    sign_bundle
    GET /public/licenseKey (simulator only)                   licence_key
    GET /client/leases (Q), /client/leases/{id}               client_leases, client_lease
    POST /client/leases/{id}/bind|unbind|license              bind_key, unbind_key, issue_licence
    GET/POST /client/keys, GET/PATCH /client/keys/{id}        keys, create_key, key, rename_key

ID: ``/auth/local`` (auth_local), ``/oauth/code`` (oauth_code), ``/oauth/token`` (exchange_code, refresh),
``/oauth/serverToken`` (server_token), ``/users/me`` (me), ``/users/me/accounts[/{id}]`` (accounts,
create_account, account, update_account), ``/groups[/{id}]`` (groups, group). Storage: upload, download;
:meth:`fetch_licence` issues a licence and downloads it.

Errors: 401 raises :class:`AuthError`; other refusals :class:`VenueError` (code and message from a
``{"code", "message"}`` body when there is one, the HTTP status otherwise); 502/504 on a write and unreadable
answers raise :class:`TransportError` (``outcome_unknown`` for writes). Any 2xx is a success (the doc's 201,
204 and 206 included).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from services.aggregion.schemas import (
    AccountDraft,
    AccountPatch,
    Bundle,
    BundleDraft,
    CatalogEntry,
    CatalogFields,
    CatalogPatch,
    CodeAnswer,
    CodeRequest,
    ContentRange,
    DeviceKey,
    Document,
    DocumentDraft,
    DocumentPatch,
    Fund,
    FundDraft,
    FundPatch,
    GrantType,
    GroupedItems,
    IdAccount,
    IdGroup,
    IdUser,
    Item,
    ItemDraft,
    ItemRange,
    KeyDraft,
    KeyNumber,
    KeyPatch,
    Lease,
    LeaseDraft,
    LeasePatch,
    LeasesForGroupsRequest,
    LeasesForUsersRequest,
    LicenceKeyInfo,
    ListQuery,
    LocalCredentials,
    MoveToAccountRequest,
    MoveToFundRequest,
    MultiItemDraft,
    Page,
    ResourceRef,
    ServerAuth,
    ServerTokenRequest,
    SessionAnswer,
    SignatureRequest,
    StoredFile,
    TokenRequest,
    TokenSet,
    Transaction,
    TransactionDraft,
    to_wire,
)
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.http import HeaderAuth, Timeouts, VenueHttp, parse_json

VENUE = "aggregion"
DEFAULT_CLIENT_ID = "tessera"
DEFAULT_SCOPES: dict[str, list[str]] = {
    "id": ["main", "accounts"],
    "distribution": ["main"],
    "storage": ["main"],
}
EXPIRY_MARGIN = 30.0  # seconds: a token this close to its end is refreshed before use
_UNKNOWN_OUTCOME_STATUSES = frozenset({502, 504})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AggregionUrls:
    ds: str = "https://ds.aggregion.com/api"
    id: str = "https://id.aggregion.com/api"
    storage: str = "https://storage.aggregion.com/api"

    @classmethod
    def under(cls, root: str) -> AggregionUrls:
        """The simulator's layout: ``<root>/api``, ``<root>/id/api``, ``<root>/storage/api``."""
        root = root.rstrip("/")
        return cls(f"{root}/api", f"{root}/id/api", f"{root}/storage/api")


@functools.cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def _seg(value: str) -> str:
    return quote(str(value), safe="")


def _params(query: ListQuery | None) -> dict[str, Any] | None:
    return query.params() if query is not None else None


def _extend(fields: tuple[str, ...]) -> dict[str, Any] | None:
    return {"extend": list(fields)} if fields else None


class AggregionClient:
    """DS + ID + storage over three :class:`VenueHttp` sharing one bearer :class:`HeaderAuth`."""

    def __init__(
        self,
        ds: VenueHttp,
        id_service: VenueHttp,
        storage: VenueHttp,
        *,
        auth: HeaderAuth,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str | Callable[[], str] = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``client_secret``: the OAuth client's secret, or how to get it when first needed (the app reads it
        from the keyring, whose first use is slow, only then)."""
        self._ds, self._id, self._storage = ds, id_service, storage
        self._auth = auth
        self.client_id = client_id
        self._client_secret = client_secret
        self._clock = clock
        self._refresh_token: str | None = None
        self._expires_at: float | None = None
        self._account: str | None = None
        self._refresh_lock = asyncio.Lock()

    @classmethod
    def create(
        cls,
        urls: AggregionUrls | None = None,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str | Callable[[], str] = "",
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> AggregionClient:
        urls = urls or AggregionUrls()
        auth = HeaderAuth("Authorization", "Bearer")

        def http(base: str) -> VenueHttp:
            return VenueHttp(
                VENUE, base, auth=auth, transport=transport, timeouts=timeouts, on_latency=on_latency
            )

        return cls(
            http(urls.ds),
            http(urls.id),
            http(urls.storage),
            auth=auth,
            client_id=client_id,
            client_secret=client_secret,
        )

    @functools.cached_property
    def client_secret(self) -> str:
        secret = self._client_secret
        return secret if isinstance(secret, str) else secret()

    # --- session state --------------------------------------------------------------------------------------

    @property
    def authenticated(self) -> bool:
        return bool(self._auth.token)

    @property
    def account(self) -> str | None:
        return self._account

    def use_account(self, account_id: str | None) -> None:
        """The ``X-Account`` of every DS call from now on."""
        self._account = account_id

    def set_tokens(self, tokens: TokenSet | None) -> None:
        """Use ``tokens`` (e.g. restored from the keyring); ``None`` forgets the session."""
        self._auth.token = tokens.token if tokens else None
        self._refresh_token = tokens.refresh_token if tokens else None
        self._expires_at = (
            self._clock() + tokens.expires_in
            if tokens is not None and tokens.expires_in is not None
            else None
        )

    @property
    def refresh_token(self) -> str | None:
        return self._refresh_token

    async def aclose(self) -> None:
        for http in (self._ds, self._id, self._storage):
            await http.aclose()

    # --- transport ------------------------------------------------------------------------------------------

    async def _send(
        self,
        http: VenueHttp,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
        account: bool | None = False,
        may_refresh: bool = True,
    ) -> httpx.Response:
        """``account``: True requires ``X-Account``, None sends it when one is chosen, False never."""
        sent_headers = dict(headers or {})
        if account and not self._account:
            raise RejectedInput("account", "choose an account first (DS needs the X-Account header)")
        if account is not False and self._account:
            sent_headers["X-Account"] = self._account
        if may_refresh and self._expired():
            await self._refresh_once(self._auth.token)
        for attempt in (1, 2):
            token_sent = self._auth.token
            if content is not None:
                response = await self._send_bytes(http, method, path, content, params, sent_headers)
            else:
                response = await http.request(method, path, json=body, params=params, headers=sent_headers)
            if response.status_code == 401 and attempt == 1 and may_refresh and self._refresh_token:
                await self._refresh_once(token_sent)
                continue
            return response
        raise AssertionError("unreachable")

    def _expired(self) -> bool:
        return (
            bool(self._refresh_token)
            and self._expires_at is not None
            and self._clock() >= self._expires_at - EXPIRY_MARGIN
        )

    async def _refresh_once(self, token_sent: str | None) -> None:
        """Refresh unless another call already did since ``token_sent`` went out: concurrent calls that all
        meet an expired token refresh once (a used refresh token is refused the second time)."""
        async with self._refresh_lock:
            if self._auth.token == token_sent and self._refresh_token:
                await self.refresh()

    @staticmethod
    async def _send_bytes(
        http: VenueHttp,
        method: str,
        path: str,
        content: bytes,
        params: Mapping[str, Any] | None,
        headers: dict[str, str],
    ) -> httpx.Response:
        """A raw upload: VenueHttp sends JSON or forms only, so this goes through its httpx client once."""
        request = http.client.build_request(method, path, content=content, params=params, headers=headers)
        try:
            return await http.client.send(request)
        except httpx.TransportError as exc:
            raise TransportError(
                VENUE, "upload failed ({kind})", outcome_unknown=True, kind=type(exc).__name__
            ) from exc

    async def _call(
        self,
        http: VenueHttp,
        method: str,
        path: str,
        shape: Any,
        *,
        body: BaseModel | dict[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        account: bool | None = True,
        may_refresh: bool = True,
    ) -> Any:
        """One call; the JSON answer validated as ``shape`` (``None``: the answer is only checked)."""
        wire = to_wire(body) if isinstance(body, BaseModel) else body
        response = await self._send(
            http,
            method,
            path,
            body=wire,
            params=params,
            headers=headers,
            account=account,
            may_refresh=may_refresh,
        )
        return self._read(response, path, shape, idempotent=method == "GET")

    def _read(self, response: httpx.Response, path: str, shape: Any, *, idempotent: bool) -> Any:
        status = response.status_code
        if status >= 300:
            raise self._refusal(response, idempotent)
        if shape is None or status == 204 or not response.content.strip():
            if shape is not None and status != 204 and not _accepts_none(shape):
                raise TransportError(
                    VENUE, "empty answer from {path}", outcome_unknown=not idempotent, path=path
                )
            return None
        payload = self._json(response, idempotent)
        return self._validate(shape, payload, path, idempotent)

    @staticmethod
    def _json(response: httpx.Response, idempotent: bool) -> Any:
        try:
            return parse_json(VENUE, response)
        except TransportError as exc:
            raise TransportError.passing_on(exc, outcome_unknown=not idempotent) from exc

    @staticmethod
    def _validate(shape: Any, payload: Any, path: str, idempotent: bool) -> Any:
        try:
            return _adapter(shape).validate_python(payload)
        except (ValidationError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            where = ""
            if isinstance(exc, ValidationError) and exc.errors():
                problem = exc.errors()[0]
                where = ".".join(str(p) for p in problem["loc"]) + ": " + problem["msg"]
            raise TransportError(
                VENUE,
                "unexpected answer from {path}: {problem}",
                outcome_unknown=not idempotent,
                path=path,
                problem=where or type(exc).__name__,
            ) from exc

    @staticmethod
    def _refusal(response: httpx.Response, idempotent: bool) -> Exception:
        status = response.status_code
        if not idempotent and status in _UNKNOWN_OUTCOME_STATUSES:
            return TransportError(
                VENUE,
                "gateway failure (HTTP {status}); the request may have been carried out",
                outcome_unknown=True,
                status=status,
            )
        code: str | int = status
        template = {
            401: "not signed in, or the session has expired (HTTP {status})",
            403: "not allowed (HTTP {status})",
            404: "not found (HTTP {status})",
        }.get(
            status, "server failure (HTTP {status})" if status >= 500 else "request refused (HTTP {status})"
        )
        fields: dict[str, object] = {"status": status}
        details: Any = None
        try:
            details = response.json()
        except ValueError:
            details = None
        if isinstance(details, dict):
            if isinstance(details.get("message"), str) and details["message"].strip():
                template, fields["message"] = "{message} (HTTP {status})", details["message"].strip()
            if isinstance(details.get("code"), str | int) and not isinstance(details.get("code"), bool):
                code = details["code"]
        error = AuthError if status == 401 else VenueError
        return error(VENUE, code, template, http_status=status, details=details, fields=fields)

    async def _page(
        self, path: str, shape: Any, query: ListQuery | None, rows: ItemRange | None, *, account: bool | None
    ) -> Page[Any]:
        headers = {"Range": rows.header()} if rows is not None else None
        response = await self._send(
            self._ds, "GET", path, params=_params(query), headers=headers, account=account
        )
        return self._paged(response, path, shape)

    def _paged(self, response: httpx.Response, path: str, shape: Any) -> Page[Any]:
        found = self._read(response, path, list[shape], idempotent=True) or []
        header = response.headers.get("content-range")
        content_range = None
        if header:
            try:
                content_range = ContentRange.parse(header)
            except ValueError as exc:
                raise TransportError(
                    VENUE, "unreadable Content-Range from {path}: {header!r}", path=path, header=header
                ) from exc
        return Page(found, content_range, response.status_code == 206)

    # --- ID service -----------------------------------------------------------------------------------------

    async def login(
        self, login: str, password: str, credentials: Mapping[str, list[str]] | None = None
    ) -> TokenSet:
        """Password login through the OAuth code flow; the tokens are kept for every later call."""
        session = await self.auth_local(login, password)
        code = await self.oauth_code(session.session_id, credentials)
        return await self.exchange_code(code.code)

    async def auth_local(self, login: str, password: str) -> SessionAnswer:
        return await self._call(
            self._id,
            "POST",
            "/auth/local",
            SessionAnswer,
            body=LocalCredentials(login=login, password=password),
            account=False,
            may_refresh=False,
        )

    async def oauth_code(
        self, session_id: str, credentials: Mapping[str, list[str]] | None = None
    ) -> CodeAnswer:
        body = CodeRequest(client_id=self.client_id, credentials=dict(credentials or DEFAULT_SCOPES))
        return await self._call(
            self._id,
            "POST",
            "/oauth/code",
            CodeAnswer,
            body=body,
            headers={"X-Session-Id": session_id},
            account=False,
            may_refresh=False,
        )

    async def exchange_code(self, code: str) -> TokenSet:
        return await self._token(
            TokenRequest(
                client_id=self.client_id,
                client_secret=self.client_secret,
                grant_type=GrantType.CODE,
                code=code,
            )
        )

    async def refresh(self) -> TokenSet:
        """A new token from the refresh token (which the ID service may rotate)."""
        if not self._refresh_token:
            raise AuthError(VENUE, None, "no refresh token: sign in again")
        return await self._token(
            TokenRequest(
                client_id=self.client_id,
                client_secret=self.client_secret,
                grant_type=GrantType.REFRESH_TOKEN,
                refresh_token=self._refresh_token,
            )
        )

    async def _token(self, request: TokenRequest) -> TokenSet:
        try:
            tokens: TokenSet = await self._call(
                self._id,
                "POST",
                "/oauth/token",
                TokenSet,
                body=request.body(),
                account=False,
                may_refresh=False,
            )
        except AuthError:
            if request.grant_type is GrantType.REFRESH_TOKEN:
                self.set_tokens(None)
            raise
        if tokens.refresh_token is None and request.grant_type is GrantType.REFRESH_TOKEN:
            tokens = tokens.model_copy(update={"refresh_token": self._refresh_token})
        self.set_tokens(tokens)
        return tokens

    async def server_token(
        self,
        login: str,
        password: str,
        *,
        expires_in: int | None = None,
        credentials: Mapping[str, list[str]] | None = None,
    ) -> TokenSet:
        """A back-end token (no refresh token); kept for later calls."""
        auth = ServerAuth(
            login=login,
            password=password,
            credentials=dict(credentials or DEFAULT_SCOPES),
            expires_in=str(expires_in) if expires_in is not None else None,
        )
        body = ServerTokenRequest(client_id=self.client_id, client_secret=self.client_secret, auth=auth)
        tokens: TokenSet = await self._call(
            self._id, "POST", "/oauth/serverToken", TokenSet, body=body, account=False, may_refresh=False
        )
        self.set_tokens(tokens)
        return tokens

    async def me(self) -> IdUser:
        return await self._call(self._id, "GET", "/users/me", IdUser, account=False)

    async def accounts(self) -> list[IdAccount]:
        return await self._call(self._id, "GET", "/users/me/accounts", list[IdAccount], account=False)

    async def create_account(self, draft: AccountDraft) -> IdAccount:
        return await self._call(self._id, "POST", "/users/me/accounts", IdAccount, body=draft, account=False)

    async def account_info(self, account_id: str) -> IdAccount:
        return await self._call(
            self._id, "GET", f"/users/me/accounts/{_seg(account_id)}", IdAccount, account=False
        )

    async def update_account(self, account_id: str, patch: AccountPatch) -> IdAccount:
        return await self._call(
            self._id, "PATCH", f"/users/me/accounts/{_seg(account_id)}", IdAccount, body=patch, account=False
        )

    async def groups(self, query: ListQuery | None = None) -> list[IdGroup]:
        """GET /groups (ID): the groups of the user's accounts."""
        return await self._call(
            self._id, "GET", "/groups", list[IdGroup], params=_params(query), account=False
        )

    async def group(self, group_id: str, *extend: str) -> IdGroup:
        return await self._call(
            self._id, "GET", f"/groups/{_seg(group_id)}", IdGroup, params=_extend(extend), account=False
        )

    # --- catalog --------------------------------------------------------------------------------------------

    async def catalog(
        self, query: ListQuery | None = None, rows: ItemRange | None = None
    ) -> Page[CatalogEntry]:
        return await self._page("/catalog", CatalogEntry, query, rows, account=True)

    async def create_catalog_entry(self, fields: CatalogFields) -> CatalogEntry:
        return await self._call(self._ds, "POST", "/catalog", CatalogEntry, body=fields)

    async def catalog_entry(self, catalog_id: str, *extend: str) -> CatalogEntry:
        return await self._call(
            self._ds, "GET", f"/catalog/{_seg(catalog_id)}", CatalogEntry, params=_extend(extend)
        )

    async def update_catalog_entry(self, catalog_id: str, patch: CatalogPatch) -> CatalogEntry:
        return await self._call(self._ds, "PATCH", f"/catalog/{_seg(catalog_id)}", CatalogEntry, body=patch)

    async def delete_catalog_entry(self, catalog_id: str) -> None:
        await self._call(self._ds, "DELETE", f"/catalog/{_seg(catalog_id)}", None)

    async def publish(self, catalog_id: str) -> CatalogEntry:
        return await self._call(self._ds, "POST", f"/catalog/{_seg(catalog_id)}/publish", CatalogEntry)

    async def unpublish(self, catalog_id: str) -> CatalogEntry:
        return await self._call(self._ds, "POST", f"/catalog/{_seg(catalog_id)}/unpublish", CatalogEntry)

    # --- bundles --------------------------------------------------------------------------------------------

    async def bundles(self, query: ListQuery | None = None) -> list[Bundle]:
        return await self._call(self._ds, "GET", "/bundles", list[Bundle], params=_params(query))

    async def create_bundle(self, draft: BundleDraft) -> Bundle:
        return await self._call(self._ds, "POST", "/bundles", Bundle, body=draft)

    async def bundle(self, bundle_id: str, *extend: str) -> Bundle:
        return await self._call(
            self._ds, "GET", f"/bundles/{_seg(bundle_id)}", Bundle, params=_extend(extend)
        )

    async def delete_bundle(self, bundle_id: str) -> None:
        await self._call(self._ds, "DELETE", f"/bundles/{_seg(bundle_id)}", None)

    # --- funds ----------------------------------------------------------------------------------------------

    async def funds(self, query: ListQuery | None = None) -> list[Fund]:
        return await self._call(self._ds, "GET", "/funds", list[Fund], params=_params(query))

    async def create_fund(self, name: str, owner: str | None = None) -> Fund:
        owner = owner or self._account or ""
        return await self._call(self._ds, "POST", "/funds", Fund, body=FundDraft(owner=owner, name=name))

    async def fund(self, fund_id: str, *extend: str) -> Fund:
        return await self._call(self._ds, "GET", f"/funds/{_seg(fund_id)}", Fund, params=_extend(extend))

    async def rename_fund(self, fund_id: str, name: str) -> Fund:
        return await self._call(self._ds, "PATCH", f"/funds/{_seg(fund_id)}", Fund, body=FundPatch(name=name))

    async def delete_fund(self, fund_id: str) -> None:
        await self._call(self._ds, "DELETE", f"/funds/{_seg(fund_id)}", None)

    async def grouped_items(self, fund_id: str, *extend: str) -> Page[GroupedItems]:
        response = await self._send(
            self._ds, "GET", f"/funds/{_seg(fund_id)}/grouped", params=_extend(extend), account=True
        )
        return self._paged(response, "/funds/{id}/grouped", GroupedItems)

    # --- items ----------------------------------------------------------------------------------------------

    async def items(self, query: ListQuery | None = None) -> list[Item]:
        return await self._call(self._ds, "GET", "/items", list[Item], params=_params(query))

    async def create_item(self, draft: ItemDraft) -> Item:
        return await self._call(self._ds, "POST", "/items", Item, body=draft)

    async def create_items(self, draft: MultiItemDraft) -> list[Item]:
        return await self._call(self._ds, "POST", "/items/multi", list[Item], body=draft)

    async def move_to_account(self, request: MoveToAccountRequest) -> None:
        await self._call(self._ds, "POST", "/items/moveToAccount", None, body=request)

    async def move_to_fund(self, request: MoveToFundRequest) -> None:
        await self._call(self._ds, "POST", "/items/moveToFund", None, body=request)

    async def create_and_move_to_account(self, request: MoveToAccountRequest) -> None:
        await self._call(self._ds, "POST", "/items/createAndMoveToAccount", None, body=request)

    async def create_leases_for_users(self, request: LeasesForUsersRequest) -> list[Lease]:
        """201; the leases made when the venue lists them (the doc shows no body)."""
        return (
            await self._call(
                self._ds, "POST", "/items/createLeasesForUsers", list[Lease] | None, body=request
            )
            or []
        )

    async def create_leases_for_groups(self, request: LeasesForGroupsRequest) -> list[Lease]:
        return (
            await self._call(
                self._ds, "POST", "/items/createLeasesForGroups", list[Lease] | None, body=request
            )
            or []
        )

    # --- documents and transactions -------------------------------------------------------------------------

    async def documents(self, query: ListQuery | None = None) -> list[Document]:
        return await self._call(self._ds, "GET", "/documents", list[Document], params=_params(query))

    async def create_document(self, draft: DocumentDraft) -> Document:
        return await self._call(self._ds, "POST", "/documents", Document, body=draft)

    async def document(self, document_id: str, *extend: str) -> Document:
        return await self._call(
            self._ds, "GET", f"/documents/{_seg(document_id)}", Document, params=_extend(extend)
        )

    async def update_document(self, document_id: str, patch: DocumentPatch) -> Document:
        return await self._call(self._ds, "PATCH", f"/documents/{_seg(document_id)}", Document, body=patch)

    async def delete_document(self, document_id: str) -> None:
        await self._call(self._ds, "DELETE", f"/documents/{_seg(document_id)}", None)

    async def transactions(self, query: ListQuery | None = None) -> list[Transaction]:
        return await self._call(self._ds, "GET", "/transactions", list[Transaction], params=_params(query))

    async def create_transaction(self, draft: TransactionDraft) -> Transaction:
        return await self._call(self._ds, "POST", "/transactions", Transaction, body=draft)

    # --- leases ---------------------------------------------------------------------------------------------

    async def leases(self, query: ListQuery | None = None) -> list[Lease]:
        return await self._call(self._ds, "GET", "/leases", list[Lease], params=_params(query))

    async def create_lease(self, draft: LeaseDraft) -> Lease:
        return await self._call(self._ds, "POST", "/leases", Lease, body=draft)

    async def lease(self, lease_id: str, *extend: str) -> Lease:
        return await self._call(self._ds, "GET", f"/leases/{_seg(lease_id)}", Lease, params=_extend(extend))

    async def deactivate_lease(self, lease_id: str) -> Lease:
        """``isActive`` true -> false (it never goes back)."""
        return await self._call(
            self._ds,
            "PATCH",
            f"/leases/{_seg(lease_id)}",
            Lease,
            body=LeasePatch(is_active=False).model_dump(by_alias=True),
        )

    # --- public ---------------------------------------------------------------------------------------------

    async def public_catalog(
        self, query: ListQuery | None = None, rows: ItemRange | None = None
    ) -> Page[CatalogEntry]:
        return await self._page("/public/catalog", CatalogEntry, query, rows, account=None)

    async def public_catalog_entry(self, catalog_id: str, *extend: str) -> CatalogEntry:
        return await self._call(
            self._ds,
            "GET",
            f"/public/catalog/{_seg(catalog_id)}",
            CatalogEntry,
            params=_extend(extend),
            account=None,
        )

    async def public_bundles(self, catalog_id: str) -> list[Bundle]:
        return await self._call(
            self._ds, "GET", f"/public/catalog/{_seg(catalog_id)}/bundles", list[Bundle], account=None
        )

    async def public_bundle(self, catalog_id: str, bundle_id: str) -> Bundle:
        return await self._call(
            self._ds,
            "GET",
            f"/public/catalog/{_seg(catalog_id)}/bundles/{_seg(bundle_id)}",
            Bundle,
            account=None,
        )

    async def sign_bundle(
        self, catalog_id: str, bundle_id: str, key_number: str, licence: bytes
    ) -> ResourceRef:
        """A bundle signature for a key, against its licence file (sent as base64)."""
        body = SignatureRequest(key_number=key_number, license=base64.b64encode(licence).decode("ascii"))
        path = f"/public/catalog/{_seg(catalog_id)}/bundles/{_seg(bundle_id)}/signature"
        return await self._call(self._ds, "POST", path, ResourceRef, body=body, account=None)

    async def licence_key(self) -> LicenceKeyInfo:
        """The simulator's licence signing key (not a documented endpoint; pin it in production)."""
        return await self._call(self._ds, "GET", "/public/licenseKey", LicenceKeyInfo, account=None)

    # --- client ---------------------------------------------------------------------------------------------

    async def client_leases(self, query: ListQuery | None = None) -> list[Lease]:
        """The user's active leases."""
        return await self._call(self._ds, "GET", "/client/leases", list[Lease], params=_params(query))

    async def client_lease(self, lease_id: str, *extend: str) -> Lease:
        return await self._call(
            self._ds, "GET", f"/client/leases/{_seg(lease_id)}", Lease, params=_extend(extend)
        )

    async def bind_key(self, lease_id: str, key_number: str) -> Lease:
        return await self._call(
            self._ds,
            "POST",
            f"/client/leases/{_seg(lease_id)}/bind",
            Lease,
            body=KeyNumber(key_number=key_number),
        )

    async def unbind_key(self, lease_id: str, key_number: str) -> Lease:
        return await self._call(
            self._ds,
            "POST",
            f"/client/leases/{_seg(lease_id)}/unbind",
            Lease,
            body=KeyNumber(key_number=key_number),
        )

    async def issue_licence(self, lease_id: str, key_number: str) -> ResourceRef:
        """201 ``{resourceId}``: the licence file, in storage."""
        return await self._call(
            self._ds,
            "POST",
            f"/client/leases/{_seg(lease_id)}/license",
            ResourceRef,
            body=KeyNumber(key_number=key_number),
        )

    async def keys(self) -> list[DeviceKey]:
        return await self._call(self._ds, "GET", "/client/keys", list[DeviceKey])

    async def create_key(self, device_id: str, device_name: str) -> DeviceKey:
        return await self._call(
            self._ds,
            "POST",
            "/client/keys",
            DeviceKey,
            body=KeyDraft(device_id=device_id, device_name=device_name),
        )

    async def key(self, key_id: str) -> DeviceKey:
        return await self._call(self._ds, "GET", f"/client/keys/{_seg(key_id)}", DeviceKey)

    async def rename_key(self, key_id: str, device_name: str) -> DeviceKey:
        return await self._call(
            self._ds,
            "PATCH",
            f"/client/keys/{_seg(key_id)}",
            DeviceKey,
            body=KeyPatch(device_name=device_name),
        )

    # --- storage --------------------------------------------------------------------------------------------

    async def download(self, resource_id: str) -> bytes:
        response = await self._send(self._storage, "GET", f"/resources/{_seg(resource_id)}")
        if response.status_code >= 300:
            raise self._refusal(response, True)
        return response.content

    async def upload(
        self, name: str, content: bytes, content_type: str = "application/octet-stream"
    ) -> StoredFile:
        response = await self._send(
            self._storage,
            "POST",
            "/resources",
            content=content,
            params={"name": name},
            headers={"Content-Type": content_type},
            account=True,
        )
        return self._read(response, "/resources", StoredFile, idempotent=False)

    async def fetch_licence(self, lease_id: str, key_number: str) -> bytes:
        """Issue the licence of ``lease_id`` for ``key_number`` and download the file."""
        ref = await self.issue_licence(lease_id, key_number)
        return await self.download(ref.resource_id)


def _accepts_none(shape: Any) -> bool:
    try:
        _adapter(shape).validate_python(None)
    except ValidationError:
        return False
    return True
