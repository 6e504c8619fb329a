"""The symbol picker of the layout slots, the quote tiles and the order book: a button showing the instrument
(``ETH-BTC  binance``) whose menu lists the instruments by counterparty."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class InstrumentMenuButton(QToolButton):
    instrumentPicked = Signal(str, str)  # market (counterparty), symbol: chosen by the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instrumentMenuButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMenu(QMenu(self))
        self._current: tuple[str, str] | None = None
        self._choices: list[tuple[str, str]] = []
        self.setEnabled(False)  # until there is something to choose
        self._show()

    def set_instruments(self, instruments: Iterable[tuple[str, str]]) -> None:
        """The (market, symbol) pairs to choose from."""
        choices = sorted(set(instruments))
        if choices == self._choices:
            return
        self._choices = choices
        menu = self.menu()
        menu.clear()
        by_market: dict[str, list[str]] = {}
        for market, symbol in choices:
            by_market.setdefault(market, []).append(symbol)
        for market, symbols in by_market.items():
            submenu = menu.addMenu(market)
            for symbol in symbols:
                action = submenu.addAction(symbol)
                action.triggered.connect(lambda _checked=False, m=market, s=symbol: self.pick(m, s))
        self.setEnabled(bool(choices))

    def instruments(self) -> list[tuple[str, str]]:
        return list(self._choices)

    def set_current(self, market: str | None, symbol: str | None) -> None:
        """Show this instrument (no signal); None: nothing chosen yet."""
        self._current = None if market is None or symbol is None else (market, symbol)
        self._show()

    def current(self) -> tuple[str, str] | None:
        return self._current

    def pick(self, market: str, symbol: str) -> None:
        """What choosing the instrument in the menu does (for keyboard users and tests)."""
        if (market, symbol) != self._current:
            self._current = (market, symbol)
            self._show()
            self.instrumentPicked.emit(market, symbol)

    def _show(self) -> None:
        if self._current is None:
            self.setText(self.tr("Choose a symbol"))
            self.setToolTip("")
            return
        market, symbol = self._current
        self.setText(f"{symbol}  \u00b7  {market}")
        self.setToolTip(
            self.tr("{symbol} on {market}: click to choose another").format(symbol=symbol, market=market)
        )
