"""``/api/register/broker/...`` and ``/api/register/category``: brokers and their account-group categories."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.dxregister.schemas import AccountGroup, AccountGroupRename, Category, CategoryValue
from services.simulator.apis.dxregister.accounts import broker_of
from services.simulator.apis.dxregister.auth import operator
from services.simulator.apis.dxregister.routing import build_routes, path_text
from services.simulator.apis.dxregister.state import DxState
from services.simulator.apis.dxregister.wire import Code, body_model, ok_json, refuse


def _broker(state: DxState, request: Request) -> str:
    operator(state, request)
    code = path_text(request, "brokerCode")
    if code not in state.brokers:
        raise refuse(404, Code.BROKER_NOT_FOUND, code)
    return code


def category_view(name: str, values: list[str]) -> Category:
    return Category(category=name, values=[CategoryValue(value=v) for v in values])


def _known(state: DxState, broker: str, name: str | None) -> list[str]:
    values = state.categories[broker].get(name or "")
    if values is None:
        raise refuse(404, Code.CATEGORY_NOT_FOUND, str(name))
    return values


def _regroup(state: DxState, broker: str, category: str, old: str, new: str | None) -> None:
    """Accounts of ``broker`` in group ``old`` of ``category`` move to ``new`` (None: out of the category)."""
    for account in state.accounts.values():
        groups = account.record.categories or []
        if broker_of(state, account) != broker or not any(
            g.category == category and g.value == old for g in groups
        ):
            continue
        kept = [g for g in groups if not (g.category == category and g.value == old)]
        if new is not None:
            kept.append(AccountGroup(category=category, value=new))
        account.record = account.record.model_copy(update={"categories": kept})


async def list_brokers(state: DxState, request: Request) -> Response:
    operator(state, request)
    kind = request.query_params.get("type")
    return ok_json([b for b in state.brokers.values() if kind is None or b.type == kind])


async def get_broker(state: DxState, request: Request) -> Response:
    return ok_json(state.brokers[_broker(state, request)])


async def broker_categories(state: DxState, request: Request) -> Response:
    broker = _broker(state, request)
    return ok_json([category_view(n, v) for n, v in state.categories[broker].items()])


async def broker_category(state: DxState, request: Request) -> Response:
    broker = _broker(state, request)
    name = path_text(request, "categoryCode")
    return ok_json(category_view(name, _known(state, broker, name)))


async def create_category(state: DxState, request: Request) -> Response:
    """A new category, or new values in an existing one; a value already there is refused."""
    broker = _broker(state, request)
    body = await body_model(request, Category)
    values = state.categories[broker].setdefault(body.category, [])
    new = [v.value for v in body.values or []]
    clash = [v for v in new if v in values] or ([v for v in new if new.count(v) > 1])
    if clash:
        raise refuse(400, Code.CATEGORY_VALUE_EXISTS, ", ".join(sorted(set(clash))))
    values.extend(new)
    return ok_json(category_view(body.category, values))


async def rename_category(state: DxState, request: Request) -> Response:
    broker = _broker(state, request)
    body = await body_model(request, AccountGroupRename)
    if not (body.category and body.old_value and body.new_value):
        raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "category, oldValue, newValue")
    values = _known(state, broker, body.category)
    if body.old_value not in values:
        raise refuse(404, Code.CATEGORY_NOT_FOUND, f"{body.category}/{body.old_value}")
    if body.new_value in values:
        raise refuse(400, Code.CATEGORY_VALUE_EXISTS, body.new_value)
    values[values.index(body.old_value)] = body.new_value
    _regroup(state, broker, body.category, body.old_value, body.new_value)
    return ok_json(category_view(body.category, values))


async def delete_category(state: DxState, request: Request) -> Response:
    """The listed values go (accounts in them leave the category); no values listed: the whole category."""
    broker = _broker(state, request)
    body = await body_model(request, Category)
    values = _known(state, broker, body.category)
    doomed = [v.value for v in body.values or []] or list(values)
    missing = [v for v in doomed if v not in values]
    if missing:
        raise refuse(404, Code.CATEGORY_NOT_FOUND, f"{body.category}/{', '.join(missing)}")
    for value in doomed:
        values.remove(value)
        _regroup(state, broker, body.category, value, None)
    if not body.values:
        del state.categories[broker][body.category]
    return Response(status_code=204)


async def all_categories(state: DxState, request: Request) -> Response:
    """Every broker's categories, merged by name."""
    operator(state, request)
    merged: dict[str, list[str]] = {}
    for categories in state.categories.values():
        for name, values in categories.items():
            merged.setdefault(name, [])
            merged[name].extend(v for v in values if v not in merged[name])
    return ok_json([category_view(n, v) for n, v in merged.items()])


def routes(state: DxState) -> list[Route]:
    path = "/api/register/broker/{brokerCode}/category"
    return build_routes(
        state,
        [
            ("GET", "/api/register/broker", list_brokers),
            ("GET", "/api/register/broker/{brokerCode}", get_broker),
            ("GET", path, broker_categories),
            ("POST", path, create_category),
            ("PUT", path, rename_category),
            ("DELETE", path, delete_category),
            ("GET", f"{path}/{{categoryCode}}", broker_category),
            ("GET", "/api/register/category", all_categories),
        ],
    )
