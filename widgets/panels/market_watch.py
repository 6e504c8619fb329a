"""Market watch and Favourites: a compact quote table with favourite stars, category tabs and a filter.

The view holds :class:`MarketRow` records (plain values: prices already rounded to the instrument's decimals)
and says what the user did: a tab picked, a star clicked (or Space), a row picked (a click, a double click or
Enter), the link colour changed, the panel shown or hidden (the view-model subscribes quotes only while it is
shown).

Readability comes first: the symbol carries its counterparty as a small badge (no column of its own); bid,
ask and last are as wide as their widest text (the instruments' decimals) and a price is never elided (a cell
too narrow gets a smaller font); the 24 h change and the volume (abbreviated) are shown only while the prices
have room, the volume going first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHideEvent, QKeyEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedLayout,
    QStyle,
    QStyleOptionViewItem,
    QTabBar,
    QToolButton,
    QWidget,
)

from widgets.chart.formatting import format_volume
from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.fitted_text import FittedTextDelegate, Looks, fitted_font
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
    column_values,
)
from widgets.common.table_columns import MIN_SECTION

STAR, STAR_OFF = "\u2605", "\u2606"


class MarketRow(NamedTuple):
    """One row (a named tuple: built for every quoted instrument every frame, and compared at C speed)."""

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


BADGE_SCALE = 0.8  # the counterparty badge's font against the symbol's
BADGE_GAP = 5
CELL_PADDING = 14  # the theme's cell padding (#marketTable: 3 px a side), Qt's text margins, a spare pixel
PRICE_SQUEEZE = 0.85  # how far price columns narrow (their font shrinking) before the badge is given up
Index = QModelIndex | QPersistentModelIndex


def short_badge(counterparty: str) -> str:
    """``BIN`` for binance: the badge where the full name has no room."""
    return counterparty[:3].upper()


def badge_font(font: QFont) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * BADGE_SCALE)
    return small


class SymbolDelegate(FittedTextDelegate):
    """The symbol in full, then its counterparty in a small muted badge where the cell has room for it."""

    def __init__(self, badge_of: Callable[[Index], str], parent: QWidget, looks: Looks | None = None) -> None:
        super().__init__(parent, looks)
        self._badge_of = badge_of
        self._fonts: tuple[QFont, QFontMetrics, QFont, QFontMetrics] | None = None  # cell's, badge's

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """The styled delegate's paint (the cell's option made once, for the badge too), then the badge."""
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        widget = cell.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget)
        badge = self._badge_of(index)
        if not badge:
            return
        area = self.text_area(cell)
        font = cell.font
        if self._fonts is None or self._fonts[0] != font:
            font = QFont(font)  # a copy: the option's font goes with the option
            small = badge_font(font)
            self._fonts = (font, QFontMetrics(font), small, QFontMetrics(small))
        _, cell_metrics, small, metrics = self._fonts
        left = area.left() + cell_metrics.horizontalAdvance(cell.text) + BADGE_GAP
        room = area.right() - left
        text = next((t for t in (badge, short_badge(badge)) if metrics.horizontalAdvance(t) <= room), "")
        if not text:
            return  # no room even for the short badge: the symbol alone (its tooltip names the counterparty)
        painter.save()
        painter.setFont(small)
        painter.setPen(QColor(GREY))
        painter.drawText(
            QRect(left, area.top(), room, area.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        painter.restore()


class MarketWatchPanel(QWidget):
    tabChanged = Signal(str)
    favouriteToggled = Signal(str, bool)  # key, favourite wanted
    instrumentActivated = Signal(str)  # key
    linkColourChanged = Signal(object)  # str | None
    shownChanged = Signal(bool)

    STAR_COLUMN, SYMBOL_COLUMN, BID_COLUMN, ASK_COLUMN, LAST_COLUMN, CHANGE_COLUMN, VOLUME_COLUMN = range(7)
    PRICE_COLUMNS = (BID_COLUMN, ASK_COLUMN, LAST_COLUMN)
    OPTIONAL_COLUMNS = (CHANGE_COLUMN, VOLUME_COLUMN)  # shown while the prices have room, volume going first
    FIT_DELAY_MS = 400  # quotes that widen a price column are fitted at most this often

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
        self.tab_bar.setElideMode(Qt.TextElideMode.ElideNone)
        self.tab_bar.setUsesScrollButtons(True)
        _label_scroll_buttons(self.tab_bar)
        self.tab_bar.currentChanged.connect(self._on_tab)
        self.tab_bar.setVisible(tabbed)
        layout.addWidget(self.tab_bar)

        columns = self._columns()
        self._keys = [column.key for column in columns]
        self.model = RecordTableModel(columns, key="key", parent=self)
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("marketTable")
        self.table.proxy.setFilterRole(RECORD_ID_ROLE)
        # the filter matches a row's key, which never changes: not asked again for every quote
        self.table.proxy.setDynamicSortFilter(False)
        self.table.proxy.setFilterKeyColumn(0)
        self.table.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.recordActivated.connect(lambda key: self.instrumentActivated.emit(str(key)))
        self.table.clicked.connect(self._on_clicked)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.delegate = FittedTextDelegate(self.table, looks=self.table.cell_look)
        self.table.setItemDelegate(self.delegate)
        self.table.setItemDelegateForColumn(
            self.SYMBOL_COLUMN, SymbolDelegate(self._badge, self.table, looks=self.table.cell_look)
        )
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_SECTION // 2)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(self.FIT_DELAY_MS)
        self._fit_timer.timeout.connect(self.fitColumns)
        self._widths: dict[int, int] = {}
        self._widest: dict[int, str] = {}  # each price column's widest text
        self._symbol_width = 0  # the symbol column without room for its badge
        self._laid_out_width = -1
        self._laid_out: tuple[dict[int, int], set[int], list[str]] | None = None
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("mutedLabel")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.placeholder)
        layout.addLayout(self.stack, 1)
        self._placeholder_text = ""
        self._symbol_fit: tuple[QFont, int] | None = None  # the font, the symbol column's width
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_placeholder)
            signal.connect(self._rows_changed)
        self.model.dataChanged.connect(self._fit_later)
        self.fitColumns()

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
            Column(
                "symbol",
                self.tr("Symbol"),
                tooltip=lambda row: self.tr(
                    "{symbol} on {counterparty}: click to show it in the panels of this link colour"
                ).format(symbol=row.symbol, counterparty=row.counterparty),
            ),
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

    def keysInView(self) -> list[str]:
        """Keys of the rows on screen now (scrolled into view and let through by the filter), top first."""
        view = self.table
        if not view.isVisible():
            return []
        first = view.rowAt(0)
        if first < 0:
            return []
        last = view.rowAt(view.viewport().height() - 1)
        if last < 0:
            last = view.proxy.rowCount() - 1
        return [str(view.id_at(row)) for row in range(first, last + 1)]

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
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            if self.table.viewport().width() != self._laid_out_width:
                self._layout_columns()
            return False
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
        """A click on the star toggles it; anywhere else in the row it picks the instrument (as in every
        terminal: the linked panels follow at once; a double click or Enter does the same)."""
        if index.column() == self.STAR_COLUMN:
            self._toggle(index)
        else:
            self.instrumentActivated.emit(str(index.data(RECORD_ID_ROLE)))

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

    # --- column widths
    def fitColumns(self, *_args: object) -> None:
        """Each column as wide as its widest text (and its title); then lay them out in the width there is.

        Run again a moment after quotes change, so it reads the raw values, not the cells' texts: of the
        prices, one of each shape (integer digits, decimals, sign) is formatted and measured; the symbols are
        measured again only when the rows change."""
        self._fit_timer.stop()
        self.table.ensurePolished()
        cells = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        titles = QFontMetrics(bold)
        model = self.model
        records = model.records()
        for column in range(model.columnCount()):
            if column == self.STAR_COLUMN:
                widest = cells.horizontalAdvance(STAR)
            elif column == self.SYMBOL_COLUMN:
                widest = self._fit_symbols(records)
            else:
                texts = self._candidate_texts(column, column_values(records, self._keys[column]))
                self._widest[column] = max(texts, key=cells.horizontalAdvance, default="")
                widest = cells.horizontalAdvance(self._widest[column])
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if column != self.STAR_COLUMN:
                widest = max(widest, titles.horizontalAdvance(title))
            self._widths[column] = widest + CELL_PADDING
        self._layout_columns()

    def _fit_symbols(self, records: Sequence[MarketRow]) -> int:
        """The symbol column's width (without padding) with room for the widest badge; ``_symbol_width``:
        with room for the short one only. Measured again when the rows or the font change."""
        font = self.table.font()
        if self._symbol_fit is not None and self._symbol_fit[0] == font:
            return self._symbol_fit[1]
        cells = QFontMetrics(font)
        symbols = {r.symbol for r in records}
        self._widest[self.SYMBOL_COLUMN] = max(symbols, key=cells.horizontalAdvance, default="")
        widest = cells.horizontalAdvance(self._widest[self.SYMBOL_COLUMN])
        badges = QFontMetrics(badge_font(font))
        names = {r.counterparty for r in records}
        short = max((badges.horizontalAdvance(short_badge(n)) for n in names), default=0)
        self._symbol_width = widest + BADGE_GAP + short + 1 + CELL_PADDING  # at least the short badge
        widest += BADGE_GAP + max(map(badges.horizontalAdvance, names), default=0) + 1
        self._symbol_fit = (font, widest)
        return widest

    def _rows_changed(self, *_args: object) -> None:
        self._symbol_fit = None
        self.fitColumns()

    def _candidate_texts(self, column: int, values: list[Decimal | None]) -> list[str]:
        """The texts of ``values`` that may be the widest, formatted (digits are as wide as each other)."""
        present = [v for v in values if v is not None]
        if column == self.VOLUME_COLUMN:  # abbreviated: per decade, its widest text (all eights)
            decades = {v.adjusted() for v in present}
            return [format_volume(float(Decimal("8.888").scaleb(d))) for d in decades]
        if column == self.CHANGE_COLUMN:  # a fixed number of decimals: the greatest and the least
            return [change_text(v) for v in (max(present), min(present))] if present else []
        # prices: one of each number of digits before and after the point
        shapes = {(v.adjusted(), len(str(v))): v for v in present}
        return [price_text(v) for v in shapes.values()]

    def _fit_later(self, *_args: object) -> None:
        if not self._fit_timer.isActive():
            self._fit_timer.start()

    def _layout_columns(self) -> None:
        """Star, symbol and the prices always; the 24 h change and then the volume while they fit; the width
        left over goes to the symbol (its badge). Short of width, the badge goes first, then the price columns
        narrow together (their cells shrink their font rather than cut a digit)."""
        if not self._widths:
            return
        header = self.table.horizontalHeader()
        available = self._laid_out_width = self.table.viewport().width()
        widths = dict(self._widths)
        essential = (self.STAR_COLUMN, self.SYMBOL_COLUMN, *self.PRICE_COLUMNS)
        used = sum(widths[c] for c in essential)
        shown = set(essential)
        for column in self.OPTIONAL_COLUMNS:
            if used + widths[column] > available:
                break
            shown.add(column)
            used += widths[column]
        if used <= available:  # the spare width shared by the columns shown (the star's aside)
            spread = sorted(shown - {self.STAR_COLUMN})
            for column in spread:
                widths[column] += (available - used) // len(spread)
        else:  # prices a little smaller first, then no badge, then prices smaller still
            short = used - available
            short -= self._narrow_prices(widths, short, PRICE_SQUEEZE)
            cut = min(short, widths[self.SYMBOL_COLUMN] - self._symbol_width)
            widths[self.SYMBOL_COLUMN] -= cut
            self._narrow_prices(widths, short - cut, 0.5)
        for column in range(self.model.columnCount()):
            header.setSectionHidden(column, column not in shown)
            header.resizeSection(column, widths[column])
        font = self.table.font()
        fonts = []
        for column in self.PRICE_COLUMNS:  # one font per price column, fitted to its widest price
            fitted = fitted_font(font, self._widest.get(column, ""), widths[column] - CELL_PADDING + 2)
            self.delegate.setColumnFont(column, None if fitted is font else fitted)
            fonts.append(fitted.toString())
        laid_out = (widths, shown, fonts)
        if laid_out != self._laid_out:  # (quotes refit the columns often; mostly nothing changes)
            self._laid_out = laid_out
            self.table.viewport().update()

    def _narrow_prices(self, widths: dict[int, int], short: int, floor: float) -> int:
        """Take up to ``short`` pixels off the price columns, none under ``floor`` of its fitted width."""
        if short <= 0:
            return 0
        taken = 0
        prices = sum(self._widths[c] for c in self.PRICE_COLUMNS)

        def room(column: int) -> int:
            return max(0, widths[column] - int(self._widths[column] * floor))

        for column in self.PRICE_COLUMNS:
            cut = min(round(short * self._widths[column] / prices), room(column))
            widths[column] -= cut
            taken += cut
        for column in self.PRICE_COLUMNS:  # the pixels the rounding left over (else one column sticks out)
            cut = min(short - taken, room(column))
            if cut > 0:
                widths[column] -= cut
                taken += cut
        return taken

    def columnShown(self, column: int) -> bool:
        return not self.table.horizontalHeader().isSectionHidden(column)

    def _badge(self, index: Index) -> str:
        record = self.model.record_by_id(index.data(RECORD_ID_ROLE))
        return "" if record is None else str(record.counterparty)

    def _update_placeholder(self, *_args: object) -> None:
        empty = self.model.rowCount() == 0 and bool(self._placeholder_text)
        self.placeholder.setText(self._placeholder_text)
        self.stack.setCurrentWidget(self.placeholder if empty else self.table)


def _label_scroll_buttons(tab_bar: QTabBar) -> None:
    """The tab bar's scroll buttons with arrows the theme cannot hide (its styled buttons draw no arrow)."""
    for button, arrow in zip(tab_bar.findChildren(QToolButton), ("\u25c2", "\u25b8"), strict=False):
        button.setArrowType(Qt.ArrowType.NoArrow)
        button.setText(arrow)
