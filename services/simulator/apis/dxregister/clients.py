"""``/api/register/client/...``: clients (versioned: ETag / If-Match), their accounts, groups, market data."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.dxregister.schemas import (
    Account,
    AccountStatus,
    Client,
    ClientGroup,
    ClientStatus,
    ClientType,
    ClientUpdate,
    DxFeedAccountSuspension,
    DxFeedSubscriptions,
)
from services.simulator.apis.dxregister.accounts import account_access, checked_account, open_owned
from services.simulator.apis.dxregister.auth import operator
from services.simulator.apis.dxregister.routing import build_routes, path_text
from services.simulator.apis.dxregister.state import DxState, DxUser, UserKey
from services.simulator.apis.dxregister.wire import (
    Code,
    body_model,
    json_body,
    no_content,
    ok_json,
    ok_text,
    refuse,
)

CLIENT = "/api/register/client/{domain}/{login}"


def _client(state: DxState, request: Request) -> DxUser:
    return state.user(path_text(request, "domain"), path_text(request, "login"))


def _member(key: UserKey) -> str:
    return f"{key[0]}@{key[1]}"


def _group_key(state: DxState, domain: str | None, name: str | None) -> UserKey:
    key = (domain or "", name or "")
    if key not in state.groups:
        raise refuse(404, Code.GROUP_NOT_FOUND, f"{key[0]}@{key[1]}")
    return key


def _group_view(state: DxState, key: UserKey) -> ClientGroup:
    return ClientGroup(
        domain=key[0], name=key[1], clients=list(state.members[key]), ancestors=list(state.groups[key])
    )


def _answer(state: DxState, user: DxUser, status: int = 200) -> Response:
    return ok_json(state.client_view(user), status=status, etag=user.etag)


def _check_version(user: DxUser, if_match: str | None, required: bool) -> None:
    if if_match is None and not required:
        return
    if if_match is None or (if_match.strip() != "*" and if_match.strip() != user.etag):
        raise refuse(409, Code.VERSION_MISMATCH, f"current version {user.etag}")


# ------------------------------------------------------------------------------------------ clients
async def list_clients(state: DxState, request: Request) -> Response:
    operator(state, request)
    kind = request.query_params.get("type")
    users = [
        u
        for u in state.users.values()
        if not u.system and (kind is None or (u.client.type or "CLIENT") == kind)
    ]
    return ok_json([state.client_view(u) for u in users])


async def create_client(state: DxState, request: Request) -> Response:
    """Onboarding: the client, its accounts and its group memberships in one step (all checked first)."""
    operator(state, request)
    access = account_access(request)
    client = await body_model(request, Client)
    broker_code = client.broker_code or next(iter(state.brokers))
    broker = state.brokers.get(broker_code)
    if broker is None:
        raise refuse(404, Code.BROKER_NOT_FOUND, broker_code)
    domain = client.domain or broker.namespace
    if (domain, client.login) in state.users:
        raise refuse(400, Code.CLIENT_EXISTS, f"{client.login}@{domain}")
    groups = [
        _group_key(state, *g.split("@", 1)) if "@" in g else _group_key(state, g, None)
        for g in client.groups or []
    ]
    records = [checked_account(state, broker_code, a) for a in client.accounts or []]
    codes = [(r.clearing_code, r.account_code) for r in records]
    if len(set(codes)) != len(codes):
        raise refuse(400, Code.ACCOUNT_EXISTS, "the same account twice")
    record = client.model_copy(
        update={
            "domain": domain,
            "broker_code": broker_code,
            "type": client.type or ClientType.CLIENT,
            "status": client.status or ClientStatus.OFFLINE,
            "created_date_time": datetime.fromtimestamp(state.now(), UTC),
            "last_login": None,
        }
    )
    user = state.add_user(record, client.password or "")
    for account in records:
        open_owned(state, user, account, access)
    for key in groups:
        state.members[key].append(_member(user.key))
    return _answer(state, user)


async def get_client(state: DxState, request: Request) -> Response:
    operator(state, request)
    return _answer(state, _client(state, request))


async def update_client(state: DxState, request: Request) -> Response:
    operator(state, request)
    user = _client(state, request)
    _check_version(user, request.headers.get("if-match"), required=False)
    update = await body_model(request, ClientUpdate)
    added = [_group_key(state, g.domain, g.name) for g in update.groups_added or []]
    removed = [_group_key(state, g.domain, g.name) for g in update.groups_removed or []]
    changes = update.model_dump(exclude_none=True, exclude={"groups_added", "groups_removed", "password"})
    if update.password is not None:
        user.password = update.password
    user.client = user.client.model_copy(update=changes)
    member = _member(user.key)
    for key in added:
        if member not in state.members[key]:
            state.members[key].append(member)
    for key in removed:
        if member in state.members[key]:
            state.members[key].remove(member)
    if update.status is ClientStatus.DISABLED:
        state.end_sessions(user.key)
    user.version += 1
    return _answer(state, user)


async def delete_client(state: DxState, request: Request) -> Response:
    me = operator(state, request)
    user = _client(state, request)
    if user.system or user.key == me.key:
        raise refuse(403, Code.ACCESS_DENIED, "the system user and the caller cannot be deleted")
    _terminate_accounts(state, user)
    _forget(state, user)
    return Response(status_code=204)


def _forget(state: DxState, user: DxUser) -> None:
    """Removes the user, its sessions, memberships and grants; its accounts stay, without an owner."""
    state.end_sessions(user.key)
    member = _member(user.key)
    for members in state.members.values():
        if member in members:
            members.remove(member)
    for key, traders in state.account_traders.items():
        if user.key in traders:
            state.revoke(state.accounts[key], user.key)
    for account in state.accounts.values():
        if account.owner == user.key:
            account.owner = None
    state.users.pop(user.key, None)


def _terminate_accounts(state: DxState, user: DxUser) -> None:
    for account in state.accounts.values():
        if account.owner == user.key:
            account.record = account.record.model_copy(update={"status": AccountStatus.TERMINATED})
            state.sync_status(account)


async def create_account(state: DxState, request: Request) -> Response:
    operator(state, request)
    owner = state.users.get((path_text(request, "domain"), path_text(request, "login")))
    if owner is None or not state.is_client(owner):
        raise refuse(
            404, Code.OWNER_NOT_FOUND, f"{path_text(request, 'login')}@{path_text(request, 'domain')}"
        )
    access = account_access(request)
    broker = owner.client.broker_code or next(iter(state.brokers))
    record = checked_account(state, broker, await body_model(request, Account))
    account = open_owned(state, owner, record, access)
    owner.version += 1
    return ok_json(state.account_view(account))


async def disable_client(state: DxState, request: Request) -> Response:
    operator(state, request)
    user = _client(state, request)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise refuse(400, Code.INVALID_JSON, "a JSON object is expected")
    if user.client.status is ClientStatus.DISABLED:
        raise refuse(409, Code.ALREADY_DISABLED)
    user.client = user.client.model_copy(update={"status": ClientStatus.DISABLED})
    state.end_sessions(user.key)
    _terminate_accounts(state, user)
    user.version += 1
    return Response(status_code=200)


# ------------------------------------------------------------------------------------------ groups
async def list_groups(state: DxState, request: Request) -> Response:
    operator(state, request)
    return ok_json([_group_view(state, key) for key in state.groups])


async def get_group(state: DxState, request: Request) -> Response:
    operator(state, request)
    key = _group_key(state, path_text(request, "domain"), path_text(request, "name"))
    return ok_json(_group_view(state, key))


def _membership(adding: bool):
    async def handle(state: DxState, request: Request) -> Response:
        operator(state, request)
        user = _client(state, request)
        key = _group_key(state, path_text(request, "groupDomain"), path_text(request, "groupName"))
        _check_version(user, request.headers.get("if-match"), required=True)
        members, member = state.members[key], _member(user.key)
        if adding and member not in members:
            members.append(member)
        elif not adding:
            if member not in members:
                raise refuse(404, Code.GROUP_NOT_FOUND, f"{member} is not a member of {key[0]}@{key[1]}")
            members.remove(member)
        user.version += 1
        return no_content(user.etag)

    return handle


# ------------------------------------------------------------------------------------------ market data
def _market_data_account(state: DxState, account_id: str) -> DxUser:
    user = next((u for u in state.users.values() if u.client.dx_feed_account_id == account_id), None)
    if user is None:
        raise refuse(404, Code.ACCOUNT_NOT_FOUND, f"DxFeed account {account_id}")
    return user


async def suspend_market_data(state: DxState, request: Request) -> Response:
    operator(state, request)
    body = await body_model(request, DxFeedAccountSuspension)
    _market_data_account(state, body.account_id)
    state.suspended_feeds.add(body.account_id)
    return ok_text("OK")


def _subscriptions(activate: bool):
    async def handle(state: DxState, request: Request) -> Response:
        operator(state, request)
        body = await body_model(request, DxFeedSubscriptions)
        _market_data_account(state, body.account_id)
        feeds = state.market_data.setdefault(body.account_id, {})
        for item in body.subscriptions:
            if activate:
                feeds[item.feed_name] = item.end_date or ""
            else:
                feeds.pop(item.feed_name, None)
        return ok_text("OK")

    return handle


def routes(state: DxState) -> list[Route]:
    return build_routes(
        state,
        [
            ("GET", "/api/register/client", list_clients),
            ("POST", "/api/register/client", create_client),
            ("GET", "/api/register/client/group", list_groups),
            ("GET", "/api/register/client/group/{domain}/{name}", get_group),
            ("POST", "/api/register/client/market-data-account-suspension", suspend_market_data),
            ("POST", "/api/register/client/market-data-subscription-activation", _subscriptions(True)),
            ("POST", "/api/register/client/market-data-subscription-cancelation", _subscriptions(False)),
            ("GET", CLIENT, get_client),
            ("PUT", CLIENT, update_client),
            ("DELETE", CLIENT, delete_client),
            ("POST", f"{CLIENT}/account", create_account),
            ("POST", f"{CLIENT}/disable-user-and-terminate-accounts", disable_client),
            ("POST", f"{CLIENT}/group/{{groupDomain}}/{{groupName}}", _membership(True)),
            ("DELETE", f"{CLIENT}/group/{{groupDomain}}/{{groupName}}", _membership(False)),
        ],
    )
