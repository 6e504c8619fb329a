"""Values no trader could see are refused while parsing, as project errors (the crashes the fuzz found)."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from pydantic import ValidationError

from services.chp import convert
from services.chp import schemas as chp
from services.chp.client import ChpClient
from services.coinweight import schemas as cw
from services.errors import TesseraError, TransportError, VenueError
from services.http import VenueHttp
from services.marketdata.client import from_ms
from services.marketdata.schemas import SymbolInfo


def chp_client(status: int, body: object) -> ChpClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    client = ChpClient(VenueHttp("chp", "http://chp.test", transport=transport, backoff=0))
    client.token = "tok"
    return client


@pytest.mark.parametrize("status", [400, 404, 500, 503])
async def test_a_chp_success_body_on_an_http_error_is_a_venue_error(status: int) -> None:
    client = chp_client(status, {"method": "GetSymbols", "result": True, "data": []})
    with pytest.raises(VenueError) as caught:
        await client.get_symbols()
    assert caught.value.http_status == status


@pytest.mark.parametrize("row", [{"token": "t", "work": "yes"}, {"token": "t", "login": ["demo"]}, "row"])
async def test_a_bad_connected_row_is_a_venue_error(row: object) -> None:
    client = chp_client(200, {"method": "Connected", "result": True, "data": [row]})
    with pytest.raises(VenueError, match="unreadable row"):
        await client.connected("demo", "demo", "server")


async def test_a_bad_quote_is_dropped_and_the_good_one_kept() -> None:
    good = {"symbol": "GAZP", "bid": 1.5, "ask": 1.6, "bidSize": 5, "askSize": 6, "size": 1, "volume": 10}
    client = chp_client(
        200, {"method": "UpdateQuote", "result": True, "data": [{**good, "bid": 1e300}, good]}
    )
    quotes = await client.update_quote()
    assert [(q.bid, q.bid_size, q.size) for q in quotes] == [(Decimal("1.5"), 5, 1)]


@pytest.mark.parametrize(
    ("model", "row"),
    [
        (
            chp.BidAskRow,
            {"Symbol": "G", "Row": 0, "NRows": 10**12, "Bid": 1, "BidSize": 1, "Ask": 2, "AskSize": 1},
        ),
        (
            chp.BarRow,
            {
                "symbol": "G",
                "interval": 1,
                "datetime": "2020-01-01T00:00:00",
                "open": 1,
                "high": 1,
                "low": 1,
                "close": float("inf"),
                "volume": 1,
            },
        ),
        (
            chp.BarRow,
            {
                "symbol": "G",
                "interval": 1,
                "datetime": "9999-12-31T23:59:59-23:00",
                "open": 1,
                "high": 1,
                "low": 1,
                "close": 1,
                "volume": 1,
            },
        ),
        (
            chp.OrderRow,
            {
                "portfolio": "P",
                "symbol": "G",
                "state": 2,
                "action": 1,
                "type": 2,
                "validity": 1,
                "price": 1,
                "amount": -5,
                "stop": 0,
                "filled": 0,
                "datetime": "2020-01-01T00:00:00",
                "orderid": "1",
                "cookie": 1,
            },
        ),
        (chp.SymbolRow, {"symbol": "G", "step": 0.01, "decimals": 10**9}),
        (
            cw.SymbolInfo,
            {
                "name": "A-B",
                "base": "A",
                "quote": "B",
                "priceDecimal": 10**6,
                "quantityDecimal": 2,
                "quantityMin": 1,
                "quantityMax": 2,
            },
        ),
        (SymbolInfo, {"symbol": "AB", "baseAsset": "A", "quoteAsset": "B", "baseAssetPrecision": 999999999}),
    ],
)
def test_absurd_values_are_refused_while_parsing(model: type, row: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(row)


def test_a_quote_change_too_large_to_write_is_left_out() -> None:
    row = chp.QuoteRow.model_validate({"symbol": "G", "last": 1e15, "close": 1e-90})
    assert convert.Symbols().quote(row).change_pct_24h is None


@pytest.mark.parametrize("text", ["", "NaN", "USDT", "1e400 USDT"])
def test_an_unreadable_amount_with_unit_is_a_venue_error(text: str) -> None:
    with pytest.raises(VenueError):
        cw.amount_and_unit(text)


@pytest.mark.parametrize("millis", [10**20, -(10**20)])
def test_times_out_of_range_are_project_errors_or_value_errors(millis: int) -> None:
    with pytest.raises(TesseraError):
        cw.from_millis(millis)
    with pytest.raises(ValueError):
        from_ms(millis)
    with pytest.raises(ValidationError):
        cw.Order.model_validate(
            {
                "streetOrderId": "1",
                "orderType": "LIMIT",
                "symbol": "A-B",
                "side": "BID",
                "owner": "1",
                "counterParty": "binance",
                "price": "1",
                "quantity": "1",
                "filledPrice": "0",
                "filledQuantity": "0",
                "executionType": "EXECUTION_ACK",
                "createTime": millis,
                "processedTime": 0,
            }
        )


@pytest.mark.parametrize("row", [{"Cookie": 2**40, "Orderid": "5"}, {"Cookie": "x"}, ["not", "a", "row"]])
async def test_an_unreadable_order_answer_is_an_unknown_outcome_not_a_refusal(row: object) -> None:
    client = chp_client(200, {"method": "Place", "result": True, "data": [row]})
    with pytest.raises(TransportError) as caught:
        await client.place_order("P", "GAZP", chp.Action.BUY, chp.OrderType.MARKET, Decimal(10), cookie=7)
    assert caught.value.outcome_unknown
