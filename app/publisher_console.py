"""Help -> Publisher console...: for an account that owns catalog entries (see
:mod:`services.aggregion.publisher`). Its own Aggregion session (the publisher is usually not the trader
signed in under Help -> Licence...). What was typed is checked before anything is sent; a refusal is shown
in the console in the distributor's words. The tabs "Funds and items", "Documents" and "Transactions" are
:class:`app.publisher_inventory.PublisherInventory`'s.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.publisher_inventory import PublisherInventory
from app.service_texts import error_text, message_text, rejected_text
from services.aggregion.client import AggregionClient, AggregionUrls
from services.aggregion.publisher import KINDS, PLATFORMS, BundleForm, EntryForm, LeaseForm, PublisherDesk
from services.aggregion.schemas import CatalogEntry, IdUser, Lease, format_date
from services.errors import RejectedInput, TransportError, VenueError
from services.tasks import spawn
from widgets.common.plural import plural
from widgets.dialogs.publisher import PublisherDialog
from widgets.main_window import MainWindow

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger("tessera.publisher")

SERVICE_NAME = "publisher_console"


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes() if path.strip() else None
    except OSError:
        return None


class PublisherConsole(QObject):
    def __init__(
        self,
        window: MainWindow,
        ctx: AppContext,
        base_url: str,
        menu: QMenu,
        client_secret: str | Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.ctx = ctx
        self.client = AggregionClient.create(AggregionUrls.under(base_url), client_secret=client_secret)
        self.desk = PublisherDesk(self.client)
        self.dialog: PublisherDialog | None = None
        self._entries: list[CatalogEntry] = []
        self._leases: list[Lease] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        self._busy = 0  # work running in the console
        self.inventory = PublisherInventory(
            self.desk,
            lambda: self.dialog,
            lambda busy, work: self._spawn(self._run(busy, work)),
            lambda: self._entries,
            self._lang,
            self,
        )
        self.action = QAction(self.tr("&Publisher console\u2026"), window)
        self.action.setObjectName("action.help.publisher")
        self.action.triggered.connect(self.open)
        actions = menu.actions()
        if actions:  # above About
            menu.insertAction(actions[-1], self.action)
        else:
            menu.addAction(self.action)

    def _lang(self) -> str:
        return self.ctx.profile.language or "default"

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = spawn(coro, name="publisher")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, busy: str, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return
        self._busy += 1  # overlapping work (a tab's load during a save) keeps the console busy to the end
        dialog.setBusy(True, busy)
        try:
            await work()
        except RejectedInput as exc:
            if shiboken6.isValid(dialog):
                dialog.showFieldError(exc.field, rejected_text(exc))
        except VenueError as exc:
            if shiboken6.isValid(dialog):
                message = self.tr("Aggregion refused: {message}").format(
                    message=message_text(exc) or error_text(exc)
                )
                dialog.showMessage(message, error=True)
        except TransportError as exc:
            if shiboken6.isValid(dialog):
                message = self.tr("Aggregion cannot be reached: {message}").format(message=message_text(exc))
                dialog.showMessage(message, error=True)
        finally:
            self._busy -= 1
            if shiboken6.isValid(dialog) and self._busy == 0:
                dialog.setBusy(False)

    def _rejects(self, check: Callable[[], object]) -> bool:
        """Run a form's check now; a rejection goes under its field (and nothing is sent)."""
        try:
            check()
        except RejectedInput as exc:
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.showFieldError(exc.field, rejected_text(exc))
            return True
        return False

    # --- the console

    def open(self) -> PublisherDialog:
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = PublisherDialog(PLATFORMS, KINDS, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.signInRequested.connect(self._on_sign_in)
            dialog.entrySelected.connect(self._on_entry)
            dialog.saveRequested.connect(self._on_save)
            dialog.publishRequested.connect(self._on_publish)
            dialog.uploadRequested.connect(self._on_upload)
            dialog.leaseRequested.connect(self._on_lease)
            dialog.revokeRequested.connect(self._on_revoke)
            dialog.tabShown.connect(self.inventory.show)
            dialog.groupsWanted.connect(self._on_groups_wanted)
            self.inventory.attach(dialog)
            self.dialog = dialog
        dialog.setSignedIn(self.desk.signed_in, self.desk.account_name)
        dialog.show()
        dialog.raise_()
        if self.desk.signed_in:
            self._spawn(self._run(self.tr("Loading\u2026"), self._load_entries))
        return dialog

    def _selected(self) -> CatalogEntry | None:
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog):
            return None
        row = dialog.selectedRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _on_sign_in(self, login: str, password: str) -> None:
        async def work() -> None:
            await self.desk.sign_in(login, password)
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.setSignedIn(True, self.desk.account_name)
            await self._load_entries()

        self._spawn(self._run(self.tr("Signing in\u2026"), work))

    async def _load_entries(self, select_id: str | None = None) -> None:
        self._entries = await self.desk.entries()
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog):
            return
        lang = self._lang()
        rows = [
            (
                entry.title_in(lang),
                self.tr("published") if entry.is_public else self.tr("not published"),
                str(entry.max_keys or ""),
                bool(entry.is_public),
            )
            for entry in self._entries
        ]
        select = next((i for i, e in enumerate(self._entries) if e.id == select_id), -1)
        dialog.setEntries(rows, select)

    def _on_entry(self, row: int) -> None:
        dialog = self.dialog
        if dialog is None or not 0 <= row < len(self._entries):
            return
        entry = self._entries[row]
        dialog.setEntryForm(
            {
                "title": entry.title.root.get("default", entry.title.text()),
                "title_ru": entry.title.root.get("ru_RU", ""),
                "description": entry.description.root.get("default", entry.description.text()),
                "description_ru": entry.description.root.get("ru_RU", ""),
                "tags": ", ".join(entry.tags),
                "platforms": list(entry.platform_support),
                "max_keys": entry.max_keys or 1,
                "kind": entry.options.get("kind", ""),
            }
        )
        dialog.setVersions([])
        dialog.setLeases([])

        async def work() -> None:
            bundles = await self.desk.bundles(entry.id)
            if shiboken6.isValid(dialog) and self._selected() is entry:
                dialog.setVersions([bundle.version for bundle in bundles])
            await self._load_leases(entry)

        self._spawn(self._run(self.tr("Loading versions\u2026"), work))

    async def _load_leases(self, entry: CatalogEntry) -> None:
        leases = await self.desk.leases(entry.id)
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog) or self._selected() is not entry:
            return
        self._leases = leases
        dialog.setLeases(
            [
                (
                    lease.user.id or "" if isinstance(lease.user, IdUser) else lease.user,
                    format_date(lease.expiration_date)[:10],
                    f"{len(lease.keys)}/{lease.max_keys}",
                    lease.is_active,
                )
                for lease in leases
            ]
        )

    def _on_revoke(self, row: int) -> None:
        entry = self._selected()
        if entry is None or not 0 <= row < len(self._leases):
            return
        lease = self._leases[row]

        async def work() -> None:
            await self.desk.revoke(lease.id)
            await self._load_leases(entry)
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.showMessage(self.tr("The lease is revoked."))

        self._spawn(self._run(self.tr("Revoking\u2026"), work))

    def _on_save(self, values: dict[str, Any]) -> None:
        entry = self._selected()
        form = EntryForm(
            title=str(values.get("title", "")),
            description=str(values.get("description", "")),
            title_ru=str(values.get("title_ru", "")),
            description_ru=str(values.get("description_ru", "")),
            tags=str(values.get("tags", "")),
            platforms=tuple(values.get("platforms", ())),
            max_keys=str(values.get("max_keys", "")),
            kind=str(values.get("kind", "")),
        )
        if self._rejects(form.checked):
            return

        async def work() -> None:
            saved = await self.desk.save_entry(entry.id if entry else None, form)
            await self._load_entries(saved.id)
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.showMessage(
                    self.tr("\u201c{title}\u201d saved.").format(title=saved.title_in(self._lang()))
                )

        self._spawn(self._run(self.tr("Saving\u2026"), work))

    def _on_publish(self, public: bool) -> None:
        entry = self._selected()
        if entry is None:
            return

        async def work() -> None:
            await self.desk.publish(entry.id, public)
            await self._load_entries(entry.id)
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                text = (
                    self.tr("\u201c{title}\u201d is in the public catalog.")
                    if public
                    else self.tr("\u201c{title}\u201d is no longer in the public catalog.")
                )
                self.dialog.showMessage(text.format(title=entry.title_in(self._lang())))

        self._spawn(self._run(self.tr("Publishing\u2026"), work))

    def _on_upload(self, version: str, path: str) -> None:
        entry = self._selected()
        if entry is None or self._rejects(lambda: BundleForm(version, path, b"?").checked()):
            return

        async def work() -> None:
            content = await asyncio.to_thread(_read, path)
            form = BundleForm(version, Path(path).name if path.strip() else "", content)
            bundle = await self.desk.upload_bundle(entry.id, form)
            versions = [b.version for b in await self.desk.bundles(entry.id)]
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.setVersions(versions)
                self.dialog.showMessage(self.tr("Version {version} uploaded.").format(version=bundle.version))

        self._spawn(self._run(self.tr("Uploading\u2026"), work))

    def _on_groups_wanted(self) -> None:
        async def work() -> None:
            groups = await self.desk.groups()
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.setGroups([(group.name, group.id or "") for group in groups])

        self._spawn(self._run(self.tr("Loading groups\u2026"), work))

    def _on_lease(self, users: str, until: QDate, groups: bool = False) -> None:
        entry = self._selected()
        if entry is None:
            return
        end = datetime(until.year(), until.month(), until.day(), 23, 59, 59, tzinfo=UTC)
        form = LeaseForm(users, end, groups=groups)
        if self._rejects(form.checked):
            return

        async def work() -> None:
            leases = await self.desk.lease(entry.id, form)
            await self._load_leases(entry)
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.showMessage(
                    plural(
                        self.tr("\u201c{title}\u201d leased to %n user(s) until {date}.", "", len(leases)),
                        len(leases),
                    ).format(
                        title=entry.title_in(self._lang()),
                        date=until.toString("yyyy-MM-dd"),
                    )
                )

        self._spawn(self._run(self.tr("Leasing\u2026"), work))

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self.client.aclose()
