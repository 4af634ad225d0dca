"""One webhook message as the receiver understands it, whatever format it came in.

The gateway posts PascalCase fields (``resources/protocol/webhooks.json``, from NPSC/HHK's
webhook reader and the portal's field table), read here by our keys, names matched
case-insensitively. Every field is kept (card data removed first: ``masking``). What kind of
update a message is comes from ``TransactionAction`` + ``CurrentTransactionStatusCode`` (+ the
plan fields) by the table's rules; no rule matching means unknown, stored and flagged.

No public event id exists, so a redelivery is recognised by its content: the key is the
transaction ID plus a hash of the canonical (cleaned, name-sorted) fields. Two different
updates of one transaction differ in status or time; two deliveries of one update do not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop_app.webhooks.fields import classify, normalized, webhook_table
from desktop_app.webhooks.masking import clean

MAX_FIELDS = 500
MAX_NAME = 200
MAX_VALUE = 10_000


class BodyError(ValueError):
    """A body that cannot be read as a webhook: the sender gets 400 and the short reason."""


def updates() -> tuple[str, ...]:
    """The update kinds the portal lists (payments, then payment plans)."""
    return webhook_table().updates


@dataclass(frozen=True)
class WebhookMessage:
    format: str
    fields: dict[str, str]          # wire name → value, cleaned
    raw_body: bytes                 # verbatim when clean, else the cleaned fields as JSON
    raw_verbatim: bool
    values: dict[str, str]          # our key (webhooks.json) → value
    update: str                     # "" when no rule matched
    our_reference: str = ""

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def transaction_id(self) -> str:
        return self.get("transaction_id")

    @property
    def original_transaction_id(self) -> str:
        return self.get("original_transaction_id")

    @property
    def sso_token(self) -> str:
        return self.get("sso_token")

    @property
    def payment_plan_id(self) -> str:
        return self.get("payment_plan_id")

    @property
    def transaction_date(self) -> str:
        return self.get("transaction_date")

    @property
    def patient_ref(self) -> str:
        return self.get("patient_id")

    @property
    def amount(self) -> str:
        """What was approved: the partial amount when there is one, else ``Amount`` (as HHK
        reads it). Decimal text, never a float; "" when absent or malformed."""
        return _amount(self.get("partial_approval_amount")) or _amount(self.get("amount"))

    @property
    def update_known(self) -> bool:
        return bool(self.update)

    @property
    def trigger(self) -> str:
        """What history shows: the update, else the raw action and status for a person."""
        if self.update:
            return self.update
        raw = f"{self.get('transaction_action')} {self.get('status_code')}".strip()
        return raw[:64] or "Unknown"

    @property
    def key(self) -> str:
        canonical = json.dumps(sorted(self.fields.items(), key=lambda kv: (kv[0].lower(), kv)),
                               ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        return f"{self.transaction_id}:{digest}"


def _amount(text: str) -> str:
    if not text:
        return ""
    try:
        value = Decimal(text.replace("$", "").replace(",", "").strip())
    except InvalidOperation:
        return ""
    return str(value) if value.is_finite() else ""


def _check_text(text: str, limit: int) -> None:
    """Refuse rather than alter: text a database cannot hold, or too long to keep whole."""
    if len(text) > limit:
        raise BodyError("Field too long")
    if "\x00" in text:
        raise BodyError("NUL in a field")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BodyError("Invalid text in a field") from None  # e.g. a lone surrogate


def message_from_leaves(fmt: str, leaves: Iterable[tuple[str, str]], raw: bytes,
                        reference_slot: str = "") -> WebhookMessage:
    """Validate every name and value, clean, then read our keys. Raises ``BodyError``."""
    pairs = [(str(k), str(v)) for k, v in leaves]
    if not pairs:
        raise BodyError("Empty message")
    if len(pairs) > MAX_FIELDS:
        raise BodyError("Too many fields")
    for name, value in pairs:
        _check_text(name, MAX_NAME)
        _check_text(value, MAX_VALUE)
    table = webhook_table()
    slot = reference_slot or table.default_reference_slot
    cleaned = clean(pairs, raw.decode("utf-8", "replace"), slot)
    lookup: dict[str, str] = {}
    for name, value in cleaned.fields.items():
        lookup.setdefault(normalized(name), value.strip())
    values = {key: lookup[wire] for key, wire in table.normalized_keys if lookup.get(wire)}
    kept = raw if cleaned.verbatim else json.dumps(cleaned.fields, ensure_ascii=False).encode()
    return WebhookMessage(format=fmt, fields=cleaned.fields, raw_body=kept,
                          raw_verbatim=cleaned.verbatim, values=values,
                          update=classify(lookup), our_reference=lookup.get(normalized(slot), ""))
