"""MagTek-style USB HID swipe reader (vendor ID 0x0801): one fixed-size report per swipe.

Report layout as we implement it (non-encrypting MagTek HID swipe readers; check the
offsets against the model's technical reference before adding a new product ID):

====== ====== ==========================================
Offset Size   Field
====== ====== ==========================================
0..2   3      decode status, tracks 1-3 (0 = decoded)
3..5   3      data length, tracks 1-3
6      1      card encode type
7      110    track 1 data (ASCII, sentinels included)
117    110    track 2 data
227    110    track 3 data (ignored)
====== ====== ==========================================

Encrypting models (masked tracks + KSN + encrypted blob) need their own report parser; the
blob is passed through opaque and never decrypted here.
"""

from __future__ import annotations

import asyncio

from desktop_app.domain import Tender, TenderKind, ValidationError
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceKind
from drivers.errors import CardReadError, DeviceTimeout, ParseError
from drivers.events import DeviceEventKind, Emit
from drivers.parsers.tracks import Swipe, parse_swipe
from drivers.transports.base import Transport

MAGTEK_VENDOR_ID = 0x0801
SUPPORTED_PRODUCTS = {0x0001: "MagTek USB swipe reader (HID)",
                      0x0002: "MagTek USB swipe reader (HID)"}
TRACK_FIELD = 110
REPORT_SIZE = 7 + 3 * TRACK_FIELD


def encode_report(track1: str = "", track2: str = "", *, bad: tuple[int, ...] = ()) -> bytes:
    """A report as the reader sends it; used by the fake backend and tests."""
    tracks = [track1.encode("ascii"), track2.encode("ascii"), b""]
    status = bytes(1 if n + 1 in bad else 0 for n in range(3))
    lengths = bytes(0 if n + 1 in bad else len(t) for n, t in enumerate(tracks))
    body = b"".join(t.ljust(TRACK_FIELD, b"\x00") for t in tracks)
    return status + lengths + b"\x00" + body


def tracks_from_report(report: bytes) -> str:
    """The swipe text (track 1 then track 2), with ``%E?``/``;E?`` for undecoded tracks."""
    if len(report) < REPORT_SIZE:
        raise ParseError("Card reader report", "shorter than a MagTek swipe report")
    text = ""
    for n, sentinel in ((0, "%"), (1, ";")):
        length = min(report[3 + n], TRACK_FIELD)
        start = 7 + n * TRACK_FIELD
        data = report[start:start + length].decode("ascii", "replace")
        if report[n] != 0 or not length:
            text += f"{sentinel}E?"
        else:
            text += data if data.startswith(sentinel) else f"{sentinel}{data}?"
    return text


class MagtekHidReader(CardReader):
    def __init__(self, transport: Transport, model: str = "MagTek USB swipe reader (HID)"):
        self.transport = transport
        self.info = DeviceInfo(transport.address, DeviceKind.CARD_READER, model)
        self._buf = bytearray()

    async def open(self) -> None:
        await self.transport.open()

    async def close(self) -> None:
        await self.transport.close()

    async def _report(self) -> bytes:
        while len(self._buf) < REPORT_SIZE:
            self._buf += await self.transport.read()
        report = bytes(self._buf[:REPORT_SIZE])
        del self._buf[:REPORT_SIZE]
        return report

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
            try:
                swipe = parse_swipe(tracks_from_report(report))
                if isinstance(swipe, Swipe):
                    return Tender(TenderKind.SWIPE, card=swipe.card_data())
            except (ParseError, ValidationError):
                pass
            emit(DeviceEventKind.BAD_READ, "Card could not be read; swipe again")
        raise CardReadError("The card could not be read after several swipes. Try another "
                            "card or key it.")
