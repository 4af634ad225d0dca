"""Gateway errors. Which class is raised decides whether money may have moved.

- ``GatewayError`` and subclasses other than ``OutcomeUnknown``: the gateway answered and
  refused, or the request never left. Nothing was charged.
- ``OutcomeUnknown``: the request may have reached the gateway (timeout, dropped connection,
  a reply that never finished or was too large or failed to decode, 5xx) or the reply could
  be read more than one way. The payment is journaled as unknown and reconciled through
  the gateway's channels or settled by hand; it is never shown as declined and never
  silently re-sent with a new reference.

Who decides: ``transport.SharedTransport`` for everything about the exchange itself (did the
request leave, did a complete, bounded, decodable body come back in time), and
``verdict.py`` for what a complete body means (HTTP status against body, duplicate fields,
``errorCode`` beside an approval, unlisted codes and statuses, amounts that do not add up),
called by the three codecs and ``wire.decode``. Anything those two are not sure of is
``OutcomeUnknown``; a reply becomes approved, declined or a refusal only when it can mean
nothing else.
"""

from __future__ import annotations

from typing import Any

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


class UnconfirmedOperation(GatewayError):
    """An operation whose wire spelling no public source confirms: refused before sending."""


class GatewayUnreachable(GatewayError):
    """No connection could be made: the request never left this PC."""


class OutcomeUnknown(GatewayError):
    """The request may have been processed; only the gateway's own channels (a webhook, a
    receipt by SSO token, the end-of-day file) or a person reading its portal can tell."""


def table_entry(raw: dict[str, Any], kind: str, *, table: str, service: str, call: str
                ) -> dict[str, Any]:
    """A protocol table's entry for one kind of request (rest.json, soap.json): refused with
    the table's own reason, or as absent, before anything is sent. ``service`` and ``call``
    are staff words ("The REST API", "call")."""
    refused = raw["refused"].get(kind)
    if refused:
        raise GatewayValidationError(str(refused), detail=f"{table} refuses {kind}")
    entry = raw["operations"].get(kind)
    if entry is None:
        raise GatewayValidationError(
            f"{service} has no {call} for a {kind.replace('_', ' ')}. Nothing was sent.",
            detail=f"{table} has no operation for {kind}")
    return dict(entry)
