"""One reader's session on the bridge: it outlives a dropped link.

While no app is attached the channel keeps reading the reader and keeps what it said (the
reader's own bytes, in memory only, never logged), so the app that resumes the session gets
the transaction's outcome after reconnecting. A session nobody resumes is closed after
``KEEP_DETACHED_S``; a new session for the same reader replaces it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable

from drivers.bridge import wire
from drivers.bridge.wire import Kind, Outbox
from drivers.errors import DeviceError
from drivers.transports.base import Transport

log = logging.getLogger(__name__)
KEEP_DETACHED_S = 600.0
MAX_BACKLOG = 4 << 20  # a reader says kilobytes per transaction; more means nobody listens

Send = Callable[[bytes], None]


class DeviceChannel:
    def __init__(self, identity: str, transport: Transport) -> None:
        self.identity = identity
        self.transport = transport
        self.session = secrets.token_hex(16)
        self.out = Outbox()          # reader → app
        self.received = 0            # app → reader, bytes written to the reader
        self.gone: str | None = None
        self.detached_at: float | None = None
        self._send: Send | None = None
        self._pump: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.transport.open()
        self._pump = asyncio.create_task(self._read_reader(), name=f"bridge {self.identity}")

    async def _read_reader(self) -> None:
        try:
            while True:
                data = await self.transport.read()
                offset = self.out.append(data)
                if self._send is not None:
                    self._send(wire.data(offset, data))
                elif len(self.out) > MAX_BACKLOG:
                    raise DeviceError("backlog full")
        except DeviceError as exc:
            self.gone = "unplugged" if self.gone is None else self.gone
            log.info("reader %s: %s", self.identity, type(exc).__name__)
            if self._send is not None:
                self._send(wire.message(Kind.CLOSE, reason=self.gone))

    def attach(self, send: Send, app_received: int) -> None:
        """An app (re)attached: send what it lacks, then everything new as it comes."""
        backlog = self.out.since(app_received)
        self.out.acknowledge(app_received)
        self._send, self.detached_at = send, None
        if backlog:
            send(wire.data(app_received, backlog))
        if self.gone is not None:
            send(wire.message(Kind.CLOSE, reason=self.gone))

    def detach(self, send: Send) -> None:
        if self._send == send:  # bound methods: equal, not identical
            self._send = None
            self.detached_at = asyncio.get_running_loop().time()

    def replaced(self) -> None:
        """A new session took the reader: tell the old one's app, if still attached."""
        if self._send is not None:
            self._send(wire.message(Kind.CLOSE, reason="taken by another session"))
            self._send = None

    async def from_app(self, offset: int, payload: bytes) -> None:
        """The app's bytes for the reader, in order (the link's one reader calls this)."""
        new = wire.fresh(offset, payload, self.received)
        self.received += len(new)
        if new and self.gone is None:
            try:
                await self.transport.write(new)
            except DeviceError as exc:  # the pump reports the reader gone
                log.info("write to reader %s: %s", self.identity, type(exc).__name__)

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            await asyncio.gather(self._pump, return_exceptions=True)
        try:
            await self.transport.close()
        except (DeviceError, OSError) as exc:
            log.info("closing reader %s: %s", self.identity, type(exc).__name__)
