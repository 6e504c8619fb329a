"""A user's engine accounts (one per counterparty): opening, starting balances, and their value at market."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from services.simulator.apis.coinweight.venue import COUNTERPARTIES, CoinweightSim
from services.simulator.engine import AccountConfig, InstrumentSpec

VALUATION_CURRENCY = "USDT"
STARTING_BALANCES = {"USDT": Decimal(100000), "BTC": Decimal(2), "ETH": Decimal(30), "EOS": Decimal(5000)}
FEE_RATE = Decimal("0.001")  # of the traded amount, in the quote currency (held with a bid)
# Of any other asset traded on a counterparty, a user starts with this value (in VALUATION_CURRENCY).
OTHER_ASSET_START_VALUE = Decimal(10000)

Mark = Callable[[InstrumentSpec], Decimal]  # the price of one instrument (now, 24 h ago, at the start)


def open_accounts(venue: CoinweightSim, uid: int) -> None:
    """Open and fund the user's account on every counterparty (every asset traded there gets a balance)."""
    for counterparty in COUNTERPARTIES:
        account = venue.account(uid, counterparty)
        venue.engine.open_account(AccountConfig(account=account, fee_rate=FEE_RATE))
        specs = venue.instruments(counterparty)
        for asset in sorted({a for spec in specs for a in (spec.base, spec.quote)}):
            amount = STARTING_BALANCES.get(asset) or _worth(
                venue, counterparty, asset, OTHER_ASSET_START_VALUE
            )
            if amount > 0:
                venue.engine.deposit(account, asset, amount)


def _worth(venue: CoinweightSim, counterparty: str, asset: str, value: Decimal) -> Decimal:
    price = price_in_valuation_currency(venue, counterparty, asset, lambda spec: spec.start_price)
    if not price:
        return Decimal(0)
    step = min(
        (s.qty_step for s in venue.instruments(counterparty) if s.base == asset), default=Decimal("1e-8")
    )
    return (value / price).quantize(step, rounding=ROUND_DOWN)


def market_mark(venue: CoinweightSim) -> Mark:
    """The mid of the book (the last trade if a side is empty)."""

    def mark(spec: InstrumentSpec) -> Decimal:
        top = venue.engine.top(spec.key)
        if top.bid is not None and top.ask is not None:
            return (top.bid + top.ask) / 2
        return top.last

    return mark


def day_ago_mark(venue: CoinweightSim) -> Mark:
    return lambda spec: venue.engine.stats_24h(spec.key).open


def price_in_valuation_currency(
    venue: CoinweightSim, counterparty: str, asset: str, mark: Mark
) -> Decimal | None:
    """What one unit of ``asset`` is worth in USDT: its USDT market on this counterparty (else on another),
    else through its BTC market; None when no market prices it."""
    if asset == VALUATION_CURRENCY:
        return Decimal(1)
    direct = _find(venue, [counterparty, *COUNTERPARTIES], f"{asset}-{VALUATION_CURRENCY}")
    if direct is not None:
        return mark(direct)
    via_btc = _find(venue, [counterparty, *COUNTERPARTIES], f"{asset}-BTC")
    if via_btc is not None and asset != "BTC":
        btc = price_in_valuation_currency(venue, via_btc.market, "BTC", mark)
        return None if btc is None else mark(via_btc) * btc
    return None


def _find(venue: CoinweightSim, counterparties: list[str], symbol: str) -> InstrumentSpec | None:
    for counterparty in counterparties:
        try:
            return venue.engine.instrument(f"{counterparty}:{symbol}")
        except KeyError:
            continue
    return None


@dataclass(frozen=True)
class PortfolioValue:
    """The user's holdings over every counterparty, in VALUATION_CURRENCY."""

    total: Decimal  # every holding at the market mid
    available: Decimal  # what is not held by open orders
    on_orders: Decimal  # what open orders hold
    total_day_ago: Decimal  # the same holdings at the prices of 24 h ago


def _cached(mark: Mark) -> Mark:
    prices: dict[str, Decimal] = {}

    def cached(spec: InstrumentSpec) -> Decimal:
        if spec.key not in prices:
            prices[spec.key] = mark(spec)
        return prices[spec.key]

    return cached


def portfolio_value(venue: CoinweightSim, uid: int) -> PortfolioValue:
    now, ago = _cached(market_mark(venue)), _cached(day_ago_mark(venue))
    total = available = on_orders = total_day_ago = Decimal(0)
    for counterparty in COUNTERPARTIES:
        for asset, holding in venue.engine.holdings(venue.account(uid, counterparty)).items():
            price = price_in_valuation_currency(venue, counterparty, asset, now)
            price_ago = price_in_valuation_currency(venue, counterparty, asset, ago)
            if price is None or price_ago is None:
                continue
            total += holding.total * price
            available += holding.available * price
            on_orders += holding.held * price
            total_day_ago += holding.total * price_ago
    return PortfolioValue(total, available, on_orders, total_day_ago)
