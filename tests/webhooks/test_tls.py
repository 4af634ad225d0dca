"""Mutual TLS: the handshake admits only clients with a certificate from the configured CA."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest

from desktop_app.sandbox.webhook_sender import encode
from tests.webhooks.certs import Issued, TestCA
from tests.webhooks.conftest import JSON, StartReceiver, gateway_message, stored

BODY = encode(gateway_message(1), "json")


def client_context(ca: TestCA, client: Issued | None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(ca.issued.cert))
    if client is not None:
        context.load_cert_chain(str(client.cert), str(client.key))
    return context


async def post(url: str, context: ssl.SSLContext) -> httpx.Response:
    async with httpx.AsyncClient(verify=context) as client:
        return await client.post(url, content=BODY, headers={"Content-Type": JSON})


async def test_mutual_tls_admits_only_clients_of_the_configured_ca(
        start_receiver: StartReceiver, tmp_path: Path) -> None:
    ca, stranger_ca = TestCA(tmp_path / "ca"), TestCA(tmp_path / "other", "Other CA")
    server_cert = ca.issue("127.0.0.1", server=True)
    server = await start_receiver(tls_cert=str(server_cert.cert), tls_key=str(server_cert.key),
                                  client_ca=str(ca.issued.cert))
    assert server.url.startswith("https://")
    for client in (None, stranger_ca.issue("intruder", server=False)):
        with pytest.raises((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError)):
            await post(server.url, client_context(ca, client))
    assert await stored(server) == []
    good = await post(server.url, client_context(ca, ca.issue("gateway", server=False)))
    assert good.status_code == 200
    assert len(await stored(server)) == 1


async def test_tls_without_a_client_ca_serves_any_client(start_receiver: StartReceiver,
                                                         tmp_path: Path) -> None:
    ca = TestCA(tmp_path / "ca")
    cert = ca.issue("127.0.0.1", server=True)
    server = await start_receiver(tls_cert=str(cert.cert), tls_key=str(cert.key))
    assert (await post(server.url, client_context(ca, None))).status_code == 200
