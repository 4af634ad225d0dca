"""PaymentService: one request, journaled ahead, sent once, and settled. The only writer of
payment states: card and check payments, voids and refunds, and hosted-page token requests.

The order of steps is the safety argument (ARCHITECTURE "Payments and the journal"):
1. refuse new money movement while this terminal has an exchange that may still be running,
   and refuse a charge (or refund) that could repeat one whose outcome is unknown (see
   ``require_terminal_clear``); the database holds the terminal for the new payment in the
   same insert as its intent, so two workstations racing for one terminal cannot both pass;
2. commit the intent (``pending``) with our request reference;
3. mark ``sent`` (only if still pending: a desk that settled it first wins, and it is then
   not sent) and hand the request to the shared transport;
4. commit the reply. A lost reply becomes ``unknown`` and is settled by the gateway's own
   channels (services/reconcile.py: webhook, details by token or transaction ID, the EOD
   posting file, staff from the portal), never re-sent under a new reference and never
   reported as declined. Once the request may have left, nothing (the journal's database
   going away included) turns that into an error: the caller gets UNKNOWN, "do not charge
   again".
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
from desktop_app.services.journal_checks import check_against_journal
from desktop_app.services.reconcile import SSO_NEVER_SHOWN, Reconciler
from desktop_app.store import Journal, JournalState, PaymentRecord, TerminalOccupied

log = logging.getLogger(__name__)

_IN_EXCHANGE = (JournalState.SENT, JournalState.UNKNOWN)
_CHARGED = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)
BY_HAND_CHARGED = "Settled by hand from the gateway's portal: charged."
BY_HAND_NOT_CHARGED = "Settled by hand from the gateway's portal: nothing was charged."
RECORD_LATER = ("The gateway answered but the journal could not record it; the app keeps "
                "checking with the gateway.")


_MONEY_IN = frozenset(k.value for k in (K.SALE, K.AUTHORIZATION, K.CHARGE_SAVED_CARD,
                                        K.ECHECK_SALE, K.SSO_TOKEN))
_MONEY_OUT = frozenset(k.value for k in (K.REFUND, K.SIMPLE_REFUND))


def _may_repeat(unknown: PaymentRecord, request: PaymentRequest) -> bool:
    """Whether ``request`` could be staff trying again a payment whose outcome is unknown:
    same direction, and the same patient, or the same amount where either names no patient
    (two patients paying the same copay are not a repeat)."""
    kind = request.kind.value
    if not any(kind in side and unknown.kind in side for side in (_MONEY_IN, _MONEY_OUT)):
        return False
    if unknown.patient_id and request.patient_id:
        return unknown.patient_id == request.patient_id
    return unknown.amount is not None and unknown.amount == request.amount


def _charged_by_hand(record: PaymentRecord, transaction_id: str, amount: Money | None
                     ) -> Outcome:
    txn = transaction_id.strip()
    if not txn or not txn.isalnum():
        raise ValidationError("Enter the transaction ID exactly as the gateway's portal "
                              "shows it.")
    approved = amount if amount is not None else record.amount
    if approved is None or not approved.is_positive or (
            record.amount is not None and approved.cents > record.amount.cents):
        raise ValidationError("Enter the amount the gateway's portal shows as charged: "
                              "more than nothing and no more than was asked.")
    status = (OutcomeStatus.PARTIALLY_APPROVED if record.amount is not None
              and approved.cents < record.amount.cents else OutcomeStatus.APPROVED)
    return Outcome(status, reference=record.reference, requested=record.amount,
                   approved=approved, transaction_id=txn, message=BY_HAND_CHARGED)


def _open_hosted_page(record: PaymentRecord) -> bool:
    """A hosted page whose token is still NEW does not block the desk: once staff close the
    page nobody can pay on it, and the reconciler settles it (COMPLETE or EXPIRED) by token
    in the background. Blocking would stop the desk for up to the token's 15 minutes. (Its
    row gave up the terminal's slot when the token was attached.)"""
    return record.kind == K.SSO_TOKEN.value and bool(record.sso_token)


class TerminalBusy(FrontDeskError):
    """A payment on this terminal has an unknown outcome: no new charge until it is settled."""


class PossibleDoubleCharge(TerminalBusy):
    """A new charge that may repeat a payment whose outcome is still unknown: it may have
    been charged. Settled first (from the gateway's portal if no channel has answered)."""

    def __init__(self, message: str, unknown: PaymentRecord) -> None:
        super().__init__(message)
        self.unknown = unknown


class TerminalIdInUse(TerminalBusy):
    """Another PC has a payment open on this terminal ID while sharing is off: a set-up
    mistake IT must fix (each workstation its own terminal ID, as the gateway expects)."""


class NotSent(FrontDeskError):
    """Another workstation settled this payment as never sent before it left: it was not
    sent, so nothing was charged."""


@dataclass
class PaymentService:
    gateway: GatewayClient
    journal: Journal
    reconciler: Reconciler
    lookup_attempts: int = 3
    lookup_delay: float = 1.0
    terminal_shared: bool = False  # Settings.terminal_shared: desks take turns on one ID

    @property
    def terminal_id(self) -> str:
        return self.gateway.config.terminal_id

    async def process(self, request: PaymentRequest, protocol: Protocol | None = None
                      ) -> Outcome:
        """Raises before the request leaves (nothing charged: ``TerminalBusy``, a journal
        that cannot be written, a refusal); once it may have left, returns its Outcome, which
        is UNKNOWN whenever the truth cannot be recorded. A hosted-page token request returns
        the token and page address, or raises (no page was shown: nothing charged)."""
        if request.kind.holds_terminal:
            await self.require_terminal_clear(request)
        await check_against_journal(self.journal, request)
        protocol = protocol or self.gateway.config.protocol
        try:
            await self.journal.record_intent(request, terminal_id=self.terminal_id,
                                             protocol=protocol.value)
        except TerminalOccupied:
            raise self._busy(await self.journal.holder(self.terminal_id)) from None
        ref = request.reference
        self.journal.in_hand.add(ref)
        try:
            crash_point("before_send")
            if not await self.journal.mark_sent(ref):
                raise NotSent("Another workstation closed this payment before it was sent: "
                              "nothing was charged. Take the payment again.")
            reply = await self._exchange(request, protocol)
        finally:
            self.journal.in_hand.discard(ref)
        if isinstance(reply, str):
            return await self._unknown(request, reply)
        crash_point("after_reply")
        return await self._record_reply(request, reply)

    async def _exchange(self, request: PaymentRequest, protocol: Protocol) -> Outcome | str:
        """The gateway's reply, or why it is unknown. A refusal is journaled and raised."""
        try:
            return await self.gateway.send(request, protocol)
        except OutcomeUnknown as exc:
            return str(exc)
        except GatewayError as exc:
            await self._settle_quietly(request, Outcome(
                OutcomeStatus.ERROR, reference=request.reference, requested=request.amount,
                response_code=exc.code, message=str(exc)))
            raise
        except asyncio.CancelledError:
            # Staff pressed Cancel while the gateway was working: it may still charge. (A
            # token request charges nothing by itself, and its page is never shown.)
            if request.kind is K.SSO_TOKEN:
                await asyncio.shield(self._page_never_shown(request))
            else:
                await asyncio.shield(self._mark_unknown_quietly(request, "cancelled"))
            raise
        except Exception:  # our bug on a reply: the request may have left all the same
            log.exception("unexpected failure in the exchange of %s", request.reference)
            return "The gateway's reply could not be read"

    async def _record_reply(self, request: PaymentRequest, outcome: Outcome) -> Outcome:
        if request.kind is K.SSO_TOKEN:
            return await self._attach_token(request, outcome)
        unknown = Outcome(OutcomeStatus.UNKNOWN, reference=request.reference,
                          requested=request.amount, message=RECORD_LATER)
        try:
            if not await self.journal.record_outcome(request.reference, outcome,
                                                     expect=_IN_EXCHANGE):
                recorded = await self._gateway_beats_a_guess(request, outcome)
                if recorded is None or recorded.state.value != outcome.status.value:
                    log.error("reply for %s (%s) disagrees with the journal (%s)",
                              request.reference, outcome.status.value,
                              recorded.state.value if recorded else "no row")
                    return unknown
        except Exception as exc:  # the database went away (or the disk filled) mid-sale
            log.warning("could not record the reply for %s: %s", request.reference, exc,
                        exc_info=not isinstance(exc, FrontDeskError))
            self.reconciler.answers[request.reference] = outcome  # journaled once it can be
            return unknown
        if request.kind is K.SAVE_ON_FILE and outcome.status.is_success:
            await self._remember_card(request, outcome)
        return outcome

    async def _gateway_beats_a_guess(self, request: PaymentRequest, outcome: Outcome
                                     ) -> PaymentRecord | None:
        """The row as it now stands, once the gateway's own answer has been weighed against
        it. Staff at another desk may have settled our exchange by hand as not charged while
        we were still waiting; the gateway then said yes. Its word beats that reading, and
        the correction is audited. (No reconciler says "not charged" of a row that was sent:
        services/reconcile.py.)"""
        recorded = await self.journal.get(request.reference)
        if (recorded is not None and recorded.state is JournalState.ERROR
                and recorded.message == BY_HAND_NOT_CHARGED
                and outcome.status.is_success
                and await self.journal.record_outcome(request.reference, outcome,
                                                      expect=(JournalState.ERROR,),
                                                      judged=recorded)):
            log.warning("%s was settled as not charged, but the gateway approved it: "
                        "corrected", request.reference)
            await self.journal.audit("reconcile.overruled", True, request.reference,
                                     outcome.status.value)
            recorded = await self.journal.get(request.reference)
        return recorded

    async def settle_by_hand(self, reference: str, charged_transaction_id: str | None,
                             amount: Money | None = None) -> Outcome:
        """A person's decision, read off the gateway's portal, for a payment no channel has
        settled (the last one ARCHITECTURE names): charged, with the transaction ID and the
        amount the portal shows (``None``: the amount asked; less is a partial approval,
        more is refused), or confirmed not charged. Only over a row still unknown (or left
        sent by a process that is gone), conditional on it not moving meanwhile; audited
        with who and where (the audit row carries the user and workstation)."""
        record = await self.journal.get(reference)
        if (record is None or record.state not in _IN_EXCHANGE
                or reference in self.journal.in_hand):
            raise ValidationError("Only a payment whose result is not known can be settled "
                                  "by hand.")
        if charged_transaction_id is not None:
            outcome = _charged_by_hand(record, charged_transaction_id, amount)
        else:
            outcome = Outcome(OutcomeStatus.ERROR, reference=reference,
                              requested=record.amount, message=BY_HAND_NOT_CHARGED)
        if not await self.journal.record_outcome(reference, outcome, judged=record):
            raise ValidationError("This payment changed while you were settling it; look "
                                  "at History again.")
        detail = (f"{outcome.transaction_id} {outcome.approved}" if outcome.transaction_id
                  else "not charged")
        await self.journal.audit("payment.settled_by_hand", True, reference, detail)
        return outcome

    async def _attach_token(self, request: PaymentRequest, reply: Outcome) -> Outcome:
        """The page may be shown only once its token is journaled (a crash mid-page is then
        settled by token); a token that cannot be journaled is never shown."""
        try:
            attached = bool(reply.sso_token) and await self.journal.attach_sso_token(
                request.reference, reply.sso_token)
        except FrontDeskError as exc:
            log.warning("could not journal the SSO token for %s: %s", request.reference, exc)
            attached = False
        if not attached:
            await self._page_never_shown(request)
            raise FrontDeskError("The payment page could not be opened: nothing was charged. "
                                 "Try again, or take the payment another way.")
        return reply

    async def _page_never_shown(self, request: PaymentRequest) -> None:
        await self._settle_quietly(request, Outcome(
            OutcomeStatus.ERROR, reference=request.reference, requested=request.amount,
            message=SSO_NEVER_SHOWN))

    async def _settle_quietly(self, request: PaymentRequest, outcome: Outcome) -> None:
        """A final "nothing charged" of our own request; if the journal cannot take it, the
        row stays open and the reconciler settles it later by asking the gateway."""
        try:
            await self.journal.record_outcome(request.reference, outcome, expect=_IN_EXCHANGE)
        except FrontDeskError as exc:
            log.warning("could not record %s for %s: %s", outcome.status.value,
                        request.reference, exc)

    async def _mark_unknown_quietly(self, request: PaymentRequest, reason: str) -> None:
        try:
            await self.journal.mark_unknown(request.reference, reason)
        except FrontDeskError as exc:
            log.warning("could not mark %s unknown: %s", request.reference, exc)

    async def after_failure(self, request: PaymentRequest) -> Outcome | None:
        """What the desk is told after ``process`` raised something unexpected (a bug):
        UNKNOWN while the request may have left (its row is sent or unknown, or the journal
        cannot say); the recorded approval when the gateway had already said yes (a cancel or
        a failure that landed after the reply, e.g. while saving a card); None when it never
        left or its failure is already final. Never "nothing charged" on a guess."""
        unknown = Outcome(OutcomeStatus.UNKNOWN, reference=request.reference,
                          requested=request.amount)
        try:
            record = await self.journal.get(request.reference)
        except Exception:
            log.exception("journal unreadable after a failed %s", request.kind.value)
            return unknown
        if record is not None and record.state in _IN_EXCHANGE:
            return unknown
        if record is not None and record.state in _CHARGED:
            return record.as_outcome()
        return None

    async def _remember_card(self, request: PaymentRequest, outcome: Outcome) -> None:
        tender = request.tender
        card = (tender.card or tender.encrypted) if tender else None  # an encrypting reader's
        if not outcome.saved_card_token or card is None:
            return
        try:
            await self.journal.saved_cards.add(request.patient_id, SavedCard(
                token=outcome.saved_card_token, brand=outcome.card_brand or card.brand,
                last_four=card.last_four, exp_month=card.exp_month, exp_year=card.exp_year),
                request.reference)
        except FrontDeskError as exc:
            log.warning("saved card for %s not kept: %s", request.reference, exc)

    async def _unknown(self, request: PaymentRequest, reason: str) -> Outcome:
        """Try the reconciler's channels a few times (a webhook often lands within seconds);
        UNKNOWN if none can tell yet, or the journal cannot be read or written (the watch
        settles it once it is back)."""
        if request.kind is K.SSO_TOKEN:  # no token, no page: nobody can have paid
            await self._page_never_shown(request)
            raise FrontDeskError("The gateway did not answer, so the payment page was not "
                                 "opened: nothing was charged. Try again.")
        unknown = Outcome(OutcomeStatus.UNKNOWN, reference=request.reference,
                          requested=request.amount, message=reason)
        try:
            await self.journal.mark_unknown(request.reference, reason)
            for attempt in range(self.lookup_attempts):
                if attempt:
                    await asyncio.sleep(self.lookup_delay * attempt)
                record = await self.journal.get(request.reference)
                settled = await self.reconciler.settle(record) if record else None
                if settled is not None:
                    return settled
        except FrontDeskError as exc:
            log.warning("unknown outcome of %s not yet settled: %s", request.reference, exc)
        return unknown

    async def require_terminal_clear(self, request: PaymentRequest | None = None) -> None:
        """Settle what can be settled, then refuse while the terminal may still be in an
        exchange, or when ``request`` could repeat a payment whose outcome is unknown.

        No look-up by reference exists, so an unknown may take until a webhook, the
        end-of-day file or a person settles it: hours. It no longer holds the terminal (its
        exchange is over; the journal frees the slot when it is marked unknown), so the
        desk keeps working, but a double charge stays impossible: a charge for the same
        patient (or, where either has no patient, of the same amount) in the same direction
        (money in, or a refund) is refused until that unknown is settled, from History's
        "Settle from portal" if no channel has answered. A ``pending`` or ``sent`` row still
        blocks the terminal: its exchange may be running (the reconciler marks it unknown
        once it cannot be)."""
        for record in await self.journal.unresolved(self.terminal_id):
            await self.reconciler.settle(record)
        still = [r for r in await self.journal.unresolved(self.terminal_id)
                 if not _open_hosted_page(r) and r.state is not JournalState.UNKNOWN]
        if still:
            raise self._busy(still[0])
        if request is not None:
            twin = next((r for r in await self.journal.unresolved()
                         if r.state is JournalState.UNKNOWN and _may_repeat(r, request)), None)
            if twin is not None:
                raise PossibleDoubleCharge(
                    f"The {twin.kind.replace('_', ' ')} of {twin.amount or 'no amount'} "
                    f"started {twin.created_at[11:16]} UTC for this patient may have been "
                    "charged: its result is not known yet. Do not charge again until it is "
                    "settled: check the gateway's portal and settle it in History.", twin)

    def _busy(self, first: PaymentRecord | None) -> TerminalBusy:
        if first is None:  # the holder was settled a moment ago: the next try will pass
            return TerminalBusy("Another payment on this terminal was still being checked "
                                "with the gateway. Try again in a moment.")
        elsewhere = first.workstation != self.journal.origin.workstation
        if elsewhere and not self.terminal_shared:
            return TerminalIdInUse(
                f"Terminal ID {self.terminal_id} is also used by the front-desk PC "
                f"{first.workstation}, which has a payment open on it. Each PC needs its own "
                "terminal ID: ask IT to set this PC's in Settings (For IT), or to allow "
                "several desks to share it.")
        if elsewhere:
            return TerminalBusy(
                f"The desk at {first.workstation} is taking a payment on this shared terminal. "
                "Try again when it has finished.")
        return TerminalBusy(
            f"The {first.kind.replace('_', ' ')} of {first.amount or 'no amount'} started "
            f"{first.created_at[11:16]} UTC is still being checked with the gateway. "
            "Take no new payment on this terminal until it is resolved.")
