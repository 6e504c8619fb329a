"""Market watch and Favourites: a compact quote table with favourite stars, category tabs and a filter.

The view holds :class:`MarketRow` records (plain values: prices already rounded to the instrument's decimals)
and says what the user did: a tab picked, a star clicked (or Space), a row activated (double click / Enter),
the link colour changed, the panel shown or hidden (the view-model subscribes quotes only while it is shown).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedLayout, QTabBar, QWidget

from widgets.chart.formatting import format_volume
from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.link_colour import LinkColourButton
from widgets.common.not_live import NotLiveBanner, grey_out
from widgets.common.numbers import localized
from widgets.common.panel_layout import panel_with_toolbar
from widgets.common.record_table import (
    NUMERIC,
    RAW_VALUE_ROLE,
    RECORD_ID_ROLE,
    Column,
    RecordTableModel,
    RecordTableView,
)
from widgets.common.table_columns import size_columns

STAR, STAR_OFF = "\u2605", "\u2606"


@dataclass(frozen=True, slots=True)
class MarketRow:
    key: str  # "counterparty:symbol"
    counterparty: str
    symbol: str
    favourite: bool = False
    bid: Decimal | None = None
    ask: Decimal | None = None
    last: Decimal | None = None
    change_pct: Decimal | None = None  # percent: 1.5 is +1.5 %
    volume: Decimal | None = None
    tick: int = 0  # the last price went up (1), down (-1), or has not moved (0)


def price_text(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:,f}")


def change_text(value: Decimal | None) -> str:
    return "" if value is None else localized(f"{value:+.2f}%")


def _signed_colour(value: Decimal | int | None) -> str | None:
    if not value:
        return None
    return GREEN if value > 0 else RED


class MarketWatchPanel(QWidget):
    tabChanged = Signal(str)
    favouriteToggled = Signal(str, bool)  # key, favourite wanted
    instrumentActivated = Signal(str)  # key
    linkColourChanged = Signal(object)  # str | None
    shownChanged = Signal(bool)

    STAR_COLUMN = 0

    def __init__(
        self, tabbed: bool = True, link_colours: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("marketWatchPanel" if tabbed else "favouritesPanel")
        layout, bar, row = panel_with_toolbar(self)
        self.not_live_banner = NotLiveBanner(self)
        layout.addWidget(self.not_live_banner)
        self.link_button = LinkColourButton(link_colours, bar)
        self.link_button.colourChanged.connect(self.linkColourChanged)
        row.addWidget(self.link_button)
        self.filter_edit = QLineEdit(bar)
        self.filter_edit.setObjectName("marketFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter symbol or counterparty\u2026"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        row.addWidget(self.filter_edit, 1)
        layout.addWidget(bar)

        self.tab_bar = QTabBar(self)
        self.tab_bar.setObjectName("marketTabs")
        self.tab_bar.setDocumentMode(True)
        self.tab_bar.setExpanding(False)
        self.tab_bar.setDrawBase(False)
        self.tab_bar.currentChanged.connect(self._on_tab)
        self.tab_bar.setVisible(tabbed)
        layout.addWidget(self.tab_bar)

        self.model = RecordTableModel(self._columns(), key="key", parent=self)
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("marketTable")
        self.table.proxy.setFilterRole(RECORD_ID_ROLE)
        self.table.proxy.setFilterKeyColumn(0)
        self.table.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.recordActivated.connect(lambda key: self.instrumentActivated.emit(str(key)))
        self.table.clicked.connect(self._on_clicked)
        self.table.installEventFilter(self)
        size_columns(
            self.table,
            {self.STAR_COLUMN: STAR, 1: "binance", 2: "DOGE-USDT", 6: "+10.00%", 7: "999.9M"},
            stretch=(3, 4, 5),
        )
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("mutedLabel")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.placeholder)
        layout.addLayout(self.stack, 1)
        self._placeholder_text = ""
        self.model.modelReset.connect(self._update_placeholder)
        self.model.rowsInserted.connect(self._update_placeholder)
        self.model.rowsRemoved.connect(self._update_placeholder)

    def _columns(self) -> list[Column]:
        return [
            Column(
                "favourite",
                "",
                format=lambda on: STAR if on else STAR_OFF,
                align=Qt.AlignmentFlag.AlignCenter,
                color=lambda row: AMBER if row.favourite else GREY,
                tooltip=lambda row: (
                    self.tr("Remove from favourites") if row.favourite else self.tr("Add to favourites")
                ),
            ),
            Column("counterparty", self.tr("Exchange")),
            Column("symbol", self.tr("Symbol")),
            Column("bid", self.tr("Bid"), format=price_text, align=NUMERIC),
            Column("ask", self.tr("Ask"), format=price_text, align=NUMERIC),
            Column(
                "last",
                self.tr("Last"),
                format=price_text,
                align=NUMERIC,
                color=lambda r: _signed_colour(r.tick),
            ),
            Column(
                "change_pct",
                self.tr("24h %"),
                format=change_text,
                align=NUMERIC,
                color=lambda row: _signed_colour(row.change_pct),
            ),
            Column(
                "volume",
                self.tr("Volume"),
                format=lambda v: "" if v is None else format_volume(float(v)),
                align=NUMERIC,
            ),
        ]

    # --- what the view-model sets
    def setTabs(self, names: Sequence[str], current: str | None = None) -> None:
        """Replace the tabs (no ``tabChanged``); ``current`` is selected if it is one of them."""
        self.tab_bar.blockSignals(True)
        try:
            while self.tab_bar.count():
                self.tab_bar.removeTab(0)
            for name in names:
                self.tab_bar.addTab(name)
            if current is not None and current in names:
                self.tab_bar.setCurrentIndex(list(names).index(current))
        finally:
            self.tab_bar.blockSignals(False)

    def tabs(self) -> list[str]:
        return [self.tab_bar.tabText(i) for i in range(self.tab_bar.count())]

    def currentTab(self) -> str | None:
        index = self.tab_bar.currentIndex()
        return None if index < 0 else self.tab_bar.tabText(index)

    def selectTab(self, name: str) -> None:
        if name in self.tabs():
            self.tab_bar.setCurrentIndex(self.tabs().index(name))

    def setRows(self, rows: Iterable[MarketRow]) -> None:
        """A new set of rows (another tab, a new login)."""
        self.model.reset(rows)

    def updateRows(self, rows: Iterable[MarketRow]) -> None:
        """Changed rows (quotes, stars); rows not shown yet are added."""
        self.model.upsert(rows)

    def removeRows(self, keys: Iterable[str]) -> None:
        self.model.remove(keys)

    def row(self, key: str) -> MarketRow | None:
        return self.model.record_by_id(key)

    def setLinkColour(self, colour: str | None) -> None:
        self.link_button.setColour(colour)

    def setPlaceholder(self, text: str) -> None:
        """What the panel says when it has no rows (logged out, no favourites)."""
        self._placeholder_text = text
        self._update_placeholder()

    def setNotLive(self, reason: str) -> None:
        """Why the rows' quotes are frozen ("" once live): said at the top, the rows greyed."""
        self.not_live_banner.set_reason(reason)
        grey_out(self.table, bool(reason))

    def visibleKeys(self) -> list[str]:
        """Keys of the rows the filter lets through, in view order."""
        return [str(self.table.id_at(row)) for row in range(self.table.proxy.rowCount())]

    # --- events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shownChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.shownChanged.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
        ):
            current = self.table.currentIndex()
            if current.isValid():
                self._toggle(current)
                return True
        return super().eventFilter(watched, event)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == self.STAR_COLUMN:
            self._toggle(index)

    def _toggle(self, index: QModelIndex) -> None:
        star = index.siblingAtColumn(self.STAR_COLUMN)
        self.favouriteToggled.emit(str(star.data(RECORD_ID_ROLE)), not bool(star.data(RAW_VALUE_ROLE)))

    def _on_tab(self, index: int) -> None:
        if index >= 0:
            self.tabChanged.emit(self.tab_bar.tabText(index))

    def _apply_filter(self, text: str) -> None:
        proxy: QSortFilterProxyModel = self.table.proxy
        proxy.setFilterFixedString(text.strip())
        self._update_placeholder()

    def _update_placeholder(self, *_args: object) -> None:
        empty = self.model.rowCount() == 0 and bool(self._placeholder_text)
        self.placeholder.setText(self._placeholder_text)
        self.stack.setCurrentWidget(self.placeholder if empty else self.table)
