"""MagTek USB HID swipe readers (vendor ID 0x0801): one fixed-size input report per swipe.

Two report layouts, both from MagTek's manuals (PDFs in github.com/jscherff/gomagtek, docs/):

Non-encrypting USB HID swipe reader, product 0x0002 (manual 99875191, "Card data"), 337 bytes:

====== ====== ==========================================================
Offset Size   Field
====== ====== ==========================================================
0..2   3      decode status, tracks 1-3: bit 0 set = decode error
3..5   3      data length, tracks 1-3 (0 on error or no data)
6      1      card encode type (0 ISO/ABA, 1 AAMVA, 2 CADL, 3 blank, 4 other,
              5 undetermined, 6 none)
7      110    track 1 data, ASCII, start sentinel through end sentinel
117    110    track 2 data
227    110    track 3 data
====== ====== ==========================================================

MagneSafe V5 encrypting HID reader, products 0x0011 (swipe) and 0x0013 (insert) (manual
99875475, "Input report"), 887 bytes: the tracks TDES-CBC encrypted under DUKPT (3 x 112
bytes from 7), card status 343, MagnePrint status 344-347, MagnePrint length 348 and data
349-476, device serial 477-492 (NUL-terminated ASCII), reader encryption status 493-494,
DUKPT KSN 495-504, masked track lengths 505-507, masked tracks 508-843 (3 x 112), encrypted
session ID 844-851, absolute lengths 852-855, encryption counter 856-858, MagneSafe version
859-866, hashed track 2 867-886. The encrypted fields go to the gateway opaque as an
``EncryptedCard``; nothing here decrypts.

Product 0x0001 is keyboard-emulation mode (99875475, "USB"): it types, it sends no such
report, so it is not in this list; the ``wedge:`` reader serves it.
"""

from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass, field

from desktop_app.domain import EncryptedCard, Tender, TenderKind, ValidationError
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind
from drivers.errors import CardReadError, DeviceError, DeviceTimeout, ParseError
from drivers.events import DeviceEventKind, Emit
from drivers.parsers.tracks import Swipe, parse_swipe
from drivers.transports.base import Transport

MAGTEK_VENDOR_ID = 0x0801
SWIPE_PRODUCT = 0x0002
MAGNESAFE_PRODUCTS = {0x0011: "MagTek MagneSafe V5 swipe reader (HID)",
                      0x0013: "MagTek MagneSafe V5 insert reader (HID)"}
SUPPORTED_PRODUCTS = {SWIPE_PRODUCT: "MagTek USB HID swipe reader", **MAGNESAFE_PRODUCTS}
TRACK_FIELD = 110
REPORT_SIZE = 7 + 3 * TRACK_FIELD  # 337
V5_TRACK_FIELD = 112
V5_REPORT_SIZE = 887
# The scheme named to the gateway for MagneSafe V5 (TDES DUKPT, data key variant): data.
MAGNESAFE_SCHEME = "MagTek-TDES-DUKPT"


class EncodeType(enum.IntEnum):
    ISO_ABA = 0
    AAMVA = 1
    CADL = 2
    BLANK = 3
    OTHER = 4
    UNDETERMINED = 5
    NONE = 6


@dataclass(frozen=True)
class SwipeReport:
    """A decoded 337-byte report: the good tracks' text; undecoded tracks listed in ``bad``."""

    tracks: dict[int, str] = field(repr=False)
    bad: tuple[int, ...]
    encode_type: EncodeType | int

    def swipe_text(self) -> str:
        """Tracks 1-3 as a wedge reader would type them, ``%E?``/``;E?`` for bad ones."""
        out = ""
        for n, sentinel in ((1, "%"), (2, ";")):
            if n in self.tracks:
                out += self.tracks[n]
            elif n in self.bad:
                out += f"{sentinel}E?"
        return out + self.tracks.get(3, "")


def _encode_type(value: int) -> EncodeType | int:
    try:
        return EncodeType(value)
    except ValueError:
        return value


def decode_report(report: bytes) -> SwipeReport:
    if len(report) < REPORT_SIZE:
        raise ParseError("Card reader report", "shorter than a MagTek swipe report",
                         len(report))
    tracks: dict[int, str] = {}
    bad: list[int] = []
    for n in (1, 2, 3):
        length = min(report[2 + n], TRACK_FIELD)
        start = 7 + (n - 1) * TRACK_FIELD
        if report[n - 1] & 0x01:
            bad.append(n)
        elif length:
            tracks[n] = report[start:start + length].decode("ascii", "replace")
    return SwipeReport(tracks, tuple(bad), _encode_type(report[6]))


def encode_report(track1: str = "", track2: str = "", track3: str = "", *,
                  bad: tuple[int, ...] = (), encode_type: int = EncodeType.ISO_ABA) -> bytes:
    """A 337-byte report as the reader sends it (simulator and tests)."""
    tracks = [t.encode("ascii") for t in (track1, track2, track3)]
    status = bytes(1 if n + 1 in bad else 0 for n in range(3))
    lengths = bytes(0 if n + 1 in bad else len(t) for n, t in enumerate(tracks))
    body = b"".join((b"" if n + 1 in bad else t).ljust(TRACK_FIELD, b"\x00")
                    for n, t in enumerate(tracks))
    return status + lengths + bytes([encode_type]) + body


def tracks_from_report(report: bytes) -> str:
    return decode_report(report).swipe_text()


# -- MagneSafe V5 ------------------------------------------------------------------------

ENC_STATUS_KEYS_EXHAUSTED = 0x0001
ENC_STATUS_KEY_INJECTED = 0x0002
ENC_STATUS_ENCRYPTING = 0x0004


def _ascii(data: bytes) -> str:
    return data.split(b"\x00", 1)[0].decode("ascii", "replace")


def _v5_track(report: bytes, base: int, n: int, length_at: int) -> bytes:
    length = min(report[length_at + n - 1], V5_TRACK_FIELD)
    start = base + (n - 1) * V5_TRACK_FIELD
    return report[start:start + length]


def decode_magnesafe(report: bytes, scheme: str = MAGNESAFE_SCHEME) -> EncryptedCard:
    """The 887-byte report as an ``EncryptedCard``. A reader that is not encrypting (no key
    injected) sends clear data in the encrypted fields: that is refused, never charged."""
    if len(report) < V5_REPORT_SIZE:
        raise ParseError("Card reader report", "shorter than a MagneSafe V5 report",
                         len(report))
    status = int.from_bytes(report[493:495], "big")
    if status & ENC_STATUS_KEYS_EXHAUSTED:
        raise DeviceError("The card reader's encryption keys are used up. It must go back "
                          "to the key-injection facility; use another reader meanwhile.")
    if not (status & ENC_STATUS_KEY_INJECTED and status & ENC_STATUS_ENCRYPTING):
        raise DeviceError("The card reader is not encrypting (no key injected). It must be "
                          "key-injected for this gateway before it can take cards.")
    if report[1] & 0x01 or not report[4]:
        raise ParseError("Encrypted swipe", "track 2 was not decoded")
    masked2 = _v5_track(report, 508, 2, 505).decode("ascii", "replace")
    try:
        return EncryptedCard(format=scheme, masked_track2=masked2,
                             ksn=report[495:505].hex().upper(),
                             encrypted_track2=_v5_track(report, 7, 2, 3).hex().upper(),
                             encrypted_track1=_v5_track(report, 7, 1, 3).hex().upper(),
                             device_serial=_ascii(report[477:493]))
    except ValidationError as exc:
        raise ParseError("Encrypted swipe", str(exc)) from None


def encode_magnesafe(*, masked_track1: str, masked_track2: str, encrypted_track1: bytes,
                     encrypted_track2: bytes, ksn: bytes, device_serial: str,
                     encryption_status: int = ENC_STATUS_KEY_INJECTED | ENC_STATUS_ENCRYPTING,
                     bad: tuple[int, ...] = (), magneprint: bytes = b"") -> bytes:
    """An 887-byte MagneSafe V5 report (simulator and tests)."""
    report = bytearray(V5_REPORT_SIZE)
    encrypted = (encrypted_track1, encrypted_track2, b"")
    masked = (masked_track1.encode("ascii"), masked_track2.encode("ascii"), b"")
    for n in range(3):
        ok = n + 1 not in bad
        report[n] = 0 if ok else 1
        report[3 + n] = len(encrypted[n]) if ok else 0
        report[505 + n] = len(masked[n]) if ok else 0
        if ok:
            report[7 + n * 112:7 + n * 112 + len(encrypted[n])] = encrypted[n]
            report[508 + n * 112:508 + n * 112 + len(masked[n])] = masked[n]
    report[6] = EncodeType.ISO_ABA
    report[344:348] = bytes.fromhex("A1050000")  # MagnePrint-capable, revision bits (99875475)
    report[348] = len(magneprint)
    report[349:349 + len(magneprint)] = magneprint
    report[477:477 + len(device_serial)] = device_serial.encode("ascii")
    report[493:495] = encryption_status.to_bytes(2, "big")
    report[495:505] = ksn
    return bytes(report)


class MagtekHidReader(CardReader):
    """A MagTek HID swipe reader; ``report_size`` says which layout (337 or 887 bytes)."""

    def __init__(self, transport: Transport, model: str = SUPPORTED_PRODUCTS[SWIPE_PRODUCT],
                 *, report_size: int = REPORT_SIZE, scheme: str = MAGNESAFE_SCHEME) -> None:
        self.transport = transport
        self.info = DeviceInfo(transport.address, DeviceKind.CARD_READER, model)
        self.report_size = report_size
        self.scheme = scheme
        self._buf = bytearray()

    @classmethod
    def for_product(cls, transport: Transport, product_id: int) -> MagtekHidReader:
        size = V5_REPORT_SIZE if product_id in MAGNESAFE_PRODUCTS else REPORT_SIZE
        return cls(transport, SUPPORTED_PRODUCTS.get(product_id, "MagTek HID reader"),
                   report_size=size)

    async def open(self) -> None:
        await self.transport.open()

    async def close(self) -> None:
        await self.transport.close()

    async def _report(self) -> bytes:
        while len(self._buf) < self.report_size:
            self._buf += await self.transport.read()
        report = bytes(self._buf[:self.report_size])
        del self._buf[:self.report_size]
        return report

    def _tender(self, report: bytes) -> Tender | None:
        """The tender, or None for a bad read (ask for another swipe)."""
        try:
            if self.report_size == V5_REPORT_SIZE:
                return Tender(TenderKind.SWIPE, encrypted=decode_magnesafe(report, self.scheme))
            swipe = parse_swipe(decode_report(report).swipe_text())
            if isinstance(swipe, Swipe):
                return Tender(TenderKind.SWIPE, card=swipe.card_data())
        except (ParseError, ValidationError):
            pass
        return None

    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender:
        self._buf.clear()
        for _ in range(request.max_bad_reads):
            emit(DeviceEventKind.WAITING_FOR_CARD, "Swipe the card")
            try:
                report = await asyncio.wait_for(self._report(), request.card_timeout_s)
            except TimeoutError:
                raise DeviceTimeout("No card was swiped in time. Start the payment again when "
                                    "the patient is ready.") from None
            emit(DeviceEventKind.READING, "Card swiped")
            tender = self._tender(report)
            if tender is not None:
                return tender
            emit(DeviceEventKind.BAD_READ, "Card could not be read; swipe again")
        raise CardReadError("The card could not be read after several swipes. Try another "
                            "card or key it.")
