"""The sandbox's books: every transaction it processed, and every reply it gave by reference.

Two stores, because they answer two questions:

- ``entries``: what money moved (or was declined), for ViewReceipt, captures, refunds, voids
  and for tests that count charges. Entries hold brand and last four only, never a PAN.
- replies by (account, requestReference): the idempotency memory. A retry with the same
  reference and the same values gets the original reply byte-for-byte and charges nothing
  more; the same reference with other values is a conflict. Only a fingerprint (a hash) of
  the request is kept, so card data is not retained to compare against.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop_app.domain import Money
from desktop_app.sandbox.table import table


def fingerprint(fields: dict[str, str]) -> str:
    """A stable hash of a request's fields: equal iff the same names carry the same values."""
    blob = json.dumps(sorted(fields.items()), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@dataclass
class LedgerEntry:
    account_id: str
    reference: str
    transaction_id: str
    kind: str                    # our key from gateway.json "kinds", e.g. "sale"
    transaction_type: str
    action: str
    requested: Money | None
    approved: Money
    response_code: str
    timestamp: datetime
    reply: dict[str, str] = field(repr=False)
    primary_transaction_id: str = ""
    patient_id: str = ""
    card_brand: str = ""
    last_four: str = ""
    sso_token: str = ""
    voided: Money = field(default_factory=Money.zero)
    refunded: Money = field(default_factory=Money.zero)
    captured: Money = field(default_factory=Money.zero)
    capture_id: str = ""         # an authorization's capture transaction

    @property
    def is_approved(self) -> bool:
        return table().status_of(self.response_code) in ("approved", "partially_approved")

    @property
    def status(self) -> str:
        if self.voided.is_positive:
            return "voided"
        if self.kind == "authorization" and self.is_approved:
            return "captured" if self.capture_id else "authorized"
        return table().status_of(self.response_code)

    @property
    def money_taken(self) -> Money:
        """What this entry put in the merchant's account, before refunds."""
        if not self.is_approved or self.voided.is_positive:
            return Money.zero()
        if self.kind in ("sale", "charge_saved_card", "echeck_sale", "capture"):
            return self.approved
        return Money.zero()

    def to_json(self) -> dict[str, Any]:
        def money(m: Money | None) -> str | None:
            return None if m is None else m.wire()

        return {
            "account": self.account_id, "reference": self.reference,
            "transaction_id": self.transaction_id, "kind": self.kind,
            "transaction_type": self.transaction_type, "action": self.action,
            "amount_requested": money(self.requested), "amount_approved": money(self.approved),
            "response_code": self.response_code, "status": self.status,
            "voided_amount": money(self.voided), "refunded_amount": money(self.refunded),
            "captured_amount": money(self.captured), "card_brand": self.card_brand,
            "last_four": self.last_four, "patient_id": self.patient_id,
            "primary_transaction_id": self.primary_transaction_id,
            "sso_token": self.sso_token, "timestamp": self.timestamp.isoformat(),
        }


class Ledger:
    def __init__(self) -> None:
        self.entries: list[LedgerEntry] = []
        self._replies: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: LedgerEntry) -> LedgerEntry:
        self.entries.append(entry)
        return entry

    def by_id(self, account_id: str, transaction_id: str) -> LedgerEntry | None:
        for entry in self.entries:
            if entry.account_id == account_id and entry.transaction_id == transaction_id:
                return entry
        return None

    def by_reference(self, account_id: str, reference: str) -> LedgerEntry | None:
        """The latest entry with this request reference (one per reference by design)."""
        for entry in reversed(self.entries):
            if entry.account_id == account_id and entry.reference == reference:
                return entry
        return None

    def by_sso_token(self, account_id: str, token: str) -> LedgerEntry | None:
        """The hosted-page charge for a token: the approved one if any, else the latest."""
        found = [e for e in self.entries if e.account_id == account_id and e.sso_token == token]
        approved = [e for e in found if e.is_approved]
        chosen = approved or found
        return chosen[-1] if chosen else None

    def recall(self, account_id: str, reference: str) -> tuple[str, dict[str, str]] | None:
        return self._replies.get((account_id, reference))

    def remember(self, account_id: str, reference: str, request_hash: str,
                 reply: dict[str, str]) -> None:
        self._replies[(account_id, reference)] = (request_hash, dict(reply))

    def clear(self) -> None:
        self.entries.clear()
        self._replies.clear()

    def to_json(self) -> list[dict[str, Any]]:
        return [entry.to_json() for entry in self.entries]
