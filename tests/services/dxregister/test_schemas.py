"""Every example of the dxRegister doc (and one per model table) parses, and goes back to the same JSON."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest
from pydantic import BaseModel, ValidationError

from services.dxregister import schemas as dx
from services.dxregister.client import basic_auth, session_auth
from tests.services.dxregister import doc_examples as doc

MODELS: dict[str, type[BaseModel]] = {
    "Account": dx.Account,
    "Account group": dx.AccountGroup,
    "Account update model": dx.AccountUpdate,
    "Adjustment model": dx.Adjustment,
    "Broker model": dx.Broker,
    "Broker notification recipient": dx.NotificationRecipient,
    "Category model": dx.Category,
    "CategoryValueModel": dx.CategoryValue,
    "Client group model": dx.ClientGroup,
    "Client model": dx.Client,
    "Client notification message delivery status for a recipient": dx.DeliveryStatus,
    "Client notification model": dx.ClientNotification,
    "Client update model": dx.ClientUpdate,
    "Commission model": dx.Commission,
    "Deposit model": dx.Deposit,
    "DocumentModel": dx.IdentityDocument,
    "DxFeed account suspension model": dx.DxFeedAccountSuspension,
    "DxFeed subscriptions update model": dx.DxFeedSubscriptions,
    "Error description": dx.DxError,
    "Error description extended by additional details": dx.DxError,
    "Failed transaction": dx.FailedTransaction,
    "LocationModel": dx.ClientLocation,
    "Login request model": dx.DxLoginRequest,
    "LoginResult": dx.LoginResult,
    "Notification delivery information per recipients": dx.NotificationDelivery,
    "Rename account group": dx.AccountGroupRename,
    "SSOTokenInfo": dx.SsoTokenInfo,
    "SubscriptionItem": dx.SubscriptionItem,
    "Token request model": dx.SsoTokenRequest,
    "Transaction model": dx.Transaction,
    "Transactions import result": dx.TransactionImportResult,
    "Withdrawal model": dx.Withdrawal,
}


def test_every_model_table_has_a_model():
    assert set(MODELS) == set(doc.MODEL_EXAMPLES)


@pytest.mark.parametrize("name", sorted(doc.MODEL_EXAMPLES))
def test_model_example_parses_and_round_trips(name: str):
    data = doc.example(name)
    model = MODELS[name].model_validate(data)
    assert json.loads(json.dumps(dx.to_wire(model))) == data
    # and the number types stay what they were (1000.5 a double, 0 an integer)
    assert json.dumps(dx.to_wire(model), sort_keys=True) == json.dumps(data, sort_keys=True)


def test_login_examples():
    request = dx.DxLoginRequest.model_validate_json(doc.LOGIN_REQUEST)
    assert (request.username, request.domain, request.password) == ("testUser", "default", "testpass")
    result = dx.LoginResult.model_validate_json(doc.PING_RESULT)
    assert result.session_token == doc.SESSION_TOKEN_EXAMPLE and result.timeout == 1_800_000


def test_basic_credentials_example():
    auth = basic_auth(**doc.BASIC_CREDENTIALS)
    request = next(auth.auth_flow(httpx.Request("GET", "http://x/")))
    assert request.headers["Authorization"] == doc.BASIC_HEADER
    assert base64.b64decode(doc.BASIC_HEADER.split()[1]) == b"testUser@default:testpass"


def test_session_header_example():
    auth = session_auth()
    auth.token = doc.SESSION_TOKEN_EXAMPLE
    request = next(auth.auth_flow(httpx.Request("GET", "http://x/")))
    assert request.headers["Authorization"] == doc.SESSION_HEADER


def test_amounts_are_decimals_and_go_back_as_json_numbers():
    account = dx.Account.model_validate(doc.example("Account"))
    assert account.balance == Decimal("1000.5") and isinstance(account.balance, Decimal)
    deposit = dx.Deposit(currency="RUB", amount=Decimal("0.1") + Decimal("0.2"))
    assert dx.to_wire(deposit)["amount"] == 0.3
    assert dx.to_wire(dx.Deposit(currency="RUB", amount=Decimal("100.00")))["amount"] == 100


def test_dates_are_aware_utc_and_written_with_milliseconds():
    notification = dx.ClientNotification.model_validate(doc.example("Client notification model"))
    assert notification.expiration_date == datetime(2030, 1, 1, tzinfo=UTC)
    moscow = timezone(timedelta(hours=3))
    assert (
        dx.format_date_time(datetime(2024, 1, 1, 3, 0, 0, 250_999, tzinfo=moscow))
        == "2024-01-01T00:00:00.250Z"
    )
    assert dx.format_date_time(datetime(2024, 1, 1)) == "2024-01-01T00:00:00.000Z"
    assert dx.parse_date_time("2024-01-01T00:00:00.250Z") == datetime(
        2024, 1, 1, 0, 0, 0, 250_000, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "field, value",
    [
        ("balance", "abc"),
        ("balance", True),
        ("balance", "NaN"),
        ("expirationDate", "yesterday"),
        ("status", "X"),
    ],
)
def test_bad_values_are_refused(field: str, value: object):
    data = {**doc.example("Account"), field: value}
    with pytest.raises(ValidationError):
        dx.Account.model_validate(data)


def test_the_undefined_disable_model_keeps_what_it_is_given():
    request = dx.DisableUserRequest.model_validate({"reason": "fraud"})
    assert dx.to_wire(request) == {"reason": "fraud"}
