"""Checks of a new request against what the journal already holds, before anything leaves."""

from __future__ import annotations

from desktop_app.domain import Money, PaymentRequest, ValidationError
from desktop_app.domain import TransactionKind as K
from desktop_app.store import Journal, JournalState

_SUCCESS = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)
_REFUNDS = (K.REFUND.value, K.SIMPLE_REFUND.value)


async def check_against_journal(journal: Journal, request: PaymentRequest) -> None:
    """Catch the over-refund or double void here, with a clearer message than the
    gateway's; payments made elsewhere are left for the gateway to judge."""
    if request.transaction_id is None:
        return
    original = await journal.by_transaction_id(request.transaction_id)
    if original is None or original.approved is None:
        return
    children = [c for c in await journal.children(request.transaction_id)
                if c.state in _SUCCESS]
    if request.kind is K.VOID and any(c.kind == K.VOID.value for c in children):
        raise ValidationError("This payment has already been voided.")
    if request.kind is K.SIMPLE_REFUND and request.amount is not None:
        refunded = sum((c.approved or Money(0) for c in children if c.kind in _REFUNDS),
                       Money(0))
        left = original.approved - refunded
        if request.amount > left:
            raise ValidationError(
                f"A refund of {request.amount} is more than the {left} left to refund "
                "on this payment.")
