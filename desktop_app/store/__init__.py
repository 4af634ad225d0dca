"""The journal: write-ahead record of every payment, and an append-only audit trail."""

from desktop_app.store.errors import JournalUnavailable, TerminalOccupied
from desktop_app.store.journal import Journal
from desktop_app.store.records import UNRESOLVED_STATES, JournalState, PaymentRecord

__all__ = ["UNRESOLVED_STATES", "Journal", "JournalState", "JournalUnavailable",
           "PaymentRecord", "TerminalOccupied"]
