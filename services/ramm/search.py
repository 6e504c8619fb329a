"""The ``*.search`` convention: what to ask for (:class:`Query`) and how to read any page of an answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from services.ramm.enums import SortDirection
from services.ramm.schemas import PagingRequest, SearchRequest, SortRequest, dump_filter, to_wire

MAX_PER_PAGE = 100  # every documented example caps PerPage at 100


@dataclass(frozen=True, slots=True)
class Query:
    """A search: the method's Filter fields (wire names; datetimes and Decimals are converted), the page
    and the order. Every section is optional at the venue; ``order_by`` must be one of the method's fields."""

    filter: Mapping[str, Any] | BaseModel | None = None
    page: int = 1
    per_page: int = MAX_PER_PAGE
    order_by: str | None = None
    direction: SortDirection = SortDirection.ASC

    def at_page(self, page: int) -> Query:
        return replace(self, page=page)

    def body(self) -> dict[str, Any]:
        filter_ = self.filter if isinstance(self.filter, BaseModel) else dict(self.filter or {})
        request = SearchRequest(
            Filter=dump_filter(filter_),
            Pagination=PagingRequest(CurrentPage=self.page, PerPage=self.per_page),
            OrderBy=SortRequest(Field=self.order_by, Direction=self.direction) if self.order_by else None,
        )
        return to_wire(request)
