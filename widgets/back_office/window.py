"""The Back office window: its own main window whose panels are docks (moved, tabbed, floated like the
terminal's), with a session bar (who is logged in, log in / out) and a View menu of its panels. Its
arrangement is the caller's to save (``snapshot``) and give back (``restore``)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QPushButton, QToolBar, QWidget

from widgets.back_office.form import ERROR_STYLE


class BackOfficeWindow(QMainWindow):
    loginRequested = Signal()
    logoutRequested = Signal()
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeWindow")
        self.setWindowTitle(self.tr("Back office \u2014 dxRegister"))
        self.setDockNestingEnabled(True)
        self.docks: dict[str, QDockWidget] = {}
        bar = QToolBar(self.tr("Session"), self)
        bar.setObjectName("backOfficeSessionBar")
        bar.setMovable(False)
        self.session_label = QLabel(bar)
        self.session_label.setObjectName("backOfficeSession")
        self.login_button = QPushButton(self.tr("Log in\u2026"), bar)
        self.login_button.setObjectName("backOfficeLogin")
        self.login_button.clicked.connect(self.loginRequested)
        self.logout_button = QPushButton(self.tr("Log out"), bar)
        self.logout_button.setObjectName("backOfficeLogout")
        self.logout_button.clicked.connect(self.logoutRequested)
        bar.addWidget(self.session_label)
        bar.addSeparator()
        self._login_action = bar.addWidget(self.login_button)
        self._logout_action = bar.addWidget(self.logout_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        close = self.menuBar().addAction(self.tr("&Close"))
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.resize(1100, 700)

    def add_panel(self, panel_id: str, title: str, widget: QWidget) -> QDockWidget:
        """A dock for ``widget``; panels after the first are tabbed with it."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"backoffice.{panel_id}")
        dock.setWidget(widget)
        first = next(iter(self.docks.values()), None)
        self.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, dock)
        if first is not None:
            self.tabifyDockWidget(first, dock)
        self.docks[panel_id] = dock
        self.view_menu.addAction(dock.toggleViewAction())
        if first is not None:
            first.raise_()
        return dock

    def show_panel(self, panel_id: str) -> QWidget:
        dock = self.docks[panel_id]
        dock.show()
        dock.raise_()
        return dock.widget()

    def set_session(self, text: str, logged_in: bool, error: bool = False) -> None:
        self.session_label.setText(text)
        self.session_label.setStyleSheet(ERROR_STYLE if error else "")
        self._login_action.setVisible(not logged_in)  # a toolbar shows its widgets through their actions
        self._logout_action.setVisible(logged_in)

    def snapshot(self) -> tuple[str, str]:
        """(geometry, dock state) as base64 text."""
        return (
            bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            bytes(self.saveState().toBase64().data()).decode("ascii"),
        )

    def restore(self, geometry: str, state: str) -> bool:
        restored = True
        if geometry:
            restored = self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if state:
            restored = self.restoreState(QByteArray.fromBase64(state.encode("ascii"))) and restored
        return restored

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
