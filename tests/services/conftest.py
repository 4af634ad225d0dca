"""Real channels for reconciliation tests: the sandbox's webhook sender posting to a real
receiver on loopback, which stores into a real SQLite webhook store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from desktop_app.paths import app_paths
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import StoredMessage, WebhookStore


@dataclass
class Hooked:
    sandbox: SandboxServer
    receiver: WebhookServer

    @property
    def url(self) -> str:
        return self.sandbox.url

    @property
    def store(self) -> WebhookStore:
        return self.receiver.store

    async def stored(self, reference: str = "", count: int = 1) -> list[StoredMessage]:
        """Wait (up to 5 s) until ``count`` messages carrying our reference (any message
        when none is named) are stored."""
        for _ in range(250):
            found = (await self.store.find(our_reference=reference) if reference
                     else await self.store.messages())
            if len(found) >= count:
                return found
            await asyncio.sleep(0.02)
        raise AssertionError(f"no webhook stored for {reference}")


@pytest.fixture
async def hooked() -> AsyncIterator[Hooked]:
    """A sandbox whose webhooks reach a receiver (JSON, retried quickly)."""
    receiver = WebhookServer.with_sqlite(  # where the app reads it (settings default)
        ReceiverConfig(port=0, sandbox=True, shutdown_timeout=2.0),
        app_paths().ensure().data_dir / "webhooks.sqlite3")
    await receiver.start()
    sandbox = SandboxServer(SandboxSettings(webhook_url=receiver.url,
                                            webhook_retry_delays=(0.05,) * 5))
    await sandbox.start(host="127.0.0.1", port=0)
    try:
        yield Hooked(sandbox, receiver)
    finally:
        await sandbox.stop()
        await receiver.stop()
