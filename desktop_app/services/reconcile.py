"""Settling payments whose outcome we do not know, by asking the gateway by reference.

Never re-sends: a found transaction is adopted as it stands; a reference the gateway has
never seen is declared "not charged" only once it can no longer be in flight (it was never
handed to the transport, or it was sent longer ago than ``settle_after``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from desktop_app.domain import Outcome, OutcomeStatus
from desktop_app.gateway import GatewayClient, GatewayError
from desktop_app.store import Journal, JournalState, PaymentRecord

log = logging.getLogger(__name__)

NOT_CHARGED = "This payment never reached the gateway: nothing was charged."


class Reconciler:
    def __init__(self, gateway: GatewayClient, journal: Journal,
                 settle_after: timedelta = timedelta(seconds=90)) -> None:
        self.gateway = gateway
        self.journal = journal
        self.settle_after = settle_after

    async def settle(self, record: PaymentRecord) -> Outcome | None:
        """Resolve one row; None while it must stay unknown (gateway unreachable, in flight)."""
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
        outcome = Outcome(OutcomeStatus.ERROR, reference=record.reference,
                          requested=record.amount, message=NOT_CHARGED)
        await self.journal.record_outcome(record.reference, outcome)
        await self.journal.audit("reconcile.not_charged", True, record.reference)
        return outcome

    def _cannot_be_in_flight(self, record: PaymentRecord) -> bool:
        if record.state is JournalState.PENDING or record.sent_at is None:
            return True
        sent = datetime.fromisoformat(record.sent_at)
        return datetime.now(UTC) - sent >= self.settle_after

    async def run_once(self, terminal_id: str | None = None) -> list[Outcome | None]:
        rows = await self.journal.unresolved(terminal_id)
        results = [await self.settle(row) for row in rows]
        if rows:
            log.info("reconciled %d of %d unresolved payments",
                     sum(r is not None for r in results), len(rows))
        return results
