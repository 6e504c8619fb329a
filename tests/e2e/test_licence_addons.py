"""Help -> Licence... and Help -> Add-ons... through the real main window against the live simulator:
first run creates this device's key (kept in the keyring), binding the Pro lease gives a verified licence in
the status bar and the About box, freeing the seat returns to free mode, a licence file with one byte changed
is refused at the next start, the demo user's layout pack installs (verified) and adds named layouts to the
Window menu, an add-on without a lease is refused, and a form with bad input says so at the field and sends
nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox

from app.aggregion_access import KEY_SERVICE, AggregionAccess
from app.shell import Shell
from app.workspace import PanelSpec, WorkspaceRegistry
from services.aggregion import AggregionClient, device, terminal
from tests.conftest import wait_until
from tests.gui.conftest import test_registry
from widgets.dialogs.addons import AddonsDialog
from widgets.dialogs.licence import LicenceDialog

Area = Qt.DockWidgetArea


@pytest.fixture(autouse=True)
def _one_device_per_profile(monkeypatch):
    """Each test profile is its own device (the simulator is shared; the real id is the machine's)."""
    monkeypatch.setattr(device, "MACHINE_ID_FILES", ())
    original = device.device_identity

    def identity(state_file=None, *, machine_id_files=()):
        return original(state_file, machine_id_files=machine_id_files)

    monkeypatch.setattr(terminal, "device_identity", identity)


def access(shell: Shell) -> AggregionAccess:
    assert shell.aggregion is not None
    return shell.aggregion


def status_text(shell: Shell) -> str:
    label = shell.window.findChild(QLabel, "licenceStatus")
    assert label is not None
    return label.text()


def trigger(shell: Shell, name: str) -> None:
    action = shell.window.findChild(QAction, name)
    assert action is not None and action.isEnabled()
    action.trigger()


async def sign_in(shell: Shell) -> LicenceDialog:
    trigger(shell, "action.help.licence")
    dialog = access(shell).licence_dialog
    assert dialog is not None and dialog.isVisible()
    QTest.keyClicks(dialog.login_edit, "demo")
    QTest.keyClicks(dialog.password_edit, "demo")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    # Pro and the layout pack (and what a publisher test may have leased to demo since)
    await wait_until(lambda: dialog.table.rowCount() >= 2 and not dialog.isBusy(), timeout=10)
    return dialog


def rows_of(dialog: LicenceDialog) -> list[str]:
    return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]


def row_of(dialog: LicenceDialog, title: str) -> int:
    return rows_of(dialog).index(title)


async def bind_pro(shell: Shell) -> LicenceDialog:
    dialog = await sign_in(shell)
    dialog.table.selectRow(row_of(dialog, "Tessera Pro"))
    assert dialog.bind_button.isEnabled()
    QTest.mouseClick(dialog.bind_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: access(shell).verdict is not None and access(shell).verdict.valid, timeout=10)
    await wait_until(lambda: not dialog.isBusy())
    return dialog


async def test_first_run_key_bind_about_and_free_the_seat(trading_shell):
    shell = trading_shell(test_registry())
    await wait_until(lambda: access(shell).verdict is not None)
    assert status_text(shell).startswith("Free mode")  # no licence yet: free mode, nothing wrong
    dialog = await bind_pro(shell)

    keyring = shell.ctx.credentials.backend.passwords
    device_id = access(shell).book.device().device_id
    assert keyring[("Tessera", f"{KEY_SERVICE}:demo@{device_id}")] == access(shell).terminal.key_number
    assert access(shell).terminal.created_key
    assert "key " + access(shell).terminal.key_number in dialog.device_label.text()
    assert status_text(shell).startswith("Licensed to demo until ")
    pro = row_of(dialog, "Tessera Pro")
    assert dialog.table.item(pro, 4).text() == "yes"
    seats = dialog.table.item(pro, 3).text()
    assert "Tessera Pro: Licensed to demo until" in dialog.status_label.text()

    trigger(shell, "action.help.about")
    about = access(shell).about_dialog
    assert about is not None and about.isVisible()
    assert "Licensed to demo until" in about.licenceText()

    # free the seat: asks first, naming the product; then free mode and one seat less taken
    dialog.table.selectRow(pro)
    QTest.mouseClick(dialog.unbind_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert isinstance(box, QMessageBox) and "Tessera Pro" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    await wait_until(lambda: status_text(shell).startswith("Free mode"), timeout=10)
    freed = f"{int(seats[0]) - 1}/2"
    await wait_until(lambda: dialog.table.item(row_of(dialog, "Tessera Pro"), 3).text() == freed, timeout=10)
    assert dialog.table.item(row_of(dialog, "Tessera Pro"), 4).text() == ""
    assert not access(shell).book.licence_path.exists()


async def test_the_cached_licence_is_checked_offline_and_a_changed_byte_is_refused(trading_shell):
    shell = trading_shell(test_registry(), name="lic")
    await bind_pro(shell)
    path = access(shell).book.licence_path
    shell.window.close()

    again = trading_shell(test_registry(), name="lic")  # the same profile: the cached licence, offline
    await wait_until(lambda: access(again).verdict is not None)
    assert status_text(again).startswith("Licensed to demo until ")
    again.window.close()

    data = bytearray(path.read_bytes())
    at = data.index(b'"keyNumber":"') + len(b'"keyNumber":"')
    data[at] = ord("9") if data[at] != ord("9") else ord("8")  # one byte changed
    path.write_bytes(bytes(data))

    tampered = trading_shell(test_registry(), name="lic")
    await wait_until(lambda: access(tampered).verdict is not None)
    assert status_text(tampered) == "Free mode \u2014 Licence refused"
    trigger(tampered, "action.help.about")
    about = access(tampered).about_dialog
    assert about is not None
    assert "Licence refused" in about.licenceText() and "signature" in about.licenceText()
    # Tessera keeps working in free mode: the window and its menus are all there
    assert tampered.window.isVisible()
    assert tampered.window.findChild(QAction, "action.help.addons").isEnabled()


def pack_registry() -> WorkspaceRegistry:
    """Panels named like the layout pack's, plus one the pack does not use."""
    registry = WorkspaceRegistry()
    for panel_id, area in (
        ("order_book", Area.LeftDockWidgetArea),
        ("chart", Area.TopDockWidgetArea),
        ("time_sales", Area.LeftDockWidgetArea),
        ("orders", Area.BottomDockWidgetArea),
        ("alpha", Area.RightDockWidgetArea),
    ):
        registry.register(PanelSpec(panel_id, panel_id, lambda _c, t=panel_id: QLabel(t), area))
    return registry


async def open_catalog(shell: Shell) -> AddonsDialog:
    trigger(shell, "action.help.addons")
    dialog = access(shell).addons_dialog
    assert dialog is not None and dialog.isVisible()
    await wait_until(lambda: dialog.entries.count() > 0 and not dialog.isBusy(), timeout=10)
    return dialog


def select_entry(dialog: AddonsDialog, title: str) -> None:
    titles = [dialog.entries.item(r).text() for r in range(dialog.entries.count())]
    dialog.entries.setCurrentRow(titles.index(title))


async def test_browse_and_install_the_leased_layout_pack(trading_shell, live_simulator):
    state = live_simulator.context.venue_state["aggregion"]
    published = len([entry for entry in state.catalog.values() if entry["isPublic"]])  # 6 at the start
    shell = trading_shell(pack_registry(), name="addons")
    await sign_in(shell)
    dialog = await open_catalog(shell)
    assert dialog.entries.count() == published >= 6
    assert "scalping" in [dialog.tag_combo.itemData(i) for i in range(dialog.tag_combo.count())]
    assert "linux" in [dialog.platform_combo.itemData(i) for i in range(dialog.platform_combo.count())]

    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("scalping"))  # tag filter
    assert [dialog.entries.item(r).text() for r in range(dialog.entries.count())] == ["Scalper Layout Pack"]
    dialog.tag_combo.setCurrentIndex(0)
    dialog.search_edit.setText("telegram")  # search (the catalog's textsearch)
    QTest.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    await wait_until(lambda: dialog.entries.count() == 1 and not dialog.isBusy(), timeout=10)
    assert dialog.entries.item(0).text() == "Price Alerts to Telegram"

    # not leased: refused where the user clicked, nothing installed
    await wait_until(lambda: dialog.versions.count() == 1, timeout=10)
    QTest.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "no active lease" in dialog.messageText(), timeout=10)
    assert access(shell).book.installed() == []

    dialog.search_edit.clear()
    QTest.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    await wait_until(lambda: dialog.entries.count() == published and not dialog.isBusy(), timeout=10)
    select_entry(dialog, "Scalper Layout Pack")
    assert "order book" in dialog.description_label.text()
    await wait_until(lambda: dialog.versions.count() == 1 and not dialog.isBusy(), timeout=10)
    assert dialog.versions.item(0).text() == "1.0.0"
    await wait_until(dialog.hasCover, timeout=10)  # its SVG cover, from the distributor's storage
    QTest.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "installed and verified" in dialog.messageText(), timeout=10)

    # the effect: named layouts in the Window menu; choosing one arranges the pack's panels
    action = shell.window.findChild(QAction, "action.layout.Tape reader")
    assert action is not None and action.text() == "Tape reader"
    assert shell.window.findChild(QAction, "action.layout.Scalper: one market") is not None
    action.trigger()
    assert shell.window.current_layout() == "Tape reader"
    assert shell.window.dock("time_sales").isVisibleTo(shell.window)
    assert not shell.window.dock("alpha").isVisibleTo(shell.window)  # not in the pack's layout
    assert shell.window.dockWidgetArea(shell.window.dock("time_sales")) == Area.LeftDockWidgetArea
    shell.window.close()

    again = trading_shell(pack_registry(), name="addons")  # installed add-ons apply at every start
    assert again.window.has_layout_preset("Scalper: two markets")


async def test_bad_input_in_the_sign_in_form_is_told_at_the_field_and_sends_nothing(trading_shell):
    shell = trading_shell(test_registry())
    trigger(shell, "action.help.licence")
    dialog = access(shell).licence_dialog
    assert dialog is not None
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.errorText("login") == "Enter your Aggregion login."
    assert not dialog.isBusy() and not access(shell).client.authenticated
    QTest.keyClicks(dialog.login_edit, "demo")
    QTest.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert dialog.errorText("password") == "Enter your password." and dialog.errorText("login") == ""
    assert not dialog.isBusy() and not access(shell).client.authenticated
    QTest.keyClicks(dialog.password_edit, "wrong")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    await wait_until(lambda: dialog.errorText("signIn") != "", timeout=10)
    assert dialog.errorText("signIn").startswith("Aggregion refused")
    assert not access(shell).terminal.signed_in


async def test_publisher_creates_uploads_publishes_and_leases_to_the_demo_user(
    trading_shell, live_simulator, tmp_path
):
    state = live_simulator.context.venue_state["aggregion"]
    shell = trading_shell(pack_registry(), name="publisher")
    trigger(shell, "action.help.publisher")
    console = shell.publisher.dialog
    assert console is not None and console.isVisible()
    QTest.keyClicks(console.login_edit, "publisher")
    QTest.keyClicks(console.password_edit, "demo")
    QTest.keyClick(console.password_edit, Qt.Key.Key_Return)
    await wait_until(lambda: console.table.rowCount() >= 7 and not console.isBusy(), timeout=10)
    assert "Tessera Labs" in console.account_label.text()

    # a new entry: bad input is told at the field and nothing is sent
    before = len(state.catalog)
    QTest.mouseClick(console.new_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(console.save_button, Qt.MouseButton.LeftButton)
    assert console.errorText("title") == "Enter a title." and len(state.catalog) == before
    QTest.keyClicks(console.title_edit, "Gold Layouts")
    QTest.keyClicks(console.description_edit, "Two layouts in gold.")
    QTest.keyClicks(console.tags_edit, "layouts, Gold!")
    console.max_keys_edit.setText("lots")
    QTest.mouseClick(console.save_button, Qt.MouseButton.LeftButton)
    assert "not 'Gold!'" in console.errorText("tags") and console.errorText("title") == ""
    assert len(state.catalog) == before
    console.tags_edit.setText("layouts, gold")
    QTest.mouseClick(console.save_button, Qt.MouseButton.LeftButton)
    assert console.errorText("maxKeys") == "Seats per lease is a whole number."
    assert len(state.catalog) == before
    console.max_keys_edit.setText("2")
    console.title_ru_edit.setText("Золотые раскладки")  # QTest types ASCII only
    QTest.mouseClick(console.save_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "saved" in console.messageText() and not console.isBusy(), timeout=10)
    assert len(state.catalog) == before + 1
    row = console.selectedRow()
    assert console.table.item(row, 0).text() == "Gold Layouts"
    assert console.table.item(row, 1).text() == "not published"

    # a bundle version: bad version / missing file refused at the field, then a real upload
    pack = tmp_path / "gold.json"
    pack.write_text(
        '{"format": "tessera-layouts/1", "layouts": [{"name": "Gold: chart and orders", "panels": '
        '[{"panel": "chart", "area": "left", "size": 500}, {"panel": "orders", "area": "bottom"}]}]}'
    )
    bundles_before = len(state.bundles)
    console.version_edit.setText("one")
    console.file_edit.setText(str(pack))
    QTest.mouseClick(console.upload_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: console.errorText("version") != "", timeout=5)
    assert console.errorText("version") == "A version looks like 1.2.0."
    console.version_edit.setText("1.0.0")
    console.file_edit.setText(str(tmp_path / "missing.json"))
    QTest.mouseClick(console.upload_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: console.errorText("file") != "", timeout=5)
    assert console.errorText("file") == "The file cannot be read." and len(state.bundles) == bundles_before
    console.file_edit.setText(str(pack))
    QTest.mouseClick(console.upload_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "uploaded" in console.messageText() and not console.isBusy(), timeout=10)
    assert [console.versions.item(i).text() for i in range(console.versions.count())] == ["1.0.0"]

    # publish
    QTest.mouseClick(console.publish_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "public catalog" in console.messageText() and not console.isBusy(), timeout=10)
    assert console.table.item(console.selectedRow(), 1).text() == "published"

    # lease to the demo user: a bad id is told at the field and nothing is sent
    leases_before = len(state.leases)
    console.users_edit.setText("demo")
    QTest.mouseClick(console.lease_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: console.errorText("users") != "", timeout=5)
    assert "24 hexadecimal" in console.errorText("users") and len(state.leases) == leases_before
    licence = await sign_in(shell)  # the demo user, in the same window, shows their id for the publisher
    demo_id = access(shell).terminal.user_id
    demo_account = access(shell).client.account or ""
    assert demo_id in licence.device_label.text() and demo_account in licence.device_label.text()
    licence.close()
    console.users_edit.setText(demo_id)
    QTest.mouseClick(console.lease_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "leased to 1 user" in console.messageText(), timeout=10)
    assert len(state.leases) == leases_before + 1

    # the demo user sees it in the catalog, holds its lease, and installs it
    catalog = await open_catalog(shell)
    select_entry(catalog, "Gold Layouts")
    assert catalog.description_label.text() == "Two layouts in gold."
    await wait_until(lambda: catalog.versions.count() == 1 and not catalog.isBusy(), timeout=10)
    QTest.mouseClick(catalog.install_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "installed and verified" in catalog.messageText(), timeout=10)
    assert shell.window.has_layout_preset("Gold: chart and orders")

    # the publisher moves an item of Tessera Pro to the demo trader's account with an invoice, and sees the
    # invoice under Documents
    assert state.accounts[demo_account]["name"] == "Demo trader"  # the id the Licence window showed
    console.showTab("funds")
    page = console.funds_page
    await wait_until(lambda: page.items.rowCount() > 0 and not console.isBusy(), timeout=10)
    titles = [page.items.item(r, 0).text() for r in range(page.items.rowCount())]
    page.items.selectRow(titles.index("Tessera Pro"))
    page.account_edit.setText(demo_account)
    page.invoice_edit.setText("INV-E2E-7")
    QTest.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "INV-E2E-7" in console.messageText() and not console.isBusy(), timeout=10)
    console.showTab("documents")
    table = console.documents.table
    await wait_until(lambda: not console.isBusy() and table.rowCount() > 0, timeout=10)
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    invoice = next(row for row in rows if "invoice: INV-E2E-7" in row[6])
    assert invoice[1:5] == ["invoice", "new", "Tessera Labs", "Demo trader"]
    assert invoice[5].startswith("Tessera Pro \u00d71")


async def test_a_strategy_template_pack_adds_templates_for_the_strategies_panel(trading_shell):
    from datetime import UTC, datetime, timedelta

    from app.addon_templates import addon_templates
    from services.aggregion.publisher import LeaseForm, PublisherDesk

    shell = trading_shell(pack_registry(), name="templates")
    await sign_in(shell)
    desk = PublisherDesk(AggregionClient.create(access(shell).client_urls, client_secret="demo"))
    try:
        await desk.sign_in("publisher", "demo")
        pack = next(e for e in await desk.entries() if e.options.get("kind") == "strategy-template-pack")
        until = datetime.now(UTC) + timedelta(days=30)
        await desk.lease_to_users(pack.id, LeaseForm(access(shell).terminal.user_id, until))
    finally:
        await desk.client.aclose()
    dialog = await open_catalog(shell)
    select_entry(dialog, "Market-Making Strategy Templates")
    await wait_until(lambda: dialog.versions.count() == 1 and not dialog.isBusy(), timeout=10)
    QTest.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "installed and verified" in dialog.messageText(), timeout=10)
    assert "New strategy templates in the Strategies panel" in dialog.messageText()
    names = [t.name for t in addon_templates(shell.ctx).templates()]
    assert names == ["Tight ETH-BTC maker", "Volume keeper BTC-USDT", "Wide EOS-USDT maker"]


async def test_a_lease_the_publisher_revokes_is_told_plainly(trading_shell):
    shell = trading_shell(pack_registry(), name="revoked")
    licence = await sign_in(shell)
    demo_id = access(shell).terminal.user_id
    trigger(shell, "action.help.publisher")
    console = shell.publisher.dialog
    QTest.keyClicks(console.login_edit, "publisher")
    QTest.keyClicks(console.password_edit, "demo")
    QTest.keyClick(console.password_edit, Qt.Key.Key_Return)
    await wait_until(lambda: console.table.rowCount() >= 7 and not console.isBusy(), timeout=10)
    titles = [console.table.item(r, 0).text() for r in range(console.table.rowCount())]
    console.table.selectRow(titles.index("Night Trader Themes"))
    await wait_until(lambda: console.versions.count() == 1 and not console.isBusy(), timeout=10)
    console.users_edit.setText(demo_id)
    QTest.mouseClick(console.lease_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: console.messageText() != "" and not console.isBusy(), timeout=10)
    assert "leased to 1 user" in console.messageText()
    mine = [r for r in range(console.leases.rowCount()) if console.leases.item(r, 0).text() == demo_id]
    assert mine and console.leases.item(mine[0], 3).text() == "yes"

    # the demo user licenses this device with it
    QTest.mouseClick(licence.refresh_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "Night Trader Themes" in rows_of(licence) and not licence.isBusy(), timeout=10)
    licence.table.selectRow(row_of(licence, "Night Trader Themes"))
    QTest.mouseClick(licence.bind_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: status_text(shell).startswith("Licensed to demo"), timeout=10)

    # the publisher revokes it (asked first, naming the entry and the user)
    console.leases.selectRow(mine[0])
    QTest.mouseClick(console.revoke_button, Qt.MouseButton.LeftButton)
    box = console.confirmation
    assert box is not None and "Night Trader Themes" in box.text() and demo_id in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    await wait_until(lambda: "revoked" in console.messageText() and not console.isBusy(), timeout=10)
    assert console.leases.item(mine[0], 3).text() == "no"

    # the next online look tells the demo user plainly; Tessera goes on in free mode
    QTest.mouseClick(licence.refresh_button, Qt.MouseButton.LeftButton)
    revoked = "Free mode \u2014 Licence revoked or unknown"
    await wait_until(lambda: status_text(shell) == revoked, timeout=10)
    assert "Night Trader Themes" not in rows_of(licence)
    assert "revoked" in licence.status_label.text()
