"""One unit of work for the gateway, independent of NVP, SOAP or REST."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.money import Money
from desktop_app.domain.tenders import Tender, TenderKind


class TransactionKind(enum.Enum):
    SALE = "sale"
    AUTHORIZATION = "authorization"
    CAPTURE = "capture"
    REFUND = "refund"                  # with the card present
    SIMPLE_REFUND = "simple_refund"    # by transaction ID
    VOID = "void"
    SAVE_ON_FILE = "save_on_file"
    CHARGE_SAVED_CARD = "charge_saved_card"
    ECHECK_SALE = "echeck_sale"
    VIEW_RECEIPT = "view_receipt"
    SSO_TOKEN = "sso_token"            # ask for a hosted-page token

    @property
    def moves_money(self) -> bool:
        return self not in {TransactionKind.VIEW_RECEIPT, TransactionKind.SAVE_ON_FILE,
                            TransactionKind.SSO_TOKEN}

    @property
    def holds_terminal(self) -> bool:
        """One at a time per terminal: whatever moves money, and a hosted-page token request
        (until its page exists, a crash there must be settled before the next sale)."""
        return self.moves_money or self is TransactionKind.SSO_TOKEN


_NEEDS_AMOUNT = {TransactionKind.SALE, TransactionKind.AUTHORIZATION, TransactionKind.REFUND,
                 TransactionKind.CHARGE_SAVED_CARD, TransactionKind.ECHECK_SALE,
                 TransactionKind.SSO_TOKEN}
_NEEDS_TRANSACTION_ID = {TransactionKind.CAPTURE, TransactionKind.SIMPLE_REFUND,
                         TransactionKind.VOID}
_NEEDS_CARD = {TransactionKind.SALE, TransactionKind.AUTHORIZATION, TransactionKind.REFUND,
               TransactionKind.SAVE_ON_FILE}


def kind_for_tender(tender: Tender) -> TransactionKind:
    """The checkout's transaction for how the patient pays: a rule of the gateway's API
    (a saved card is charged by token, a check is an eCheck sale, the hosted page starts
    with a token request), so it lives here and not in a screen."""
    if tender.kind is TenderKind.SAVED_CARD:
        return TransactionKind.CHARGE_SAVED_CARD
    if tender.kind.is_check:
        return TransactionKind.ECHECK_SALE
    if tender.kind is TenderKind.HOSTED_SSO:
        return TransactionKind.SSO_TOKEN
    return TransactionKind.SALE


def new_reference() -> str:
    """Our own request reference: unique, and reused only for a retry of the same request."""
    return "FDP" + uuid.uuid4().hex[:21].upper()


@dataclass(frozen=True)
class PaymentRequest:
    kind: TransactionKind
    amount: Money | None = None
    tender: Tender | None = None
    transaction_id: str | None = None
    patient_id: str = ""
    sso_token: str | None = None
    reference: str = field(default_factory=new_reference)
    # How the card of the original was presented (void, simple refund): the gateway asks
    # for it as primaryCardPresentStatus. None: not known here.
    original_tender: TenderKind | None = None

    def __post_init__(self) -> None:
        k, tender = self.kind, self.tender
        label = k.value.replace("_", " ")
        if k in _NEEDS_AMOUNT and (self.amount is None or not self.amount.is_positive):
            raise ValidationError(f"A {label} needs an amount above zero")
        if self.amount is not None and self.amount.cents < 0:
            raise ValidationError("Amount cannot be negative")
        if k in _NEEDS_TRANSACTION_ID and not self.transaction_id:
            raise ValidationError(f"A {label} needs the original transaction ID")
        if k in _NEEDS_CARD and (tender is None or not tender.kind.is_card):
            raise ValidationError(f"A {label} needs a card")
        if k is TransactionKind.CHARGE_SAVED_CARD and (
                tender is None or tender.kind is not TenderKind.SAVED_CARD):
            raise ValidationError("Charging a saved card needs the saved card")
        if k is TransactionKind.ECHECK_SALE and (tender is None or not tender.kind.is_check):
            raise ValidationError("An eCheck sale needs a check")
