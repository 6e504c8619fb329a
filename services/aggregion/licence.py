"""Offline verification of an Aggregion licence file (the file ``POST /client/leases/{id}/license`` stores).

The doc does not say what a licence file holds; Tessera's simulator writes (and this module reads) one JSON
object, compact, keys sorted, ASCII only (the *canonical* form), and nothing else::

    {"alg":"Ed25519","format":"aggregion-licence/1","keyId":"<16 hex>","licence":{...claims...},
     "signature":"<base64 of the Ed25519 signature of the canonical claims>"}

The claims bind the licence to one lease (``lease`` id and ``leaseSn``), one key (``keyNumber``) and that
key's device (``deviceId``), and to the lease's dates (``beginDate``/``expirationDate``). A file that is not
exactly canonical is refused: every changed byte either breaks the JSON, breaks the canonical form, or breaks
the signature.

:func:`verify_licence` never raises on bad input: it answers a :class:`LicenceCheck` whose ``status`` says
valid / expired / not yet valid / tampered / signed by an unknown key / foreign device / revoked-or-unknown,
with a plain-English ``reason``.

Trust: a licence is checked against :class:`TrustedKeys` only, the public keys Tessera *ships* for the venue
(:mod:`services.aggregion.pinned_keys`, ``resources/keys/aggregion/``). A key fetched from the venue proves
nothing and is never used; a licence whose ``keyId`` is not pinned is refused ("signed by an unknown key").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import ValidationError

from services.aggregion.schemas import AggregionModel, Date, Id, format_date

LICENCE_FORMAT = "aggregion-licence/1"
ALGORITHM = "Ed25519"


class LicenceClaims(AggregionModel):
    lease: Id
    lease_sn: int
    catalog: Id
    item: Id
    owner: Id
    user: Id
    key_number: Id
    device_id: str
    begin_date: Date
    expiration_date: Date
    issued_at: Date


class LicenceStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    TAMPERED = "tampered"
    UNKNOWN_KEY = "unknown-key"
    FOREIGN_DEVICE = "foreign-device"
    REVOKED_OR_UNKNOWN = "revoked-or-unknown"


@dataclass(frozen=True, slots=True)
class LicenceCheck:
    status: LicenceStatus
    reason: str
    claims: LicenceClaims | None = None  # None when the file cannot be trusted at all

    @property
    def valid(self) -> bool:
        return self.status is LicenceStatus.VALID


# --- the format ---------------------------------------------------------------------------------------------


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def sign_document(body: Mapping[str, Any], key: Ed25519PrivateKey, *, field: str, kind: str) -> bytes:
    """``{"alg", "format": kind, "keyId", field: body, "signature"}`` in canonical form."""
    public = public_key_bytes(key.public_key())
    signature = key.sign(canonical(dict(body)))
    return canonical(
        {
            "alg": ALGORITHM,
            "format": kind,
            "keyId": key_id(public),
            field: dict(body),
            "signature": base64.b64encode(signature).decode("ascii"),
        }
    )


def sign_licence(claims: LicenceClaims, key: Ed25519PrivateKey) -> bytes:
    return sign_document(
        claims.model_dump(mode="json", by_alias=True), key, field="licence", kind=LICENCE_FORMAT
    )


def load_public_key(public_key: bytes | str | Ed25519PublicKey) -> Ed25519PublicKey:
    """A key from its raw 32 bytes, their base64, or the key itself (ValueError if none of these)."""
    if isinstance(public_key, Ed25519PublicKey):
        return public_key
    raw = base64.b64decode(public_key, validate=True) if isinstance(public_key, str) else public_key
    return Ed25519PublicKey.from_public_bytes(raw)


@dataclass(frozen=True)
class TrustedKeys:
    """The public keys a signed document may be signed by, by key id (the only keys ever verified against)."""

    keys: Mapping[str, Ed25519PublicKey] = dataclass_field(default_factory=dict)

    @classmethod
    def of(cls, keys: Iterable[bytes | str | Ed25519PublicKey]) -> TrustedKeys:
        loaded = [load_public_key(key) for key in keys]
        return cls({key_id(public_key_bytes(key)): key for key in loaded})

    def __contains__(self, key_id_: object) -> bool:
        return key_id_ in self.keys

    def __bool__(self) -> bool:
        return bool(self.keys)


def _trusted(keys: TrustedKeys | bytes | str | Ed25519PublicKey) -> TrustedKeys:
    return keys if isinstance(keys, TrustedKeys) else TrustedKeys.of([keys])


class LicenceRefused(ValueError):
    """A signed file that cannot be trusted; ``str()`` says why."""


class UnknownSigningKey(LicenceRefused):
    """A well-formed signed file whose key is not one of the pinned keys."""


def open_document(
    data: bytes | str, trusted: TrustedKeys | Ed25519PublicKey, *, field: str, kind: str
) -> dict[str, Any]:
    """The signed body of a canonical signed document; ``LicenceRefused`` (with a reason) if not."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        document = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise LicenceRefused("the file is not a readable licence (not ASCII JSON)") from exc
    if not isinstance(document, dict) or set(document) != {"alg", "format", "keyId", field, "signature"}:
        raise LicenceRefused("the file does not have the fields of a licence")
    if canonical(document) != raw:
        raise LicenceRefused("the file was changed after it was issued (not in its signed form)")
    if document["alg"] != ALGORITHM or document["format"] != kind:
        raise LicenceRefused(f"unknown licence format {document['format']!r} / {document['alg']!r}")
    keys = _trusted(trusted)
    public_key = keys.keys.get(document["keyId"]) if isinstance(document["keyId"], str) else None
    if public_key is None:
        raise UnknownSigningKey(
            f"it is signed by an unknown key ({str(document['keyId'])[:16]}), not by one Tessera trusts "
            "for this distributor"
        )
    body, signature = document[field], document["signature"]
    if not isinstance(body, dict) or not isinstance(signature, str):
        raise LicenceRefused("the file does not have the fields of a licence")
    try:
        raw_signature = base64.b64decode(signature, validate=True)
        if base64.b64encode(raw_signature).decode("ascii") != signature:  # unused low bits changed
            raise ValueError("not canonical base64")
        public_key.verify(raw_signature, canonical(body))
    except (binascii.Error, ValueError, InvalidSignature) as exc:
        raise LicenceRefused("the signature does not match the licence's contents") from exc
    return body


def read_licence(data: bytes | str, trusted: TrustedKeys | Ed25519PublicKey) -> LicenceClaims:
    """The claims of a genuine licence file; :class:`LicenceRefused` if it is not one."""
    body = open_document(data, trusted, field="licence", kind=LICENCE_FORMAT)
    try:
        return LicenceClaims.model_validate(body)
    except (ValidationError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise LicenceRefused("its contents are not a valid licence") from exc


# --- verification -------------------------------------------------------------------------------------------


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + "."


def verify_licence(
    data: bytes | str,
    trusted: TrustedKeys | bytes | str | Ed25519PublicKey,
    *,
    device_id: str,
    now: datetime | None = None,
    lease_id: str | None = None,
    key_number: str | None = None,
    active_leases: Collection[str] | None = None,
) -> LicenceCheck:
    """Is ``data`` a licence for this device, now?

    ``lease_id``/``key_number``: the lease and key the caller expects the licence for (from the last online
    sync); ``active_leases``: the lease ids known to be active. A licence outside these is
    ``revoked-or-unknown``: offline, a revoked lease or an unbound key cannot be told from a stranger's.
    """
    try:
        keys = _trusted(trusted)
    except (ValueError, TypeError, binascii.Error):
        return LicenceCheck(LicenceStatus.TAMPERED, "the distributor's public key is not a valid Ed25519 key")
    if not keys:
        return LicenceCheck(LicenceStatus.UNKNOWN_KEY, "Tessera trusts no signing key for this distributor.")
    try:
        claims = read_licence(data, keys)
    except UnknownSigningKey as refused:
        return LicenceCheck(LicenceStatus.UNKNOWN_KEY, _sentence(str(refused)))
    except LicenceRefused as refused:
        return LicenceCheck(LicenceStatus.TAMPERED, _sentence(str(refused)))
    return _judge(claims, device_id, now or datetime.now(UTC), lease_id, key_number, active_leases)


def _judge(
    claims: LicenceClaims,
    device_id: str,
    now: datetime,
    lease_id: str | None,
    key_number: str | None,
    active_leases: Collection[str] | None,
) -> LicenceCheck:
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if lease_id is not None and claims.lease != lease_id:
        return LicenceCheck(
            LicenceStatus.REVOKED_OR_UNKNOWN,
            f"The licence is for lease {claims.lease}, not for the expected lease {lease_id}.",
            claims,
        )
    if key_number is not None and claims.key_number != key_number:
        return LicenceCheck(
            LicenceStatus.REVOKED_OR_UNKNOWN,
            f"The licence is for key {claims.key_number}, not for this installation's key {key_number}.",
            claims,
        )
    if active_leases is not None and claims.lease not in active_leases:
        return LicenceCheck(
            LicenceStatus.REVOKED_OR_UNKNOWN,
            f"Lease {claims.lease} is not among the active leases last seen online (revoked or unknown).",
            claims,
        )
    if claims.device_id != device_id:
        return LicenceCheck(
            LicenceStatus.FOREIGN_DEVICE,
            f"The licence was issued for another device ({claims.device_id}), not this one ({device_id}).",
            claims,
        )
    if now < claims.begin_date:
        return LicenceCheck(
            LicenceStatus.NOT_YET_VALID,
            f"The licence is valid from {format_date(claims.begin_date)} only.",
            claims,
        )
    if now >= claims.expiration_date:
        return LicenceCheck(
            LicenceStatus.EXPIRED, f"The licence expired on {format_date(claims.expiration_date)}.", claims
        )
    return LicenceCheck(
        LicenceStatus.VALID,
        f"Valid until {format_date(claims.expiration_date)} for key {claims.key_number} on this device.",
        claims,
    )
