"""Which state of each simulated venue a paper account keeps, and how it is put back.

Each venue's state module names its kept fields (``PAPER_FIELDS``); here they are read out of the state in
``ctx.venue_state`` and, on a restart, set on a freshly made state that is put where the venue's
``create_app`` finds it (so the venue reuses it and does not seed). Venues are restored in dependency order:
the engine first (by the caller), then the trade permissions, CHP (its portfolios), coin-weight, dxRegister
(which listens to CHP's money), RAMM, Aggregion. A venue missing from the file is seeded as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

import services.simulator.apis.aggregion.state as aggregion
import services.simulator.apis.chp.state as chp
import services.simulator.apis.coinweight.state as coinweight
import services.simulator.apis.dxregister.state as dx
import services.simulator.apis.ramm.state as ramm
from services.simulator.apis.dxregister.seed import tell_chp_of_money
from services.simulator.apis.ramm.book import CopyBook
from services.simulator.apis.ramm.instruments import Instruments
from services.simulator.context import SimulatorContext
from services.simulator.permissions import STATE_KEY as PERMISSIONS_KEY
from services.simulator.permissions import TradePermissions


@dataclass(frozen=True)
class KeptVenue:
    """One entry of ``ctx.venue_state`` a paper account keeps."""

    key: str  # in ctx.venue_state (and the file's ``venue`` column)
    served_by: str  # the venue API (app.VENUE_MOUNTS) whose requests change it
    fields: tuple[str, ...]
    current: Callable[[Any], object | None]  # the state object out of the entry (None: not made yet)
    make: Callable[[SimulatorContext], object]  # a fresh state to take the kept fields
    install: Callable[[SimulatorContext, object], None]  # puts it where the venue looks (and wires it)


def _plain(kind: type) -> Callable[[Any], object | None]:
    return lambda entry: entry if isinstance(entry, kind) else None


def _put(key: str) -> Callable[[SimulatorContext, object], None]:
    def install(ctx: SimulatorContext, state: object) -> None:
        ctx.venue_state[key] = state

    return install


def _install_dx(ctx: SimulatorContext, state: object) -> None:
    assert isinstance(state, dx.DxState)
    ctx.venue_state[dx.VENUE_ID] = state
    tell_chp_of_money(state)


def _ramm_state(entry: Any) -> object | None:
    return entry[0] if isinstance(entry, tuple) and isinstance(entry[0], ramm.RammState) else None


def _install_ramm(ctx: SimulatorContext, state: object) -> None:
    assert isinstance(state, ramm.RammState)
    ctx.venue_state["ramm"] = (state, CopyBook(state, Instruments(ctx.engine)))


KEPT_VENUES: tuple[KeptVenue, ...] = (
    KeptVenue(PERMISSIONS_KEY, "dxregister", TradePermissions.PAPER_FIELDS, _plain(TradePermissions),
              lambda ctx: TradePermissions(), _put(PERMISSIONS_KEY)),
    KeptVenue("chp", "chp", chp.PAPER_FIELDS, _plain(chp.ChpState), chp.ChpState, _put("chp")),
    KeptVenue("coinweight", "coinweight", coinweight.PAPER_FIELDS, _plain(coinweight.CoinweightState),
              lambda ctx: coinweight.CoinweightState(), _put("coinweight")),
    KeptVenue(dx.VENUE_ID, "dxregister", dx.PAPER_FIELDS, _plain(dx.DxState), dx.DxState, _install_dx),
    KeptVenue("ramm", "ramm", ramm.PAPER_FIELDS, _ramm_state, lambda ctx: ramm.RammState(), _install_ramm),
    KeptVenue("aggregion", "aggregion", aggregion.PAPER_FIELDS, _plain(aggregion.AggregionState),
              aggregion.AggregionState.create, _put("aggregion")),
)


def kept_fields(ctx: SimulatorContext, served_by: Collection[str] | None = None,
                ) -> Iterable[tuple[str, str, object]]:
    """(venue, field, value) of every kept field of the venues made so far (changed by the venue APIs
    ``served_by``; None: all)."""
    for venue in KEPT_VENUES:
        if served_by is not None and venue.served_by not in served_by:
            continue
        state = venue.current(ctx.venue_state.get(venue.key))
        if state is not None:
            for name in venue.fields:
                yield venue.key, name, getattr(state, name)


def restore_venues(ctx: SimulatorContext, kept: dict[str, dict[str, object]]) -> None:
    """Puts back every venue of ``kept`` (venue -> field -> value) into ``ctx`` (the engine already is)."""
    for venue in KEPT_VENUES:
        fields = kept.get(venue.key)
        if not fields:
            continue
        state = venue.make(ctx)
        for name in venue.fields:
            if name in fields:
                setattr(state, name, fields[name])
        venue.install(ctx, state)
