# ruff: noqa: E501
"""The examples of api-docs/dxregister-api.txt, and one example per model table of its Definitions.

The doc itself shows only a few literal examples: the Basic credentials, the DXAPI header, the /login request
and answer and the /ping answer (with ``<placeholders>``, filled in here with values of the documented type),
and the session-extension timeline. Its models are given as field tables without JSON: ``MODEL_EXAMPLES`` holds,
for every table in the doc's order, an object with EVERY documented field set to a value of the documented
type (``number (double)`` as a JSON number, ``string (date-time)`` as ``yyyy-MM-ddTHH:mm:ss.SSSZ``,
``string (date)`` as ``yyyy-MM-dd``), so a test can check that each one parses and goes back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

# --- the doc's literal examples -----------------------------------------------------------------------------

BASIC_CREDENTIALS = {"username": "testUser", "domain": "default", "password": "testpass"}
BASIC_HEADER = "Basic dGVzdFVzZXJAZGVmYXVsdDp0ZXN0cGFzcw=="
SESSION_TOKEN_EXAMPLE = "aaabbbccc"
SESSION_HEADER = "DXAPI aaabbbccc"

LOGIN_REQUEST = """\
{
"username": "testUser",
"domain": "default",
"password": "testpass"
}
"""
LOGIN_RESULT = """\
{
"sessionToken": "aaabbbccc",
"timeout": 1800000
}
"""
PING_RESULT = LOGIN_RESULT

# "A session starts at 10:00 and expires at 10:30 ...": (minutes after the start of a ping, expiry after it)
PING_TIMELINE = [(5, 30), (14, 30), (16, 45), (29, 45), (31, 60)]

# --- one example per Definitions table, in the doc's order ---------------------------------------------------

MODEL_EXAMPLES: dict[str, str] = {}

MODEL_EXAMPLES["Account"] = """\
{
  "clearingCode": "ITI",
  "accountCode": "ST100001-MO-01",
  "brokerCode": "ITI",
  "type": "CLIENT",
  "status": "FULL_TRADING",
  "accountCashType": "MARGIN",
  "expirationDate": "2026-12-31T23:59:59.999Z",
  "accountType": "DEMO",
  "currency": "USD",
  "balance": 1000.5,
  "credit": 0,
  "equityOptionsLevel": 2,
  "categories": [{"category": "Commissions", "value": "Default"}],
  "futuresOptionsLevel": 1,
  "allowedInstruments": ["AAPL", "IBM"],
  "alpacaOmnibusSubAccountId": "sub-1",
  "selfDepositBalanceAllowed": true,
  "pdtAccount": false
}
"""

MODEL_EXAMPLES["Account group"] = """\
{"category": "Commissions", "value": "Default"}
"""

MODEL_EXAMPLES["Account update model"] = """\
{
  "expirationDate": "2026-06-30T12:00:00.000Z",
  "status": "CLOSE_ONLY",
  "credit": 250.25,
  "equityOptionsLevel": 1,
  "isPdtAccount": true,
  "futuresOptionsLevel": 0,
  "allowedInstruments": ["TSLA"],
  "alpacaOmnibusSubAccountId": "sub-2",
  "selfDepositBalanceAllowed": false
}
"""

MODEL_EXAMPLES["Adjustment model"] = """\
{"currency": "USD", "amount": -12.5, "description": "fee correction", "transferId": "adj-1"}
"""

MODEL_EXAMPLES["Broker model"] = """\
{
  "name": "ITI Capital",
  "brokerCode": "ITI",
  "namespace": "default",
  "parentBrokerCode": "ROOT",
  "countryCode": "RU",
  "type": "EXEC_BROKER",
  "description": "an executing broker",
  "clientPrincipalGroup": "default@traders",
  "dealerPrincipalGroup": "default@operators"
}
"""

MODEL_EXAMPLES["Broker notification recipient"] = """\
{"domain": "default", "login": "demo"}
"""

MODEL_EXAMPLES["Category model"] = """\
{"category": "Commissions", "values": [{"value": "Default"}, {"value": "VIP"}]}
"""

MODEL_EXAMPLES["CategoryValueModel"] = """\
{"value": "VIP"}
"""

MODEL_EXAMPLES["Client group model"] = """\
{"domain": "default", "name": "vip", "clients": ["default@demo"], "ancestors": ["default@traders"]}
"""

MODEL_EXAMPLES["Client model"] = """\
{
  "domain": "default",
  "login": "jdoe",
  "accounts": [{"accountCode": "JD-01", "currency": "USD"}],
  "fullName": "John Doe",
  "email": "jdoe@example.com",
  "brokerCode": "ITI",
  "type": "CLIENT",
  "status": "OFFLINE",
  "password": "secret",
  "passwordExpiry": 90,
  "passwordReset": true,
  "createdDateTime": "2024-01-02T03:04:05.678Z",
  "lastLogin": "2024-02-03T04:05:06.789Z",
  "groups": ["default@traders"],
  "birthPlace": "Moscow",
  "birthDate": "1980-05-17",
  "citizenship": "RU",
  "phone": "+70000000000",
  "insuranceNumber": "123-456-789 00",
  "company": "Acme",
  "contractDate": "2024-01-02",
  "location": {"countryCode": "RU", "zipCode": "101000", "address": "Red Square 1"},
  "document": {"type": "passport", "series": "4500", "number": "123456", "issuedBy": "MVD", "issuedDate": "2010-01-01"},
  "comments": "VIP",
  "dxFeedAccountId": "dxf-1"
}
"""

MODEL_EXAMPLES["Client notification message delivery status for a recipient"] = """\
{"recipient": {"domain": "default", "login": "demo"}, "readTime": 1700000000000, "acknowledgmentTime": 1700000005000}
"""

MODEL_EXAMPLES["Client notification model"] = """\
{
  "recipients": [{"domain": "default", "login": "demo"}],
  "sendToAll": "LIVE",
  "priority": "HIGH",
  "subject": "Margin call",
  "message": "Please top up your account.",
  "expirationDate": "2030-01-01T00:00:00.000Z",
  "mustAcknowledge": true
}
"""

MODEL_EXAMPLES["Client update model"] = """\
{
  "fullName": "John Q. Doe",
  "email": "john@example.com",
  "password": "n3w",
  "passwordExpiry": 30,
  "passwordReset": false,
  "status": "ONLINE",
  "groupsAdded": [{"domain": "default", "name": "vip"}],
  "groupsRemoved": [{"domain": "default", "name": "traders", "clients": [], "ancestors": []}],
  "birthPlace": "Kazan",
  "birthDate": "1981-06-18",
  "citizenship": "RU",
  "phone": "+70000000001",
  "insuranceNumber": "987",
  "company": "Acme Ltd",
  "contractDate": "2024-03-04",
  "location": {"countryCode": "RU", "zipCode": "420000", "address": "Bauman St 1"},
  "document": {"type": "passport", "series": "9200", "number": "654321", "issuedBy": "MVD", "issuedDate": "2011-02-02"},
  "comments": "moved",
  "dxFeedAccountId": "dxf-2"
}
"""

MODEL_EXAMPLES["Commission model"] = """\
{"quantity": 1.25, "type": "exchange"}
"""

MODEL_EXAMPLES["Deposit model"] = """\
{"currency": "RUB", "amount": 100000, "description": "bank wire", "transferId": "dep-1"}
"""

MODEL_EXAMPLES["DocumentModel"] = """\
{"type": "passport", "series": "4500", "number": "123456", "issuedBy": "MVD", "issuedDate": "2010-01-01"}
"""

MODEL_EXAMPLES["DxFeed account suspension model"] = """\
{"accountId": "dxf-1"}
"""

MODEL_EXAMPLES["DxFeed subscriptions update model"] = """\
{"accountId": "dxf-1", "subscriptions": [{"feedName": "NASDAQ", "endDate": "2026-12-31"}]}
"""

MODEL_EXAMPLES["Error description"] = """\
{"errorCode": 30007, "errorMessage": "Specified account is not found"}
"""

MODEL_EXAMPLES["Error description extended by additional details"] = """\
{"errorCode": 20001, "errorMessage": "Some of the required field is empty", "errorDetails": ["login: Field required"]}
"""

MODEL_EXAMPLES["Failed transaction"] = """\
{"transactionId": "S1:A2", "errorCode": "SYMBOL_NOT_FOUND", "errorText": "no such symbol: XYZ"}
"""

MODEL_EXAMPLES["LocationModel"] = """\
{"countryCode": "RU", "zipCode": "101000", "address": "Red Square 1"}
"""

MODEL_EXAMPLES["Login request model"] = """\
{"username": "testUser", "domain": "default", "password": "testpass", "appKey": "tessera"}
"""

MODEL_EXAMPLES["LoginResult"] = LOGIN_RESULT

MODEL_EXAMPLES["Notification delivery information per recipients"] = """\
{"notificationId": "N2", "statuses": [{"recipient": {"domain": "default", "login": "demo"}, "readTime": 1700000000000}]}
"""

MODEL_EXAMPLES["Rename account group"] = """\
{"category": "Commissions", "oldValue": "VIP", "newValue": "Premium"}
"""

MODEL_EXAMPLES["SSOTokenInfo"] = """\
{"expirationTime": 1700000300000, "userName": "demo", "userDomain": "default", "userId": 2, "serialNumber": 7}
"""

MODEL_EXAMPLES["SubscriptionItem"] = """\
{"feedName": "NASDAQ", "endDate": "2026-12-31"}
"""

MODEL_EXAMPLES["Token request model"] = """\
{"dxCoreSessionToken": "aaabbbccc", "tokenDuration": 60000, "tokenOrigin": "tessera"}
"""

MODEL_EXAMPLES["Transaction model"] = """\
{
  "accountCode": "ST100001-MO-01",
  "quantity": 10,
  "symbol": "GAZP",
  "timestamp": "2024-05-06T07:08:09.010Z",
  "costBasis": -1500.5,
  "cashEffect": -1500.5,
  "activityType": "POSITION_UPDATE",
  "transactionId": "S1:A1",
  "action": "CREATE",
  "transactionDescription": "transfer in",
  "commissions": [{"quantity": 1.5, "type": "broker"}],
  "fees": [{"quantity": 0.25}],
  "taxes": [{"quantity": 0, "type": "stamp"}],
  "clearingCode": "ITI",
  "calculateCashEffect": false
}
"""

MODEL_EXAMPLES["Transactions import result"] = """\
{
  "createdTransactions": ["S1:A1"],
  "updatedTransactions": [],
  "deletedTransactions": ["S1:A0"],
  "failedTransactions": [{"transactionId": "S1:A2", "errorCode": "ACCOUNT_NOT_FOUND", "errorText": "ITI/NOPE"}]
}
"""

MODEL_EXAMPLES["Withdrawal model"] = """\
{"currency": "RUB", "amount": 5000.75, "description": "to bank", "transferId": "wd-1"}
"""


def example(name: str) -> Any:
    return json.loads(MODEL_EXAMPLES[name])
