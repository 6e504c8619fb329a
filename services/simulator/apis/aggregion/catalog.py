"""DS catalog, bundles and the public catalog."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.aggregion.query import ListRules, listed, one, ranged
from services.simulator.apis.aggregion.state import AggregionState, Record
from services.simulator.apis.aggregion.views import resolver
from services.simulator.apis.aggregion.wire import (
    answer,
    bad_request,
    body_object,
    caller,
    conflict,
    forbidden,
    guarded,
    not_found,
    pick,
    text_of,
)

CATALOG_RULES = ListRules(
    filters=("title.{lang}", "description.{lang}", "tags", "platformSupport", "options.key", "options.value"),
    order=("title.{lang}",),
    extend=("owner",),
    search=("title", "description", "tags"),
)
PUBLIC_RULES = ListRules(
    filters=("title", "description"),
    order=("title.{lang}",),
    extend=("owner",),
    search=("title", "description", "tags"),
)
BUNDLE_RULES = ListRules(filters=("owner", "catalog", "resourceId"), extend=("owner", "catalog"))

_LISTS = ("tags", "platformSupport", "previewImages", "previewVideos")
_NOT_EDITABLE = ("id", "owner", "rejectReason")
_OWNER_STATUSES = ("none", "published")


def _localised(value: Any, name: str) -> dict[str, str]:
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("default"), str)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        raise bad_request(f'{name} must be an object of texts with a "default" one')
    return dict(value)


def _catalog_fields(body: Record, record: Record, *, creating: bool) -> None:
    """Validate and copy the writable fields of ``body`` into ``record``."""
    for name in ("title", "description"):
        if name in body or creating:
            record[name] = _localised(body.get(name), name)
    if "cover" in body or creating:
        cover = body.get("cover", "")
        if not isinstance(cover, str):
            raise bad_request("cover must be a string (a storage resource id)")
        record["cover"] = cover
    for name in _LISTS:
        if name in body or creating:
            value = body.get(name, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad_request(f"{name} must be a list of strings")
            record[name] = list(value)
    if "options" in body or creating:
        options = body.get("options", {})
        if not isinstance(options, dict):
            raise bad_request("options must be an object")
        record["options"] = dict(options)
    if "maxKeys" in body or creating:
        max_keys = body.get("maxKeys", 1)
        if isinstance(max_keys, bool) or not isinstance(max_keys, int) or max_keys < 1:
            raise bad_request("maxKeys must be a whole number of at least 1")
        record["maxKeys"] = max_keys


def _apply_owner_flags(body: Record, record: Record) -> None:
    """While there is no moderation the owner may set isPublic, and publishingStatus to none/published."""
    if "isPublic" in body:
        if not isinstance(body["isPublic"], bool):
            raise bad_request("isPublic must be true or false")
        record["isPublic"] = body["isPublic"]
    if "publishingStatus" in body:
        if body["publishingStatus"] not in _OWNER_STATUSES:
            raise forbidden("the owner may set publishingStatus to 'none' or 'published' only")
        record["publishingStatus"] = body["publishingStatus"]


def set_published(record: Record, published: bool) -> None:
    record["isPublic"] = published
    record["publishingStatus"] = "published" if published else "none"


def routes(state: AggregionState) -> list[Route]:
    resolve = resolver(state)

    def own_entry(request: Request) -> Record:
        account = caller(state, request).account
        entry = pick(state.catalog, request.path_params["id"], "catalog position")
        if entry["owner"] != account:
            raise forbidden("this catalog position belongs to another account")
        return entry

    @guarded
    async def catalog_list(request: Request) -> Response:
        if request.method == "GET":
            account = caller(state, request).account
            rows = [e for e in state.catalog.values() if e["owner"] == account]
            return ranged(request, listed(request, rows, CATALOG_RULES, resolve))
        account = caller(state, request).account
        body = await body_object(request)
        entry: Record = {"id": state.new_id(), "owner": account}
        _catalog_fields(body, entry, creating=True)
        entry.update(isPublic=False, publishingStatus="none")
        _apply_owner_flags(body, entry)
        state.catalog[entry["id"]] = entry
        return answer(dict(entry), 201)

    @guarded
    async def catalog_entry(request: Request) -> Response:
        entry = own_entry(request)
        if request.method == "GET":
            return answer(one(request, entry, CATALOG_RULES, resolve))
        if request.method == "DELETE":
            if any(item["catalog"] == entry["id"] for item in state.items.values()):
                raise conflict("items exist for this catalog position: it cannot be deleted", "has_items")
            del state.catalog[entry["id"]]
            for bundle_id in [b["id"] for b in state.bundles.values() if b["catalog"] == entry["id"]]:
                del state.bundles[bundle_id]
            return answer(None, 204)
        body = await body_object(request)
        refused = [name for name in _NOT_EDITABLE if name in body]
        if refused:
            raise forbidden(f"{', '.join(refused)} cannot be changed")
        changed = dict(entry)
        _catalog_fields(body, changed, creating=False)
        _apply_owner_flags(body, changed)
        entry.update(changed)
        return answer(dict(entry), 201)  # the doc answers PATCH with 201

    @guarded
    async def publish(request: Request) -> Response:
        entry = own_entry(request)
        set_published(entry, request.url.path.endswith("/publish"))
        return answer(dict(entry))

    @guarded
    async def bundle_list(request: Request) -> Response:
        account = caller(state, request).account
        if request.method == "GET":
            rows = [b for b in state.bundles.values() if b["owner"] == account]
            return answer(listed(request, rows, BUNDLE_RULES, resolve))
        body = await body_object(request)
        owner = text_of(body, "owner", required=False) or account
        if owner != account:
            raise forbidden("a bundle's owner must be the current account (X-Account)")
        catalog_id = text_of(body, "catalog")
        entry = state.catalog.get(catalog_id)
        if entry is None or entry["owner"] != account:
            raise forbidden(f"catalog position {catalog_id} is not one of this account's")
        version = text_of(body, "version")
        if any(b["catalog"] == catalog_id and b["version"] == version for b in state.bundles.values()):
            raise conflict(f"version {version} of this catalog position exists already", "duplicate_version")
        source = state.resources.get(text_of(body, "sourceResourceId"))
        if source is None or source.owner != account:
            raise bad_request("sourceResourceId is not a file in this account's storage")
        stored = state.store(
            account,
            f"bundles/{catalog_id}/{version}/{source.name}",
            source.content,
            source.content_type,
            catalog=catalog_id,
        )
        bundle: Record = {
            "id": state.new_id(),
            "owner": account,
            "version": version,
            "resourceId": stored.id,
            "catalog": catalog_id,
            "available": True,
            "status": "done",
        }
        state.bundles[bundle["id"]] = bundle
        return answer(dict(bundle), 201)

    @guarded
    async def bundle_one(request: Request) -> Response:
        account = caller(state, request).account
        bundle = pick(state.bundles, request.path_params["id"], "bundle")
        if bundle["owner"] != account:
            raise forbidden("this bundle belongs to another account")
        if request.method == "DELETE":
            del state.bundles[bundle["id"]]
            return answer(None, 204)
        return answer(one(request, bundle, BUNDLE_RULES, resolve))

    def public_entry(request: Request) -> Record:
        entry = state.catalog.get(request.path_params["id"])
        if entry is None or not entry.get("isPublic"):
            raise not_found(f"public catalog position {request.path_params['id']}")
        return entry

    @guarded
    async def public_list(request: Request) -> Response:
        rows = [e for e in state.catalog.values() if e.get("isPublic")]
        return ranged(request, listed(request, rows, PUBLIC_RULES, resolve))

    @guarded
    async def public_one(request: Request) -> Response:
        return answer(one(request, public_entry(request), PUBLIC_RULES, resolve))

    @guarded
    async def public_bundles(request: Request) -> Response:
        entry = public_entry(request)
        return answer([dict(b) for b in state.bundles.values() if b["catalog"] == entry["id"]])

    @guarded
    async def public_bundle(request: Request) -> Response:
        entry = public_entry(request)
        bundle = state.bundles.get(request.path_params["bundleId"])
        if bundle is None or bundle["catalog"] != entry["id"]:
            raise not_found(f"bundle {request.path_params['bundleId']} of this position")
        return answer(dict(bundle))

    return [
        Route("/catalog", catalog_list, methods=["GET", "POST"]),
        Route("/catalog/{id}", catalog_entry, methods=["GET", "PATCH", "DELETE"]),
        Route("/catalog/{id}/publish", publish, methods=["POST"]),
        Route("/catalog/{id}/unpublish", publish, methods=["POST"]),
        Route("/bundles", bundle_list, methods=["GET", "POST"]),
        Route("/bundles/{id}", bundle_one, methods=["GET", "DELETE"]),
        Route("/public/catalog", public_list, methods=["GET"]),
        Route("/public/catalog/{id}", public_one, methods=["GET"]),
        Route("/public/catalog/{id}/bundles", public_bundles, methods=["GET"]),
        Route("/public/catalog/{id}/bundles/{bundleId}", public_bundle, methods=["GET"]),
    ]
