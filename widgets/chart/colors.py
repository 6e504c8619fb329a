"""Chart colours: derived from the widget palette (dark and light themes), overridable per colour."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from PySide6.QtGui import QColor, QPalette

DEFAULT_UP = "#26a69a"
DEFAULT_DOWN = "#ef5350"


@dataclass(frozen=True)
class ChartColors:
    up: QColor
    down: QColor
    background: QColor
    foreground: QColor  # axis text, readout
    grid: QColor
    crosshair: QColor
    position: QColor
    volume_alpha: int = 110

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColors:
        background = palette.color(QPalette.ColorRole.Base)
        foreground = palette.color(QPalette.ColorRole.Text)
        dark = background.lightness() < 128
        return cls(
            up=QColor(DEFAULT_UP),
            down=QColor(DEFAULT_DOWN),
            background=background,
            foreground=foreground,
            grid=_mix(background, foreground, 0.10 if dark else 0.08),
            crosshair=_mix(background, foreground, 0.55),
            position=QColor("#f0b90b" if dark else "#b7860b"),
        )

    def with_overrides(self, overrides: dict[str, QColor]) -> ChartColors:
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown chart colour(s): {sorted(unknown)}")
        return replace(self, **overrides)  # type: ignore[arg-type]  # mypy checks QColor vs volume_alpha: int

    def volume(self, up: bool) -> QColor:
        c = QColor(self.up if up else self.down)
        c.setAlpha(self.volume_alpha)
        return c


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """Colour a fraction ``t`` of the way from ``a`` to ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )
