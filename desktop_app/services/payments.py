"""PaymentService: one request, journaled ahead, sent once, and settled.

The order of steps is the safety argument (ARCHITECTURE "Payments and the journal"):
1. refuse new money movement while this terminal has a payment of unknown outcome;
2. commit the intent (``pending``) with our request reference;
3. mark ``sent`` and hand the request to the shared transport;
4. commit the reply. A lost reply becomes ``unknown`` and is looked up by reference,
   never re-sent under a new reference and never reported as declined.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from desktop_app.domain import (
    FrontDeskError,
    Money,
    Outcome,
    OutcomeStatus,
    PaymentRequest,
    SavedCard,
    ValidationError,
)
from desktop_app.domain import TransactionKind as K
from desktop_app.gateway import GatewayClient, GatewayError, OutcomeUnknown, Protocol
from desktop_app.services.crashpoints import crash_point
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState, PaymentRecord

log = logging.getLogger(__name__)

_SUCCESS = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)
_REFUNDS = (K.REFUND.value, K.SIMPLE_REFUND.value)


def _open_hosted_page(record: PaymentRecord) -> bool:
    """A hosted page whose token is still NEW does not block the desk: once staff close the
    page nobody can pay on it, and the reconciler settles it (COMPLETE or EXPIRED) by token
    in the background. Blocking would stop the desk for up to the token's 15 minutes."""
    return record.kind == K.SSO_TOKEN.value and bool(record.sso_token)


class TerminalBusy(FrontDeskError):
    """A payment on this terminal has an unknown outcome: no new charge until it is settled."""


@dataclass
class PaymentService:
    gateway: GatewayClient
    journal: Journal
    reconciler: Reconciler
    lookup_attempts: int = 3
    lookup_delay: float = 1.0

    @property
    def terminal_id(self) -> str:
        return self.gateway.config.terminal_id

    async def process(self, request: PaymentRequest, protocol: Protocol | None = None
                      ) -> Outcome:
        if request.kind.moves_money:
            await self.require_terminal_clear()
        await self._check_against_journal(request)
        protocol = protocol or self.gateway.config.protocol
        await self.journal.record_intent(request, terminal_id=self.terminal_id,
                                         protocol=protocol.value)
        crash_point("before_send")
        await self.journal.mark_sent(request.reference)
        try:
            outcome = await self.gateway.send(request, protocol)
        except OutcomeUnknown as exc:
            return await self._unknown(request, str(exc))
        except GatewayError as exc:
            await self.journal.record_outcome(request.reference, Outcome(
                OutcomeStatus.ERROR, reference=request.reference, requested=request.amount,
                response_code=exc.code, message=str(exc)))
            raise
        except asyncio.CancelledError:
            # Staff pressed Cancel while the gateway was working: it may still charge.
            await asyncio.shield(self.journal.mark_unknown(request.reference, "cancelled"))
            raise
        crash_point("after_reply")
        await self.journal.record_outcome(request.reference, outcome)
        if request.kind is K.SAVE_ON_FILE and outcome.status.is_success:
            await self._remember_card(request, outcome)
        return outcome

    async def after_failure(self, request: PaymentRequest) -> Outcome | None:
        """What the desk is told after ``process`` raised something unexpected (a journal write
        failing once the gateway had answered, a bug): UNKNOWN while the request may have left
        (its row is sent or unknown, or the journal cannot say), None when it never left or its
        failure is already final. Never "nothing charged" on a guess."""
        unknown = Outcome(OutcomeStatus.UNKNOWN, reference=request.reference,
                          requested=request.amount)
        try:
            record = await self.journal.get(request.reference)
        except Exception:
            log.exception("journal unreadable after a failed %s", request.kind.value)
            return unknown
        if record is not None and record.state in (JournalState.SENT, JournalState.UNKNOWN):
            return unknown
        return None

    async def _remember_card(self, request: PaymentRequest, outcome: Outcome) -> None:
        card = request.tender.card if request.tender else None
        if not outcome.saved_card_token or card is None:
            return
        await self.journal.saved_cards.add(request.patient_id, SavedCard(
            token=outcome.saved_card_token, brand=outcome.card_brand or card.brand,
            last_four=card.last_four, exp_month=card.exp_month, exp_year=card.exp_year),
            request.reference)

    async def _unknown(self, request: PaymentRequest, reason: str) -> Outcome:
        await self.journal.mark_unknown(request.reference, reason)
        for attempt in range(self.lookup_attempts):
            if attempt:
                await asyncio.sleep(self.lookup_delay * attempt)
            record = await self.journal.get(request.reference)
            assert record is not None
            settled = await self.reconciler.settle(record)
            if settled is not None:
                return settled
        return Outcome(OutcomeStatus.UNKNOWN, reference=request.reference,
                       requested=request.amount, message=reason)

    async def require_terminal_clear(self) -> None:
        waiting = await self.journal.unresolved(self.terminal_id)
        still = [r for r in waiting if await self.reconciler.settle(r) is None
                 and not _open_hosted_page(r)]
        if still:
            first = still[0]
            raise TerminalBusy(
                f"The {first.kind.replace('_', ' ')} of {first.amount or 'no amount'} started "
                f"{first.created_at[11:16]} UTC is still being checked with the gateway. "
                "Take no new payment on this terminal until it is resolved.")

    async def _check_against_journal(self, request: PaymentRequest) -> None:
        """Catch the over-refund or double void here, with a clearer message than the
        gateway's; payments made elsewhere are left for the gateway to judge."""
        if request.transaction_id is None:
            return
        original = await self.journal.by_transaction_id(request.transaction_id)
        if original is None or original.approved is None:
            return
        children = [c for c in await self.journal.children(request.transaction_id)
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
