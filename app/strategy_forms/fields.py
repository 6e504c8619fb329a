"""The strategy form's field tables: one declarative table per coin-weight strategy type.

Facts from ``api-notes/coinweight-strategies.md`` and the simulator's market makers (market_maker.py):
``spreadPct`` and the other ``*Pct`` fields are fractions on the wire (0.04 = 4 %) and are shown as percent;
quantities are in the symbol's base currency, prices and price steps in its quote currency; ``margin1`` is the
budget of ``currency1`` (the base: what the asks may commit), ``margin2`` of ``currency2`` (the quote: what
the bids may commit); ``middlePrice`` 0 follows the market mid. Where the notes give no unit (Arbitrage's
``buySpread``/``sellSpread``) the number is shown as the venue takes it.

A field is shown when the strategy's entry has it, or when the venue needs it (``required``); fields the
table does not know are kept untouched (``mapping.py`` turns a table into a form and back).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication

CONTEXT = "StrategyFields"  # the translation context of every label, tooltip and hint here


def N(context: str, text: str) -> str:
    """``QT_TRANSLATE_NOOP`` typed as it behaves (the stubs say ``object``): marks ``text`` for translation in
    ``context`` and returns it. lupdate finds these with ``-tr-function-alias QT_TRANSLATE_NOOP+=N``."""
    return text


SIDES = ("Both", "Bid", "Ask")
SIDE_LABELS = {
    "Both": N("StrategyFields", "Both sides"),
    "Bid": N("StrategyFields", "Bids only"),
    "Ask": N("StrategyFields", "Asks only"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class Kind(Enum):
    QTY = "qty"  # base-currency quantity, the instrument's quantity places
    PRICE = "price"  # quote-currency price (or price distance), the instrument's price places
    AMOUNT = "amount"  # an amount of ``FieldDef.currency``
    PERCENT = "percent"  # a fraction on the wire, shown as percent
    SECONDS = "seconds"
    COUNT = "count"  # an integer >= 1
    INDEX = "index"  # an integer >= 0
    NUMBER = "number"  # a number whose unit the notes do not give
    SIDE = "side"  # Both / Bid / Ask
    EXCHANGE = "exchange"  # a counterparty
    TEXT = "text"  # a currency or symbol code


@dataclass(frozen=True)
class FieldDef:
    key: str  # the wire name
    label: str  # marked with N("StrategyFields", ...)
    kind: Kind
    tooltip: str = ""
    hint: str = ""
    required: bool = False
    minimum: Decimal | None = None  # wire units; numbers default to 0 (the venue refuses negatives)
    maximum: Decimal | None = None  # wire units; percent fields default to 1 (100 %)
    currency: str = ""  # AMOUNT: "base", "quote", or the key of the entry field that names the currency
    instrument_limits: bool = False  # QTY: within the instrument's minimum and maximum quantity


@dataclass(frozen=True)
class GroupDef:
    """A list of sub-objects of an entry (``margins``): one form section per element."""

    key: str
    title: str
    fields: tuple[FieldDef, ...]


@dataclass(frozen=True)
class TypeDef:
    fields: tuple[FieldDef, ...]
    groups: tuple[GroupDef, ...] = ()


def _f(key: str, label: str, kind: Kind, tooltip: str, **options: Any) -> FieldDef:
    return FieldDef(key, label, kind, tooltip, **options)


_ORDER_QTY = _f(
    "orderQty",
    N("StrategyFields", "Order size"),
    Kind.QTY,
    N("StrategyFields", "Quantity of each order, in the base currency"),
    required=True,
    instrument_limits=True,
)
_QTY_VAR = _f(
    "qtyVar",
    N("StrategyFields", "Size variation"),
    Kind.QTY,
    N("StrategyFields", "Each order's size varies at random by up to \u00b1 this quantity"),
)
_PRICE_VAR = _f(
    "priceVar",
    N("StrategyFields", "Price variation"),
    Kind.PRICE,
    N("StrategyFields", "Each order's price varies at random by up to \u00b1 this much (quote currency)"),
)
_MIDDLE_PRICE = _f(
    "middlePrice",
    N("StrategyFields", "Centre price"),
    Kind.PRICE,
    N("StrategyFields", "The price the orders are placed around; 0 follows the market mid"),
    hint=N("StrategyFields", "0 = market mid"),
)
_MARGIN1 = _f(
    "margin1",
    N("StrategyFields", "Base budget"),
    Kind.AMOUNT,
    N("StrategyFields", "The most of the base currency (currency1) the asks may commit together"),
    currency="currency1",
)
_MARGIN2 = _f(
    "margin2",
    N("StrategyFields", "Quote budget"),
    Kind.AMOUNT,
    N("StrategyFields", "The most of the quote currency (currency2) the bids may commit together"),
    currency="currency2",
)
_LEGACY_MARGIN = _f(
    "margin",
    N("StrategyFields", "Budget"),
    Kind.AMOUNT,
    N("StrategyFields", "Budget of the side that spends this currency"),
    currency="currency",
)
_SIDE = _f(
    "side",
    N("StrategyFields", "Side"),
    Kind.SIDE,
    N("StrategyFields", "Quote both sides, bids only or asks only"),
)
_SPREAD_PCT = _f(
    "spreadPct",
    N("StrategyFields", "Spread"),
    Kind.PERCENT,
    N("StrategyFields", "Best bid to best ask, in percent of the centre price (sent as a fraction)"),
    hint=N("StrategyFields", "4 % is sent as 0.04"),
)
_REPLACE_DELAY = _f(
    "replaceDelay",
    N("StrategyFields", "Replace every"),
    Kind.SECONDS,
    N("StrategyFields", "Seconds between two replacements of the orders"),
    minimum=Decimal("0.1"),
)
_MAX_ORDER_SIZE = _f(
    "maxOrderSize",
    N("StrategyFields", "Max order size"),
    Kind.NUMBER,
    N("StrategyFields", "The largest single order"),
    required=True,
)
_PARENT_INDEX = _f(
    "parentIndex",
    N("StrategyFields", "Parent index"),
    Kind.INDEX,
    N("StrategyFields", "Position of this entry's parent in the venue's strategy tree"),
    required=True,
)
_EXPIRED = _f(
    "expiredSeconds",
    N("StrategyFields", "Order lifetime"),
    Kind.SECONDS,
    N("StrategyFields", "Seconds an unfilled order may live before it is replaced"),
    required=True,
)

_MARGINS = GroupDef(
    "margins",
    N("StrategyFields", "Budget on {counterParty}"),
    (
        _f(
            "counterParty",
            N("StrategyFields", "Exchange"),
            Kind.EXCHANGE,
            N("StrategyFields", "Counterparty of this budget"),
        ),
        _f(
            "currency1",
            N("StrategyFields", "Currency 1"),
            Kind.TEXT,
            N("StrategyFields", "First currency of the budget"),
        ),
        _f(
            "margin1",
            N("StrategyFields", "Budget 1"),
            Kind.AMOUNT,
            N("StrategyFields", "Amount of currency 1"),
            currency="currency1",
        ),
        _f(
            "currency2",
            N("StrategyFields", "Currency 2"),
            Kind.TEXT,
            N("StrategyFields", "Second currency of the budget"),
        ),
        _f(
            "margin2",
            N("StrategyFields", "Budget 2"),
            Kind.AMOUNT,
            N("StrategyFields", "Amount of currency 2"),
            currency="currency2",
        ),
    ),
)

_AUTO_SPREADING = (
    _f(
        "side",
        N("StrategyFields", "Side"),
        Kind.SIDE,
        N("StrategyFields", "The side the maker quotes"),
        required=True,
    ),
    _f(
        "makerExchange",
        N("StrategyFields", "Maker exchange"),
        Kind.EXCHANGE,
        N("StrategyFields", "Where the strategy places its orders"),
        required=True,
    ),
    _f(
        "watchedExchange",
        N("StrategyFields", "Watched exchange"),
        Kind.EXCHANGE,
        N("StrategyFields", "Whose prices the orders follow"),
        required=True,
    ),
    _f(
        "makerCcy1",
        N("StrategyFields", "Maker currency 1"),
        Kind.TEXT,
        N("StrategyFields", "Base currency on the maker exchange"),
        required=True,
    ),
    _f(
        "makerCcy2",
        N("StrategyFields", "Maker currency 2"),
        Kind.TEXT,
        N("StrategyFields", "Quote currency on the maker exchange"),
        required=True,
    ),
    _MAX_ORDER_SIZE,
    _f(
        "priceVar",
        N("StrategyFields", "Price variation"),
        Kind.PRICE,
        N("StrategyFields", "Each order's price varies at random by up to \u00b1 this much"),
        required=True,
    ),
    _f(
        "quantityVar",
        N("StrategyFields", "Size variation"),
        Kind.QTY,
        N("StrategyFields", "Each order's size varies at random by up to \u00b1 this quantity"),
        required=True,
    ),
    _PARENT_INDEX,
)

TYPES: dict[str, TypeDef] = {
    "SingleMarketMaker": TypeDef(
        (
            _SIDE,
            _f(
                "orderNumber",
                N("StrategyFields", "Orders per side"),
                Kind.COUNT,
                N("StrategyFields", "Levels of the ladder on each quoted side"),
                maximum=Decimal(50),
            ),
            _SPREAD_PCT,
            _ORDER_QTY,
            _QTY_VAR,
            _f(
                "priceStep",
                N("StrategyFields", "Level step"),
                Kind.PRICE,
                N("StrategyFields", "Price distance between two levels of the ladder (quote currency)"),
            ),
            _PRICE_VAR,
            _MIDDLE_PRICE,
            _f(
                "middlePriceStep",
                N("StrategyFields", "Centre step"),
                Kind.PRICE,
                N("StrategyFields", "How far the centre moves at a time when the market leaves the band"),
                hint=N("StrategyFields", "0 = jump to the market"),
            ),
            _f(
                "toleranceVar",
                N("StrategyFields", "Tolerance"),
                Kind.PERCENT,
                N("StrategyFields", "How far (percent) the market may drift before the centre moves"),
            ),
            _REPLACE_DELAY,
            _MARGIN1,
            _MARGIN2,
            _LEGACY_MARGIN,
        )
    ),
    "VolumeMarketMaker": TypeDef(
        (
            _ORDER_QTY,
            _QTY_VAR,
            _PRICE_VAR,
            _MIDDLE_PRICE,
            _REPLACE_DELAY,
            _f(
                "delayVar",
                N("StrategyFields", "Delay variation"),
                Kind.SECONDS,
                N(
                    "StrategyFields",
                    "The replacement delay varies at random by up to \u00b1 this many seconds",
                ),
            ),
            _MARGIN1,
            _MARGIN2,
            _LEGACY_MARGIN,
        )
    ),
    "Arbitrage": TypeDef(
        (
            _f(
                "exchange1",
                N("StrategyFields", "Exchange 1"),
                Kind.EXCHANGE,
                N("StrategyFields", "First counterparty"),
                required=True,
            ),
            _f(
                "exchange2",
                N("StrategyFields", "Exchange 2"),
                Kind.EXCHANGE,
                N("StrategyFields", "Second counterparty"),
                required=True,
            ),
            _f(
                "buySpread",
                N("StrategyFields", "Buy spread"),
                Kind.NUMBER,
                N(
                    "StrategyFields",
                    "Price gap that triggers a buy (as the venue takes it: the notes give no unit)",
                ),
                required=True,
            ),
            _f(
                "sellSpread",
                N("StrategyFields", "Sell spread"),
                Kind.NUMBER,
                N(
                    "StrategyFields",
                    "Price gap that triggers a sell (as the venue takes it: the notes give no unit)",
                ),
                required=True,
            ),
            _f(
                "maxOrderQty",
                N("StrategyFields", "Max order size"),
                Kind.QTY,
                N("StrategyFields", "The largest single order"),
                required=True,
            ),
            _EXPIRED,
        ),
        (_MARGINS,),
    ),
    "Triangular": TypeDef(
        (
            _f(
                "counterParty",
                N("StrategyFields", "Exchange"),
                Kind.EXCHANGE,
                N("StrategyFields", "Where the three legs trade"),
                required=True,
            ),
            *(
                _f(key, label, Kind.TEXT, N("StrategyFields", "A leg of the triangle"), required=True)
                for key, label in (
                    ("symbol1", N("StrategyFields", "Symbol 1")),
                    ("symbol2", N("StrategyFields", "Symbol 2")),
                    ("symbol3", N("StrategyFields", "Symbol 3")),
                )
            ),
            *(
                _f(key, label, Kind.TEXT, N("StrategyFields", "A currency of the triangle"), required=True)
                for key, label in (
                    ("currency1", N("StrategyFields", "Currency 1")),
                    ("currency2", N("StrategyFields", "Currency 2")),
                    ("currency3", N("StrategyFields", "Currency 3")),
                )
            ),
            *(
                _f(
                    key,
                    label,
                    Kind.AMOUNT,
                    N("StrategyFields", "The most of this currency the strategy may commit"),
                    required=True,
                    currency=currency,
                )
                for key, label, currency in (
                    ("margin1", N("StrategyFields", "Budget 1"), "currency1"),
                    ("margin2", N("StrategyFields", "Budget 2"), "currency2"),
                    ("margin3", N("StrategyFields", "Budget 3"), "currency3"),
                )
            ),
            _f(
                "thresholdPct",
                N("StrategyFields", "Threshold"),
                Kind.PERCENT,
                N("StrategyFields", "Least gain of a round trip, in percent (sent as a fraction)"),
                required=True,
            ),
            _MAX_ORDER_SIZE,
            _EXPIRED,
            _PARENT_INDEX,
        )
    ),
    "AutoSpreadingPct": TypeDef(
        (
            *_AUTO_SPREADING,
            _f(
                "spreadPct",
                N("StrategyFields", "Spread"),
                Kind.PERCENT,
                N("StrategyFields", "Distance from the watched price, in percent (sent as a fraction)"),
                required=True,
                hint=N("StrategyFields", "4 % is sent as 0.04"),
            ),
            _f(
                "makerMargin1",
                N("StrategyFields", "Budget 1"),
                Kind.AMOUNT,
                N("StrategyFields", "Budget of maker currency 1"),
                required=True,
                currency="makerCcy1",
            ),
            _f(
                "makerMargin2",
                N("StrategyFields", "Budget 2"),
                Kind.AMOUNT,
                N("StrategyFields", "Budget of maker currency 2"),
                required=True,
                currency="makerCcy2",
            ),
        )
    ),
    "AutoSpreadingValue": TypeDef(
        (
            *_AUTO_SPREADING,
            _f(
                "spreadValue",
                N("StrategyFields", "Spread"),
                Kind.PRICE,
                N("StrategyFields", "Distance from the watched price, in the quote currency"),
                required=True,
            ),
            _f(
                "quoteExchange",
                N("StrategyFields", "Quote exchange"),
                Kind.EXCHANGE,
                N("StrategyFields", "Where the quote currency's price comes from"),
            ),
        ),
        (_MARGINS,),
    ),
    "SpeedOrder": TypeDef(
        (
            _f(
                "side",
                N("StrategyFields", "Side"),
                Kind.SIDE,
                N("StrategyFields", "The side the orders are placed on"),
            ),
            _f(
                "basePrice",
                N("StrategyFields", "Base price"),
                Kind.PRICE,
                N("StrategyFields", "Price of the first order"),
                required=True,
            ),
            _f(
                "priceStep",
                N("StrategyFields", "Price step"),
                Kind.PRICE,
                N("StrategyFields", "Distance between two orders"),
                required=True,
            ),
            _PRICE_VAR,
            _f(
                "orderNum",
                N("StrategyFields", "Orders"),
                Kind.COUNT,
                N("StrategyFields", "How many orders to place"),
                required=True,
            ),
            _ORDER_QTY,
            _QTY_VAR,
            _MARGIN1,
            _MARGIN2,
        )
    ),
}
