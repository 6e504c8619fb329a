"""Every method of every venue client, answered with any body and any status: it returns a value or raises a
project error (``services.errors``), never anything else.

Bodies are the documented examples mutated (types swapped, numbers huge/tiny/NaN/1e400, strings empty or
garbage, keys removed, nesting past the depth limit), whole-body garbage, or JSON nested 100,000 deep. What a
method returns is exercised too (model properties, the CHP row converters), since a value that parses but
cannot be used is the same crash a little later. A client method without a case here fails
:func:`test_every_client_method_has_a_fuzz_case`.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import json
import random
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from services.chp import convert
from services.chp import schemas as chp
from services.chp.client import ChpClient
from services.coinweight.client import DEFAULT_BASE_URL, CoinWeightClient
from services.errors import TesseraError
from services.http import VenueHttp
from services.marketdata.client import Klines, MarketDataClient, SymbolMap
from services.marketdata.schemas import ExchangeInfo
from tests.services.coinweight.doc_examples import example
from tests.services.coinweight.test_client import ENDPOINTS as COINWEIGHT_ENDPOINTS
from tests.services.marketdata import binance_samples as samples

EXAMPLES_PER_ENDPOINT = 200
STATUSES = (200, 200, 200, 200, 201, 204, 302, 400, 401, 403, 404, 418, 429, 500, 502, 503, 504)
DEEP = 100_000


# --- the answer a case is given ---
class Answer:
    """What the MockTransport answers next: one (status, body) for every request until changed."""

    def __init__(self) -> None:
        self.status = 200
        self.body = b""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, content=self.body, headers={"content-type": "application/json"})


@dataclass(frozen=True)
class Case:
    call: Callable[[Any], Awaitable[Any]]
    example: Any  # a valid answer body, the seed of the mutations
    failure: Any  # a valid failure body of the venue


# --- coin-weight: the 40 endpoints of its client test, answered with the doc's examples ---
CW_FAILURE = example("error_response")
COINWEIGHT: dict[str, Case] = {
    name: Case(call, answer, CW_FAILURE)
    for name, call, _verb, _path, _body, _query, answer, _check in COINWEIGHT_ENDPOINTS
}

# --- CHP: one success envelope per call, rows as the notes print them ---
T = "2020-10-14T18:50:00"
SYMBOL = {
    "row": 0,
    "nrows": 1,
    "symbol": "GAZP",
    "short_name": "GAZP",
    "long_name": "Gazprom",
    "type": "SHARE",
    "decimals": 2,
    "lot_size": 10,
    "punkt": 10.0,
    "step": 0.01,
    "sec_ext_id": None,
    "sec_exch_name": "MOEX",
    "expiryDate": None,
    "days_before_expiry": 0,
    "strike": 0,
}
BAR = {
    "row": 0,
    "nrows": 1,
    "symbol": "GAZP",
    "interval": 6,
    "datetime": T,
    "open": 1.0,
    "high": 2.0,
    "low": 0.5,
    "close": 1.5,
    "volume": 100,
    "openInt": 0,
}
TRADE = {
    "row": 0,
    "nrows": 1,
    "symbol": "GAZP",
    "DateTime": T,
    "Price": 1.5,
    "volume": 10.0,
    "tradeNo": "1",
    "Action": 1,
}
QUOTE = {
    "symbol": "GAZP",
    "datetime": T,
    "open": 1.0,
    "high": 2.0,
    "low": 0.5,
    "close": 1.4,
    "last": 1.5,
    "volume": 100,
    "size": 1,
    "bid": 1.49,
    "ask": 1.51,
    "bidSize": 5,
    "askSize": 6,
    "open_Int": 0,
    "go_Buy": 0,
    "go_Sell": 0,
    "go_Base": 0,
    "go_Base_Backed": 0,
    "high_Limit": 0,
    "low_Limit": 0,
    "trading_Status": 0,
    "volat": 0,
    "theor_Price": 0,
    "step_Price": 0.01,
}
TICK = {"Symbol": "GAZP", "DateTime": T, "Price": 1.5, "Volume": 10, "TradeNo": "7", "Action": 1}
BID_ASKS = [
    {
        "Symbol": "GAZP",
        "Row": i,
        "NRows": 2,
        "Bid": 1.49 - i / 100,
        "BidSize": 5,
        "Ask": 1.51 + i / 100,
        "AskSize": 6,
    }
    for i in range(2)
]
PORTFOLIO = {
    "row": 0,
    "nrows": 1,
    "portfolioName": "ST100001-MO-01",
    "portfolioExch": "MOEX",
    "portfolioStatus": 0,
}
ORDER = {
    "portfolio": "ST100001-MO-01",
    "symbol": "GAZP",
    "state": 2,
    "action": 1,
    "type": 2,
    "validity": 1,
    "price": 1.5,
    "amount": 10,
    "stop": 0,
    "filled": 0,
    "datetime": T,
    "orderid": "5",
    "orderno": "5",
    "status_mask": 0,
    "cookie": 12,
}
POSITION = {"portfolio": "ST100001-MO-01", "symbol": "GAZP", "avprice": 1.5, "amount": -10, "planned": 0}
OWN_TRADE = {
    "portfolio": "ST100001-MO-01",
    "symbol": "GAZP",
    "orderid": "5",
    "price": 1.5,
    "amount": -10,
    "datetime": T,
    "tradeno": "9",
}
MONEY = {"portfolio": "ST100001-MO-01", "cash": 1000.0, "leverage": 1, "comission": 0, "saldo": 1200.0}
MY_DATA = {
    "SetMyOrder": [
        {
            **{k: v for k, v in ORDER.items() if k not in ("orderid", "orderno")},
            "id": "5",
            "no": "5",
            "row": 0,
            "nrows": 1,
        }
    ],
    "SetMyTrade": [
        {
            "row": 0,
            "nrows": 1,
            "portfolio": "ST100001-MO-01",
            "symbol": "GAZP",
            "datetime": T,
            "price": 1.5,
            "volume": 10,
            "tradeno": "9",
            "buysell": 1,
            "orderno": "5",
        }
    ],
    "SetMyClosePos": [
        {
            "row": 0,
            "nrows": 1,
            "portfolio": "ST100001-MO-01",
            "symbol": "GAZP",
            "amount": 10,
            "price_buy": 1.4,
            "price_sell": 1.5,
            "postime": T,
            "order_open": "4",
            "order_close": "5",
        }
    ],
}
CONNECT = {"token": "tok-1", "work": 1, "exchange": 1, "login": "demo", "password": "demo"}
DESCRIPTION = {"description": "subscription to GAZP placed"}
CHP_FAILURE = {
    "method": "ListenQuotes",
    "result": False,
    "reason": "Error #12",
    "additional": "Ошибка подписки",
    "dataParam": [{"symbol": "GAZP", "token": "tok-1"}],
    "errorData": [
        {
            "method": "ListenQuotes",
            "reason": "Error #20",
            "message": "exists",
            "additional": "Подписка уже существует",
        }
    ],
}
SINCE = datetime(2020, 10, 10, 10, 10, 10, tzinfo=UTC)


def chp_ok(method: str, *rows: Any) -> dict[str, Any]:
    return {"method": method, "result": True, "data": list(rows)}


CHP: dict[str, Case] = {
    name: Case(call, body, CHP_FAILURE)
    for name, call, body in [
        ("call", lambda c: c.call("Instruments/GetSymbols"), chp_ok("GetSymbols", SYMBOL)),
        ("connected", lambda c: c.connected("demo", "demo", "demo"), chp_ok("Connected", CONNECT)),
        ("reconnection", lambda c: c.reconnection("demo", "demo"), chp_ok("Reconnection", CONNECT)),
        ("disconnected", lambda c: c.disconnected("demo", "demo"), chp_ok("Disconnected", CONNECT)),
        ("get_symbols", lambda c: c.get_symbols(), chp_ok("GetSymbols", SYMBOL, {**SYMBOL, "row": 1})),
        (
            "get_bars",
            lambda c: c.get_bars("GAZP", chp.BarInterval.H1, SINCE, 10),
            chp_ok("GetBars", BAR, BAR),
        ),
        ("get_trades", lambda c: c.get_trades("GAZP", SINCE, 10), chp_ok("GetTrades", TRADE)),
        ("listen_quotes", lambda c: c.listen_quotes("GAZP"), chp_ok("ListenQuotes", DESCRIPTION)),
        ("update_quote", lambda c: c.update_quote(), chp_ok("UpdateQuote", QUOTE)),
        ("cancel_quotes", lambda c: c.cancel_quotes("GAZP"), chp_ok("CancelQuotes", DESCRIPTION)),
        ("listen_ticks", lambda c: c.listen_ticks("GAZP"), chp_ok("ListenTicks", DESCRIPTION)),
        ("add_tick", lambda c: c.add_tick(), chp_ok("AddTick", TICK, TICK)),
        ("cancel_ticks", lambda c: c.cancel_ticks("GAZP"), chp_ok("CancelTicks", DESCRIPTION)),
        ("listen_bid_asks", lambda c: c.listen_bid_asks("GAZP"), chp_ok("ListenBidAsks", DESCRIPTION)),
        ("update_bid_ask", lambda c: c.update_bid_ask(), chp_ok("UpdateBidAsk", *BID_ASKS)),
        ("cancel_bid_asks", lambda c: c.cancel_bid_asks("GAZP"), chp_ok("CancelBidAsks", DESCRIPTION)),
        (
            "get_my_portfolio_data",
            lambda c: c.get_my_portfolio_data("ST100001-MO-01"),
            chp_ok("GetMyPortfolioData", MY_DATA),
        ),
        ("get_portfolio_list", lambda c: c.get_portfolio_list(), chp_ok("GetPortfolioList", PORTFOLIO)),
        (
            "listen_portfolio",
            lambda c: c.listen_portfolio("ST100001-MO-01"),
            chp_ok("ListenPortfolio", DESCRIPTION),
        ),
        (
            "cancel_portfolio",
            lambda c: c.cancel_portfolio("ST100001-MO-01"),
            chp_ok("CancelPortfolio", DESCRIPTION),
        ),
        ("update_order", lambda c: c.update_order(), chp_ok("UpdateOrder", ORDER)),
        ("update_position", lambda c: c.update_position(), chp_ok("UpdatePosition", POSITION)),
        ("add_trade", lambda c: c.add_trade(), chp_ok("AddTrade", OWN_TRADE)),
        ("set_portfolio", lambda c: c.set_portfolio(), chp_ok("SetPortfolio", MONEY)),
        (
            "place_order",
            lambda c: c.place_order(
                "ST100001-MO-01",
                "GAZP",
                chp.Action.BUY,
                chp.OrderType.LIMIT,
                Decimal(10),
                price=Decimal("1.5"),
                cookie=12,
            ),
            chp_ok("Place", {"Cookie": 12, "Orderid": "5"}),
        ),
        (
            "move_order",
            lambda c: c.move_order("ST100001-MO-01", "GAZP", "5", Decimal("1.6")),
            chp_ok("Move", {"OrderId": "5", "Result": True}),
        ),
        (
            "cancel_order",
            lambda c: c.cancel_order("ST100001-MO-01", "GAZP", "5"),
            chp_ok("Cancel", {"OrderId": "5", "Result": True}),
        ),
    ]
}


# --- market data (Binance format) ---
async def _fresh_symbols(client: MarketDataClient) -> Any:
    client._symbols = None  # fetched from the fuzzed answer
    return await client.instruments()


MD_FAILURE = samples.INVALID_SYMBOL
MARKETDATA: dict[str, Case] = {
    name: Case(call, body, MD_FAILURE)
    for name, call, body in [
        ("ping", lambda c: c.ping(), {}),
        ("server_time", lambda c: c.server_time(), samples.SERVER_TIME),
        ("exchange_info", lambda c: c.exchange_info(), samples.EXCHANGE_INFO),
        ("symbol_map", lambda c: c.symbol_map(refresh=True), samples.EXCHANGE_INFO),
        ("instruments", _fresh_symbols, samples.EXCHANGE_INFO),
        ("kline_rows", lambda c: c.kline_rows("BTC-USDT", "1h", limit=3), samples.KLINES_1H),
        ("kline_rows_before", lambda c: c.kline_rows_before("BTC-USDT", "1h", None, 3), samples.KLINES_1H),
        ("klines", lambda c: c.klines("BTC-USDT", "1h"), samples.KLINES_1H),
        ("klines_arrays", lambda c: c.klines_arrays("BTC-USDT", "1h"), samples.KLINES_1H),
        ("depth", lambda c: c.depth("BTC-USDT", 5), samples.DEPTH),
        ("book_tickers", lambda c: c.book_tickers(), [samples.BOOK_TICKER_BTC, samples.BOOK_TICKER_ETH]),
        ("tickers_24h", lambda c: c.tickers_24h(), [samples.TICKER_24H_BTC, samples.TICKER_24H_ETH]),
        ("quotes", lambda c: c.quotes(["BTC-USDT"]), samples.TICKER_24H_BTC | samples.BOOK_TICKER_BTC),
        ("trades", lambda c: c.trades("BTC-USDT"), samples.TRADES),
    ]
}
SYMBOLS = SymbolMap(ExchangeInfo.model_validate(samples.EXCHANGE_INFO).symbols)


def make_coinweight(answer: Answer) -> CoinWeightClient:
    return CoinWeightClient(
        VenueHttp("coinweight", DEFAULT_BASE_URL, transport=httpx.MockTransport(answer), backoff=0)
    )


def make_chp(answer: Answer) -> ChpClient:
    client = ChpClient(VenueHttp("chp", "http://chp.test", transport=httpx.MockTransport(answer), backoff=0))
    client.token = "tok-1"
    return client


def make_marketdata(answer: Answer) -> MarketDataClient:
    client = MarketDataClient(
        "binance", "http://md.test", transport=httpx.MockTransport(answer), read_retries=0
    )
    client._symbols = SYMBOLS
    return client


CLIENTS: dict[type, tuple[dict[str, Case], Callable[[Answer], Any]]] = {
    CoinWeightClient: (COINWEIGHT, make_coinweight),
    ChpClient: (CHP, make_chp),
    MarketDataClient: (MARKETDATA, make_marketdata),
}
ALL_CASES = [(cls, name) for cls, (cases, _make) in CLIENTS.items() for name in sorted(cases)]


# --- mutations ---
RAW_1E400 = "__raw_1e400__"  # json.dumps cannot write these numbers: placeholders swapped in the text
RAW_BIG_INT = "__raw_big_int__"
RAW_TINY = "__raw_tiny__"
RAW_TEXT = {f'"{RAW_1E400}"': "1e400", f'"{RAW_BIG_INT}"': "9" * 5000, f'"{RAW_TINY}"': "1e-400"}
NUMBERS: list[Any] = [
    0,
    -1,
    -0.0,
    1e308,
    -1e308,
    5e-324,
    10**30,
    -(10**30),
    2**63,
    2**31,
    float("nan"),
    float("inf"),
    float("-inf"),
    RAW_1E400,
    RAW_BIG_INT,
    RAW_TINY,
    1e15 + 1,
    0.1,
]
STRINGS: list[Any] = [
    "",
    " ",
    "NaN",
    "Infinity",
    "-1",
    "1e400",
    "1e999999",
    "1e-999999999",
    "abc",
    "²",
    "Error #²",
    "Error #99999999999999999999",
    "2020-13-45T99:99:99",
    "9999-12-31T23:59:59-23:00",
    "0001-01-01T00:00:00+05:00",
    "\x00",
    "[[[[",
    "10.0 ",
    " USDT",
    "1" * 5000,
]
OTHERS: list[Any] = [None, True, False, [], {}, [None], {"": None}]


def _paths(value: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every node under ``value``, found without recursion."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            found.append((node, key))
            stack.append(child)
    return found


def _nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def mutate(value: Any, rng: random.Random, count: int) -> Any:
    value = copy.deepcopy(value)
    for _ in range(count):
        paths = _paths(value)
        if not paths:
            return copy.deepcopy(rng.choice(NUMBERS + STRINGS + OTHERS))
        node, key = rng.choice(paths)
        op = rng.randrange(7)
        if op == 0 and isinstance(node, dict):
            del node[key]
        elif op == 1:
            node[key] = rng.choice(NUMBERS)
        elif op == 2:
            node[key] = rng.choice(STRINGS)
        elif op == 3:
            node[key] = copy.deepcopy(rng.choice(OTHERS))
        elif op == 4:  # type swapped
            old = node[key]
            node[key] = rng.choice([str(old)[:50], [old], {"x": old}, 1 if isinstance(old, str) else "1"])
        elif op == 5:
            node[key] = _nested(rng.choice([65, 100]))
        elif isinstance(node, list) and node:
            node.append(copy.deepcopy(node[0]))  # a second row like the first (same ids, same levels)
    return value


def dump(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False)
    for placeholder, raw in RAW_TEXT.items():
        text = text.replace(placeholder, raw)
    return text.encode()


def body_for(case: Case, kind: str, rng: random.Random, count: int) -> bytes:
    if kind == "mutated":
        return dump(mutate(case.example, rng, count))
    if kind == "failure":
        return dump(mutate(case.failure, rng, count - 1))
    if kind == "valid":
        return dump(case.example)
    if kind == "deep":
        return b"[" * DEEP + b"]" * DEEP if rng.random() < 0.5 else b'{"a":' * DEEP + b"1" + b"}" * DEEP
    if kind == "scalar":
        return dump(rng.choice(NUMBERS + STRINGS + OTHERS))
    if kind == "empty":
        return b""
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))  # garbage


KINDS = ["mutated"] * 10 + ["failure"] * 2 + ["valid", "deep", "scalar", "empty", "garbage"]


# --- using what came back ---
def exercise(value: Any) -> None:
    """Touches everything a caller would: model properties, nested values, klines as bars and arrays, and each
    CHP row through its converter."""
    for item in _walk(value):
        if isinstance(item, BaseModel):
            for name, attr in inspect.getmembers(type(item)):
                if isinstance(attr, property) and not name.startswith("_"):
                    getattr(item, name)
            _convert_chp(item)
        elif isinstance(item, Klines):
            item.bars()
            item.arrays()
            item.aggregated(7200)


def _walk(value: Any) -> Iterator[Any]:
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, BaseModel):
            stack.extend(getattr(item, name) for name in type(item).model_fields)
            stack.extend((item.model_extra or {}).values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


SYMBOLS_CHP = convert.Symbols()
CONVERTERS: dict[type, Callable[[Any], Any]] = {
    chp.SymbolRow: SYMBOLS_CHP.instrument,
    chp.BarRow: convert.bar,
    chp.QuoteRow: SYMBOLS_CHP.quote,
    chp.TickRow: SYMBOLS_CHP.tick,
    chp.BidAskRow: lambda row: convert.BookBuilder(SYMBOLS_CHP).add(row),
    chp.OrderRow: lambda row: SYMBOLS_CHP.order(row, "client-1"),
    chp.MyOrderRow: lambda row: SYMBOLS_CHP.order(row, "client-1"),
    chp.OwnTradeRow: SYMBOLS_CHP.fill,
    chp.MyTradeRow: SYMBOLS_CHP.my_fill,
    chp.PositionRow: SYMBOLS_CHP.position,
    chp.PortfolioStateRow: convert.balance,
}


def _convert_chp(row: BaseModel) -> None:
    converter = CONVERTERS.get(type(row))
    if converter is not None:
        converter(row)


# --- the tests ---
def public_methods(cls: type) -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(cls, inspect.iscoroutinefunction)
        if not name.startswith("_") and name != "aclose"
    }


def test_every_client_method_has_a_fuzz_case() -> None:
    for cls, (cases, _make) in CLIENTS.items():
        assert public_methods(cls) == set(cases), cls.__name__
    assert len(ALL_CASES) >= 42


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.mark.parametrize(("cls", "name"), ALL_CASES, ids=[f"{c.__name__}.{n}" for c, n in ALL_CASES])
def test_any_answer_gives_a_value_or_a_project_error(
    cls: type, name: str, loop: asyncio.AbstractEventLoop
) -> None:
    cases, make = CLIENTS[cls]
    case = cases[name]
    answer = Answer()
    client = make(answer)

    @settings(
        max_examples=EXAMPLES_PER_ENDPOINT,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the seed already names the body
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        seed=st.integers(0, 2**32 - 1),
        status=st.sampled_from(STATUSES),
        kind=st.sampled_from(KINDS),
        count=st.integers(1, 4),
    )
    def one_answer(seed: int, status: int, kind: str, count: int) -> None:
        answer.status = status
        answer.body = body_for(case, kind, random.Random(seed), count)
        if cls is MarketDataClient:
            client._symbols = SYMBOLS
        try:
            exercise(loop.run_until_complete(case.call(client)))
        except TesseraError:
            pass
        except Exception as exc:  # the body that did it, for the report
            raise AssertionError(f"{kind} HTTP {status}: {answer.body[:300]!r}") from exc

    try:
        one_answer()
    finally:
        loop.run_until_complete(client.http.aclose())


def test_the_valid_examples_parse_so_the_mutations_start_from_real_answers(
    loop: asyncio.AbstractEventLoop,
) -> None:
    for cls, name in ALL_CASES:
        cases, make = CLIENTS[cls]
        answer = Answer()
        answer.body = dump(cases[name].example)
        client = make(answer)
        exercise(loop.run_until_complete(cases[name].call(client)))
        loop.run_until_complete(client.http.aclose())
