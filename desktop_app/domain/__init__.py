"""Plain domain values. No I/O, no Qt, no third-party imports (enforced by a test)."""

from desktop_app.domain.card import CardData, EncryptedCard, SavedCard, mask_pan
from desktop_app.domain.check import BankAccount
from desktop_app.domain.errors import FrontDeskError, ValidationError
from desktop_app.domain.money import Money
from desktop_app.domain.outcome import Outcome, OutcomeStatus
from desktop_app.domain.requests import PaymentRequest, TransactionKind
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
    "mask_pan",
]
