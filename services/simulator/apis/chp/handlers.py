"""The CHP_Rest calls of the simulator: one function per ``Controller/Action``.

Each takes the state, the session (None for Auth/*) and the JSON body, and returns the ``data`` rows or raises
:class:`Refused`. The engine has been advanced to "now" before any of them runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from services.chp.schemas import Action, BarInterval, ErrorCode, OrderType, PortfolioDataMode, Validity
from services.simulator.apis.chp import rows
from services.simulator.apis.chp.state import MARKET, USERS, ChpState, Session
from services.simulator.apis.chp.wire import ENGINE_CAUSES, Refused, integer, moment, number, text
from services.simulator.context import DEMO_SERVER_TOKEN
from services.simulator.engine.types import BarArrays, OrderRejected, SimOrderState, SimOrderType, SimSide
from services.simulator.permissions import trade_permissions, trader_id  # dxRegister link (Order/Place)

Body = Mapping[str, Any]
Rows = list[dict[str, Any]]
MAX_COUNT = 5000  # GetBars / GetTrades answer at most this many rows
TRADES_SCANNED = 5000  # GetTrades looks at the newest this many prints (what the engine keeps)


def _enum(enum: type[Any], body: Body, name: str) -> Any:
    value = integer(body, name)
    if value not in enum._value2member_map_:
        raise Refused(ErrorCode.BAD_REQUEST, detail=name)
    return enum(value)


# ------------------------------------------------------------------------------------------------ Auth
def _connect_row(token: str, login: str, password: str, working: bool) -> Rows:
    flag = int(working)
    return [{"token": token, "work": flag, "exchange": flag, "login": login, "password": password}]


def _open(state: ChpState, login: str, password: str) -> Rows:
    """A new session of ``login``, which the server token stands for from now on."""
    session = state.open_session(login)
    state.bind_server_token(DEMO_SERVER_TOKEN, session)
    return _connect_row(session.token, login, password, True)


def connected(state: ChpState, _: None, body: Body) -> Rows:
    """A new session for the server token; a live session token is "already authorised"."""
    login, password = text(body, "login"), text(body, "password")
    state.authenticate(login, password)
    token = body.get("token")
    if token == DEMO_SERVER_TOKEN:
        return _open(state, login, password)
    live = state.live(token)
    if live is not None and live.login == login:
        raise Refused(ErrorCode.CONNECT_FAILED, ErrorCode.ALREADY_AUTHORISED)
    raise Refused(ErrorCode.CONNECT_FAILED, ErrorCode.BAD_SERVER_TOKEN)


def reconnection(state: ChpState, _: None, body: Body) -> Rows:
    """A live session (by its token, or the server token's) is renewed in place (same session token,
    subscriptions and queues kept); the server token or an expired token of this login opens a new session
    (without subscriptions)."""
    login, password = text(body, "login"), text(body, "password")
    state.authenticate(login, password)
    token = body.get("token")
    live = state.live(token)
    if live is not None and live.login == login:
        return _connect_row(live.token, login, password, True)
    if token != DEMO_SERVER_TOKEN and (not isinstance(token, str) or state.issued.get(token) != login):
        raise Refused(ErrorCode.CONNECT_FAILED, ErrorCode.BAD_SERVER_TOKEN)
    return _open(state, login, password)


def disconnected(state: ChpState, _: None, body: Body) -> Rows:
    """Ends the session of a session token, or every session of the login for the server token."""
    login, password = text(body, "login"), text(body, "password")
    state.authenticate(login, password)
    token = body.get("token")
    live = None if token == DEMO_SERVER_TOKEN else state.live(token)
    if live is not None and live.login == login:
        state.expire(live.token)
    elif token == DEMO_SERVER_TOKEN:
        state.end_sessions(login)
    else:
        raise Refused(ErrorCode.CONNECT_FAILED, ErrorCode.BAD_TOKEN)
    return _connect_row(str(token), login, password, False)


# ------------------------------------------------------------------------------------------------ Instruments
def get_symbols(state: ChpState, _: Session, body: Body) -> Rows:
    return rows.numbered([rows.symbol_row(spec) for spec in state.specs.values()])


def _count(body: Body) -> int:
    count = integer(body, "count")
    return max(-MAX_COUNT, min(MAX_COUNT, count))


def get_bars(state: ChpState, _: Session, body: Body) -> Rows:
    """``count`` > 0: the ``count`` bars that open at or before ``since``; < 0: the first ``-count`` that open
    at or after it. Oldest first either way."""
    since, count = moment(body, "since"), _count(body)
    interval = _enum(BarInterval, body, "interval")
    spec = state.spec(text(body, "symbol"), ErrorCode.REQUEST_FAILED)
    if count == 0:
        return []
    now = state.ctx.clock.now()
    months = rows.INTERVAL_MONTHS.get(interval)
    length: int | str = "1M" if months else rows.INTERVAL_SECONDS[interval]
    fetch = abs(count) * (months or 1) + (months or 1)
    if count > 0:
        bars = state.engine.bars(spec.key, length, end=min(since, now) + 0.001, limit=fetch)
    else:
        bars = state.engine.bars(spec.key, length, start=since, limit=fetch)
    if months and months > 1:
        bars = rows.group_months(bars, months)
    picked = [i for i in range(len(bars))
              if bars.time[i] <= now and (bars.time[i] <= since if count > 0 else bars.time[i] >= since)]
    picked = picked[-count:] if count > 0 else picked[:-count]
    return rows.bar_rows(spec.symbol, interval, _take(bars, picked))


def _take(bars: BarArrays, picked: list[int]) -> BarArrays:
    return BarArrays(*(getattr(bars, f)[picked] for f in ("time", "open", "high", "low", "close", "volume")))


def get_trades(state: ChpState, _: Session, body: Body) -> Rows:
    """Wire key ``from``; ``count`` signed as in GetBars. Oldest first."""
    since, count = moment(body, "from"), _count(body)
    spec = state.spec(text(body, "symbol"), ErrorCode.REQUEST_FAILED)
    if count == 0:
        return []
    prints = state.engine.trades(spec.key, limit=TRADES_SCANNED)
    if count > 0:
        picked = [t for t in prints if t.time <= since][-count:]
    else:
        picked = [t for t in prints if t.time >= since][:-count]
    return rows.trade_rows(spec.symbol, picked)


def _listen(table: dict[str, Any] | set[str], state: ChpState, body: Body) -> Rows:
    symbol = text(body, "symbol")
    state.spec(symbol, ErrorCode.SUBSCRIBE_FAILED)
    if symbol in table:
        raise Refused(ErrorCode.SUBSCRIBE_FAILED, ErrorCode.ALREADY_SUBSCRIBED, symbol)
    if isinstance(table, dict):
        table[symbol] = None
    else:
        table.add(symbol)
    return [{"description": f"subscription to {symbol} placed"}]


def _cancel(table: dict[str, Any] | set[str], body: Body) -> Rows:
    symbol = text(body, "symbol")
    if symbol not in table:
        raise Refused(ErrorCode.UNSUBSCRIBE_FAILED, ErrorCode.NOT_SUBSCRIBED, symbol)
    if isinstance(table, dict):
        del table[symbol]
    else:
        table.discard(symbol)
    return [{"description": f"subscription to {symbol} canceled"}]


def listen_quotes(state: ChpState, session: Session, body: Body) -> Rows:
    return _listen(session.quotes, state, body)


def update_quote(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain_quotes(session)


def cancel_quotes(state: ChpState, session: Session, body: Body) -> Rows:
    return _cancel(session.quotes, body)


def listen_ticks(state: ChpState, session: Session, body: Body) -> Rows:
    return _listen(session.ticks, state, body)


def add_tick(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain_ticks(session)


def cancel_ticks(state: ChpState, session: Session, body: Body) -> Rows:
    symbol = body.get("symbol")
    result = _cancel(session.ticks, body)
    session.tick_rows = type(session.tick_rows)((r for r in session.tick_rows if r["Symbol"] != symbol),
                                                maxlen=session.tick_rows.maxlen)
    return result


def listen_bid_asks(state: ChpState, session: Session, body: Body) -> Rows:
    return _listen(session.bid_asks, state, body)


def update_bid_ask(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain_bid_asks(session)


def cancel_bid_asks(state: ChpState, session: Session, body: Body) -> Rows:
    return _cancel(session.bid_asks, body)


# ----------------------------------------------------------------------------------------- AccountInformation
def get_portfolio_list(state: ChpState, session: Session, body: Body) -> Rows:
    return rows.numbered([{"portfolioName": name, "portfolioExch": MARKET, "portfolioStatus": 0}
                          for name in USERS[session.login].portfolios])


def listen_portfolio(state: ChpState, session: Session, body: Body) -> Rows:
    portfolio = text(body, "portfolio")
    state.portfolio(session, portfolio, ErrorCode.SUBSCRIBE_FAILED)
    if portfolio in session.portfolios:
        raise Refused(ErrorCode.SUBSCRIBE_FAILED, ErrorCode.ALREADY_SUBSCRIBED, portfolio)
    session.portfolios.add(portfolio)
    state.queue_portfolio_snapshot(session, portfolio)
    return [{"description": f"subscription to {portfolio} placed"}]


def cancel_portfolio(state: ChpState, session: Session, body: Body) -> Rows:
    portfolio = text(body, "portfolio")
    if portfolio not in session.portfolios:
        raise Refused(ErrorCode.UNSUBSCRIBE_FAILED, ErrorCode.NOT_SUBSCRIBED, portfolio)
    session.portfolios.discard(portfolio)
    for queue in (session.order_rows, session.trade_rows):
        kept = [r for r in queue if r["portfolio"] != portfolio]
        queue.clear()
        queue.extend(kept)
    return [{"description": f"subscription to {portfolio} canceled"}]


def update_order(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain(session.order_rows)


def update_position(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain_positions(session)


def add_trade(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain(session.trade_rows)


def set_portfolio(state: ChpState, session: Session, body: Body) -> Rows:
    return state.drain_portfolios(session)


# --------------------------------------------------------------------------------------------- HistoricalData
def get_my_portfolio_data(state: ChpState, session: Session, body: Body) -> Rows:
    """One row: ``SetMyOrder`` (mode 1: working orders, 2: all), ``SetMyTrade`` and ``SetMyClosePos``."""
    mode = _enum(PortfolioDataMode, body, "mode")
    portfolio = text(body, "portfolio")
    account = state.portfolio(session, portfolio, ErrorCode.REQUEST_FAILED)
    active = True if mode is PortfolioDataMode.ACTIVE else None
    orders: list[dict[str, Any]] = []
    trades: list[dict[str, Any]] = []
    closed: list[dict[str, Any]] = []
    for order in state.engine.orders(account, active=active):
        if order.key in state.by_key:
            orders.append(rows.my_order_row(order, portfolio, state.by_key[order.key].symbol))
    for spec in state.specs.values():
        fills = state.engine.fills(account, key=spec.key)
        trades.extend(rows.my_trade_row(f, portfolio, spec.symbol) for f in fills)
        closed.extend(rows.closed_position_rows(fills, portfolio, spec.symbol))
    trades.sort(key=lambda r: (r["datetime"], r["tradeno"]))
    return [{"SetMyOrder": rows.numbered(orders), "SetMyTrade": rows.numbered(trades),
             "SetMyClosePos": rows.numbered(closed)}]


# ------------------------------------------------------------------------------------------------ Order
def place(state: ChpState, session: Session, body: Body) -> Rows:
    """Price and stop are read only for the types that use them (the doc's own example sends both with a
    market order). A refusal answers ``data: [{Cookie, Orderid: "", reason}]`` and queues an UpdateOrder row
    with state SystemReject for the cookie."""
    cookie = integer(body, "cookie")
    portfolio, symbol = text(body, "portfolio"), text(body, "symbol")
    try:
        account = state.portfolio(session, portfolio, ErrorCode.ORDER_REJECTED)
        # --- dxRegister link: no order on a portfolio whose trade permission the back office removed.
        if denied := trade_permissions(state.ctx).denial(account, trader_id(session.login)):
            raise OrderRejected("not_permitted", f"{portfolio}: {denied}")
        # --- end of the dxRegister link
        spec = state.spec(symbol, ErrorCode.ORDER_REJECTED)
        action = _enum(Action, body, "action")
        kind = _enum(OrderType, body, "type")
        validity = _enum(Validity, body, "validity")
        amount = number(body, "amount")
        price = number(body, "price") if kind in (OrderType.LIMIT, OrderType.STOP_LIMIT) else None
        stop = number(body, "stop") if kind in (OrderType.STOP, OrderType.STOP_LIMIT) else None
        if rows.SIDES[action] is SimSide.BUY:
            state.check_buying_power(account, spec, amount, price or stop)
        order = state.engine.submit(account, spec.key, rows.SIDES[action], rows.ENGINE_TYPES[kind], amount,
                                    price=price, stop_price=stop, tif=rows.ENGINE_TIFS[validity],
                                    client_id=str(cookie), tag=str(int(action)))
    except (Refused, OrderRejected) as exc:
        refusal = _order_refusal(exc, ErrorCode.ORDER_REJECTED)
        refusal.data = [{"Cookie": cookie, "Orderid": "", "reason": str(refusal)}]
        state.queue_rejection(session, rows.rejected_order_row(portfolio, symbol, dict(body), cookie,
                                                               state.ctx.clock.now()))
        raise refusal from None
    return [{"Cookie": cookie, "Orderid": order.order_id}]


def _order_refusal(exc: Refused | OrderRejected, code: ErrorCode) -> Refused:
    if isinstance(exc, Refused):
        return Refused(code, exc.cause if exc.code is not ErrorCode.BAD_REQUEST else ErrorCode.BAD_REQUEST,
                       exc.detail)
    return Refused(code, ENGINE_CAUSES.get(exc.code, ErrorCode.BAD_REQUEST), exc.message)


def _own_order(state: ChpState, session: Session, body: Body, code: ErrorCode) -> Any:
    account = state.portfolio(session, text(body, "portfolio"), code)
    order_id, symbol = text(body, "orderid"), text(body, "symbol")
    spec = state.spec(symbol, code)
    try:
        order = state.engine.order(order_id)
    except (KeyError, OrderRejected):
        order = None
    if order is None or order.account != account or order.key != spec.key:
        raise Refused(code, ErrorCode.UNKNOWN_ORDER, order_id)
    return order


def move(state: ChpState, session: Session, body: Body) -> Rows:
    """``targetprice`` re-prices the order; a stop order still waiting for its trigger gets a new stop."""
    order_id = str(body.get("orderid", ""))
    try:
        order = _own_order(state, session, body, ErrorCode.MOVE_FAILED)
        target = number(body, "targetprice")
        if order.state is SimOrderState.PENDING_TRIGGER and order.type is SimOrderType.STOP:
            state.engine.modify(order.order_id, stop_price=target)
        else:
            state.engine.modify(order.order_id, price=target)
    except (Refused, OrderRejected) as exc:
        refusal = _order_refusal(exc, ErrorCode.MOVE_FAILED)
        refusal.data = [{"OrderId": order_id, "Result": False}]
        raise refusal from None
    return [{"OrderId": order_id, "Result": True}]


def cancel(state: ChpState, session: Session, body: Body) -> Rows:
    order_id = str(body.get("orderid", ""))
    try:
        order = _own_order(state, session, body, ErrorCode.CANCEL_FAILED)
        state.engine.cancel(order.order_id)
    except (Refused, OrderRejected) as exc:
        refusal = _order_refusal(exc, ErrorCode.CANCEL_FAILED)
        refusal.data = [{"OrderId": order_id, "Result": False}]
        raise refusal from None
    return [{"OrderId": order_id, "Result": True}]


Handler = Callable[[ChpState, Any, Body], Rows]
AUTH: dict[str, Handler] = {
    "Connected": connected,
    "Reconnection": reconnection,
    "Disconnected": disconnected,
}
CALLS: dict[tuple[str, str], Handler] = {
    ("Instruments", "GetSymbols"): get_symbols,
    ("Instruments", "GetBars"): get_bars,
    ("Instruments", "GetTrades"): get_trades,
    ("Instruments", "ListenQuotes"): listen_quotes,
    ("Instruments", "UpdateQuote"): update_quote,
    ("Instruments", "CancelQuotes"): cancel_quotes,
    ("Instruments", "ListenTicks"): listen_ticks,
    ("Instruments", "AddTick"): add_tick,
    ("Instruments", "CancelTicks"): cancel_ticks,
    ("Instruments", "ListenBidAsks"): listen_bid_asks,
    ("Instruments", "UpdateBidAsk"): update_bid_ask,
    ("Instruments", "CancelBidAsks"): cancel_bid_asks,
    ("HistoricalData", "GetMyPortfolioData"): get_my_portfolio_data,
    ("AccountInformation", "GetPortfolioList"): get_portfolio_list,
    ("AccountInformation", "ListenPortfolio"): listen_portfolio,
    ("AccountInformation", "CancelPortfolio"): cancel_portfolio,
    ("AccountInformation", "UpdateOrder"): update_order,
    ("AccountInformation", "UpdatePosition"): update_position,
    ("AccountInformation", "AddTrade"): add_trade,
    ("AccountInformation", "SetPortfolio"): set_portfolio,
    ("Order", "Place"): place,
    ("Order", "Move"): move,
    ("Order", "Cancel"): cancel,
}
