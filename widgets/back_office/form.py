"""A small form dialog: labelled fields, each with its own error line under it, a message line for the
venue's answer, OK / Cancel (Enter submits, Esc closes). The dialog only shows: the view-model checks the
values (``submitted`` carries them) and sets the errors, the busy state, and closes it with ``finish()``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #f0524f;"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str  # translated
    kind: str = (
        "text"  # text | password | choice | check | multiline | picker (adds its choice to ``target``)
    )
    value: str = ""
    choices: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (value, translated text)
    placeholder: str = ""
    read_only: bool = False
    max_length: int | None = None  # characters the user may type (multiline: checked, not cut)
    target: str = ""  # picker: the text field a chosen value is added to (comma separated)


class FormDialog(QDialog):
    submitted = Signal(dict)  # name -> str (check: "1" / "")

    def __init__(
        self, title: str, fields: Sequence[FormField], ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("formDialog")
        self.setMinimumWidth(420)  # room for the messages under the fields
        self.inputs: dict[str, QWidget] = {}
        self._pickers = {spec.name for spec in fields if spec.kind == "picker"}
        self.errors: dict[str, QLabel] = {}
        self._busy = False
        root = QVBoxLayout(self)
        form = QFormLayout()
        for spec in fields:
            widget = self._input(spec)
            widget.setObjectName(f"field.{spec.name}")
            error = QLabel(self)
            error.setObjectName(f"error.{spec.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(spec.label, column)
            self.inputs[spec.name] = widget
            self.errors[spec.name] = error
        root.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        root.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        root.addWidget(self.buttons)

    def _input(self, spec: FormField) -> QWidget:
        if spec.kind == "picker":
            picker = QComboBox(self)
            picker.addItem(spec.placeholder, "")
            picker.activated.connect(lambda index, p=picker, t=spec.target: self._pick(p, index, t))
            return picker
        if spec.kind == "choice":
            combo = QComboBox(self)
            for value, text in spec.choices:
                combo.addItem(text, value)
            index = combo.findData(spec.value)
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(not spec.read_only)
            return combo
        if spec.kind == "check":
            box = QCheckBox(self)
            box.setChecked(spec.value == "1")
            return box
        if spec.kind == "multiline":
            area = QPlainTextEdit(self)
            area.setPlainText(spec.value)
            area.setTabChangesFocus(True)
            area.setMinimumHeight(90)
            area.textChanged.connect(
                lambda name=spec.name: self.set_field_error(name, "") if self.errors[name].text() else None
            )
            return area
        edit = QLineEdit(spec.value, self)
        edit.setPlaceholderText(spec.placeholder)
        edit.setReadOnly(spec.read_only)
        if spec.max_length is not None:
            edit.setMaxLength(spec.max_length)
        if spec.kind == "password":
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textEdited.connect(lambda _text, name=spec.name: self.set_field_error(name, ""))
        return edit

    def _pick(self, picker: QComboBox, index: int, target: str) -> None:
        value = str(picker.itemData(index) or "")
        field = self.inputs.get(target)
        if value and isinstance(field, QLineEdit):
            entries = [e.strip() for e in field.text().split(",") if e.strip()]
            if value not in entries:
                field.setText(", ".join([*entries, value]))
            self.set_field_error(target, "")
        picker.setCurrentIndex(0)

    def set_choices(self, name: str, choices: Sequence[tuple[str, str]]) -> None:
        """The items of a choice or picker field (a picker keeps its first, empty item)."""
        combo = self.inputs[name]
        assert isinstance(combo, QComboBox)
        keep = 1 if combo.count() and combo.itemData(0) == "" else 0
        while combo.count() > keep:
            combo.removeItem(keep)
        for value, text in choices:
            combo.addItem(text, value)

    # --- what the user typed
    def values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name, widget in self.inputs.items():
            if name in self._pickers:
                continue  # a picker's choice is in its target field already
            if isinstance(widget, QComboBox):
                values[name] = str(widget.currentData() or "")
            elif isinstance(widget, QCheckBox):
                values[name] = "1" if widget.isChecked() else ""
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
        return values

    def set_value(self, name: str, value: str) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value == "1")

    # --- what the view-model says
    def set_field_error(self, name: str, text: str) -> None:
        label = self.errors[name]
        if label.text() == text:
            return
        label.setText(text)
        label.setVisible(bool(text))
        if text:
            self.inputs[name].setFocus()
        self.adjustSize()  # the message gets its lines, or gives them back

    def field_error(self, name: str) -> str:
        return self.errors[name].text()

    def clear_errors(self) -> None:
        for name in self.errors:
            self.set_field_error(name, "")
        self.show_message("")

    def show_message(self, text: str, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setVisible(bool(text))

    def message_text(self) -> str:
        return self.message.text()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        for widget in self.inputs.values():
            widget.setEnabled(not busy)

    def is_busy(self) -> bool:
        return self._busy

    def finish(self) -> None:
        """Close as accepted (the view-model's call once the venue said yes)."""
        super().accept()

    def accept(self) -> None:
        """OK / Enter: hand the values to the view-model; the dialog stays until it calls ``finish``."""
        if self._busy:
            return
        self.clear_errors()
        self.submitted.emit(self.values())


def ask(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], object]) -> QMessageBox:
    """A window-modal question (not a nested event loop): ``on_yes`` runs if the user confirms. Esc and
    the default button are "Cancel": a destructive action needs the explicit yes."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmBox")
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("confirmYes")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_yes() if button is yes else None)
    box.open()
    return box
