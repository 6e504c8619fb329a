"""``/api/register/account/...``: accounts, transfers (money in the engine), groups, trade permissions."""

from __future__ import annotations

from decimal import Decimal

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.dxregister.schemas import (
    Account,
    AccountAccess,
    AccountCashType,
    AccountGroup,
    AccountRole,
    AccountStatus,
    AccountTier,
    AccountUpdate,
    Adjustment,
    CashTransfer,
    CategoryValue,
    Deposit,
    Withdrawal,
)
from services.simulator.apis.dxregister.auth import operator
from services.simulator.apis.dxregister.routing import build_routes, path_text
from services.simulator.apis.dxregister.state import DxAccount, DxState, DxUser, TransferRecord
from services.simulator.apis.dxregister.wire import Code, body_model, json_body, ok_json, read_model, refuse

TRANSFER_MODELS: dict[str, type[CashTransfer]] = {
    "deposit": Deposit,
    "withdrawal": Withdrawal,
    "adjustment": Adjustment,
}
BASE = "/api/register/account/{clearingCode}/{accountCode}"


def _account(state: DxState, request: Request) -> DxAccount:
    return state.account(path_text(request, "clearingCode"), path_text(request, "accountCode"))


def broker_of(state: DxState, account: DxAccount) -> str:
    if account.record.broker_code:
        return account.record.broker_code
    owner = state.users.get(account.owner) if account.owner else None
    return (owner.client.broker_code if owner else None) or next(iter(state.brokers))


# ------------------------------------------------------------------------------------------ new accounts
def checked_account(state: DxState, broker: str, record: Account) -> Account:
    """``record`` with the doc's defaults (CLIENT, FULL_TRADING, MARGIN, DEMO, the broker's clearing code),
    or the refusal it deserves; nothing is opened yet."""
    if record.broker_code and record.broker_code != broker:
        raise refuse(400, Code.BROKER_MISMATCH, f"{record.broker_code} != {broker}")
    record = record.model_copy(
        update={
            "clearing_code": record.clearing_code or state.clearing_codes[broker],
            "broker_code": broker,
            "type": record.type or AccountRole.CLIENT,
            "status": record.status or AccountStatus.FULL_TRADING,
            "account_cash_type": record.account_cash_type or AccountCashType.MARGIN,
            "account_type": record.account_type or AccountTier.DEMO,
            "balance": record.balance or Decimal(0),
        }
    )
    if record.balance is not None and record.balance < 0:
        raise refuse(400, Code.BAD_AMOUNT, "balance must not be negative")
    if record.expiration_date is not None and record.account_type is not AccountTier.DEMO:
        raise refuse(400, Code.WRONG_ACCOUNT_TYPE, "expirationDate applies to DEMO accounts only")
    if (record.clearing_code or "", record.account_code) in state.accounts:
        raise refuse(400, Code.ACCOUNT_EXISTS, f"{record.clearing_code}/{record.account_code}")
    for group in record.categories or []:
        _check_group(state, broker, group.category, group.value)
    return record


def open_owned(state: DxState, owner: DxUser, record: Account, access: AccountAccess | None) -> DxAccount:
    """Opens a checked account for ``owner``, who may trade on it unless ``access`` is VIEW_ONLY."""
    account = state.open_account(record, owner.key)
    if access is not AccountAccess.VIEW_ONLY:
        state.grant(account, owner.key)
    return account


def account_access(request: Request) -> AccountAccess | None:
    text = request.query_params.get("accountAccess")
    if text is None:
        return None
    try:
        return AccountAccess(text)
    except ValueError:
        raise refuse(400, Code.INVALID_JSON, f"accountAccess {text!r}") from None


def _check_group(state: DxState, broker: str, category: str, value: str) -> None:
    if value not in state.categories.get(broker, {}).get(category, []):
        raise refuse(404, Code.CATEGORY_NOT_FOUND, f"{category}/{value}")


# ------------------------------------------------------------------------------------------ accounts
async def list_accounts(state: DxState, request: Request) -> Response:
    operator(state, request)
    kind, status = request.query_params.get("type"), request.query_params.get("status")
    views = [
        state.account_view(a)
        for a in state.accounts.values()
        if (kind is None or a.record.type == kind) and (status is None or a.record.status == status)
    ]
    return ok_json(views)


async def get_account(state: DxState, request: Request) -> Response:
    operator(state, request)
    return ok_json(state.account_view(_account(state, request)))


async def update_account(state: DxState, request: Request) -> Response:
    operator(state, request)
    account = _account(state, request)
    update = await body_model(request, AccountUpdate)
    record = account.record
    if record.status is AccountStatus.TERMINATED and update.status not in (None, AccountStatus.TERMINATED):
        raise refuse(500, Code.FIELD_NOT_UPDATABLE, "status of a terminated account")
    demo = record.account_type in (None, AccountTier.DEMO)
    if update.expiration_date is not None and not demo:
        raise refuse(400, Code.WRONG_ACCOUNT_TYPE, "expirationDate applies to DEMO accounts only")
    changes = update.model_dump(exclude_none=True, exclude={"is_pdt_account", "self_deposit_balance_allowed"})
    if update.is_pdt_account is not None:
        changes["pdt_account"] = update.is_pdt_account
    if update.self_deposit_balance_allowed is not None and demo:  # "skipped for non DEMO accounts"
        changes["self_deposit_balance_allowed"] = update.self_deposit_balance_allowed
    account.record = record.model_copy(update=changes)
    state.sync_status(account)
    return ok_json(state.account_view(account))


# ------------------------------------------------------------------------------------------ transfers
def _transfer_handler(kind: str, by_id: bool):
    async def handle(state: DxState, request: Request) -> Response:
        operator(state, request)
        account = _account(state, request)
        model = TRANSFER_MODELS[kind]
        body = await body_model(request, model)
        path_id = path_text(request, "id") if by_id else None
        if path_id and body.transfer_id and body.transfer_id != path_id:
            raise refuse(400, Code.INVALID_JSON, "transferId differs from the id in the path")
        transfer_id = path_id or body.transfer_id
        _check_transfer(account, kind, body)
        existing = state.transfers.get(transfer_id) if transfer_id else None
        if existing is None:
            record = TransferRecord(
                transfer_id or state.new_id("T", state.transfers),
                kind,
                account.key,
                body.currency,
                body.amount,
                body.description,
                state.now(),
            )
            state.move_money(account, record.effect)
            state.transfers[record.transfer_id] = record
            status = 201
        else:
            record = _edit_transfer(state, account, existing, kind, body)
            status = 200
        answer = model(
            currency=record.currency,
            amount=record.amount,
            description=record.description,
            transfer_id=record.transfer_id,
        )
        return ok_json(answer, status=status)

    return handle


def _check_transfer(account: DxAccount, kind: str, body: CashTransfer) -> None:
    if body.currency != account.record.currency:
        raise refuse(400, Code.CURRENCY_MISMATCH, f"{body.currency} != {account.record.currency}")
    if body.amount == 0 or (kind != "adjustment" and body.amount < 0):
        raise refuse(400, Code.BAD_AMOUNT, f"{kind} amount {body.amount}")
    if account.record.status is AccountStatus.TERMINATED:
        raise refuse(409, Code.ACCOUNT_TERMINATED)


def _edit_transfer(
    state: DxState, account: DxAccount, existing: TransferRecord, kind: str, body: CashTransfer
) -> TransferRecord:
    """The same id again: the same transfer is answered (no money moves); a new amount or description edits
    it (only the difference moves); another account, kind or currency is a conflict."""
    if existing.kind != kind or existing.account != account.key or existing.currency != body.currency:
        raise refuse(409, Code.TRANSFER_ID_CONFLICT, existing.transfer_id)
    if existing.amount == body.amount and existing.description == body.description:
        return existing
    edited = TransferRecord(
        existing.transfer_id,
        kind,
        account.key,
        body.currency,
        body.amount,
        body.description,
        existing.created,
        existing.edits + 1,
    )
    state.move_money(account, edited.effect - existing.effect)
    state.transfers[existing.transfer_id] = edited
    return edited


# ------------------------------------------------------------------------------------------ account groups
async def get_category(state: DxState, request: Request) -> Response:
    operator(state, request)
    account = _account(state, request)
    category = path_text(request, "categoryCode")
    group = next((g for g in account.record.categories or [] if g.category == category), None)
    if group is None:
        raise refuse(404, Code.CATEGORY_NOT_FOUND, category)
    return ok_json(group)


async def set_category(state: DxState, request: Request) -> Response:
    """Body: ``{value}`` (an Account group ``{category, value}`` is read the same way)."""
    operator(state, request)
    account = _account(state, request)
    category = path_text(request, "categoryCode")
    value = read_model(CategoryValue, await json_body(request)).value
    _check_group(state, broker_of(state, account), category, value)
    kept = [g for g in account.record.categories or [] if g.category != category]
    account.record = account.record.model_copy(
        update={"categories": [*kept, AccountGroup(category=category, value=value)]}
    )
    return Response(status_code=204)


async def delete_category(state: DxState, request: Request) -> Response:
    operator(state, request)
    account = _account(state, request)
    category = path_text(request, "categoryCode")
    groups = account.record.categories or []
    if not any(g.category == category for g in groups):
        raise refuse(404, Code.CATEGORY_NOT_FOUND, category)
    account.record = account.record.model_copy(
        update={"categories": [g for g in groups if g.category != category]}
    )
    return Response(status_code=204)


# ------------------------------------------------------------------------------------------ trade permissions
def _permission_target(state: DxState, request: Request) -> tuple[DxAccount, DxUser]:
    operator(state, request)
    account = _account(state, request)
    user = state.user(path_text(request, "domain"), path_text(request, "name"))
    return account, user


async def add_permission(state: DxState, request: Request) -> Response:
    account, user = _permission_target(state, request)
    state.grant(account, user.key)
    return Response(status_code=200)


async def remove_permission(state: DxState, request: Request) -> Response:
    account, user = _permission_target(state, request)
    if user.key not in state.account_traders[account.key]:
        raise refuse(400, Code.NO_SUCH_PERMISSION, f"{user.client.login}@{user.client.domain}")
    state.revoke(account, user.key)
    return Response(status_code=200)


def routes(state: DxState) -> list[Route]:
    table = [
        ("GET", "/api/register/account", list_accounts),
        ("GET", BASE, get_account),
        ("PUT", BASE, update_account),
        ("GET", f"{BASE}/category/{{categoryCode}}", get_category),
        ("PUT", f"{BASE}/category/{{categoryCode}}", set_category),
        ("DELETE", f"{BASE}/category/{{categoryCode}}", delete_category),
        ("POST", f"{BASE}/permission/trade/{{domain}}/{{name}}", add_permission),
        ("DELETE", f"{BASE}/permission/trade/{{domain}}/{{name}}", remove_permission),
    ]
    for kind in TRANSFER_MODELS:
        table.append(("POST", f"{BASE}/{kind}", _transfer_handler(kind, by_id=False)))
        table.append(("PUT", f"{BASE}/{kind}/{{id}}", _transfer_handler(kind, by_id=True)))
    return build_routes(state, table)
