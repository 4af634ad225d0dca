"""Gateway updates that arrive by webhook show against the matching payment in history, and
nothing the gateway (or anyone) put in a field reaches the terminal as a control character."""

from __future__ import annotations

import asyncio
import io
import json
import sys

import httpx
import pytest

from desktop_app.bootstrap import open_runtime
from desktop_app.cli import main
from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.paths import app_paths
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import open_webhook_store

HOSTILE = "Sale\x1b[2J\n2026-01-01 forged line"


async def sale_then_settlement() -> str:
    receiver = WebhookServer(ReceiverConfig(port=0, sandbox=True, shutdown_timeout=2.0),
                             open_webhook_store(app_paths().ensure().data_dir /
                                                "webhooks.sqlite3"))
    await receiver.start()
    settings = SandboxSettings(webhook_url=receiver.url, webhook_retry_delays=(0.05,) * 5)
    try:
        async with SandboxServer(settings) as sandbox, \
                open_runtime(gateway_url=sandbox.url) as rt:
            sale = await rt.payments.process(PaymentRequest(
                TransactionKind.SALE, amount=Money(4200),
                tender=Tender.keyed(CardData("4111111111111111", 12, 2030))))
            async with httpx.AsyncClient() as client:
                r = await client.post(sandbox.url + "/sandbox/webhooks/trigger", json={
                    "transactionID": sale.transaction_id, "trigger": "Settlement"})
                r.raise_for_status()
                # an update nobody can classify, with a terminal escape and a newline in it
                hostile = await client.post(receiver.url, json={
                    "TransactionID": sale.transaction_id, "TransactionAction": HOSTILE,
                    "CurrentTransactionStatusCode": "ZZ"})
                assert hostile.status_code == 200
            for _ in range(200):
                got = await receiver.store.for_transactions([sale.transaction_id])
                if len(got.get(sale.transaction_id, [])) >= 3:
                    break
                await asyncio.sleep(0.02)
    finally:
        await receiver.stop()
    return sale.transaction_id


def test_settlement_webhook_shows_in_history(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    transaction_id = asyncio.run(sale_then_settlement())
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["history", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["transaction_id"] == transaction_id
    triggers = [u["trigger"] for u in row["gateway_updates"]]
    assert triggers[:2] == ["Approved", "Settlement"] and len(triggers) == 3
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and transaction_id in lines[0]
    assert "\x1b" not in lines[0] and "\\x1b[2J\\x0a2026-01-01 forged line" in lines[0]
