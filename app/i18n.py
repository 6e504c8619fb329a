"""Translations: Tessera's own (``resources/translations/tessera_<lang>.qm``) and Qt's standard dialogs.

The language can change while Tessera runs (:func:`switch_language`). Widgets read their texts when they are
built, so a switch installs the new translators and then re-reads the texts of every open window in place:
each text a widget shows (titles, labels, buttons, menus, tabs, combo items, tooltips, placeholders, table
items) that is a catalogue message in the old language, or one filled in (``{name}``, ``%n``), is replaced by
the same message in the new one. Texts a widget derives from its state (a button saying "Buy BTC-USDT") are
re-derived by the widget itself on ``QEvent.LanguageChange``; texts held outside Qt (the column titles of a
:class:`widgets.common.record_table.RecordTableModel`) by a ``retranslate(translate)`` method
(:class:`Retranslatable`). Nothing is rebuilt: panels, view-models, sessions and typed input stay as they are.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from typing import Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractProxyModel,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QToolBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

import resources
from widgets.common.elided_label import ElidedLabel

log = logging.getLogger("tessera.i18n")

LANGUAGES = ("en", "ru")  # English is the source language: it needs no translator
DEFAULT_LANGUAGE = "en"

DIRECT_CHILDREN = Qt.FindChildOption.FindDirectChildrenOnly
T = TypeVar("T")

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


class Catalogue(QTranslator):
    """One language's ``.qm``. lupdate files a ``tr()`` it cannot place in a class (a module's ``tr`` helper,
    a nested function) under the empty context, while at run time the call names its own: such a message is
    looked up under the empty context when its own has none."""

    def translate(  # None (a null QString) is how a translator says "not mine"
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        text = super().translate(context, source, disambiguation, n)
        if not text and context:
            text = super().translate("", source, disambiguation, n)
        return text or None  # an empty str would be taken as the translation


def current_language() -> str:
    return _current


def install_translator(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` (replacing earlier ones); returns the language in effect.

    Qt sends every widget a ``LanguageChange`` event; :func:`switch_language` also re-reads open windows.
    """
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    if language not in LANGUAGES:
        log.warning("unknown language %r; using English", language)
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(language))
    _current = language
    if language == DEFAULT_LANGUAGE:
        return language
    own = Catalogue(app)
    if not own.load(str(resources.path("translations", f"tessera_{language}.qm"))):
        log.warning("the %s translation is missing; using English", language)
        QLocale.setDefault(QLocale(DEFAULT_LANGUAGE))
        _current = DEFAULT_LANGUAGE
        return DEFAULT_LANGUAGE
    app.installTranslator(own)
    _installed.append(own)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def switch_language(app: QApplication, language: str) -> str:
    """Change the language now: install its translators and re-read the texts of every open window."""
    old = _current
    table = TextTable.of(old)
    language = install_translator(app, language)
    if language != old:
        Retranslator(table).run(app)
    return language


# --- the catalogue's messages


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    translation: tuple[str, ...]  # one text, or one per plural form; empty when not translated

    def texts(self, language: str) -> tuple[str, ...]:
        """What the message reads in ``language`` (with ``%n`` where a number goes)."""
        if language == DEFAULT_LANGUAGE or not any(self.translation):
            return (self.source,)
        return self.translation

    def translated(self, n: int = -1) -> str:
        """The message in the installed language."""
        return QCoreApplication.translate(self.context, self.source, self.comment, n)


_NOT_FINISHED = ("unfinished", "obsolete", "vanished")


def read_ts(path: str) -> list[Message]:
    """The messages of a Qt Linguist ``.ts`` file."""
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms: tuple[str, ...] = ()
            if translation is not None and translation.get("type") not in _NOT_FINISHED:
                numerus_forms = translation.findall("numerusform")
                forms = (
                    tuple(form.text or "" for form in numerus_forms)
                    if numerus_forms
                    else (translation.text or "",)
                )
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment"),
                    message.get("numerus") == "yes",
                    forms,
                )
            )
    return messages


@cache
def catalogue(language: str = "ru") -> tuple[Message, ...]:
    """The messages of the shipped ``tessera_<language>.ts`` (English texts are its sources)."""
    path = resources.path("translations", f"tessera_{language}.ts")
    try:
        return tuple(read_ts(str(path)))
    except (OSError, ET.ParseError) as exc:
        log.warning("the %s catalogue cannot be read: %s", language, exc)
        return ()


# --- texts shown in one language -> the same messages in another

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
_MIN_LETTERS = 3  # a template needs this many letters of its own, or it would match unrelated texts
_SHORT = 12  # a template with fewer characters of its own fills each placeholder with one word only


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    message: Message
    slots: tuple[str, ...]  # the placeholders in the order they appear: "{name}" -> "name", "%1", "%n"
    literal: str  # its longest literal run: a cheap first test
    weight: int  # literal characters: the more, the better the match


class TextTable:
    """Every catalogue message as it reads in one language: exact texts and templates with placeholders."""

    def __init__(self, messages: tuple[Message, ...], language: str) -> None:
        self.exact: dict[str, list[Message]] = {}
        templates: list[_Template] = []
        for message in messages:
            for text in message.texts(language):
                if not text:
                    continue
                if not _PLACEHOLDER.search(text):
                    self.exact.setdefault(text, []).append(message)
                    continue
                template = _template(text, message)
                if template is not None:
                    templates.append(template)
        self.templates = sorted(templates, key=lambda t: -t.weight)

    @classmethod
    def of(cls, language: str) -> TextTable:
        """The table of ``language`` (English reads the sources of any catalogue)."""
        translated = language if language != DEFAULT_LANGUAGE else LANGUAGES[1]
        return cls(catalogue(translated), language)

    def translate(self, text: str, contexts: tuple[str, ...] = ()) -> str | None:
        """``text`` (shown in this table's language) in the installed language, or None if not a message."""
        if not text or text.isspace():
            return None
        candidates = self.exact.get(text)
        if candidates:
            return _pick(candidates, contexts).translated()
        for template in self.templates:
            if template.literal not in text:
                continue
            match = template.pattern.fullmatch(text)
            if match is not None:
                return self._fill(template, match.groups(), contexts)
        return None

    def _fill(self, template: _Template, values: tuple[str, ...], contexts: tuple[str, ...]) -> str:
        by_slot: dict[str, str] = {}
        n = -1
        for slot, value in zip(template.slots, values, strict=True):
            if slot == "%n":
                n = int(value)
                continue
            exact = self.exact.get(value)
            by_slot.setdefault(slot, _pick(exact, contexts).translated() if exact else value)
        text = template.message.translated(n)
        return _PLACEHOLDER.sub(lambda m: by_slot.get(_slot(m.group(0)), m.group(0)), text)


def _slot(placeholder: str) -> str:
    if placeholder.startswith("{"):
        return re.split(r"[:!]", placeholder[1:-1], maxsplit=1)[0]
    return placeholder


def _template(text: str, message: Message) -> _Template | None:
    parts = _PLACEHOLDER.split(text)
    if sum(ch.isalpha() for part in parts for ch in part) < _MIN_LETTERS:
        return None
    slots = tuple(_slot(p) for p in _PLACEHOLDER.findall(text))
    words = r"(\S+?)" if sum(map(len, parts)) < _SHORT else r"(.+?)"  # "Order {id}": not "Order sent by…"
    groups = [r"(\d+)" if slot == "%n" else words for slot in slots]
    pattern = re.escape(parts[0]) + "".join(g + re.escape(p) for g, p in zip(groups, parts[1:], strict=True))
    literal = max(parts, key=len)
    return _Template(re.compile(pattern, re.DOTALL), message, slots, literal, sum(map(len, parts)))


def _pick(candidates: list[Message], contexts: tuple[str, ...]) -> Message:
    """The message of the nearest class that could have said it (a text can be in several contexts)."""
    if len(candidates) > 1:
        for context in contexts:
            for message in candidates:
                if message.context == context:
                    return message
    return candidates[0]


# --- re-reading open windows


@runtime_checkable
class Retranslatable(Protocol):
    """An object holding shown texts outside Qt: ``translate`` maps each of them to the new language (a text
    that is not a catalogue message comes back unchanged)."""

    def retranslate(self, translate: Callable[[str], str]) -> None: ...


class Retranslator:
    """Replaces the texts of every widget, action and item model with the same messages in a new language."""

    def __init__(self, table: TextTable) -> None:
        self.table = table
        self._contexts: tuple[str, ...] = ()

    def run(self, app: QApplication) -> None:
        widgets = _all_widgets(app)
        actions: dict[int, QAction] = {}
        models: dict[int, QAbstractItemModel] = {}
        for widget in widgets:
            self._contexts = _contexts_of(widget)
            self._guarded(self._widget, widget)
            for action in [*widget.actions(), *widget.findChildren(QAction, "", DIRECT_CHILDREN)]:
                actions.setdefault(id(action), action)
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                for model in _source_models(widget.model()):
                    models.setdefault(id(model), model)
        for action in actions.values():
            self._contexts = _contexts_of(action)
            self._guarded(self._action, action)
        for model in models.values():
            self._contexts = _contexts_of(model)
            self._guarded(self._model, model)

    @staticmethod
    def _guarded(retranslate: Callable[[T], None], obj: T) -> None:
        """One object that cannot be re-read keeps its old texts; the others still change."""
        try:
            retranslate(obj)
        except Exception:
            log.exception("could not re-read the texts of %s", type(obj).__name__)

    def translate(self, text: str) -> str:
        """``text`` in the new language (unchanged when it is not a catalogue message)."""
        new = self.table.translate(text, self._contexts)
        return text if new is None else new

    def _set(self, get: Callable[[], str], put: Callable[[str], object]) -> None:
        text = get()
        new = self.table.translate(text, self._contexts)
        if new is not None and new != text:
            put(new)

    def _widget(self, w: QWidget) -> None:
        self._set(w.windowTitle, w.setWindowTitle)
        self._set(w.toolTip, w.setToolTip)
        self._set(w.statusTip, w.setStatusTip)
        self._set(w.whatsThis, w.setWhatsThis)
        if isinstance(w, QAbstractButton | ElidedLabel) or (
            isinstance(w, QLabel) and not isinstance(w.parentWidget(), ElidedLabel)  # (its elided text)
        ):
            self._set(w.text, w.setText)
        elif isinstance(w, QGroupBox | QMenu):
            self._set(w.title, w.setTitle)
        elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            self._set(w.placeholderText, w.setPlaceholderText)
        elif isinstance(w, QComboBox):
            self._set(w.placeholderText, w.setPlaceholderText)
            self._each(w.count(), w.itemText, w.setItemText)
        elif isinstance(w, QTabBar):
            self._each(w.count(), w.tabText, w.setTabText)
            self._each(w.count(), w.tabToolTip, w.setTabToolTip)
        elif isinstance(w, QToolBox):
            self._each(w.count(), w.itemText, w.setItemText)
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            self._set(w.prefix, w.setPrefix)
            self._set(w.suffix, w.setSuffix)
        if isinstance(w, QAbstractSpinBox):
            self._set(w.specialValueText, w.setSpecialValueText)
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                item = w.item(i)
                self._set(item.text, item.setText)
                self._set(item.toolTip, item.setToolTip)
        elif isinstance(w, QTreeWidget):
            self._tree_item(w.headerItem())
            for i in range(w.topLevelItemCount()):
                self._tree_item(w.topLevelItem(i))
        elif isinstance(w, QTableWidget):
            self._table_widget(w)
        if isinstance(w, Retranslatable):
            w.retranslate(self.translate)

    def _each(self, count: int, get: Callable[[int], str], put: Callable[[int, str], object]) -> None:
        """Indexed texts (combo items, tabs, tree columns)."""
        for index in range(count):
            self._set(partial(get, index), partial(put, index))

    def _tree_item(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        self._each(item.columnCount(), item.text, item.setText)
        self._each(item.columnCount(), item.toolTip, item.setToolTip)
        for i in range(item.childCount()):
            self._tree_item(item.child(i))

    def _table_widget(self, w: QTableWidget) -> None:
        items: list[QTableWidgetItem | None] = [w.horizontalHeaderItem(c) for c in range(w.columnCount())]
        items += [w.verticalHeaderItem(r) for r in range(w.rowCount())]
        items += [w.item(r, c) for r in range(w.rowCount()) for c in range(w.columnCount())]
        for item in items:
            if item is not None:
                self._set(item.text, item.setText)
                self._set(item.toolTip, item.setToolTip)

    def _action(self, action: QAction) -> None:
        self._set(action.text, action.setText)
        self._set(action.iconText, action.setIconText)
        self._set(action.toolTip, action.setToolTip)
        self._set(action.statusTip, action.setStatusTip)

    def _model(self, model: QAbstractItemModel) -> None:
        if isinstance(model, Retranslatable):
            model.retranslate(self.translate)
        elif isinstance(model, QStandardItemModel):
            for item in _standard_items(model):
                self._set(item.text, item.setText)
                self._set(item.toolTip, item.setToolTip)
        # models that translate in data()/headerData() answer in the new language when asked again
        root = QModelIndex()
        rows = model.rowCount(root)
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)  # private in a list
        if columns > 0:
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if rows > 0:
            model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
            if columns > 0:
                model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))


def _all_widgets(app: QApplication) -> list[QWidget]:
    seen: dict[int, QWidget] = {}
    for top in app.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            seen.setdefault(id(widget), widget)
    return list(seen.values())


def _source_models(model: QAbstractItemModel) -> Iterator[QAbstractItemModel]:
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    if not isinstance(model, QAbstractProxyModel):
        yield model


def _standard_items(model: QStandardItemModel) -> Iterator[QStandardItem]:
    for column in range(model.columnCount()):
        header = model.horizontalHeaderItem(column)
        if header is not None:
            yield header
    stack = [model.invisibleRootItem()]
    while stack:
        parent = stack.pop()
        for row in range(parent.rowCount()):
            for column in range(parent.columnCount()):
                child = parent.child(row, column)
                if child is not None:
                    yield child
                    stack.append(child)


def _contexts_of(obj: QObject) -> tuple[str, ...]:
    """The class names of ``obj`` and its parents, nearest first: the ``tr()`` contexts that could have said
    its texts."""
    names: list[str] = []
    current: QObject | None = obj
    while current is not None:
        names.extend(cls.__name__ for cls in type(current).__mro__ if cls.__name__ not in names)
        current = current.parent()
    return tuple(names)
