"""MagTek Messaging Schema (MMS) as DynaFlex-family readers speak it over USB HID. Pure.

Sources: MagTek's MIT-licensed reference code github.com/MagTek-PaulDeignan/WebHID_Public
(``js/MagTek_WebAPI/API_mmsParse.js``: ``parseMMSPacket``, ``buildCmdsArray``,
``ParseMMSMessage``, the notification parsers; ``config/DeviceConfig.js``: IDs and report
lengths; the command strings in ``js/Demo_mmsHID.js`` and ``mmsAIDDemo.html``) and the
DynaFlex II Go programmer's manual D998200597 ("Messages"). See drivers/README.md for which
parts could not be confirmed publicly.

HID packets (64-byte reports, report ID 0 when writing):

====== ================================================= =================
type   layout                                            data per packet
====== ================================================= =================
00     single: ``00 [len] data`` zero-filled             up to 62 bytes
01     head:   ``01 [total length, 4 bytes BE] data``    59 bytes
02     middle: ``02 [packet number, 2 bytes BE] data``   61 bytes
03     tail:   ``03 [len] data`` zero-filled             up to 62 bytes
04     cancel: drop what was being reassembled           -
====== ================================================= =================

Messages: ``AA 00`` (start byte, framework version), then TLV ``81 04 [type][ref][id hi][id lo]``
(message information), then TLVs. Requests carry ``84 [len] [id hi][id lo] <parameter TLVs>``
(the command id again, then its parameters); responses and notifications carry ``82 04`` (the
operation status, or the notification's source and detail code) and ``84`` (payload).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from drivers.errors import ParseError
from drivers.parsers import tlv
from drivers.parsers.tlv import Tlv

REPORT_LEN = 0x40
START, VERSION = 0xAA, 0x00
SINGLE, HEAD, MIDDLE, TAIL, CANCEL = range(5)
MAX_MESSAGE = 64 * 1024  # a head packet announcing more is noise, not a message


class MsgType(enum.IntEnum):
    REQUEST = 0x01          # host to device
    RESPONSE = 0x02
    NOTIFICATION = 0x03
    FILE = 0x04
    DEVICE_REQUEST = 0x81   # device to host
    DEVICE_RESPONSE = 0x82
    DEVICE_NOTIFICATION = 0x83
    DEVICE_FILE = 0x84


class Command(enum.IntEnum):
    START_TRANSACTION = 0x1001
    RESUME_TRANSACTION = 0x1004
    CANCEL_TRANSACTION = 0x1008
    RESET_DEVICE = 0x1F01


class Notice(enum.IntEnum):
    TRANSACTION_STATUS = 0x0101   # 82 = [technology][3-byte detail]
    HOST_ACTION = 0x0103
    TRANSACTION_COMPLETE = 0x0105
    UI_DISPLAY_MESSAGE = 0x1803   # what the reader shows; text from byte 22 of the TLV data


UI_TEXT_OFFSET = 22  # API_mmsParse.js: hexToASCII(TLVData.substring(44))


def display_text(message: Message) -> str:
    """The text of a UI display message notification (layout before it unconfirmed)."""
    return tlv.encode(message.items)[UI_TEXT_OFFSET:].decode("ascii", "replace")


def display_message(text: str) -> Message:
    """A UI display notification whose text sits where the reference code reads it: 82
    (6 bytes) and 84's header (2) put the end of our 14-byte prefix at 22. Short texts only
    (a one-byte length)."""
    return Message(MsgType.DEVICE_NOTIFICATION, 0, Notice.UI_DISPLAY_MESSAGE,
                   (Tlv("82", bytes(4)), Tlv("84", bytes(14) + text.encode("ascii"))))


class Tech(enum.IntEnum):
    """First byte of 82 in a 0x0101 notification (API_mmsParse.js)."""

    DEVICE = 0x00
    MANUAL = 0x07
    MSR = 0x08
    CONTACT = 0x10
    CONTACTLESS = 0x20
    BARCODE = 0x30


class Detail:
    """Notification detail codes (bytes 1-3 of 82), as API_mmsParse.js names them."""

    SWIPED = 0x010100
    INSERTED = 0x010200
    REMOVED = 0x010300
    DETECTED = 0x010400
    COLLISION = 0x010500
    PIN_PAD_ERROR = 0x020601
    PIN_BLOCK_ERROR = 0x020602
    ARQC = 0x080202
    BATCH = 0x080302


class OpStatus(enum.IntEnum):
    """First byte of 82 in a response (API_mmsParse.js ``parseOpStatus``)."""

    OK = 0x00
    STARTED = 0x01
    OK_WARNINGS = 0x40
    STARTED_WARNINGS = 0x41
    FAILED_TO_START = 0x80
    FAILED = 0x81


@dataclass(frozen=True)
class Message:
    type: int
    ref: int
    id: int
    items: tuple[Tlv, ...] = field(default=(), repr=False)

    def get(self, tag: str) -> bytes | None:
        return next((t.value for t in self.items if t.tag == tag), None)

    @property
    def status(self) -> bytes:
        """Tag 82: operation status (responses) or source + detail (notifications)."""
        return self.get("82") or b""

    @property
    def payload(self) -> bytes:
        return self.get("84") or b""

    @property
    def ok(self) -> bool:
        return bool(self.status) and self.status[0] < 0x80

    @property
    def detail(self) -> int:
        return int.from_bytes(self.status[1:4], "big") if len(self.status) >= 4 else -1

    @property
    def tech(self) -> int:
        return self.status[0] if self.status else -1

    def parameters(self) -> tuple[Tlv, ...]:
        """A request's parameter TLVs: 84 holds the command id, then the TLVs."""
        body = self.payload
        if len(body) < 2 or int.from_bytes(body[:2], "big") != self.id:
            raise ParseError("Reader message", "request payload does not repeat its command",
                             0)
        return tlv.decode(body[2:], offset=2)


def nested(items: Sequence[Tlv], tag: str) -> tuple[Tlv, ...]:
    """TLVs inside a primitive-tagged container (MMS puts TLV lists in 84 and 86)."""
    value = next((t.value for t in items if t.tag == tag), b"")
    return tlv.decode(value)


def encode(message: Message) -> bytes:
    info = bytes([message.type, message.ref]) + message.id.to_bytes(2, "big")
    return bytes([START, VERSION]) + tlv.encode([Tlv("81", info), *message.items])


def decode(data: bytes) -> Message:
    """One reassembled message. Raises ``ParseError`` (position, never data) for anything else."""
    if len(data) < 8 or data[0] != START:
        raise ParseError("Reader message", "not an MMS message (no AA start byte)", 0)
    items = tlv.decode(data[2:], offset=2)
    if not items or items[0].tag != "81" or len(items[0].value) != 4:
        raise ParseError("Reader message", "no message information (81) after the header", 2)
    info = items[0].value
    return Message(info[0], info[1], int.from_bytes(info[2:4], "big"), items[1:])


def request(ref: int, command: int, parameters: Sequence[Tlv] = ()) -> Message:
    body = command.to_bytes(2, "big") + tlv.encode(parameters)
    return Message(MsgType.REQUEST, ref, command, (Tlv("84", body),))


def response(ref: int, command: int, status: bytes = bytes(4), payload: bytes = b"") -> Message:
    items = [Tlv("82", status)] + ([Tlv("84", payload)] if payload else [])
    return Message(MsgType.DEVICE_RESPONSE, ref, command, tuple(items))


def notification(notice: int, tech: int, detail: int, payload: bytes = b"") -> Message:
    status = bytes([tech]) + detail.to_bytes(3, "big")
    items = [Tlv("82", status)] + ([Tlv("84", payload)] if payload else [])
    return Message(MsgType.DEVICE_NOTIFICATION, 0, notice, tuple(items))


# -- HID packets ------------------------------------------------------------------------------

def packets(message: bytes, report_len: int = REPORT_LEN) -> list[bytes]:
    """A message cut into reports the way ``buildCmdsArray`` does it."""
    if len(message) <= report_len - 2:
        return [bytes([SINGLE, len(message)]) + message.ljust(report_len - 2, b"\0")]
    first = report_len - 5
    out = [bytes([HEAD]) + len(message).to_bytes(4, "big") + message[:first]]
    rest, number = message[first:], 1
    while len(rest) > report_len - 2:
        out.append(bytes([MIDDLE]) + number.to_bytes(2, "big") + rest[:report_len - 3])
        rest, number = rest[report_len - 3:], number + 1
    out.append(bytes([TAIL, len(rest)]) + rest.ljust(report_len - 2, b"\0"))
    return out


class Reassembler:
    """Feed reports; get whole messages. A cancel packet or a new head drops a partial one."""

    def __init__(self) -> None:
        self._buf: bytearray | None = None
        self._total = 0
        self.dropped = 0

    def feed(self, report: bytes) -> bytes | None:
        if not report:
            return None
        kind = report[0]
        if kind == SINGLE and len(report) >= 2:
            self._drop()
            return bytes(report[2:2 + report[1]])
        if kind == HEAD and len(report) >= 5:
            self._drop()
            self._total = int.from_bytes(report[1:5], "big")
            self._buf = bytearray(report[5:]) if 0 < self._total <= MAX_MESSAGE else None
            return None
        if kind == MIDDLE and self._buf is not None:
            self._buf += report[3:]
            if len(self._buf) > self._total:
                self._drop()
            return None
        if kind == TAIL and self._buf is not None and len(report) >= 2:
            data = bytes(self._buf + report[2:2 + report[1]])
            self._buf = None
            if len(data) != self._total:
                self.dropped += 1
                return None
            return data
        self._drop()
        return None

    def _drop(self) -> None:
        if self._buf is not None:
            self.dropped += 1
        self._buf = None
