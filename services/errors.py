"""The short error hierarchy every venue client raises.

The app shows these to the user: ``str(error)`` is always a sentence a trader can read. A text written here
(not the venue's own words) is an English ``template`` with named ``{placeholders}`` filled from ``fields``;
the app translates the template, then fills it (``app/service_texts.py``). ``.message`` is the filled English.
"""

from __future__ import annotations

from collections.abc import Mapping


def _filled(template: str, fields: Mapping[str, object]) -> str:
    """``template`` with its fields; a text without fields as it is (a venue's words may hold braces)."""
    return template.format(**fields) if fields else template


class TesseraError(Exception):
    """Base of every error raised by services/."""


class VenueError(TesseraError):
    """The venue answered, and the answer is a refusal or a failure."""

    def __init__(
        self,
        venue: str,
        code: str | int | None,
        message: str,
        http_status: int | None = None,
        details: object = None,
        *,
        fields: Mapping[str, object] | None = None,
    ) -> None:
        """``message`` is the venue's own words (shown as they are), or a literal template of ours with its
        ``fields`` (``VenueError(VENUE, None, "order {id} was not moved", fields={"id": oid})``), listed for
        translation in ``app/service_texts.py``."""
        self.venue = venue
        self.code = code
        self.template = message
        self.fields = dict(fields or {})
        self.message = _filled(message, self.fields)
        self.http_status = http_status
        self.details = details
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.framed(self.message)

    def framed(self, message: str) -> str:
        """``message`` (this error's, maybe translated) framed as ``str()`` frames it: venue and code."""
        code = f" [{self.code}]" if self.code not in (None, "", 0) else ""
        return f"{self.venue}: {message}{code}"

    def __reduce__(self):  # keep pickling/copying working with the custom __init__
        return (
            _rebuild_venue_error,
            (type(self), self.venue, self.code, self.template, self.http_status, self.details, self.fields),
        )


def _rebuild_venue_error(
    cls: type[VenueError],
    venue: str,
    code: str | int | None,
    template: str,
    http_status: int | None,
    details: object,
    fields: dict[str, object],
) -> VenueError:
    return cls(venue, code, template, http_status, details, fields=fields)


class AuthError(VenueError):
    """The venue refused our credentials or session: the user has to log in again."""


class TransportError(TesseraError):
    """The request did not get an answer: connection refused or dropped, timeout, unreadable body.

    ``outcome_unknown`` is True when the request may have reached the venue (a write that timed out):
    the caller must reconcile, never retry blindly. The message is a literal English ``template`` with its
    ``fields`` (``TransportError(VENUE, "empty answer from {path}", path=path)``).
    """

    def __init__(self, venue: str, template: str, *, outcome_unknown: bool = False, **fields: object) -> None:
        self.venue = venue
        self.template = template
        self.fields = fields
        self.message = _filled(template, fields)
        self.outcome_unknown = outcome_unknown
        super().__init__(self.framed(self.message))

    def framed(self, message: str) -> str:
        """``message`` (this error's, maybe translated) framed as ``str()`` frames it: ``venue: message``."""
        return f"{self.venue}: {message}"

    @classmethod
    def passing_on(cls, error: TransportError | VenueError, *, outcome_unknown: bool) -> TransportError:
        """``error``'s template and fields as a TransportError of its venue, ``outcome_unknown`` set."""
        return cls(error.venue, error.template, outcome_unknown=outcome_unknown, **error.fields)

    def __reduce__(self):
        return (_rebuild_transport_error, (self.venue, self.template, self.outcome_unknown, self.fields))


def _rebuild_transport_error(
    venue: str, template: str, outcome_unknown: bool, fields: dict[str, object] | None = None
) -> TransportError:
    return TransportError(venue, template, outcome_unknown=outcome_unknown, **(fields or {}))


class RejectedInput(TesseraError):
    """Input refused before anything was sent; ``field`` names the input the message belongs under.

    The message is an English ``template`` with named ``{placeholders}`` filled from ``fields``
    (``RejectedInput("quantity", "the minimum is {minimum}", minimum=step)``): the app translates the
    template, then fills it. The template is a literal at the call (a test lists them for the catalogue).
    """

    def __init__(self, field: str, template: str, **fields: object) -> None:
        self.field = field
        self.template = template
        self.fields = fields
        self.message = template.format(**fields)
        super().__init__(f"{field}: {self.message}")

    def __reduce__(self):
        return (_rebuild_rejected_input, (self.field, self.template, self.fields))


def _rebuild_rejected_input(field: str, template: str, fields: dict[str, object]) -> RejectedInput:
    return RejectedInput(field, template, **fields)
