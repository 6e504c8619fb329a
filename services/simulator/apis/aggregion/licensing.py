"""DS leases, the client side (leases, keys, licences) and bundle signatures."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.aggregion.licence import (
    ALGORITHM,
    LicenceClaims,
    LicenceRefused,
    key_id,
    public_key_bytes,
    read_licence,
    sign_document,
    sign_licence,
)
from services.simulator.apis.aggregion.query import ListRules, listed, one
from services.simulator.apis.aggregion.state import AggregionState, Record
from services.simulator.apis.aggregion.views import lease_is_current, new_lease, resolver
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
    not_found,
    pick,
    text_of,
)

LEASE_RULES = ListRules(
    filters=("item", "user", "keys", "beginDate", "expirationDate"),
    order=("creationDate", "expirationDate"),
    extend=("item", "item.fund", "item.catalog", "user", "keys"),
)
CLIENT_LEASE_RULES = ListRules(extend=("owner", "item", "item.catalog", "item.fund"))
KEY_RULES = ListRules(filters=("number", "deviceId", "deviceName"))
SIGNATURE_FORMAT = "aggregion-bundle-signature/1"


def routes(state: AggregionState) -> list[Route]:
    resolve = resolver(state)

    def own_lease(request: Request) -> Record:
        account = caller(state, request).account
        lease = pick(state.leases, request.path_params["id"], "lease")
        if lease["owner"] != account:
            raise forbidden("this lease belongs to another account")
        return lease

    def my_lease(request: Request) -> tuple[Caller, Record]:
        who = caller(state, request)
        lease = state.leases.get(request.path_params["id"])
        if lease is None or lease["user"] != who.user:
            raise not_found(f"lease {request.path_params['id']} of this user")
        return who, lease

    def my_key(who: Caller, number: str) -> Record:
        key = next((k for k in state.keys.values() if k["number"] == number), None)
        if key is None or key["user"] != who.user:
            raise not_found(f"key {number} of this user")
        return key

    # --- leases (the account's) -----------------------------------------------------------------------------

    @guarded
    async def lease_list(request: Request) -> Response:
        account = caller(state, request).account
        if request.method == "GET":
            rows = [lease for lease in state.leases.values() if lease["owner"] == account]
            return answer(listed(request, rows, LEASE_RULES, resolve))
        body = await body_object(request)
        item = pick(state.items, text_of(body, "item"), "item")
        begin = date_of(body, "beginDate", required=False) or state.now_text()
        expiration = date_of(body, "expirationDate")
        assert expiration is not None
        lease = new_lease(
            state, account, item, text_of(body, "user"), begin, expiration, int_of(body, "maxKeys", minimum=1)
        )
        return answer(dict(lease), 201)

    @guarded
    async def lease_one(request: Request) -> Response:
        lease = own_lease(request)
        if request.method == "PATCH":
            body = await body_object(request)
            if set(body) - {"isActive"}:
                raise bad_request("only isActive can be changed")
            if body.get("isActive") is not False:
                raise bad_request("isActive can only go from true to false")
            lease["isActive"] = False
            return answer(dict(lease))
        return answer(one(request, lease, LEASE_RULES, resolve))

    # --- the client's leases --------------------------------------------------------------------------------

    @guarded
    async def client_leases(request: Request) -> Response:
        who = caller(state, request)
        rows = [
            lease
            for lease in state.leases.values()
            if lease["user"] == who.user and lease_is_current(state, lease)
        ]
        return answer(listed(request, rows, CLIENT_LEASE_RULES, resolve))

    @guarded
    async def client_lease(request: Request) -> Response:
        _, lease = my_lease(request)
        return answer(one(request, lease, CLIENT_LEASE_RULES, resolve))

    async def key_of_body(request: Request, who: Caller) -> Record:
        return my_key(who, text_of(await body_object(request), "keyNumber"))

    @guarded
    async def bind(request: Request) -> Response:
        who, lease = my_lease(request)
        key = await key_of_body(request, who)
        if not lease_is_current(state, lease):
            raise conflict("the lease is not active", "lease_inactive")
        if key["id"] not in lease["keys"]:
            if len(lease["keys"]) >= lease["maxKeys"]:
                raise conflict(
                    f"all {lease['maxKeys']} keys of this lease are bound; unbind one first", "max_keys"
                )
            lease["keys"].append(key["id"])
        return answer(dict(lease))

    @guarded
    async def unbind(request: Request) -> Response:
        who, lease = my_lease(request)
        key = await key_of_body(request, who)
        if key["id"] not in lease["keys"]:
            raise conflict(f"key {key['number']} is not bound to this lease", "not_bound")
        lease["keys"].remove(key["id"])
        return answer(dict(lease))

    @guarded
    async def license_file(request: Request) -> Response:
        who, lease = my_lease(request)
        key = await key_of_body(request, who)
        if not lease_is_current(state, lease):
            raise conflict("the lease is not active", "lease_inactive")
        if key["id"] not in lease["keys"]:
            raise conflict(f"bind key {key['number']} to the lease first", "not_bound")
        item = state.items[lease["item"]]
        claims = LicenceClaims.model_validate(
            {
                "lease": lease["id"],
                "leaseSn": lease["sn"],
                "catalog": item["catalog"],
                "item": item["id"],
                "owner": lease["owner"],
                "user": lease["user"],
                "keyNumber": key["number"],
                "deviceId": key.get("deviceId") or "",
                "beginDate": lease["beginDate"],
                "expirationDate": lease["expirationDate"],
                "issuedAt": state.now_text(),
            }
        )
        stored = state.store(
            lease["owner"],
            f"licenses/{lease['id']}/{key['number']}.lic",
            sign_licence(claims, state.signing_key),
            "application/json",
            readers={lease["user"]},
        )
        return answer({"resourceId": stored.id}, 201)

    # --- keys -----------------------------------------------------------------------------------------------

    @guarded
    async def key_list(request: Request) -> Response:
        who = caller(state, request)
        if request.method == "GET":
            rows = [k for k in state.keys.values() if k["user"] == who.user]
            return answer(listed(request, rows, KEY_RULES, resolve))
        body = await body_object(request)
        device_id = text_of(body, "deviceId")
        existing = next(
            (k for k in state.keys.values() if k["user"] == who.user and k.get("deviceId") == device_id), None
        )
        if existing is not None:  # one key per device of a user: asking again gives the same key
            return answer(dict(existing), 201)
        key: Record = {
            "id": state.new_id(),
            "number": state.next_key_number(),
            "deviceId": device_id,
            "deviceName": text_of(body, "deviceName", required=False),
            "user": who.user,
        }
        if body.get("publicKey") is not None:
            key["publicKey"] = text_of(body, "publicKey")
        content = json.dumps({k: v for k, v in key.items() if k != "id"}, sort_keys=True).encode()
        key["body"] = state.store(
            who.account, f"keys/{key['number']}.json", content, "application/json", readers={who.user}
        ).id
        state.keys[key["id"]] = key
        return answer(dict(key), 201)

    @guarded
    async def key_one(request: Request) -> Response:
        who = caller(state, request)
        key = state.keys.get(request.path_params["id"])
        if key is None or key["user"] != who.user:
            raise not_found(f"key {request.path_params['id']} of this user")
        if request.method == "PATCH":
            body = await body_object(request)
            if set(body) - {"deviceName"}:
                raise bad_request("only deviceName can be changed")
            key["deviceName"] = text_of(body, "deviceName")
        return answer(dict(key))

    # --- public: bundle signatures and the licence key ------------------------------------------------------

    @guarded
    async def bundle_signature(request: Request) -> Response:
        entry = state.catalog.get(request.path_params["id"])
        bundle = state.bundles.get(request.path_params["bundleId"])
        if entry is None or not entry.get("isPublic") or bundle is None or bundle["catalog"] != entry["id"]:
            raise not_found("bundle of a public catalog position")
        body = await body_object(request)
        number = text_of(body, "keyNumber")
        try:
            claims = read_licence(
                base64.b64decode(text_of(body, "license"), validate=True), state.signing_key.public_key()
            )
        except (binascii.Error, ValueError, LicenceRefused) as exc:
            raise forbidden(f"the license is not valid: {exc}") from exc
        lease = state.leases.get(claims.lease)
        key = next((k for k in state.keys.values() if k["number"] == number), None)
        if claims.catalog != entry["id"] or claims.key_number != number:
            raise forbidden("the license is for another catalog position or key")
        if (
            lease is None
            or not lease_is_current(state, lease)
            or key is None
            or key["id"] not in lease["keys"]
        ):
            raise forbidden("the license's lease is no longer active or the key is no longer bound")
        content = state.resources[bundle["resourceId"]].content
        signed = sign_document(
            {
                "bundle": bundle["id"],
                "catalog": entry["id"],
                "keyNumber": number,
                "lease": lease["id"],
                "resourceId": bundle["resourceId"],
                "sha256": hashlib.sha256(content).hexdigest(),
                "issuedAt": state.now_text(),
            },
            state.signing_key,
            field="grant",
            kind=SIGNATURE_FORMAT,
        )
        stored = state.store(
            bundle["owner"],
            f".signatures/{bundle['id']}{number}",
            signed,
            "application/json",
            readers={lease["user"]},
        )
        return answer({"resourceId": stored.id})

    async def licence_key(request: Request) -> Response:
        public = public_key_bytes(state.signing_key.public_key())
        return answer(
            {
                "algorithm": ALGORITHM,
                "publicKey": base64.b64encode(public).decode("ascii"),
                "keyId": key_id(public),
            }
        )

    return [
        Route("/leases", lease_list, methods=["GET", "POST"]),
        Route("/leases/{id}", lease_one, methods=["GET", "PATCH"]),
        Route("/client/leases", client_leases, methods=["GET"]),
        Route("/client/leases/{id}", client_lease, methods=["GET"]),
        Route("/client/leases/{id}/bind", bind, methods=["POST"]),
        Route("/client/leases/{id}/unbind", unbind, methods=["POST"]),
        Route("/client/leases/{id}/license", license_file, methods=["POST"]),
        Route("/client/keys", key_list, methods=["GET", "POST"]),
        Route("/client/keys/{id}", key_one, methods=["GET", "PATCH"]),
        Route("/public/catalog/{id}/bundles/{bundleId}/signature", bundle_signature, methods=["POST"]),
        Route("/public/licenseKey", licence_key, methods=["GET"]),
    ]
