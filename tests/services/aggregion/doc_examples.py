# ruff: noqa: E501
"""The JSON examples of api-docs/aggregion-ds-api.apib (in the doc's order) and of api-notes/aggregion-ds.md.

Cleaned only where JSON or a value requires it, each said where done: the doc's date placeholders ``"Date"`` /
``"date"`` become a real date (:data:`A_DATE`); ``"qty": Number`` becomes ``"qty": 3``; the malformed
``"squad": ["catalog": ...]`` becomes a list of one object; the serverToken example loses its trailing comma.
The notes give shapes as ``{field type}`` sketches: ``NOTES`` writes each as the JSON it describes, with the
notes' own example values where they give one. ``EXAMPLES[name] = (model, json text)``.
"""

from __future__ import annotations

import json
from typing import Any

from services.aggregion import schemas as s

A_DATE = "2015-04-24T13:21:18.000Z"

_CATALOG = """{
    "id": "123",
    "owner": "123",
    "title": {"default": "English", "ru_RU": "Название на русском языке"},
    "description": {"default": "English", "ru_RU": "Описание на русском языке"},
    "cover": "cover_url",
    "tags": ["String"],
    "platformSupport": ["windows", "ios", "android", "android4.3+"],
    "previewImages": ["url", "url"],
    "previewVideos": ["url", "url"],
    "options": {"language": "ru_RU", "isbn": "isbn", "someOption": "someValue"}
}"""

_ITEM_MOVES = f"""[
    {{"catalog": "123", "expirationDate": "{A_DATE}", "qty": 1}},
    {{"catalog": "456", "expirationDate": "{A_DATE}", "qty": 2}}
]"""

DOC: dict[str, tuple[Any, str]] = {
    "catalog_list": (list[s.CatalogEntry], f"[{_CATALOG}]"),
    "catalog_create_request": (s.CatalogFields, """{
        "title": {"default": "English", "ru_RU": "Название на русском языке"},
        "description": {"default": "English", "ru_RU": "Описание на русском языке"},
        "cover": "cover_url", "tags": ["String"],
        "platformSupport": ["windows", "ios", "android", "android4.3+"],
        "previewImages": ["url", "url"], "previewVideos": ["url", "url"],
        "options": {"language": "ru_RU", "isbn": "isbn", "someOption": "someValue"}
    }"""),
    "catalog_create_response": (s.CatalogEntry, _CATALOG),
    "catalog_get": (s.CatalogEntry, _CATALOG),
    "catalog_patch_request": (s.CatalogPatch, '{"title": {"default": "New title", "ru_RU": "Новое название"}}'),
    "catalog_patch_response": (s.CatalogEntry, _CATALOG.replace('"default": "English", "ru_RU": "Название на русском языке"', '"default": "New title", "ru_RU": "Новое название"')),
    "catalog_publish_response": (s.CatalogEntry, _CATALOG),  # "$Catalog"
    "bundles_list": (list[s.Bundle], '[{"id": "001", "owner": "123", "version": "1.0", "resourceId": "123", "catalog": "456"}]'),
    "bundle_create_request": (s.BundleDraft, '{"owner": "123", "version": "1.0", "catalog": "456", "sourceResourceId": "123"}'),
    "bundle_create_response": (s.Bundle, '{"id": "456", "owner": "123", "version": "1.0", "resourceId": "123", "catalog": "456", "available": false}'),
    "bundle_get": (s.Bundle, '{"id": "456", "owner": "123", "version": "1.0", "resourceId": "123", "catalog": "456", "available": false}'),
    "funds_list": (list[s.Fund], '[{"id": "456", "owner": "123", "name": "Название фонда"}]'),
    "fund_create_request": (s.FundDraft, '{"owner": "123", "name": "Название фонда"}'),
    "fund_create_response": (s.Fund, '{"id": "456", "owner": "123", "name": "Название фонда"}'),
    "fund_get": (s.Fund, '{"id": "456", "owner": "123", "name": "Название фонда"}'),
    "fund_patch_request": (s.FundPatch, '{ "name": "Новое название" }'),
    "fund_patch_response": (s.Fund, '{"id": "456", "owner": "123", "name": "Новое название"}'),
    "fund_grouped": (list[s.GroupedItems], """[{"catalog": "553a434e41a76a260efc00ef", "items": [{
        "creationDate": "2015-04-24T13:21:18.000Z", "expirationDate": "2015-05-04T13:21:18.000Z", "qty": 9}]}]"""),
    "items_list": (list[s.Item], f'[{{"catalog": "ObjectId", "fund": "ObjectId", "creationDate": "{A_DATE}", "expirationDate": "{A_DATE}"}}]'),
    "item_create_request": (s.ItemDraft, f'{{"catalog": "ObjectId", "fund": "ObjectId", "expirationDate": "{A_DATE}"}}'),
    "item_create_response": (s.Item, f'{{"creator": 123, "owner": "123", "catalog": "ObjectId", "fund": "ObjectId", "creationDate": "{A_DATE}", "expirationDate": "{A_DATE}"}}'),
    "items_multi_request": (s.MultiItemDraft, f'{{"catalog": "ObjectId", "fund": "ObjectId", "expirationDate": "{A_DATE}", "qty": 3}}'),
    "items_multi_response": (list[s.Item], f'[{{"creator": 123, "owner": "123", "catalog": "ObjectId", "fund": "ObjectId", "creationDate": "{A_DATE}", "expirationDate": "{A_DATE}"}}]'),
    "move_to_account_request": (s.MoveToAccountRequest, f'{{"items": {_ITEM_MOVES}, "account": "accountId", "documentOptions": {{}}}}'),
    "move_to_fund_request": (s.MoveToFundRequest, f'{{"items": {_ITEM_MOVES}, "fund": "fundId"}}'),
    "document_create_request": (s.DocumentDraft, '{"contragent": "123", "type": "invoice", "squad": [{"catalog": "123", "qty": 10, "licensePeriod": 365}]}'),
    "signature_request": (s.SignatureRequest, '{"keyNumber": "123", "license": "some_base64"}'),
    "signature_response": (s.ResourceRef, '{"resourceId": "456"}'),
    "bind_request": (s.KeyNumber, '{"keyNumber": "123"}'),
    "unbind_request": (s.KeyNumber, '{"keyNumber": "123"}'),
    "license_request": (s.KeyNumber, '{"keyNumber": "123"}'),
    "license_response": (s.ResourceRef, '{"resourceId": "123"}'),
    "key_create_request": (s.KeyDraft, '{"deviceId": "qqwweedfsd", "deviceName": "Мой планшет"}'),
}

NOTES: dict[str, tuple[Any, str]] = {
    "auth_local_request": (s.LocalCredentials, '{"login": "demo", "password": "demo"}'),
    "auth_local_response": (s.SessionAnswer, '{"sessionId": "s-1"}'),
    "reg_request_response": (s.RegistrationRequest, f'{{"id": "r-1", "questionType": "captcha", "question": "https://id/captcha.png", "expirationDate": "{A_DATE}"}}'),
    "oauth_scopes": (list[s.ServiceScopes], '[{"serviceName": "distribution", "scopes": [{"title": {"default": "Read funds", "ru_RU": "Чтение фондов"}, "value": "fund.read"}]}]'),
    "oauth_applications": (list[s.OAuthApplication], '[{"clientId": 234, "name": "Reader"}]'),
    "group_tree": (list[s.IdGroup], '[{"id": "g-1", "owner": "a-1", "name": "Beta", "members": ["u-1"], "children": [{"id": "g-2", "owner": "a-1", "name": "Inner", "parent": "g-1"}]}]'),
    "session_model": (s.IdSession, f'{{"sessionId": "s-1", "user": "u-1", "expirationDate": "{A_DATE}"}}'),
    "token_model": (s.IdTokenRecord, f'{{"user": "u-1", "application": "app-1", "service": "svc-1", "scope": ["fund.read"], "creationDate": "{A_DATE}", "expirationDate": "{A_DATE}", "refreshToken": "r-1", "refreshTokenExpirationDate": "{A_DATE}"}}'),
    "oauth_code_request": (s.CodeRequest, '{"clientId": "tessera", "credentials": {"social": ["posts"], "distribution": ["subscriptions"]}}'),
    "oauth_code_response": (s.CodeAnswer, '{"code": "c-1"}'),
    "oauth_token_request_code": (s.TokenRequest, '{"clientId": "tessera", "clientSecret": "demo", "grantType": "code", "code": "c-1", "refreshToken": null}'),
    "oauth_token_request_refresh": (s.TokenRequest, '{"clientId": "tessera", "clientSecret": "demo", "grantType": "refreshToken", "code": null, "refreshToken": "r-1"}'),
    "oauth_token_response": (s.TokenSet, '{"token": "t-1", "refreshToken": "r-1", "expiresIn": 3600}'),
    "server_token_request": (s.ServerTokenRequest, """{"clientId": "tessera", "clientSecret": "demo", "auth": {"login": "demo", "password": "demo",
        "credentials": {"id": ["main", "accounts"], "distribution": ["main"], "storage": ["main"]}, "expiresIn": "63072000"}}"""),
    "server_token_response": (s.TokenSet, '{"token": "t-2", "expiresIn": 63072000}'),
    "users_me": (s.IdUser, f'{{"info": {{"email": "a@b.c", "firstName": "A", "lastName": "B", "phoneNumber": "+1", "address": "X"}}, "registrationDate": "{A_DATE}"}}'),
    "users_me_accounts": (list[s.IdAccount], '[{"id": "1", "owner": 123, "name": "Acme", "isOrganization": true, "admins": [123, 456]}]'),
    "extended_owner": (s.IdAccount, '{"name": "Acme", "isOrganization": true, "id": "5f0000000000000000000001"}'),
    "move_to_account_head": (s.MoveToAccountRequest, f'{{"items": {_ITEM_MOVES}, "account": "a-2", "documentOptions": [], "fromFund": "f-1"}}'),
    "move_to_fund_head": (s.MoveToFundRequest, f'{{"items": {_ITEM_MOVES}, "fromFund": "f-1", "toFund": "f-2"}}'),
    "create_leases_for_users": (s.LeasesForUsersRequest, f'{{"items": [{{"catalog": "123", "expirationDate": "{A_DATE}"}}], "users": ["u-1"], "expirationDate": "{A_DATE}"}}'),
    "create_leases_for_groups": (s.LeasesForGroupsRequest, f'{{"items": [{{"catalog": "123", "expirationDate": "{A_DATE}"}}], "groups": ["g-1"], "expirationDate": "{A_DATE}"}}'),
    "lease_model": (s.Lease, f'{{"id": "l-1", "owner": "a-1", "sn": 1, "item": "i-1", "user": "u-1", "keys": ["k-1"], "maxKeys": 2, "creationDate": "{A_DATE}", "beginDate": "{A_DATE}", "expirationDate": "{A_DATE}", "isActive": true}}'),
    "key_model": (s.DeviceKey, '{"id": "k-1", "number": "1000000001", "deviceName": "Мой планшет", "deviceId": "qqwweedfsd", "user": "u-1", "body": "r-9"}'),
    "document_model": (s.Document, '{"id": "d-1", "owner": "a-1", "contragent": "a-2", "number": 7, "type": "invoice", "options": [{"key": "k", "value": "v"}], "squad": [{"catalog": "c-1", "qty": 10, "licensePeriod": 365}], "status": "new"}'),
    "transaction_model": (s.Transaction, f'{{"id": "t-1", "sender": "a-1", "receiver": "a-2", "document": "d-1", "date": "{A_DATE}", "oldFund": "f-1", "newFund": "f-2", "items": ["i-1"]}}'),
    "bundle_model": (s.Bundle, '{"id": "b-1", "owner": "a-1", "version": "1.0", "resourceId": "r-1", "catalog": "c-1", "status": "error", "error": {"reason": "bad zip"}}'),
    "catalog_model": (s.CatalogEntry, _CATALOG.replace('"id": "123",', '"id": "123", "maxKeys": 2, "isPublic": false, "publishingStatus": "rejected", "rejectReason": "no cover",')),
}

EXAMPLES: dict[str, tuple[Any, str]] = {**DOC, **{f"notes_{k}": v for k, v in NOTES.items()}}


def example(name: str) -> Any:
    return json.loads(EXAMPLES[name][1])
