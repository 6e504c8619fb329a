"""Fixtures for GUI tests: a Shell (main window bound to a profile) built from a small panel registry."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.context import AppContext, AppSettings
from app.credentials import CredentialStore
from app.journal import JournalHandler
from app.profiles import ProfileStore
from app.shell import Shell
from app.trading.install import SERVICE_NAME, install_trading
from app.viewmodels.journal import create_journal_panel
from app.workspace import PanelSpec, WorkspaceRegistry
from tests.app.memory_keyring import MemoryKeyring

Area = Qt.DockWidgetArea


def _label(text: str):
    return lambda context: QLabel(text)


def test_registry() -> WorkspaceRegistry:
    """journal (bottom) + gamma (tabbed with it), alpha (left), beta (right), delta (right, hidden)."""
    registry = WorkspaceRegistry()
    registry.register(
        PanelSpec("journal", "Journal", create_journal_panel, Area.BottomDockWidgetArea, default_size=200)
    )
    registry.register(PanelSpec("alpha", "Alpha", _label("alpha"), Area.LeftDockWidgetArea, default_size=260))
    registry.register(PanelSpec("beta", "Beta", _label("beta"), Area.RightDockWidgetArea))
    registry.register(PanelSpec("gamma", "Gamma", _label("gamma"), tab_with="journal"))
    registry.register(
        PanelSpec("delta", "Delta", _label("delta"), Area.RightDockWidgetArea, default_visible=False)
    )
    return registry


test_registry.__test__ = False  # a helper, not a test


@pytest.fixture
def profile_root(tmp_path: Path) -> Path:
    return tmp_path / "profiles"


@pytest.fixture
def make_shell(qtbot, qapp, profile_root) -> Callable[..., Shell]:
    """Build a Shell from the profile ``name`` under ``profile_root`` (loaded fresh each time), shown."""
    palette, stylesheet = qapp.palette(), qapp.styleSheet()
    shells: list[Shell] = []

    def make(
        name: str = "trader",
        registry: WorkspaceRegistry | None = None,
        prepare: Callable[[AppContext], None] | None = None,
        **options,
    ) -> Shell:
        store = ProfileStore(profile_root, name)
        loaded = store.load()
        ctx = AppContext(
            settings=AppSettings(profile_name=name, data_dir=profile_root.parent),
            profiles=store,
            profile=loaded.profile,
            credentials=CredentialStore(backend=MemoryKeyring()),
            journal=JournalHandler(),
            profile_notices=loaded.notices,
        )
        if prepare is not None:  # e.g. install the trading core before the panels are built
            prepare(ctx)
        if SERVICE_NAME not in ctx.services:  # every panel's view-model holds the core (here: no venues)
            install_trading(ctx)
        shell = Shell(ctx, registry or test_registry(), **options)
        qtbot.addWidget(shell.window)
        shell.show()
        qtbot.waitExposed(shell.window)
        shells.append(shell)
        return shell

    yield make
    for shell in shells:
        if shiboken6.isValid(shell.window):  # pytest-qt may have closed and deleted it already
            shell.window.close()
    qapp.setPalette(palette)
    qapp.setStyleSheet(stylesheet)
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_gui_thread():
    """See tests/app/conftest.py: cyclic garbage with Qt objects must be destroyed in the GUI thread."""
    yield
    gc.collect()
