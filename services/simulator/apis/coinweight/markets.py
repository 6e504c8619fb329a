"""The Config API's market side: symbols, market categories, favourites, professional and simple layouts."""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.coinweight.state import Instrument, User
from services.simulator.apis.coinweight.venue import COUNTERPARTIES, CoinweightSim, private, public
from services.simulator.apis.coinweight.wire import int_of, json_object, ok, parameters_error, text_field

CATEGORY_ORDER = ("BTC", "ETH", "USDT")  # the market tabs; other quote currencies get tabs after these
LAYOUT_DEFAULTS: dict[str, list[Instrument]] = {
    "professional": [("binance", "ETH-BTC"), ("huobi", "EOS-USDT"), ("okcoin", "EOS-USDT")],
    "simple": [
        ("binance", "ETH-BTC"),
        ("huobi", "EOS-USDT"),
        ("okcoin", "BTC-USDT"),
        ("binance", "BTC-USDT"),
        ("huobi", "ETH-USDT"),
        ("okcoin", "ETH-USDT"),
        ("binance", "EOS-ETH"),
        ("huobi", "ETH-BTC"),
        ("okcoin", "EOS-BTC"),
        ("binance", "EOS-USDT"),
        ("huobi", "BTC-USDT"),
        ("okcoin", "EOS-USDT"),
    ],
}


def default_markets(venue: CoinweightSim) -> list[dict[str, Any]]:
    """Every instrument under the tab of its quote currency, by symbol, then counterparty."""
    by_quote: dict[str, list[tuple[str, int, str]]] = {}
    for rank, counterparty in enumerate(COUNTERPARTIES):
        for spec in venue.instruments(counterparty):
            by_quote.setdefault(spec.quote, []).append((spec.symbol, rank, counterparty))
    tabs = [q for q in CATEGORY_ORDER if q in by_quote] + sorted(set(by_quote) - set(CATEGORY_ORDER))
    return [
        {
            "category": quote,
            "items": [
                {"counterParty": cp, "symbol": symbol, "favorite": False}
                for symbol, _, cp in sorted(by_quote[quote])
            ],
        }
        for quote in tabs
    ]


def _layout(user: User, kind: str) -> dict[int, Instrument]:
    return user.layouts.setdefault(kind, dict(enumerate(LAYOUT_DEFAULTS[kind], start=1)))


def _layout_rows(slots: dict[int, Instrument]) -> list[dict[str, Any]]:
    return [{"position": p, "counterParty": slots[p][0], "symbol": slots[p][1]} for p in sorted(slots)]


def _instrument_of(venue: CoinweightSim, body: dict[str, Any]) -> Instrument:
    counterparty = text_field(body, "counterParty")
    symbol = text_field(body, "symbol")
    venue.instrument(counterparty, symbol)
    return counterparty, symbol


def routes(venue: CoinweightSim) -> list[Route]:
    async def symbols(request: Request) -> Response:
        return ok(
            [
                {
                    "counterParty": counterparty,
                    "symbols": [
                        {
                            "name": spec.symbol,
                            "base": spec.base,
                            "quote": spec.quote,
                            "priceDecimal": spec.price_decimals,
                            "quantityDecimal": spec.qty_decimals,
                            "quantityMin": float(spec.min_qty),
                            "quantityMax": float(spec.max_qty),
                        }
                        for spec in venue.instruments(counterparty)
                    ],
                }
                for counterparty in COUNTERPARTIES
            ]
        )

    async def markets_default(request: Request) -> Response:
        return ok(default_markets(venue))

    async def markets_custom(request: Request, user: User) -> Response:
        if user.markets is None:
            user.markets = default_markets(venue)
        tabs = copy.deepcopy(user.markets)
        for item in (item for tab in tabs for item in tab["items"]):
            item["favorite"] = (item["counterParty"], item["symbol"]) in user.favourites
        return ok(tabs)

    async def favourites(request: Request, user: User) -> Response:
        return ok(
            [{"counterParty": cp, "symbol": symbol, "favorite": True} for cp, symbol in user.favourites]
        )

    async def add_favourite(request: Request, user: User) -> Response:
        instrument = _instrument_of(venue, await json_object(request))
        if instrument not in user.favourites:
            user.favourites.append(instrument)
        return ok()

    async def delete_favourite(request: Request, user: User) -> Response:
        instrument = _instrument_of(venue, await json_object(request))
        if instrument in user.favourites:
            user.favourites.remove(instrument)
        return ok()

    def layout_routes(kind: str) -> list[Route]:
        size = len(LAYOUT_DEFAULTS[kind])

        async def layout_default(request: Request) -> Response:
            return ok(_layout_rows(dict(enumerate(LAYOUT_DEFAULTS[kind], start=1))))

        async def layout_custom(request: Request, user: User) -> Response:
            return ok(_layout_rows(_layout(user, kind)))

        async def layout_update(request: Request, user: User) -> Response:
            body = await json_object(request)
            if body.get("position") is None:
                raise parameters_error("position is required")
            position = int_of(body["position"], "position")
            if not 1 <= position <= size:
                raise parameters_error(f"position must be 1 to {size} in the {kind} layout")
            _layout(user, kind)[position] = _instrument_of(venue, body)
            return ok()

        base = f"/config/layout/{kind}"
        return [
            Route(f"{base}/default", public(venue, layout_default), methods=["GET"]),
            Route(f"{base}/custom/{{uid}}", private(venue, layout_custom, path_uid="uid"), methods=["GET"]),
            Route(
                f"{base}/custom/{{uid}}/update",
                private(venue, layout_update, path_uid="uid"),
                methods=["POST"],
            ),
        ]

    custom = "/config/market/custom/{uid}"
    return [
        Route("/config/symbols", public(venue, symbols), methods=["GET"]),
        Route("/config/market/default", public(venue, markets_default), methods=["GET"]),
        Route(custom, private(venue, markets_custom, path_uid="uid"), methods=["GET"]),
        Route(f"{custom}/favorite", private(venue, favourites, path_uid="uid"), methods=["GET"]),
        Route(f"{custom}/favorite/add", private(venue, add_favourite, path_uid="uid"), methods=["POST"]),
        Route(
            f"{custom}/favorite/delete", private(venue, delete_favourite, path_uid="uid"), methods=["POST"]
        ),
        *layout_routes("professional"),
        *layout_routes("simple"),
    ]
