"""Which gateway replies can be believed. A reply that could mean two things is unknown.

Money is at stake in one direction only: reading "declined" or "refused, nothing charged"
into a reply that charged the card makes staff charge again; reading "approved" into one
that did not loses the clinic's money. So every rule here ends in ``OutcomeUnknown`` (the
payment is journaled unknown until the gateway's channels or staff settle it), never in a
guess. The verdict is ``transactionStatus`` (the portal's testing page says to decide from
it, not from the response code, which gives the reason):

- ``A`` (authorized) and ``C`` (complete) approve; ``D`` declines; ``V`` answers a void;
  ``O`` a save on file; ``CB`` (chargeback) says a receipt's payment was charged; ``RI``,
  ``S``, ``SE`` (meanings not public) and ``X`` (cancelled: whether money moved is not said)
  are unknown, and so is any letter gateway.json does not list;
- a partial approval is ``responseCode`` 010 with a ``partialApprovalAmount`` strictly
  between nothing and the request (over REST: ``IsPartiallyApproved`` true, which must
  agree with a response code when one is given), under ``C`` or under ``D``: the portal's
  own polling sample answers a partial approval ``transactionStatus=D`` with 010
  "Partially Approved", so D + 010 is read as the partial approval it documents, never as
  a decline; 010 without a usable amount is unknown;
- only a 2xx carries an answer: an approval on any other status is unknown, and so is any
  non-2xx that is not a plain 4xx refusal (``errorCode`` and nothing that reads as an answer);
- a field given twice with different values (NVP pairs in any letter case, JSON keys, SOAP
  elements); ``errorCode`` together with anything that reads as an answer;
- a response code the table does not list (``"000 "`` is not ``"000"``), or one that
  contradicts the status (000 with D, a decline code with A/C, D with an authorization
  number);
- amounts that do not add up: negative, not a plain ``123.45``, an echoed amount other than
  the one we asked for, a partial amount on a full approval or a decline;
- a reply echoing another payment's reference (our additionalInfo slot).

The rules read our keys (``resources/protocol/gateway.json``), so they hold for NVP, SOAP and
REST alike, and renaming a wire field is a table edit that leaves them standing.
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

# Our keys only an answer carries: beside errorCode, or on a non-2xx status, they make the
# reply ambiguous.
ANSWER_FIELDS = ("response_code", "transaction_status", "partial_approval_amount", "auth_code",
                 "transaction_id", "saved_card_id", "sso_token")
_AMOUNT = re.compile(r"-?[0-9]{1,11}(\.[0-9]{1,2})?")
K = TransactionKind
# What each transactionStatus outcome (gateway.json) means for the reply to a request kind.
_ONLY_FOR = {"voided": {K.VOID}, "saved": {K.SAVE_ON_FILE}, "charged_earlier": {K.VIEW_RECEIPT}}


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


def answer_fields(values: dict[str, str]) -> list[str]:
    """Wire names of the non-empty answer-only fields among ``values`` (our keys)."""
    t = protocol()
    return [t.response_field(k) for k in ANSWER_FIELDS if values.get(k)]


def check_http(status: int, values: dict[str, str] | None) -> None:
    """Raise unless ``status`` may carry ``values`` (None: the body could not be read).

    A 4xx refusal (``errorCode`` and no answer) passes on to ``raise_for_error_fields``."""
    if 200 <= status < 300:
        return
    signs = answer_fields(values or {})
    if signs:
        raise ambiguous(f"HTTP {status} with {', '.join(signs)}")
    if status in (401, 403):
        raise GatewayAuthError(
            "The gateway refused the account ID or password. Ask IT to check the gateway "
            "settings.", code=str(status))
    refusal = values is not None and "error_code" in values
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


def raise_for_error_fields(values: dict[str, str]) -> None:
    """An ``errorCode`` reply is a typed refusal, unless it also reads as an answer."""
    if "error_code" not in values:
        return
    signs = answer_fields(values)
    if signs:
        raise ambiguous(f"{protocol().response_field('error_code')} together with "
                        f"{', '.join(signs)}")
    raise error_for(values["error_code"], redact_text(values.get("error_message", "")))


def status_of(values: dict[str, str], request: PaymentRequest) -> tuple[OutcomeStatus, str]:
    """The outcome a reply states, and its default message; listed values only."""
    t = protocol()
    letter = values.get("transaction_status", "")
    code = values.get("response_code", "")
    if not letter:
        raise unreadable("missing transactionStatus")
    meaning = t.status_outcome(letter)
    if meaning is None:
        raise ambiguous(f"unlisted transactionStatus {letter[:8]!r}")
    listed = t.classify(code) if code else None
    if code and listed is None:
        raise ambiguous(f"unlisted responseCode {code[:8]!r}")
    flagged = values.get("partially_approved", "")  # REST's IsPartiallyApproved (rest.json)
    if flagged:
        listed = _flagged(flagged, listed, code)
    reason, message = listed if listed is not None else ("", "")
    status = _verdict(meaning, reason, letter, request.kind)
    if status is OutcomeStatus.DECLINED and values.get("auth_code"):
        raise ambiguous(f"transactionStatus {letter!r} with an authorization number")
    primary = values.get("primary_transaction_status", "")
    if request.kind is K.VOID and primary and primary != "V":
        raise ambiguous(f"void answered with primaryTransactionStatus {primary[:4]!r}")
    return status, message


def _flagged(flag: str, listed: tuple[str, str] | None, code: str) -> tuple[str, str] | None:
    """IsPartiallyApproved (REST, no response code needed) must agree with the code's class."""
    partial_code = listed is not None and listed[0] == "partially_approved"
    agrees = {"true": listed is None or partial_code, "false": not partial_code}.get(flag)
    if not agrees:
        raise ambiguous(f"IsPartiallyApproved {flag[:8]!r} with responseCode {code[:8]!r}")
    return ("partially_approved", "") if flag == "true" and listed is None else listed


def _verdict(meaning: str, reason: str, letter: str, kind: TransactionKind) -> OutcomeStatus:
    """The status a transactionStatus meaning and a response-code class agree on."""
    where = f"transactionStatus {letter!r} with a {reason or 'missing'} response code"
    if meaning in _ONLY_FOR:
        if kind not in _ONLY_FOR[meaning] or reason not in ("", "approved"):
            raise ambiguous(f"{where} on a {kind.value}")
        return OutcomeStatus.APPROVED
    if meaning == "approved":
        if reason == "partially_approved":
            return OutcomeStatus.PARTIALLY_APPROVED
        if reason in ("", "approved"):
            return OutcomeStatus.APPROVED
        raise ambiguous(where)
    if meaning == "declined":
        if reason == "partially_approved":  # the portal's polling sample: D + 010
            return OutcomeStatus.PARTIALLY_APPROVED
        if reason == "error":
            return OutcomeStatus.ERROR
        if reason in ("", "declined"):
            return OutcomeStatus.DECLINED
        raise ambiguous(where)
    raise ambiguous(f"transactionStatus {letter!r} does not say whether money moved")


def check_reference(values: dict[str, str], request: PaymentRequest) -> None:
    """A reply echoing another payment's reference is not this payment's answer."""
    echoed = values.get("our_reference", "")
    if echoed and request.kind is not K.VIEW_RECEIPT and echoed != request.reference:
        raise ambiguous("the reply names another payment's reference")


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


def amounts(status: OutcomeStatus, request: PaymentRequest, values: dict[str, str]
            ) -> tuple[Money | None, Money | None]:
    """(requested, approved) once they add up; approved is None unless money was approved."""
    echoed = money(values.get("amount", ""), "amount")
    partial = money(values.get("partial_approval_amount", ""), "partialApprovalAmount")
    if request.amount is not None and echoed is not None and echoed != request.amount:
        raise ambiguous("amount is not the amount requested")
    requested = request.amount or echoed
    if status is OutcomeStatus.APPROVED:
        if partial and partial != requested:
            raise ambiguous("partialApprovalAmount on a full approval")
        return requested, requested
    if status is OutcomeStatus.PARTIALLY_APPROVED:
        if partial is None:
            raise unreadable("partial approval without partialApprovalAmount")
        if requested is None or not 0 < partial.cents < requested.cents:
            raise ambiguous("partial approval not less than the request")
        return requested, partial
    if partial:
        raise ambiguous(f"{status.value} reply that approved an amount")
    return requested, None
