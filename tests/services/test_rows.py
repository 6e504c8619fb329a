"""services.rows: a bad row is dropped and its kind logged once; services.http.parse_json's depth limit."""

from __future__ import annotations

import logging

import httpx
import pytest
from pydantic import BaseModel

from services.errors import TransportError, VenueError
from services.http import MAX_JSON_DEPTH, parse_json
from services.rows import OnceLog, parse_row, parse_rows


class Level(BaseModel):
    price: int
    size: int


def test_bad_rows_are_dropped_and_each_kind_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    once = OnceLog()
    rows = [
        {"price": 1, "size": 2},
        {"price": "x", "size": 1},
        {"price": "y", "size": 1},
        {"size": 1},
        None,
        {"price": 3, "size": 4},
    ]
    with caplog.at_level(logging.WARNING, logger="tessera.rows"):
        good = parse_rows(rows, Level.model_validate, "venue", "levels", once=once)
        again = parse_rows(rows, Level.model_validate, "venue", "levels", once=once)
    assert good == again == [Level(price=1, size=2), Level(price=3, size=4)]
    logged = [r.getMessage() for r in caplog.records if r.name == "tessera.rows"]
    assert len(logged) == 3  # price not an int, price missing, row not an object: once each, in both calls
    assert all("a row of levels was skipped" in m for m in logged)


def test_a_row_that_cannot_be_parsed_is_a_venue_error_naming_its_kind() -> None:
    def explode(_: object) -> object:
        raise OverflowError("date value out of range")

    with pytest.raises(VenueError) as caught:
        parse_row({}, explode, "venue", "ticks")
    assert caught.value.code == "bad row:OverflowError"
    assert "unreadable row in ticks" in caught.value.message


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b"[" * (MAX_JSON_DEPTH + 1) + b"]" * 65])
def test_json_nested_too_deep_is_an_unreadable_answer(body: bytes) -> None:
    with pytest.raises(TransportError, match="unreadable answer"):
        parse_json("venue", httpx.Response(200, content=body))


def test_json_as_deep_as_the_limit_is_read() -> None:
    body = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH
    assert parse_json("venue", httpx.Response(200, content=body)) is not None
