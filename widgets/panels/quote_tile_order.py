"""The quick order of a quote tile: a small popover with quantity and limit price, confirmed by its button.

The Buy/Sell buttons of a tile never send anything themselves: they open this popover (prefilled with the
touch price and the instrument's minimum quantity); the order is sent only when the user presses its
confirm button (or Enter). Escape or a click elsewhere closes it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.common.colors import GREEN, RED
from widgets.common.decimal_input import DecimalField


class QuickOrderPopover(QFrame):
    confirmed = Signal(str, object, object)  # side ("buy" | "sell"), quantity Decimal, price Decimal

    def __init__(
        self,
        side: str,
        title: str,
        price: Decimal | None,
        price_decimals: int,
        price_step: Decimal,
        quantity: Decimal,
        quantity_decimals: int,
        quantity_step: Decimal,
        minimum: Decimal,
        maximum: Decimal | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quickOrderPopover")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.side = side
        colour = GREEN if side == "buy" else RED
        self.setStyleSheet(f"QFrame#quickOrderPopover {{ border: 1px solid {colour}; border-radius: 4px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        verb = self.tr("Buy") if side == "buy" else self.tr("Sell")
        heading = QLabel(f"{verb} {title}", self)
        heading.setStyleSheet(f"color: {colour}; font-weight: 600;")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(4)
        self.quantity_field = DecimalField(quantity_decimals, quantity_step, minimum, maximum, self)
        self.quantity_field.setValue(quantity)
        self.price_field = DecimalField(price_decimals, price_step, price_step, None, self)
        self.price_field.setValue(price)
        form.addRow(self.tr("Quantity"), self.quantity_field)
        form.addRow(self.tr("Limit price"), self.price_field)
        layout.addLayout(form)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("fieldError")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.close)
        self.confirm_button = QPushButton(self.tr("{verb} now").format(verb=verb), self)
        self.confirm_button.setProperty("role", side)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self._confirm)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button, 1)
        layout.addLayout(buttons)
        self.setFixedWidth(240)

    def open_at(self, point: QPoint) -> None:
        self.move(point)
        self.show()
        self.quantity_field.input.setFocus()
        self.quantity_field.input.selectAll()

    def show_error(self, field: str, message: str) -> None:
        """A refusal: under its field when it names one (``quantity``, ``price``), else below both."""
        target = {"quantity": self.quantity_field, "price": self.price_field}.get(field)
        if target is not None:
            target.setError(message)
            return
        self.message_label.setText(message)
        self.message_label.show()

    def set_busy(self, busy: bool) -> None:
        self.confirm_button.setEnabled(not busy)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._confirm()
            event.accept()
            return
        super().keyPressEvent(event)

    def _confirm(self) -> None:
        quantity, price = self.quantity_field.value(), self.price_field.value()
        if quantity is None:
            self.quantity_field.setError(self.tr("Enter the quantity"))
        if price is None:
            self.price_field.setError(self.tr("Enter the limit price"))
        if (
            quantity is None
            or price is None
            or self.quantity_field.input.problem()
            or self.price_field.input.problem()
        ):
            return
        self.message_label.hide()
        self.confirmed.emit(self.side, quantity, price)
