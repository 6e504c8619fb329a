"""The shell: builds the main window from the panel registry and binds it to the user's profile.

The window emits what the user did (docks moved, layout saved/switched/deleted, lock, theme, language); the
shell writes it into the profile and saves it debounced (``SAVE_DELAY_MS`` after the last change) and on
close.
"""

from __future__ import annotations

import logging
from functools import partial

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.aggregion_access import SERVICE_NAME as AGGREGION_SERVICE
from app.aggregion_access import AggregionAccess
from app.back_office import BackOffice
from app.back_office_session import BackOfficeIndicator, QtBackOffice, install_back_office
from app.connections import ConnectionProbe, RammIndicator, SessionIndicator
from app.context import AppContext
from app.i18n import switch_language
from app.layout_presets import layout_presets
from app.paper_account import PaperAccountReset
from app.profiles import SavedLayout
from app.publisher_console import SERVICE_NAME as PUBLISHER_SERVICE
from app.publisher_console import PublisherConsole
from app.ramm_session import ramm
from app.strategy_manager import StrategyManager
from app.themes import apply_theme
from app.trading.install import SERVICE_NAME as TRADING_SERVICE
from app.trading.install import trading
from app.venue_access import SERVICE_NAME as VENUE_ACCESS_SERVICE
from app.venue_access import VenueAccess
from app.venues import VENUE_IDS, VENUE_NAMES, VenueEndpoints
from app.workspace import PanelContext, PanelSpec, WorkspaceRegistry
from widgets.common.plural import plural
from widgets.common.status import ConnectionIndicator, UtcClock
from widgets.common.status import LightState as WidgetConnectionState
from widgets.common.toast import ToastLevel
from widgets.main_window import LayoutSnapshot, MainWindow

log = logging.getLogger("tessera.shell")

SAVE_DELAY_MS = 500
FIRST_RUN = "first_run"  # profile.panels key: {"hint_dismissed": true} once the user closed the hint


class Shell(QObject):
    closed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        registry: WorkspaceRegistry,
        *,
        reset_layout: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.registry = registry
        self.profile = ctx.profile
        self._apply_theme(self.profile.theme)
        self.window = MainWindow()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self.window.destroyed.connect(self._save_timer.stop)  # nothing left to snapshot once it is gone
        self._update_title()
        self._build_panels()
        self._add_layout_presets()
        self._restore_arrangement(reset_layout)
        self._apply_preferences()
        self._connect_window()
        self.indicators: dict[str, ConnectionIndicator] = {}
        self.probe: ConnectionProbe | None = None
        self.venue_access: VenueAccess | None = None
        self.back_office: BackOffice | None = None
        self.strategy_manager: StrategyManager | None = None
        self.aggregion: AggregionAccess | None = None
        self.publisher: PublisherConsole | None = None
        self.paper_reset: PaperAccountReset | None = None  # Venue -> Reset paper account... (the demo)
        self._build_status_bar()
        if ctx.errors is not None:
            ctx.errors.set_presenter(self._show_error)

    # --- lifecycle

    def show(self) -> None:
        self.window.show()
        if self.profile.current_layout not in self.profile.layouts:  # a new profile: its first named layout
            self.window.reset_layout(undoable=False)  # again, now that the window has its real size
            snapshot = self.window.snapshot()
            self.profile.layouts[self.profile.current_layout] = SavedLayout(snapshot.geometry, snapshot.state)
        self.show_notices(self.ctx.profile_notices)
        self.ctx.profile_notices = []
        self._offer_first_run_hint()

    def show_notices(self, notices: list[str]) -> None:
        """Warnings the user must read (a profile or paper account that could not be used): a toast each, the
        status bar, the log."""
        for notice in notices:
            log.warning("%s", notice)
            self.window.notify(notice, ToastLevel.WARNING)
        if notices:
            self.window.show_status(" ".join(notices))

    def start_probes(self) -> None:
        """Probe the venues' base URLs (needs the running qasync loop); say if no keyring keeps passwords.
        The composition root calls it once the first frame is painted: both take time the window need not
        wait for."""
        if not self.ctx.credentials.available:
            log.warning("%s", self.ctx.credentials.unavailable_reason)
        if self.probe is not None:
            self.probe.start()

    async def aclose(self) -> None:
        if self.probe is not None:
            await self.probe.aclose()
        if self.ctx.errors is not None:
            self.ctx.errors.set_presenter(None)

    # --- first run

    def _offer_first_run_hint(self) -> None:
        """What to do first, until the user closes it (remembered in the profile)."""
        settings = self.profile.panel_settings(FIRST_RUN)
        if settings.get("hint_dismissed"):
            return
        hint = self.window.show_hint(
            self.tr(
                "Start here: log in from the Venue menu (or click a grey light below; the demo logs in by "
                "itself), click a symbol in the market watch to see its chart and order book, then enter an "
                "order in the order ticket. Ctrl+1 and Ctrl+2 switch to the professional and simple layouts."
            )
        )

        def dismissed() -> None:
            settings["hint_dismissed"] = True
            self.schedule_save()

        hint.dismissed.connect(dismissed)

    # --- persistence

    def schedule_save(self) -> None:
        self._save_timer.start()

    def save_now(self) -> bool:
        """Write the profile now, the current arrangement included. False (and the user told) on failure."""
        self._save_timer.stop()
        snapshot = self.window.snapshot()
        self.profile.current_layout = self.window.current_layout()
        self.profile.layouts[self.profile.current_layout] = SavedLayout(snapshot.geometry, snapshot.state)
        try:
            self.ctx.profiles.save(self.profile)
        except OSError as exc:
            message = self.tr("Could not save your profile: {error}").format(error=exc.strerror or exc)
            log.error("%s (%s)", message, self.ctx.profiles.path)
            self.window.show_status(message, 10000)
            return False
        return True

    # --- building

    def _build_panels(self) -> None:
        """Every panel's dock now; its content when first shown (a panel hidden or behind another tab costs
        nothing at start; the arrangement is restored over docks that all exist)."""
        for spec in self.registry:
            self.window.add_panel(
                spec.id,
                spec.translated_title(),
                partial(self._build_panel, spec),
                spec.placement(),
                spec.shortcut,
                after_first_paint=spec.after_first_paint,
            )

    def _build_panel(self, spec: PanelSpec) -> QWidget:
        context = PanelContext(self.ctx, spec.id, self.profile.panel_settings(spec.id), self.schedule_save)
        return spec.factory(context)

    def _restore_arrangement(self, reset: bool) -> None:
        self.window.reset_layout(undoable=False)
        name = self.profile.current_layout
        saved = self.profile.layouts.get(name)
        snapshot = None if saved is None or reset else LayoutSnapshot(saved.geometry, saved.state)
        restored = snapshot is not None and self.window.restore_layout(snapshot, undoable=False)
        if snapshot is not None and not restored:
            log.warning("the saved arrangement of layout %r could not be restored; using the default", name)
        if not restored and self.window.has_layout_preset(name):  # a preset has its own default
            self.window.apply_layout_preset(name, undoable=False)
        self.window.set_layout_names(self.profile.layouts, name)

    def _add_layout_presets(self) -> None:
        """The trading layouts ("professional", "simple") when their panels are registered."""
        for preset in layout_presets(self.registry):
            self.window.add_layout_preset(
                preset.name, preset.translated_title(), preset.placements_in(self.registry), preset.shortcut
            )

    def _apply_preferences(self) -> None:
        self.window.set_layout_locked(self.profile.layout_locked)
        self.window.set_theme_choice(self.profile.theme)
        self.window.set_language_choice(self.profile.language)
        unknown = self.window.set_hotkeys(self.profile.hotkeys)
        if unknown:
            log.warning("hotkeys for unknown actions ignored: %s", ", ".join(sorted(unknown)))

    def _connect_window(self) -> None:
        window = self.window
        window.layoutChanged.connect(self.schedule_save)
        window.saveLayoutRequested.connect(self._on_save_layout)
        window.switchLayoutRequested.connect(self._on_switch_layout)
        window.deleteLayoutRequested.connect(self._on_delete_layout)
        window.currentLayoutRestored.connect(self._on_layout_restored)
        window.lockChanged.connect(self._on_lock)
        window.themeRequested.connect(self._on_theme)
        window.languageRequested.connect(self._on_language)
        window.closing.connect(self._on_closing)

    def _build_status_bar(self) -> None:
        venues = self.ctx.venues
        if venues is not None:
            self._add_connection_indicators(venues)
        if TRADING_SERVICE in self.ctx.services:  # Venue menu, login dialogs, account summary
            self.venue_access = self._install_venue_access()
        back_office = self._back_office_session()
        if back_office is not None:  # Venue -> Back office..., the dxRegister light's click
            menu = self.venue_access.menu if self.venue_access is not None else None
            self.back_office = BackOffice(self.window, self.ctx, back_office, self.schedule_save, menu, self)
            if "dxregister" in self.indicators:
                self.back_office.bind_indicator(self.indicators["dxregister"])
        self._install_strategy_manager()
        if self.venue_access is not None and self.ctx.demo is not None and self.ctx.demo.reset_paper:
            self.paper_reset = PaperAccountReset(self.window, self.ctx, self.venue_access.menu, self)
        if venues is not None and AGGREGION_SERVICE not in self.ctx.services:  # Help: licence, add-ons
            self.aggregion = AggregionAccess(
                self.window, self.ctx, self.registry, venues.aggregion, parent=self.window
            )
            self.ctx.services.register(AGGREGION_SERVICE, self.aggregion)
            self.publisher = PublisherConsole(
                self.window,
                self.ctx,
                venues.aggregion,
                self.aggregion.help_menu,
                self.aggregion.read_client_secret,
                parent=self.window,
            )
            self.ctx.services.register(PUBLISHER_SERVICE, self.publisher)
        self.window.add_status_widget(UtcClock())

    def _install_venue_access(self) -> VenueAccess:
        """The Venue menu, login dialogs, indicator clicks and account summary of the window."""
        access = VenueAccess(self.window, self.ctx, trading(self.ctx), self.schedule_save, parent=self.window)
        access.bind_indicators(self.indicators)
        self.ctx.services.register(VENUE_ACCESS_SERVICE, access)
        return access

    def _install_strategy_manager(self) -> None:
        """Venue → Strategy manager… and the RAMM light's clicks, when the app has a RAMM session."""
        services = ramm(self.ctx)
        if services is None:
            return
        menu = (
            self.venue_access.menu
            if self.venue_access is not None
            else self.window.add_menu(self.tr("&Venue"))
        )
        self.strategy_manager = StrategyManager(
            self.ctx, services, menu, self.schedule_save, parent=self.window
        )
        window = self.window
        services.session.rights_changed.connect(
            lambda rights: (
                window.notify(
                    plural(
                        self.tr("Your RAMM rights changed: %n method(s) now.", "", len(rights)), len(rights)
                    ),
                    ToastLevel.INFO,
                )
                if shiboken6.isValid(window)
                else None
            )
        )
        indicator = self.indicators.get("ramm")
        if indicator is not None:
            manager = self.strategy_manager
            indicator.clicked.connect(
                lambda _venue: manager.open_login() if not services.session.connected else None
            )

    def _add_connection_indicators(self, venues: VenueEndpoints) -> None:
        """A venue with a session shows the session's state; the others are probed for reachability."""
        core = trading(self.ctx) if TRADING_SERVICE in self.ctx.services else None
        sessions = core.sessions if core is not None else {}
        unserved = self._venues_the_simulator_lacks()
        back_office = self._back_office_session()
        ramm_services = ramm(self.ctx)
        probed = {
            venue: url
            for venue, url in venues.by_venue().items()
            if venue not in sessions
            and venue not in unserved
            and not (venue == "dxregister" and back_office is not None)
            and not (venue == "ramm" and ramm_services)
        }
        self.probe = ConnectionProbe(probed, parent=self)
        for venue in VENUE_IDS:
            indicator = ConnectionIndicator(venue, VENUE_NAMES[venue])
            if venue in sessions:
                assert core is not None
                SessionIndicator(core, venue, indicator)
            elif venue == "dxregister" and back_office is not None:  # the back-office session's light
                BackOfficeIndicator(back_office, indicator)
            elif venue == "ramm" and ramm_services is not None:
                RammIndicator(ramm_services.session, indicator)
            elif venue in unserved:  # a 404 from the simulator would otherwise read as "reachable"
                indicator.setState(
                    WidgetConnectionState.DISCONNECTED, None, self.tr("Not in the demo simulator yet")
                )
            else:
                self.probe.bind(indicator)
            self.window.add_status_widget(indicator)
            self.indicators[venue] = indicator

    def _back_office_session(self) -> QtBackOffice | None:
        """The app's dxRegister session (made on first call) when the venues have a dxRegister."""
        if self.ctx.venues is None or "dxregister" in self._venues_the_simulator_lacks():
            return None
        return install_back_office(self.ctx)

    def _venues_the_simulator_lacks(self) -> set[str]:
        if self.ctx.demo is None:
            return set()
        return set(VENUE_IDS) - self.ctx.demo.served_venues

    def _update_title(self) -> None:
        """The profile (and the demo): Qt adds the application's name ("… — Tessera") on Windows and X11."""
        title = self.ctx.profiles.name
        if self.ctx.demo is not None:
            title = self.tr("{profile} (demo simulator)").format(profile=title)
        self.window.setWindowTitle(title)

    # --- window requests

    def _on_save_layout(self, name: str) -> None:
        self.profile.current_layout = name
        self.save_now()

    def _on_switch_layout(self, name: str) -> None:
        saved = self.profile.layouts.get(name)
        preset = self.window.has_layout_preset(name)
        if saved is None and not preset:
            self.window.show_status(
                self.tr("There is no layout named \u201c{name}\u201d.").format(name=name), 5000
            )
            return
        self.save_now()  # keep the arrangement being left
        snapshot = None if saved is None else LayoutSnapshot(saved.geometry, saved.state)
        if snapshot is None or not self.window.restore_layout(snapshot, name):
            if not preset:
                self.window.show_status(
                    self.tr("The layout \u201c{name}\u201d could not be restored.").format(name=name)
                )
                return
            self.window.apply_layout_preset(name)  # first use (or a damaged blob): the preset's default
        self.profile.current_layout = name
        self.save_now()

    def _on_delete_layout(self, name: str) -> None:
        if name == self.window.current_layout() or name not in self.profile.layouts:
            return
        del self.profile.layouts[name]
        self.window.remove_layout_name(name)
        self.window.show_status(self.tr("Layout \u201c{name}\u201d deleted.").format(name=name), 4000)
        self.save_now()

    def _on_layout_restored(self, name: str) -> None:
        self.profile.current_layout = name
        self.schedule_save()

    def _on_lock(self, locked: bool) -> None:
        self.profile.layout_locked = locked
        self.schedule_save()

    def _on_theme(self, theme: str) -> None:
        self._apply_theme(theme)
        self.window.set_theme_choice(self.profile.theme)
        self.schedule_save()

    def _apply_theme(self, theme: str) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.profile.theme = apply_theme(app, theme)

    def _on_language(self, language: str) -> None:
        """Switch the language live: open windows re-read their texts; saved in the profile."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.profile.language = switch_language(app, language)
        self.window.set_language_choice(self.profile.language)
        self._update_title()
        self.schedule_save()

    def _on_closing(self) -> None:
        self.save_now()
        self.closed.emit()

    def _show_error(self, notice: str) -> None:
        self.window.notify(notice, ToastLevel.ERROR)
        self.window.show_status(notice, 15000)
