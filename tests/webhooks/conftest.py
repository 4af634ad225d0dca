"""A real receiver on a loopback port with a real SQLite store in the test's own folder."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import StoredMessage

StartReceiver = Callable[..., Awaitable[WebhookServer]]
JSON = "application/json"


@pytest.fixture
async def start_receiver(tmp_path: Path) -> AsyncIterator[StartReceiver]:
    servers: list[WebhookServer] = []

    async def start(**changes: Any) -> WebhookServer:
        options: dict[str, Any] = {"port": 0, "sandbox": True, "shutdown_timeout": 2.0}
        options.update(changes)
        server = WebhookServer.with_sqlite(ReceiverConfig(**options),
                                           tmp_path / f"webhooks{len(servers)}.sqlite3")
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.stop()


async def stored(server: WebhookServer) -> list[StoredMessage]:
    return await server.store.messages()
