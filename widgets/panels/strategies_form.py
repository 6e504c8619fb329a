"""The strategy form: labelled fields (unit, range, precision, tooltip, hint) built from plain descriptors.

The form knows nothing of strategy types: the caller describes each field with a :class:`FormField` (its
``path`` is an opaque key handed back in :meth:`StrategyForm.values`), grouped in :class:`FormSection`\\ s.
A field's problem (empty, out of range, too many decimals, or an error the caller set) is shown under it;
Save stays disabled while any field has one, and :meth:`StrategyForm.request_save` refuses too.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from widgets.common.decimal_input import DecimalInput

MAX_COLUMNS = 3  # fields side by side in a section (a bottom dock is wide, not tall)
COLUMN_WIDTH = 320  # px a column of label, input and unit needs

FieldValue = Decimal | int | str


class FieldKind(Enum):
    NUMBER = "number"  # Decimal, ``decimals`` places at most
    INTEGER = "integer"
    CHOICE = "choice"  # one of ``choices``
    TEXT = "text"  # non-empty text


@dataclass(frozen=True)
class FormField:
    path: Hashable  # the caller's key of the field
    label: str  # translated
    kind: FieldKind
    value: str = ""  # initial text (a choice: its value)
    unit: str = ""  # shown right of the input
    decimals: int = 8
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, translated label)
    tooltip: str = ""
    hint: str = ""  # a short muted note under the input


@dataclass(frozen=True)
class FormSection:
    title: str
    fields: tuple[FormField, ...]


class _FieldRow:
    """One field's editor, its problem label and its hint label."""

    def __init__(self, spec: FormField, parent: QWidget) -> None:
        self.spec = spec
        self.external_error = ""
        self.box = QWidget(parent)
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.editor = self._make_editor(spec, self.box)
        self.editor.setObjectName(f"field.{_name_of(spec.path)}")
        self.editor.setToolTip(spec.tooltip)
        layout.addWidget(self.editor)
        self.error_label = QLabel(self.box)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.hint_label = QLabel(spec.hint, self.box)
        self.hint_label.setObjectName("mutedLabel")
        self.hint_label.setVisible(bool(spec.hint))
        layout.addWidget(self.hint_label)
        self.label = QLabel(spec.label, parent)
        self.label.setToolTip(spec.tooltip)
        self.label.setBuddy(self.editor)
        self.unit_label = QLabel(spec.unit, parent)
        self.unit_label.setObjectName("mutedLabel")
        self.unit_label.setMinimumWidth(self.unit_label.fontMetrics().horizontalAdvance("USDT "))
        for side_label in (self.label, self.unit_label):  # level with the editor, whatever is under it
            side_label.setFixedHeight(self.editor.sizeHint().height())
            side_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    @staticmethod
    def _make_editor(spec: FormField, parent: QWidget) -> QWidget:
        if spec.kind is FieldKind.CHOICE:
            combo = QComboBox(parent)
            for value, label in spec.choices:
                combo.addItem(label, value)
            if spec.value and combo.findData(spec.value) < 0:
                combo.addItem(spec.value, spec.value)  # a value the venue sent that we do not list
            combo.setCurrentIndex(max(0, combo.findData(spec.value)))
            return combo
        if spec.kind is FieldKind.TEXT:
            edit = QLineEdit(spec.value, parent)
            return edit
        decimals = 0 if spec.kind is FieldKind.INTEGER else spec.decimals
        number = DecimalInput(decimals, Decimal(1).scaleb(-decimals), spec.minimum, spec.maximum, parent)
        number.setText(spec.value)  # as sent: a value with too many places is shown, and flagged
        return number

    def value(self) -> FieldValue | None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, DecimalInput):
            number = editor.value()
            if number is None:
                return None
            return int(number) if self.spec.kind is FieldKind.INTEGER else number
        assert isinstance(editor, QLineEdit)
        return editor.text().strip() or None

    def problem(self) -> str:
        if self.external_error:
            return self.external_error
        if isinstance(self.editor, DecimalInput):
            if self.editor.text().strip() and self.editor.value() is None:
                return QCoreApplication.translate("StrategyForm", "Not a number")
            if own := self.editor.problem():
                return own
        if self.value() is None:
            return QCoreApplication.translate("StrategyForm", "Enter a value")
        return ""

    def refresh(self) -> str:
        problem = self.problem()
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        self.hint_label.setVisible(bool(self.spec.hint) and not problem)
        if isinstance(self.editor, QLineEdit) and not isinstance(self.editor, DecimalInput):
            self.editor.setProperty("invalid", bool(problem))
            self.editor.style().unpolish(self.editor)
            self.editor.style().polish(self.editor)
        return problem

    def connect(self, on_change) -> None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            editor.activated.connect(lambda _index: self._clear_external(on_change))
            editor.currentIndexChanged.connect(on_change)
        else:
            assert isinstance(editor, QLineEdit)
            editor.textEdited.connect(lambda _text: self._clear_external(on_change))
            editor.textChanged.connect(on_change)

    def _clear_external(self, on_change) -> None:
        if self.external_error:
            self.external_error = ""
            on_change()


def _name_of(path: Hashable) -> str:
    parts = path if isinstance(path, tuple) else (path,)
    return ".".join(str(part) for part in parts)


class StrategyForm(QWidget):
    """A heading, the sections of fields, and Revert / Save."""

    saveRequested = Signal(object)  # {path: Decimal | int | str}, only when every field is valid
    revertRequested = Signal()
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strategyForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        self.heading = QLabel(self)
        self.heading.setObjectName("strategyHeading")
        self.heading.setStyleSheet("font-weight: 600;")
        self.subheading = QLabel(self)
        self.subheading.setObjectName("mutedLabel")
        self.subheading.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll_area, 1)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.summary = QLabel(self)
        self.summary.setObjectName("fieldError")
        bar.addWidget(self.summary, 1)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.setToolTip(self.tr("Discard your changes"))
        self.revert_button.clicked.connect(self.revertRequested)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("strategySave")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save the strategy at the venue"))
        self.save_button.clicked.connect(self.request_save)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self._rows: dict[Hashable, _FieldRow] = {}
        self._sections: list[tuple[QLabel, list[_FieldRow]]] = []
        self._columns = 0
        self._initial: dict[Hashable, FieldValue | None] = {}
        self._is_new = False
        self._busy = False
        self._editable = False
        self._valid = False
        self.clear(self.tr("Select a strategy, or create one from a template."))

    # --- content

    def clear(self, message: str) -> None:
        self.heading.setText("")
        self.subheading.setText(message)
        self._rows = {}
        self._sections = []
        self._initial = {}
        self._is_new = False
        self._editable = False
        self.scroll_area.setWidget(QWidget())
        self._update()

    def set_form(
        self, heading: str, subheading: str, sections: Sequence[FormSection], *, is_new: bool = False
    ) -> None:
        """Show ``sections`` (replacing any form shown); ``is_new``: Save creates it (enabled when valid)."""
        self.heading.setText(heading)
        self.subheading.setText(subheading)
        holder = QWidget()  # parent of the new widgets until _place_fields lays them out in a body
        self._rows = {}
        self._sections = []
        for section in sections:
            title = QLabel(section.title, holder)
            title.setObjectName("formSection")
            title.setStyleSheet("font-weight: 600; padding-top: 4px;")
            rows = [_FieldRow(spec, holder) for spec in section.fields]
            for field_row in rows:
                self._rows[field_row.spec.path] = field_row
                field_row.connect(self._update)
            self._sections.append((title, rows))
        self._columns = 0
        self._place_fields()
        self._is_new = is_new
        self._editable = True
        self._initial = {path: field_row.value() for path, field_row in self._rows.items()}
        self._update()

    def _place_fields(self) -> None:
        """Lay the fields out in as many columns as the width allows (1 to ``MAX_COLUMNS``)."""
        columns = max(1, min(MAX_COLUMNS, self.scroll_area.viewport().width() // COLUMN_WIDTH))
        if columns == self._columns or not self._sections:
            return
        self._columns = columns
        body = QWidget()  # a fresh body: adding the widgets to its grid moves them out of the old one
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        top = Qt.AlignmentFlag.AlignTop
        row = 0
        for title, rows in self._sections:
            grid.addWidget(title, row, 0, 1, 3 * columns)
            row += 1
            for index, field_row in enumerate(rows):
                line, column = row + index // columns, (index % columns) * 3
                grid.addWidget(field_row.label, line, column, top)
                grid.addWidget(field_row.box, line, column + 1, top)
                grid.addWidget(field_row.unit_label, line, column + 2, top)
            row += (len(rows) + columns - 1) // columns
        for column in range(columns):
            grid.setColumnStretch(column * 3 + 1, 1)
        grid.setRowStretch(row, 1)
        scroll_position = self.scroll_area.verticalScrollBar().value()
        self.scroll_area.setWidget(body)
        self.scroll_area.verticalScrollBar().setValue(scroll_position)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_fields()

    def set_busy(self, busy: bool) -> None:
        """While a save is in flight: no second save."""
        self._busy = busy
        self._update()

    def set_field_error(self, path: Hashable, message: str) -> bool:
        """Show ``message`` under the field (until the user edits it); False if there is no such field."""
        field_row = self._rows.get(path)
        if field_row is None:
            return False
        field_row.external_error = message
        self._update()
        return True

    # --- reading

    def values(self) -> dict[Hashable, FieldValue | None]:
        return {path: field_row.value() for path, field_row in self._rows.items()}

    def problems(self) -> dict[Hashable, str]:
        return {path: problem for path, field_row in self._rows.items() if (problem := field_row.problem())}

    def error_text(self, path: Hashable) -> str:
        field_row = self._rows[path]
        return field_row.error_label.text() if field_row.error_label.isVisibleTo(self) else ""

    def editor(self, path: Hashable) -> QWidget:
        return self._rows[path].editor

    def fields(self) -> list[FormField]:
        return [field_row.spec for field_row in self._rows.values()]

    def unit_text(self, path: Hashable) -> str:
        return self._rows[path].unit_label.text()

    def hint_text(self, path: Hashable) -> str:
        """The hint under the field, "" while a problem is shown there instead."""
        hint = self._rows[path].hint_label
        return hint.text() if hint.isVisibleTo(self) else ""

    def is_valid(self) -> bool:
        return self._valid

    def is_dirty(self) -> bool:
        return self._is_new or self.values() != self._initial

    def request_save(self) -> bool:
        """Emit ``saveRequested`` if the form can be saved; False (nothing emitted) otherwise."""
        self._update()
        if not self.save_button.isEnabled():
            return False
        self.saveRequested.emit(self.values())
        return True

    # --- state

    def _update(self, *_args: object) -> None:
        problems = [field_row.refresh() for field_row in self._rows.values()]
        count = sum(1 for problem in problems if problem)
        valid = self._editable and count == 0
        self.summary.setText(self.tr("%n field(s) to correct", "", count) if count else "")
        dirty = self._editable and self.is_dirty()
        self.save_button.setEnabled(valid and dirty and not self._busy)
        self.revert_button.setEnabled(self._editable and dirty and not self._busy)
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
