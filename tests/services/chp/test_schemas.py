"""The wire rows the notes document (early README shapes, observed envelopes) parse as the schemas say."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from services.chp.schemas import (
    Action,
    BarInterval,
    BarRow,
    BidAskRow,
    ConnectInfo,
    Failure,
    OrderActionResult,
    OrderType,
    PlaceResult,
    PortfolioRow,
    PortfolioStatus,
    QuoteRow,
    SymbolRow,
    TickRow,
    TradeRow,
    Validity,
    error_number,
    format_since,
)


def test_enums_have_the_wire_values_of_the_notes() -> None:
    assert [int(i) for i in BarInterval] == list(range(1, 14))
    assert (BarInterval.H1, BarInterval.DAY, BarInterval.YEAR) == (6, 9, 13)
    assert [(a.name, int(a)) for a in Action] == [("BUY", 1), ("SELL", 2), ("SHORT", 3), ("COVER", 4)]
    assert [int(t) for t in (OrderType.MARKET, OrderType.LIMIT, OrderType.STOP, OrderType.STOP_LIMIT)] == [
        1,
        2,
        3,
        4,
    ]
    assert (Validity.DAY, Validity.GTC) == (1, 2)
    assert [s.name for s in PortfolioStatus] == [
        "BROKER",
        "TRUSTED_MANAGEMENT",
        "READ_ONLY",
        "BLOCKED",
        "RESTRICTED",
        "AUTO_RESTRICTED",
        "ORDER_NOT_SIGNED",
    ]


def test_symbol_row_of_the_readme() -> None:
    row = SymbolRow.model_validate(
        {
            "row": 0,
            "nrows": 1,
            "symbol": "6A.CME.H2015",
            "short_name": "6A-3.15",
            "long_name": "AUD/USD fut",
            "type": "FUT",
            "decimals": 4,
            "lot_size": 1,
            "punkt": 10.0,
            "step": 0.0001,
            "sec_ext_id": None,
            "sec_exch_name": "CME",
            "expiryDate": "2015-03-19T00:00:00",
            "days_before_expiry": 30,
            "strike": 0,
        }
    )
    assert (row.symbol, row.step, row.lot_size, row.expiry_date) == (
        "6A.CME.H2015",
        Decimal("0.0001"),
        1,
        "2015-03-19T00:00:00",
    )


def test_bar_and_trade_rows_take_naive_times_as_utc() -> None:
    bar = BarRow.model_validate(
        {
            "row": 0,
            "nrows": 1,
            "symbol": "GAZP",
            "interval": 6,
            "datetime": "2020-10-14T18:50:00",
            "open": 180.1,
            "high": 181.0,
            "low": 179.9,
            "close": 180.5,
            "volume": 1200,
            "openInt": 0,
        }
    )
    assert bar.datetime == datetime(2020, 10, 14, 18, 50, tzinfo=UTC) and bar.open == Decimal("180.1")
    trade = TradeRow.model_validate(
        {
            "row": 0,
            "nrows": 1,
            "symbol": "GAZP",
            "DateTime": "2020-10-14T18:50:01",
            "Price": 180.2,
            "volume": 10.0,
            "tradeNo": 123456,
            "Action": 1,
        }
    )
    assert (trade.trade_no, trade.price, trade.action) == ("123456", Decimal("180.2"), 1)


def test_quote_tick_and_bid_ask_rows_keep_their_casing() -> None:
    quote = QuoteRow.model_validate(
        {
            "symbol": "GAZP",
            "datetime": "2020-10-14T18:50:00",
            "last": 180.2,
            "bid": 180.1,
            "ask": 180.3,
            "bidSize": 5,
            "askSize": 7,
            "open_Int": 0,
            "go_Buy": 0,
            "trading_Status": 0,
            "theor_Price": 0,
            "step_Price": 0.01,
        }
    )
    assert (quote.bid_size, quote.ask_size, quote.step_price) == (5, 7, Decimal("0.01"))
    tick = TickRow.model_validate(
        {
            "Symbol": "GAZP",
            "DateTime": "2020-10-14T18:50:00",
            "Price": 180.2,
            "Volume": 3,
            "TradeNo": "77",
            "Action": 2,
        }
    )
    assert (tick.symbol, tick.volume, tick.action) == ("GAZP", 3, 2)
    level = BidAskRow.model_validate(
        {"Symbol": "GAZP", "Row": 0, "NRows": 10, "Bid": 180.1, "BidSize": 5.0, "Ask": 180.3, "AskSize": 7.0}
    )
    assert (level.row, level.nrows, level.ask) == (0, 10, Decimal("180.3"))


def test_portfolio_connect_and_order_results() -> None:
    portfolio = PortfolioRow.model_validate(
        {
            "row": 0,
            "nrows": 1,
            "portfolioName": "ST123456-MO-01",
            "portfolioExch": "MICEX",
            "portfolioStatus": 2,
        }
    )
    assert (portfolio.name, portfolio.status) == ("ST123456-MO-01", PortfolioStatus.READ_ONLY)
    info = ConnectInfo.model_validate({"token": "t", "work": 1, "exchange": 0, "login": "u", "password": "p"})
    assert info.token == "t" and "password" not in info.model_dump()
    placed = PlaceResult.model_validate({"Cookie": 12, "Orderid": "GAZP"})
    assert (placed.cookie, placed.order_id) == (12, "GAZP")
    moved = OrderActionResult.model_validate({"OrderId": "5", "Result": True})
    assert moved.result and moved.order_id == "5"


def test_failure_causes_in_either_spelling() -> None:
    data_error = Failure.model_validate(
        {
            "method": "Connected",
            "result": False,
            "reason": "Error #3",
            "dataError": [{"method": "Connected", "reason": "Error #2"}],
        }
    )
    error_data = Failure.model_validate(
        {
            "method": "ListenQuotes",
            "result": False,
            "reason": "Error #12",
            "errorData": [
                {"method": "ListenQuotes", "reason": "Error #20", "message": "exists", "additional": "есть"}
            ],
        }
    )
    assert [c.reason for c in data_error.causes] == ["Error #2"]
    assert [(c.reason, c.message) for c in error_data.causes] == [("Error #20", "exists")]
    assert [error_number(r) for r in ("Error #12", "error #3", "Error", "#4", "Error #x")] == [
        12,
        3,
        None,
        None,
        None,
    ]


def test_request_times_are_written_as_in_the_docs() -> None:
    assert format_since(datetime(2020, 10, 10, 10, 10, 10, tzinfo=UTC)) == "2020-10-10T10:10:10.000"
    assert format_since(datetime(2020, 10, 10, 10, 10, 10)) == "2020-10-10T10:10:10.000"
