"""Strategy templates that installed add-ons bring (a ``tessera-strategy-templates/1`` pack): shared through
``ctx.services`` so the strategies panel offers them next to the venue's own templates.

A pack's templates are coin-weight strategy items; each is read with the venue's own model
(``parse_strategy_item``), so a template the venue would refuse is left out (and logged), never offered.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from services.coinweight.adapter import spec_of
from services.coinweight.schemas import parse_strategy_item
from services.domain import StrategySpec

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger("tessera.addons")

SERVICE_NAME = "addon_strategy_templates"
PACK_FORMAT = "tessera-strategy-templates/1"


class AddonTemplates:
    """The add-on templates known in this window, by name (a later pack's template replaces one of the same
    name)."""

    def __init__(self) -> None:
        self._by_name: dict[str, StrategySpec] = {}

    def add(self, specs: list[StrategySpec]) -> None:
        for spec in specs:
            self._by_name[spec.name] = spec

    def templates(self) -> list[StrategySpec]:
        return list(self._by_name.values())


def addon_templates(ctx: AppContext) -> AddonTemplates:
    """The window's add-on templates (registered on first use)."""
    if SERVICE_NAME not in ctx.services:
        ctx.services.register(SERVICE_NAME, AddonTemplates())
    return ctx.services.get(SERVICE_NAME, AddonTemplates)


def templates_of(content: Mapping[str, Any]) -> list[StrategySpec]:
    """The valid templates of a strategy-template pack (``[]`` for anything else)."""
    if content.get("format") != PACK_FORMAT or not isinstance(content.get("templates"), list):
        return []
    specs = []
    for raw in content["templates"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            continue
        try:
            specs.append(spec_of(parse_strategy_item({k: v for k, v in raw.items() if k != "id"})))
        except (ValidationError, ValueError, TypeError) as exc:
            log.warning("strategy template %r of an add-on left out: %s", raw.get("name"), exc)
    return specs
