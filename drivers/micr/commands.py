"""The Mini MICR / MICRSafe command and message layer, pure (manuals 99875057, 99875466).

Commands are ASCII, ``[COMMAND][DATA]<CR>`` (99875057 "Command format"); ``FC`` with a
four-digit format selects how checks are sent (Appendix A). We only ever select a raw format
(``00xx``): the whole MICR line, which ``parsers/micr.py`` reads itself, instead of trusting
a reader-side parsed format. ``xx`` is the symbol set (00 ``T U $ -``, 01 ``t o a d``,
02 ``T O A D``); +16 collapses runs of spaces, +32 removes them. An unknown command is
answered ``?<CR>`` by default (SWC "Invalid command response"). With the SWC data-header
option a MICR message starts with ``C``; with "send status" it ends with ``/`` and a two-digit
status. Both are stripped here. Where the manuals stop (the message terminator on serial, the
MICRSafe USB product ID) ``resources/protocol/devices.json`` says so under ``mini_micr``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CR = b"\r"
SYMBOL_SETS = {0: "magtek_0000", 1: "magtek_0001", 2: "magtek_0002"}
INVALID_COMMAND = "?"
_RAW = re.compile(r"00([0-9]{2})")
_STATUS = re.compile(r"/([0-9]{2})$")
MAX_MESSAGE = 256  # a MICR line is at most ~65 characters; anything longer is line noise


def command(name: str, data: str = "") -> bytes:
    return f"{name}{data}".encode("ascii") + CR


@dataclass(frozen=True)
class RawFormat:
    """A raw format code, e.g. ``0002`` or ``0018`` (symbol set 02, single spaces)."""

    code: str = "0002"

    def __post_init__(self) -> None:
        match = _RAW.fullmatch(self.code)
        if match is None or int(match[1]) % 16 not in SYMBOL_SETS or int(match[1]) >= 48:
            raise ValueError(f"{self.code!r} is not a Mini MICR raw format (0000-0002, +16, +32)")

    @property
    def symbols(self) -> str:
        return SYMBOL_SETS[int(self.code[2:]) % 16]

    def format_change(self) -> bytes:
        return command("FC", self.code)

    def render(self, line: str) -> str:
        """How a reader in this format spaces a line (for the simulator)."""
        options = int(self.code[2:]) // 16
        if options & 2:
            return line.replace(" ", "")
        return re.sub(" +", " ", line) if options & 1 else line


DEFAULT_FORMAT = RawFormat("0002")
FACTORY_FORMAT = RawFormat("0000")  # what the simulator starts in; a real one: its settings


@dataclass(frozen=True)
class ReaderMessage:
    text: str
    status: str = ""  # the two-digit status when the reader appends one

    @property
    def refused(self) -> bool:
        return self.text == INVALID_COMMAND


class MessageSplitter:
    """Cuts the reader's byte stream into messages at CR, whatever the chunking; LF, NUL and
    other control bytes are dropped, non-ASCII bytes become ``?`` (unreadable)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[ReaderMessage]:
        self._buf += data
        out: list[ReaderMessage] = []
        while (end := self._buf.find(CR)) >= 0:
            raw = bytes(self._buf[:end])
            del self._buf[:end + 1]
            if message := _message(raw):
                out.append(message)
        if len(self._buf) > MAX_MESSAGE:
            self._buf.clear()
        return out


def _message(raw: bytes) -> ReaderMessage | None:
    text = "".join(chr(b) if 32 <= b < 127 else "?" for b in raw if b >= 32).strip()
    if not text:
        return None
    status = ""
    if match := _STATUS.search(text):
        status, text = match[1], text[:match.start()]
    if text.startswith("C") and len(text) > 1:
        text = text[1:]  # the data header: no raw symbol set uses C
    return ReaderMessage(text, status)
