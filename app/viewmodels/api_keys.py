"""The API keys dialog's view-model: list, add and delete the exchange keys coin-weight holds.

The secret is sent once and never kept, logged or shown: the list shows what the venue returns (masked).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import QObject

from app.service_texts import message_text
from services.errors import TransportError, VenueError
from services.protocols import ApiKeyManager
from services.tasks import spawn
from widgets.dialogs.api_keys import ApiKeysDialog

log = logging.getLogger("tessera.api_keys")


class ApiKeysViewModel(QObject):
    def __init__(self, dialog: ApiKeysDialog, adapter: ApiKeyManager, counterparties: Sequence[str]) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.adapter = adapter
        dialog.setCounterparties(counterparties)
        dialog.addRequested.connect(self._on_add)
        dialog.deleteRequested.connect(self._on_delete)
        self._busy = False

    def refresh(self) -> None:
        self._run(self._reload, "list")

    def _on_add(self, counterparty: str, api_key: str, secret_key: str) -> None:
        async def add() -> None:
            await self.adapter.add_api_key(counterparty, api_key, secret_key)
            log.info("API key added for %s", counterparty)
            self.dialog.clearForm()
            await self._reload()

        self._run(add, "add")

    def _on_delete(self, counterparty: str) -> None:
        async def delete() -> None:
            await self.adapter.delete_api_key(counterparty)
            log.info("API key deleted for %s", counterparty)
            await self._reload()

        self._run(delete, "delete")

    async def _reload(self) -> None:
        keys = await self.adapter.api_keys()
        self.dialog.setKeys([(key.counterparty, key.api_key, key.masked_secret) for key in keys])

    def _run(self, action: Callable[[], Awaitable[None]], name: str) -> None:
        if self._busy:
            return
        self._busy = True
        self.dialog.setBusy(True)
        self.dialog.showError("")
        spawn(self._guarded(action), name=f"api keys {name}")

    async def _guarded(self, action: Callable[[], Awaitable[None]]) -> None:
        try:
            await action()
        except VenueError as exc:
            self.dialog.showError(self.tr("The venue refused: {reason}").format(reason=message_text(exc)))
        except TransportError as exc:
            reason = message_text(exc)
            self.dialog.showError(self.tr("The venue cannot be reached: {reason}").format(reason=reason))
        finally:
            self._busy = False
            self.dialog.setBusy(False)
