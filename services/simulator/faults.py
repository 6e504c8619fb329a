"""Injected faults: latency, errors, dropped connections and malformed bodies, per request path.

A :class:`FaultPlan` holds rules; :class:`FaultMiddleware` (ASGI) applies the first rule that matches.
Tests and the app set rules in-process (``plan.add(...)``) or over HTTP at ``/_sim/faults`` (see server.py).

Where a fault strikes matters for order safety: ``latency_after`` and ``drop_after`` let the handler run (the
order is executed) and then delay or lose the answer, which is exactly the case a client must reconcile.
"""

from __future__ import annotations

import asyncio
import random
import re
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

Scope = dict[str, Any]


@dataclass
class FaultRule:
    path: str = ".*"  # regular expression searched in the request path
    method: str = "*"
    latency_before: float = 0.0  # seconds before the handler runs
    latency_after: float = 0.0  # seconds between the handler's answer and sending it
    error_rate: float = 0.0  # probability of a 503 instead of running the handler
    drop_before: bool = False  # close without answering; the handler does not run
    drop_after: bool = False  # the handler runs, then the answer is cut off mid-body
    malformed: bool = False  # the handler runs, the body sent is broken JSON
    times: int | None = None  # apply this many times, then retire (None: until removed)
    rule_id: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method in ("*", method)) and re.search(self.path, path) is not None


@dataclass
class FaultPlan:
    rules: list[FaultRule] = field(default_factory=list)
    seed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _next_id: int = 1

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

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

    def take(self, method: str, path: str) -> FaultRule | None:
        """The rule that applies to this request (consuming one of its ``times``), or None."""
        with self._lock:
            for rule in self.rules:
                if rule.matches(method, path):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self.rules.remove(rule)
                    return rule
        return None

    def roll(self, probability: float) -> bool:
        with self._lock:
            return probability > 0 and self._random.random() < probability

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(r) for r in self.rules]


class FaultMiddleware:
    def __init__(self, app: Any, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_sim/"):
            await self.app(scope, receive, send)
            return
        rule = self.plan.take(scope["method"], scope["path"])
        if rule is None:
            await self.app(scope, receive, send)
            return
        if rule.latency_before:
            await asyncio.sleep(rule.latency_before)
        if rule.drop_before:
            await _send_cut_off(send)
            return
        if self.plan.roll(rule.error_rate):
            await _send_plain(send, 503, b"Service Unavailable (injected fault)")
            return
        if not (rule.latency_after or rule.drop_after or rule.malformed):
            await self.app(scope, receive, send)
            return
        # Run the handler to completion (its effects happen), then deliver a late, cut or broken answer.
        messages: list[dict[str, Any]] = []

        async def capture(message: dict[str, Any]) -> None:
            messages.append(message)

        await self.app(scope, receive, capture)
        if rule.latency_after:
            await asyncio.sleep(rule.latency_after)
        if rule.drop_after:
            await _send_cut_off(send)
        elif rule.malformed:
            status = next((m["status"] for m in messages if m["type"] == "http.response.start"), 200)
            await _send_plain(send, status, b'{"success": tru', content_type=b"application/json")
        else:
            for message in messages:
                await send(message)


async def _send_plain(send: Any, status: int, body: bytes, content_type: bytes = b"text/plain") -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_cut_off(send: Any) -> None:
    """Promise a body and close before it is complete: the client sees the connection drop."""
    headers = [(b"content-type", b"application/json"), (b"content-length", b"1000")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b'{"', "more_body": False})
