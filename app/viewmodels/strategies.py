"""The Strategies panel's view-model: the user's coin-weight strategies, their live state, the form.

While the panel is visible and the session logged in, ``adapter.strategies()`` (the items and their status)
is polled every ``POLL_INTERVAL`` seconds through the session's ``poll`` (a lost session
asks for a new login; transport failures back off). A poll answer older than one already shown is dropped.
The poll and every request to the venue end with the panel. A logout empties the panel: it follows the
login and logout edges (``loggedIn``/``loggedOut``), not ``on_session_changed``, which also fires while a
login loads the instruments.

Orders: the venue does not say which strategy placed an order (the simulator tags them internally only), so a
row counts the active orders on the strategy's symbols and exchange(s) that were not placed from this
terminal's order ticket (those carry a client id); the column says "on symbol".
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.addon_templates import addon_templates
from app.service_texts import message_text
from app.strategy_forms.fields import TYPES
from app.strategy_forms.mapping import (
    apply_values,
    entries,
    entry_market,
    form_sections,
    from_template,
    path_in_message,
    strategy_markets,
)
from app.strategy_forms.run_state import ALLOWED, UNSAVED, Allowed, Outcome, RunAction, RunTracker
from app.trading.bridge import QtTrading
from app.trading.install import trading
from app.viewmodels.base import PanelSettings, PanelViewModel
from app.workspace import PanelContext
from services.domain import Instrument, InstrumentId, StrategySpec, StrategyStatus
from services.errors import TransportError, VenueError
from services.protocols import StrategyHost, VenueSession
from widgets.common.colors import AMBER, GREEN, GREY, RED
from widgets.common.record_table import NUMERIC, Column, RecordTableModel
from widgets.panels.strategies import StrategiesPanel
from widgets.panels.strategies_form import FieldValue

log = logging.getLogger("tessera.strategies")

VENUE = "coinweight"
POLL_INTERVAL = 1.5  # seconds
CONTEXT = "Strategies"
DEFAULT_TEMPLATE = "SingleMarketMaker"
ADDON_KEY = "addon:"  # the new-strategy dialog's key of an add-on template: "addon:<template name>"

_STATE_TEXT = {
    StrategyStatus.STOPPED: QT_TRANSLATE_NOOP("Strategies", "Stopped"),
    StrategyStatus.STARTING: QT_TRANSLATE_NOOP("Strategies", "Starting\u2026"),
    StrategyStatus.RUNNING: QT_TRANSLATE_NOOP("Strategies", "Running"),
    StrategyStatus.STOPPING: QT_TRANSLATE_NOOP("Strategies", "Stopping\u2026"),
    StrategyStatus.ERROR: QT_TRANSLATE_NOOP("Strategies", "Error"),
}
_STATE_COLOUR = {
    StrategyStatus.STOPPED: GREY,
    StrategyStatus.STARTING: AMBER,
    StrategyStatus.RUNNING: GREEN,
    StrategyStatus.STOPPING: AMBER,
    StrategyStatus.ERROR: RED,
}
_ACTION_FAILED = {
    RunAction.START: QT_TRANSLATE_NOOP("Strategies", "Could not start \u201c{name}\u201d: {reason}"),
    RunAction.STOP: QT_TRANSLATE_NOOP("Strategies", "Could not stop \u201c{name}\u201d: {reason}"),
    RunAction.LEAVE: QT_TRANSLATE_NOOP("Strategies", "Could not stop \u201c{name}\u201d: {reason}"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_text(state: StrategyStatus) -> str:
    return tr(str(_STATE_TEXT[state]))  # str: the stubs type QT_TRANSLATE_NOOP's result as object


@dataclass(frozen=True)
class StrategyRow:
    id: str
    name: str
    strategy_type: str
    exchange: str
    symbols: str
    state: StrategyStatus
    orders: int
    note: str = ""  # the last error of this strategy


def strategy_columns() -> list[Column]:
    orders_note = tr(
        "Active orders on the strategy's symbols (on its exchanges) not placed from this terminal's order "
        "ticket: the venue does not say which strategy placed an order"
    )
    return [
        Column("name", tr("Name")),
        Column(
            "state",
            tr("Status"),
            format=state_text,
            color=lambda row: _STATE_COLOUR[row.state],
            tooltip=lambda row: row.note or None,
        ),
        Column("orders", tr("Orders on symbol"), align=NUMERIC, tooltip=lambda _row: orders_note),
        Column("symbols", tr("Symbol")),
        Column("exchange", tr("Exchange")),
        Column("strategy_type", tr("Type")),
    ]


def _reason(exc: VenueError | TransportError) -> str:
    return message_text(exc)


def strategy_session(core: QtTrading) -> VenueSession | None:
    """The venue session that hosts the user's strategies (coin-weight's), if one is configured."""
    return next((s for s in core.sessions.values() if s.strategy_host is not None), None)


class StrategiesViewModel(PanelViewModel[PanelSettings]):
    """The strategies of the venue that hosts them (see the module docstring). Made only where
    :func:`strategy_session` finds that venue."""

    panel: StrategiesPanel

    def __init__(
        self,
        context: PanelContext,
        panel: StrategiesPanel,
        *,
        core: QtTrading | None = None,
        poll_interval: float = POLL_INTERVAL,
    ) -> None:
        super().__init__(context, panel, core=core)
        session = strategy_session(self.core)
        host = None if session is None else session.strategy_host
        if session is None or host is None:
            raise ValueError("no venue session hosts strategies")
        self.session: VenueSession = session
        self.host: StrategyHost = host
        self.orders = self.core.orders
        self.model = panel.table.record_model
        self.poll_interval = poll_interval
        self.tracker = RunTracker()
        self._specs: dict[str, StrategySpec] = {}
        self._notes: dict[str, str] = {}
        self._templates: list[StrategySpec] = []
        self._current: str | None = None
        self._draft: StrategySpec | None = None  # from a template, not saved yet
        self._editing: StrategySpec | None = None  # what the form shows
        self._saving = False
        self._visible = False
        self._issued = 0  # strategies() calls made
        self._shown = 0  # the newest call whose answer is shown (older answers are dropped)
        self._loaded = False
        self._poll: asyncio.Task[None] | None = None

        panel.newRequested.connect(lambda: self.spawn(self.open_new_dialog(), "new strategy"))
        panel.createRequested.connect(self.create_draft)
        panel.startRequested.connect(lambda sid: self.run(sid, RunAction.START))
        panel.stopRequested.connect(lambda sid: self.run(sid, RunAction.STOP))
        panel.leaveRequested.connect(lambda sid: self.run(sid, RunAction.LEAVE))
        panel.deleteRequested.connect(lambda sid: self.spawn(self.delete(sid), "delete strategy"))
        panel.currentChanged.connect(self._on_current_changed)
        panel.shownChanged.connect(self._on_shown)
        panel.form.saveRequested.connect(self.save)
        panel.form.revertRequested.connect(self._revert)
        self.core.loggedIn.connect(self._on_logged_in)
        self.core.loggedOut.connect(self._on_logged_out)
        self.core.ordersChanged.connect(self._on_orders_changed)
        self._on_session_state()

    # --- polling --------------------------------------------------------------------------------------------

    def _on_shown(self, shown: bool) -> None:
        self._visible = shown
        self._sync_poller()

    def _sync_poller(self) -> None:
        wanted = self._visible and self.session.connected
        if wanted and (self._poll is None or self._poll.done()):
            self._poll = self.spawn(self._follow_polls(), "poll")
        elif not wanted and self._poll is not None:
            self._poll.cancel()
            self._poll = None

    async def _follow_polls(self) -> None:
        """The session's poll of the strategies (backoff, a new login asked for when the session is lost),
        for as long as this task (the panel, shown) and the login both last: cancelling it cancels the poll,
        a logout ends both."""
        await self.session.poll("strategies", self.refresh, self.poll_interval)

    @property
    def loaded(self) -> bool:
        """The venue's list has been shown at least once (since the panel was made or last logged out)."""
        return self._loaded

    async def refresh(self) -> None:
        """Fetch the strategies and their status; show them unless a newer answer is shown already."""
        self._issued += 1
        call = self._issued
        specs = await self.host.strategies()
        if call <= self._shown:
            return
        self._shown = call
        self._loaded = True
        self._apply(specs)

    async def _refresh_quietly(self) -> None:
        try:
            await self.refresh()
        except (VenueError, TransportError) as exc:
            log.warning("strategies refresh failed: %s", exc)

    def _apply(self, specs: Sequence[StrategySpec]) -> None:
        fresh = {spec.strategy_id: spec for spec in specs}
        for gone in self._specs.keys() - fresh.keys():
            self.tracker.forget(gone)
            self._notes.pop(gone, None)
        self._specs = fresh
        for strategy_id, spec in fresh.items():
            if self.tracker.observe(strategy_id, spec.status) is Outcome.TIMED_OUT:
                self._report(
                    strategy_id,
                    tr(
                        "The venue has not confirmed the change of \u201c{name}\u201d: it reports {state}."
                    ).format(name=spec.name, state=state_text(spec.status)),
                )
        self._render_rows()
        if self._current is not None and self._current not in fresh:
            self._current = None
            if self._draft is None:
                self._editing = None
                self.panel.form.clear(tr("The strategy is no longer at the venue."))
        self._update_actions()

    # --- rows -----------------------------------------------------------------------------------------------

    def _render_rows(self) -> None:
        counts = self._order_counts()
        rows = [self._row(spec, counts) for spec in self._specs.values()]
        self.model.remove([key for key in self.model.ids() if key not in self._specs])
        self.model.upsert(rows)
        running = sum(1 for row in rows if row.state is StrategyStatus.RUNNING)
        if self.session.connected and self.loaded:
            self.panel.set_notice(
                tr("Strategies: {count} \u00b7 running: {running}").format(count=len(rows), running=running)
            )

    def _on_orders_changed(self, _keys: list[str]) -> None:
        self._render_rows()

    def _order_counts(self) -> Counter[tuple[str, str]]:
        return Counter(
            (order.instrument.market, order.instrument.symbol)
            for _key, order in self.orders.orders(active=True, venue=self.session.venue)
            if not order.client_id
        )

    def _row(self, spec: StrategySpec, counts: Mapping[tuple[str, str], int]) -> StrategyRow:
        markets = strategy_markets(spec)
        return StrategyRow(
            id=spec.strategy_id,
            name=spec.name,
            strategy_type=spec.strategy_type,
            exchange=", ".join(dict.fromkeys(exchange for exchange, _symbol in markets)) or spec.exchange,
            symbols=", ".join(dict.fromkeys(symbol for _exchange, symbol in markets)),
            state=self.tracker.state(spec.strategy_id, spec.status),
            orders=sum(counts.get(market, 0) for market in markets),
            note=self._notes.get(spec.strategy_id, ""),
        )

    def row(self, strategy_id: str) -> StrategyRow | None:
        return self.model.record_by_id(strategy_id)

    # --- run actions ----------------------------------------------------------------------------------------

    def run(self, strategy_id: str, action: RunAction) -> bool:
        """Send Start / Stop / Leave for the strategy; False if its state does not allow it (nothing sent)."""
        spec = self._specs.get(strategy_id)
        if spec is None or not self.tracker.begin(strategy_id, action, spec.status):
            return False
        self._notes.pop(strategy_id, None)
        self.panel.clear_error()
        self._render_rows()
        self._update_actions()
        self.spawn(self._send(spec, action), f"strategy {action.value}")
        return True

    async def _send(self, spec: StrategySpec, action: RunAction) -> None:
        strategy_id = spec.strategy_id
        try:
            if action is RunAction.START:
                await self.host.start(spec)
            else:
                await self.host.stop(spec, cancel_orders=action is RunAction.STOP)
        except TransportError as exc:
            if exc.outcome_unknown:  # it may have reached the venue: the status polls will tell
                self.tracker.answered(strategy_id)
            else:
                self.tracker.failed(strategy_id)
                self._report(
                    strategy_id, tr(str(_ACTION_FAILED[action])).format(name=spec.name, reason=_reason(exc))
                )
        except VenueError as exc:
            self.tracker.failed(strategy_id)
            self._report(
                strategy_id, tr(str(_ACTION_FAILED[action])).format(name=spec.name, reason=_reason(exc))
            )
        else:
            self.tracker.answered(strategy_id)
        self._render_rows()
        self._update_actions()
        await self._refresh_quietly()

    # --- create, save, delete -------------------------------------------------------------------------------

    async def open_new_dialog(self) -> None:
        if not self._templates:
            try:
                self._templates = list(await self.host.templates())
            except (VenueError, TransportError) as exc:
                self.panel.show_error(
                    tr("Could not load the templates: {reason}").format(reason=_reason(exc))
                )
                return
        if not self._templates:
            return
        template = next(
            (t for t in self._templates if t.strategy_type == DEFAULT_TEMPLATE), self._templates[0]
        )
        exchange, symbol = self._template_market(template)
        extra = [  # from installed add-ons, after the venue's own
            (f"{ADDON_KEY}{t.name}", tr("{name} ({type}, add-on)").format(name=t.name, type=t.strategy_type))
            for t in self._addon_templates()
        ]
        self.panel.open_new_dialog(
            [(t.strategy_type, t.strategy_type) for t in self._templates] + extra,
            self._markets(),
            template=template.strategy_type,
            exchange=exchange,
            symbol=symbol,
        )

    def _addon_templates(self) -> list[StrategySpec]:
        """Templates from installed add-ons (none without an app context, e.g. a bare panel)."""
        app = self.context.app
        return addon_templates(app).templates() if app is not None else []

    def _template_market(self, template: StrategySpec) -> tuple[str, str]:
        first = entries(template)[:1]
        market = entry_market(template, first[0]) if first else None
        return market or (template.exchange, "")

    def create_draft(self, template_type: str, name: str, exchange: str, symbol: str) -> None:
        """Show a new strategy from the template in the form; nothing is saved until the user saves it."""
        template = next((t for t in self._templates if t.strategy_type == template_type), None)
        if template_type.startswith(ADDON_KEY):
            chosen = template_type[len(ADDON_KEY) :]
            template = next((t for t in self._addon_templates() if t.name == chosen), None)
        if template is None:
            return
        draft = from_template(template, name, exchange, symbol, self._instrument(exchange, symbol))
        self.panel.select_strategy(None)
        self._current = None
        self._draft = draft
        self._show_form(draft)
        self._update_actions()

    def save(self, values: Mapping[Hashable, FieldValue | None]) -> bool:
        """Save the form's values (the form emits only valid ones); False if nothing is shown or busy."""
        base = self._editing
        if base is None or self._saving:
            return False
        self._saving = True
        self._update_actions()
        self.spawn(self._save(apply_values(base, values)), "save strategy")
        return True

    async def _save(self, spec: StrategySpec) -> None:
        try:
            saved = await self.host.save(spec)
        except VenueError as exc:
            self._show_save_error(spec, message_text(exc), path_in_message(exc.message))
            return
        except TransportError as exc:
            self._show_save_error(spec, message_text(exc), None)
            return
        finally:
            self._saving = False
            if shiboken6.isValid(self.panel):  # not when the task ends because the panel went
                self._update_actions()
        previous = self._specs.get(saved.strategy_id)
        saved = replace(saved, status=previous.status if previous else StrategyStatus.STOPPED)
        self._specs[saved.strategy_id] = saved
        self._draft = None
        self._current = saved.strategy_id
        self._render_rows()
        self.panel.select_strategy(saved.strategy_id)
        self._show_form(saved)
        self.panel.clear_error()
        self._update_actions()
        await self._refresh_quietly()

    def _show_save_error(self, spec: StrategySpec, message: str, path: tuple[Hashable, ...] | None) -> None:
        if path is None or not self.panel.form.set_field_error(path, message):
            self.panel.show_error(
                tr("Could not save \u201c{name}\u201d: {reason}").format(name=spec.name, reason=message)
            )

    async def delete(self, strategy_id: str) -> None:
        spec = self._specs.get(strategy_id)
        if spec is None or not self._allowed(strategy_id).delete:
            return
        try:
            await self.host.delete(spec)
        except (VenueError, TransportError) as exc:
            self._report(
                strategy_id,
                tr("Could not delete \u201c{name}\u201d: {reason}").format(
                    name=spec.name, reason=_reason(exc)
                ),
            )
            return
        if self._current == strategy_id and self._draft is None:
            self._current = self._editing = None
            self.panel.form.clear(tr("\u201c{name}\u201d was deleted.").format(name=spec.name))
        await self._refresh_quietly()

    # --- selection and form ---------------------------------------------------------------------------------

    def _on_current_changed(self, strategy_id: str | None) -> None:
        if strategy_id is None or strategy_id == self._current:
            return
        spec = self._specs.get(strategy_id)
        if spec is None:
            return
        self._draft = None
        self._current = strategy_id
        self._show_form(spec)
        self._update_actions()

    def _show_form(self, spec: StrategySpec) -> None:
        self._editing = spec
        is_new = not spec.strategy_id
        markets = ", ".join(
            tr("{symbol} on {exchange}").format(symbol=symbol, exchange=exchange)
            for exchange, symbol in strategy_markets(spec)
        )
        details = [spec.strategy_type, markets] if markets else [spec.strategy_type]
        if is_new:
            details.append(tr("new: not saved at the venue yet"))
        if spec.strategy_type not in TYPES:
            details.append(tr("no form for this type: its settings are kept as they are"))
        self.panel.form.set_form(
            spec.name or tr("New strategy"),
            " \u00b7 ".join(details),
            form_sections(spec, self._instrument, self._exchanges()),
            is_new=is_new,
        )

    def _revert(self) -> None:
        shown = self._draft if self._draft is not None else self._specs.get(self._current or "")
        if shown is not None:
            self._show_form(shown)
            self._update_actions()

    # --- session --------------------------------------------------------------------------------------------

    def _on_logged_in(self, venue: str) -> None:
        if venue != self.session.venue:
            return
        self._templates = []
        self._on_session_state()

    def _on_logged_out(self, venue: str) -> None:
        if venue != self.session.venue:
            return
        self._specs = {}
        self._shown = self._issued  # an answer still in flight is not shown
        self._loaded = False
        self._current = self._draft = self._editing = None
        self.model.reset()
        self.panel.form.clear(tr("Log in to coin-weight to see your strategies."))
        self._on_session_state()

    def _on_session_state(self) -> None:
        if not self.session.connected:
            self.panel.set_notice(tr("Not logged in to coin-weight"))
        self._sync_poller()
        self._update_actions()

    # --- helpers --------------------------------------------------------------------------------------------

    def _allowed(self, strategy_id: str | None) -> Allowed:
        spec = self._specs.get(strategy_id or "")
        if spec is None:
            return Allowed()
        return ALLOWED[self.tracker.state(spec.strategy_id, spec.status)]

    def _update_actions(self) -> None:
        connected = self.session.connected
        if not connected:
            allowed = Allowed()
        elif self._draft is not None:
            allowed = UNSAVED
        else:
            allowed = self._allowed(self._current)
        self.panel.set_actions(
            start=allowed.start, stop=allowed.stop, leave=allowed.leave, delete=allowed.delete, new=connected
        )
        self.panel.form.set_busy(self._saving or not allowed.edit)

    def _report(self, strategy_id: str, message: str) -> None:
        log.warning("%s", message)
        self._notes[strategy_id] = message
        self.panel.show_error(message)
        self._render_rows()

    def _instrument(self, exchange: str, symbol: str) -> Instrument | None:
        return self.session.instruments.get(InstrumentId(self.session.venue, exchange, symbol))

    def _markets(self) -> dict[str, list[tuple[str, str, str]]]:
        markets: dict[str, list[tuple[str, str, str]]] = {}
        for instrument in sorted(self.session.instruments.values(), key=lambda i: (i.id.market, i.id.symbol)):
            markets.setdefault(instrument.id.market, []).append(
                (instrument.id.symbol, instrument.base, instrument.quote)
            )
        return markets

    def _exchanges(self) -> list[str]:
        return list(self._markets())


def create_strategies_panel(context: PanelContext) -> StrategiesPanel:
    model = RecordTableModel(strategy_columns(), key="id")
    panel = StrategiesPanel(model)
    model.setParent(panel)
    if strategy_session(trading(context.app)) is None:
        panel.set_notice(tr("No coin-weight venue is configured"))
        panel.set_actions(start=False, stop=False, leave=False, delete=False, new=False)
        return panel
    StrategiesViewModel(context, panel)
    return panel
