"""Venue → Strategy manager…: the RAMM.STORE window, its own saved layout, and the RAMM light's clicks.

One :class:`StrategyManager` per main window, installed by the shell when the app has a RAMM session
(``app.ramm_session``). The window is made on first open and kept; its dock arrangement is saved in the
profile under ``panels["strategy_manager"]["layout"]``; the copy-trading link under
``panels["copy_trading"]`` whenever it changes.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from app.ramm_session import LINK_SETTINGS, RammServices, save_link
from app.trading.install import SERVICE_NAME as TRADING_SERVICE
from app.trading.install import trading
from services.domain import ConnectionState

if TYPE_CHECKING:
    from app.context import AppContext
    from app.viewmodels.strategy_manager import StrategyManagerViewModel
    from widgets.strategy_manager.window import StrategyManagerWindow

SETTINGS = "strategy_manager"


class StrategyManager(QObject):
    def __init__(
        self, ctx: AppContext, ramm: RammServices, menu: QMenu, save: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ramm = ramm
        self._save = save
        self.window: StrategyManagerWindow | None = None
        self.view_model: StrategyManagerViewModel | None = None
        menu.addSeparator()
        action = menu.addAction(self.tr("Strategy manager\u2026"))
        action.setObjectName("action.venue.ramm.manager")
        action.triggered.connect(lambda _checked=False: self.open())
        ramm.copy.changed.connect(self._save_link)

    def open(self) -> StrategyManagerWindow:
        window = self.window
        if window is not None and shiboken6.isValid(window):
            window.show()
            window.raise_()
            window.activateWindow()
            return window
        # here, not at the top: the window's plots import pyqtgraph, which the first frame need not wait for
        from app.viewmodels.strategy_manager import StrategyManagerViewModel
        from widgets.strategy_manager.window import StrategyManagerWindow

        window = StrategyManagerWindow()
        self.window = window
        self.view_model = StrategyManagerViewModel(
            window, self.ramm.session, self.ramm.copy, self._trading_accounts
        )
        self._follow_trading_accounts(self.view_model)
        blob = self.ctx.profile.panel_settings(SETTINGS).get("layout")
        if isinstance(blob, str):
            try:
                window.restore(base64.b64decode(blob.encode("ascii"), validate=True))
            except (binascii.Error, ValueError):
                pass
        window.layoutChanged.connect(self._save_layout)
        window.closing.connect(self._save_layout)
        window.show()
        if not self.ramm.session.connected and self.ramm.session.state is not ConnectionState.CONNECTING:
            self.view_model.open_login()
        return window

    def open_login(self) -> None:
        """The RAMM light clicked while logged out: the window with its login dialog."""
        window = self.open()
        if self.view_model is not None and not self.ramm.session.connected:
            self.view_model.open_login()
        window.raise_()

    def _trading_accounts(self) -> list[tuple[str, str]]:
        """What copy trading may link, as (venue, account): each venue session's trading accounts (a
        broker's portfolios) and, on a spot venue, the accounts holding its balances (coin-weight)."""
        if TRADING_SERVICE not in self.ctx.services:
            return []
        qt = trading(self.ctx)
        found: list[tuple[str, str]] = []
        for venue, session in qt.sessions.items():
            if session.capabilities.positions:
                found += [(venue, account.name) for account in session.accounts]
            else:
                held = {b.account for b in qt.core.stores.accounts.balances(venue)}
                found += [(venue, account) for account in sorted(held)]
        return found

    def _follow_trading_accounts(self, view_model: StrategyManagerViewModel) -> None:
        """The accounts copy trading may link follow the venues' sessions while the window lives."""
        if TRADING_SERVICE not in self.ctx.services:
            return
        qt = trading(self.ctx)
        sources = [session.accounts_changed for session in qt.sessions.values()]
        sources.append(qt.core.stores.accounts.balances_changed)
        refresh = view_model.refresh_trading_accounts
        for source in sources:
            source.connect(refresh)

        def stop(*_args: object) -> None:
            for source in sources:
                source.disconnect(refresh)

        view_model.destroyed.connect(stop)

    def _save_layout(self) -> None:
        window = self.window
        if window is None or not shiboken6.isValid(window):
            return
        settings = self.ctx.profile.panel_settings(SETTINGS)
        settings["layout"] = base64.b64encode(window.snapshot()).decode("ascii")
        self._save()

    def _save_link(self) -> None:
        save_link(self.ctx.profile.panel_settings(LINK_SETTINGS), self.ramm.copy.link)
        self._save()
