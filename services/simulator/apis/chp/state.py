"""Users, portfolios, session tokens and the per-token event queues of the CHP simulator."""

from __future__ import annotations

import secrets
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from services.chp.schemas import ErrorCode
from services.simulator.apis.chp import rows
from services.simulator.apis.chp.wire import Refused, num
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, SimulatorContext
from services.simulator.engine.types import (
    AccountConfig,
    EngineEvent,
    FillEvent,
    InstrumentSpec,
    OrderEvent,
    SimSide,
    TradeEvent,
)

MARKET = "MOEX"
CURRENCY = "RUB"
TOKEN_TTL = 600.0  # simulated seconds without a request before a session token expires
QUEUE_LIMIT = 10_000  # rows kept per queue of a token; the oldest go first
# Opening state of every user's two portfolios: money, and lots of the first catalog stocks (in portfolio 01).
OPENING_MONEY = {"01": Decimal(1_000_000), "02": Decimal(250_000)}
OPENING_LOTS = {"01": 10, "02": 0}
OPENING_STOCKS = 3


@dataclass(frozen=True, slots=True)
class User:
    login: str
    password: str
    client_code: str  # the number in the portfolio names, "ST<code>-MO-01"

    @property
    def portfolios(self) -> list[str]:
        return [f"ST{self.client_code}-MO-{suffix}" for suffix in OPENING_MONEY]


USERS = {DEMO_LOGIN: User(DEMO_LOGIN, DEMO_PASSWORD, "100001")}


def account_of(login: str, portfolio: str) -> str:
    return f"chp:{login}:{portfolio}"


@dataclass
class Session:
    token: str
    login: str
    last_seen: float
    quotes: dict[str, tuple[Any, ...] | None] = field(default_factory=dict)  # symbol -> last quote sent
    bid_asks: dict[str, tuple[Any, ...] | None] = field(default_factory=dict)  # symbol -> last book sent
    ticks: set[str] = field(default_factory=set)
    portfolios: set[str] = field(default_factory=set)
    tick_rows: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=QUEUE_LIMIT))
    order_rows: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=QUEUE_LIMIT))
    trade_rows: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=QUEUE_LIMIT))
    changed_positions: dict[tuple[str, str], None] = field(default_factory=dict)  # ordered set
    changed_portfolios: dict[str, None] = field(default_factory=dict)


# Kept by a paper account (the portfolios' money and positions are the engine's): the opening positions'
# prices.
PAPER_FIELDS = ("openings",)


class ChpState:
    """Everything the CHP API keeps between requests. Engine events are sorted into the queues of the sessions
    that listen to their symbol or portfolio as they happen; quotes, books, positions and money are computed
    when drained (only what changed since the last drain of that token)."""

    def __init__(self, ctx: SimulatorContext, token_ttl: float = TOKEN_TTL) -> None:
        self.ctx = ctx
        self.engine = ctx.engine
        self.token_ttl = token_ttl
        self.specs: dict[str, InstrumentSpec] = {s.symbol: s for s in self.engine.instruments(MARKET)}
        self.by_base = {s.base: s for s in self.specs.values()}
        self.by_key = {s.key: s for s in self.specs.values()}
        self.sessions: dict[str, Session] = {}
        self.issued: dict[str, str] = {}  # every token ever issued -> its login (Reconnection accepts them)
        self.server_sessions: dict[str, str] = {}  # server access token -> the session token it stands for
        self.owners: dict[str, tuple[str, str]] = {}  # engine account -> (login, portfolio)
        self.openings: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}  # (account, symbol) -> qty, price
        for user in USERS.values():
            self._open_portfolios(user)
        self.engine.subscribe(self._on_event)  # for the engine's lifetime, like this state

    # ------------------------------------------------------------------------------------------ users
    def _open_portfolios(self, user: User) -> None:
        self.engine.advance()
        for portfolio in user.portfolios:
            account = account_of(user.login, portfolio)
            self.owners[account] = (user.login, portfolio)
            if self.engine.has_account(account):
                continue
            suffix = portfolio.rsplit("-", 1)[1]
            self.engine.open_account(AccountConfig(account, allow_short=True))
            self.engine.deposit(account, CURRENCY, OPENING_MONEY[suffix])
            for spec in list(self.specs.values())[:OPENING_STOCKS] if OPENING_LOTS[suffix] else []:
                quantity = spec.lot_size * OPENING_LOTS[suffix]
                self.engine.deposit(account, spec.base, quantity)
                self.openings[(account, spec.symbol)] = (quantity, self.engine.top(spec.key).last)

    def authenticate(self, login: str, password: str) -> User:
        user = USERS.get(login)
        if user is None or not secrets.compare_digest(user.password.encode(), password.encode()):
            raise Refused(ErrorCode.CONNECT_FAILED, ErrorCode.BAD_CREDENTIALS)
        return user

    def portfolio(self, session: Session, name: str, code: ErrorCode) -> str:
        """The engine account of ``name`` when it is one of the session user's portfolios."""
        if name not in USERS[session.login].portfolios:
            raise Refused(code, ErrorCode.UNKNOWN_PORTFOLIO, name)
        return account_of(session.login, name)

    def check_buying_power(self, account: str, spec: InstrumentSpec, amount: Decimal,
                           price: Decimal | None) -> None:
        """Buys (and covers) are limited to the money orders do not hold (leverage 1), valued at the order's
        price or, for a market order, the best ask; short sales are not limited (the engine account may go
        short)."""
        price = price if price is not None else self.engine.top(spec.key).ask
        money = self.engine.holding(account, CURRENCY).available
        if price is not None and price * amount > money:
            raise Refused(ErrorCode.ORDER_REJECTED, ErrorCode.INSUFFICIENT_FUNDS,
                          f"{price * amount} {CURRENCY} needed, {money} available")

    def spec(self, symbol: str, code: ErrorCode) -> InstrumentSpec:
        spec = self.specs.get(symbol)
        if spec is None:
            raise Refused(code, ErrorCode.UNKNOWN_SYMBOL, symbol)
        return spec

    # ------------------------------------------------------------------------------------------ sessions
    def open_session(self, login: str) -> Session:
        token = secrets.token_urlsafe(24)
        session = Session(token, login, self.ctx.clock.now())
        self.sessions[token] = session
        self.issued[token] = login
        return session

    def bind_server_token(self, server_token: str, session: Session) -> None:
        """From now on ``server_token`` in a body stands for ``session`` (the doc's one-token model)."""
        self.server_sessions[server_token] = session.token

    def live(self, token: object) -> Session | None:
        """The session of ``token`` (a session token, or a server token bound to one) if it has not expired;
        touches it."""
        if not isinstance(token, str):
            return None
        session = self.sessions.get(self.server_sessions.get(token, token))
        if session is None:
            return None
        now = self.ctx.clock.now()
        if now - session.last_seen > self.token_ttl:
            del self.sessions[session.token]
            return None
        session.last_seen = now
        return session

    def expire(self, token: str | None = None) -> None:
        """Ends one session (or all) as if it had been idle too long (tests, /_sim tools)."""
        for t in [token] if token else list(self.sessions):
            self.sessions.pop(t, None)

    def end_sessions(self, login: str) -> None:
        for token in [t for t, s in self.sessions.items() if s.login == login]:
            del self.sessions[token]

    def sweep(self) -> None:
        now = self.ctx.clock.now()
        for token in [t for t, s in self.sessions.items() if now - s.last_seen > self.token_ttl]:
            del self.sessions[token]

    # ------------------------------------------------------------------------------------------ engine events
    def _listeners(self, account: str) -> tuple[str, list[Session]]:
        owner = self.owners.get(account)
        if owner is None:
            return "", []
        login, portfolio = owner
        sessions = self.sessions.values()
        return portfolio, [s for s in sessions if s.login == login and portfolio in s.portfolios]

    def _on_event(self, event: EngineEvent) -> None:
        if isinstance(event, TradeEvent):
            spec = self.by_key.get(event.trade.key)
            if spec is not None:
                row = rows.tick_row(spec.symbol, event.trade)
                for session in self.sessions.values():
                    if spec.symbol in session.ticks:
                        session.tick_rows.append(row)
                    if spec.symbol in session.quotes:  # last, volume and size moved: the quote is news
                        session.quotes[spec.symbol] = None
            return
        item = event.order if isinstance(event, OrderEvent) else event.fill
        portfolio, sessions = self._listeners(item.account)
        spec = self.by_key.get(item.key)
        if not sessions or spec is None:
            return
        fill = isinstance(event, FillEvent)
        row = (rows.own_trade_row(event.fill, portfolio, spec.symbol) if isinstance(event, FillEvent)
               else rows.order_row(event.order, portfolio, spec.symbol))
        for session in sessions:
            (session.trade_rows if fill else session.order_rows).append(row)
            self.mark_changed(session, portfolio, spec.symbol)

    @staticmethod
    def mark_changed(session: Session, portfolio: str, symbol: str | None = None) -> None:
        if symbol is not None:
            session.changed_positions[(portfolio, symbol)] = None
        session.changed_portfolios[portfolio] = None

    def queue_rejection(self, session: Session, row: dict[str, Any]) -> None:
        for other in self.sessions.values():
            if other.login == session.login and row["portfolio"] in other.portfolios:
                other.order_rows.append(row)

    def queue_portfolio_snapshot(self, session: Session, portfolio: str) -> None:
        """What ListenPortfolio starts with: the working orders, every open position and the money."""
        account = account_of(session.login, portfolio)
        for order in self.engine.orders(account, active=True):
            spec = self.by_key.get(order.key)
            if spec is not None:
                session.order_rows.append(rows.order_row(order, portfolio, spec.symbol))
        for asset, holding in self.engine.holdings(account).items():
            if asset in self.by_base and holding.total != 0:
                self.mark_changed(session, portfolio, self.by_base[asset].symbol)
        self.mark_changed(session, portfolio)

    # ------------------------------------------------------------------------------------------ drains
    def drain_quotes(self, session: Session) -> list[dict[str, Any]]:
        out = []
        for symbol in session.quotes:
            spec = self.specs[symbol]
            top = self.engine.top(spec.key)  # brings the symbol up to now; its prints mark the quote as news
            signature = rows.quote_signature(top)
            if signature != session.quotes[symbol]:
                session.quotes[symbol] = signature
                out.append(rows.quote_row(self.engine, spec))
        return out

    def drain_bid_asks(self, session: Session) -> list[dict[str, Any]]:
        out = []
        for symbol, last in session.bid_asks.items():
            depth = self.engine.depth(self.specs[symbol].key, rows.BOOK_DEPTH)
            signature = (tuple(depth.bids), tuple(depth.asks))
            if signature != last:
                session.bid_asks[symbol] = signature
                out.extend(rows.bid_ask_rows(symbol, depth))
        return out

    def drain_ticks(self, session: Session) -> list[dict[str, Any]]:
        for symbol in session.ticks:  # the engine brings an instrument up to date (prints) when it is read
            self.engine.top(self.specs[symbol].key)
        return self.drain(session.tick_rows)

    @staticmethod
    def drain(queue: deque[dict[str, Any]]) -> list[dict[str, Any]]:
        out = list(queue)
        queue.clear()
        return out

    def drain_positions(self, session: Session) -> list[dict[str, Any]]:
        out = []
        for portfolio, symbol in session.changed_positions:
            if portfolio in session.portfolios:
                account = account_of(session.login, portfolio)
                out.append(self.position_row(account, portfolio, self.specs[symbol]))
        session.changed_positions.clear()
        return out

    def drain_portfolios(self, session: Session) -> list[dict[str, Any]]:
        out = [self.portfolio_row(account_of(session.login, p), p)
               for p in session.changed_portfolios if p in session.portfolios]
        session.changed_portfolios.clear()
        return out

    def position_row(self, account: str, portfolio: str, spec: InstrumentSpec) -> dict[str, Any]:
        """UpdatePosition row: ``amount`` signed; ``planned`` = amount after every working order fills."""
        opening = self.openings.get((account, spec.symbol), (Decimal(0), Decimal(0)))
        _, average = rows.average_price(self.engine.fills(account, key=spec.key), *opening)
        amount = self.engine.holding(account, spec.base).total
        planned = amount + sum(
            (o.remaining if o.side is SimSide.BUY else -o.remaining)
            for o in self.engine.orders(account, active=True, key=spec.key)
        )
        return {"portfolio": portfolio, "symbol": spec.symbol, "avprice": num(round(average, 6)),
                "amount": num(amount), "planned": num(planned)}

    def portfolio_row(self, account: str, portfolio: str) -> dict[str, Any]:
        """SetPortfolio row: ``saldo`` the money balance, ``cash`` what orders do not hold, ``comission`` the
        fees paid, ``leverage`` 1."""
        money = self.engine.holding(account, CURRENCY)
        fees = sum((f.fee for f in self.engine.fills(account) if f.fee_asset == CURRENCY), Decimal(0))
        return {"portfolio": portfolio, "cash": num(money.available), "leverage": 1.0,
                "comission": num(fees), "saldo": num(money.total)}
