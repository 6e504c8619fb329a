from __future__ import annotations

import logging

import pytest

from app.context import ServiceRegistry


class _Service:
    def __init__(self, name: str, closed: list[str], fail: bool = False) -> None:
        self.name, self.closed, self.fail = name, closed, fail

    async def aclose(self) -> None:
        self.closed.append(self.name)
        if self.fail:
            raise RuntimeError("cannot close")


class _SyncService:
    def __init__(self, closed: list[str]) -> None:
        self.closed = closed

    def close(self) -> None:
        self.closed.append("sync")


async def test_services_register_once_are_typed_and_close_in_reverse_order(caplog):
    closed: list[str] = []
    registry = ServiceRegistry()
    registry.register("feed", _Service("feed", closed))
    registry.register("broken", _Service("broken", closed, fail=True))
    registry.register("sync", _SyncService(closed))
    registry.register("plain", object())
    with pytest.raises(ValueError, match="already registered"):
        registry.register("feed", object())
    assert registry.get("feed", _Service).name == "feed"
    with pytest.raises(TypeError, match="not a _SyncService"):
        registry.get("feed", _SyncService)
    assert "sync" in registry and registry.names() == ["feed", "broken", "sync", "plain"]

    with caplog.at_level(logging.ERROR):
        await registry.aclose()
    assert closed == ["sync", "broken", "feed"]  # one failing does not keep the others open
    assert "broken failed to close" in caplog.text
    assert registry.names() == []
