"""dxRegister / dxWeb REST API (``api-docs/dxregister-api.txt``): one async method per documented operation.

Base URL ends in ``/dxweb/rest`` (the notes). The 51 operations:

==  ======  ===========================================================  ==============================
 #  verb    path                                                         method
==  ======  ===========================================================  ==============================
 1  POST    /api/clientnotifications                                     create_notification
 2  GET     .../notification/{notificationId}                            notification_delivery
 3  PUT     .../notification/{id}/date/{expirationDate}                  update_notification_expiration
 4  GET     /api/register/account                                        accounts
 5  GET     .../account/{clearing}/{account}                             account
 6  PUT     .../account/{clearing}/{account}                             update_account
 7  POST    .../account/{clearing}/{account}/adjustment                  create_adjustment
 8  PUT     .../account/{clearing}/{account}/adjustment/{id}             put_adjustment
 9  GET     .../account/{clearing}/{account}/category/{categoryCode}     account_category
10  PUT     .../account/{clearing}/{account}/category/{categoryCode}     set_account_category
11  DELETE  .../account/{clearing}/{account}/category/{categoryCode}     delete_account_category
12  POST    .../account/{clearing}/{account}/deposit                     create_deposit
13  PUT     .../account/{clearing}/{account}/deposit/{id}                put_deposit
14  POST    .../account/{clearing}/{account}/permission/trade/{d}/{n}    add_trade_permission
15  DELETE  .../account/{clearing}/{account}/permission/trade/{d}/{n}    remove_trade_permission
16  POST    .../account/{clearing}/{account}/withdrawal                  create_withdrawal
17  PUT     .../account/{clearing}/{account}/withdrawal/{id}             put_withdrawal
18  GET     /api/register/broker                                         brokers
19  GET     /api/register/broker/{brokerCode}                            broker
20  GET     /api/register/broker/{brokerCode}/category                   broker_categories
21  POST    /api/register/broker/{brokerCode}/category                   create_category
22  PUT     /api/register/broker/{brokerCode}/category                   rename_category
23  DELETE  /api/register/broker/{brokerCode}/category                   delete_category
24  GET     /api/register/broker/{brokerCode}/category/{categoryCode}    broker_category
25  GET     /api/register/category                                       categories
26  GET     /api/register/client                                         clients
27  POST    /api/register/client                                         create_client
28  GET     /api/register/client/group                                   client_groups
29  GET     /api/register/client/group/{domain}/{name}                   client_group
30  POST    /api/register/client/market-data-account-suspension          suspend_market_data_account
31  POST    /api/register/client/market-data-subscription-activation     activate_market_data
32  POST    /api/register/client/market-data-subscription-cancelation    cancel_market_data
33  GET     .../client/{domain}/{login}                                  client
34  PUT     .../client/{domain}/{login}                                  update_client
35  DELETE  .../client/{domain}/{login}                                  delete_client
36  POST    .../client/{domain}/{login}/account                          create_account
37  POST    .../client/{domain}/{login}/disable-user-and-terminate-...   disable_client
38  POST    .../client/{domain}/{login}/group/{groupDomain}/{groupName}  add_client_to_group
39  DELETE  .../client/{domain}/{login}/group/{groupDomain}/{groupName}  remove_client_from_group
40  POST    /api/transaction-import                                      import_transactions
41  GET     /checkLogin                                                  check_login
42  POST    /checkLogin (form)                                           check_login_form
43  GET     /generateToken                                               generate_token
44  POST    /generateToken (form)                                        generate_token_form
45  POST    /getSSOToken                                                 sso_token
46  POST    /getSSOTokenInfo (form)                                      sso_token_info
47  POST    /login                                                       login
48  POST    /logoutUserById (form)                                       logout_user_by_id
49  POST    /logoutUserByLogin (form)                                    logout_user_by_login
50  POST    /logoutUserByToken (form)                                    logout_user_by_token
51  POST    /ping                                                        ping
==  ======  ===========================================================  ==============================

Auth: ``login`` keeps the session token, sent as ``Authorization: DXAPI <token>``;
:class:`~services.dxregister.session.SessionKeepAlive` pings before it runs out. ``use_basic`` switches to
``Basic base64(user@domain:password)``.

Errors: an error body ``{errorCode, errorMessage, errorId?, errorDetails?}`` raises :class:`VenueError`
(code = ``errorCode``, ``details`` = the :class:`DxError`); HTTP 401/403 raise :class:`AuthError` (a
subclass); an error without a body gets the doc's description of that status. A body that is not the
documented shape raises :class:`TransportError` (``outcome_unknown`` for writes); so does a 502/503/504 to a
write.

Money moves exactly once: ``prepare_transfer`` fixes a transfer id, ``send_transfer`` PUTs it and may be
called again with the same :class:`PendingTransfer` after ``TransportError(outcome_unknown=True)``: the venue
treats the id as idempotent, so a repeat never moves money twice.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from services.dxregister.schemas import (
    Account,
    AccountAccess,
    AccountGroup,
    AccountGroupRename,
    AccountUpdate,
    Adjustment,
    Broker,
    CashTransfer,
    Category,
    Client,
    ClientGroup,
    ClientNotification,
    ClientType,
    ClientUpdate,
    Deposit,
    DisableUserRequest,
    DxError,
    DxFeedAccountSuspension,
    DxFeedSubscriptions,
    DxLoginRequest,
    LoginResult,
    NotificationDelivery,
    NotificationRecipient,
    SsoTokenInfo,
    SsoTokenRequest,
    Transaction,
    TransactionImportResult,
    Withdrawal,
    format_date_time,
    to_wire,
)
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.http import HeaderAuth, Timeouts, VenueHttp

VENUE = "dxregister"
DEFAULT_BASE_URL = "https://dxregister.example.com/dxweb/rest"
SESSION_SCHEME = "DXAPI"

_AUTH_STATUSES = frozenset({401, 403})
_UNKNOWN_OUTCOME_STATUSES = frozenset({502, 503, 504})
# What the doc says a bare status means where it documents no body.
_STATUS_REASONS = {
    400: "request is not valid",
    401: "authentication required",
    403: "access forbidden",
    404: "not found",
    409: "conflict with the current state",
    422: "request cannot be carried out",
    500: "unknown error",
}
_PING_REASONS = {403: "session already expired"}
_SSO_INFO_REASONS = {400: "token is malformed or expired"}
_LOGOUT_REASONS = {
    400: "one of the parameters is not set",
    403: "method is not supported for system user",
    404: "the user does not exist",
}

TransferKind = Literal["deposit", "withdrawal", "adjustment"]
_TRANSFER_MODELS: dict[str, type[CashTransfer]] = {
    "deposit": Deposit,
    "withdrawal": Withdrawal,
    "adjustment": Adjustment,
}


@functools.cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def _seg(value: str | int) -> str:
    return quote(str(value), safe="")


def _enum_text(value: StrEnum | str | None) -> str | None:
    return None if value is None else str(value)


def session_auth() -> HeaderAuth:
    """``Authorization: DXAPI <sessionToken>`` once a token is set."""
    return HeaderAuth(header="Authorization", scheme=SESSION_SCHEME)


def basic_auth(username: str, domain: str, password: str) -> httpx.BasicAuth:
    """``Authorization: Basic base64(username@domain:password)``, the documented alternative."""
    return httpx.BasicAuth(f"{username}@{domain}", password)


@dataclass(frozen=True, slots=True)
class PendingTransfer:
    """A deposit, withdrawal or adjustment whose id is fixed before the first attempt (``send_transfer``)."""

    kind: TransferKind
    clearing_code: str
    account_code: str
    transfer: CashTransfer

    @property
    def transfer_id(self) -> str:
        assert self.transfer.transfer_id is not None
        return self.transfer.transfer_id


class DxRegisterClient:
    """The dxRegister back-office API; answers as :mod:`services.dxregister.schemas` models."""

    def __init__(self, http: VenueHttp, *, auth: HeaderAuth | None = None) -> None:
        self._http = http
        if auth is None:
            current = http.client.auth
            auth = current if isinstance(current, HeaderAuth) else session_auth()
        self._session_auth = auth
        if not isinstance(http.client.auth, httpx.BasicAuth):
            http.client.auth = auth
        self._etags: dict[tuple[str, str], str] = {}
        self.session_timeout_ms: int | None = None  # the lifetime /login gave the session

    @classmethod
    def create(
        cls,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> DxRegisterClient:
        auth = session_auth()
        http = VenueHttp(
            VENUE, base_url, auth=auth, transport=transport, timeouts=timeouts, on_latency=on_latency
        )
        return cls(http, auth=auth)

    @property
    def http(self) -> VenueHttp:
        return self._http

    @property
    def session_token(self) -> str | None:
        return self._session_auth.token

    def set_session_token(self, token: str | None) -> None:
        """Use ``token`` (``DXAPI``) from now on; ``None`` forgets the session."""
        self._session_auth.token = token
        self._http.client.auth = self._session_auth

    def use_basic(self, username: str, domain: str, password: str) -> None:
        """Authenticate every request with Basic credentials instead of a session."""
        self._session_auth.token = None
        self._http.client.auth = basic_auth(username, domain, password)

    def etag_of(self, domain: str, login: str) -> str | None:
        """The last ETag the venue gave for client ``domain``/``login`` (its version, for If-Match)."""
        return self._etags.get((domain, login))

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- the exchange ---------------------------------------------------------------------------------------

    async def _send(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | Sequence[BaseModel] | None = None,
        params: Mapping[str, Any] | None = None,
        form: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        reasons: Mapping[int, str] | None = None,
    ) -> httpx.Response:
        """One request; a refusal raised as the project's errors, the response returned otherwise."""
        idempotent = method == "GET"
        json_body: Any = None
        if isinstance(body, BaseModel):
            json_body = to_wire(body)
        elif body is not None:
            json_body = [to_wire(item) for item in body]
        form_body = {k: str(v) for k, v in form.items() if v is not None} if form is not None else None
        response = await self._http.request(
            method,
            path,
            json=json_body,
            params=params,
            data=form_body,
            headers=headers,
            idempotent=idempotent,
        )
        if response.status_code >= 400:
            raise self._refusal(response, idempotent, reasons or {})
        return response

    async def _call(self, method: str, path: str, shape: Any, **kwargs: Any) -> Any:
        """``_send``, then the JSON answer validated as ``shape``."""
        response = await self._send(method, path, **kwargs)
        return self._parse(response, shape, path, idempotent=method == "GET")

    async def _text(self, method: str, path: str, **kwargs: Any) -> str:
        """``_send`` for a ``text/plain`` answer."""
        response = await self._send(method, path, **kwargs)
        return response.text

    async def _no_content(self, method: str, path: str, **kwargs: Any) -> None:
        await self._send(method, path, **kwargs)

    @staticmethod
    def _parse(response: httpx.Response, shape: Any, path: str, *, idempotent: bool) -> Any:
        try:
            return _adapter(shape).validate_json(response.content)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(part) for part in problem["loc"]) or "body"
            raise TransportError(
                VENUE,
                "unexpected answer from {path}: {problem}",
                outcome_unknown=not idempotent,
                path=path,
                problem=f"{where}: {problem['msg']}",
            ) from exc
        except (ValueError, RecursionError, OverflowError) as exc:
            raise TransportError(
                VENUE,
                "unreadable answer from {path} ({kind})",
                outcome_unknown=not idempotent,
                path=path,
                kind=type(exc).__name__,
            ) from exc

    @staticmethod
    def _refusal(response: httpx.Response, idempotent: bool, reasons: Mapping[int, str]) -> Exception:
        status = response.status_code
        error: DxError | None = None
        if response.content:
            try:
                error = DxError.model_validate_json(response.content)
            except (ValidationError, ValueError, RecursionError, OverflowError):
                error = None
        if error is None and not idempotent and status in _UNKNOWN_OUTCOME_STATUSES:
            return TransportError(
                VENUE,
                "gateway failure (HTTP {status}); the request may have been carried out",
                outcome_unknown=True,
                status=status,
            )
        if error is not None:
            code: int = error.error_code
            message = error.error_message or reasons.get(status) or _STATUS_REASONS.get(status, "refused")
            if error.error_details:
                message = f"{message}: {'; '.join(error.error_details)}"
        else:
            code = status
            message = reasons.get(status) or _STATUS_REASONS.get(status, "")
        kind = AuthError if status in _AUTH_STATUSES else VenueError
        if not message:
            return kind(
                VENUE, code, "request refused (HTTP {status})", http_status=status, details=error,
                fields={"status": status},
            )
        return kind(VENUE, code, message, http_status=status, details=error)

    # --- client notifications -------------------------------------------------------------------------------

    async def create_notification(self, notification: ClientNotification) -> str:
        """Sends a notification; answers its id (text/plain)."""
        return await self._text("POST", "/api/clientnotifications", body=notification)

    async def notification_delivery(
        self, notification_id: str, recipients: Iterable[NotificationRecipient] = ()
    ) -> NotificationDelivery:
        """Per-recipient read/acknowledge times; ``recipients`` narrows the list (``login@domain`` each)."""
        wanted = [f"{r.login}@{r.domain}" for r in recipients]
        params = {"recipients": wanted or None}  # repeated: recipients=a@d&recipients=b@d
        return await self._call(
            "GET",
            f"/api/clientnotifications/notification/{_seg(notification_id)}",
            NotificationDelivery,
            params=params,
        )

    async def update_notification_expiration(self, notification_id: str, expiration: datetime) -> str:
        path = (
            f"/api/clientnotifications/notification/{_seg(notification_id)}"
            f"/date/{_seg(format_date_time(expiration))}"
        )
        return await self._text("PUT", path)

    # --- accounts -------------------------------------------------------------------------------------------

    async def accounts(
        self, *, type: str | None = None, status: str | None = None, attributes: str | None = None
    ) -> list[Account]:
        params = {"type": _enum_text(type), "status": _enum_text(status), "attributes": attributes}
        return await self._call("GET", "/api/register/account", list[Account], params=params)

    async def account(
        self, clearing_code: str, account_code: str, *, attributes: str | None = None
    ) -> Account:
        return await self._call(
            "GET", _account_path(clearing_code, account_code), Account, params={"attributes": attributes}
        )

    async def update_account(self, clearing_code: str, account_code: str, update: AccountUpdate) -> Account:
        return await self._call("PUT", _account_path(clearing_code, account_code), Account, body=update)

    async def create_adjustment(
        self, clearing_code: str, account_code: str, adjustment: Adjustment
    ) -> Adjustment:
        """POST: the venue picks the id, so a lost answer cannot be repeated safely (see put_adjustment)."""
        path = f"{_account_path(clearing_code, account_code)}/adjustment"
        return await self._call("POST", path, Adjustment, body=adjustment)

    async def put_adjustment(
        self, clearing_code: str, account_code: str, transfer_id: str, adjustment: Adjustment
    ) -> Adjustment:
        path = f"{_account_path(clearing_code, account_code)}/adjustment/{_seg(transfer_id)}"
        return await self._call("PUT", path, Adjustment, body=adjustment)

    async def account_category(
        self, clearing_code: str, account_code: str, category: str, *, attributes: str | None = None
    ) -> AccountGroup:
        path = f"{_account_path(clearing_code, account_code)}/category/{_seg(category)}"
        return await self._call("GET", path, AccountGroup, params={"attributes": attributes})

    async def set_account_category(
        self, clearing_code: str, account_code: str, category: str, value: str
    ) -> None:
        """Puts the account in group ``value`` of ``category`` (body: Account group ``{category, value}``)."""
        path = f"{_account_path(clearing_code, account_code)}/category/{_seg(category)}"
        await self._no_content("PUT", path, body=AccountGroup(category=category, value=value))

    async def delete_account_category(self, clearing_code: str, account_code: str, category: str) -> None:
        path = f"{_account_path(clearing_code, account_code)}/category/{_seg(category)}"
        await self._no_content("DELETE", path)

    async def create_deposit(self, clearing_code: str, account_code: str, deposit: Deposit) -> Deposit:
        path = f"{_account_path(clearing_code, account_code)}/deposit"
        return await self._call("POST", path, Deposit, body=deposit)

    async def put_deposit(
        self, clearing_code: str, account_code: str, transfer_id: str, deposit: Deposit
    ) -> Deposit:
        path = f"{_account_path(clearing_code, account_code)}/deposit/{_seg(transfer_id)}"
        return await self._call("PUT", path, Deposit, body=deposit)

    async def add_trade_permission(
        self, clearing_code: str, account_code: str, domain: str, name: str
    ) -> None:
        path = f"{_account_path(clearing_code, account_code)}/permission/trade/{_seg(domain)}/{_seg(name)}"
        await self._no_content("POST", path)

    async def remove_trade_permission(
        self, clearing_code: str, account_code: str, domain: str, name: str
    ) -> None:
        path = f"{_account_path(clearing_code, account_code)}/permission/trade/{_seg(domain)}/{_seg(name)}"
        await self._no_content("DELETE", path)

    async def create_withdrawal(
        self, clearing_code: str, account_code: str, withdrawal: Withdrawal
    ) -> Withdrawal:
        path = f"{_account_path(clearing_code, account_code)}/withdrawal"
        return await self._call("POST", path, Withdrawal, body=withdrawal)

    async def put_withdrawal(
        self, clearing_code: str, account_code: str, transfer_id: str, withdrawal: Withdrawal
    ) -> Withdrawal:
        path = f"{_account_path(clearing_code, account_code)}/withdrawal/{_seg(transfer_id)}"
        return await self._call("PUT", path, Withdrawal, body=withdrawal)

    # --- idempotent transfers -------------------------------------------------------------------------------

    @staticmethod
    def prepare_transfer(
        kind: TransferKind,
        clearing_code: str,
        account_code: str,
        currency: str,
        amount: Decimal,
        description: str | None = None,
    ) -> PendingTransfer:
        """A transfer with a fresh id; keep it until ``send_transfer`` has an answer. An amount the venue
        would refuse (not positive for a deposit or withdrawal, zero for an adjustment): RejectedInput."""
        if not amount.is_finite() or amount == 0 or (kind != "adjustment" and amount < 0):
            raise RejectedInput(
                "amount",
                "an adjustment needs a non-zero amount"
                if kind == "adjustment"
                else "a deposit needs a positive amount"
                if kind == "deposit"
                else "a withdrawal needs a positive amount",
            )
        if not currency.strip():
            raise RejectedInput("currency", "the account currency is required")
        model = _TRANSFER_MODELS[kind]
        transfer_id = uuid.uuid4().hex
        transfer = model(currency=currency, amount=amount, description=description, transfer_id=transfer_id)
        return PendingTransfer(kind, clearing_code, account_code, transfer)

    async def send_transfer(self, pending: PendingTransfer) -> CashTransfer:
        """PUTs ``pending`` by its id. After ``TransportError(outcome_unknown=True)`` call again with the same
        object: the venue answers the transfer it already made instead of making a second one."""
        body = pending.transfer.model_copy(update={"transfer_id": None})
        args = (pending.clearing_code, pending.account_code, pending.transfer_id)
        if isinstance(body, Deposit):
            return await self.put_deposit(*args, body)
        if isinstance(body, Withdrawal):
            return await self.put_withdrawal(*args, body)
        assert isinstance(body, Adjustment)
        return await self.put_adjustment(*args, body)

    # --- brokers and categories -----------------------------------------------------------------------------

    async def brokers(self, *, type: str | None = None, attributes: str | None = None) -> list[Broker]:
        params = {"type": _enum_text(type), "attributes": attributes}
        return await self._call("GET", "/api/register/broker", list[Broker], params=params)

    async def broker(self, broker_code: str, *, attributes: str | None = None) -> Broker:
        return await self._call(
            "GET", f"/api/register/broker/{_seg(broker_code)}", Broker, params={"attributes": attributes}
        )

    async def broker_categories(self, broker_code: str) -> list[Category]:
        return await self._call("GET", f"/api/register/broker/{_seg(broker_code)}/category", list[Category])

    async def create_category(self, broker_code: str, category: Category) -> Category:
        return await self._call(
            "POST", f"/api/register/broker/{_seg(broker_code)}/category", Category, body=category
        )

    async def rename_category(self, broker_code: str, rename: AccountGroupRename) -> Category:
        """Renames group ``oldValue`` of ``category`` to ``newValue``; answers the category."""
        return await self._call(
            "PUT", f"/api/register/broker/{_seg(broker_code)}/category", Category, body=rename
        )

    async def delete_category(self, broker_code: str, category: Category) -> None:
        """Deletes the listed ``values`` of the category, or the whole category when none is listed."""
        await self._no_content("DELETE", f"/api/register/broker/{_seg(broker_code)}/category", body=category)

    async def broker_category(self, broker_code: str, category: str) -> Category:
        return await self._call(
            "GET", f"/api/register/broker/{_seg(broker_code)}/category/{_seg(category)}", Category
        )

    async def categories(self) -> list[Category]:
        return await self._call("GET", "/api/register/category", list[Category])

    # --- clients and groups ---------------------------------------------------------------------------------

    async def clients(self, *, type: ClientType | None = None, attributes: str | None = None) -> list[Client]:
        params = {"type": _enum_text(type), "attributes": attributes}
        return await self._call("GET", "/api/register/client", list[Client], params=params)

    async def create_client(self, client: Client, *, account_access: AccountAccess | None = None) -> Client:
        """Onboarding: a client with its accounts in one call."""
        params = {"accountAccess": _enum_text(account_access)}
        response = await self._send("POST", "/api/register/client", body=client, params=params)
        return self._client_answer(response, "/api/register/client", idempotent=False)

    async def client_groups(self, *, attributes: str | None = None) -> list[ClientGroup]:
        return await self._call(
            "GET", "/api/register/client/group", list[ClientGroup], params={"attributes": attributes}
        )

    async def client_group(self, domain: str, name: str, *, attributes: str | None = None) -> ClientGroup:
        return await self._call(
            "GET",
            f"/api/register/client/group/{_seg(domain)}/{_seg(name)}",
            ClientGroup,
            params={"attributes": attributes},
        )

    async def suspend_market_data_account(self, account_id: str) -> str:
        return await self._text(
            "POST",
            "/api/register/client/market-data-account-suspension",
            body=DxFeedAccountSuspension(account_id=account_id),
        )

    async def activate_market_data(self, subscriptions: DxFeedSubscriptions) -> str:
        return await self._text(
            "POST", "/api/register/client/market-data-subscription-activation", body=subscriptions
        )

    async def cancel_market_data(self, subscriptions: DxFeedSubscriptions) -> str:
        return await self._text(
            "POST", "/api/register/client/market-data-subscription-cancelation", body=subscriptions
        )

    async def client(self, domain: str, login: str, *, attributes: str | None = None) -> Client:
        """The client; its ETag (version) is kept for If-Match (``etag_of``)."""
        path = _client_path(domain, login)
        response = await self._send("GET", path, params={"attributes": attributes})
        return self._client_answer(response, path, idempotent=True)

    async def update_client(
        self, domain: str, login: str, update: ClientUpdate, *, if_match: str | None = None
    ) -> Client:
        """``if_match``: refuse (409) unless the client is still at that version."""
        path = _client_path(domain, login)
        headers = {"If-Match": if_match} if if_match else None
        response = await self._send("PUT", path, body=update, headers=headers)
        return self._client_answer(response, path, idempotent=False)

    async def delete_client(self, domain: str, login: str) -> None:
        await self._no_content("DELETE", _client_path(domain, login))
        self._etags.pop((domain, login), None)

    async def create_account(
        self, domain: str, login: str, account: Account, *, account_access: AccountAccess | None = None
    ) -> Account:
        return await self._call(
            "POST",
            f"{_client_path(domain, login)}/account",
            Account,
            body=account,
            params={"accountAccess": _enum_text(account_access)},
        )

    async def disable_client(
        self, domain: str, login: str, request: DisableUserRequest | None = None
    ) -> None:
        """Disables the client and terminates its accounts."""
        await self._no_content(
            "POST",
            f"{_client_path(domain, login)}/disable-user-and-terminate-accounts",
            body=request or DisableUserRequest(),
        )

    async def add_client_to_group(
        self, domain: str, login: str, group_domain: str, group_name: str, *, if_match: str | None = None
    ) -> None:
        """If-Match (required): ``if_match``, else the ETag last seen, else the client is read first."""
        await self._membership("POST", domain, login, group_domain, group_name, if_match)

    async def remove_client_from_group(
        self, domain: str, login: str, group_domain: str, group_name: str, *, if_match: str | None = None
    ) -> None:
        await self._membership("DELETE", domain, login, group_domain, group_name, if_match)

    async def _membership(
        self, method: str, domain: str, login: str, group_domain: str, group_name: str, if_match: str | None
    ) -> None:
        version = if_match or self.etag_of(domain, login)
        if version is None:
            await self.client(domain, login)
            version = self.etag_of(domain, login) or "*"
        path = f"{_client_path(domain, login)}/group/{_seg(group_domain)}/{_seg(group_name)}"
        response = await self._send(method, path, headers={"If-Match": version})
        self._remember_etag(domain, login, response)

    def _client_answer(self, response: httpx.Response, path: str, *, idempotent: bool) -> Client:
        client: Client = self._parse(response, Client, path, idempotent=idempotent)
        self._remember_etag(client.domain or "", client.login, response)
        return client

    def _remember_etag(self, domain: str, login: str, response: httpx.Response) -> None:
        etag = response.headers.get("ETag")
        if etag:
            self._etags[(domain, login)] = etag
        else:
            self._etags.pop((domain, login), None)

    # --- transaction import ---------------------------------------------------------------------------------

    async def import_transactions(self, transactions: Sequence[Transaction]) -> TransactionImportResult:
        """Rows the venue cannot take come back in ``failedTransactions``; the others are applied."""
        return await self._call(
            "POST", "/api/transaction-import", TransactionImportResult, body=list(transactions)
        )

    # --- dxWeb: credentials and SSO tokens ------------------------------------------------------------------

    async def check_login(
        self, login: str, domain: str, *, password: str | None = None, token: str | None = None
    ) -> None:
        """Passes when the password (or SSO token) is right; a wrong one raises :class:`VenueError`."""
        params = {"login": login, "domain": domain, "token": token, "password": password}
        await self._no_content("GET", "/checkLogin", params=params)

    async def check_login_form(
        self, login: str, domain: str, *, password: str | None = None, token: str | None = None
    ) -> None:
        """The form-encoded POST twin of ``check_login`` (keeps the password out of the URL)."""
        form = {"login": login, "domain": domain, "token": token, "password": password}
        await self._no_content("POST", "/checkLogin", form=form)

    async def generate_token(self, login: str, domain: str) -> str:
        """An SSO token for a user (another user's needs LOGIN_ON_BEHALF)."""
        return await self._text("GET", "/generateToken", params={"login": login, "domain": domain})

    async def generate_token_form(self, login: str, domain: str) -> str:
        return await self._text("POST", "/generateToken", form={"login": login, "domain": domain})

    async def sso_token(self, request: SsoTokenRequest) -> str:
        """An SSO token for the dxCore session ``dxCoreSessionToken``."""
        return await self._text("POST", "/getSSOToken", body=request)

    async def sso_token_info(self, token: str) -> SsoTokenInfo:
        return await self._call(
            "POST", "/getSSOTokenInfo", SsoTokenInfo, form={"token": token}, reasons=_SSO_INFO_REASONS
        )

    # --- dxWeb: sessions ------------------------------------------------------------------------------------

    async def login(
        self, username: str, domain: str, password: str | None = None, *, app_key: str | None = None
    ) -> LoginResult:
        """Opens a session and sends its token from now on. Without ``password`` (and with the current
        credentials holding LOGIN_ON_BEHALF) it logs in on behalf of ``username``."""
        request = DxLoginRequest(username=username, domain=domain, password=password, app_key=app_key)
        result: LoginResult = await self._call("POST", "/login", LoginResult, body=request)
        if not result.session_token:
            raise TransportError(VENUE, "login answered without a sessionToken", outcome_unknown=True)
        self.set_session_token(result.session_token)
        self.session_timeout_ms = result.timeout
        return result

    async def ping(self) -> LoginResult:
        """Prolongs the session (by half its lifetime once it is past half-way); AuthError once expired."""
        return await self._call("POST", "/ping", LoginResult, reasons=_PING_REASONS)

    async def logout_user_by_id(self, user_id: int) -> str:
        return await self._text("POST", "/logoutUserById", form={"userId": user_id}, reasons=_LOGOUT_REASONS)

    async def logout_user_by_login(self, login: str, domain: str) -> str:
        return await self._text(
            "POST", "/logoutUserByLogin", form={"login": login, "domain": domain}, reasons=_LOGOUT_REASONS
        )

    async def logout_user_by_token(self, login: str, domain: str, token: str) -> str:
        return await self._text(
            "POST",
            "/logoutUserByToken",
            form={"login": login, "domain": domain, "token": token},
            reasons=_LOGOUT_REASONS,
        )


def _account_path(clearing_code: str, account_code: str) -> str:
    return f"/api/register/account/{_seg(clearing_code)}/{_seg(account_code)}"


def _client_path(domain: str, login: str) -> str:
    return f"/api/register/client/{_seg(domain)}/{_seg(login)}"
