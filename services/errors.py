"""The short error hierarchy every venue client raises.

The app shows these to the user: ``str(error)`` is always a sentence a trader can read.
"""

from __future__ import annotations


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
    ) -> None:
        self.venue = venue
        self.code = code
        self.message = message
        self.http_status = http_status
        self.details = details
        super().__init__(str(self))

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code not in (None, "", 0) else ""
        return f"{self.venue}: {self.message}{code}"

    def __reduce__(self):  # keep pickling/copying working with the custom __init__
        return (type(self), (self.venue, self.code, self.message, self.http_status, self.details))


class AuthError(VenueError):
    """The venue refused our credentials or session: the user has to log in again."""


class TransportError(TesseraError):
    """The request did not get an answer: connection refused or dropped, timeout, unreadable body.

    ``outcome_unknown`` is True when the request may have reached the venue (a write that timed out):
    the caller must reconcile, never retry blindly.
    """

    def __init__(self, venue: str, message: str, *, outcome_unknown: bool = False) -> None:
        self.venue = venue
        self.message = message
        self.outcome_unknown = outcome_unknown
        super().__init__(f"{venue}: {message}")

    def __reduce__(self):
        return (_rebuild_transport_error, (self.venue, self.message, self.outcome_unknown))


def _rebuild_transport_error(venue: str, message: str, outcome_unknown: bool) -> TransportError:
    return TransportError(venue, message, outcome_unknown=outcome_unknown)


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
