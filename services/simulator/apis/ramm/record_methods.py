"""deals.*, positions.*, fills.*, fillRequests.*, signals.*, assets.*, symbols.*: what the book recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from services.simulator.apis.ramm import rows
from services.simulator.apis.ramm.query import (
    DATE_FROM,
    DATE_TO,
    EQ,
    NUM_FROM,
    NUM_TO,
    SUB,
    TEST,
    SearchSpec,
    search,
)
from services.simulator.apis.ramm.venue import Call, method
from services.simulator.apis.ramm.wire import invalid, need_int, not_found, parse_stamp

MAX_FILL_RANGE = 31 * 86400  # fills.search without FillRequestID/Symbol/Ticket: at most a month
R = TypeVar("R")

DEALS = SearchSpec(
    "Deals",
    {
        "AccountID": (EQ, "AccountID"),
        "SignalID": (EQ, "SignalID"),
        "SOID": (EQ, "SOID"),
        "CommandID": (EQ, "CommandID"),
        "StrategyID": (EQ, "StrategyID"),
        "Symbol": (EQ, "Symbol"),
        "Type": (EQ, "Type"),
        "AccountType": (EQ, "AccountType"),
        "ID": (EQ, "ID"),
        "DTFrom": (DATE_FROM, "DT"),
        "DTTo": (DATE_TO, "DT"),
        "ClientID": (EQ, "ClientID"),
        "WalletID": (EQ, "WalletID"),
        "Test": (TEST, "Test"),
        "AccountingSystem": (EQ, "AccountingSystem"),
    },
    (
        "ID",
        "StrategyID",
        "AccountID",
        "AccountType",
        "SignalID",
        "CommandID",
        "SOID",
        "SymbolSpecID",
        "StreamID",
        "FillRequestID",
        "ClientID",
        "WalletID",
        "DT",
        "Type",
        "Symbol",
        "Volume",
        "VolumeA",
        "Price",
        "Commission",
        "Entry",
        "Profit",
        "Swap",
        "TotalProfit",
        "DealToID",
        "Netting",
        "ClientLogin",
        "ClientEmail",
        "Test",
        "TurnoverUSD",
    ),
)
POSITIONS = SearchSpec(
    "Positions",
    {
        "AccountID": (EQ, "AccountID"),
        "ClientID": (EQ, "ClientID"),
        "WalletID": (EQ, "WalletID"),
        "StrategyID": (EQ, "StrategyID"),
        "Symbol": (EQ, "Symbol"),
        "Test": (TEST, "Test"),
        "AccountingSystem": (EQ, "AccountingSystem"),
        "Ticket": (EQ, "Ticket"),
    },
    (
        "ID",
        "AccountID",
        "SymbolSpecID",
        "Symbol",
        "VolumeRequestLong",
        "VolumeRequestShort",
        "VolumeOpen",
        "VolumeRejected",
        "PriceOpen",
        "Swap",
        "SwapDT",
        "MarginRequestLong",
        "MarginRequestShort",
        "MarginOpen",
        "MarginLongTotal",
        "MarginShortTotal",
        "MarginTotal",
        "Profit",
        "TotalProfit",
        "ProfitCalcQuote",
        "ClientID",
        "WalletID",
        "IDStrategy",
        "StrategyName",
        "TraderID",
        "TraderLogin",
        "Test",
        "AccountingSystem",
        "Ticket",
    ),
    order_columns={"IDStrategy": "StrategyID"},
)
FILLS = SearchSpec(
    "Fills",
    {
        "DTProcessedFrom": (DATE_FROM, "DTProcessed"),
        "DTProcessedTo": (DATE_TO, "DTProcessed"),
        "FillRequestID": (EQ, "FillRequestID"),
        "Symbol": (EQ, "Symbol"),
        "Ticket": (EQ, "Ticket"),
        "PriceFrom": (NUM_FROM, "Price"),
        "PriceTo": (NUM_TO, "Price"),
        "ID": (EQ, "ID"),
        "Test": (TEST, "Test"),
    },
    (
        "ID",
        "FillRequestID",
        "Symbol",
        "Price",
        "VolumeFilled",
        "VolumeRejected",
        "CommissionFill",
        "Ticket",
        "DT",
        "DTExecuted",
        "DTProcessed",
        "Test",
    ),
)
FILL_REQUESTS = SearchSpec(
    "FillRequests",
    {"StreamID": (EQ, "StreamID"), "Symbol": (EQ, "Symbol"), "Test": (TEST, "Test")},
    ("ID", "StreamID", "Symbol", "Volume", "DT", "DTProcessed", "DTLastFill", "Test"),
    max_per_page_shown=False,
)
SIGNALS = SearchSpec(
    "Signals",
    {
        "StrategyID": (EQ, "StrategyID"),
        "DTFrom": (DATE_FROM, "DT"),
        "DTTo": (DATE_TO, "DT"),
        "Symbol": (EQ, "Symbol"),
        "Status": (EQ, "Status"),
    },
    (
        "ID",
        "StrategyID",
        "DT",
        "Symbol",
        "TraderLot",
        "TraderEquity",
        "SymbolsSync",
        "Status",
        "Ticket",
        "Comment",
        "DTProcessed",
    ),
    max_per_page_shown=False,
)
ASSETS = SearchSpec(
    "Assets",
    {"Type": (EQ, "Type"), "Name": (SUB, "Name")},
    ("ID", "Type", "Name", "Precision"),
    max_per_page_shown=False,
)
SYMBOLS = SearchSpec(
    "Symbols",
    {"Name": (SUB, "Name"), "Enabled": (EQ, "Enabled")},
    ("ID", "IDAssetBase", "AssetBaseName", "IDAssetQuote", "AssetQuoteName", "Name", "FullName", "Enabled"),
    max_per_page_shown=False,
)


def _get(call: Call, table: dict[int, R], visible: Callable[[R], bool], render: Callable[[R], Any]) -> Any:
    key = need_int(call.body, "ID")
    record = table.get(key)
    if record is None or not visible(record):
        raise not_found("ID", key)
    return render(record)


def _our_account(call: Call, account_id: int) -> bool:
    return call.company_of_account(call.state.accounts[account_id]) == call.company_id


def _our_strategy(call: Call, strategy_id: int) -> bool:
    return call.state.strategies[strategy_id].company_id == call.company_id


def _searched(call: Call, spec: SearchSpec, found: Iterable[rows.Row]) -> Any:
    return search(spec, call.body, list(found))


@method("deals.search")
async def deals_search(call: Call) -> Any:
    deals = (
        rows.deal_row(call.book, d) for d in call.state.deals.values() if _our_account(call, d.account_id)
    )
    return _searched(call, DEALS, deals)


@method("deals.get")
async def deals_get(call: Call) -> Any:
    return _get(
        call,
        call.state.deals,
        lambda d: _our_account(call, d.account_id),
        lambda d: rows.deal_info(call.book, d),
    )


def _positions(call: Call) -> dict[int, Any]:
    return {
        p.id: p
        for a in call.state.accounts.values()
        if _our_account(call, a.id)
        for p in a.positions.values()
    }


@method("positions.search")
async def positions_search(call: Call) -> Any:
    return _searched(call, POSITIONS, (rows.position_row(call.book, p) for p in _positions(call).values()))


@method("positions.get")
async def positions_get(call: Call) -> Any:
    if "ID" not in call.body and "PositionID" in call.body:  # the doc's example sends PositionID
        call.body["ID"] = call.body["PositionID"]
    return _get(call, _positions(call), lambda p: True, lambda p: rows.position_info(call.book, p))


# Fills and fill requests are the company's aggregated orders: visible when a deal of ours refers to them.
def _our_requests(call: Call) -> set[int]:
    return {d.fill_request_id for d in call.state.deals.values() if _our_account(call, d.account_id)}


@method("fills.search")
async def fills_search(call: Call) -> Any:
    filter_ = call.body.get("Filter") or {}
    if isinstance(filter_, dict) and not any(filter_.get(k) for k in ("FillRequestID", "Symbol", "Ticket")):
        low, high = filter_.get("DTProcessedFrom"), filter_.get("DTProcessedTo")
        if (
            low
            and high
            and parse_stamp(high, "Filter.DTProcessedTo") - parse_stamp(low, "Filter.DTProcessedFrom")
            > MAX_FILL_RANGE
        ):
            raise invalid(
                "Filter.DTProcessedTo", "without FillRequestID, Symbol or Ticket the range is a month"
            )
    ours = _our_requests(call)
    return _searched(
        call, FILLS, (rows.fill_row(f) for f in call.state.fills.values() if f.fill_request_id in ours)
    )


@method("fills.get")
async def fills_get(call: Call) -> Any:
    ours = _our_requests(call)
    return _get(
        call,
        call.state.fills,
        lambda f: f.fill_request_id in ours,
        lambda f: {k: v for k, v in rows.fill_row(f).items() if k != "Test"},
    )


@method("fillRequests.search")
async def fill_requests_search(call: Call) -> Any:
    ours = _our_requests(call)
    found = (rows.fill_request_row(r) for r in call.state.fill_requests.values() if r.id in ours)
    return _searched(call, FILL_REQUESTS, found)


@method("fillRequests.get")
async def fill_requests_get(call: Call) -> Any:
    ours = _our_requests(call)
    return _get(
        call,
        call.state.fill_requests,
        lambda r: r.id in ours,
        lambda r: {k: v for k, v in rows.fill_request_row(r).items() if k != "Test"},
    )


@method("signals.search")
async def signals_search(call: Call) -> Any:
    found = (rows.signal_row(s) for s in call.state.signals.values() if _our_strategy(call, s.strategy_id))
    return _searched(call, SIGNALS, found)


@method("signals.get")
async def signals_get(call: Call) -> Any:
    return _get(call, call.state.signals, lambda s: _our_strategy(call, s.strategy_id), rows.signal_row)


@method("assets.search")
async def assets_search(call: Call) -> Any:
    return _searched(call, ASSETS, (rows.asset_row(a) for a in call.venue.instruments.assets.values()))


@method("assets.get")
async def assets_get(call: Call) -> Any:
    return _get(call, call.venue.instruments.assets, lambda a: True, rows.asset_row)


@method("symbols.search")
async def symbols_search(call: Call) -> Any:
    return _searched(call, SYMBOLS, (rows.symbol_row(s) for s in call.venue.instruments.symbols.values()))


@method("symbols.get")
async def symbols_get(call: Call) -> Any:
    return _get(call, call.venue.instruments.symbols, lambda s: True, rows.symbol_row)
