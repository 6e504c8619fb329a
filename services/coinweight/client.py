"""coin-weight exchange API v2: one async method per documented endpoint.

The 40 endpoints of ``api-docs/coinweight-exchange-api-v2.md`` (base ``https://api.coin-weight.com/exp/v2``):

==  ======  ==============================================  =================================
 #  verb    path                                            method
==  ======  ==============================================  =================================
 1  GET     /test-auth                                      check_auth
 2  GET     /config/symbols                                 symbols
 3  GET     /config/market/default                          default_markets
 4  GET     /config/market/custom/{uid}                     custom_markets
 5  GET     /config/market/custom/{uid}/favorite            favorites
 6  POST    /config/market/custom/{uid}/favorite/add        add_favorite
 7  GET     /config/strategy/default/items                  default_strategy_items
 8  GET     /config/strategy/custom/{uid}/items             strategy_items
 9  POST    /config/strategy/custom/{uid}/item/update       update_strategy_item
10  POST    /config/strategy/custom/{uid}/item/create       create_strategy_item
11  POST    /config/strategy/custom/{uid}/item/delete       delete_strategy_item
12  POST    /config/market/custom/{uid}/favorite/delete     delete_favorite
13  GET     /config/layout/professional/default             default_professional_layout
14  GET     /config/layout/professional/custom/{uid}        professional_layout
15  POST    /config/layout/professional/custom/{uid}/update update_professional_layout
16  GET     /config/layout/simple/default                   default_simple_layout
17  GET     /config/layout/simple/custom/{uid}              simple_layout
18  POST    /config/layout/simple/custom/{uid}/update       update_simple_layout
19  POST    /order/create                                   create_order (never retried)
20  POST    /order/update                                   update_order
21  POST    /order/cancel                                   cancel_order
22  POST    /order/cancel-all                               cancel_all_orders (answer not enveloped)
23  GET     /order/active                                   active_orders
24  GET     /order/inactive                                 inactive_orders
25  POST    /user/login                                     login (keeps the authToken)
26  POST    /user/signup                                    signup (keeps the authToken)
27  GET     /user/{uid}/info                                user_info
28  GET     /user/{uid}/position                            user_positions
29  POST    /user/pwd/change        (Not Released)          change_password
30  POST    /user/phone/verify      (Not Released)          verify_phone
31  POST    /user/phone/bind        (Not Released)          bind_phone
32  POST    /user/totp/new          (Not Released)          new_totp
33  POST    /user/totp/bind         (Not Released)          bind_totp
34  GET     /secret/{owner}                                 api_keys
35  POST    /secret/add                                     add_api_key
36  POST    /secret/delete                                  delete_api_key
37  POST    /strategy/start                                 start_strategy
38  POST    /strategy/stop          (bCancel: true)         stop_strategy
39  POST    /strategy/stop          (bCancel: false, leave) leave_strategy
40  GET     /strategy/status/{uid}                          strategy_status
==  ======  ==============================================  =================================

Errors: ``success: false`` raises :class:`VenueError` (code = ``errorCode``, message = ``errorMsg``, or the
doc's reason for the code when the venue sends no message); HTTP 401/403, ``errorCode`` 403, and a login
refused for "Account not exist"/"Password error" raise :class:`AuthError`. A non-JSON body, or JSON that does
not fit the documented shape, raises :class:`TransportError` (``outcome_unknown`` for writes: the venue may
have acted on it).
List answers are read row by row (:func:`services.rows.parse_rows`): a bad row is dropped and logged once
per kind instead of failing the list. Nothing but these project errors ever leaves a method.
HTTP 4xx/5xx without an envelope raises :class:`VenueError` with the status, except 502/504 on a write: a
gateway that failed after forwarding leaves the outcome unknown, so that is a TransportError with
``outcome_unknown``. The answers of the Not Released endpoints (except ``totp/new``) are not documented: they
are checked for failure and otherwise ignored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, get_args, get_origin
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter

from services.coinweight.schemas import VENUE as VENUE
from services.coinweight.schemas import (
    ActiveOrdersQuery,
    ApiKey,
    ApiKeyRef,
    AuthCheck,
    CancelAllRequest,
    CancelAllResult,
    CounterPartySymbols,
    CurrencyPosition,
    Envelope,
    InactiveOrdersQuery,
    LayoutSlot,
    LoginRequest,
    MarketCategory,
    MarketItem,
    MarketRef,
    Order,
    OrderCancelRequest,
    OrderCreateRequest,
    OrderPage,
    OrderUpdateRequest,
    PasswordChangeRequest,
    PhoneBindRequest,
    PhoneVerifyRequest,
    SignupRequest,
    StrategyItem,
    StrategyItemBase,
    StrategyItemRef,
    StrategyItemsById,
    StrategyRunRequest,
    StrategyRunResult,
    StrategyState,
    StrategyStatusList,
    StrategyTemplate,
    TotpBindRequest,
    TotpSecret,
    UserInfo,
    UserSession,
    to_wire,
)
from services.errors import AuthError, TransportError, VenueError
from services.http import HeaderAuth, Timeouts, VenueHttp, parse_json
from services.rows import PARSE_FAILURES, parse_rows, problem_of

DEFAULT_BASE_URL = "https://api.coin-weight.com/exp/v2"

_AUTH_STATUSES = frozenset({401, 403})
_AUTH_CODES = frozenset({403})
_UNKNOWN_OUTCOME_STATUSES = frozenset({502, 504})

# The doc's error tables: used for the message when the venue sends no errorMsg.
LOGIN_ERRORS = {1: "Account not exist", 3: "Password error", 4: "Parameters error"}
_LOGIN_REFUSALS = _AUTH_CODES | {1, 3}
SIGNUP_ERRORS = {
    1: "Username duplication",
    2: "Email duplication",
    3: "Phone duplication",
    4: "Account duplication",
    5: "Verification code error",
}
SECRET_ERRORS = {1: "Duplicated secret key", 500: "Unexpected Error (wrong owner)"}
STRATEGY_ERRORS = {500: "Unexpected Error (wrong owner)"}

T = TypeVar("T")


def bearer_auth() -> HeaderAuth:
    """The one place the session scheme is chosen: ``Authorization: Bearer <authToken>``."""
    return HeaderAuth(header="Authorization", scheme="Bearer")


@functools.cache
def _type_adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def _segment(value: str | int) -> str:
    return quote(str(value), safe="")


def _code_number(code: int | str) -> int | str:
    digits = code.strip().lstrip("-") if isinstance(code, str) else ""
    plain = digits.isascii() and digits.isdigit() and len(digits) <= 9
    return int(code) if isinstance(code, str) and plain else code


class CoinWeightClient:
    """The coin-weight v2 REST API: one method per endpoint, answers as :mod:`.schemas` models.

    Login and signup keep the ``authToken``; every later request carries it through the client's
    :class:`HeaderAuth`. ``http`` should be made with ``auth=bearer_auth()`` (``create`` does); otherwise the
    client installs one on it.
    """

    def __init__(self, http: VenueHttp, *, auth: HeaderAuth | None = None) -> None:
        self._http = http
        if auth is None:
            current = http.client.auth
            auth = current if isinstance(current, HeaderAuth) else bearer_auth()
        http.client.auth = auth
        self._auth = auth

    @classmethod
    def create(
        cls,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> CoinWeightClient:
        auth = bearer_auth()
        http = VenueHttp(
            VENUE, base_url, auth=auth, transport=transport, timeouts=timeouts, on_latency=on_latency
        )
        return cls(http, auth=auth)

    @property
    def http(self) -> VenueHttp:
        return self._http

    @property
    def authenticated(self) -> bool:
        return bool(self._auth.token)

    def set_token(self, token: str | None) -> None:
        """Use ``token`` (an ``authToken``) from now on; ``None`` forgets the session."""
        self._auth.token = token

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- the exchange ---------------------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        shape: Any,
        *,
        body: BaseModel | None = None,
        query: BaseModel | None = None,
        bare: bool = False,
        reasons: Mapping[int, str] | None = None,
        auth_codes: frozenset[int] = _AUTH_CODES,
    ) -> Any:
        """One request; the ``data`` of its envelope (or the bare body if ``bare``) validated as ``shape``.

        ``shape`` None: the answer is checked for failure and its data ignored.
        """
        idempotent = method == "GET"
        response = await self._http.request(
            method,
            path,
            json=to_wire(body) if body is not None else None,
            params=to_wire(query) if query is not None else None,
            idempotent=idempotent,
        )
        status = response.status_code
        payload = self._read_json(response, idempotent)
        if isinstance(payload, dict) and "success" in payload:
            envelope = self._validate(Envelope[Any], payload, path, idempotent)
            if not envelope.success or status >= 400:
                raise self._refusal(envelope, status, shape, reasons or {}, auth_codes)
            data = envelope.data
        elif status in _AUTH_STATUSES:
            raise AuthError(VENUE, status, "authentication failure", http_status=status, details=payload)
        elif status >= 400:
            raise self._http_failure(status, idempotent)
        elif bare:
            data = payload
        else:
            raise TransportError(
                VENUE,
                "unexpected answer from {path} (no envelope)",
                outcome_unknown=not idempotent,
                path=path,
            )
        return None if shape is None else self._validate(shape, data, path, idempotent)

    def _read_json(self, response: httpx.Response, idempotent: bool) -> Any:
        status = response.status_code
        try:
            return parse_json(VENUE, response)
        except TransportError as exc:
            if status in _AUTH_STATUSES:
                raise AuthError(VENUE, status, "authentication failure", http_status=status) from exc
            if status >= 400:
                raise self._http_failure(status, idempotent) from exc
            if idempotent:
                raise
            raise TransportError.passing_on(exc, outcome_unknown=True) from exc

    @staticmethod
    def _http_failure(status: int, idempotent: bool) -> Exception:
        if not idempotent and status in _UNKNOWN_OUTCOME_STATUSES:
            return TransportError(
                VENUE,
                "gateway failure (HTTP {status}); the request may have been carried out",
                outcome_unknown=True,
                status=status,
            )
        return VenueError(
            VENUE,
            status,
            "server failure (HTTP {status})" if status >= 500 else "request refused (HTTP {status})",
            http_status=status,
            fields={"status": status},
        )

    @staticmethod
    def _refusal(
        envelope: Envelope[Any],
        status: int,
        shape: Any,
        reasons: Mapping[int, str],
        auth_codes: frozenset[int],
    ) -> VenueError:
        code = _code_number(envelope.error_code)
        message = envelope.error_msg or (reasons.get(code) if isinstance(code, int) else None)
        details: Any = envelope.data
        if shape is not None and details is not None:
            try:
                details = _type_adapter(shape).validate_python(details)
            except PARSE_FAILURES:
                pass
        error = AuthError if status in _AUTH_STATUSES or code in auth_codes else VenueError
        if message:
            return error(VENUE, code, message, http_status=status, details=details)
        return error(
            VENUE, code, "request refused (HTTP {status})", http_status=status, details=details,
            fields={"status": status},
        )

    @staticmethod
    def _validate(shape: Any, data: Any, path: str, idempotent: bool) -> Any:
        """``data`` read as ``shape``; a list shape row by row (bad rows dropped, logged once per kind)."""
        try:
            if get_origin(shape) is list and isinstance(data, list):
                return parse_rows(data, _type_adapter(get_args(shape)[0]).validate_python, VENUE, path)
            return _type_adapter(shape).validate_python(data)
        except PARSE_FAILURES as exc:
            _kind, text = problem_of(exc)
            raise TransportError(
                VENUE, "unexpected answer from {path}: {problem}", outcome_unknown=not idempotent, path=path,
                problem=text,
            ) from exc

    # --- Global API -----------------------------------------------------------------------------------------

    async def check_auth(self) -> AuthCheck:
        """``GET /test-auth``: who the token belongs to (answered without the envelope)."""
        return await self._call("GET", "/test-auth", AuthCheck, bare=True)

    # --- Config API: symbols and markets --------------------------------------------------------------------

    async def symbols(self) -> list[CounterPartySymbols]:
        return await self._call("GET", "/config/symbols", list[CounterPartySymbols])

    async def default_markets(self) -> list[MarketCategory]:
        return await self._call("GET", "/config/market/default", list[MarketCategory])

    async def custom_markets(self, uid: str | int) -> list[MarketCategory]:
        return await self._call("GET", f"/config/market/custom/{_segment(uid)}", list[MarketCategory])

    async def favorites(self, uid: str | int) -> list[MarketItem]:
        return await self._call("GET", f"/config/market/custom/{_segment(uid)}/favorite", list[MarketItem])

    async def add_favorite(self, uid: str | int, counter_party: str, symbol: str) -> None:
        await self._call(
            "POST",
            f"/config/market/custom/{_segment(uid)}/favorite/add",
            None,
            body=MarketRef(counter_party=counter_party, symbol=symbol),
        )

    async def delete_favorite(self, uid: str | int, counter_party: str, symbol: str) -> None:
        await self._call(
            "POST",
            f"/config/market/custom/{_segment(uid)}/favorite/delete",
            None,
            body=MarketRef(counter_party=counter_party, symbol=symbol),
        )

    # --- Config API: strategy items -------------------------------------------------------------------------

    async def default_strategy_items(self) -> list[StrategyTemplate]:
        return await self._call("GET", "/config/strategy/default/items", list[StrategyTemplate])

    async def strategy_items(self, uid: str | int) -> list[StrategyItemBase]:
        return await self._call("GET", f"/config/strategy/custom/{_segment(uid)}/items", list[StrategyItem])

    async def update_strategy_item(self, uid: str | int, item: StrategyItemBase) -> StrategyItemBase:
        """Saves ``item`` (its ``id`` says which); answers the item as saved."""
        return await self._call(
            "POST", f"/config/strategy/custom/{_segment(uid)}/item/update", StrategyItem, body=item
        )

    async def create_strategy_item(self, uid: str | int, item: StrategyItemBase) -> StrategyItemsById:
        """Creates ``item`` (its ``id`` is not sent); answers ``{new id: item}``."""
        return await self._call(
            "POST",
            f"/config/strategy/custom/{_segment(uid)}/item/create",
            StrategyItemsById,
            body=item.model_copy(update={"id": None}),
        )

    async def delete_strategy_item(self, uid: str | int, item_id: str) -> StrategyItemsById:
        """Answers ``{id: the deleted item}``."""
        return await self._call(
            "POST",
            f"/config/strategy/custom/{_segment(uid)}/item/delete",
            StrategyItemsById,
            body=StrategyItemRef(id=item_id),
        )

    # --- Config API: layouts --------------------------------------------------------------------------------

    async def default_professional_layout(self) -> list[LayoutSlot]:
        return await self._call("GET", "/config/layout/professional/default", list[LayoutSlot])

    async def professional_layout(self, uid: str | int) -> list[LayoutSlot]:
        return await self._call(
            "GET", f"/config/layout/professional/custom/{_segment(uid)}", list[LayoutSlot]
        )

    async def update_professional_layout(self, uid: str | int, slot: LayoutSlot) -> None:
        await self._call(
            "POST", f"/config/layout/professional/custom/{_segment(uid)}/update", None, body=slot
        )

    async def default_simple_layout(self) -> list[LayoutSlot]:
        return await self._call("GET", "/config/layout/simple/default", list[LayoutSlot])

    async def simple_layout(self, uid: str | int) -> list[LayoutSlot]:
        return await self._call("GET", f"/config/layout/simple/custom/{_segment(uid)}", list[LayoutSlot])

    async def update_simple_layout(self, uid: str | int, slot: LayoutSlot) -> None:
        await self._call("POST", f"/config/layout/simple/custom/{_segment(uid)}/update", None, body=slot)

    # --- Order API ------------------------------------------------------------------------------------------

    async def create_order(self, request: OrderCreateRequest) -> Order:
        """Sent once: a lost answer is TransportError(outcome_unknown=True); reconcile, never resend."""
        return await self._call("POST", "/order/create", Order, body=request)

    async def update_order(self, request: OrderUpdateRequest) -> Order:
        """A refusal (code 1000, "cannot update the order") carries the unchanged Order in ``details``."""
        return await self._call("POST", "/order/update", Order, body=request)

    async def cancel_order(self, request: OrderCancelRequest) -> Order:
        return await self._call("POST", "/order/cancel", Order, body=request)

    async def cancel_all_orders(
        self, owner: str | int, counter_parties: Sequence[str] = ()
    ) -> CancelAllResult:
        """No counterparties: all of them. The venue answers without the envelope."""
        return await self._call(
            "POST",
            "/order/cancel-all",
            CancelAllResult,
            body=CancelAllRequest(owner=owner, selected_counter_party=list(counter_parties)),
            bare=True,
        )

    async def active_orders(self, owner: str | int) -> list[Order]:
        """ACK, PARTIAL_FILLED and CANCELING orders, newest first."""
        return await self._call("GET", "/order/active", list[Order], query=ActiveOrdersQuery(owner=owner))

    async def inactive_orders(
        self,
        owner: str | int,
        *,
        start_time: int | None = None,
        end_time: int | None = None,
        page_index: int | None = None,
        page_size: int | None = None,
    ) -> OrderPage:
        """FILLED, CANCELED and PARTIAL_CANCELED orders created in [start_time, end_time] (epoch ms).

        Newest first. Left out, the venue's defaults apply: the last 24 hours, page 0, 10 a page.
        """
        query = InactiveOrdersQuery(
            owner=owner, start_time=start_time, end_time=end_time, page_index=page_index, page_size=page_size
        )
        return await self._call("GET", "/order/inactive", OrderPage, query=query)

    # --- User API -------------------------------------------------------------------------------------------

    async def login(self, user_name: str, password: str) -> UserSession:
        """Logs in and keeps the ``authToken`` for the following requests."""
        session: UserSession = await self._call(
            "POST",
            "/user/login",
            UserSession,
            body=LoginRequest(user_name=user_name, password=password),
            reasons=LOGIN_ERRORS,
            auth_codes=_LOGIN_REFUSALS,
        )
        self.set_token(session.auth_token)
        return session

    async def signup(self, request: SignupRequest) -> UserSession:
        """Creates the account and keeps its ``authToken``."""
        session: UserSession = await self._call(
            "POST", "/user/signup", UserSession, body=request, reasons=SIGNUP_ERRORS
        )
        self.set_token(session.auth_token)
        return session

    async def user_info(self, uid: str | int) -> UserInfo:
        return await self._call("GET", f"/user/{_segment(uid)}/info", UserInfo)

    async def user_positions(self, uid: str | int) -> list[CurrencyPosition]:
        """What the user holds of each currency on each counterparty."""
        return await self._call("GET", f"/user/{_segment(uid)}/position", list[CurrencyPosition])

    async def change_password(self, uid: int, old_password: str, new_password: str) -> None:
        """Not Released."""
        body = PasswordChangeRequest(uid=uid, old_password=old_password, new_password=new_password)
        await self._call("POST", "/user/pwd/change", None, body=body, bare=True)

    async def verify_phone(self, uid: int, phone: str, country_code: str) -> None:
        """Not Released: asks the venue to send a verification code to ``phone``."""
        body = PhoneVerifyRequest(uid=uid, phone=phone, country_code=country_code)
        await self._call("POST", "/user/phone/verify", None, body=body, bare=True)

    async def bind_phone(self, uid: int, phone: str, country_code: str, verification_code: str) -> None:
        """Not Released."""
        body = PhoneBindRequest(
            uid=uid, phone=phone, country_code=country_code, verification_code=verification_code
        )
        await self._call("POST", "/user/phone/bind", None, body=body, bare=True)

    async def new_totp(self) -> TotpSecret:
        """Not Released: a new authenticator secret (documented without the envelope; accepted with it)."""
        return await self._call("POST", "/user/totp/new", TotpSecret, bare=True)

    async def bind_totp(self, uid: int, auth_code: str) -> None:
        """Not Released: confirms the authenticator with a code it shows."""
        await self._call(
            "POST", "/user/totp/bind", None, body=TotpBindRequest(uid=uid, auth_code=auth_code), bare=True
        )

    # --- API key & Secret key API ---------------------------------------------------------------------------

    async def api_keys(self, owner: str | int) -> list[ApiKey]:
        """The exchange keys stored per counterparty (secret keys masked)."""
        return await self._call("GET", f"/secret/{_segment(owner)}", list[ApiKey], reasons=SECRET_ERRORS)

    async def add_api_key(self, key: ApiKey) -> None:
        await self._call("POST", "/secret/add", None, body=key, reasons=SECRET_ERRORS)

    async def delete_api_key(self, counter_party: str, owner: str | int) -> None:
        await self._call(
            "POST",
            "/secret/delete",
            None,
            body=ApiKeyRef(counter_party=counter_party, owner=owner),
            reasons=SECRET_ERRORS,
        )

    # --- Strategy API ---------------------------------------------------------------------------------------

    async def start_strategy(self, userid: str | int, strategy: StrategyItemBase) -> StrategyState:
        return await self._run_strategy("/strategy/start", userid, strategy)

    async def stop_strategy(self, userid: str | int, strategy: StrategyItemBase) -> StrategyState:
        """Stops the strategy and cancels its orders (``bCancel: true``)."""
        return await self._run_strategy(
            "/strategy/stop", userid, strategy.model_copy(update={"b_cancel": True})
        )

    async def leave_strategy(self, userid: str | int, strategy: StrategyItemBase) -> StrategyState:
        """Stops the strategy, leaving its orders on the book (``bCancel: false``; answer taken as stop's)."""
        return await self._run_strategy(
            "/strategy/stop", userid, strategy.model_copy(update={"b_cancel": False})
        )

    async def strategy_status(self, uid: str | int) -> list[StrategyState]:
        listing: StrategyStatusList = await self._call(
            "GET", f"/strategy/status/{_segment(uid)}", StrategyStatusList, reasons=STRATEGY_ERRORS
        )
        return listing.status

    async def _run_strategy(self, path: str, userid: str | int, strategy: StrategyItemBase) -> StrategyState:
        body = StrategyRunRequest(userid=userid, strategy=strategy)
        result: StrategyRunResult = await self._call(
            "POST", path, StrategyRunResult, body=body, reasons=STRATEGY_ERRORS
        )
        return result.strategy
