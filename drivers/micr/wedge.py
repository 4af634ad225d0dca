"""Mini MICR and MICRSafe that type the MICR line: keyboard wedge (99875074), USB keyboard
(99875371) and the MICRSafe's USB HID keyboard interface (99875466).

The reader types the raw line and Enter, like a very fast keyboard. While a scan waits, the
UI's key filter feeds every keystroke here: a line that arrives at reader speed and holds the
transit symbols of the selected raw format is a check (kept if a scan waits, dropped if not:
never typed into a field); anything else is a person typing and goes back to the focused
field. The MICRSafe also takes commands in a 24-byte HID feature
report (command 7, "Send Legacy Command": ``FC0002<CR>``), so ``MicrSafeHidReader`` sets the
raw format before each scan, as the serial driver does; a keyboard wedge has no way back
from the host, so its format is set once with MagTek's Insta-Change check or MICRbase.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from drivers.capture import DeviceInfo, DeviceKind
from drivers.check.reader import CheckReader, ScannedCheck
from drivers.errors import DeviceError, DeviceTimeout
from drivers.micr.commands import DEFAULT_FORMAT, RawFormat
from drivers.parsers.micr import SYMBOL_SETS, Symbol, parse_micr
from drivers.parsers.wedge import END_KEYS, MACHINE_SPEED_S, Keystroke, median_gap
from drivers.transports.hid import HidBackend
from drivers.transports.iothread import io_thread

FEATURE_SIZE = 24
SEND_LEGACY_COMMAND = 7  # 99875466 "Send Legacy Command Command"
SUCCESS = 0


@dataclass(frozen=True)
class MicrKeys:
    """What the key filter does with a finished line: ``captured`` lines are the check's and
    never reach a field; others are replayed (``text``) into the focused field."""

    captured: bool
    text: str = field(default="", repr=False)


def legacy_command(command: bytes) -> bytes:
    """A Send Legacy Command feature report: [7][length][command, zero-filled to 22]."""
    if len(command) > FEATURE_SIZE - 2:
        raise ValueError("a legacy command is at most 22 bytes per report")
    return bytes([SEND_LEGACY_COMMAND, len(command)]) + command.ljust(FEATURE_SIZE - 2, b"\0")


def result_code(response: bytes) -> int:
    """The first byte of a command response: 0 success, 1 failure, 2 bad parameter."""
    return response[0] if response else -1


class MicrWedgeReader(CheckReader):
    def __init__(self, *, raw_format: RawFormat = DEFAULT_FORMAT, address: str = "wedge:micr",
                 model: str = "MagTek Mini MICR (keyboard)") -> None:
        self.format = raw_format
        self.info = DeviceInfo(address, DeviceKind.CHECK_SCANNER, model)
        self._keys: list[Keystroke] = []
        self._lines: asyncio.Queue[str] = asyncio.Queue()
        self.waiting = False

    def feed(self, char: str, at: float) -> MicrKeys | None:
        """One keystroke from the key filter; a decision once the line ends."""
        if char not in END_KEYS:
            self._keys.append(Keystroke(char, at))
            return None
        keys, self._keys = self._keys, []
        text = "".join(k.char for k in keys)
        if not self._is_check(keys, text):
            return MicrKeys(False, text)
        if self.waiting:  # a check with no scan waiting is dropped, never typed into a field
            self._lines.put_nowait(text)
        return MicrKeys(True)

    def flush(self, now: float, idle_s: float = 0.3) -> None:
        """The key filter's idle tick: a line left without its Enter is not kept."""
        if self._keys and now - self._keys[-1].at >= idle_s:
            self._keys = []

    def _is_check(self, keys: list[Keystroke], text: str) -> bool:
        transit = [ch for ch, s in SYMBOL_SETS[self.format.symbols].items()
                   if s is Symbol.TRANSIT]
        return median_gap(keys) < MACHINE_SPEED_S and text.count(transit[0]) >= 2

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def prepare(self) -> None:
        """Before a scan: nothing a keyboard wedge can be told."""

    async def scan(self, timeout_s: float = 30.0) -> ScannedCheck:
        while not self._lines.empty():
            self._lines.get_nowait()  # a check typed before this scan is not for it
        await self.prepare()
        self.waiting = True
        try:
            line = await asyncio.wait_for(self._lines.get(), timeout_s)
        except TimeoutError:
            raise DeviceTimeout("No check went through the reader in time. Pass the check "
                                "through, then scan again.") from None
        finally:
            self.waiting = False
        return ScannedCheck(parse_micr(line, self.format.symbols), raw_line=line)


class MicrSafeHidReader(MicrWedgeReader):
    """The MICRSafe on USB: keystrokes for data, the HID feature report for ``FC``."""

    def __init__(self, backend: HidBackend, vendor_id: int, product_id: int, *,
                 raw_format: RawFormat = DEFAULT_FORMAT) -> None:
        super().__init__(raw_format=raw_format, address=f"hid:{vendor_id:04x}:{product_id:04x}",
                         model="MagTek MICRSafe (USB)")
        self.backend, self.ids = backend, (vendor_id, product_id)

    async def prepare(self) -> None:
        report = legacy_command(self.format.format_change())
        code = await io_thread("hid").run(self._command, report)
        if code != SUCCESS:
            raise DeviceError("The check reader did not accept the format command (result "
                              f"code {code}). Reconnect it and try again.")

    def _command(self, report: bytes) -> int:
        """Set Report, then Get Report for the answer (the device holds the Set Report
        until the command is done, 99875466 "Commands"); report ID 0 as hidapi wants."""
        try:
            handle = self.backend.open(*self.ids, "")
        except OSError:
            raise DeviceError("The check reader is not connected. Check the USB cable."
                              ) from None
        try:
            handle.send_feature_report(b"\0" + report)
            return result_code(handle.get_feature_report(0, FEATURE_SIZE + 1)[1:])
        finally:
            handle.close()
