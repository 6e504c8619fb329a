"""dxRegister / dxWeb (the DXtrade back office), simulated from ``shared/api-docs/dxregister-api.txt`` and
``shared/api-notes/dxregister.md``.

Mount ``/dxweb/rest`` (a client's base URL is ``<server>/dxweb/rest``); ``create_app(ctx)`` serves every
one of the doc's 51 operations (40 under ``/api/...``, 11 dxWeb services); state in
``ctx.venue_state["dxregister"]``.

Users (domain ``default``)
    ``demo`` / ``demo``: the operator, with REGISTER_ADMIN (every ``/api/...`` call) and LOGIN_ON_BEHALF; also
    the CHP demo trader. ``trader2`` / ``demo``: a plain client (no permission: ``/api/...`` answers 20020
    Access denied, HTTP 403; 400 for POST /api/clientnotifications where the doc lists 20020 under 400).
    ``system`` (userId 1): the platform's own user; it cannot log in and logout calls answer 403 for it.
    Broker ``ITI`` (namespace ``default``, clearing code ``ITI``); categories Commissions (Default, VIP),
    DxBroRiskControl (Standard, Strict), RankedGroupCommissions (Tier1, Tier2); client groups
    ``default@traders``, ``default@vip`` (ancestor traders), ``default@operators``.

Link to the shared engine (the CHP simulator's portfolios)
    Each CHP user's portfolio ``ST<code>-MO-NN`` is the LIVE RUB account clearingCode ``ITI``, accountCode =
    the portfolio name (``ITI/ST100001-MO-01``), owned by the same login in domain ``default``; its money is
    the engine account ``chp:<login>:<portfolio>``. Any other account (``trader2``'s ``ITI/TR2-USD-01``, 10000
    USD; accounts made through the API) has the engine account ``dx:<clearing>:<account>``. ``balance`` is the
    engine's total of the account currency; the "withdrawable amount" is what orders do not hold. Deposits,
    withdrawals and adjustments move money between the account and the engine's street account (the bank), so
    money is conserved. Trade permissions and account status go to the shared registry
    ``services/simulator/permissions.py``: CHP Order/Place on a portfolio whose owner lost the permission, or
    whose account is NO_TRADING / TERMINATED / EXPIRED, is refused: Error #30, cause #1 with the reason in its
    message (the CHP code list has no better cause).

Sessions (dxWeb)
    ``POST /login`` ``{username, domain, password}`` -> ``{sessionToken, timeout}`` (timeout 1800000 ms of the
    simulator clock); without ``password`` and with an Authorization of a LOGIN_ON_BEHALF holder, a session on
    behalf of ``username``. Wrong credentials: 403 ``{errorCode: 30016}``. ``Authorization: DXAPI <token>`` or
    ``Basic base64(login@domain:password)`` on every other call; missing/unknown: 401 (30017), bad Basic
    credentials 401 (30016). ``POST /ping``: when less than half the lifetime is left the expiry moves by half
    the original lifetime; answers ``{sessionToken, timeout}`` with ``timeout`` = ms left; an expired or
    unknown session: 403 without a body. Logging in shows the user's live notifications (sets ``readTime``).
    ``/checkLogin`` (GET query, POST form): 200 empty if the password or SSO token is right, 400 for a missing
    parameter, 500 ``{errorCode: 30016}`` otherwise. ``/generateToken`` (caller authenticated; another user
    needs LOGIN_ON_BEHALF, else 403 without a body; an unknown user 500 / 30001) and ``/getSSOToken``
    (``dxCoreSessionToken`` = a live session token, ``tokenDuration`` ms, default 300000, at most a day;
    unknown session: 500 / 30023) answer the SSO token as text/plain. ``/getSSOTokenInfo`` (form ``token``):
    ``{expirationTime (epoch ms), userName, userDomain, userId, serialNumber}``; 400 without a body when
    unknown or expired. ``/logoutUserById`` and ``/logoutUserByLogin`` need an authenticated caller
    (themselves, or LOGIN_ON_BEHALF for someone else) and end every session of the user;
    ``/logoutUserByToken`` is authorised by the token itself (a session or SSO token of that user, else 403 /
    20020). They answer text ``"<n> session(s) closed"``; a missing parameter 400, the system user 403, an
    unknown user 404 (without bodies, as documented).

Transfers
    POST .../{deposit|withdrawal|adjustment} makes a transfer (id ``T<n>``, or the body's ``transferId``): 201
    with the transfer model and ``transferId``. PUT .../{kind}/{id}: a new id makes it (201); the same id with
    the same body answers the transfer again (200, no money moves: a retry is safe); the same id with a new
    amount or description edits it (200, only the difference moves); the same id on another account, kind or
    currency is 409 / 30010. Currency other than the account's: 400 / 30008; amount <= 0 (deposit, withdrawal)
    or 0 (adjustment): 400 / 30012; more than the withdrawable amount: 422 / 30009; a terminated account: 409
    / 30015. There is no documented read of transfers: the history is kept in the state only.

Clients and groups
    Every client answer carries ``ETag: "<version>"``; the version moves on each change of the client (update,
    new account, group membership). Group add/remove require ``If-Match`` (the ETag or ``*``): missing or
    stale is 409 / 30011; PUT client takes an optional If-Match. POST client: domain defaults to the broker's
    namespace, broker to ``ITI``; accounts default to CLIENT, FULL_TRADING, MARGIN, DEMO and the broker's
    clearing code; ``accountAccess`` TRADE (default) gives the owner the trade permission. DELETE client (not
    the caller, not system): its accounts become TERMINATED, ownerless. Disable: status DISABLED, sessions
    ended, accounts TERMINATED (409 / 30021 if already disabled); its undefined body may be any JSON object.
    Account groups: PUT .../category/{c} body ``{value}`` (``{category, value}`` too); the value must exist in
    the broker's category (404 / 30003). Broker categories: POST adds a category or new values (an existing
    value: 400 / 30013); PUT renames a value (accounts follow); DELETE removes the listed values, or the whole
    category when none is listed. A DEMO account past its ``expirationDate`` becomes EXPIRED (checked on each
    request). Market data: the ``accountId`` must be a client's ``dxFeedAccountId`` (404 / 30007); answers
    text ``OK``.

Notifications
    POST answers the new id (``N<n>``) as text. ``subject`` at most 255 characters (20028), ``message`` 4000
    (20029): the doc names these limits but not their size. ``expirationDate`` must be in the future (20030);
    recipients must exist (20027) and be clients (20014); ``sendToAll`` ALL = every client, LIVE / DEMO = the
    clients with such an account; neither recipients nor sendToAll: 20001. Delivery: ``readTime`` is set when
    the recipient logs in before expiry, ``acknowledgmentTime`` when the recipient's platform acknowledges
    (``DxState.acknowledge``: no documented endpoint does it). ``recipients`` query: ``login@domain`` each
    (else 400 / 30020). PUT .../date/{expirationDate} answers the id as text.

Transaction import
    A JSON array of Transaction models (the doc's body parameter; not a file upload). Each row on its own:
    created / updated / deleted ids, or a failed row ``{transactionId, errorCode, errorText}``: bad or empty
    id (``sessionCode:actionCode``), unknown account (clearing code defaults to ``ITI``), symbol neither the
    account currency (a cash row: moves ``cashEffect``, else ``quantity``) nor an engine instrument, missing
    cost basis or a cost basis of the quantity's sign, CREATE of a TRADE, UPDATE/DELETE of an unknown id,
    UPDATE changing the account or activity type, or money / position that is not there to take. A non-cash
    row moves the position (the instrument's engine asset) and ``cashEffect`` (or ``costBasis`` with
    ``calculateCashEffect``); commissions, fees and taxes are checked (>= 0) and kept, not charged.

Error body ``{errorCode, errorMessage[, errorDetails]}``. Codes: the doc's 10001, 20001, 20008, 20014, 20020,
20022, 20027-20030, 30007, 30014, 30019, 30020; the simulator's own, for failures the doc gives no code: 30001
client, 30002 broker, 30003 category, 30004 group not found; 30005 client, 30006 account exists; 30008
currency; 30009 funds; 30010 transfer id conflict; 30011 version; 30012 amount; 30013 group exists; 30015
terminated; 30016 authentication failed; 30017 authentication required; 30018 broker mismatch; 30021 already
disabled; 30022 no such trade permission; 30023 session not found. Unknown paths / verbs: the HTTP status
with ``{errorCode: 10001}``.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.simulator.apis.dxregister import accounts, brokers, clients, notifications, transactions, web
from services.simulator.apis.dxregister.seed import seed
from services.simulator.apis.dxregister.state import VENUE_ID, DxState
from services.simulator.context import SimulatorContext


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse(
        {"errorCode": 10001, "errorMessage": f"Unknown error: {exc.detail}"}, status_code=exc.status_code
    )


def dx_state(ctx: SimulatorContext) -> DxState:
    """The venue's state (seeded on first use)."""
    state = ctx.venue_state.get(VENUE_ID)
    if not isinstance(state, DxState):
        state = ctx.venue_state[VENUE_ID] = DxState(ctx)
        seed(state)
    return state


def create_app(ctx: SimulatorContext) -> Starlette:
    state = dx_state(ctx)
    routes = [
        *web.routes(state),
        *notifications.routes(state),
        *accounts.routes(state),
        *brokers.routes(state),
        *clients.routes(state),
        *transactions.routes(state),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.state.dxregister = state
    return app
