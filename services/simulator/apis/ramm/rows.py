"""Records rendered as the documented wire objects (field names and number types as in the notes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from services.ramm.enums import AccountStatus, AccountType, DealType, TransferType
from services.simulator.apis.ramm.book import LEVERAGE, CopyBook, cents
from services.simulator.apis.ramm.instruments import USD_ASSET_ID, AssetSpec, SymbolSpec
from services.simulator.apis.ramm.state import (
    ZERO,
    AccountRec,
    CustomerRec,
    DealRec,
    FillRec,
    FillRequestRec,
    ManagerRec,
    PositionRec,
    RammState,
    SessionRec,
    SignalRec,
    StrategyRec,
    TransferRec,
    WalletRec,
)
from services.simulator.apis.ramm.wire import num, stamp

Row = dict[str, Any]
STREAMS = {1: "Sim LP (A-book)"}
MC_LEVEL = 50
_DAY = 86400


def session_row(state: RammState, session: SessionRec, *, with_token: bool = True) -> Row:
    manager = state.managers[session.manager_id]
    row: Row = {"Token": session.token} if with_token else {}
    row.update(
        {
            "Login": manager.login,
            "ManagerID": manager.id,
            "CompanyID": session.company_id,
            "DTCreated": stamp(session.created),
            "DTLastActivity": stamp(session.last_activity),
            "DTRightsLastUpdate": stamp(manager.rights_updated),
            "ExpirationMinutes": session.expiration_minutes,
            "Demo": state.companies[session.company_id].demo,
        }
    )
    return row


def manager_row(manager: ManagerRec) -> Row:
    return {
        "ID": manager.id,
        "Login": manager.login,
        "FirstName": manager.first_name,
        "LastName": manager.last_name,
        "Mobile": manager.mobile,
        "Comment": manager.comment,
        "Status": manager.status,
        "Tag": manager.tag,
    }


# --- clients and wallets ------------------------------------------------------------------------------------


def client_row(book: CopyBook, client: CustomerRec) -> Row:
    state = book.state
    accounts = [a for a in state.accounts.values() if a.client_id == client.id]
    active = [a for a in accounts if a.status != AccountStatus.CLOSED]
    strategies = [s for s in state.strategies.values() if s.client_id == client.id]
    wallets = sum((w.balance for w in state.wallets.values() if w.client_id == client.id), ZERO)
    equity = sum((book.value(a).equity for a in active), ZERO)
    return {
        "ID": client.id,
        "Login": client.login,
        "Email": client.email,
        "FirstName": client.first_name,
        "LastName": client.last_name,
        "Mobile": client.mobile,
        "Language": client.language,
        "Status": client_status(state, client),
        "Tag": client.tag,
        "Comment": client.comment,
        "Test": client.test,
        "Enabled": client.enabled,
        "ActiveAccountsCount": len(active),
        "ActiveAccountsTotalBalance": num(sum((a.balance for a in active), ZERO)),
        "ActiveAccountsTotalEquity": num(equity),
        "ActiveAccountsTotalPositionsCount": sum(len(a.positions) for a in active),
        "ClosedAccountsCount": len(accounts) - len(active),
        "ActiveStrategiesCount": sum(1 for s in strategies if s.closed is None),
        "ClosedStrategiesCount": sum(1 for s in strategies if s.closed is not None),
        "WalletsTotalBalance": num(wallets),
        "TotalFunds": num(wallets + equity),
    }


def client_status(state: RammState, client: CustomerRec) -> int:
    """Client.Status from the balance history: the highest documented step reached."""
    kinds = {t.type for t in client_transfers(state, client.id)}
    for status, kind in (
        (4, TransferType.FUND),
        (3, TransferType.FEE),
        (2, TransferType.PARTNERS),
        (1, TransferType.BONUS_FUND),
    ):
        if kind in kinds:
            return status
    return 0


def client_transfers(state: RammState, client_id: int) -> list[TransferRec]:
    wallets = {w.id for w in state.wallets.values() if w.client_id == client_id}
    return [t for t in state.transfers.values() if t.wallet_id in wallets]


def client_info(book: CopyBook, client: CustomerRec) -> Row:
    return {
        "ID": client.id,
        "IDCompany": client.company_id,
        "IDReferralToken": 0,
        "RegisteredDate": stamp(client.registered),
        "FirstName": client.first_name,
        "LastName": client.last_name,
        "Mobile": client.mobile,
        "Login": client.login,
        "Comment": client.comment,
        "Language": client.language,
        "Status": client_status(book.state, client),
        "Tag": client.tag,
        "Country": client.country,
        "Email": client.email,
        "Enabled": client.enabled,
        "ExternalPartnerReference": client.external_reference,
        "ReferralRebate": 0,
        "Test": client.test,
        "StrategyDefaultStreamID": client.default_stream_id,
        "StrategyDefaultHedge": num(client.default_hedge),
        "StrategyDefaultStreamName": STREAMS.get(client.default_stream_id, ""),
        "AvailableStreams": [{"StreamID": i, "Name": n} for i, n in STREAMS.items()],
        "Statistic": client_statistic(book, client),
    }


def client_statistic(book: CopyBook, client: CustomerRec) -> Row:
    """The 22 fields of clients.get Statistic, as documented (excl. Type 1 virtual-master accounts)."""
    state = book.state
    accounts = [
        a
        for a in state.accounts.values()
        if a.client_id == client.id and a.type != AccountType.VIRTUAL_MASTER
    ]
    ids = {a.id for a in accounts}
    deals = [d for d in state.deals.values() if d.account_id in ids]
    trades = [d for d in deals if d.type in (DealType.BUY, DealType.SELL)]
    transfers = client_transfers(state, client.id)

    def total(kind: TransferType) -> Decimal:
        return sum((t.amount for t in transfers if t.type == kind), ZERO)

    values = {a.id: book.value(a) for a in accounts}
    strategies = [s for s in state.strategies.values() if s.client_id == client.id]
    commission = sum((d.commission for d in trades), ZERO)
    fund_in, fund_out = total(TransferType.FUND), abs(total(TransferType.WITHDRAW))
    gross = sum((d.profit for d in trades), ZERO)
    stats: dict[str, Decimal | int] = {
        "GrossBalance": sum((a.balance for a in accounts), ZERO),
        "NetBalance": sum((max(a.balance - a.bonus, ZERO) for a in accounts), ZERO),
        "Equity": sum((v.equity for v in values.values()), ZERO),
        "NetEquity": sum((v.equity for v in values.values()), ZERO) - sum((a.bonus for a in accounts), ZERO),
        "ActiveAccounts": sum(1 for a in accounts if a.status != AccountStatus.CLOSED),
        "ClosedAccounts": sum(1 for a in accounts if a.status == AccountStatus.CLOSED),
        "ActiveStrategies": sum(1 for s in strategies if s.closed is None),
        "ClosedStrategies": sum(1 for s in strategies if s.closed is not None),
        "ClientFundsTotalIn": fund_in,
        "ClientFundsTotalOut": fund_out,
        "ClientFundsDelta": fund_in - fund_out,
        "ClientBonusDelta": total(TransferType.BONUS_FUND) - abs(total(TransferType.BONUS_WITHDRAW)),
        "GrossProfit": gross - commission,
        "NetProfit": gross,
        "GrossSwap": ZERO,
        "CommissionBroker": ZERO,
        "CommissionTrader": commission,
        "FeeCharged": sum((d.profit for d in deals if d.type == DealType.FEE), ZERO),
        "FeeReceived": total(TransferType.FEE),
        "CommissionReceived": total(TransferType.COMMISSION),
        "Volume": sum((d.volume for d in trades), ZERO),
        "NetFloatingProfit": sum((sum(v.profit.values(), ZERO) for v in values.values()), ZERO),
    }
    return {k: num(Decimal(v)) for k, v in stats.items()}


def client_stat_row(book: CopyBook, client: CustomerRec) -> Row:
    state = book.state
    accounts = [a for a in state.accounts.values() if a.client_id == client.id]
    active = [a for a in accounts if a.status != AccountStatus.CLOSED]
    values = {a.id: book.value(a) for a in active}
    ids = {a.id for a in accounts}
    deals = [d for d in state.deals.values() if d.account_id in ids]
    strategies = [s for s in state.strategies.values() if s.client_id == client.id]
    transfers = client_transfers(state, client.id)
    t_in = sum((t.amount for t in transfers if t.amount > 0), ZERO)
    t_out = abs(sum((t.amount for t in transfers if t.amount < 0), ZERO))
    realised = sum((d.profit for d in deals if d.type in (DealType.BUY, DealType.SELL)), ZERO)
    floating = sum((sum(v.profit.values(), ZERO) for v in values.values()), ZERO)
    fees_paid = abs(sum((d.profit for d in deals if d.type == DealType.FEE), ZERO))
    fee_received = sum((t.amount for t in transfers if t.type == TransferType.FEE), ZERO)
    return {
        "IDClient": client.id,
        "IDCompany": client.company_id,
        "Test": int(client.test),
        "AccountsBalance": num(sum((a.balance for a in active), ZERO)),
        "AccountsEquity": num(sum((v.equity for v in values.values()), ZERO)),
        "AccountsProfitCurrentIntervalGross": num(realised + floating),
        "AccountsProfitPositionsGross": num(floating),
        "AccountsPastProfit": num(realised),
        "AccountsFeeCharged": num(fees_paid),
        "AccountsFeePaid": num(fees_paid),
        "AccountsCommissionPaid": num(sum((d.commission for d in deals), ZERO)),
        "AccountsActive": len(active),
        "AccountsClosed": len(accounts) - len(active),
        "StrategiesActive": sum(1 for s in strategies if s.closed is None),
        "StrategiesClosed": sum(1 for s in strategies if s.closed is not None),
        "StrategiesFeeReceived": num(fee_received),
        "StrategiesFeeDue": 0,
        "StrategiesCommissionReceived": num(
            sum((t.amount for t in transfers if t.type == TransferType.COMMISSION), ZERO)
        ),
        "StrategiesCommissionDue": 0,
        "WalletTransfersTotalIn": num(t_in),
        "WalletTransfersTotalOut": num(t_out),
        "WalletTransfersTotalDelta": num(t_in - t_out),
        "Swap": 0,
        "DealsVolume": num(sum((d.volume for d in deals), ZERO)),
        "WalletsTotalBalance": num(
            sum((w.balance for w in state.wallets.values() if w.client_id == client.id), ZERO)
        ),
        "PositionsCount": sum(len(a.positions) for a in active),
        "Login": client.login,
    }


def wallet_row(book: CopyBook, wallet: WalletRec, *, created_key: str = "DTCreated") -> Row:
    accounts = [
        a
        for a in book.state.accounts.values()
        if a.wallet_id == wallet.id and a.status != AccountStatus.CLOSED
    ]
    values = [book.value(a) for a in accounts]
    return {
        "ID": wallet.id,
        "ClientID": wallet.client_id,
        "Asset": wallet.asset,
        created_key: stamp(wallet.created),
        "Balance": num(wallet.balance),
        "Bonus": num(wallet.bonus),
        "Status": wallet.status,
        "Invested": num(sum((a.profit_base for a in accounts), ZERO)),
        "Margin": num(sum((v.margin for v in values), ZERO)),
        "IntervalPnL": num(
            sum((v.equity - a.profit_base for v, a in zip(values, accounts, strict=True)), ZERO)
        ),
    }


def transfer_row(state: RammState, transfer: TransferRec, *, wallet_key: str = "WalletID") -> Row:
    client = state.clients[state.wallets[transfer.wallet_id].client_id]
    return {
        "ID": transfer.id,
        wallet_key: transfer.wallet_id,
        "ExternalTransferID": transfer.external_id,
        "DT": stamp(transfer.dt),
        "Type": transfer.type,
        "Amount": num(transfer.amount),
        "CommentClient": transfer.comment_client,
        "CommentCompany": transfer.comment_company,
        "Test": int(client.test),
        "_ClientID": client.id,  # for the search filter only (query.search drops "_" keys)
    }


# --- strategies ---------------------------------------------------------------------------------------------


def strategy_yields(
    book: CopyBook, strategy: StrategyRec, now: float
) -> tuple[Decimal, dict[str, Decimal], list[Row]]:
    """(Yield %, Yields by period, Chart): from the trader's own account equity against the money invested."""
    trader = book.trader_account(strategy)
    equity = book.value(trader).equity if trader.status != AccountStatus.CLOSED else trader.balance
    history = list(trader.history)

    def change_since(seconds: float) -> Decimal:
        then = next((e for t, e in reversed(history) if t <= now - seconds), strategy.money)
        return cents((equity / then - 1) * 100) if then else ZERO

    current = cents((equity / strategy.money - 1) * 100) if strategy.money else ZERO
    periods = {
        "current": current,
        "day": change_since(_DAY),
        "week": change_since(7 * _DAY),
        "month": change_since(30 * _DAY),
        "quarter": change_since(91 * _DAY),
    }
    chart = [{"Yield": num((e / strategy.money - 1) * 100), "DT": stamp(t)} for t, e in history]
    chart.append({"Yield": num(current), "DT": stamp(now)})
    return current, periods, chart


def strategy_row(book: CopyBook, strategy: StrategyRec, now: float) -> Row:
    state = book.state
    trader = book.trader_account(strategy)
    owner = state.clients[strategy.client_id]
    current, periods, chart = strategy_yields(book, strategy, now)
    value = book.value(trader)
    months = max((now - strategy.created) / (30 * _DAY), 1)
    counts: dict[str, int] = {}
    for deal in state.deals.values():
        if deal.account_id == trader.id and deal.symbol:
            counts[deal.symbol] = counts.get(deal.symbol, 0) + 1
    accounts = [
        a for a in book.strategy_accounts(strategy) if not a.is_security and a.status != AccountStatus.CLOSED
    ]
    return {
        "ID": strategy.id,
        "AccountingSystem": strategy.accounting,
        "ClientID": strategy.client_id,
        "WalletID": strategy.wallet_id,
        "TradingCoreID": 1,
        "Name": strategy.name,
        "DTCreated": stamp(strategy.created),
        "DTClosed": stamp(strategy.closed),
        "DTStat": stamp(strategy.created),
        "DTStamp": stamp(now),
        "Commission": num(strategy.commission_rate / 1_000_000, 6),
        "Fee": num(strategy.fee_rate),
        "PartnerShare": num(strategy.partner_share, 3),
        "Yield": num(current),
        "Yields": {k: num(v) for k, v in periods.items()},
        "Accounts": len(accounts),
        "Status": strategy.status,
        "Symbols": ",".join(sorted(counts, key=lambda s: -counts[s])[:3]),
        "UnitPrice": num(value.equity / strategy.money if strategy.money else ZERO, 4),
        "Leverage": num(value.notional / value.equity if value.equity > 0 else ZERO),
        "MonthlyYield": num(current / Decimal(repr(months))),
        "TraderLogin": owner.login,
        "ExternalServer": strategy.external_server,
        "ExternalAccount": strategy.external_account,
        "Chart": [{"Yield": p["Yield"]} for p in chart],
    }


def strategy_info(book: CopyBook, strategy: StrategyRec, now: float) -> Row:
    state = book.state
    row = strategy_row(book, strategy, now)
    owner = state.clients[strategy.client_id]
    company = state.companies[strategy.company_id]
    for key in ("ClientID", "Yields"):
        row.pop(key)
    row["Chart"] = strategy_yields(book, strategy, now)[2]
    equity = sum(
        (book.value(a).equity for a in book.strategy_accounts(strategy) if a.status != AccountStatus.CLOSED),
        ZERO,
    )
    row.update(
        {
            "CompanyID": company.id,
            "TraderID": owner.id,
            "Demo": company.demo,
            "Equity": num(equity),
            "TraderLastName": owner.last_name,
            "TraderFirstName": owner.first_name,
            "CompanyName": company.name,
        }
    )
    return row


# --- accounts -----------------------------------------------------------------------------------------------


def account_row(book: CopyBook, account: AccountRec) -> Row:
    value = book.value(account)
    strategy = book.state.strategies[account.strategy_id]
    closed = account.status == AccountStatus.CLOSED
    return {
        "ID": account.id,
        "ClientID": account.client_id,
        "WalletID": account.wallet_id,
        "StrategyID": account.strategy_id,
        "AccountingSystem": strategy.accounting,
        "TradingCoreID": 1,
        "DTCreated": stamp(account.created),
        "DTClosed": stamp(account.closed),
        "AssetName": "USD",
        "AccountSpecAssetID": USD_ASSET_ID,
        "LiquidityID": 1,
        "StreamID": account.stream_id,
        "StreamName": STREAMS.get(account.stream_id, ""),
        "PartnerID": 0,
        "CommandCloseID": 0,
        "TradingIntervalCurrentID": account.id,
        "Type": account.type,
        "ABook": num(account.abook),
        "Balance": num(account.balance),
        "Factor": num(account.factor),
        "Equity": num(account.balance if closed else value.equity),
        "ProfitBase": num(account.profit_base),
        "Bonus": num(account.bonus),
        "Margin": num(value.margin),
        "Status": account.status,
        "State": book.state_of(account),
        "MCReached": None,
        "Protection": None if account.protection is None else num(account.protection, 3),
        "ProtectionEquity": num(account.protection_equity),
        "ProtectionReached": stamp(account.protection_reached),
        "Target": None if account.target is None else num(account.target, 3),
        "TargetEquity": None if account.target_equity is None else num(account.target_equity),
        "TargetReached": stamp(account.target_reached),
        "Precision": 2,
        "IsSecurity": int(account.is_security),
        "Test": int(book.state.clients[account.client_id].test),
    }


def account_info(book: CopyBook, account: AccountRec) -> Row:
    row = account_row(book, account)
    strategy = book.state.strategies[account.strategy_id]
    row["DT"] = row.pop("DTCreated")
    row.pop("StreamName")
    row.pop("Test")
    value = book.value(account)
    realised = sum(
        (
            d.profit
            for d in book.state.deals.values()
            if d.account_id == account.id and d.type in (DealType.BUY, DealType.SELL)
        ),
        ZERO,
    )
    commission = sum((d.commission for d in book.state.deals.values() if d.account_id == account.id), ZERO)
    floating = sum(value.profit.values(), ZERO)
    peak = max((e for _t, e in account.history), default=account.profit_base)
    row.update(
        {
            "CompanyID": strategy.company_id,
            "SuccessFee": num(max(value.equity - account.profit_base, ZERO) * strategy.fee_rate),
            "FeeTotal": num(account.fee_total),
            "AccountMinBalance": 0,
            "AvailableToWithdraw": num(max(account.balance - value.margin, ZERO)),
            "ProfitCurrentIntervalGross": num(realised + floating),
            "ProfitCurrentIntervalNet": num(realised + floating - commission),
            "ProfitPositions": num(floating),
            "FeeRate": num(strategy.fee_rate),
            "DrawdownIn": num(max(peak - value.equity, ZERO) / peak * 100 if peak > 0 else ZERO),
            "PositionsCount": len(account.positions),
            "AvailableStreams": [{"StreamID": i, "Name": n} for i, n in STREAMS.items()],
        }
    )
    return row


def statement(book: CopyBook, account: AccountRec, now: float) -> Row:
    strategy = book.state.strategies[account.strategy_id]
    return {
        "IDStrategy": strategy.id,
        "StrategyName": strategy.name,
        "AccountingSystem": strategy.accounting,
        "Commission": num(strategy.commission_rate / 1_000_000, 6),
        "Fee": num(strategy.fee_rate),
        "IDAccount": account.id,
        "DT": stamp(account.created),
        "ABook": num(account.abook),
        "Type": account.type,
        "DTStamp": stamp(now),
        "AccountAssetName": "USD",
        "LeverageMax": int(LEVERAGE),
        "MCLevel": MC_LEVEL,
        "State": book.state_of(account),
        "Factor": num(account.factor),
        "Target": None if account.target is None else num(account.target, 3),
        "Protection": None if account.protection is None else num(account.protection, 3),
        "TargetEquity": None if account.target_equity is None else num(account.target_equity),
        "ProtectionEquity": num(account.protection_equity),
    }


# --- deals, positions, fills, signals -----------------------------------------------------------------------


def _deal_common(book: CopyBook, deal: DealRec) -> Row:
    strategy = book.state.strategies[deal.strategy_id]
    spec = book.instruments.get(deal.symbol)
    return {
        "StrategyID": deal.strategy_id,
        "AccountingSystem": strategy.accounting,
        "AccountID": deal.account_id,
        "SignalID": deal.signal_id,
        "CommandID": deal.command_id,
        "SOID": 0,
        "SymbolSpecID": deal.symbol_id,
        "StreamID": deal.stream_id,
        "FillRequestID": deal.fill_request_id,
        "DT": stamp(deal.dt),
        "Type": deal.type,
        "Symbol": deal.symbol,
        "Volume": num(deal.volume),
        "VolumeA": num(deal.volume_a),
        "Price": num(deal.price, spec.price_decimals if spec else 2),
        "Commission": num(deal.commission),
        "Entry": deal.entry,
        "Profit": num(deal.profit),
        "Swap": 0,
        "TotalProfit": num(deal.profit - deal.commission),
        "DealToID": 0,
        "Netting": int(strategy.accounting == 1),
        "PrecisionPrice": spec.price_decimals if spec else 2,
        "PrecisionVolume": 2,
        "TurnoverUSD": num(deal.turnover_usd),
    }


def deal_row(book: CopyBook, deal: DealRec) -> Row:
    account = book.state.accounts[deal.account_id]
    client = book.state.clients[account.client_id]
    row = {"ID": deal.id, **_deal_common(book, deal)}
    row.update(
        {
            "AccountType": account.type,
            "ClientID": client.id,
            "WalletID": account.wallet_id,
            "ClientLogin": client.login,
            "ClientEmail": client.email,
            "Test": int(client.test),
            "StrategyTags": "",
        }
    )
    return row


def deal_info(book: CopyBook, deal: DealRec) -> Row:
    return {
        "DealID": deal.id,
        **_deal_common(book, deal),
        "CommissionLiquidity": 0,
        "CommissionBroker": 0,
        "CommissionTrader": num(deal.commission),
        "CommissionPartner": 0,
        "Comment": deal.comment,
        "Tag": 0,
    }


def _position_common(book: CopyBook, position: PositionRec) -> Row:
    account = book.state.accounts[position.account_id]
    strategy = book.state.strategies[account.strategy_id]
    spec = book.symbol(position.symbol)
    mark = book.instruments.mark(spec, position.volume)
    profit = book.position_profit(position)
    margin = cents(abs(position.volume) * mark * spec.usd_per_quote / LEVERAGE)
    long = position.volume > 0
    return {
        "AccountingSystem": strategy.accounting,
        "Ticket": "",
        "AccountID": account.id,
        "SymbolSpecID": spec.id,
        "Symbol": spec.name,
        "VolumeRequestLong": num(position.volume if long else ZERO),
        "VolumeRequestShort": num(ZERO if long else -position.volume),
        "VolumeOpen": num(position.volume),
        "VolumeRejected": 0,
        "PriceOpen": num(position.price_open, spec.price_decimals + 2),
        "Swap": 0,
        "SwapDT": stamp(position.opened),
        "MarginRequestLong": num(margin if long else ZERO),
        "MarginRequestShort": num(ZERO if long else margin),
        "MarginOpen": num(margin),
        "MarginLongTotal": num(margin if long else ZERO),
        "MarginShortTotal": num(ZERO if long else margin),
        "MarginTotal": num(margin),
        "Profit": num(profit),
        "TotalProfit": num(profit),
        "ProfitCalcQuote": num(spec.usd_per_quote, 8),
        "ClientID": account.client_id,
        "WalletID": account.wallet_id,
        "PrecisionPrice": spec.price_decimals,
        "PrecisionVolume": 2,
    }


def position_row(book: CopyBook, position: PositionRec) -> Row:
    account = book.state.accounts[position.account_id]
    strategy = book.state.strategies[account.strategy_id]
    trader = book.state.clients[strategy.client_id]
    return {
        "ID": position.id,
        **_position_common(book, position),
        "StrategyID": strategy.id,
        "StrategyName": strategy.name,
        "TraderID": trader.id,
        "TraderLogin": trader.login,
        "Test": int(book.state.clients[account.client_id].test),
    }


def position_info(book: CopyBook, position: PositionRec) -> Row:
    return {"PositionID": position.id, **_position_common(book, position)}


def fill_row(fill: FillRec) -> Row:
    return {
        "ID": fill.id,
        "FillRequestID": fill.fill_request_id,
        "Symbol": fill.symbol,
        "Price": float(fill.price),
        "VolumeFilled": num(fill.volume_filled),
        "VolumeRejected": num(fill.volume_rejected),
        "CommissionFill": num(fill.commission),
        "Ticket": fill.ticket,
        "DT": stamp(fill.dt),
        "DTExecuted": stamp(fill.dt),
        "DTProcessed": stamp(fill.dt),
        "Test": 0,
    }


def fill_request_row(request: FillRequestRec) -> Row:
    return {
        "ID": request.id,
        "StreamID": request.stream_id,
        "Symbol": request.symbol,
        "Volume": num(request.volume),
        "DT": stamp(request.dt),
        "DTProcessed": stamp(request.processed),
        "DTLastFill": stamp(request.last_fill),
        "Test": 0,
    }


def signal_row(signal: SignalRec) -> Row:
    return {
        "ID": signal.id,
        "StrategyID": signal.strategy_id,
        "DT": stamp(signal.dt),
        "Symbol": signal.symbol,
        "TraderLot": num(signal.trader_lot),
        "TraderEquity": num(signal.trader_equity),
        "SymbolsSync": signal.symbols_sync,
        "Status": signal.status,
        "Ticket": signal.ticket,
        "Comment": signal.comment,
        "DTProcessed": stamp(signal.processed),
    }


def asset_row(asset: AssetSpec) -> Row:
    return {"ID": asset.id, "Type": asset.type, "Name": asset.name, "Precision": asset.precision}


def symbol_row(symbol: SymbolSpec) -> Row:
    return {
        "ID": symbol.id,
        "IDAssetBase": symbol.base_id,
        "AssetBaseName": symbol.base,
        "IDAssetQuote": symbol.quote_id,
        "AssetQuoteName": symbol.quote,
        "Name": symbol.name,
        "FullName": symbol.full_name,
        "Enabled": True,
    }
