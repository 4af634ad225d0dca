"""Which gateway replies can be believed. A reply that could mean two things is unknown.

Money is at stake in one direction only: reading "declined" or "refused, nothing charged"
into a reply that charged the card makes staff charge again; reading "approved" into one
that did not loses the clinic's money. So every rule here ends in ``OutcomeUnknown`` (the
payment is journaled unknown and looked up by reference), never in a guess:

- only a 2xx carries an answer: an approval on any other status is unknown, and so is any
  non-2xx that is not a plain 4xx refusal (``errorCode`` and nothing that reads as an answer);
- a field given twice with different values (NVP pairs, JSON keys, SOAP elements);
- ``errorCode`` together with anything that reads as an answer (response code, approved
  amount, authorization number, transaction ID, token);
- a response code, transaction status or SSO token status the protocol table does not list
  (``"000 "`` with a trailing space is not ``"000"``);
- amounts that do not add up: negative, not a plain ``123.45``, an echoed amount other than
  the one we asked for, an approval for other than the requested amount, a partial approval
  not strictly between nothing and the request, a decline that approved money.

The rules name fields by our keys in ``resources/protocol/gateway.json``, so renaming the
wire fields is a table edit that leaves them standing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from desktop_app.domain import Money, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.gateway.errors import (
    GatewayAuthError,
    GatewayConflict,
    GatewayError,
    GatewayNotFound,
    GatewayValidationError,
    OutcomeUnknown,
)
from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.redaction import redact_text

V = TypeVar("V")

# Fields that only an answer carries: beside errorCode, or on a non-2xx status, they make
# the reply ambiguous.
ANSWER_FIELDS = ("response_code", "approved_amount", "auth_code", "transaction_id",
                 "saved_card_token", "sso_token", "relay_state_url")
_AMOUNT = re.compile(r"-?[0-9]{1,11}(\.[0-9]{1,2})?")


class DuplicateField(ValueError):
    """A field appeared twice with different values; the message names the field only."""


def unreadable(detail: str) -> OutcomeUnknown:
    return OutcomeUnknown("The gateway's reply could not be read.", detail=detail)


def ambiguous(detail: str) -> OutcomeUnknown:
    return OutcomeUnknown("The gateway's reply could be read more than one way.",
                          detail=detail)


def merge_pairs(pairs: Iterable[tuple[str, V]]) -> dict[str, V]:
    """Pairs → dict; the same value twice is harmless, two different values are not."""
    out: dict[str, V] = {}
    for name, value in pairs:
        if name in out and out[name] != value:
            raise DuplicateField(f"{name[:64]} given twice with different values")
        out[name] = value
    return out


def answer_fields(fields: dict[str, str]) -> list[str]:
    """Wire names of the non-empty fields in ``fields`` that only an answer carries."""
    t = protocol()
    return [t.response_field(k) for k in ANSWER_FIELDS if fields.get(t.response_field(k))]


def check_http(status: int, fields: dict[str, str] | None) -> None:
    """Raise unless ``status`` may carry ``fields`` (None: the body could not be read).

    A 4xx refusal (``errorCode`` and no answer) passes on to ``raise_for_error_fields``."""
    if 200 <= status < 300:
        return
    signs = answer_fields(fields or {})
    if signs:
        raise ambiguous(f"HTTP {status} with {', '.join(signs)}")
    if status in (401, 403):
        raise GatewayAuthError(
            "The gateway refused the account ID or password. Ask IT to check the gateway "
            "settings.", code=str(status))
    refusal = fields is not None and protocol().response_field("error_code") in fields
    if not (400 <= status < 500 and refusal):
        raise OutcomeUnknown("The gateway had a problem answering.", code=str(status),
                             detail=f"HTTP {status}")


_ERROR_CLASSES: dict[str, type[GatewayError]] = {
    "validation": GatewayValidationError,
    "authentication": GatewayAuthError,
    "not_found": GatewayNotFound,
    "conflict": GatewayConflict,
    "server": OutcomeUnknown,  # "an unexpected error": the charge may or may not stand
}
_REFERENCE_NUMBER = re.compile(r"Reference Number\s+([A-Z0-9]+)", re.IGNORECASE)


def error_for(code: str, message: str) -> GatewayError:
    """``errorCode``/``errorMessage`` → the typed error, carrying the gateway's reference.
    An unlisted (or empty) code is a server error: unknown."""
    ref = _REFERENCE_NUMBER.search(message)
    cls = _ERROR_CLASSES[protocol().error_kind(code)]
    text = message or f"The gateway returned error {code}"
    return cls(text, code=code, reference_number=ref.group(1) if ref else "",
               detail=f"errorCode={code}")


def raise_for_error_fields(fields: dict[str, str]) -> None:
    """An ``errorCode`` reply is a typed refusal, unless it also reads as an answer."""
    t = protocol()
    name = t.response_field("error_code")
    if name not in fields:
        return
    signs = answer_fields(fields)
    if signs:
        raise ambiguous(f"{name} together with {', '.join(signs)}")
    raise error_for(fields[name], redact_text(fields.get(t.response_field("error_message"), "")))


def status_of(fields: dict[str, str], request: PaymentRequest) -> tuple[OutcomeStatus, str]:
    """The outcome status a reply states, and its default message; listed values only."""
    t = protocol()
    code = fields.get(t.response_field("response_code"), "")
    if not code:
        # An SSO token request's reply is the token; every other reply states a code.
        if request.kind is TransactionKind.SSO_TOKEN and fields.get(t.response_field("sso_token")):
            return OutcomeStatus.APPROVED, ""
        raise unreadable("missing responseCode")
    listed = t.classify(code)
    if listed is None:
        raise ambiguous(f"unlisted responseCode {code[:8]!r}")
    letter = fields.get(t.response_field("transaction_status"), "")
    if letter and letter not in t.transaction_statuses:
        raise ambiguous(f"unlisted transactionStatus {letter[:8]!r}")
    token = fields.get(t.response_field("token_status"), "")
    if token:
        check_token_status(token)
    status = OutcomeStatus(listed[0])
    _check_consistent(status, letter, fields.get(t.response_field("auth_code"), ""), code)
    return status, listed[1]


def _check_consistent(status: OutcomeStatus, letter: str, auth_code: str, code: str) -> None:
    """A code and a status that contradict each other are read as neither: a decline that
    carries an authorization number or says Complete/Authorized may have charged, and a full
    approval that says Declined may not have."""
    if status is OutcomeStatus.DECLINED and (auth_code or letter in ("A", "C")):
        raise ambiguous(f"responseCode {code[:8]!r} with transactionStatus {letter[:2]!r} "
                        f"and {'an' if auth_code else 'no'} authorization number")
    if status is OutcomeStatus.APPROVED and letter == "D":
        raise ambiguous(f"responseCode {code[:8]!r} with transactionStatus 'D'")


def check_token_status(text: str) -> str:
    """An SSO token status from the table (NEW, COMPLETE, EXPIRED), exactly; else unknown."""
    if text not in protocol().sso_token_statuses:
        raise ambiguous(f"unlisted SSO token status {text[:12]!r}")
    return text


def money(text: str, field: str) -> Money | None:
    """A wire amount: empty is absent; anything but plain ``123.45`` is unknown."""
    if not text:
        return None
    if not _AMOUNT.fullmatch(text):
        raise unreadable(f"bad {field} value")
    value = Money.parse(text)
    if value.cents < 0:
        raise ambiguous(f"negative {field}")
    return value


def amounts(status: OutcomeStatus, request: PaymentRequest, fields: dict[str, str]
            ) -> tuple[Money | None, Money | None]:
    """(requested, approved) once they add up; approved is None unless money was approved."""
    t = protocol()
    echoed = money(fields.get(t.response_field("amount"), ""), "amount")
    approved = money(fields.get(t.response_field("approved_amount"), ""), "approvedAmount")
    if request.amount is not None and echoed is not None and echoed != request.amount:
        raise ambiguous("amount is not the amount requested")
    requested = request.amount or echoed
    if status is OutcomeStatus.APPROVED:
        if approved is not None and requested is not None and approved != requested:
            raise ambiguous("approval for other than the requested amount")
        return requested, approved or requested
    if status is OutcomeStatus.PARTIALLY_APPROVED:
        if approved is None:
            raise unreadable("partial approval without approvedAmount")
        if requested is None or not 0 < approved.cents < requested.cents:
            raise ambiguous("partial approval not less than the request")
        return requested, approved
    if approved is not None and approved.cents:
        raise ambiguous(f"{status.value} reply that approved an amount")
    return requested, None
