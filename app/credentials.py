"""The only place that touches secrets: venue passwords and API keys in the system keyring.

When no usable keyring exists (headless Linux without Secret Service, ...), nothing is remembered: ``set``
returns False and there is no plaintext fallback. Secrets are never logged; log lines name the venue and
login only.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger("tessera.credentials")


class CredentialStore:
    """The system keyring is looked for on first use (loading every backend keyring knows takes 0.1-0.4 s),
    not while the app starts."""

    def __init__(self, service: str = "Tessera", backend: KeyringBackend | None = None) -> None:
        self.service = service
        if backend is not None:
            self.backend = backend

    @functools.cached_property
    def backend(self) -> KeyringBackend:
        import keyring

        return keyring.get_keyring()

    @functools.cached_property
    def available(self) -> bool:
        return _usable(self.backend)

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
        from keyring.errors import KeyringError

        try:
            return self.backend.get_password(self.service, _account(venue, login))
        except KeyringError as exc:
            log.warning("cannot read the saved secret for %s/%s: %s", venue, login, type(exc).__name__)
            return None

    def set(self, venue: str, login: str, secret: str) -> bool:
        """Remember ``secret``; False (and nothing stored anywhere) if the keyring is unavailable or fails."""
        if not self.available:
            return False
        from keyring.errors import KeyringError

        try:
            self.backend.set_password(self.service, _account(venue, login), secret)
        except KeyringError as exc:
            log.warning("cannot save the secret for %s/%s: %s", venue, login, type(exc).__name__)
            return False
        return True

    def delete(self, venue: str, login: str) -> bool:
        """Forget the secret; True if one was removed."""
        if not self.available:
            return False
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            self.backend.delete_password(self.service, _account(venue, login))
        except PasswordDeleteError:
            return False
        except KeyringError as exc:
            log.warning("cannot delete the secret for %s/%s: %s", venue, login, type(exc).__name__)
            return False
        return True


def _account(venue: str, login: str) -> str:
    return f"{venue}:{login}"


def _usable(backend: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return True
