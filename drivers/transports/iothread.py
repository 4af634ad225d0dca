"""One I/O thread per blocking backend, as Electrum's DeviceMgr does with its hwd thread.

hidapi and libusb are not known to be thread-safe, and pyserial handles must not be shared
between threads either, so every call into a backend goes through that backend's single
worker thread. The asyncio loop awaits the result and never blocks; this also works on the
Windows proactor loop, which has no ``add_reader`` (hence no pyserial-asyncio).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class IoThread:
    """A single-thread executor that knows its own thread."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._ident: int | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"io-{name}",
                                            initializer=self._remember)

    def _remember(self) -> None:
        self._ident = threading.get_ident()

    def assert_in_io_thread(self) -> None:
        """Backends call this first, so a call from the wrong thread fails loudly in tests."""
        if threading.get_ident() != self._ident:
            raise AssertionError(f"must run on the {self.name} I/O thread, not "
                                 f"{threading.current_thread().name}")

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


_threads: dict[str, IoThread] = {}
_lock = threading.Lock()


def io_thread(backend: str) -> IoThread:
    """The process-wide thread for ``backend`` ("serial", "hid", "usb")."""
    with _lock:
        if backend not in _threads:
            _threads[backend] = IoThread(backend)
        return _threads[backend]
