"""The account summary for the status bar: equity, available, on orders (one total per currency: a crypto
venue's USDT and a broker's RUB are never added up without a rate), and the 24 h change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from widgets.common.colors import GREEN, RED, set_style_sheet
from widgets.common.numbers import localized
from widgets.common.steady_text import release_width, set_steady_text

DASH = "\u2014"
SEPARATOR = " \u00b7 "


def money_text(value: Decimal) -> str:
    return localized(f"{value:,.2f}")


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """One currency's totals; ``change_fraction`` is a fraction (-0.0218 is -2.18 %) or None."""

    currency: str
    estimated: Decimal
    available: Decimal
    on_orders: Decimal
    change_fraction: Decimal | None = None


class AccountSummaryWidget(QWidget):
    """``Equity 1,669,955.97 USDT · 5,000,000.00 RUB  Available …  On orders …  24h +0.90%``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountSummary")
        self._shown: tuple[CurrencyTotal, ...] | None = None
        self._currencies: list[str] = []  # of the amounts shown (their labels' widths hold while they stay)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.estimated_label = self._pair(layout, self.tr("Equity"), "summaryEstimated")
        # available and on orders: in the tooltip (and the Balances panel); no room for them in the status bar
        self.available_label = self._pair(layout, self.tr("Available"), "summaryAvailable", shown=False)
        self.on_orders_label = self._pair(layout, self.tr("On orders"), "summaryOnOrders", shown=False)
        self.change_label = self._pair(layout, self.tr("24h"), "summaryChange")
        self.clear()

    def _pair(self, layout: QHBoxLayout, caption: str, name: str, shown: bool = True) -> QLabel:
        title = QLabel(caption, self)
        title.setObjectName("mutedLabel")
        value = QLabel(self)
        value.setObjectName(name)
        layout.addWidget(title)
        layout.addWidget(value)
        title.setVisible(shown)
        value.setVisible(shown)
        return value

    def setSummary(
        self,
        currency: str,
        estimated: Decimal,
        available: Decimal,
        on_orders: Decimal,
        change_fraction: Decimal | None,
    ) -> None:
        """One currency's totals (``change_fraction``: -0.0218 is -2.18 %)."""
        self.setTotals([CurrencyTotal(currency, estimated, available, on_orders, change_fraction)])

    def setTotals(self, totals: Sequence[CurrencyTotal]) -> None:
        """One total per currency, in the order given; none: cleared. With one currency the available and on
        orders amounts go without it (the equity names it); with several each amount names its own."""
        if not totals:
            self.clear()
            return
        self._shown = tuple(totals)
        several = len(totals) > 1

        def amounts(value_of: Callable[[CurrencyTotal], Decimal]) -> str:
            return SEPARATOR.join(
                f"{money_text(value_of(t))} {t.currency}" if several else money_text(value_of(t))
                for t in totals
            )

        if self._currencies != [t.currency for t in totals]:  # another set of amounts: widths start over
            self._currencies = [t.currency for t in totals]
            for label in (self.estimated_label, self.available_label, self.on_orders_label):
                release_width(label)
        # steady: a value that ticks does not move the status bar (each move repainted all of it)
        set_steady_text(
            self.estimated_label, SEPARATOR.join(f"{money_text(t.estimated)} {t.currency}" for t in totals)
        )
        set_steady_text(self.available_label, amounts(lambda t: t.available))
        set_steady_text(self.on_orders_label, amounts(lambda t: t.on_orders))
        change = next((t.change_fraction for t in totals if t.change_fraction is not None), None)
        if change is None:
            set_steady_text(self.change_label, DASH)
            set_style_sheet(self.change_label, "")
        else:
            percent = change * 100
            set_steady_text(self.change_label, localized(f"{percent:+.2f}%"))
            colour = GREEN if percent > 0 else RED if percent < 0 else ""
            set_style_sheet(self.change_label, f"color: {colour};" if colour else "")
        lines = [self.tr("Estimated value of every holding, one total per currency:")]
        lines += [
            self.tr("{currency}: equity {equity}, available {available}, on orders {on_orders}").format(
                currency=t.currency,
                equity=money_text(t.estimated),
                available=money_text(t.available),
                on_orders=money_text(t.on_orders),
            )
            for t in totals
        ]
        self.setToolTip("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self._shown is not None:
            self.setTotals(self._shown)  # the numbers in the new locale

    def clear(self) -> None:
        self._shown = None
        self._currencies = []
        for label in (self.estimated_label, self.available_label, self.on_orders_label, self.change_label):
            release_width(label)
            label.setText(DASH)
            set_style_sheet(label, "")
        self.setToolTip(self.tr("Log in to see the account"))
