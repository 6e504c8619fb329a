"""The user API's tokens, standard library only: the HS256 JWT ``authToken`` and RFC 6238 TOTP codes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

ISSUER = "ex"  # the issuer of the doc's sample token
_HEADER = {"typ": "JWT", "alg": "HS256"}


class InvalidToken(Exception):
    """The token is malformed, signed with another key, of another algorithm, or expired."""


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidToken("not base64url") from exc


def _json_part(claims: dict[str, Any]) -> str:
    return _b64encode(json.dumps(claims, separators=(",", ":")).encode())


def _signature(secret: bytes, signing_input: str) -> bytes:
    return hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()


def encode(claims: dict[str, Any], secret: bytes) -> str:
    signing_input = f"{_json_part(_HEADER)}.{_json_part(claims)}"
    return f"{signing_input}.{_b64encode(_signature(secret, signing_input))}"


def decode(token: str, secret: bytes, now: float) -> dict[str, Any]:
    """The claims of a token this secret signed and that has not expired at ``now`` (epoch seconds)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidToken("not a JWT")
    header_part, claims_part, signature_part = parts
    expected = _signature(secret, f"{header_part}.{claims_part}")
    if not hmac.compare_digest(expected, _b64decode(signature_part)):
        raise InvalidToken("bad signature")
    try:
        header = json.loads(_b64decode(header_part))
        claims = json.loads(_b64decode(claims_part))
    except ValueError as exc:
        raise InvalidToken("unreadable JSON") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
        raise InvalidToken("not an HS256 token")
    expiry = claims.get("exp")
    if not isinstance(expiry, int | float) or expiry <= now:
        raise InvalidToken("expired")
    return claims


def totp(secret_base32: str, at: float, step: int = 30, digits: int = 6) -> str:
    """The RFC 6238 (HMAC-SHA1) code of ``secret_base32`` at epoch second ``at`` (Google Authenticator's)."""
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    mac = hmac.new(key, int(at // step).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"
