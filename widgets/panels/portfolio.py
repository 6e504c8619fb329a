"""Portfolio panel: a broker portfolio's positions (a record table the view-model owns) under a strip with the
portfolio selector and the money figures."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QWidget

from widgets.common.colors import GREY
from widgets.common.panel_layout import panel_with_toolbar
from widgets.common.record_table import RecordTableModel, RecordTableView
from widgets.panels.chart_panel_toolbar import MESSAGE_COLOURS


class PortfolioPanel(QWidget):
    portfolioChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioPanel")
        layout, bar, row = panel_with_toolbar(self)
        self._column = layout
        row.addWidget(QLabel(self.tr("Portfolio"), bar))
        self.selector = QComboBox(bar)
        self.selector.setObjectName("portfolioSelector")
        self.selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.selector.activated.connect(lambda i: self.portfolioChosen.emit(self.selector.itemData(i)))
        row.addWidget(self.selector)
        self.summary = QLabel(bar)
        self.summary.setObjectName("portfolioSummary")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addSpacing(12)
        row.addWidget(self.summary, 1)
        self.message = QLabel(bar)
        self.message.setObjectName("panelMessage")
        row.addWidget(self.message)
        layout.addWidget(bar)
        self.table: RecordTableView | None = None

    def set_model(self, model: RecordTableModel) -> None:
        self.table = RecordTableView(model, self)
        self.table.setObjectName("positionsTable")
        self._column.addWidget(self.table, 1)

    def set_portfolios(self, portfolios: Sequence[tuple[str, str]], current: str | None) -> None:
        """(name, text) of each portfolio; ``current`` selected (without emitting)."""
        blocked = self.selector.blockSignals(True)
        self.selector.clear()
        for name, text in portfolios:
            self.selector.addItem(text, name)
        self.selector.setCurrentIndex(self.selector.findData(current) if current is not None else -1)
        self.selector.blockSignals(blocked)

    def current_portfolio(self) -> str | None:
        return self.selector.currentData()

    def set_summary(self, items: Sequence[tuple[str, str, str | None]]) -> None:
        """(title, value, colour or None) of each money figure, shown in one line."""
        parts = []
        for title, value, colour in items:
            shown = f'<span style="color:{colour}">{value}</span>' if colour else f"<b>{value}</b>"
            parts.append(f'<span style="color:{GREY}">{title}</span>&nbsp;{shown}')
        self.summary.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    def show_message(self, text: str, level: str = "info") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {MESSAGE_COLOURS.get(level, GREY)}")
