"""Chart panel: the instrument strip over a :class:`widgets.chart.ChartWidget`, and the confirmation asked
before a dragged order line moves the order. Bars that are not live (the venue logged out or reconnecting)
stay shown, greyed, under a "Not live: ..." banner."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from widgets.chart import ChartWidget
from widgets.common.not_live import NotLiveBanner, grey_out
from widgets.panels.chart_panel_toolbar import InstrumentBar


class ChartPanel(QWidget):
    """``moveConfirmed(order_id, price)`` / ``moveDeclined(order_id)`` answer :meth:`confirm_move`."""

    moveConfirmed = Signal(str, float)
    moveDeclined = Signal(str)

    def __init__(self, link_colours: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.not_live_banner = NotLiveBanner(self)
        self.bar = InstrumentBar(link_colours, self)
        self.chart = ChartWidget(self)
        layout.addWidget(self.not_live_banner)
        layout.addWidget(self.bar)
        layout.addWidget(self.chart, 1)
        self._confirmation: QMessageBox | None = None

    @property
    def picker(self):
        return self.bar.picker

    @property
    def link(self):
        return self.bar.link

    def show_message(self, text: str, level: str = "info") -> None:
        self.bar.show_message(text, level)

    def set_not_live(self, reason: str) -> None:
        """Why the bars are frozen ("" once they are live): the banner says it, the chart is greyed."""
        self.not_live_banner.set_reason(reason)
        grey_out(self.chart, bool(reason))

    def not_live(self) -> str:
        return self.not_live_banner.reason()

    def confirm_move(self, order_id: str, price: float, question: str) -> QMessageBox:
        """Ask ``question`` without blocking (a window-modal box); the answer comes as a signal. A question
        still open is answered "no" first."""
        if self._confirmation is not None:
            self._confirmation.reject()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Move order"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("moveOrderConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if self._confirmation is box:
                self._confirmation = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.moveConfirmed.emit(order_id, price)
            else:
                self.moveDeclined.emit(order_id)

        box.finished.connect(answered)
        self._confirmation = box
        box.open()
        return box

    def confirmation(self) -> QMessageBox | None:
        """The move question still waiting for an answer (tests click its buttons)."""
        return self._confirmation
