"""A Mini MICR on the far end of a pty: the reader's side of 99875057, byte for byte; and a
MICRSafe on the fake HID backend (99875466: feature-report commands, keystroke data).

It answers commands as the reader does (``FC`` with data switches the format, no reply;
``FC`` alone reports the current one; anything else ``?<CR>``) and, a few ticks after each
``FC``, sends the scenario's check in the current format, ended by CR: the driver sends
``FC`` before every scan, so this stands for staff passing the check through. Damaged
characters go out as ``?``, as the reader sends them. Test routing/account numbers only.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.micr.commands import CR, FACTORY_FORMAT, INVALID_COMMAND, RawFormat
from drivers.micr.wedge import FEATURE_SIZE, SEND_LEGACY_COMMAND
from drivers.parsers.micr import MicrLine, encode_micr
from drivers.transports.hid import FakeHidDevice, HidDeviceInfo
from drivers.transports.pty import PtyPort, SocketPort

MICRSAFE_PRODUCT = 0x0520  # simulator only: no public source lists the MICRSafe's PID


@dataclass(frozen=True)
class CheckScript:
    micr: MicrLine
    damaged: tuple[int, ...] = ()  # positions sent as ``?``

    def line(self, fmt: RawFormat) -> str:
        text = list(encode_micr(self.micr, fmt.symbols))
        for i in self.damaged:
            text[i] = "?"
        return fmt.render("".join(text))


GOOD = MicrLine("021000021", "1234567890", "1001")
SCENARIOS = {
    "check": CheckScript(GOOD),
    "check_damaged_micr": CheckScript(GOOD, damaged=(5, 17)),
    "check_bad_routing": CheckScript(MicrLine("021000022", "1234567890", "1001")),
}


class MiniMicrSimulator:
    def __init__(self, script: CheckScript, port: PtyPort | SocketPort, *, tick_s: float = 0.01,
                 feed_ticks: int = 3, start_format: RawFormat = FACTORY_FORMAT) -> None:
        self.script, self.port, self.tick_s = script, port, tick_s
        self.feed_ticks = feed_ticks
        self.format = start_format
        self.commands: list[str] = []
        self._buf = b""
        self._feed: asyncio.Task[None] | None = None
        self.task: asyncio.Task[None] | None = None

    def start(self) -> MiniMicrSimulator:
        self.task = asyncio.create_task(self._run(), name="Mini MICR simulator")
        return self

    async def _run(self) -> None:
        while data := await self.port.inbox.get():
            self._buf += data
            while CR in self._buf:
                line, _, self._buf = self._buf.partition(CR)
                self._command(line.decode("ascii", "replace").strip())

    def _command(self, text: str) -> None:
        self.commands.append(text)
        if text == "FC":
            self.port.write(self.format.code.encode() + CR)
        elif text.startswith("FC"):
            try:
                self.format = RawFormat(text[2:])
            except ValueError:
                self.port.write(INVALID_COMMAND.encode() + CR)
                return
            if self._feed is not None:
                self._feed.cancel()
            self._feed = asyncio.create_task(self._pass_check())
        else:
            self.port.write(INVALID_COMMAND.encode() + CR)

    async def _pass_check(self) -> None:
        await asyncio.sleep(self.feed_ticks * self.tick_s)
        self.port.write(self.script.line(self.format).encode("ascii") + CR)

    async def stop(self) -> None:
        for task in (self._feed, self.task):
            if task is not None:
                task.cancel()
        await asyncio.gather(*(t for t in (self._feed, self.task) if t is not None),
                             return_exceptions=True)
        self.port.close()


async def start_simulator(scenario: str, *, tick_s: float = 0.01, pty: bool | None = None,
                          ) -> tuple[str, MiniMicrSimulator]:
    """A running simulator and the serial port the driver should open: a pty where the OS
    has them, else (or with ``pty=False``) a loopback socket."""
    use_pty = hasattr(os, "openpty") if pty is None else pty
    port = PtyPort() if use_pty else await SocketPort().start()
    sim = MiniMicrSimulator(SCENARIOS[scenario], port, tick_s=tick_s)
    return port.slave_path, sim.start()


class MicrSafeSimulator(FakeHidDevice):
    """A MICRSafe on USB: feature-report commands in, the check typed as keystrokes out.

    ``keyboard`` stands for the operating system delivering the reader's keystrokes to the
    app's key filter; it is called on the event loop, 2 ms apart, like a fast keyboard.
    """

    def __init__(self, script: CheckScript, keyboard: Callable[[str, float], object], *,
                 feed_s: float = 0.03, refuse: bool = False) -> None:
        super().__init__(HidDeviceInfo(0x0801, MICRSAFE_PRODUCT, "SIMMICRSAFE", "MICRSafe"))
        self.script, self.keyboard, self.feed_s = script, keyboard, feed_s
        self.refuse = refuse  # SWC "ignore all commands": every command fails
        self.format = FACTORY_FORMAT
        self.commands: list[str] = []
        self._answer = bytes(FEATURE_SIZE)
        self._loop = asyncio.get_running_loop()

    def send_feature_report(self, data: bytes) -> None:
        self.written.append(data)
        report = data[1:]  # byte 0: the report ID hidapi sends
        if report[0] != SEND_LEGACY_COMMAND:
            self._answer = bytes([2]) + bytes(FEATURE_SIZE - 1)  # bad parameter
            return
        text = report[2:2 + report[1]].decode("ascii", "replace").strip()
        self.commands.append(text)
        try:
            if self.refuse:
                raise ValueError(text)
            self.format = RawFormat(text.removeprefix("FC"))
        except ValueError:
            self._answer = bytes([1]) + bytes(FEATURE_SIZE - 1)  # failure
            return
        self._answer = bytes(FEATURE_SIZE)
        self._loop.call_soon_threadsafe(self._loop.call_later, self.feed_s, self._type_check)

    def get_feature_report(self, report_id: int, size: int) -> bytes:
        return bytes([report_id]) + self._answer[:size - 1]

    def _type_check(self) -> None:
        start = time.monotonic()
        for i, ch in enumerate(self.script.line(self.format) + "\r"):
            self.keyboard(ch, start + i * 0.002)
