"""The instrument strip of a linked panel (chart, time and sales): a link-colour button, a symbol picker and a
message label.

Views only: instruments are plain ``(key, text, tooltip)`` choices; the owner maps keys to instruments.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from widgets.common.colors import AMBER, GREY, RED
from widgets.common.link_colour import LinkColourButton

MESSAGE_COLOURS = {"info": GREY, "warning": AMBER, "error": RED}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class InstrumentCombo(QComboBox):
    """An editable list of instruments: type a part of a symbol, pick it; ``instrumentChosen(key)``."""

    instrumentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instrumentCombo")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setMinimumContentsLength(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._line_edit().setPlaceholderText(self.tr("Symbol\u2026"))
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        completer = QCompleter(self._items, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._choose_text)  # type: ignore[index]  # stubs lack signal overload []
        self.setCompleter(completer)
        self.activated.connect(self._choose_index)
        self._line_edit().returnPressed.connect(lambda: self._choose_text(self.currentText()))
        self._current: str | None = None

    def set_choices(self, choices: Sequence[tuple[str, str, str]]) -> None:
        """(key, text, tooltip) of every instrument offered, in order; keeps the current one shown."""
        blocked = self.blockSignals(True)
        self._items.clear()
        for key, text, tooltip in choices:
            item = QStandardItem(text)
            item.setData(key, KEY_ROLE)
            item.setToolTip(tooltip)
            self._items.appendRow(item)
        self.blockSignals(blocked)
        self._show_current()

    def set_current(self, key: str | None, text: str = "") -> None:
        """Show ``key`` as chosen (without emitting); ``text`` when it is not among the choices."""
        self._current = key
        self._show_current(text)

    def current_key(self) -> str | None:
        return self._current

    def instrument_keys(self) -> list[str]:
        return [self._items.item(row).data(KEY_ROLE) for row in range(self._items.rowCount())]

    def choose(self, key: str) -> None:
        """As if the user picked ``key`` (tests, keyboard shortcuts)."""
        self._current = key
        self._show_current()
        self.instrumentChosen.emit(key)

    def _show_current(self, fallback: str = "") -> None:
        blocked = self.blockSignals(True)
        row = self._row_of(self._current)
        if row >= 0:
            self.setCurrentIndex(row)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(fallback)
        self._line_edit().deselect()
        self.blockSignals(blocked)

    def _line_edit(self) -> QLineEdit:
        line_edit = self.lineEdit()
        assert line_edit is not None  # the picker is editable
        return line_edit

    def _row_of(self, key: str | None) -> int:
        if key is None:
            return -1
        return next(
            (r for r in range(self._items.rowCount()) if self._items.item(r).data(KEY_ROLE) == key), -1
        )

    def _choose_index(self, row: int) -> None:
        key = self.itemData(row, KEY_ROLE)
        if key is not None:
            self.choose(key)

    def _choose_text(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self._items.rowCount()):
            item = self._items.item(row)
            if item.text().casefold() == wanted:
                self.choose(item.data(KEY_ROLE))
                return
        self._show_current()  # not an instrument: show the current one again


class InstrumentBar(QWidget):
    """Picker, link button, then a message label (errors, states) filling the rest of the row."""

    def __init__(self, link_colours: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelToolbar")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(6, 3, 6, 3)
        self.row.setSpacing(6)
        self.picker = InstrumentCombo(self)
        self.link = LinkColourButton(link_colours, self)
        self.message = QLabel(self)
        self.message.setObjectName("panelMessage")
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.row.addWidget(self.link)
        self.row.addWidget(self.picker)
        self.row.addWidget(self.message, 1)

    def show_message(self, text: str, level: str = "info") -> None:
        """A one-line message (``level``: info | warning | error); "" clears it."""
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.setStyleSheet(f"color: {MESSAGE_COLOURS.get(level, GREY)}")
