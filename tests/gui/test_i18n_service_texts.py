"""The texts services/ writes reach the user in the user's language: every template of a refusal
(:class:`RejectedInput`), a :class:`TransportError` and a :class:`VenueError` we word ourselves is a literal
listed in :data:`app.service_texts.SERVICE_TEXTS` or :data:`~app.service_texts.ERROR_TEXTS` (so lupdate
extracts it), its fields are given at the call, and the app translates the template before filling it; a
venue's own words pass through as they are."""

from __future__ import annotations

import ast
import pickle
import string
from decimal import Decimal
from pathlib import Path

import pytest

import services
from app.i18n import DEFAULT_LANGUAGE, install_translator
from app.service_texts import ERROR_TEXTS, SERVICE_TEXTS, error_text, message_text, rejected_text
from app.trading.bridge import outcome_text
from services.coinweight import client as coinweight_client
from services.domain import InstrumentId, Order, OrderRequest, OrderStatus, OrderType, Side
from services.dxregister import client as dxregister_client
from services.errors import AuthError, RejectedInput, TransportError, VenueError
from services.trading.order_entry import OrderEntry, OrderOutcome
from services.trading.stores import OrderStore

SERVICES = Path(services.__file__).parent
SKIPPED = {SERVICES / "errors.py"}  # the class itself (its unpickling passes the template on)


def _calls(*names: str) -> list[tuple[str, ast.Call]]:
    """Every call of ``names`` in services/ (the simulator answers on the wire, not to the user)."""
    calls = []
    for path in sorted(SERVICES.rglob("*.py")):
        if path in SKIPPED or (SERVICES / "simulator") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in names:
                calls.append((f"{path.relative_to(SERVICES.parent)}:{node.lineno}", node))
    return calls


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _template_node(call: ast.Call, position: int = 1, keyword: str = "template") -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _literals(node: ast.expr | None) -> list[str] | None:
    """The template's possible texts: a string literal, or literals chosen by ``a if cond else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _problems(where: str, templates: list[str], given: set[str | None], listed: set[str]) -> list[str]:
    """What is wrong with the literal ``templates`` of a call given the fields ``given``."""
    problems = []
    for template in templates:
        if template not in listed:
            problems.append(f"{where}: {template!r} is not listed in app/service_texts.py")
        named = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if None not in given and not named <= given:  # ``**fields`` passes any
            problems.append(f"{where}: {template!r} needs the fields {sorted(named - given)}")
    return problems


def test_every_refusal_of_the_services_is_a_listed_literal_template_with_its_fields():
    calls = _calls("RejectedInput")
    assert len(calls) > 60  # the walk found them
    problems = _template_problems(calls, set(SERVICE_TEXTS))
    assert not problems, "\n".join(problems)


def test_every_transport_error_of_the_services_is_a_listed_literal_template_with_its_fields():
    calls = _calls("TransportError")
    assert len(calls) > 20
    problems = _template_problems(calls, set(ERROR_TEXTS))
    assert not problems, "\n".join(problems)


def _template_problems(calls: list[tuple[str, ast.Call]], listed: set[str]) -> list[str]:
    """What is wrong with each call's template: not a literal, not listed, or its fields not given."""
    problems: list[str] = []
    for where, call in calls:
        templates = _literals(_template_node(call))
        if templates is None:
            problems.append(f"{where}: the template is not a literal (an f-string or built text?)")
            continue
        problems += _problems(where, templates, {k.arg for k in call.keywords}, listed)
    return problems


def _fields_given(call: ast.Call) -> set[str | None]:
    """The names in a call's ``fields={...}`` (None when they are not a literal dict: any may be given)."""
    node = next((k.value for k in call.keywords if k.arg == "fields"), None)
    if node is None:
        return set()
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        return {k.value for k in node.keys if isinstance(k, ast.Constant)}
    return {None}


def test_every_venue_error_we_word_ourselves_is_a_listed_literal_template_with_its_fields():
    """The message of a ``VenueError``/``AuthError`` is either the venue's words (a name: passed through) or
    ours: then a literal template (never an f-string) listed for translation, its fields in ``fields=``."""
    calls = _calls("VenueError", "AuthError")
    assert len(calls) > 10
    listed = set(ERROR_TEXTS)
    problems = []
    for where, call in calls:
        node = _template_node(call, 2, "message")
        if isinstance(node, ast.JoinedStr | ast.BinOp):
            problems.append(f"{where}: our message is built (an f-string?): write a template with fields=")
            continue
        templates = _literals(node)
        if templates is not None:
            problems += _problems(where, templates, _fields_given(call), listed)
    assert not problems, "\n".join(problems)


def test_the_reasons_we_give_when_the_venue_gives_none_are_listed():
    reasons = [
        *coinweight_client.LOGIN_ERRORS.values(),
        *coinweight_client.SIGNUP_ERRORS.values(),
        *coinweight_client.SECRET_ERRORS.values(),
        *coinweight_client.STRATEGY_ERRORS.values(),
        *dxregister_client._STATUS_REASONS.values(),
        *dxregister_client._PING_REASONS.values(),
        *dxregister_client._SSO_INFO_REASONS.values(),
        *dxregister_client._LOGOUT_REASONS.values(),
    ]
    assert set(reasons) <= set(ERROR_TEXTS), set(reasons) - set(ERROR_TEXTS)


def test_transport_and_venue_errors_keep_template_fields_and_english_text_through_pickling():
    lost = TransportError("ramm", "empty answer from {path}", outcome_unknown=True, path="orders.open")
    assert lost.message == "empty answer from orders.open"
    assert str(lost) == "ramm: empty answer from orders.open"
    copy = pickle.loads(pickle.dumps(lost))
    assert (copy.venue, copy.template, copy.fields, copy.message, copy.outcome_unknown) == (
        "ramm", lost.template, {"path": "orders.open"}, lost.message, True,
    )  # fmt: skip
    refused = AuthError("chp", 7, "order {id} was not moved", 400, {"x": 1}, fields={"id": "42"})
    assert str(refused) == "chp: order 42 was not moved [7]"
    again = pickle.loads(pickle.dumps(refused))
    assert type(again) is AuthError
    assert (again.template, again.fields, again.message, again.http_status, again.details, str(again)) == (
        refused.template, refused.fields, refused.message, 400, {"x": 1}, str(refused),
    )  # fmt: skip
    words = VenueError("coinweight", 3, "Insufficient {balance}")  # a venue's own words, braces and all
    assert words.message == "Insufficient {balance}" and str(pickle.loads(pickle.dumps(words))) == str(words)


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


def test_transport_and_venue_errors_are_told_in_russian_and_the_venues_words_as_they_are(russian):
    timeout = TransportError("chp", "no answer in time (timeout)")
    assert error_text(timeout) == "chp: " + message_text(timeout)
    assert message_text(timeout) != timeout.message and "timeout" not in message_text(timeout)
    http = TransportError("ramm", "unreadable answer (HTTP {status}, not JSON)", status=502)
    assert "502" in message_text(http) and message_text(http) != http.message
    ours = VenueError("chp", 5, "order {id} was not moved", fields={"id": "42"})
    assert error_text(ours) == f"chp: {message_text(ours)} [5]" and "42" in message_text(ours)
    assert message_text(ours) != ours.message
    words = VenueError("coinweight", 3, "Insufficient {balance}")
    assert error_text(words) == str(words)


def test_in_english_transport_and_venue_errors_read_as_they_say_themselves():
    for exc in (
        TransportError("chp", "no {name} update in {seconds} s", name="orders", seconds="5"),
        VenueError("ramm", None, "this login has no company to enter"),
        AuthError("coinweight", 401, "request refused (HTTP {status})", fields={"status": 401}),
    ):
        assert error_text(exc) == str(exc)


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


class _Unreachable:
    """A venue whose every order request is lost on the way (nothing was sent)."""

    async def place_order(self, request: object) -> Order:
        raise TransportError("chp", "cannot connect")

    async def modify_order(self, order: Order, price: object = None, quantity: object = None) -> Order:
        raise VenueError("chp", None, "order {id} was not moved", fields={"id": order.order_id})


async def test_an_order_not_sent_or_not_moved_is_told_in_russian(russian):
    venue = _Unreachable()
    entry = OrderEntry(OrderStore(), lambda: {"chp": venue})  # type: ignore[dict-item]  # a stub venue
    told: list[OrderOutcome] = []
    entry.outcome.connect(told.append)
    sber = InstrumentId("chp", "MOEX", "SBER")
    await entry.submit(OrderRequest(sber, Side.BUY, OrderType.LIMIT, Decimal(1), "c1", price=Decimal(10)))
    order = Order("7", sber, Side.BUY, OrderType.LIMIT, Decimal(10), OrderStatus.NEW)
    assert await entry.modify(order, price=Decimal(11)) is None
    texts = [outcome_text(outcome) for outcome in told]
    assert len(texts) == 2 and all("chp: " in text for text in texts), texts
    english = ("cannot connect", "was not moved")
    assert not any(words in text for text in texts for words in english), texts
