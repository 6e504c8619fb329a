"""The order ticket's view-model: binds :class:`OrderTicketView` to the trading core.

The ticket's mode follows its instrument's venue: a broker venue (``rules.broker``) gets the broker form,
every other the crypto one. Instruments come from the sessions' ``instruments``; quotes from the session's
``subscribe_quotes`` (for market notional and percent buttons); balances from the AccountStore (crypto: the
counterparty's quote currency for a buy, base for a sell; broker: the portfolio's cash). Orders go through
``OrderEntry.submit`` with a fresh client id each; its ``outcome`` for that client id is shown in the ticket,
then the order's current state as the order store tells it (a canceled order does not stay "working").

Before sending, a crypto order beyond the available balance is refused in the ticket with what it needs and
what there is (the venue stays the judge: with no balance known, the order goes). A venue that is not live
(logged out, reconnecting) greys the ticket's figures, hides its balance and disables sending, with the
reason in the banner at the top.

Settings (``"ticket"`` of the panel's settings, for the docked panel and a layout slot alike):
``instrument`` = {venue, market, symbol}, ``link`` = link colour or None. "Don't ask again" goes to
``profile.confirm_orders["place"]``.
"""

from __future__ import annotations

import functools
import logging
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from app.context import AppContext
from app.market_data import catalogue
from app.service_texts import rejected_text
from app.trading.bridge import QtTrading, outcome_text
from app.venues import VENUE_NAMES
from app.viewmodels.base import InstrumentRef, LinkedSettings, PanelViewModel
from app.viewmodels.liveness import not_live_reason
from app.workspace import PanelContext
from services.domain import (
    Instrument,
    InstrumentId,
    OrderAction,
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    TimeInForce,
)
from services.errors import RejectedInput
from services.tasks import spawn
from services.trading.order_entry import ORDER_SUMMARY, Level, OrderOutcome, new_client_id, order_fields
from widgets.common.numbers import localized
from widgets.panels.order_ticket import BUYING, PRICED, OrderTicketView, TicketSpec, TicketValues, on_grid

log = logging.getLogger("tessera.ticket")

SETTINGS_KEY = "ticket"
DEFAULT_SYMBOL = "BTC-USDT"
# RejectedInput.field (adapters, OrderEntry) -> the ticket field it is shown under
_FIELDS = {
    "price": "price",
    "quantity": "quantity",
    "stop_price": "stop",
    "symbol": "symbol",
    "instrument": "symbol",
}


#: the outcome line's colour for an order the store tells about (rejections keep the venue's own words)
_STATE_LEVELS = {
    OrderStatus.NEW: "info",
    OrderStatus.PARTIALLY_FILLED: "info",
    OrderStatus.FILLED: "info",
    OrderStatus.CANCELING: "pending",
    OrderStatus.CANCELED: "pending",
    OrderStatus.PARTIALLY_CANCELED: "pending",
    OrderStatus.EXPIRED: "pending",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("OrderTicket", text)


def spec_of(instrument: Instrument) -> TicketSpec:
    return TicketSpec(
        symbol=instrument.id.symbol,
        base=instrument.base,
        quote=instrument.quote,
        price_step=instrument.price_step,
        qty_step=instrument.qty_step,
        min_qty=instrument.min_qty,
        max_qty=instrument.max_qty,
        lot_size=instrument.lot_size,
    )


def market_key(venue: str, market: str) -> str:
    return f"{venue}|{market}"


def market_title(venue: str, market: str, broker: bool) -> str:
    if broker:
        return f"{VENUE_NAMES.get(venue, venue)} \u00b7 {market}"
    return market


def amount_text(value: Decimal, decimals: int, unit: str) -> str:
    return f"{localized(f'{value:,.{decimals}f}')} {unit}"


class TicketSettings(LinkedSettings):
    """The ticket's instrument and link colour (a new docked ticket is linked red)."""


class OrderTicketViewModel(PanelViewModel[TicketSettings]):
    Settings = TicketSettings
    panel: OrderTicketView

    def __init__(
        self,
        context: PanelContext,
        view: OrderTicketView,
        *,
        core: QtTrading | None = None,
        embedded: bool = False,
        link_colour: str | None = None,
        instrument: InstrumentId | None = None,
    ) -> None:
        """``context.settings`` are the ticket's own (its panel's ``"ticket"`` section). ``embedded``: the
        ticket of another panel (a layout slot), which follows ``link_colour`` instead of the saved one.
        ``instrument``, else the colour's, else the saved one is traded first."""
        super().__init__(context, view, core=core)
        self._owner = object()  # our key in the sessions' quote subscriptions
        self._known: dict[InstrumentId, Instrument] = {}
        self._client_id = ""
        self._connection_error = False  # the outcome line says the venue was not connected
        self._told: OrderStatus | None = None  # the last order's state when its outcome line was written
        if embedded:
            self.settings.link = link_colour
        saved = self.settings.instrument
        self.instrument: InstrumentId | None = (
            instrument or self.core.links.current(self.link_colour) or (None if saved is None else saved.id())
        )
        profile = context.app.profile
        view.link_button.setColour(self.link_colour)
        view.set_confirm_source(lambda: profile.confirm_orders.get("place", True))
        self._connect()
        self._refresh_instruments()

    def _connect(self) -> None:
        view, core = self.panel, self.core
        view.marketChosen.connect(self._on_market)
        view.symbolChosen.connect(self._on_symbol)
        view.inputsChanged.connect(self._refresh_figures)
        view.percentRequested.connect(self._on_percent)
        view.submitRequested.connect(self._on_submit)
        view.confirmChanged.connect(self._on_confirm_changed)
        view.link_button.colourChanged.connect(self._on_colour)
        view.destroyed.connect(functools.partial(_unsubscribe_quotes, core, self._owner))
        core.prefillRequested.connect(self._on_prefill)
        core.quotesChanged.connect(self._on_quotes)
        core.balancesChanged.connect(self._on_balances)
        core.orderOutcome.connect(self._on_outcome)
        core.ordersChanged.connect(self._on_orders_changed)
        core.sessionStateChanged.connect(self._on_session_state)

    # --- the instrument ---------------------------------------------------------------------------

    def set_instrument(self, instrument: InstrumentId, *, publish: bool = True) -> None:
        """Trade ``instrument``; with ``publish`` the panels of the ticket's link colour follow."""
        if publish:
            self.core.links.publish(self.link_colour, instrument)
        if instrument == self.instrument:
            return
        self.instrument = instrument
        self.settings.instrument = InstrumentRef.of(instrument)
        self.save_settings()
        self._show_instrument()

    def current(self) -> Instrument | None:
        return None if self.instrument is None else self._known.get(self.instrument)

    def on_session_changed(self, venue: str) -> None:
        self._refresh_instruments()

    def _refresh_instruments(self) -> None:
        self._known = {instrument.id: instrument for instrument in catalogue(self.core)}
        if self.instrument is None and self._known:
            self.instrument = next(
                (i for i in self._known if i.symbol == DEFAULT_SYMBOL), next(iter(self._known))
            )
        self._show_instrument()

    def _show_instrument(self) -> None:
        view, chosen = self.panel, self.instrument
        markets = sorted({(i.venue, i.market) for i in self._known})
        view.set_markets(
            [(market_key(*m), market_title(*m, self._is_broker(m[0]))) for m in markets],
            None if chosen is None else market_key(chosen.venue, chosen.market),
        )
        if chosen is None:
            view.set_symbols([], "")
            view.set_spec(None, broker=False)
            view.show_outcome("pending", tr("Log in to a venue to trade"))
            return
        view.set_symbols(
            sorted(i.symbol for i in self._known if (i.venue, i.market) == (chosen.venue, chosen.market)),
            chosen.symbol,
        )
        instrument = self._known.get(chosen)
        broker = self._is_broker(chosen.venue)
        view.set_spec(None if instrument is None else spec_of(instrument), broker=broker)
        if instrument is None:
            session = self.core.sessions.get(chosen.venue)
            message = (
                tr("{symbol} is not traded on {market}")
                if session is not None and session.connected
                else tr("Log in to {venue} to trade {symbol}")
            )
            venue = VENUE_NAMES.get(chosen.venue, chosen.venue)
            view.set_field_error(
                "symbol", message.format(symbol=chosen.symbol, market=chosen.market, venue=venue)
            )
        if broker:
            view.set_accounts(self._accounts(chosen.venue))
        self._subscribe(chosen)
        self._refresh_figures()

    def _is_broker(self, venue: str) -> bool:
        """Orders of the venue name a portfolio and an action (buy, sell, short, cover): the broker form."""
        session = self.core.sessions.get(venue)
        return session is not None and session.rules.broker

    def _accounts(self, venue: str) -> list[str]:
        """The broker's portfolios: the session's list, then any account the balances name."""
        session = self.core.sessions.get(venue)
        names = [account.name for account in session.accounts] if session is not None else []
        for balance in self.core.accounts.balances(venue):
            if balance.account not in names:
                names.append(balance.account)
        return names

    def _subscribe(self, instrument: InstrumentId | None) -> None:
        """Quotes of the traded instrument while the ticket is shown (a hidden ticket polls nothing)."""
        if instrument is None or not self.shown:
            _unsubscribe_quotes(self.core, self._owner)
            return
        _unsubscribe_quotes(self.core, self._owner, keep=instrument.venue)
        session = self.core.sessions.get(instrument.venue)
        if session is not None:
            session.subscribe_quotes(self._owner, [instrument])

    def on_shown_changed(self, shown: bool) -> None:
        self._subscribe(self.instrument)
        if shown:
            self._refresh_figures()  # the last quote known, until the feed's next one

    def _on_market(self, key: str) -> None:
        venue, _, market = key.partition("|")
        symbols = sorted(i.symbol for i in self._known if (i.venue, i.market) == (venue, market))
        if not symbols:
            return
        keep = self.instrument.symbol if self.instrument is not None else ""
        self.set_instrument(InstrumentId(venue, market, keep if keep in symbols else symbols[0]))

    def _on_symbol(self, text: str) -> None:
        if self.instrument is None:
            return
        venue, market = self.instrument.venue, self.instrument.market
        wanted = text.strip().upper()
        found = next(
            (i for i in self._known if (i.venue, i.market) == (venue, market) and i.symbol.upper() == wanted),
            None,
        )
        if found is None:
            self.panel.set_field_error(
                "symbol", tr("{symbol} is not traded on {market}").format(symbol=text.strip(), market=market)
            )
            return
        self.set_instrument(found)

    # --- links ------------------------------------------------------------------------------------

    def _on_colour(self, colour: str | None) -> None:
        self.settings.link = colour
        self.save_settings()
        linked = self.core.links.current(colour)
        if linked is not None:
            self.set_instrument(linked, publish=False)
        elif self.instrument is not None:
            self.core.links.publish(colour, self.instrument)

    def on_linked_instrument(self, instrument: InstrumentId) -> None:
        self.set_instrument(instrument, publish=False)

    def _on_prefill(
        self, colour: str, instrument: InstrumentId, side: Side | None, price: Decimal | None
    ) -> None:
        if colour != self.link_colour:
            return
        self.set_instrument(instrument, publish=False)
        if side is not None:
            self.panel.set_side(side.value)
        if price is not None:
            if self.panel.order_type() not in PRICED:
                self.panel.set_order_type("limit")
            self.panel.set_price(price)
        self.panel.quantity.input.setFocus()

    # --- figures: notional and available ----------------------------------------------------------

    def _on_quotes(self, instruments: list[InstrumentId]) -> None:
        if self.instrument in instruments and self.panel.order_type() not in PRICED:
            self._refresh_figures()

    def _on_balances(self, venue: str) -> None:
        if self.instrument is not None and venue == self.instrument.venue:
            if self._is_broker(venue):
                self.panel.set_accounts(self._accounts(venue))
            self._refresh_figures()

    def _reference_price(self, instrument: Instrument) -> Decimal | None:
        """The price the order would trade at: its limit (or stop) price, else the quote's touch."""
        kind = self.panel.order_type()
        if kind in PRICED:
            return self.panel.price.value()
        if kind == "stop":
            return self.panel.stop.value()
        quote = self.core.quotes.get(instrument.id)
        if quote is None:
            return None
        touch = quote.ask if self.panel.side() in BUYING else quote.bid
        return touch or quote.last

    def _available(self, instrument: Instrument) -> tuple[Decimal | None, str, int]:
        """What the order can use: (amount, asset, decimals to show)."""
        venue = instrument.id.venue
        if self._is_broker(venue):
            account, asset, decimals = self.panel.account(), instrument.quote, 2
        elif self.panel.side() in BUYING:
            account, asset, decimals = instrument.id.market, instrument.quote, instrument.price_decimals
        else:
            account, asset, decimals = instrument.id.market, instrument.base, instrument.qty_decimals
        balance = self.core.accounts.available(venue, account, asset)
        return (None if balance is None else balance.available), asset, decimals

    def _refresh_figures(self) -> None:
        instrument = self.current()
        chosen = self.instrument
        self.panel.set_not_live("" if chosen is None else not_live_reason(self.core, chosen.venue))
        if instrument is None:
            self.panel.set_notional("")
            self.panel.set_available("")
            self.panel.set_funds_problem("")
            return
        price, quantity = self._reference_price(instrument), self.panel.quantity_value()
        notional = ""
        if price is not None and quantity is not None and price > 0 and quantity > 0:
            approx = "" if self.panel.order_type() in PRICED else "\u2248 "
            notional = approx + amount_text(price * quantity, instrument.price_decimals, instrument.quote)
        self.panel.set_notional(notional)
        available, asset, decimals = self._available(instrument)
        if self.panel.not_live():
            available = None  # a balance that is not live is not shown: it may be long gone
        self.panel.set_available("\u2014" if available is None else amount_text(available, decimals, asset))
        problem = self._funds_problem(instrument, price, quantity, available, asset, decimals)
        self.panel.set_funds_problem(problem)

    def _funds_problem(
        self,
        instrument: Instrument,
        price: Decimal | None,
        quantity: Decimal | None,
        available: Decimal | None,
        asset: str,
        decimals: int,
    ) -> str:
        """Why a spot order is beyond the balance ("" when it is not or when that is not known here).

        A broker's portfolio may trade on margin: only its venue knows, so broker orders are not judged
        here."""
        if available is None or not quantity or quantity < 0 or self._is_broker(instrument.id.venue):
            return ""
        if self.panel.side() in BUYING:
            if price is None:
                return ""
            needed = price * quantity
        else:
            needed = quantity
        if needed <= available:
            return ""
        return tr("Not enough {asset}: the order needs {needed}, {available} available").format(
            asset=asset, needed=f"{needed:,.{decimals}f}", available=f"{available:,.{decimals}f}"
        )

    def _on_percent(self, percent: int) -> None:
        instrument = self.current()
        if instrument is None:
            return
        available, _asset, _decimals = self._available(instrument)
        if available is None:
            self.panel.show_outcome("warning", tr("The balance is not known yet"))
            return
        amount = available * percent / 100
        if self.panel.side() in BUYING:
            price = self._reference_price(instrument)
            if not price:
                self.panel.set_field_error("price", tr("Enter a price first"))
                return
            amount /= price
        quantity = on_grid(amount, instrument.qty_step)
        if instrument.max_qty is not None:
            quantity = min(quantity, instrument.max_qty)
        self.panel.set_quantity(quantity)

    # --- sending ----------------------------------------------------------------------------------

    def _on_confirm_changed(self, on: bool) -> None:
        self.context.app.profile.confirm_orders["place"] = on
        self.save_settings()  # has the profile saved

    def _on_submit(self, values: TicketValues) -> None:
        instrument = self.current()
        if instrument is None or self.panel.is_busy():
            return
        kind, action = OrderType(values.order_type), OrderAction(values.action)
        request = OrderRequest(
            instrument=instrument.id,
            side=action.side,
            type=kind,
            quantity=values.quantity,
            client_id=new_client_id(),
            price=values.price if kind.has_price else None,
            stop_price=values.stop if kind.has_stop else None,
            time_in_force=TimeInForce(values.time_in_force),
            action=action if self._is_broker(instrument.id.venue) else None,
            account=values.account,
        )
        self._client_id = request.client_id
        self.panel.set_busy(True)
        self.panel.show_outcome("pending", tr("Sending\u2026"))
        # the order outlives the ticket: the core's task, not the panel's
        spawn(self._send(request), name="order ticket submit")

    async def _send(self, request: OrderRequest) -> None:
        try:
            await self.core.order_entry.submit(request)
        except RejectedInput as exc:
            if isValid(self.panel):
                self.panel.show_outcome("", "")
                self.panel.set_field_error(_FIELDS.get(exc.field, exc.field), rejected_text(exc))
                self._connection_error = exc.field == "venue"
        finally:
            if isValid(self.panel):
                self.panel.set_busy(False)

    def _on_outcome(self, client_id: str, level: str, message: str) -> None:
        if client_id != self._client_id:
            return
        order = self.core.orders.get(f"client:{client_id}")
        if level == "warning" and order is not None and order.status is OrderStatus.UNKNOWN:
            message = tr("Unknown \u2014 checking with the venue\u2026")
        self._connection_error = False
        self._told = None if order is None else order.status
        self.panel.show_outcome(level, message)

    def _on_orders_changed(self, keys: list[str]) -> None:
        """The last order's line follows its current state once the venue has it (working, filled,
        canceled...); a rejection keeps the venue's words."""
        key = f"client:{self._client_id}"
        if not self._client_id or key not in keys or self.panel.is_busy():
            return
        order = self.core.orders.get(key)
        level = None if order is None else _STATE_LEVELS.get(order.status)
        if order is None or level is None or order.status is self._told:
            return  # the line already tells this state (in the venue's or the entry's words)
        self._told = order.status
        summary = outcome_text(OrderOutcome(self._client_id, Level.INFO, ORDER_SUMMARY, order_fields(order)))
        if self.panel.outcome() != (level, summary):
            self.panel.show_outcome(level, summary)

    def _on_session_state(self, venue: str, _state: object, _detail: str) -> None:
        if self.instrument is None or venue != self.instrument.venue:
            return
        session = self.core.sessions.get(venue)
        if self._connection_error and session is not None and session.connected:
            self._connection_error = False  # "Not connected" is no longer true
            self.panel.show_outcome("", "")
        self._refresh_figures()


def _unsubscribe_quotes(core: QtTrading, owner: object, *_args: object, keep: str = "") -> None:
    for venue, session in core.sessions.items():
        if venue != keep:
            session.unsubscribe_quotes(owner)


def _save_profile(app: AppContext) -> None:
    try:
        app.profiles.save(app.profile)
    except OSError as exc:
        log.error("could not save the profile: %s", exc)


def create_order_ticket(
    context: PanelContext | AppContext,
    *,
    instrument: InstrumentId | None = None,
    link_colour: str | None = None,
) -> OrderTicketView:
    """The ticket of another panel (a layout slot): it follows ``link_colour`` (None: unlinked) and starts
    on ``instrument``. ``context``: over the ticket's own settings (the slot's ``"ticket"`` section); with
    the AppContext only the confirmation choice is kept (in the profile)."""
    if isinstance(context, AppContext):
        context = PanelContext(context, "order_ticket", {}, functools.partial(_save_profile, context))
    view = OrderTicketView()
    OrderTicketViewModel(context, view, embedded=True, link_colour=link_colour, instrument=instrument)
    return view


def create_order_ticket_panel(context: PanelContext) -> OrderTicketView:
    """The docked "Order ticket" panel: its settings under ``"ticket"``, linked red unless the user chose
    otherwise."""
    view = OrderTicketView()
    OrderTicketViewModel(_section_context(context, SETTINGS_KEY), view)
    return view


def _section_context(context: PanelContext, key: str) -> PanelContext:
    """A context over ``context.settings[key]`` (made a dict if it is none), saved with the panel's."""
    section = context.settings.get(key)
    if not isinstance(section, dict):
        section = context.settings[key] = {}
    return PanelContext(context.app, context.panel_id, section, context.settings_changed)
