"""The back office's widgets without a venue: the form dialog (errors at the field, Enter submits, Esc
closes, busy), the confirmation (Cancel is the default), the status-bar light bound to the session, the
trader's Accounts panel while nobody is logged in to the back office."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QWidget

from app.back_office_session import BackOfficeIndicator, QtBackOffice
from app.viewmodels.accounts import AccountsViewModel
from app.workspace import PanelContext
from services.domain import ConnectionState
from services.dxregister.backoffice import BackOfficeSession
from widgets.back_office.form import FormDialog, FormField, ask
from widgets.common.status import ConnectionIndicator, LightState
from widgets.panels.accounts import AccountsPanel


def test_the_form_reports_at_the_field_and_enter_submits_esc_closes(qtbot):
    dialog = FormDialog(
        "T", [FormField("amount", "Amount"), FormField("note", "Note", kind="multiline")], "Send"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[dict] = []
    dialog.submitted.connect(sent.append)
    amount = dialog.inputs["amount"]
    assert isinstance(amount, QLineEdit)
    QTest.keyClicks(amount, "12")
    QTest.keyClick(amount, Qt.Key.Key_Return)
    assert sent == [{"amount": "12", "note": ""}] and dialog.isVisible()  # the view-model decides
    dialog.set_field_error("amount", "Too small")
    assert dialog.errors["amount"].isVisibleTo(dialog) and dialog.field_error("amount") == "Too small"
    QTest.keyClicks(amount, "3")  # typing clears the field's message
    assert dialog.field_error("amount") == ""
    dialog.set_busy(True)
    dialog.accept()
    assert len(sent) == 1 and not dialog.ok_button.isEnabled()  # nothing twice while busy
    dialog.set_busy(False)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_picker_adds_to_its_field_once(qtbot):
    dialog = FormDialog(
        "T",
        [
            FormField("to", "To"),
            FormField("to_picker", "Add", kind="picker", placeholder="pick", target="to"),
        ],
        "Send",
    )
    qtbot.addWidget(dialog)
    dialog.set_choices("to_picker", [("default/a", "A"), ("default/b", "B")])
    picker = dialog.inputs["to_picker"]
    for value in ("default/a", "default/b", "default/a"):
        picker.activated.emit(picker.findData(value))
    assert dialog.values() == {"to": "default/a, default/b"}


def test_a_confirmation_defaults_to_cancel(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[int] = []
    box = ask(
        parent, "Disable", "Disable Second Trader (default/trader2)?", "Disable", lambda: done.append(1)
    )
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert done == []
    box = ask(parent, "Disable", "Disable?", "Disable", lambda: done.append(1))
    box.findChild(QPushButton, "confirmYes").click()
    assert done == [1]


def test_the_light_shows_the_back_office_session(qtbot):
    session = BackOfficeSession("http://127.0.0.1:9/dxweb/rest")
    office = QtBackOffice(session)
    indicator = ConnectionIndicator("dxregister", "dxRegister")
    qtbot.addWidget(indicator)
    BackOfficeIndicator(office, indicator)
    assert indicator.state is LightState.DISCONNECTED and "Click to log in" in indicator.toolTip()
    session.login_name = "demo"
    session._set(ConnectionState.CONNECTED, "")
    session._on_ping(0.042)
    assert indicator.state is LightState.CONNECTED and indicator.latency_ms == 42
    assert "demo@default" in indicator.toolTip()
    session._on_ping_failed(RuntimeError("timed out"))
    assert indicator.state is LightState.DEGRADED
    session._on_ping(0.01)
    assert indicator.state is LightState.CONNECTED
    session._set(ConnectionState.FAILED, "dxregister: the session expired")
    assert indicator.state is LightState.FAILED and indicator.latency_ms is None
    assert "the session expired" in indicator.toolTip()


def test_the_accounts_panel_asks_for_a_back_office_login(qtbot, qapp):
    from app.trading.bridge import QtTrading
    from services.trading.core import TradingCore

    panel = AccountsPanel()
    qtbot.addWidget(panel)
    office = QtBackOffice(BackOfficeSession("http://127.0.0.1:9/dxweb/rest"))
    context = PanelContext(None, "accounts", {}, lambda: None)  # type: ignore[arg-type]  # core and office given
    AccountsViewModel(context, panel, core=QtTrading(TradingCore()), back_office=office)
    assert panel.status.text().startswith("Log in to the back office")
    assert panel.model.rowCount() == 0
