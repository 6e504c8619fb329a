""" "New from template…": pick a template, name the strategy, choose its exchange and symbol (non-modal)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

Market = tuple[str, str, str]  # symbol, base currency, quote currency
_CURRENCIES_ROLE = Qt.ItemDataRole.UserRole + 7


class NewStrategyDialog(QDialog):
    """Emits ``createRequested(template, name, exchange, symbol)`` when the user confirms.

    ``templates``: (key, label) pairs; ``markets``: exchange -> its markets, sorted as they should appear.
    """

    createRequested = Signal(str, str, str, str)

    def __init__(
        self,
        templates: Sequence[tuple[str, str]],
        markets: Mapping[str, Sequence[Market]],
        *,
        template: str = "",
        name: str = "",
        exchange: str = "",
        symbol: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newStrategyDialog")
        self.setWindowTitle(self.tr("New strategy from a template"))
        self._markets = {key: list(rows) for key, rows in markets.items()}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.template_combo = QComboBox(self)
        for key, label in templates:
            self.template_combo.addItem(label, key)
        self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(template)))
        self.template_combo.setToolTip(self.tr("The venue's default settings for this strategy type"))
        form.addRow(self.tr("Template"), self.template_combo)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setPlaceholderText(self.tr("A name you will recognise"))
        form.addRow(self.tr("Name"), self.name_edit)
        self.exchange_combo = QComboBox(self)
        for key in self._markets:
            self.exchange_combo.addItem(key, key)
        self.exchange_combo.setToolTip(self.tr("The counterparty the strategy trades on"))
        form.addRow(self.tr("Exchange"), self.exchange_combo)
        self.symbol_combo = QComboBox(self)
        self.symbol_combo.setEditable(False)
        self.symbol_combo.setMaxVisibleItems(20)
        form.addRow(self.tr("Symbol"), self.symbol_combo)
        self.currencies = QLabel(self)
        self.currencies.setObjectName("mutedLabel")
        form.addRow("", self.currencies)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.exchange_combo.currentIndexChanged.connect(self._fill_symbols)
        self.symbol_combo.currentIndexChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self.exchange_combo.setCurrentIndex(max(0, self.exchange_combo.findData(exchange)))
        self._fill_symbols()
        if (index := self.symbol_combo.findData(symbol)) >= 0:
            self.symbol_combo.setCurrentIndex(index)
        self._update()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def set_symbol(self, exchange: str, symbol: str) -> bool:
        """Select ``symbol`` on ``exchange``; False if it is not listed."""
        self.exchange_combo.setCurrentIndex(self.exchange_combo.findData(exchange))
        index = self.symbol_combo.findData(symbol)
        if index < 0:
            return False
        self.symbol_combo.setCurrentIndex(index)
        return True

    def _fill_symbols(self, *_args: object) -> None:
        self.symbol_combo.blockSignals(True)
        self.symbol_combo.clear()
        for symbol, base, quote in self._markets.get(self.exchange_combo.currentData() or "", []):
            self.symbol_combo.addItem(symbol, symbol)
            self.symbol_combo.setItemData(self.symbol_combo.count() - 1, (base, quote), _CURRENCIES_ROLE)
        self.symbol_combo.blockSignals(False)
        self._update()

    def _update(self, *_args: object) -> None:
        currencies = self.symbol_combo.currentData(_CURRENCIES_ROLE)
        self.currencies.setText(
            self.tr("Base {base} · quote {quote}").format(base=currencies[0], quote=currencies[1])
            if currencies
            else ""
        )
        self.ok_button().setEnabled(
            bool(self.name_edit.text().strip())
            and self.symbol_combo.currentIndex() >= 0
            and self.template_combo.currentIndex() >= 0
        )

    def _confirm(self) -> None:
        if not self.ok_button().isEnabled():
            return
        self.createRequested.emit(
            self.template_combo.currentData(),
            self.name_edit.text().strip(),
            self.exchange_combo.currentData(),
            self.symbol_combo.currentData(),
        )
        self.accept()
