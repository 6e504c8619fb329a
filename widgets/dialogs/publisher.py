"""Help -> Publisher console...: the publishing account's catalog entries, the entry form, bundle versions,
publish / unpublish and leasing an entry to users or groups (tab "Catalog"); funds, items and moving items
with an invoice (tab "Funds and items", :class:`FundsPage`); the documents and transactions lists (paged,
:class:`PagedTable`). A tab asks for its data when it is shown (``tabShown``).

A view: the app checks what was typed and answers with :meth:`PublisherDialog.showFieldError` (the message
goes under that field) or :meth:`showMessage` (the distributor's answer, under the buttons).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.dialogs.publisher_inventory import FundsPage, PagedTable


def _error(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #e05555;")
    label.setWordWrap(True)
    label.hide()
    return label


def _with_error(field: QWidget, error: QLabel) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(1)
    column.addWidget(field)
    column.addWidget(error)
    return column


class PublisherDialog(QDialog):
    signInRequested = Signal(str, str)
    entrySelected = Signal(int)  # -1: a new entry
    saveRequested = Signal(dict)  # the entry form's values
    publishRequested = Signal(bool)
    uploadRequested = Signal(str, str)  # version, file path
    leaseRequested = Signal(str, QDate, bool)  # user (or group) ids, until, to groups
    revokeRequested = Signal(int)  # row of the leases table, confirmed
    tabShown = Signal(str)  # "catalog", "funds", "documents", "transactions"
    groupsWanted = Signal()  # "Lease to: groups" was chosen: the app lists the account's groups

    def __init__(self, platforms: Sequence[str], kinds: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publisherDialog")
        self.setWindowTitle(self.tr("Publisher console"))
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        self._errors: dict[str, QLabel] = {}

        # sign in
        self.sign_in_box = QGroupBox(self.tr("Sign in as a publisher"), self)
        form = QFormLayout(self.sign_in_box)
        self.login_edit = QLineEdit(self.sign_in_box)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit(self.sign_in_box)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Login:"), _with_error(self.login_edit, self._error_for("login")))
        form.addRow(self.tr("Password:"), _with_error(self.password_edit, self._error_for("password")))
        self.sign_in_button = QPushButton(self.tr("Sign in"), self.sign_in_box)
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.login_edit.returnPressed.connect(self._on_sign_in)
        self.password_edit.returnPressed.connect(self._on_sign_in)
        form.addRow(self.sign_in_button)
        layout.addWidget(self.sign_in_box)

        self.account_label = QLabel(self)
        self.account_label.setObjectName("account")
        layout.addWidget(self.account_label)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("entries")
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Status"), self.tr("Seats")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)
        left.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New entry"), self)
        self.new_button.setObjectName("newEntry")
        self.new_button.clicked.connect(self._on_new)
        self.publish_button = QPushButton(self.tr("Publish"), self)
        self.publish_button.setObjectName("publish")
        self.publish_button.clicked.connect(lambda: self.publishRequested.emit(True))
        self.unpublish_button = QPushButton(self.tr("Unpublish"), self)
        self.unpublish_button.setObjectName("unpublish")
        self.unpublish_button.clicked.connect(lambda: self.publishRequested.emit(False))
        for button in (self.new_button, self.publish_button, self.unpublish_button):
            row.addWidget(button)
        left.addLayout(row)
        body.addLayout(left, 2)

        right = QVBoxLayout()
        self.entry_box = QGroupBox(self.tr("Entry"), self)
        entry = QFormLayout(self.entry_box)
        self.title_edit = QLineEdit(self.entry_box)
        self.title_edit.setObjectName("title")
        self.title_ru_edit = QLineEdit(self.entry_box)
        self.title_ru_edit.setObjectName("titleRu")
        self.description_edit = QPlainTextEdit(self.entry_box)
        self.description_edit.setObjectName("description")
        self.description_edit.setFixedHeight(54)
        self.description_ru_edit = QPlainTextEdit(self.entry_box)
        self.description_ru_edit.setObjectName("descriptionRu")
        self.description_ru_edit.setFixedHeight(54)
        self.tags_edit = QLineEdit(self.entry_box)
        self.tags_edit.setObjectName("tags")
        self.tags_edit.setPlaceholderText(self.tr("layouts, scalping"))
        platform_row = QHBoxLayout()
        self.platform_boxes: dict[str, QCheckBox] = {}
        for platform in platforms:
            box = QCheckBox(platform, self.entry_box)
            box.setObjectName(f"platform.{platform}")
            box.setChecked(True)
            platform_row.addWidget(box)
            self.platform_boxes[platform] = box
        platform_widget = QWidget(self.entry_box)
        platform_widget.setLayout(platform_row)
        platform_row.setContentsMargins(0, 0, 0, 0)
        self.max_keys_edit = QLineEdit("1", self.entry_box)
        self.max_keys_edit.setObjectName("maxKeys")
        self.kind_combo = QComboBox(self.entry_box)
        self.kind_combo.setObjectName("kind")
        self.kind_combo.addItems(list(kinds))
        entry.addRow(self.tr("Title:"), _with_error(self.title_edit, self._error_for("title")))
        entry.addRow(self.tr("Title (Russian):"), self.title_ru_edit)
        entry.addRow(
            self.tr("Description:"), _with_error(self.description_edit, self._error_for("description"))
        )
        entry.addRow(self.tr("Description (Russian):"), self.description_ru_edit)
        entry.addRow(self.tr("Tags:"), _with_error(self.tags_edit, self._error_for("tags")))
        entry.addRow(self.tr("Platforms:"), _with_error(platform_widget, self._error_for("platforms")))
        entry.addRow(self.tr("Seats per lease:"), _with_error(self.max_keys_edit, self._error_for("maxKeys")))
        entry.addRow(self.tr("Kind:"), _with_error(self.kind_combo, self._error_for("kind")))
        self.save_button = QPushButton(self.tr("Save entry"), self.entry_box)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self._on_save)
        entry.addRow(self.save_button)
        right.addWidget(self.entry_box)

        self.versions_box = QGroupBox(self.tr("Versions"), self)
        versions = QFormLayout(self.versions_box)
        self.versions = QListWidget(self.versions_box)
        self.versions.setObjectName("versions")
        self.versions.setFixedHeight(56)
        versions.addRow(self.versions)
        self.version_edit = QLineEdit(self.versions_box)
        self.version_edit.setObjectName("version")
        self.version_edit.setPlaceholderText("1.0.0")
        self.file_edit = QLineEdit(self.versions_box)
        self.file_edit.setObjectName("file")
        browse = QPushButton(self.tr("Browse\u2026"), self.versions_box)
        browse.setObjectName("browse")
        browse.clicked.connect(self._on_browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        file_widget = QWidget(self.versions_box)
        file_widget.setLayout(file_row)
        file_row.setContentsMargins(0, 0, 0, 0)
        versions.addRow(self.tr("Version:"), _with_error(self.version_edit, self._error_for("version")))
        versions.addRow(self.tr("File:"), _with_error(file_widget, self._error_for("file")))
        self.upload_button = QPushButton(self.tr("Upload version"), self.versions_box)
        self.upload_button.setObjectName("upload")
        self.upload_button.clicked.connect(self._on_upload)
        versions.addRow(self.upload_button)
        right.addWidget(self.versions_box)

        self.lease_box = QGroupBox(self.tr("Lease to users or groups"), self)
        lease = QFormLayout(self.lease_box)
        self.lease_to_combo = QComboBox(self.lease_box)
        self.lease_to_combo.setObjectName("leaseTo")
        self.lease_to_combo.addItem(self.tr("Users"), False)
        self.lease_to_combo.addItem(self.tr("Groups (every member)"), True)
        self.lease_to_combo.currentIndexChanged.connect(self._on_lease_to)
        self.users_edit = QLineEdit(self.lease_box)
        self.users_edit.setObjectName("users")
        self.users_edit.setPlaceholderText(self.tr("user ids, separated by commas"))
        lease.addRow(self.tr("Lease to:"), self.lease_to_combo)
        self.until_edit = QDateEdit(QDate.currentDate().addYears(1), self.lease_box)
        self.until_edit.setObjectName("until")
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        lease.addRow(self.tr("Ids:"), _with_error(self.users_edit, self._error_for("users")))
        self.groups_label = QLabel(self.lease_box)
        self.groups_label.setObjectName("groups")
        self.groups_label.setWordWrap(True)
        self.groups_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.groups_label.hide()
        lease.addRow(self.groups_label)
        lease.addRow(self.tr("Until:"), _with_error(self.until_edit, self._error_for("until")))
        self.lease_button = QPushButton(self.tr("Lease"), self.lease_box)
        self.lease_button.setObjectName("lease")
        self.lease_button.clicked.connect(self._on_lease)
        lease.addRow(self.lease_button)
        self.leases = QTableWidget(0, 4, self.lease_box)
        self.leases.setObjectName("leases")
        self.leases.setHorizontalHeaderLabels(
            [self.tr("User"), self.tr("Until"), self.tr("Seats"), self.tr("Active")]
        )
        self.leases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.leases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.leases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.leases.verticalHeader().hide()
        self.leases.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.leases.setFixedHeight(110)
        self.leases.itemSelectionChanged.connect(self._update_buttons)
        lease.addRow(self.leases)
        self.revoke_button = QPushButton(self.tr("Revoke lease\u2026"), self.lease_box)
        self.revoke_button.setObjectName("revoke")
        self.revoke_button.clicked.connect(self._on_revoke)
        lease.addRow(self.revoke_button)
        right.addWidget(self.lease_box)
        right_widget = QWidget(self)
        right_widget.setLayout(right)
        right_scroll = QScrollArea(self)  # the forms scroll: the console stays smaller than a screen
        right_scroll.setObjectName("entryForms")
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right_scroll.setWidget(right_widget)
        body.addWidget(right_scroll, 3)
        self.catalog_page = QWidget(self)
        self.catalog_page.setLayout(body)
        self.funds_page = FundsPage(self._error_for, self)
        self.documents = PagedTable(
            "documents",
            [
                self.tr("No."),
                self.tr("Type"),
                self.tr("Status"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Contents"),
                self.tr("Invoice and notes"),
            ],
            sortable=(2, 3, 4),
            stretch=6,
            parent=self,
        )
        self.transactions = PagedTable(
            "transactions",
            [
                self.tr("Date (UTC)"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Document"),
                self.tr("From fund"),
                self.tr("To fund"),
                self.tr("Items"),
            ],
            sortable=(0,),
            stretch=3,
            parent=self,
        )
        self.body = QTabWidget(self)
        self.body.setObjectName("publisherTabs")
        self._tab_names = ("catalog", "funds", "documents", "transactions")
        self.body.addTab(self.catalog_page, self.tr("Catalog"))
        self.body.addTab(self.funds_page, self.tr("Funds and items"))
        self.body.addTab(self.documents, self.tr("Documents"))
        self.body.addTab(self.transactions, self.tr("Transactions"))
        self.body.currentChanged.connect(lambda index: self.tabShown.emit(self._tab_names[index]))
        layout.addWidget(self.body, 1)

        bottom = QHBoxLayout()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.message_label, 1)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress")
        bottom.addWidget(self.progress_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self._published: list[bool] = []
        self._lease_rows: list[tuple[str, str, str, bool]] = []
        self.confirmation: QMessageBox | None = None
        self._busy = False
        self.setSignedIn(False)

    # --- setters

    def setSignedIn(self, signed_in: bool, account: str = "") -> None:
        self.sign_in_box.setVisible(not signed_in)
        self.body.setEnabled(signed_in)
        self.account_label.setText(
            self.tr("Publishing as {account}").format(account=account) if signed_in else ""
        )
        self._update_buttons()

    def setEntries(self, rows: Sequence[tuple[str, str, str, bool]], select: int = -1) -> None:
        """``(title, status, seats, published)`` per entry; ``select`` the row to select (-1: keep)."""
        current = self._row()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        self._published = [row[3] for row in rows]
        for r, (title, status, seats, _published) in enumerate(rows):
            for c, text in enumerate((title, status, seats)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.blockSignals(False)
        target = select if select >= 0 else current
        if 0 <= target < len(rows):
            self.table.selectRow(target)
        self._update_buttons()

    def setEntryForm(self, values: Mapping[str, object]) -> None:
        self._clear_errors()
        self.title_edit.setText(str(values.get("title", "")))
        self.title_ru_edit.setText(str(values.get("title_ru", "")))
        self.description_edit.setPlainText(str(values.get("description", "")))
        self.description_ru_edit.setPlainText(str(values.get("description_ru", "")))
        self.tags_edit.setText(str(values.get("tags", "")))
        platforms = values.get("platforms", tuple(self.platform_boxes))
        for platform, box in self.platform_boxes.items():
            box.setChecked(isinstance(platforms, list | tuple) and platform in platforms)
        self.max_keys_edit.setText(str(values.get("max_keys", "1")))
        kind = self.kind_combo.findText(str(values.get("kind", "")))
        self.kind_combo.setCurrentIndex(max(kind, 0))

    def setVersions(self, versions: Sequence[str]) -> None:
        self.versions.clear()
        self.versions.addItems(list(versions))

    def setLeases(self, rows: Sequence[tuple[str, str, str, bool]]) -> None:
        """``(user, until, seats, active)`` per lease of the selected entry."""
        self._lease_rows = list(rows)
        self.leases.setRowCount(len(rows))
        for r, (user, until, seats, active) in enumerate(rows):
            texts = (user, until, seats, self.tr("yes") if active else self.tr("no"))
            for c, text in enumerate(texts):
                self.leases.setItem(r, c, QTableWidgetItem(text))
        self._update_buttons()

    def showFieldError(self, field: str, text: str) -> None:
        label = self._errors.get(field)
        if label is None:
            self.showMessage(text, error=True)
            return
        label.setText(text)
        label.setVisible(bool(text))
        for index in range(self.body.count()):  # the error's tab comes to the front
            page = self.body.widget(index)
            if page is not None and page.isAncestorOf(label):
                self.body.setCurrentIndex(index)

    def showTab(self, name: str) -> None:
        self.body.setCurrentIndex(self._tab_names.index(name))

    def currentTab(self) -> str:
        return self._tab_names[self.body.currentIndex()]

    def clearErrors(self) -> None:
        self._clear_errors()

    def errorText(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def showMessage(self, text: str, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #e05555;" if error else "")

    def messageText(self) -> str:
        return self.message_label.text()

    def setBusy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress_label.setText(text if busy else "")
        self.sign_in_button.setEnabled(not busy)
        self.funds_page.setBusy(busy)
        self._update_buttons()

    def isBusy(self) -> bool:
        return self._busy

    def selectedRow(self) -> int:
        return self._row()

    # --- internals

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field does not close the console (each form has its own button; Esc closes)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _error_for(self, field: str) -> QLabel:
        label = _error(self, f"{field}Error")
        self._errors[field] = label
        return label

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        self.showMessage("")

    def _row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _on_sign_in(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not login:
            self.showFieldError("login", self.tr("Enter your Aggregion login."))
        elif not password:
            self.showFieldError("password", self.tr("Enter your password."))
        else:
            self.signInRequested.emit(login, password)

    def _on_selection(self) -> None:
        self._update_buttons()
        self.entrySelected.emit(self._row())

    def _on_new(self) -> None:
        self.table.clearSelection()
        self.setEntryForm({})
        self.setVersions([])
        self.title_edit.setFocus()
        self._update_buttons()

    def _on_save(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        self.saveRequested.emit(
            {
                "title": self.title_edit.text(),
                "title_ru": self.title_ru_edit.text(),
                "description": self.description_edit.toPlainText(),
                "description_ru": self.description_ru_edit.toPlainText(),
                "tags": self.tags_edit.text(),
                "platforms": [p for p, box in self.platform_boxes.items() if box.isChecked()],
                "max_keys": self.max_keys_edit.text(),
                "kind": self.kind_combo.currentText(),
            }
        )

    def _on_browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Bundle file"))
        if path:
            self.file_edit.setText(path)

    def _on_upload(self) -> None:
        if self._busy or self._row() < 0:
            return
        self._clear_errors()
        self.uploadRequested.emit(self.version_edit.text(), self.file_edit.text())

    def _on_lease(self) -> None:
        if self._busy or self._row() < 0:
            return
        self._clear_errors()
        self.leaseRequested.emit(
            self.users_edit.text(), self.until_edit.date(), bool(self.lease_to_combo.currentData())
        )

    def _on_lease_to(self) -> None:
        groups = bool(self.lease_to_combo.currentData())
        self.users_edit.setPlaceholderText(
            self.tr("group ids, separated by commas") if groups else self.tr("user ids, separated by commas")
        )
        self.groups_label.setVisible(groups)
        if groups:
            self.groupsWanted.emit()

    def setGroups(self, groups: Sequence[tuple[str, str]]) -> None:
        """``(name, id)`` of the account's groups, shown under the ids when leasing to groups."""
        if groups:
            lines = [f"{name}: {group_id}" for name, group_id in groups]
            self.groups_label.setText(self.tr("Your groups — {groups}").format(groups="; ".join(lines)))
        else:
            self.groups_label.setText(self.tr("Your accounts have no groups."))

    def _on_revoke(self) -> None:
        rows = self.leases.selectionModel().selectedRows()
        if self._busy or not rows or self._row() < 0:
            return
        row = rows[0].row()
        user, until, _seats, _active = self._lease_rows[row]
        cell = self.table.item(self._row(), 0)
        title = cell.text() if cell is not None else ""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Revoke lease"),
            self.tr(
                "Revoke the lease of \u201c{title}\u201d to user {user} (until {until})? Its seats are freed "
                "and its licences are refused from now on."
            ).format(title=title, user=user, until=until),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRevoke")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button, r=row, b=box: (
                self.revokeRequested.emit(r)
                if b.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    def _update_buttons(self) -> None:
        lease_rows = self.leases.selectionModel().selectedRows()
        self.revoke_button.setEnabled(
            not self._busy and bool(lease_rows) and self._lease_rows[lease_rows[0].row()][3]
        )
        row = self._row()
        selected = not self._busy and row >= 0
        self.publish_button.setEnabled(selected and not self._published[row])
        self.unpublish_button.setEnabled(selected and self._published[row])
        self.upload_button.setEnabled(selected)
        self.lease_button.setEnabled(selected)
        self.save_button.setEnabled(not self._busy)
        self.new_button.setEnabled(not self._busy)
