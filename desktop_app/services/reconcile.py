"""Settling payments whose outcome we do not know, by asking the gateway by reference.

Never re-sends: a found transaction is adopted as it stands; a reference the gateway has
never seen is declared "not charged" only once it can no longer be in flight:
- ``pending`` (never handed to the transport) written by this workstation, or by another
  one longer ago than ``settle_after`` (its writer may be a moment from sending it);
- ``sent``/``unknown``: ``settle_after`` past the END of the exchange (``ended_at``); while
  an exchange has no end on record (its process died mid-exchange, or is still waiting),
  it may last up to ``exchange_limit`` past ``sent_at``.
A row this process is exchanging right now is never judged. Every write is conditional on
the row as it was judged, so a stale read never settles another desk's payment.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from desktop_app.domain import Outcome, OutcomeStatus, TransactionKind
from desktop_app.gateway import GatewayClient, GatewayError
from desktop_app.store import Journal, JournalState, JournalUnavailable, PaymentRecord

log = logging.getLogger(__name__)

NOT_CHARGED = "This payment never reached the gateway: nothing was charged."
SSO_EXPIRED = ("The payment page expired before the payment was finished: nothing was "
               "charged.")
SSO_NEVER_SHOWN = "The payment page was never shown: nothing was charged."


class Reconciler:
    def __init__(self, gateway: GatewayClient, journal: Journal,
                 settle_after: timedelta = timedelta(seconds=90),
                 exchange_limit: timedelta | None = None) -> None:
        """``exchange_limit``: longer than any one exchange can last; by default twice the
        transport's overall deadline (room for the reply's own journal write)."""
        self.gateway = gateway
        self.journal = journal
        self.settle_after = settle_after
        self.exchange_limit = exchange_limit if exchange_limit is not None else timedelta(
            seconds=2 * gateway.config.exchange_deadline)
        self._listeners: list[Callable[[Outcome], None]] = []

    def add_listener(self, listener: Callable[[Outcome], None]) -> None:
        """Told of each payment a reconcile round settled (the UI refreshes History and lets
        the terminal take payments again)."""
        self._listeners.append(listener)

    async def settle(self, record: PaymentRecord) -> Outcome | None:
        """Resolve one row; None while it must stay unknown (gateway unreachable, in flight,
        or the row moved on while we looked)."""
        if record.kind == TransactionKind.SSO_TOKEN.value:
            return await self.settle_sso(record)
        if record.reference in self.journal.in_hand:
            return None
        try:
            found = await self.gateway.lookup(record.reference)
        except GatewayError as exc:
            log.warning("reconcile %s: look-up failed: %s", record.reference, exc.detail or exc)
            return None
        if found is not None:
            return await self._adopt(record, found, "reconcile.adopted")
        if not self._cannot_be_in_flight(record):
            return None
        return await self._not_charged(record, NOT_CHARGED)

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

    async def adopt(self, record: PaymentRecord, found: Outcome, source: str) -> Outcome:
        """For another channel that learned the outcome (the 835 posting file, issue 16)."""
        return await self._adopt(record, found, f"reconcile.{source}")

    async def _adopt(self, record: PaymentRecord, found: Outcome, event: str) -> Outcome:
        """The gateway's word beats ours: adopted over any row still open. If the row was
        settled meanwhile (its owner recorded the reply), that is the same truth."""
        if await self.journal.record_outcome(record.reference, found):
            await self.journal.audit(event, found.status.is_success, record.reference,
                                     found.status.value)
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
