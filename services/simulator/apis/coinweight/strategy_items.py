"""Strategy items: the documented defaults, validation of every strategy type, and the per-user custom items
(/config/strategy/...)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.coinweight.state import User
from services.simulator.apis.coinweight.venue import CoinweightSim, private, public
from services.simulator.apis.coinweight.wire import (
    ApiError,
    Code,
    decimal_of,
    json_object,
    ok,
    parameters_error,
    text_field,
)

DEFAULT_ITEMS: list[dict[str, Any]] = [  # verbatim from the doc
    {
        "name": "VolumeMarketMaker",
        "default": {
            "name": "octmm",
            "exchange": "binance",
            "owner": "strategy-10",
            "strategyType": "VolumeMarketMaker",
            "symbols": [
                {
                    "name": "test",
                    "symbol": "ETH-BTC",
                    "currency1": "ETH",
                    "margin1": 0.2,
                    "currency2": "BTC",
                    "margin2": 0.02,
                    "orderQty": 0.1,
                    "qtyVar": 0.0,
                    "priceVar": 0.0,
                    "middlePrice": 0,
                    "replaceDelay": 60.0,
                    "delayVar": 10,
                }
            ],
        },
    },
    {
        "name": "SingleMarketMaker",
        "default": {
            "name": "octmm",
            "exchange": "binance",
            "strategyType": "SingleMarketMaker",
            "owner": "strategy-11",
            "symbols": [
                {
                    "name": "test",
                    "symbol": "ETH-BTC",
                    "side": "Both",
                    "currency1": "ETH",
                    "margin1": 0.1,
                    "currency2": "BTC",
                    "margin2": 0.01,
                    "orderNumber": 1,
                    "spreadPct": 0.04,
                    "orderQty": 0.1,
                    "qtyVar": 0.0,
                    "priceStep": 0.0001,
                    "priceVar": 0.0,
                    "middlePrice": 0,
                    "replaceDelay": 1.0,
                    "middlePriceStep": 0.0001,
                    "toleranceVar": 0.001,
                }
            ],
        },
    },
]


@dataclass(frozen=True)
class TypeRules:
    """What a symbol entry of a strategy type must hold (``required``) and which of its fields are numbers."""

    numbers: frozenset[str]
    required: frozenset[str]
    runnable: bool = False


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_AUTO_SPREADING = (
    "makerCcy1 makerCcy2 makerExchange maxOrderSize parentIndex priceVar quantityVar side watchedExchange"
)
STRATEGY_TYPES: dict[str, TypeRules] = {
    # The market makers also take the legacy entry of the doc's custom-item example (name = the symbol, one
    # currency/margin pair), so only orderQty is required; the runner gives the rest defaults.
    "SingleMarketMaker": TypeRules(
        _words(
            "margin margin1 margin2 orderNumber spreadPct orderQty qtyVar priceStep priceVar middlePrice "
            "replaceDelay middlePriceStep toleranceVar"
        ),
        _words("orderQty"),
        runnable=True,
    ),
    "VolumeMarketMaker": TypeRules(
        _words("margin margin1 margin2 orderQty qtyVar priceVar middlePrice replaceDelay delayVar"),
        _words("orderQty"),
        runnable=True,
    ),
    "Arbitrage": TypeRules(
        _words("expiredSeconds buySpread sellSpread maxOrderQty"),
        _words("expiredSeconds margins exchange1 exchange2 buySpread sellSpread maxOrderQty"),
    ),
    "Triangular": TypeRules(
        _words("margin1 margin2 margin3 expiredSeconds maxOrderSize parentIndex thresholdPct"),
        _words(
            "counterParty currency1 currency2 currency3 margin1 margin2 margin3 expiredSeconds maxOrderSize "
            "parentIndex symbol1 symbol2 symbol3 thresholdPct"
        ),
    ),
    "AutoSpreadingPct": TypeRules(
        _words("makerMargin1 makerMargin2 maxOrderSize parentIndex priceVar quantityVar spreadPct"),
        _words(f"{_AUTO_SPREADING} makerMargin1 makerMargin2 spreadPct"),
    ),
    "AutoSpreadingValue": TypeRules(
        _words("maxOrderSize parentIndex priceVar quantityVar spreadValue"),
        _words(f"{_AUTO_SPREADING} margins spreadValue"),
    ),
    "SpeedOrder": TypeRules(
        _words("basePrice priceStep priceVar orderNum orderQty qtyVar"),
        _words("basePrice priceStep priceVar orderNum orderQty qtyVar"),
    ),
}
SIDES = ("Both", "Bid", "Ask")
_COUNTERPARTY_FIELDS = (
    "exchange1",
    "exchange2",
    "counterParty",
    "makerExchange",
    "watchedExchange",
    "quoteExchange",
)


def validate_strategy(venue: CoinweightSim, strategy: Any) -> TypeRules:
    """Refuse (400) a strategy whose shape does not fit its type; the rules of its type otherwise."""
    if not isinstance(strategy, dict):
        raise parameters_error("the strategy must be a JSON object")
    text_field(strategy, "name")
    kind = text_field(strategy, "strategyType")
    rules = STRATEGY_TYPES.get(kind)
    if rules is None:
        raise parameters_error(f"unknown strategyType {kind!r} (one of {', '.join(STRATEGY_TYPES)})")
    exchange = CoinweightSim.counterparty(text_field(strategy, "exchange"))
    symbols = strategy.get("symbols")
    if not isinstance(symbols, list) or not symbols or not all(isinstance(e, dict) for e in symbols):
        raise parameters_error("symbols must be a non-empty array of objects")
    for index, entry in enumerate(symbols):
        _validate_entry(venue, rules, exchange, entry, f"symbols[{index}]")
    return rules


def _validate_entry(
    venue: CoinweightSim, rules: TypeRules, exchange: str, entry: dict[str, Any], where: str
) -> None:
    missing = sorted(rules.required - entry.keys())
    if missing:
        raise parameters_error(f"{where} misses {', '.join(missing)}")
    for name in sorted(rules.numbers & entry.keys()):
        _non_negative(entry[name], f"{where}.{name}")
    if "side" in entry and entry["side"] not in SIDES:
        raise parameters_error(f"{where}.side must be one of {', '.join(SIDES)}")
    for name in _COUNTERPARTY_FIELDS:
        if name in entry:
            CoinweightSim.counterparty(str(entry[name]))
    if "margins" in entry:
        margins = entry["margins"]
        if not isinstance(margins, list) or not all(isinstance(m, dict) for m in margins):
            raise parameters_error(f"{where}.margins must be an array of objects")
        for index, margin in enumerate(margins):
            if "counterParty" in margin:
                CoinweightSim.counterparty(str(margin["counterParty"]))
            for name in ("margin1", "margin2"):
                if name in margin:
                    _non_negative(margin[name], f"{where}.margins[{index}].{name}")
    if rules.runnable and "symbol" in entry:
        venue.instrument(exchange, str(entry["symbol"]))


def _non_negative(value: Any, name: str) -> None:
    if decimal_of(value, name) < 0:
        raise parameters_error(f"{name} must not be negative")


def _stored(strategy: dict[str, Any]) -> dict[str, Any]:
    return {key: copy.deepcopy(value) for key, value in strategy.items() if key != "id"}


def _known_item(user: User, body: dict[str, Any]) -> str:
    item_id = text_field(body, "id")
    if item_id not in user.strategy_items:
        raise ApiError(Code.NOT_FOUND, f"no strategy item {item_id}")
    return item_id


def routes(venue: CoinweightSim) -> list[Route]:
    async def default_items(request: Request) -> Response:
        return ok(copy.deepcopy(DEFAULT_ITEMS))

    async def custom_items(request: Request, user: User) -> Response:
        return ok([{"id": item_id, **item} for item_id, item in user.strategy_items.items()])

    async def create_item(request: Request, user: User) -> Response:
        body = await json_object(request)
        validate_strategy(venue, body)
        item_id = str(user.next_strategy_id)
        user.next_strategy_id += 1
        user.strategy_items[item_id] = _stored(body)
        return ok({item_id: user.strategy_items[item_id]})

    async def update_item(request: Request, user: User) -> Response:
        body = await json_object(request)
        item_id = _known_item(user, body)
        validate_strategy(venue, body)
        user.strategy_items[item_id] = _stored(body)
        return ok({"id": item_id, **user.strategy_items[item_id]})

    async def delete_item(request: Request, user: User) -> Response:
        item_id = _known_item(user, await json_object(request))
        runner = venue.state.runners.get((user.uid, item_id))
        if runner is not None and runner.running:
            raise ApiError(Code.CONFLICT, f"strategy {item_id} is running: stop it first")
        return ok({item_id: user.strategy_items.pop(item_id)})

    custom = "/config/strategy/custom/{uid}"
    return [
        Route("/config/strategy/default/items", public(venue, default_items), methods=["GET"]),
        Route(f"{custom}/items", private(venue, custom_items, path_uid="uid"), methods=["GET"]),
        Route(f"{custom}/item/update", private(venue, update_item, path_uid="uid"), methods=["POST"]),
        Route(f"{custom}/item/create", private(venue, create_item, path_uid="uid"), methods=["POST"]),
        Route(f"{custom}/item/delete", private(venue, delete_item, path_uid="uid"), methods=["POST"]),
    ]
