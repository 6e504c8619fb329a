"""End-to-end fixtures: the real shell and trading core against the embedded simulator over loopback."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.context import AppContext
from app.shell import Shell
from app.trading.bridge import QtTrading
from app.trading.install import install_trading, trading
from app.venues import demo
from app.workspace import WorkspaceRegistry
from tests.gui.conftest import make_shell, profile_root  # noqa: F401  (fixtures reused here)


@pytest.fixture
def trading_shell(make_shell, live_simulator) -> Callable[..., Shell]:  # noqa: F811
    """``make(registry, name="trader")``: a shown Shell whose context has a QtTrading (not logged in yet)
    pointing at the live simulator. Log in with ``await core.session("coinweight").login("demo", "demo")``."""

    made: list[AppContext] = []

    def make(registry: WorkspaceRegistry, name: str = "trader", **options) -> Shell:
        def prepare(ctx: AppContext) -> None:
            ctx.venues = demo(live_simulator.base_url, "demo")
            install_trading(ctx, poll_interval=0.25)
            made.append(ctx)

        return make_shell(name, registry, prepare=prepare, **options)

    return make


def core_of(shell: Shell) -> QtTrading:
    return trading(shell.ctx)
