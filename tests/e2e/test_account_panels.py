"""Balances, the account summary and the API keys dialog against the live simulator."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.panels import builtin_panels
from app.workspace import WorkspaceRegistry
from services.domain import InstrumentId, OrderRequest, OrderStatus, OrderType, Side
from services.trading.order_entry import new_client_id
from tests.conftest import wait_until
from tests.e2e.conftest import core_of
from tests.gui.conftest import test_registry
from widgets.dialogs.api_keys import ApiKeysDialog
from widgets.panels.balances import BalancesPanel

VENUE = "coinweight"
ETH_USDT = InstrumentId(VENUE, "okcoin", "ETH-USDT")


def balances_registry() -> WorkspaceRegistry:
    return builtin_panels().subset(("balances",))


async def test_balances_show_the_demo_funds_valued_and_change_after_a_trade(trading_shell):
    shell = trading_shell(balances_registry())
    core = core_of(shell)
    session = core.session(VENUE)
    await session.login("demo", "demo")
    panel = shell.window.dock("balances").widget()
    assert isinstance(panel, BalancesPanel)
    usdt, eth = "coinweight:okcoin:USDT", "coinweight:okcoin:ETH"
    await wait_until(lambda: panel.row(usdt) is not None and panel.row(eth) is not None)
    assert panel.row(usdt).total > 0 and panel.row(usdt).value == panel.row(usdt).total.quantize(
        Decimal("0.01")
    )
    await wait_until(lambda: panel.row(eth).value is not None)  # its price quote was subscribed and arrived
    assert panel.row(eth).value > 0
    assert panel.total_label.text().startswith("Total \u2248 ")
    assert ETH_USDT in session.subscribed()

    before = panel.row(eth).total
    order = await core.order_entry.submit(
        OrderRequest(ETH_USDT, Side.BUY, OrderType.MARKET, Decimal("0.01"), new_client_id())
    )
    assert order is not None and order.status is OrderStatus.FILLED
    await wait_until(lambda: panel.row(eth).total > before, timeout=8)

    summary = shell.venue_access.summary
    await wait_until(lambda: summary.estimated_label.text().endswith(" USDT"), timeout=6)
    assert summary.change_label.text().endswith("%")
    await session.logout()
    assert panel.model.rowCount() == 0
    assert summary.estimated_label.text() == "\u2014"


def open_api_keys(shell) -> ApiKeysDialog:
    action = shell.window.findChild(QAction, f"action.venue.{VENUE}.api_keys")
    assert action is not None
    action.trigger()
    dialog = shell.window.findChild(ApiKeysDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def shown_keys(dialog: ApiKeysDialog) -> dict[str, tuple[str, str]]:
    model = dialog.model
    return {
        model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data())
        for r in range(model.rowCount())
    }


async def test_api_keys_add_list_masked_duplicate_and_delete(trading_shell):
    shell = trading_shell(test_registry())
    session = core_of(shell).session(VENUE)
    await session.login("demo", "demo")
    if any(key.counterparty == "huobi" for key in await session.adapter.api_keys()):
        await session.adapter.delete_api_key("huobi")  # the demo user is shared by the session's tests
    dialog = open_api_keys(shell)
    await wait_until(lambda: not dialog.isBusy())
    assert "huobi" not in shown_keys(dialog)
    assert [dialog.counterparty_combo.itemText(i) for i in range(dialog.counterparty_combo.count())] == [
        "binance",
        "huobi",
        "okcoin",
    ]

    def add(api_key: str, secret: str) -> None:
        dialog.counterparty_combo.setCurrentText("huobi")
        QTest.keyClicks(dialog.api_key_edit, api_key)
        QTest.keyClicks(dialog.secret_edit, secret)
        dialog.add_button.click()

    add("hb-key-1", "supersecret")
    await wait_until(lambda: "huobi" in shown_keys(dialog))
    assert shown_keys(dialog)["huobi"] == ("hb-key-1", "s****t")  # masked, as the venue returns it
    assert dialog.secret_edit.text() == "" and dialog.errorText() == ""

    add("hb-key-2", "another")
    await wait_until(lambda: dialog.errorText() != "")
    assert "Duplicated secret key" in dialog.errorText()
    assert shown_keys(dialog)["huobi"] == ("hb-key-1", "s****t")

    row = dialog.model.row_of("huobi")
    dialog.table.selectRow(dialog.table.proxy.mapFromSource(dialog.model.index(row, 0)).row())
    dialog.delete_button.click()
    box = dialog.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    await wait_until(lambda: "huobi" not in shown_keys(dialog))
    assert all(key.counterparty != "huobi" for key in await session.adapter.api_keys())
    dialog.reject()
    await session.logout()


async def test_api_keys_need_a_login_first(trading_shell):
    shell = trading_shell(test_registry())
    assert shell.venue_access.open_api_keys(VENUE) is None
    assert shell.venue_access.login_dialog(VENUE) is not None
    assert "Log in to coin-weight to manage its API keys." in shell.window.statusBar().currentMessage()
    shell.venue_access.login_dialog(VENUE).reject()
