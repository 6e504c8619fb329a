from __future__ import annotations

import json

import pytest

from app import venues


def test_demo_points_every_venue_at_its_simulator_mount():
    endpoints = venues.demo("http://127.0.0.1:5000/", "demo")
    assert endpoints.by_venue() == {
        "coinweight": "http://127.0.0.1:5000/exp/v2",
        "chp": "http://127.0.0.1:5000",
        "dxregister": "http://127.0.0.1:5000/dxweb/rest",
        "ramm": "http://127.0.0.1:5000/ramm",
        "aggregion": "http://127.0.0.1:5000/aggregion",
    }
    assert endpoints.market_data["binance"] == "http://127.0.0.1:5000/md/binance"
    assert set(endpoints.market_data) == set(venues.COUNTERPARTIES)


def _write(tmp_path, data) -> str:
    path = tmp_path / "venues.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


GOOD = {
    "coinweight": "https://ex.example/exp/v2/",
    "chp": "https://broker.example",
    "dxregister": "https://bo.example/dxweb/rest",
    "ramm": "https://ramm.example",
    "aggregion": "https://ds.example",
    "market_data": {"binance": "https://md.example/binance"},
}


def test_load_reads_a_venues_file(tmp_path):
    endpoints = venues.load(_write(tmp_path, GOOD))
    assert endpoints.coinweight == "https://ex.example/exp/v2"
    assert endpoints.base_url("ramm") == "https://ramm.example"
    assert endpoints.market_data == {"binance": "https://md.example/binance"}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ({k: v for k, v in GOOD.items() if k != "chp"}, "missing base URLs for chp"),
        ({**GOOD, "bogus": "x"}, "unknown keys bogus"),
        ({**GOOD, "ramm": "ftp://ramm.example"}, "ramm is not an http(s) URL"),
        ({**GOOD, "aggregion": 42}, "aggregion must be a URL string"),
        ({**GOOD, "market_data": ["x"]}, "market_data must be an object"),
    ],
)
def test_load_explains_what_is_wrong(tmp_path, content, says):
    path = _write(tmp_path, content)
    with pytest.raises(venues.VenueConfigError) as error:
        venues.load(path)
    assert says in str(error.value)
    assert path in str(error.value)


def test_load_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(venues.VenueConfigError, match="no such file"):
        venues.load(tmp_path / "absent.json")
