"""The User API (/user/...) and /test-auth: signup, login, the account's value and positions, the five
"Not Released" security endpoints."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import time
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.simulator.apis.coinweight import tokens
from services.simulator.apis.coinweight.accounts import VALUATION_CURRENCY, open_accounts, portfolio_value
from services.simulator.apis.coinweight.state import User
from services.simulator.apis.coinweight.venue import COUNTERPARTIES, CoinweightSim, private, public
from services.simulator.apis.coinweight.wire import (
    ApiError,
    fixed,
    json_object,
    ok,
    parameters_error,
    plain,
    text_field,
)
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD

DEMO_EMAIL = "demo@tessera.local"
SIMULATED_SMS_CODE = "123456"  # the code /user/phone/verify "sends"
TOTP_ISSUER = "coin-weight"

# /user/login
LOGIN_NO_ACCOUNT = 1
LOGIN_BAD_PASSWORD = 3
LOGIN_PARAMETERS = 4
# /user/signup (3 and 5 are also /user/phone/bind's, 5 /user/totp/bind's)
SIGNUP_USERNAME_TAKEN = 1
SIGNUP_EMAIL_TAKEN = 2
PHONE_TAKEN = 3
SIGNUP_ACCOUNT_EXISTS = 4
VERIFICATION_CODE_ERROR = 5
# /user/pwd/change uses LOGIN_BAD_PASSWORD for a wrong oldPassword

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_PHONE = re.compile(r"^\d{4,15}$")


def _hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)


def _password_matches(user: User, password: str) -> bool:
    return hmac.compare_digest(user.password_hash, _hash_password(password, user.password_salt))


def _set_password(user: User, password: str) -> None:
    user.password_salt = os.urandom(16)
    user.password_hash = _hash_password(password, user.password_salt)


def create_user(venue: CoinweightSim, user_name: str, email: str, phone: str, password: str) -> User:
    """A new user with funded accounts on every counterparty."""
    state = venue.state
    salt = os.urandom(16)
    user = User(state.next_uid, user_name, email, phone, salt, _hash_password(password, salt))
    state.users[user.uid] = user
    state.next_uid += 1
    open_accounts(venue, user.uid)
    return user


def ensure_demo_user(venue: CoinweightSim) -> None:
    if not any(user.user_name == DEMO_LOGIN for user in venue.state.users.values()):
        create_user(venue, DEMO_LOGIN, DEMO_EMAIL, "", DEMO_PASSWORD)


def _find_login(venue: CoinweightSim, login: str) -> User | None:
    login = login.lower()
    for user in venue.state.users.values():
        if login in (user.user_name.lower(), user.email.lower()):
            return user
    return None


def _body_uid(body: dict[str, Any], user: User) -> None:
    if body.get("uid") is not None:
        CoinweightSim.check_owner(body["uid"], user)


def routes(venue: CoinweightSim) -> list[Route]:
    async def test_auth(request: Request, user: User) -> Response:
        return JSONResponse({"uid": user.uid, "group": user.group})  # bare, as documented

    async def login(request: Request) -> Response:
        body = await json_object(request)
        name = text_field(body, "userName", code=LOGIN_PARAMETERS)
        password = text_field(body, "password", code=LOGIN_PARAMETERS)
        user = _find_login(venue, name)
        if user is None:
            raise ApiError(LOGIN_NO_ACCOUNT, f"Account not exist: {name}")
        if not _password_matches(user, password):
            raise ApiError(LOGIN_BAD_PASSWORD, "Password error")
        data = {
            "uid": user.uid,
            "userName": user.user_name,
            "group": user.group,
            "email": user.email,
            "authToken": venue.issue_token(user),
        }
        return ok(data, with_message=False)

    async def signup(request: Request) -> Response:
        body = await json_object(request)
        name = text_field(body, "userName")
        password = text_field(body, "password")
        email = text_field(body, "email")
        phone = text_field(body, "phone", required=False)
        if not _EMAIL.match(email):
            raise parameters_error(f"email {email!r} is not an e-mail address")
        if phone and not _PHONE.match(phone):
            raise parameters_error("phone must be 4 to 15 digits")
        _check_unique(venue, name, email, phone)
        user = create_user(venue, name, email, phone, password)
        data = {
            "uid": user.uid,
            "userName": user.user_name,
            "group": user.group,
            "authToken": venue.issue_token(user),
        }
        return ok(data, with_message=False)

    async def info(request: Request, user: User) -> Response:
        value = portfolio_value(venue, user.uid)
        change = (
            (value.total - value.total_day_ago) / value.total_day_ago if value.total_day_ago else Decimal(0)
        )
        return ok(
            {
                "uid": str(user.uid),
                "googleAuthEnabled": user.google_auth_enabled,
                "group": user.group,
                "userName": user.user_name,
                "phone": user.phone,
                "email": user.email,
                "avatar": "",
                "estimatedValue": f"{fixed(value.total, 4)} {VALUATION_CURRENCY}",
                "availableValue": fixed(value.available, 4),
                "netUnitValue": f"{fixed(value.total, 4)} {VALUATION_CURRENCY}",
                "onOrders": fixed(value.on_orders, 4),
                "changePercentage": float(round(change, 4)),
            },
            with_message=False,
        )

    async def position(request: Request, user: User) -> Response:
        rows = []
        for counterparty in COUNTERPARTIES:
            holdings = venue.engine.holdings(venue.account(user.uid, counterparty))
            for currency in sorted(holdings):
                holding = holdings[currency]
                if holding.total or holding.held:
                    rows.append(
                        {
                            "counterParty": counterparty,
                            "currency": currency,
                            "totalAmount": plain(holding.total),
                            "usedAmount": plain(holding.held),
                            "availableAmount": plain(holding.available),
                        }
                    )
        return ok(rows, with_message=False)

    async def change_password(request: Request, user: User) -> Response:
        body = await json_object(request)
        _body_uid(body, user)
        old = text_field(body, "oldPassword")
        new = text_field(body, "newPassword")
        if not _password_matches(user, old):
            raise ApiError(LOGIN_BAD_PASSWORD, "Password error")
        _set_password(user, new)
        return ok()

    async def verify_phone(request: Request, user: User) -> Response:
        body = await json_object(request)
        _body_uid(body, user)
        phone, country = _phone_of(body)
        _check_phone_free(venue, phone, user)
        user.pending_phone = (country, phone)  # the simulated SMS carries SIMULATED_SMS_CODE
        return ok()

    async def bind_phone(request: Request, user: User) -> Response:
        body = await json_object(request)
        _body_uid(body, user)
        phone, country = _phone_of(body)
        code = text_field(body, "verificationCode")
        if user.pending_phone != (country, phone) or code != SIMULATED_SMS_CODE:
            raise ApiError(VERIFICATION_CODE_ERROR, "Verification code error")
        _check_phone_free(venue, phone, user)
        user.phone, user.country_code, user.pending_phone = phone, country, None
        return ok()

    async def new_totp(request: Request, user: User) -> Response:
        if user.google_auth_enabled:
            return JSONResponse({"bind": True, "hashKey": "", "qrCodeText": ""})
        user.pending_totp_secret = base64.b32encode(os.urandom(20)).decode("ascii")
        label = quote(f"{TOTP_ISSUER}:{user.user_name}")
        text = f"otpauth://totp/{label}?secret={user.pending_totp_secret}&issuer={TOTP_ISSUER}"
        return JSONResponse({"bind": False, "hashKey": user.pending_totp_secret, "qrCodeText": text})

    async def bind_totp(request: Request, user: User) -> Response:
        body = await json_object(request)
        _body_uid(body, user)
        code = text_field(body, "authCode")
        if not user.pending_totp_secret:
            raise parameters_error("no pending authenticator key: call /user/totp/new first")
        now = time.time()  # an authenticator app runs on the wall clock, not the simulated one
        if not any(tokens.totp(user.pending_totp_secret, now + drift) == code for drift in (-30, 0, 30)):
            raise ApiError(VERIFICATION_CODE_ERROR, "Verification code error")
        user.google_auth_enabled, user.pending_totp_secret = True, ""
        return ok()

    return [
        Route("/test-auth", private(venue, test_auth), methods=["GET"]),
        Route("/user/login", public(venue, login), methods=["POST"]),
        Route("/user/signup", public(venue, signup), methods=["POST"]),
        Route("/user/{uid}/info", private(venue, info, path_uid="uid"), methods=["GET"]),
        Route("/user/{uid}/position", private(venue, position, path_uid="uid"), methods=["GET"]),
        Route("/user/pwd/change", private(venue, change_password), methods=["POST"]),
        Route("/user/phone/verify", private(venue, verify_phone), methods=["POST"]),
        Route("/user/phone/bind", private(venue, bind_phone), methods=["POST"]),
        Route("/user/totp/new", private(venue, new_totp), methods=["POST"]),
        Route("/user/totp/bind", private(venue, bind_totp), methods=["POST"]),
    ]


def _check_unique(venue: CoinweightSim, name: str, email: str, phone: str) -> None:
    users = venue.state.users.values()
    same_name = [u for u in users if u.user_name.lower() == name.lower()]
    same_email = [u for u in users if u.email.lower() == email.lower()]
    same_phone = [u for u in users if phone and u.phone == phone]
    if any(u in same_email and (not phone or u in same_phone) for u in same_name):
        raise ApiError(SIGNUP_ACCOUNT_EXISTS, "Account duplication")
    if same_name:
        raise ApiError(SIGNUP_USERNAME_TAKEN, f"Username duplication: {name}")
    if same_email:
        raise ApiError(SIGNUP_EMAIL_TAKEN, f"Email duplication: {email}")
    if same_phone:
        raise ApiError(PHONE_TAKEN, f"Phone duplication: {phone}")


def _phone_of(body: dict[str, Any]) -> tuple[str, str]:
    phone = text_field(body, "phone")
    country = text_field(body, "countryCode")
    if not _PHONE.match(phone):
        raise parameters_error("phone must be 4 to 15 digits")
    if not re.fullmatch(r"\+\d{1,4}", country):
        raise parameters_error("countryCode must look like +86")
    return phone, country


def _check_phone_free(venue: CoinweightSim, phone: str, user: User) -> None:
    if any(other.phone == phone and other is not user for other in venue.state.users.values()):
        raise ApiError(PHONE_TAKEN, f"Phone duplication: {phone}")
