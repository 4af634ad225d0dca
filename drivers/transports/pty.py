"""The device end of a serial cable for simulators: the master side of a pty pair, or on
Windows a loopback socket.

The driver opens the other end with pyserial, exactly as it would open ``/dev/ttyUSB0`` or
COM3, so a simulated serial device exercises the production transport byte for byte.
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


class SocketPort:
    """Where there are no ptys (Windows): a loopback socket the driver opens as pyserial's
    ``socket://127.0.0.1:port``, the same serial transport and bytes as a pty. Listens once
    ``await start()`` returns; the first connection is the cable."""

    def __init__(self) -> None:
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue()
        self.slave_path = ""
        self._server: asyncio.Server | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._pump: asyncio.Task[None] | None = None

    async def start(self) -> SocketPort:
        self._server = await asyncio.start_server(self._connected, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.slave_path = f"socket://127.0.0.1:{port}"
        return self

    def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._writer is not None:  # one cable: a second connection is refused
            writer.close()
            return
        self._writer = writer
        self._pump = asyncio.create_task(self._read(reader))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(4096):
                self.inbox.put_nowait(data)
        self.inbox.put_nowait(b"")

    def write(self, data: bytes) -> None:
        if self._writer is not None and not self._writer.is_closing():
            self._writer.write(data)

    def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
        if self._writer is not None:
            self._writer.close()
        if self._server is not None:
            self._server.close()
