"""Venue → Reset paper account…: start the demo's paper account over without restarting the app.

The embedded simulator keeps the venues' state per profile (``app.demo.paper_state_path``). After the user
confirms (the question names the profile), every session that is logged in is logged out, the simulator wipes
the account and starts fresh at the same addresses (``DemoSetup.reset_paper``, off the UI thread), the orders
the trading core still shows are forgotten, and the sessions log in again as the same users (the demo user's
password, or the one remembered in the keyring; a session without one stays logged out for the user to log
in). Panels that load from the venues at login (favourites, strategies, layouts) then show the fresh account.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QMessageBox

from app.back_office_session import back_office
from app.context import AppContext
from app.ramm_session import ramm
from app.trading.install import SERVICE_NAME as TRADING_SERVICE
from app.trading.install import trading
from services.errors import RejectedInput, TransportError, VenueError
from services.protocols import VenueSession
from services.tasks import spawn
from widgets.common.toast import ToastLevel
from widgets.main_window import MainWindow

log = logging.getLogger("tessera.paper")

Relogin = Callable[[str], Awaitable[object]]  # login the session with this password


class PaperAccountReset(QObject):
    """The Venue menu's reset action and what it does; made only when the demo can reset its account."""

    def __init__(
        self, window: MainWindow, ctx: AppContext, menu: QMenu, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.ctx = ctx
        menu.addSeparator()
        self.action = menu.addAction(self.tr("Reset paper account\u2026"))
        self.action.setObjectName("action.venue.reset_paper")
        self.action.triggered.connect(self.confirm)
        self.confirmation: QMessageBox | None = None
        self.task: asyncio.Task[None] | None = None

    def confirm(self) -> QMessageBox:
        """Asks (window-modal, not blocking); "Reset" starts :meth:`reset`."""
        if self.confirmation is not None and shiboken6.isValid(self.confirmation):
            self.confirmation.raise_()
            return self.confirmation
        box = QMessageBox(self.window)
        box.setObjectName("paper.reset.confirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Reset paper account"))
        box.setText(
            self.tr("Reset the paper account of profile \u201c{profile}\u201d?").format(
                profile=self.ctx.settings.profile_name
            )
        )
        box.setInformativeText(
            self.tr(
                "Its balances, orders and history, favourites, strategies and everything else kept at the "
                "simulated venues are deleted, and the venues start fresh. This cannot be undone."
            )
        )
        reset = box.addButton(self.tr("Reset"), QMessageBox.ButtonRole.DestructiveRole)
        reset.setObjectName("paper.reset.yes")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.start() if button is reset else None)
        self.confirmation = box
        box.open()
        return box

    def start(self) -> None:
        if self.task is None or self.task.done():
            self.task = spawn(self.reset(), name="reset paper account")

    async def reset(self) -> None:
        demo = self.ctx.demo
        if demo is None or demo.reset_paper is None:
            return
        profile = self.ctx.settings.profile_name
        self.action.setEnabled(False)
        self.window.show_status(self.tr("Resetting the paper account\u2026"))
        try:
            relogins = await self._log_out_everywhere()
            try:
                await asyncio.to_thread(demo.reset_paper)
            except Exception as exc:  # the venues may be down now: said plainly, the user can log in again
                log.exception("the paper account could not be reset")
                self._tell(self.tr("The paper account could not be reset: {reason}").format(reason=exc),
                           ToastLevel.ERROR)
                return
            self._forget_orders()
            await self._log_in_again(relogins)
        finally:
            if shiboken6.isValid(self.action):
                self.action.setEnabled(True)
        self._tell(self.tr("The paper account of profile \u201c{profile}\u201d starts over.").format(
            profile=profile), ToastLevel.INFO)

    # --- internals
    async def _log_out_everywhere(self) -> list[tuple[str, str, Relogin]]:
        """Logs out every logged-in session; returns (venue, login, log in again) for each."""
        relogins: list[tuple[str, str, Relogin]] = []
        if TRADING_SERVICE in self.ctx.services:
            for venue, session in trading(self.ctx).sessions.items():
                if session.connected:
                    relogins.append((venue, session.login_name, _relogin(session, session.login_name)))
                    await session.logout()
        services = ramm(self.ctx)
        if services is not None and services.session.connected:
            rs, login = services.session, services.session.login_name
            relogins.append(("ramm", login, lambda password: rs.login(login, password)))
            await rs.logout()
        office = back_office(self.ctx)
        if office is not None and office.session.connected:
            bs, login, domain = office.session, office.session.login_name, office.session.domain
            relogins.append(("dxregister", login, lambda password: bs.login(login, password, domain)))
            await bs.logout()
        return relogins

    def _forget_orders(self) -> None:
        """The orders of the old account are gone at the venues: the blotters forget them too."""
        if TRADING_SERVICE not in self.ctx.services:
            return
        core = trading(self.ctx)
        orders = core.core.stores.orders
        for venue in core.sessions:
            for key, _order in orders.orders(venue=venue):
                orders.remove(key)

    async def _log_in_again(self, relogins: list[tuple[str, str, Relogin]]) -> None:
        demo = self.ctx.demo
        for venue, login, relogin in relogins:
            password = demo.password if demo is not None and login == demo.login else None
            if password is None:
                password = self.ctx.credentials.get(venue, login)
            if password is None:
                continue  # the user logs in from the Venue menu
            try:
                await relogin(password)
            except (VenueError, TransportError, RejectedInput) as exc:
                log.warning("logging in to %s after the reset failed: %s", venue, exc)

    def _tell(self, text: str, level: ToastLevel) -> None:
        if shiboken6.isValid(self.window):
            self.window.notify(text, level)
            self.window.show_status(text, 10000)


def _relogin(session: VenueSession, login: str) -> Relogin:
    return lambda password: session.login(login, password)
