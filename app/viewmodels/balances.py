"""Positions and balances: every balance of the logged-in venues, valued in USDT where a price is known.

Value of a currency on a counterparty: USDT itself is 1; otherwise the mid (or last) of ``<CUR>-USDT`` there,
else of ``<CUR>-BTC`` times ``BTC-USDT`` there. Those instruments' quotes are subscribed while the panel is
shown. Amounts show the currency's quantity decimals (of an instrument it is the base of; 2 for a currency
that is only ever quoted), more if the amount itself has more (dust is never hidden), at most 8.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from app.trading.bridge import QtTrading
from app.viewmodels.base import PanelSettings, PanelViewModel
from app.workspace import PanelContext
from services.domain import Balance, Instrument, InstrumentId, Quote
from widgets.panels.balances import BalanceRow, BalancesPanel

VALUE_CURRENCY = "USDT"
BRIDGE_CURRENCY = "BTC"
QUOTED_ONLY_DECIMALS = 2
MAX_DECIMALS = 8
VALUE_DECIMALS = 2


def mid_price(quote: Quote | None) -> Decimal | None:
    if quote is None:
        return None
    if quote.bid is not None and quote.ask is not None:
        return (quote.bid + quote.ask) / 2
    return quote.last


def price_path(
    venue: str, account: str, currency: str, known: Mapping[InstrumentId, Any]
) -> list[InstrumentId]:
    """The instruments whose prices multiply to the value in USDT ([] for USDT itself, or no way)."""
    if currency == VALUE_CURRENCY:
        return []
    direct = InstrumentId(venue, account, f"{currency}-{VALUE_CURRENCY}")
    if direct in known:
        return [direct]
    via = InstrumentId(venue, account, f"{currency}-{BRIDGE_CURRENCY}")
    bridge = InstrumentId(venue, account, f"{BRIDGE_CURRENCY}-{VALUE_CURRENCY}")
    if via in known and bridge in known:
        return [via, bridge]
    return []


def unit_value(
    balance: Balance, known: Mapping[InstrumentId, Any], quote_of: Callable[[InstrumentId], Quote | None]
) -> Decimal | None:
    """One unit of the balance's currency in USDT, or None when no price is known."""
    if balance.asset == VALUE_CURRENCY:
        return Decimal(1)
    path = price_path(balance.venue, balance.account, balance.asset, known)
    if not path:
        return None
    value = Decimal(1)
    for instrument in path:
        price = mid_price(quote_of(instrument))
        if price is None:
            return None
        value *= price
    return value


def currency_decimals(instruments: Iterable[Instrument]) -> dict[str, int]:
    """Quantity decimals per currency: the most of any instrument it is the base of."""
    decimals: dict[str, int] = {}
    for instrument in instruments:
        decimals[instrument.base] = max(decimals.get(instrument.base, 0), instrument.qty_decimals)
    return decimals


def shown_amount(value: Decimal, decimals: int) -> Decimal:
    own = max(0, -int(value.normalize().as_tuple().exponent))
    places = min(max(decimals, own), MAX_DECIMALS)
    return value.quantize(Decimal(1).scaleb(-places))


class BalancesSettings(PanelSettings):
    hide_zero: bool = False


class BalancesViewModel(PanelViewModel[BalancesSettings]):
    Settings = BalancesSettings
    panel: BalancesPanel

    def __init__(self, context: PanelContext, panel: BalancesPanel, *, core: QtTrading | None = None) -> None:
        super().__init__(context, panel, core=core)
        self._visible = False
        self._priced: set[InstrumentId] = set()
        self._subscribed: dict[str, frozenset[InstrumentId]] = {}
        panel.setHideZero(self.settings.hide_zero)
        panel.hideZeroChanged.connect(self._on_hide_zero)
        panel.shownChanged.connect(self._on_shown)
        self.core.balancesChanged.connect(self._on_balances)
        self.core.quotesChanged.connect(self._on_quotes)
        self.core.sessionStateChanged.connect(self._on_session_state)
        self.refresh()

    def refresh(self) -> None:
        balances = self._balances()
        known = self._instruments()
        decimals = currency_decimals(known.values())
        hide_zero = self.panel.hide_zero_box.isChecked()
        rows: list[BalanceRow] = []
        total, unpriced = Decimal(0), 0
        for balance in balances:
            if hide_zero and balance.total == 0:
                continue
            places = decimals.get(balance.asset, QUOTED_ONLY_DECIMALS)
            unit = unit_value(balance, known, self.core.quotes.get)
            value = (
                None if unit is None else (balance.total * unit).quantize(Decimal(1).scaleb(-VALUE_DECIMALS))
            )
            if value is not None:
                total += value
            elif balance.total:
                unpriced += 1
            rows.append(
                BalanceRow(
                    key=f"{balance.venue}:{balance.account}:{balance.asset}",
                    account=balance.account,
                    currency=balance.asset,
                    total=shown_amount(balance.total, places),
                    used=shown_amount(balance.used, places),
                    available=shown_amount(balance.available, places),
                    value=value,
                )
            )
        self.panel.setRows(rows)
        self.panel.setTotal(total if balances else None, unpriced)
        self._priced = {i for b in balances for i in price_path(b.venue, b.account, b.asset, known)}
        self._subscribe()

    def _balances(self) -> list[Balance]:
        return [
            balance
            for venue, session in self.core.sessions.items()
            if session.connected
            for balance in self.core.accounts.balances(venue)
        ]

    def _instruments(self) -> dict[InstrumentId, Instrument]:
        return self.core.instruments()

    def _subscribe(self) -> None:
        for venue, session in self.core.sessions.items():
            wanted = frozenset(i for i in self._priced if i.venue == venue) if self._visible else frozenset()
            if self._subscribed.get(venue, frozenset()) == wanted:
                continue
            self._subscribed[venue] = wanted
            if wanted:
                session.subscribe_quotes(self, wanted)
            else:
                session.unsubscribe_quotes(self)

    def _on_balances(self, _venue: str) -> None:
        self.refresh()

    def _on_quotes(self, instruments: list[InstrumentId]) -> None:
        if self._visible and not self._priced.isdisjoint(instruments):  # hidden: valued again when shown
            self.refresh()

    def _on_session_state(self, *_args: object) -> None:
        self.refresh()

    def _on_hide_zero(self, hide: bool) -> None:
        self.settings.hide_zero = hide
        self.save_settings()
        self.refresh()

    def _on_shown(self, visible: bool) -> None:
        self._visible = visible
        if visible:
            self.refresh()  # valued at the quotes known now; subscribes
        else:
            self._subscribe()


def create_balances_panel(context: PanelContext) -> BalancesPanel:
    panel = BalancesPanel(VALUE_CURRENCY)
    BalancesViewModel(context, panel)
    return panel
