"""What the payment service asks a reader for, and the interface every card reader offers."""

from __future__ import annotations

import abc
import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from desktop_app.domain import Money, Tender
from drivers.events import Emit


class DeviceKind(enum.Enum):
    CARD_READER = "card_reader"   # swipe-only or wedge readers
    PIN_PAD = "pin_pad"           # EMV chip/tap/swipe/keyed with PIN
    CHECK_SCANNER = "check_scanner"


class DeviceState(enum.Enum):
    IDLE = "idle"
    BUSY = "busy"
    REMOVED = "removed"


@dataclass(frozen=True)
class IssuerAnswer:
    """What the gateway said, for an EMV reader to finish the card's transaction.

    ``approved`` None is an ambiguous answer (timeout, unknown outcome): the reader is told
    the host was unreachable, never that the issuer approved. ``issuer_tlv`` carries the
    issuer's authentication data and scripts (91, 71, 72) as BER-TLV when the gateway returns
    them.
    """

    approved: bool | None
    issuer_tlv: bytes = field(default=b"", repr=False)


Authorize = Callable[[Tender], Awaitable[IssuerAnswer]]


@dataclass(frozen=True)
class CaptureRequest:
    """One card capture: the amount shown on the pad and how long to wait for the card."""

    amount: Money
    allow_chip: bool = True
    allow_contactless: bool = True
    allow_swipe: bool = True
    allow_keyed: bool = False
    card_timeout_s: float = 60.0
    max_bad_reads: int = 3
    # Online EMV: called with the ARQC tender; its answer goes back to the reader. None:
    # the reader completes by itself (Quick Chip) and the tender goes to the gateway after.
    authorize: Authorize | None = field(default=None, compare=False)

    @property
    def modes(self) -> str:
        flags = ((self.allow_chip, "C"), (self.allow_contactless, "T"),
                 (self.allow_swipe, "S"), (self.allow_keyed, "K"))
        return "".join(code for on, code in flags if on)


@dataclass(frozen=True)
class DeviceInfo:
    address: str
    kind: DeviceKind
    model: str
    state: DeviceState = DeviceState.IDLE


class CardReader(abc.ABC):
    """A device that can capture a card. ``capture`` must leave the device idle on any exit."""

    info: DeviceInfo

    @abc.abstractmethod
    async def open(self) -> None: ...

    @abc.abstractmethod
    async def capture(self, request: CaptureRequest, emit: Emit) -> Tender: ...

    @abc.abstractmethod
    async def close(self) -> None: ...
