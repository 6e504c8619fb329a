"""Help -> Add-ons...: the public add-on catalog (search, tag, platform), an add-on's versions, install.

A view: the app fills the lists and the details; the dialog emits the search, the filter, the selection and
the install request. Messages about an install are shown under the Install button.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

COVER_SIZE = (160, 90)  # covers are wide (the simulator's are 16:9)


class AddonsDialog(QDialog):
    searchRequested = Signal(str)
    filterChanged = Signal(str, str)  # tag, platform ("" = any)
    entrySelected = Signal(int)
    installRequested = Signal(int, int)  # entry row, version row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addonsDialog")
        self.setWindowTitle(self.tr("Add-ons"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Search add-ons"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self._on_search)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self._on_search)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setObjectName("tag")
        self.platform_combo = QComboBox(self)
        self.platform_combo.setObjectName("platform")
        self.tag_combo.currentIndexChanged.connect(self._on_filter)
        self.platform_combo.currentIndexChanged.connect(self._on_filter)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.search_button)
        bar.addWidget(QLabel(self.tr("Tag:"), self))
        bar.addWidget(self.tag_combo)
        bar.addWidget(QLabel(self.tr("Platform:"), self))
        bar.addWidget(self.platform_combo)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.entries = QListWidget(splitter)
        self.entries.setObjectName("entries")
        self.entries.currentRowChanged.connect(self._on_entry)
        details = QWidget(splitter)
        column = QVBoxLayout(details)
        head = QHBoxLayout()
        self.cover_label = QLabel(details)
        self.cover_label.setObjectName("cover")
        self.cover_label.setFixedSize(*COVER_SIZE)
        self.cover_label.hide()
        head.addWidget(self.cover_label, 0, Qt.AlignmentFlag.AlignTop)
        head_text = QVBoxLayout()
        head.addLayout(head_text, 1)
        self.title_label = QLabel(details)
        self.title_label.setObjectName("title")
        self.title_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.title_label.setWordWrap(True)
        self.description_label = QLabel(details)
        self.description_label.setObjectName("description")
        self.description_label.setWordWrap(True)
        self.tags_label = QLabel(details)
        self.tags_label.setObjectName("tags")
        self.tags_label.setWordWrap(True)
        head_text.addWidget(self.title_label)
        head_text.addWidget(self.description_label)
        head_text.addWidget(self.tags_label)
        head_text.addStretch(1)
        column.addLayout(head)
        column.addWidget(QLabel(self.tr("Versions:"), details))
        self.versions = QListWidget(details)
        self.versions.setObjectName("versions")
        self.versions.setMaximumHeight(96)
        self.versions.currentRowChanged.connect(lambda _row: self._update_buttons())
        column.addWidget(self.versions)
        self.install_button = QPushButton(self.tr("Install"), details)
        self.install_button.setObjectName("install")
        self.install_button.setAutoDefault(False)
        self.install_button.clicked.connect(self._on_install)
        column.addWidget(self.install_button)
        self.message_label = QLabel(details)
        self.message_label.setObjectName("installMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.message_label)
        column.addStretch(1)
        splitter.addWidget(self.entries)
        splitter.addWidget(details)
        splitter.setSizes([300, 460])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress")
        bottom.addWidget(self.progress_label, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self._busy = False
        self._filling = False
        self.setTags([])
        self.setPlatforms([])
        self._update_buttons()

    # --- setters

    def setTags(self, tags: Sequence[str]) -> None:
        self._fill_combo(self.tag_combo, tags, self.tr("Any tag"))

    def setPlatforms(self, platforms: Sequence[str]) -> None:
        self._fill_combo(self.platform_combo, platforms, self.tr("Any platform"))

    def setEntries(self, titles: Sequence[str]) -> None:
        self._filling = True
        self.entries.clear()
        self.entries.addItems(list(titles))
        self._filling = False
        if titles:
            self.entries.setCurrentRow(0)
        else:
            self.setDetails("", self.tr("No add-on matches."), "")
            self.setVersions([])

    def setDetails(self, title: str, description: str, tags: str) -> None:
        self.title_label.setText(title)
        self.description_label.setText(description)
        self.tags_label.setText(tags)
        self.message_label.clear()

    def setCover(self, image: bytes | None) -> None:
        """The add-on's cover (any format Qt reads, SVG included); ``None`` or unreadable: no cover."""
        pixmap = QPixmap()
        if image and pixmap.loadFromData(image):
            self.cover_label.setPixmap(
                pixmap.scaled(
                    *COVER_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.cover_label.show()
        else:
            self.cover_label.clear()
            self.cover_label.hide()

    def hasCover(self) -> bool:
        return self.cover_label.isVisibleTo(self)

    def setVersions(self, versions: Sequence[str]) -> None:
        self.versions.clear()
        self.versions.addItems(list(versions))
        if versions:
            self.versions.setCurrentRow(len(versions) - 1)
        self._update_buttons()

    def showMessage(self, text: str, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #e05555;" if error else "")

    def messageText(self) -> str:
        return self.message_label.text()

    def setBusy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress_label.setText(text if busy else "")
        self._update_buttons()

    def isBusy(self) -> bool:
        return self._busy

    # --- internals

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter searches from the search field and does not close the dialog (Esc does)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the search field has taken it already
            event.accept()
            return
        super().keyPressEvent(event)

    def _fill_combo(self, combo: QComboBox, values: Sequence[str], any_text: str) -> None:
        current = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, "")
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _on_search(self) -> None:
        self.searchRequested.emit(self.search_edit.text().strip())

    def _on_filter(self) -> None:
        self.filterChanged.emit(self.tag_combo.currentData() or "", self.platform_combo.currentData() or "")

    def _on_entry(self, row: int) -> None:
        if not self._filling and row >= 0:
            self.entrySelected.emit(row)
        self._update_buttons()

    def _on_install(self) -> None:
        entry, version = self.entries.currentRow(), self.versions.currentRow()
        if self._busy or entry < 0:
            return
        if version < 0:
            self.showMessage(self.tr("Choose a version to install."), error=True)
            return
        self.installRequested.emit(entry, version)

    def _update_buttons(self) -> None:
        self.install_button.setEnabled(
            not self._busy and self.entries.currentRow() >= 0 and self.versions.count() > 0
        )
