"""The Mini MICR / MICRSafe driver on a serial port (``serial:COM3``, Citrix-mapped COM too).

Before each scan the driver sends ``FC`` with its raw format: someone may have changed the
format with an Insta-Change check since the last one, and a raw line is the only form our
parser reads without trusting the reader's own parsing. Then it waits for the check to be
passed through. A reader answering ``?`` to ``FC`` is not a Mini MICR in command mode.
"""

from __future__ import annotations

import asyncio
import contextlib

from drivers.capture import DeviceInfo, DeviceKind
from drivers.check.reader import CheckReader, ScannedCheck
from drivers.errors import DeviceError, DeviceTimeout
from drivers.micr.commands import DEFAULT_FORMAT, MessageSplitter, RawFormat, ReaderMessage
from drivers.parsers.micr import parse_micr
from drivers.transports.base import Transport

DRAIN_S = 0.02


class MiniMicrReader(CheckReader):
    def __init__(self, transport: Transport, *, raw_format: RawFormat = DEFAULT_FORMAT,
                 model: str = "MagTek Mini MICR") -> None:
        self.transport = transport
        self.format = raw_format
        self.info = DeviceInfo(transport.address, DeviceKind.CHECK_SCANNER, model)
        self._splitter = MessageSplitter()

    async def open(self) -> None:
        await self.transport.open()

    async def close(self) -> None:
        await self.transport.close()

    async def scan(self, timeout_s: float = 30.0) -> ScannedCheck:
        """One check through the reader. A damaged MICR line raises ``MicrError``."""
        await self._drain()
        await self.transport.write(self.format.format_change())
        try:
            message = await asyncio.wait_for(self._next_message(), timeout_s)
        except TimeoutError:
            raise DeviceTimeout("No check went through the reader in time. Pass the check "
                                "through, then scan again.") from None
        if message.refused:
            raise DeviceError("The check reader did not accept the format command. Check "
                              "that it is a MagTek Mini MICR or MICRSafe in RS-232 mode.")
        return ScannedCheck(parse_micr(message.text, self.format.symbols),
                            raw_line=message.text)

    async def _next_message(self) -> ReaderMessage:
        while True:
            for message in self._splitter.feed(await self.transport.read()):
                return message

    async def _drain(self) -> None:
        """A check passed through while nobody was waiting is not for this payment."""
        self._splitter = MessageSplitter()
        with contextlib.suppress(TimeoutError):
            while await asyncio.wait_for(self.transport.read(), DRAIN_S):
                pass
