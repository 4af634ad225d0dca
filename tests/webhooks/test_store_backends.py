"""The webhook store on SQLite and on PostgreSQL: same receiver, same guarantees, same
look-ups for reconciliation."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.store.db import open_database
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.message import WebhookMessage
from desktop_app.webhooks.migrations import MIGRATIONS
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import StoreFailed, open_webhook_store
from tests.webhooks.conftest import CONTENT, gateway_message, post


async def receiver(target: str) -> WebhookServer:
    server = WebhookServer(ReceiverConfig(port=0, sandbox=True, shutdown_timeout=2.0),
                           open_webhook_store(target))
    await server.start()
    return server


def message(**fields: str) -> WebhookMessage:
    return parse_json(json.dumps(fields).encode())


async def test_every_format_is_stored_and_redeliveries_once(journal_target: str) -> None:
    server = await receiver(journal_target)
    try:
        for n, fmt in enumerate(CONTENT):
            for _ in range(2):
                response = await post(server, encode(gateway_message(n), fmt), CONTENT[fmt])
                assert response.status_code == 200
        rows = await server.store.messages()
    finally:
        await server.stop()
    assert [(r.transaction_id, r.format, r.duplicate_count) for r in rows] == [
        ("txn-0", "json", 1), ("txn-1", "xml", 1), ("txn-2", "nvp", 1)]


async def test_two_receivers_on_one_store_lose_and_double_nothing(journal_target: str) -> None:
    servers = [await receiver(journal_target) for _ in range(2)]
    try:
        async def deliver(n: int) -> int:
            body = encode(gateway_message(n), "json")  # each message reaches both receivers
            codes = await asyncio.gather(*(post(s, body, CONTENT["json"]) for s in servers))
            return sum(r.status_code == 200 for r in codes)

        answered = await asyncio.gather(*(deliver(n) for n in range(40)))
        rows = await servers[0].store.messages()
    finally:
        for s in servers:
            await s.stop()
    assert answered == [2] * 40
    assert sorted(r.transaction_id for r in rows) == sorted(f"txn-{n}" for n in range(40))
    assert all(r.duplicate_count == 1 for r in rows)


async def test_find_by_transaction_sso_token_or_our_reference(journal_target: str) -> None:
    store = await open_webhook_store(journal_target).open()
    try:
        sale = message(TransactionID="T1", TransactionAction="Sale",
                       CurrentTransactionStatusCode="C", SingleSignOnToken="SSO-1",
                       AdditionalInfo1="REF-1", Amount="30.00")
        refund = message(TransactionID="T2", OriginalTransactionID="T1",
                         TransactionAction="Refund", CurrentTransactionStatusCode="C",
                         AdditionalInfo1="REF-2", Amount="5.00")
        other = message(TransactionID="T9", CurrentTransactionStatusCode="S",
                        AdditionalInfo1="REF-9")
        for m in (sale, refund, other):
            await store.save(m)
        by_txn = await store.find(transaction_id="T1")
        by_token = await store.find(sso_token="SSO-1")
        by_ref = await store.find(our_reference="REF-2")
        either = await store.find(sso_token="SSO-1", our_reference="REF-9")
        nothing = await store.find()
        updates = await store.for_transactions(["T1", "T9", "T404"])
    finally:
        await store.close()
    assert [(r.transaction_id, r.trigger) for r in by_txn] == [("T1", "Approved"),
                                                               ("T2", "Refunded")]
    assert [r.transaction_id for r in by_token] == ["T1"]
    assert [(r.transaction_id, r.original_transaction_id, r.amount) for r in by_ref] == \
        [("T2", "T1", "5.00")]
    assert [r.our_reference for r in either] == ["REF-1", "REF-9"]
    assert nothing == []
    assert {k: [r.trigger for r in v] for k, v in updates.items()} == {
        "T1": ["Approved", "Refunded"], "T9": ["Settlement"]}


async def test_a_message_the_database_refuses_fails_alone(journal_target: str) -> None:
    """Issue 14: one bad row failed its whole group commit. Here the parser's checks are
    bypassed on purpose, so the database itself refuses the row (a lone surrogate cannot be
    encoded for either backend); its batch neighbours must still commit."""
    store = await open_webhook_store(journal_target).open()
    try:
        good = [message(TransactionID=f"G{n}", CurrentTransactionStatusCode="C")
                for n in range(20)]
        bad = WebhookMessage("json", {"TransactionID": "B\ud800"}, b"{}", True,
                             {"transaction_id": "B\ud800"}, "")
        results = await asyncio.gather(*(store.save(m) for m in [*good[:10], bad, *good[10:]]),
                                       return_exceptions=True)
        rows = await store.messages()
    finally:
        await store.close()
    assert isinstance(results[10], StoreFailed)
    assert all(not isinstance(r, BaseException) for i, r in enumerate(results) if i != 10)
    assert sorted(r.transaction_id for r in rows) == sorted(f"G{n}" for n in range(20))


async def test_a_store_from_before_issue_11_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = open_database(path, migrations=MIGRATIONS[:1], name="webhooks")
    await old.open()
    await old.run(lambda: old.execute(
        "INSERT INTO webhook_messages (message_key, trigger, trigger_known, transaction_id,"
        " format, fields_json, raw_body, received_at) VALUES"
        " ('event:e1', 'Settlement', 1, 'T1', 'json', '{}', '{}', '2026-01-01')"))
    await old.close()
    store = await open_webhook_store(path).open()
    try:
        await store.save(message(TransactionID="T1", CurrentTransactionStatusCode="CB"))
        found = await store.find(transaction_id="T1")
    finally:
        await store.close()
    assert [r.trigger for r in found] == ["Settlement", "Chargeback"]
