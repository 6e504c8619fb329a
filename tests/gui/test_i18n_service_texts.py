"""The refusals services/ raise (:class:`RejectedInput`) reach the user in the user's language: every
template is a literal listed in :data:`app.service_texts.SERVICE_TEXTS` (so lupdate extracts it), its fields
are given at the call, and the app translates the template before filling it."""

from __future__ import annotations

import ast
import pickle
import string
from decimal import Decimal
from pathlib import Path

import pytest

import services
from app.i18n import DEFAULT_LANGUAGE, install_translator
from app.service_texts import SERVICE_TEXTS, error_text, rejected_text
from app.trading.bridge import outcome_text
from services.domain import InstrumentId, Order, OrderStatus, OrderType, Side
from services.errors import RejectedInput
from services.trading.order_entry import OrderEntry, OrderOutcome
from services.trading.stores import OrderStore

SERVICES = Path(services.__file__).parent
SKIPPED = {SERVICES / "errors.py"}  # the class itself (its unpickling passes the template on)


def _refusals() -> list[tuple[str, ast.Call]]:
    """Every ``RejectedInput(...)`` call of services/ (the simulator answers on the wire, not to the user)."""
    calls = []
    for path in sorted(SERVICES.rglob("*.py")):
        if path in SKIPPED or (SERVICES / "simulator") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) == "RejectedInput":
                calls.append((f"{path.relative_to(SERVICES.parent)}:{node.lineno}", node))
    return calls


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _template_node(call: ast.Call) -> ast.expr | None:
    if len(call.args) >= 2:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "template"), None)


def _literals(node: ast.expr | None) -> list[str] | None:
    """The template's possible texts: a string literal, or literals chosen by ``a if cond else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def test_every_refusal_of_the_services_is_a_listed_literal_template_with_its_fields():
    calls = _refusals()
    assert len(calls) > 60  # the walk found them
    listed = set(SERVICE_TEXTS)
    problems = []
    for where, call in calls:
        templates = _literals(_template_node(call))
        if templates is None:
            problems.append(f"{where}: the template is not a literal (an f-string or built text?)")
            continue
        given = {k.arg for k in call.keywords}
        for template in templates:
            if template not in listed:
                problems.append(f"{where}: {template!r} is not in app/service_texts.py's SERVICE_TEXTS")
            named = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            if None not in given and not named <= given:  # ``**fields`` passes any
                problems.append(f"{where}: {template!r} needs the fields {sorted(named - given)}")
    assert not problems, "\n".join(problems)


def test_a_refusal_keeps_its_template_fields_and_english_message_through_pickling():
    refusal = RejectedInput("quantity", "the minimum is {minimum}", minimum=Decimal("0.001"))
    assert refusal.message == "the minimum is 0.001"
    assert str(refusal) == "quantity: the minimum is 0.001"
    copy = pickle.loads(pickle.dumps(refusal))
    assert (copy.field, copy.template, copy.fields, copy.message) == (
        refusal.field, refusal.template, refusal.fields, refusal.message,
    )  # fmt: skip


@pytest.fixture
def russian(qapp):
    assert install_translator(qapp, "ru") == "ru"
    yield
    install_translator(qapp, DEFAULT_LANGUAGE)


def test_a_refusal_is_told_in_russian_with_its_fields_filled_in(russian):
    refusal = RejectedInput("quantity", "the minimum is {minimum}", minimum=Decimal("0.001"))
    assert rejected_text(refusal) == "не меньше 0.001"
    not_connected = RejectedInput("venue", "Not connected to {venue}", venue="chp")
    assert error_text(not_connected) == rejected_text(not_connected) != not_connected.message
    assert error_text(ValueError("plain")) == "plain"


def test_in_english_a_refusal_reads_as_its_message():
    refusal = RejectedInput("users", "{group} is not a group of your accounts.", group="abc")
    assert rejected_text(refusal) == "abc is not a group of your accounts."


async def test_a_cancel_refused_before_it_left_is_told_in_russian(russian):
    entry = OrderEntry(OrderStore(), lambda: {})  # no venue connected
    told: list[OrderOutcome] = []
    entry.outcome.connect(told.append)
    sber = InstrumentId("chp", "MOEX", "SBER")
    order = Order("7", sber, Side.BUY, OrderType.LIMIT, Decimal(10), OrderStatus.NEW)
    assert not await entry.cancel(order)
    assert [outcome_text(outcome) for outcome in told] == ["Снять не удалось: Нет подключения к chp"]
