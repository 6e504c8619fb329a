"""What the coin-weight simulator remembers for the simulator's life (``ctx.venue_state["coinweight"]``)."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from typing import Any, Protocol


class Runner(Protocol):
    """A started strategy, as the state keeps it (``market_maker.StrategyRunner``)."""

    @property
    def running(self) -> bool: ...

    def start(self) -> None: ...

    def halt(self) -> asyncio.Task[None] | None: ...


Instrument = tuple[str, str]  # (counterParty, symbol)


@dataclass
class User:
    uid: int
    user_name: str
    email: str
    phone: str
    password_salt: bytes
    password_hash: bytes
    group: str = "group1"
    country_code: str = ""
    google_auth_enabled: bool = False
    pending_totp_secret: str = ""  # issued by /user/totp/new, bound by /user/totp/bind
    pending_phone: tuple[str, str] | None = None  # (countryCode, phone) sent a code by /user/phone/verify
    favourites: list[Instrument] = field(default_factory=list)  # in the order they were added
    markets: list[dict[str, Any]] | None = (
        None  # custom market categories; a copy of the defaults on first use
    )
    layouts: dict[str, dict[int, Instrument]] = field(
        default_factory=dict
    )  # "professional"/"simple" -> slots
    api_keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # counterParty -> (apiKey, secretKey)
    strategy_items: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> item (without "id")
    next_strategy_id: int = 1


# What a paper account keeps across restarts (services/simulator/paper): the users with their favourites,
# markets, layouts, API keys and strategy items, the token secret (issued tokens stay valid), the cancels
# /order/cancel-all has scheduled, and the started strategies (they run again when the simulator is back).
PAPER_FIELDS = ("jwt_secret", "users", "next_uid", "pending_cancels", "seq_no", "started")


@dataclass
class CoinweightState:
    jwt_secret: bytes = field(default_factory=lambda: os.urandom(32))
    users: dict[int, User] = field(default_factory=dict)
    next_uid: int = 1
    pending_cancels: dict[str, float] = field(
        default_factory=dict
    )  # order id -> when /order/cancel-all lands
    runners: dict[tuple[int, str], Runner] = field(default_factory=dict)  # (uid, strategy id)
    # (uid, strategy id) -> the strategy as /strategy/start got it, until /strategy/stop (not at shutdown)
    started: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)
    seq_no: int = 0  # of the strategy API's answers
