"""Numbers in the language's locale: Russian shows "1 234,50" where English shows "1,234.50", never with other
digits (a price keeps its precision), and what the user types is read with either separator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from app.i18n import DEFAULT_LANGUAGE, install_translator, switch_language
from widgets.common.account_summary import AccountSummaryWidget
from widgets.common.decimal_input import DecimalInput
from widgets.common.numbers import localized, parse_decimal
from widgets.panels.market_watch import change_text, price_text
from widgets.panels.order_book_ladder import decimal_text

NBSP = "\u00a0"


@pytest.fixture
def russian(qapp):
    assert install_translator(qapp, "ru") == "ru"
    yield
    install_translator(qapp, DEFAULT_LANGUAGE)


def test_prices_and_amounts_show_in_the_russian_locale_with_every_digit(russian):
    assert price_text(Decimal("43000.50")) == f"43{NBSP}000,50"
    assert price_text(Decimal("0.00012340")) == "0,00012340"  # precision kept, trailing zeros too
    assert decimal_text(Decimal("64123.4"), 2) == "64123,40"
    assert change_text(Decimal("-1.5")) == "-1,50%"
    assert localized("BTC-USDT 1,000.5 @ 2") == f"BTC-USDT 1{NBSP}000,5 @ 2"


def test_english_numbers_are_unchanged(qapp):
    install_translator(qapp, DEFAULT_LANGUAGE)
    assert price_text(Decimal("43000.50")) == "43,000.50"
    assert localized("+0.90%") == "+0.90%"


def test_typed_numbers_are_read_with_the_locale_separator_or_a_point(russian, qtbot):
    assert parse_decimal(f"10{NBSP}000,50") == Decimal("10000.50")
    assert parse_decimal("10000.50") == Decimal("10000.50")
    assert parse_decimal("12 abc") is None and parse_decimal("inf") is None
    assert parse_decimal("1,234.5", QLocale("en")) == Decimal("1234.5")
    field = DecimalInput(decimals=2, step="0.01")
    qtbot.addWidget(field)
    field.setValue(Decimal("123.5"))
    assert field.text() == "123,50" and field.value() == Decimal("123.50")
    field.clear()
    qtbot.keyClicks(field, "0,25")
    assert field.value() == Decimal("0.25")
    field.clear()
    qtbot.keyClicks(field, "0.75")
    assert field.value() == Decimal("0.75")


def test_shown_amounts_follow_a_live_switch(qapp, qtbot):
    summary = AccountSummaryWidget()
    qtbot.addWidget(summary)
    summary.setSummary("USDT", Decimal("1571759.5"), Decimal("1500000"), Decimal("71759.5"), Decimal("0.018"))
    assert summary.estimated_label.text() == "1,571,759.50 USDT"
    try:
        switch_language(qapp, "ru")
        qtbot.waitUntil(lambda: summary.estimated_label.text() == f"1{NBSP}571{NBSP}759,50 USDT")
        assert summary.change_label.text() == "+1,80%"
    finally:
        install_translator(qapp, DEFAULT_LANGUAGE)
