"""``/api/clientnotifications``: notifications to traders, their expiry and per-recipient delivery state."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.dxregister.schemas import (
    AccountTier,
    ClientNotification,
    DeliveryStatus,
    NotificationAudience,
    NotificationDelivery,
    NotificationRecipient,
    parse_date_time,
)
from services.simulator.apis.dxregister.auth import operator
from services.simulator.apis.dxregister.routing import build_routes, path_text
from services.simulator.apis.dxregister.state import Delivery, DxState, NotificationRecord, UserKey
from services.simulator.apis.dxregister.wire import Code, body_model, ok_json, ok_text, refuse

SUBJECT_LIMIT = 255  # characters (the doc names the limit, not its size)
MESSAGE_LIMIT = 4000


def _audience(state: DxState, audience: NotificationAudience) -> list[UserKey]:
    """Every client (ALL), or the clients with at least one LIVE (LIVE) or DEMO (DEMO) account."""
    wanted = {NotificationAudience.LIVE: AccountTier.LIVE, NotificationAudience.DEMO: AccountTier.DEMO}
    out = []
    for user in state.users.values():
        if not state.is_client(user):
            continue
        tier = wanted.get(audience)
        if tier is None or any(
            a.owner == user.key and (a.record.account_type or AccountTier.DEMO) is tier
            for a in state.accounts.values()
        ):
            out.append(user.key)
    return out


async def create(state: DxState, request: Request) -> Response:
    operator(state, request, denied_status=400)  # the doc lists 20020 under 400 here
    notification = await body_model(request, ClientNotification)
    if not notification.subject.strip() or not notification.message.strip():
        raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "subject, message")
    if len(notification.subject) > SUBJECT_LIMIT:
        raise refuse(400, Code.SUBJECT_TOO_LONG, f"{len(notification.subject)} > {SUBJECT_LIMIT}")
    if len(notification.message) > MESSAGE_LIMIT:
        raise refuse(400, Code.MESSAGE_TOO_LONG, f"{len(notification.message)} > {MESSAGE_LIMIT}")
    if notification.expiration_date.timestamp() <= state.now():
        raise refuse(400, Code.EXPIRATION_IN_PAST)
    recipients: list[UserKey] = []
    for recipient in notification.recipients or []:
        user = state.users.get((recipient.domain, recipient.login))
        if user is None:
            raise refuse(404, Code.RECIPIENT_NOT_FOUND, f"{recipient.login}@{recipient.domain}")
        if not state.is_client(user):
            raise refuse(404, Code.OWNER_NOT_FOUND, f"{recipient.login}@{recipient.domain}")
        recipients.append(user.key)
    if notification.send_to_all is not None:
        recipients.extend(k for k in _audience(state, notification.send_to_all) if k not in recipients)
    elif not notification.recipients:
        raise refuse(400, Code.REQUIRED_FIELD_EMPTY, "recipients or sendToAll")
    notification_id = state.new_id("N")
    deliveries = {key: Delivery() for key in dict.fromkeys(recipients)}
    state.notifications[notification_id] = NotificationRecord(
        notification_id, notification, deliveries, state.now()
    )
    return ok_text(notification_id)


def _record(state: DxState, request: Request) -> NotificationRecord:
    notification_id = path_text(request, "notificationId")
    record = state.notifications.get(notification_id)
    if record is None:
        raise refuse(404, Code.MESSAGE_NOT_FOUND, notification_id)
    return record


def _recipient(text: str) -> UserKey:
    login, sep, domain = text.rpartition("@")
    if not sep or not login or not domain:
        raise refuse(400, Code.BAD_RECIPIENTS, text)
    return (domain, login)


async def delivery(state: DxState, request: Request) -> Response:
    operator(state, request)
    wanted = [_recipient(text) for text in request.query_params.getlist("recipients")]
    record = _record(state, request)
    statuses = [
        DeliveryStatus(
            recipient=NotificationRecipient(domain=key[0], login=key[1]),
            read_time=d.read_time,
            acknowledgment_time=d.acknowledgment_time,
        )
        for key, d in record.deliveries.items()
        if not wanted or key in wanted
    ]
    return ok_json(NotificationDelivery(notification_id=record.notification_id, statuses=statuses))


async def update_expiration(state: DxState, request: Request) -> Response:
    operator(state, request)
    record = _record(state, request)
    try:
        expiration = parse_date_time(path_text(request, "expirationDate"))
    except ValueError:
        raise refuse(400, Code.INVALID_JSON, "expirationDate") from None
    if expiration.timestamp() <= state.now():
        raise refuse(400, Code.EXPIRATION_IN_PAST)
    record.notification = record.notification.model_copy(update={"expiration_date": expiration})
    return ok_text(record.notification_id)


def routes(state: DxState) -> list[Route]:
    base = "/api/clientnotifications"
    return build_routes(
        state,
        [
            ("POST", base, create),
            ("GET", f"{base}/notification/{{notificationId}}", delivery),
            ("PUT", f"{base}/notification/{{notificationId}}/date/{{expirationDate}}", update_expiration),
        ],
    )
