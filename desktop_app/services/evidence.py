"""What the gateway said about one of our payments, after the fact: a webhook message or a
row of the end-of-day posting file, read into one ``Evidence`` and weighed by one rule book.

Both channels carry the same facts for a transaction (the portal's webhook table and its
EOD posting file 1.0: transaction ID, transaction status code, amount, the action, and the
additionalInfo1..6 values the request carried, our reference among them), so one judgement
serves both. It settles a payment only when the evidence is unambiguous:

- status ``A`` or ``C`` (P-eod10 field 12) with an amount that adds up: approved (the whole
  request) or partially approved (less than it); ``D``: declined, unless it names an amount
  other than the request (the portal's polling sample answers a partial approval with D);
- for a void: ``V`` on the very transaction it voids;
- anything else (``S`` settled, ``CB``, ``RI``, ``SE``, ``V`` on a sale, a missing or
  malformed amount, more than was asked) settles nothing, but its transaction ID is handed
  back so the gateway can be asked about it by ID (GetTransactionDetailsByTransactionID);
- two pieces of evidence that disagree (an approval and a decline, two transaction IDs)
  settle nothing: the payment stays unknown for staff to settle from the portal.

Refunds are never settled this way: the gateway echoes the original sale's info values on its
refunds (P-hookf), so a refund's message cannot be told from another refund of the same sale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain import Money, Outcome, OutcomeStatus
from desktop_app.domain import TransactionKind as K
from desktop_app.store import PaymentRecord

_AMOUNT = re.compile(r"[0-9]{1,11}(\.[0-9]{1,2})?")
APPROVING = frozenset({"A", "C"})
DECLINING = frozenset({"D"})
VOIDED = "V"
# Actions that name a reversal or a later event, never the original charge (webhooks.json
# transaction_actions, P-eod10 field 6 "Credit").
_NOT_A_CHARGE = frozenset({"REFUND", "CREDIT", "RETURN", "CHARGEBACK"})
_SETTLED_BY_EVIDENCE = frozenset({K.SALE.value, K.AUTHORIZATION.value, K.CAPTURE.value,
                                  K.CHARGE_SAVED_CARD.value, K.ECHECK_SALE.value,
                                  K.SSO_TOKEN.value, K.VOID.value})


@dataclass(frozen=True)
class Evidence:
    transaction_id: str
    status: str                     # transaction status code, upper case
    amount: str = ""                # decimal text as sent; "" when absent
    action: str = ""                # TransactionAction / Payment Transaction Action
    original_transaction_id: str = ""


@dataclass(frozen=True)
class Finding:
    """``outcome`` when the evidence settles the payment; else ``transaction_id`` when it
    names the payment's transaction without saying what became of it."""

    outcome: Outcome | None = None
    transaction_id: str = ""
    conflict: bool = False


def _money(text: str) -> Money | None:
    """Plain ``123.45`` only (the table's DEC; HHK's webhook amounts): anything else reads
    as no amount, so it settles nothing."""
    text = text.strip()
    if not _AMOUNT.fullmatch(text):
        return None
    value = Money.parse(text)
    return value if value.is_positive else None


def _charge_outcome(record: PaymentRecord, item: Evidence, source: str) -> Outcome | None:
    amount = _money(item.amount)
    if item.status in DECLINING:
        if amount is not None and (record.amount is None or amount != record.amount):
            return None  # D with a smaller amount: the portal's partial approval (D + 010)
        status, approved, message = OutcomeStatus.DECLINED, None, f"Declined (from {source})."
    elif amount is None or record.amount is None or amount.cents > record.amount.cents:
        return None
    else:
        status = (OutcomeStatus.APPROVED if amount == record.amount
                  else OutcomeStatus.PARTIALLY_APPROVED)
        approved, message = amount, f"Approved (from {source})."
    return Outcome(status, reference=record.reference, requested=record.amount,
                   approved=approved, transaction_id=item.transaction_id,
                   transaction_status=item.status, message=message)


def _read_one(record: PaymentRecord, item: Evidence, source: str) -> Finding | None:
    """What one piece says about this payment; None when it is not about it."""
    if record.kind == K.VOID.value:
        if item.transaction_id != record.original_transaction_id or item.status != VOIDED:
            return None
        return Finding(Outcome(OutcomeStatus.APPROVED, reference=record.reference,
                               transaction_id=item.transaction_id, transaction_status=VOIDED,
                               message=f"Voided (from {source})."))
    if item.original_transaction_id or item.action.upper() in _NOT_A_CHARGE:
        return None  # a refund, return or chargeback of some sale, not the charge itself
    if record.transaction_id and item.transaction_id != record.transaction_id:
        return None
    outcome = (_charge_outcome(record, item, source)
               if item.status in APPROVING | DECLINING else None)
    return Finding(outcome, item.transaction_id)


def judge(record: PaymentRecord, evidence: Iterable[Evidence], source: str) -> Finding:
    """One finding from every piece that names this payment (already matched by reference
    or transaction ID by the caller)."""
    if record.kind not in _SETTLED_BY_EVIDENCE:
        return Finding()
    found = [f for f in (_read_one(record, e, source) for e in evidence) if f is not None]
    ids = {f.transaction_id for f in found if f.transaction_id}
    outcomes = {(o.status, o.approved, o.transaction_id) for f in found
                if (o := f.outcome) is not None}
    if len(ids) > 1 or len(outcomes) > 1:
        return Finding(conflict=True)
    settled = next((f.outcome for f in found if f.outcome is not None), None)
    return Finding(settled, next(iter(ids), ""))
