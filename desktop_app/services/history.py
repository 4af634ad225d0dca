"""The payment history with what the gateway said later (settled, chargeback, returned...).

Journal rows are matched to stored webhook messages by transaction ID. A webhook store that
does not exist yet (no receiver ever ran on this PC) simply means no updates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.store import Journal, PaymentRecord
from desktop_app.webhooks.store import StoredMessage, open_webhook_store


@dataclass(frozen=True)
class HistoryEntry:
    payment: PaymentRecord
    updates: list[StoredMessage] = field(default_factory=list)

    @property
    def latest_update(self) -> str:
        """What staff see in the status column: the newest gateway trigger, if any."""
        return self.updates[-1].trigger if self.updates else ""

    def as_json(self) -> dict[str, object]:
        out = self.payment.as_json()
        out["gateway_updates"] = [{"trigger": u.trigger, "received_at": u.received_at,
                                   "amount": u.amount, "transaction_date": u.transaction_date}
                                  for u in self.updates]
        return out


async def history_with_updates(journal: Journal, webhook_store: str | Path,
                               limit: int = 200) -> list[HistoryEntry]:
    rows = await journal.history(limit)
    if isinstance(webhook_store, Path) and not webhook_store.exists():
        return [HistoryEntry(r) for r in rows]
    store = await open_webhook_store(webhook_store).open()
    try:
        updates = await store.for_transactions([r.transaction_id for r in rows
                                                if r.transaction_id])
    finally:
        await store.close()
    return [HistoryEntry(r, updates.get(r.transaction_id, [])) for r in rows]
