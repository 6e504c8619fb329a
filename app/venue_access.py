"""The ways in to a venue: the Venue menu (log in, log out, API keys), a click on a red or grey status-bar
indicator, a session that asks for a new login (with the password remembered in the keyring, or the demo
user's, it logs in again by itself and says so); plus the account summary in the status bar and the venue
messages (a refused favourite ...) shown as a toast and in the status bar.

One :class:`VenueAccess` per window, installed by the shell and registered in
``ctx.services`` as ``venue_access``: other view-models call ``venue_access(ctx).open_login(venue)``.
The last login per venue is kept in the profile under ``panels["venue_login"]`` (never the password).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from app.market_catalog import market_catalog
from app.trading.bridge import QtTrading
from app.venues import VENUE_NAMES
from app.viewmodels.account_summary import AccountSummaryViewModel
from app.viewmodels.api_keys import ApiKeysViewModel
from app.viewmodels.login import LoginViewModel
from services.domain import ConnectionState
from services.errors import TransportError, VenueError
from services.tasks import spawn
from widgets.common.account_summary import AccountSummaryWidget
from widgets.common.status import ConnectionIndicator
from widgets.common.toast import ToastLevel
from widgets.dialogs.api_keys import ApiKeysDialog
from widgets.dialogs.login import LoginDialog
from widgets.main_window import MainWindow

log = logging.getLogger("tessera.venues")

if TYPE_CHECKING:
    from app.context import AppContext

SERVICE_NAME = "venue_access"
LOGIN_SETTINGS = "venue_login"
SUMMARY_VENUE = "coinweight"
MESSAGE_MS = 10000


class VenueAccess(QObject):
    def __init__(
        self,
        window: MainWindow,
        ctx: AppContext,
        core: QtTrading,
        save: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.ctx = ctx
        self.core = core
        self._save = save
        self._logins: dict[str, LoginDialog] = {}
        self._api_keys: dict[str, ApiKeysDialog] = {}
        self._actions: dict[str, tuple[QAction, QAction]] = {}
        self.menu = window.add_menu(self.tr("&Venue"))
        self.menu.setObjectName("menu.venue")
        for venue in core.sessions:
            self._add_venue_actions(venue)
        core.sessionStateChanged.connect(self._update_actions)
        core.reloginRequired.connect(self._on_session_refused)
        self._update_actions()
        catalog = market_catalog(ctx)
        if catalog is not None:
            catalog.message.connect(self.warn)
        self.summary: AccountSummaryWidget | None = None
        if SUMMARY_VENUE in core.sessions:  # the exchange's total first, then the others' (per currency)
            self.summary = AccountSummaryWidget()
            venues = [SUMMARY_VENUE, *(venue for venue in core.sessions if venue != SUMMARY_VENUE)]
            AccountSummaryViewModel(self.summary, core, venues)
            window.add_status_widget(self.summary)

    # --- public
    def open_login(self, venue: str, message: str = "") -> LoginDialog:
        """The venue's login dialog (the open one is raised, with ``message`` shown above the fields)."""
        dialog = self._logins.get(venue)
        if dialog is not None and shiboken6.isValid(dialog):
            if message:
                dialog.setMessage(message)
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        session = self.core.sessions[venue]
        name = VENUE_NAMES.get(venue, venue)
        dialog = LoginDialog(name, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view_model = LoginViewModel(
            dialog,
            session,
            self.ctx.credentials,
            venue_name=name,
            last_logins=self.ctx.profile.panel_settings(LOGIN_SETTINGS),
            save=self._save,
            demo=(self.ctx.demo.login, self.ctx.demo.password) if self.ctx.demo is not None else None,
        )
        view_model.succeeded.connect(
            lambda login: self.window.show_status(
                self.tr("Logged in to {venue} as {login}.").format(venue=name, login=login), 5000
            )
        )
        dialog.setMessage(message)
        dialog.finished.connect(lambda _result, v=venue: self._logins.pop(v, None))
        self._logins[venue] = dialog
        dialog.open()
        return dialog

    def _on_session_refused(self, venue: str, message: str) -> None:
        """The venue ended the session. With the password at hand (the keyring's "Remember me", or the demo
        user's) the session logs in again by itself and says so; otherwise the login dialog asks."""
        session = self.core.sessions[venue]
        password = self._remembered_password(venue, session.login_name)
        if password is None:
            self.open_login(venue, message)
            return
        spawn(self._log_in_again(venue, session.login_name, password, message), name=f"{venue} relogin")

    def _remembered_password(self, venue: str, login: str) -> str | None:
        if not login:
            return None
        demo = self.ctx.demo
        if demo is not None and login == demo.login:
            return demo.password
        return self.ctx.credentials.get(venue, login)

    async def _log_in_again(self, venue: str, login: str, password: str, message: str) -> None:
        name = VENUE_NAMES.get(venue, venue)
        text = self.tr("{venue} ended the session; logging in again\u2026").format(venue=name)
        self.window.show_status(text, MESSAGE_MS)
        try:
            await self.core.sessions[venue].login(login, password)
        except (VenueError, TransportError) as exc:
            log.warning("logging in to %s again failed: %s", venue, exc)
            self.open_login(venue, f"{message}\n{exc}")
            return
        self.window.notify(
            self.tr("{venue} ended the session; logged in again as {login}.").format(venue=name, login=login),
            ToastLevel.INFO,
        )

    def login_dialog(self, venue: str) -> LoginDialog | None:
        """The venue's open login dialog, if any."""
        dialog = self._logins.get(venue)
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def log_out(self, venue: str) -> None:
        spawn(self.core.sessions[venue].logout(), name=f"{venue} logout")

    def open_api_keys(self, venue: str = "coinweight") -> ApiKeysDialog | None:
        """The API keys dialog of a venue that keeps exchange keys (None if it has none or is logged out)."""
        session = self.core.sessions.get(venue)
        keys = None if session is None else session.api_key_manager
        if session is None or keys is None:
            return None
        name = VENUE_NAMES.get(venue, venue)
        if not session.connected:
            self.warn(self.tr("Log in to {venue} to manage its API keys.").format(venue=name))
            self.open_login(venue)
            return None
        dialog = self._api_keys.get(venue)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.raise_()
            return dialog
        dialog = ApiKeysDialog(name, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        counterparties = sorted({instrument.market for instrument in session.instruments})
        ApiKeysViewModel(dialog, keys, counterparties).refresh()
        dialog.finished.connect(lambda _result, v=venue: self._api_keys.pop(v, None))
        self._api_keys[venue] = dialog
        dialog.open()
        return dialog

    def bind_indicators(self, indicators: Mapping[str, ConnectionIndicator]) -> None:
        """A click on the indicator of a logged-out (grey) or refused (red) session opens its login dialog."""
        for venue, indicator in indicators.items():
            if venue in self.core.sessions:
                indicator.clicked.connect(self._on_indicator_clicked)
                indicator.setCursor(Qt.CursorShape.PointingHandCursor)

    def warn(self, text: str) -> None:
        self.window.notify(text, ToastLevel.WARNING)
        self.window.show_status(text, MESSAGE_MS)

    # --- internals
    def _add_venue_actions(self, venue: str) -> None:
        name = VENUE_NAMES.get(venue, venue)
        if self._actions:
            self.menu.addSeparator()
        login = self.menu.addAction(self.tr("Log in to {venue}\u2026").format(venue=name))
        login.setObjectName(f"action.venue.{venue}.login")
        login.triggered.connect(lambda _checked=False, v=venue: self.open_login(v))
        logout = self.menu.addAction(self.tr("Log out of {venue}").format(venue=name))
        logout.setObjectName(f"action.venue.{venue}.logout")
        logout.triggered.connect(lambda _checked=False, v=venue: self.log_out(v))
        self._actions[venue] = (login, logout)
        if self.core.sessions[venue].api_key_manager is not None:
            keys = self.menu.addAction(self.tr("{venue} API keys\u2026").format(venue=name))
            keys.setObjectName(f"action.venue.{venue}.api_keys")
            keys.triggered.connect(lambda _checked=False, v=venue: self.open_api_keys(v))

    def _update_actions(self, *_args: object) -> None:
        for venue, (login, logout) in self._actions.items():
            state = self.core.sessions[venue].state
            login.setEnabled(state is not ConnectionState.CONNECTING)
            logout.setEnabled(self.core.sessions[venue].connected)

    def _on_indicator_clicked(self, venue: str) -> None:
        if self.core.sessions[venue].state in (ConnectionState.DISCONNECTED, ConnectionState.FAILED):
            self.open_login(venue)


def venue_access(ctx: AppContext) -> VenueAccess:
    """The window's venue access (to open a login dialog from another view-model)."""
    return ctx.services.get(SERVICE_NAME, VenueAccess)
