"""A slot of the professional layout: a header (link colour, symbol picker, last price and change; the dock's
title names the slot) over the slot's order book and order ticket, in a splitter the user can drag."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from widgets.common.colors import AMBER, GREEN, GREY, RED, set_style_sheet
from widgets.common.link_colour import SWATCHES, LinkColourButton
from widgets.common.numbers import localized
from widgets.panels.order_book_ladder import decimal_text
from widgets.panels.slots_picker import InstrumentMenuButton

MESSAGE_MS = 8000
_LEVEL_COLOURS = {"info": GREY, "warning": AMBER, "error": RED}


def change_text(change_pct: Decimal | None) -> tuple[str, str]:
    """A 24-hour change as text and colour (``+1.25%`` green, ``-0.40%`` red)."""
    if change_pct is None:
        return "", GREY
    colour = GREEN if change_pct > 0 else RED if change_pct < 0 else GREY
    return localized(f"{change_pct:+.2f}%"), colour


class SlotPanel(QWidget):
    instrumentPicked = Signal(str, str)  # market, symbol
    linkColourChanged = Signal(object)  # str | None
    visibilityChanged = Signal(bool)

    def __init__(self, position: int, link_colours: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = position
        self.setObjectName(f"slotPanel{position}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = QWidget(self)
        self.header.setObjectName("panelToolbar")
        row = QHBoxLayout(self.header)
        row.setContentsMargins(6, 3, 6, 3)
        row.setSpacing(6)
        self.link_button = LinkColourButton(link_colours, self.header)
        self.link_button.colourChanged.connect(self._on_colour)
        row.addWidget(self.link_button)
        self.picker = InstrumentMenuButton(self.header)
        self.picker.instrumentPicked.connect(self.instrumentPicked)
        row.addWidget(self.picker)
        self.last_label = QLabel(self.header)
        self.last_label.setObjectName("slotLast")
        row.addWidget(self.last_label)
        self.change_label = QLabel(self.header)
        row.addWidget(self.change_label)
        row.addStretch(1)
        layout.addWidget(self.header)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("slotMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setContentsMargins(6, 2, 6, 2)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self.message_label.hide)
        self._show_colour(None)

    # --- content
    def set_body(self, book: QWidget, ticket: QWidget) -> None:
        """Put the slot's book (top) and ticket (bottom) in; the ones there before are deleted."""
        sizes = self.splitter.sizes() if self.splitter.count() == 2 else [460, 240]
        for index in reversed(range(self.splitter.count())):
            old = self.splitter.widget(index)
            assert old is not None  # index < count()
            old.hide()
            old.setParent(None)
            old.deleteLater()
        self.splitter.addWidget(book)
        self.splitter.addWidget(ticket)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes(sizes)

    def book(self) -> QWidget | None:
        return self.splitter.widget(0)

    def ticket(self) -> QWidget | None:
        return self.splitter.widget(1)

    # --- header
    def set_link_colour(self, colour: str | None) -> None:
        self.link_button.setColour(colour)
        self._show_colour(colour)

    def set_instruments(self, instruments: Iterable[tuple[str, str]]) -> None:
        self.picker.set_instruments(instruments)

    def set_instrument(self, market: str | None, symbol: str | None) -> None:
        self.picker.set_current(market, symbol)
        self.set_quote(None, None, 0)

    def set_quote(self, last: Decimal | None, change_pct: Decimal | None, decimals: int) -> None:
        self.last_label.setText("" if last is None else decimal_text(last, decimals))
        text, colour = change_text(change_pct)
        self.change_label.setText(text)
        set_style_sheet(self.change_label, f"color: {colour};")

    def show_message(self, text: str, level: str = "error") -> None:
        colour = _LEVEL_COLOURS.get(level, GREY)
        self.message_label.setStyleSheet(f"QLabel#slotMessage {{ color: {colour}; }}")
        self.message_label.setText(text)
        self.message_label.show()
        self._message_timer.start()

    def message_text(self) -> str:
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    # --- events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def _on_colour(self, colour: str | None) -> None:
        self._show_colour(colour)
        self.linkColourChanged.emit(colour)

    def _show_colour(self, colour: str | None) -> None:
        """A strip of the link colour along the header's top, so the slots are told apart at a glance."""
        strip = SWATCHES.get(colour or "", "transparent")
        self.header.setStyleSheet(f"QWidget#panelToolbar {{ border-top: 3px solid {strip}; }}")
