"""Strategy templates from an installed add-on in the Strategies panel's "New from template": offered after
the venue's own, and a draft made from one carries the add-on's settings."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.addon_templates import addon_templates, templates_of
from app.context import ServiceRegistry
from app.trading.bridge import QtTrading
from app.viewmodels.strategies import StrategiesViewModel, strategy_columns
from app.workspace import PanelContext
from services.domain import ConnectionState
from services.simulator.apis.aggregion.seed import STRATEGY_PACK
from services.trading.core import TradingCore
from tests.conftest import wait_until
from tests.gui.test_strategies_panel import HostingSession, ScriptedHost
from widgets.common.record_table import RecordTableModel
from widgets.panels.strategies import StrategiesPanel


def test_a_pack_is_read_with_the_venue_model_and_bad_templates_are_left_out():
    specs = templates_of(STRATEGY_PACK)
    assert [(s.name, s.strategy_type) for s in specs] == [
        ("Tight ETH-BTC maker", "SingleMarketMaker"),
        ("Volume keeper BTC-USDT", "VolumeMarketMaker"),
        ("Wide EOS-USDT maker", "SingleMarketMaker"),
    ]
    broken = {"format": STRATEGY_PACK["format"], "templates": [{"name": "x", "strategyType": "Nope"}, 3]}
    assert templates_of(broken) == []
    assert templates_of({"format": "tessera-layouts/1", "layouts": []}) == []


@pytest.fixture
async def rig(qtbot):
    app = SimpleNamespace(services=ServiceRegistry())
    addon_templates(app).add(templates_of(STRATEGY_PACK))  # type: ignore[arg-type]  # only .services is used
    host = ScriptedHost()
    core = QtTrading(TradingCore())
    session = HostingSession(core, host)
    session.set_state(ConnectionState.DISCONNECTED)
    core.add_session(session)
    panel = StrategiesPanel(RecordTableModel(strategy_columns(), key="id"))
    qtbot.addWidget(panel)
    context = PanelContext(app, "strategies", {}, lambda: None)  # type: ignore[arg-type]
    vm = StrategiesViewModel(context, panel, core=core, poll_interval=0.05)
    panel.resize(1200, 420)
    panel.show()
    await session.login("demo", "demo")
    await wait_until(lambda: panel.table.record_model.row_of("1") is not None)
    yield host, panel, vm
    await session.logout()


async def test_add_on_templates_are_offered_and_make_a_draft(rig):
    _host, panel, _vm = rig
    panel.new_button.click()
    await wait_until(lambda: panel.new_dialog is not None)
    dialog = panel.new_dialog
    combo = dialog.template_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "SingleMarketMaker"  # the venue's own first, and still the default
    assert combo.currentData() == "SingleMarketMaker"
    assert "Tight ETH-BTC maker (SingleMarketMaker, add-on)" in labels
    combo.setCurrentIndex(combo.findData("addon:Tight ETH-BTC maker"))
    dialog.name_edit.setText("from the pack")
    assert dialog.set_symbol("binance", "ETH-USDT")
    dialog.ok_button().click()
    form = panel.form
    assert form.heading.text() == "from the pack" and "not saved" in form.subheading.text()
    assert form.editor(("symbols", 0, "orderNumber")).text() == "2"
    assert form.editor(("symbols", 0, "spreadPct")).text() == "2"  # the pack's 0.02, shown in per cent
