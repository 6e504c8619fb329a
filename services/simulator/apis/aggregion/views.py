"""What ``extend`` puts in place of a ref, and the lease/visibility rules several routes share."""

from __future__ import annotations

import copy
from typing import Any

from services.simulator.apis.aggregion.query import Resolver
from services.simulator.apis.aggregion.state import AggregionState, Record
from services.simulator.apis.aggregion.wire import bad_request, conflict, forbidden

_ACCOUNT_REFS = frozenset({"owner", "contragent", "sender", "receiver"})
_FUND_REFS = frozenset({"fund", "oldFund", "newFund"})


def account_ref(state: AggregionState, account_id: str) -> Record | None:
    """An extended account: ``{name, isOrganization, id}`` (as the notes show)."""
    account = state.accounts.get(account_id)
    if account is None:
        return None
    return {"id": account["id"], "name": account["name"], "isOrganization": account["isOrganization"]}


def user_ref(state: AggregionState, user_id: str) -> Record | None:
    """An extended user: the public fields (id, nickname, first and last name)."""
    user = state.users.get(user_id)
    if user is None:
        return None
    info = user.get("info", {})
    return {
        "id": user["id"],
        "nickname": user["nickname"],
        "info": {"firstName": info.get("firstName"), "lastName": info.get("lastName")},
    }


def lease_is_current(state: AggregionState, lease: Record) -> bool:
    now = state.now_text()
    return bool(lease["isActive"]) and lease["beginDate"] <= now < lease["expirationDate"]


def active_lease(state: AggregionState, item_id: str) -> Record | None:
    return next(
        (
            lease
            for lease in state.leases.values()
            if lease["item"] == item_id and lease_is_current(state, lease)
        ),
        None,
    )


def resolver(state: AggregionState) -> Resolver:
    def lookup(field: str, ref: str) -> Any:
        if field in _ACCOUNT_REFS:
            return account_ref(state, ref)
        if field == "user":
            return user_ref(state, ref)
        table = {
            "catalog": state.catalog,
            "item": state.items,
            "items": state.items,
            "keys": state.keys,
            "document": state.documents,
            **dict.fromkeys(_FUND_REFS, state.funds),
        }.get(field)
        found = table.get(ref) if table is not None else None
        return copy.deepcopy(found) if found is not None else None

    def resolve(field: str, value: Any, parent: Record) -> Any:
        if value is None and field == "items" and "name" in parent:  # a fund's items
            return [copy.deepcopy(i) for i in state.items.values() if i["fund"] == parent.get("id")]
        if value is None and field == "lease" and "fund" in parent:  # an item's active lease
            lease = active_lease(state, str(parent.get("id")))
            return copy.deepcopy(lease) if lease is not None else None
        if isinstance(value, list):
            return [(lookup(field, v) or v) if isinstance(v, str) else v for v in value]
        if isinstance(value, str):
            return lookup(field, value)
        return None

    return resolve


def new_lease(
    state: AggregionState, owner: str, item: Record, user: str, begin: str, expiration: str, max_keys: int
) -> Record:
    """A lease on ``item`` (owned by ``owner``) for ``user``, after the doc's rules."""
    if item.get("owner") != owner:
        raise forbidden("a lease can be made only on an item the current account owns")
    if user not in state.users:
        raise bad_request(f"unknown user {user}")
    if expiration <= begin:
        raise bad_request("expirationDate must be after beginDate")
    if item.get("expirationDate") and expiration > item["expirationDate"]:
        raise bad_request(f"the lease cannot outlive its item (which expires {item['expirationDate']})")
    entry = state.catalog.get(item["catalog"], {})
    if max_keys != entry.get("maxKeys", 1):
        raise bad_request(
            f"maxKeys must be the catalog position's current maxKeys ({entry.get('maxKeys', 1)})",
            "max_keys_mismatch",
        )
    for lease in state.leases.values():
        if (
            lease["item"] == item["id"]
            and lease["isActive"]
            and begin < lease["expirationDate"]
            and lease["beginDate"] < expiration
        ):
            raise conflict(f"the dates overlap lease {lease['id']} of this item", "lease_overlap")
    lease = {
        "id": state.new_id(),
        "owner": owner,
        "sn": state.next_lease_sn(),
        "item": item["id"],
        "user": user,
        "keys": [],
        "maxKeys": max_keys,
        "creationDate": state.now_text(),
        "beginDate": begin,
        "expirationDate": expiration,
        "isActive": True,
    }
    state.leases[lease["id"]] = lease
    return lease
