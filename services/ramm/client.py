"""RAMM.STORE manager API (copy trading): one async method per documented method.

Every call is ``POST {base}v1/{method}`` with a JSON body (``{}`` for the methods that take none) and the
``Token`` header once logged in; ``base`` is an API root such as ``https://ramm.store/api/manager/``. Only the
read-only methods (gets, searches, the heartbeat) are retried on a transport failure; a write whose answer was
lost raises :class:`TransportError` with ``outcome_unknown``.

Login (api-notes/ramm-manager.md §1): :meth:`RammClient.session_login_companies` on the main domain answers
the companies the login may enter, each with its access server ``URL``; :meth:`RammClient.open_company` does
the whole flow and answers a new client bound to that access server (``{URL}/api/manager/``) holding the
session. Keep it alive with :meth:`RammClient.keep_alive`: it sends ``session.heartbeat`` and, when the
heartbeat's UpdateImportance is 3 or more, re-reads the session's rights (``session.getMethods``).

URL quirks kept as documented: ``accounts.getStatement`` is sent to ``accountStatements.get``,
``fillRequests.get`` to ``hb.get``, ``symbols.search``/``symbols.get`` to ``symbol.search``/``symbol.get``.
``strategies.checkName`` (newer than our short doc) is included.

Errors: HTTP >= 400, or a body that is only an error object, raises :class:`VenueError` with the detailed code
of ``{"error": {"code", "message"}}`` or ``{"Error": {"Code", "Message"}}`` (the HTTP status when there is
none); HTTP 401 and the codes ``bad_credentials``/``login_blocked`` raise :class:`AuthError`. An answer
that is
not JSON or not of the documented shape raises :class:`TransportError`. Methods documented without a response
body accept an empty body or any JSON and answer ``None``.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.http import HeaderAuth, Timeouts, VenueHttp, parse_json
from services.ramm import schemas as s
from services.ramm.schemas import RowT
from services.ramm.search import Query
from services.ramm.wire_types import format_stamp

VENUE = "ramm"
DEFAULT_BASE_URL = "https://ramm.store/api/manager/"
API_ROOT = "api/manager/"

AUTH_CODES = frozenset({"bad_credentials", "login_blocked"})
_UNKNOWN_OUTCOME_STATUSES = frozenset({502, 504})


def access_server_base(url: str) -> str:
    """The API root on a company's access server: ``https://dc1.ramm.tech`` -> ``.../api/manager/``."""
    return url.rstrip("/") + "/" + API_ROOT


def token_auth() -> HeaderAuth:
    """``Token: <token>`` (no scheme)."""
    return HeaderAuth(header="Token", scheme="")


@functools.cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def _body(model: BaseModel | None = None, **fields: Any) -> dict[str, Any]:
    body = s.to_wire(model) if model is not None else {}
    body.update({k: v for k, v in fields.items() if v is not None})
    return body


ApiT = TypeVar("ApiT", bound="RammApi")


class RammApi:
    """One RAMM API root (``.../api/manager/`` or ``.../api/client/``): the POST exchange and its errors."""

    def __init__(
        self,
        http: VenueHttp,
        *,
        auth: HeaderAuth | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> None:
        self._http = http
        if auth is None:
            current = http.client.auth
            auth = current if isinstance(current, HeaderAuth) else token_auth()
        http.client.auth = auth
        self._auth = auth
        self._transport = transport
        self._timeouts = timeouts
        self._on_latency = on_latency

    @classmethod
    def create(
        cls: type[ApiT],
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> ApiT:
        auth = token_auth()
        http = VenueHttp(
            VENUE, base_url, auth=auth, transport=transport, timeouts=timeouts, on_latency=on_latency
        )
        return cls(http, auth=auth, transport=transport, timeouts=timeouts, on_latency=on_latency)

    @property
    def http(self) -> VenueHttp:
        return self._http

    @property
    def token(self) -> str | None:
        return self._auth.token

    def set_token(self, token: str | None) -> None:
        self._auth.token = token

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self: ApiT) -> ApiT:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- the exchange ---------------------------------------------------------------------------------------

    async def _call(self, method: str, body: Mapping[str, Any] | None, shape: Any, *, read: bool) -> Any:
        """POST ``v1/{method}``; the answer validated as ``shape`` (``None``: checked for errors, ignored)."""
        response = await self._http.request("POST", f"v1/{method}", json=dict(body or {}), idempotent=read)
        status = response.status_code
        if status >= 400:
            raise self._failure(response, read)
        if not response.content.strip():
            if shape is None:
                return None
            raise TransportError(VENUE, "empty answer from {path}", outcome_unknown=not read, path=method)
        try:
            payload = parse_json(VENUE, response)
        except TransportError as exc:
            raise TransportError.passing_on(exc, outcome_unknown=not read) from exc
        except RecursionError as exc:  # parse_json lets a pathologically nested body through
            raise TransportError(
                VENUE, "unreadable answer (nested too deeply)", outcome_unknown=not read
            ) from exc
        if _is_error_body(payload):
            raise self._failure(response, read, payload)
        if shape is None:
            return None
        try:
            return _adapter(shape).validate_python(payload)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(part) for part in problem["loc"]) or "body"
            raise TransportError(
                VENUE,
                "unexpected answer from {path}: {problem}",
                outcome_unknown=not read,
                path=method,
                problem=f"{where}: {problem['msg']}",
            ) from exc
        except (ValueError, OverflowError, RecursionError) as exc:
            raise TransportError(
                VENUE, "unexpected answer from {path}: {problem}", outcome_unknown=not read, path=method,
                problem=str(exc),
            ) from exc

    @staticmethod
    def _failure(response: httpx.Response, read: bool, payload: Any = None) -> Exception:
        status = response.status_code
        if payload is None:
            try:
                payload = response.json()
            except (ValueError, RecursionError):
                payload = None
        code: str | None = None
        message: str | None = None
        if _is_error_body(payload):
            try:
                detail = s.ErrorBody.model_validate(payload).error
                code, message = detail.code, detail.message
            except ValidationError:
                return VenueError(
                    VENUE,
                    status,
                    "request refused (HTTP {status}), unreadable error body",
                    http_status=status,
                    details=payload,
                    fields={"status": status},
                )
        if status in _UNKNOWN_OUTCOME_STATUSES and not read and code is None:
            return TransportError(
                VENUE,
                "gateway failure (HTTP {status}); the request may have been carried out",
                outcome_unknown=True,
                status=status,
            )
        error = AuthError if status == 401 or code in AUTH_CODES else VenueError
        if message is not None:
            return error(VENUE, code or status, message, http_status=status, details=payload)
        return error(
            VENUE,
            code or status,
            "session missing or expired"
            if status == 401
            else "server failure (HTTP {status})" if status >= 500 else "request refused (HTTP {status})",
            http_status=status,
            details=payload,
            fields={"status": status},
        )


class RammClient(RammApi):
    """The manager API on one base URL (the main domain or one access server)."""

    def __init__(
        self,
        http: VenueHttp,
        *,
        auth: HeaderAuth | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(http, auth=auth, transport=transport, timeouts=timeouts, on_latency=on_latency)
        self.session: s.ManagerSession | None = None
        self.rights: frozenset[str] | None = None  # from session.getMethods, refreshed by keep_alive

    def for_access_server(self, url: str) -> RammClient:
        """A new client (same transport and timeouts) on the access server at ``url`` (a company's URL)."""
        return RammClient.create(
            access_server_base(url),
            transport=self._transport,
            timeouts=self._timeouts,
            on_latency=self._on_latency,
        )

    async def _search(
        self, method: str, key: str, row: type[RowT], query: Query | None
    ) -> s.SearchPage[RowT]:
        payload = await self._call(method, (query or Query()).body(), dict[str, Any], read=True)
        try:
            return s.SearchPage[row].model_validate(  # type: ignore[valid-type]  # row is a runtime type
                {
                    "filter": payload.get("Filter") or {},
                    "pagination": payload.get("Pagination") or {},
                    "order_by": payload.get("OrderBy"),
                    "rows": payload.get(key) or [],
                }
            )
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise TransportError(
                VENUE,
                "unexpected answer from {path}: {problem}",
                path=method,
                problem=f"{where}: {problem['msg']}",
            ) from exc

    async def iterate(
        self, search: Callable[[Query], Awaitable[s.SearchPage[RowT]]], query: Query | None = None
    ) -> AsyncIterator[RowT]:
        """Every row of a search, all pages: ``async for row in client.iterate(client.clients_search)``."""
        query = query or Query()
        while True:
            page = await search(query)
            for row in page.rows:
                yield row
            if not page.has_next or not page.rows:
                return
            query = query.at_page(page.pagination.CurrentPage + 1)

    # --- session.* ------------------------------------------------------------------------------------------

    async def session_login_companies(self, login: str, password: str) -> list[s.CompanyChoice]:
        """``session.login`` on the main domain without CompanyID: the companies and their access servers."""
        body = s.to_wire(s.SessionLoginRequest(Login=login, Password=password))
        answer: s.CompanyList = await self._call("session.login", body, s.CompanyList, read=False)
        return answer.Companies

    async def session_login(
        self, login: str, password: str, company_id: int, expiration_minutes: int | None = None
    ) -> s.ManagerSession:
        """``session.login`` on the company's access server; keeps the session's Token."""
        body = s.SessionLoginRequest(
            Login=login, Password=password, CompanyID=company_id, ExpirationMinutes=expiration_minutes
        )
        session: s.ManagerSession = await self._call(
            "session.login", s.to_wire(body), s.ManagerSession, read=False
        )
        if not session.Token:
            raise TransportError(VENUE, "session.login answered no Token", outcome_unknown=True)
        self.set_token(session.Token)
        self.session = session
        return session

    async def open_company(
        self,
        login: str,
        password: str,
        company_id: int | None = None,
        expiration_minutes: int | None = None,
    ) -> RammClient:
        """The whole login: the company list here (the main domain), then ``session.login`` on the chosen
        company's access server. ``company_id`` None: the only company, or the first one listed."""
        companies = await self.session_login_companies(login, password)
        if not companies:
            raise VenueError(VENUE, None, "this login has no company to enter")
        matching = [c for c in companies if company_id is None or company_id == c.ID]
        if not matching:
            raise RejectedInput(
                "company_id",
                "company {company} is not open to this login ({known} are)",
                company=company_id,
                known=", ".join(str(c.ID) for c in companies),
            )
        chosen = matching[0]
        client = self.for_access_server(chosen.URL)
        try:
            await client.session_login(login, password, chosen.ID, expiration_minutes)
            client.rights = frozenset(await client.session_get_methods())
        except BaseException:
            await client.aclose()
            raise
        return client

    async def session_get(self) -> s.ManagerSession:
        return await self._call("session.get", None, s.ManagerSession, read=True)

    async def session_get_methods(self) -> list[str]:
        answer: s.MethodList = await self._call("session.getMethods", None, s.MethodList, read=True)
        return answer.Methods

    async def session_heartbeat(self) -> s.Heartbeat:
        return await self._call("session.heartbeat", None, s.Heartbeat, read=True)

    async def keep_alive(self) -> s.Heartbeat:
        """A heartbeat; when it says rights changed (UpdateImportance >= 3), ``rights`` is re-read."""
        beat = await self.session_heartbeat()
        if beat.rights_changed or self.rights is None:
            self.rights = frozenset(await self.session_get_methods())
        return beat

    async def session_get_my_sessions(self) -> list[s.ManagerSession]:
        return await self._call("session.getMySessions", None, list[s.ManagerSession], read=True)

    async def session_logout(self) -> None:
        await self._call("session.logout", None, None, read=False)
        self.set_token(None)
        self.session = None

    # --- sessions.* -----------------------------------------------------------------------------------------

    async def sessions_search(self) -> list[s.ManagerSession]:
        answer: s.SessionList = await self._call("sessions.search", None, s.SessionList, read=True)
        return answer.Sessions

    async def sessions_logout(self, login: str) -> None:
        await self._call("sessions.logout", {"Login": login}, None, read=False)

    # --- profile.* / settings.* / password.* ----------------------------------------------------------------

    async def profile_get(self) -> s.ManagerProfile:
        return await self._call("profile.get", None, s.ManagerProfile, read=True)

    async def profile_set(self, profile: s.ProfileUpdate) -> None:
        await self._call("profile.set", s.to_wire(profile), None, read=False)

    async def settings_set(self, key: str, settings: str | None) -> None:
        """Stores ``settings`` under ``key``; ``None`` deletes the key."""
        await self._call("settings.set", _body(SettingsKey=key, Settings=settings), None, read=False)

    async def settings_get(self, key: str) -> str | None:
        """The stored string, read from a bare JSON string or ``{"Settings": ...}`` (shape undocumented)."""
        payload = await self._call("settings.get", {"SettingsKey": key}, Any, read=True)
        if isinstance(payload, dict):
            payload = payload.get("Settings")
        if payload is not None and not isinstance(payload, str):
            raise TransportError(
                VENUE, "unexpected answer from {path}: {problem}", path="settings.get",
                problem="Settings is not a string",
            )
        return payload

    async def password_set(self, old_password: str, password: str) -> None:
        await self._call(
            "password.set", {"OldPassword": old_password, "Password": password}, None, read=False
        )

    async def clients_set_password(self, client_id: int, password: str) -> None:
        await self._call(
            "clients.setPassword", {"ClientID": client_id, "Password": password}, None, read=False
        )

    async def clients_get_otp(self, client_id: int) -> str:
        answer: s.OneTimePassword = await self._call(
            "clients.getOTP", {"ClientID": client_id}, s.OneTimePassword, read=False
        )
        return answer.OTP

    # --- managers.* -----------------------------------------------------------------------------------------

    async def managers_add(self, manager: s.ManagerDraft, methods: Sequence[str]) -> s.ManagerCreated:
        body = {"Manager": s.to_wire(manager), "Methods": list(methods)}
        return await self._call("managers.add", body, s.ManagerCreated, read=False)

    async def managers_search(self, query: Query | None = None) -> s.SearchPage[s.ManagerRow]:
        return await self._search("managers.search", "Managers", s.ManagerRow, query)

    async def managers_get(self, manager_id: int) -> s.ManagerInfo:
        return await self._call("managers.get", {"ID": manager_id}, s.ManagerInfo, read=True)

    async def managers_set(self, manager: s.ManagerUpdate) -> None:
        await self._call("managers.set", s.to_wire(manager), None, read=False)

    async def managers_get_methods(self, manager_id: int, company_id: int) -> list[str]:
        rows: list[s.MethodRight] = await self._call(
            "managers.getMethods",
            {"ManagerID": manager_id, "CompanyID": company_id},
            list[s.MethodRight],
            read=True,
        )
        return [row.Method for row in rows]

    async def managers_set_methods(self, manager_id: int, methods: Sequence[str]) -> None:
        body = {"ManagerID": manager_id, "Methods": list(methods)}
        await self._call("managers.setMethods", body, None, read=False)

    # --- companies.* / company.* ----------------------------------------------------------------------------

    async def companies_add(self, name: str, url: str, demo: bool) -> int:
        answer: s.CompanyCreated = await self._call(
            "companies.add", {"Name": name, "URL": url, "Demo": demo}, s.CompanyCreated, read=False
        )
        return answer.CompanyID

    async def companies_search(self, query: Query | None = None) -> s.SearchPage[s.CompanyRow]:
        return await self._search("companies.search", "Companies", s.CompanyRow, query)

    async def companies_get(self, company_id: int) -> s.CompanyRow:
        return await self._call("companies.get", {"ID": company_id}, s.CompanyRow, read=True)

    async def company_get(self) -> s.CompanyInfo:
        return await self._call("company.get", None, s.CompanyInfo, read=True)

    async def company_set(self, name: str | None = None, url: str | None = None) -> None:
        await self._call("company.set", _body(Name=name, URL=url), None, read=False)

    async def company_get_equity(
        self, dt_from: datetime | None = None, dt_to: datetime | None = None
    ) -> list[s.EquityPoint]:
        filter_ = {k: format_stamp(v) for k, v in (("DTFrom", dt_from), ("DTTo", dt_to)) if v is not None}
        return await self._call("company.getEquity", {"Filter": filter_}, list[s.EquityPoint], read=True)

    # --- clients.* ------------------------------------------------------------------------------------------

    async def clients_add_with_wallet(self, client: s.ClientDraft) -> s.ClientCreated:
        return await self._call("clients.addWithWallet", s.to_wire(client), s.ClientCreated, read=False)

    async def clients_search(self, query: Query | None = None) -> s.SearchPage[s.ClientRow]:
        return await self._search("clients.search", "Clients", s.ClientRow, query)

    async def clients_get(self, client_id: int) -> s.ClientInfo:
        return await self._call("clients.get", {"ID": client_id}, s.ClientInfo, read=True)

    async def clients_set(self, client: s.ClientUpdate) -> None:
        await self._call("clients.set", s.to_wire(client), None, read=False)

    async def clients_get_charges(self, execution_server: str, after_id: int = 0) -> list[s.Charge]:
        body = {"ExecutionServerName": execution_server, "ID": after_id}
        answer: s.ChargeList = await self._call("clients.getCharges", body, s.ChargeList, read=True)
        return answer.Charges

    async def clients_search_statistic(self, query: Query | None = None) -> s.SearchPage[s.ClientStatRow]:
        return await self._search("clients.searchStatistic", "Statistic", s.ClientStatRow, query)

    # --- wallets.* / walletTransfers.* ----------------------------------------------------------------------

    async def wallets_get(self, wallet_id: int) -> s.WalletRow:
        return await self._call("wallets.get", {"ID": wallet_id}, s.WalletRow, read=True)

    async def wallets_search(self, query: Query | None = None) -> s.SearchPage[s.WalletRow]:
        return await self._search("wallets.search", "Wallets", s.WalletRow, query)

    async def wallet_transfers_add(self, transfer: s.WalletTransferDraft) -> int:
        """Sent once: a lost answer is TransportError(outcome_unknown); reconcile by ExternalTransferID."""
        answer: s.WalletTransferCreated = await self._call(
            "walletTransfers.add", s.to_wire(transfer), s.WalletTransferCreated, read=False
        )
        return answer.WalletTransferID

    async def wallet_transfers_search(self, query: Query | None = None) -> s.SearchPage[s.WalletTransferRow]:
        return await self._search("walletTransfers.search", "WalletTransfers", s.WalletTransferRow, query)

    async def wallet_transfers_get(self, transfer_id: int) -> s.WalletTransferRow:
        return await self._call("walletTransfers.get", {"ID": transfer_id}, s.WalletTransferRow, read=True)

    async def wallet_transfers_get_rewards(self, execution_server: str, after_id: int = 0) -> list[s.Reward]:
        body = {"ExecutionServerName": execution_server, "ID": after_id}
        answer: s.RewardList = await self._call("walletTransfers.getRewards", body, s.RewardList, read=True)
        return answer.Transactions

    # --- strategies.* ---------------------------------------------------------------------------------------

    async def strategies_search(self, query: Query | None = None) -> s.SearchPage[s.StrategySearchRow]:
        return await self._search("strategies.search", "Strategies", s.StrategySearchRow, query)

    async def strategies_get(self, strategy_id: int) -> s.StrategyInfo:
        return await self._call("strategies.get", {"ID": strategy_id}, s.StrategyInfo, read=True)

    async def strategies_add(self, strategy: s.StrategyDraft) -> int:
        answer: s.StrategyCreated = await self._call(
            "strategies.add", s.to_wire(strategy), s.StrategyCreated, read=False
        )
        return answer.Strategy.ID

    async def strategies_set(self, strategy_id: int, name: str) -> None:
        await self._call("strategies.set", {"ID": strategy_id, "Name": name}, None, read=False)

    async def strategies_close(self, strategy_id: int) -> int:
        return await self._command("strategies.close", strategy_id)

    async def strategies_check_name(self, name: str) -> bool:
        answer: s.NameAvailability = await self._call(
            "strategies.checkName", {"Name": name}, s.NameAvailability, read=True
        )
        return answer.StrategyNameAvailable

    async def strategysymbolstat_get(self, strategy_id: int) -> list[s.SymbolShare]:
        answer: s.StrategySymbolStat = await self._call(
            "strategysymbolstat.get", {"ID": strategy_id}, s.StrategySymbolStat, read=True
        )
        return answer.StrategySymbolStat

    async def _command(self, method: str, target_id: int) -> int:
        answer: s.CommandRef = await self._call(method, {"ID": target_id}, s.CommandRef, read=False)
        return answer.CommandID

    # --- accounts.* -----------------------------------------------------------------------------------------

    async def accounts_search(self, query: Query | None = None) -> s.SearchPage[s.AccountRow]:
        return await self._search("accounts.search", "Accounts", s.AccountRow, query)

    async def accounts_get(self, account_id: int) -> s.AccountInfo:
        return await self._call("accounts.get", {"ID": account_id}, s.AccountInfo, read=True)

    async def accounts_set(self, change: s.AccountUpdate) -> s.AccountCommands:
        return await self._call("accounts.set", s.to_wire(change), s.AccountCommands, read=False)

    async def accounts_close(self, account_id: int) -> int:
        return await self._command("accounts.close", account_id)

    async def accounts_get_statement(self, account_id: int) -> s.Statement:
        """``accounts.getStatement``, at its documented URL ``accountStatements.get``."""
        return await self._call("accountStatements.get", {"ID": account_id}, s.Statement, read=True)

    async def accounts_pause(self, account_id: int) -> int:
        """Stops copying and closes the account's positions (not on the trader's own account)."""
        return await self._command("accounts.pause", account_id)

    async def accounts_resume(self, account_id: int) -> int:
        """Resumes copying and reopens the strategy's positions at market."""
        return await self._command("accounts.resume", account_id)

    # --- deals.* / positions.* ------------------------------------------------------------------------------

    async def deals_search(self, query: Query | None = None) -> s.SearchPage[s.DealRow]:
        return await self._search("deals.search", "Deals", s.DealRow, query)

    async def deals_get(self, deal_id: int) -> s.DealInfo:
        return await self._call("deals.get", {"ID": deal_id}, s.DealInfo, read=True)

    async def positions_search(self, query: Query | None = None) -> s.SearchPage[s.OpenPositionRow]:
        return await self._search("positions.search", "Positions", s.OpenPositionRow, query)

    async def positions_get(self, position_id: int) -> s.PositionInfo:
        return await self._call("positions.get", {"ID": position_id}, s.PositionInfo, read=True)

    # --- fills.* / fillRequests.* / signals.* ---------------------------------------------------------------

    async def fills_search(self, query: Query | None = None) -> s.SearchPage[s.FillRow]:
        """Without FillRequestID, Symbol or Ticket in the filter, the date range may not exceed a month."""
        return await self._search("fills.search", "Fills", s.FillRow, query)

    async def fills_get(self, fill_id: int) -> s.FillRow:
        return await self._call("fills.get", {"ID": fill_id}, s.FillRow, read=True)

    async def fill_requests_search(self, query: Query | None = None) -> s.SearchPage[s.FillRequestRow]:
        return await self._search("fillRequests.search", "FillRequests", s.FillRequestRow, query)

    async def fill_requests_get(self, request_id: int) -> s.FillRequestRow:
        """``fillRequests.get``, at its documented URL ``hb.get``."""
        return await self._call("hb.get", {"ID": request_id}, s.FillRequestRow, read=True)

    async def signals_search(self, query: Query | None = None) -> s.SearchPage[s.SignalRow]:
        return await self._search("signals.search", "Signals", s.SignalRow, query)

    async def signals_get(self, signal_id: int) -> s.SignalRow:
        return await self._call("signals.get", {"ID": signal_id}, s.SignalRow, read=True)

    # --- assets.* / symbols.* / streams.get -----------------------------------------------------------------

    async def assets_search(self, query: Query | None = None) -> s.SearchPage[s.AssetRow]:
        return await self._search("assets.search", "Assets", s.AssetRow, query)

    async def assets_get(self, asset_id: int) -> s.AssetRow:
        return await self._call("assets.get", {"ID": asset_id}, s.AssetRow, read=True)

    async def symbols_search(self, query: Query | None = None) -> s.SearchPage[s.TradingSymbolRow]:
        """``symbols.search``, at its documented URL ``symbol.search``."""
        return await self._search("symbol.search", "Symbols", s.TradingSymbolRow, query)

    async def symbols_get(self, symbol_id: int) -> s.TradingSymbolRow:
        """``symbols.get``, at its documented URL ``symbol.get``."""
        return await self._call("symbol.get", {"ID": symbol_id}, s.TradingSymbolRow, read=True)

    async def streams_get(self) -> list[s.StreamRow]:
        """The doc's example is one object; a list is read as well."""
        payload = await self._call("streams.get", None, Any, read=True)
        rows = [payload] if isinstance(payload, dict) else payload
        try:
            return _adapter(list[s.StreamRow]).validate_python(rows)
        except ValidationError as exc:
            raise TransportError(
                VENUE,
                "unexpected answer from {path}: {problem}",
                path="streams.get",
                problem=exc.errors()[0]["msg"],
            ) from exc

    # --- trading.* ------------------------------------------------------------------------------------------

    async def trading_search_strategies(
        self,
        statuses: Sequence[int] = (),
        need_sync_only: bool = False,
        external_server: str | None = None,
    ) -> list[s.TradingStrategy]:
        body = _body(Statuses=list(statuses), NeedSyncOnly=need_sync_only, ExternalServer=external_server)
        answer: s.TradingStrategyList = await self._call(
            "trading.searchStrategies", body, s.TradingStrategyList, read=True
        )
        return answer.Strategies

    async def trading_add_signal(self, signal: s.SignalDraft) -> int:
        """The strategy's new net lot in the symbol (buy +, sell -); sent once, never retried."""
        answer: s.SignalCreated = await self._call(
            "trading.addSignal", s.to_wire(signal), s.SignalCreated, read=False
        )
        return answer.SignalID

    async def trading_add_sync(self, sync: s.SyncDraft) -> None:
        await self._call("trading.addSync", s.to_wire(sync), None, read=False)


def _is_error_body(payload: Any) -> bool:
    if not isinstance(payload, dict):
        return False
    detail = payload.get("error", payload.get("Error"))
    return isinstance(detail, dict) and len(payload) == 1
