"""The interface every transport implements, and the address it was opened from."""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Callable


class Transport(abc.ABC):
    """A bidirectional byte stream to one device.

    ``read`` returns as soon as some bytes arrived (never ``b""``); end of stream raises
    ``DeviceDisconnected``. Cancelling a pending ``read`` is safe and loses no bytes that
    were not yet returned.
    """

    address: str
    # Set by the manager: called once when the device goes away, even with no read pending,
    # so an idle reader that is unplugged shows as removed at once.
    on_lost: Callable[[], None] | None = None

    def notify_lost(self) -> None:
        callback, self.on_lost = self.on_lost, None
        if callback is not None:
            callback()

    @abc.abstractmethod
    async def open(self) -> None: ...

    @abc.abstractmethod
    async def read(self, max_bytes: int = 4096) -> bytes: ...

    @abc.abstractmethod
    async def write(self, data: bytes) -> None: ...

    @abc.abstractmethod
    async def close(self) -> None: ...

    @property
    def kind(self) -> str:
        return self.address.split(":", 1)[0]

    async def __aenter__(self) -> Transport:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class ByteInbox:
    """Bytes a backend pump received, waiting for ``Transport.read``.

    The pump owns the blocking read; ``read`` only waits on this inbox, so cancelling a
    ``read`` never loses bytes already taken from the device.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._ready = asyncio.Event()
        self._failure: BaseException | None = None

    def put(self, data: bytes) -> None:
        self._buf += data
        self._ready.set()

    def fail(self, error: BaseException) -> None:
        self._failure = error
        self._ready.set()

    async def take(self, max_bytes: int) -> bytes:
        while not self._buf:
            if self._failure is not None:
                raise self._failure
            self._ready.clear()
            await self._ready.wait()
        data = bytes(self._buf[:max_bytes])
        del self._buf[:max_bytes]
        return data
