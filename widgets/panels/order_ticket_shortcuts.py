"""F2 (buy) and F3 (sell) as actions of the main window, for the order ticket that had focus last.

Inside a ticket the ticket takes these keys itself (it accepts their ShortcutOverride); anywhere else in the
window these actions fire. One router per window, made when the first ticket is shown in it. A ticket is any
widget with the ``TICKET_PROPERTY`` property and a ``choose_side(side)`` method.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from shiboken6 import isValid

TICKET_PROPERTY = "orderTicket"


def _ticket_of(widget: QWidget | None) -> QWidget | None:
    while widget is not None and not widget.property(TICKET_PROPERTY):
        widget = widget.parentWidget()
    return widget


class TicketShortcuts(QObject):
    OBJECT_NAME = "orderTicketShortcuts"

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName(self.OBJECT_NAME)
        self._last: QWidget | None = None
        self.actions: dict[str, QAction] = {}
        for action_id, key, side, title in (
            ("order_ticket.buy", "F2", "buy", self.tr("Order ticket: buy")),
            ("order_ticket.sell", "F3", "sell", self.tr("Order ticket: sell")),
        ):
            action = QAction(title, window)
            action.setObjectName(f"action.{action_id}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=side: self._fire(s))
            window.addAction(action)
            self.actions[side] = action
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    @classmethod
    def attach(cls, ticket: QWidget) -> None:
        """Make sure ``ticket``'s main window has the actions (a standalone ticket handles its own keys)."""
        window = ticket.window()
        if not isinstance(window, QMainWindow):
            return
        found = window.findChild(TicketShortcuts, cls.OBJECT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        router = found or cls(window)
        if router.last_ticket() is None:
            router._last = ticket

    def last_ticket(self) -> QWidget | None:
        return self._last if self._last is not None and isValid(self._last) else None

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        ticket = _ticket_of(new)
        if ticket is not None and ticket.window() is self.parent():
            self._last = ticket

    def _fire(self, side: str) -> None:
        ticket = self.last_ticket()
        if ticket is not None:
            ticket.choose_side(side)  # type: ignore[attr-defined]  # duck-typed: any QWidget with choose_side()
