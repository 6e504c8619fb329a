"""Injected faults: latency, HTTP errors, dropped connections, malformed bodies and expired sessions.

A :class:`FaultPlan` holds :class:`FaultRule` s; :class:`FaultMiddleware` (ASGI, around every venue API) asks
the plan which rules strike each request. SEVERAL rules may strike the same request: every rule whose
``method`` and ``path`` (a regular expression searched in the path) match rolls its ``probability``; each
that strikes uses up one of its ``times`` (None: no limit). Their effects add up: latencies are summed, any
drop or malformed body applies, the first HTTP error that rolls wins. The rolls come from the plan's own
``random.Random(seed)``: the same seed and the same sequence of requests give the same faults
(:meth:`FaultPlan.reseed` starts a sequence again).

Kinds (fields of :class:`FaultRule`, all combinable):

==================  ==========================================================================================
``latency_before``  seconds to wait before the handler runs
``error_rate``      probability of answering ``error_status`` (default 503) instead of running the handler
``drop_before``     close the connection without an answer; the handler does not run
``expire_session``  the venue's session is invalidated, then the handler runs: this call and every later one
                    gets the venue's documented auth error until the client logs in again. CHP_Rest: every
                    session ends (``Error #5``; Auth/Reconnection or Connected opens a new one). coin-weight:
                    the ``Authorization`` bearer token of the request is revoked (HTTP 403 ``{"success":
                    false, "errorCode": 403, "errorMsg": "Authentication Failure", "data": null}`` as its doc
                    gives it; a new /user/login token works). Venues without a session are not affected.
``latency_after``   the handler runs (its effects happen), then the answer waits this many seconds
``drop_after``      the handler runs, then the answer is cut off mid-body (the client must reconcile)
``malformed``       the handler runs, then the body sent is broken JSON with the handler's status
==================  ==========================================================================================

Where a fault strikes matters for order safety: ``latency_after`` and ``drop_after`` let the handler run (the
order is executed) and then delay or lose the answer, which is exactly the case a client must reconcile.

Control over HTTP (not part of any venue, see ``services/simulator/app.py``)::

    GET    /_sim/faults          the rules, as JSON objects of the fields below (with ``rule_id``)
    POST   /_sim/faults          add a rule: a JSON object of FaultRule fields, e.g.
                                 {"path": "^/Order/Place$", "drop_after": true, "times": 1} or
                                 {"path": "^/exp/v2/", "probability": 0.1, "error_rate": 1,
                                 "error_status": 502}
                                 or {"path": "^/Instruments/", "expire_session": true, "times": 1};
                                 answers {"rule_id": n}; unknown fields are refused (HTTP 400)
    DELETE /_sim/faults          remove every rule

In-process: ``ctx.faults.add(path=..., ...)``, ``remove(rule_id)``, ``clear()``, ``reseed(seed)``. A venue
simulator with sessions registers how to end them: ``ctx.faults.register_session(venue, path_pattern,
expire)``; ``expire(scope)`` is called when an ``expire_session`` rule strikes a request whose path matches.
"""

from __future__ import annotations

import asyncio
import random
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from typing import Any

Scope = dict[str, Any]
SessionExpiry = Callable[[Scope], None]

COINWEIGHT_PREFIX = "/exp/v2/"  # services/simulator/app.py mounts coin-weight there
COINWEIGHT_LOGINS = re.compile(f"^{re.escape(COINWEIGHT_PREFIX)}user/(login|signup)$")
COINWEIGHT_AUTH_FAILURE = b'{"success":false,"errorCode":403,"errorMsg":"Authentication Failure","data":null}'


@dataclass
class FaultRule:
    path: str = ".*"  # regular expression searched in the request path
    method: str = "*"
    probability: float = 1.0  # chance the rule strikes a matching request
    latency_before: float = 0.0  # seconds before the handler runs
    latency_after: float = 0.0  # seconds between the handler's answer and sending it
    error_rate: float = 0.0  # probability of an HTTP error_status instead of running the handler
    error_status: int = 503
    drop_before: bool = False  # close without answering; the handler does not run
    drop_after: bool = False  # the handler runs, then the answer is cut off mid-body
    malformed: bool = False  # the handler runs, the body sent is broken JSON
    expire_session: bool = False  # the venue's session ends before the handler runs
    times: int | None = None  # strike this many times, then retire (None: until removed)
    rule_id: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method in ("*", method)) and re.search(self.path, path) is not None


@dataclass(frozen=True)
class Strike:
    """The combined effect of the rules that struck one request."""

    latency_before: float = 0.0
    drop_before: bool = False
    error_status: int | None = None
    expire_session: bool = False
    latency_after: float = 0.0
    drop_after: bool = False
    malformed: bool = False

    @property
    def touches_answer(self) -> bool:
        return bool(self.latency_after or self.drop_after or self.malformed)


@dataclass
class FaultPlan:
    rules: list[FaultRule] = field(default_factory=list)
    seed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _next_id: int = 1

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._sessions: dict[str, tuple[re.Pattern[str], SessionExpiry]] = {}
        self._revoked_bearers: set[str] = set()
        self.register_session("coinweight", f"^{re.escape(COINWEIGHT_PREFIX)}", self._revoke_bearer)

    # --- rules ---------------------------------------------------------------------------------------------
    def add(self, rule: FaultRule | None = None, **fields: Any) -> FaultRule:
        rule = rule or FaultRule(**fields)
        with self._lock:
            rule.rule_id = self._next_id
            self._next_id += 1
            self.rules.append(rule)
        return rule

    def remove(self, rule_id: int) -> None:
        with self._lock:
            self.rules = [r for r in self.rules if r.rule_id != rule_id]

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def reseed(self, seed: int) -> None:
        """Start the sequence of rolls again from ``seed``."""
        with self._lock:
            self.seed = seed
            self._random.seed(seed)

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(r) for r in self.rules]

    def strike(self, method: str, path: str) -> Strike | None:
        """What the rules that strike this request do (using up their ``times``), or None."""
        latency_before = latency_after = 0.0
        drop_before = drop_after = malformed = expire = False
        error_status: int | None = None
        struck = False
        with self._lock:
            for rule in list(self.rules):
                if not rule.matches(method, path) or not self._roll(rule.probability):
                    continue
                struck = True
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self.rules.remove(rule)
                latency_before += rule.latency_before
                latency_after += rule.latency_after
                drop_before |= rule.drop_before
                drop_after |= rule.drop_after
                malformed |= rule.malformed
                expire |= rule.expire_session
                if error_status is None and self._roll(rule.error_rate):
                    error_status = rule.error_status
        if not struck:
            return None
        return Strike(latency_before, drop_before, error_status, expire, latency_after, drop_after, malformed)

    def roll(self, probability: float) -> bool:
        with self._lock:
            return self._roll(probability)

    def _roll(self, probability: float) -> bool:
        if probability >= 1:
            return True
        return probability > 0 and self._random.random() < probability

    # --- sessions ------------------------------------------------------------------------------------------
    def register_session(self, venue: str, path_pattern: str, expire: SessionExpiry) -> None:
        """``expire(scope)`` ends ``venue``'s session(s) when an ``expire_session`` rule strikes a request
        whose path matches ``path_pattern`` (registering a venue again replaces it)."""
        with self._lock:
            self._sessions[venue] = (re.compile(path_pattern), expire)

    def expire_sessions(self, scope: Scope) -> None:
        with self._lock:
            sessions = list(self._sessions.values())
        for pattern, expire in sessions:
            if pattern.search(scope["path"]):
                expire(scope)

    def _revoke_bearer(self, scope: Scope) -> None:
        """coin-weight's session is its bearer token: the one this request carries is refused from now on."""
        token = _header(scope, b"authorization")
        if token:
            with self._lock:
                self._revoked_bearers.add(token)

    def refusal(self, scope: Scope) -> tuple[int, bytes] | None:
        """The auth error of a request that carries a revoked credential (status, JSON body), or None.

        A coin-weight login or signup opens a new session and so lifts the revocations (its JWT may even be
        the revoked one again: it is issued per second of the clock)."""
        if not scope["path"].startswith(COINWEIGHT_PREFIX):
            return None
        if COINWEIGHT_LOGINS.match(scope["path"]):
            with self._lock:
                self._revoked_bearers.clear()
            return None
        token = _header(scope, b"authorization")
        with self._lock:
            revoked = bool(token) and token in self._revoked_bearers
        return (403, COINWEIGHT_AUTH_FAILURE) if revoked else None


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return ""


class FaultMiddleware:
    def __init__(self, app: Any, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_sim/"):
            await self.app(scope, receive, send)
            return
        strike = self.plan.strike(scope["method"], scope["path"])
        if strike is None:
            await self._handle(scope, receive, send)
            return
        if strike.latency_before:
            await asyncio.sleep(strike.latency_before)
        if strike.drop_before:
            await _send_cut_off(send)
            return
        if strike.error_status is not None:
            await _send_plain(send, strike.error_status, _error_text(strike.error_status))
            return
        if strike.expire_session:
            self.plan.expire_sessions(scope)
        if not strike.touches_answer:
            await self._handle(scope, receive, send)
            return
        # Run the handler to completion (its effects happen), then deliver a late, cut or broken answer.
        messages: list[dict[str, Any]] = []

        async def capture(message: dict[str, Any]) -> None:
            messages.append(message)

        await self._handle(scope, receive, capture)
        if strike.latency_after:
            await asyncio.sleep(strike.latency_after)
        if strike.drop_after:
            await _send_cut_off(send)
        elif strike.malformed:
            status = next((m["status"] for m in messages if m["type"] == "http.response.start"), 200)
            await _send_plain(send, status, b'{"success": tru', content_type=b"application/json")
        else:
            for message in messages:
                await send(message)

    async def _handle(self, scope: Scope, receive: Any, send: Any) -> None:
        """The venue's handler, unless the request carries a credential an expired session revoked."""
        refusal = self.plan.refusal(scope)
        if refusal is not None:
            await _send_plain(send, refusal[0], refusal[1], content_type=b"application/json")
            return
        await self.app(scope, receive, send)


def _error_text(status: int) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return f"{phrase} (injected fault)".encode()


async def _send_plain(send: Any, status: int, body: bytes, content_type: bytes = b"text/plain") -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_cut_off(send: Any) -> None:
    """Promise a body and close before it is complete: the client sees the connection drop."""
    headers = [(b"content-type", b"application/json"), (b"content-length", b"1000")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b'{"', "more_body": False})
