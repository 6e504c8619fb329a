from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.i18n import install_translator
from widgets.common.status import LightState


def test_russian_translations_load_and_english_needs_none(qapp):
    try:
        assert install_translator(qapp, "ru") == "ru"
        assert QCoreApplication.translate("MainWindow", "&Window") == "&Окно"
        assert QCoreApplication.translate("Panels", "Journal") == "Журнал"
        assert LightState.CONNECTED.label() == "подключено"
    finally:
        assert install_translator(qapp, "en") == "en"
    assert QCoreApplication.translate("MainWindow", "&Window") == "&Window"


def test_an_unknown_language_falls_back_to_english(qapp):
    assert install_translator(qapp, "xx") == "en"
