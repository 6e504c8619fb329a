"""The account summary for the status bar: estimated value, available, on orders, and the 24 h change."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from widgets.common.colors import GREEN, RED
from widgets.common.numbers import localized

DASH = "\u2014"


def money_text(value: Decimal) -> str:
    return localized(f"{value:,.2f}")


class AccountSummaryWidget(QWidget):
    """``Equity 1,669,955.97 USDT  Available 1,660,000.00  On orders 9,955.97  24h +0.90%``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountSummary")
        self._shown: tuple[str, Decimal, Decimal, Decimal, Decimal | None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.estimated_label = self._pair(layout, self.tr("Equity"), "summaryEstimated")
        self.available_label = self._pair(layout, self.tr("Available"), "summaryAvailable")
        self.on_orders_label = self._pair(layout, self.tr("On orders"), "summaryOnOrders")
        self.change_label = self._pair(layout, self.tr("24h"), "summaryChange")
        self.clear()

    def _pair(self, layout: QHBoxLayout, caption: str, name: str) -> QLabel:
        title = QLabel(caption, self)
        title.setObjectName("mutedLabel")
        value = QLabel(self)
        value.setObjectName(name)
        layout.addWidget(title)
        layout.addWidget(value)
        return value

    def setSummary(
        self,
        currency: str,
        estimated: Decimal,
        available: Decimal,
        on_orders: Decimal,
        change_fraction: Decimal | None,
    ) -> None:
        """``change_fraction`` is a fraction: -0.0218 is -2.18 %."""
        self._shown = (currency, estimated, available, on_orders, change_fraction)
        self.estimated_label.setText(f"{money_text(estimated)} {currency}")
        self.available_label.setText(money_text(available))
        self.on_orders_label.setText(money_text(on_orders))
        if change_fraction is None:
            self.change_label.setText(DASH)
            self.change_label.setStyleSheet("")
        else:
            percent = change_fraction * 100
            self.change_label.setText(localized(f"{percent:+.2f}%"))
            colour = GREEN if percent > 0 else RED if percent < 0 else ""
            self.change_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.setToolTip(
            self.tr(
                "Estimated value of every holding in {currency}; available is what orders do not hold"
            ).format(currency=currency)
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self._shown is not None:
            self.setSummary(*self._shown)  # the numbers in the new locale

    def clear(self) -> None:
        self._shown = None
        for label in (self.estimated_label, self.available_label, self.on_orders_label, self.change_label):
            label.setText(DASH)
            label.setStyleSheet("")
        self.setToolTip(self.tr("Log in to see the account"))
