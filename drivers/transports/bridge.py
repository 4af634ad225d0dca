"""``bridge:host:port``: a device on a Citrix thin client, reached through its bridge.

The bridge (``main.py bridge serve``) owns the reader there; this transport carries the
reader's own bytes both ways over the mutual-TLS link, so the production driver on top runs
unchanged. Both directions are numbered streams: each end keeps what it sent until the
other's heartbeat acknowledges it, so after a dropped link the transport reconnects (with
backoff), resumes the same session and each side resends exactly what the other lacks. A
reader's answer that arrived at the bridge while the link was down (an ARQC, the batch data)
is delivered after the reconnect, never lost, and a command the app sent (Resume
Transaction with the issuer's answer) reaches the reader once, never twice.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable

from drivers.bridge import client, wire
from drivers.bridge.wire import BridgeProtocolError, Kind, Outbox
from drivers.errors import DeviceDisconnected, DeviceError
from drivers.transports.base import ByteInbox, Transport

log = logging.getLogger(__name__)
BACKOFF_FIRST_S = 0.05
BACKOFF_MAX_S = 5.0
LinkBroken = (asyncio.IncompleteReadError, OSError, BridgeProtocolError, ssl.SSLError)


class BridgeTransport(Transport):
    def __init__(self, host: str, port: int, device: str, config: client.ClientConfig) -> None:
        self.address = f"bridge:{host}:{port}"
        self.host, self.port, self.device, self.config = host, port, device, config
        # Whether to ride out a dropped link: the reader says so while a capture runs; an
        # idle reader rather shows as disconnected and the hot-plug watch re-binds it.
        self.keep_resuming: Callable[[], bool] = lambda: True
        self.on_link: Callable[[bool], None] | None = None
        self.link_up = False
        self.reconnects = 0
        self._inbox = ByteInbox()
        self._out = Outbox()
        self._received = 0
        self._session: str | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._runner: asyncio.Task[None] | None = None
        self._failure: DeviceError | None = None
        self._last_seen = 0.0

    async def open(self) -> None:
        reader, writer = await self._handshake()
        self._runner = asyncio.create_task(self._run(reader, writer), name=self.address)

    async def _handshake(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        reader, writer = await client.connect(self.host, self.port, self.config)
        try:
            reply = await client.request(
                reader, writer, self.config.connect_timeout_s, op="open", device=self.device,
                session=self._session, received=self._received)
            if self._session is not None and not reply.get("resumed"):
                raise DeviceDisconnected(
                    f"The device bridge at {self.host} restarted and lost the reader's "
                    "session. Start the payment again; if a card was read, check History.")
            self._session = str(reply["session"])
            their = int(reply.get("received", 0))
            self._out.acknowledge(their)
            backlog = self._out.since(their)
            if backlog:
                writer.write(wire.data(their, backlog))
        except BaseException:
            writer.close()
            raise
        self._writer, self.link_up = writer, True
        self._last_seen = asyncio.get_running_loop().time()
        return reader, writer

    async def _run(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            reason = await self._serve(reader, writer)
            self._writer, self.link_up = None, False
            if reason is not None:
                return self._fail(DeviceDisconnected(
                    f"The reader at {self.host} was disconnected from the thin client "
                    f"({reason}). Reconnect it; nothing was charged."))
            log.info("link to the device bridge at %s lost", self.host)
            self._tell(False)
            if not self.keep_resuming():
                return self._fail(self._lost_link())
            try:
                reader, writer = await self._reconnect()
            except DeviceError as exc:
                return self._fail(exc)
            self.reconnects += 1
            log.info("link to the device bridge at %s restored", self.host)
            self._tell(True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                     ) -> str | None:
        """Frames until the link breaks (None) or the bridge closes the channel (why)."""
        beat = asyncio.create_task(self._heartbeat(writer))
        loop = asyncio.get_running_loop()
        try:
            while True:
                kind, body = await wire.read_frame(reader)
                self._last_seen = loop.time()
                if kind is Kind.DATA:
                    offset, payload = wire.offset_body(body)
                    new = wire.fresh(offset, payload, self._received)
                    if new:
                        self._received += len(new)
                        self._inbox.put(new)
                elif kind is Kind.PING:
                    self._out.acknowledge(wire.offset_body(body)[0])
                elif kind is Kind.CLOSE:
                    return str(wire.json_body(body).get("reason", "closed"))
        except LinkBroken as exc:
            log.info("bridge link %s: %s", self.host, type(exc).__name__)
            return None
        finally:
            beat.cancel()
            writer.close()

    async def _heartbeat(self, writer: asyncio.StreamWriter) -> None:
        """A silent link (a thin client asleep, a cable pulled) is noticed within
        ``dead_after_s``: no frame, not even the bridge's heartbeat, means it is down."""
        loop = asyncio.get_running_loop()
        while True:
            writer.write(wire.ping(self._received))
            await asyncio.sleep(self.config.heartbeat_s)
            if loop.time() - self._last_seen > self.config.dead_after_s:
                writer.transport.abort()
                return

    async def _reconnect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        loop = asyncio.get_running_loop()
        deadline, delay = loop.time() + self.config.give_up_s, BACKOFF_FIRST_S
        while True:
            try:
                return await self._handshake()
            except DeviceDisconnected:
                raise
            except (DeviceError, *LinkBroken):
                if loop.time() + delay > deadline:
                    raise self._lost_link() from None
                await asyncio.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX_S)

    def _lost_link(self) -> DeviceDisconnected:
        return DeviceDisconnected(
            f"Lost the link to the device bridge at {self.host}. Check the thin client's "
            "network; if a card was read, check History before charging again.")

    def _tell(self, up: bool) -> None:
        if self.on_link is not None:
            self.on_link(up)

    def _fail(self, error: DeviceError) -> None:
        self._failure = error
        self._inbox.fail(error)
        self.notify_lost()

    async def read(self, max_bytes: int = 4096) -> bytes:
        return await self._inbox.take(max_bytes)

    async def write(self, data: bytes) -> None:
        if self._failure is not None:
            raise self._failure
        offset = self._out.append(data)
        if self._writer is not None:  # otherwise sent on resume
            self._writer.write(wire.data(offset, data))

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.write(wire.message(Kind.CLOSE, reason="closed by the app"))
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
        self._writer, self.link_up = None, False
