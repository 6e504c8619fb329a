"""The Help menu's Aggregion side: this device's licence (Help -> Licence...), the add-on catalog
(Help -> Add-ons...), the About box, and the licence state in the status bar.

Start-up never waits for it: the cached licence (``<profile dir>/aggregion/``, see
:mod:`services.aggregion.terminal`) is verified offline in a worker thread once the event loop runs, and the
status bar says "Licensed to ... until ..." or why Tessera runs in its free mode. Nothing else is switched
off in free mode. Installed add-ons are applied at start-up too: a layout pack's layouts become named
layouts of the Window menu (and of the Layouts toolbar); a strategy-template pack's templates are offered by
the Strategies panel's "New from template" (:mod:`app.addon_templates`).

One :class:`AggregionAccess` per window, installed by the shell and registered in ``ctx.services`` as
``aggregion_access``; its client is closed with the window.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

import resources
from app.addon_templates import addon_templates, templates_of
from app.service_texts import error_text, message_text, rejected_text
from app.workspace import WorkspaceRegistry
from services.aggregion.client import AggregionClient, AggregionUrls
from services.aggregion.licence import LicenceRefused, LicenceStatus
from services.aggregion.pinned_keys import pinned_keys
from services.aggregion.schemas import Bundle, CatalogEntry, format_date
from services.aggregion.terminal import (
    AggregionTerminal,
    InstalledAddon,
    LeaseView,
    LicenceBook,
    LicenceVerdict,
    filter_entries,
    layouts_of,
)
from services.errors import RejectedInput, TransportError, VenueError
from services.tasks import loop_running, spawn
from widgets.common.toast import ToastLevel
from widgets.dialogs.about import AboutDialog
from widgets.dialogs.addons import AddonsDialog
from widgets.dialogs.licence import LicenceDialog
from widgets.main_window import DockPlacement, MainWindow

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger("tessera.licence")

SERVICE_NAME = "aggregion_access"
KEY_SERVICE = "aggregion.device-key"  # keyring: "<login>@<device id>" -> this device's key number
OAUTH_SECRET_SERVICE = "aggregion.oauth"  # keyring: the OAuth client's secret, if the build has one
DEMO_OAUTH_SECRET = "demo"  # the simulator's client secret (a desktop app's client secret is not secret)
VERSION = "0.1.0"

Area = Qt.DockWidgetArea
_AREAS = {
    "left": Area.LeftDockWidgetArea,
    "right": Area.RightDockWidgetArea,
    "top": Area.TopDockWidgetArea,
    "center": Area.TopDockWidgetArea,  # no central widget: the centre column's top area
    "bottom": Area.BottomDockWidgetArea,
}


def pack_placements(panels: list[Any], registry: WorkspaceRegistry) -> dict[str, DockPlacement]:
    """A layout pack's ``panels`` as dock placements (panels this build does not have are skipped)."""
    placements: dict[str, DockPlacement] = {}
    for spec in panels:
        if not isinstance(spec, dict) or not isinstance(spec.get("panel"), str):
            continue
        panel = spec["panel"]
        if panel not in registry:
            continue
        size = spec.get("size")
        size = int(size) if isinstance(size, int | float) and not isinstance(size, bool) else None
        orientation = (
            Qt.Orientation.Horizontal if spec.get("orientation") == "horizontal" else Qt.Orientation.Vertical
        )
        tab_with = spec.get("tabWith") if spec.get("tabWith") in placements else None
        split_from = spec.get("splitFrom") if spec.get("splitFrom") in placements else None
        placements[panel] = DockPlacement(
            _AREAS.get(str(spec.get("area", "")), Area.RightDockWidgetArea),
            tab_with=tab_with,
            split_from=split_from,
            orientation=orientation,
            size=size,
        )
    return placements


class AggregionAccess(QObject):
    def __init__(
        self,
        window: MainWindow,
        ctx: AppContext,
        registry: WorkspaceRegistry,
        base_url: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.ctx = ctx
        self.registry = registry
        self.book = LicenceBook(
            ctx.profiles.directory / "aggregion", pinned_keys(resources.path("keys", "aggregion"), base_url)
        )
        self.client_urls = AggregionUrls.under(base_url)
        self.client = AggregionClient.create(self.client_urls, client_secret=self.read_client_secret)
        self._memory_keys: dict[str, str] = {}
        self.terminal = AggregionTerminal(self.client, self.book, (self._get_key, self._set_key))
        self.verdict: LicenceVerdict | None = None  # None until the first check has run
        self.licence_dialog: LicenceDialog | None = None
        self.addons_dialog: AddonsDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self._leases: list[LeaseView] = []
        self._looks = 0  # online looks at the leases started; only the newest one's answer is shown
        self._catalog: list[CatalogEntry] = []
        self._shown: list[CatalogEntry] = []
        self._bundles: list[Bundle] = []
        self._covers: dict[str, bytes | None] = {}  # cover resource id -> image
        self._filter = ("", "")
        self._tasks: set[asyncio.Task[Any]] = set()
        self.applied_layouts: list[str] = []

        self.status_label = QLabel(window)
        self.status_label.setObjectName("licenceStatus")
        self.status_label.setText(self.tr("Licence: checking\u2026"))
        window.add_status_widget(self.status_label)
        self._build_menu()
        for addon in self.book.installed():
            self.apply_addon(addon)
        QTimer.singleShot(0, self, self.check_cached)

    def read_client_secret(self) -> str:
        """The OAuth client's secret, read from the keyring when a client first needs it (signing in, after
        the first frame): finding the keyring's backend takes 0.1-0.4 s the window need not wait for."""
        return self.ctx.credentials.get(OAUTH_SECRET_SERVICE, "tessera") or DEMO_OAUTH_SECRET

    # --- menu

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu(self.tr("&Help"))
        menu.setObjectName("menu.help")
        self.help_menu = menu
        self.licence_action = QAction(self.tr("&Licence\u2026"), self.window)
        self.licence_action.setObjectName("action.help.licence")
        self.licence_action.triggered.connect(self.open_licence)
        self.addons_action = QAction(self.tr("&Add-ons\u2026"), self.window)
        self.addons_action.setObjectName("action.help.addons")
        self.addons_action.triggered.connect(self.open_addons)
        self.about_action = QAction(self.tr("&About Tessera\u2026"), self.window)
        self.about_action.setObjectName("action.help.about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        for action in (self.licence_action, self.addons_action, self.about_action):
            menu.addAction(action)

    # --- key number in the keyring

    def _get_key(self, login: str, device_id: str) -> str | None:
        account = f"{login}@{device_id}"
        return self.ctx.credentials.get(KEY_SERVICE, account) or self._memory_keys.get(account)

    def _set_key(self, login: str, device_id: str, number: str) -> None:
        account = f"{login}@{device_id}"
        if not self.ctx.credentials.set(KEY_SERVICE, account, number):
            self._memory_keys[account] = number  # no keyring: kept for this run (the DS gives it back)

    # --- the licence check

    def check_cached(self) -> None:
        """Verify the cached licence off the UI thread (directly when no loop runs, e.g. a smoke test)."""
        if loop_running():
            self._spawn(self._check_in_background())
        else:
            self.set_verdict(self.book.check())

    async def _check_in_background(self) -> None:
        verdict = await asyncio.to_thread(self.book.check)
        self.set_verdict(verdict)

    def set_verdict(self, verdict: LicenceVerdict) -> None:
        self.verdict = verdict
        if not shiboken6.isValid(self.status_label):
            return
        text, ok = self.describe(verdict)
        self.status_label.setText(text)
        self.status_label.setToolTip(
            verdict.check.reason if verdict.check else self.describe(verdict, long=True)[0]
        )
        self.status_label.setStyleSheet("" if ok else "color: #e0a040;")
        if verdict.check is not None and not verdict.valid:
            log.warning("licence not valid: %s", verdict.check.reason)
        if self.licence_dialog is not None and shiboken6.isValid(self.licence_dialog):
            self.licence_dialog.setStatus(*self.describe(verdict, long=True))
        if self.about_dialog is not None and shiboken6.isValid(self.about_dialog):
            self.about_dialog.setLicence(self.describe(verdict, long=True)[0])

    def describe(self, verdict: LicenceVerdict | None, long: bool = False) -> tuple[str, bool]:
        """The status text of a verdict and whether it is a valid licence."""
        if verdict is None:
            return self.tr("Licence: checking\u2026"), True
        check = verdict.check
        if check is None:  # the status bar says it short: its room goes to the equity figures
            return (self.tr("Free mode (no licence on this device)") if long else self.tr("Free mode")), True
        if verdict.valid and check.claims is not None:
            text = self.tr("Licensed to {licensee} until {date}").format(
                licensee=verdict.licensee or check.claims.user, date=check.claims.expiration_date.date()
            )
            if long and verdict.title:
                text = f"{verdict.title}: {text}"
            return text, True
        kinds = {
            LicenceStatus.EXPIRED: self.tr("Licence expired"),
            LicenceStatus.NOT_YET_VALID: self.tr("Licence not valid yet"),
            LicenceStatus.TAMPERED: self.tr("Licence refused"),
            LicenceStatus.UNKNOWN_KEY: self.tr("Licence refused"),
            LicenceStatus.FOREIGN_DEVICE: self.tr("Licence is for another device"),
            LicenceStatus.REVOKED_OR_UNKNOWN: self.tr("Licence revoked or unknown"),
        }
        head = self.tr("Free mode \u2014 {why}").format(why=kinds.get(check.status, check.status.value))
        return (f"{head}: {check.reason}" if long else head), False

    # --- tasks

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = spawn(coro, name="aggregion")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _refusal(self, exc: Exception) -> str:
        if isinstance(exc, VenueError):
            message = message_text(exc) or error_text(exc)
            return self.tr("Aggregion refused: {message}").format(message=message)
        if isinstance(exc, TransportError):
            return self.tr("Aggregion cannot be reached: {message}").format(message=message_text(exc))
        if isinstance(exc, LicenceRefused):
            return self.tr("Refused: {reason}.").format(reason=str(exc))
        return str(exc)

    async def _run(
        self, dialog: LicenceDialog | AddonsDialog, busy: str, work: Callable[[], Coroutine[Any, Any, None]]
    ) -> None:
        if not shiboken6.isValid(dialog) or not dialog.isVisible():
            return
        dialog.setBusy(True, busy)
        try:
            await work()
        except RejectedInput as exc:
            if isinstance(dialog, LicenceDialog):
                dialog.showFieldError(exc.field, rejected_text(exc))
            else:
                dialog.showMessage(rejected_text(exc), error=True)
        except (VenueError, TransportError, LicenceRefused) as exc:
            if isinstance(dialog, LicenceDialog):
                dialog.showError(self._refusal(exc))
            else:
                dialog.showMessage(self._refusal(exc), error=True)
        finally:
            if shiboken6.isValid(dialog):
                dialog.setBusy(False)

    # --- Help -> Licence...

    def open_licence(self) -> LicenceDialog:
        dialog = self.licence_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = LicenceDialog(self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.signInRequested.connect(self._on_sign_in)
            dialog.bindRequested.connect(self._on_bind)
            dialog.unbindRequested.connect(self._on_unbind)
            dialog.refreshRequested.connect(lambda: self._spawn(self._load_leases()))
            if self.ctx.demo is not None:
                dialog.setCredentials(self.ctx.demo.login, self.ctx.demo.password)
            self.licence_dialog = dialog
        dialog.setStatus(*self.describe(self.verdict, long=True))
        dialog.setSignedIn(self.terminal.signed_in, self.terminal.login_name)
        self._show_device(dialog)
        dialog.show()
        dialog.raise_()
        if self.terminal.signed_in:
            self._spawn(self._load_leases())
        return dialog

    def _show_device(self, dialog: LicenceDialog) -> None:
        device = self.book.device()
        key = self.terminal.key_number
        text = (
            self.tr("This device: {host} \u2014 key {number}").format(host=device.host_name, number=key)
            if key
            else self.tr("This device: {host} (no key yet)").format(host=device.host_name)
        )
        if self.terminal.user_id:
            text += " \u00b7 " + self.tr("your user id: {id}").format(id=self.terminal.user_id)
        if self.client.account:  # what a publisher moves items to
            text += " \u00b7 " + self.tr("account id: {id}").format(id=self.client.account)
        dialog.setDevice(text)

    def _on_sign_in(self, login: str, password: str) -> None:
        dialog = self.licence_dialog
        if dialog is None:
            return

        async def work() -> None:
            await self.terminal.sign_in(login, password)
            if not shiboken6.isValid(dialog):
                return
            dialog.setSignedIn(True, self.terminal.login_name)
            self._show_device(dialog)
            if self.terminal.created_key:
                self.window.show_status(
                    self.tr("This device's key {number} was created.").format(
                        number=self.terminal.key_number
                    ),
                    6000,
                )
            await self._load_leases()

        self._spawn(self._run(dialog, self.tr("Signing in\u2026"), work))

    async def _load_leases(self) -> None:
        dialog = self.licence_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            return

        self._looks += 1
        look = self._looks

        async def work() -> None:
            leases = await self.terminal.leases()
            if look != self._looks:  # a newer look started meanwhile: its answer is the one that counts
                return
            self._leases = leases
            self.book.note_active_leases([view.lease.id for view in leases])
            self.set_verdict(self.book.check())  # the active leases just seen: a revoked one shows now
            if not shiboken6.isValid(dialog):
                return
            lang = self._lang()
            dialog.setLeases(
                [
                    (
                        view.title(lang),
                        format_date(view.lease.begin_date)[:10],
                        format_date(view.lease.expiration_date)[:10],
                        f"{len(view.lease.keys)}/{view.lease.max_keys}",
                        view.bound_here,
                    )
                    for view in self._leases
                ]
            )

        await self._run(dialog, self.tr("Loading leases\u2026"), work)

    def _on_bind(self, row: int) -> None:
        dialog = self.licence_dialog
        if dialog is None or not 0 <= row < len(self._leases):
            return
        view = self._leases[row]

        async def work() -> None:
            verdict = await self.terminal.bind(view, self._lang())
            if verdict.valid:
                self.set_verdict(verdict)
                self.window.show_status(self.describe(verdict)[0], 8000)
            elif shiboken6.isValid(dialog):
                dialog.showError(self.describe(verdict, long=True)[0])
            await self._load_leases()

        self._spawn(self._run(dialog, self.tr("Binding to this device\u2026"), work))

    def _on_unbind(self, row: int) -> None:
        dialog = self.licence_dialog
        if dialog is None or not 0 <= row < len(self._leases):
            return
        view = self._leases[row]

        async def work() -> None:
            await self.terminal.unbind(view)
            self.set_verdict(self.book.check())
            self.window.show_status(
                self.tr("The seat of \u201c{title}\u201d on this device is free.").format(
                    title=view.title(self._lang())
                ),
                8000,
            )
            await self._load_leases()

        self._spawn(self._run(dialog, self.tr("Freeing the seat\u2026"), work))

    # --- Help -> About

    def open_about(self) -> AboutDialog:
        dialog = self.about_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = AboutDialog(VERSION, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.about_dialog = dialog
        dialog.setLicence(self.describe(self.verdict, long=True)[0])
        dialog.show()
        dialog.raise_()
        return dialog

    # --- Help -> Add-ons...

    def _lang(self) -> str:
        return self.ctx.profile.language or "default"

    def open_addons(self) -> AddonsDialog:
        dialog = self.addons_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = AddonsDialog(self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.searchRequested.connect(lambda text: self._spawn(self._load_catalog(text)))
            dialog.filterChanged.connect(self._on_filter)
            dialog.entrySelected.connect(self._on_entry)
            dialog.installRequested.connect(self._on_install)
            self.addons_dialog = dialog
            self._spawn(self._load_catalog(""))
        dialog.show()
        dialog.raise_()
        return dialog

    async def _load_catalog(self, search: str) -> None:
        dialog = self.addons_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            return

        async def work() -> None:
            self._catalog = await self.terminal.catalog(search)
            if not shiboken6.isValid(dialog):
                return
            dialog.setTags(sorted({tag for entry in self._catalog for tag in entry.tags}))
            dialog.setPlatforms(sorted({p for entry in self._catalog for p in entry.platform_support}))
            self._show_entries()

        await self._run(dialog, self.tr("Loading the catalog\u2026"), work)

    def _on_filter(self, tag: str, platform: str) -> None:
        self._filter = (tag, platform)
        self._show_entries()

    def _show_entries(self) -> None:
        dialog = self.addons_dialog
        if dialog is None:
            return
        self._shown = filter_entries(self._catalog, *self._filter)
        lang = self._lang()
        installed = {addon.catalog_id for addon in self.book.installed()}
        dialog.setEntries(
            [
                entry.title_in(lang) + (self.tr(" (installed)") if entry.id in installed else "")
                for entry in self._shown
            ]
        )
        if self._shown:
            self._on_entry(0)

    def _on_entry(self, row: int) -> None:
        dialog = self.addons_dialog
        if dialog is None or not 0 <= row < len(self._shown):
            return
        entry = self._shown[row]
        lang = self._lang()
        dialog.setDetails(
            entry.title_in(lang),
            entry.description.text(lang),
            self.tr("Tags: {tags} \u00b7 Platforms: {platforms}").format(
                tags=", ".join(entry.tags), platforms=", ".join(entry.platform_support)
            ),
        )
        dialog.setVersions([])
        dialog.setCover(self._covers.get(entry.cover) if entry.cover else None)
        self._bundles = []

        def still_shown() -> bool:
            row = dialog.entries.currentRow() if shiboken6.isValid(dialog) else -1
            return 0 <= row < len(self._shown) and self._shown[row].id == entry.id

        async def work() -> None:
            bundles = await self.terminal.bundles(entry.id)
            if not still_shown():
                return
            self._bundles = bundles
            dialog.setVersions([bundle.version for bundle in bundles])
            if entry.cover and entry.cover not in self._covers:
                self._covers[entry.cover] = await self._cover(entry.cover)
                if still_shown():
                    dialog.setCover(self._covers[entry.cover])

        self._spawn(self._run(dialog, self.tr("Loading versions\u2026"), work))

    async def _cover(self, resource_id: str) -> bytes | None:
        """A cover from the distributor's storage; ``None`` if it cannot be had (a cover is decoration)."""
        try:
            return await self.client.download(resource_id)
        except (VenueError, TransportError) as exc:
            log.info("no cover %s: %s", resource_id, exc)
            return None

    def _on_install(self, row: int, version: int) -> None:
        dialog = self.addons_dialog
        if dialog is None or not 0 <= row < len(self._shown) or not 0 <= version < len(self._bundles):
            return
        if not self.terminal.signed_in:
            dialog.showMessage(self.tr("Sign in under Help \u2192 Licence\u2026 to install add-ons."), True)
            return
        entry, bundle = self._shown[row], self._bundles[version]

        async def work() -> None:
            addon = await self.terminal.install(entry, bundle)
            effect = self.apply_addon(addon)
            message = self.tr("\u201c{title}\u201d {version} is installed and verified. {effect}").format(
                title=entry.title_in(self._lang()), version=bundle.version, effect=effect
            )
            if shiboken6.isValid(dialog):
                dialog.showMessage(message)
            self.window.notify(message, ToastLevel.INFO)

        self._spawn(self._run(dialog, self.tr("Downloading and verifying\u2026"), work))

    def apply_addon(self, addon: InstalledAddon) -> str:
        """Make an installed add-on take effect; what it did, in words."""
        names = []
        for layout in layouts_of(addon):
            name = str(layout["name"])
            if not self.window.has_layout_preset(name):
                self.window.add_layout_preset(name, name, pack_placements(layout["panels"], self.registry))
                self.applied_layouts.append(name)
            names.append(name)
        if names:
            return self.tr("New layouts in the Window menu: {names}.").format(names=", ".join(names))
        templates = templates_of(addon.content)
        if templates:
            addon_templates(self.ctx).add(templates)
            return self.tr("New strategy templates in the Strategies panel: {names}.").format(
                names=", ".join(t.name for t in templates)
            )
        return self.tr("It takes effect in a later Tessera version.")

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self.client.aclose()
