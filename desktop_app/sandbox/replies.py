"""Building replies (in our keys) and ledger entries, the same way for every transaction kind.

Replies are plain ``dict[str, str]`` in a fixed order, so NVP bodies are stable and SOAP can
map them onto its types. A partial approval says so with ``partialApprovalAmount`` under
``transactionStatus=D`` and code 010, as the portal's polling sample does; every reply echoes
the request's additionalInfo1..6.
"""

from __future__ import annotations

import secrets
import string
import uuid
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain import Money
from desktop_app.sandbox.rules import PARTIAL, Decision
from desktop_app.sandbox.table import table
from desktop_app.sandbox.validation import CardInput

EMV_MODES = frozenset({"Chip", "Contactless"})
_AUTH_ALPHABET = string.digits + string.ascii_uppercase


def new_transaction_id() -> str:
    return uuid.uuid4().hex


def new_auth_code() -> str:
    return "".join(secrets.choice(_AUTH_ALPHABET) for _ in range(6))


def iso_utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class CardFacts:
    """What a reply may say about a card: never the PAN, CVV or track."""

    brand: str
    last_four: str
    bin: str
    exp_month: int
    exp_year: int
    entry_mode: str

    @classmethod
    def of(cls, card: CardInput) -> CardFacts:
        return cls(card.brand, card.last_four, card.bin, card.exp_month, card.exp_year,
                   card.entry_mode)

    def fields(self) -> dict[str, str]:
        return {
            "card_brand": self.brand,
            "last_four": self.last_four,
            "card_bin": self.bin,
            "card_exp_month": str(self.exp_month),
            "card_exp_year": str(self.exp_year),
            "entry_mode": self.entry_mode,
        }


def message_for(decision: Decision) -> str:
    if decision.code == PARTIAL:
        return f"Partially Approved ${decision.approved.wire()}"
    return table().message(decision.code)


def status_letter(decision: Decision, approved_letter: str) -> str:
    """C complete, A authorized, V voided; D declined or partially approved (P-poll sample)."""
    if decision.code == PARTIAL or not decision.is_approved:
        return "D"
    return approved_letter


@dataclass(frozen=True)
class ReplyParts:
    decision: Decision
    transaction_id: str
    letter: str
    amount: Money | None
    moment: datetime
    primary_id: str = ""
    additional_info: dict[str, str] | None = None


def reply_fields(parts: ReplyParts, card: CardFacts | None = None,
                 extra: dict[str, str] | None = None) -> dict[str, str]:
    """The reply in the gateway's order; ``extra`` fields go before the date."""
    d = parts.decision
    out = {
        "response_code": d.code,
        "response_message": message_for(d),
        "transaction_status": status_letter(d, parts.letter),
        "transaction_id": parts.transaction_id,
        "primary_transaction_id": parts.primary_id or parts.transaction_id,
    }
    if d.is_approved:
        out["auth_code"] = new_auth_code()
    if parts.amount is not None:
        out["amount"] = parts.amount.wire()
    if d.code == PARTIAL:
        out["partial_approval_amount"] = d.approved.wire()
    if card is not None:
        out.update(card.fields())
    out.update(extra or {})
    out.update(parts.additional_info or {})
    out["transaction_date"] = iso_utc(parts.moment)
    out["is_emv"] = "true" if card and card.entry_mode in EMV_MODES else "false"
    return out
