"""The door (issue 14): allowlist at accept, a connection cap, header and body deadlines.

Bounded loads on loopback; every wait below has a generous safety bound so a regression
fails instead of hanging, never a speed assertion.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.server import WebhookServer
from tests.webhooks.conftest import StartReceiver, gateway_message, post, stored

SAFETY = 20.0  # seconds: only so a regression cannot hang the suite


async def connect(server: WebhookServer, source: str = "127.0.0.1"
                  ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    url = urlsplit(server.url)
    return await asyncio.open_connection(url.hostname, url.port, local_addr=(source, 0))


async def closed_by_server(reader: asyncio.StreamReader) -> bytes:
    """Everything the server wrote until it closed the connection."""
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := await asyncio.wait_for(reader.read(4096), SAFETY):
            data += chunk
    return data


@contextlib.asynccontextmanager
async def opened(server: WebhookServer, count: int, source: str = "127.0.0.1"
                 ) -> AsyncIterator[list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]:
    connections = [await connect(server, source) for _ in range(count)]
    try:
        yield connections
    finally:
        for _, writer in connections:
            writer.close()


async def test_slow_drip_headers_are_cut_off(start_receiver: StartReceiver) -> None:
    server = await start_receiver(header_timeout=0.5)
    async with opened(server, 5) as connections:
        async def drip(writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError):
                for byte in b"POST /webhook HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200:
                    writer.write(bytes([byte]))
                    await writer.drain()
                    await asyncio.sleep(0.05)

        drips = [asyncio.create_task(drip(w)) for _, w in connections]
        answers = [await closed_by_server(r) for r, _ in connections]
        for task in drips:
            task.cancel()
    assert all(a.startswith(b"HTTP/1.1 408") for a in answers), answers


async def test_a_slow_body_gets_408_and_nothing_is_stored(start_receiver: StartReceiver) -> None:
    server = await start_receiver(body_timeout=0.5)
    body = encode(gateway_message(1), "json")
    reader, writer = await connect(server)
    writer.write(b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
    await writer.drain()
    answer = await closed_by_server(reader)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 408")
    assert await stored(server) == []


async def test_an_idle_connection_is_closed_quietly(start_receiver: StartReceiver) -> None:
    server = await start_receiver(header_timeout=0.3)
    async with opened(server, 1) as [(reader, _)]:
        assert await closed_by_server(reader) == b""


async def test_past_the_cap_a_connection_gets_503_and_then_room_is_made(
        start_receiver: StartReceiver) -> None:
    server = await start_receiver(max_connections=5)
    async with opened(server, 5):
        await asyncio.sleep(0.05)  # the five are accepted before the sixth arrives
        async with opened(server, 1) as [(reader, _)]:
            assert (await closed_by_server(reader)).startswith(b"HTTP/1.1 503")
    for _ in range(100):  # the five closed: room again
        if not server.guard.open:
            break
        await asyncio.sleep(0.02)
    assert (await post(server, encode(gateway_message(1), "json"))).status_code == 200


async def test_the_allowlist_is_checked_at_accept(start_receiver: StartReceiver) -> None:
    server = await start_receiver(sandbox=False, allow=("127.0.0.1",))
    async with opened(server, 1, source="127.0.0.2") as [(reader, _)]:
        assert (await closed_by_server(reader)).startswith(b"HTTP/1.1 403 Source not allowed")
    assert server.guard.open == {}


async def test_half_open_connections_from_a_stranger_do_not_block_the_gateway(
        start_receiver: StartReceiver) -> None:
    """Issue 14: 300 half-open connections from a host off the allowlist made real posts
    time out. They are closed at accept and never count against the cap."""
    server = await start_receiver(sandbox=False, allow=("127.0.0.1",), max_connections=10)
    async with opened(server, 300, source="127.0.0.2"):
        for n in range(20):
            assert (await post(server, encode(gateway_message(n), "json"))).status_code == 200
    assert len(await stored(server)) == 20


@pytest.mark.parametrize("keep_alive_posts", [3])
async def test_keep_alive_requests_each_get_a_fresh_header_deadline(
        start_receiver: StartReceiver, keep_alive_posts: int) -> None:
    server = await start_receiver(header_timeout=0.5)
    reader, writer = await connect(server)
    for n in range(keep_alive_posts):
        body = encode(gateway_message(n), "json")
        writer.write(b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
        status = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), SAFETY)
        assert status.startswith(b"HTTP/1.1 200")
        length = int(status.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        await reader.readexactly(length)
        await asyncio.sleep(0.3)  # idle less than the deadline between posts
    writer.close()
    assert len(await stored(server)) == keep_alive_posts
