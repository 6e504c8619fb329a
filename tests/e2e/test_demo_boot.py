"""The demo's start as ``python -m app`` runs it (``app.composition``): the window is up while the simulator's
child still boots (its address is known from the socket the app handed over), and the venues start once it
serves, without an error shown meanwhile; the paper account's fate, known only then, is told then."""

from __future__ import annotations

import asyncio

import app.composition as composition
from app.context import AppContext
from app.credentials import CredentialStore
from app.trading.install import install_trading, trading
from app.venues import demo
from services.domain import ConnectionState
from services.simulator.process import SimulatorAddress
from services.simulator.served import DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN, available_venues
from tests.app.demo_run import demo_args, demo_context, end_run, main_window
from tests.app.memory_keyring import MemoryKeyring
from tests.conftest import wait_until
from tests.gui.conftest import test_registry


class BootingSimulator:
    """A launched simulator process whose address is known and whose boot ends when the test says."""

    def __init__(self, base_url: str) -> None:
        self.address = SimulatorAddress(
            base_url, frozenset(available_venues()), DEMO_LOGIN, DEMO_PASSWORD, DEMO_SERVER_TOKEN,
            paper_set_aside="paper-account.sqlite.unreadable-1",
        )
        self.asked = False
        self.booted = asyncio.Event()

    async def ready(self) -> SimulatorAddress:
        self.asked = True
        await self.booted.wait()
        return self.address

    def stop(self) -> None:
        pass

    def reset_paper(self) -> SimulatorAddress:
        return self.address


async def test_the_window_is_up_before_the_simulator_serves_and_the_venues_log_in_once_it_does(
    tmp_path, live_simulator, qapp
):
    qapp.setQuitOnLastWindowClosed(False)  # the test's loop outlives the window
    ctx = demo_context(tmp_path)
    simulator = BootingSimulator(live_simulator.base_url)
    run = asyncio.ensure_future(composition._run(ctx, demo_args(), simulator))  # type: ignore[arg-type]
    try:
        await wait_until(lambda: simulator.asked, timeout=30)  # the first frame is painted
        window = main_window()
        assert window is not None
        session = trading(ctx).session("coinweight")
        assert session.state is ConnectionState.DISCONNECTED  # nothing sent to a child still booting
        assert window.statusBar().currentMessage() == ""  # and nothing told the user it failed
        simulator.booted.set()
        await wait_until(lambda: session.state is ConnectionState.CONNECTED, timeout=15)
        assert "set aside as paper-account.sqlite.unreadable-1" in window.statusBar().currentMessage()
        window.close()
        assert await asyncio.wait_for(run, 15) == 0
    finally:
        await end_run(run)
        qapp.setQuitOnLastWindowClosed(True)


class CountingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        return super().get_password(service, username)


def test_the_keyring_is_not_read_while_the_window_is_built(make_shell, live_simulator):
    keyring = CountingKeyring()

    def prepare(ctx: AppContext) -> None:
        ctx.venues = demo(live_simulator.base_url, "demo")
        ctx.credentials = CredentialStore(backend=keyring)
        install_trading(ctx)

    shell = make_shell("trader", test_registry(), prepare=prepare)
    assert shell.aggregion is not None and keyring.reads == 0  # finding a system keyring takes 0.1-0.4 s
    assert shell.aggregion.client.client_secret == "demo"  # read when the licence service first needs it
    assert keyring.reads == 1
