"""The bridge agent on the thin client: pairs apps, lists devices, serves their bytes.

Every link is TLS 1.2+. A link without a client certificate may only pair, and only while
a code is shown; every other request needs a pinned certificate, checked again at each
heartbeat so a revoked pairing is cut off within seconds. Logs name devices and peers,
never the bytes (they are card data).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import dataclass
from typing import Any

from drivers.bridge import wire
from drivers.bridge.channel import KEEP_DETACHED_S, DeviceChannel
from drivers.bridge.inventory import Inventory
from drivers.bridge.pairing import PairingWindow, PinStore, proof
from drivers.bridge.tls import Identity, fingerprint, pem_fingerprint, server_context, trust
from drivers.bridge.wire import BridgeProtocolError, Kind
from drivers.errors import DeviceError

log = logging.getLogger(__name__)
HELLO_TIMEOUT_S = 10.0
Broken = (asyncio.IncompleteReadError, OSError, BridgeProtocolError, ssl.SSLError,
          TimeoutError)


class BridgeServer:
    def __init__(self, identity: Identity, pins: PinStore, inventory: Inventory, *,
                 heartbeat_s: float = 1.0, dead_after_s: float = 3.0,
                 keep_detached_s: float = KEEP_DETACHED_S) -> None:
        self.identity, self.pins, self.inventory = identity, pins, inventory
        self.heartbeat_s, self.dead_after_s = heartbeat_s, dead_after_s
        self.keep_detached_s = keep_detached_s
        self.window: PairingWindow | None = None
        self.channels: dict[str, DeviceChannel] = {}
        self._context = server_context(identity, pins.certs())
        self._server: asyncio.Server | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self._links: dict[asyncio.StreamWriter, asyncio.Task[Any]] = {}

    async def start(self, host: str = "0.0.0.0", port: int = 0) -> int:
        """Listen; returns the port (``0`` picks a free one, for tests)."""
        self._server = await asyncio.start_server(self._serve, host, port, ssl=self._context,
                                                  ssl_handshake_timeout=HELLO_TIMEOUT_S)
        self._sweeper = asyncio.create_task(self._sweep(), name="bridge sweeper")
        return int(self._server.sockets[0].getsockname()[1])

    def open_pairing(self) -> str:
        """A new one-time code, replacing any earlier one; shown to staff, never logged."""
        self.window = PairingWindow()
        return self.window.code

    async def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
        if self._server is not None:
            self._server.close()
        for writer in list(self._links):
            writer.transport.abort()
        if self._links:  # let each link end on its own: a cancelled handler upsets asyncio
            await asyncio.wait(list(self._links.values()), timeout=HELLO_TIMEOUT_S)
        for channel in list(self.channels.values()):
            await channel.close()
        self.channels.clear()

    async def _sweep(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(min(self.keep_detached_s, 5.0))
            for identity, channel in list(self.channels.items()):
                if channel.detached_at is not None and \
                        loop.time() - channel.detached_at > self.keep_detached_s:
                    del self.channels[identity]
                    await channel.close()

    # -- one link -----------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
        self._links[writer] = asyncio.current_task()  # type: ignore[assignment]
        try:
            kind, body = await asyncio.wait_for(wire.read_frame(reader), HELLO_TIMEOUT_S)
            hello = wire.json_body(body) if kind is Kind.HELLO else {}
            op = hello.get("op")
            if op == "pair":
                self._pair(hello, writer)
                return
            fp = fingerprint(peer) if peer else ""
            name = self.pins.name_of(fp) if fp else None
            if name is None:
                log.info("refused an unpaired peer")
                _reply(writer, ok=False, error="This workstation is not paired with the "
                       "bridge (or its pairing was revoked). Pair it with a new code.")
            elif op == "list":
                _reply(writer, ok=True, devices=[d.as_json()
                                                 for d in await self.inventory.devices()])
            elif op == "open":
                await self._open(hello, fp, reader, writer)
            else:
                _reply(writer, ok=False, error=f"unknown request {op!r}")
        except Broken as exc:
            log.info("bridge link ended: %s", type(exc).__name__)
        finally:
            self._links.pop(writer, None)
            writer.close()

    def _pair(self, hello: dict[str, Any], writer: asyncio.StreamWriter) -> None:
        window, cert = self.window, str(hello.get("cert", ""))
        try:
            app_fp = pem_fingerprint(cert)
        except ValueError:
            return _reply(writer, ok=False, error="The pairing request had no certificate.")
        mine = self.identity.fingerprint
        if window is None or not window.open:
            return _reply(writer, ok=False, error="Pairing is not open on the bridge: on the "
                          "thin client run  main.py bridge serve --pair  for a new code.")
        if not window.check(str(hello.get("proof", "")), app_fp, mine):
            log.info("pairing refused: wrong code")
            return _reply(writer, ok=False, error="That code is not the one the bridge shows "
                          "(or it expired). Check it and try again.")
        name = str(hello.get("name") or "workstation")[:80]
        self.pins.pin(name, cert)
        trust(self._context, [cert])
        self.window = None
        log.info("paired with %s", name)
        _reply(writer, ok=True, proof=proof(window.code, "bridge", app_fp, mine))

    async def _open(self, hello: dict[str, Any], fp: str, reader: asyncio.StreamReader,
                    writer: asyncio.StreamWriter) -> None:
        identity, token = str(hello.get("device", "")), hello.get("session")
        channel = self.channels.get(identity)
        resumed = channel is not None and token is not None and channel.session == token
        if not resumed:
            try:
                channel = await self._new_channel(identity)
            except DeviceError as exc:
                return _reply(writer, ok=False, error=str(exc))
        assert channel is not None
        _reply(writer, ok=True, session=channel.session, resumed=resumed,
               received=channel.received)
        link = _Link(writer, asyncio.get_running_loop().time())
        channel.attach(link.send, int(hello.get("received", 0)) if resumed else 0)
        beat = asyncio.create_task(self._heartbeat(channel, fp, link))
        try:
            await self._relay(channel, reader, link)
        finally:
            beat.cancel()
            channel.detach(link.send)

    async def _new_channel(self, identity: str) -> DeviceChannel:
        old = self.channels.pop(identity, None)
        if old is not None:
            old.replaced()
            await old.close()
        channel = DeviceChannel(identity, await self.inventory.transport(identity))
        await channel.start()
        self.channels[identity] = channel
        log.info("serving device %s", identity)
        return channel

    async def _end(self, channel: DeviceChannel) -> None:
        if self.channels.get(channel.identity) is channel:
            del self.channels[channel.identity]
        await channel.close()

    async def _relay(self, channel: DeviceChannel, reader: asyncio.StreamReader,
                     link: _Link) -> None:
        loop = asyncio.get_running_loop()
        while True:
            kind, body = await wire.read_frame(reader)
            link.last_seen = loop.time()
            if kind is Kind.DATA:
                await channel.from_app(*wire.offset_body(body))
            elif kind is Kind.PING:
                channel.out.acknowledge(wire.offset_body(body)[0])
            elif kind is Kind.CLOSE:
                return await self._end(channel)

    async def _heartbeat(self, channel: DeviceChannel, fp: str, link: _Link) -> None:
        loop = asyncio.get_running_loop()
        while True:
            link.send(wire.ping(channel.received))
            await asyncio.sleep(self.heartbeat_s)
            if self.pins.name_of(fp) is None:
                log.info("dropping a link: its pairing was revoked")
                link.send(wire.message(Kind.CLOSE, reason="pairing revoked"))
                link.writer.close()
                return await self._end(channel)
            if loop.time() - link.last_seen > self.dead_after_s:
                log.info("dropping a silent link; the reader's session is kept")
                link.writer.transport.abort()
                return


@dataclass
class _Link:
    writer: asyncio.StreamWriter
    last_seen: float

    def send(self, frame: bytes) -> None:
        """A link the other end dropped takes nothing more (its channel lives on)."""
        if not self.writer.is_closing():
            self.writer.write(frame)


def _reply(writer: asyncio.StreamWriter, **fields: Any) -> None:
    writer.write(wire.message(Kind.REPLY, **fields))
