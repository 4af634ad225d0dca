"""Durable webhook posts per second on SQLite, with zero lost. Prints JSON.

A real receiver (group-committed SQLite, WAL, synchronous=FULL) on loopback, a bounded
aiohttp load generator posting distinct JSON messages; afterwards every message that got 200
is looked up in the store. Baseline in the same run: one commit per message (no grouping).
Usage: python benchmarks/webhooks.py [--messages N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import open_webhook_store


def body(n: int) -> bytes:
    return json.dumps({"eventID": f"bench-{n}", "trigger": "Settlement",
                       "transactionID": f"t{n}", "amount": "12.34"}).encode()


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


async def receiver_run(folder: Path, messages: int, concurrency: int) -> dict[str, object]:
    server = WebhookServer.with_sqlite(ReceiverConfig(port=0, sandbox=True),
                                       folder / "webhooks.sqlite3")
    await server.start()
    try:
        acknowledged, seconds = await load(server.url, messages, concurrency)
    finally:
        await server.stop()
    store = await open_webhook_store(folder / "webhooks.sqlite3").open()
    stored = {int(m.event_id.split("-")[1]) for m in await store.messages(messages + 10)}
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
        result = await receiver_run(Path(tmp), args.messages, args.concurrency)
        baseline = await baseline_commit_per_message(Path(tmp), min(args.messages, 1000))
    result.update(backend="sqlite (WAL, synchronous=FULL, group commit)",
                  concurrency=args.concurrency, goal_posts_per_second=1000,
                  baseline_one_commit_per_message_per_second=round(baseline, 1),
                  ratio_vs_baseline=round(float(result["posts_per_second"]) / baseline, 2))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
