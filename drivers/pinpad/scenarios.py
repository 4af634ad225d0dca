"""Named simulator scenarios: what a simulated pad answers to each StartTransaction.

A scenario is a list of scripts; the n-th StartTransaction of a session plays script n (the
last one repeats). Each step waits ``delay`` ticks, then sends a message or does an action.
Cards are public test cards; nothing here is real cardholder data.
"""

from __future__ import annotations

import enum

from drivers.parsers import tlv
from drivers.parsers.tlv import Tlv
from drivers.pinpad.messages import CardResult, CardStatus, Entry, PadMessage, PadStatus
from drivers.sim_cards import TEST_PAN


class Action(enum.Enum):
    UNPLUG = "unplug"              # the simulator closes its end, like a pulled cable
    GARBAGE = "garbage"            # line noise between frames
    CORRUPT_NEXT = "corrupt_next"  # next frame goes out with a bad LRC once (expects a NAK)


Step = tuple[int, PadMessage | Action]


def emv_data(entry: Entry, amount_cents: int = 12345) -> str:
    cvm = "420300" if entry is Entry.CHIP else "1F0302"
    items = [
        Tlv("5A", bytes.fromhex(TEST_PAN)), Tlv("57", bytes.fromhex(f"{TEST_PAN}D30122011234500F")),
        Tlv("5F24", bytes.fromhex("301231")), Tlv("5F20", b"DOE/JANE"),
        Tlv("9F02", bytes.fromhex(f"{amount_cents:012d}")),
        Tlv("9F26", bytes.fromhex("1A2B3C4D5E6F7081")),
        Tlv("9F27", b"\x80"), Tlv("95", bytes(5)), Tlv("9B", bytes.fromhex("E800")),
        Tlv("9F34", bytes.fromhex(cvm)), Tlv("9F36", bytes.fromhex("0031")), Tlv("9C", b"\x00"),
        Tlv("5F2A", bytes.fromhex("0840")), Tlv("4F", bytes.fromhex("A0000000031010")),
        Tlv("50", b"VISA CREDIT"), Tlv("9F12", b"VISA CREDIT"),
    ]
    return tlv.encode(items).hex().upper()


def keyed_data() -> str:
    """Keyed on the pad's keypad: PAN and expiry only (the pad keeps the CVV for the host
    request it builds; our message set does not carry it)."""
    return tlv.encode([Tlv("5A", bytes.fromhex(TEST_PAN)), Tlv("5F24", bytes.fromhex("301231"))]
                      ).hex().upper()


def swipe_tracks(service_code: str = "101") -> str:
    return (f"%B{TEST_PAN}^DOE/JANE^3012{service_code}0000000000000?"
            f";{TEST_PAN}=3012{service_code}0000000000000?")


def _s(status: PadStatus, delay: int = 1) -> Step:
    return (delay, CardStatus(status))


W, INS, TAP, SWP, READ, PIN, REM = (PadStatus.WAITING, PadStatus.INSERTED, PadStatus.TAPPED,
                                    PadStatus.SWIPED, PadStatus.READING, PadStatus.PIN_ENTRY,
                                    PadStatus.REMOVED)
CHIP = [_s(W, 0), _s(INS), _s(READ), _s(PIN), (2, CardResult(Entry.CHIP, emv_data(Entry.CHIP)))]
SWIPE = [_s(W, 0), _s(SWP), (1, CardResult(Entry.SWIPE, tracks=swipe_tracks()))]
FALLBACK = [_s(W, 0), _s(SWP), (1, CardResult(Entry.SWIPE, tracks=swipe_tracks("201")))]

SCENARIOS: dict[str, list[list[Step]]] = {
    "approved_chip": [CHIP],
    "contactless": [[_s(W, 0), _s(TAP), _s(READ),
                     (1, CardResult(Entry.TAP, emv_data(Entry.TAP)))]],
    "swipe": [SWIPE],
    "chip_failure_fallback": [[_s(W, 0), _s(INS), _s(READ), _s(PadStatus.CHIP_ERROR)],
                              FALLBACK],
    "keyed_on_pad": [[_s(W, 0), (3, CardResult(Entry.KEYED, keyed_data()))]],
    "chip_card_swiped": [FALLBACK, CHIP],  # a chip card swiped first: the host asks for the chip
    "card_removed_early": [[_s(W, 0), _s(INS), _s(READ), _s(REM)]],
    "bad_read": [[_s(W, 0), _s(SWP), (1, CardResult(Entry.SWIPE, tracks="%E?;E?"))], SWIPE],
    "timeout": [[_s(W, 0)]],
    "device_unplugged": [[_s(W, 0), _s(INS), (2, Action.UNPLUG)]],
    "noisy_line": [[(0, Action.GARBAGE), (0, Action.CORRUPT_NEXT), *CHIP[:2],
                    (0, Action.GARBAGE), *CHIP[2:]]],
}
