"""The device end of a serial cable for simulators: the master side of a pty pair.

The driver opens the slave with pyserial, exactly as it would open ``/dev/ttyUSB0`` or COM3,
so a simulated serial device exercises the production transport byte for byte.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import threading


class PtyPort:
    """Master side of ``os.openpty()``; POSIX only. ``inbox`` gets what the driver wrote
    (``b""`` once closed).

    Reads on a thread of its own rather than ``loop.add_reader``: under qasync the reader is
    a QSocketNotifier, which was seen to miss a pty's first bytes (the driver's frame went
    unacknowledged), and the device layer's rule is the same anyway: blocking I/O on threads.
    """

    def __init__(self) -> None:
        import tty  # POSIX only: importing it at module level would break Windows

        self.inbox: asyncio.Queue[bytes] = asyncio.Queue()
        self.master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no CR/LF translation: bytes pass as they are
        self.slave_path = os.ttyname(slave)
        self._slave = slave  # held open so the pty survives until the driver opens it
        self._loop = asyncio.get_running_loop()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._read_forever, daemon=True,
                                        name=f"sim-pty {self.slave_path}")
        self._thread.start()

    def _read_forever(self) -> None:
        master = self.master
        while not self._closed.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                data = os.read(master, 4096) if ready else None
            except OSError:
                data = b""
            if data is None:
                continue
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is listening
                self._loop.call_soon_threadsafe(self.inbox.put_nowait, data)
            if not data:
                return

    def write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, data)

    def close(self) -> None:
        if self.master < 0:
            return
        self._closed.set()
        self._thread.join(timeout=1)
        for fd in (self.master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.master = -1
