"""The webhook store on SQLite and on PostgreSQL: same receiver, same guarantees."""

from __future__ import annotations

import asyncio

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import open_webhook_store
from tests.webhooks.test_receiver import CONTENT, payload, post


async def receiver(target: str) -> WebhookServer:
    server = WebhookServer(ReceiverConfig(port=0, sandbox=True, shutdown_timeout=2.0),
                           open_webhook_store(target))
    await server.start()
    return server


async def test_every_format_is_stored_and_redeliveries_once(journal_target: str) -> None:
    server = await receiver(journal_target)
    try:
        for n, fmt in enumerate(CONTENT):
            for _ in range(2):
                response = await post(server, encode(payload(n), fmt), CONTENT[fmt])
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
            body = encode(payload(n), "json")  # each message reaches both receivers
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
