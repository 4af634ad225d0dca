"""Settling payments whose outcome we do not know, through the channels the real gateway has.

No public source offers a look-up by a client's own reference, so none is made. Our
reference travels in the request's additionalInfoN slot (setting ``reference_slot``) and
comes back in the gateway's webhooks and end-of-day posting file; the order is:

0. the gateway's own reply, when this process holds it but could not journal it;
1. the webhook for the transaction, found in the webhook store by our reference (a void by
   the transaction it voids), read by ``services/evidence.py``;
2. the gateway asked by what we know: a hosted page's SSO token (GetSSOTokenStatus, then
   ViewReceipt by token), or a transaction ID (from the journal, or a webhook that named
   the transaction without saying what became of it) with
   GetTransactionDetailsByTransactionID;
3. the end-of-day posting file, when staff or IT run ``main.py reconcile --eod-file``
   (``services/eod_settle.py``, through ``adopt``);
4. until one has answered, the payment stays unknown; staff settle it from the gateway's
   portal (``PaymentService.settle_by_hand``).

Never re-sends. "Not charged" is concluded only for a row never handed to the transport
(``pending``) written by this workstation, or by another one longer ago than
``settle_after`` (its writer's ``mark_sent`` then fails, so it is not sent). A row that
went out (``sent``/``unknown``) is never declared not charged by a clock: once its exchange
cannot still be running (``exchange_limit`` past ``sent_at``, for a process that died
mid-exchange) it is marked unknown, which frees the terminal (see PaymentService). A row
this process is exchanging right now is never judged. Every write is conditional on the row
as it was judged, so a stale read never settles another desk's payment.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from desktop_app.domain import Outcome, OutcomeStatus, TransactionKind
from desktop_app.gateway import GatewayClient, GatewayError
from desktop_app.services.evidence import Evidence, Finding, judge
from desktop_app.store import Journal, JournalState, JournalUnavailable, PaymentRecord
from desktop_app.webhooks.store import StoredMessage

log = logging.getLogger(__name__)

NOT_CHARGED = "This payment never reached the gateway: nothing was charged."
SSO_EXPIRED = ("The payment page expired before the payment was finished: nothing was "
               "charged.")
SSO_NEVER_SHOWN = "The payment page was never shown: nothing was charged."
EXCHANGE_LOST = ("The app stopped while waiting for the gateway's answer; the result is not "
                 "known yet.")


class WebhookFinder(Protocol):
    """The webhook store as reconciliation reads it (services/history.GatewayUpdates)."""

    async def find(self, *, transaction_id: str = "", sso_token: str = "",
                   our_reference: str = "") -> list[StoredMessage]: ...


def webhook_evidence(message: StoredMessage) -> Evidence:
    return Evidence(message.transaction_id, message.status_code.strip().upper(),
                    message.amount, message.transaction_action,
                    message.original_transaction_id)


class Reconciler:
    def __init__(self, gateway: GatewayClient, journal: Journal,
                 settle_after: timedelta = timedelta(seconds=90),
                 exchange_limit: timedelta | None = None,
                 webhooks: WebhookFinder | None = None) -> None:
        """``exchange_limit``: longer than any one exchange can last; by default twice the
        transport's overall deadline (room for the reply's own journal write).
        ``webhooks``: the store the webhook receiver writes (None: no receiver here)."""
        self.gateway = gateway
        self.journal = journal
        self.webhooks = webhooks
        # The gateway's answers this process holds but could not journal (the database went
        # away as the reply came): the surest channel of all, adopted first.
        self.answers: dict[str, Outcome] = {}
        self.settle_after = settle_after
        self.exchange_limit = exchange_limit if exchange_limit is not None else timedelta(
            seconds=2 * gateway.config.exchange_deadline)
        self._listeners: list[Callable[[Outcome], None]] = []

    def add_listener(self, listener: Callable[[Outcome], None]) -> None:
        """Told of each payment a reconcile round settled (the UI refreshes History and lets
        the terminal take payments again)."""
        self._listeners.append(listener)

    async def settle(self, record: PaymentRecord) -> Outcome | None:
        """Resolve one row; None while it must stay unknown (no channel has answered yet, the
        gateway is unreachable, it is in flight, or the row moved on while we looked)."""
        if record.kind == TransactionKind.SSO_TOKEN.value:
            return await self.settle_sso(record)
        if record.reference in self.journal.in_hand:
            return None
        if record.state is JournalState.PENDING:
            if not self._cannot_be_in_flight(record):
                return None
            return await self._not_charged(record, NOT_CHARGED)
        if record.reference in self.answers:
            adopted = await self.adopt(record, self.answers[record.reference],
                                       "gateway_reply")
            self.answers.pop(record.reference, None)
            return adopted
        finding = await self._from_webhooks(record)
        if finding.outcome is not None:
            return await self.adopt(record, finding.outcome, "webhook")
        transaction_id = record.transaction_id or finding.transaction_id
        if transaction_id and not finding.conflict:
            found = await self._by_transaction_id(record, transaction_id)
            if found is not None:
                return await self.adopt(record, found, "transaction_details")
        if record.state is JournalState.SENT and self._cannot_be_in_flight(record):
            await self.journal.mark_unknown(record.reference, EXCHANGE_LOST)
        return None

    async def _from_webhooks(self, record: PaymentRecord) -> Finding:
        """What the stored webhooks say: a void's by the transaction it voided, any other
        payment's by our reference (echoed in the reference slot)."""
        if self.webhooks is None:
            return Finding()
        try:
            if record.kind == TransactionKind.VOID.value:
                found = await self.webhooks.find(transaction_id=record.original_transaction_id)
            else:
                found = await self.webhooks.find(our_reference=record.reference)
        except Exception as exc:  # an unreadable store is a silent channel, not a verdict
            log.warning("reconcile %s: webhook store unreadable: %s", record.reference,
                        type(exc).__name__)
            return Finding()
        finding = judge(record, (webhook_evidence(m) for m in found), "the gateway's webhook")
        if finding.conflict:
            log.warning("reconcile %s: webhooks disagree; left for staff", record.reference)
        return finding

    async def _by_transaction_id(self, record: PaymentRecord, transaction_id: str
                                 ) -> Outcome | None:
        """SSOService GetTransactionDetailsByTransactionID: settles a full approval of the
        amount asked (it carries no amount); anything else it says stays unknown."""
        try:
            found = await self.gateway.transaction_details_by_id(
                transaction_id, sso_token=record.sso_token, requested=record.amount)
        except GatewayError as exc:
            log.warning("reconcile %s: details by transaction ID failed: %s",
                        record.reference, exc.detail or exc)
            return None
        if found.status is OutcomeStatus.UNKNOWN:
            return None
        return replace(found, transaction_id=found.transaction_id or transaction_id)

    async def adopt(self, record: PaymentRecord, outcome: Outcome, source: str, *,
                    detail: str = "") -> Outcome:
        """The one seam for every channel that reads the gateway's word after the fact
        (``webhook``, ``transaction_details``, ``gateway_reply``, ``eod_file``, the X12 835's
        ``eod_835``): adopted over the row if still open (see ``_adopt``), audited as
        ``reconcile.<source>``; ``detail`` names the evidence (a file's name)."""
        found = replace(outcome, reference=record.reference)
        return await self._adopt(record, found, f"reconcile.{source}", detail)

    async def settle_sso(self, record: PaymentRecord) -> Outcome | None:
        """A hosted-page payment: NEW waits, EXPIRED was never charged, COMPLETE is adopted
        from the receipt (``GatewayClient.sso_receipt``: ViewReceipt by token). No token
        yet: the token request may be in flight and its page about to open, so it waits like
        any exchange; past that, no page was ever shown and nothing can have been charged."""
        if not record.sso_token:
            if record.reference in self.journal.in_hand or not self._cannot_be_in_flight(
                    record):
                return None
            return await self._not_charged(record, SSO_NEVER_SHOWN)
        try:
            status = (await self.gateway.sso_token_status(record.sso_token)).upper()
            if status == "NEW":
                return None
            if status == "EXPIRED":
                return await self._not_charged(record, SSO_EXPIRED)
            receipt = await self.gateway.sso_receipt(record.sso_token, record.amount)
        except GatewayError as exc:
            log.warning("SSO status for %s failed: %s", record.reference, exc.detail or exc)
            return None
        adopted = replace(receipt, reference=record.reference, sso_token=record.sso_token)
        return await self._adopt(record, adopted, "sso.complete")

    async def _adopt(self, record: PaymentRecord, found: Outcome, event: str,
                     detail: str = "") -> Outcome:
        """The gateway's word beats ours: adopted over any row still open. If the row was
        settled meanwhile (its owner recorded the reply), that is the same truth."""
        if await self.journal.record_outcome(record.reference, found):
            said = f"{found.status.value} ({detail})" if detail else found.status.value
            await self.journal.audit(event, found.status.is_success, record.reference, said)
        return found

    async def _not_charged(self, record: PaymentRecord, message: str) -> Outcome | None:
        """Only over the row exactly as judged: None if it moved on (sent, answered,
        settled by another desk) since we read it."""
        outcome = Outcome(OutcomeStatus.ERROR, reference=record.reference,
                          requested=record.amount, message=message)
        if not await self.journal.record_outcome(record.reference, outcome, judged=record):
            log.info("reconcile %s: row changed while judged; not settled by us",
                     record.reference)
            now = await self.journal.get(record.reference)
            return now.as_outcome() if now is not None and now.state not in (
                JournalState.SENT, JournalState.UNKNOWN) else None
        await self.journal.audit("reconcile.not_charged", True, record.reference, message)
        return outcome

    def _cannot_be_in_flight(self, record: PaymentRecord) -> bool:
        now = datetime.now(UTC)
        if record.state is JournalState.PENDING or record.sent_at is None:
            if (record.os_user, record.workstation) == (self.journal.origin.user,
                                                        self.journal.origin.workstation):
                return True  # ours, and not in hand: its process died before sending
            return now - datetime.fromisoformat(record.created_at) >= self.settle_after
        if record.ended_at is not None:
            ended = datetime.fromisoformat(record.ended_at)
        else:
            ended = datetime.fromisoformat(record.sent_at) + self.exchange_limit
        return now - ended >= self.settle_after

    async def watch(self, interval: float = 30.0) -> None:
        """While the app runs: settle unknown payments as soon as the gateway can tell, so a
        blocked terminal frees itself. Cancel the task to stop."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self.run_once()
            except JournalUnavailable as exc:  # said once per round, no traceback
                log.warning("reconcile round skipped: %s", exc.detail or exc)
            except Exception:  # one bad round must not end the watch
                log.exception("reconcile round failed")

    async def run_once(self, terminal_id: str | None = None) -> list[Outcome | None]:
        rows = await self.journal.unresolved(terminal_id)
        results = [await self.settle(row) for row in rows]
        for outcome in results:
            if outcome is not None:
                for listener in self._listeners:
                    listener(outcome)
        if rows:
            log.info("reconciled %d of %d unresolved payments",
                     sum(r is not None for r in results), len(rows))
        return results
