"""Views of the account: balances table and total, status-bar summary, API keys dialog, the clickable
connection indicator and the window's app menus."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QMessageBox, QWidget

from widgets.common.account_summary import AccountSummaryWidget
from widgets.common.colors import GREEN, RED
from widgets.common.status import ConnectionIndicator
from widgets.dialogs.api_keys import ApiKeysDialog
from widgets.main_window import MainWindow
from widgets.panels.balances import BalanceRow, BalancesPanel


def balance(currency: str, total: str, used: str = "0", value: str | None = None) -> BalanceRow:
    total_d, used_d = Decimal(total), Decimal(used)
    return BalanceRow(
        f"coinweight:binance:{currency}",
        "binance",
        currency,
        total_d,
        used_d,
        total_d - used_d,
        None if value is None else Decimal(value),
    )


@pytest.fixture
def balances(qtbot) -> BalancesPanel:
    panel = BalancesPanel("USDT")
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_balance_rows_update_in_place_and_vanish_when_gone(balances):
    balances.setRows([balance("BTC", "2.00000", "0.50000", "128000.00"), balance("USDT", "1000.00")])
    model = balances.model
    assert model.ids() == ["coinweight:binance:BTC", "coinweight:binance:USDT"]
    assert model.index(0, 2).data() == "2.00000"
    assert model.index(0, 4).data() == "1.50000"
    assert model.index(0, 5).data() == "128,000.00"
    balances.setRows([balance("BTC", "1.00000", value="64000.00")])
    assert model.ids() == ["coinweight:binance:BTC"]
    assert model.index(0, 2).data() == "1.00000"
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Value, USDT"


def test_the_total_line_says_how_many_currencies_have_no_price(balances):
    balances.setTotal(None)
    assert balances.total_label.text() == "Total: \u2014"
    balances.setTotal(Decimal("1234567.891"), unpriced=2)
    assert balances.total_label.text() == "Total \u2248 1,234,567.891 USDT (2 without a price)"


def test_hide_zero_is_reported(qtbot, balances):
    changes = []
    balances.hideZeroChanged.connect(changes.append)
    balances.hide_zero_box.click()
    balances.setHideZero(False)
    assert changes == [True, False]


def test_the_account_summary_shows_values_and_a_coloured_change(qtbot):
    widget = AccountSummaryWidget()
    qtbot.addWidget(widget)
    assert widget.estimated_label.text() == "\u2014"
    widget.setSummary(
        "USDT", Decimal("1669955.9704"), Decimal("1660000"), Decimal("9955.97"), Decimal("-0.0218")
    )
    assert widget.estimated_label.text() == "1,669,955.97 USDT"
    assert widget.available_label.text() == "1,660,000.00"
    assert widget.on_orders_label.text() == "9,955.97"
    assert widget.change_label.text() == "-2.18%"
    assert RED in widget.change_label.styleSheet()
    widget.setSummary("USDT", Decimal(1), Decimal(1), Decimal(0), Decimal("0.009"))
    assert widget.change_label.text() == "+0.90%" and GREEN in widget.change_label.styleSheet()
    widget.clear()
    assert widget.change_label.text() == "\u2014" and widget.change_label.styleSheet() == ""


def test_a_new_summary_of_the_same_sign_does_not_restyle_the_status_bar(qtbot):
    widget = AccountSummaryWidget()
    qtbot.addWidget(widget)
    restyled = EventCounter(QEvent.Type.StyleChange)
    widget.change_label.installEventFilter(restyled)
    widget.setSummary("USDT", Decimal(100), Decimal(100), Decimal(0), Decimal("0.011"))
    assert restyled.count == 1 and GREEN in widget.change_label.styleSheet()
    widget.setSummary("USDT", Decimal(101), Decimal(101), Decimal(0), Decimal("0.012"))  # the next poll
    assert widget.change_label.text() == "+1.20%" and restyled.count == 1  # re-polished only on a new colour
    widget.setSummary("USDT", Decimal(99), Decimal(99), Decimal(0), Decimal("-0.003"))
    assert restyled.count == 2 and RED in widget.change_label.styleSheet()


def test_ticking_values_do_not_move_the_status_bar_until_the_currencies_change(qtbot):
    bar = QWidget()
    qtbot.addWidget(bar)
    widget = AccountSummaryWidget(bar)
    QHBoxLayout(bar).addWidget(widget)
    bar.show()
    widget.setSummary("USDT", Decimal("1341235.54"), Decimal(1), Decimal(0), Decimal("0.011"))
    QApplication.processEvents()
    wide = widget.estimated_label.width()
    places = [child.geometry() for child in widget.findChildren(QWidget)]
    relaid = EventCounter(QEvent.Type.LayoutRequest)
    bar.installEventFilter(relaid)
    for value in ("1341235.5", "1341236.12", "9.1", "1341235.54"):  # narrower and as wide: nothing moves
        widget.setSummary("USDT", Decimal(value), Decimal(1), Decimal(0), Decimal("0.012"))
        QApplication.processEvents()
        assert [child.geometry() for child in widget.findChildren(QWidget)] == places
    assert widget.estimated_label.width() == wide and relaid.count == 0  # nothing laid out again either
    widget.setSummary("RUB", Decimal(5), Decimal(5), Decimal(0), None)  # another currency: widths start over
    QApplication.processEvents()
    assert widget.estimated_label.width() < wide


class EventCounter(QObject):
    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind, self.count = kind, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == self.kind
        return False


@pytest.fixture
def keys_dialog(qtbot) -> ApiKeysDialog:
    dialog = ApiKeysDialog("coin-weight")
    qtbot.addWidget(dialog)
    dialog.setCounterparties(["binance", "huobi", "okcoin"])
    dialog.setKeys([("huobi", "123456", "k****k")])
    dialog.open()
    return dialog


def test_the_secret_field_is_a_password_field_and_add_needs_both_keys(qtbot, keys_dialog):
    added = []
    keys_dialog.addRequested.connect(lambda *args: added.append(args))
    assert keys_dialog.secret_edit.echoMode() is QLineEdit.EchoMode.Password
    assert not keys_dialog.add_button.isEnabled()
    keys_dialog.counterparty_combo.setCurrentText("okcoin")
    qtbot.keyClicks(keys_dialog.api_key_edit, "my-key")
    qtbot.keyClicks(keys_dialog.secret_edit, "my-secret")
    qtbot.keyClick(keys_dialog.secret_edit, Qt.Key.Key_Return)
    assert added == [("okcoin", "my-key", "my-secret")]
    keys_dialog.setBusy(True)
    keys_dialog.add_button.click()
    assert len(added) == 1


def test_the_list_shows_the_masked_secret(keys_dialog):
    model = keys_dialog.model
    assert [model.index(0, c).data() for c in range(3)] == ["huobi", "123456", "k****k"]
    assert not keys_dialog.empty_label.isVisibleTo(keys_dialog)


def test_delete_asks_first_without_blocking(qtbot, keys_dialog):
    deleted = []
    keys_dialog.deleteRequested.connect(deleted.append)
    assert keys_dialog.confirm_delete() is None  # nothing selected
    keys_dialog.table.selectRow(0)
    assert keys_dialog.delete_button.isEnabled()
    box = keys_dialog.confirm_delete()
    assert box is not None and box.isVisible()  # open(), not exec(): we got here
    box.button(QMessageBox.StandardButton.No).click()
    assert deleted == []
    keys_dialog.confirm_delete().button(QMessageBox.StandardButton.Yes).click()
    assert deleted == ["huobi"]


def test_errors_show_in_the_dialog(keys_dialog):
    keys_dialog.showError("Duplicated secret key")
    assert keys_dialog.errorText() == "Duplicated secret key"
    keys_dialog.showError("")
    assert keys_dialog.errorText() == ""


def test_a_click_on_a_connection_indicator_is_reported(qtbot):
    indicator = ConnectionIndicator("coinweight", "coin-weight")
    qtbot.addWidget(indicator)
    indicator.show()
    clicked = []
    indicator.clicked.connect(clicked.append)
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    qtbot.mouseClick(indicator, Qt.MouseButton.RightButton, pos=QPoint(4, 4))
    assert clicked == ["coinweight"]


def test_app_menus_go_before_the_window_menu(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    menu = window.add_menu("&Venue")
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Venue", "&Window"]
    assert menu.menuAction() in window.menuBar().actions()
