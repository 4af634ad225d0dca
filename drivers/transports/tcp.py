"""``tcp:`` / ``tls:`` Ethernet terminals. asyncio sockets never block, so no I/O thread."""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from drivers.errors import DeviceDisconnected, DeviceNotFound
from drivers.transports.base import Transport

CONNECT_TIMEOUT_S = 5.0


class TcpTransport(Transport):
    def __init__(self, host: str, port: int, *, tls: bool = False) -> None:
        self.address = f"{'tls' if tls else 'tcp'}:{host}:{port}"
        self.host, self.port, self.tls = host, port, tls
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        context = ssl.create_default_context() if self.tls else None
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port, ssl=context), CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError):
            raise DeviceNotFound(f"No terminal answers at {self.address}. Check that it is "
                                 "switched on and on the network.") from None

    def _gone(self) -> DeviceDisconnected:
        return DeviceDisconnected(f"The terminal at {self.address} closed the connection. "
                                  "Check it is on, then start again; nothing was charged.")

    async def read(self, max_bytes: int = 4096) -> bytes:
        if self._reader is None:
            raise self._gone()
        try:
            data = await self._reader.read(max_bytes)
        except OSError:
            data = b""
        if not data:
            self.notify_lost()
            raise self._gone()
        return data

    async def write(self, data: bytes) -> None:
        if self._writer is None or self._writer.is_closing():
            raise self._gone()
        try:
            self._writer.write(data)
            await self._writer.drain()
        except OSError:
            raise self._gone() from None

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
            self._writer = None
