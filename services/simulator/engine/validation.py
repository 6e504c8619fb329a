"""Order validation against the instrument's rules, with the messages a trader can act on."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from services.simulator.engine.types import InstrumentSpec, OrderRejected, SimOrderType

PRICED = (SimOrderType.LIMIT, SimOrderType.STOP_LIMIT)
STOPPED = (SimOrderType.STOP, SimOrderType.STOP_LIMIT)


def show(value: Decimal) -> str:
    """A Decimal as plain digits without trailing zeros ("0.001", "65000")."""
    return format(value.normalize(), "f")


def _multiple(value: Decimal, step: Decimal) -> bool:
    try:
        return value % step == 0
    except InvalidOperation:
        return False


def check_quantity(spec: InstrumentSpec, quantity: Decimal) -> None:
    if not quantity.is_finite() or quantity <= 0:
        raise OrderRejected("bad_quantity", f"quantity {show(quantity)} must be positive")
    if not _multiple(quantity, spec.qty_step):
        raise OrderRejected("bad_quantity",
                            f"quantity {show(quantity)} is not a multiple of the step {show(spec.qty_step)}")
    if not _multiple(quantity, spec.lot_size):
        raise OrderRejected("bad_quantity",
                            f"quantity {show(quantity)} is not a multiple of the lot {show(spec.lot_size)}")
    if quantity < spec.min_qty:
        raise OrderRejected("bad_quantity",
                            f"quantity {show(quantity)} is below the minimum {show(spec.min_qty)}")
    if quantity > spec.max_qty:
        raise OrderRejected("bad_quantity",
                            f"quantity {show(quantity)} is above the maximum {show(spec.max_qty)}")


def check_price(spec: InstrumentSpec, price: Decimal, name: str = "price") -> None:
    if not price.is_finite() or price <= 0:
        raise OrderRejected("bad_price", f"{name} {show(price)} must be positive")
    if not _multiple(price, spec.price_step):
        raise OrderRejected("bad_price",
                            f"{name} {show(price)} is not a multiple of the tick {show(spec.price_step)}")


def check_order(spec: InstrumentSpec, type: SimOrderType, quantity: Decimal, price: Decimal | None,
                stop_price: Decimal | None) -> None:
    if type in PRICED and price is None:
        raise OrderRejected("bad_type", f"a {type.value} order needs a price")
    if type not in PRICED and price is not None:
        raise OrderRejected("bad_type", f"a {type.value} order takes no price")
    if type in STOPPED and stop_price is None:
        raise OrderRejected("bad_type", f"a {type.value} order needs a stop price")
    if type not in STOPPED and stop_price is not None:
        raise OrderRejected("bad_type", f"a {type.value} order takes no stop price")
    check_quantity(spec, quantity)
    if price is not None:
        check_price(spec, price)
    if stop_price is not None:
        check_price(spec, stop_price, "stop price")
