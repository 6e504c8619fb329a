"""Field checks of the Strategy manager's forms: the documented constraints, a message per field.

A :class:`FieldChecks` reads the texts of one form; each check answers the parsed value or ``None`` and
records the field's message in ``errors`` (the first problem of a field is the one told).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from widgets.common.plural import plural


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """With ``n``, the plural form (lupdate reads ``tr(..., "", n)`` as a plural message)."""
    return QCoreApplication.translate("FieldChecks", text, disambiguation, n)

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MOBILE = re.compile(r"\+?[0-9][0-9 ()-]{4,24}")
LANGUAGE = re.compile(r"[A-Za-z]{2}")  # ISO 639-1 (the field keeps at most 3 characters)


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class FieldChecks:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(self, field: str) -> str:
        return self.values.get(field, "").strip()

    def positive_int(self, field: str) -> int | None:
        text = self.text(field)
        if not text:
            self.fail(field, QCoreApplication.translate("FieldChecks", "Required."))
        elif not text.isdigit() or int(text) <= 0:
            self.fail(field, QCoreApplication.translate("FieldChecks", "A positive whole number."))
        else:
            return int(text)
        return None

    def number(self, field: str, *, required: bool, places: int | None = None) -> Decimal | None:
        text = self.text(field).replace(",", ".")
        if not text:
            if required:
                self.fail(field, QCoreApplication.translate("FieldChecks", "Required."))
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.fail(field, QCoreApplication.translate("FieldChecks", "A number, e.g. 0.25."))
            return None
        if places is not None and decimals_of(value) > places:
            text = tr("At most %n decimal(s).", "", places)
            self.fail(field, plural(text, places))
            return None
        return value

    def money(self, field: str, *, required: bool = True) -> Decimal | None:
        """More than 0, at most 2 decimals (numeric(28,2))."""
        value = self.number(field, required=required, places=2)
        if value is not None and value <= 0:
            self.fail(field, QCoreApplication.translate("FieldChecks", "Must be more than 0."))
            return None
        return value

    def share(self, field: str, *, places: int, one_allowed: bool, required: bool = False) -> Decimal | None:
        """A share from 0 to 1 (A-book, fee) or from 0 to 1 with 1 excluded (protection)."""
        value = self.number(field, required=required, places=places)
        if value is None:
            return None
        if value < 0 or value > 1 or (value == 1 and not one_allowed):
            self.fail(
                field,
                QCoreApplication.translate("FieldChecks", "From 0 to 1.")
                if one_allowed
                else QCoreApplication.translate("FieldChecks", "From 0 to 1, 1 excluded."),
            )
            return None
        return value

    def target(self, field: str) -> Decimal | None:
        value = self.number(field, required=False, places=3)
        if value is not None and value <= 0:
            self.fail(field, QCoreApplication.translate("FieldChecks", "Must be more than 0, or empty."))
            return None
        return value

    def factor(self, field: str) -> Decimal | None:
        """The copy factor: [-1000, -0.01] or [0.01, 1000], 2 decimals (the documented DB check)."""
        value = self.number(field, required=True, places=2)
        if value is not None and not Decimal("0.01") <= abs(value) <= 1000:
            self.fail(
                field, QCoreApplication.translate("FieldChecks", "From 0.01 to 1000 (or -1000 to -0.01).")
            )
            return None
        return value

    def name(self, field: str, max_len: int = 50) -> str | None:
        text = self.text(field)
        if not text:
            self.fail(field, QCoreApplication.translate("FieldChecks", "Required."))
        elif len(text) > max_len:
            self.fail(
                field,
                QCoreApplication.translate("FieldChecks", "At most {max} characters ({n} now).").format(
                    max=max_len, n=len(text)
                ),
            )
        else:
            return text
        return None

    def required(self, field: str, max_len: int | None = None) -> str | None:
        text = self.text(field)
        if not text:
            self.fail(field, QCoreApplication.translate("FieldChecks", "Required."))
            return None
        if max_len is not None and len(text) > max_len:
            self.fail(
                field,
                QCoreApplication.translate("FieldChecks", "At most {max} characters ({n} now).").format(
                    max=max_len, n=len(text)
                ),
            )
            return None
        return text

    def optional(self, field: str, pattern: re.Pattern[str], message: str) -> str | None:
        """Empty, or text of ``pattern`` (``message`` tells the shape when it is not)."""
        text = self.text(field)
        if text and not pattern.fullmatch(text):
            self.fail(field, message)
            return None
        return text or None
