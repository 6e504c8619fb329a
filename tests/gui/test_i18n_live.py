"""Window → Language switches the real main window between English and Russian without a restart: menus, dock
titles, column headers and the ticket re-read their texts, typed input stays, and the choice is saved in the
profile."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTabBar, QWidget

from app.i18n import DEFAULT_LANGUAGE, TextTable, catalogue, current_language, install_translator
from app.panels import builtin_panels
from app.profiles import ProfileStore
from widgets.panels import orders_table
from widgets.panels.order_ticket import TicketSpec

SPEC = TicketSpec("BTC-USDT", "BTC", "USDT", Decimal("0.01"), Decimal("0.0001"), Decimal("0.0001"))


@pytest.fixture(autouse=True)
def _english_afterwards(qapp):
    yield
    install_translator(qapp, DEFAULT_LANGUAGE)


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def first_header(panel) -> str:
    model = panel.active_table.model()
    return str(model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))


def english_left(window) -> list[tuple[str, str]]:
    """The texts the window shows that are English catalogue messages with a different Russian text."""
    english = TextTable.of("en")
    return [
        (where, text)
        for where, text in shown_texts(window)
        if text in english.exact and any(text not in m.translation for m in english.exact[text])
    ]


def test_language_switches_live_and_back(make_shell, qtbot, profile_root):
    shell = make_shell("trader", builtin_panels())
    window = shell.window
    orders = window.dock("orders").widget()
    ticket = window.dock("order_ticket").widget()
    ticket.set_spec(SPEC, broker=False)
    ticket.price.input.setText("123.5")  # typed input survives a switch: nothing is rebuilt
    assert "&Venue" in menu_titles(window)
    assert window.dock("orders").windowTitle() == "Orders"
    assert first_header(orders) == "Time"
    assert ticket.side_buttons["buy"].text() == "Buy" and ticket.submit_button.text() == "Buy BTC-USDT"

    window.action("language.ru").trigger()

    qtbot.waitUntil(lambda: ticket.submit_button.text() == "Купить BTC-USDT")  # on LanguageChange
    assert current_language() == "ru" and window.action("language.ru").isChecked()
    assert "&Площадка" in menu_titles(window) and "&Venue" not in menu_titles(window)
    assert window.dock("orders").windowTitle() == "Заявки"
    assert window.panel_action("orders").text() == "Заявки"  # View menu
    assert first_header(orders) == "Время"
    assert ticket.side_buttons["buy"].text() == "Купить"
    assert ticket.side_buttons["buy"].toolTip() == "Купить (F2)"
    assert ticket.type_combo.itemText(0) == "Лимитная"
    assert ticket.price.input.text() == "123.5"
    assert not english_left(window)
    shell.save_now()
    assert ProfileStore(profile_root, "trader").load().profile.language == "ru"

    window.action("language.en").trigger()

    qtbot.waitUntil(lambda: ticket.submit_button.text() == "Buy BTC-USDT")
    assert "&Venue" in menu_titles(window) and window.dock("orders").windowTitle() == "Orders"
    assert first_header(orders) == "Time"
    assert ticket.side_buttons["buy"].text() == "Buy"
    assert ticket.type_combo.itemText(0) == "Limit"
    shell.save_now()
    assert ProfileStore(profile_root, "trader").load().profile.language == "en"


def shown_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every text of the window's widgets, tabs, combo items and menu actions."""
    texts: list[tuple[str, str]] = []
    for widget in [window, *window.findChildren(QWidget)]:
        name = type(widget).__name__
        for getter in ("text", "title", "windowTitle", "toolTip", "placeholderText"):
            method = getattr(widget, getter, None)
            try:
                value = method() if callable(method) else None
            except TypeError:  # a text(index) of its own
                value = None
            if isinstance(value, str):
                texts.append((f"{name}.{getter}", value))
        if isinstance(widget, QComboBox):
            texts += [(f"{name} item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            texts += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
        texts += [(f"{name} action", action.text()) for action in widget.actions()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
            texts += [
                (f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(columns)
            ]
    return texts


def test_a_message_lupdate_filed_under_no_context_is_found_from_its_own(qapp):
    """Module-level tr() helpers translate in their own context; lupdate files their texts under none."""
    install_translator(qapp, "ru")
    assert orders_table.tr("Avg price") == "Ср. цена"
    assert QCoreApplication.translate("Panels", "Order book") == "Стакан"
    assert any(m.context == "" and m.source == "Avg price" for m in catalogue())
    assert QCoreApplication.translate("Nowhere", "Not a message") == "Not a message"  # not emptied


def test_filled_in_texts_and_plurals_are_carried_over(qapp):
    english = TextTable.of("en")
    install_translator(qapp, "ru")
    assert english.translate("Page 2 of 5 \u00b7 100 records") == "Страница 2 из 5 \u00b7 записей: 100"
    assert english.translate("3 field(s) to correct") == "3 поля нужно исправить"
    assert english.translate("Not connected to coin-weight: log in to see the chart") == (
        "Нет подключения к coin-weight: войдите, чтобы увидеть график"
    )
    assert english.translate("BTC-USDT") is None and english.translate("42") is None
    russian = TextTable.of("ru")
    install_translator(qapp, "en")
    assert russian.translate("5 полей нужно исправить") == "5 field(s) to correct"
    assert russian.translate("Заявка 12345") == "Order 12345"
    assert TextTable.of("en").translate("Order rejected by the risk desk") is None  # not "Order {id}"
