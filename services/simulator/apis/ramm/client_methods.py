"""clients.*, wallets.*, walletTransfers.*: the company's clients and their USD wallets."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from services.ramm.enums import DealType, TransferType
from services.simulator.apis.ramm import rows
from services.simulator.apis.ramm.instruments import USD_ASSET_ID
from services.simulator.apis.ramm.query import EQ, SUB, TEST, SearchSpec, search
from services.simulator.apis.ramm.rows import STREAMS
from services.simulator.apis.ramm.state import CustomerRec, WalletRec
from services.simulator.apis.ramm.venue import Call, method
from services.simulator.apis.ramm.wire import (
    bool_field,
    dec_field,
    int_field,
    invalid,
    need_dec,
    need_int,
    need_str,
    num,
    places,
    str_field,
)

_MANAGER_TRANSFER_TYPES = (
    TransferType.FUND,
    TransferType.WITHDRAW,
    TransferType.BONUS_FUND,
    TransferType.BONUS_WITHDRAW,
    TransferType.PARTNERS,
)

_CLIENT_ROW_FIELDS = (
    "ID",
    "Login",
    "Email",
    "FirstName",
    "LastName",
    "Language",
    "Status",
    "Tag",
    "Test",
    "ActiveAccountsCount",
    "ActiveAccountsTotalBalance",
    "ActiveAccountsTotalEquity",
    "ActiveAccountsTotalPositionsCount",
    "ClosedAccountsCount",
    "ActiveStrategiesCount",
    "ClosedStrategiesCount",
    "WalletsTotalBalance",
    "TotalFunds",
)
CLIENTS = SearchSpec(
    "Clients",
    {
        "ID": (EQ, "ID"),
        "Login": (SUB, "Login"),
        "FirstName": (SUB, "FirstName"),
        "LastName": (SUB, "LastName"),
        "Mobile": (SUB, "Mobile"),
        "Comment": (SUB, "Comment"),
        "Status": (EQ, "Status"),
        "Test": (EQ, "Test"),
    },
    _CLIENT_ROW_FIELDS,
    text_columns=("Login", "Email", "FirstName", "LastName", "Mobile", "Comment"),
)
STATISTIC = SearchSpec(
    "Statistic",
    {"Login": (SUB, "Login"), "Test": (TEST, "Test")},
    (
        "IDClient",
        "IDCompany",
        "Test",
        "AccountsBalance",
        "AccountsEquity",
        "AccountsProfitCurrentIntervalGross",
        "AccountsProfitPositionsGross",
        "AccountsPastProfit",
        "AccountsFeeCharged",
        "AccountsFeePaid",
        "AccountsCommissionPaid",
        "AccountsActive",
        "AccountsClosed",
        "StrategiesActive",
        "StrategiesClosed",
        "StrategiesFeeReceived",
        "StrategiesFeeDue",
        "StrategiesCommissionReceived",
        "StrategiesCommissionDue",
        "WalletTransfersTotalIn",
        "WalletTransfersTotalOut",
        "WalletTransfersTotalDelta",
        "Swap",
        "DealsVolume",
        "WalletsTotalBalance",
        "PositionsCount",
        "Login",
    ),
    max_per_page_shown=False,
    order_columns={},
)
WALLETS = SearchSpec(
    "Wallets",
    {"ClientID": (EQ, "ClientID"), "TestClient": (EQ, "_TestClient")},
    (
        "ID",
        "ClientID",
        "Asset",
        "DTCreated",
        "Balance",
        "Bonus",
        "Status",
        "Invested",
        "Margin",
        "IntervalPnL",
    ),
    max_per_page_shown=False,
)
TRANSFERS = SearchSpec(
    "WalletTransfers",
    {
        "WalletID": (EQ, "WalletID"),
        "ID": (EQ, "ID"),
        "Type": (EQ, "Type"),
        "ClientID": (EQ, "_ClientID"),
        "Test": (TEST, "Test"),
    },
    (
        "ID",
        "WalletID",
        "ExternalTransferID",
        "DT",
        "Type",
        "Amount",
        "CommentClient",
        "CommentCompany",
        "Test",
    ),
)


def _ours(call: Call) -> list[CustomerRec]:
    return [c for c in call.state.clients.values() if c.company_id == call.company_id]


def _login_free(call: Call, login: str, field: str, owner: int | None = None) -> str:
    if any(c.login == login and c.id != owner for c in _ours(call)):
        raise invalid(field, "login already taken")
    return login


@method("clients.addWithWallet")
async def clients_add_with_wallet(call: Call) -> Any:
    body = call.body
    login = _login_free(call, need_str(body, "Login", max_len=64), "Login")
    password = need_str(body, "Password")
    language = str_field(body, "Language", max_len=3) or "en"
    now = call.now()
    client = CustomerRec(
        call.state.next_id("client"),
        call.company_id,
        login,
        password,
        now,
        str_field(body, "FirstName") or "",
        str_field(body, "LastName") or "",
        str_field(body, "Email") or "",
        str_field(body, "Mobile") or "",
        language,
        str_field(body, "Country") or "",
        int_field(body, "Tag", required=False, default=0) or 0,
        str_field(body, "Comment") or "",
        bool(bool_field(body, "Test")),
        True,
        str_field(body, "ExternalPartnerReference") or "",
        str_field(body, "ExecutionServerName") or "",
        str_field(body, "ExecutionAccount") or "",
        int_field(body, "PrecisionVolume", required=False, default=2) or 2,
    )
    call.state.clients[client.id] = client
    wallet = WalletRec(call.state.next_id("wallet"), client.id, now)
    call.state.wallets[wallet.id] = wallet
    return {
        "Client": {"ID": client.id, "Login": client.login, "Password": password},
        "Wallet": {"ID": wallet.id, "AssetID": USD_ASSET_ID, "AssetName": wallet.asset},
    }


@method("clients.search")
async def clients_search(call: Call) -> Any:
    return search(CLIENTS, call.body, [rows.client_row(call.book, c) for c in _ours(call)])


@method("clients.get")
async def clients_get(call: Call) -> Any:
    return rows.client_info(call.book, call.client())


_CLIENT_TEXT = {
    "FirstName": "first_name",
    "LastName": "last_name",
    "Mobile": "mobile",
    "Comment": "comment",
    "Country": "country",
    "Email": "email",
    "ExternalPartnerReference": "external_reference",
}


@method("clients.set")
async def clients_set(call: Call) -> Any:
    client = call.client()
    body = call.body
    for wire, attribute in _CLIENT_TEXT.items():
        value = str_field(body, wire)
        if value is not None:
            setattr(client, attribute, value)
    login = str_field(body, "Login", max_len=64)
    if login:
        client.login = _login_free(call, login, "Login", client.id)
    language = str_field(body, "Language", max_len=3)
    if language is not None:
        client.language = language
    tag = int_field(body, "Tag", required=False)
    if tag is not None:
        client.tag = tag
    enabled = bool_field(body, "Enabled")
    if enabled is not None:
        client.enabled = enabled
    stream = int_field(body, "StrategyDefaultStreamID", required=False)
    if stream is not None:
        if stream not in STREAMS:
            raise invalid("StrategyDefaultStreamID", "unknown stream")
        client.default_stream_id = stream
    hedge = dec_field(body, "StrategyDefaultHedge", required=False)
    if hedge is not None:
        if not Decimal(0) <= hedge <= 1:
            raise invalid("StrategyDefaultHedge", "from 0 to 1")
        client.default_hedge = places(hedge, "StrategyDefaultHedge", 2)
    return None


@method("clients.getCharges")
async def clients_get_charges(call: Call) -> Any:
    server = need_str(call.body, "ExecutionServerName")
    after = int_field(call.body, "ID", required=False, default=0) or 0
    charges = []
    for deal in sorted(call.state.deals.values(), key=lambda d: d.id):
        account = call.state.accounts[deal.account_id]
        client = call.state.clients[account.client_id]
        charged = deal.commission + (-deal.profit if deal.type == DealType.FEE else Decimal(0))
        if (
            deal.id > after
            and charged
            and client.company_id == call.company_id
            and client.execution_server == server
        ):
            charges.append(
                {"ExecutionAccount": client.execution_account, "ID": deal.id, "Charges": num(charged)}
            )
    return {"Charges": charges}


@method("clients.searchStatistic")
async def clients_search_statistic(call: Call) -> Any:
    return search(STATISTIC, call.body, [rows.client_stat_row(call.book, c) for c in _ours(call)])


@method("clients.setPassword")
async def clients_set_password(call: Call) -> Any:
    client = call.client("ClientID")
    client.password = need_str(call.body, "Password")
    return None


@method("clients.getOTP")
async def clients_get_otp(call: Call) -> Any:
    client = call.client("ClientID")
    otp = f"{secrets.randbelow(1_000_000):06d}"
    call.state.otps[client.id] = otp
    return {"OTP": otp}


# --- wallets.* / walletTransfers.* --------------------------------------------------------------------------


@method("wallets.get")
async def wallets_get(call: Call) -> Any:
    wallet = call.wallet()
    return {**rows.wallet_row(call.book, wallet), "Test": call.state.clients[wallet.client_id].test}


@method("wallets.search")
async def wallets_search(call: Call) -> Any:
    found = []
    for wallet in call.state.wallets.values():
        client = call.state.clients[wallet.client_id]
        if client.company_id == call.company_id:
            found.append({**rows.wallet_row(call.book, wallet), "_TestClient": client.test})
    return search(WALLETS, call.body, found)


@method("walletTransfers.add")
async def wallet_transfers_add(call: Call) -> Any:
    wallet = call.wallet("WalletID")
    kind = need_int(call.body, "Type")
    if kind not in _MANAGER_TRANSFER_TYPES:
        raise invalid(
            "Type", f"a manager adds types {', '.join(str(int(t)) for t in _MANAGER_TRANSFER_TYPES)}"
        )
    amount = places(need_dec(call.body, "Amount"), "Amount", 2)
    if amount <= 0:
        raise invalid("Amount", "must be positive")
    record = call.book.transfer(
        wallet,
        TransferType(kind),
        amount,
        call.now(),
        external_id=int_field(call.body, "ExternalTransferID", required=False, default=0) or 0,
        comment_client=str_field(call.body, "CommentClient") or "",
        comment_company=str_field(call.body, "CommentCompany") or "",
        execution_server=str_field(call.body, "ExecutionServerName") or "",
        execution_account=str_field(call.body, "ExecutionAccount") or "",
    )
    return {"WalletTransferID": record.id}


def _transfers(call: Call) -> list[rows.Row]:
    return [
        rows.transfer_row(call.state, t)
        for t in call.state.transfers.values()
        if call.state.clients[call.state.wallets[t.wallet_id].client_id].company_id == call.company_id
    ]


@method("walletTransfers.search")
async def wallet_transfers_search(call: Call) -> Any:
    return search(TRANSFERS, call.body, _transfers(call))


@method("walletTransfers.get")
async def wallet_transfers_get(call: Call) -> Any:
    key = need_int(call.body, "ID")
    row = next((r for r in _transfers(call) if r["ID"] == key), None)
    if row is None:
        raise invalid("ID", f"{key} not found")
    return {k: v for k, v in row.items() if not k.startswith("_") and k != "Test"}


@method("walletTransfers.getRewards")
async def wallet_transfers_get_rewards(call: Call) -> Any:
    server = need_str(call.body, "ExecutionServerName")
    after = int_field(call.body, "ID", required=False, default=0) or 0
    rewards = []
    for transfer in sorted(call.state.transfers.values(), key=lambda t: t.id):
        client = call.state.clients[call.state.wallets[transfer.wallet_id].client_id]
        if (
            transfer.id > after
            and transfer.type in (TransferType.FEE, TransferType.COMMISSION)
            and client.company_id == call.company_id
            and client.execution_server == server
        ):
            rewards.append(
                {
                    "ExecutionAccount": client.execution_account,
                    "ID": transfer.id,
                    "Amount": num(transfer.amount),
                }
            )
    return {"Transactions": rewards}
