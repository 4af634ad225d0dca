"""The payment history with what the gateway said later (settled, chargeback, returned...).

Journal rows are matched to stored webhook messages by transaction ID. A webhook store that
does not exist yet (no receiver ever ran on this PC) simply means no updates. The app holds
one ``GatewayUpdates`` for its whole run (``Runtime.updates``): the History page refreshes
after every payment, and a PostgreSQL store would otherwise cost a new connection each time.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.store import Journal, PaymentRecord
from desktop_app.webhooks.store import StoredMessage, WebhookStore, open_webhook_store


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

    async def close(self) -> None:
        async with self._lock:
            if self._store is not None:
                await self._store.close()
                self._store = None


async def history_with_updates(journal: Journal, updates: GatewayUpdates,
                               limit: int = 200) -> list[HistoryEntry]:
    rows = await journal.history(limit)
    found = await updates.for_transactions([r.transaction_id for r in rows if r.transaction_id])
    return [HistoryEntry(r, found.get(r.transaction_id, [])) for r in rows]
