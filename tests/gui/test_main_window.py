from __future__ import annotations

import json
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDockWidget, QMenu

from app.bootstrap import ErrorHooks
from app.themes import palette
from widgets.common.toast import ToastLevel
from widgets.main_window import LOCKED_FEATURES, UNLOCKED_FEATURES

Area = Qt.DockWidgetArea


def arrangement(window) -> dict[str, tuple]:
    return {
        dock.panel_id: (window.dockWidgetArea(dock), dock.isVisible(), dock.isFloating())
        for dock in window.docks()
    }


def test_the_default_layout_is_built_from_the_panel_specs(make_shell):
    window = make_shell().window
    assert [d.objectName() for d in window.docks()] == [
        "dock.journal",
        "dock.alpha",
        "dock.beta",
        "dock.gamma",
        "dock.delta",
    ]
    assert arrangement(window) == {
        "journal": (Area.BottomDockWidgetArea, True, False),
        "alpha": (Area.LeftDockWidgetArea, True, False),
        "beta": (Area.RightDockWidgetArea, True, False),
        "gamma": (Area.BottomDockWidgetArea, True, False),
        "delta": (Area.RightDockWidgetArea, False, False),
    }
    assert window.tabifiedDockWidgets(window.dock("journal")) == [window.dock("gamma")]
    assert window.current_layout() == "default"


def test_a_restart_restores_every_dock_where_the_user_left_it(qtbot, make_shell, profile_root):
    first = make_shell("restart").window
    first.addDockWidget(Area.LeftDockWidgetArea, first.dock("journal"))  # moved
    first.dock("beta").close()  # closed
    first.dock("alpha").setFloating(True)  # floated
    first.set_panel_visible("delta", True)  # a hidden-by-default panel opened
    qtbot.waitUntil(lambda: first.dock("alpha").isFloating())
    before = arrangement(first)
    assert before["journal"][0] == Area.LeftDockWidgetArea and not before["beta"][1]
    first.close()  # saves

    saved = json.loads((profile_root / "restart" / "profile.json").read_text())
    assert set(saved["layouts"]) == {"default"}

    second = make_shell("restart").window
    assert second is not first
    assert arrangement(second) == before


def test_reset_layout_at_start_ignores_the_saved_arrangement(make_shell):
    first = make_shell("fresh").window
    default = arrangement(first)
    first.dock("beta").close()
    first.addDockWidget(Area.TopDockWidgetArea, first.dock("alpha"))
    first.close()
    assert arrangement(make_shell("fresh", reset_layout=True).window) == default


def test_the_view_menu_closes_and_reopens_a_panel(make_shell):
    window = make_shell().window
    action = window.panel_action("beta")
    assert action.isChecked() and action.text() == "Beta"
    assert action in window.menuBar().actions()[1].menu().actions()

    action.trigger()
    assert not window.dock("beta").isVisible()
    assert not action.isChecked()
    action.trigger()
    assert window.dock("beta").isVisible()
    assert action.isChecked()

    window.dock("beta").close()  # the dock's own close button keeps the menu in step
    assert not action.isChecked()


def test_named_layouts_save_switch_and_delete(qtbot, make_shell):
    shell = make_shell()
    window, profile = shell.window, shell.profile
    window.save_layout_as("scalping")
    assert window.current_layout() == "scalping"
    assert set(profile.layouts) == {"default", "scalping"}
    assert window.layout_names() == ["default", "scalping"]

    window.dock("beta").close()  # changes the scalping layout
    window.switchLayoutRequested.emit("default")
    assert window.current_layout() == "default"
    assert window.dock("beta").isVisible()
    window.switchLayoutRequested.emit("scalping")
    assert not window.dock("beta").isVisible()

    layouts_menu = window.findChild(QMenu, "menu.layouts")
    assert [(a.text(), a.isChecked()) for a in layouts_menu.actions()] == [
        ("default", False),
        ("scalping", True),
    ]

    window.deleteLayoutRequested.emit("scalping")  # the current layout cannot be deleted
    assert "scalping" in profile.layouts
    window.deleteLayoutRequested.emit("default")
    assert set(profile.layouts) == {"scalping"}
    assert window.layout_names() == ["scalping"]
    saved = json.loads(shell.ctx.profiles.path.read_text())
    assert set(saved["layouts"]) == {"scalping"} and saved["current_layout"] == "scalping"


def test_the_save_layout_prompt_does_not_block(qtbot, make_shell):
    window = make_shell().window
    dialog = window.prompt_save_layout_as()  # open(), not exec(): we get here at once
    assert dialog.isVisible()
    dialog.setTextValue("swing")
    dialog.accept()
    assert window.current_layout() == "swing"


def test_reset_restores_the_code_built_default_and_undo_brings_back_the_change(qtbot, make_shell):
    window = make_shell().window
    default = arrangement(window)
    window.addDockWidget(Area.TopDockWidgetArea, window.dock("alpha"))
    window.dock("journal").setFloating(True)
    qtbot.waitUntil(lambda: window.dock("journal").isFloating())
    changed = arrangement(window)
    assert changed != default

    window.action("window.reset_layout").trigger()
    assert arrangement(window) == default
    assert window.action("window.undo_layout").isEnabled()

    window.action("window.undo_layout").trigger()
    assert arrangement(window) == changed


def test_closing_a_dock_by_accident_is_undoable(qtbot, make_shell):
    window = make_shell().window
    window.dock("beta").close()
    assert not window.dock("beta").isVisible()
    assert window.undo_layout_change()
    assert window.dock("beta").isVisible()
    assert not window.undo_layout_change()  # nothing left


def test_undo_after_a_switch_returns_to_the_previous_layout_name(make_shell):
    shell = make_shell()
    window = shell.window
    window.save_layout_as("other")
    window.dock("alpha").close()
    window.switchLayoutRequested.emit("default")
    assert window.dock("alpha").isVisible()
    window.undo_layout_change()
    assert window.current_layout() == "other"
    assert shell.profile.current_layout == "other"
    assert not window.dock("alpha").isVisible()


def test_lock_prevents_moving_floating_and_closing(make_shell):
    shell = make_shell()
    window = shell.window
    window.action("window.lock_layout").trigger()
    assert window.is_layout_locked()
    for dock in window.docks():
        assert dock.features() == LOCKED_FEATURES
        assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable
        assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetMovable
    assert not window.panel_action("beta").isEnabled()
    assert shell.profile.layout_locked

    window.action("window.lock_layout").trigger()
    assert all(dock.features() == UNLOCKED_FEATURES for dock in window.docks())
    assert window.panel_action("beta").isEnabled()
    assert not shell.profile.layout_locked


def test_the_lock_is_remembered(make_shell):
    first = make_shell("locker").window
    first.set_layout_locked(True)
    first.close()
    second = make_shell("locker").window
    assert second.is_layout_locked()
    assert second.action("window.lock_layout").isChecked()
    assert second.dock("alpha").features() == LOCKED_FEATURES


def test_theme_switch_changes_the_palette_and_is_remembered(qapp, make_shell):
    first = make_shell("painter")
    assert qapp.palette().color(QPalette.ColorRole.Window) == palette("dark").color(QPalette.ColorRole.Window)
    first.window.action("theme.light").trigger()
    light = palette("light").color(QPalette.ColorRole.Window)
    assert qapp.palette().color(QPalette.ColorRole.Window) == light
    assert "#eef0f3" in qapp.styleSheet()
    first.window.close()

    qapp.setPalette(palette("dark"))
    second = make_shell("painter")
    assert qapp.palette().color(QPalette.ColorRole.Window) == light
    assert second.window.action("theme.light").isChecked()


def test_hotkeys_from_the_profile_replace_the_defaults(make_shell):
    shell = make_shell()
    window = shell.window
    assert {"file.quit", "window.lock_layout", "view.journal", "theme.dark"} <= set(window.action_ids())
    assert window.action("window.lock_layout").shortcut().toString() == "Ctrl+Shift+L"
    assert window.set_hotkeys({"window.lock_layout": "Ctrl+Alt+K", "no.such": "F1"}) == ["no.such"]
    assert window.action("window.lock_layout").shortcut().toString() == "Ctrl+Alt+K"
    assert window.action("window.reset_layout").shortcut().toString() == "Ctrl+Shift+R"


def test_a_damaged_profile_is_reported_in_the_window_and_the_journal(qtbot, make_shell, profile_root, caplog):
    directory = profile_root / "broken"
    directory.mkdir(parents=True)
    (directory / "profile.json").write_text('{"version": 1, "theme": ', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tessera"):
        shell = make_shell("broken")
    assert "damaged" in shell.window.statusBar().currentMessage()
    assert any("damaged" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert any("damaged" in toast.text() for toast in shell.window.toasts.toasts())


def test_changes_are_saved_debounced_without_closing(qtbot, make_shell):
    shell = make_shell("debounce")
    shell.window.dock("beta").close()
    qtbot.waitUntil(lambda: shell.ctx.profiles.path.exists(), timeout=3000)
    shell2_profile = json.loads(shell.ctx.profiles.path.read_text())
    assert "default" in shell2_profile["layouts"]


def test_unhandled_errors_are_shown_as_toasts_in_the_window(qtbot, make_shell):
    hooks = ErrorHooks()
    shell = make_shell(prepare=lambda ctx: setattr(ctx, "errors", hooks))
    hooks.report((OSError, OSError("disk full"), None), "a test")
    qtbot.waitUntil(lambda: any("disk full" in t.text() for t in shell.window.toasts.toasts()), timeout=2000)
    toast = next(t for t in shell.window.toasts.toasts() if "disk full" in t.text())
    assert toast.level is ToastLevel.ERROR
    assert "Unexpected error" in shell.window.statusBar().currentMessage()


def test_a_panel_behind_another_tab_is_hidden_until_its_tab_is_picked(qtbot, make_shell):
    from app.viewmodels.journal import JournalViewModel

    window = make_shell().window
    journal, gamma = window.dock("journal"), window.dock("gamma")
    view_model = journal.widget().findChild(JournalViewModel)
    journal.raise_()  # its tab picked
    qtbot.waitUntil(lambda: journal.widget().isVisible())
    assert view_model.shown and not gamma.widget().isVisible()
    gamma.raise_()  # the journal's tab left: Qt keeps its dock "visible", off-screen
    qtbot.waitUntil(lambda: gamma.widget().isVisible())
    assert journal.isVisible() and not journal.widget().isVisible()
    assert not view_model.shown  # so it runs no timer and polls nothing
    journal.raise_()
    qtbot.waitUntil(lambda: journal.widget().isVisible())
    assert view_model.shown
    journal.close()  # closed and reopened: shown again
    assert not view_model.shown
    journal.show()
    journal.raise_()
    qtbot.waitUntil(lambda: journal.widget().isVisible())
    assert view_model.shown
