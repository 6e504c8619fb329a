"""The licence, add-on and About dialogs as views: field errors that send nothing, Enter, the unbind
confirmation naming the product, search and filters; and how a layout pack's panels become dock placements."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox

from app.aggregion_access import pack_placements
from app.workspace import PanelSpec, WorkspaceRegistry
from widgets.dialogs.about import AboutDialog
from widgets.dialogs.addons import AddonsDialog
from widgets.dialogs.licence import LicenceDialog

Area = Qt.DockWidgetArea


def test_sign_in_errors_at_the_field_and_enter_submits_once(qtbot):
    dialog = LicenceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    sent: list[tuple[str, str]] = []
    dialog.signInRequested.connect(lambda login, password: sent.append((login, password)))
    QTest.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert dialog.errorText("login") == "Enter your Aggregion login." and sent == []
    QTest.keyClicks(dialog.login_edit, "  demo ")
    QTest.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert dialog.errorText("password") == "Enter your password." and dialog.errorText("login") == ""
    assert sent == []
    QTest.keyClicks(dialog.password_edit, "pw")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert sent == [("demo", "pw")] and dialog.errorText("password") == ""
    assert dialog.password_edit.echoMode() is dialog.password_edit.EchoMode.Password


def test_bind_and_the_unbind_confirmation(qtbot):
    dialog = LicenceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.setSignedIn(True, "demo")
    assert not dialog.sign_in_box.isVisible()
    dialog.setLeases(
        [
            ("Tessera Pro", "2026-12-01", "2027-12-02", "1/2", True),
            ("Scalper Layout Pack", "2026-12-01", "2027-12-02", "0/3", False),
        ]
    )
    bound: list[int] = []
    freed: list[int] = []
    dialog.bindRequested.connect(bound.append)
    dialog.unbindRequested.connect(freed.append)
    dialog.table.selectRow(0)
    assert not dialog.bind_button.isEnabled() and dialog.unbind_button.isEnabled()
    dialog.unbind_button.click()
    box = dialog.confirmation
    assert isinstance(box, QMessageBox) and "\u201cTessera Pro\u201d" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert freed == []
    dialog.unbind_button.click()
    assert dialog.confirmation is not None
    dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert freed == [0]
    dialog.table.selectRow(1)
    assert dialog.bind_button.isEnabled() and not dialog.unbind_button.isEnabled()
    dialog.bind_button.click()
    assert bound == [1]
    dialog.setBusy(True, "Binding")
    assert not dialog.bind_button.isEnabled() and dialog.progress_label.text() == "Binding"
    dialog.showError("Aggregion refused: the lease is full")
    assert dialog.errorText() == "Aggregion refused: the lease is full"


def test_add_on_search_filters_and_install(qtbot):
    dialog = AddonsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    searches: list[str] = []
    filters: list[tuple[str, str]] = []
    installs: list[tuple[int, int]] = []
    dialog.searchRequested.connect(searches.append)
    dialog.filterChanged.connect(lambda tag, platform: filters.append((tag, platform)))
    dialog.installRequested.connect(lambda e, v: installs.append((e, v)))
    QTest.keyClicks(dialog.search_edit, " scalp ")
    QTest.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert searches == ["scalp"] and dialog.isVisible()  # Enter searches; it does not close the dialog
    dialog.setTags(["layouts", "themes"])
    dialog.setPlatforms(["linux", "windows"])
    dialog.tag_combo.setCurrentIndex(dialog.tag_combo.findData("themes"))
    dialog.platform_combo.setCurrentIndex(dialog.platform_combo.findData("linux"))
    assert filters[-1] == ("themes", "linux")
    dialog.setEntries(["Scalper Layout Pack", "Night Trader Themes"])
    assert not dialog.install_button.isEnabled()  # no versions yet
    dialog.setVersions(["1.0.0", "1.1.0"])
    assert dialog.versions.currentRow() == 1 and dialog.install_button.isEnabled()
    dialog.install_button.click()
    assert installs == [(0, 1)]
    dialog.setEntries([])
    assert dialog.description_label.text() == "No add-on matches."
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_about_shows_the_licence(qtbot):
    about = AboutDialog("0.1.0")
    qtbot.addWidget(about)
    about.setLicence("Tessera Pro: Licensed to demo until 2027-12-02")
    assert about.licenceText() == "Tessera Pro: Licensed to demo until 2027-12-02"


def test_layout_pack_panels_become_placements():
    registry = WorkspaceRegistry()
    for panel_id in ("order_book", "chart", "time_sales"):
        registry.register(PanelSpec(panel_id, panel_id, lambda _c: QLabel()))
    placements = pack_placements(
        [
            {"panel": "order_book", "area": "left", "size": 320},
            {"panel": "chart", "area": "center"},
            {"panel": "time_sales", "splitFrom": "order_book", "orientation": "vertical", "size": 260},
            {"panel": "order_ticket", "area": "right"},  # not in this build: skipped
            {"panel": "chart", "tabWith": "nowhere"},  # an anchor that is not placed: ignored
            "junk",
        ],
        registry,
    )
    assert list(placements) == ["order_book", "chart", "time_sales"]
    assert placements["order_book"].area == Area.LeftDockWidgetArea and placements["order_book"].size == 320
    assert placements["time_sales"].split_from == "order_book"
    assert placements["time_sales"].orientation == Qt.Orientation.Vertical
    assert placements["chart"].tab_with is None


def test_publisher_console_forms(qtbot):
    from widgets.dialogs.publisher import PublisherDialog

    dialog = PublisherDialog(("windows", "linux"), ("layout-pack", "theme-pack"))
    qtbot.addWidget(dialog)
    dialog.show()
    signed: list[tuple[str, str]] = []
    saved: list[dict] = []
    revoked: list[int] = []
    dialog.signInRequested.connect(lambda login, password: signed.append((login, password)))
    dialog.saveRequested.connect(saved.append)
    dialog.revokeRequested.connect(revoked.append)
    QTest.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert dialog.errorText("login") == "Enter your Aggregion login." and signed == []
    assert dialog.isVisible()  # Enter does not close the console
    QTest.keyClicks(dialog.login_edit, "publisher")
    QTest.keyClicks(dialog.password_edit, "demo")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert signed == [("publisher", "demo")]

    dialog.setSignedIn(True, "Tessera Labs")
    assert "Tessera Labs" in dialog.account_label.text() and not dialog.sign_in_box.isVisible()
    dialog.setEntries(
        [("Scalper Layout Pack", "published", "3", True), ("Draft", "not published", "1", False)], 0
    )
    assert dialog.unpublish_button.isEnabled() and not dialog.publish_button.isEnabled()
    dialog.setEntryForm(
        {"title": "Scalper Layout Pack", "tags": "layouts", "platforms": ["linux"], "kind": "x"}
    )
    assert not dialog.platform_boxes["windows"].isChecked() and dialog.platform_boxes["linux"].isChecked()
    dialog.save_button.click()
    assert saved[-1]["title"] == "Scalper Layout Pack" and saved[-1]["platforms"] == ["linux"]
    dialog.showFieldError("maxKeys", "Seats per lease is a whole number.")
    assert dialog.errorText("maxKeys") == "Seats per lease is a whole number."

    dialog.setLeases([("22e0bcdb0000000000000001", "2027-12-02", "0/3", True)])
    dialog.leases.selectRow(0)
    assert dialog.revoke_button.isEnabled()
    dialog.revoke_button.click()
    box = dialog.confirmation
    assert (
        box is not None and "Scalper Layout Pack" in box.text() and "22e0bcdb0000000000000001" in box.text()
    )
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert revoked == []
    dialog.revoke_button.click()
    dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert revoked == [0]
    dialog.setLeases([("22e0bcdb0000000000000001", "2027-12-02", "0/3", False)])
    dialog.leases.selectRow(0)
    assert not dialog.revoke_button.isEnabled()  # revoked already


def test_an_add_on_cover_is_shown_and_an_unreadable_one_is_left_out(qtbot):
    dialog = AddonsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.hasCover()
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
        b'<rect width="64" height="64" fill="#3a7"/></svg>'
    )
    dialog.setCover(svg)
    assert dialog.hasCover() and not dialog.cover_label.pixmap().isNull()
    dialog.setCover(b"not an image")
    assert not dialog.hasCover()
    dialog.setCover(None)
    assert not dialog.hasCover()
