"""DxRegisterClient's wire handling against scripted answers (httpx.MockTransport): requests as documented,
refusals as the project's errors, bad venue data never as anything else."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import httpx
import pytest

from services.dxregister import DxRegisterClient
from services.dxregister import schemas as dx
from services.errors import AuthError, RejectedInput, TransportError, VenueError

BASE = "https://venue.test/dxweb/rest"


def scripted(
    answer: Callable[[httpx.Request], httpx.Response],
) -> tuple[DxRegisterClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return DxRegisterClient.create(BASE, transport=httpx.MockTransport(handler)), seen


async def test_login_then_dxapi_header_and_paths():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/login"):
            return httpx.Response(200, json={"sessionToken": "tok", "timeout": 60000})
        return httpx.Response(200, json=[])

    client, seen = scripted(answer)
    await client.login("demo", "default", "demo")
    await client.accounts(type="CLIENT")
    login, accounts = seen
    assert json.loads(login.content) == {"username": "demo", "domain": "default", "password": "demo"}
    assert "authorization" not in login.headers
    assert accounts.url.path == "/dxweb/rest/api/register/account" and accounts.url.params["type"] == "CLIENT"
    assert accounts.headers["Authorization"] == "DXAPI tok"
    assert client.session_timeout_ms == 60000


async def test_forms_text_and_path_escaping():
    client, seen = scripted(
        lambda r: httpx.Response(200, text="done", headers={"content-type": "text/plain"})
    )
    assert await client.logout_user_by_login("a b", "default") == "done"
    assert seen[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert seen[0].content == b"login=a+b&domain=default"
    await client.update_notification_expiration("N/1", dx.parse_date_time("2030-01-01T00:00:00Z"))
    assert (
        seen[1].url.raw_path
        == b"/dxweb/rest/api/clientnotifications/notification/N%2F1/date/2030-01-01T00%3A00%3A00.000Z"
    )


async def test_recipients_are_repeated_query_parameters():
    client, seen = scripted(lambda r: httpx.Response(200, json={"notificationId": "N1", "statuses": []}))
    recipients = [
        dx.NotificationRecipient(domain="d", login="a"),
        dx.NotificationRecipient(domain="d", login="b"),
    ]
    await client.notification_delivery("N1", recipients)
    assert seen[0].url.params.get_list("recipients") == ["a@d", "b@d"]


@pytest.mark.parametrize(
    "status, body, kind, code, text",
    [
        (
            404,
            {"errorCode": 30007, "errorMessage": "Specified account is not found"},
            VenueError,
            30007,
            "not found",
        ),
        (
            400,
            {
                "errorCode": 20001,
                "errorMessage": "Some of the required field is empty",
                "errorDetails": ["currency"],
                "errorId": "e-1",
            },
            VenueError,
            20001,
            "currency",
        ),
        (403, {"errorCode": 20020, "errorMessage": "Access denied"}, AuthError, 20020, "Access denied"),
        (401, None, AuthError, 401, "authentication required"),
        (409, b"<html>conflict</html>", VenueError, 409, "conflict"),
        (500, {"errorCode": 10001, "errorMessage": "Unknown error"}, VenueError, 10001, "Unknown error"),
    ],
)
async def test_refusals(status: int, body: object, kind: type[Exception], code: int, text: str):
    def answer(request: httpx.Request) -> httpx.Response:
        if isinstance(body, bytes):
            return httpx.Response(status, content=body)
        return httpx.Response(status, json=body) if body is not None else httpx.Response(status)

    client, _ = scripted(answer)
    with pytest.raises(kind) as caught:
        await client.account("ITI", "X")
    assert type(caught.value) is kind
    assert isinstance(caught.value, VenueError)
    assert caught.value.code == code and caught.value.http_status == status and text in str(caught.value)


async def test_ping_403_without_a_body_says_the_session_expired():
    client, _ = scripted(lambda r: httpx.Response(403))
    with pytest.raises(AuthError, match="session already expired"):
        await client.ping()


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[" * 100_000,
        b'{"clearingCode": "ITI"}',
        b'{"accountCode": "A", "currency": "USD", "balance": "x"}',
        b'{"accountCode": "A", "currency": "USD", "balance": 1e999}',
    ],
)
async def test_bad_venue_data_is_a_transport_error(content: bytes):
    client, _ = scripted(lambda r: httpx.Response(200, content=content))
    with pytest.raises(TransportError) as read:
        await client.account("ITI", "A")
    assert not read.value.outcome_unknown
    with pytest.raises(TransportError) as written:
        await client.put_deposit("ITI", "A", "t1", dx.Deposit(currency="USD", amount=Decimal(1)))
    assert written.value.outcome_unknown


async def test_gateway_failure_on_a_write_leaves_the_outcome_unknown():
    client, _ = scripted(lambda r: httpx.Response(504))
    with pytest.raises(TransportError) as caught:
        await client.create_deposit("ITI", "A", dx.Deposit(currency="USD", amount=Decimal(1)))
    assert caught.value.outcome_unknown
    with pytest.raises(VenueError):
        await client.account("ITI", "A")  # a read: a plain failure


async def test_prepared_transfer_keeps_its_id_across_retries():
    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ReadTimeout("lost", request=request)
        return httpx.Response(
            200, json={**json.loads(request.content), "transferId": request.url.path.rsplit("/", 1)[1]}
        )

    client, seen = scripted(answer)
    pending = client.prepare_transfer("withdrawal", "ITI", "A", "USD", Decimal("12.5"), "to bank")
    with pytest.raises(TransportError) as lost:
        await client.send_transfer(pending)
    assert lost.value.outcome_unknown and len(seen) == 1  # a write is never retried by itself
    done = await client.send_transfer(pending)
    assert done.transfer_id == pending.transfer_id and isinstance(done, dx.Withdrawal)
    assert seen[0].url == seen[1].url and seen[0].method == seen[1].method == "PUT"
    assert seen[0].url.path.endswith(f"/withdrawal/{pending.transfer_id}")
    assert json.loads(seen[1].content) == {"currency": "USD", "amount": 12.5, "description": "to bank"}


async def test_membership_sends_if_match_and_keeps_the_new_etag():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json={"domain": "d", "login": "u"}, headers={"ETag": '"7"'})
        return httpx.Response(204, headers={"ETag": '"8"'})

    client, seen = scripted(answer)
    await client.add_client_to_group("d", "u", "d", "vip")
    assert [r.method for r in seen] == ["GET", "POST"] and seen[1].headers["If-Match"] == '"7"'
    assert client.etag_of("d", "u") == '"8"'
    await client.remove_client_from_group("d", "u", "d", "vip")
    assert seen[2].headers["If-Match"] == '"8"' and len(seen) == 3


async def test_basic_auth_replaces_the_session():
    client, seen = scripted(lambda r: httpx.Response(200, json=[]))
    client.set_session_token("tok")
    client.use_basic("testUser", "default", "testpass")
    await client.brokers()
    assert seen[0].headers["Authorization"] == "Basic dGVzdFVzZXJAZGVmYXVsdDp0ZXN0cGFzcw=="


@pytest.mark.parametrize(
    "kind, amount, field",
    [
        ("deposit", Decimal(0), "amount"),
        ("withdrawal", Decimal(-1), "amount"),
        ("adjustment", Decimal(0), "amount"),
        ("deposit", Decimal("NaN"), "amount"),
    ],
)
def test_a_transfer_the_venue_would_refuse_is_not_prepared(kind: str, amount: Decimal, field: str):
    with pytest.raises(RejectedInput) as caught:
        DxRegisterClient.prepare_transfer(kind, "ITI", "A", "USD", amount)  # type: ignore[arg-type]
    assert caught.value.field == field
    with pytest.raises(RejectedInput):
        DxRegisterClient.prepare_transfer("deposit", "ITI", "A", " ", Decimal(1))
    assert (
        DxRegisterClient.prepare_transfer("adjustment", "ITI", "A", "USD", Decimal(-5)).transfer.amount == -5
    )
