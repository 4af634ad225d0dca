"""A USB check scanner driver, and the eCheck tender for scanned and keyed checks alike.

Wire format (what our simulated scanner speaks; a vendor SDK adapter maps onto it):
the host writes ``SCAN\\n``; the scanner answers with records ``type(1) length(4, big-endian)
body``: ``M`` MICR line (ASCII or UTF-8), ``F`` front image, ``B`` back image, ``E`` error
text, ``Z`` end of item. Images (PNG or TIFF) stay in memory; nothing is written to disk.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from desktop_app.domain import BankAccount, Tender, TenderKind
from drivers.capture import DeviceInfo, DeviceKind
from drivers.errors import DeviceError, DeviceTimeout, ParseError
from drivers.parsers.micr import MicrLine, parse_micr
from drivers.transports.base import Transport

SCAN_COMMAND = b"SCAN\n"
RECORD_TYPES = {b"M"[0]: "micr", b"F"[0]: "front", b"B"[0]: "back", b"E"[0]: "error",
                b"Z"[0]: "end"}
MAX_RECORD = 20_000_000


@dataclass(frozen=True)
class ScannedCheck:
    micr: MicrLine
    front_image: bytes = field(default=b"", repr=False)
    back_image: bytes = field(default=b"", repr=False)

    @property
    def image_type(self) -> str:
        return "image/png" if self.front_image.startswith(b"\x89PNG") else "image/tiff"


def encode_record(kind: str, body: bytes) -> bytes:
    return kind.encode("ascii") + len(body).to_bytes(4, "big") + body


def check_tender(bank: BankAccount, *, patient_present: bool) -> Tender:
    """The same eCheck tender whether the check was scanned at the desk or keyed by phone."""
    kind = TenderKind.CHECK_PRESENT if patient_present else TenderKind.CHECK_NOT_PRESENT
    return Tender(kind, bank_account=bank)


def keyed_check(routing: str, account: str, check_number: str = "") -> Tender:
    """Patient not present: routing and account read out over the phone."""
    return check_tender(BankAccount(routing, account, check_number), patient_present=False)


class RecordReader:
    """Splits the scanner's byte stream into records, whatever the USB chunking."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[tuple[str, bytes]]:
        self._buf += data
        out: list[tuple[str, bytes]] = []
        while len(self._buf) >= 5:
            kind = RECORD_TYPES.get(self._buf[0])
            length = int.from_bytes(self._buf[1:5], "big")
            if kind is None or length > MAX_RECORD:
                raise ParseError("Check scanner data", "unknown record")
            if len(self._buf) < 5 + length:
                break
            out.append((kind, bytes(self._buf[5:5 + length])))
            del self._buf[:5 + length]
        return out


class CheckScanner:
    def __init__(self, transport: Transport, *, model: str = "USB check scanner") -> None:
        self.transport = transport
        self.info = DeviceInfo(transport.address, DeviceKind.CHECK_SCANNER, model)

    async def open(self) -> None:
        await self.transport.open()

    async def close(self) -> None:
        await self.transport.close()

    async def scan(self, timeout_s: float = 30.0) -> ScannedCheck:
        """One check through the scanner. A damaged MICR line raises ``MicrError``."""
        await self.transport.write(SCAN_COMMAND)
        try:
            records = await asyncio.wait_for(self._records(), timeout_s)
        except TimeoutError:
            raise DeviceTimeout("No check was fed into the scanner in time. Feed the check, "
                                "then scan again.") from None
        if "error" in records:
            raise DeviceError("The scanner could not read the check (it reported a jam or "
                              "feed error). Clear it and scan again.")
        micr = parse_micr(records.get("micr", b"").decode("utf-8", "replace"))
        return ScannedCheck(micr, records.get("front", b""), records.get("back", b""))

    async def _records(self) -> dict[str, bytes]:
        reader, found = RecordReader(), dict[str, bytes]()
        while True:
            for kind, body in reader.feed(await self.transport.read()):
                if kind == "end":
                    return found
                found[kind] = body
