"""A transport over a blocking library: every call on that backend's one I/O thread.

Subclasses supply four blocking methods. ``_read_blocking`` must not wait: it returns what
the device has buffered, possibly nothing. The pump polls it and waits *on the event loop*
between empty polls, so one thread serves any number of ports without one port's read
timeout delaying another's write, and reads stay cancel-safe.

Polling is fast (1 ms backing off to 5 ms) while the device is talking or was just written
to, and slow (up to 100 ms) after two quiet seconds: devices answer what we send, and a
Citrix server runs this app once per desk, so idle ports must cost next to no CPU. A write
wakes the pump at once.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from typing import Protocol

from drivers.errors import DeviceDisconnected, DeviceNotFound, DeviceTimeout
from drivers.transports.base import ByteInbox, Transport
from drivers.transports.iothread import io_thread

log = logging.getLogger(__name__)
POLL_MIN_S = 0.001
POLL_ACTIVE_MAX_S = 0.005
POLL_IDLE_MAX_S = 0.1
ACTIVE_WINDOW_S = 2.0
OPEN_TIMEOUT_S = 10.0  # a Citrix-mapped COM port can hang in open; the loop must not


def _wake(waker: asyncio.Future[None]) -> None:
    if not waker.done():
        waker.set_result(None)


class ThreadedTransport(Transport):
    backend = "serial"  # which I/O thread: one per backend library

    def __init__(self, address: str) -> None:
        self.address = address
        self._io = io_thread(self.backend)
        self._inbox = ByteInbox()
        self._pump: asyncio.Task[None] | None = None
        self._open = False
        self._last_activity = 0.0
        self._waker: asyncio.Future[None] | None = None

    @abc.abstractmethod
    def _open_blocking(self) -> None: ...

    @abc.abstractmethod
    def _read_blocking(self) -> bytes: ...

    @abc.abstractmethod
    def _write_blocking(self, data: bytes) -> None: ...

    @abc.abstractmethod
    def _close_blocking(self) -> None: ...

    def assert_in_io_thread(self) -> None:
        self._io.assert_in_io_thread()

    def _gone(self) -> DeviceDisconnected:
        return DeviceDisconnected(f"The device at {self.address} was disconnected. Reconnect "
                                  "it, then start again; nothing was charged.")

    async def open(self) -> None:
        try:
            await asyncio.wait_for(self._io.run(self._open_blocking), OPEN_TIMEOUT_S)
        except TimeoutError:
            raise DeviceTimeout(f"The device at {self.address} did not respond when opened. "
                                "Unplug it and plug it back in.") from None
        self._open = True
        self._pump = asyncio.create_task(self._run_pump(), name=f"pump {self.address}")

    def _active(self) -> None:
        self._last_activity = asyncio.get_running_loop().time()
        if self._waker is not None:
            _wake(self._waker)

    async def _pause(self, delay: float) -> None:
        """Sleep ``delay`` unless a write wakes us first."""
        loop = asyncio.get_running_loop()
        self._waker = waker = loop.create_future()
        timer = loop.call_later(delay, _wake, waker)
        try:
            await waker
        finally:
            timer.cancel()

    async def _run_pump(self) -> None:
        loop = asyncio.get_running_loop()
        idle = POLL_MIN_S
        while True:
            try:
                data = await self._io.run(self._read_blocking)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # each library has its own unplug exception
                log.info("read from %s failed: %s", self.address, type(exc).__name__)
                self._open = False
                self._inbox.fail(self._gone())
                self.notify_lost()
                return
            if data:
                self._inbox.put(data)
                self._active()
                idle = POLL_MIN_S
                continue
            quiet = loop.time() - self._last_activity > ACTIVE_WINDOW_S
            await self._pause(idle)
            if loop.time() - self._last_activity < idle:
                idle = POLL_MIN_S  # woken by a write: an answer is coming
            else:
                idle = min(idle * 2, POLL_IDLE_MAX_S if quiet else POLL_ACTIVE_MAX_S)

    async def read(self, max_bytes: int = 4096) -> bytes:
        return await self._inbox.take(max_bytes)

    async def write(self, data: bytes) -> None:
        if not self._open:
            raise self._gone()
        try:
            await self._io.run(self._write_blocking, data)
            self._active()
        except Exception as exc:
            log.info("write to %s failed: %s", self.address, type(exc).__name__)
            raise self._gone() from None

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            await asyncio.gather(self._pump, return_exceptions=True)
            self._pump = None
        self._open = False
        await self._io.run(self._close_blocking)


class DeviceHandle(Protocol):
    """An open device in a handle-style library (hidapi and its fakes)."""

    def read(self, size: int, timeout_ms: int) -> bytes: ...   # b"" on timeout
    def write(self, data: bytes) -> None: ...
    def close(self) -> None: ...


class HandleTransport(ThreadedTransport):
    """A threaded transport whose backend hands out a ``DeviceHandle``; subclasses say how
    to open it, how much to read and what staff are told when it is not there."""

    read_size = 4096
    read_timeout_ms = 0
    not_found = "No device found at {address}. Check the USB cable."

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self._handle: DeviceHandle | None = None

    @abc.abstractmethod
    def _open_handle(self) -> DeviceHandle: ...

    def _open_blocking(self) -> None:
        self.assert_in_io_thread()
        try:
            self._handle = self._open_handle()
        except (OSError, ValueError, ImportError):
            raise DeviceNotFound(self.not_found.format(address=self.address)) from None

    def _read_blocking(self) -> bytes:
        self.assert_in_io_thread()
        assert self._handle is not None
        return self._handle.read(self.read_size, self.read_timeout_ms)

    def _write_blocking(self, data: bytes) -> None:
        self.assert_in_io_thread()
        assert self._handle is not None
        self._handle.write(data)

    def _close_blocking(self) -> None:
        self.assert_in_io_thread()
        if self._handle is not None:
            self._handle.close()
            self._handle = None
