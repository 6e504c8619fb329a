from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.panels import builtin_panels
from app.workspace import PanelSpec, WorkspaceRegistry


def _factory(context):
    return QLabel()


def test_panels_register_once_in_order_and_describe_their_placement():
    registry = WorkspaceRegistry()
    registry.register(PanelSpec("book", "Order book", _factory, Qt.DockWidgetArea.RightDockWidgetArea))
    registry.register(PanelSpec("trades", "Time and sales", _factory, tab_with="book", default_visible=False))
    assert registry.ids() == ["book", "trades"]
    assert "book" in registry and len(registry) == 2
    placement = registry.get("trades").placement()
    assert placement.tab_with == "book" and placement.visible is False
    with pytest.raises(ValueError, match="already registered"):
        registry.register(PanelSpec("book", "Again", _factory))


@pytest.mark.parametrize("panel_id", ["", "Book", "order-book", "dock.book", "книга", "1st"])
def test_panel_ids_are_stable_ascii(panel_id):
    with pytest.raises(ValueError, match="must match"):
        WorkspaceRegistry().register(PanelSpec(panel_id, "x", _factory))


def test_a_panel_can_only_refer_to_panels_registered_before_it():
    with pytest.raises(ValueError, match="not registered before"):
        WorkspaceRegistry().register(PanelSpec("chart", "Chart", _factory, split_from="book"))


def test_the_builtin_registry_has_the_journal():
    registry = builtin_panels()
    assert "journal" in registry
    assert registry.get("journal").translated_title() == "Journal"


def test_a_subset_keeps_order_and_re_anchors_panels_whose_anchor_is_left_out():
    from app.panels import builtin_panels

    full = builtin_panels()
    subset = full.subset(("journal", "balances", "order_ticket"))
    assert subset.ids() == [i for i in full.ids() if i in ("journal", "balances", "order_ticket")]
    journal = subset.get("journal")
    assert full.get("journal").tab_with == "orders"  # in the app it tabs with the orders panel, alone here
    assert journal.tab_with is None and journal.default_area == full.get("orders").default_area
    assert subset.get("order_ticket") == full.get("order_ticket")
