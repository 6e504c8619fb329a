"""The Russian catalogue is complete: every message lupdate finds in app/ and widgets/ has a finished
translation with the same placeholders, the shipped .qm is the compiled .ts, and the core's texts (translated
in the app) are marked for lupdate."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import resources
from app.i18n import Message, read_ts
from app.trading.bridge import CORE_TEXTS
from app.viewmodels import strategy_manager
from app.viewmodels.strategy_manager import RAMM_WORDS
from services.ramm import enums as ramm_enums
from services.ramm.copy_trading import Delivery
from services.trading import order_entry
from services.trading.order_entry import ORDER_SUMMARY, STATUS_TEXT
from services.trading.session import RELOGIN_MESSAGE

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SHIPPED_TS = Path(resources.path("translations", "tessera_ru.ts"))
SHIPPED_QM = SHIPPED_TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
ACCELERATOR = re.compile(r"(?<![A-Z])&(?!&)\w")  # "&Venue", "Lan&guage"; not "P&L"
RUSSIAN_PLURAL_FORMS = 3


def _key(message: Message) -> tuple[str, str, str | None]:
    return message.context, message.source, message.comment


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[Message]:
    """What lupdate finds in the sources today (the same command as `make translations`)."""
    ts = tmp_path_factory.mktemp("lupdate") / "tessera_ru.ts"
    sources = sorted(str(p.relative_to(ROOT)) for d in ("app", "widgets") for p in (ROOT / d).rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-tr-function-alias", "QT_TRANSLATE_NOOP+=N",
         "-target-language", "ru_RU", "-locations", "none", "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    messages = read_ts(str(ts))
    assert len(messages) > 1000  # the parse found the sources
    return messages


@pytest.fixture(scope="module")
def shipped() -> dict[tuple[str, str, str | None], Message]:
    return {_key(message): message for message in read_ts(str(SHIPPED_TS))}


def test_every_message_of_the_sources_has_a_finished_russian_translation(extracted, shipped):
    missing = [
        f"{m.context}: {m.source!r}"
        for m in extracted
        if _key(m) not in shipped or not all(shipped[_key(m)].translation) or not shipped[_key(m)].translation
    ]
    assert not missing, "untranslated (run `make translations`, then translate):\n" + "\n".join(missing)


def test_plural_messages_have_the_three_russian_forms(extracted, shipped):
    plural = [shipped[_key(m)] for m in extracted if m.numerus and _key(m) in shipped]
    assert plural
    for message in plural:
        assert len(message.translation) == RUSSIAN_PLURAL_FORMS
        assert all("%n" in form for form in message.translation)


def test_translations_keep_placeholders_and_accelerators(shipped):
    for message in shipped.values():
        for text in message.translation:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(message.source)), text
            if ACCELERATOR.search(message.source):  # a keyboard accelerator: one in Russian too
                assert len(ACCELERATOR.findall(text)) == 1, text


def test_the_shipped_qm_is_the_compiled_shipped_ts(tmp_path):
    compiled = tmp_path / "tessera_ru.qm"
    command = [str(BIN / "pyside6-lrelease"), str(SHIPPED_TS), "-qm", str(compiled)]
    subprocess.run(command, check=True, capture_output=True)
    assert compiled.read_bytes() == SHIPPED_QM.read_bytes(), "run `make translations` to compile the .ts"


def _outcome_templates() -> set[str]:
    """The English templates order_entry.py hands to the app (literal arguments of ``_tell``/``_refused``)."""
    tree = ast.parse(Path(order_entry.__file__).read_text(encoding="utf-8"))
    found = {ORDER_SUMMARY}
    for node in ast.walk(tree):
        told = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if told and node.func.attr in ("_tell", "_refused"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_the_core_texts_the_app_translates_are_marked_for_lupdate():
    marked = set(CORE_TEXTS)
    assert set(STATUS_TEXT.values()) <= marked
    assert _outcome_templates() <= marked
    assert RELOGIN_MESSAGE in marked
    words = set(RAMM_WORDS)
    tree = ast.parse(Path(strategy_manager.__file__).read_text(encoding="utf-8"))
    shown = {  # the enums the Strategy manager shows as words (``_enum_name(Kind, value)``)
        node.args[0].id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_enum_name"
        and isinstance(node.args[0], ast.Name)
    }  # fmt: skip
    assert len(shown) >= 5
    for name in shown:
        assert {m.name.replace("_", " ").lower() for m in getattr(ramm_enums, name)} <= words, name
    assert {d.value for d in Delivery} <= words
