"""The candlestick chart: ChartWidget and the pyqtgraph items it is made of."""

from .chart_header import INTERVALS
from .chart_widget import ChartWidget
from .colors import ChartColors

__all__ = ["INTERVALS", "ChartColors", "ChartWidget"]
