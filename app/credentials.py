"""The only place that touches secrets: venue passwords and API keys in the system keyring.

When no usable keyring exists (headless Linux without Secret Service, ...), nothing is remembered: ``set``
returns False and there is no plaintext fallback. Secrets are never logged; log lines name the venue and
login only.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from PySide6.QtCore import QCoreApplication

log = logging.getLogger("tessera.credentials")


class CredentialStore:
    def __init__(self, service: str = "Tessera", backend: KeyringBackend | None = None) -> None:
        self.service = service
        self.backend = backend if backend is not None else keyring.get_keyring()
        self.available = _usable(self.backend)

    @property
    def unavailable_reason(self) -> str | None:
        if self.available:
            return None
        return QCoreApplication.translate(
            "CredentialStore",
            "No system keyring is available (headless Linux?); passwords will not be remembered.",
        )

    def get(self, venue: str, login: str) -> str | None:
        if not self.available:
            return None
        try:
            return self.backend.get_password(self.service, _account(venue, login))
        except keyring.errors.KeyringError as exc:
            log.warning("cannot read the saved secret for %s/%s: %s", venue, login, type(exc).__name__)
            return None

    def set(self, venue: str, login: str, secret: str) -> bool:
        """Remember ``secret``; False (and nothing stored anywhere) if the keyring is unavailable or fails."""
        if not self.available:
            return False
        try:
            self.backend.set_password(self.service, _account(venue, login), secret)
        except keyring.errors.KeyringError as exc:
            log.warning("cannot save the secret for %s/%s: %s", venue, login, type(exc).__name__)
            return False
        return True

    def delete(self, venue: str, login: str) -> bool:
        """Forget the secret; True if one was removed."""
        if not self.available:
            return False
        try:
            self.backend.delete_password(self.service, _account(venue, login))
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            log.warning("cannot delete the secret for %s/%s: %s", venue, login, type(exc).__name__)
            return False
        return True


def _account(venue: str, login: str) -> str:
    return f"{venue}:{login}"


def _usable(backend: KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return True
