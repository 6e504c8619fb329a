"""Async client of CHP_Rest: one method per documented call, answers parsed into :mod:`services.chp.schemas`
rows.

Every call is ``POST /{Controller}/{Action}`` with ``token`` in the body. ``Auth/Connected`` is sent the
server access token and answers with the session token that every later call carries (a server that echoes the
server token works the same way). Only the pure reads (GetSymbols, GetBars, GetTrades, GetPortfolioList,
GetMyPortfolioData) may be retried: Listen*/Cancel* change subscriptions, Update*/Add*/Set* drain the event
queues of the token, and Order/* trade, so they are sent exactly once.

A failure envelope raises :class:`VenueError` (``code`` = N of ``"Error #N"``, ``message`` = the reason with
its human text and nested causes, ``details`` = the envelope with every secret redacted), or
:class:`AuthError` when the token or the credentials are refused. A success envelope on HTTP 4xx/5xx is a
VenueError too (the status wins), and so is a ``result`` that is not ``true``.

Answers are parsed without ever raising anything but a project error: list answers row by row
(:func:`services.rows.parse_rows`: a bad row is dropped and logged once per kind), single-row answers
(Auth/*, Order/*, GetMyPortfolioData, Listen*/Cancel*) as a whole: a bad row is a VenueError, except for
Order/* where the server said ``result: true``: TransportError(outcome_unknown=True), to be reconciled.
"""

from __future__ import annotations

import contextlib
import itertools
import random
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from services.chp.schemas import (
    AUTH_FAILURES,
    Action,
    BarInterval,
    BarRow,
    BidAskRow,
    ConnectInfo,
    Description,
    Failure,
    MyPortfolioData,
    OrderActionResult,
    OrderRow,
    OrderType,
    OwnTradeRow,
    PlaceResult,
    PortfolioDataMode,
    PortfolioRow,
    PortfolioStateRow,
    PositionRow,
    QuoteRow,
    SymbolRow,
    TickRow,
    TradeRow,
    Validity,
    error_number,
    format_since,
)
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.http import VenueHttp, parse_json, redact
from services.rows import is_row_error, parse_row, parse_rows

VENUE = "chp"
DEFAULT_PORT = 5001  # of a CHP_Rest server, per the docs: base URL ``http://{host}:5001``
R = TypeVar("R", bound=BaseModel)

# A gateway's 502/504: the request may have been carried out behind it (as coin-weight's client reads them)
UNKNOWN_OUTCOME_STATUSES = frozenset({502, 504})


class Cookies:
    """Order cookies: unique positive 31-bit ints (the server keeps them as int32), from a random start."""

    LIMIT = 2**31 - 1

    def __init__(self, start: int | None = None) -> None:
        first = random.SystemRandom().randrange(1, self.LIMIT // 2) if start is None else start
        self._counter = itertools.count(first)

    def next(self) -> int:
        return (next(self._counter) - 1) % (self.LIMIT - 1) + 1


def failure_codes(error: VenueError) -> set[int]:
    """The ``Error #N`` numbers of a CHP failure: its own and those of its nested causes."""
    codes = {error.code} if isinstance(error.code, int) else set()
    if isinstance(error.details, Mapping):
        with contextlib.suppress(ValidationError):
            failure = Failure.model_validate(error.details)
            codes.update(n for c in failure.causes if (n := error_number(c.reason)) is not None)
    return codes


def raise_failure(envelope: Mapping[str, Any], http_status: int) -> None:
    """Raises the failure ``envelope`` says: AuthError for a refused token or credentials, else VenueError."""
    try:
        failure = Failure.model_validate(envelope)
    except ValidationError:
        reason = envelope.get("reason")
        failure = Failure(reason=reason if isinstance(reason, str) else "")
    number = error_number(failure.reason)
    texts = [t for t in (failure.reason or "request refused", failure.additional) if t]
    causes = [": ".join(t for t in (c.reason, c.additional or c.message) if t) for c in failure.causes]
    message = ": ".join(texts) + (f" ({'; '.join(causes)})" if causes else "")
    codes = {number} | {error_number(c.reason) for c in failure.causes}
    kind = AuthError if codes & AUTH_FAILURES else VenueError
    raise kind(VENUE, number if number is not None else failure.reason or None, message, http_status,
               redact(dict(envelope)))


class ChpClient:
    """One method per CHP_Rest call. ``token`` is the session token (set by :meth:`connected` and
    :meth:`reconnection`)."""

    def __init__(self, http: VenueHttp, cookies: Cookies | None = None) -> None:
        self.http = http
        self.token: str = ""
        self.cookies = cookies or Cookies()

    # ------------------------------------------------------------------------------------------ plumbing
    async def call(self, path: str, body: Mapping[str, Any] | None = None, *, idempotent: bool = False,
                   token: str | None = None) -> list[Any]:
        """POST ``/{path}`` with ``token`` added; the ``data`` rows of a success, or a raised failure."""
        payload = {"token": self.token if token is None else token, **(body or {})}
        response = await self.http.request("POST", f"/{path}", json=payload, idempotent=idempotent)
        status = response.status_code
        try:
            envelope = parse_json(VENUE, response)
        except TransportError as exc:
            if status >= 400 and status not in UNKNOWN_OUTCOME_STATUSES:  # the server said it did not do it
                raise _http_failure(status, path) from exc
            # the call reached the server and its answer is unreadable (or a gateway lost it): a write's
            # outcome is unknown
            raise TransportError.passing_on(exc, outcome_unknown=not idempotent) from exc
        if not isinstance(envelope, Mapping) or "result" not in envelope:
            raise VenueError(
                VENUE, None, "unexpected answer to {path} (no envelope)", status, fields={"path": path}
            )
        if envelope["result"] is not True:
            raise_failure(envelope, status)
        if status >= 400:
            raise _http_failure(status, path)
        data = envelope.get("data")
        return data if isinstance(data, list) else []

    async def _rows(self, model: type[R], path: str, body: Mapping[str, Any] | None = None, *,
                    idempotent: bool = False) -> list[R]:
        """Every row of the answer that reads as ``model``; a bad row is dropped (logged once per kind)."""
        rows = await self.call(path, body, idempotent=idempotent)
        return parse_rows(rows, model.model_validate, VENUE, path)

    async def _first(self, model: type[R], path: str, body: Mapping[str, Any] | None, default: R, *,
                     idempotent: bool = False, token: str | None = None) -> R:
        """The first row of a success, which must read as ``model`` (else VenueError); ``default`` when the
        server confirms without one."""
        rows = await self.call(path, body, idempotent=idempotent, token=token)
        return parse_row(rows[0], model.model_validate, VENUE, path) if rows else default

    async def _order_result(self, model: type[R], path: str, body: Mapping[str, Any], default: R) -> R:
        """:meth:`_first` for Order/*: the server said ``result: true``, so an unreadable row does not mean
        "refused" but "done, answer lost": TransportError(outcome_unknown=True), to be reconciled."""
        try:
            return await self._first(model, path, body, default)
        except VenueError as exc:
            if not is_row_error(exc):
                raise
            raise TransportError.passing_on(exc, outcome_unknown=True) from exc

    # ------------------------------------------------------------------------------------------ Auth
    async def _auth(self, action: str, login: str, password: str, token: str) -> ConnectInfo:
        body = {"login": login, "password": password}
        info = await self._first(ConnectInfo, f"Auth/{action}", body, ConnectInfo(), token=token)
        return info if info.token else info.model_copy(update={"token": token})

    async def connected(self, login: str, password: str, server_token: str) -> ConnectInfo:
        """Auth/Connected: opens the session; the session token is kept for every later call."""
        info = await self._auth("Connected", login, password, server_token)
        self.token = info.token
        return info

    async def reconnection(self, login: str, password: str, token: str | None = None) -> ConnectInfo:
        """Auth/Reconnection with the current (possibly expired) session token, or ``token``."""
        info = await self._auth("Reconnection", login, password, token or self.token)
        self.token = info.token
        return info

    async def disconnected(self, login: str, password: str) -> None:
        """Auth/Disconnected: ends the session (its subscriptions and queues go with it)."""
        await self._auth("Disconnected", login, password, self.token)
        self.token = ""

    # ------------------------------------------------------------------------------------------ Instruments
    async def get_symbols(self) -> list[SymbolRow]:
        return await self._rows(SymbolRow, "Instruments/GetSymbols", idempotent=True)

    async def get_bars(self, symbol: str, interval: BarInterval, since: datetime, count: int) -> list[BarRow]:
        """``count`` > 0 walks back in time from ``since``, < 0 forward (the legacy doc's rule)."""
        body = {"since": format_since(since), "interval": int(interval), "symbol": symbol, "count": count}
        return await self._rows(BarRow, "Instruments/GetBars", body, idempotent=True)

    async def get_trades(self, symbol: str, since: datetime, count: int) -> list[TradeRow]:
        """The time is sent under the wire key ``from`` (not ``since`` as the doc says)."""
        body = {"from": format_since(since), "symbol": symbol, "count": count}
        return await self._rows(TradeRow, "Instruments/GetTrades", body, idempotent=True)

    async def _subscription(self, path: str, key: str, value: str) -> str:
        return (await self._first(Description, path, {key: value}, Description())).description

    async def listen_quotes(self, symbol: str) -> str:
        return await self._subscription("Instruments/ListenQuotes", "symbol", symbol)

    async def update_quote(self) -> list[QuoteRow]:
        return await self._rows(QuoteRow, "Instruments/UpdateQuote")

    async def cancel_quotes(self, symbol: str) -> str:
        return await self._subscription("Instruments/CancelQuotes", "symbol", symbol)

    async def listen_ticks(self, symbol: str) -> str:
        return await self._subscription("Instruments/ListenTicks", "symbol", symbol)

    async def add_tick(self) -> list[TickRow]:
        return await self._rows(TickRow, "Instruments/AddTick")

    async def cancel_ticks(self, symbol: str) -> str:
        return await self._subscription("Instruments/CancelTicks", "symbol", symbol)

    async def listen_bid_asks(self, symbol: str) -> str:
        return await self._subscription("Instruments/ListenBidAsks", "symbol", symbol)

    async def update_bid_ask(self) -> list[BidAskRow]:
        return await self._rows(BidAskRow, "Instruments/UpdateBidAsk")

    async def cancel_bid_asks(self, symbol: str) -> str:
        return await self._subscription("Instruments/CancelBidAsks", "symbol", symbol)

    # ----------------------------------------------------------------------------------------- HistoricalData
    async def get_my_portfolio_data(self, portfolio: str,
                                    mode: PortfolioDataMode = PortfolioDataMode.ALL) -> MyPortfolioData:
        body = {"mode": int(mode), "portfolio": portfolio}
        path = "HistoricalData/GetMyPortfolioData"
        return await self._first(MyPortfolioData, path, body, MyPortfolioData(), idempotent=True)

    # ------------------------------------------------------------------------------------- AccountInformation
    async def get_portfolio_list(self) -> list[PortfolioRow]:
        return await self._rows(PortfolioRow, "AccountInformation/GetPortfolioList", idempotent=True)

    async def listen_portfolio(self, portfolio: str) -> str:
        return await self._subscription("AccountInformation/ListenPortfolio", "portfolio", portfolio)

    async def cancel_portfolio(self, portfolio: str) -> str:
        return await self._subscription("AccountInformation/CancelPortfolio", "portfolio", portfolio)

    async def update_order(self) -> list[OrderRow]:
        return await self._rows(OrderRow, "AccountInformation/UpdateOrder")

    async def update_position(self) -> list[PositionRow]:
        return await self._rows(PositionRow, "AccountInformation/UpdatePosition")

    async def add_trade(self) -> list[OwnTradeRow]:
        return await self._rows(OwnTradeRow, "AccountInformation/AddTrade")

    async def set_portfolio(self) -> list[PortfolioStateRow]:
        return await self._rows(PortfolioStateRow, "AccountInformation/SetPortfolio")

    # ------------------------------------------------------------------------------------------ Order
    async def place_order(
        self,
        portfolio: str,
        symbol: str,
        action: Action,
        type: OrderType,
        amount: Decimal,
        *,
        validity: Validity = Validity.DAY,
        price: Decimal | None = None,
        stop: Decimal | None = None,
        cookie: int | None = None,
    ) -> PlaceResult:
        """Order/Place, sent once. ``price`` is sent only for limit types and ``stop`` only for stop types (0
        otherwise, as the doc says). A lost answer raises TransportError(outcome_unknown=True): find the order
        by its cookie (UpdateOrder events, GetMyPortfolioData) and never resend it."""
        cookie = self.cookies.next() if cookie is None else cookie
        body = {
            "portfolio": portfolio,
            "symbol": symbol,
            "action": int(action),
            "type": int(type),
            "validity": int(validity),
            "price": _number(price, "price") if type in (OrderType.LIMIT, OrderType.STOP_LIMIT) else 0,
            "amount": _number(amount, "amount"),
            "stop": _number(stop, "stop") if type in (OrderType.STOP, OrderType.STOP_LIMIT) else 0,
            "cookie": cookie,
        }
        result = await self._order_result(PlaceResult, "Order/Place", body, PlaceResult(cookie=cookie))
        return result if result.cookie else result.model_copy(update={"cookie": cookie})

    async def move_order(self, portfolio: str, symbol: str, order_id: str, target_price: Decimal
                         ) -> OrderActionResult:
        body = {"portfolio": portfolio, "symbol": symbol, "orderid": order_id,
                "targetprice": _number(target_price, "price")}
        return await self._order_result(OrderActionResult, "Order/Move", body,
                                 OrderActionResult(order_id=order_id, result=True))

    async def cancel_order(self, portfolio: str, symbol: str, order_id: str) -> OrderActionResult:
        body = {"portfolio": portfolio, "symbol": symbol, "orderid": order_id}
        return await self._order_result(OrderActionResult, "Order/Cancel", body,
                                 OrderActionResult(order_id=order_id, result=True))


def _number(value: Decimal | None, field: str) -> float | int:
    """A JSON number (the wire wants floats); integral values go as ints so nothing is lost in transit."""
    if value is None:
        raise RejectedInput(field, "required for this order type")
    return int(value) if value == value.to_integral_value() else float(value)


def _http_failure(status: int, path: str) -> VenueError:
    """The server said it did not do the call (an HTTP error status)."""
    return VenueError(
        VENUE,
        status,
        "server failure (HTTP {status}) to {path}"
        if status >= 500
        else "request refused (HTTP {status}) to {path}",
        status,
        fields={"status": status, "path": path},
    )
