"""Orders panel: the Active blotter (cancel, cancel all, change price or quantity in place) and the History.

The view asks by signal and shows what it is given; every dialog opens with ``open()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.plural import plural
from widgets.panels.order_ticket_confirm import OrderConfirmDialog
from widgets.panels.orders_table import OrderRow, OrdersTableModel, OrdersTableView

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 50
MESSAGE_COLOURS = {"info": GREEN, "warning": AMBER, "error": RED, "pending": GREY}


def _toolbar(parent: QWidget) -> tuple[QWidget, QHBoxLayout]:
    bar = QWidget(parent)
    bar.setObjectName("panelToolbar")
    row = QHBoxLayout(bar)
    row.setContentsMargins(6, 3, 6, 3)
    row.setSpacing(6)
    return bar, row


def _scrolling(bar: QWidget, parent: QWidget) -> QScrollArea:
    """``bar`` in a strip that scrolls sideways when the panel is narrower than the bar: a toolbar never makes
    the panel (and so the main window) wider than the screen."""
    strip = QScrollArea(parent)
    strip.setObjectName("toolbarStrip")
    strip.setFrameShape(QFrame.Shape.NoFrame)
    strip.setWidgetResizable(True)
    strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    strip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    strip.setWidget(bar)
    strip.setFixedHeight(bar.sizeHint().height() + strip.horizontalScrollBar().sizeHint().height())
    return strip


def _message_label(parent: QWidget) -> QLabel:
    """A message line that wraps: a long venue message never widens the panel."""
    label = QLabel(parent)
    label.setObjectName("ordersMessage")
    label.setContentsMargins(6, 2, 6, 2)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _tool_button(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    return button


class CancelAllDialog(QDialog):
    """Which counterparties (or venues) to cancel every active order on; nothing is sent with none ticked."""

    def __init__(self, options: Sequence[tuple[str, str, int]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cancelAllDialog")
        self.setWindowTitle(self.tr("Cancel all orders"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Cancel every active order on:"), self))
        self.boxes: dict[str, QCheckBox] = {}
        self._counts = {key: count for key, _title, count in options}
        for key, title, count in options:
            box = QCheckBox(self.tr("{name} (%n active)", "", count).format(name=title), self)
            box.setChecked(True)
            box.toggled.connect(self._update)
            layout.addWidget(box)
            self.boxes[key] = box
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(self)
        self.accept_button = self.buttons.addButton(
            self.tr("Cancel orders"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setProperty("role", "sell")
        self.keep_button = self.buttons.addButton(
            self.tr("Keep orders"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.keep_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def selected(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def _update(self, *_args: object) -> None:
        chosen = self.selected()
        self.accept_button.setEnabled(bool(chosen))
        count = sum(self._counts[key] for key in chosen)
        self.summary.setText(
            plural(self.tr("%n order(s) known to be active will be canceled.", "", count), count)
            if chosen
            else self.tr("Tick where to cancel.")
        )


class OrdersPanel(QWidget):
    cancelRequested = Signal(list)  # row keys
    editRequested = Signal(str, str, object)  # row key, column, Decimal
    cancelAllClicked = Signal()
    cancelAllConfirmed = Signal(list)  # option keys
    historyRequested = Signal(str, int, int, int, int)  # venue, start s, end s (epoch), page, page size

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPanel")
        self.dialog: QDialog | None = None  # the confirmation or cancel-all dialog that is open
        self.history_page = 0
        self._history_has_more = False
        self._to_follows_now = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("ordersTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_active(), self.tr("Active"))
        self.tabs.addTab(self._build_history(), self.tr("History"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout.addWidget(self.tabs)

    # --- building ---------------------------------------------------------------------------------

    def _build_active(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar, row = _toolbar(page)
        self.cancel_button = _tool_button(
            self.tr("Cancel"), self.tr("Cancel the selected orders (Delete)"), bar
        )
        self.cancel_button.clicked.connect(self._cancel_selected)
        self.cancel_all_button = _tool_button(
            self.tr("Cancel all\u2026"), self.tr("Cancel every active order on the venues you choose"), bar
        )
        self.cancel_all_button.clicked.connect(self.cancelAllClicked)
        self.active_count = QLabel(bar)
        self.active_count.setObjectName("mutedLabel")
        row.addWidget(self.cancel_button)
        row.addWidget(self.cancel_all_button)
        row.addStretch(1)
        row.addWidget(self.active_count)
        layout.addWidget(bar)
        self.active = OrdersTableModel(self)
        self.active.editRequested.connect(self.editRequested)
        self.active_table = OrdersTableView(self.active, page, editable=True)
        self.active_table.setToolTip(self.tr("Double-click a price or quantity to change it"))
        cancel = QAction(self.tr("Cancel order"), self.active_table)
        cancel.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        cancel.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        cancel.triggered.connect(self._cancel_selected)
        self.active_table.addAction(cancel)
        self.active_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for signal in (self.active.rowsInserted, self.active.rowsRemoved, self.active.modelReset):
            signal.connect(self._update_count)
        layout.addWidget(self.active_table, 1)
        self.message_label = _message_label(page)
        layout.addWidget(self.message_label)
        self._update_count()
        return page

    def _build_history(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar, row = _toolbar(page)
        self.venue_combo = QComboBox(bar)
        self.venue_combo.setObjectName("historyVenue")
        now = QDateTime.currentDateTime()
        self.from_edit = self._date_edit(now.addSecs(-24 * 3600), bar)
        self.to_edit = self._date_edit(now, bar)
        self.to_edit.dateTimeChanged.connect(self._on_to_edited)
        self.page_size_combo = QComboBox(bar)
        for size in PAGE_SIZES:
            self.page_size_combo.addItem(str(size), size)
        self.page_size_combo.setCurrentIndex(PAGE_SIZES.index(DEFAULT_PAGE_SIZE))
        self.page_size_combo.setToolTip(self.tr("Orders fetched from the venue at a time"))
        self.load_button = _tool_button(self.tr("Load"), self.tr("Load the orders of this time range"), bar)
        self.load_button.clicked.connect(lambda: self._request_history(0))
        self.history_count = QLabel(bar)
        self.history_count.setObjectName("mutedLabel")
        self.loading = QProgressBar(bar)
        self.loading.setObjectName("historyLoading")
        self.loading.setRange(0, 0)
        self.loading.setMaximumWidth(80)
        self.loading.setMaximumHeight(10)
        self.loading.setTextVisible(False)
        self.loading.hide()
        for widget in (
            self.venue_combo,
            QLabel(self.tr("From"), bar),
            self.from_edit,
            QLabel(self.tr("To"), bar),
            self.to_edit,
            self.load_button,
            self.loading,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.history_count)
        row.addWidget(self.page_size_combo)
        layout.addWidget(_scrolling(bar, page))
        self.history = OrdersTableModel(self)
        self.history_table = OrdersTableView(self.history, page, editable=False)
        # older orders are fetched as the user scrolls to the end (or the view is not yet full)
        self.history_table.verticalScrollBar().valueChanged.connect(self._more_history_if_at_end)
        self.history_table.verticalScrollBar().rangeChanged.connect(self._more_history_if_at_end)
        layout.addWidget(self.history_table, 1)
        self.history_message = _message_label(page)
        layout.addWidget(self.history_message)
        self._show_page(0, False)
        return page

    def _date_edit(self, value: QDateTime, parent: QWidget) -> QDateTimeEdit:
        edit = QDateTimeEdit(value, parent)
        edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        edit.setCalendarPopup(True)
        return edit

    # --- what the view-model sets -----------------------------------------------------------------

    def show_message(self, level: str, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {MESSAGE_COLOURS.get(level, GREY)};")

    def message(self) -> str:
        return self.message_label.text()

    def set_pending_edit(self, row_key: str, column: str, value: Decimal | None) -> None:
        self.active.set_pending_edit(row_key, column, value)

    def ask(self, title: str, text: str, accept_text: str, on_accept: Callable[[bool], None]) -> None:
        """A confirmation; ``on_accept(dont_ask_again)`` when the user agrees."""
        dialog = OrderConfirmDialog(title, text, accept_text, self)
        dialog.accepted.connect(lambda: on_accept(dialog.dont_ask_again()))
        self._open(dialog)

    def open_cancel_all(self, options: Sequence[tuple[str, str, int]]) -> None:
        """``options``: (key, title, active orders); ``cancelAllConfirmed(keys)`` when the user agrees."""
        dialog = CancelAllDialog(options, self)
        dialog.accepted.connect(lambda: self.cancelAllConfirmed.emit(dialog.selected()))
        self._open(dialog)

    def set_history_venues(self, venues: Sequence[tuple[str, str]]) -> None:
        current = self.venue_combo.currentData()
        self.venue_combo.clear()
        for key, title in venues:
            self.venue_combo.addItem(title, key)
        self.venue_combo.setCurrentIndex(max(0, self.venue_combo.findData(current)))
        self.load_button.setEnabled(bool(venues))

    def set_history(self, rows: list[OrderRow], page: int, has_next: bool) -> None:
        """Page 0 replaces the list (a new range or venue); a later page adds the older orders below."""
        self.history_page, self._history_has_more = page, has_next  # before the rows move the scroll bar
        if page == 0:
            self.history.reset(rows)
            self.history_table.scrollToTop()  # a new list starts at its newest order, not at its end
        else:
            self.history.upsert(rows)  # an order that slid into this page from the last one is not doubled
        self._show_page(page, has_next)
        empty = page == 0 and not rows
        self.history_message.setText(self.tr("No orders in this range") if empty else "")
        if has_next:  # the view may not be full yet: the scroll bar then never reaches an end
            QTimer.singleShot(0, self, self._more_history_if_at_end)

    def set_history_loading(self, loading: bool) -> None:
        self.loading.setVisible(loading)
        for widget in (self.load_button, self.venue_combo):
            widget.setEnabled(not loading)

    def is_history_loading(self) -> bool:
        return self.loading.isVisibleTo(self)

    def set_history_error(self, text: str) -> None:
        self.history_message.setText(text)
        self.history_message.setStyleSheet(f"color: {RED};")

    # --- internals --------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def has_more_history(self) -> bool:
        """The venue may have older orders in the range than those listed."""
        return self._history_has_more

    def _show_page(self, page: int, has_next: bool) -> None:
        self.history_page, self._history_has_more = page, has_next
        n = self.history.rowCount()
        count = plural(self.tr("%n order(s)", "", n), n)
        self.history_count.setText(count + (" \u2026" if has_next else ""))
        more, done = self.tr("Scroll down for older orders"), self.tr("Every order of the range is listed")
        self.history_count.setToolTip(more if has_next else done)

    def _more_history_if_at_end(self, *_args: object) -> None:
        if not self._history_has_more or self.is_history_loading() or not self.history_table.isVisible():
            return  # a hidden list has no end in view: it asks when shown (its scroll range changes then)
        bar = self.history_table.verticalScrollBar()
        if bar.value() >= bar.maximum() - bar.pageStep() // 2:
            self._request_history(self.history_page + 1)

    def _cancel_selected(self) -> None:
        keys = self.active_table.selected_ids()
        if keys:
            self.cancelRequested.emit(keys)

    def _update_count(self, *_args: object) -> None:
        self.active_count.setText(self.tr("%n active", "", self.active.rowCount()))

    def _on_to_edited(self, _value: QDateTime) -> None:
        if self.to_edit.hasFocus():  # the user set an end: keep it
            self._to_follows_now = False

    def _on_tab(self, index: int) -> None:
        if index == 1 and self.history.rowCount() == 0 and not self.is_history_loading():
            self._request_history(0)

    def _request_history(self, page: int) -> None:
        venue = self.venue_combo.currentData()
        if venue is None or page < 0:
            return
        if self._to_follows_now:
            self.to_edit.setDateTime(QDateTime.currentDateTime())
        self.history_message.setStyleSheet("")
        start = self.from_edit.dateTime().toSecsSinceEpoch()
        # the edit shows minutes: "to 14:05" means up to the end of that minute
        end = self.to_edit.dateTime().toSecsSinceEpoch() + int(timedelta(minutes=1).total_seconds())
        self.historyRequested.emit(venue, start, end, page, self.page_size_combo.currentData())
