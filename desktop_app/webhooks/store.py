"""The durable webhook store: one interface, on SQLite or PostgreSQL.

The receiver answers 200 only after ``save`` returns, and ``save`` returns only after the
transaction holding the message has committed (SQLite WAL, synchronous=FULL). Saves arriving
together share one commit (group commit): each still waits for its own row to be durable, but
the disk syncs once per batch instead of once per message, which is what lets one PC take
thousands of posts per second.
"""

from __future__ import annotations

import asyncio
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.store.db import Database, open_database
from desktop_app.webhooks.message import WebhookMessage
from desktop_app.webhooks.migrations import MIGRATIONS

STORE_FILE = "webhooks.sqlite3"
MAX_BATCH = 500  # 14 values a row: well inside both backends' parameter limits


@dataclass(frozen=True)
class SaveResult:
    id: int
    duplicate: bool
    duplicate_count: int


@dataclass(frozen=True)
class StoredMessage:
    id: int
    trigger: str
    trigger_known: bool
    transaction_id: str
    amount: str
    received_at: str
    duplicate_count: int
    format: str
    event_id: str
    patient_ref: str
    transaction_date: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "trigger": self.trigger, "unknown_trigger": not self.trigger_known,
                "transaction_id": self.transaction_id, "amount": self.amount,
                "received_at": self.received_at, "duplicate_count": self.duplicate_count,
                "format": self.format, "event_id": self.event_id,
                "patient_ref": self.patient_ref, "transaction_date": self.transaction_date}


class WebhookStore(ABC):
    """What the receiver and the CLI need; a PostgreSQL backend implements the same."""

    @abstractmethod
    async def open(self) -> WebhookStore: ...

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def save(self, message: WebhookMessage, source_ip: str = "") -> SaveResult: ...

    @abstractmethod
    async def messages(self, limit: int = 1000) -> list[StoredMessage]: ...

    @abstractmethod
    async def for_transactions(self, ids: list[str]) -> dict[str, list[StoredMessage]]:
        """Updates (settled, chargeback, returned...) for these transaction IDs, oldest first."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


_Pending = tuple[WebhookMessage, str, "asyncio.Future[SaveResult]"]


class SqlWebhookStore(WebhookStore):
    """SQL both dialects accept (ON CONFLICT DO NOTHING, ``?`` placeholders)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: list[_Pending] = []
        self._flusher: asyncio.Task[None] | None = None

    async def open(self) -> SqlWebhookStore:
        await self.db.open()
        return self

    async def close(self) -> None:
        if self._flusher is not None:
            await asyncio.gather(self._flusher, return_exceptions=True)
        await self.db.close()

    async def save(self, message: WebhookMessage, source_ip: str = "") -> SaveResult:
        future: asyncio.Future[SaveResult] = asyncio.get_running_loop().create_future()
        self._pending.append((message, source_ip, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush())
        return await asyncio.shield(future)

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                results = await self.db.run(lambda b=batch: self._write(b))  # type: ignore[misc]
            except Exception as exc:
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, _, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    def _write(self, batch: list[_Pending]) -> list[SaveResult]:
        """One multi-row INSERT per batch (one round trip on PostgreSQL); the rows it did
        not insert are redeliveries, counted one by one (the rare path)."""
        now = _now()
        rows = [(m.key, m.event_id, m.trigger, int(m.trigger_known), m.transaction_id,
                 m.amount, m.transaction_date, m.patient_ref, m.account_ref, m.format,
                 json.dumps(m.fields), m.raw_body.decode("utf-8", "replace"), ip, now)
                for m, ip, _ in batch]
        marks = ",".join(["(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"] * len(rows))
        with self.db.transaction():
            inserted = self.db.execute(
                "INSERT INTO webhook_messages (message_key, event_id, trigger, trigger_known,"
                " transaction_id, amount, transaction_date, patient_ref, account_ref, format,"
                " fields_json, raw_body, source_ip, received_at)"
                f" VALUES {marks} ON CONFLICT (message_key) DO NOTHING"
                " RETURNING id, message_key", [v for row in rows for v in row])
            new_ids = {r["message_key"]: int(r["id"]) for r in inserted}
            results = []
            for message, _, _ in batch:
                new_id = new_ids.pop(message.key, None)
                results.append(SaveResult(new_id, False, 0) if new_id is not None
                               else self._count_duplicate(message.key, now))
            return results

    def _count_duplicate(self, key: str, now: str) -> SaveResult:
        row = self.db.execute(
            "UPDATE webhook_messages SET duplicate_count = duplicate_count + 1,"
            " last_duplicate_at = ? WHERE message_key = ? RETURNING id, duplicate_count",
            (now, key))[0]
        return SaveResult(int(row["id"]), True, int(row["duplicate_count"]))

    async def messages(self, limit: int = 1000) -> list[StoredMessage]:
        rows = await self.db.run(lambda: self.db.execute(
            f"SELECT {_COLUMNS} FROM webhook_messages ORDER BY id LIMIT ?", (limit,)))
        return [_stored(r) for r in rows]

    async def for_transactions(self, ids: list[str]) -> dict[str, list[StoredMessage]]:
        out: dict[str, list[StoredMessage]] = {}
        for start in range(0, len(ids), 500):  # bounded IN lists on both backends
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = await self.db.run(lambda c=chunk, m=marks: self.db.execute(  # type: ignore[misc]
                f"SELECT {_COLUMNS} FROM webhook_messages WHERE transaction_id IN ({m})"
                " ORDER BY id", c))
            for r in rows:
                out.setdefault(r["transaction_id"], []).append(_stored(r))
        return out


_COLUMNS = ("id, trigger, trigger_known, transaction_id, amount, received_at, duplicate_count,"
            " format, event_id, patient_ref, transaction_date")


def _stored(row: dict[str, Any]) -> StoredMessage:
    return StoredMessage(**{**row, "trigger_known": bool(row["trigger_known"])})


def open_webhook_store(target: str | Path) -> SqlWebhookStore:
    """A SQLite file of its own, apart from the journal (a flood of posts never stalls a
    sale), or a ``postgresql://`` URL shared with the clinic's other workstations."""
    return SqlWebhookStore(open_database(target, migrations=MIGRATIONS, name="webhooks"))
