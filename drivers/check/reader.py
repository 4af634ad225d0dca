"""What every check reader gives: a ``ScannedCheck``, and the eCheck tender it makes.

A MICR-only reader (MagTek Mini MICR / MICRSafe) gives the MICR line; an image scanner gives
front and back images as well (``drivers/imaging``). Either way the tender is the one a
keyed check gives, so the payment service has one eCheck path. Images stay in memory: the
journal keeps none unless a setting says so (see drivers/README.md "Check images").
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from desktop_app.domain import BankAccount, Tender, TenderKind
from desktop_app.domain.check import CheckImages
from drivers.capture import DeviceInfo
from drivers.parsers.micr import MicrLine


@dataclass(frozen=True)
class CheckImage:
    """One side of a check as the scanner encoded it (TIFF G4 or JPEG)."""

    data: bytes = field(repr=False)
    media_type: str = "image/tiff"


@dataclass(frozen=True)
class ScannedCheck:
    micr: MicrLine
    front: CheckImage | None = None
    back: CheckImage | None = None
    raw_line: str = field(default="", repr=False)  # as the reader sent it, for MICRData

    @property
    def images(self) -> tuple[CheckImage, ...]:
        return tuple(i for i in (self.front, self.back) if i is not None)


class CheckReader(abc.ABC):
    """A device that reads checks. ``scan`` waits for one check, with a timeout; a damaged
    MICR line raises ``MicrError`` carrying what was read (``MicrError.partial``)."""

    info: DeviceInfo

    @abc.abstractmethod
    async def open(self) -> None: ...

    @abc.abstractmethod
    async def scan(self, timeout_s: float = 30.0) -> ScannedCheck: ...

    @abc.abstractmethod
    async def close(self) -> None: ...


def check_tender(bank: BankAccount, *, patient_present: bool,
                 images: CheckImages | None = None) -> Tender:
    """The same eCheck tender whether the check was scanned at the desk or keyed by phone;
    a scanned check's images ride along for the gateway."""
    kind = TenderKind.CHECK_PRESENT if patient_present else TenderKind.CHECK_NOT_PRESENT
    return Tender(kind, bank_account=bank, check_images=images)


def keyed_check(routing: str, account: str, check_number: str = "") -> Tender:
    """Patient not present: routing and account read out over the phone."""
    return check_tender(BankAccount(routing, account, check_number), patient_present=False)
