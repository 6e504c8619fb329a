"""The terminal's panels: one :class:`PanelSpec` registration each (order = View menu and default layout)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.layout_panels import layout_panel_specs
from app.viewmodels.market_watch import create_favourites_panel, create_market_watch_panel
from app.viewmodels.order_book import create_order_book_panel
from app.viewmodels.order_ticket import create_order_ticket_panel
from app.viewmodels.orders import create_orders_panel
from app.workspace import PanelSpec, WorkspaceRegistry, imported_when_built

Area = Qt.DockWidgetArea


def builtin_panels() -> WorkspaceRegistry:
    """Default arrangement: market watch left; the chart over the blotters (orders, balances, portfolio,
    strategies, journal in tabs) in the centre; order book (time and sales in a tab) and ticket right."""
    registry = WorkspaceRegistry()
    registry.register(
        PanelSpec(
            id="market_watch",
            title=str(QT_TRANSLATE_NOOP("Panels", "Market watch")),
            factory=create_market_watch_panel,
            default_area=Area.LeftDockWidgetArea,
            default_size=440,
            shortcut="Ctrl+Alt+M",
        )
    )
    registry.register(
        PanelSpec(
            id="favourites",
            title=str(QT_TRANSLATE_NOOP("Panels", "Favourites")),
            factory=create_favourites_panel,
            tab_with="market_watch",
            shortcut="Ctrl+Alt+F",
        )
    )
    registry.register(
        PanelSpec(
            id="chart",
            title=str(QT_TRANSLATE_NOOP("Panels", "Chart")),
            factory=imported_when_built("app.viewmodels.chart", "create_chart_panel"),  # pyqtgraph
            after_first_paint=True,
            default_area=Area.TopDockWidgetArea,
            split_from="market_watch",  # beside it, as wide as the side columns leave (resizable by hand)
            orientation=Qt.Orientation.Horizontal,
            fills_width=True,
            shortcut="Ctrl+Alt+C",
        )
    )
    registry.register(
        PanelSpec(
            id="order_book",
            title=str(QT_TRANSLATE_NOOP("Panels", "Order book")),
            factory=create_order_book_panel,
            default_area=Area.RightDockWidgetArea,
            default_size=460,
            shortcut="Ctrl+Alt+D",
        )
    )
    registry.register(
        PanelSpec(
            id="time_sales",
            title=str(QT_TRANSLATE_NOOP("Panels", "Time and sales")),
            factory=imported_when_built("app.viewmodels.time_sales", "create_time_sales_panel"),
            tab_with="order_book",
            shortcut="Ctrl+Alt+T",
        )
    )
    registry.register(
        PanelSpec(
            id="order_ticket",
            title=str(QT_TRANSLATE_NOOP("Panels", "Order ticket")),
            factory=create_order_ticket_panel,
            default_area=Area.RightDockWidgetArea,
            default_size=460,  # the width of its column, shared with the order book above it
            shortcut="Ctrl+Alt+E",
        )
    )
    registry.register(
        PanelSpec(
            id="orders",
            title=str(QT_TRANSLATE_NOOP("Panels", "Orders")),
            factory=create_orders_panel,
            shortcut="Ctrl+Alt+O",
            default_area=Area.BottomDockWidgetArea,
            split_from="chart",
            default_size=260,
        )
    )
    registry.register(
        PanelSpec(
            id="portfolio",
            title=str(QT_TRANSLATE_NOOP("Panels", "Portfolio")),
            factory=imported_when_built("app.viewmodels.portfolio", "create_portfolio_panel"),
            tab_with="orders",
            shortcut="Ctrl+Alt+P",
        )
    )
    registry.register(
        PanelSpec(
            id="accounts",
            title=str(QT_TRANSLATE_NOOP("Panels", "Accounts")),
            factory=imported_when_built("app.viewmodels.accounts", "create_accounts_panel"),
            tab_with="orders",
            shortcut="Ctrl+Alt+A",
        )
    )
    registry.register(
        PanelSpec(
            id="strategies",
            title=str(QT_TRANSLATE_NOOP("Panels", "Strategies")),
            factory=imported_when_built("app.viewmodels.strategies", "create_strategies_panel"),
            tab_with="orders",
            shortcut="Ctrl+Alt+S",
        )
    )
    registry.register(
        PanelSpec(
            id="journal",
            title=str(QT_TRANSLATE_NOOP("Panels", "Journal")),
            factory=imported_when_built("app.viewmodels.journal", "create_journal_panel"),
            shortcut="Ctrl+Alt+J",
            tab_with="orders",
        )
    )
    registry.register(
        PanelSpec(
            id="balances",
            title=str(QT_TRANSLATE_NOOP("Panels", "Balances")),
            factory=imported_when_built("app.viewmodels.balances", "create_balances_panel"),
            tab_with="orders",
            shortcut="Ctrl+Alt+B",
        )
    )
    for spec in layout_panel_specs():  # Slot 1-3 and Quotes, shown by the professional and simple layouts
        registry.register(spec)
    return registry
