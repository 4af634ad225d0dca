"""Plain domain values. No I/O, no Qt, no third-party imports (enforced by a test).

The names load on first use (``desktop_app/lazy.py``): the settings need only the errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.lazy import lazy_exports

if TYPE_CHECKING:
    from desktop_app.domain.card import (
        CardData,
        EncryptedCard,
        SavedCard,
        looks_like_track_data,
        mask_pan,
    )
    from desktop_app.domain.check import BankAccount
    from desktop_app.domain.errors import FrontDeskError, ValidationError
    from desktop_app.domain.money import Money
    from desktop_app.domain.outcome import Outcome, OutcomeStatus
    from desktop_app.domain.requests import PaymentRequest, TransactionKind, kind_for_tender
    from desktop_app.domain.tenders import EntryMode, Tender, TenderKind

__all__ = [
    "BankAccount",
    "CardData",
    "EncryptedCard",
    "EntryMode",
    "FrontDeskError",
    "Money",
    "Outcome",
    "OutcomeStatus",
    "PaymentRequest",
    "SavedCard",
    "Tender",
    "TenderKind",
    "TransactionKind",
    "ValidationError",
    "kind_for_tender",
    "looks_like_track_data",
    "mask_pan",
]
__getattr__ = lazy_exports(__name__, {
    "CardData": "card", "EncryptedCard": "card", "SavedCard": "card", "mask_pan": "card",
    "looks_like_track_data": "card",
    "BankAccount": "check", "FrontDeskError": "errors", "ValidationError": "errors",
    "Money": "money", "Outcome": "outcome", "OutcomeStatus": "outcome",
    "PaymentRequest": "requests", "TransactionKind": "requests", "kind_for_tender": "requests",
    "EntryMode": "tenders", "Tender": "tenders", "TenderKind": "tenders",
})
