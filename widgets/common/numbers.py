"""Numbers in the user's locale: shown with its separators, read with its separator or ``.``.

Formatters write numbers the Python way (``f"{value:,.2f}"`` -> ``-1,234.50``); :func:`localized` turns that
into the locale's way (``-1 234,50`` in Russian) without touching a digit, so a price never changes precision.
The locale is ``QLocale()``, which ``app/i18n.py`` sets with the language.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale

_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def localized(text: str, locale: QLocale | None = None) -> str:
    """``text`` with each number's ``,`` grouping and ``.`` decimal point in ``locale``'s separators."""
    locale = locale or QLocale()
    point, group = locale.decimalPoint(), locale.groupSeparator()
    if point == "." and group == ",":
        return text

    def convert(match: re.Match[str]) -> str:
        whole, _, fraction = match.group(0).partition(".")
        whole = whole.replace(",", group)
        return f"{whole}{point}{fraction}" if fraction else whole

    return _NUMBER.sub(convert, text)


def parse_decimal(text: str, locale: QLocale | None = None) -> Decimal | None:
    """A number the user typed: the locale's decimal separator or ``.``; spaces and the locale's grouping
    are ignored. None when it is not a finite number."""
    locale = locale or QLocale()
    point, group = locale.decimalPoint(), locale.groupSeparator()
    cleaned = _SPACES.sub("", text.strip())
    if group not in (".", point) and group.strip():
        cleaned = cleaned.replace(group, "")
    if point != ".":
        cleaned = cleaned.replace(point, ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
