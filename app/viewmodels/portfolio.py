"""The portfolio view-model: the positions of one CHP portfolio valued at market (QuoteStore: the last price,
else the bid/ask mid), with average price and P&L, and the portfolio's money (AccountStore).

Settings: ``portfolio`` = the name last chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.market_data import price_decimals
from app.trading.bridge import QtTrading
from app.viewmodels.base import PanelSettings, PanelViewModel
from app.workspace import PanelContext
from services.domain import InstrumentId, Position, Quote, TradingAccountStatus
from widgets.common.colors import GREEN, RED
from widgets.common.numbers import localized
from widgets.common.record_table import NUMERIC, Column, RecordTableModel
from widgets.panels.portfolio import PortfolioPanel

CENT = Decimal("0.01")
_STATUS_TEXT = {
    TradingAccountStatus.TRADING: QT_TRANSLATE_NOOP("PortfolioStatus", "broker"),
    TradingAccountStatus.TRUST_MANAGED: QT_TRANSLATE_NOOP("PortfolioStatus", "trust management"),
    TradingAccountStatus.READ_ONLY: QT_TRANSLATE_NOOP("PortfolioStatus", "read only"),
    TradingAccountStatus.BLOCKED: QT_TRANSLATE_NOOP("PortfolioStatus", "blocked"),
    TradingAccountStatus.RESTRICTED: QT_TRANSLATE_NOOP("PortfolioStatus", "restricted"),
    TradingAccountStatus.AUTO_RESTRICTED: QT_TRANSLATE_NOOP("PortfolioStatus", "auto-restricted"),
    TradingAccountStatus.ORDERS_NOT_SIGNED: QT_TRANSLATE_NOOP("PortfolioStatus", "orders not signed"),
}


@dataclass(frozen=True, slots=True)
class PositionRecord:
    """One row; prices are quantized to the instrument's tick (their text keeps those decimals)."""

    id: InstrumentId
    symbol: str
    quantity: Decimal
    average: Decimal
    market: Decimal | None
    value: Decimal | None
    pnl: Decimal | None
    pnl_pct: Decimal | None


def market_price(quote: Quote | None) -> Decimal | None:
    if quote is None:
        return None
    if quote.last is not None:
        return quote.last
    if quote.bid is not None and quote.ask is not None:
        return (quote.bid + quote.ask) / 2
    return None


def _amount(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:,f}")


def _signed(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:+,f}")


def _status_text(status: TradingAccountStatus) -> str:
    return QCoreApplication.translate("PortfolioStatus", str(_STATUS_TEXT[status]))


def _pnl_colour(record: PositionRecord) -> str | None:
    if record.pnl is None or record.pnl == 0:
        return None
    return GREEN if record.pnl > 0 else RED


class PortfolioSettings(PanelSettings):
    portfolio: str | None = None  # the name last chosen


class PortfolioViewModel(PanelViewModel[PortfolioSettings]):
    Settings = PortfolioSettings
    panel: PortfolioPanel

    def __init__(
        self, context: PanelContext, panel: PortfolioPanel, *, core: QtTrading | None = None
    ) -> None:
        super().__init__(context, panel, core=core)
        self.portfolio: str | None = self.settings.portfolio or None  # shown: the saved one, else the first
        self.model = RecordTableModel(self._columns(), key="id", parent=self)
        panel.set_model(self.model)
        # the broker: the venue whose accounts hold positions
        self.session = next((s for s in self.core.sessions.values() if s.capabilities.positions), None)
        if self.session is None:
            panel.show_message(self.tr("CHP is not configured"), "warning")
            return
        panel.portfolioChosen.connect(self.set_portfolio)
        self.core.positionsChanged.connect(self._on_positions)
        self.core.quotesChanged.connect(self._on_quotes)
        self.core.balancesChanged.connect(self._on_balances)
        panel.destroyed.connect(lambda *_, s=self.session, owner=self: s.unsubscribe_quotes(owner))
        self._update_portfolios()

    def _columns(self) -> list[Column]:
        return [
            Column("symbol", self.tr("Symbol")),
            Column("quantity", self.tr("Quantity"), _amount, NUMERIC),
            Column("average", self.tr("Avg price"), _amount, NUMERIC),
            Column("market", self.tr("Market"), _amount, NUMERIC),
            Column("value", self.tr("Value"), _amount, NUMERIC),
            Column("pnl", self.tr("P&L"), _signed, NUMERIC, _pnl_colour),
            Column("pnl_pct", self.tr("P&L %"), _signed, NUMERIC, _pnl_colour),
        ]

    def set_portfolio(self, name: str) -> None:
        if name == self.portfolio:
            return
        self.portfolio = self.settings.portfolio = name
        self.save_settings()
        self.model.reset()
        self._update_positions()

    def on_session_changed(self, venue: str) -> None:
        if self.session is not None and venue == self.session.venue:
            self._update_portfolios()

    def _on_positions(self, venue: str) -> None:
        if self.session is not None and venue == self.session.venue:
            self._update_positions()

    def _update_portfolios(self) -> None:
        assert self.session is not None
        rows = self.session.accounts
        names = [row.name for row in rows]
        if self.portfolio not in names and names:
            self.portfolio = names[0]
        self.panel.set_portfolios(
            [(row.name, f"{row.name}  ({_status_text(row.status)})") for row in rows], self.portfolio
        )
        self.panel.show_message(
            "" if self.session.connected else self.tr("Not connected to CHP"),
            "info" if self.session.connected else "warning",
        )
        self._update_positions()

    def _positions(self) -> list[Position]:
        assert self.session is not None
        return self.core.positions.positions(self.session.venue, self.portfolio) if self.portfolio else []

    def on_shown_changed(self, shown: bool) -> None:
        """Hidden, the panel follows no quote (and values nothing); shown, it values at the last known."""
        if self.session is None:
            return
        if shown:
            self._update_positions()
        else:
            self.session.unsubscribe_quotes(self)

    def _update_positions(self) -> None:
        assert self.session is not None
        positions = self._positions()
        if self.shown:
            self.session.subscribe_quotes(self, [p.instrument for p in positions])
        records = [self._record(p) for p in positions]
        gone = set(self.model.ids()) - {r.id for r in records}
        self.model.remove(gone)
        self.model.upsert(records)
        self._update_money()

    def _on_quotes(self, instruments: list[InstrumentId]) -> None:
        if not self.shown:  # valued again when shown
            return
        changed = set(instruments)
        positions = [p for p in self._positions() if p.instrument in changed] if self.session else []
        if positions:
            self.model.upsert([self._record(p) for p in positions])
            self._update_money()

    def _record(self, position: Position) -> PositionRecord:
        tick = Decimal(1).scaleb(-price_decimals(self.core, position.instrument))
        market = market_price(self.core.quotes.get(position.instrument))
        market = None if market is None else market.quantize(tick)
        priced = Position(
            position.account, position.instrument, position.quantity, position.average_price, market
        )
        pnl = priced.unrealized_pnl
        cost = position.average_price * position.quantity
        return PositionRecord(
            id=position.instrument,
            symbol=position.instrument.symbol,
            quantity=position.quantity.normalize(),
            average=position.average_price.quantize(tick),
            market=market,
            value=None if market is None else (market * position.quantity).quantize(CENT),
            pnl=None if pnl is None else pnl.quantize(CENT),
            pnl_pct=None if pnl is None or not cost else (pnl / abs(cost) * 100).quantize(CENT),
        )

    def _on_balances(self, venue: str) -> None:
        if self.session is not None and venue == self.session.venue:
            self._update_money()

    def _update_money(self) -> None:
        assert self.session is not None
        balances = self.core.accounts.balances(self.session.venue)
        balance = next((b for b in balances if b.account == self.portfolio), None)
        records = [r for row in range(self.model.rowCount()) if (r := self.model.record(row)) is not None]
        value = sum((r.value for r in records if r.value is not None), Decimal(0))
        pnl = sum((r.pnl for r in records if r.pnl is not None), Decimal(0))
        items: list[tuple[str, str, str | None]] = []
        if balance is not None:
            items += [
                (self.tr("Money"), _amount(balance.total.quantize(CENT)), None),
                (self.tr("Free"), _amount(balance.available.quantize(CENT)), None),
            ]
        items += [
            (self.tr("Positions"), _amount(value.quantize(CENT)), None),
            (self.tr("P&L"), _signed(pnl.quantize(CENT)), GREEN if pnl > 0 else RED if pnl < 0 else None),
        ]
        if balance is not None:
            items.append((self.tr("Total"), _amount((balance.total + value).quantize(CENT)), None))
        self.panel.set_summary(items)


def create_portfolio_panel(context: PanelContext) -> PortfolioPanel:
    panel = PortfolioPanel()
    PortfolioViewModel(context, panel)
    return panel
