"""``POST /api/transaction-import``: rows applied one by one; a row that cannot be taken is listed."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.dxregister.schemas import (
    ActivityType,
    FailedTransaction,
    ImportErrorCode,
    Transaction,
    TransactionAction,
    TransactionImportResult,
)
from services.simulator.apis.dxregister.auth import operator
from services.simulator.apis.dxregister.routing import build_routes
from services.simulator.apis.dxregister.state import DxAccount, DxState, ImportedTransaction
from services.simulator.apis.dxregister.wire import Code, json_body, ok_json, refuse
from services.simulator.engine.types import OrderRejected

TRANSACTION_ID = re.compile(r"^[^:\s]+:[^:\s]+$")  # sessionCode:actionCode
CURRENCY_LIKE = re.compile(r"^[A-Z]{3}$")
_FIELD_ERRORS = {
    "quantity": ImportErrorCode.INCORRECT_QUANTITY,
    "costBasis": ImportErrorCode.INCORRECT_COST_BASIS,
    "cashEffect": ImportErrorCode.INCORRECT_CASH_EFFECT,
    "commissions": ImportErrorCode.INCORRECT_COMMISSION_VALUE,
    "fees": ImportErrorCode.INCORRECT_COMMISSION_VALUE,
    "taxes": ImportErrorCode.INCORRECT_COMMISSION_VALUE,
    "action": ImportErrorCode.ACTION_TYPE_IS_MISSED,
    "activityType": ImportErrorCode.MISMATCH_TRANSACTION_TYPE,
}


class RowFailed(Exception):
    def __init__(self, code: ImportErrorCode, text: str) -> None:
        self.code = code
        self.text = text
        super().__init__(text)


def _parse(row: Any) -> Transaction:
    if not isinstance(row, dict):
        raise RowFailed(ImportErrorCode.UNEXPECTED_ERROR, "a row must be a JSON object")
    transaction_id = row.get("transactionId")
    if not isinstance(transaction_id, str) or not transaction_id.strip():
        raise RowFailed(ImportErrorCode.EMPTY_TRANSACTION_ID, "transactionId is empty")
    if not TRANSACTION_ID.match(transaction_id):
        raise RowFailed(ImportErrorCode.INCORRECT_TRANSACTION_ID, "expected sessionCode:actionCode")
    try:
        return Transaction.model_validate(row)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = str(problem["loc"][0]) if problem["loc"] else ""
        code = _FIELD_ERRORS.get(field, ImportErrorCode.UNEXPECTED_ERROR)
        raise RowFailed(code, f"{field or 'row'}: {problem['msg']}") from None


def _effects(state: DxState, t: Transaction) -> tuple[DxAccount, Decimal, tuple[str, Decimal] | None]:
    """(account, money moved, (engine asset, quantity) moved) of a transaction, or RowFailed."""
    clearing = t.clearing_code or next(iter(state.clearing_codes.values()))
    account = state.accounts.get((clearing, t.account_code))
    if account is None:
        raise RowFailed(ImportErrorCode.ACCOUNT_NOT_FOUND, f"{clearing}/{t.account_code}")
    if t.quantity == 0:
        raise RowFailed(ImportErrorCode.INCORRECT_QUANTITY, "quantity is 0")
    for item in [*(t.commissions or []), *(t.fees or []), *(t.taxes or [])]:
        if item.quantity < 0:
            raise RowFailed(ImportErrorCode.INCORRECT_COMMISSION_VALUE, f"{item.quantity}")
    currency = account.record.currency
    if t.symbol == currency:  # a cash transaction
        return account, t.cash_effect if t.cash_effect is not None else t.quantity, None
    spec = next((s for s in state.ctx.engine.instruments() if s.symbol == t.symbol), None)
    if spec is None:
        if CURRENCY_LIKE.match(t.symbol):
            raise RowFailed(
                ImportErrorCode.CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY, f"{t.symbol} != {currency}"
            )
        raise RowFailed(ImportErrorCode.SYMBOL_NOT_FOUND, t.symbol)
    if t.cost_basis is None:
        raise RowFailed(ImportErrorCode.COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION, t.symbol)
    if t.cost_basis * t.quantity > 0:
        raise RowFailed(
            ImportErrorCode.COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN, f"{t.cost_basis}, {t.quantity}"
        )
    cash = t.cash_effect if t.cash_effect is not None else (t.cost_basis if t.calculate_cash_effect else 0)
    return account, Decimal(cash), (spec.base, t.quantity)


def _move(state: DxState, account: DxAccount, asset: str, amount: Decimal) -> None:
    engine = state.ctx.engine
    if amount > 0:
        engine.deposit(account.engine_account, asset, amount)
    elif amount < 0:
        engine.withdraw(account.engine_account, asset, -amount)
    state.money_moved(account.engine_account)


def _apply(
    state: DxState, account: DxAccount, cash: Decimal, position: tuple[str, Decimal] | None, sign: int = 1
) -> None:
    """Moves the money and the position (``sign`` -1: takes them back); all or nothing."""
    currency = account.record.currency
    try:
        _move(state, account, currency, sign * cash)
    except OrderRejected as exc:
        raise RowFailed(ImportErrorCode.INCORRECT_CASH_EFFECT, exc.message) from None
    if position is None:
        return
    try:
        _move(state, account, position[0], sign * position[1])
    except OrderRejected as exc:
        _move(state, account, currency, -sign * cash)
        raise RowFailed(ImportErrorCode.INCORRECT_QUANTITY, exc.message) from None


def _import(state: DxState, t: Transaction) -> None:
    existing = state.transactions.get(t.transaction_id)
    if t.action is TransactionAction.CREATE:
        if existing is not None:
            raise RowFailed(ImportErrorCode.DUPLICATE_TRANSACTION_ID, t.transaction_id)
        if t.activity_type is ActivityType.TRADE:
            raise RowFailed(ImportErrorCode.ONLY_DELETE_AND_UPDATE_FOR_TRADE, "trades come from the platform")
        account, cash, position = _effects(state, t)
        _apply(state, account, cash, position)
        state.transactions[t.transaction_id] = ImportedTransaction(t, account.key, cash, position)
        return
    if existing is None:
        raise RowFailed(ImportErrorCode.TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE, t.transaction_id)
    old_account = state.accounts[existing.account]
    if t.action is TransactionAction.DELETE:
        _apply(state, old_account, existing.cash, existing.position, sign=-1)
        del state.transactions[t.transaction_id]
        return
    if (t.clearing_code or existing.account[0], t.account_code) != existing.account:
        raise RowFailed(ImportErrorCode.ACCOUNT_NUMBER_CANNOT_BE_UPDATED, t.account_code)
    if (t.activity_type or ActivityType.ADJUSTMENT) != (
        existing.transaction.activity_type or ActivityType.ADJUSTMENT
    ):
        raise RowFailed(ImportErrorCode.MISMATCH_TRANSACTION_TYPE, str(t.activity_type))
    account, cash, position = _effects(state, t)
    _apply(state, old_account, existing.cash, existing.position, sign=-1)
    try:
        _apply(state, account, cash, position)
    except RowFailed:
        _apply(state, old_account, existing.cash, existing.position)
        raise
    state.transactions[t.transaction_id] = ImportedTransaction(t, account.key, cash, position)


async def import_transactions(state: DxState, request: Request) -> Response:
    operator(state, request)
    rows = await json_body(request)
    if not isinstance(rows, list):
        raise refuse(400, Code.INVALID_JSON, "a JSON array of transactions is expected")
    result = TransactionImportResult(
        created_transactions=[], updated_transactions=[], deleted_transactions=[], failed_transactions=[]
    )
    done = {
        TransactionAction.CREATE: result.created_transactions,
        TransactionAction.UPDATE: result.updated_transactions,
        TransactionAction.DELETE: result.deleted_transactions,
    }
    for row in rows:
        raw_id = row.get("transactionId") if isinstance(row, dict) else None
        try:
            transaction = _parse(row)
            _import(state, transaction)
        except RowFailed as failure:
            result.failed_transactions.append(
                FailedTransaction(
                    transaction_id=raw_id if isinstance(raw_id, str) else "",
                    error_code=failure.code,
                    error_text=failure.text,
                )
            )
            continue
        done[transaction.action].append(transaction.transaction_id)
    return ok_json(result)


def routes(state: DxState) -> list[Route]:
    return build_routes(state, [("POST", "/api/transaction-import", import_transactions)])
