"""Simulated ITI Capital CHP_Rest (the SmartCOM bridge) on the shared market engine.

Mount and transport
    Mounted at the server ROOT: ``POST /{Controller}/{Action}`` (``/Auth/Connected``, ``/Order/Place``, ...),
    JSON body with ``token``; any other verb is 405, any other path 404. Every answer is HTTP 200 with the
    envelope ``{method, result: true, data: [...]}``; ``method`` is the Action (``"Connected"``, ``"Place"``).

Users, tokens, portfolios
    Demo user ``demo`` / password ``demo``; the server access token is ``demo``. The doc gives every call,
    Connected included, the same ``token`` (the server access token), and the public Python client sends the
    token given to its constructor in every body: so after Auth/Connected with the server token, EVERY call
    may carry the server token, which then stands for the session that Connected (or Reconnection) opened
    last with it. The Connected row ``data: [{token, work: 1, exchange: 1, login, password}]`` also offers a
    NEW session token, which is honoured the same way (a client may carry either; the designed choice where
    the doc is silent). A session expires after ``TOKEN_TTL`` = 600 s of the simulator clock without a
    request, or when the session-expiry fault strikes (``/_sim/faults``, ``expire_session``): the answer is
    then Error #5, whichever token is carried, until Auth/Reconnection (or Connected).

    Auth/Connected with the server token always opens a new session (and the server token stands for it from
    then on; earlier sessions stay reachable by their own session tokens); with a live session token: Error
    #3 / #2 (already authorised). Auth/Reconnection: a live session (by its session token, or the server
    token's live session) is renewed in place (same session, subscriptions and queues kept); the server token
    without a live session, or an expired session token of the login, opens a new session (no subscriptions;
    other sessions of the login stay). Any other token: Error #3 / #6.

    Auth/Disconnected ends the session of a session token (or, with the server token, every session of the
    login) and answers the Connected row with ``work: 0, exchange: 0``.

    Each user has two portfolios, ``ST100001-MO-01`` (1 000 000 RUB and 10 lots of each of the first three
    catalog stocks) and ``ST100001-MO-02`` (250 000 RUB); engine accounts ``chp:<login>:<portfolio>`` that may
    go short. GetPortfolioList rows: ``{row, nrows, portfolioName, portfolioExch: "MOEX", portfolioStatus:
    0}``.

Instruments (the engine's ``MOEX`` stocks)
    GetSymbols rows as the notes give them: ``symbol``/``short_name`` the ticker, ``long_name`` the
    description, ``type`` "SHARE", ``decimals``, ``lot_size`` (int), ``punkt`` = lot size (money value of a
    1.0 move of one lot), ``step``, ``sec_ext_id`` null, ``sec_exch_name`` "MOEX", ``expiryDate`` null,
    ``days_before_expiry`` 0, ``strike`` 0.

    GetBars ``{since, interval, symbol, count}``: interval 1..13 (1, 5, 10, 15, 30, 60 min, 2 h, 4 h, day,
    week, calendar month, quarter, year; quarters and years folded from months). ``count`` > 0 walks BACK: the
    ``count`` bars opening at or before ``since``; ``count`` < 0 walks forward: the first ``-count`` opening
    at or after it; at most 5000. Rows oldest first: ``{row, nrows, symbol, interval, datetime, open, high,
    low, close, volume (int), openInt: 0}``.

    GetTrades ``{from, symbol, count}`` (wire key ``from``): the same sign rule over the newest 5000 prints;
    rows ``{row, nrows, symbol, DateTime, Price, volume, tradeNo, Action}``, ``Action`` the aggressor (1 buy,
    2 sell).

    Times are ``YYYY-MM-DDThh:mm:ss`` in UTC (the notes show no zone); request times may also be
    ``YYYY-MM-DD hh:mm:ss`` or ``YYYY-MM-DD``.

Subscriptions (per token; drained by Update*/Add*/Set*; each queue keeps at most 10 000 rows)
    Listen*/Cancel* answer ``data: [{description: "subscription to GAZP placed"}]`` (``... canceled``).

    UpdateQuote: for each listened symbol whose top of book changed or that traded since the previous drain,
    ONE row (the latest) with the notes' quote fields: ``open/high/low`` of today's daily bar, ``close`` the
    previous day's close, ``last``, ``volume`` today's (int), ``size`` the last print's (int), ``bid, ask``,
    ``bidSize, askSize`` (ints, as the notes type them), ``step_Price`` = price step; ``open_Int, go_*,
    high_Limit, low_Limit, trading_Status, volat, theor_Price`` 0. The first drain after Listen always has
    the symbol.

    UpdateBidAsk: for each listened symbol whose 10-level book changed, the whole book as rows
    ``{Symbol, Row, NRows, Bid, BidSize, Ask, AskSize}`` (Row 0 = best; a missing side at a level is 0/0).

    AddTick: every print of the listened symbols, ``{Symbol, DateTime, Price, Volume, TradeNo, Action}``.

Portfolio events (ListenPortfolio / CancelPortfolio; shapes follow the SmartCOM3 events of the same names)
    ListenPortfolio queues a snapshot: UpdateOrder rows of the working orders, every open position, the money.

    UpdateOrder ``{portfolio, symbol, state, action, type, validity, price, amount, stop, filled, datetime,
    orderid, orderno (= orderid), status_mask: 0, cookie}``, one row per order change. ``state`` (SmartCOM
    StOrder_State): 1 Pending (stop waiting for its trigger), 2 Open, 3 Expired, 4 Cancel, 5 Filled, 6
    Partial, 8 SystemReject (also -1 ContragentReject, 0 Submitted, 7 ContragentCancel, 9 SystemCancel, never
    sent here).

    AddTrade ``{portfolio, symbol, orderid, price, amount (signed: negative for a sale), datetime, tradeno}``.

    UpdatePosition ``{portfolio, symbol, avprice, amount (signed), planned (amount once every working order
    has filled)}``, the latest per changed position. SetPortfolio ``{portfolio, cash (money not held by
    orders), leverage: 1, comission (fees paid), saldo (money balance)}``, the latest per changed portfolio.

    GetMyPortfolioData ``{mode, portfolio}`` answers ONE row ``{SetMyOrder: [...], SetMyTrade: [...],
    SetMyClosePos: [...]}`` (the legacy SetMy* events): SetMyOrder rows are UpdateOrder rows with
    ``id``/``no`` for ``orderid``/``orderno`` and ``row, nrows`` (mode 1: working orders, 2: all); SetMyTrade
    ``{row, nrows, portfolio, symbol, datetime, price, volume, tradeno, buysell (1/2), orderno}``;
    SetMyClosePos ``{row, nrows, portfolio, symbol, amount, price_buy, price_sell, postime, order_open,
    order_close}`` (round trips, FIFO).

Orders
    Order/Place ``{portfolio, symbol, action 1..4, type 1..4, validity 1 Day / 2 GTC, price, amount, stop,
    cookie}``; ``amount`` in shares (a multiple of the lot size); ``price`` is read only for limit and
    stop-limit, ``stop`` only for stop and stop-limit. Sell and Short sell, Buy and Cover buy; positions may
    go short (short sales are not limited). A buy needs its amount times its price (limit, else stop, else the
    best ask) in money not held by other orders (leverage 1), else Error #30 / #35. GTC orders live until
    canceled (the 30-day limit is not enforced). Success ``data: [{Cookie, Orderid}]``.

    Order/Move ``{portfolio, symbol, orderid, targetprice}`` re-prices the order (a stop order still waiting
    for its trigger gets a new stop); Order/Cancel ``{portfolio, symbol, orderid}``; both answer ``[{OrderId,
    Result: true}]``.

Failures: ``{method, result: false, reason: "Error #N", additional (Russian), dataParam: [<request body>],
dataError | errorData: [cause]}``. Auth/* list the cause under ``dataError`` as ``{method, reason,
additional}``, the other calls under ``errorData`` as ``{method, reason, message, additional}``. No ``data``
key, except Order/*: Place ``[{Cookie, Orderid: "", reason}]`` (and an UpdateOrder row with state 8 for the
cookie), Move/Cancel ``[{OrderId, Result: false}]``. Reasons (top level / nested):

- #1 bad request: a field missing or mistyped (named in the texts); top level, or nested under #30
- #3 could not connect / #2 already authorised, #4 wrong login or password, #6 unknown server token,
  #5 (Disconnected with neither a session token nor the server token)
- #5 token unknown or expired (any non-Auth call): connect again with Auth/Reconnection
- #11 request failed / #21 unknown symbol, #22 unknown portfolio
- #12 subscription failed / #20 already exists, #21, #22
- #13 unsubscription failed / #23 no such subscription
- #30 order rejected / #1, #21, #22, #32 bad amount, #33 bad price, #34 bad type, #35 insufficient funds,
  #36 no liquidity
- #40 move failed, #41 cancel failed / #37 unknown order, #38 cannot be changed, #33 bad price
"""

from __future__ import annotations

import json

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from services.chp.schemas import ErrorCode
from services.simulator.apis.chp.handlers import AUTH, CALLS
from services.simulator.apis.chp.state import ChpState
from services.simulator.apis.chp.wire import Refused, failure, ok
from services.simulator.context import SimulatorContext

VENUE_ID = "chp"
CALL_PATH = r"^/[A-Z][A-Za-z]*/[A-Za-z]+$"  # /{Controller}/{Action}: the calls a session-expiry fault ends


def create_app(ctx: SimulatorContext) -> Starlette:
    state = ctx.venue_state.get(VENUE_ID)
    if not isinstance(state, ChpState):
        state = ctx.venue_state[VENUE_ID] = ChpState(ctx)
    chp_state = state
    ctx.faults.register_session(VENUE_ID, CALL_PATH, lambda scope: chp_state.expire())

    async def endpoint(request: Request) -> JSONResponse | PlainTextResponse:
        controller, action = request.path_params["controller"], request.path_params["action"]
        auth = controller == "Auth"
        handler = AUTH.get(action) if auth else CALLS.get((controller, action))
        if handler is None:
            return PlainTextResponse("Not Found", status_code=404)
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        ctx.engine.advance()
        state.sweep()
        try:
            if not isinstance(body, dict):
                raise Refused(ErrorCode.BAD_REQUEST, detail="body")
            session = None if auth else state.live(body.get("token"))
            if not auth and session is None:
                raise Refused(ErrorCode.BAD_TOKEN)
            return JSONResponse(ok(action, handler(state, session, body)))
        except Refused as refusal:
            return JSONResponse(failure(action, body, refusal, auth=auth))

    return Starlette(routes=[Route("/{controller}/{action}", endpoint, methods=["POST"])])
