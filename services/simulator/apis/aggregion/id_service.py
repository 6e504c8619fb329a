"""The ID service's part DS needs (mounted at ``/aggregion/id/api``): login, OAuth code and tokens, me, and
reading groups (``GET /groups``, ``GET /groups/{id}``: the groups owned by the accounts the token's user
owns or administers; filter ``name``, ``parent``; extend ``members``), which ``createLeasesForGroups`` names.
Groups are not created or changed here (the seed makes one)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.aggregion.query import ListRules, listed, one
from services.simulator.apis.aggregion.state import (
    CODE_LIFETIME,
    REFRESH_LIFETIME,
    SESSION_LIFETIME,
    TOKEN_LIFETIME,
    AggregionState,
    Grant,
    Record,
)
from services.simulator.apis.aggregion.wire import (
    answer,
    bad_request,
    bearer_user,
    body_object,
    forbidden,
    guarded,
    int_of,
    pick,
    str_list,
    text_of,
    unauthorized,
)

ACCOUNT_EDITABLE = ("name", "admins", "isOrganization", "organizationDetails")
GROUP_RULES = ListRules(filters=("name", "parent"), extend=("members",))


def new_account(
    state: AggregionState,
    owner: str,
    name: str,
    *,
    is_organization: bool = False,
    admins: list[str] | None = None,
    organization_details: Record | None = None,
) -> Record:
    """An account and its default fund (DS requires one)."""
    account_id = state.new_id()
    fund_id = state.new_id()
    state.funds[fund_id] = {"id": fund_id, "owner": account_id, "name": "Default fund"}
    account: Record = {
        "id": account_id,
        "owner": owner,
        "name": name,
        "isOrganization": is_organization,
        "admins": list(admins or []),
        "defaultFund": fund_id,
    }
    if organization_details is not None:
        account["organizationDetails"] = organization_details
    state.accounts[account_id] = account
    return account


def issue_tokens(state: AggregionState, user: str, client_id: str, lifetime: int = TOKEN_LIFETIME) -> Record:
    token = state.secret("token")
    refresh = state.secret("refresh")
    state.tokens[token] = Grant(user, state.now() + lifetime, client_id)
    state.refresh_tokens[refresh] = Grant(user, state.now() + REFRESH_LIFETIME, client_id)
    return {"token": token, "refreshToken": refresh, "expiresIn": lifetime}


def _check_client(state: AggregionState, body: Record) -> str:
    client_id = text_of(body, "clientId")
    secret = text_of(body, "clientSecret")
    known = state.applications.get(client_id)
    if known is None or known[0] != secret:
        raise unauthorized("unknown clientId or wrong clientSecret")
    return client_id


def _user_by_password(state: AggregionState, login: str, password: str) -> str:
    known = state.logins.get(login)
    if known is None or known[1] != password:
        raise unauthorized("wrong login or password")
    return known[0]


def routes(state: AggregionState) -> list[Route]:
    @guarded
    async def auth_local(request: Request) -> Response:
        body = await body_object(request)
        user = _user_by_password(state, text_of(body, "login"), text_of(body, "password"))
        session = state.secret("session")
        state.sessions[session] = Grant(user, state.now() + SESSION_LIFETIME)
        return answer({"sessionId": session})

    @guarded
    async def oauth_code(request: Request) -> Response:
        grant = state.sessions.get(request.headers.get("x-session-id", "").strip())
        if grant is None or grant.expires <= state.now():
            raise unauthorized("send X-Session-Id: <sessionId> from /auth/local")
        body = await body_object(request)
        client_id = text_of(body, "clientId")
        if client_id not in state.applications:
            raise bad_request(f"unknown clientId {client_id!r}")
        if not isinstance(body.get("credentials", {}), dict):
            raise bad_request("credentials must be an object of service -> [scope]")
        code = state.secret("code")
        state.codes[code] = Grant(grant.user, state.now() + CODE_LIFETIME, client_id)
        return answer({"code": code})

    @guarded
    async def oauth_token(request: Request) -> Response:
        body = await body_object(request)
        client_id = _check_client(state, body)
        grant_type = body.get("grantType")
        if grant_type == "code":
            grant = state.codes.pop(text_of(body, "code"), None)
            if grant is None or grant.expires <= state.now() or grant.client_id != client_id:
                raise unauthorized("unknown, used or expired code")
        elif grant_type == "refreshToken":
            grant = state.refresh_tokens.pop(text_of(body, "refreshToken"), None)
            if grant is None or grant.expires <= state.now() or grant.client_id != client_id:
                raise unauthorized("unknown, used or expired refreshToken")
        else:
            raise bad_request("grantType must be 'code' or 'refreshToken'")
        return answer(issue_tokens(state, grant.user, client_id))

    @guarded
    async def server_token(request: Request) -> Response:
        body = await body_object(request)
        client_id = _check_client(state, body)
        auth = body.get("auth")
        if not isinstance(auth, dict):
            raise bad_request("auth must be an object {login, password, credentials, expiresIn}")
        user = _user_by_password(state, text_of(auth, "login"), text_of(auth, "password"))
        lifetime = int_of(auth, "expiresIn", default=TOKEN_LIFETIME, minimum=1)
        issued = issue_tokens(state, user, client_id, lifetime)
        return answer({"token": issued["token"], "expiresIn": lifetime})

    @guarded
    async def me(request: Request) -> Response:
        return answer(dict(state.users[bearer_user(state, request)]))

    @guarded
    async def my_accounts(request: Request) -> Response:
        user = bearer_user(state, request)
        if request.method == "GET":
            return answer([dict(a) for a in state.user_accounts(user)])
        body = await body_object(request)
        is_org = body.get("isOrganization", False)
        if not isinstance(is_org, bool):
            raise bad_request("isOrganization must be true or false")
        details = body.get("organizationDetails")
        if details is not None and not isinstance(details, dict):
            raise bad_request("organizationDetails must be an object")
        admins = str_list(body, "admins") if "admins" in body else []
        account = new_account(
            state,
            user,
            text_of(body, "name"),
            is_organization=is_org,
            admins=admins,
            organization_details=details,
        )
        return answer(dict(account), 201)

    @guarded
    async def my_account(request: Request) -> Response:
        user = bearer_user(state, request)
        account = pick(state.accounts, request.path_params["id"], "account")
        if user not in state.members(account["id"]):
            raise forbidden("this account is not available to this user")
        if request.method == "PATCH":
            if account["owner"] != user:
                raise forbidden("only the account's owner can change it")
            body = await body_object(request)
            unknown = set(body) - set(ACCOUNT_EDITABLE)
            if unknown:
                raise bad_request(f"cannot change {', '.join(sorted(unknown))}")
            if "name" in body:
                account["name"] = text_of(body, "name")
            if "admins" in body:
                account["admins"] = str_list(body, "admins")
            if "isOrganization" in body:
                if not isinstance(body["isOrganization"], bool):
                    raise bad_request("isOrganization must be true or false")
                account["isOrganization"] = body["isOrganization"]
            if "organizationDetails" in body:
                if not isinstance(body["organizationDetails"], dict):
                    raise bad_request("organizationDetails must be an object")
                account["organizationDetails"] = body["organizationDetails"]
        return answer(dict(account))

    def member_of(field: str, value: object, parent: Record) -> object:
        if field == "members" and isinstance(value, list):
            return [
                {"id": u, "nickname": state.users[u].get("nickname")} if u in state.users else u
                for u in value
            ]
        return value

    def visible_groups(user: str) -> list[Record]:
        accounts = {a["id"] for a in state.user_accounts(user)}
        return [g for g in state.groups.values() if g["owner"] in accounts]

    @guarded
    async def group_list(request: Request) -> Response:
        user = bearer_user(state, request)
        return answer(listed(request, visible_groups(user), GROUP_RULES, member_of))

    @guarded
    async def group_one(request: Request) -> Response:
        user = bearer_user(state, request)
        group = pick(state.groups, request.path_params["id"], "group")
        if group not in visible_groups(user):
            raise forbidden("this group is not one of your accounts'")
        return answer(one(request, group, GROUP_RULES, member_of))

    return [
        Route("/groups", group_list, methods=["GET"]),
        Route("/groups/{id}", group_one, methods=["GET"]),
        Route("/auth/local", auth_local, methods=["POST"]),
        Route("/oauth/code", oauth_code, methods=["POST"]),
        Route("/oauth/token", oauth_token, methods=["POST"]),
        Route("/oauth/serverToken", server_token, methods=["POST"]),
        Route("/users/me", me, methods=["GET"]),
        Route("/users/me/accounts", my_accounts, methods=["GET", "POST"]),
        Route("/users/me/accounts/{id}", my_account, methods=["GET", "PATCH"]),
    ]
