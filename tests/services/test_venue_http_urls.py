"""VenueHttp joins each path to its base URL once and reuses it: the requests that leave are the ones httpx
itself would build (any base path, a leading slash or not, query parameters per request)."""

from __future__ import annotations

import httpx
import pytest

from services import http as venue_http
from services.http import VenueHttp


@pytest.mark.parametrize("base", ["http://venue.test", "http://venue.test/md/binance", "http://venue.test/v2/"])
async def test_each_request_goes_to_the_url_httpx_would_build(base):
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={})

    plain = httpx.AsyncClient(base_url=base)
    http = VenueHttp("venue", base, transport=httpx.MockTransport(answer))
    calls = [
        ("GET", "/api/v3/depth", {"symbol": "BTCUSDT", "limit": 20}),
        ("GET", "/api/v3/depth", {"symbol": "ETHBTC", "limit": None}),  # the same path, other parameters
        ("GET", "api/v3/trades", None),
        ("POST", "/Instruments/UpdateQuote", None),
        ("GET", "/api/v3/depth", {"symbol": "BTCUSDT", "limit": 20}),
    ]
    for method, path, params in calls:
        await http.request(method, path, params=params)
    def sent(params: dict | None) -> dict | None:  # VenueHttp leaves out parameters that are None
        return None if params is None else {k: v for k, v in params.items() if v is not None}

    expected = [str(plain.build_request(m, p, params=sent(q)).url) for m, p, q in calls]
    assert seen == expected
    assert seen[1].endswith("depth?symbol=ETHBTC")  # the parameters of one request never stick to the path
    await http.aclose()
    await plain.aclose()


async def test_the_url_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(venue_http, "MAX_CACHED_URLS", 3)
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200)

    http = VenueHttp("venue", "http://venue.test", transport=httpx.MockTransport(answer))
    for n in range(10):
        await http.request("GET", f"/orders/{n}")
    assert seen == [f"/orders/{n}" for n in range(10)]
    assert len(http._urls) <= 3
    await http.aclose()


async def test_a_new_base_url_is_followed():
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200)

    http = VenueHttp("venue", "http://venue.test:1/v2", transport=httpx.MockTransport(answer))
    await http.request("GET", "/ping")
    http.client.base_url = "http://venue.test:2/v2"  # the venue came back elsewhere
    await http.request("GET", "/ping")
    assert seen == ["http://venue.test:1/v2/ping", "http://venue.test:2/v2/ping"]
    await http.aclose()
