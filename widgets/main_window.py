"""The main window: every panel a dock, the menus that arrange them, the status bar.

The window is a view. It builds the default arrangement from each panel's :class:`DockPlacement`, keeps an
undo stack of arrangements (before a reset, a switch, or a settled user change such as closing or moving a
dock), and emits signals for what the app must persist (``layoutChanged``, ``saveLayoutRequested`` ...). It
never reads or writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QMainWindow,
    QMenu,
    QStatusBar,
    QStyle,
    QTabWidget,
    QToolBar,
    QWidget,
)

from widgets.common.hint_bar import HintBar
from widgets.common.toast import ToastHost, ToastLevel

Area = Qt.DockWidgetArea

UNLOCKED_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetClosable
    | QDockWidget.DockWidgetFeature.DockWidgetMovable
    | QDockWidget.DockWidgetFeature.DockWidgetFloatable
)
LOCKED_FEATURES = QDockWidget.DockWidgetFeature.NoDockWidgetFeatures


@dataclass(frozen=True)
class DockPlacement:
    """Where a panel goes in the default arrangement.

    ``tab_with`` puts it in a tab group with an earlier panel; ``split_from`` splits an earlier panel's space
    (``orientation`` says how); otherwise it is added to ``area``. ``size`` is the default width (left/right
    areas, horizontal splits) or height (top/bottom areas, vertical splits) in pixels. A dock that ``fills``
    is as wide as the window less the widths of the other docks given one (the default's chart column).
    """

    area: Area = Area.BottomDockWidgetArea
    visible: bool = True
    tab_with: str | None = None
    split_from: str | None = None
    orientation: Qt.Orientation = Qt.Orientation.Vertical
    size: int | None = None
    fills: bool = False


@dataclass(frozen=True)
class LayoutSnapshot:
    geometry: bytes
    state: bytes


PanelFactory = Callable[[], QWidget]


class PanelDock(QDockWidget):
    """A panel's dock. Its content may be given as a factory: the dock then holds an empty placeholder and
    builds the panel the first time it is shown (not hidden, not behind another tab), or when asked for it
    (:meth:`widget`). ``after_first_paint``: not before the window has painted once (a heavy panel shown at
    start, such as the chart, does not hold up the first frame)."""

    def __init__(
        self,
        panel_id: str,
        title: str,
        content: QWidget | PanelFactory,
        parent: QWidget,
        *,
        after_first_paint: bool = False,
    ) -> None:
        super().__init__(title, parent)
        self.panel_id = panel_id
        self.setObjectName(f"dock.{panel_id}")
        self._factory: PanelFactory | None = None
        self.after_first_paint = after_first_paint
        if isinstance(content, QWidget):
            self.setWidget(content)
        else:
            self._factory = content
            placeholder = QWidget(self)
            placeholder.setObjectName("panelPlaceholder")
            self.setWidget(placeholder)
        self.visibilityChanged.connect(self._show_content)

    @property
    def built(self) -> bool:
        return self._factory is None

    def setWidget(self, widget: QWidget) -> None:
        """A covered panel is hidden (below), but its size still counts: Qt takes a hidden widget's maximum
        size as nothing, so a tab group holding one was never wider than that dock's title bar, and the
        default layout's market watch was squeezed to its minimum."""
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)
        super().setWidget(widget)

    def content(self) -> QWidget | None:
        """What the dock holds now: the panel, or its placeholder until it is built (None: deleted)."""
        return super().widget()

    def widget(self) -> QWidget:
        """The panel (built now if it was not yet)."""
        self.build()
        return super().widget()

    def build(self) -> None:
        factory, self._factory = self._factory, None
        if factory is None:
            return
        placeholder = self.content()
        panel = factory()
        covered = placeholder is not None and placeholder.isHidden() and not self.isHidden()
        self.setWidget(panel)
        if covered:  # behind another tab: the panel starts hidden (Show/Hide tell its view-model)
            panel.setVisible(False)
        if placeholder is not None:
            placeholder.deleteLater()

    def may_build(self) -> bool:
        """Not while the window applies an arrangement (docks show and hide on the way: only the panels on
        screen at its end are built), nor a held panel before the first paint."""
        window = self.window()
        if not isinstance(window, MainWindow):
            return True
        return not window.arranging and (window.held_released or not self.after_first_paint)

    def on_screen(self) -> bool:
        """Shown, and not behind another tab."""
        content = self.content()
        return self.isVisible() and content is not None and not content.isHidden()

    def _show_content(self, visible: bool) -> None:
        """Qt keeps a dock behind another tab "visible" (moved off-screen) and says so only through
        ``visibilityChanged``: the panel is hidden while covered, so its view-model (Show/Hide) polls nothing
        and runs no timer for a tab nobody sees. A panel not built yet is built when first uncovered."""
        if visible and not self.built and self.may_build():
            self.build()
        widget = self.content()
        if widget is not None and widget.isHidden() == visible:
            widget.setVisible(visible)


class MainWindow(QMainWindow):
    STATE_VERSION = 1
    SETTLE_MS = 250  # a burst of dock signals (a drag, a close) becomes one undo step
    UNDO_DEPTH = 20

    layoutChanged = Signal()  # the arrangement changed (user, reset, switch, undo): persist it
    saveLayoutRequested = Signal(str)
    switchLayoutRequested = Signal(str)
    deleteLayoutRequested = Signal(str)
    currentLayoutRestored = Signal(str)  # undo went back to an arrangement of another named layout
    lockChanged = Signal(bool)
    themeRequested = Signal(str)
    languageRequested = Signal(str)
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.GroupedDragging
        )
        self.setDockNestingEnabled(True)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        for corner, area in (  # side columns run full height; top and bottom share the centre
            (Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
            (Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
            (Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
            (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            self.setCorner(corner, area)
        self.resize(1440, 900)
        self.painted = False  # the window has painted once (panels held until then may be built)
        self._held_by_app = False  # held panels also wait for release_held_panels()
        self._docks: dict[str, PanelDock] = {}
        self._placements: dict[str, DockPlacement] = {}
        self._panel_actions: dict[str, QAction] = {}
        self._actions: dict[str, QAction] = {}
        self._default_shortcuts: dict[str, QKeySequence] = {}
        self._locked = False
        self._applying = False
        self._current_layout = ""
        self._layout_names: list[str] = []
        self._undo: list[tuple[bytes, str]] = []
        self._committed = b""
        self._presets: dict[str, dict[str, DockPlacement]] = {}  # named layout -> its code-built default
        self._preset_actions: dict[str, QAction] = {}
        self._presets_toolbar: QToolBar | None = None
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(self.SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)
        self.toasts = ToastHost(self)
        self.hint_bar: HintBar | None = None
        self._build_menus()
        self.statusBar().setSizeGripEnabled(False)

    # --- panels
    def add_panel(
        self,
        panel_id: str,
        title: str,
        widget: QWidget | PanelFactory,
        placement: DockPlacement | None = None,
        shortcut: str | None = None,
        *,
        after_first_paint: bool = False,
    ) -> PanelDock:
        """``widget``: the panel, or a factory that builds it when the dock is first shown (see PanelDock)."""
        if panel_id in self._docks:
            raise ValueError(f"panel {panel_id!r} is already in the window")
        dock = PanelDock(panel_id, title, widget, self, after_first_paint=after_first_paint)
        dock.setFeatures(LOCKED_FEATURES if self._locked else UNLOCKED_FEATURES)
        self._docks[panel_id] = dock
        self._placements[panel_id] = placement or DockPlacement()
        self.addDockWidget(self._placements[panel_id].area, dock)
        dock.dockLocationChanged.connect(self._on_dock_changed)
        dock.topLevelChanged.connect(self._on_dock_changed)
        action = QAction(title, self)
        action.setCheckable(True)
        action.setChecked(True)
        action.setEnabled(not self._locked)
        action.triggered.connect(lambda checked, pid=panel_id: self.set_panel_visible(pid, checked))
        dock.toggleViewAction().toggled.connect(action.setChecked)
        dock.toggleViewAction().toggled.connect(self._on_dock_changed)
        self._panel_actions[panel_id] = action
        self._register_action(f"view.{panel_id}", action, shortcut)
        self._view_menu.insertAction(self._view_panels_end, action)
        return dock

    def dock(self, panel_id: str) -> PanelDock:
        return self._docks[panel_id]

    def docks(self) -> list[PanelDock]:
        return list(self._docks.values())

    def panel_action(self, panel_id: str) -> QAction:
        return self._panel_actions[panel_id]

    def set_panel_visible(self, panel_id: str, visible: bool) -> None:
        dock = self._docks[panel_id]
        if visible:
            dock.show()
            dock.raise_()
        else:
            dock.close()

    # --- arrangement
    def snapshot(self) -> LayoutSnapshot:
        return LayoutSnapshot(
            bytes(self.saveGeometry().data()), bytes(self.saveState(self.STATE_VERSION).data())
        )

    def reset_layout(self, *, undoable: bool = True) -> None:
        """The code-built default arrangement (every panel at its placement; a preset's own, in a preset)."""
        placements = self._presets.get(self._current_layout)
        self._change_arrangement(lambda: self._apply_default(placements), undoable)

    # --- layout presets: named layouts whose default arrangement is built in code
    def add_layout_preset(
        self, name: str, title: str, placements: Mapping[str, DockPlacement], shortcut: str | None = None
    ) -> QAction:
        """A named layout with its own default arrangement (``placements``, in placing order; panels not in
        it are hidden), switched to with one action: a toggle on the Layouts toolbar and in the Window menu.

        Choosing it asks for the switch like the Switch layout menu (``switchLayoutRequested``); the app
        restores the saved arrangement or, the first time, calls :meth:`apply_layout_preset`.
        """
        self._presets[name] = {pid: p for pid, p in placements.items() if pid in self._docks}
        action = self._register_action(f"layout.{name}", QAction(title, self), shortcut)
        action.setCheckable(True)
        action.setChecked(name == self._current_layout)
        action.triggered.connect(lambda _checked=False, n=name: self._on_preset(n))
        self._preset_actions[name] = action
        self._window_menu.insertAction(self._presets_end, action)
        self._presets_end.setVisible(True)
        if self._presets_toolbar is None:
            self._presets_toolbar = QToolBar(self.tr("Layouts"), self)
            self._presets_toolbar.setObjectName("toolbar.layouts")
            self._presets_toolbar.setMovable(False)
            self._presets_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self._presets_toolbar)
        self._presets_toolbar.addAction(action)
        return action

    def has_layout_preset(self, name: str) -> bool:
        return name in self._presets

    def apply_layout_preset(self, name: str, *, undoable: bool = True) -> None:
        """Arrange the docks as preset ``name``'s default and make it the current layout."""
        placements = self._presets[name]
        self._change_arrangement(lambda: self._apply_default(placements), undoable)
        self._set_current_layout(name)

    def restore_layout(
        self, snapshot: LayoutSnapshot, name: str | None = None, *, undoable: bool = True
    ) -> bool:
        """Apply a saved arrangement; ``name`` becomes the current layout. False if Qt refused the blob."""

        def apply() -> bool:
            self.restoreGeometry(QByteArray(snapshot.geometry))
            return self.restoreState(QByteArray(snapshot.state), self.STATE_VERSION)

        ok = self._change_arrangement(apply, undoable)
        if ok and name is not None:
            self._set_current_layout(name)
        return ok

    def undo_layout_change(self) -> bool:
        self._settle()
        if not self._undo:
            self.show_status(self.tr("Nothing to undo in the layout."), 3000)
            return False
        state, name = self._undo.pop()
        self._applying = True
        try:
            self.restoreState(QByteArray(state), self.STATE_VERSION)
        finally:
            self._applying = False
        self._build_shown_panels()
        self._settle_timer.stop()
        self._committed = self._state_bytes()
        self._sync_panel_actions()
        QTimer.singleShot(0, self, self._rebaseline)
        if name != self._current_layout:
            self._set_current_layout(name)
            self.currentLayoutRestored.emit(name)
        self._update_undo_action()
        self.layoutChanged.emit()
        return True

    def is_layout_locked(self) -> bool:
        return self._locked

    def set_layout_locked(self, locked: bool) -> None:
        """Locked: docks cannot be moved, floated or closed (menu commands that re-arrange still work)."""
        changed = locked != self._locked
        self._locked = locked
        for dock in self._docks.values():
            dock.setFeatures(LOCKED_FEATURES if locked else UNLOCKED_FEATURES)
        for action in self._panel_actions.values():
            action.setEnabled(not locked)
        self._actions["window.lock_layout"].setChecked(locked)
        if changed:
            self.lockChanged.emit(locked)

    def current_layout(self) -> str:
        return self._current_layout

    def set_layout_names(self, names: Iterable[str], current: str) -> None:
        self._layout_names = sorted(set(names) | {current}, key=str.casefold)
        self._set_current_layout(current)

    def layout_names(self) -> list[str]:
        return list(self._layout_names)

    def save_layout_as(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        if name not in self._layout_names:
            self._layout_names = sorted([*self._layout_names, name], key=str.casefold)
        self._set_current_layout(name)
        self.saveLayoutRequested.emit(name)
        self.show_status(self.tr("Layout \u201c{name}\u201d saved.").format(name=name), 4000)

    def remove_layout_name(self, name: str) -> None:
        if name in self._layout_names and name != self._current_layout:
            self._layout_names.remove(name)
            self._rebuild_layouts_menu()

    # --- appearance
    def set_theme_choice(self, theme: str) -> None:
        self._actions[f"theme.{theme}"].setChecked(True)

    def set_language_choice(self, language: str) -> None:
        self._actions[f"language.{language}"].setChecked(True)

    # --- actions and hotkeys
    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def action_ids(self) -> list[str]:
        return list(self._actions)

    def set_hotkeys(self, overrides: Mapping[str, str]) -> list[str]:
        """Apply user shortcuts (action id -> portable key text; "" removes it). Returns the unknown ids."""
        for action_id, action in self._actions.items():
            if action_id in overrides:
                action.setShortcut(QKeySequence(overrides[action_id]))
            else:
                action.setShortcut(self._default_shortcuts.get(action_id, QKeySequence()))
        return [action_id for action_id in overrides if action_id not in self._actions]

    # --- first-run hint
    def show_hint(self, text: str) -> HintBar:
        """A dismissible hint line above the panels (its own toolbar row; ``hint_bar.dismissed`` says when
        the user closed it)."""
        if self.hint_bar is not None:
            self.hint_bar.label.setText(text)
            return self.hint_bar
        toolbar = QToolBar(self.tr("Hint"), self)
        toolbar.setObjectName("toolbar.hint")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.toggleViewAction().setVisible(False)
        self.hint_bar = HintBar(text, toolbar)
        toolbar.addWidget(self.hint_bar)
        self.hint_bar.dismissed.connect(lambda: self._drop_hint(toolbar))
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        toolbar.show()
        return self.hint_bar

    def _drop_hint(self, toolbar: QToolBar) -> None:
        self.removeToolBar(toolbar)
        toolbar.deleteLater()
        self.hint_bar = None

    # --- status
    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def notify(self, text: str, level: ToastLevel = ToastLevel.INFO) -> None:
        self.toasts.show_message(text, level)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    # --- menus of the app's commands
    def add_menu(self, title: str) -> QMenu:
        """A top-level menu (placed before Window) that the app fills with its own actions."""
        menu = QMenu(title, self)
        self.menuBar().insertMenu(self._window_menu.menuAction(), menu)
        return menu

    # --- prompts (non-blocking dialogs: open(), never exec())
    def prompt_save_layout_as(self) -> QInputDialog:
        dialog = self._input_dialog(
            self.tr("Save layout as"), self.tr("Layout name (an existing name is replaced):")
        )
        dialog.setTextValue(self._current_layout)
        dialog.textValueSelected.connect(self.save_layout_as)
        dialog.open()
        return dialog

    def prompt_delete_layout(self) -> QInputDialog | None:
        names = [n for n in self._layout_names if n != self._current_layout]
        if not names:
            self.show_status(self.tr("Only the current layout exists; there is nothing to delete."), 4000)
            return None
        dialog = self._input_dialog(self.tr("Delete layout"), self.tr("Layout to delete:"))
        dialog.setComboBoxItems(names)
        dialog.setOkButtonText(self.tr("Delete"))
        dialog.textValueSelected.connect(self.deleteLayoutRequested.emit)
        dialog.open()
        return dialog

    def _input_dialog(self, title: str, label: str) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        return dialog

    # --- events
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            if not self._held_by_app:
                QTimer.singleShot(0, self, self._build_shown_panels)  # once this first frame is done
        return super().event(event)

    @property
    def arranging(self) -> bool:
        return self._applying

    def hold_panels_until_released(self) -> None:
        """Before the first show: panels held for the first paint wait for :meth:`release_held_panels` too
        (the app builds the chart once the first quotes are on screen: its build would hold them up)."""
        self._held_by_app = True

    def release_held_panels(self) -> None:
        if self._held_by_app:
            self._held_by_app = False
            if self.painted:
                self._build_shown_panels()

    @property
    def held_released(self) -> bool:
        """Panels held for the first paint may be built now."""
        return self.painted and not self._held_by_app

    def _build_shown_panels(self) -> None:
        """The panels on screen now that were held (until the first paint, or an arrangement's end)."""
        for dock in self._docks.values():
            if not dock.built and dock.on_screen() and dock.may_build():
                dock.build()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settle()
        self.closing.emit()
        super().closeEvent(event)

    # --- internals
    def _state_bytes(self) -> bytes:
        return bytes(self.saveState(self.STATE_VERSION).data())

    def _on_dock_changed(self, *_args: object) -> None:
        if not self._applying:
            self._settle_timer.start()

    def _settle(self) -> None:
        """Fold a finished user change into the undo stack (the state before it becomes one undo step)."""
        self._settle_timer.stop()
        state = self._state_bytes()
        if state == self._committed:
            return
        if self._committed:
            self._push_undo(self._committed, self._current_layout)
        self._committed = state
        self.layoutChanged.emit()

    def _change_arrangement(self, apply, undoable: bool) -> bool:
        self._settle()
        before = (self._committed, self._current_layout)
        self._applying = True
        try:
            ok = apply()
        finally:
            self._applying = False
        self._build_shown_panels()
        self._settle_timer.stop()
        if ok is False:
            return False
        if undoable and before[0]:
            self._push_undo(*before)
        elif not undoable:
            self._undo.clear()
            self._update_undo_action()
        self._committed = self._state_bytes()
        self._sync_panel_actions()
        QTimer.singleShot(0, self, self._rebaseline)
        self.layoutChanged.emit()
        return True

    def _sync_panel_actions(self) -> None:
        """The View menu ticks the panels that are open: a dock hidden while the window was not shown yet
        sends no hide event, so its toggle action would still be ticked."""
        for panel_id, action in self._panel_actions.items():
            action.setChecked(not self._docks[panel_id].isHidden())

    def _rebaseline(self) -> None:
        """Qt finishes laying out an applied arrangement on the next pass of the event loop, which moves the
        saved sizes a little: that is still the arrangement applied, not a change of the user's to undo."""
        if not self._settle_timer.isActive():
            self._committed = self._state_bytes()

    def _push_undo(self, state: bytes, name: str) -> None:
        self._undo.append((state, name))
        del self._undo[: -self.UNDO_DEPTH]
        self._update_undo_action()

    def _update_undo_action(self) -> None:
        self._actions["window.undo_layout"].setEnabled(bool(self._undo))

    def build_all_panels(self) -> None:
        """Build every panel not built yet (their real sizes shape a default arrangement)."""
        for dock in self._docks.values():
            dock.build()

    def _apply_default(self, preset: Mapping[str, DockPlacement] | None = None) -> None:
        if self.isVisible():  # on screen: sized from the real panels (before the first show: nothing to size)
            self.build_all_panels()
        placements = self._placements if preset is None else self._preset_placements(preset)
        for dock in self._docks.values():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        horizontal: tuple[list[PanelDock], list[int]] = ([], [])
        vertical: tuple[list[PanelDock], list[int]] = ([], [])
        placed: dict[str, PanelDock] = {}
        # tabs last: Qt adds a dock split from one in a tab group to the group, as a tab
        in_order = sorted(placements.items(), key=lambda item: item[1].tab_with is not None)
        for panel_id, placement in in_order:
            dock = self._docks[panel_id]
            anchor = placed.get(placement.tab_with or placement.split_from or "")
            placed[panel_id] = dock
            if placement.tab_with and anchor is not None:
                self.tabifyDockWidget(anchor, dock)
            elif placement.split_from and anchor is not None:
                self.splitDockWidget(anchor, dock, placement.orientation)
            else:
                self.addDockWidget(placement.area, dock)
            dock.setVisible(placement.visible)
            if placement.fills and placement.visible:
                horizontal[0].append(dock)
                horizontal[1].append(0)  # (the rest: below)
            elif placement.size is not None and not placement.tab_with:
                split = placement.split_from and anchor is not None
                across = placement.orientation if split else _orientation_of(placement.area)
                target = horizontal if across == Qt.Orientation.Horizontal else vertical
                target[0].append(dock)
                target[1].append(placement.size)
        for dock in self._docks.values():  # the first panel of each tab group is the one shown
            if not placements[dock.panel_id].tab_with and dock.isVisibleTo(self):
                dock.raise_()
        # Without a central widget the centre column (top and bottom areas) takes part in the width split too;
        # otherwise resizeDocks hands all spare width to the side columns.
        side_width = sum(
            size for dock, size in zip(*horizontal, strict=True) if _is_side(self.dockWidgetArea(dock))
        )
        for dock in self._docks.values():
            placement = placements[dock.panel_id]
            if (
                dock.isVisibleTo(self)
                and not (placement.tab_with or placement.split_from)
                and not _is_side(placement.area)
            ):
                horizontal[0].append(dock)
                horizontal[1].append(max(400, self.width() - side_width))
                break
        if horizontal[0]:
            self.resizeDocks(horizontal[0], self._filled(horizontal, placements), Qt.Orientation.Horizontal)
        for dock, size in list(zip(*vertical, strict=True)):  # a filling dock keeps the height left over too
            anchor_id = placements[dock.panel_id].split_from
            if anchor_id is not None and placements[anchor_id].fills and anchor_id in placed:
                separator = self.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
                vertical[0].insert(0, placed[anchor_id])
                vertical[1].insert(0, max(0, self._dock_room_height() - size - separator))
        if vertical[0]:
            self.resizeDocks(vertical[0], vertical[1], Qt.Orientation.Vertical)

    def _dock_room_height(self) -> int:
        """The height the dock areas share: the window's, less its menu bar, top tool bars and status bar."""
        taken = self.menuBar().height() if self.menuWidget() is not None else 0
        for toolbar in self.findChildren(QToolBar):
            top = toolbar.parent() is self and self.toolBarArea(toolbar) == Qt.ToolBarArea.TopToolBarArea
            if top and toolbar.isVisibleTo(self):
                taken += toolbar.height()
        status = self.statusBar() if self.findChild(QStatusBar) is not None else None
        return self.height() - taken - (status.height() if status is not None else 0)

    def _filled(
        self, horizontal: tuple[list[PanelDock], list[int]], placements: Mapping[str, DockPlacement]
    ) -> list[int]:
        """The widths asked for, each at least its dock's minimum (or Qt shrinks a neighbour to its minimum
        to make room), a dock that fills given what the columns beside it leave of the window's width."""
        docks, sizes = horizontal
        widths = [max(size, dock.minimumSizeHint().width()) for dock, size in zip(docks, sizes, strict=True)]
        fills = [i for i, dock in enumerate(docks) if placements[dock.panel_id].fills]
        if not fills:
            return widths
        columns: dict[object, int] = {}  # side by side: each side area's stack, each horizontal split
        for i, dock in enumerate(docks):
            placement = placements[dock.panel_id]
            if i in fills:
                continue
            if placement.split_from and placement.orientation == Qt.Orientation.Horizontal:
                columns[dock] = widths[i]
            else:
                area = self.dockWidgetArea(dock)
                columns[area] = max(columns.get(area, 0), widths[i])
        separator = self.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
        rest = self.width() - sum(columns.values()) - separator * (len(columns) + len(fills) - 1)
        for i in fills:
            widths[i] = max(widths[i], rest // len(fills))
        return widths

    def _preset_placements(self, preset: Mapping[str, DockPlacement]) -> dict[str, DockPlacement]:
        """The preset's panels as it places them, then every other panel hidden in its default area."""
        hidden = {
            panel_id: DockPlacement(self._placements[panel_id].area, visible=False)
            for panel_id in self._docks
            if panel_id not in preset
        }
        return {**preset, **hidden}

    def _on_preset(self, name: str) -> None:
        self._on_switch(name)
        self._preset_actions[name].setChecked(name == self._current_layout)  # a refused switch unchecks

    def _set_current_layout(self, name: str) -> None:
        self._current_layout = name
        if name not in self._layout_names:
            self._layout_names = sorted([*self._layout_names, name], key=str.casefold)
        self._rebuild_layouts_menu()
        for preset, action in self._preset_actions.items():
            action.setChecked(preset == name)

    def _rebuild_layouts_menu(self) -> None:
        menu = self._layouts_menu
        menu.clear()
        group = QActionGroup(menu)
        group.setExclusive(True)
        for name in self._layout_names:
            preset = self._preset_actions.get(name)
            action = menu.addAction(preset.text() if preset is not None else name)  # a preset by its title
            action.setCheckable(True)
            action.setChecked(name == self._current_layout)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, n=name: self._on_switch(n))
        self._actions["window.delete_layout"].setEnabled(len(self._layout_names) > 1)

    def _on_switch(self, name: str) -> None:
        if name != self._current_layout:
            self.switchLayoutRequested.emit(name)
        else:
            self._rebuild_layouts_menu()

    def _register_action(self, action_id: str, action: QAction, shortcut: str | None = None) -> QAction:
        action.setObjectName(f"action.{action_id}")
        sequence = QKeySequence(shortcut) if shortcut else QKeySequence()
        action.setShortcut(sequence)
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._default_shortcuts[action_id] = sequence
        self._actions[action_id] = action
        self.addAction(action)  # shortcuts work while the menu bar is hidden or a floating dock has focus
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        quit_action = self._register_action("file.quit", QAction(self.tr("&Quit"), self), "Ctrl+Q")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self._view_menu = bar.addMenu(self.tr("&View"))
        self._view_panels_end = self._view_menu.addSeparator()
        self._view_panels_end.setVisible(False)

        window_menu = bar.addMenu(self.tr("&Window"))
        self._window_menu = window_menu
        self._presets_end = window_menu.addSeparator()  # the layout presets go above it
        self._presets_end.setVisible(False)
        save_as = self._register_action(
            "window.save_layout_as", QAction(self.tr("&Save layout as\u2026"), self), "Ctrl+Shift+S"
        )
        save_as.triggered.connect(self.prompt_save_layout_as)
        window_menu.addAction(save_as)
        self._layouts_menu = QMenu(self.tr("S&witch layout"), window_menu)
        self._layouts_menu.setObjectName("menu.layouts")
        window_menu.addMenu(self._layouts_menu)
        delete = self._register_action("window.delete_layout", QAction(self.tr("&Delete layout\u2026"), self))
        delete.triggered.connect(self.prompt_delete_layout)
        window_menu.addAction(delete)
        window_menu.addSeparator()
        reset = self._register_action(
            "window.reset_layout", QAction(self.tr("&Reset to default layout"), self), "Ctrl+Shift+R"
        )
        reset.triggered.connect(lambda: self.reset_layout())
        window_menu.addAction(reset)
        undo = self._register_action(
            "window.undo_layout", QAction(self.tr("&Undo layout change"), self), "Ctrl+Shift+Z"
        )
        undo.triggered.connect(self.undo_layout_change)
        undo.setEnabled(False)
        window_menu.addAction(undo)
        lock = self._register_action(
            "window.lock_layout", QAction(self.tr("&Lock layout"), self), "Ctrl+Shift+L"
        )
        lock.setCheckable(True)
        lock.toggled.connect(self.set_layout_locked)
        window_menu.addAction(lock)
        window_menu.addSeparator()

        theme_menu = window_menu.addMenu(self.tr("&Theme"))
        theme_titles = {"dark": self.tr("Dark"), "light": self.tr("Light")}
        self._add_choice_group(theme_menu, "theme", theme_titles, self.themeRequested.emit)
        language_menu = window_menu.addMenu(self.tr("Lan&guage"))
        language_titles = {"en": self.tr("English"), "ru": self.tr("Русский")}
        self._add_choice_group(language_menu, "language", language_titles, self._on_language)
        self._rebuild_layouts_menu()

    def _add_choice_group(self, menu: QMenu, prefix: str, titles: Mapping[str, str], on_choose) -> None:
        group = QActionGroup(menu)
        group.setExclusive(True)
        for key, title in titles.items():
            action = self._register_action(f"{prefix}.{key}", QAction(title, self))
            action.setCheckable(True)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _checked=False, k=key: on_choose(k))

    def _on_language(self, language: str) -> None:
        self.languageRequested.emit(language)  # the shell switches it live (app/i18n.py)


def _is_side(area: Qt.DockWidgetArea) -> bool:
    return area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def _orientation_of(area: Area) -> Qt.Orientation:
    if area in (Area.LeftDockWidgetArea, Area.RightDockWidgetArea):
        return Qt.Orientation.Horizontal
    return Qt.Orientation.Vertical
