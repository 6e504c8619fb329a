"""The trading core inside the real shell: log in to the simulated exchange, balances and orders flow in."""

from __future__ import annotations

from app.demo import demo_setup
from app.panels import builtin_panels
from services.domain import ConnectionState
from tests.conftest import wait_until
from tests.e2e.conftest import core_of


async def test_login_fills_the_stores_and_logout_stops(trading_shell):
    shell = trading_shell(builtin_panels())
    core = core_of(shell)
    session = core.session("coinweight")
    states: list[ConnectionState] = []
    session.state_changed.connect(lambda state, detail: states.append(state))

    await session.login("demo", "demo")

    assert states[:2] == [ConnectionState.CONNECTING, ConnectionState.CONNECTED]
    await wait_until(lambda: bool(core.accounts.balances("coinweight")))
    usdt = core.accounts.available("coinweight", "binance", "USDT")
    assert usdt is not None and usdt.total > 0
    await wait_until(lambda: core.accounts.summary("coinweight") is not None)
    assert core.accounts.summary("coinweight").estimated_value > 0
    await session.logout()
    assert session.state is ConnectionState.DISCONNECTED


def test_venues_the_demo_simulator_lacks_are_not_shown_as_reachable(make_shell, live_simulator):
    from app.panels import builtin_panels
    from app.trading.install import install_trading
    from app.venues import demo
    from services.simulator.app import available_venues
    from widgets.common.status import LightState as Light

    def prepare(ctx) -> None:
        ctx.venues = demo(live_simulator.base_url, "demo")
        ctx.demo = demo_setup(live_simulator)
        install_trading(ctx)

    shell = make_shell("demo-lights", builtin_panels().subset(("journal",)), prepare=prepare)
    lacking = {"dxregister", "ramm", "aggregion"} - set(available_venues())
    for venue in lacking:
        assert shell.indicators[venue].state is Light.DISCONNECTED
        assert "demo simulator" in shell.indicators[venue].toolTip()
    assert set(shell.probe.venues()).isdisjoint(lacking)
