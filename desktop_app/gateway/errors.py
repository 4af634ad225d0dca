"""Gateway errors. Which class is raised decides whether money may have moved.

- ``GatewayError`` and subclasses other than ``OutcomeUnknown``: the gateway answered and
  refused, or the request never left. Nothing was charged.
- ``OutcomeUnknown``: the request may have reached the gateway (timeout, dropped connection,
  unreadable reply, 5xx). The payment is journaled as unknown and reconciled by reference;
  it is never shown as declined and never silently re-sent with a new reference.
"""

from __future__ import annotations

from desktop_app.domain.errors import FrontDeskError


class GatewayError(FrontDeskError):
    def __init__(self, message: str, *, code: str = "", reference_number: str = "",
                 detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.reference_number = reference_number
        self.detail = detail  # technical detail for the log (already redacted)


class GatewayAuthError(GatewayError):
    """The account ID or password was refused: IT must fix settings."""


class GatewayValidationError(GatewayError):
    """The gateway rejected a field (errorCode 400)."""


class GatewayNotFound(GatewayError):
    """A look-up found no such transaction."""


class GatewayConflict(GatewayError):
    """A request reference was reused with other values: a bug on our side, never retried."""


class SoapFault(GatewayError):
    """A SOAP fault: the gateway refused the request."""


class GatewayUnreachable(GatewayError):
    """No connection could be made: the request never left this PC."""


class OutcomeUnknown(GatewayError):
    """The request may have been processed; only a look-up by reference can tell."""
