"""strategies.*, strategysymbolstat.get, accounts.*, trading.*, streams.get: the copy-trading commands."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import quoteattr

from services.ramm.enums import AccountingSystem, AccountStatus, AccountType, CopyStrategyStatus
from services.simulator.apis.ramm import rows
from services.simulator.apis.ramm.book import lots
from services.simulator.apis.ramm.instruments import USD_ASSET_ID
from services.simulator.apis.ramm.query import (
    CLOSED,
    DATE_FROM,
    DATE_TO,
    EQ,
    MEMBER,
    NUM_FROM,
    NUM_TO,
    SUB,
    TEST,
    SearchSpec,
    search,
)
from services.simulator.apis.ramm.rows import STREAMS
from services.simulator.apis.ramm.seed import open_account
from services.simulator.apis.ramm.state import StrategyRec
from services.simulator.apis.ramm.venue import Call, method
from services.simulator.apis.ramm.wire import (
    bool_field,
    dec_field,
    int_field,
    invalid,
    invalid_status,
    need_dec,
    need_str,
    places,
    str_field,
)

STRATEGIES = SearchSpec(
    "Strategies",
    {
        "WalletID": (EQ, "WalletID"),
        "ClientID": (EQ, "ClientID"),
        "Name": (SUB, "Name"),
        "DTClosedFrom": (DATE_FROM, "DTClosed"),
        "DTClosedTo": (DATE_TO, "DTClosed"),
        "DTCreatedFrom": (DATE_FROM, "DTCreated"),
        "DTCreatedTo": (DATE_TO, "DTCreated"),
        "YieldFrom": (NUM_FROM, "Yield"),
        "YieldTo": (NUM_TO, "Yield"),
        "Status": (EQ, "Status"),
        "Symbols": (SUB, "Symbols"),
        "TraderLogin": (SUB, "TraderLogin"),
        "ExternalAccount": (EQ, "ExternalAccount"),
        "Closed": (CLOSED, "DTClosed"),
        "AccountingSystem": (EQ, "AccountingSystem"),
    },
    (
        "ID",
        "ClientID",
        "WalletID",
        "Name",
        "DTCreated",
        "DTClosed",
        "Yield",
        "Accounts",
        "Status",
        "Symbols",
        "UnitPrice",
        "Leverage",
        "MonthlyYield",
        "TraderLogin",
    ),
    text_columns=("Name", "TraderLogin", "Symbols", "ExternalAccount"),
)
ACCOUNTS = SearchSpec(
    "Accounts",
    {
        "StrategyID": (EQ, "StrategyID"),
        "ClientID": (EQ, "ClientID"),
        "DTCreatedFrom": (DATE_FROM, "DTCreated"),
        "DTCreatedTo": (DATE_TO, "DTCreated"),
        "DTClosedFrom": (DATE_FROM, "DTClosed"),
        "DTClosedTo": (DATE_TO, "DTClosed"),
        "Type": (EQ, "Type"),
        "State": (EQ, "State"),
        "ID": (EQ, "ID"),
        "StreamID": (EQ, "StreamID"),
        "Test": (TEST, "Test"),
        "AccountingSystem": (EQ, "AccountingSystem"),
        "Statuses": (MEMBER, "Status"),
    },
    (
        "ID",
        "ClientID",
        "WalletID",
        "StrategyID",
        "TradingCoreID",
        "AccountSpecAssetID",
        "LiquidityID",
        "StreamID",
        "StreamName",
        "PartnerID",
        "CommandCloseID",
        "TradingIntervalCurrentID",
        "IsSecurity",
        "DTCreated",
        "DTClosed",
        "Type",
        "ABook",
        "Balance",
        "Factor",
        "Equity",
        "ProfitBase",
        "Bonus",
        "Margin",
        "Status",
        "MCReached",
        "Protection",
        "ProtectionEquity",
        "ProtectionReached",
        "Target",
        "TargetEquity",
        "TargetReached",
        "AssetName",
        "Precision",
        "State",
        "Test",
    ),
    order_in_pagination=True,
)


def _ours(call: Call) -> list[StrategyRec]:
    return [s for s in call.state.strategies.values() if s.company_id == call.company_id]


def _name_free(call: Call, name: str, owner: int | None = None) -> bool:
    return not any(s.name.lower() == name.lower() and s.id != owner for s in _ours(call))


@method("strategies.search")
async def strategies_search(call: Call) -> Any:
    now = call.now()
    return search(STRATEGIES, call.body, [rows.strategy_row(call.book, s, now) for s in _ours(call)])


@method("strategies.get")
async def strategies_get(call: Call) -> Any:
    return rows.strategy_info(call.book, call.strategy(), call.now())


def _fraction(call: Call, name: str, decimals: int, *, upper_open: bool = False) -> Decimal | None:
    value = dec_field(call.body, name, required=False)
    if value is None:
        return None
    if value < 0 or value > 1 or (upper_open and value == 1):
        raise invalid(name, "from 0 to 1" + (" (1 excluded)" if upper_open else ""))
    return places(value, name, decimals)


@method("strategies.add")
async def strategies_add(call: Call) -> Any:
    body = call.body
    client = call.client("ClientID")
    wallet = call.wallet("WalletID")
    if wallet.client_id != client.id:
        raise invalid("WalletID", "not a wallet of this client")
    if int_field(body, "AccountSpecAssetID", required=False, default=USD_ASSET_ID) != USD_ASSET_ID:
        raise invalid("AccountSpecAssetID", "only USD (840) accounts")
    name = need_str(body, "Name", max_len=50)
    if not _name_free(call, name):
        raise invalid("Name", "a strategy with this name exists")
    fee = _fraction(call, "FeeRate", 2) or Decimal(0)
    protection = _fraction(call, "Protection", 3, upper_open=True)
    target = dec_field(body, "Target", required=False)
    if target is not None and target <= 0:
        raise invalid("Target", "must be positive or null")
    money = places(need_dec(body, "Money"), "Money", 2)
    if money <= 0:
        raise invalid("Money", "must be positive")
    if money > wallet.balance:
        raise invalid("Money", f"the wallet holds {wallet.balance} USD")
    commission = dec_field(body, "CommissionRate", required=False) or Decimal(0)
    if commission < 0:
        raise invalid("CommissionRate", "must not be negative")
    tags = str_field(body, "ExecutionTags") or ""
    if tags:
        try:
            parsed = json.loads(tags)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            raise invalid("ExecutionTags", "a JSON object in a string")
    accounting = int_field(body, "AccountingSystem", required=False, default=AccountingSystem.NETTING)
    if accounting not in (AccountingSystem.HEDGING, AccountingSystem.NETTING):
        raise invalid("AccountingSystem", "0 or 1")
    now = call.now()
    strategy = StrategyRec(
        call.state.next_id("strategy"),
        call.company_id,
        client.id,
        wallet.id,
        name,
        now,
        money,
        int(accounting),
        fee_rate=fee,
        commission_rate=commission,
        protection=protection,
        target=None if target is None else places(target, "Target", 3),
        external_server=str_field(body, "ExternalServer", max_len=50) or "",
        external_account=str_field(body, "ExternalAccount", max_len=20) or "",
        execution_tags=tags,
        need_sync=True,
    )
    call.state.strategies[strategy.id] = strategy
    trader = open_account(
        call.book,
        strategy,
        client.id,
        wallet.id,
        AccountType.REAL_SECURITY,
        Decimal(1),
        client.default_hedge,
        money,
        now,
    )
    if protection:
        trader.protection, trader.protection_equity = protection, money * (1 - protection)
    if strategy.target is not None:
        trader.target, trader.target_equity = strategy.target, money * (1 + strategy.target)
    strategy.trader_account_id = trader.id
    return {"Strategy": {"ID": strategy.id}}


@method("strategies.set")
async def strategies_set(call: Call) -> Any:
    strategy = call.strategy()
    name = need_str(call.body, "Name", max_len=50)
    if not _name_free(call, name, strategy.id):
        raise invalid("Name", "a strategy with this name exists")
    strategy.name = name
    return None


@method("strategies.close")
async def strategies_close(call: Call) -> Any:
    return {"CommandID": call.book.close_strategy(call.strategy(), call.now())}


@method("strategies.checkName")
async def strategies_check_name(call: Call) -> Any:
    return {"StrategyNameAvailable": _name_free(call, need_str(call.body, "Name", max_len=50))}


@method("strategysymbolstat.get")
async def strategysymbolstat_get(call: Call) -> Any:
    strategy = call.strategy()
    counts: dict[str, Decimal] = {}
    for deal in call.state.deals.values():
        if deal.account_id == strategy.trader_account_id and deal.symbol:
            counts[deal.symbol] = counts.get(deal.symbol, Decimal(0)) + deal.turnover_usd
    total = sum(counts.values(), Decimal(0))
    shares = (
        [{"Symbol": s, "Share": rows.num(v / total * 100)} for s, v in sorted(counts.items())]
        if total
        else []
    )
    return {"StrategySymbolStat": shares}


# --- accounts.* ---------------------------------------------------------------------------------------------


@method("accounts.search")
async def accounts_search(call: Call) -> Any:
    found = [
        rows.account_row(call.book, a)
        for a in call.state.accounts.values()
        if call.company_of_account(a) == call.company_id
    ]
    return search(ACCOUNTS, call.body, found)


@method("accounts.get")
async def accounts_get(call: Call) -> Any:
    return rows.account_info(call.book, call.account())


@method("accounts.set")
async def accounts_set(call: Call) -> Any:
    account = call.account()
    if account.status == AccountStatus.CLOSED:
        raise invalid_status(f"account {account.id} is closed")
    abook = _fraction(call, "ABook", 2)
    stream = int_field(call.body, "StreamID", required=False)
    if stream is not None and stream not in STREAMS:
        raise invalid("StreamID", "unknown stream")
    answer = {"ABookCommandID": 0, "CommandStreamID": 0}
    if abook is not None:
        account.abook = abook
        answer["ABookCommandID"] = call.state.next_id("command")
    if stream is not None:
        account.stream_id = stream
        answer["CommandStreamID"] = call.state.next_id("command")
    return answer


@method("accounts.close")
async def accounts_close(call: Call) -> Any:
    account = call.account()
    if account.is_security:
        raise invalid_status("the trader's own account closes with its strategy (strategies.close)")
    return {"CommandID": call.book.close_account(account, call.now())}


@method("accounts.getStatement")
async def accounts_get_statement(call: Call) -> Any:
    return rows.statement(call.book, call.account(), call.now())


@method("accounts.pause")
async def accounts_pause(call: Call) -> Any:
    return {"CommandID": call.book.pause(call.account(), call.now())}


@method("accounts.resume")
async def accounts_resume(call: Call) -> Any:
    return {"CommandID": call.book.resume(call.account(), call.now())}


# --- trading.* / streams.get --------------------------------------------------------------------------------


@method("trading.searchStrategies")
async def trading_search_strategies(call: Call) -> Any:
    statuses = call.body.get("Statuses") or []
    if not isinstance(statuses, list) or not all(isinstance(s, int) for s in statuses):
        raise invalid("Statuses", "a list of strategy statuses")
    need_sync_only = bool(bool_field(call.body, "NeedSyncOnly"))
    server = str_field(call.body, "ExternalServer")
    found = [
        {
            "ID": s.id,
            "Status": s.status,
            "NeedSync": s.need_sync,
            "ExternalAccount": s.external_account,
            "ExternalServer": s.external_server,
        }
        for s in sorted(_ours(call), key=lambda s: s.id)
        if (not statuses or s.status in statuses)
        and (not need_sync_only or s.need_sync)
        and (not server or s.external_server == server)
    ]
    return {"Strategies": found}


def _lot(value: Decimal, field: str) -> Decimal:
    if lots(value) != value:
        raise invalid(field, "at most 2 decimal places")
    return value


def _trading_strategy(call: Call) -> StrategyRec:
    strategy = call.strategy("StrategyID")
    if strategy.status != CopyStrategyStatus.ACTIVE:
        raise invalid_status(f"strategy {strategy.id} is not active (status {strategy.status})")
    return strategy


def _equity(call: Call, strategy: StrategyRec, given: Decimal | None) -> Decimal:
    return given if given is not None else call.book.value(call.book.trader_account(strategy)).equity


@method("trading.addSignal")
async def trading_add_signal(call: Call) -> Any:
    strategy = _trading_strategy(call)
    symbol = need_str(call.body, "Symbol")
    lot = _lot(need_dec(call.body, "Lot"), "Lot")
    equity = _equity(call, strategy, dec_field(call.body, "Equity", required=False))
    signals = call.book.add_signal(
        strategy,
        {symbol: lot},
        equity,
        call.now(),
        ticket=str_field(call.body, "Ticket") or "",
        comment=str_field(call.body, "Comment") or "",
    )
    return {"SignalID": signals[0].id}


@method("trading.addSync")
async def trading_add_sync(call: Call) -> Any:
    strategy = _trading_strategy(call)
    items = call.body.get("Signals")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise invalid("Signals", "a list of {Symbol, Lot, Equity}")
    wanted: dict[str, Decimal] = {}
    equity: Decimal | None = None
    for index, item in enumerate(items):
        symbol = need_str(item, "Symbol")
        wanted[symbol] = _lot(need_dec(item, "Lot"), f"Signals[{index}].Lot")
        equity = dec_field(item, "Equity", required=False) or equity
    if not bool_field(call.body, "SoftSync"):  # a hard sync is the whole state: what it leaves out is flat
        for symbol in call.book.trader_account(strategy).positions:
            wanted.setdefault(symbol, Decimal(0))
    sync_xml = "<Root>" + "".join(f"<Item Symbol={quoteattr(s)}/>" for s in wanted) + "</Root>"
    if wanted:
        call.book.add_signal(
            strategy,
            wanted,
            _equity(call, strategy, equity),
            call.now(),
            sync_xml=sync_xml,
            ticket=str_field(call.body, "Ticket") or "",
            comment=str_field(call.body, "Comment") or "",
        )
    strategy.need_sync = False
    return None


@method("streams.get")
async def streams_get(call: Call) -> Any:
    stream_id, name = next(iter(STREAMS.items()))
    return {"IDStream": stream_id, "Name": name}
