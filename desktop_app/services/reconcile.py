"""Settling payments whose outcome we do not know, by asking the gateway by reference.

Never re-sends: a found transaction is adopted as it stands; a reference the gateway has
never seen is declared "not charged" only once it can no longer be in flight (it was never
handed to the transport, or it was sent longer ago than ``settle_after``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from desktop_app.domain import Outcome, OutcomeStatus, TransactionKind
from desktop_app.gateway import GatewayClient, GatewayError
from desktop_app.store import Journal, JournalState, PaymentRecord

log = logging.getLogger(__name__)

NOT_CHARGED = "This payment never reached the gateway: nothing was charged."
SSO_EXPIRED = ("The payment page expired before the payment was finished: nothing was "
               "charged.")


class Reconciler:
    def __init__(self, gateway: GatewayClient, journal: Journal,
                 settle_after: timedelta = timedelta(seconds=90)) -> None:
        self.gateway = gateway
        self.journal = journal
        self.settle_after = settle_after
        self._listeners: list[Callable[[Outcome], None]] = []

    def add_listener(self, listener: Callable[[Outcome], None]) -> None:
        """Told of each payment a reconcile round settled (the UI refreshes History and lets
        the terminal take payments again)."""
        self._listeners.append(listener)

    async def settle(self, record: PaymentRecord) -> Outcome | None:
        """Resolve one row; None while it must stay unknown (gateway unreachable, in flight)."""
        if record.kind == TransactionKind.SSO_TOKEN.value:
            return await self.settle_sso(record)
        try:
            found = await self.gateway.lookup(record.reference)
        except GatewayError as exc:
            log.warning("reconcile %s: look-up failed: %s", record.reference, exc.detail or exc)
            return None
        if found is not None:
            await self.journal.record_outcome(record.reference, found)
            await self.journal.audit("reconcile.adopted", True, record.reference,
                                     found.status.value)
            return found
        if not self._cannot_be_in_flight(record):
            return None
        return await self._not_charged(record, NOT_CHARGED)

    async def settle_sso(self, record: PaymentRecord) -> Outcome | None:
        """A hosted-page payment: NEW waits, EXPIRED was never charged, COMPLETE is adopted
        from the receipt (NVP ViewReceipt by token). No token stored: no page was shown."""
        if not record.sso_token:
            return await self._not_charged(record, NOT_CHARGED)
        try:
            status = (await self.gateway.sso_token_status(record.sso_token)).upper()
            if status == "NEW":
                return None
            if status == "EXPIRED":
                return await self._not_charged(record, SSO_EXPIRED)
            receipt = await self.gateway.view_receipt(sso_token=record.sso_token)
        except GatewayError as exc:
            log.warning("SSO status for %s failed: %s", record.reference, exc.detail or exc)
            return None
        adopted = replace(receipt, reference=record.reference, sso_token=record.sso_token)
        await self.journal.record_outcome(record.reference, adopted)
        await self.journal.audit("sso.complete", adopted.status.is_success, record.reference,
                                 adopted.status.value)
        return adopted

    async def _not_charged(self, record: PaymentRecord, message: str) -> Outcome:
        outcome = Outcome(OutcomeStatus.ERROR, reference=record.reference,
                          requested=record.amount, message=message)
        await self.journal.record_outcome(record.reference, outcome)
        await self.journal.audit("reconcile.not_charged", True, record.reference, message)
        return outcome

    def _cannot_be_in_flight(self, record: PaymentRecord) -> bool:
        if record.state is JournalState.PENDING or record.sent_at is None:
            return True
        sent = datetime.fromisoformat(record.sent_at)
        return datetime.now(UTC) - sent >= self.settle_after

    async def watch(self, interval: float = 30.0) -> None:
        """While the app runs: settle unknown payments as soon as the gateway can tell, so a
        blocked terminal frees itself. Cancel the task to stop."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self.run_once()
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
