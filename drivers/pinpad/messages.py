"""The PIN-pad message set: ASCII fields separated by FS (0x1C), inside link-layer frames.

==== ========= ================= ===============================================================
Code Direction Name              Fields
==== ========= ================= ===============================================================
T01  host→pad  StartTransaction  amount in cents; ISO 4217 numeric currency; entry modes allowed
                                 (C chip, T tap, S swipe, K keyed on the pad); capture reference
                                 (the same for every restart within one capture, e.g. fallback)
T02  host→pad  Cancel            (none): the pad drops the card session and goes idle
T03  host→pad  Display           prompt text, at most 32 characters
T04  host→pad  Identify          (none): used to probe a port for a pad
I01  pad→host  Identity          model; serial number; firmware version
S01  pad→host  CardStatus        one of ``PadStatus``
R01  pad→host  CardResult        entry (C, T, S, K); EMV/keyed data as BER-TLV in hex;
                                 track text for swipes (empty otherwise)
E01  pad→host  PadError          error code; short text for the log
==== ========= ================= ===============================================================

The pad runs the EMV kernel and takes the PIN itself: no message carries a PIN or PIN block.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from drivers.errors import ParseError

FS = "\x1c"
CURRENCY_NUMERIC = {"USD": "840", "CAD": "124", "EUR": "978", "GBP": "826", "MXN": "484"}


def currency_code(alpha: str) -> str:
    """ISO 4217 numeric code, as EMV tag 5F2A and the pad expect it."""
    return CURRENCY_NUMERIC.get(alpha, "840")


class PadStatus(enum.Enum):
    WAITING = "WAITING"        # prompting insert / tap / swipe
    INSERTED = "INSERTED"
    TAPPED = "TAPPED"
    SWIPED = "SWIPED"
    READING = "READING"
    PIN_ENTRY = "PIN_ENTRY"
    REMOVED = "REMOVED"
    CHIP_ERROR = "CHIP_ERROR"  # the chip could not be read: EMV fallback to swipe is allowed
    CANCELLED = "CANCELLED"    # cancelled on the pad, or acknowledging our Cancel


class Entry(enum.Enum):
    CHIP = "C"
    TAP = "T"
    SWIPE = "S"
    KEYED = "K"


@dataclass(frozen=True)
class StartTransaction:
    amount_cents: int
    currency: str = "840"
    modes: str = "CTS"
    reference: str = ""


@dataclass(frozen=True)
class Cancel:
    pass


@dataclass(frozen=True)
class Display:
    text: str


@dataclass(frozen=True)
class CardStatus:
    status: PadStatus


@dataclass(frozen=True)
class CardResult:
    entry: Entry
    tlv_hex: str = field(default="", repr=False)
    tracks: str = field(default="", repr=False)


@dataclass(frozen=True)
class PadError:
    code: str
    text: str = ""


@dataclass(frozen=True)
class Identify:
    pass


@dataclass(frozen=True)
class Identity:
    model: str
    serial_number: str = ""
    firmware: str = ""


PadMessage = (StartTransaction | Cancel | Display | CardStatus | CardResult | PadError
              | Identify | Identity)


def encode(message: PadMessage) -> bytes:
    match message:
        case StartTransaction(amount, currency, modes, reference):
            fields = ["T01", str(amount), currency, modes, reference]
        case Cancel():
            fields = ["T02"]
        case Display(text):
            fields = ["T03", text[:32]]
        case CardStatus(status):
            fields = ["S01", status.value]
        case CardResult(entry, tlv_hex, tracks):
            fields = ["R01", entry.value, tlv_hex, tracks]
        case PadError(code, text):
            fields = ["E01", code, text]
        case Identify():
            fields = ["T04"]
        case Identity(model, serial_number, firmware):
            fields = ["I01", model, serial_number, firmware]
    return FS.join(fields).encode("ascii")


def _bad(reason: str) -> ParseError:
    return ParseError("PIN pad message", reason)


def _start(f: list[str]) -> StartTransaction:
    if len(f) != 4 or not f[0].isdigit() or not f[0].isascii() or not f[1].isdigit():
        raise _bad("start transaction needs amount, currency, modes and reference")
    return StartTransaction(int(f[0]), f[1], f[2], f[3])


def _result(f: list[str]) -> CardResult:
    if len(f) != 3:
        raise _bad("card result needs entry, data and tracks")
    try:
        entry = Entry(f[0])
    except ValueError:
        raise _bad("unknown entry mode") from None
    return CardResult(entry, f[1], f[2])


def _status(f: list[str]) -> CardStatus:
    try:
        return CardStatus(PadStatus(f[0] if len(f) == 1 else "?"))
    except ValueError:
        raise _bad("unknown card status") from None


def decode(payload: bytes) -> PadMessage:
    """Raises ``ParseError`` for anything outside the table, never quoting the payload."""
    try:
        text = payload.decode("ascii")
    except UnicodeDecodeError:
        raise _bad("not ASCII") from None
    code, *f = text.split(FS)
    if code == "T01":
        return _start(f)
    if code == "T02" and not f:
        return Cancel()
    if code == "T03" and len(f) == 1:
        return Display(f[0])
    if code == "S01":
        return _status(f)
    if code == "R01":
        return _result(f)
    if code == "E01" and len(f) == 2:
        return PadError(f[0], f[1])
    if code == "T04" and not f:
        return Identify()
    if code == "I01" and len(f) == 3:
        return Identity(f[0], f[1], f[2])
    raise _bad("unknown message or wrong field count")
