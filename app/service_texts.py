"""The texts services/ writes (it knows no Qt) in the user's language.

A :class:`~services.errors.RejectedInput`, a :class:`~services.errors.TransportError` and a
:class:`~services.errors.VenueError` written by us carry an English template and its fields;
:func:`error_text` (and :func:`message_text`, :func:`rejected_text`) translates the template in context
``"services"`` and fills it; a venue's own words are not listed and pass through as they are.
:data:`SERVICE_TEXTS` (refusals of input) and :data:`ERROR_TEXTS` (transport and venue errors) mark every
template for lupdate (``tests/gui/test_i18n_service_texts.py`` checks that each ``RejectedInput(...)``,
``TransportError(...)`` and literal ``VenueError(...)`` of services/ is listed).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from services.errors import RejectedInput, TransportError, VenueError

SERVICE_TEXTS = (
    # aggregion
    QT_TRANSLATE_NOOP("services", "choose an account first (DS needs the X-Account header)"),
    QT_TRANSLATE_NOOP("services", "The quantity is from 1 to {limit}."),
    QT_TRANSLATE_NOOP("services", "The quantity is a whole number."),
    QT_TRANSLATE_NOOP("services", "Enter a title."),
    QT_TRANSLATE_NOOP("services", "A title is at most 120 characters."),
    QT_TRANSLATE_NOOP("services", "Enter a description."),
    QT_TRANSLATE_NOOP(
        "services", "Tags are lower-case letters, digits and '-', separated by commas: not {tag!r}."
    ),
    QT_TRANSLATE_NOOP("services", "Choose at least one platform."),
    QT_TRANSLATE_NOOP("services", "Seats per lease is from 1 to {limit}."),
    QT_TRANSLATE_NOOP("services", "Choose what kind of add-on this is."),
    QT_TRANSLATE_NOOP("services", "A version looks like 1.2.0."),
    QT_TRANSLATE_NOOP("services", "Version {version} is uploaded already."),
    QT_TRANSLATE_NOOP("services", "Choose the bundle file."),
    QT_TRANSLATE_NOOP("services", "The file cannot be read."),
    QT_TRANSLATE_NOOP("services", "The file is empty."),
    QT_TRANSLATE_NOOP("services", "A bundle is at most 50 MB."),
    QT_TRANSLATE_NOOP("services", "Enter the group id to lease to."),
    QT_TRANSLATE_NOOP("services", "Enter the user id to lease to."),
    QT_TRANSLATE_NOOP("services", "A group id is 24 hexadecimal characters: not {id!r}."),
    QT_TRANSLATE_NOOP("services", "A user id is 24 hexadecimal characters: not {id!r}."),
    QT_TRANSLATE_NOOP("services", "Enter the fund's name."),
    QT_TRANSLATE_NOOP("services", "A fund's name is at most 80 characters."),
    QT_TRANSLATE_NOOP("services", "There is a fund named \u201c{name}\u201d already."),
    QT_TRANSLATE_NOOP("services", "Choose the fund in the list first."),
    QT_TRANSLATE_NOOP("services", "Choose the catalog entry."),
    QT_TRANSLATE_NOOP("services", "The items must expire in the future."),
    QT_TRANSLATE_NOOP("services", "Enter the id of the account that receives the items."),
    QT_TRANSLATE_NOOP("services", "An account id is 24 hexadecimal characters: not {account!r}."),
    QT_TRANSLATE_NOOP("services", "Enter the invoice's number."),
    QT_TRANSLATE_NOOP("services", "This is too long (invoice number: 64, note: 500 characters)."),
    QT_TRANSLATE_NOOP("services", "Enter your Aggregion login."),
    QT_TRANSLATE_NOOP("services", "Enter your password."),
    QT_TRANSLATE_NOOP("services", "This user has no account to publish from."),
    QT_TRANSLATE_NOOP("services", "The publishing account has no default fund."),
    QT_TRANSLATE_NOOP("services", "These groups have no members."),
    QT_TRANSLATE_NOOP("services", "Seats per lease is a whole number."),
    QT_TRANSLATE_NOOP("services", "The lease must end in the future."),
    QT_TRANSLATE_NOOP("services", "Choose the catalog entry of the new items."),
    QT_TRANSLATE_NOOP("services", "Choose when the new items expire."),
    QT_TRANSLATE_NOOP("services", "Choose the items to move in the fund's list."),
    QT_TRANSLATE_NOOP("services", "The fund holds {available} of these items."),
    QT_TRANSLATE_NOOP("services", "{group} is not a group of your accounts."),
    QT_TRANSLATE_NOOP("services", "You have no active lease of this add-on."),
    # chp
    QT_TRANSLATE_NOOP("services", "CHP cancels orders one by one"),
    QT_TRANSLATE_NOOP("services", "{instrument} is not a CHP instrument"),
    QT_TRANSLATE_NOOP("services", "no portfolio (not connected?)"),
    QT_TRANSLATE_NOOP("services", "a limit price is required"),
    QT_TRANSLATE_NOOP("services", "a stop price is required"),
    QT_TRANSLATE_NOOP("services", "CHP can only move an order's price"),
    QT_TRANSLATE_NOOP("services", "a new price is required"),
    QT_TRANSLATE_NOOP("services", "unknown portfolio {account}"),
    QT_TRANSLATE_NOOP("services", "required for this order type"),
    QT_TRANSLATE_NOOP("services", "{action} does not buy"),
    QT_TRANSLATE_NOOP("services", "{action} does not sell"),
    QT_TRANSLATE_NOOP("services", "CHP orders are Day or GTC"),
    # coinweight
    QT_TRANSLATE_NOOP("services", "coin-weight takes limit and market orders only"),
    QT_TRANSLATE_NOOP("services", "the quantity must be positive"),
    QT_TRANSLATE_NOOP("services", "the minimum is {minimum}"),
    QT_TRANSLATE_NOOP("services", "the maximum is {maximum}"),
    QT_TRANSLATE_NOOP("services", "at most {decimals} decimals ({step})"),
    QT_TRANSLATE_NOOP("services", "a limit order needs a price"),
    QT_TRANSLATE_NOOP("services", "the price must be positive"),
    QT_TRANSLATE_NOOP("services", "coin-weight orders stay until filled or canceled (GTC)"),
    QT_TRANSLATE_NOOP("services", "the professional layout has positions 1 to {count}"),
    QT_TRANSLATE_NOOP("services", "the simple layout has positions 1 to {count}"),
    QT_TRANSLATE_NOOP("services", "{instrument} is not traded on coin-weight"),
    # dxregister
    QT_TRANSLATE_NOOP("services", "an adjustment needs a non-zero amount"),
    QT_TRANSLATE_NOOP("services", "a deposit needs a positive amount"),
    QT_TRANSLATE_NOOP("services", "a withdrawal needs a positive amount"),
    QT_TRANSLATE_NOOP("services", "the account currency is required"),
    # marketdata
    QT_TRANSLATE_NOOP("services", "unknown kline interval {interval!r}"),
    QT_TRANSLATE_NOOP("services", "{instrument} is not a {venue} instrument"),
    QT_TRANSLATE_NOOP("services", "no market-data server set for {counterparty!r}"),
    # ramm
    QT_TRANSLATE_NOOP("services", "company {company} is not open to this login ({known} are)"),
    # trading
    QT_TRANSLATE_NOOP("services", "This order was already sent"),
    QT_TRANSLATE_NOOP("services", "Not connected to {venue}"),
)


ERROR_TEXTS = (
    # services/http.py: the wire
    QT_TRANSLATE_NOOP("services", "the session is closed"),
    QT_TRANSLATE_NOOP("services", "no answer in time (timeout)"),
    QT_TRANSLATE_NOOP("services", "cannot connect"),
    QT_TRANSLATE_NOOP("services", "connection dropped"),
    QT_TRANSLATE_NOOP("services", "transport failure ({kind})"),
    QT_TRANSLATE_NOOP("services", "unreadable answer (HTTP {status}, not JSON)"),
    QT_TRANSLATE_NOOP("services", "unreadable answer (HTTP {status}, nested too deep)"),
    QT_TRANSLATE_NOOP("services", "unreadable answer (HTTP {status}, nested deeper than {depth})"),
    # answers every client may meet
    QT_TRANSLATE_NOOP("services", "unreadable answer ({problem})"),
    QT_TRANSLATE_NOOP("services", "unreadable answer (nested too deeply)"),
    QT_TRANSLATE_NOOP("services", "unreadable answer from {path} ({kind})"),
    QT_TRANSLATE_NOOP("services", "empty answer from {path}"),
    QT_TRANSLATE_NOOP("services", "unexpected answer from {path}: {problem}"),
    QT_TRANSLATE_NOOP("services", "unexpected answer from {path} (no envelope)"),
    QT_TRANSLATE_NOOP("services", "unexpected answer to {path} (no envelope)"),
    QT_TRANSLATE_NOOP("services", "unreadable row in {what}: {problem}"),
    QT_TRANSLATE_NOOP("services", "gateway failure (HTTP {status}); the request may have been carried out"),
    QT_TRANSLATE_NOOP("services", "server failure (HTTP {status})"),
    QT_TRANSLATE_NOOP("services", "request refused (HTTP {status})"),
    QT_TRANSLATE_NOOP("services", "server failure (HTTP {status}) to {path}"),
    QT_TRANSLATE_NOOP("services", "request refused (HTTP {status}) to {path}"),
    # aggregion
    QT_TRANSLATE_NOOP("services", "upload failed ({kind})"),
    QT_TRANSLATE_NOOP("services", "unreadable Content-Range from {path}: {header!r}"),
    QT_TRANSLATE_NOOP("services", "not signed in, or the session has expired (HTTP {status})"),
    QT_TRANSLATE_NOOP("services", "not allowed (HTTP {status})"),
    QT_TRANSLATE_NOOP("services", "not found (HTTP {status})"),
    QT_TRANSLATE_NOOP("services", "{message} (HTTP {status})"),
    QT_TRANSLATE_NOOP("services", "no refresh token: sign in again"),
    # chp
    QT_TRANSLATE_NOOP("services", "not connected"),
    QT_TRANSLATE_NOOP("services", "no {name} update in {seconds} s"),
    QT_TRANSLATE_NOOP("services", "no order book for {symbol}"),
    QT_TRANSLATE_NOOP("services", "order {id} was not canceled"),
    QT_TRANSLATE_NOOP("services", "order {id} was not moved"),
    # coinweight
    QT_TRANSLATE_NOOP("services", "authentication failure"),
    QT_TRANSLATE_NOOP("services", "not logged in"),
    QT_TRANSLATE_NOOP("services", "the venue did not create the strategy"),
    QT_TRANSLATE_NOOP("services", "unreadable amount {text!r}"),
    # coinweight: the doc's reasons for an error code, when the answer says none
    QT_TRANSLATE_NOOP("services", "Account not exist"),
    QT_TRANSLATE_NOOP("services", "Password error"),
    QT_TRANSLATE_NOOP("services", "Parameters error"),
    QT_TRANSLATE_NOOP("services", "Username duplication"),
    QT_TRANSLATE_NOOP("services", "Email duplication"),
    QT_TRANSLATE_NOOP("services", "Phone duplication"),
    QT_TRANSLATE_NOOP("services", "Account duplication"),
    QT_TRANSLATE_NOOP("services", "Verification code error"),
    QT_TRANSLATE_NOOP("services", "Duplicated secret key"),
    QT_TRANSLATE_NOOP("services", "Unexpected Error (wrong owner)"),
    QT_TRANSLATE_NOOP("services", "time out of range ({millis} ms)"),
    # dxregister (its answers' reasons for a status, when the body says none)
    QT_TRANSLATE_NOOP("services", "login answered without a sessionToken"),
    QT_TRANSLATE_NOOP("services", "request is not valid"),
    QT_TRANSLATE_NOOP("services", "authentication required"),
    QT_TRANSLATE_NOOP("services", "access forbidden"),
    QT_TRANSLATE_NOOP("services", "not found"),
    QT_TRANSLATE_NOOP("services", "conflict with the current state"),
    QT_TRANSLATE_NOOP("services", "request cannot be carried out"),
    QT_TRANSLATE_NOOP("services", "unknown error"),
    QT_TRANSLATE_NOOP("services", "refused"),
    QT_TRANSLATE_NOOP("services", "session already expired"),
    QT_TRANSLATE_NOOP("services", "token is malformed or expired"),
    QT_TRANSLATE_NOOP("services", "one of the parameters is not set"),
    QT_TRANSLATE_NOOP("services", "method is not supported for system user"),
    QT_TRANSLATE_NOOP("services", "the user does not exist"),
    # ramm
    QT_TRANSLATE_NOOP("services", "session.login answered no Token"),
    QT_TRANSLATE_NOOP("services", "this login has no company to enter"),
    QT_TRANSLATE_NOOP("services", "not logged in to RAMM"),
    QT_TRANSLATE_NOOP("services", "session missing or expired"),
    QT_TRANSLATE_NOOP("services", "request refused (HTTP {status}), unreadable error body"),
)


def _translated(template: str, fields: Mapping[str, object]) -> str:
    """``template`` in the user's language, filled; a text without fields (a venue's words) as it is."""
    text = QCoreApplication.translate("services", template)
    return text.format(**fields) if fields else text


def rejected_text(exc: RejectedInput) -> str:
    """What the user reads under the field: the refusal in the user's language."""
    return QCoreApplication.translate("services", exc.template).format(**exc.fields)


def message_text(exc: BaseException) -> str:
    """An error's message without its venue (what ``exc.message`` says), in the user's language."""
    if isinstance(exc, RejectedInput):
        return rejected_text(exc)
    if isinstance(exc, TransportError | VenueError):
        return _translated(exc.template, exc.fields)
    return str(exc)


def error_text(exc: BaseException) -> str:
    """An error as the user reads it, shaped as ``str(exc)`` (``venue: message``), in the user's language: a
    refusal of input, a transport error and a venue error we wrote translated; a venue's own words as they
    are; anything else as it says itself."""
    if isinstance(exc, RejectedInput):
        return rejected_text(exc)
    if isinstance(exc, TransportError | VenueError):
        return exc.framed(message_text(exc))
    return str(exc)
