"""A simulated PIN pad that speaks the real link layer and message set over a real port.

``PtyPort`` is the master side of a pty pair: the driver opens the slave with pyserial,
exactly as it would open ``/dev/ttyUSB0``. ``TcpPort`` is a loopback connection for the
Ethernet-terminal path. The pad logic is shared, so both exercise the same driver code.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import select
import threading
from collections.abc import Callable

from drivers.errors import ParseError
from drivers.link import ACK, NAK, FrameDecoder, Kind, encode_frame
from drivers.pinpad import messages as m
from drivers.pinpad.scenarios import SCENARIOS, Action, Step

log = logging.getLogger(__name__)
GARBAGE = b"\x00\xff noise \x03\x99"


class SimPort:
    """The simulator's end of the wire."""

    def __init__(self) -> None:
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue()  # b"" means closed

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class PtyPort(SimPort):
    """Master side of ``os.openpty()``; POSIX only (use ``TcpPort`` on Windows).

    Reads on a thread of its own rather than ``loop.add_reader``: under qasync the reader is
    a QSocketNotifier, which was seen to miss a pty's first bytes (the driver's frame went
    unacknowledged), and the device layer's rule is the same anyway: blocking I/O on threads.
    """

    def __init__(self) -> None:
        import tty  # POSIX only: importing it at module level would break Windows

        super().__init__()
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


class TcpPort(SimPort):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        super().__init__()
        self.writer = writer
        self._task = asyncio.create_task(self._pump(reader))

    async def _pump(self, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(4096):
                self.inbox.put_nowait(data)
        self.inbox.put_nowait(b"")

    def write(self, data: bytes) -> None:
        if not self.writer.is_closing():
            self.writer.write(data)

    def close(self) -> None:
        self._task.cancel()
        self.writer.close()


class PadSimulator:
    """Plays a scenario: ACKs every good frame, resends on NAK, follows its scripts."""

    def __init__(self, scenario: str, port: SimPort, *, tick_s: float = 0.01) -> None:
        if scenario not in SCENARIOS:
            raise KeyError(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}")
        self.scripts = SCENARIOS[scenario]
        self.port, self.tick_s = port, tick_s
        self.starts = 0
        self.reference = ""
        self.received: list[m.PadMessage] = []
        self._decoder = FrameDecoder()
        self._last = b""
        self._corrupt_next = False
        self._script: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    def start(self) -> PadSimulator:
        self.task = asyncio.create_task(self.run(), name="pad simulator")
        return self

    async def run(self) -> None:
        try:
            while data := await self.port.inbox.get():
                for event in self._decoder.feed(data):
                    self._on_event(event.kind, event.payload)
        finally:
            self.stop()

    def stop(self) -> None:
        """Unplug: the script and the reader stop at their next await; the port closes now."""
        for task in (self._script, self.task):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
        self.port.close()
        self.closed.set()

    async def wait_stopped(self) -> None:
        """After ``stop``: let the cancelled tasks finish, so none outlives the pad."""
        tasks = [t for t in (self._script, self.task)
                 if t is not None and t is not asyncio.current_task()]
        await asyncio.gather(*tasks, return_exceptions=True)

    def _on_event(self, kind: Kind, payload: bytes) -> None:
        if kind is Kind.NAK and self._last:
            self.port.write(self._last)
        elif kind is Kind.BAD_FRAME:
            self.port.write(bytes([NAK]))
        elif kind is Kind.FRAME:
            self.port.write(bytes([ACK]))
            try:
                self._on_message(m.decode(payload))
            except ParseError:
                log.info("simulator: ignoring an unknown message")

    def _on_message(self, message: m.PadMessage) -> None:
        self.received.append(message)
        if isinstance(message, m.StartTransaction):
            if message.reference != self.reference:  # a new capture plays from script 1
                self.reference, self.starts = message.reference, 0
            script = self.scripts[min(self.starts, len(self.scripts) - 1)]
            self.starts += 1
            self._play(script)
        elif isinstance(message, m.Cancel):
            self._play([(0, m.CardStatus(m.PadStatus.CANCELLED))])
        elif isinstance(message, m.Identify):
            self._send(m.Identity("FDP-SIM-PAD", "SIM0001", "1.0"))

    def _play(self, script: list[Step]) -> None:
        if self._script is not None:
            self._script.cancel()
        self._script = asyncio.create_task(self._steps(script))

    async def _steps(self, script: list[Step]) -> None:
        for delay, item in script:
            await asyncio.sleep(delay * self.tick_s)
            if item is Action.UNPLUG:
                self.stop()
                return
            if item is Action.GARBAGE:
                self.port.write(GARBAGE)
            elif item is Action.CORRUPT_NEXT:
                self._corrupt_next = True
            elif not isinstance(item, Action):
                self._send(item)

    def _send(self, message: m.PadMessage) -> None:
        frame = self._last = encode_frame(m.encode(message))
        if self._corrupt_next:
            self._corrupt_next = False
            frame = frame[:-1] + bytes([frame[-1] ^ 0x55])
        self.port.write(frame)


async def start_pty_simulator(scenario: str, *, tick_s: float = 0.01) -> tuple[str, PadSimulator]:
    """A running simulator and the ``serial:`` address of its pty slave."""
    port = PtyPort()
    sim = PadSimulator(scenario, port, tick_s=tick_s)
    return f"serial:{port.slave_path}", sim.start()


async def start_tcp_simulator(scenario: str, *, tick_s: float = 0.01,
                              ) -> tuple[str, asyncio.Server, list[PadSimulator]]:
    """An asyncio server on 127.0.0.1:0; each connection gets its own simulated terminal."""
    sims: list[PadSimulator] = []

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sims.append(PadSimulator(scenario, TcpPort(reader, writer), tick_s=tick_s).start())

    on_connect: Callable[[asyncio.StreamReader, asyncio.StreamWriter], None] = connected
    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    return f"tcp:{host}:{port}", server, sims
