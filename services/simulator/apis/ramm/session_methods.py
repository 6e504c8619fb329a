"""session.*, sessions.*, profile.*, settings.*, password.set, managers.*, companies.*, company.*."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from services.simulator.apis.ramm import rows
from services.simulator.apis.ramm.query import EQ, SUB, SearchSpec, search
from services.simulator.apis.ramm.rights import ALL_METHODS, SESSION_METHODS
from services.simulator.apis.ramm.state import CompanyRec, ManagerRec, SessionRec
from services.simulator.apis.ramm.venue import Call, method
from services.simulator.apis.ramm.wire import (
    RammApiError,
    bool_field,
    int_field,
    invalid,
    need_int,
    need_str,
    not_found,
    num,
    parse_stamp,
    stamp,
    str_field,
)

DEFAULT_EXPIRATION_MINUTES = 10
_BLOCKED_STATUSES = (2, 3, 4)

MANAGERS = SearchSpec(
    "Managers",
    {
        "ID": (EQ, "ID"),
        "Login": (SUB, "Login"),
        "FirstName": (SUB, "FirstName"),
        "LastName": (SUB, "LastName"),
        "Mobile": (SUB, "Mobile"),
        "Comment": (SUB, "Comment"),
        "Status": (EQ, "Status"),
    },
    ("ID", "Login", "FirstName", "LastName", "Status", "Tag", "Comment", "Mobile"),
    text_columns=("Login", "FirstName", "LastName", "Mobile", "Comment"),
)
COMPANIES = SearchSpec(
    "Companies",
    {"Name": (SUB, "Name"), "ParentID": (EQ, "ParentID"), "ID": (EQ, "ID")},
    ("ID", "ParentID", "Name", "URL", "Demo", "Status", "ParentCompanyName"),
)


# --- session.* ----------------------------------------------------------------------------------------------


@method("session.login")
async def session_login(call: Call) -> Any:
    state = call.state
    login = need_str(call.body, "Login")
    password = need_str(call.body, "Password")
    manager = next((m for m in state.managers.values() if m.login == login), None)
    if manager is None or not secrets.compare_digest(manager.password, password):
        raise RammApiError("bad_credentials", "wrong login or password")
    if manager.status in _BLOCKED_STATUSES:
        raise RammApiError("login_blocked", f"the login {login!r} is blocked")
    if "CompanyID" not in call.body:
        return {
            "Companies": [
                {"ID": c.id, "Name": c.name, "Demo": c.demo, "URL": call.venue.company_url(c, call.root)}
                for c in sorted(state.companies.values(), key=lambda c: c.id)
                if c.id in manager.rights
            ]
        }
    company_id = need_int(call.body, "CompanyID")
    company = state.companies.get(company_id)
    if company is None or company_id not in manager.rights:
        raise invalid("CompanyID", "not a company of this login")
    if call.dc != company.dc:
        raise invalid("CompanyID", "log in on the company's access server (its URL from the company list)")
    minutes = int_field(call.body, "ExpirationMinutes", required=False, default=DEFAULT_EXPIRATION_MINUTES)
    if minutes is None or minutes < 1:
        raise invalid("ExpirationMinutes", "at least 1")
    now = call.now()
    session = SessionRec(
        secrets.token_hex(20),
        manager.id,
        company_id,
        company.dc,
        now,
        now,
        minutes,
        rights_seen=manager.rights_updated,
    )
    state.sessions[session.token] = session
    return rows.session_row(state, session)


@method("session.get")
async def session_get(call: Call) -> Any:
    return rows.session_row(call.state, call.me)


def methods_of(manager: ManagerRec, company_id: int) -> list[str]:
    rights = manager.rights.get(company_id, set())
    return [m for m in ALL_METHODS if m in SESSION_METHODS or m in rights]


@method("session.getMethods")
async def session_get_methods(call: Call) -> Any:
    manager = call.manager()
    call.me.rights_seen = manager.rights_updated
    return {"Methods": methods_of(manager, call.company_id)}


@method("session.heartbeat")
async def session_heartbeat(call: Call) -> Any:
    manager = call.manager()
    changed = manager.rights_updated > call.me.rights_seen
    return {"DTRightsLastUpdate": stamp(manager.rights_updated), "UpdateImportance": 3 if changed else 0}


@method("session.getMySessions")
async def session_get_my_sessions(call: Call) -> Any:
    mine = [s for s in call.venue.live_sessions() if s.manager_id == call.me.manager_id]
    return [rows.session_row(call.state, s) for s in mine]


@method("session.logout")
async def session_logout(call: Call) -> Any:
    call.state.sessions.pop(call.me.token, None)
    return None


@method("sessions.search")
async def sessions_search(call: Call) -> Any:
    ours = [s for s in call.venue.live_sessions() if s.company_id == call.company_id]
    return {"Sessions": [rows.session_row(call.state, s) for s in ours]}


@method("sessions.logout")
async def sessions_logout(call: Call) -> Any:
    login = need_str(call.body, "Login")
    manager = next(
        (m for m in call.state.managers.values() if m.login == login and call.company_id in m.rights), None
    )
    if manager is None:
        raise not_found("Login", login)
    for token in [
        t
        for t, s in call.state.sessions.items()
        if s.manager_id == manager.id and s.company_id == call.company_id
    ]:
        del call.state.sessions[token]
    return None


# --- profile.* / settings.* / password.set ------------------------------------------------------------------


@method("profile.get")
async def profile_get(call: Call) -> Any:
    manager = call.manager()
    return {
        "ID": manager.id,
        "Login": manager.login,
        "FirstName": manager.first_name,
        "LastName": manager.last_name,
        "Mobile": manager.mobile,
    }


def _update_person(target: Any, body: dict[str, Any], names: dict[str, str]) -> None:
    for wire, attribute in names.items():
        value = str_field(body, wire)
        if value is not None:
            setattr(target, attribute, value)


_PERSON = {"FirstName": "first_name", "LastName": "last_name", "Mobile": "mobile"}


@method("profile.set")
async def profile_set(call: Call) -> Any:
    _update_person(call.manager(), call.body, _PERSON)
    return None


@method("settings.set")
async def settings_set(call: Call) -> Any:
    key = need_str(call.body, "SettingsKey")
    value = str_field(call.body, "Settings")
    slot = (call.me.manager_id, key)
    if value is None:
        call.state.settings.pop(slot, None)
    else:
        call.state.settings[slot] = value
    return None


@method("settings.get")
async def settings_get(call: Call) -> Any:
    key = need_str(call.body, "SettingsKey")
    return {"SettingsKey": key, "Settings": call.state.settings.get((call.me.manager_id, key))}


@method("password.set")
async def password_set(call: Call) -> Any:
    manager = call.manager()
    if not secrets.compare_digest(manager.password, need_str(call.body, "OldPassword")):
        raise invalid("OldPassword", "does not match")
    manager.password = need_str(call.body, "Password")
    return None


# --- managers.* ---------------------------------------------------------------------------------------------


def _rights_list(call: Call, field: str) -> set[str]:
    names = call.body.get(field)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise invalid(field, "must be a list of method names")
    unknown = [n for n in names if n not in ALL_METHODS]
    if unknown:
        raise invalid(field, f"unknown methods {unknown}")
    mine = call.manager().rights.get(call.company_id, set())
    beyond = sorted(set(names) - mine - set(SESSION_METHODS))
    if beyond:
        raise RammApiError("access_denied", f"cannot grant rights the session does not hold: {beyond}")
    return set(names) - set(SESSION_METHODS)


def _company_manager(call: Call, field: str) -> ManagerRec:
    key = need_int(call.body, field)
    manager = call.state.managers.get(key)
    if manager is None or not (manager.rights.keys() & call.visible_companies()):
        raise not_found(field, key)
    return manager


@method("managers.add")
async def managers_add(call: Call) -> Any:
    draft = call.body.get("Manager")
    if not isinstance(draft, dict):
        raise invalid("Manager", "must be an object")
    login = need_str(draft, "Login", max_len=64)
    if any(m.login == login for m in call.state.managers.values()):
        raise invalid("Manager.Login", "already taken")
    rights = _rights_list(call, "Methods")
    manager = ManagerRec(
        call.state.next_id("manager"),
        call.company_id,
        login,
        need_str(draft, "Password"),
        str_field(draft, "FirstName") or "",
        str_field(draft, "LastName") or "",
        str_field(draft, "Mobile") or "",
        str_field(draft, "Comment") or "",
        rights={call.company_id: rights},
        rights_updated=call.now(),
    )
    call.state.managers[manager.id] = manager
    return {"ID": manager.id, "Login": manager.login, "Password": manager.password}


@method("managers.search")
async def managers_search(call: Call) -> Any:
    ours = [m for m in call.state.managers.values() if call.company_id in m.rights]
    return search(MANAGERS, call.body, [rows.manager_row(m) for m in ours])


@method("managers.get")
async def managers_get(call: Call) -> Any:
    manager = _company_manager(call, "ID")
    company = call.state.companies[call.company_id]
    row = rows.manager_row(manager)
    row.pop("Status")
    row["Tag"] = str(manager.tag)
    row["Company"] = {"ID": company.id, "Name": company.name, "Demo": company.demo}
    return row


@method("managers.set")
async def managers_set(call: Call) -> Any:
    manager = _company_manager(call, "ID")
    _update_person(manager, call.body, {**_PERSON, "Comment": "comment"})
    tag = int_field(call.body, "Tag", required=False)
    if tag is not None:
        manager.tag = tag
    return None


@method("managers.getMethods")
async def managers_get_methods(call: Call) -> Any:
    manager = _company_manager(call, "ManagerID")
    company_id = need_int(call.body, "CompanyID")
    if company_id not in call.visible_companies():
        raise not_found("CompanyID", company_id)
    return [{"Method": m} for m in methods_of(manager, company_id)]


@method("managers.setMethods")
async def managers_set_methods(call: Call) -> Any:
    manager = _company_manager(call, "ManagerID")
    manager.rights[call.company_id] = _rights_list(call, "Methods")
    manager.rights_updated = call.now()
    return None


# --- companies.* / company.* --------------------------------------------------------------------------------


def company_row(call: Call, company: CompanyRec) -> dict[str, Any]:
    parent = call.state.companies.get(company.parent_id) if company.parent_id is not None else None
    return {
        "ID": company.id,
        "ParentID": company.parent_id or 0,
        "ParentCompanyName": parent.name if parent else "",
        "Name": company.name,
        "URL": call.venue.company_url(company, call.root),
        "Demo": company.demo,
        "Status": company.status,
    }


@method("companies.add")
async def companies_add(call: Call) -> Any:
    name = need_str(call.body, "Name", max_len=64)
    url = need_str(call.body, "URL")
    demo = bool_field(call.body, "Demo")
    parent = call.state.companies[call.company_id]
    company = CompanyRec(call.state.next_id("company"), name, parent.dc, bool(demo), parent.id, url)
    call.state.companies[company.id] = company
    manager = call.manager()
    manager.rights[company.id] = set(manager.rights.get(call.company_id, set()))
    return {"CompanyID": company.id}


@method("companies.search")
async def companies_search(call: Call) -> Any:
    visible = call.visible_companies()
    found = [company_row(call, c) for c in call.state.companies.values() if c.id in visible]
    return search(COMPANIES, call.body, found)


@method("companies.get")
async def companies_get(call: Call) -> Any:
    return company_row(call, call.company())


@method("company.get")
async def company_get(call: Call) -> Any:
    company = call.state.companies[call.company_id]
    row = company_row(call, company)
    parent_id, parent_name = row.pop("ParentID"), row.pop("ParentCompanyName")
    row["Parent"] = {"ID": parent_id, "Name": parent_name}
    return row


@method("company.set")
async def company_set(call: Call) -> Any:
    company = call.state.companies[call.company_id]
    name, url = str_field(call.body, "Name", max_len=64), str_field(call.body, "URL")
    if name is not None:
        company.name = name
    if url is not None:
        company.url = url or None
    return None


@method("company.getEquity")
async def company_get_equity(call: Call) -> Any:
    filter_ = call.body.get("Filter") or {}
    if not isinstance(filter_, dict):
        raise invalid("Filter", "must be an object")
    low = parse_stamp(filter_["DTFrom"], "Filter.DTFrom") if filter_.get("DTFrom") else None
    high = parse_stamp(filter_["DTTo"], "Filter.DTTo") if filter_.get("DTTo") else None
    now = call.now()
    points = [(t, e, b, w) for c, t, e, b, w in call.state.equity if c == call.company_id]
    points.append((now, *_company_totals(call)))
    return [
        {
            "IDCompany": call.company_id,
            "DT": stamp(t),
            "Equity": num(e),
            "Balance": num(b),
            "WalletsBalance": num(w),
        }
        for t, e, b, w in points
        if (low is None or t >= low) and (high is None or t < high)
    ]


def _company_totals(call: Call) -> tuple[Decimal, Decimal, Decimal]:
    book = call.book
    accounts = [
        a
        for a in call.state.accounts.values()
        if call.company_of_account(a) == call.company_id and a.status != 6
    ]
    equity = sum((book.value(a).equity for a in accounts), Decimal(0))
    balance = sum((a.balance for a in accounts), Decimal(0))
    wallets = sum(
        (
            w.balance
            for w in call.state.wallets.values()
            if call.state.clients[w.client_id].company_id == call.company_id
        ),
        Decimal(0),
    )
    return equity, balance, wallets
