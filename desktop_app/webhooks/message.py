"""One webhook message as the receiver understands it, whatever format it came in.

The partner documents the triggers but not every field name, so the transaction fields are
looked up under the names its APIs use elsewhere (NVP, REST) with a few spellings each; every
field received is kept, and so is the raw body (card numbers masked: PCI DSS 3.4).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop_app.gateway.redaction import redact_text

PAYMENT_TRIGGERS = ("Approved", "Declined", "Voided", "Refunded", "Returned", "Chargeback",
                    "Settlement", "Error")
PLAN_TRIGGERS = ("Created", "Updated")
TRIGGERS = PAYMENT_TRIGGERS + PLAN_TRIGGERS
MAX_FIELDS = 500
MAX_VALUE = 10_000

# Our name → the wire names seen for it, first match wins (case-insensitive).
ALIASES: dict[str, tuple[str, ...]] = {
    "event_id": ("eventID", "eventId", "messageID", "messageId", "notificationID"),
    "trigger": ("trigger", "eventType", "event", "transactionStatusTrigger", "status"),
    "transaction_id": ("transactionID", "transactionId", "TransactionID", "paymentPlanID"),
    "amount": ("amount", "transactionAmount", "approvedAmount"),
    "transaction_date": ("transactionDate", "transactionDateTime", "eventDate"),
    "patient_ref": ("patientID", "patientAccountNumber", "patientId"),
    "account_ref": ("accountNumber", "accountID", "merchantID", "requestReference"),
}


class BodyError(ValueError):
    """A body that cannot be read as a webhook: the sender gets 400 and the short reason."""


@dataclass(frozen=True)
class WebhookMessage:
    format: str
    fields: dict[str, str]
    raw_body: bytes
    event_id: str = ""
    trigger: str = ""
    transaction_id: str = ""
    amount: str = ""                 # decimal text as sent; never a float
    transaction_date: str = ""
    patient_ref: str = ""
    account_ref: str = ""

    @property
    def trigger_known(self) -> bool:
        return self.trigger in TRIGGERS

    @property
    def key(self) -> str:
        """Stable across redeliveries: the sender's event id, else transaction+trigger+body."""
        if self.event_id:
            return "event:" + self.event_id
        digest = hashlib.sha256(self.raw_body).hexdigest()
        return f"body:{self.transaction_id}:{self.trigger}:{digest}"


def _lookup(fields: Mapping[str, str], names: tuple[str, ...]) -> str:
    lowered = {k.lower(): v for k, v in fields.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value:
            return value.strip()
    return ""


def _amount(text: str) -> str:
    """Keep only a well-formed decimal amount: money stays text/Decimal, never float."""
    if not text:
        return ""
    try:
        value = Decimal(text.replace("$", "").replace(",", "").strip())
    except InvalidOperation:
        return ""
    return str(value) if value.is_finite() else ""


def _canonical_trigger(text: str) -> str:
    for known in TRIGGERS:
        if text.lower() == known.lower():
            return known
    return text[:64]


def message_from_fields(fmt: str, fields: Mapping[str, str], raw: bytes) -> WebhookMessage:
    """Map parsed fields to a message; every value passes through PAN masking first."""
    if len(fields) > MAX_FIELDS:
        raise BodyError("Too many fields")
    safe = {redact_text(str(k))[:200]: redact_text(str(v))[:MAX_VALUE] for k, v in fields.items()}
    if not safe:
        raise BodyError("Empty message")
    found = {name: _lookup(safe, names) for name, names in ALIASES.items()}
    masked = redact_text(raw.decode("utf-8", "replace")).encode("utf-8")
    return WebhookMessage(
        format=fmt, fields=safe, raw_body=masked, event_id=found["event_id"][:200],
        trigger=_canonical_trigger(found["trigger"]),
        transaction_id=found["transaction_id"][:200], amount=_amount(found["amount"]),
        transaction_date=found["transaction_date"][:64], patient_ref=found["patient_ref"][:200],
        account_ref=found["account_ref"][:200])
