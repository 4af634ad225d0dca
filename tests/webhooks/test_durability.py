"""SIGKILL under load: every message answered 200 is stored; retries fill in the rest once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

MESSAGES = 400
CONCURRENCY = 16


def start_receiver(store: Path, port: int = 0) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "main.py", "webhook-server", "--port", str(port), "--sandbox",
         "--store", str(store)], cwd=ROOT, stdout=subprocess.PIPE, text=True, env=os.environ)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("Webhook receiver listening on "), line
    return process, int(line.rsplit(":", 1)[1].split("/")[0])


class LoadGenerator:
    """Bounded concurrency; each message is retried until it gets 200, like the gateway."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/webhook"
        self.acknowledged: set[str] = set()
        self.failures = 0

    async def deliver(self, client: httpx.AsyncClient, event: str) -> None:
        body = json.dumps({"TransactionID": f"t-{event}", "TransactionAction": "Sale",
                           "CurrentTransactionStatusCode": "S", "Amount": "1.00"})
        for _ in range(400):
            try:
                response = await client.post(self.url, content=body,
                                             headers={"Content-Type": "application/json"})
                if response.status_code == 200:
                    self.acknowledged.add(event)
                    return
            except httpx.TransportError:
                pass
            self.failures += 1
            await asyncio.sleep(0.05)
        raise AssertionError(f"{event} never delivered")

    async def run(self, events: list[str]) -> None:
        queue: asyncio.Queue[str] = asyncio.Queue()
        for event in events:
            queue.put_nowait(event)

        async def worker() -> None:
            async with httpx.AsyncClient(timeout=5) as client:
                while not queue.empty():
                    await self.deliver(client, queue.get_nowait())

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


@pytest.mark.slow
async def test_sigkill_under_load_loses_no_acknowledged_message(tmp_path: Path) -> None:
    store = tmp_path / "webhooks.sqlite3"
    first, port = start_receiver(store)
    load = LoadGenerator(port)
    events = [f"ev{n:04d}" for n in range(MESSAGES)]
    sending = asyncio.create_task(load.run(events))
    while len(load.acknowledged) < MESSAGES // 4:
        await asyncio.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait()
    acknowledged_before_kill = set(load.acknowledged)
    second, _ = start_receiver(store, port)
    try:
        await asyncio.wait_for(sending, 60)
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(10) == 0
    listing = subprocess.run([sys.executable, "main.py", "webhooks", "list", "--json",
                              "--store", str(store)], cwd=ROOT, capture_output=True, text=True,
                             check=True)
    rows = json.loads(listing.stdout)
    stored_events = [r["transaction_id"].removeprefix("t-") for r in rows]
    assert load.failures > 0, "the kill happened after the load finished"
    assert acknowledged_before_kill <= set(stored_events)
    assert sorted(stored_events) == events  # all there, each once
