"""Decimal entry for prices and quantities.

:class:`DecimalInput` is a QLineEdit that accepts at most ``decimals`` fraction digits (``.`` or ``,`` as the
separator), steps by ``step`` with Up/Down (PageUp/PageDown: ten steps) and reports its value as ``Decimal``.
A *tolerant* input lets every numeric keystroke in (a minus sign, more decimals than allowed) and says what is
wrong with the value instead: what the user typed is never cut silently.
:class:`DecimalField` puts it above a small companion label that shows what is wrong with the value (out of
range, not a multiple of the step, or a message the caller sets, e.g. a venue's rejection); a *steady* field
is tolerant and keeps that label's line even when it is empty, so a form never changes height as the user
types.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from widgets.common.colors import AMBER
from widgets.common.numbers import localized


def fraction_digits(value: Decimal) -> int:
    """How many decimals ``value`` needs (trailing zeros do not count: "1.50" needs 1)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class DecimalInput(QLineEdit):
    valueChanged = Signal(object)  # Decimal | None (None: empty or incomplete, e.g. "-" or "1.")
    problemChanged = Signal(str)  # "" when the value is acceptable

    def __init__(
        self,
        decimals: int = 2,
        step: Decimal | str = "0.01",
        minimum: Decimal | str | None = None,
        maximum: Decimal | str | None = None,
        parent: QWidget | None = None,
        *,
        tolerant: bool = False,
    ) -> None:
        super().__init__(parent)
        self._tolerant = tolerant
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._decimals = 0
        self._step = Decimal(step)
        self._minimum = None if minimum is None else Decimal(minimum)
        self._maximum = None if maximum is None else Decimal(maximum)
        self._problem = ""
        self.setDecimals(decimals)
        self.textChanged.connect(self._on_text_changed)

    # --- configuration
    def decimals(self) -> int:
        return self._decimals

    def setDecimals(self, decimals: int) -> None:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        self._decimals = decimals
        if self._tolerant:  # any number: what does not fit is said by problem(), never cut
            sign, fraction = "-?", r"([.,]\d*)?"
        else:
            sign = "-?" if self._minimum is None or self._minimum < 0 else ""
            fraction = rf"([.,]\d{{0,{decimals}}})?" if decimals else ""
        self.setValidator(QRegularExpressionValidator(QRegularExpression(rf"^{sign}\d*{fraction}$"), self))
        self._revalidate()

    def step(self) -> Decimal:
        return self._step

    def setStep(self, step: Decimal | str) -> None:
        step = Decimal(step)
        if step <= 0:
            raise ValueError("step must be positive")
        self._step = step
        self._revalidate()

    def setRange(self, minimum: Decimal | str | None, maximum: Decimal | str | None) -> None:
        self._minimum = None if minimum is None else Decimal(minimum)
        self._maximum = None if maximum is None else Decimal(maximum)
        self.setDecimals(self._decimals)  # the sign rule depends on the minimum

    # --- value
    def value(self) -> Decimal | None:
        text = self.text().strip().replace(",", ".").removesuffix(".")
        if text in ("", "-"):
            return None
        value = self._parse(text)
        if value is None:
            return None
        written = value.as_tuple().exponent
        if isinstance(written, int) and -written > self._decimals >= fraction_digits(value):
            value = value.quantize(Decimal(1).scaleb(-self._decimals))  # "1.500" at 2 decimals is 1.50
        return value

    def setValue(self, value: Decimal | str | None) -> None:
        if value is None:
            self.setText("")
            return
        quantum = Decimal(1).scaleb(-self._decimals)
        self.setText(localized(f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):f}"))

    def problem(self) -> str:
        """Why the current value is not acceptable ("" when it is or when the field is empty)."""
        return self._problem

    def stepBy(self, steps: int) -> None:
        """Move ``steps`` steps from the current value (empty counts as 0), landing on the step grid."""
        target = (self.value() or Decimal(0)) + self._step * steps
        rounding = ROUND_FLOOR if steps > 0 else ROUND_CEILING
        target = (target / self._step).to_integral_value(rounding=rounding) * self._step
        if self._minimum is not None:
            target = max(target, self._minimum)
        if self._maximum is not None:
            target = min(target, self._maximum)
        self.setValue(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 10, Qt.Key.Key_PageDown: -10}
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self.stepBy(step)
        event.accept()

    # --- internals
    @staticmethod
    def _parse(text: str) -> Decimal | None:
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def _check(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        if self._tolerant and fraction_digits(value) > self._decimals:
            if not self._decimals:
                return self.tr("Whole numbers only")
            return self.tr("At most {decimals} decimals (step {step})").format(
                decimals=self._decimals, step=f"{self._step.normalize():f}"
            )
        if self._minimum is not None and value < self._minimum:
            return self.tr("Must be at least {minimum}").format(minimum=f"{self._minimum:f}")
        if self._maximum is not None and value > self._maximum:
            return self.tr("Must be at most {maximum}").format(maximum=f"{self._maximum:f}")
        if value % self._step:
            return self.tr("Must be a multiple of {step}").format(step=f"{self._step.normalize():f}")
        return ""

    def _revalidate(self) -> None:
        problem = self._check(self.value())
        if problem != self._problem:
            self._problem = problem
            self.setProperty("invalid", bool(problem))
            self.style().unpolish(self)
            self.style().polish(self)
            self.problemChanged.emit(problem)

    def _on_text_changed(self, _text: str) -> None:
        self._revalidate()
        self.valueChanged.emit(self.value())


class DecimalField(QWidget):
    """A :class:`DecimalInput` with a small error label under it.

    The label shows the input's own problem (range, step) or, when set, an external error (``setError``),
    which is cleared as soon as the user edits the value. ``steady``: the input is tolerant, the label keeps
    its one line (a longer message is elided, whole in the tooltip), and a keystroke the input refuses (a
    letter) is said there in amber until the next edit, without making the value wrong.
    """

    def __init__(
        self,
        decimals: int = 2,
        step: Decimal | str = "0.01",
        minimum: Decimal | str | None = None,
        maximum: Decimal | str | None = None,
        parent: QWidget | None = None,
        *,
        steady: bool = False,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self._steady = steady
        self.input = DecimalInput(decimals, step, minimum, maximum, self, tolerant=steady)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        if steady:
            self.error_label.setFixedHeight(self.error_label.fontMetrics().height())
        else:
            self.error_label.setWordWrap(True)
            self.error_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.error_label.hide()
        layout.addWidget(self.input)
        layout.addWidget(self.error_label)
        self._external_error = ""
        self._notice = ""
        self._message = ""
        self.input.problemChanged.connect(self._refresh)
        self.input.textEdited.connect(self._clear_external)
        self.input.textChanged.connect(self._clear_notice)
        if steady:
            self.input.inputRejected.connect(self._refused_key)

    def value(self) -> Decimal | None:
        return self.input.value()

    def setValue(self, value: Decimal | str | None) -> None:
        self.input.setValue(value)

    def setError(self, message: str) -> None:
        self._external_error = message
        self._refresh()

    def errorText(self) -> str:
        """What is wrong with the value ("" when nothing is, or while the field is disabled)."""
        if not self.isEnabled():
            return ""
        return self._external_error or self.input.problem()

    def notice(self) -> str:
        """The amber word about a refused keystroke ("" when none); the value itself is not wrong."""
        return self._notice

    def shownText(self) -> str:
        """The whole message under the input, as the user reads it (elided on screen when long)."""
        return self._message if self.error_label.isVisibleTo(self) else ""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._steady:
            self._show(self._message)

    def _refused_key(self) -> None:
        self._notice = self.tr("Only digits and one decimal point")
        self._refresh()

    def _clear_notice(self, _text: str) -> None:
        if self._notice:
            self._notice = ""
            self._refresh()

    def _clear_external(self, _text: str) -> None:
        if self._external_error:
            self._external_error = ""
            self._refresh()

    def _refresh(self, *_args: object) -> None:
        error = self.errorText() if self.isEnabled() else ""
        message = error or (self._notice if self.isEnabled() else "")
        self.error_label.setStyleSheet("" if error or not message else f"color: {AMBER};")
        self._show(message)

    def _show(self, message: str) -> None:
        self._message = message
        if not self._steady:
            self.error_label.setText(message)
            self.error_label.setVisible(bool(message))
            return
        width = max(self.error_label.width(), self.input.width())
        elided = self.error_label.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, width)
        self.error_label.setText(elided)
        self.error_label.setToolTip(message if elided != message else "")
