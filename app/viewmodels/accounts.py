"""The trader's Accounts panel: the accounts of the user logged in to the back office (dxRegister), with
balances; refreshed after a transfer made in the Back office window, when the broker's money changes (the
CHP portfolio's balances), on login, and on Refresh."""

from __future__ import annotations

import asyncio
from typing import Any

from app.back_office_session import QtBackOffice, install_back_office
from app.trading.bridge import QtTrading
from app.viewmodels.back_office import enum_text, venue_words
from app.viewmodels.base import PanelSettings, PanelViewModel
from app.workspace import PanelContext
from services.domain import ConnectionState
from services.errors import TesseraError, TransportError
from widgets.common.plural import plural
from widgets.panels.accounts import AccountsPanel, TraderAccountRow

BROKER_VENUE = "chp"  # its portfolios are accounts in the back office


class AccountsViewModel(PanelViewModel[PanelSettings]):
    panel: AccountsPanel

    def __init__(
        self,
        context: PanelContext,
        panel: AccountsPanel,
        *,
        core: QtTrading | None = None,
        back_office: QtBackOffice | None = None,
    ) -> None:
        super().__init__(context, panel, core=core)
        self.back_office = back_office if back_office is not None else install_back_office(context.app)
        self._loading: asyncio.Task[Any] | None = None
        self._again = False
        panel.refreshRequested.connect(self.refresh)
        self.core.balancesChanged.connect(self._on_balances)  # bound methods: dropped with the panel
        if self.back_office is not None:
            self.back_office.stateChanged.connect(self._on_state)
            self.back_office.moneyMoved.connect(self._on_money)
            self.back_office.accountsChanged.connect(self.refresh)
        self.refresh()

    def _on_state(self, _state: ConnectionState, _detail: str) -> None:
        self.refresh()

    def _on_money(self, _clearing_code: str, _account_code: str) -> None:
        self.refresh()

    def _on_balances(self, venue: str) -> None:
        if venue == BROKER_VENUE:
            self.refresh()

    def refresh(self) -> None:
        office = self.back_office
        if office is None:
            self.panel.set_status(self.tr("No back office is configured."))
            return
        if not office.session.connected:
            self.panel.set_rows([])
            self.panel.set_status(
                self.tr("Log in to the back office to see your accounts (Venue \u2192 Back office\u2026).")
            )
            return
        if self._loading is not None and not self._loading.done():
            self._again = True  # one more load after this one: the money moved meanwhile
            return
        self.panel.set_busy(True)
        self._loading = self.spawn(self._load(office), "accounts")

    async def _load(self, office: QtBackOffice) -> None:
        session = office.session
        try:
            client = await session.client.client(session.domain, session.login_name)
        except (TesseraError, TransportError) as exc:
            self.panel.set_busy(False)
            self.panel.set_status(
                self.tr("Could not load your accounts: {error}").format(error=venue_words(exc))
            )
            return
        accounts = client.accounts or []
        self.panel.set_rows(
            TraderAccountRow(
                key=f"{a.clearing_code or ''}/{a.account_code}",
                account=a.account_code,
                currency=a.currency,
                balance=a.balance,
                credit=a.credit,
                status=enum_text(a.status),
                account_type=enum_text(a.account_type),
            )
            for a in accounts
        )
        self.panel.set_busy(False)
        self.panel.set_status(
            plural(self.tr("%n account(s) of {user}", "", len(accounts)), len(accounts)).format(
                user=f"{session.domain}/{session.login_name}"
            )
        )
        if self._again:
            self._again = False
            self._loading = self.spawn(self._load(office), "accounts")


def create_accounts_panel(context: PanelContext) -> AccountsPanel:
    panel = AccountsPanel()
    AccountsViewModel(context, panel)
    return panel
