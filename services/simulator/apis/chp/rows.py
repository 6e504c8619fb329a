"""Wire rows of the CHP simulator, built from the engine's state (shapes in the package docstring)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import numpy as np

from services.chp.schemas import Action, BarInterval, OrderState, OrderType, Validity
from services.simulator.apis.chp.wire import num, stamp, whole
from services.simulator.engine import MarketEngine
from services.simulator.engine.types import (
    BarArrays,
    DepthSnapshot,
    InstrumentSpec,
    SimFill,
    SimOrder,
    SimOrderState,
    SimOrderType,
    SimSide,
    SimTif,
    TopOfBook,
    TradePrint,
)

SECURITY_TYPE = "SHARE"
BOOK_DEPTH = 10
STATES = {
    SimOrderState.PENDING_TRIGGER: OrderState.PENDING,
    SimOrderState.NEW: OrderState.OPEN,
    SimOrderState.PARTIALLY_FILLED: OrderState.PARTIAL,
    SimOrderState.FILLED: OrderState.FILLED,
    SimOrderState.CANCELED: OrderState.CANCEL,
    SimOrderState.PARTIALLY_CANCELED: OrderState.CANCEL,
    SimOrderState.REJECTED: OrderState.SYSTEM_REJECT,
    SimOrderState.EXPIRED: OrderState.EXPIRED,
}
ENGINE_TYPES = {
    OrderType.MARKET: SimOrderType.MARKET,
    OrderType.LIMIT: SimOrderType.LIMIT,
    OrderType.STOP: SimOrderType.STOP,
    OrderType.STOP_LIMIT: SimOrderType.STOP_LIMIT,
}
WIRE_TYPES = {v: k for k, v in ENGINE_TYPES.items()}
ENGINE_TIFS = {Validity.DAY: SimTif.DAY, Validity.GTC: SimTif.GTC}
SIDES = {
    Action.BUY: SimSide.BUY, Action.COVER: SimSide.BUY, Action.SELL: SimSide.SELL, Action.SHORT: SimSide.SELL,
}
# GetBars intervals: seconds, or calendar months aggregated by this many (month, quarter, year)
INTERVAL_SECONDS = {
    BarInterval.M1: 60, BarInterval.M5: 300, BarInterval.M10: 600, BarInterval.M15: 900,
    BarInterval.M30: 1800, BarInterval.H1: 3600, BarInterval.H2: 7200, BarInterval.H4: 14400,
    BarInterval.DAY: 86400, BarInterval.WEEK: 604800,
}
INTERVAL_MONTHS = {BarInterval.MONTH: 1, BarInterval.QUARTER: 3, BarInterval.YEAR: 12}


def numbered(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adds ``row`` (0-based) and ``nrows`` in front of each row."""
    return [{"row": i, "nrows": len(rows), **row} for i, row in enumerate(rows)]


def order_action(order: SimOrder) -> Action:
    """The Action an order was placed with (kept in its engine tag)."""
    if order.tag.isdigit() and int(order.tag) in Action._value2member_map_:
        return Action(int(order.tag))
    return Action.BUY if order.side is SimSide.BUY else Action.SELL


# ------------------------------------------------------------------------------------------------ Instruments
def symbol_row(spec: InstrumentSpec) -> dict[str, Any]:
    return {
        "symbol": spec.symbol,
        "short_name": spec.symbol,
        "long_name": spec.description or spec.symbol,
        "type": SECURITY_TYPE,
        "decimals": spec.price_decimals,
        "lot_size": int(spec.lot_size),
        "punkt": num(spec.lot_size),  # money value of a 1.0 price move of one lot
        "step": num(spec.price_step),
        "sec_ext_id": None,
        "sec_exch_name": spec.market,
        "expiryDate": None,
        "days_before_expiry": 0,
        "strike": 0,
    }


def bar_rows(symbol: str, interval: BarInterval, bars: BarArrays) -> list[dict[str, Any]]:
    return numbered([
        {
            "symbol": symbol,
            "interval": int(interval),
            "datetime": stamp(float(bars.time[i])),
            "open": float(bars.open[i]),
            "high": float(bars.high[i]),
            "low": float(bars.low[i]),
            "close": float(bars.close[i]),
            "volume": round(float(bars.volume[i])),
            "openInt": 0,
        }
        for i in range(len(bars))
    ])


def group_months(months: BarArrays, size: int) -> BarArrays:
    """Calendar-month bars folded into quarters (``size`` 3) or years (12); each group opens at its first
    calendar month (a group missing its first months still opens at the group's start)."""
    groups: dict[int, list[int]] = {}
    starts: dict[int, float] = {}
    for i, t in enumerate(months.time):
        moment = datetime.fromtimestamp(float(t), UTC)
        index = moment.year * 12 + (moment.month - 1)
        group = index // size
        groups.setdefault(group, []).append(i)
        first = group * size
        starts[group] = datetime(first // 12, first % 12 + 1, 1, tzinfo=UTC).timestamp()
    keys = sorted(groups)

    def fold(values: np.ndarray, how: Any) -> np.ndarray:
        return np.array([how(values[groups[k]]) for k in keys], dtype=np.float64)

    return BarArrays(
        time=np.array([starts[k] for k in keys], dtype=np.int64),
        open=fold(months.open, lambda v: v[0]),
        high=fold(months.high, np.max),
        low=fold(months.low, np.min),
        close=fold(months.close, lambda v: v[-1]),
        volume=fold(months.volume, np.sum),
    )


def quote_row(engine: MarketEngine, spec: InstrumentSpec) -> dict[str, Any]:
    top = engine.top(spec.key)
    days = engine.bars(spec.key, 86400, limit=2)
    today = len(days) - 1
    last_print = engine.trades(spec.key, limit=1)
    return {
        "symbol": spec.symbol,
        "datetime": stamp(top.time),
        "open": float(days.open[today]) if today >= 0 else num(top.last),
        "high": float(days.high[today]) if today >= 0 else num(top.last),
        "low": float(days.low[today]) if today >= 0 else num(top.last),
        "close": float(days.close[today - 1]) if today >= 1 else num(top.last),  # the previous day's close
        "last": num(top.last),
        "volume": round(float(days.volume[today])) if today >= 0 else 0,
        "size": whole(last_print[-1].quantity) if last_print else 0,  # sizes are ints per the notes
        "bid": num(top.bid),
        "ask": num(top.ask),
        "bidSize": whole(top.bid_size),
        "askSize": whole(top.ask_size),
        "open_Int": 0,
        "go_Buy": 0,
        "go_Sell": 0,
        "go_Base": 0,
        "go_Base_Backed": 0,
        "high_Limit": 0,
        "low_Limit": 0,
        "trading_Status": 0,
        "volat": 0,
        "theor_Price": 0,
        "step_Price": num(spec.price_step),
    }


def quote_signature(top: TopOfBook) -> tuple[Any, ...]:
    """What makes a quote news: a move of the top of book or the last price."""
    return (top.bid, top.bid_size, top.ask, top.ask_size, top.last)


def bid_ask_rows(symbol: str, depth: DepthSnapshot) -> list[dict[str, Any]]:
    levels = max(len(depth.bids), len(depth.asks))
    rows = []
    for i in range(levels):
        bid, bid_size = depth.bids[i] if i < len(depth.bids) else (None, None)
        ask, ask_size = depth.asks[i] if i < len(depth.asks) else (None, None)
        rows.append({"Symbol": symbol, "Row": i, "NRows": levels, "Bid": num(bid), "BidSize": num(bid_size),
                     "Ask": num(ask), "AskSize": num(ask_size)})
    return rows


def tick_row(symbol: str, trade: TradePrint) -> dict[str, Any]:
    return {"Symbol": symbol, "DateTime": stamp(trade.time), "Price": num(trade.price),
            "Volume": num(trade.quantity), "TradeNo": str(trade.trade_id), "Action": _aggressor(trade)}


def trade_rows(symbol: str, trades: Iterable[TradePrint]) -> list[dict[str, Any]]:
    return numbered([
        {"symbol": symbol, "DateTime": stamp(t.time), "Price": num(t.price), "volume": num(t.quantity),
         "tradeNo": str(t.trade_id), "Action": _aggressor(t)}
        for t in trades
    ])


def _aggressor(trade: TradePrint) -> int:
    return int(Action.BUY if trade.aggressor is SimSide.BUY else Action.SELL)


# ------------------------------------------------------------------------------------------------ portfolios
def order_row(order: SimOrder, portfolio: str, symbol: str) -> dict[str, Any]:
    """UpdateOrder row (SmartCOM UpdateOrder)."""
    return {
        "portfolio": portfolio,
        "symbol": symbol,
        "state": int(STATES[order.state]),
        "action": int(order_action(order)),
        "type": int(WIRE_TYPES[order.type]),
        "validity": int(Validity.DAY if order.tif is SimTif.DAY else Validity.GTC),
        "price": num(order.price),
        "amount": num(order.quantity),
        "stop": num(order.stop_price),
        "filled": num(order.filled),
        "datetime": stamp(order.updated),
        "orderid": order.order_id,
        "orderno": order.order_id,
        "status_mask": 0,
        "cookie": int(order.client_id) if order.client_id.isdigit() else 0,
    }


def rejected_order_row(portfolio: str, symbol: str, body: dict[str, Any], cookie: int, now: float
                       ) -> dict[str, Any]:
    """UpdateOrder row of an order refused at Order/Place (no order id; found again by its cookie)."""
    fields = {k: body.get(k) for k in ("action", "type", "validity", "price", "amount", "stop")}
    return {
        "portfolio": portfolio,
        "symbol": symbol,
        "state": int(OrderState.SYSTEM_REJECT),
        **{k: (0 if isinstance(v, bool) or not isinstance(v, int | float) else v) for k, v in fields.items()},
        "filled": 0.0,
        "datetime": stamp(now),
        "orderid": "",
        "orderno": "",
        "status_mask": 0,
        "cookie": cookie,
    }


def my_order_row(order: SimOrder, portfolio: str, symbol: str) -> dict[str, Any]:
    """SetMyOrder row: the UpdateOrder fields with ``id``/``no`` for ``orderid``/``orderno``."""
    row = order_row(order, portfolio, symbol)
    row["id"] = row.pop("orderid")
    row["no"] = row.pop("orderno")
    del row["status_mask"]
    return row


def own_trade_row(fill: SimFill, portfolio: str, symbol: str) -> dict[str, Any]:
    """AddTrade row: ``amount`` signed, negative for a sale."""
    return {"portfolio": portfolio, "symbol": symbol, "orderid": fill.order_id, "price": num(fill.price),
            "amount": num(fill.quantity if fill.side is SimSide.BUY else -fill.quantity),
            "datetime": stamp(fill.time), "tradeno": fill.fill_id}


def my_trade_row(fill: SimFill, portfolio: str, symbol: str) -> dict[str, Any]:
    return {"portfolio": portfolio, "symbol": symbol, "datetime": stamp(fill.time), "price": num(fill.price),
            "volume": num(fill.quantity), "tradeno": fill.fill_id,
            "buysell": int(Action.BUY if fill.side is SimSide.BUY else Action.SELL), "orderno": fill.order_id}


def average_price(fills: Iterable[SimFill], quantity: Decimal, price: Decimal) -> tuple[Decimal, Decimal]:
    """(position, average price) after ``fills`` from an opening (``quantity`` at ``price``): adding to a
    position averages its price, reducing keeps it, flipping restarts at the fill price."""
    for fill in fills:
        signed = fill.quantity if fill.side is SimSide.BUY else -fill.quantity
        if quantity == 0 or (quantity > 0) == (signed > 0):
            price = (price * abs(quantity) + fill.price * abs(signed)) / (abs(quantity) + abs(signed))
        elif abs(signed) > abs(quantity):
            price = fill.price
        quantity += signed
        if quantity == 0:
            price = Decimal(0)
    return quantity, price


def closed_position_rows(fills: Iterable[SimFill], portfolio: str, symbol: str) -> list[dict[str, Any]]:
    """SetMyClosePos rows: the round trips in ``fills`` (chronological), matched first in, first out."""
    open_lots: deque[list[Any]] = deque()  # [signed quantity left, price, order id]
    rows = []
    for fill in fills:
        signed = fill.quantity if fill.side is SimSide.BUY else -fill.quantity
        while signed and open_lots and (open_lots[0][0] > 0) != (signed > 0):
            lot = open_lots[0]
            closed = min(abs(lot[0]), abs(signed))
            buy, sell = (lot[1], fill.price) if lot[0] > 0 else (fill.price, lot[1])
            rows.append({"portfolio": portfolio, "symbol": symbol, "amount": num(closed),
                         "price_buy": num(buy), "price_sell": num(sell), "postime": stamp(fill.time),
                         "order_open": lot[2], "order_close": fill.order_id})
            lot[0] += closed if lot[0] < 0 else -closed
            signed += closed if signed < 0 else -closed
            if lot[0] == 0:
                open_lots.popleft()
        if signed:
            open_lots.append([signed, fill.price, fill.order_id])
    return rows
