"""``serial:`` ports through pyserial, every call on the one serial I/O thread.

Also covers ``rfc2217://`` and Citrix-mapped COM ports, which pyserial opens like any
other port. A short read timeout keeps the thread free for writes between polls.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from drivers.errors import DeviceDisconnected, DeviceNotFound
from drivers.transports.base import ByteInbox, Transport
from drivers.transports.iothread import io_thread

POLL_S = 0.01
log = logging.getLogger(__name__)


class SerialTransport(Transport):
    def __init__(self, port: str, *, baudrate: int = 9600) -> None:
        self.address = port if "://" in port else f"serial:{port}"
        self.port_name = port
        self.baudrate = baudrate
        self._io = io_thread("serial")
        self._port: Any = None
        self._inbox = ByteInbox()
        self._pump: asyncio.Task[None] | None = None

    def _open_blocking(self) -> Any:
        self._io.assert_in_io_thread()
        import serial  # pyserial: imported here so drivers import without it

        try:
            return serial.serial_for_url(self.port_name, baudrate=self.baudrate, timeout=POLL_S,
                                         write_timeout=2)
        except (serial.SerialException, OSError, ValueError) as exc:
            log.info("cannot open %s: %s", self.address, exc)
            raise DeviceNotFound(f"No device answers at {self.address}. Check that it is "
                                 "plugged in and that no other program is using the port."
                                 ) from None

    def _read_blocking(self) -> bytes:
        self._io.assert_in_io_thread()
        port = self._port
        data: bytes = port.read(max(1, port.in_waiting))
        if data and port.in_waiting:
            data += port.read(port.in_waiting)
        return data

    def _write_blocking(self, data: bytes) -> None:
        self._io.assert_in_io_thread()
        self._port.write(data)
        self._port.flush()

    def _close_blocking(self) -> None:
        self._io.assert_in_io_thread()
        if self._port is not None:
            with contextlib.suppress(Exception):
                self._port.close()

    async def open(self) -> None:
        self._port = await self._io.run(self._open_blocking)
        self._pump = asyncio.create_task(self._run_pump(), name=f"pump {self.address}")

    def _gone(self) -> DeviceDisconnected:
        return DeviceDisconnected(f"The device at {self.address} was disconnected. Reconnect "
                                  "it, then start again; nothing was charged.")

    async def _run_pump(self) -> None:
        while True:
            try:
                data = await self._io.run(self._read_blocking)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # pyserial raises SerialException/OSError on unplug
                log.info("read from %s failed: %s", self.address, type(exc).__name__)
                self._inbox.fail(self._gone())
                return
            if data:
                self._inbox.put(data)

    async def read(self, max_bytes: int = 4096) -> bytes:
        return await self._inbox.take(max_bytes)

    async def write(self, data: bytes) -> None:
        if self._port is None:
            raise self._gone()
        try:
            await self._io.run(self._write_blocking, data)
        except Exception as exc:
            log.info("write to %s failed: %s", self.address, type(exc).__name__)
            raise self._gone() from None

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            await asyncio.gather(self._pump, return_exceptions=True)
            self._pump = None
        await self._io.run(self._close_blocking)
        self._port = None
