"""The Order API (/order/...): orders of a user's counterparty accounts, through the market engine."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.simulator.apis.coinweight.accounts import FEE_RATE
from services.simulator.apis.coinweight.state import User
from services.simulator.apis.coinweight.venue import (
    CANCEL_ALL_LATENCY,
    COUNTERPARTIES,
    CoinweightSim,
    private,
)
from services.simulator.apis.coinweight.wire import (
    ApiError,
    Code,
    decimal_of,
    fixed,
    int_of,
    json_object,
    millis,
    ok,
    parameters_error,
    plain,
    text_field,
)
from services.simulator.engine import (
    InstrumentSpec,
    OrderRejected,
    SimOrder,
    SimOrderState,
    SimOrderType,
    SimSide,
)

ACK = "EXECUTION_ACK"
PARTIAL_FILLED = "EXECUTION_PARTIAL_FILLED"
FILLED = "EXECUTION_FILLED"
CANCELING = "EXECUTION_CANCELING"
CANCELED = "EXECUTION_CANCELED"
PARTIAL_CANCELED = "EXECUTION_PARTIAL_CANCELED"
REJECTED = "EXECUTION_REJECTED"
# What /order/inactive lists: EXECUTION_FILLED, _CANCELED and _PARTIAL_CANCELED.
_INACTIVE_STATES = frozenset(
    {SimOrderState.FILLED, SimOrderState.CANCELED, SimOrderState.PARTIALLY_CANCELED, SimOrderState.EXPIRED}
)

_EXECUTION_TYPES = {
    SimOrderState.PENDING_TRIGGER: ACK,
    SimOrderState.NEW: ACK,
    SimOrderState.PARTIALLY_FILLED: PARTIAL_FILLED,
    SimOrderState.FILLED: FILLED,
    SimOrderState.CANCELED: CANCELED,
    SimOrderState.PARTIALLY_CANCELED: PARTIAL_CANCELED,
    SimOrderState.REJECTED: REJECTED,
}
_ORDER_TYPES = {"LIMIT": SimOrderType.LIMIT, "MARKET": SimOrderType.MARKET}
_SIDES = {"BID": SimSide.BUY, "ASK": SimSide.SELL}
_ENGINE_REJECTS = {
    "unknown_instrument": Code.UNKNOWN_SYMBOL,
    "unknown_order": Code.ORDER_NOT_FOUND,
    "bad_quantity": Code.BAD_QUANTITY,
    "bad_price": Code.BAD_PRICE,
    "bad_type": Code.BAD_ORDER_TYPE,
    "insufficient_balance": Code.INSUFFICIENT_BALANCE,
    "not_modifiable": Code.ORDER_NOT_UPDATABLE,
    "no_liquidity": Code.NO_LIQUIDITY,
}
CANNOT_UPDATE = "cannot update the order"
DEFAULT_HISTORY_WINDOW = 24 * 3600.0
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 1000
_MARKET_DEPTH_LEVELS = 200  # how deep a market order's cost is estimated


def execution_type(venue: CoinweightSim, order: SimOrder) -> str:
    if order.state.is_active and order.order_id in venue.state.pending_cancels:
        return CANCELING
    if order.state is SimOrderState.EXPIRED:
        return PARTIAL_CANCELED if order.filled else CANCELED
    return _EXECUTION_TYPES[order.state]


def order_model(venue: CoinweightSim, order: SimOrder) -> dict[str, Any]:
    spec = venue.engine.instrument(order.key)
    price_places, qty_places = spec.price_decimals, spec.qty_decimals
    return {
        "streetOrderId": order.order_id,
        "orderType": "MARKET" if order.type is SimOrderType.MARKET else "LIMIT",
        "symbol": spec.symbol,
        "side": "BID" if order.side is SimSide.BUY else "ASK",
        "owner": order.account.split(":")[1],
        "counterParty": spec.market,
        "price": fixed(order.price or Decimal(0), price_places),
        "quantity": fixed(order.quantity, qty_places),
        "filledPrice": fixed(order.average_price or Decimal(0), price_places),
        "filledQuantity": fixed(order.filled, qty_places),
        "executionType": execution_type(venue, order),
        "createTime": millis(order.created),
        "processedTime": millis(order.updated),
    }


def _newest_first(orders: list[SimOrder]) -> list[SimOrder]:
    def rank(order: SimOrder) -> tuple[float, int]:
        return order.created, int(order.order_id) if order.order_id.isdigit() else 0

    return sorted(orders, key=rank, reverse=True)


# --- validation ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    spec: InstrumentSpec
    side: SimSide
    type: SimOrderType
    quantity: Decimal
    price: Decimal | None  # None for MARKET


def _draft(venue: CoinweightSim, body: dict[str, Any]) -> Draft:
    order_type = text_field(body, "orderType", code=Code.BAD_ORDER_TYPE).upper()
    side = text_field(body, "side", code=Code.BAD_ORDER_TYPE).upper()
    if order_type not in _ORDER_TYPES:
        raise ApiError(Code.BAD_ORDER_TYPE, f"orderType must be LIMIT or MARKET, not {order_type!r}")
    if side not in _SIDES:
        raise ApiError(Code.BAD_ORDER_TYPE, f"side must be BID or ASK, not {side!r}")
    counterparty = text_field(body, "counterParty", code=Code.UNKNOWN_SYMBOL)
    spec = venue.instrument(
        counterparty, text_field(body, "symbol", code=Code.UNKNOWN_SYMBOL), Code.UNKNOWN_SYMBOL
    )
    quantity = _quantity(spec, body.get("quantity"))
    price = _price(spec, body.get("price")) if order_type == "LIMIT" else None
    return Draft(spec, _SIDES[side], _ORDER_TYPES[order_type], quantity, price)


def _price(spec: InstrumentSpec, value: Any) -> Decimal:
    if value is None or value == "":
        raise ApiError(Code.BAD_PRICE, "price is required for a LIMIT order")
    price = decimal_of(value, "price", Code.BAD_PRICE)
    if price <= 0:
        raise ApiError(Code.BAD_PRICE, "price must be greater than 0")
    if price % spec.price_step:
        raise ApiError(
            Code.BAD_PRICE,
            f"price {value} of {spec.symbol} must be a multiple of "
            f"{plain(spec.price_step)} (priceDecimal {spec.price_decimals})",
        )
    return price


def _quantity(spec: InstrumentSpec, value: Any) -> Decimal:
    if value is None or value == "":
        raise ApiError(Code.BAD_QUANTITY, "quantity is required")
    quantity = decimal_of(value, "quantity", Code.BAD_QUANTITY)
    if quantity <= 0:
        raise ApiError(Code.BAD_QUANTITY, "quantity must be greater than 0")
    if quantity % spec.qty_step or quantity % spec.lot_size:
        raise ApiError(
            Code.BAD_QUANTITY,
            f"quantity {value} of {spec.symbol} must be a multiple of "
            f"{plain(max(spec.qty_step, spec.lot_size))} (quantityDecimal {spec.qty_decimals})",
        )
    if quantity < spec.min_qty:
        raise ApiError(
            Code.QUANTITY_BELOW_MIN, f"quantity {value} is below quantityMin {plain(spec.min_qty)}"
        )
    if quantity > spec.max_qty:
        raise ApiError(
            Code.QUANTITY_ABOVE_MAX, f"quantity {value} is above quantityMax {plain(spec.max_qty)}"
        )
    return quantity


def _check_funds(venue: CoinweightSim, account: str, draft: Draft, released: Decimal = Decimal(0)) -> None:
    """Refuse what the account cannot pay for (a bid: its cost and fee); ``released`` is what the order being
    updated already holds."""
    spec = draft.spec
    if draft.side is SimSide.BUY:
        asset = spec.quote
        cost = draft.quantity * draft.price if draft.price is not None else _market_cost(venue, draft)
        need = cost * (1 + FEE_RATE)
    else:
        asset = spec.base
        need = draft.quantity
        if draft.type is SimOrderType.MARKET and not venue.engine.depth(spec.key, 1).bids:
            raise ApiError(Code.NO_LIQUIDITY, f"no bids for {spec.symbol} on {spec.market}")
    have = venue.engine.holding(account, asset).available + released
    if need > have:
        raise ApiError(
            Code.INSUFFICIENT_BALANCE,
            f"insufficient {asset} on {spec.market}: the order needs "
            f"{plain(need)}, {plain(have)} is available",
        )


def _market_cost(venue: CoinweightSim, draft: Draft) -> Decimal:
    """What buying ``draft.quantity`` at market costs, walking the asks (the rest at the deepest level)."""
    asks = venue.engine.depth(draft.spec.key, _MARKET_DEPTH_LEVELS).asks
    if not asks:
        raise ApiError(Code.NO_LIQUIDITY, f"no asks for {draft.spec.symbol} on {draft.spec.market}")
    left, cost = draft.quantity, Decimal(0)
    for price, size in asks:
        take = min(left, size)
        cost += take * price
        left -= take
        if not left:
            break
    return cost + left * asks[-1][0]


def _rejected_echo(venue: CoinweightSim, body: dict[str, Any]) -> dict[str, Any]:
    """A refused order as the Order Model: what was sent (a number that is not one: "0"), no streetOrderId,
    EXECUTION_REJECTED."""
    now = millis(venue.now())

    def sent(name: str) -> str:
        value = body.get(name)
        return "" if value is None else str(value)

    def number(name: str) -> str:
        value = body.get(name)
        try:
            parsed = decimal_of(value, name)
        except ApiError:
            return "0"
        return value.strip() if isinstance(value, str) else plain(parsed)

    return {
        "streetOrderId": "",
        "orderType": sent("orderType"),
        "symbol": sent("symbol"),
        "side": sent("side"),
        "owner": sent("owner"),
        "counterParty": sent("counterParty"),
        "price": number("price"),
        "quantity": number("quantity"),
        "filledPrice": "0",
        "filledQuantity": "0",
        "executionType": REJECTED,
        "createTime": now,
        "processedTime": now,
    }


def _own_order(venue: CoinweightSim, user: User, body: dict[str, Any]) -> SimOrder:
    order_id = text_field(body, "streetOrderId")
    try:
        order: SimOrder | None = venue.engine.order(order_id)
    except (KeyError, OrderRejected):
        order = None
    counterparty = body.get("counterParty")
    if order is not None:
        market = venue.engine.instrument(order.key).market
        if order.account != venue.account(user.uid, market) or counterparty not in (None, "", market):
            order = None
    if order is None:
        raise ApiError(Code.ORDER_NOT_FOUND, f"order {order_id} not found")
    return order


def _given(body: dict[str, Any], name: str) -> bool:
    return body.get(name) not in (None, "")


def _engine_refusal(rejected: OrderRejected, data: dict[str, Any]) -> ApiError:
    code = _ENGINE_REJECTS.get(rejected.code, Code.PARAMETERS)
    return ApiError(code, CANNOT_UPDATE if code == Code.ORDER_NOT_UPDATABLE else rejected.message, data)


def _owner_query(request: Request, user: User) -> None:
    owner = request.query_params.get("owner")
    if owner is not None:
        CoinweightSim.check_owner(owner, user)


def _query_int(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    return default if value in (None, "") else int_of(value, name)


# --- endpoints ----------------------------------------------------------------------------------------------


def routes(venue: CoinweightSim) -> list[Route]:
    engine = venue.engine

    async def create(request: Request, user: User) -> Response:
        body = await json_object(request)
        CoinweightSim.check_owner(text_field(body, "owner"), user)
        try:
            draft = _draft(venue, body)
            account = venue.account(user.uid, draft.spec.market)
            _check_funds(venue, account, draft)
            order = engine.submit(
                account, draft.spec.key, draft.side, draft.type, draft.quantity, draft.price
            )
        except ApiError as error:
            error.data = _rejected_echo(venue, body)
            raise
        except OrderRejected as rejected:
            raise _engine_refusal(rejected, _rejected_echo(venue, body)) from rejected
        return ok(order_model(venue, order))

    async def update(request: Request, user: User) -> Response:
        body = await json_object(request)
        CoinweightSim.check_owner(text_field(body, "owner"), user)
        order = _own_order(venue, user, body)
        current = order_model(venue, order)
        if order.type is not SimOrderType.LIMIT or current["executionType"] != ACK:
            raise ApiError(Code.ORDER_NOT_UPDATABLE, CANNOT_UPDATE, current)
        if not (_given(body, "price") or _given(body, "quantity")):
            raise parameters_error("price or quantity is required")
        spec = engine.instrument(order.key)
        old_price = order.price or Decimal(0)  # a LIMIT order has one
        try:
            price = _price(spec, body["price"]) if _given(body, "price") else old_price
            quantity = _quantity(spec, body["quantity"]) if _given(body, "quantity") else order.quantity
            buying = order.side is SimSide.BUY
            held = order.remaining * old_price * (1 + FEE_RATE) if buying else order.remaining
            _check_funds(venue, order.account, Draft(spec, order.side, order.type, quantity, price), held)
            if (price, quantity) != (old_price, order.quantity):
                order = engine.modify(order.order_id, price=price, quantity=quantity, only_unfilled=True)
        except ApiError as error:
            error.data = current
            raise
        except OrderRejected as rejected:
            raise _engine_refusal(rejected, current) from rejected
        return ok(order_model(venue, order))

    async def cancel(request: Request, user: User) -> Response:
        body = await json_object(request)
        CoinweightSim.check_owner(text_field(body, "owner"), user)
        order = _own_order(venue, user, body)
        if not order.state.is_active:
            model = order_model(venue, order)
            raise ApiError(
                Code.ORDER_NOT_ACTIVE, f"order {order.order_id} is already {model['executionType']}", model
            )
        venue.state.pending_cancels.pop(order.order_id, None)
        try:
            order = engine.cancel(order.order_id)
        except OrderRejected as rejected:
            raise ApiError(Code.ORDER_NOT_ACTIVE, rejected.message, order_model(venue, order)) from rejected
        return ok(order_model(venue, order))

    async def cancel_all(request: Request, user: User) -> Response:
        body = await json_object(request)
        owner = text_field(body, "owner")
        CoinweightSim.check_owner(owner, user)
        selected = body.get("selectedCounterParty") or []
        if not isinstance(selected, list) or not all(isinstance(cp, str) for cp in selected):
            raise parameters_error("selectedCounterParty must be an array of counterparty names")
        targets = [CoinweightSim.counterparty(cp) for cp in selected] or list(COUNTERPARTIES)
        due = venue.now() + CANCEL_ALL_LATENCY
        for counterparty in targets:
            for order in engine.orders(venue.account(user.uid, counterparty), active=True):
                venue.state.pending_cancels.setdefault(order.order_id, due)
        return JSONResponse({"owner": owner, "canceledCounterParty": targets})  # no envelope, as documented

    async def active(request: Request, user: User) -> Response:
        _owner_query(request, user)
        orders = [o for cp in COUNTERPARTIES for o in engine.orders(venue.account(user.uid, cp), active=True)]
        return ok([order_model(venue, o) for o in _newest_first(orders)])

    async def inactive(request: Request, user: User) -> Response:
        _owner_query(request, user)
        now_ms = millis(venue.now())
        end = _query_int(request, "endTime", now_ms)
        start = _query_int(request, "startTime", now_ms - millis(DEFAULT_HISTORY_WINDOW))
        page_index = _query_int(request, "pageIndex", 0)
        page_size = _query_int(request, "pageSize", DEFAULT_PAGE_SIZE)
        if page_index < 0 or not 1 <= page_size <= MAX_PAGE_SIZE:
            raise parameters_error(f"pageIndex must be >= 0 and pageSize 1 to {MAX_PAGE_SIZE}")
        matches = _newest_first(
            [
                order
                for cp in COUNTERPARTIES
                for order in engine.orders(venue.account(user.uid, cp), active=False)
                if order.state in _INACTIVE_STATES and start <= millis(order.created) <= end
            ]
        )
        first = page_index * page_size
        content = [order_model(venue, order) for order in matches[first : first + page_size]]
        return ok({"totalPage": math.ceil(len(matches) / page_size), "content": content})

    return [
        Route("/order/create", private(venue, create), methods=["POST"]),
        Route("/order/update", private(venue, update), methods=["POST"]),
        Route("/order/cancel", private(venue, cancel), methods=["POST"]),
        Route("/order/cancel-all", private(venue, cancel_all), methods=["POST"]),
        Route("/order/active", private(venue, active), methods=["GET"]),
        Route("/order/inactive", private(venue, inactive), methods=["GET"]),
    ]
