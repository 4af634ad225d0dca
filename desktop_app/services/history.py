"""The payment history as the desk must read it: each row with what later happened to it.

A journal row alone does not say what a payment is worth now: a sale stays ``approved`` in the
journal after it is voided, and its refunds are rows of their own. So the history is read once
here, with each sale's voids and refunds (matched by the transaction ID they reverse), into a
``HistoryEntry`` that answers the questions the screens and reports ask: its standing (voided,
refunded...), whether it can still be voided or refunded, and its signed amount. The UI and
the end-of-day report ask the entry; neither re-derives the rules from kind and state strings.

Gateway updates (settled, chargeback, returned) come from the stored webhook messages, matched
by transaction ID. A webhook store that does not exist yet (no receiver ever ran on this PC)
simply means no updates. The app holds one ``GatewayUpdates`` for its whole run
(``Runtime.updates``): the History page refreshes after every payment, and a PostgreSQL store
would otherwise cost a new connection each time.
"""

from __future__ import annotations

import asyncio
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain import Money
from desktop_app.domain import TransactionKind as K
from desktop_app.store import UNRESOLVED_STATES, Journal, JournalState, PaymentRecord
from desktop_app.webhooks.store import StoredMessage, WebhookStore, open_webhook_store

_SUCCESS = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)
_REFUNDS = frozenset({K.REFUND.value, K.SIMPLE_REFUND.value})
_REVERSALS = _REFUNDS | {K.VOID.value}
# Kinds that take the patient's money: what a void or a refund can reverse, and what Net counts.
_MONEY_IN = frozenset(k.value for k in (K.SALE, K.CAPTURE, K.CHARGE_SAVED_CARD, K.ECHECK_SALE,
                                        K.SSO_TOKEN))
_VOIDABLE = _MONEY_IN | {K.AUTHORIZATION.value}  # a void releases an authorization's hold


class Standing(enum.Enum):
    """What a row stands for now. The journal's states, plus what its reversals made of it."""

    PENDING = "pending"
    SENT = "sent"
    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    DECLINED = "declined"
    ERROR = "error"
    UNKNOWN = "unknown"
    VOIDED = "voided"
    REFUNDED = "refunded"                # refunds add up to all that was approved
    PARTLY_REFUNDED = "partly_refunded"


@dataclass(frozen=True)
class HistoryEntry:
    """One journal row and its verdict. Build with ``read_history``, not by hand."""

    payment: PaymentRecord
    standing: Standing
    can_void: bool
    can_refund: bool
    refundable: Money | None      # what is left to refund on it (None: no refund possible)
    signed_amount: Money | None   # approved money, negative for refunds and voids
    net: Money                    # what it adds to the day's Net
    reverses: str                 # a void or refund: the transaction ID it reverses
    updates: list[StoredMessage] = field(default_factory=list)

    @property
    def can_settle_by_hand(self) -> bool:
        """Only a payment the gateway has not answered for (PaymentService.settle_by_hand)."""
        return self.standing is Standing.UNKNOWN

    @property
    def latest_update(self) -> str:
        """What staff see in the update column: the newest gateway trigger, if any."""
        return self.updates[-1].trigger if self.updates else ""

    def as_json(self) -> dict[str, object]:
        out = self.payment.as_json()
        out.update(standing=self.standing.value, can_void=self.can_void,
                   can_refund=self.can_refund, reverses=self.reverses,
                   signed_amount=None if self.signed_amount is None
                   else self.signed_amount.wire(), net=self.net.wire())
        out["gateway_updates"] = [{"trigger": u.trigger, "received_at": u.received_at,
                                   "amount": u.amount, "transaction_date": u.transaction_date}
                                  for u in self.updates]
        return out


def _standing(record: PaymentRecord, voided: bool, refunded: Money) -> Standing:
    if record.state not in _SUCCESS:
        return Standing(record.state.value)
    if voided:
        return Standing.VOIDED
    approved = record.approved or Money.zero()
    if refunded.is_positive and refunded >= approved:
        return Standing.REFUNDED
    if refunded.is_positive:
        return Standing.PARTLY_REFUNDED
    return Standing(record.state.value)


def _money(record: PaymentRecord, original: PaymentRecord | None,
           voided: bool) -> tuple[Money | None, Money]:
    """(signed amount, net). A void is worth what it cancelled, negative, but adds nothing
    to Net: the sale it voided already stopped counting."""
    if record.state not in _SUCCESS:
        return None, Money.zero()
    approved = record.approved or Money.zero()
    if record.kind in _REFUNDS:
        return -approved, -approved
    if record.kind == K.VOID.value:
        cancelled = original.approved if original is not None and original.approved else None
        return -(cancelled or approved), Money.zero()
    if record.kind in _MONEY_IN and not voided:
        return approved, approved
    return approved, Money.zero()  # voided, or no money taken (authorization, card saved)


def _entry(record: PaymentRecord, children: list[PaymentRecord],
           original: PaymentRecord | None, updates: list[StoredMessage]) -> HistoryEntry:
    done = [c for c in children if c.state in _SUCCESS]
    in_doubt = any(c.state in UNRESOLVED_STATES for c in children)  # a reversal being checked
    voided = any(c.kind == K.VOID.value for c in done)
    refunded = sum((c.approved or Money.zero() for c in done if c.kind in _REFUNDS),
                   Money.zero())
    captured = any(c.kind == K.CAPTURE.value for c in done)  # the hold became a charge
    success = record.state in _SUCCESS and bool(record.transaction_id)
    open_to_act = success and not voided and not in_doubt and not captured
    left = (record.approved or Money.zero()) - refunded
    can_refund = open_to_act and record.kind in _MONEY_IN and left.is_positive
    signed, net = _money(record, original, voided)
    return HistoryEntry(
        record, _standing(record, voided, refunded),
        can_void=open_to_act and record.kind in _VOIDABLE and not refunded,
        can_refund=can_refund, refundable=left if can_refund else None,
        signed_amount=signed, net=net, updates=updates,
        reverses=record.original_transaction_id if record.kind in _REVERSALS else "")


def read_history(records: Iterable[PaymentRecord],
                 updates: Mapping[str, list[StoredMessage]] | None = None
                 ) -> list[HistoryEntry]:
    """Each row with its reversals. Rows come newest first with a limit; a void or refund is
    always newer than its sale, so every sale in the window has all its reversals with it."""
    rows = list(records)
    by_id = {r.transaction_id: r for r in rows if r.transaction_id}
    children: dict[str, list[PaymentRecord]] = defaultdict(list)
    for r in rows:
        if r.original_transaction_id:
            children[r.original_transaction_id].append(r)
    found = updates or {}
    return [_entry(r, children.get(r.transaction_id, []) if r.transaction_id else [],
                   by_id.get(r.original_transaction_id) if r.original_transaction_id else None,
                   found.get(r.transaction_id, []) if r.transaction_id else [])
            for r in rows]


class GatewayUpdates:
    """The webhook store, opened on first use and kept open until ``close()``."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self._store: WebhookStore | None = None
        self._lock = asyncio.Lock()

    async def _opened(self) -> WebhookStore | None:
        async with self._lock:
            if self._store is None:
                if isinstance(self.target, Path) and not self.target.exists():
                    return None  # asked again next time: a receiver may start meanwhile
                self._store = await open_webhook_store(self.target).open()
            return self._store

    async def for_transactions(self, ids: list[str]) -> dict[str, list[StoredMessage]]:
        store = await self._opened()
        return await store.for_transactions(ids) if store is not None and ids else {}

    async def for_plans(self, plan_ids: list[str]) -> list[StoredMessage]:
        store = await self._opened()
        return await store.for_plans(plan_ids) if store is not None and plan_ids else []

    async def find(self, *, transaction_id: str = "", sso_token: str = "",
                   our_reference: str = "") -> list[StoredMessage]:
        """Messages naming a transaction, token or our reference (reconciliation's first
        channel, payment plans); none while no receiver has ever stored one."""
        store = await self._opened()
        if store is None:
            return []
        return await store.find(transaction_id=transaction_id, sso_token=sso_token,
                                our_reference=our_reference)

    async def close(self) -> None:
        async with self._lock:
            if self._store is not None:
                await self._store.close()
                self._store = None


async def history_with_updates(journal: Journal, updates: GatewayUpdates,
                               limit: int = 200) -> list[HistoryEntry]:
    rows = await journal.history(limit)
    found = await updates.for_transactions([r.transaction_id for r in rows if r.transaction_id])
    return read_history(rows, found)
