"""CHP_Rest envelopes, refusals and request fields of the simulator."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from services.chp.schemas import TIME_FORMAT, ErrorCode

# What each code says: (English message, Russian ``additional`` as the real server writes it).
TEXTS: dict[ErrorCode, tuple[str, str]] = {
    ErrorCode.BAD_REQUEST: ("bad request", "Неверный запрос"),
    ErrorCode.ALREADY_AUTHORISED: ("already authorised", "Пользователь уже авторизован"),
    ErrorCode.CONNECT_FAILED: ("could not connect", "Не удалось подключиться"),
    ErrorCode.BAD_CREDENTIALS: ("wrong login or password", "Неверный логин или пароль"),
    ErrorCode.BAD_TOKEN: ("token unknown or expired", "Токен недействителен или истёк"),
    ErrorCode.BAD_SERVER_TOKEN: ("unknown server token", "Неверный токен доступа сервера"),
    ErrorCode.REQUEST_FAILED: ("request failed", "Не удалось выполнить запрос"),
    ErrorCode.SUBSCRIBE_FAILED: ("subscription failed", "Не удалось оформить подписку"),
    ErrorCode.UNSUBSCRIBE_FAILED: ("unsubscription failed", "Не удалось отменить подписку"),
    ErrorCode.ALREADY_SUBSCRIBED: ("subscription already exists", "Подписка уже существует"),
    ErrorCode.UNKNOWN_SYMBOL: ("unknown symbol", "Инструмент не найден"),
    ErrorCode.UNKNOWN_PORTFOLIO: ("unknown portfolio", "Портфель не найден"),
    ErrorCode.NOT_SUBSCRIBED: ("no such subscription", "Подписка не найдена"),
    ErrorCode.ORDER_REJECTED: ("order rejected", "Заявка отклонена"),
    ErrorCode.BAD_AMOUNT: ("bad amount", "Неверный объём"),
    ErrorCode.BAD_PRICE: ("bad price", "Неверная цена"),
    ErrorCode.BAD_TYPE: ("bad order type", "Неверный тип заявки"),
    ErrorCode.INSUFFICIENT_FUNDS: ("insufficient funds", "Недостаточно средств"),
    ErrorCode.NO_LIQUIDITY: ("no liquidity", "Нет встречных заявок"),
    ErrorCode.UNKNOWN_ORDER: ("unknown order", "Заявка не найдена"),
    ErrorCode.NOT_MODIFIABLE: ("order cannot be changed", "Заявку нельзя изменить"),
    ErrorCode.MOVE_FAILED: ("move failed", "Не удалось переместить заявку"),
    ErrorCode.CANCEL_FAILED: ("cancel failed", "Не удалось снять заявку"),
}

# The engine's reject codes as CHP causes.
ENGINE_CAUSES = {
    "unknown_instrument": ErrorCode.UNKNOWN_SYMBOL,
    "unknown_account": ErrorCode.UNKNOWN_PORTFOLIO,
    "unknown_order": ErrorCode.UNKNOWN_ORDER,
    "bad_quantity": ErrorCode.BAD_AMOUNT,
    "bad_price": ErrorCode.BAD_PRICE,
    "bad_type": ErrorCode.BAD_TYPE,
    "insufficient_balance": ErrorCode.INSUFFICIENT_FUNDS,
    "not_modifiable": ErrorCode.NOT_MODIFIABLE,
    "no_liquidity": ErrorCode.NO_LIQUIDITY,
}


def reason(code: ErrorCode) -> str:
    return f"Error #{int(code)}"


class Refused(Exception):
    """A request the server refuses: ``code`` goes in ``reason``, ``cause`` in the nested list; ``detail``
    (the field, symbol, portfolio or engine message) is appended to both texts. ``data`` rides along when set
    (Order/*)."""

    def __init__(self, code: ErrorCode, cause: ErrorCode | None = None, detail: str = "",
                 data: list[dict[str, Any]] | None = None) -> None:
        self.code = code
        self.cause = cause or code
        self.detail = detail
        self.data = data
        super().__init__(f"{reason(code)} ({reason(self.cause)}: {detail})")


def ok(method: str, data: list[Any]) -> dict[str, Any]:
    return {"method": method, "result": True, "data": data}


def failure(method: str, params: Any, refusal: Refused, *, auth: bool) -> dict[str, Any]:
    """The failure envelope. Auth/* list causes under ``dataError`` as ``{method, reason, additional}``, the
    other calls under ``errorData`` as ``{method, reason, message, additional}`` (both spellings exist)."""
    suffix = f": {refusal.detail}" if refusal.detail else ""
    message, additional = TEXTS[refusal.cause]
    cause: dict[str, Any] = {"method": method, "reason": reason(refusal.cause)}
    if not auth:
        cause["message"] = message + suffix
    cause["additional"] = additional + suffix
    envelope: dict[str, Any] = {
        "method": method,
        "result": False,
        "reason": reason(refusal.code),
        "additional": TEXTS[refusal.code][1] + suffix,
        "dataParam": [params] if isinstance(params, Mapping) else [],
        ("dataError" if auth else "errorData"): [cause],
    }
    if refusal.data is not None:
        envelope["data"] = refusal.data
    return envelope


# --------------------------------------------------------------------------------------------- request fields
def text(body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise Refused(ErrorCode.BAD_REQUEST, detail=name)
    return value


def integer(body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise Refused(ErrorCode.BAD_REQUEST, detail=name)
    return int(value)


def number(body: Mapping[str, Any], name: str) -> Decimal:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Refused(ErrorCode.BAD_REQUEST, detail=name)
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        raise Refused(ErrorCode.BAD_REQUEST, detail=name) from None
    if not result.is_finite():
        raise Refused(ErrorCode.BAD_REQUEST, detail=name)
    return result


def moment(body: Mapping[str, Any], name: str) -> float:
    """A request time (``2020-10-10T10:10:10.000``, ``2020-10-10 10:10:10``, ``2020-10-10``; no zone: UTC) as
    epoch seconds."""
    try:
        value = datetime.fromisoformat(text(body, name))
    except ValueError:
        raise Refused(ErrorCode.BAD_REQUEST, detail=name) from None
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value).timestamp()


# -------------------------------------------------------------------------------------------- response values
def stamp(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime(TIME_FORMAT)


def num(value: Decimal | float | None) -> float:
    return 0.0 if value is None else float(value)


def whole(value: Decimal | float | None) -> int:
    """A count the notes type as int (quote ``size``, ``bidSize``, ``askSize``): shares, never fractional."""
    return 0 if value is None else round(value)
