"""What a journal row says: its state and the record read back from the database."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain import Money, Outcome, OutcomeStatus


class JournalState(enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    DECLINED = "declined"
    ERROR = "error"
    UNKNOWN = "unknown"


UNRESOLVED_STATES = (JournalState.PENDING, JournalState.SENT, JournalState.UNKNOWN)


class DuplicateReference(Exception):
    """A reference is never reused for another request: a programming error."""


@dataclass(frozen=True)
class PaymentRecord:
    reference: str
    kind: str
    state: JournalState
    amount: Money | None
    approved: Money | None
    tender: str
    card_display: str
    card_brand: str
    last_four: str
    entry_mode: str
    patient_id: str
    original_transaction_id: str
    transaction_id: str
    response_code: str
    message: str
    auth_code: str
    protocol: str
    terminal_id: str
    os_user: str
    workstation: str
    created_at: str
    sent_at: str | None
    updated_at: str
    sso_token: str = ""
    emv_tags: dict[str, str] = field(default_factory=dict)
    ended_at: str | None = None  # when the exchange with the gateway ended (reply, timeout)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PaymentRecord:
        d = dict(row)
        cur = d.pop("currency")
        amount, approved = d.pop("amount_cents"), d.pop("approved_cents")
        for key in ("id", "receipt_json", "terminal_slot"):
            d.pop(key, None)
        d["emv_tags"] = json.loads(d.pop("emv_json", None) or "{}")
        return cls(state=JournalState(d.pop("state")),
                   amount=None if amount is None else Money(amount, cur),
                   approved=None if approved is None else Money(approved, cur), **d)

    @property
    def balance_due(self) -> Money | None:
        if self.amount is None or self.approved is None:
            return None
        return self.amount - self.approved

    def as_outcome(self) -> Outcome | None:
        """The recorded result, once there is one (None while pending or sent)."""
        if self.state in (JournalState.PENDING, JournalState.SENT):
            return None
        return Outcome(OutcomeStatus(self.state.value), reference=self.reference,
                       requested=self.amount, approved=self.approved,
                       transaction_id=self.transaction_id, response_code=self.response_code,
                       message=self.message, auth_code=self.auth_code,
                       card_brand=self.card_brand, last_four=self.last_four,
                       entry_mode=self.entry_mode, sso_token=self.sso_token)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {k: v for k, v in self.__dict__.items()
                                  if k not in ("state", "amount", "approved")}
        out["state"] = self.state.value
        out["amount"] = None if self.amount is None else self.amount.wire()
        out["approved"] = None if self.approved is None else self.approved.wire()
        return out
