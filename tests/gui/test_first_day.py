"""Issue 12, point 7: the small things a trader notices on a first day, on real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from widgets.common.toast import ToastHost, ToastLevel
from widgets.main_window import DockPlacement

Area = Qt.DockWidgetArea


def test_the_view_menu_ticks_only_the_panels_that_are_open(make_shell):
    window = make_shell().window
    ticked = {pid: window.panel_action(pid).isChecked() for pid in ("journal", "alpha", "beta", "gamma")}
    assert ticked == dict.fromkeys(ticked, True)
    assert not window.panel_action("delta").isChecked()  # hidden by default: never shown, never ticked
    window.add_layout_preset("focus", "Focus", {"alpha": DockPlacement(Area.LeftDockWidgetArea)})
    window.apply_layout_preset("focus")
    assert [
        pid for pid in ("journal", "alpha", "beta", "gamma", "delta") if window.panel_action(pid).isChecked()
    ] == ["alpha"]
    window.undo_layout_change()
    assert window.panel_action("beta").isChecked() and not window.panel_action("delta").isChecked()


@pytest.fixture
def display_name(qapp):
    before = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("Tessera")
    yield "Tessera"
    QGuiApplication.setApplicationDisplayName(before)


def test_the_window_title_names_the_profile_and_leaves_the_app_name_to_qt(make_shell, display_name):
    """Qt appends " — Tessera" (the application display name) on Windows and X11: not in the title."""
    window = make_shell("alice").window
    assert "alice" in window.windowTitle()
    assert display_name not in window.windowTitle()


def test_the_same_message_twice_is_one_toast(qtbot):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    host = ToastHost(window)
    first = host.show_message("GAZP cannot be starred.", ToastLevel.WARNING)
    again = host.show_message("GAZP cannot be starred.", ToastLevel.WARNING)
    assert again is first and host.toasts() == [first]
    host.show_message("Something else.", ToastLevel.WARNING)
    assert len(host.toasts()) == 2


def test_opening_the_order_history_never_widens_the_window(qtbot):
    from PySide6.QtWidgets import QLabel

    from widgets.main_window import MainWindow
    from widgets.panels.orders import OrdersPanel

    window = MainWindow()
    qtbot.addWidget(window)
    orders = OrdersPanel()
    for side, area in (("left", Area.LeftDockWidgetArea), ("right", Area.RightDockWidgetArea)):
        panel = QLabel(side)
        panel.setMinimumWidth(250)  # the market watch and the order book beside the blotter
        window.add_panel(side, side, panel, DockPlacement(area))
    window.add_panel("orders", "Orders", orders, DockPlacement(Area.BottomDockWidgetArea))
    window.resize(1000, 700)
    window.reset_layout(undoable=False)
    window.show()
    qtbot.waitExposed(window)
    width = window.width()
    orders.set_history_venues([("coinweight", "coin-weight"), ("chp", "CHP")])
    orders.tabs.setCurrentIndex(1)
    orders.set_history_error("The venue refused the request: " + "a long reason from the venue " * 12)
    orders.show_message("error", "The venue took the cancel of the order; " * 10)
    qtbot.wait(50)
    assert window.width() == width
    assert orders.minimumSizeHint().width() <= 400
    assert orders.history_message.isVisible() and orders.load_button.isVisible()


def test_counted_messages_are_marked_for_plural_forms():
    """A message that counts things ("1 orders") is ``tr("%n order(s)", "", n)``: Russian gets its three forms
    from the translation, English gets "order"/"orders" from ``plural``."""
    import re
    from pathlib import Path

    from widgets.common.plural import plural

    root = Path(__file__).resolve().parents[2]
    counted = re.compile(r"""(?:tr|translate)\([^)]*?"[^"]*\{(?:count|n)\} [a-z]+s\b""", re.S)
    offenders = [
        f"{path.relative_to(root)}: {match.group(0)[-60:]}"
        for folder in ("app", "widgets")
        for path in sorted((root / folder).rglob("*.py"))
        for match in counted.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert plural("The venue took the cancel of 1 order(s)", 1) == "The venue took the cancel of 1 order"
    assert plural("2 order(s) known to be active", 2) == "2 orders known to be active"
    assert plural("Отменено 2 заявки", 2) == "Отменено 2 заявки"  # a translation is left as it is


def test_the_status_bar_equity_counts_rub_positions_one_total_per_currency(qtbot):
    """coin-weight in USDT, the broker in RUB: two totals, never one sum of both (nor the RUB left out)."""
    from decimal import Decimal
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal

    from app.viewmodels.account_summary import AccountSummaryViewModel
    from services.domain import AccountSummary
    from widgets.common.account_summary import AccountSummaryWidget

    class Core(QObject):  # what the view-model reads of QtTrading
        summaryChanged = Signal(str)
        sessionStateChanged = Signal(str, object, str)

    summaries = {
        "coinweight": AccountSummary(
            "coinweight", "USDT", Decimal("1000"), Decimal("900"), Decimal("100"), Decimal("0.01")
        ),
        "chp": AccountSummary("chp", "RUB", Decimal("250000.5"), Decimal("200000"), Decimal("0")),
    }
    core = Core()
    core.accounts = SimpleNamespace(summary=summaries.get)
    core.sessions = {v: SimpleNamespace(venue=v, connected=True) for v in ("coinweight", "chp")}
    widget = AccountSummaryWidget()
    qtbot.addWidget(widget)
    AccountSummaryViewModel(widget, core, ["coinweight", "chp"])
    assert widget.estimated_label.text() == "1,000.00 USDT \u00b7 250,000.50 RUB"
    assert widget.available_label.text() == "900.00 USDT \u00b7 200,000.00 RUB"
    assert widget.change_label.text() == "+1.00%"
    core.sessions["chp"].connected = False
    core.sessionStateChanged.emit("chp", None, "")
    assert widget.estimated_label.text() == "1,000.00 USDT" and widget.available_label.text() == "900.00"


def test_a_first_time_user_sees_what_to_do_first_until_closing_the_hint(qtbot, make_shell):
    shell = make_shell("newbie")
    hint = shell.window.hint_bar
    assert hint is not None and hint.isVisible() and "Venue menu" in hint.text()
    qtbot.mouseClick(hint.close_button, Qt.MouseButton.LeftButton)
    assert shell.window.hint_bar is None
    assert shell.save_now()
    shell.window.close()
    again = make_shell("newbie")  # the same profile: closed for good
    assert again.window.hint_bar is None
    other = make_shell("someone-else")  # another profile has its own first day
    assert other.window.hint_bar is not None


def test_the_simple_layout_fills_the_window(qtbot, make_shell):
    """Twelve quote tiles alone filled two rows of a wide window and left the rest of it empty."""
    from PySide6.QtCore import QRect

    from app.layout_presets import SIMPLE
    from app.panels import builtin_panels
    from widgets.panels.quote_tile import QuotesPanel

    shell = make_shell("simple", builtin_panels())
    window = shell.window
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    window.action(f"layout.{SIMPLE}").trigger()
    assert window.current_layout() == SIMPLE
    quotes = window.dock("quotes").widget()
    assert isinstance(quotes, QuotesPanel)
    viewport = quotes.grid.parentWidget().parentWidget()  # the tiles' scroll area viewport

    def filled() -> bool:
        shown = [dock for dock in window.docks() if dock.isVisible()]
        covered = sum(dock.width() * dock.height() for dock in shown)
        docks_area = window.width() * (window.statusBar().y() - window.dock("quotes").y())
        used = QRect()
        for tile in quotes.tiles:
            used = used.united(tile.geometry())
        return covered >= 0.8 * docks_area and used.height() >= 0.75 * viewport.height()

    qtbot.waitUntil(filled)  # the docks settle: no part of the window, and no half of a panel, left empty
