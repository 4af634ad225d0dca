"""A Mini MICR on the far end of a pty: the reader's side of 99875057, byte for byte.

It answers commands as the reader does (``FC`` with data switches the format, no reply;
``FC`` alone reports the current one; anything else ``?<CR>``) and, a few ticks after each
``FC``, sends the scenario's check in the current format, ended by CR: the driver sends
``FC`` before every scan, so this stands for staff passing the check through. Damaged
characters go out as ``?``, as the reader sends them. Test routing/account numbers only.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from drivers.micr.commands import CR, FACTORY_FORMAT, INVALID_COMMAND, RawFormat
from drivers.parsers.micr import MicrLine, encode_micr
from drivers.transports.pty import PtyPort


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
    def __init__(self, script: CheckScript, port: PtyPort, *, tick_s: float = 0.01,
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


async def start_simulator(scenario: str, *, tick_s: float = 0.01,
                          ) -> tuple[str, MiniMicrSimulator]:
    """A running simulator and the serial port the driver should open."""
    sim = MiniMicrSimulator(SCENARIOS[scenario], PtyPort(), tick_s=tick_s)
    return sim.port.slave_path, sim.start()
