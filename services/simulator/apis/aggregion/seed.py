"""The simulator's starting data: users, accounts, the OAuth client, Tessera's add-on catalog and leases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from services.simulator.apis.aggregion.id_service import new_account
from services.simulator.apis.aggregion.state import AggregionState, Record
from services.simulator.apis.aggregion.views import new_lease
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD

OAUTH_CLIENT_ID = "tessera"
OAUTH_CLIENT_SECRET = "demo"
PUBLISHER_LOGIN = "publisher"
PUBLISHER_PASSWORD = "demo"
DAY = 86400.0
ITEMS_PER_POSITION = 10
PLATFORMS = ["windows", "linux", "macos"]

LAYOUT_PACK = {
    "format": "tessera-layouts/1",
    "layouts": [
        {
            "name": "Scalper: one market",
            "panels": [
                {"panel": "order_book", "area": "left", "size": 320},
                {"panel": "chart", "area": "center"},
                {"panel": "time_sales", "splitFrom": "order_book", "orientation": "vertical", "size": 260},
                {"panel": "order_ticket", "area": "right", "size": 300},
                {"panel": "orders", "area": "bottom", "size": 180},
            ],
        },
        {
            "name": "Scalper: two markets",
            "panels": [
                {"panel": "slot_1", "area": "left", "size": 420},
                {"panel": "slot_2", "splitFrom": "slot_1", "orientation": "horizontal", "size": 420},
                {"panel": "orders", "area": "bottom", "size": 170},
            ],
        },
        {
            "name": "Tape reader",
            "panels": [
                {"panel": "time_sales", "area": "left", "size": 360},
                {"panel": "order_book", "tabWith": "time_sales"},
                {"panel": "chart", "area": "center"},
            ],
        },
    ],
}

STRATEGY_PACK = {
    "format": "tessera-strategy-templates/1",
    "templates": [
        {
            "name": "Tight ETH-BTC maker",
            "strategyType": "SingleMarketMaker",
            "exchange": "binance",
            "symbols": [
                {
                    "name": "eth-btc",
                    "symbol": "ETH-BTC",
                    "side": "Both",
                    "currency1": "ETH",
                    "margin1": 0.1,
                    "currency2": "BTC",
                    "margin2": 0.01,
                    "orderNumber": 2,
                    "spreadPct": 0.02,
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
        {
            "name": "Volume keeper BTC-USDT",
            "strategyType": "VolumeMarketMaker",
            "exchange": "huobi",
            "symbols": [
                {
                    "name": "btc-usdt",
                    "symbol": "BTC-USDT",
                    "currency1": "BTC",
                    "margin1": 0.05,
                    "currency2": "USDT",
                    "margin2": 500,
                    "orderQty": 0.01,
                    "qtyVar": 0.0,
                    "priceVar": 0.0,
                    "middlePrice": 0,
                    "replaceDelay": 30.0,
                    "delayVar": 5,
                }
            ],
        },
        {
            "name": "Wide EOS-USDT maker",
            "strategyType": "SingleMarketMaker",
            "exchange": "okcoin",
            "symbols": [
                {
                    "name": "eos-usdt",
                    "symbol": "EOS-USDT",
                    "side": "Both",
                    "currency1": "EOS",
                    "margin1": 50,
                    "currency2": "USDT",
                    "margin2": 200,
                    "orderNumber": 3,
                    "spreadPct": 0.08,
                    "orderQty": 5,
                    "qtyVar": 0.0,
                    "priceStep": 0.001,
                    "priceVar": 0.0,
                    "middlePrice": 0,
                    "replaceDelay": 2.0,
                    "middlePriceStep": 0.001,
                    "toleranceVar": 0.002,
                }
            ],
        },
    ],
}


@dataclass(frozen=True)
class AddOn:
    slug: str
    kind: str
    en: str
    ru: str
    about_en: str
    about_ru: str
    tags: tuple[str, ...]
    max_keys: int
    bundle: dict[str, Any]
    public: bool = True


ADD_ONS: tuple[AddOn, ...] = (
    AddOn(
        "tessera-pro",
        "product",
        "Tessera Pro",
        "Tessera Pro",
        "The full terminal: every venue, unlimited layouts, strategies and charts.",
        "Полная версия терминала: все площадки, любые раскладки, стратегии и графики.",
        ("product", "pro"),
        2,
        {
            "format": "tessera-product/1",
            "edition": "pro",
            "features": ["all-venues", "strategies", "unlimited-layouts"],
        },
    ),
    AddOn(
        "layouts-scalper",
        "layout-pack",
        "Scalper Layout Pack",
        "Набор раскладок «Скальпер»",
        "Three ready layouts for fast intraday trading: order book, tape and ticket side by side.",
        "Три готовые раскладки для быстрой внутридневной торговли: стакан, лента и заявка рядом.",
        ("layouts", "scalping"),
        3,
        LAYOUT_PACK,
    ),
    AddOn(
        "strategies-market-making",
        "strategy-template-pack",
        "Market-Making Strategy Templates",
        "Шаблоны стратегий маркет-мейкинга",
        "Tuned market-maker and volume-keeper templates for coin-weight, ready to start.",
        "Настроенные шаблоны маркет-мейкера и поддержки объёма для coin-weight, готовые к запуску.",
        ("strategies", "market-making"),
        2,
        STRATEGY_PACK,
    ),
    AddOn(
        "indicators-volatility",
        "indicator-pack",
        "Volatility Indicators",
        "Индикаторы волатильности",
        "ATR bands, Keltner channels and realised volatility for the chart.",
        "Полосы ATR, каналы Кельтнера и реализованная волатильность на графике.",
        ("indicators", "charts"),
        2,
        {
            "format": "tessera-indicators/1",
            "indicators": [
                {"name": "ATR bands", "period": 14, "multiplier": 2.0},
                {"name": "Keltner channel", "period": 20, "multiplier": 1.5},
                {"name": "Realised volatility", "period": 30},
            ],
        },
    ),
    AddOn(
        "themes-night",
        "theme-pack",
        "Night Trader Themes",
        "Ночные темы оформления",
        "Four low-glare dark themes for long sessions.",
        "Четыре тёмные темы с низкой яркостью для долгих сессий.",
        ("themes", "appearance"),
        3,
        {
            "format": "tessera-themes/1",
            "themes": [
                {"name": "Midnight", "base": "dark", "accent": "#4f8cff"},
                {"name": "Ember", "base": "dark", "accent": "#ff8a3d"},
                {"name": "Moss", "base": "dark", "accent": "#5fbf77"},
                {"name": "Slate", "base": "dark", "accent": "#a0a8b8"},
            ],
        },
    ),
    AddOn(
        "alerts-telegram",
        "integration",
        "Price Alerts to Telegram",
        "Ценовые оповещения в Telegram",
        "Send price and fill alerts to a Telegram chat.",
        "Отправка оповещений о ценах и исполнениях в чат Telegram.",
        ("alerts", "integration"),
        1,
        {
            "format": "tessera-integration/1",
            "integration": "telegram",
            "events": ["price-cross", "order-filled"],
        },
    ),
    AddOn(
        "options-analytics",
        "panel",
        "Options Analytics Panel",
        "Панель аналитики опционов",
        "Greeks, volatility smile and payoff diagrams (coming soon).",
        "Греки, улыбка волатильности и профиль выплат (скоро).",
        ("panels", "options"),
        2,
        {"format": "tessera-panel/1", "panel": "options_analytics"},
        public=False,
    ),
)


def _cover(title: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" '
        f'fill="#1e2430"/><text x="20" y="100" fill="#e8ecf4" font-size="22">{title}</text></svg>'
    ).encode()


def _user(state: AggregionState, login: str, password: str, first: str, last: str) -> str:
    user_id = state.new_id()
    state.users[user_id] = {
        "id": user_id,
        "nickname": login,
        "info": {
            "email": f"{login}@tessera.local",
            "firstName": first,
            "lastName": last,
            "phoneNumber": "",
            "address": "",
        },
        "registrationDate": state.now_text(-30 * DAY),
    }
    state.logins[login] = (user_id, password)
    return user_id


def _add_on(state: AggregionState, account: str, add_on: AddOn, expiration: str) -> Record:
    cover = state.store(account, f"covers/{add_on.slug}.svg", _cover(add_on.en), "image/svg+xml", public=True)
    entry: Record = {
        "id": state.new_id(),
        "owner": account,
        "title": {"default": add_on.en, "en_US": add_on.en, "ru_RU": add_on.ru},
        "description": {"default": add_on.about_en, "en_US": add_on.about_en, "ru_RU": add_on.about_ru},
        "cover": cover.id,
        "tags": list(add_on.tags),
        "platformSupport": list(PLATFORMS),
        "previewImages": [cover.id],
        "previewVideos": [],
        "options": {"kind": add_on.kind, "slug": add_on.slug, "language": "en_US"},
        "maxKeys": add_on.max_keys,
        "isPublic": add_on.public,
        "publishingStatus": "published" if add_on.public else "none",
    }
    state.catalog[entry["id"]] = entry
    content = json.dumps(add_on.bundle, ensure_ascii=False, indent=2).encode("utf-8")
    stored = state.store(
        account,
        f"bundles/{add_on.slug}/1.0.0/{add_on.slug}.json",
        content,
        "application/json",
        catalog=entry["id"],
    )
    bundle = {
        "id": state.new_id(),
        "owner": account,
        "version": "1.0.0",
        "resourceId": stored.id,
        "catalog": entry["id"],
        "available": True,
        "status": "done",
    }
    state.bundles[bundle["id"]] = bundle
    fund = state.accounts[account]["defaultFund"]
    for _ in range(ITEMS_PER_POSITION):
        item = {
            "id": state.new_id(),
            "creator": account,
            "owner": account,
            "catalog": entry["id"],
            "fund": fund,
            "creationDate": state.now_text(),
            "expirationDate": expiration,
        }
        state.items[item["id"]] = item
    return entry


def seed(state: AggregionState) -> None:
    state.applications[OAUTH_CLIENT_ID] = (OAUTH_CLIENT_SECRET, "Tessera")
    demo = _user(state, DEMO_LOGIN, DEMO_PASSWORD, "Demo", "Trader")
    publisher = _user(state, PUBLISHER_LOGIN, PUBLISHER_PASSWORD, "Tessera", "Publisher")
    new_account(state, demo, "Demo trader")
    labs = new_account(
        state,
        publisher,
        "Tessera Labs",
        is_organization=True,
        organization_details={"address": "1 Market Street", "inn": "7700000000"},
    )
    group_id = state.new_id()
    state.groups[group_id] = {
        "id": group_id,
        "owner": labs["id"],
        "name": "Tessera beta testers",
        "members": [demo],
    }
    expiration = state.now_text(365 * DAY)
    entries = {a.slug: _add_on(state, labs["id"], a, expiration) for a in ADD_ONS}
    for slug in ("tessera-pro", "layouts-scalper"):
        entry = entries[slug]
        item = next(i for i in state.items.values() if i["catalog"] == entry["id"])
        new_lease(state, labs["id"], item, demo, state.now_text(-DAY), expiration, entry["maxKeys"])
