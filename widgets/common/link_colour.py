"""The link-colour selector of a panel that shows an instrument: a small round swatch with a menu.

Panels of the same colour follow each other's instrument; "none" unlinks the panel. The colour names are the
app's (``red``, ``green``, ``blue``, ``yellow``), passed in by the view-model.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from widgets.common.colors import AMBER, GREEN, GREY, RED

SWATCHES = {"red": RED, "green": GREEN, "blue": "#3d8bfd", "yellow": AMBER}
_NAMES = {
    "red": QT_TRANSLATE_NOOP("LinkColourButton", "Red"),
    "green": QT_TRANSLATE_NOOP("LinkColourButton", "Green"),
    "blue": QT_TRANSLATE_NOOP("LinkColourButton", "Blue"),
    "yellow": QT_TRANSLATE_NOOP("LinkColourButton", "Yellow"),
}


def swatch_icon(colour: str | None, size: int = 12) -> QIcon:
    """A filled dot of the link colour; a hollow grey ring for "not linked"."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if colour is None:
        painter.setPen(QPen(QColor(GREY), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SWATCHES.get(colour, colour)))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def colour_title(colour: str | None) -> str:
    if colour is None:
        return QCoreApplication.translate("LinkColourButton", "Not linked")
    return QCoreApplication.translate("LinkColourButton", str(_NAMES.get(colour, colour)))


class LinkColourButton(QToolButton):
    colourChanged = Signal(object)  # str | None, chosen by the user

    def __init__(self, colours: Sequence[str] = tuple(SWATCHES), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkColourButton")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._colour: str | None = None
        self._actions: dict[str | None, QAction] = {}
        menu = QMenu(self)
        group = QActionGroup(menu)
        for colour in (None, *colours):
            action = menu.addAction(swatch_icon(colour), colour_title(colour))
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=colour: self._choose(c))
            self._actions[colour] = action
        self.setMenu(menu)
        self._show()

    def colour(self) -> str | None:
        return self._colour

    def setColour(self, colour: str | None) -> None:
        """Show ``colour`` (an unknown one counts as none); no signal."""
        self._colour = colour if colour in self._actions else None
        self._show()

    def choose(self, colour: str | None) -> None:
        """What picking ``colour`` in the menu does (for keyboard users and tests)."""
        self._actions[colour if colour in self._actions else None].trigger()

    def _choose(self, colour: str | None) -> None:
        if colour != self._colour:
            self._colour = colour
            self._show()
            self.colourChanged.emit(colour)

    def _show(self) -> None:
        self._actions[self._colour].setChecked(True)
        self.setIcon(swatch_icon(self._colour))
        self.setToolTip(self.tr("Link colour: {colour}").format(colour=colour_title(self._colour)))
