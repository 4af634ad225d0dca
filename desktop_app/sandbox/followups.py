"""Transactions on an earlier transaction, by its ``primaryTransactionID``: capture, simple
refund, void (P-void, P-refund: with ``primaryCardPresentStatus``).

The guards are the point: an authorization is captured once and for no more than was
authorized; refunds never exceed what was taken less what was already refunded; a void
happens once. Each refusal says exactly which rule stopped it.
"""

from __future__ import annotations

from desktop_app.domain import Money
from desktop_app.sandbox.core import Context, Result
from desktop_app.sandbox.errors import invalid, not_found
from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.sandbox.replies import ReplyParts, new_transaction_id, reply_fields
from desktop_app.sandbox.rules import APPROVED, Decision
from desktop_app.sandbox.table import req
from desktop_app.sandbox.validation import optional_amount, presence, required, value

REFUNDABLE = frozenset({"sale", "charge_saved_card", "echeck_sale", "capture"})
VOIDABLE = REFUNDABLE | {"authorization", "refund", "simple_refund"}
_CARD_KEYS = ("card_brand", "last_four", "card_bin", "card_exp_month", "card_exp_year",
              "entry_mode")


def _target(ctx: Context) -> LedgerEntry:
    txn = required(ctx.fields, "primary_transaction_id")
    presence(ctx.fields, "primary_card_present_status")  # a known value if given (NVP requires
    # it: nvp_endpoint; SOAP's simple refund and eCheck void types have no such element)
    entry = ctx.state.ledger.by_id(ctx.account.account_id, txn)
    if entry is None:
        raise not_found(f"No transaction found for {req('primary_transaction_id')} {txn[:64]}")
    if not entry.is_approved:
        raise invalid(f"Transaction {txn} was not approved, so there is nothing to change")
    if entry.voided.is_positive:
        raise invalid(f"Transaction {txn} was already voided")
    return entry


def _follow_up(ctx: Context, target: LedgerEntry, amount: Money, letter: str,
               extra: dict[str, str] | None = None) -> Result:
    txn = new_transaction_id()
    info = {**target.additional_info, **ctx.additional_info}  # P-hookf: passed on to secondaries
    parts = ReplyParts(Decision(APPROVED, amount), txn, letter, amount, ctx.now,
                       primary_id=target.transaction_id, additional_info=info)
    card = {k: target.reply[k] for k in _CARD_KEYS if k in target.reply}
    reply = reply_fields(parts, None, {**card, **(extra or {})})
    entry = ctx.entry(transaction_id=txn, requested=amount, approved=amount,
                      response_code=APPROVED, reply=reply,
                      primary_transaction_id=target.transaction_id,
                      card_brand=target.card_brand, last_four=target.last_four,
                      patient_id=value(ctx.fields, "patient_id") or target.patient_id,
                      additional_info=info)
    return Result(reply, entry)


def capture(ctx: Context) -> Result:
    auth = _target(ctx)
    if auth.kind != "authorization":
        raise invalid(f"Transaction {auth.transaction_id} is not an authorization")
    if auth.capture_id:
        raise invalid(f"Authorization {auth.transaction_id} was already captured")
    amount = optional_amount(ctx.fields) or auth.approved
    if amount > auth.approved:
        raise invalid(f"{req('amount')} {amount.wire()} is more than the "
                      f"{auth.approved.wire()} authorized")
    result = _follow_up(ctx, auth, amount, "C")
    auth.captured = amount
    auth.capture_id = result.reply["transaction_id"]
    return result


def simple_refund(ctx: Context) -> Result:
    target = _target(ctx)
    if target.kind == "authorization" and target.capture_id:
        capture_entry = ctx.state.ledger.by_id(ctx.account.account_id, target.capture_id)
        target = capture_entry if capture_entry is not None else target
    if target.kind not in REFUNDABLE:
        raise invalid(f"Transaction {target.transaction_id} ({target.kind.replace('_', ' ')}) "
                      "cannot be refunded")
    left = target.money_taken - target.refunded
    if not left.is_positive:
        raise invalid(f"Transaction {target.transaction_id} was already fully refunded")
    amount = optional_amount(ctx.fields) or left
    if amount > left:
        raise invalid(f"Refund of {amount.wire()} is more than the {left.wire()} left to "
                      f"refund on transaction {target.transaction_id} (charged "
                      f"{target.money_taken.wire()}, already refunded {target.refunded.wire()})")
    result = _follow_up(ctx, target, amount, "C")
    target.refunded = target.refunded + amount
    return result


def void(ctx: Context) -> Result:
    target = _target(ctx)
    tid = target.transaction_id
    if target.kind not in VOIDABLE:
        raise invalid(f"Transaction {tid} ({target.kind.replace('_', ' ')}) cannot be voided")
    if target.capture_id:
        raise invalid(f"Authorization {tid} was captured; void the capture "
                      f"{target.capture_id} instead")
    if target.refunded.is_positive:
        raise invalid(f"Transaction {tid} has refunds; void those refunds first")
    # P-void: the void itself is C; the original's new status is primaryTransactionStatus=V.
    result = _follow_up(ctx, target, target.approved, "C", {"primary_transaction_status": "V"})
    target.voided = target.approved
    _undo_on_parent(ctx, target)
    return result


def _undo_on_parent(ctx: Context, voided: LedgerEntry) -> None:
    """Voiding a refund or a capture gives back what it used on its original."""
    parent = ctx.state.ledger.by_id(ctx.account.account_id, voided.primary_transaction_id)
    if parent is None or parent is voided:
        return
    if voided.kind == "simple_refund":
        parent.refunded = parent.refunded - voided.approved
    elif voided.kind == "capture":
        parent.captured, parent.capture_id = Money.zero(), ""
