"""The sandbox's books: every transaction it processed.

What money moved (or was declined), for ViewReceipt, captures, refunds, voids and for tests
that count charges. Entries hold brand and last four only, never a PAN, plus the
additionalInfo1..6 the request carried (stored and echoed, as the gateway does). There is no
idempotency memory: the public contract names no request key the gateway deduplicates on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop_app.domain import Money
from desktop_app.sandbox.table import resp, table


@dataclass
class LedgerEntry:
    account_id: str
    transaction_id: str
    kind: str                    # our key from gateway.json "kinds", e.g. "sale"
    transaction_type: str
    action: str
    requested: Money | None
    approved: Money
    response_code: str
    timestamp: datetime
    reply: dict[str, str] = field(repr=False)   # in our keys
    additional_info: dict[str, str] = field(default_factory=dict)  # our keys additional_info_N
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
    def info_fields(self) -> dict[str, str]:
        """additionalInfo1..6 under their wire names."""
        return {resp(k): v for k, v in self.additional_info.items()}

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
            "account": self.account_id, "additional_info": self.info_fields,
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

    def by_sso_token(self, account_id: str, token: str) -> LedgerEntry | None:
        """The hosted-page charge for a token: the approved one if any, else the latest."""
        found = [e for e in self.entries if e.account_id == account_id and e.sso_token == token]
        approved = [e for e in found if e.is_approved]
        chosen = approved or found
        return chosen[-1] if chosen else None

    def clear(self) -> None:
        self.entries.clear()

    def to_json(self) -> list[dict[str, Any]]:
        return [entry.to_json() for entry in self.entries]
