"""Durable webhook posts per second on SQLite and PostgreSQL, with zero lost. Prints JSON.

A real receiver (group commit; SQLite in WAL with synchronous=FULL, or a throwaway local
PostgreSQL with fsync on) on loopback, a bounded aiohttp load generator posting distinct
JSON messages; afterwards every message that got 200 is looked up in the store. Baseline in
the same run: one commit per message (no grouping) on SQLite.
Usage: python benchmarks/webhooks.py [--messages N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import open_webhook_store
from tests.postgres import new_database, postgres_server


def body(n: int) -> bytes:
    """A settlement as the gateway posts it (PascalCase, resources/protocol/webhooks.json)."""
    return json.dumps({"TransactionID": f"bench-{n}", "TransactionAction": "Sale",
                       "CurrentTransactionStatusCode": "S",
                       "CurrentTransactionStatusDescription": "Settled", "ResponseCode": "000",
                       "Amount": "12.34", "CardType": "VISA", "CardLastFourDigits": "1111",
                       "ResponseDateTime": "2026-01-02T03:04:05Z",
                       "AdditionalInfo1": f"REF-{n:08d}"}).encode()


async def load(url: str, messages: int, concurrency: int) -> tuple[set[int], float]:
    acknowledged: set[int] = set()
    queue = iter(range(messages))
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def worker() -> None:
            for n in queue:
                async with session.post(url, data=body(n),
                                        headers={"Content-Type": "application/json"}) as r:
                    await r.read()
                    if r.status == 200:
                        acknowledged.add(n)
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return acknowledged, time.perf_counter() - started


def load_in_child(url: str, messages: int, concurrency: int) -> tuple[set[int], float]:
    return asyncio.run(load(url, messages, concurrency))


async def receiver_run(target: str | Path, messages: int, concurrency: int
                       ) -> dict[str, object]:
    """The load generator runs in its own process, as the gateway would: on this 2-core
    machine, sharing the receiver's event loop would measure the client, not the store."""
    server = WebhookServer(ReceiverConfig(port=0, sandbox=True), open_webhook_store(target))
    await server.start()
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            acknowledged, seconds = await asyncio.get_running_loop().run_in_executor(
                pool, load_in_child, server.url, messages, concurrency)
    finally:
        await server.stop()
    store = await open_webhook_store(target).open()
    stored = {int(m.transaction_id.split("-")[1]) for m in await store.messages(messages + 10)}
    await store.close()
    return {"messages": messages, "acknowledged": len(acknowledged),
            "lost": len(acknowledged - stored), "seconds": round(seconds, 3),
            "posts_per_second": round(len(acknowledged) / seconds, 1)}


async def baseline_commit_per_message(folder: Path, messages: int) -> float:
    """The same store saving one message at a time: one fsync each."""
    store = await open_webhook_store(folder / "baseline.sqlite3").open()
    started = time.perf_counter()
    for n in range(messages):
        await store.save(parse_json(body(n)))
    seconds = time.perf_counter() - started
    await store.close()
    return messages / seconds


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = await receiver_run(Path(tmp) / "webhooks.sqlite3", args.messages,
                                    args.concurrency)
        baseline = await baseline_commit_per_message(Path(tmp), min(args.messages, 1000))
    with postgres_server() as base_url:
        postgres = await receiver_run(new_database(base_url), args.messages, args.concurrency)
    result = {
        "benchmark": "webhooks", "concurrency": args.concurrency, "goal_posts_per_second": 1000,
        "sqlite": {**sqlite, "backend": "WAL, synchronous=FULL, group commit"},
        "postgresql": {**postgres, "backend": "local server, fsync on, group commit"},
        "sqlite_baseline_one_commit_per_message_per_second": round(baseline, 1),
        "sqlite_ratio_vs_baseline": round(float(sqlite["posts_per_second"]) / baseline, 2),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
