"""The professional and simple layout presets in the shell: one action each, their own arrangement, undo, and
the user's own named layouts left alone (stand-in panels, no venue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.layout_presets import PROFESSIONAL, SIMPLE
from app.workspace import PanelSpec, WorkspaceRegistry

Area = Qt.DockWidgetArea
PANELS = ("market_watch", "orders", "slot_1", "slot_2", "slot_3", "quotes", "extra")


def registry() -> WorkspaceRegistry:
    specs = WorkspaceRegistry()
    for panel_id in PANELS:
        specs.register(
            PanelSpec(panel_id, panel_id, lambda _context, t=panel_id: QLabel(t), Area.RightDockWidgetArea)
        )
    return specs


def shown(window) -> set[str]:
    return {panel_id for panel_id in PANELS if window.dock(panel_id).isVisible()}


def test_without_the_slot_panels_there_are_no_presets(make_shell):
    window = make_shell().window  # the shell's test registry
    assert not window.has_layout_preset(PROFESSIONAL)
    assert "layout.professional" not in window.action_ids()


def test_each_layout_is_one_action_with_its_own_arrangement(qtbot, make_shell):
    shell = make_shell("presets", registry())
    window = shell.window
    assert window.current_layout() == "default" and shown(window) == set(PANELS)
    professional, simple = window.action("layout.professional"), window.action("layout.simple")
    assert professional.shortcut().toString() == "Ctrl+1" and simple.shortcut().toString() == "Ctrl+2"
    assert not professional.isChecked() and not simple.isChecked()

    professional.trigger()
    assert window.current_layout() == PROFESSIONAL and professional.isChecked() and not simple.isChecked()
    assert shown(window) == {"market_watch", "slot_1", "slot_2", "slot_3", "orders"}
    slots = [window.dock(f"slot_{n}") for n in (1, 2, 3)]
    assert slots[0].x() < slots[1].x() < slots[2].x()  # side by side
    assert window.dock("orders").y() > slots[0].y()  # under them

    simple.trigger()
    assert window.current_layout() == SIMPLE and simple.isChecked() and not professional.isChecked()
    assert shown(window) == {"quotes", "orders"}
    simple.trigger()  # choosing the current layout again changes nothing
    assert window.current_layout() == SIMPLE and simple.isChecked()

    qtbot.wait(100)  # Qt settles the arrangement's sizes: not a change of the user's to undo first
    assert window.undo_layout_change()  # a switch is undone like any layout change
    assert window.current_layout() == PROFESSIONAL and shell.profile.current_layout == PROFESSIONAL
    assert shown(window) == {"market_watch", "slot_1", "slot_2", "slot_3", "orders"}
    assert professional.isChecked()


def test_a_preset_keeps_the_users_changes_and_the_users_own_layouts_stay(qtbot, make_shell):
    shell = make_shell("presets", registry())
    window = shell.window
    window.action("layout.professional").trigger()
    window.set_panel_visible("extra", True)  # the user adds a panel to the professional layout
    window.action("layout.simple").trigger()
    assert not window.dock("extra").isVisible()
    window.action("layout.professional").trigger()
    assert window.dock("extra").isVisible()  # the saved arrangement, not the preset's default

    window.save_layout_as("mine")
    window.dock("slot_3").close()
    window.action("layout.simple").trigger()
    window.switchLayoutRequested.emit("mine")
    assert window.current_layout() == "mine" and window.dock("extra").isVisible()
    assert (
        not window.action("layout.professional").isChecked()
        and not window.action("layout.simple").isChecked()
    )
    assert {"default", PROFESSIONAL, SIMPLE, "mine"} <= set(window.layout_names())

    window.action("layout.professional").trigger()
    window.action("window.reset_layout").trigger()  # in a preset: back to the preset's own default
    assert shown(window) == {"market_watch", "slot_1", "slot_2", "slot_3", "orders"}


def test_the_current_preset_comes_back_after_a_restart(qtbot, make_shell):
    shell = make_shell("presets", registry())
    shell.window.action("layout.simple").trigger()
    shell.window.close()
    again = make_shell("presets", registry())
    assert again.window.current_layout() == SIMPLE and again.window.action("layout.simple").isChecked()
    assert shown(again.window) == {"quotes", "orders"}
