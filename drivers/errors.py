"""Device errors: each message tells the person at the desk what to do next.

Messages never carry card data (PCI DSS 3.3.1 / 3.5.1): parsers report a position and a
reason, never the characters they choked on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.errors import FrontDeskError

if TYPE_CHECKING:
    from drivers.parsers.micr import MicrLine


class DeviceError(FrontDeskError):
    """A reader, PIN pad or scanner could not do what was asked."""


class AddressError(DeviceError, ValueError):
    """A device address in the settings is not one we understand."""


class DeviceNotFound(DeviceError):
    """Nothing answered at the configured address."""


class DeviceDisconnected(DeviceError):
    """The device went away (unplugged, powered off, Citrix session dropped the port)."""


class DeviceTimeout(DeviceError, TimeoutError):
    """A wait ran out: no card presented, no answer from the device."""


class DeviceBusy(DeviceError):
    """A transaction is already running on this device."""


class TransactionCancelled(DeviceError):
    """Staff (or the patient on the pad) cancelled; the device is back to idle."""


class CardRemovedEarly(DeviceError):
    """The chip card left the reader before the pad finished with it."""


class CardReadError(DeviceError):
    """The card could not be read after the allowed attempts."""


class LinkError(DeviceError):
    """The serial/TCP link kept failing (NAKs, bad checksums) after every retry."""


class ParseError(DeviceError, ValueError):
    """Bytes from a device that do not follow the format. Carries a position, never data."""

    def __init__(self, what: str, reason: str, position: int | tuple[int, ...] | None = None,
                 hint: str = "") -> None:
        positions = (position,) if isinstance(position, int) else (position or ())
        where = ""
        if positions:
            plural = "s" if len(positions) > 1 else ""
            where = f" at position{plural} " + ", ".join(str(p) for p in positions[:10])
        super().__init__(f"{what}: {reason}{where}" + (f". {hint}" if hint else ""))
        self.what = what
        self.reason = reason
        self.positions = positions

    @property
    def position(self) -> int | None:
        return self.positions[0] if self.positions else None


class TrackError(ParseError):
    """A magnetic-stripe track that is not ISO 7813."""


class TlvError(ParseError):
    """EMV data that is not valid BER-TLV."""


class MicrError(ParseError):
    """A MICR line we cannot trust: damaged characters, bad routing number.

    ``partial`` (a ``parsers.micr.MicrLine``, ``?`` where unreadable, or None) is what the
    line still says, for staff to correct; it is an attribute, never in the message or repr.
    """

    partial: MicrLine | None = None
