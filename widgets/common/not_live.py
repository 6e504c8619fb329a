"""What every panel shows when its data is not live: a banner at its top and its body greyed.

A panel puts a :class:`NotLiveBanner` first in its layout and calls :meth:`NotLiveBanner.set_reason` with why
its data is frozen ("coin-weight logged out"), or "" once it is live again; :func:`grey_out` dims the part
that shows the frozen data (a greyed widget still takes clicks unless its owner disables it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QSizePolicy, QWidget

from widgets.common.colors import AMBER

STALE_OPACITY = 0.4  # how much of its colour frozen data keeps
BANNER_STYLE = f"background: {AMBER}; color: #1b1300; font-weight: 600; padding: 2px 6px;"


class NotLiveBanner(QLabel):
    """ "Not live: <reason>" across the top of a panel; hidden while the panel's data is live."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notLiveBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._reason = ""
        self.hide()

    def set_reason(self, reason: str) -> None:
        """Why the data is frozen; "" hides the banner."""
        self._reason = reason
        self.setText(self.tr("Not live: {reason}").format(reason=reason) if reason else "")
        self.setVisible(bool(reason))

    def reason(self) -> str:
        return self._reason


def grey_out(widget: QWidget, greyed: bool) -> None:
    """Dim ``widget`` (and its children) to :data:`STALE_OPACITY`, or give it its colours back."""
    if greyed == is_greyed(widget):
        return
    if not greyed:
        widget.setGraphicsEffect(None)  # type: ignore[arg-type]  # Qt takes None: no effect
        return
    effect = QGraphicsOpacityEffect(widget)
    effect.setObjectName("notLiveGrey")
    effect.setOpacity(STALE_OPACITY)
    widget.setGraphicsEffect(effect)


def is_greyed(widget: QWidget) -> bool:
    effect = widget.graphicsEffect()
    return effect is not None and effect.objectName() == "notLiveGrey"
