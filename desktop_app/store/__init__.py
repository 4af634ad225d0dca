"""The journal: write-ahead record of every payment, and an append-only audit trail."""

from desktop_app.store.journal import (
    UNRESOLVED_STATES,
    Journal,
    JournalState,
    PaymentRecord,
)

__all__ = ["UNRESOLVED_STATES", "Journal", "JournalState", "PaymentRecord"]
