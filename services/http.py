"""The one place an ``httpx.AsyncClient`` is made.

Every venue client talks through :class:`VenueHttp`, which gives it: a base URL, connect/read timeouts, an
auth hook, retry with backoff for idempotent reads only, transport failures mapped to
:class:`TransportError`, the last round-trip latency, and request logging with every secret redacted.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from services.errors import TransportError
from services.retry import Backoff

log = logging.getLogger("tessera.http")

REDACTED = "***"
_SECRET_KEYS = frozenset(
    k.lower()
    for k in (
        "Authorization",
        "Token",
        "password",
        "passwd",
        "secretKey",
        "secret",
        "apiKey",
        "authToken",
        "sessionToken",
        "accessToken",
        "refreshToken",
        "X-Api-Key",
        "Cookie",
        "Set-Cookie",
    )
)


def is_secret_key(key: str) -> bool:
    k = key.lower()
    return k in _SECRET_KEYS or k.endswith(("token", "password", "secret", "secretkey", "apikey"))


def redact(value: Any) -> Any:
    """A copy of a JSON-like value with the values of secret keys replaced by ``***`` (at any depth)."""
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if isinstance(k, str) and is_secret_key(k) else redact(v)) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (REDACTED if is_secret_key(k) else v) for k, v in headers.items()}


def redact_url(url: httpx.URL) -> str:
    if not url.query:
        return str(url)
    params = [(k, REDACTED if is_secret_key(k) else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params))


def _redacted_body(content: bytes, content_type: str) -> str:
    if not content:
        return ""
    text = content.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            return json.dumps(redact(json.loads(text)), ensure_ascii=False)[:2000]
        except ValueError:
            return "<unreadable json>"
    if "x-www-form-urlencoded" in content_type:
        params = httpx.QueryParams(text)
        return str(
            httpx.QueryParams([(k, REDACTED if is_secret_key(k) else v) for k, v in params.multi_items()])
        )
    return f"<{len(content)} bytes>"


class HeaderAuth(httpx.Auth):
    """Adds ``<header>: <scheme> <token>`` while a token is set. The token can change (login, refresh)."""

    def __init__(self, header: str = "Authorization", scheme: str = "Bearer") -> None:
        self.header = header
        self.scheme = scheme
        self.token: str | None = None

    def auth_flow(self, request: httpx.Request):
        if self.token:
            request.headers[self.header] = f"{self.scheme} {self.token}" if self.scheme else self.token
        yield request


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 5.0
    read: float = 10.0
    write: float = 10.0
    pool: float = 5.0

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_CACHED_URLS = 256
"""Paths whose joined URL a VenueHttp keeps (a venue has a few dozen; more, and the cache starts again)."""


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """httpx's default TLS context (certifi's roots), made once: loading the roots takes 30-70 ms."""
    return httpx.create_ssl_context()


class VenueHttp:
    """An httpx.AsyncClient bound to one venue.

    ``request(..., idempotent=...)`` decides retries: reads are retried on transport failures with exponential
    backoff; anything else is sent exactly once, and a failure after the request may have left says so with
    ``TransportError.outcome_unknown``.
    """

    def __init__(
        self,
        venue: str,
        base_url: str,
        *,
        auth: httpx.Auth | None = None,
        timeouts: Timeouts | None = None,
        read_retries: int = 2,
        backoff: float = 0.2,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        on_latency: Callable[[float], None] | None = None,
    ) -> None:
        self.venue = venue
        self.read_retries = read_retries
        self.backoff = Backoff(first=backoff, longest=backoff * 4)  # the delays between a read's attempts
        self.on_latency = on_latency
        self.last_latency: float | None = None
        self._urls: dict[str, httpx.URL] = {}
        self._urls_base: httpx.URL | None = None  # the base URL they were joined to
        self.client = httpx.AsyncClient(
            base_url=base_url,
            verify=shared_ssl_context(),
            auth=auth,
            timeout=(timeouts or Timeouts()).to_httpx(),
            transport=transport,
            headers=dict(headers or {}),
        )

    @property
    def base_url(self) -> httpx.URL:
        return self.client.base_url

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        attempts = 1 + (self.read_retries if idempotent else 0)
        extra: dict[str, Any] = {}
        if timeout is not None:
            extra["timeout"] = timeout
        delays = self.backoff.delays()
        for attempt in range(1, attempts + 1):
            if self.client.is_closed:  # the session ended while this call waited: nothing is sent
                raise TransportError(self.venue, "the session is closed")
            request = self.client.build_request(
                method, self._url(path), json=json, params=_clean(params), data=data, headers=headers, **extra
            )
            started = time.perf_counter()
            try:
                response = await self.client.send(request)
            except httpx.TransportError as exc:
                elapsed = time.perf_counter() - started
                self._log(request, None, elapsed, exc)
                if attempt < attempts:
                    await asyncio.sleep(next(delays))
                    continue
                sent = not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
                raise _transport_error(self.venue, exc, outcome_unknown=sent and not idempotent) from exc
            elapsed = time.perf_counter() - started
            self.last_latency = elapsed
            if self.on_latency is not None:
                self.on_latency(elapsed)
            self._log(request, response, elapsed, None)
            return response
        raise AssertionError("unreachable")

    def _url(self, path: str) -> httpx.URL:
        """``path`` joined to the base URL as httpx joins them, once per path: httpx parses and joins both
        again for every request (a tenth of the CPU an idle poll costs)."""
        base = self.client.base_url
        if base is not self._urls_base:  # set anew (a venue that moved): joined to the new one
            self._urls, self._urls_base = {}, base
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) >= MAX_CACHED_URLS:
                self._urls.clear()
            url = self._urls[path] = self.client.build_request("GET", path).url
        return url

    async def aclose(self) -> None:
        await self.client.aclose()

    async def __aenter__(self) -> VenueHttp:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _log(
        self, request: httpx.Request, response: httpx.Response | None, elapsed: float, exc: Exception | None
    ) -> None:
        if not log.isEnabledFor(logging.DEBUG) and exc is None:
            return
        body = _redacted_body(request.content, request.headers.get("content-type", ""))
        url = redact_url(request.url)
        if exc is not None:
            log.warning(
                "%s %s %s failed after %.0f ms: %s",
                self.venue,
                request.method,
                url,
                elapsed * 1000,
                _describe(exc),
            )
        else:
            assert response is not None
            log.debug(
                "%s %s %s -> %s in %.0f ms %s",
                self.venue,
                request.method,
                url,
                response.status_code,
                elapsed * 1000,
                body,
            )


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    return {k: v for k, v in params.items() if v is not None}


def _transport_error(venue: str, exc: Exception, *, outcome_unknown: bool = False) -> TransportError:
    """What went wrong on the wire, told as a TransportError."""
    if isinstance(exc, httpx.TimeoutException):
        return TransportError(venue, "no answer in time (timeout)", outcome_unknown=outcome_unknown)
    if isinstance(exc, httpx.ConnectError):
        return TransportError(venue, "cannot connect", outcome_unknown=outcome_unknown)
    if isinstance(exc, httpx.RemoteProtocolError):
        return TransportError(venue, "connection dropped", outcome_unknown=outcome_unknown)
    return TransportError(
        venue, "transport failure ({kind})", outcome_unknown=outcome_unknown, kind=type(exc).__name__
    )


def _describe(exc: Exception) -> str:
    return _transport_error("", exc).message


MAX_JSON_DEPTH = 64
"""Deeper than this, an answer is refused: no venue nests that much, and deep JSON exhausts the stack."""


def parse_json(venue: str, response: httpx.Response) -> Any:
    """The response body as JSON, or a TransportError that says the venue sent something unreadable
    (not JSON, not UTF-8, or nested deeper than :data:`MAX_JSON_DEPTH`)."""
    try:
        value = response.json()
    except (ValueError, RecursionError) as exc:
        raise TransportError(
            venue,
            "unreadable answer (HTTP {status}, nested too deep)"
            if isinstance(exc, RecursionError)
            else "unreadable answer (HTTP {status}, not JSON)",
            status=response.status_code,
        ) from exc
    content = response.content
    if content.count(b"[") + content.count(b"{") > MAX_JSON_DEPTH and json_depth(value) > MAX_JSON_DEPTH:
        raise TransportError(
            venue,
            "unreadable answer (HTTP {status}, nested deeper than {depth})",
            status=response.status_code,
            depth=MAX_JSON_DEPTH,
        )
    return value


def json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep the lists and dicts of a parsed JSON ``value`` nest, counted up to ``limit + 1`` (without
    recursion, so any depth is safe to measure)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, list | dict) else []
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > limit:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, list | dict))
    return deepest
