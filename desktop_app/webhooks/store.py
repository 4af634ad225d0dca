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
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.store.db import Database, open_database
from desktop_app.webhooks.message import WebhookMessage
from desktop_app.webhooks.migrations import MIGRATIONS

log = logging.getLogger(__name__)
STORE_FILE = "webhooks.sqlite3"
MAX_BATCH = 500  # 19 values a row: well inside both backends' parameter limits


@dataclass(frozen=True)
class SaveResult:
    id: int
    duplicate: bool
    duplicate_count: int


@dataclass(frozen=True)
class StoredMessage:
    id: int
    trigger: str                     # the update (Approved, Settlement...), or the raw text
    trigger_known: bool
    transaction_id: str
    amount: str
    received_at: str
    duplicate_count: int
    format: str
    patient_ref: str
    transaction_date: str
    original_transaction_id: str
    sso_token: str
    our_reference: str
    payment_plan_id: str
    status_code: str
    transaction_action: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "trigger": self.trigger, "unknown_trigger": not self.trigger_known,
                "transaction_id": self.transaction_id, "amount": self.amount,
                "received_at": self.received_at, "duplicate_count": self.duplicate_count,
                "format": self.format, "patient_ref": self.patient_ref,
                "transaction_date": self.transaction_date,
                "original_transaction_id": self.original_transaction_id,
                "sso_token": self.sso_token, "our_reference": self.our_reference,
                "payment_plan_id": self.payment_plan_id, "status_code": self.status_code,
                "transaction_action": self.transaction_action}


class WebhookStore(ABC):
    """What the receiver, the history and reconciliation need; SQLite or PostgreSQL."""

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
        """Updates for these transaction IDs, oldest first: messages about the transaction
        itself, and those naming it as the original (its refunds, chargebacks, returns)."""

    @abstractmethod
    async def for_plans(self, plan_ids: list[str]) -> list[StoredMessage]:
        """Messages naming these payment plans (PaymentPlanID), oldest first."""

    @abstractmethod
    async def find(self, *, transaction_id: str = "", sso_token: str = "",
                   our_reference: str = "") -> list[StoredMessage]:
        """Messages matching any of the given keys, oldest first (reconciliation's look-up
        of a payment whose reply was lost). Empty keys match nothing."""


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
                log.warning("webhook store write failed (%s); retrying one by one",
                            type(exc).__name__)
                if len(batch) == 1:
                    raise_into(batch[0][2])
                    continue
                # One message the database refuses must not fail its neighbours: write each
                # alone, so only the bad one is answered with an error (issue 14).
                for one in batch:
                    await self._write_alone(one)
                continue
            for (_, _, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _write_alone(self, one: _Pending) -> None:
        future = one[2]
        try:
            (result,) = await self.db.run(lambda: self._write([one]))
        except Exception:
            raise_into(future)
            return
        if not future.done():
            future.set_result(result)

    def _write(self, batch: list[_Pending]) -> list[SaveResult]:
        """One multi-row INSERT per batch (one round trip on PostgreSQL); the rows it did
        not insert are redeliveries, counted one by one (the rare path)."""
        now = _now()
        rows = [(m.key, m.trigger, int(m.update_known), m.transaction_id, m.amount,
                 m.transaction_date, m.patient_ref, m.format, json.dumps(m.fields),
                 m.raw_body.decode("utf-8", "replace"), int(m.raw_verbatim), ip, now,
                 m.original_transaction_id, m.sso_token, m.our_reference, m.payment_plan_id,
                 m.get("status_code"), m.get("transaction_action"))
                for m, ip, _ in batch]
        marks = ",".join(["(" + ",".join("?" * len(rows[0])) + ")"] * len(rows))
        with self.db.transaction():
            inserted = self.db.execute(
                "INSERT INTO webhook_messages (message_key, trigger, trigger_known,"
                " transaction_id, amount, transaction_date, patient_ref, format, fields_json,"
                " raw_body, raw_verbatim, source_ip, received_at, original_transaction_id,"
                " sso_token, our_reference, payment_plan_id, status_code, transaction_action)"
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
                f" OR original_transaction_id IN ({m}) ORDER BY id", c + c))
            for r in rows:
                for key in {r["transaction_id"], r["original_transaction_id"]} & set(chunk):
                    out.setdefault(key, []).append(_stored(r))
        return out

    async def for_plans(self, plan_ids: list[str]) -> list[StoredMessage]:
        out: list[StoredMessage] = []
        for start in range(0, len(plan_ids), 500):  # bounded IN lists on both backends
            chunk = plan_ids[start:start + 500]
            rows = await self.db.run(lambda c=chunk: self.db.execute(  # type: ignore[misc]
                f"SELECT {_COLUMNS} FROM webhook_messages WHERE payment_plan_id IN"
                f" ({','.join('?' * len(c))}) ORDER BY id", c))
            out.extend(_stored(r) for r in rows)
        return sorted(out, key=lambda m: m.id)

    async def find(self, *, transaction_id: str = "", sso_token: str = "",
                   our_reference: str = "") -> list[StoredMessage]:
        wanted = [(column, value) for column, value in (
            ("transaction_id", transaction_id), ("original_transaction_id", transaction_id),
            ("sso_token", sso_token), ("our_reference", our_reference)) if value]
        if not wanted:
            return []
        where = " OR ".join(f"{column} = ?" for column, _ in wanted)
        rows = await self.db.run(lambda: self.db.execute(
            f"SELECT {_COLUMNS} FROM webhook_messages WHERE {where} ORDER BY id",
            [value for _, value in wanted]))
        return [_stored(r) for r in rows]


_COLUMNS = ("id, trigger, trigger_known, transaction_id, amount, received_at, duplicate_count,"
            " format, patient_ref, transaction_date, original_transaction_id, sso_token,"
            " our_reference, payment_plan_id, status_code, transaction_action")


def raise_into(future: asyncio.Future[SaveResult]) -> None:
    """The caller gets a plain error (503): never the database's text, which may quote
    the message's own values."""
    if not future.done():
        future.set_exception(StoreFailed("the store refused this message"))


class StoreFailed(Exception):
    """A save the database did not commit; the sender will retry."""


def _stored(row: dict[str, Any]) -> StoredMessage:
    return StoredMessage(**{**row, "trigger_known": bool(row["trigger_known"])})


def open_webhook_store(target: str | Path) -> SqlWebhookStore:
    """A SQLite file of its own, apart from the journal (a flood of posts never stalls a
    sale), or a ``postgresql://`` URL shared with the clinic's other workstations."""
    return SqlWebhookStore(open_database(target, migrations=MIGRATIONS, name="webhooks"))
