"""The storage service behind every ``resourceId`` (mounted at ``/aggregion/storage/api``; not in the doc)."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.aggregion.state import AggregionState, StoredResource
from services.simulator.apis.aggregion.views import lease_is_current
from services.simulator.apis.aggregion.wire import (
    answer,
    bad_request,
    bearer_user,
    caller,
    forbidden,
    guarded,
    not_found,
)

MAX_UPLOAD = 16 * 1024 * 1024


def may_read(state: AggregionState, resource: StoredResource, user: str) -> bool:
    if resource.public or user in resource.readers or user in state.members(resource.owner):
        return True
    if resource.catalog is None:
        return False
    return any(
        lease["user"] == user
        and lease_is_current(state, lease)
        and state.items.get(lease["item"], {}).get("catalog") == resource.catalog
        for lease in state.leases.values()
    )


def routes(state: AggregionState) -> list[Route]:
    @guarded
    async def upload(request: Request) -> Response:
        who = caller(state, request)
        content = await request.body()
        if len(content) > MAX_UPLOAD:
            raise bad_request(f"files are limited to {MAX_UPLOAD} bytes here")
        name = request.query_params.get("name", "").strip() or "file"
        content_type = request.headers.get("content-type", "application/octet-stream")
        stored = state.store(who.account, name, content, content_type)
        return answer({"id": stored.id, "name": stored.name, "size": len(content)}, 201)

    @guarded
    async def download(request: Request) -> Response:
        resource = state.resources.get(request.path_params["id"])
        if resource is None:
            raise not_found(f"resource {request.path_params['id']}")
        if not resource.public and not may_read(state, resource, bearer_user(state, request)):
            raise forbidden("this file is not available to this user")
        file_name = re.sub(r"[^\w.\-]", "_", resource.name.rsplit("/")[-1]) or "file"
        return Response(
            resource.content,
            media_type=resource.content_type,
            headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
        )

    return [
        Route("/resources", upload, methods=["POST"]),
        Route("/resources/{id}", download, methods=["GET"]),
    ]
