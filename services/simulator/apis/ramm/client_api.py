"""The RAMM client API, the part a manager needs to open a follower account for a client.

The manager API has no method that opens an account: an investor opens one in the client API
(``/api/client/v1/accounts.add``, rammstore/api client.md), and a broker does it for its client by logging
in there with a one-time password from the manager API's ``clients.getOTP`` ("instead of login and password
an OTP may be passed, for a login through the broker's site"). Served on the main domain only, as the doc's
URL (``{server}/ramm/api/client/v1/{method}``):

- ``session.login``: ``{Login, Password}`` or ``{OTP}`` (used once) -> ``{Session{Token, WalletID,
  DTLastActivity, ExpirationMinutes}, Client{ID, Login, FirstName, LastName, Language}, Company{ID, Name,
  Demo}, Wallets[...]}``; ExpirationMinutes defaults to 60.
- ``accounts.add``: ``{StrategyID, Factor, Protection?, Target?, Money}`` -> ``{AccountID,
  CommandBalanceID}``. The wallet is the session's. The documented DB checks hold: Factor in
  [-1000, -0.01] or [0.01, 1000] (2 decimals), Protection in [0, 1) (3), Target > 0 or null (3),
  Money > 0 (2) and at most the wallet's balance; the strategy must be active and of the client's
  company. The new account (Type 2) is funded from the wallet and opens the strategy's current
  positions at market, times its factor.
- ``session.logout``: ends the session (no body).

Errors in the client doc's spelling, ``{"Error": {"Code", "Message"}}``, with the manager API's statuses.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.ramm.enums import AccountStatus, AccountType, CopyStrategyStatus
from services.simulator.apis.ramm import rows
from services.simulator.apis.ramm.seed import open_account
from services.simulator.apis.ramm.state import ClientSessionRec
from services.simulator.apis.ramm.venue import RammVenue
from services.simulator.apis.ramm.wire import (
    RammApiError,
    dec_field,
    int_field,
    invalid,
    invalid_status,
    need_dec,
    no_body,
    not_found,
    places,
    stamp,
    str_field,
)

CLIENT_API_PATH = "/api/client/v1/{method}"
FACTOR_LIMIT = Decimal(1000)
FACTOR_MIN = Decimal("0.01")

ClientHandler = Callable[[RammVenue, dict[str, Any], ClientSessionRec | None], Awaitable[Any]]


def client_error_response(error: RammApiError) -> JSONResponse:
    return JSONResponse(
        {"Error": {"Code": error.code, "Message": error.message}}, status_code=error.http_status
    )


async def serve_client_api(venue: RammVenue, request: Request, body: dict[str, Any]) -> Response:
    if request.method != "POST":
        raise RammApiError("incorrect_method", "every method is called with POST", http_status=405)
    name = request.path_params["method"]
    handler = _HANDLERS.get(name)
    if handler is None:
        raise RammApiError("incorrect_method", f"no method {name!r}")
    session = None if name == "session.login" else _session(venue, request.headers.get("Token", ""))
    result = await handler(venue, body, session)
    return no_body() if result is None else JSONResponse(result)


def _session(venue: RammVenue, token: str) -> ClientSessionRec:
    sessions = venue.state.client_sessions
    session = sessions.get(token)
    if session is not None and venue.now() - session.last_activity > session.expiration_minutes * 60:
        del sessions[token]
        session = None
    if session is None:
        raise RammApiError("unauthorized", "the session token is missing, unknown or expired")
    session.last_activity = venue.now()
    return session


async def _login(venue: RammVenue, body: dict[str, Any], _session: ClientSessionRec | None) -> Any:
    state = venue.state
    otp = str_field(body, "OTP")
    if otp:
        client_id = next((cid for cid, known in state.otps.items() if known == otp), None)
        if client_id is None:
            raise RammApiError("bad_credentials", "the one-time password is unknown or used")
        del state.otps[client_id]  # one time
        client = state.clients[client_id]
    else:
        login = str_field(body, "Login", required=True) or ""
        password = str_field(body, "Password", required=True) or ""
        client = next((c for c in state.clients.values() if c.login == login), None)
        if client is None or not secrets.compare_digest(client.password, password):
            raise RammApiError("bad_credentials", "wrong login or password")
    if not client.enabled:
        raise RammApiError("login_blocked", f"client {client.login} is disabled")
    minutes = int_field(body, "ExpirationMinutes", required=False, default=60) or 60
    if minutes <= 0:
        raise invalid("ExpirationMinutes", "must be positive")
    wallets = sorted((w for w in state.wallets.values() if w.client_id == client.id), key=lambda w: w.id)
    if not wallets:
        raise invalid_status(f"client {client.id} has no wallet")
    session = ClientSessionRec(secrets.token_hex(16), client.id, wallets[0].id, venue.now(), minutes)
    state.client_sessions[session.token] = session
    company = state.companies[client.company_id]
    return {
        "Session": {
            "Token": session.token,
            "WalletID": session.wallet_id,
            "DTLastActivity": stamp(session.last_activity),
            "ExpirationMinutes": minutes,
        },
        "Client": {
            "ID": client.id,
            "Login": client.login,
            "FirstName": client.first_name,
            "LastName": client.last_name,
            "Language": client.language,
        },
        "Company": {"ID": company.id, "Name": company.name, "Demo": company.demo},
        "Wallets": [rows.wallet_row(venue.book, w) for w in wallets],
    }


async def _logout(venue: RammVenue, _body: dict[str, Any], session: ClientSessionRec | None) -> Any:
    assert session is not None
    venue.state.client_sessions.pop(session.token, None)
    return None


async def _accounts_add(venue: RammVenue, body: dict[str, Any], session: ClientSessionRec | None) -> Any:
    assert session is not None
    state = venue.state
    client = state.clients[session.client_id]
    strategy_id = int_field(body, "StrategyID")
    strategy = state.strategies.get(strategy_id or 0)
    if strategy is None or strategy.company_id != client.company_id:
        raise not_found("StrategyID", strategy_id)
    if strategy.status != CopyStrategyStatus.ACTIVE:
        raise invalid_status(f"strategy {strategy.id} is not active (status {strategy.status})")
    factor = places(need_dec(body, "Factor"), "Factor", 2)
    if not FACTOR_MIN <= abs(factor) <= FACTOR_LIMIT:
        raise invalid("Factor", "from 0.01 to 1000, or from -1000 to -0.01")
    protection = dec_field(body, "Protection", required=False)
    if protection is not None and not Decimal(0) <= places(protection, "Protection", 3) < 1:
        raise invalid("Protection", "from 0 to 1, 1 excluded")
    target = dec_field(body, "Target", required=False)
    if target is not None and places(target, "Target", 3) <= 0:
        raise invalid("Target", "must be positive or null")
    money = places(need_dec(body, "Money"), "Money", 2)
    if money <= 0:
        raise invalid("Money", "must be positive")
    wallet = state.wallets[session.wallet_id]
    if money > wallet.balance:
        raise invalid("Money", f"the wallet holds {wallet.balance} USD")
    now = venue.now()
    account = open_account(
        venue.book,
        strategy,
        client.id,
        wallet.id,
        AccountType.REAL_INTERNAL,
        factor,
        client.default_hedge,
        money,
        now,
    )
    if protection:
        account.protection, account.protection_equity = protection, money * (1 - protection)
    if target is not None:
        account.target, account.target_equity = target, money * (1 + target)
    assert account.status == AccountStatus.ACTIVE
    command = venue.book.follow(account, now)
    return {"AccountID": account.id, "CommandBalanceID": command}


_HANDLERS: dict[str, ClientHandler] = {
    "session.login": _login,
    "session.logout": _logout,
    "accounts.add": _accounts_add,
}
