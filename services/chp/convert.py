"""CHP wire rows <-> the unified domain (``InstrumentId(venue="chp", market=<board or "MOEX">, symbol)``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from services.chp.schemas import (
    Action,
    BarInterval,
    BarRow,
    BidAskRow,
    MyOrderRow,
    MyTradeRow,
    OrderRow,
    OrderState,
    OrderType,
    OwnTradeRow,
    PortfolioStateRow,
    PositionRow,
    QuoteRow,
    SymbolRow,
    TickRow,
    Validity,
)
from services.domain import (
    Balance,
    Bar,
    BookLevel,
    Fill,
    Instrument,
    InstrumentId,
    Order,
    OrderAction,
    OrderBook,
    OrderStatus,
    Position,
    Quote,
    Side,
    Tick,
    TimeInForce,
)
from services.domain import BarInterval as DomainInterval
from services.domain import OrderType as DomainOrderType
from services.errors import RejectedInput

VENUE = "chp"
DEFAULT_MARKET = "MOEX"
CURRENCY = "RUB"

ACTIONS = {
    Action.BUY: OrderAction.BUY,
    Action.SELL: OrderAction.SELL,
    Action.SHORT: OrderAction.SHORT,
    Action.COVER: OrderAction.COVER,
}
_KNOWN_ACTIONS = frozenset(Action)
WIRE_ACTIONS = {v: k for k, v in ACTIONS.items()}
TYPES = {
    OrderType.MARKET: DomainOrderType.MARKET,
    OrderType.LIMIT: DomainOrderType.LIMIT,
    OrderType.STOP: DomainOrderType.STOP,
    OrderType.STOP_LIMIT: DomainOrderType.STOP_LIMIT,
}
WIRE_TYPES = {v: k for k, v in TYPES.items()}
VALIDITIES = {Validity.DAY: TimeInForce.DAY, Validity.GTC: TimeInForce.GTC}
WIRE_VALIDITIES = {v: k for k, v in VALIDITIES.items()}
INTERVALS = {
    DomainInterval.M1: BarInterval.M1,
    DomainInterval.M5: BarInterval.M5,
    DomainInterval.M10: BarInterval.M10,
    DomainInterval.M15: BarInterval.M15,
    DomainInterval.M30: BarInterval.M30,
    DomainInterval.H1: BarInterval.H1,
    DomainInterval.H2: BarInterval.H2,
    DomainInterval.H4: BarInterval.H4,
    DomainInterval.D1: BarInterval.DAY,
    DomainInterval.W1: BarInterval.WEEK,
    DomainInterval.MN1: BarInterval.MONTH,
}
_CANCELED = (OrderState.CANCEL, OrderState.CONTRAGENT_CANCEL, OrderState.SYSTEM_CANCEL)
_KNOWN_STATES = frozenset(OrderState)
_STATUSES = {
    OrderState.CONTRAGENT_REJECT: OrderStatus.REJECTED,
    OrderState.SYSTEM_REJECT: OrderStatus.REJECTED,
    OrderState.SUBMITTED: OrderStatus.NEW,
    OrderState.PENDING: OrderStatus.NEW,
    OrderState.OPEN: OrderStatus.NEW,
    OrderState.PARTIAL: OrderStatus.PARTIALLY_FILLED,
    OrderState.FILLED: OrderStatus.FILLED,
    OrderState.EXPIRED: OrderStatus.EXPIRED,
}


def wire_action(action: OrderAction | None, side: Side) -> Action:
    if action is None:
        return Action.BUY if side is Side.BUY else Action.SELL
    if action.side is not side:
        raise RejectedInput(
            "action",
            "{action} does not buy" if side is Side.BUY else "{action} does not sell",
            action=action.value,
        )
    return WIRE_ACTIONS[action]


def wire_validity(tif: TimeInForce) -> Validity:
    if tif not in WIRE_VALIDITIES:
        raise RejectedInput("time_in_force", "CHP orders are Day or GTC")
    return WIRE_VALIDITIES[tif]


def wire_interval(interval: DomainInterval) -> BarInterval:
    return INTERVALS[interval]


def status(state: int, filled: Decimal) -> OrderStatus:
    if state in _CANCELED:
        return OrderStatus.PARTIALLY_CANCELED if filled > 0 else OrderStatus.CANCELED
    return _STATUSES[OrderState(state)] if state in _KNOWN_STATES else OrderStatus.UNKNOWN


class Symbols:
    """The instrument list of the session: symbol -> SymbolRow, and the InstrumentId of a symbol."""

    def __init__(self, rows: Sequence[SymbolRow] = ()) -> None:
        self.rows = {row.symbol: row for row in rows}

    def id(self, symbol: str) -> InstrumentId:
        row = self.rows.get(symbol)
        return InstrumentId(VENUE, (row.sec_exch_name if row else "") or DEFAULT_MARKET, symbol)

    def instrument(self, row: SymbolRow) -> Instrument:
        lot = row.lot_size if row.lot_size > 0 else Decimal(1)
        return Instrument(
            id=self.id(row.symbol),
            base=row.short_name or row.symbol,
            quote=CURRENCY,
            price_step=row.step if row.step > 0 else Decimal(1).scaleb(-row.decimals),
            qty_step=lot,
            min_qty=lot,
            lot_size=lot,
            description=row.long_name,
            category=row.type,
        )

    def order(self, row: OrderRow | MyOrderRow, client_id: str, average: Decimal | None = None) -> Order:
        kind = TYPES[row.type]
        return Order(
            order_id=row.order_id,
            instrument=self.id(row.symbol),
            side=ACTIONS[row.action].side,
            type=kind,
            quantity=row.amount,
            status=status(row.state, row.filled),
            price=row.price if kind.has_price else None,
            stop_price=row.stop if kind.has_stop else None,
            filled_quantity=row.filled,
            average_fill_price=average,
            client_id=client_id,
            time_in_force=VALIDITIES[row.validity],
            action=ACTIONS[row.action],
            account=row.portfolio,
            updated=row.datetime,
        )

    def fill(self, row: OwnTradeRow) -> Fill:
        return Fill(order_id=row.order_id, instrument=self.id(row.symbol),
                    side=Side.SELL if row.amount < 0 else Side.BUY, price=row.price, quantity=abs(row.amount),
                    time=row.datetime, trade_id=row.trade_no, account=row.portfolio, fee_asset=CURRENCY)

    def my_fill(self, row: MyTradeRow) -> Fill:
        return Fill(order_id=row.order_no, instrument=self.id(row.symbol),
                    side=Side.SELL if row.buysell == Action.SELL else Side.BUY, price=row.price,
                    quantity=row.volume, time=row.datetime, trade_id=row.trade_no, account=row.portfolio,
                    fee_asset=CURRENCY)

    def position(self, row: PositionRow) -> Position:
        return Position(account=row.portfolio, instrument=self.id(row.symbol), quantity=row.amount,
                        average_price=row.avprice)

    def quote(self, row: QuoteRow) -> Quote:
        return Quote(instrument=self.id(row.symbol), bid=row.bid or None, ask=row.ask or None, last=row.last,
                     bid_size=row.bid_size, ask_size=row.ask_size,
                     change_pct_24h=change_pct(row.last, row.close), volume_24h=row.volume,
                     **({"time": row.datetime} if row.datetime else {}))

    def tick(self, row: TickRow) -> Tick:
        aggressor = ACTIONS[Action(row.action)].side if row.action in _KNOWN_ACTIONS else None
        return Tick(instrument=self.id(row.symbol), time=row.datetime, price=row.price, size=row.volume,
                    aggressor=aggressor, trade_id=row.trade_no)


def change_pct(last: Decimal | None, close: Decimal | None) -> Decimal | None:
    """The change of ``last`` from the previous ``close`` in percent (2 places); None when it cannot be told
    (no price, a zero close, or a change too large to write)."""
    if last is None or not close:
        return None
    try:
        return ((last - close) / close * 100).quantize(Decimal("0.01"))
    except ArithmeticError:  # decimal.InvalidOperation: more digits than the context holds
        return None


def balance(row: PortfolioStateRow) -> Balance:
    return Balance(venue=VENUE, account=row.portfolio, asset=CURRENCY, total=row.saldo,
                   used=max(row.saldo - row.cash, Decimal(0)))


def bar(row: BarRow) -> Bar:
    return Bar(time=row.datetime, open=row.open, high=row.high, low=row.low, close=row.close,
               volume=row.volume)


class BookBuilder:
    """Assembles UpdateBidAsk rows (level ``Row`` of ``NRows``) into books; a book is complete at its last
    row."""

    def __init__(self, symbols: Symbols) -> None:
        self.symbols = symbols
        self._levels: dict[str, list[BidAskRow | None]] = {}

    def add(self, row: BidAskRow) -> OrderBook | None:
        levels = self._levels.setdefault(row.symbol, [])
        if len(levels) != row.nrows:
            levels[:] = (levels + [None] * row.nrows)[: row.nrows]
        if 0 <= row.row < row.nrows:
            levels[row.row] = row
        if row.row != row.nrows - 1 and row.nrows:
            return None
        rows = [r for r in levels if r is not None]
        return OrderBook(
            instrument=self.symbols.id(row.symbol),
            bids=tuple(BookLevel(r.bid, r.bid_size) for r in rows if r.bid > 0 and r.bid_size > 0),
            asks=tuple(BookLevel(r.ask, r.ask_size) for r in rows if r.ask > 0 and r.ask_size > 0),
        )
