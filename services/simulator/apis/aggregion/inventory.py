"""DS funds, items (and their mass moves), documents and transactions."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.aggregion.query import ListRules, extend_fields, extended, listed, one
from services.simulator.apis.aggregion.state import AggregionState, Record, parse_date
from services.simulator.apis.aggregion.views import new_lease, resolver
from services.simulator.apis.aggregion.wire import (
    Caller,
    answer,
    bad_request,
    body_object,
    caller,
    conflict,
    date_of,
    forbidden,
    guarded,
    int_of,
    object_list,
    pick,
    str_list,
    text_of,
)

FUND_RULES = ListRules(filters=("owner", "name"), order=("name",), extend=("owner", "items"))
GROUPED_RULES = ListRules(extend=("catalog",))
ITEM_RULES = ListRules(
    filters=("catalog", "fund", "creationDate", "expirationDate"),
    order=("creationDate", "expirationDate"),
    extend=("catalog", "fund", "lease"),
)
DOCUMENT_FIELDS = ("owner", "contragent", "options.key", "options.value", "squad.catalog", "status")
DOCUMENT_RULES = ListRules(
    filters=DOCUMENT_FIELDS, order=DOCUMENT_FIELDS, extend=("owner", "contragent", "squad.catalog")
)
TRANSACTION_RULES = ListRules(
    filters=("sender", "receiver", "document", "date", "oldFund", "newFund", "items"),
    order=("date",),
    extend=("sender", "receiver", "document", "oldFund", "newFund", "items"),
)
DOCUMENT_TYPES = ("order", "invoice", "displacement")
DOCUMENT_STATUSES = ("new", "accepted")
MAX_QTY = 1000


class Inventory:
    """The item moves and the paperwork (documents, transactions) they leave behind."""

    def __init__(self, state: AggregionState) -> None:
        self.state = state

    def own_fund(self, account: str, fund_id: str) -> Record:
        fund = pick(self.state.funds, fund_id, "fund")
        if fund["owner"] != account:
            raise forbidden(f"fund {fund_id} belongs to another account")
        return fund

    def default_fund(self, account: str) -> str:
        return str(self.state.accounts[account]["defaultFund"])

    def is_free(self, item: Record) -> bool:
        """No current or future active lease holds the item."""
        now = self.state.now_text()
        return not any(
            lease["item"] == item["id"] and lease["isActive"] and lease["expirationDate"] > now
            for lease in self.state.leases.values()
        )

    def create_items(
        self, who: Caller, catalog_id: str, fund_id: str, expiration: str | None, qty: int
    ) -> list[Record]:
        entry = pick(self.state.catalog, catalog_id, "catalog position")
        if entry["owner"] != who.account:
            raise forbidden("items can be added only for the account's own catalog positions")
        self.own_fund(who.account, fund_id)
        created = []
        now = self.state.now_text()  # one request, one creation date (so /grouped shows them as one row)
        for _ in range(qty):
            item = {
                "id": self.state.new_id(),
                "creator": who.account,
                "owner": who.account,
                "catalog": catalog_id,
                "fund": fund_id,
                "creationDate": now,
            }
            if expiration is not None:
                item["expirationDate"] = expiration
            self.state.items[item["id"]] = item
            created.append(item)
        return created

    def take(self, account: str, lines: list[Record], from_fund: str | None) -> list[Record]:
        """``qty`` free items per ``{catalog, expirationDate, qty}`` line, owned by ``account``."""
        taken: list[Record] = []
        for line in lines:
            catalog_id = text_of(line, "catalog")
            expiration = date_of(line, "expirationDate", required=False)
            qty = int_of(line, "qty", default=1, minimum=1)
            found = [
                item
                for item in self.state.items.values()
                if item["owner"] == account
                and item["catalog"] == catalog_id
                and item not in taken
                and (expiration is None or item.get("expirationDate") == expiration)
                and (from_fund is None or item["fund"] == from_fund)
                and self.is_free(item)
            ][:qty]
            if len(found) < qty:
                raise conflict(
                    f"only {len(found)} free items of catalog position {catalog_id}"
                    f"{' expiring ' + expiration if expiration else ''}, {qty} asked",
                    "not_enough_items",
                )
            taken.extend(found)
        return taken

    def document(
        self,
        owner: str,
        contragent: str,
        kind: str,
        squad: list[Record],
        options: list[Record] | None = None,
        ref_doc: str | None = None,
    ) -> Record:
        document: Record = {
            "id": self.state.new_id(),
            "owner": owner,
            "contragent": contragent,
            "number": self.state.next_document_number(),
            "type": kind,
            "options": options or [],
            "squad": squad,
            "status": "new",
        }
        if ref_doc:
            document["refDoc"] = ref_doc
        self.state.documents[document["id"]] = document
        return document

    def squad_of(self, items: list[Record]) -> list[Record]:
        counts = Counter((item["catalog"], item.get("expirationDate")) for item in items)
        now = self.state.now()
        squad = []
        for (catalog_id, expiration), qty in counts.items():
            moment = parse_date(expiration)
            line: Record = {"catalog": catalog_id, "qty": qty}
            if moment is not None:
                line["licensePeriod"] = max(0, math.ceil((moment.timestamp() - now) / 86400))
            squad.append(line)
        return squad

    def transfer(
        self, sender: str, receiver: str, document: str, items: list[Record], new_fund: str
    ) -> list[Record]:
        """Move ``items`` to ``new_fund`` (of ``receiver``): one transaction per fund they come from."""
        by_fund: dict[str, list[Record]] = {}
        for item in items:
            by_fund.setdefault(item["fund"], []).append(item)
        made = []
        for old_fund, moved in by_fund.items():
            for item in moved:
                item["fund"] = new_fund
                item["owner"] = receiver
            made.append(self.transaction(sender, receiver, document, old_fund, new_fund, moved))
        return made

    def transaction(
        self,
        sender: str,
        receiver: str,
        document: str,
        old_fund: str | None,
        new_fund: str,
        items: list[Record],
    ) -> Record:
        transaction: Record = {
            "id": self.state.new_id(),
            "sender": sender,
            "receiver": receiver,
            "document": document,
            "date": self.state.now_text(),
            "newFund": new_fund,
            "items": [item["id"] for item in items],
        }
        if old_fund:
            transaction["oldFund"] = old_fund
        self.state.transactions[transaction["id"]] = transaction
        return transaction

    def move_to_account(self, who: Caller, body: Record, items: list[Record]) -> None:
        target = text_of(body, "account")
        if target not in self.state.accounts:
            raise bad_request(f"unknown account {target}")
        options = document_options(body.get("documentOptions"))
        document = self.document(who.account, target, "invoice", self.squad_of(items), options)
        self.transfer(who.account, target, document["id"], items, self.default_fund(target))

    def visible_document(self, account: str, document_id: str) -> Record:
        document = pick(self.state.documents, document_id, "document")
        if account not in (document["owner"], document["contragent"]):
            raise forbidden("this document is neither the account's nor addressed to it")
        return document


def document_options(value: Any) -> list[Record]:
    """``[{key, value}]`` (HEAD) or an object (the short doc's ``{}``) -> ``[{key, value}]``."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [{"key": str(k), "value": str(v)} for k, v in value.items()]
    if isinstance(value, list) and all(
        isinstance(o, dict) and isinstance(o.get("key"), str) and isinstance(o.get("value"), str)
        for o in value
    ):
        return [{"key": o["key"], "value": o["value"]} for o in value]
    raise bad_request("options must be a list of {key, value} strings")


def squad_lines(value: Any) -> list[Record]:
    if not isinstance(value, list) or not all(isinstance(line, dict) for line in value):
        raise bad_request("squad must be a list of {catalog, qty, licensePeriod}")
    squad = []
    for line in value:
        entry: Record = {"catalog": text_of(line, "catalog"), "qty": int_of(line, "qty", minimum=1)}
        if line.get("licensePeriod") is not None:
            entry["licensePeriod"] = int_of(line, "licensePeriod")
        squad.append(entry)
    return squad


def routes(state: AggregionState) -> list[Route]:
    resolve = resolver(state)
    inventory = Inventory(state)

    # --- funds ----------------------------------------------------------------------------------------------

    @guarded
    async def fund_list(request: Request) -> Response:
        account = caller(state, request).account
        if request.method == "GET":
            rows = [f for f in state.funds.values() if f["owner"] == account]
            return answer(listed(request, rows, FUND_RULES, resolve))
        body = await body_object(request)
        owner = text_of(body, "owner", required=False) or account
        if owner != account:
            raise forbidden("a fund's owner must be the current account (X-Account)")
        fund = {"id": state.new_id(), "owner": account, "name": text_of(body, "name")}
        state.funds[fund["id"]] = fund
        return answer(dict(fund))  # 200, as documented

    @guarded
    async def fund_one(request: Request) -> Response:
        account = caller(state, request).account
        fund = inventory.own_fund(account, request.path_params["id"])
        if request.method == "GET":
            return answer(one(request, fund, FUND_RULES, resolve))
        if request.method == "PATCH":
            body = await body_object(request)
            if set(body) - {"name"}:
                raise bad_request("only name can be changed")
            fund["name"] = text_of(body, "name")
            return answer(dict(fund))
        default = inventory.default_fund(account)
        if fund["id"] == default:
            raise conflict("the default fund cannot be deleted", "default_fund")
        moved = [item for item in state.items.values() if item["fund"] == fund["id"]]
        if moved:
            document = inventory.document(account, account, "displacement", inventory.squad_of(moved))
            inventory.transfer(account, account, document["id"], moved, default)
        del state.funds[fund["id"]]
        return answer(None, 204)

    @guarded
    async def fund_grouped(request: Request) -> Response:
        account = caller(state, request).account
        fund = inventory.own_fund(account, request.path_params["id"])
        groups: dict[str, Counter[tuple[str, str | None]]] = {}
        for item in state.items.values():
            if item["fund"] == fund["id"]:
                key = (item["creationDate"], item.get("expirationDate"))
                groups.setdefault(item["catalog"], Counter())[key] += 1
        rows = [
            {
                "catalog": catalog_id,
                "items": [
                    {"creationDate": created, "expirationDate": expires, "qty": qty}
                    for (created, expires), qty in sorted(counts.items(), key=lambda kv: kv[0][0])
                ],
            }
            for catalog_id, counts in groups.items()
        ]
        rows = extended(rows, extend_fields(request, GROUPED_RULES), resolve)
        total = len(rows)
        content_range = f"items 0-{total - 1}/{total}" if total else "items */0"
        return answer(rows, 206, {"Content-Range": content_range})

    # --- items ----------------------------------------------------------------------------------------------

    @guarded
    async def item_list(request: Request) -> Response:
        who = caller(state, request)
        if request.method == "GET":
            rows = [i for i in state.items.values() if i["owner"] == who.account]
            return answer(listed(request, rows, ITEM_RULES, resolve))
        body = await body_object(request)
        fund = text_of(body, "fund", required=False) or inventory.default_fund(who.account)
        created = inventory.create_items(
            who, text_of(body, "catalog"), fund, date_of(body, "expirationDate", required=False), 1
        )
        return answer(dict(created[0]), 201)

    @guarded
    async def item_multi(request: Request) -> Response:
        who = caller(state, request)
        body = await body_object(request)
        qty = int_of(body, "qty", minimum=1)
        if qty > MAX_QTY:
            raise bad_request(f"qty must be at most {MAX_QTY}")
        fund = text_of(body, "fund", required=False) or inventory.default_fund(who.account)
        created = inventory.create_items(
            who, text_of(body, "catalog"), fund, date_of(body, "expirationDate", required=False), qty
        )
        return answer([dict(item) for item in created], 201)

    @guarded
    async def move_to_account(request: Request) -> Response:
        who = caller(state, request)
        body = await body_object(request)
        from_fund = text_of(body, "fromFund", required=False) or None
        if from_fund:
            inventory.own_fund(who.account, from_fund)
        items = inventory.take(who.account, object_list(body, "items"), from_fund)
        inventory.move_to_account(who, body, items)
        return answer(None, 201)

    @guarded
    async def create_and_move(request: Request) -> Response:
        who = caller(state, request)
        body = await body_object(request)
        fund = text_of(body, "fromFund", required=False) or inventory.default_fund(who.account)
        lines = object_list(body, "items")
        created: list[Record] = []
        for line in lines:
            qty = int_of(line, "qty", default=1, minimum=1)
            if qty > MAX_QTY:
                raise bad_request(f"qty must be at most {MAX_QTY}")
            created += inventory.create_items(
                who, text_of(line, "catalog"), fund, date_of(line, "expirationDate", required=False), qty
            )
        inventory.move_to_account(who, body, created)
        return answer(None, 201)

    @guarded
    async def move_to_fund(request: Request) -> Response:
        who = caller(state, request)
        body = await body_object(request)
        target = text_of(body, "toFund", required=False) or text_of(body, "fund")
        inventory.own_fund(who.account, target)
        from_fund = text_of(body, "fromFund", required=False) or None
        if from_fund:
            inventory.own_fund(who.account, from_fund)
        items = inventory.take(who.account, object_list(body, "items"), from_fund)
        document = inventory.document(who.account, who.account, "displacement", inventory.squad_of(items))
        inventory.transfer(who.account, who.account, document["id"], items, target)
        return answer(None, 201)

    async def leases_for(request: Request, users_of: str) -> Response:
        who = caller(state, request)
        body = await body_object(request)
        expiration = date_of(body, "expirationDate")
        assert expiration is not None
        if users_of == "users":
            users = str_list(body, "users")
        else:
            users = []
            for group_id in str_list(body, "groups"):
                users += [u for u in pick(state.groups, group_id, "group")["members"] if u not in users]
        lines = [dict(line, qty=1) for line in object_list(body, "items")]
        made = []
        for user in users:
            for item in inventory.take(who.account, lines, None):
                max_keys = state.catalog.get(item["catalog"], {}).get("maxKeys", 1)
                made.append(
                    dict(new_lease(state, who.account, item, user, state.now_text(), expiration, max_keys))
                )
        return answer(made, 201)

    @guarded
    async def leases_for_users(request: Request) -> Response:
        return await leases_for(request, "users")

    @guarded
    async def leases_for_groups(request: Request) -> Response:
        return await leases_for(request, "groups")

    # --- documents ------------------------------------------------------------------------------------------

    @guarded
    async def document_list(request: Request) -> Response:
        account = caller(state, request).account
        if request.method == "GET":
            rows = [d for d in state.documents.values() if account in (d["owner"], d["contragent"])]
            return answer(listed(request, rows, DOCUMENT_RULES, resolve))
        body = await body_object(request)
        contragent = text_of(body, "contragent")
        if contragent not in state.accounts:
            raise bad_request(f"unknown contragent account {contragent}")
        kind = text_of(body, "type")
        if kind not in DOCUMENT_TYPES:
            raise bad_request(f"type must be one of {', '.join(DOCUMENT_TYPES)}")
        ref_doc = text_of(body, "refDoc", required=False) or None
        if ref_doc:
            inventory.visible_document(account, ref_doc)
        document = inventory.document(
            account,
            contragent,
            kind,
            squad_lines(body.get("squad", [])),
            document_options(body.get("options")),
            ref_doc,
        )
        return answer(dict(document), 201)

    @guarded
    async def document_one(request: Request) -> Response:
        account = caller(state, request).account
        document = inventory.visible_document(account, request.path_params["id"])
        if request.method == "GET":
            return answer(one(request, document, DOCUMENT_RULES, resolve))
        if document["owner"] != account:
            raise forbidden("only the document's owner can change or delete it")
        if request.method == "DELETE":
            if any(t["document"] == document["id"] for t in state.transactions.values()):
                raise conflict("a transaction refers to this document: it cannot be deleted", "referenced")
            del state.documents[document["id"]]
            return answer(None, 204)
        body = await body_object(request)
        unknown = set(body) - {"contragent", "options", "squad", "refDoc", "status"}
        if unknown:
            raise bad_request(f"cannot change {', '.join(sorted(unknown))}")
        changed = dict(document)
        if "contragent" in body:
            changed["contragent"] = text_of(body, "contragent")
            if changed["contragent"] not in state.accounts:
                raise bad_request(f"unknown contragent account {changed['contragent']}")
        if "options" in body:
            changed["options"] = document_options(body["options"])
        if "squad" in body:
            changed["squad"] = squad_lines(body["squad"])
        if "refDoc" in body:
            changed["refDoc"] = inventory.visible_document(account, text_of(body, "refDoc"))["id"]
        if "status" in body:
            if body["status"] not in DOCUMENT_STATUSES:
                raise bad_request(f"status must be one of {', '.join(DOCUMENT_STATUSES)}")
            changed["status"] = body["status"]
        document.update(changed)
        return answer(dict(document))

    # --- transactions ---------------------------------------------------------------------------------------

    @guarded
    async def transaction_list(request: Request) -> Response:
        account = caller(state, request).account
        if request.method == "GET":
            rows = [t for t in state.transactions.values() if account in (t.get("sender"), t.get("receiver"))]
            return answer(listed(request, rows, TRANSACTION_RULES, resolve))
        body = await body_object(request)
        receiver = text_of(body, "receiver")
        if receiver not in state.accounts:
            raise bad_request(f"unknown receiver account {receiver}")
        document = inventory.visible_document(account, text_of(body, "document"))
        new_fund = pick(state.funds, text_of(body, "newFund"), "fund")
        if new_fund["owner"] != receiver:
            raise forbidden("newFund must be a fund of the receiver")
        old_fund = text_of(body, "oldFund", required=False) or None
        items = [pick(state.items, item_id, "item") for item_id in str_list(body, "items")]
        for item in items:
            if item["owner"] != account:
                raise forbidden(f"item {item['id']} is not the account's")
            if old_fund and item["fund"] != old_fund:
                raise bad_request(f"item {item['id']} is not in oldFund {old_fund}")
        for item in items:
            if old_fund:
                item["fund"] = new_fund["id"]
            item["owner"] = receiver
        made = inventory.transaction(account, receiver, document["id"], old_fund, new_fund["id"], items)
        return answer(dict(made), 201)

    return [
        Route("/funds", fund_list, methods=["GET", "POST"]),
        Route("/funds/{id}", fund_one, methods=["GET", "PATCH", "DELETE"]),
        Route("/funds/{id}/grouped", fund_grouped, methods=["GET"]),
        Route("/items", item_list, methods=["GET", "POST"]),
        Route("/items/multi", item_multi, methods=["POST"]),
        Route("/items/moveToAccount", move_to_account, methods=["POST"]),
        Route("/items/moveToFund", move_to_fund, methods=["POST"]),
        Route("/items/createAndMoveToAccount", create_and_move, methods=["POST"]),
        Route("/items/createLeasesForUsers", leases_for_users, methods=["POST"]),
        Route("/items/createLeasesForGroups", leases_for_groups, methods=["POST"]),
        Route("/documents", document_list, methods=["GET", "POST"]),
        Route("/documents/{id}", document_one, methods=["GET", "PATCH", "DELETE"]),
        Route("/transactions", transaction_list, methods=["GET", "POST"]),
    ]
