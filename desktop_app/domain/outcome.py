"""What came of a request. The same Outcome whichever protocol carried it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from desktop_app.domain.money import Money


class OutcomeStatus(enum.Enum):
    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    DECLINED = "declined"
    ERROR = "error"        # definitive: the gateway refused the request, nothing was charged
    UNKNOWN = "unknown"    # we cannot tell: never shown as declined, reconciled by reference

    @property
    def is_success(self) -> bool:
        return self in {OutcomeStatus.APPROVED, OutcomeStatus.PARTIALLY_APPROVED}


@dataclass(frozen=True)
class Outcome:
    status: OutcomeStatus
    reference: str = ""
    requested: Money | None = None
    approved: Money | None = None
    transaction_id: str = ""
    response_code: str = ""
    message: str = ""
    auth_code: str = ""
    card_brand: str = ""
    last_four: str = ""
    card_bin: str = ""
    entry_mode: str = ""
    saved_card_token: str = field(default="", repr=False)
    transaction_status: str = ""
    sso_token: str = ""
    relay_state_url: str = ""
    # What a receipt may print, by our reply keys (EMV tags, agreement text, ...).
    receipt: dict[str, str] = field(default_factory=dict, compare=False)
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def balance_due(self) -> Money | None:
        """What the patient still owes after a partial approval."""
        if self.requested is None or self.approved is None:
            return None
        return self.requested - self.approved

    def summary(self) -> str:
        """One line for the desk."""
        s = self.status
        if s is OutcomeStatus.APPROVED:
            return f"Approved {self.approved or ''} (auth {self.auth_code or '-'})".strip()
        if s is OutcomeStatus.PARTIALLY_APPROVED:
            return f"Partially approved {self.approved}; balance due {self.balance_due}"
        if s is OutcomeStatus.DECLINED:
            return f"Declined: {self.message or 'no reason given'}"
        if s is OutcomeStatus.UNKNOWN:
            return ("Result not known yet: do not charge again. The gateway's webhook or "
                    "end-of-day file settles it; if it cannot wait, check the gateway's portal "
                    "and settle it (History, or main.py reconcile settle).")
        return f"Not processed: {self.message}"
