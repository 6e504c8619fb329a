"""What the session knows of its portfolios: orders, fills, positions and money, fed by the portfolio events.

CHP has no call that returns positions, money or working orders: they arrive only as UpdatePosition /
SetPortfolio / UpdateOrder events (and, for orders and trades, in GetMyPortfolioData). :class:`PortfolioBook`
keeps the latest of each and says what changed, so the adapter can answer reads from it and pass the changes
to its streams.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from services.chp.convert import Symbols, balance
from services.chp.schemas import (
    MyOrderRow,
    MyPortfolioData,
    OrderRow,
    OwnTradeRow,
    PortfolioStateRow,
    PositionRow,
)
from services.chp.streams import PortfolioEvent
from services.domain import Balance, Fill, Order, Position

Change = Order | Fill


class PortfolioBook:
    def __init__(self, symbols: Symbols) -> None:
        self.symbols = symbols
        self.orders: dict[str, Order] = {}
        self.positions: dict[tuple[str, str], Position] = {}
        self.balances: dict[str, Balance] = {}
        self._order_by_cookie: dict[int, str] = {}
        self._client_ids: dict[int, str] = {}  # cookie -> the caller's client_id, when it was not the cookie
        self._trades_seen: set[str] = set()
        self._filled: dict[str, tuple[Decimal, Decimal]] = {}  # order id -> (quantity, value) of its fills

    def reset(self) -> None:
        """A new session: what the venue says now is the truth (the client ids given to cookies stay, so an
        order whose outcome is still unknown can be found by its cookie)."""
        self.orders.clear()
        self.positions.clear()
        self.balances.clear()
        self._order_by_cookie.clear()
        self._trades_seen.clear()
        self._filled.clear()

    def remember_client_id(self, cookie: int, client_id: str) -> None:
        if client_id:
            self._client_ids[cookie] = client_id

    def cookies_of(self, client_id: str) -> list[int]:
        """The cookies an order placed with ``client_id`` may carry (a numeric id is its own cookie)."""
        cookies = [c for c, known in self._client_ids.items() if known == client_id]
        return [*cookies, int(client_id)] if client_id.isdigit() else cookies

    def order_by_cookie(self, cookie: int) -> Order | None:
        order_id = self._order_by_cookie.get(cookie)
        return self.orders.get(order_id) if order_id is not None else None

    def apply(self, event: PortfolioEvent) -> list[Change]:
        """Takes one event in; returns the orders and fills it changed (for the streams)."""
        if isinstance(event, OwnTradeRow):
            fill = self.symbols.fill(event)
            return [fill] if self._new_fill(fill) else []
        if isinstance(event, OrderRow):
            order = self._order(event)
            return [order] if order is not None else []
        if isinstance(event, PositionRow):
            self.positions[(event.portfolio, event.symbol)] = self.symbols.position(event)
        elif isinstance(event, PortfolioStateRow):
            self.balances[event.portfolio] = balance(event)
        return []

    def catch_up(self, data: MyPortfolioData, *, report: bool) -> list[Change]:
        """Takes in GetMyPortfolioData (after a reconnection: what the lost events would have said). With
        ``report`` False the rows only seed the book (at connect: old trades are not news)."""
        changes: list[Change] = []
        for trade in data.trades:
            fill = self.symbols.my_fill(trade)
            if self._new_fill(fill):
                changes.append(fill)
        for row in data.orders:
            order = self._order(row)
            if order is not None:
                changes.append(order)
        return changes if report else []

    def _new_fill(self, fill: Fill) -> bool:
        if fill.trade_id in self._trades_seen:
            return False
        self._trades_seen.add(fill.trade_id)
        quantity, value = self._filled.get(fill.order_id, (Decimal(0), Decimal(0)))
        self._filled[fill.order_id] = (quantity + fill.quantity, value + fill.quantity * fill.price)
        return True

    def _order(self, row: OrderRow | MyOrderRow) -> Order | None:
        """The order the row describes, or None when it says nothing new."""
        key = row.order_id or f"cookie:{row.cookie}"  # an order refused at Order/Place has no id
        quantity, value = self._filled.get(row.order_id, (Decimal(0), Decimal(0)))
        order = self.symbols.order(row, self._client_ids.get(row.cookie, str(row.cookie)),
                                   (value / quantity) if quantity else None)
        known = self.orders.get(key)
        if known is not None:
            if _state(known) == _state(order):
                return None
            order = replace(order, created=known.created or known.updated)
        else:
            order = replace(order, created=order.updated)
        self.orders[key] = order
        if row.cookie:
            self._order_by_cookie[row.cookie] = key
        return order


def _state(order: Order) -> tuple[object, ...]:
    """What makes an order update news."""
    return order.status, order.filled_quantity, order.price, order.stop_price, order.average_fill_price
