"""Venue -> Back office...: the dxRegister back office in its own dockable window.

One :class:`BackOffice` per main window (made by the shell when the venues have a dxRegister). It opens the
:class:`widgets.back_office.window.BackOfficeWindow` (one at a time), builds its panels and their
view-models on the app's one back-office session (``app.back_office_session``), asks for a login when the
session has none, and keeps the window's own arrangement in the profile under
``panels["back_office_window"]`` (geometry and dock state), apart from the main window's layouts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.back_office_session import QtBackOffice
from services.domain import ConnectionState
from services.dxregister.backoffice import DEFAULT_DOMAIN
from services.tasks import spawn
from widgets.common.status import ConnectionIndicator
from widgets.main_window import MainWindow

if TYPE_CHECKING:  # the window, its panels and their view-models are imported when first opened (start-up)
    from app.context import AppContext
    from app.viewmodels.back_office import AccountsViewModel, ClientsViewModel
    from app.viewmodels.back_office_tools import (
        ImportViewModel,
        NotificationsViewModel,
        ReferenceViewModel,
        SessionsViewModel,
    )
    from widgets.back_office.form import FormDialog
    from widgets.back_office.window import BackOfficeWindow

log = logging.getLogger("tessera.backoffice")

LAYOUT_SETTINGS = "back_office_window"


class BackOffice(QObject):
    def __init__(
        self,
        window: MainWindow,
        ctx: AppContext,
        back_office: QtBackOffice,
        save: Callable[[], None],
        menu: QMenu | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.main_window = window
        self.ctx = ctx
        self.back_office = back_office
        self._save = save
        self.window: BackOfficeWindow | None = None
        self.login_dialog: FormDialog | None = None
        self.accounts: AccountsViewModel | None = None
        self.clients: ClientsViewModel | None = None
        self.notifications: NotificationsViewModel | None = None
        self.imports: ImportViewModel | None = None
        self.sessions: SessionsViewModel | None = None
        self.reference: ReferenceViewModel | None = None
        if menu is None:
            menu = window.add_menu(self.tr("&Venue"))
        menu.addSeparator()
        self.action = QAction(self.tr("Back office\u2026"), menu)
        self.action.setObjectName("action.venue.back_office")
        self.action.triggered.connect(lambda _checked=False: self.open())
        menu.addAction(self.action)
        back_office.stateChanged.connect(self._on_state)

    def bind_indicator(self, indicator: ConnectionIndicator) -> None:
        """A click on the dxRegister light opens the back office (and its login when logged out)."""
        indicator.clicked.connect(lambda _venue: self.open())
        indicator.setCursor(Qt.CursorShape.PointingHandCursor)

    # --- the window
    def open(self) -> BackOfficeWindow:
        window = self.window
        if window is not None and shiboken6.isValid(window):
            window.show()
            window.raise_()
            window.activateWindow()
        else:
            window = self._build()
            window.show()
        if not self.back_office.session.connected:
            self.open_login()
        return window

    def _build(self) -> BackOfficeWindow:
        from app.viewmodels.back_office import AccountsViewModel, ClientsViewModel
        from app.viewmodels.back_office_tools import (
            ImportViewModel,
            NotificationsViewModel,
            ReferenceViewModel,
            SessionsViewModel,
        )
        from widgets.back_office.accounts import AccountsView
        from widgets.back_office.clients import ClientsView
        from widgets.back_office.tools import ImportView, NotificationsView, ReferenceView, SessionsView
        from widgets.back_office.window import BackOfficeWindow

        window = BackOfficeWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        accounts, clients, notifications = AccountsView(), ClientsView(), NotificationsView()
        imports, sessions, reference = ImportView(), SessionsView(), ReferenceView()
        window.add_panel("accounts", self.tr("Accounts"), accounts)
        window.add_panel("clients", self.tr("Clients"), clients)
        window.add_panel("notifications", self.tr("Notifications"), notifications)
        window.add_panel("import", self.tr("Transaction import"), imports)
        window.add_panel("sessions", self.tr("Sessions"), sessions)
        window.add_panel("reference", self.tr("Brokers and groups"), reference)
        self.accounts = AccountsViewModel(accounts, self.back_office)
        self.clients = ClientsViewModel(clients, self.back_office)
        self.notifications = NotificationsViewModel(notifications, self.back_office)
        self.imports = ImportViewModel(imports, self.back_office)
        self.sessions = SessionsViewModel(sessions, self.back_office)
        self.reference = ReferenceViewModel(reference, self.back_office)
        saved = self.ctx.profile.panel_settings(LAYOUT_SETTINGS)
        if not window.restore(str(saved.get("geometry", "")), str(saved.get("state", ""))):
            log.warning("the back office window's saved arrangement could not be restored")
        window.loginRequested.connect(self.open_login)
        window.logoutRequested.connect(
            lambda: spawn(self.back_office.session.logout(), name="back office logout")
        )
        window.closing.connect(self._on_closing)
        self.window = window
        self._on_state()
        return window

    def _on_closing(self) -> None:
        if self.window is None or not shiboken6.isValid(self.window):
            return
        geometry, state = self.window.snapshot()
        settings = self.ctx.profile.panel_settings(LAYOUT_SETTINGS)
        settings.clear()
        settings.update({"geometry": geometry, "state": state})
        self._save()
        if self.login_dialog is not None and shiboken6.isValid(self.login_dialog):
            self.login_dialog.close()

    # --- the session
    def open_login(self) -> FormDialog:
        dialog = self.login_dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.raise_()
            return dialog
        from app.viewmodels.back_office import BackOfficeLoginViewModel
        from widgets.back_office.form import FormDialog

        session = self.back_office.session
        demo = self.ctx.demo
        login = session.login_name or (demo.login if demo is not None else "")
        password = demo.password if demo is not None and login == demo.login else ""
        parent = (
            self.window if self.window is not None and shiboken6.isValid(self.window) else self.main_window
        )
        dialog = FormDialog(
            self.tr("Log in to the back office (dxRegister)"),
            BackOfficeLoginViewModel.fields(login, password, session.domain or DEFAULT_DOMAIN),
            self.tr("Log in"),
            parent,
        )
        dialog.setObjectName("backOfficeLoginDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if session.state is ConnectionState.FAILED and session.detail:
            dialog.show_message(session.detail)
        BackOfficeLoginViewModel(dialog, self.back_office)
        self.login_dialog = dialog
        dialog.open()
        return dialog

    def _on_state(self, *_args: object) -> None:
        window = self.window
        if window is None or not shiboken6.isValid(window):
            return
        session = self.back_office.session
        if session.connected:
            text = self.tr("Logged in as {login}@{domain}").format(
                login=session.login_name, domain=session.domain
            )
            window.set_session(text, True)
        elif session.state is ConnectionState.CONNECTING:
            window.set_session(self.tr("Logging in\u2026"), False)
        elif session.state is ConnectionState.FAILED:
            window.set_session(
                self.tr("Not logged in: {reason}").format(reason=session.detail), False, error=True
            )
        else:
            window.set_session(self.tr("Not logged in"), False)
