"""AppContext: everything a view-model may need, handed down from the composition root (``app.__main__``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload, runtime_checkable

from app.credentials import CredentialStore
from app.profiles import Profile, ProfileStore
from app.venues import VenueEndpoints

if TYPE_CHECKING:
    from app.bootstrap import ErrorHooks
    from app.journal import JournalHandler

log = logging.getLogger("tessera.app")

T = TypeVar("T")


@runtime_checkable
class AsyncClosable(Protocol):
    async def aclose(self) -> None: ...


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


class ServiceRegistry:
    """Named services (venue clients, feeds, strategy hosts) that later issues register at start-up.

    ``aclose()`` closes them in reverse order of registration (each one's ``aclose()`` or ``close()``, if
    any); one failing to close does not keep the others open.
    """

    def __init__(self) -> None:
        self._services: dict[str, Any] = {}

    def register(self, name: str, service: Any) -> None:
        if name in self._services:
            raise ValueError(f"service {name!r} is already registered")
        self._services[name] = service

    @overload
    def get(self, name: str) -> Any: ...
    @overload
    def get(self, name: str, kind: type[T]) -> T: ...
    def get(self, name: str, kind: type[Any] | None = None) -> Any:
        service = self._services[name]
        if kind is not None and not isinstance(service, kind):
            raise TypeError(f"service {name!r} is a {type(service).__name__}, not a {kind.__name__}")
        return service

    def __contains__(self, name: object) -> bool:
        return name in self._services

    def names(self) -> list[str]:
        return list(self._services)

    async def aclose(self) -> None:
        for name in reversed(list(self._services)):
            service = self._services.pop(name)
            try:
                if isinstance(service, AsyncClosable):
                    await service.aclose()
                elif isinstance(service, Closable):
                    service.close()
            except Exception:
                log.exception("service %s failed to close", name)


@dataclass
class AppSettings:
    """Start-up options (the command line)."""

    profile_name: str = "default"
    data_dir: Path = Path()
    smoke_seconds: float | None = None
    seed: int = 1
    sim_speed: float = 1.0


@dataclass(frozen=True)
class DemoSetup:
    """The embedded simulator as the app knows it (made by :mod:`app.demo`)."""

    login: str
    password: str
    served_venues: frozenset[str]
    stop: Callable[[], None]  # blocks until the simulator has stopped: call it off the UI thread
    # Venue -> Reset paper account...: wipes the paper account and starts the venues fresh at the same
    # addresses (blocks: call it off the UI thread); None when the demo cannot (no such thing to reset)
    reset_paper: Callable[[], object] | None = None


@dataclass
class AppContext:
    settings: AppSettings
    profiles: ProfileStore
    profile: Profile
    credentials: CredentialStore
    journal: JournalHandler
    venues: VenueEndpoints | None = None
    demo: DemoSetup | None = None  # set when the venues are the embedded simulator
    errors: ErrorHooks | None = None
    services: ServiceRegistry = field(default_factory=ServiceRegistry)
    profile_notices: list[str] = field(default_factory=list)  # shown once the window is up
