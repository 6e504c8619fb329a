"""Start-up: a panel hidden or behind another tab is built when the user first shows it, a heavy one shown at
start (the chart) once the window has painted; every dock exists from the start (arrangements restore)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.panels import builtin_panels
from app.workspace import PanelSpec, WorkspaceRegistry
from widgets.main_window import MainWindow

Area = Qt.DockWidgetArea


def counting_registry(built: list[str]) -> WorkspaceRegistry:
    """alpha (left), beta and its tab gamma (bottom), delta (right, hidden), heavy (top, after the paint)."""

    def label(text: str):
        def create(_context) -> QWidget:
            built.append(text)
            return QLabel(text)

        return create

    registry = WorkspaceRegistry()
    Right, Top = Area.RightDockWidgetArea, Area.TopDockWidgetArea
    registry.register(PanelSpec("alpha", "Alpha", label("alpha"), Area.LeftDockWidgetArea))
    registry.register(PanelSpec("beta", "Beta", label("beta"), Area.BottomDockWidgetArea))
    registry.register(PanelSpec("gamma", "Gamma", label("gamma"), tab_with="beta"))
    registry.register(PanelSpec("delta", "Delta", label("delta"), Right, default_visible=False))
    registry.register(PanelSpec("heavy", "Heavy", label("heavy"), Top, after_first_paint=True))
    return registry


def returning_user(make_shell, qtbot, built: list[str]):
    """A shell of a profile that has its saved arrangement (the first run builds every panel: its default
    arrangement is sized from the real panels)."""
    first = make_shell("trader", counting_registry(built))
    assert sorted(built) == ["alpha", "beta", "delta", "gamma", "heavy"]
    first.window.close()
    built.clear()
    return make_shell("trader", counting_registry(built))


def test_only_the_panels_on_screen_are_built_and_the_others_when_first_shown(make_shell, qtbot):
    built: list[str] = []
    window = returning_user(make_shell, qtbot, built).window
    qtbot.waitUntil(lambda: "heavy" in built)  # once the window has painted
    assert sorted(built) == ["alpha", "beta", "heavy"]  # gamma is behind beta's tab, delta is closed
    assert [dock.panel_id for dock in window.docks() if dock.built] == ["alpha", "beta", "heavy"]

    window.set_panel_visible("gamma", True)  # its tab raised
    qtbot.waitUntil(lambda: "gamma" in built)
    gamma = window.dock("gamma").widget()
    assert isinstance(gamma, QLabel) and gamma.text() == "gamma"
    qtbot.waitUntil(gamma.isVisible)
    assert not window.dock("beta").widget().isVisible()  # now behind gamma's tab

    window.set_panel_visible("delta", True)
    qtbot.waitUntil(lambda: "delta" in built)
    assert window.dock("delta").widget().isVisible()
    assert built.count("gamma") == built.count("delta") == 1

    built.clear()
    window.reset_layout()  # the default arrangement of the real panels: none is built twice
    assert built == []


def test_a_panel_asked_for_is_built_at_once_even_when_hidden(make_shell, qtbot):
    built: list[str] = []
    shell = returning_user(make_shell, qtbot, built)
    panel = shell.window.dock("delta").widget()  # closed: built for whoever asks, not shown
    assert isinstance(panel, QLabel) and panel.text() == "delta" and not panel.isVisible()
    assert built.count("delta") == 1 and shell.window.dock("delta").widget() is panel


def test_the_chart_waits_for_the_first_paint_and_the_hidden_panels_for_their_show(qtbot):
    """The real panels' specs: the chart is built after the first frame, the tabs behind others later."""
    registry = builtin_panels()
    assert registry.get("chart").after_first_paint
    assert not any(spec.after_first_paint for spec in registry if spec.id != "chart")
    window = MainWindow()
    qtbot.addWidget(window)
    calls: list[str] = []
    window.add_panel("chart", "Chart", lambda: calls.append("chart") or QLabel("c"), after_first_paint=True)
    window.show()
    assert calls == []  # not before the first frame
    qtbot.waitUntil(lambda: calls == ["chart"])
    assert window.painted


def test_reset_to_the_default_layout_sizes_it_from_every_real_panel(make_shell, qtbot):
    built: list[str] = []
    window = returning_user(make_shell, qtbot, built).window
    assert not window.dock("gamma").built
    window.reset_layout()
    assert all(dock.built for dock in window.docks())


def test_a_held_panel_waits_for_its_release_when_the_app_holds_it(qtbot):
    """The app holds the chart until the first quotes are painted (app/composition.py)."""
    window = MainWindow()
    qtbot.addWidget(window)
    calls: list[str] = []
    window.add_panel("chart", "Chart", lambda: calls.append("chart") or QLabel("c"), after_first_paint=True)
    window.add_panel("book", "Book", lambda: calls.append("book") or QLabel("b"))
    window.hold_panels_until_released()
    window.show()
    qtbot.waitUntil(lambda: window.painted and calls == ["book"])  # not held: built for the first frame
    qtbot.wait(50)
    assert calls == ["book"] and not window.dock("chart").built
    window.release_held_panels()
    assert calls == ["book", "chart"] and window.dock("chart").built
    window.release_held_panels()  # a second release (the fallback timer) builds nothing twice
    assert calls == ["book", "chart"]
