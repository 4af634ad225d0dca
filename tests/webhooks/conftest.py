"""A real receiver on a loopback port with a real SQLite store in the test's own folder, and
webhook bodies spelled as the gateway spells them (PascalCase, resources/protocol/webhooks.json)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import StoredMessage

StartReceiver = Callable[..., Awaitable[WebhookServer]]
JSON = "application/json"
CONTENT = {"json": "application/json", "xml": "application/xml",
           "nvp": "application/x-www-form-urlencoded"}

# (update, TransactionAction, CurrentTransactionStatusCode) as HHK and the portal read them
PAYMENT_UPDATES = [("Approved", "Sale", "C"), ("Declined", "Sale", "D"),
                   ("Voided", "Sale", "V"), ("Refunded", "Refund", "C"),
                   ("Returned", "Return", "RI"), ("Chargeback", "Sale", "CB"),
                   ("Settlement", "Sale", "S"), ("Error", "Sale", "SE")]


def gateway_message(n: int, action: str = "Sale", status: str = "C",
                    **extra: str) -> dict[str, str]:
    return {"TransactionID": f"txn-{n}", "TransactionAction": action,
            "CurrentTransactionStatusCode": status,
            "CurrentTransactionStatusDescription": "Approved", "ResponseCode": "000",
            "Amount": "10.00", "ResponseDateTime": "2026-01-02T03:04:05Z",
            "AdditionalInfo1": f"REF-{n}", **extra}


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


async def post(server: WebhookServer, body: bytes, content_type: str = JSON,
               headers: list[tuple[str, str]] | None = None, **named: str) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(server.url, content=body, headers=[
            ("Content-Type", content_type), *(headers or []), *named.items()])
