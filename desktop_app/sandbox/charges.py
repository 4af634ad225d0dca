"""Transactions that start from a card or a check: sale, authorization, refund with card,
save on file, charge a saved card, eCheck sale.

Each handler validates, asks ``rules`` for a decision and books one ledger entry, declines
included: a declined sale is still a transaction the gateway knows (by its transaction ID).
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain import Money
from desktop_app.sandbox.check_ocr import image_refusal
from desktop_app.sandbox.core import Context, Result
from desktop_app.sandbox.errors import invalid
from desktop_app.sandbox.replies import (
    CardFacts,
    ReplyParts,
    new_transaction_id,
    reply_fields,
)
from desktop_app.sandbox.rules import (
    APPROVED,
    EXPIRED,
    Decision,
    amount_decision,
    card_code,
    decide_card,
    decide_check,
)
from desktop_app.sandbox.table import req
from desktop_app.sandbox.validation import (
    amount_field,
    bank_input,
    card_input,
    entry_mode,
    value,
)


def book(ctx: Context, decision: Decision, amount: Money | None, letter: str,
         card: CardFacts | None, extra: dict[str, str] | None = None) -> Result:
    """Reply + ledger entry for a new transaction (not a follow-up of another)."""
    txn = new_transaction_id()
    parts = ReplyParts(decision, txn, letter, amount, ctx.now,
                       additional_info=ctx.additional_info)
    reply = reply_fields(parts, card, extra)
    entry = ctx.entry(transaction_id=txn, requested=amount, approved=decision.approved,
                      response_code=decision.code, reply=reply, primary_transaction_id=txn,
                      card_brand=card.brand if card else "",
                      last_four=reply.get("last_four", ""))
    return Result(reply, entry)


def _card_money(ctx: Context, letter: str, allow_partial: bool) -> Result:
    card = card_input(ctx.fields)
    amount = amount_field(ctx.fields)
    decision = decide_card(card, amount, ctx.now, allow_partial)
    return book(ctx, decision, amount, letter, CardFacts.of(card))


def sale(ctx: Context) -> Result:
    return _card_money(ctx, "C", allow_partial=True)


def authorization(ctx: Context) -> Result:
    """Holds funds (status A); money moves only when captured."""
    return _card_money(ctx, "A", allow_partial=True)


def refund(ctx: Context) -> Result:
    """A refund to a card that is present; never partially approved."""
    return _card_money(ctx, "C", allow_partial=False)


def save_on_file(ctx: Context) -> Result:
    """Card → ``saveOnFileTransactionID`` (status O). Nothing is charged; a card a sale would
    refuse is refused."""
    card = card_input(ctx.fields)
    code = card_code(card, ctx.now)
    facts = CardFacts.of(card)
    extra: dict[str, str] = {}
    if code == APPROVED:
        extra["saved_card_id"] = ctx.state.vault.save(ctx.account.account_id, facts)
    return book(ctx, Decision(code, Money.zero()), None, "O", facts, extra)


def charge_saved_card(ctx: Context) -> Result:
    token = value(ctx.fields, "saved_card_id")
    facts = ctx.state.vault.get(ctx.account.account_id, token)
    if facts is None:
        raise invalid(f"{req('saved_card_id')} is not a card saved on this account")
    amount = amount_field(ctx.fields)
    facts = replace(facts, entry_mode=entry_mode(ctx.fields, "Keyed"))
    if (facts.exp_year, facts.exp_month) < (ctx.now.year, ctx.now.month):
        decision = Decision(EXPIRED, Money.zero())
    else:
        decision = amount_decision(amount)
    return book(ctx, decision, amount, "C", facts)


def echeck_sale(ctx: Context) -> Result:
    """A check (scanned at the desk or keyed); complete (C) like a card sale, since the public
    status codes have no pending state (there is no P)."""
    bank = bank_input(ctx.fields)
    amount = amount_field(ctx.fields)
    if refusal := image_refusal(ctx.fields):  # remote deposit: the images must be usable
        raise invalid(refusal)
    extra = {"last_four": bank.last_four}
    return book(ctx, decide_check(bank, amount), amount, "C", None, extra)
