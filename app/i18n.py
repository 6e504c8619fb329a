"""Translations: Tessera's own (``resources/translations/tessera_<lang>.qm``) and Qt's standard dialogs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger("tessera.i18n")

LANGUAGES = ("en", "ru")  # English is the source language: it needs no translator
DEFAULT_LANGUAGE = "en"

_installed: list[QTranslator] = []


def install_translator(app: QApplication, language: str) -> str:
    """Install the translators for ``language`` (replacing earlier ones); returns the language in effect.

    Widgets read their texts when they are built, so this runs before the main window exists; a change of
    language takes effect at the next start.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES:
        log.warning("unknown language %r; using English", language)
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(language))
    if language == DEFAULT_LANGUAGE:
        return language
    own = QTranslator(app)
    if not own.load(str(resources.path("translations", f"tessera_{language}.qm"))):
        log.warning("the %s translation is missing; using English", language)
        return DEFAULT_LANGUAGE
    app.installTranslator(own)
    _installed.append(own)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language
