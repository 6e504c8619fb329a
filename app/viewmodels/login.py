"""The login dialog's view-model: prefill, log the venue session in, remember the password in the keyring.

Prefill: the login last used for the venue (kept in the profile, never the password), else the demo login on
the embedded simulator; the password from the keyring (``CredentialStore``) for that login, else the demo
password on the simulator. "Remember me" stores the password in the keyring only after the venue accepted it
and forgets a stored one when unticked. The password is never logged nor kept outside the dialog's field.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.credentials import CredentialStore
from app.service_texts import message_text
from services.errors import AuthError, TransportError, VenueError
from services.protocols import VenueSession
from services.tasks import spawn
from widgets.dialogs.login import LoginDialog

log = logging.getLogger("tessera.login")


class LoginViewModel(QObject):
    succeeded = Signal(str)  # login

    def __init__(
        self,
        dialog: LoginDialog,
        session: VenueSession,
        credentials: CredentialStore,
        *,
        venue_name: str,
        last_logins: dict[str, Any],
        save: Callable[[], None],
        demo: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.session = session
        self.credentials = credentials
        self.venue_name = venue_name
        self._last_logins = last_logins
        self._save = save
        self._demo = demo
        self._task: asyncio.Task[None] | None = None
        dialog.setRememberAvailable(credentials.available, credentials.unavailable_reason)
        login = str(last_logins.get(session.venue) or (demo[0] if demo else ""))
        remembered = credentials.get(session.venue, login) if login else None
        dialog.setCredentials(login, remembered or self._demo_password(login))
        dialog.setRemember(remembered is not None)
        dialog.loginRequested.connect(self.submit)
        dialog.loginEdited.connect(self._prefill_password)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def submit(self, login: str, password: str, remember: bool) -> None:
        if self._task is not None:
            return
        self.dialog.setBusy(True)
        self._task = spawn(self._login(login, password, remember), name=f"{self.session.venue} login")

    async def _login(self, login: str, password: str, remember: bool) -> None:
        venue = self.session.venue
        problem = ""
        try:
            await self.session.login(login, password)
        except AuthError as exc:
            problem = message_text(exc)
        except TransportError as exc:
            problem = self.tr("{venue} cannot be reached: {reason}").format(
                venue=self.venue_name, reason=message_text(exc)
            )
        except VenueError as exc:
            problem = self.tr("{venue} refused the login: {reason}").format(
                venue=self.venue_name, reason=message_text(exc)
            )
        finally:
            self._task = None
            self.dialog.setBusy(False)
        if problem:
            log.info("login to %s as %s failed: %s", venue, login, problem)
            self.dialog.showError(problem)
            return
        log.info("logged in to %s as %s", venue, login)
        if remember:
            if not self.credentials.set(venue, login, password):
                log.warning("the password for %s/%s could not be remembered", venue, login)
        else:
            self.credentials.delete(venue, login)
        self._last_logins[venue] = login
        self._save()
        self.dialog.finish()
        self.succeeded.emit(login)

    def _prefill_password(self, login: str) -> None:
        """The user typed another login: offer the password remembered for it (if the field is empty)."""
        if not login or self.dialog.password_edit.text():
            return
        remembered = self.credentials.get(self.session.venue, login)
        if remembered is not None:
            self.dialog.password_edit.setText(remembered)
            self.dialog.setRemember(True)

    def _demo_password(self, login: str) -> str:
        return self._demo[1] if self._demo is not None and login == self._demo[0] else ""
