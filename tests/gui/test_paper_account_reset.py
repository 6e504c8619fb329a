"""Venue → Reset paper account… with a stub demo: only the demo has it, it asks first naming the profile,
Cancel does nothing, Reset resets once and says so (the real reset: tests/e2e/test_paper_account.py)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.context import DemoSetup
from tests.conftest import wait_until


def stub_demo(resets: list[int]) -> DemoSetup:
    return DemoSetup("demo", "demo", frozenset(), stop=lambda: None, reset_paper=lambda: resets.append(1))


def test_only_the_demo_offers_the_reset(make_shell) -> None:
    shell = make_shell("no-demo")
    assert shell.paper_reset is None
    assert shell.window.findChild(QAction, "action.venue.reset_paper") is None


async def test_the_reset_asks_first_naming_the_profile(make_shell) -> None:
    resets: list[int] = []
    shell = make_shell("paper-gui", prepare=lambda ctx: setattr(ctx, "demo", stub_demo(resets)))
    action = shell.window.findChild(QAction, "action.venue.reset_paper")
    assert action is not None and action.isEnabled()

    action.trigger()
    box = shell.paper_reset.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "\u201cpaper-gui\u201d" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert resets == [] and shell.paper_reset.task is None

    action.trigger()
    shell.paper_reset.confirmation.findChild(QPushButton, "paper.reset.yes").click()
    await wait_until(lambda: shell.paper_reset.task is not None and shell.paper_reset.task.done())
    shell.paper_reset.task.result()
    assert resets == [1]
    assert "paper-gui" in shell.window.statusBar().currentMessage()
    assert action.isEnabled()
