"""A DynaFlex simulator behind the fake HID backend: the device's side of MMS, byte for byte.

It is a ``DeviceHandle`` like hidapi's (``read(size, timeout_ms)``, ``write``, ``close``), so
the driver above runs unchanged over ``HidTransport``. Scenarios are data: one script per
Start Transaction (the last repeats); a step waits ``delay`` ticks, then sends a notification
or does an action. Cards are public test cards; the encrypted data uses the sandbox's
published test scheme (``drivers/sim_cards.py``), so only the sandbox can read it.
"""

from __future__ import annotations

import collections
import enum
import time
from dataclasses import dataclass

from drivers.dynaflex import mms
from drivers.dynaflex.mms import Command, Detail, Message, MsgType, Notice, Tech
from drivers.parsers import tlv
from drivers.parsers.tlv import Tlv
from drivers.sim_cards import TEST_KSN, TEST_PAN, sandbox_encrypt
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo

PRODUCT_ID = 0x2020
SERIAL = "B0SIMDF1"


class Act(enum.Enum):
    ARQC = "arqc"              # the ARQC notification for the card in ``card``
    AWAIT_ANSWER = "await"     # online: wait for Resume Transaction (Quick Chip: go on)
    DONE = "done"              # batch data, then transaction complete
    UNPLUG = "unplug"          # reads fail from now on, like a pulled cable
    NOISE = "noise"            # stray reports: unknown packet type, a cancelled message
    PIN = "pin"                # the reader shows ENTER PIN (a UI display message)
    CUT_MESSAGE = "cut"        # a head and middle packet, then a cancel packet


@dataclass(frozen=True)
class Card:
    card_type: int = 0x05       # DFDF52 (see arqc.CARD_TYPES)
    service_code: str = "201"
    fallback: bool = False
    readable: bool = True


@dataclass(frozen=True)
class Step:
    delay: int
    act: Act | tuple[int, int]  # an action, or a (technology, detail) status notification
    card: Card = Card()


def _status(tech: int, detail: int, delay: int = 1) -> Step:
    return Step(delay, (tech, detail))


CHIP, TAP, SWIPE = Card(0x05), Card(0x06), Card(0x01, "101")
_online = [Step(1, Act.AWAIT_ANSWER), Step(1, Act.DONE)]
CHIP_FLOW = [_status(Tech.CONTACT, Detail.INSERTED), Step(1, Act.PIN), Step(2, Act.ARQC, CHIP),
             *_online]
SWIPE_FLOW = [_status(Tech.MSR, Detail.SWIPED), Step(1, Act.ARQC, SWIPE), *_online]
SCENARIOS: dict[str, list[list[Step]]] = {
    "approved_chip": [CHIP_FLOW],
    "contactless": [[_status(Tech.CONTACTLESS, Detail.DETECTED), Step(1, Act.ARQC, TAP),
                     *_online]],
    "swipe": [SWIPE_FLOW],
    "chip_failure_fallback": [[_status(Tech.CONTACT, Detail.INSERTED),
                               _status(Tech.MSR, Detail.SWIPED, 2),
                               Step(1, Act.ARQC, Card(0x01, "201", fallback=True)), *_online]],
    # A chip card swiped: the reader's kernel sees service code 2xx and asks for the chip
    # itself (its display), so the host sees the swipe, then the insertion.
    "chip_card_swiped": [[_status(Tech.MSR, Detail.SWIPED), *CHIP_FLOW]],
    "card_removed_early": [[_status(Tech.CONTACT, Detail.INSERTED),
                            _status(Tech.CONTACT, Detail.REMOVED, 2)]],
    "bad_read": [[_status(Tech.MSR, Detail.SWIPED), Step(1, Act.ARQC, Card(readable=False))],
                 SWIPE_FLOW],
    "timeout": [[]],
    "device_unplugged": [[_status(Tech.CONTACT, Detail.INSERTED), Step(2, Act.UNPLUG)]],
    "noisy_line": [[Step(0, Act.NOISE), Step(0, Act.CUT_MESSAGE), CHIP_FLOW[0],
                    Step(0, Act.NOISE), *CHIP_FLOW[1:]]],
}


def arqc_message(card: Card, amount: bytes) -> bytes:
    """An ARQC laid out as MagTek's sample (length, F9 {DFDF54, DFDF55, DFDF25, FA {70 {...,
    F8 {DFDF59, DFDF56, DFDF57, DFDF58}}}}, MAC)."""
    ksn = TEST_KSN.hex().upper()
    masked = f";{TEST_PAN[:6]}{'*' * 6}{TEST_PAN[-4:]}=3012{'*' * 16}?"
    track2 = f";{TEST_PAN}=3012{card.service_code}0000000000000?"
    secret = sandbox_encrypt(track2.encode(), ksn) if card.readable else b""
    pad = 0  # a stream scheme needs no block padding (TDES-CBC would pad to 8)
    f8 = [Tlv("DFDF59", secret + bytes(pad)), Tlv("DFDF56", TEST_KSN),
          Tlv("DFDF57", b"\x80"), Tlv("DFDF58", bytes([pad]))]
    clear = [Tlv("82", bytes.fromhex("1980")), Tlv("DFDF53", bytes([card.fallback])),
             Tlv("DFDF4D", masked.encode()), Tlv("DFDF52", bytes([card.card_type]))]
    if card.card_type != 0x01:
        clear += [Tlv("9F02", amount), Tlv("9F26", bytes.fromhex("1A2B3C4D5E6F7081")),
                  Tlv("9F27", b"\x80"), Tlv("95", bytes(5)), Tlv("9F36", bytes.fromhex("0031")),
                  Tlv("4F", bytes.fromhex("A0000000031010")), Tlv("50", b"VISA CREDIT")]
    clear.append(Tlv("F8", tlv.encode(f8), tuple(f8)))
    t70 = Tlv("70", tlv.encode(clear), tuple(clear))
    fa = Tlv("FA", tlv.encode([t70]), (t70,))
    f9_items = [Tlv("DFDF54", TEST_KSN), Tlv("DFDF55", b"\x82"), Tlv("DFDF25", SERIAL.encode()),
                fa]
    body = tlv.encode([Tlv("F9", tlv.encode(f9_items), tuple(f9_items))])
    return len(body).to_bytes(2, "big") + body + bytes(7) + bytes.fromhex("5A1B2C3D")


def batch_message(answer_code: bytes, amount: bytes) -> bytes:
    final = [Tlv("8A", answer_code), Tlv("9F27", b"\x40" if answer_code == b"00" else b"\x00"),
             Tlv("9F02", amount)]
    body = tlv.encode([Tlv("70", tlv.encode(final), tuple(final))])
    return len(body).to_bytes(2, "big") + body


class DynaFlexSimulator(FakeHidDevice):
    """The device end: answers requests, plays the scenario's steps as time passes."""

    def __init__(self, scenario: str, *, tick_s: float = 0.01) -> None:
        super().__init__(HidDeviceInfo(0x0801, PRODUCT_ID, SERIAL, "DynaFlex (simulated)"))
        self.scripts = SCENARIOS[scenario]
        self.tick_s = tick_s
        self.starts = 0
        self.requests: list[Message] = []
        self._in = mms.Reassembler()
        self._out: collections.deque[tuple[float, bytes]] = collections.deque()
        self._steps: collections.deque[Step] = collections.deque()
        self._next_at = 0.0
        self._waiting_answer = False
        self._answer: bytes | None = None
        self._amount = bytes(6)
        self._quick_chip = False

    # -- the handle interface -------------------------------------------------------------

    def read(self, size: int, timeout_ms: int) -> bytes:
        if self.unplugged:
            raise OSError("device disconnected")
        self._play()
        if self._out and self._out[0][0] <= time.monotonic():
            return self._out.popleft()[1][:size]
        return b""

    def write(self, data: bytes) -> None:
        if self.unplugged:
            raise OSError("device disconnected")
        self.written.append(data)
        message = self._in.feed(data[1:])  # byte 0 is the report ID
        if message is not None:
            self._request(mms.decode(message))

    # -- the device -----------------------------------------------------------------------

    def _send(self, message: Message, delay: float = 0.0) -> None:
        at = time.monotonic() + delay
        for packet in mms.packets(mms.encode(message)):
            self._out.append((at, packet))

    def _request(self, message: Message) -> None:
        self.requests.append(message)
        if message.type != MsgType.REQUEST:
            return
        self._send(mms.response(message.ref, message.id, b"\x01\x00\x00\x00"
                                if message.id == Command.START_TRANSACTION else bytes(4)))
        params = message.parameters()
        if message.id == Command.START_TRANSACTION:
            self._amount = tlv.find(mms.nested(params, "86"), "9F02") or bytes(6)
            options = tlv.find(params, "84") or b""
            self._quick_chip = len(options) == 2 and bool(options[1] & 0x80)
            script = self.scripts[min(self.starts, len(self.scripts) - 1)]
            self.starts += 1
            self._steps = collections.deque(script)
            self._next_at = time.monotonic()
            self._waiting_answer = False
        elif message.id == Command.RESUME_TRANSACTION:
            self._answer = tlv.find(mms.nested(params, "84"), "8A") or b"Z3"
            self._waiting_answer = False
        elif message.id == Command.CANCEL_TRANSACTION:
            self._steps.clear()
            self._waiting_answer = False

    def _notify(self, tech: int, detail: int, payload: bytes = b"") -> None:
        prefix = Notice.TRANSACTION_STATUS.to_bytes(2, "big") + bytes([tech]) + \
            detail.to_bytes(3, "big")
        self._send(mms.notification(Notice.TRANSACTION_STATUS, tech, detail,
                                    prefix + payload if payload else b""))

    def _play(self) -> None:
        now = time.monotonic()
        while self._steps and not self._waiting_answer:
            step = self._steps[0]
            if now < self._next_at + step.delay * self.tick_s:
                return
            self._steps.popleft()
            self._next_at = now
            self._do(step)

    def _do(self, step: Step) -> None:
        if isinstance(step.act, tuple):
            self._notify(*step.act)
        elif step.act is Act.ARQC:
            tech = {0x01: Tech.MSR, 0x06: Tech.CONTACTLESS}.get(step.card.card_type,
                                                              Tech.CONTACT)
            self._answer = None
            self._notify(tech, Detail.ARQC, arqc_message(step.card, self._amount))
        elif step.act is Act.AWAIT_ANSWER:
            self._waiting_answer = not self._quick_chip and self._answer is None
        elif step.act is Act.DONE:
            self._notify(Tech.CONTACT, Detail.BATCH, batch_message(
                self._answer or b"Z3", self._amount))
            self._send(mms.notification(Notice.TRANSACTION_COMPLETE, 0, 0))
        elif step.act is Act.PIN:
            self._send(mms.display_message("ENTER PIN"))
        elif step.act is Act.UNPLUG:
            self.unplugged = True
        elif step.act is Act.NOISE:
            self._out.append((0.0, bytes([0x07]) + bytes(63)))
            self._out.append((0.0, bytes([mms.TAIL, 5]) + b"\x01\x02\x03\x04\x05" + bytes(57)))
        elif step.act is Act.CUT_MESSAGE:
            cut = mms.packets(mms.encode(mms.notification(
                Notice.TRANSACTION_STATUS, Tech.CONTACT, Detail.BATCH, bytes(200))))
            for packet in (cut[0], cut[1], bytes([mms.CANCEL]) + bytes(63)):
                self._out.append((0.0, packet))


def simulator_backend(scenario: str, *, tick_s: float = 0.01,
                      ) -> tuple[FakeHidBackend, DynaFlexSimulator]:
    sim = DynaFlexSimulator(scenario, tick_s=tick_s)
    return FakeHidBackend([sim]), sim
