"""The candlestick chart: ChartWidget and the pyqtgraph items it is made of.

The names below load on first use (PEP 562): a light submodule (``widgets.chart.formatting``, used by the
market watch) must not import pyqtgraph before the main window's first frame."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .chart_header import INTERVALS
    from .chart_widget import ChartWidget
    from .colors import ChartColors

__all__ = ["INTERVALS", "ChartColors", "ChartWidget"]

_HOMES = {"INTERVALS": ".chart_header", "ChartWidget": ".chart_widget", "ChartColors": ".colors"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)
