"""Strategy controls: the user's strategies with their live state, Start / Stop / Leave / Delete, the form.

The panel asks by signal and shows what it is told: which actions are enabled comes from the view-model
(:meth:`StrategiesPanel.set_actions`); Delete asks for a confirmation first (a non-modal message box).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QWidget,
)

from widgets.common.colors import GREY, RED
from widgets.common.elided_label import ElidedLabel
from widgets.common.panel_layout import panel_with_toolbar
from widgets.common.record_table import RecordTableModel, RecordTableView
from widgets.panels.strategies_dialog import Market, NewStrategyDialog
from widgets.panels.strategies_form import StrategyForm

ERROR_BACKGROUND = "rgba(240, 82, 79, 0.12)"  # RED, faint: readable on both themes
# The theme colours Start/Stop by role even when disabled; a run state must show which of them applies.
DISABLED_ROLE_STYLE = (
    f'QPushButton[role="buy"]:disabled, QPushButton[role="sell"]:disabled {{ background: transparent; '
    f"color: {GREY}; border-color: {GREY}; font-weight: normal; }}"
)


class StrategiesPanel(QWidget):
    newRequested = Signal()
    createRequested = Signal(str, str, str, str)  # template, name, exchange, symbol (from the dialog)
    startRequested = Signal(str)  # strategy id
    stopRequested = Signal(str)
    leaveRequested = Signal(str)
    deleteRequested = Signal(str)  # confirmed by the user
    currentChanged = Signal(object)  # strategy id or None
    shownChanged = Signal(bool)  # the panel became visible / hidden (a tab behind another one)

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strategiesPanel")
        self.setStyleSheet(DISABLED_ROLE_STYLE)
        layout, bar, row = panel_with_toolbar(self)
        self.new_button = self._button(
            bar,
            "strategyNew",
            self.tr("New from template\u2026"),
            self.tr("Create a strategy from one of the venue's templates"),
        )
        self.start_button = self._button(
            bar, "strategyStart", self.tr("Start"), self.tr("Start the selected strategy at the venue")
        )
        self.start_button.setProperty("role", "buy")
        self.stop_button = self._button(
            bar, "strategyStop", self.tr("Stop"), self.tr("Stop the strategy and cancel its orders")
        )
        self.stop_button.setProperty("role", "sell")
        self.leave_button = self._button(
            bar,
            "strategyLeave",
            self.tr("Leave"),
            self.tr("Stop the strategy and leave its orders on the book"),
        )
        self.delete_button = self._button(
            bar, "strategyDelete", self.tr("Delete\u2026"), self.tr("Delete the strategy at the venue")
        )
        for button in (self.new_button, self.start_button, self.stop_button, self.leave_button):
            row.addWidget(button)
        row.addSpacing(12)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.notice = ElidedLabel(bar, asks_for_text=True)  # (the Orders tab group's width is not its)
        self.notice.setObjectName("strategyNotice")
        row.addWidget(self.notice)
        layout.addWidget(bar)

        self.error_bar = QFrame(self)
        self.error_bar.setObjectName("strategyErrorBar")
        self.error_bar.setStyleSheet(
            f"QFrame#strategyErrorBar {{ border-left: 3px solid {RED}; background: {ERROR_BACKGROUND}; }}"
        )
        error_row = QHBoxLayout(self.error_bar)
        error_row.setContentsMargins(8, 3, 4, 3)
        self.error_label = QLabel(self.error_bar)
        self.error_label.setObjectName("strategyError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error_row.addWidget(self.error_label, 1)
        close = QToolButton(self.error_bar)
        close.setText("\u00d7")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.clear_error)
        error_row.addWidget(close)
        self.error_bar.hide()
        layout.addWidget(self.error_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = RecordTableView(model, self.splitter)
        self.table.setObjectName("strategiesTable")
        self.table.setSelectionMode(RecordTableView.SelectionMode.SingleSelection)
        self.table.currentRecordChanged.connect(self.currentChanged)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.form = StrategyForm(self.splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._split_done = False  # the first show splits the width 45:55 (the user's drag is kept after)
        layout.addWidget(self.splitter, 1)

        self.new_button.clicked.connect(self.newRequested)
        self.start_button.clicked.connect(lambda: self._emit_for_current(self.startRequested))
        self.stop_button.clicked.connect(lambda: self._emit_for_current(self.stopRequested))
        self.leave_button.clicked.connect(lambda: self._emit_for_current(self.leaveRequested))
        self.delete_button.clicked.connect(self._confirm_delete)
        self.confirmation: QMessageBox | None = None
        self.new_dialog: NewStrategyDialog | None = None
        self.set_actions(start=False, stop=False, leave=False, delete=False)

    @staticmethod
    def _button(parent: QWidget, name: str, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setToolTip(tooltip)
        return button

    # --- what to show

    def set_actions(self, *, start: bool, stop: bool, leave: bool, delete: bool, new: bool = True) -> None:
        self.start_button.setEnabled(start)
        self.stop_button.setEnabled(stop)
        self.leave_button.setEnabled(leave)
        self.delete_button.setEnabled(delete)
        self.new_button.setEnabled(new)

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_bar.show()

    def clear_error(self) -> None:
        self.error_label.setText("")
        self.error_bar.hide()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_bar.isVisibleTo(self) else ""

    def current_strategy(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return cast(str, self.table.id_at(index.row()))  # the model is keyed by the strategies' str ids

    def select_strategy(self, strategy_id: str | None) -> None:
        if strategy_id is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(self.table.proxy.index(-1, -1))
            return
        source_row = self.table.record_model.row_of(strategy_id)
        if source_row is None:
            return
        index = self.table.proxy.mapFromSource(self.table.record_model.index(source_row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())

    def open_new_dialog(
        self,
        templates: Sequence[tuple[str, str]],
        markets: Mapping[str, Sequence[Market]],
        *,
        template: str = "",
        name: str = "",
        exchange: str = "",
        symbol: str = "",
    ) -> NewStrategyDialog:
        if self.new_dialog is not None:
            self.new_dialog.close()
        dialog = NewStrategyDialog(
            templates, markets, template=template, name=name, exchange=exchange, symbol=symbol, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.createRequested.connect(self.createRequested)
        dialog.destroyed.connect(lambda *_: setattr(self, "new_dialog", None))
        self.new_dialog = dialog
        dialog.open()
        return dialog

    # --- internals

    def _emit_for_current(self, signal) -> None:
        strategy_id = self.current_strategy()
        if strategy_id is not None:
            signal.emit(strategy_id)

    def _confirm_delete(self) -> None:
        strategy_id = self.current_strategy()
        if strategy_id is None:
            return
        record = self.table.record_model.record_by_id(strategy_id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete strategy"),
            self.tr("Delete the strategy \u201c{name}\u201d at the venue?").format(
                name=getattr(record, "name", strategy_id)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("strategyDeleteConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            self.confirmation = None
            if box.clickedButton() == box.button(QMessageBox.StandardButton.Yes):
                self.deleteRequested.emit(strategy_id)

        box.finished.connect(finished)
        self.confirmation = box
        box.open()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_done and self.width() > 0:
            self._split_done = True
            self.splitter.setSizes([self.width() * 45 // 100, self.width() * 55 // 100])
        self.shownChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.shownChanged.emit(False)
